//! Writing articles: never over an editor's change, always whole (a temporary
//! file renamed into place), byte-identical for the same input.

use crate::error::{Error, Result};
use crate::model::{Article, FrontMatter, IngestRecord, fingerprint, split_front_matter};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Written,
    Unchanged,
    /// An editor changed the file since ingest wrote it: left alone.
    KeptEdited,
    /// `--dry-run`: would have been written.
    WouldWrite,
}

/// Fingerprint of what ingest writes: the front matter without its
/// `[ingest]` record, and the body.
pub fn content_fingerprint(front: &FrontMatter, body: &str) -> Result<String> {
    let mut bare = front.clone();
    bare.ingest = None;
    Ok(fingerprint_of(&bare.to_toml()?, body))
}

/// The fingerprint over front matter (serialised, without its record) and body.
fn fingerprint_of(bare_toml: &str, body: &str) -> String {
    fingerprint(&format!("{bare_toml}\n{}", body.trim()))
}

/// The file text of an article, with the fingerprint of what it holds filled
/// into its `[ingest]` record; the front matter is serialised once.
pub fn article_text(front: &FrontMatter, mut record: IngestRecord, body: &str) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Record<'a> {
        ingest: &'a IngestRecord,
    }
    debug_assert!(front.ingest.is_none());
    let bare = front.to_toml()?;
    record.fingerprint = fingerprint_of(&bare, body);
    let record = toml::to_string(&Record { ingest: &record })
        .map_err(|e| Error::Other(format!("the ingest record cannot be written as TOML: {e}")))?;
    Ok(Article::file_text(&format!("{bare}\n{record}"), body))
}

/// Was the file at `path` changed by hand since ingest wrote it?
fn edited_by_hand(path: &Path, text: &str) -> bool {
    let Ok((front_text, body, _)) = split_front_matter(path, text) else {
        return true;
    };
    let Ok(front) = toml::from_str::<FrontMatter>(front_text) else {
        return true;
    };
    match &front.ingest {
        Some(record) => !content_fingerprint(&front, body).is_ok_and(|f| f == record.fingerprint),
        None => true,
    }
}

/// Writes `text` to `path` unless it is already there or an editor changed
/// the file since ingest last wrote it (`force` overrides that).
pub fn write_article(path: &Path, text: &str, force: bool, dry_run: bool) -> Result<Outcome> {
    match std::fs::read_to_string(path) {
        Ok(existing) if existing == text => return Ok(Outcome::Unchanged),
        Ok(existing) if !force && edited_by_hand(path, &existing) => {
            return Ok(Outcome::KeptEdited);
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(path, e)),
    }
    if dry_run {
        return Ok(Outcome::WouldWrite);
    }
    let temp = path.with_extension("md.tmp");
    std::fs::write(&temp, text).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| Error::io(path, e))?;
    Ok(Outcome::Written)
}

/// Copies pictures kept with a source next to the articles, where the build
/// finds them; an unchanged copy is left alone.
pub fn copy_images(images: &[std::path::PathBuf], out_dir: &Path) -> Result<()> {
    for image in images {
        let Some(name) = image.file_name() else { continue };
        let target = out_dir.join(name);
        let bytes = std::fs::read(image).map_err(|e| Error::io(image, e))?;
        if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::write(&target, &bytes).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}
