//! What is already at the output folder, and whether a build may replace it:
//! a site duizhao built (it holds the marker file), an empty folder, or
//! nothing. Deploy files in it are carried over, never replaced.

use super::place::Place;
use crate::error::{Error, Result};
use std::path::Path;

/// The file every site duizhao builds holds at its top.
pub const MARKER: &str = ".duizhao-site";

/// What the marker file says.
pub(super) const MARKER_TEXT: &str = concat!(
    "This folder is a site built by duizhao ",
    env!("CARGO_PKG_VERSION"),
    ".\nEvery build replaces it whole, except .git, .nojekyll, CNAME and the names\n",
    "listed under keep = [...] in edition.toml: keep other files of your own elsewhere.\n"
);

/// Deploy files kept by every build.
const ALWAYS_KEPT: [&str; 3] = [".git", ".nojekyll", "CNAME"];

/// What a build wrote at the top of a site before it wrote the marker.
const SITE_NAMES: [&str; 11] = [
    "index.html",
    "404.html",
    "articles",
    "timeline",
    "regions",
    "sources",
    "glossary",
    "static",
    "media",
    "search",
    "readers",
];

/// Names at the top of the output folder that a build carries over.
#[derive(Debug, Clone)]
pub(super) struct Deploy(Vec<String>);

impl Deploy {
    /// `.git`, `.nojekyll`, `CNAME` and the edition's `keep` list.
    pub(super) fn new(keep: &[String]) -> Deploy {
        let mut names: Vec<String> = ALWAYS_KEPT.iter().map(|n| n.to_string()).collect();
        names.extend(keep.iter().filter(|n| !ALWAYS_KEPT.contains(&n.as_str())).cloned());
        Deploy(names)
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|n| n == name)
    }

    /// The deploy files present at the top of `dir`.
    pub(super) fn present_in(&self, dir: &Path) -> Vec<String> {
        self.0.iter().filter(|n| dir.join(n).symlink_metadata().is_ok()).cloned().collect()
    }
}

/// The output folder as found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Existing {
    Nothing,
    /// A site duizhao built, or an empty folder (apart from deploy files
    /// under `--force`).
    Replaceable,
    /// A site an earlier duizhao built before it wrote the marker.
    SiteWithoutMarker,
}

/// Looks at the output folder and refuses anything a build may not replace.
pub(super) fn examine(place: &Place, deploy: &Deploy, force: bool) -> Result<Existing> {
    let shown = place.shown.display();
    let meta = match std::fs::symlink_metadata(&place.real) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(Error::io(&place.shown, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Other(format!(
            "{shown} is a file, not a folder: refusing to replace it; name a folder for the site with --out"
        )));
    }
    let mut names: Vec<String> = std::fs::read_dir(&place.real)
        .and_then(|entries| {
            entries.map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned())).collect()
        })
        .map_err(|e| Error::io(&place.shown, e))?;
    names.sort();
    if names.iter().any(|n| n == MARKER) {
        return Ok(Existing::Replaceable);
    }
    let others: Vec<&String> = names.iter().filter(|n| !deploy.contains(n)).collect();
    if names.is_empty() || (others.is_empty() && force) {
        return Ok(Existing::Replaceable);
    }
    if others.is_empty() {
        return Err(Error::Other(format!(
            "{shown} holds only deploy files ({}) and no site built by duizhao: \
             build with --force to put the site beside them",
            names.join(", ")
        )));
    }
    if others.iter().all(|n| SITE_NAMES.contains(&n.as_str())) && says_built_with_duizhao(&place.real) {
        return Ok(Existing::SiteWithoutMarker);
    }
    let listed: Vec<&str> = others.iter().take(5).map(|n| n.as_str()).collect();
    let more = if others.len() > 5 { ", …" } else { "" };
    Err(Error::Other(format!(
        "{shown}: refusing to replace this folder: duizhao did not build it (it has no {MARKER} file) \
         and it holds {}{more}: name a new or empty folder with --out, or move those files away",
        listed.join(", ")
    )))
}

/// The default theme's footer says so on every page.
fn says_built_with_duizhao(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("index.html")).is_ok_and(|html| html.contains("built with duizhao"))
}

/// Refuses, before anything is written, a folder that cannot be swapped for
/// a new one: a mount point, or one whose old files could not be removed.
pub(super) fn check_swappable(place: &Place) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let device = |p: &Path| std::fs::metadata(p).map(|m| m.dev()).map_err(|e| Error::io(p, e));
        if device(&place.real)? != device(&place.parent)? {
            return Err(mount_point(place));
        }
        for entry in walkdir::WalkDir::new(&place.real).follow_links(false) {
            let entry =
                entry.map_err(|e| Error::Other(format!("{shown}: {e}", shown = place.shown.display())))?;
            if entry.file_type().is_dir() {
                let writable = rustix::fs::access(entry.path(), rustix::fs::Access::WRITE_OK);
                if let Err(e) = writable {
                    let rel = entry.path().strip_prefix(&place.real).unwrap_or(entry.path());
                    return Err(Error::Other(format!(
                        "{}: {e}: the previous site there could not be removed: make it writable \
                         (chmod -R u+w {shown}) or build into another folder with --out",
                        place.show(rel).display(),
                        shown = place.shown.display()
                    )));
                }
            }
        }
    }
    Ok(())
}

/// A mount point cannot be renamed.
pub(super) fn mount_point(place: &Place) -> Error {
    Error::Other(format!(
        "{shown} is a mount point, which a build cannot swap for a new folder: \
         build into another folder (--out DIR) and copy that into {shown}",
        shown = place.shown.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(dir: &Path) -> Place {
        let root = dir.join("edition");
        std::fs::create_dir_all(&root).unwrap();
        Place::resolve(&dir.join("public"), &root).unwrap()
    }

    fn put(dir: &Path, names: &[&str]) {
        for name in names {
            let path = dir.join("public").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "built with duizhao").unwrap();
        }
    }

    #[test]
    fn a_marked_site_an_empty_folder_or_nothing_may_be_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let place = place(tmp.path());
        let deploy = Deploy::new(&[]);
        assert_eq!(examine(&place, &deploy, false).unwrap(), Existing::Nothing);
        std::fs::create_dir(&place.real).unwrap();
        assert_eq!(examine(&place, &deploy, false).unwrap(), Existing::Replaceable);
        put(tmp.path(), &[MARKER, "notes.txt"]);
        assert_eq!(examine(&place, &deploy, false).unwrap(), Existing::Replaceable);
    }

    #[test]
    fn deploy_files_alone_need_force() {
        let tmp = tempfile::tempdir().unwrap();
        let place = place(tmp.path());
        put(tmp.path(), &["CNAME", ".git/HEAD", "keybase.txt"]);
        let deploy = Deploy::new(&["keybase.txt".to_string()]);
        let error = examine(&place, &deploy, false).unwrap_err().to_string();
        assert!(error.contains("--force"), "{error}");
        assert_eq!(examine(&place, &deploy, true).unwrap(), Existing::Replaceable);
    }

    #[test]
    fn a_site_from_before_the_marker_is_recognised_by_its_names_and_footer() {
        let tmp = tempfile::tempdir().unwrap();
        let place = place(tmp.path());
        put(tmp.path(), &["index.html", "static/style.css", "CNAME"]);
        assert_eq!(examine(&place, &Deploy::new(&[]), false).unwrap(), Existing::SiteWithoutMarker);
        put(tmp.path(), &["photos/wedding.jpg"]);
        let error = examine(&place, &Deploy::new(&[]), true).unwrap_err().to_string();
        assert!(error.contains("refusing to replace") && error.contains("photos"), "{error}");
    }

    #[test]
    fn a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let place = place(tmp.path());
        std::fs::write(&place.real, "notes").unwrap();
        let error = examine(&place, &Deploy::new(&[]), true).unwrap_err().to_string();
        assert!(error.contains("is a file"), "{error}");
    }
}
