//! Plain data shared by every stage: articles, their blocks, translations.
//! Parsing from text lives here; no stage-specific logic, no I/O beyond what
//! a caller hands in.

mod article;
mod block;
mod companion;
pub mod date;
pub mod figure;
mod glossary;
mod id;
pub mod link;
mod text;
mod translation;

pub use article::{Article, Author, DateBasis, FrontMatter, IngestRecord, line_of_key, split_front_matter};
pub use block::{Block, BlockKind, BlockNo, fingerprint, split_blocks};
pub use companion::{Companions, misnamed_message};
pub use glossary::{Glossary, Term};
pub use id::ArticleId;
pub use text::{compact, edit_distance, one_line};
pub use translation::{
    RawSlot, SOURCE_COMMENT, Segments, Slot, Translation, TranslationFront, TranslationStatus,
    escape_comment, joined_comment, parse_joined_comment, parse_marker, parse_review_comment,
    parse_reviewed_comment, parse_source_comment, review_comment, reviewed_comment, source_comment,
    strip_comments, unescape_comment,
};
