//! What `serve` watches: the edition's folder in; out, one call per burst
//! of changes (debounced by notify-debouncer-full) with the files that
//! call for a rebuild: anything under `content/`, `translations/`,
//! `sources/` or `themes/`, and `edition.toml`.
//!
//! Reading a file is no change (the build itself opens every file), nor is
//! a hidden file or an editor's backup (`.x.swp`, `x~`), nor anything in
//! the output folder, wherever it lies.

use crate::error::{Error, Result};
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The folders of an edition whose files the site is built from.
pub const WATCHED: [&str; 4] = ["content", "translations", "sources", "themes"];

/// The edition's settings file, also watched.
pub const SETTINGS: &str = "edition.toml";

/// Changes closer together than this make one rebuild.
const QUIET: Duration = Duration::from_millis(50);

/// What came of a burst of changes.
pub type Changes = std::result::Result<Vec<PathBuf>, String>;

/// The watch, running until dropped.
pub struct Watch {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// The folders of [`WATCHED`] that exist and are watched.
    watched: BTreeSet<PathBuf>,
}

impl Watch {
    /// Watches the edition at `root`; `on_change` gets the changed files
    /// (relative to `root`, sorted), or the watcher's errors as one message.
    pub fn start(root: &Path, mut on_change: impl FnMut(Changes) + Send + 'static) -> Result<Watch> {
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let base = root.clone();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let changed: BTreeSet<PathBuf> = events
                    .iter()
                    .filter(|e| is_change(e.kind))
                    .flat_map(|e| e.paths.iter().filter_map(|p| relevant(&base, p)))
                    .collect();
                if !changed.is_empty() {
                    on_change(Ok(changed.into_iter().collect()));
                }
            }
            Err(errors) => {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                on_change(Err(text.join("; ")));
            }
        };
        let mut debouncer = new_debouncer(QUIET, None, handler)
            .map_err(|e| Error::Other(format!("could not watch {}: {e}", root.display())))?;
        // The folder itself, for `edition.toml` and parts that appear later.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Other(format!("could not watch {}: {e}", root.display())))?;
        let mut watch = Watch { root, debouncer, watched: BTreeSet::new() };
        watch.refresh()?;
        Ok(watch)
    }

    /// Watches the parts of the edition that appeared since the last call.
    pub fn refresh(&mut self) -> Result<()> {
        for part in WATCHED {
            let dir = self.root.join(part);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| Error::Other(format!("could not watch {}: {e}", dir.display())))?;
                self.watched.insert(dir);
            } else if !dir.is_dir() {
                // A removed folder is watched again when it comes back.
                self.watched.remove(&dir);
            }
        }
        Ok(())
    }
}

/// Whether the event changed something: opening and reading a file does not.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(access) => access == AccessKind::Close(AccessMode::Write),
        _ => true,
    }
}

/// `path` relative to `root` if the site is built from it.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    let first = match parts.next()? {
        Component::Normal(name) => name.to_str()?,
        _ => return None,
    };
    if first == SETTINGS && parts.next().is_none() {
        return Some(rel.to_path_buf());
    }
    let hidden_or_backup = rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name.ends_with('~')
    });
    (WATCHED.contains(&first) && !hidden_or_backup).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_files_the_site_is_built_from_count() {
        let root = Path::new("/ed");
        let kept = |p: &str| relevant(root, &root.join(p)).is_some();
        for p in [
            "content/a.md",
            "content/img/p.png",
            "translations/en/a.md",
            "sources/x.txt",
            "themes/default/templates/base.html",
            "edition.toml",
            "content",
        ] {
            assert!(kept(p), "{p}");
        }
        for p in [
            "public/index.html",
            ".public.tmp-1/a.html",
            ".public.lock",
            "content/.a.md.swp",
            "content/a.md~",
            "README.md",
            "target/x",
            "edition.toml/x",
        ] {
            assert!(!kept(p), "{p}");
        }
        assert!(relevant(root, Path::new("/elsewhere/content/a.md")).is_none());
    }

    #[test]
    fn reading_a_file_is_no_change() {
        assert!(!is_change(EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(EventKind::Modify(notify::event::ModifyKind::Any)));
        assert!(is_change(EventKind::Remove(notify::event::RemoveKind::File)));
    }

    #[test]
    fn an_edit_is_reported_once_and_a_read_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("content")).unwrap();
        std::fs::write(tmp.path().join("content/a.md"), "a").unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        let _watch = Watch::start(tmp.path(), move |c| drop(send.send(c))).unwrap();
        std::fs::read(tmp.path().join("content/a.md")).unwrap();
        assert!(receive.recv_timeout(Duration::from_millis(600)).is_err(), "a read is no change");
        std::fs::write(tmp.path().join("content/a.md"), "b").unwrap();
        std::fs::write(tmp.path().join("content/a.md"), "c").unwrap();
        let changed = receive.recv_timeout(Duration::from_secs(5)).unwrap().unwrap();
        assert_eq!(changed, [PathBuf::from("content/a.md")]);
    }
}
