//! The old source text of stale blocks, from git: an article id and the
//! fingerprints its translation was made from in, the block texts that had
//! those fingerprints in earlier commits out.
//!
//! Used only for stale slots that recorded no `<!-- zh: … -->` line. Two git
//! processes per article at most (one `log`, one `cat-file --batch`), one
//! more per edition to find the work tree, and none when no block is stale.

use crate::model::{fingerprint, split_blocks, split_front_matter};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// How far back to look: enough for an edition's life, bounded for speed.
const MAX_COMMITS: usize = 200;

/// The git history of an edition, looked up only when first asked.
#[derive(Debug)]
pub struct GitHistory {
    root: PathBuf,
    /// The edition's folder relative to the top of the work tree, `/`-ended
    /// or empty (`cat-file` wants paths from the top); `None` when git is
    /// not installed or the edition is not in a work tree.
    prefix: OnceLock<Option<String>>,
}

impl GitHistory {
    /// The history of the edition at `root`. Runs nothing yet: an edition
    /// with no stale block never starts git.
    pub fn new(root: &Path) -> GitHistory {
        GitHistory { root: root.to_path_buf(), prefix: OnceLock::new() }
    }

    fn prefix(&self) -> Option<&str> {
        self.prefix
            .get_or_init(|| {
                let out = git(&self.root)
                    .args(["rev-parse", "--show-prefix"])
                    .stderr(Stdio::null())
                    .output()
                    .ok()?;
                let prefix = String::from_utf8(out.stdout).ok()?;
                out.status.success().then(|| prefix.trim_end().to_string())
            })
            .as_deref()
    }

    /// For each fingerprint in `wanted`, the text of a block of
    /// `content/<id>.md` that had it, from the newest commit that had one.
    /// Fingerprints no recent commit had are left out.
    pub fn old_blocks(&self, id: &str, wanted: &BTreeSet<&str>) -> BTreeMap<String, String> {
        let mut found = BTreeMap::new();
        if wanted.is_empty() {
            return found;
        }
        let file = format!("content/{id}.md");
        for text in self.versions(&file) {
            let Ok((_, body, _)) = split_front_matter(Path::new(&file), &text) else {
                continue;
            };
            for block in split_blocks(body) {
                let print = fingerprint(&block.markdown);
                if wanted.contains(print.as_str()) && !found.contains_key(&print) {
                    found.insert(print, block.markdown);
                }
            }
            if found.len() == wanted.len() {
                break;
            }
        }
        found
    }

    /// The committed texts of `file` (relative to the edition), newest first.
    fn versions(&self, file: &str) -> Vec<String> {
        let Some(prefix) = self.prefix() else {
            return Vec::new();
        };
        let Some(log) = git(&self.root)
            .args(["log", "--format=%H", &format!("-n{MAX_COMMITS}"), "--", file])
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
        else {
            return Vec::new();
        };
        let mut requests = String::new();
        for commit in String::from_utf8_lossy(&log.stdout).lines() {
            requests.push_str(&format!("{commit}:{prefix}{file}\n"));
        }
        if requests.is_empty() {
            return Vec::new();
        }
        cat_files(&self.root, requests).unwrap_or_default()
    }
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(root);
    command
}

/// Runs `git cat-file --batch` on `requests` (one `<commit>:<path>` a line)
/// and returns the blobs found, in order.
fn cat_files(root: &Path, requests: String) -> Option<Vec<String>> {
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    // Write from another thread: git answers while we are still asking.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    Some(parse_batch(&out.stdout))
}

/// The blobs of `cat-file --batch` output: `<oid> <type> <size>\n<bytes>\n`
/// per object, or `<name> missing\n`.
fn parse_batch(mut out: &[u8]) -> Vec<String> {
    let mut blobs = Vec::new();
    while let Some(end) = out.iter().position(|&b| b == b'\n') {
        let header = String::from_utf8_lossy(&out[..end]).into_owned();
        out = &out[end + 1..];
        let Some((kind, size)) = object_header(&header) else {
            continue;
        };
        let Some(bytes) = out.get(..size) else { break };
        if kind == "blob" {
            blobs.push(String::from_utf8_lossy(bytes).into_owned());
        }
        out = out.get(size + 1..).unwrap_or_default();
    }
    blobs
}

/// Type and size from `<oid> <type> <size>`; `None` for `<name> missing`.
fn object_header(header: &str) -> Option<(&str, usize)> {
    let mut fields = header.split(' ');
    let (_, kind, size) = (fields.next()?, fields.next()?, fields.next()?);
    Some((kind, size.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_gives_blobs_and_skips_missing_objects() {
        let out = b"abc missing\n0123 blob 5\nhello\n4567 blob 0\n\n";
        assert_eq!(parse_batch(out), ["hello", ""]);
    }

    #[test]
    fn outside_a_work_tree_there_is_no_history() {
        let dir = tempfile::tempdir().unwrap();
        // A temporary folder may itself sit inside a repository on some
        // machines; only assert when git says it does not.
        let history = GitHistory::new(dir.path());
        if history.prefix().is_none() {
            assert!(history.old_blocks("x", &BTreeSet::from(["deadbeef"])).is_empty());
        }
    }
}
