//! A fresh copy of the bundled edition per test, the binary run inside it,
//! and checksums of folders to show what a command touched.

#![allow(dead_code)]

use assert_cmd::Command;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folders and files that make up the bundled edition.
const EDITION_PARTS: &[&str] = &["sources", "content", "translations", "edition.toml", "themes", "data"];

/// A fresh copy of the repository's edition in a temporary folder
/// (`<tmp>/edition`), with room beside it for outside folders.
pub struct Fresh {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Fresh {
    pub fn new() -> Fresh {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir_all(&root).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in EDITION_PARTS {
            let from = repo.join(part);
            if from.is_dir() {
                copy_dir(&from, &root.join(part));
            } else if from.is_file() {
                std::fs::copy(&from, root.join(part)).unwrap();
            }
        }
        Fresh { tmp, root }
    }

    /// A path inside the edition.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A path beside the edition (in the same temporary folder).
    pub fn outside(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        write_file(&self.path(rel), text.as_ref());
    }

    /// `duizhao -C <edition> ARGS`, run from the edition's parent folder.
    pub fn dz(&self, args: &[&str]) -> Run {
        let mut full = vec!["-C", self.root.to_str().unwrap()];
        full.extend_from_slice(args);
        run_in(self.tmp.path(), &full)
    }

    /// `duizhao ARGS` run with the edition as the current folder.
    pub fn dz_here(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// Checksums of every file of the edition (not `public/`).
    pub fn sums(&self) -> Sums {
        let mut all = Sums::default();
        for part in EDITION_PARTS {
            all.0.extend(sums(&self.root.join(part)).0.into_iter().map(|(k, v)| (format!("{part}/{k}"), v)));
        }
        all
    }
}

/// What one command did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing the output when it differs.
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(self.stderr.contains(text), "stderr lacks {text:?}:\n{}", self.stderr);
        self
    }

    /// Asserts an error shown with its place: `error: <message>…`, then
    /// ` --> <place>` (`path:line:column`) above the line and its caret.
    pub fn error_at(&self, place: &str, message: &str) -> &Run {
        self.stderr_has(&format!("error: {message}")).stderr_has(&format!(" --> {place}\n"))
    }

    pub fn stdout_has(&self, text: &str) -> &Run {
        assert!(self.stdout.contains(text), "stdout lacks {text:?}:\n{}", self.stdout);
        self
    }

    pub fn stderr_lacks(&self, text: &str) -> &Run {
        assert!(!self.stderr.contains(text), "stderr has {text:?}:\n{}", self.stderr);
        self
    }

    /// No Rust panic, whatever the exit code.
    pub fn no_panic(&self) -> &Run {
        assert!(self.code != 101 && !self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        self
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("duizhao").unwrap().current_dir(dir).args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// SHA-256 of every file under a folder, by `/`-separated relative path;
/// symlinks are recorded by their target, not followed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sums(pub BTreeMap<String, String>);

pub fn sums(dir: &Path) -> Sums {
    let mut map = BTreeMap::new();
    if !dir.exists() {
        return Sums(map);
    }
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let value = if entry.path_is_symlink() {
            format!("-> {}", std::fs::read_link(entry.path()).unwrap().display())
        } else if entry.file_type().is_file() {
            format!("{:x}", Sha256::digest(std::fs::read(entry.path()).unwrap()))
        } else {
            "dir".to_string()
        };
        map.insert(rel, value);
    }
    Sums(map)
}

/// The files added, removed or changed between two checksums.
pub fn changed(before: &Sums, after: &Sums) -> std::collections::BTreeSet<String> {
    let keys: std::collections::BTreeSet<&String> = before.0.keys().chain(after.0.keys()).collect();
    keys.into_iter().filter(|k| before.0.get(*k) != after.0.get(*k)).cloned().collect()
}

pub fn write_file(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The article the review's examples use most.
pub const A: &str = "2020-02-02-gao-xin-qu-zuo-shi-yi-qing";
