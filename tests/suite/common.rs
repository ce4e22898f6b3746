//! The harness every test module shares: an edition in a temporary folder
//! ([`EditionTest`]), the binary run inside it ([`Run`]), and checksums of
//! folders to show what a command touched. Golden files are in `golden.rs`.

#![allow(dead_code)]

use assert_cmd::Command;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folders and files that make up the bundled edition.
const EDITION_PARTS: &[&str] = &["sources", "content", "translations", "edition.toml", "themes", "data"];

/// The repository, where the bundled edition and the fixtures live.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rel>` in the repository.
pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// An edition in a temporary folder (`<tmp>/edition`), with room beside it
/// for outside folders. Start from a copy of the repository's own edition
/// ([`EditionTest::new`]), from nothing ([`EditionTest::empty`]) or from a
/// fixture site ([`EditionTest::site`]); add files with [`EditionTest::file`];
/// run the binary with [`EditionTest::dz`].
///
/// ```ignore
/// EditionTest::empty()
///     .file("content/2020-02-01-a.md", "+++\ntitle = \"a\"\n")
///     .dz(&["build"])
///     .code(1)
///     .stderr_has("content/2020-02-01-a.md:1:");
/// ```
pub struct EditionTest {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

/// The hostile tests' name for an [`EditionTest`]: `Fresh::new()` is a fresh
/// copy of the bundled edition.
pub type Fresh = EditionTest;

impl EditionTest {
    /// A fresh copy of the repository's bundled edition, which most tests
    /// start from.
    pub fn new() -> EditionTest {
        let edition = EditionTest::empty();
        for part in EDITION_PARTS {
            let from = repo().join(part);
            if from.is_dir() {
                copy_dir(&from, &edition.path(part));
            } else if from.is_file() {
                std::fs::copy(&from, edition.path(part)).unwrap();
            }
        }
        edition
    }

    /// An empty edition folder.
    pub fn empty() -> EditionTest {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("edition");
        std::fs::create_dir_all(&root).unwrap();
        EditionTest { tmp, root }
    }

    /// A copy of the fixture site `tests/fixtures/sites/<name>`, without its
    /// golden files (`expected/`).
    pub fn site(name: &str) -> EditionTest {
        let edition = EditionTest::empty();
        copy_dir(&fixture(&format!("sites/{name}")), &edition.root);
        std::fs::remove_dir_all(edition.path("expected")).ok();
        edition
    }

    /// The edition with one more file (folders made as needed).
    pub fn file(self, rel: &str, text: impl AsRef<[u8]>) -> EditionTest {
        self.write(rel, text);
        self
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

    /// Asserts that the file `rel` holds exactly `expected`, with a line diff if not.
    pub fn check_file(&self, rel: &str, expected: &str) -> &EditionTest {
        let actual = std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(actual == expected, "{rel} differs:\n{}", crate::golden::diff(expected, &actual));
        self
    }

    /// Runs `duizhao -C <edition> ARGS` from the edition's parent folder.
    pub fn dz(&self, args: &[&str]) -> Run {
        let mut full = vec!["-C", self.root.to_str().unwrap()];
        full.extend_from_slice(args);
        run_in(self.tmp.path(), &full)
    }

    /// Runs `duizhao ARGS` with the edition as the current folder.
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

    /// Asserts exit code 0.
    pub fn success(&self) -> &Run {
        self.code(0)
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

    /// Asserts the whole of stdout, with a line diff if it differs.
    pub fn stdout_is(&self, expected: &str) -> &Run {
        assert!(self.stdout == expected, "stdout differs:\n{}", crate::golden::diff(expected, &self.stdout));
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

/// `duizhao -C <root>`, for tests that use `assert_cmd`'s assertions.
pub fn duizhao(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("duizhao").expect("the duizhao binary is built");
    cmd.arg("-C").arg(root);
    cmd
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

/// Writes `root/rel`, making its folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    write_file(&root.join(rel), text.as_bytes());
}

pub fn write_file(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Puts `english` under the two comment lines of slot `no` (`<!-- ¶no … -->`
/// and `<!-- zh: … -->`) of the translation file `root/rel`.
pub fn fill(root: &Path, rel: &str, no: usize, english: &str) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let marker = format!("<!-- ¶{no} ");
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        out.push(line.to_string());
        if line.starts_with(&marker) {
            out.push(lines.next().unwrap().to_string());
            out.push(english.to_string());
        }
    }
    write(root, rel, &(out.join("\n") + "\n"));
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

/// The article the hostile review's examples use most.
pub const A: &str = "2020-02-02-gao-xin-qu-zuo-shi-yi-qing";
