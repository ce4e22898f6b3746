//! Ingest: raw sources in, `content/<id>.md` articles out.
pub mod decode;
pub mod dedupe;
pub mod draft;
pub mod fixes;
pub mod html;
pub mod layout;
pub mod mend;
pub mod punct;
pub mod segment;
pub mod shape;
pub mod sidecar;
pub mod text;

use crate::cli::IngestArgs;
use std::path::Path;
use std::process::ExitCode;

pub fn run(_root: &Path, _args: &IngestArgs) -> crate::error::Result<ExitCode> {
    Err(crate::error::Error::Other(
        "ingest: not yet implemented".into(),
    ))
}
