//! What a killed build leaves beside the output folder: its staging folder
//! `.<name>.tmp-<pid>` and, if it died mid-swap, the previous site
//! `.<name>.old-<pid>`. Run under the lock, so no other build is using them.

use super::existing::Deploy;
use super::place::Place;
use crate::error::{Error, Result};
use std::path::PathBuf;

/// A folder a build left beside the output.
#[derive(Debug)]
struct Leftover {
    path: PathBuf,
    name: String,
    pid: u32,
    old_site: bool,
}

/// Removes the leftovers of builds whose process is gone; returns a line
/// for each thing done. A missing output is restored from an old site, and
/// deploy files caught in a leftover are moved back into the output first.
pub(super) fn clean(place: &Place, deploy: &Deploy) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    let mut leftovers = find(place)?;
    if place.real.symlink_metadata().is_err()
        && let Some(i) = leftovers.iter().rposition(|l| l.old_site)
    {
        let old = leftovers.remove(i);
        std::fs::rename(&old.path, &place.real).map_err(|e| Error::io(&old.path, e))?;
        notes.push(format!(
            "{} was missing: put back the previous site from {}, left by a build that was stopped (pid {})",
            place.shown.display(),
            old.name,
            old.pid
        ));
    }
    for leftover in leftovers {
        notes.extend(clean_one(place, deploy, &leftover));
    }
    Ok(notes)
}

/// The dead builds' folders beside the output, oldest process first.
fn find(place: &Place) -> Result<Vec<Leftover>> {
    let entries = std::fs::read_dir(&place.parent).map_err(|e| Error::io(&place.parent, e))?;
    let prefix = format!(".{}.", place.name);
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&place.parent, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = name.strip_prefix(&prefix).and_then(|rest| rest.split_once('-')) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && (kind == "tmp" || kind == "old") && pid != std::process::id() && !is_running(pid) {
            let old_site = kind == "old";
            found.push(Leftover { path: entry.path(), name, pid, old_site });
        }
    }
    found.sort_by_key(|l| l.pid);
    Ok(found)
}

/// Moves the deploy files out of `leftover` into the output, then removes it.
fn clean_one(place: &Place, deploy: &Deploy, leftover: &Leftover) -> Vec<String> {
    let mut notes = Vec::new();
    let output_is_dir = place.real.is_dir();
    let mut stuck = Vec::new();
    for name in deploy.present_in(&leftover.path) {
        let to = place.real.join(&name);
        if !output_is_dir || to.symlink_metadata().is_ok() {
            stuck.push(name);
        } else if let Err(e) = std::fs::rename(leftover.path.join(&name), &to) {
            notes.push(format!("{}/{name}: {e}", leftover.name));
            stuck.push(name);
        } else {
            notes.push(format!("moved {name} back into {} from {}", place.shown.display(), leftover.name));
        }
    }
    if !stuck.is_empty() {
        notes.push(format!(
            "left {} (from a build that was stopped, pid {}): it holds {}, which could not go back into {}: \
             look inside and move or remove it by hand",
            leftover.path.display(),
            leftover.pid,
            stuck.join(", "),
            place.shown.display()
        ));
        return notes;
    }
    match std::fs::remove_dir_all(&leftover.path) {
        Ok(()) => notes.push(format!(
            "removed {}, left by a build that was stopped (pid {})",
            leftover.path.display(),
            leftover.pid
        )),
        Err(e) => notes.push(format!(
            "could not remove {}, left by a build that was stopped: {e}: remove it by hand",
            leftover.path.display()
        )),
    }
    notes
}

/// Whether process `pid` exists; where that cannot be told, assume it does.
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
        return false;
    };
    !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

#[cfg(not(unix))]
fn is_running(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pid no process has: above the largest Linux allows (2^22).
    const GONE: u32 = 4_999_999;

    fn setup() -> (tempfile::TempDir, Place) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir(&root).unwrap();
        let place = Place::resolve(&root.join("public"), &root).unwrap();
        (tmp, place)
    }

    #[test]
    fn a_dead_builds_folders_go_and_a_live_ones_stay() {
        let (_tmp, place) = setup();
        std::fs::create_dir_all(place.real.join("articles")).unwrap();
        std::fs::create_dir_all(place.sibling("tmp", GONE).join("articles")).unwrap();
        std::fs::create_dir(place.sibling("old", GONE + 1)).unwrap();
        let alive = place.sibling("tmp", 1);
        std::fs::create_dir(&alive).unwrap();
        let notes = clean(&place, &Deploy::new(&[])).unwrap();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].starts_with("removed ") && notes[0].contains("(pid 4999999)"), "{notes:?}");
        assert!(!place.sibling("tmp", GONE).exists() && !place.sibling("old", GONE + 1).exists());
        assert!(alive.exists());
    }

    #[test]
    fn a_build_killed_mid_swap_loses_neither_the_site_nor_its_deploy_files() {
        let (_tmp, place) = setup();
        let old = place.sibling("old", GONE);
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "old site").unwrap();
        let staging = place.sibling("tmp", GONE);
        std::fs::create_dir_all(staging.join(".git")).unwrap();
        std::fs::write(staging.join("CNAME"), "example.org").unwrap();
        let notes = clean(&place, &Deploy::new(&[])).unwrap();
        assert!(notes[0].contains("put back the previous site"), "{notes:?}");
        assert_eq!(std::fs::read_to_string(place.real.join("index.html")).unwrap(), "old site");
        assert_eq!(std::fs::read_to_string(place.real.join("CNAME")).unwrap(), "example.org");
        assert!(place.real.join(".git").is_dir());
        assert!(!staging.exists() && !old.exists());
    }

    #[test]
    fn a_deploy_file_that_cannot_go_back_keeps_its_leftover() {
        let (_tmp, place) = setup();
        std::fs::create_dir_all(place.real.join(".git")).unwrap();
        let staging = place.sibling("tmp", GONE);
        std::fs::create_dir_all(staging.join(".git")).unwrap();
        let notes = clean(&place, &Deploy::new(&[])).unwrap();
        assert!(notes[0].starts_with("left ") && notes[0].contains(".git"), "{notes:?}");
        assert!(staging.join(".git").is_dir());
    }
}
