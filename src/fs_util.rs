//! Small file helpers every stage may use: paths in, text or files out.
//! Language codes, article ids, reading with errors that name the file,
//! writing atomically, `/`-separated paths, symbolic links that leave the
//! edition. Loading a whole edition is [`crate::site::load`]'s job.

use crate::config::Edition;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Checks a language code before it becomes a path component.
pub fn check_lang(lang: &str) -> Result<()> {
    if lang.is_empty()
        || lang.len() > 16
        || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        || lang.starts_with('-')
    {
        return Err(Error::Other(format!("language \"{lang}\" is not a language code like `en` or `pt-br`")));
    }
    Ok(())
}

/// The ids of `content/*.md`, sorted, without parsing the files.
pub fn article_ids(edition: &Edition) -> Result<Vec<String>> {
    Ok(markdown_files(&edition.content_dir())?
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .collect())
}

/// `*.md` files directly in `dir`, sorted; none if `dir` does not exist.
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// The text of `path`, or `None` if there is no such file; any other
/// failure (unreadable, not UTF-8) is an error naming the file.
pub fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// A relative path as the edition's files and pages write it: `/` between
/// parts on every system.
pub fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `path` relative to the edition's root, as messages should name it.
pub fn shown(edition: &Edition, path: &Path) -> PathBuf {
    path.strip_prefix(&edition.root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// Writes `text` to a temporary file beside `path`, then renames it over
/// `path`: a reader (or a crash) never sees half a file.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why a symbolic link under the edition cannot be used: it leads outside
/// the edition, or nowhere. `None` if it stays inside.
pub fn link_leaves_edition(root: &Path, link: &Path) -> Option<String> {
    let fix = "copy the file into the edition or remove the link";
    let root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => return Some(format!("the edition folder cannot be resolved ({e})")),
    };
    match link.canonicalize() {
        Ok(target) if target.starts_with(&root) => None,
        Ok(target) => Some(format!("a symbolic link to {}, outside the edition: {fix}", target.display())),
        Err(e) => Some(format!("a symbolic link that leads nowhere ({e}): {fix}")),
    }
}
