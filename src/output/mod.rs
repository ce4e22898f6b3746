//! The output folder: what a build may delete or overwrite, in one place
//! (every command that writes a site goes through [`open`]).
//!
//! 1. `place`: resolve `--out` through symlinks; refuse the edition, its
//!    parts, and any folder holding them;
//! 2. `lock`: one build at a time per output folder;
//! 3. `leftovers`: tidy what killed builds left beside it;
//! 4. `existing`: replace only a site duizhao built (it holds
//!    `.duizhao-site`), an empty folder or nothing;
//! 5. [`Staging`]: write into a fresh folder beside it, then `swap` it in
//!    by renames, carrying `.git`, `.nojekyll`, `CNAME` and `keep` over. A
//!    file whose bytes did not change is hard-linked from the previous site
//!    instead of written, so it keeps its modification time;
//! 6. [`cache`]: what the last build wrote and from what, so that the next
//!    one renders only what changed.

pub mod cache;
mod existing;
mod leftovers;
mod lock;
mod place;
mod swap;

pub use existing::MARKER;

use crate::error::{Error, Result};
pub use cache::Stamp;
use existing::{Deploy, Existing};
use place::Place;
use std::path::{Path, PathBuf};

/// Opens the output folder `out` of the edition at `edition_root` for a new
/// site: checks that it may be replaced, locks it, and makes the staging
/// folder. `keep` is the edition's `keep` list; `force` allows a folder that
/// holds only deploy files.
pub fn open(out: &Path, edition_root: &Path, keep: &[String], force: bool) -> Result<Staging> {
    let place = Place::resolve(out, edition_root)?;
    std::fs::create_dir_all(&place.parent).map_err(|e| Error::io(&place.parent, e))?;
    let lock = lock::acquire(&place)?;
    let deploy = Deploy::new(keep);
    let mut notes = leftovers::clean(&place, &deploy)?;
    let existing = existing::examine(&place, &deploy, force)?;
    if existing != Existing::Nothing {
        existing::check_swappable(&place)?;
    }
    if existing == Existing::SiteWithoutMarker {
        notes.push(format!(
            "{} has no {MARKER} file but is a site an earlier duizhao built: replacing it",
            place.shown.display()
        ));
    }
    let dir = place.sibling("tmp", std::process::id());
    if dir.symlink_metadata().is_ok() {
        // Ours by name: left by an earlier process that had our pid.
        std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    // Files are reused only from a site that says duizhao built it.
    let previous = place.real.join(MARKER).is_file().then(|| place.real.clone());
    Ok(Staging { dir, place, deploy, notes, previous, done: false, _lock: lock })
}

/// Whether a build carries the top-level `name` of the output folder over
/// from the previous site (`.git`, `CNAME`, a name in `keep`), never writing it.
pub fn is_carried(name: &str, keep: &[String]) -> bool {
    Deploy::new(keep).contains(name)
}

/// A new site being written beside the output folder; dropped without
/// [`Staging::commit`], it is removed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    place: Place,
    deploy: Deploy,
    notes: Vec<String>,
    /// The site being replaced, when duizhao built it.
    previous: Option<PathBuf>,
    done: bool,
    _lock: lock::Lock,
}

impl Staging {
    /// What opening did besides the checks (leftovers removed, a site from
    /// before the marker accepted), one line each.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Creates the folders the files will need, once, before parallel writes.
    pub fn make_dirs<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let dirs: std::collections::BTreeSet<&str> =
            files.into_iter().filter_map(|f| f.rsplit_once('/').map(|(d, _)| d)).collect();
        for d in dirs {
            let p = self.dir.join(d);
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

    /// Writes one file made of `parts`, in order, and returns its stamp:
    /// [`Staging::write`] without first gathering the parts into one buffer,
    /// and without looking the file up again for its stamp.
    pub fn write_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<Stamp> {
        debug_assert!(!rel.split('/').any(|p| p == ".." || p.is_empty()));
        let path = self.dir.join(rel);
        let written = (|| {
            let mut file = std::fs::File::create(&path)?;
            let mut slices: Vec<std::io::IoSlice<'_>> =
                parts.iter().map(|p| std::io::IoSlice::new(p)).collect();
            let mut rest = &mut slices[..];
            std::io::IoSlice::advance_slices(&mut rest, 0);
            while !rest.is_empty() {
                match std::io::Write::write_vectored(&mut file, rest) {
                    Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                    Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            file.metadata()
        })();
        let meta = written.map_err(|e| Error::io(&path, e))?;
        Stamp::of_metadata(&meta)
            .ok_or_else(|| Error::Other(format!("{}: written but not a file", path.display())))
    }

    /// Writes one file, or hard-links it from the previous site when that
    /// holds the same bytes (so it keeps its modification time).
    pub fn write_if_changed(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if let Some(previous) = &self.previous {
            let old = previous.join(rel);
            let same_size = old.metadata().is_ok_and(|m| m.len() == bytes.len() as u64);
            if same_size && std::fs::read(&old).is_ok_and(|old| old == bytes) && self.link(&old, rel) {
                return Ok(());
            }
        }
        self.write(rel, bytes)
    }

    /// Hard-links `rel` from the previous site if it is there unchanged
    /// since it was written with `stamp`; false if it is not (then write it).
    pub fn keep(&self, rel: &str, stamp: &Stamp) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(rel);
        Stamp::of(&old).is_some_and(|now| now == *stamp) && self.link(&old, rel)
    }

    /// Whether the previous site's `rel` is there unchanged since it was
    /// written with `stamp`.
    pub fn unchanged(&self, rel: &str, stamp: &Stamp) -> bool {
        self.previous.as_ref().is_some_and(|p| Stamp::of(&p.join(rel)).is_some_and(|now| now == *stamp))
    }

    /// The bytes of the previous site's `rel`, if it is unchanged since it
    /// was written with `stamp`.
    pub fn read_previous(&self, rel: &str, stamp: &Stamp) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.previous.as_ref()?.join(rel)).ok()?;
        self.unchanged(rel, stamp).then_some(bytes)
    }

    /// The stamp of a file just written or kept.
    pub fn stamp(&self, rel: &str) -> Option<Stamp> {
        Stamp::of(&self.dir.join(rel))
    }

    /// Hard-links `old` to `rel` in the new site; false if the file system
    /// refuses (the caller then writes the file).
    fn link(&self, old: &Path, rel: &str) -> bool {
        std::fs::hard_link(old, self.dir.join(rel)).is_ok()
    }

    /// Marks the site as duizhao's and swaps it into place; returns warnings
    /// about what could not be tidied once the new site was in place.
    pub fn commit(self) -> Result<Vec<String>> {
        self.commit_then(|| ()).map(|(warnings, ())| warnings)
    }

    /// [`Staging::commit`], running `then` once the new site is in place,
    /// beside the removal of the previous one; also returns what `then` did.
    pub fn commit_then<R: Send>(mut self, then: impl FnOnce() -> R + Send) -> Result<(Vec<String>, R)> {
        self.write(MARKER, existing::MARKER_TEXT.as_bytes())?;
        let swapped = swap::swap(&self.dir, &self.place, &self.deploy, then)?;
        self.done = true;
        Ok(swapped)
    }

    /// Removes the staged site after a failed build.
    pub fn discard(mut self) -> Result<()> {
        self.done = true;
        std::fs::remove_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done
            && let Err(e) = std::fs::remove_dir_all(&self.dir)
        {
            eprintln!("warning: {}: could not remove this unfinished site: {e}", self.dir.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir_all(root.join("content")).unwrap();
        (tmp, root)
    }

    #[test]
    fn replaces_the_output_only_on_commit_and_marks_it() {
        let (_tmp, root) = edition();
        let out = root.join("public");
        let staging = open(&out, &root, &[], false).unwrap();
        staging.write("index.html", b"first").unwrap();
        staging.discard().unwrap();
        assert!(!out.exists());

        let staging = open(&out, &root, &[], false).unwrap();
        staging.make_dirs(["a/b.html"]).unwrap();
        staging.write("a/b.html", b"x").unwrap();
        staging.write("index.html", b"new").unwrap();
        assert!(staging.commit().unwrap().is_empty());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(out.join(MARKER).is_file());
        let mut names: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["content", "public"], "no staging, old site or lock file left");

        let staging = open(&out, &root, &[], false).unwrap();
        drop(staging);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }

    #[test]
    fn unchanged_files_are_linked_from_the_previous_site_and_keep_their_time() {
        let (_tmp, root) = edition();
        let out = root.join("public");
        let staging = open(&out, &root, &[], false).unwrap();
        for name in ["same.html", "changed.html", "kept.html", "edited.html"] {
            staging.write(name, name.as_bytes()).unwrap();
        }
        let stamps: Vec<Stamp> =
            ["kept.html", "edited.html"].iter().map(|n| staging.stamp(n).unwrap()).collect();
        staging.commit().unwrap();
        let time = |name: &str| std::fs::metadata(out.join(name)).unwrap().modified().unwrap();
        let before = time("same.html");
        std::fs::write(out.join("edited.html"), "by hand").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(10));

        let staging = open(&out, &root, &[], false).unwrap();
        staging.write_if_changed("same.html", b"same.html").unwrap();
        staging.write_if_changed("changed.html", b"new").unwrap();
        assert!(staging.keep("kept.html", &stamps[0]));
        assert!(!staging.keep("edited.html", &stamps[1]), "a file changed since is not reused");
        staging.write("edited.html", b"edited.html").unwrap();
        staging.commit().unwrap();
        assert_eq!(time("same.html"), before);
        assert_eq!(std::fs::read_to_string(out.join("changed.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(out.join("kept.html")).unwrap(), "kept.html");
        assert_eq!(std::fs::read_to_string(out.join("edited.html")).unwrap(), "edited.html");
    }

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_a_site() {
        let (tmp, root) = edition();
        std::fs::write(tmp.path().join("notes.txt"), "keep").unwrap();
        std::fs::create_dir(tmp.path().join("www")).unwrap();
        std::fs::write(tmp.path().join("www/notes.txt"), "keep").unwrap();
        assert!(open(&tmp.path().join("www"), &root, &[], true).is_err());
        assert_eq!(std::fs::read_to_string(tmp.path().join("www/notes.txt")).unwrap(), "keep");
    }
}
