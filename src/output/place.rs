//! Where the site goes: `--out` resolved through symlinks to a real folder,
//! refused when it is, holds or lies inside a part of the edition.

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// The folders of an edition that no build may replace, besides the edition's own.
const EDITION_PARTS: [&str; 5] = ["sources", "content", "translations", "themes", "data"];

/// The output folder, as named and as it really is on disk.
#[derive(Debug)]
pub(super) struct Place {
    /// As the user named it, for messages.
    pub shown: PathBuf,
    /// Absolute, every symlink resolved: a `public/` that is a link is
    /// written through, at the link's target.
    pub real: PathBuf,
    /// The real folder's parent: staging, old site and lock file go there,
    /// so that the swap is a rename on one file system.
    pub parent: PathBuf,
    /// The real folder's name.
    pub name: String,
}

impl Place {
    /// Resolves `out` and refuses it if it overlaps the edition at `edition_root`.
    pub(super) fn resolve(out: &Path, edition_root: &Path) -> Result<Place> {
        let real = real_path(out)?;
        refuse_edition_parts(&real, out, edition_root)?;
        let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
            return Err(Error::Other(format!("{}: not a folder name", out.display())));
        };
        Ok(Place {
            shown: out.to_path_buf(),
            parent: parent.to_path_buf(),
            name: name.to_string_lossy().into_owned(),
            real,
        })
    }

    /// `rel` inside the output folder, as the user would name it.
    pub(super) fn show(&self, rel: impl AsRef<Path>) -> PathBuf {
        match rel.as_ref() {
            rel if rel.as_os_str().is_empty() => self.shown.clone(),
            rel => self.shown.join(rel),
        }
    }

    /// A sibling of the real folder: `.<name>.<kind>-<pid>`.
    pub(super) fn sibling(&self, kind: &str, pid: u32) -> PathBuf {
        self.parent.join(format!(".{}.{kind}-{pid}", self.name))
    }
}

/// `path` absolute with every symlink resolved; the part that does not exist
/// yet is appended as written.
fn real_path(path: &Path) -> Result<PathBuf> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        return std::fs::canonicalize(path).map_err(|e| match std::fs::read_link(path) {
            Ok(to) if meta.is_symlink() => Error::file(
                path,
                format!(
                    "a symlink to {}, which does not exist: create that folder or remove the link",
                    to.display()
                ),
            ),
            _ => Error::io(path, e),
        });
    }
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let existing = absolute.ancestors().find(|a| a.symlink_metadata().is_ok()).unwrap_or(Path::new("/"));
    let mut real = std::fs::canonicalize(existing).map_err(|e| Error::io(existing, e))?;
    for part in absolute.strip_prefix(existing).unwrap_or(&absolute).components() {
        match part {
            Component::Normal(name) => real.push(name),
            Component::CurDir => {}
            _ => {
                return Err(Error::file(
                    path,
                    "`..` after a folder that does not exist: name the folder plainly",
                ));
            }
        }
    }
    Ok(real)
}

/// Refuses an output folder that is, holds, or lies inside the edition or
/// one of its parts; `real` is resolved, so links and `..` cannot hide it.
fn refuse_edition_parts(real: &Path, shown: &Path, edition_root: &Path) -> Result<()> {
    let root = std::fs::canonicalize(edition_root).map_err(|e| Error::io(edition_root, e))?;
    let mut parts = vec![(root.clone(), "the edition's folder".to_string())];
    for part in EDITION_PARTS {
        let path = root.join(part);
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        parts.push((path, format!("the edition's {part}/ folder")));
    }
    let refuse = |how: String| {
        Err(Error::Other(format!(
            "--out {} {how}: choose another folder for the site (the default is public/ in the edition)",
            shown.display()
        )))
    };
    for (part, what) in &parts {
        if real == part {
            return refuse(format!("is {what}"));
        }
        if part.starts_with(real) {
            return refuse(format!("contains {what}, {}", part.display()));
        }
        if real.starts_with(part) && *part != root {
            return refuse(format!("lies inside {what}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for part in EDITION_PARTS {
            std::fs::create_dir_all(tmp.path().join("edition").join(part)).unwrap();
        }
        tmp
    }

    #[test]
    fn the_edition_and_its_parts_are_refused_whichever_way_they_are_named() {
        let tmp = edition();
        let root = tmp.path().join("edition");
        for out in
            [".", "..", "content", "content/", "translations/en", "data/gazetteer", "themes/../sources"]
        {
            let error = Place::resolve(&root.join(out), &root).unwrap_err().to_string();
            assert!(error.contains("the edition's"), "{out}: {error}");
        }
        assert!(Place::resolve(Path::new("/"), &root).unwrap_err().to_string().contains("contains"));
    }

    #[test]
    fn a_folder_inside_the_edition_or_beside_it_is_allowed() {
        let tmp = edition();
        let root = tmp.path().join("edition");
        let place = Place::resolve(&root.join("public"), &root).unwrap();
        assert_eq!(place.real, std::fs::canonicalize(&root).unwrap().join("public"));
        assert_eq!(place.name, "public");
        assert!(Place::resolve(&tmp.path().join("site/new/deep"), &root).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_resolved_to_its_target() {
        let tmp = edition();
        let root = tmp.path().join("edition");
        std::fs::create_dir(tmp.path().join("deploy")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("deploy"), root.join("public")).unwrap();
        let place = Place::resolve(&root.join("public"), &root).unwrap();
        assert_eq!(place.real, std::fs::canonicalize(tmp.path().join("deploy")).unwrap());
        std::os::unix::fs::symlink(root.join("content"), root.join("sneaky")).unwrap();
        assert!(Place::resolve(&root.join("sneaky"), &root).is_err());
        std::os::unix::fs::symlink(tmp.path().join("gone"), root.join("dangling")).unwrap();
        let error = Place::resolve(&root.join("dangling"), &root).unwrap_err().to_string();
        assert!(error.contains("which does not exist"), "{error}");
    }
}
