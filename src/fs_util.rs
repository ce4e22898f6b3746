//! Small file helpers every stage may use: paths in, text or files out.
//! Language codes, article ids, reading with errors that name the file,
//! writing atomically, `/`-separated paths, symbolic links that leave the
//! edition. Reading articles and translations is [`crate::texts`]' job.

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

/// A path as messages name it: relative to the edition's folder `root`, so
/// `-C DIR ingest sources/x.txt` says `sources/x.txt`, as given.
pub fn display_path(path: &Path, root: &Path) -> PathBuf {
    // `./sources/x.txt` (the default folder under `.`) shows as `sources/x.txt`.
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Writes `bytes` to `path` whole: into a temporary file of its own in the
/// same folder (made if missing), then renamed over `path`, so a reader (or
/// a crash, or a second writer) never sees half a file. The temporary file
/// is removed if anything fails.
pub fn write_atomically(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        // The default mode for new files (less the umask), not tempfile's 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The folder is made only when the first try fails (then as before, with
    // the same errors): ingest writes thousands of files into one folder.
    let mut temp = if let Ok(temp) = builder.tempfile_in(dir) {
        temp
    } else {
        std::fs::create_dir_all(dir)?;
        builder.tempfile_in(dir)?
    };
    temp.write_all(bytes.as_ref())?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_use_unique_temporary_files_and_leave_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::thread::scope(|s| {
            for n in 0..8 {
                let path = &path;
                s.spawn(move || write_atomically(path, format!("writer {n}")).unwrap());
            }
        });
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["x.md"]);
        assert!(std::fs::read_to_string(&path).unwrap().starts_with("writer "));
    }

    #[test]
    fn a_missing_file_is_none_and_slashes_are_forward() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_optional(&dir.path().join("absent.toml")).unwrap(), None);
        std::fs::write(dir.path().join("a.toml"), "x = 1").unwrap();
        assert_eq!(read_optional(&dir.path().join("a.toml")).unwrap().as_deref(), Some("x = 1"));
        assert!(read_optional(dir.path()).is_err(), "a folder is not a missing file");
        assert_eq!(slash_path(Path::new("sources/a.txt")), "sources/a.txt");
    }
}
