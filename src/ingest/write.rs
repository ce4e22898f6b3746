//! Writing articles: never over an editor's change, always whole (a temporary
//! file of this process renamed into place), byte-identical for the same input.
//!
//! The `[ingest].fingerprint` ingest writes is a fingerprint of the whole file
//! as written (with the fingerprint itself left empty): a change anywhere, a
//! comment in the front matter, a signed-off `review`, a blank line, makes the
//! file "edited by hand". Files from before this rule carry an 8-digit
//! fingerprint of their fields and body; see [`edited_by_hand`].

use crate::error::{Error, Result};
use crate::fs_util::{read_optional, write_atomically};
use crate::model::{Article, FrontMatter, IngestRecord, fingerprint, split_front_matter};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Written,
    Unchanged,
    /// An editor changed the file since ingest wrote it: left alone.
    KeptEdited,
    /// `--force` over an editor's change: written, the editor's file kept as a backup.
    Replaced,
    /// `--dry-run`: would have been written.
    WouldWrite,
}

/// What [`write_article`] did, and where it put the editor's file it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub outcome: Outcome,
    pub backup: Option<PathBuf>,
}

/// The table header and key that open the record in every file ingest writes.
const RECORD_OPENING: &str = "\n[ingest]\nfingerprint = ";

/// The fingerprint of a whole article file (16 hex digits of SHA-256).
fn file_fingerprint(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("{digest:x}")[..16].to_string()
}

/// The file text of an article, with the fingerprint of the whole file filled
/// into its `[ingest]` record; the front matter is serialised once.
pub fn article_text(front: &FrontMatter, mut record: IngestRecord, body: &str) -> Result<String> {
    debug_assert!(front.ingest.is_none());
    let bare = front.to_toml().map_err(|e| Error::Other(format!("{}: {e}", front.source)))?;
    record.fingerprint = String::new();
    let blank = Article::file_text(&format!("{bare}\n{}", record_toml(&record)?), body);
    record.fingerprint = file_fingerprint(&blank);
    // The record opens right after the front matter (`+++\n` and `bare`):
    // the fingerprint goes into its empty quotes, without serialising again.
    let at = "+++\n".len() + bare.len();
    let empty = format!("{RECORD_OPENING}\"\"");
    if blank.get(at..).is_some_and(|rest| rest.starts_with(&empty)) {
        let cut = at + empty.len() - 1;
        return Ok([&blank[..cut], &record.fingerprint, &blank[cut..]].concat());
    }
    Ok(Article::file_text(&format!("{bare}\n{}", record_toml(&record)?), body))
}

fn record_toml(record: &IngestRecord) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Record<'a> {
        ingest: &'a IngestRecord,
    }
    toml::to_string(&Record { ingest: record }).map_err(|e| Error::Other(format!("ingest record: {e}")))
}

/// Was the file at `path` changed by hand since ingest wrote it? `new_text`
/// is what ingest would write now; see `legacy_unedited` for its use.
pub fn edited_by_hand(path: &Path, text: &str, new_text: &str) -> bool {
    let Some(record) = parsed_front(path, text).and_then(|(front, _)| front.ingest) else {
        return true;
    };
    if record.fingerprint.len() == 8 {
        return !legacy_unedited(path, text, new_text);
    }
    let written = format!("{RECORD_OPENING}\"{}\"\n", record.fingerprint);
    let blank = format!("{RECORD_OPENING}\"\"\n");
    !text.contains(&written) || file_fingerprint(&text.replacen(&written, &blank, 1)) != record.fingerprint
}

fn parsed_front<'a>(path: &Path, text: &'a str) -> Option<(FrontMatter, &'a str)> {
    let (front_text, body, _) = split_front_matter(path, text).ok()?;
    Some((toml::from_str::<FrontMatter>(front_text).ok()?, body))
}

/// A file from an ingest before whole-file fingerprints: its fingerprint
/// covers the front-matter fields and the body. It reads as unedited only if
/// that matches, the file is exactly as ingest lays it out (no comment, no
/// reformatting), and its `[ingest]` record is the one ingest writes now (the
/// old fingerprint cannot tell an editor's `review` sign-off from ours).
fn legacy_unedited(path: &Path, text: &str, new_text: &str) -> bool {
    let Some((mut front, body)) = parsed_front(path, text) else { return false };
    let Some(record) = front.ingest.take() else { return false };
    let Ok(bare) = toml::to_string(&front) else { return false };
    let old_fingerprint = fingerprint(&format!("{bare}\n{}", body.trim()));
    let Ok(record_text) = record_toml(&record) else { return false };
    let laid_out =
        Article::file_text(&format!("{bare}\n{record_text}"), body.strip_prefix('\n').unwrap_or(body));
    let new_record = parsed_front(path, new_text).and_then(|(f, _)| f.ingest);
    let same_record = new_record.is_some_and(|r| r.notes == record.notes && r.review == record.review);
    record.fingerprint == old_fingerprint && laid_out == text && same_record
}

/// Writes `text` to `path` unless it is already there or an editor changed
/// the file since ingest last wrote it. With `force` it writes over the
/// editor's file and keeps that as `<id>.md.orig` (or `.orig.2`, …).
pub fn write_article(path: &Path, text: &str, force: bool, dry_run: bool) -> Result<Written> {
    let done = |outcome| Ok(Written { outcome, backup: None });
    let edited = match read_optional(path)? {
        Some(existing) if existing == text => return done(Outcome::Unchanged),
        Some(existing) => edited_by_hand(path, &existing, text),
        None => false,
    };
    if edited && !force {
        return done(Outcome::KeptEdited);
    }
    if dry_run {
        return done(Outcome::WouldWrite);
    }
    let backup = if edited { Some(back_up(path)?) } else { None };
    replace_file(path, text.as_bytes())?;
    Ok(Written { outcome: if edited { Outcome::Replaced } else { Outcome::Written }, backup })
}

/// Copies an editor's file to the first free `<file>.orig`, `<file>.orig.2`, …
/// beside it (the build reads only `.md` files, so a backup is never published).
fn back_up(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let backup = (1..)
        .map(|n| {
            path.with_file_name(if n == 1 { format!("{name}.orig") } else { format!("{name}.orig.{n}") })
        })
        .take(10_000)
        .find(|p| !p.exists())
        .ok_or_else(|| {
            Error::file(path, "every backup name up to .orig.10000 is taken: remove old backups")
        })?;
    std::fs::copy(path, &backup).map_err(|e| Error::io(&backup, e))?;
    Ok(backup)
}

/// Writes a file whole ([`write_atomically`]), naming it in any error.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, bytes).map_err(|e| Error::io(path, e))
}

/// Copies pictures kept with a source next to the articles, where the build
/// finds them; an unchanged copy is left alone.
pub fn copy_images(images: &[std::path::PathBuf], out_dir: &Path) -> Result<()> {
    for image in images {
        let Some(name) = image.file_name() else { continue };
        let target = out_dir.join(name);
        let bytes = std::fs::read(image).map_err(|e| Error::io(image, e))?;
        if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
            replace_file(&target, &bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        let front = FrontMatter {
            title: "标题".into(),
            source: "sources/a.txt".into(),
            regions: vec!["全国".into()],
            ..FrontMatter::default()
        };
        let record = IngestRecord { review: vec!["line 3: check".into()], ..IngestRecord::default() };
        article_text(&front, record, "第一段。\n\n第二段。").unwrap()
    }

    #[test]
    fn a_file_as_written_reads_as_unedited() {
        let text = sample();
        assert!(text.contains(RECORD_OPENING));
        assert!(!edited_by_hand(Path::new("content/x.md"), &text, &text));
    }

    #[test]
    fn a_change_anywhere_is_an_edit() {
        let text = sample();
        let path = Path::new("content/x.md");
        for edited in [
            text.replace("第二段。", "第二段！"),
            text.replace("第一段。\n\n第二段。", "第一段。\n第二段。"),
            text.replace("line 3: check", "checked by 李编辑"),
            text.replace("title = ", "# 编者注\ntitle = "),
            format!("{text}\n"),
        ] {
            assert_ne!(edited, text);
            assert!(edited_by_hand(path, &edited, &text), "not seen as edited:\n{edited}");
        }
    }

    #[test]
    fn a_legacy_fingerprint_still_reads_as_unedited_unless_the_record_or_layout_changed() {
        let path = Path::new("content/x.md");
        let front =
            FrontMatter { title: "标题".into(), source: "sources/a.txt".into(), ..FrontMatter::default() };
        let bare = toml::to_string(&front).unwrap();
        let body = "第一段。";
        let record = IngestRecord {
            fingerprint: fingerprint(&format!("{bare}\n{body}")),
            notes: vec!["line 1: a note".into()],
            review: vec![],
            date_basis: None,
            encoding: None,
        };
        let legacy = Article::file_text(&format!("{bare}\n{}", record_toml(&record).unwrap()), body);
        let new = article_text(&front, IngestRecord { fingerprint: String::new(), ..record.clone() }, body)
            .unwrap();
        assert!(!edited_by_hand(path, &legacy, &new));
        let commented = legacy.replace("title = ", "# 编者注\ntitle = ");
        assert!(edited_by_hand(path, &commented, &new));
        let signed = legacy.replace("notes = ", "review = [\"checked\"]\nnotes = ");
        assert!(edited_by_hand(path, &signed, &new));
    }

    #[test]
    fn force_keeps_the_editors_file_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        let text = sample();
        std::fs::write(&path, text.replace("第二段。", "编辑改过。")).unwrap();
        let kept = write_article(&path, &text, false, false).unwrap();
        assert_eq!(kept.outcome, Outcome::KeptEdited);
        let forced = write_article(&path, &text, true, false).unwrap();
        assert_eq!(forced.outcome, Outcome::Replaced);
        let backup = forced.backup.unwrap();
        assert_eq!(backup, dir.path().join("x.md.orig"));
        assert!(std::fs::read_to_string(&backup).unwrap().contains("编辑改过。"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        std::fs::write(&path, "edited again").unwrap();
        let again = write_article(&path, &text, true, false).unwrap();
        assert_eq!(again.backup.unwrap(), dir.path().join("x.md.orig.2"));
    }
}
