//! The swap: the staged site takes the output folder's place by renames,
//! carrying the deploy files over; every step that fails is undone, and an
//! undo that fails says where things are.

use super::existing::{self, Deploy};
use super::place::Place;
use crate::error::{Error, Result};
use std::path::Path;

/// Puts `staging` in place of the output folder, then removes the previous
/// site while `beside` runs; returns warnings about what could not be
/// tidied after the new site was in place, and what `beside` returned.
pub(super) fn swap<R: Send>(
    staging: &Path,
    place: &Place,
    deploy: &Deploy,
    beside: impl FnOnce() -> R + Send,
) -> Result<(Vec<String>, R)> {
    let target = &place.real;
    if target.symlink_metadata().is_err() {
        std::fs::rename(staging, target).map_err(|e| Error::io(&place.shown, e))?;
        return Ok((Vec::new(), beside()));
    }
    let carried = deploy.present_in(target);
    if let Some(clash) = carried.iter().find(|n| staging.join(n).symlink_metadata().is_ok()) {
        return Err(Error::Other(format!(
            "{}: kept from the previous site (keep in edition.toml), but the new site has a {clash} too: \
             take it out of keep",
            place.show(clash).display()
        )));
    }
    let dropped = dropped_names(target, staging, &carried);
    move_names(target, staging, &carried).map_err(|e| undo_failed(&e, place, staging, &[]))?;
    let old = place.sibling("old", std::process::id());
    if let Err(e) = std::fs::rename(target, &old) {
        let error = if e.kind() == std::io::ErrorKind::ResourceBusy {
            existing::mount_point(place)
        } else {
            Error::io(&place.shown, e)
        };
        return Err(match move_names(staging, target, &carried) {
            Ok(()) => error,
            Err(undo) => undo_failed(&undo, place, staging, &carried),
        });
    }
    if let Err(e) = std::fs::rename(staging, target) {
        let undone = std::fs::rename(&old, target).and_then(|()| move_names(staging, target, &carried));
        return Err(match undone {
            Ok(()) => Error::io(&place.shown, e),
            Err(undo) => Error::Other(format!(
                "{}: {e}; putting the previous site back failed too ({undo}): it is in {}, \
                 and {} in {}",
                place.shown.display(),
                old.display(),
                if carried.is_empty() { "no deploy files".to_string() } else { carried.join(", ") },
                staging.display()
            )),
        });
    }
    let mut warnings: Vec<String> = dropped
        .iter()
        .map(|name| {
            format!(
                "{}: was in the previous site but is not in the new one: removed with it \
                 (to keep such a file, list its name under keep in edition.toml)",
                place.show(name).display()
            )
        })
        .collect();
    let (removed, beside) = rayon::join(|| remove_site(&old), beside);
    if let Err(e) = removed {
        warnings.push(format!(
            "the new site is in {}, but the previous one could not be removed: {}: {e}: remove it by hand",
            place.shown.display(),
            old.display()
        ));
    }
    Ok((warnings, beside))
}

/// Removes the previous site, its top-level folders in parallel (a file
/// system unlinks one name at a time per folder, so `articles/` and
/// `search/`, the big ones, go side by side).
fn remove_site(old: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(old)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(old)
}

/// The names at the top of the old site that the new one neither writes nor
/// carries over: a file someone put there by hand, or a part of the site
/// that is gone.
fn dropped_names(target: &Path, staging: &Path, carried: &[String]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(target) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| !carried.contains(n) && staging.join(n).symlink_metadata().is_err())
        .collect();
    names.sort();
    names
}

/// Renames each of `names` from `from` into `to`; on a failure, moves the
/// ones already moved back.
fn move_names(from: &Path, to: &Path, names: &[String]) -> std::io::Result<()> {
    for (i, name) in names.iter().enumerate() {
        if let Err(e) = std::fs::rename(from.join(name), to.join(name)) {
            for done in &names[..i] {
                let _ = std::fs::rename(to.join(done), from.join(done));
            }
            return Err(e);
        }
    }
    Ok(())
}

fn undo_failed(e: &std::io::Error, place: &Place, staging: &Path, moved: &[String]) -> Error {
    if moved.is_empty() {
        return Error::Other(format!("{}: moving its deploy files failed: {e}", place.shown.display()));
    }
    Error::Other(format!(
        "{}: the swap failed and moving {} back failed too ({e}): they are in {}; move them back by hand",
        place.shown.display(),
        moved.join(", "),
        staging.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deploy_files_move_into_the_new_site_and_the_old_site_goes() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir_all(&root).unwrap();
        let place = Place::resolve(&root.join("public"), &root).unwrap();
        std::fs::create_dir_all(place.real.join(".git/objects")).unwrap();
        std::fs::write(place.real.join("CNAME"), "example.org").unwrap();
        std::fs::write(place.real.join("index.html"), "old").unwrap();
        let staging = place.sibling("tmp", 1);
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("index.html"), "new").unwrap();
        std::fs::write(place.real.join("notes.txt"), "mine").unwrap();
        let (warnings, ()) = swap(&staging, &place, &Deploy::new(&[]), || ()).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("public/notes.txt: was in the previous site"), "{warnings:?}");
        assert_eq!(std::fs::read_to_string(place.real.join("index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(place.real.join("CNAME")).unwrap(), "example.org");
        assert!(place.real.join(".git/objects").is_dir());
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 1, "only public/ is left");
    }

    #[test]
    fn a_kept_name_the_site_also_writes_is_refused_before_anything_moves() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir_all(root.join("public/static")).unwrap();
        let place = Place::resolve(&root.join("public"), &root).unwrap();
        let staging = place.sibling("tmp", 1);
        std::fs::create_dir_all(staging.join("static")).unwrap();
        let error = swap(&staging, &place, &Deploy::new(&["static".into()]), || ()).unwrap_err().to_string();
        assert!(error.contains("take it out of keep"), "{error}");
        assert!(place.real.join("static").is_dir() && staging.join("static").is_dir());
    }
}
