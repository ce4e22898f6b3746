//! Recovering the old source text of a stale block from git, for slots that
//! recorded no `<!-- zh: … -->` line: an article id and a fingerprint in,
//! the block text that had that fingerprint in an earlier commit out.

use crate::model::{fingerprint, split_blocks, split_front_matter};
use crate::pair::{AlignedArticle, RowStatus};
use std::path::Path;
use std::process::Command;

/// How far back to look: enough for an edition's life, bounded for speed.
const MAX_COMMITS: usize = 200;

/// The text of a block of `content/<id>.md` whose fingerprint was
/// `wanted`, from the newest commit that had one; `None` if git is missing,
/// `root` is not in a repository, or no commit had it.
pub fn source_from_git(root: &Path, id: &str, wanted: &str) -> Option<String> {
    let file = format!("content/{id}.md");
    let log = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=%H", &format!("-n{MAX_COMMITS}"), "--", &file])
        .output()
        .ok()?;
    if !log.status.success() {
        return None;
    }
    for commit in String::from_utf8_lossy(&log.stdout).lines() {
        // `./` makes the path relative to `root`, not to the repository's top.
        let show = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["show", &format!("{commit}:./{file}")])
            .output()
            .ok()?;
        if !show.status.success() {
            continue;
        }
        let text = String::from_utf8_lossy(&show.stdout);
        let Ok((_, body, _)) = split_front_matter(Path::new(&file), &text) else {
            continue;
        };
        if let Some(block) = split_blocks(body).into_iter().find(|b| fingerprint(&b.markdown) == wanted) {
            return Some(block.markdown);
        }
    }
    None
}

/// Fills in `was_text` of stale rows that lack it, from git history. Call
/// it before [`crate::pair::stale_message`] when the edition is a git
/// repository; it runs git only for such rows.
pub fn recover_stale_sources(root: &Path, aligned: &mut AlignedArticle) {
    let id = aligned.article.id.to_string();
    for row in &mut aligned.rows {
        if let RowStatus::Stale { was, was_text } = &mut row.status
            && was_text.is_none()
        {
            *was_text = source_from_git(root, &id, was);
        }
    }
}
