//! Which files ingest reads: the sources named on the command line, and the
//! `.txt`, `.html` and `.htm` files in the folders named, all inside the
//! edition's `sources/`. A named link is read only if it stays there, and
//! then as the file it points to; a folder's links and hidden files (which the build ignores) are skipped, each
//! with a note.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The files to ingest, sorted, and a note for each thing skipped.
#[derive(Debug, Default)]
pub struct Selection {
    pub files: Vec<PathBuf>,
    pub notes: Vec<String>,
}

/// Where the files may be, and how to name them in messages.
pub struct Bounds<'a> {
    /// The edition's folder, as given with `-C`.
    pub root: &'a Path,
    pub shown: &'a dyn Fn(&Path) -> PathBuf,
}

pub fn source_files(paths: &[PathBuf], bounds: &Bounds<'_>) -> Result<Selection> {
    let sources = bounds.root.join("sources");
    let real_sources = std::fs::canonicalize(&sources).ok();
    let mut selection = Selection::default();
    for path in paths {
        let shown = (bounds.shown)(path);
        let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, e))?;
        let real = std::fs::canonicalize(path).map_err(|e| Error::io(&shown, e))?;
        if !real_sources.as_ref().is_some_and(|s| real.starts_with(s)) {
            return Err(outside(path, &shown, &real, bounds.root));
        }
        if meta.is_file() {
            if is_hidden(path) {
                return Err(Error::file(
                    &shown,
                    "the name starts with '.', so the file is hidden and the build ignores it: rename it to ingest it",
                ));
            }
            selection.files.push(read_through_link(path, &real, bounds.root));
        } else {
            walk(path, bounds, &mut selection)?;
        }
    }
    selection.files.sort();
    selection.files.dedup();
    Ok(selection)
}

/// A link is read as the file it points to (its sidecar and fixes are
/// that file's), named from the edition's folder.
fn read_through_link(path: &Path, real: &Path, root: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let real_root = std::fs::canonicalize(root).ok();
    match real_root.as_deref().and_then(|r| real.strip_prefix(r).ok()) {
        Some(relative) if is_link => root.join(relative),
        _ => path.to_path_buf(),
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// The error for a path that leads out of `sources/`.
fn outside(path: &Path, shown: &Path, real: &Path, root: &Path) -> Error {
    let in_edition = std::fs::canonicalize(root).is_ok_and(|r| real.starts_with(r));
    let place = if in_edition { "outside sources/" } else { "outside the edition" };
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let message = if is_link {
        format!("a link to {}, {place}: copy the file into sources/ if you mean it", real.display())
    } else if real.is_dir() {
        format!("{place}: ingest reads sources from the edition's sources/ folder")
    } else {
        format!("{place}: copy the file into sources/ and ingest it from there")
    };
    Error::file(shown, message)
}

fn walk(dir: &Path, bounds: &Bounds<'_>, selection: &mut Selection) -> Result<()> {
    let mut entries = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    while let Some(entry) = entries.next() {
        let entry = entry.map_err(|e| Error::file((bounds.shown)(dir), e.to_string()))?;
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let is_source = matches!(ext, "txt" | "html" | "htm");
        let kind = entry.file_type();
        if entry.depth() > 0 && is_hidden(path) {
            if kind.is_dir() {
                entries.skip_current_dir();
            }
            if kind.is_dir() || is_source {
                selection.notes.push(format!(
                    "{}: hidden (the name starts with '.'), skipped as the build skips it",
                    (bounds.shown)(path).display()
                ));
            }
        } else if kind.is_symlink() {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            selection.notes.push(format!(
                "{}: a link to {target}, skipped: ingest does not follow links in a folder (name a link to a file in sources/ to read it)",
                (bounds.shown)(path).display()
            ));
        } else if kind.is_file() && is_source {
            selection.files.push(path.to_path_buf());
        }
    }
    Ok(())
}
