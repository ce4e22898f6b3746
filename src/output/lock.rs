//! One build at a time per output folder: a lock on `.<name>.lock` beside
//! it. A second build fails at once rather than wait behind one that may
//! never end; the lock file is removed when the build ends. fs4, not std's
//! `File::try_lock`, which is newer than the crate's rust-version.

use super::place::Place;
use crate::error::{Error, Result};
use fs4::FileExt;
use fs4::TryLockError;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Held for as long as the build writes; released on drop.
#[derive(Debug)]
pub(super) struct Lock {
    path: PathBuf,
    _file: File,
}

/// Locks the output folder of `place`, or says which build holds it.
pub(super) fn acquire(place: &Place) -> Result<Lock> {
    let path = place.parent.join(format!(".{}.lock", place.name));
    // A build that ends removes its lock file; one opened just before that
    // is locked but no longer at `path`, so open the new one.
    for _ in 0..3 {
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(
                |e| {
                    Error::Other(format!(
                        "{}: {e}: cannot write there (the build's lock file)",
                        place.parent.display()
                    ))
                },
            )?;
        match FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                let holder = holder.trim();
                let pid = if holder.is_empty() { String::new() } else { format!(" (pid {holder})") };
                return Err(Error::Other(format!(
                    "another duizhao build is writing {}{pid}: wait for it to finish, then build again",
                    place.shown.display()
                )));
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        if is_still_at(&file, &path) {
            file.set_len(0)
                .and_then(|()| write!(file, "{}", std::process::id()))
                .map_err(|e| Error::io(&path, e))?;
            return Ok(Lock { path, _file: file });
        }
    }
    Err(Error::Other(format!("{}: could not lock it: build again", path.display())))
}

#[cfg(unix)]
fn is_still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_still_at(_: &File, _: &Path) -> bool {
    true
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so no other build holds this file.
        // If removing fails the file stays, unlocked: harmless.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_output_is_refused_until_the_first_ends() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir(&root).unwrap();
        let place = Place::resolve(&root.join("public"), &root).unwrap();
        let first = acquire(&place).unwrap();
        let error = acquire(&place).unwrap_err().to_string();
        assert!(error.starts_with("another duizhao build is writing"), "{error}");
        assert!(error.contains(&format!("(pid {})", std::process::id())), "{error}");
        drop(first);
        assert!(!root.join(".public.lock").exists());
        assert!(acquire(&place).is_ok());
    }
}
