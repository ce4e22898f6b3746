//! Write: rendered files into a fresh folder beside the target, swapped
//! into place by renames only when everything was written, so a failed
//! build leaves the previous site as it was.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A folder being filled; dropped without [`Staging::commit`], it is removed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty sibling of `target` (`.<name>.tmp-<pid>`).
    pub fn new(target: &Path) -> Result<Staging> {
        let name = target
            .file_name()
            .ok_or_else(|| Error::Other(format!("{}: not a folder name", target.display())))?
            .to_string_lossy()
            .into_owned();
        let parent = parent_of(target);
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        if target.exists() && !looks_like_a_site(target) {
            return Err(Error::Other(format!(
                "{} exists and is not a site built by duizhao (no index.html): refusing to replace it",
                target.display()
            )));
        }
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging { dir, target: target.to_path_buf(), committed: false })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folders the files will need, once, before parallel writes.
    pub fn make_dirs<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut dirs = std::collections::BTreeSet::new();
        for f in files {
            if let Some((d, _)) = f.rsplit_once('/') {
                dirs.insert(d.to_string());
            }
        }
        for d in dirs {
            let p = self.dir.join(&d);
            std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }

    /// Writes one file; `rel` is `/`-separated and was produced by us, never
    /// by content (ids are checked to be plain ASCII names).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        debug_assert!(!rel.split('/').any(|p| p == ".." || p.is_empty()));
        let path = self.dir.join(rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Swaps the staged folder into place.
    pub fn commit(mut self) -> Result<()> {
        let parent = parent_of(&self.target);
        let name = self.target.file_name().unwrap_or_default().to_string_lossy();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The folder holding `path`; `.` for a bare name.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn looks_like_a_site(dir: &Path) -> bool {
    dir.join("index.html").is_file()
        || std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_only_on_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();

        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"new").unwrap();
        drop(staging);
        assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "old");

        let staging = Staging::new(&target).unwrap();
        staging.make_dirs(["a/b.html"]).unwrap();
        staging.write("a/b.html", b"x").unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_a_site() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "keep").unwrap();
        assert!(Staging::new(tmp.path()).is_err());
    }
}
