//! Stage 1–2: a source's bytes in, its text out, with the sidecar, the
//! editorial fixes and the warnings about its companions.

use super::{decode, sidecar};
use crate::error::{Diagnostic, Result};
use crate::fs_util::display_path;
use crate::ingest::fixes::Fixes;
use crate::model::{Companions, misnamed_message};
use std::path::Path;

/// A source's text with what comes with it: encoding, sidecar, fixes, and
/// the warnings about them.
pub(super) struct ReadSource {
    pub(super) text: String,
    pub(super) encoding: &'static encoding_rs::Encoding,
    pub(super) sidecar: sidecar::Sidecar,
    pub(super) fixes: Fixes,
    pub(super) warnings: Vec<Diagnostic>,
}

/// Decodes the bytes (in the sidecar's encoding, if it names one) and
/// reads the fixes; warns about a missing or misnamed companion.
pub(super) fn read_source(
    path: &Path,
    bytes: &[u8],
    sidecar: Option<sidecar::Sidecar>,
    root: &Path,
) -> Result<ReadSource> {
    let shown_path = display_path(path, root);
    let named = sidecar.as_ref().and_then(|s| s.encoding.as_deref()).and_then(decode::named_encoding);
    let (text, encoding) = decode::decode(bytes, named).map_err(|e| e.located(&shown_path))?;
    let mut warnings = Vec::new();
    if sidecar.is_none() {
        warnings.push(Diagnostic::warning(
            None,
            format!(
                "{}: no sidecar {}: publication unknown, dates take their year from the text or edition.toml",
                shown_path.display(),
                sidecar::sidecar_path(&shown_path).display()
            ),
        ));
    }
    warnings.extend(misnamed_companions(path, root));
    let fixes = Fixes::read(path, text.lines().count())?;
    Ok(ReadSource { text, encoding, sidecar: sidecar.unwrap_or_default(), fixes, warnings })
}

/// A warning for each companion of `path` under the other spelling
/// (`x.txt.toml`): it is not read, and the editor should know.
fn misnamed_companions(path: &Path, root: &Path) -> Vec<Diagnostic> {
    Companions::misnamed(path)
        .into_iter()
        .filter(|(wrong, _)| wrong.is_file())
        .map(|(wrong, right)| {
            let message = misnamed_message(&display_path(&right, root));
            Diagnostic::warning(None, format!("{}: {message}", display_path(&wrong, root).display()))
        })
        .collect()
}

/// The path written into `source = "…"`: the real file, relative to the
/// edition's root, however the command line named it (an article's id is
/// tied to its source by this name).
pub(super) fn source_name(path: &Path, root: &Path) -> String {
    let real = std::fs::canonicalize(path).ok();
    let real_root = std::fs::canonicalize(root).ok();
    let relative = match (&real, &real_root) {
        (Some(real), Some(real_root)) if real.starts_with(real_root) => {
            real.strip_prefix(real_root).unwrap_or(real)
        }
        _ => path.strip_prefix(root).unwrap_or(path),
    };
    let name = crate::fs_util::slash_path(relative);
    name.strip_prefix("./").unwrap_or(&name).to_string()
}
