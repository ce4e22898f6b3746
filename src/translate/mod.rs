//! The translator's tools: `duizhao translate` (article ids in, translation
//! files written or updated) and `duizhao status` (the edition in, coverage
//! per article out). The file format rules live in [`skeleton`](mod@skeleton), the counting
//! in [`crate::pair::coverage`].

pub mod skeleton;
pub mod status;

pub use skeleton::{
    Accept, Edits, Report, edit, fill, parse_accept, parse_blocks, replace, skeleton, update,
};
