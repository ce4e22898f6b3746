//! Ingest: raw sources in, `content/<id>.md` articles out.
//!
//! For each source file, in this order:
//! 1. read its [`sidecar`]; [`decode`] the bytes (UTF-8, UTF-16 by BOM,
//!    GB18030/GBK or Big5 by the evidence, or the encoding the sidecar names;
//!    CRLF handled);
//! 2. read its editorial [`fixes`], refusing fixes that cannot both apply;
//! 3. detect its [`shape`] and parse it into raw blocks ([`html`] flattens web exports);
//! 4. apply the fixes that move, drop or correct lines;
//! 5. [`segment`] the blocks into draft articles (unmarked [`headline`]s by shape and place);
//! 6. put banners and late headlines in their place ([`layout`]);
//! 7. drop page [`furniture`] and repeated articles and paragraphs ([`dedupe`]);
//! 8. [`mend`] column breaks, make [`punct`]uation full-width, flag stray Latin
//!    and poorly read paragraphs ([`ocr_quality`]);
//! 9. find date ([`published`] lines leave the body, [`image_date`]) and regions ([`meta`]), apply `set` fixes,
//!    give a page's undated articles its inferred [`issue`] date, name the article ([`slug`]);
//! 10. place each article at its id ([`claim`]) and [`write`](mod@write) `content/<id>.md`
//!     unless an editor changed it ([`output`]).
//!
//! Stages 1–2 are `read.rs`'s, 3–8 `clean.rs`'s, 9–10 up to the write
//! `article.rs`'s; `clean_bytes` below calls them in order.
//!
//! Which files are read is [`files`]' business: only files in `sources/`.

mod article;
pub mod byline;
pub mod claim;
mod clean;
pub mod decode;
pub mod dedupe;
pub mod draft;
pub mod emend;
pub mod files;
pub mod fixes;
pub mod furniture;
pub mod headline;
pub mod html;
pub mod image_date;
pub mod issue;
pub mod lacuna;
pub mod layout;
pub mod markdown;
pub mod mend;
pub mod meta;
pub mod ocr_quality;
pub mod output;
pub mod place;
pub mod progress;
pub mod published;
pub mod punct;
mod read;
pub mod segment;
pub mod set_field;
pub mod shape;
pub mod sidebar;
pub mod sidecar;
pub mod slug;
pub mod text;
pub mod write;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::fs_util::display_path;
use crate::model::FrontMatter;
use draft::NoteKind;
use shape::Shape;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One article ready to write.
#[derive(Debug, Clone)]
pub struct IngestedArticle {
    pub id: String,
    pub front: FrontMatter,
    /// The whole file: front matter with its `[ingest]` record, and the body.
    pub text: String,
    pub review_flags: usize,
    /// Pictures kept beside the source, copied next to the article.
    pub images: Vec<PathBuf>,
}

/// What ingest made of one source.
#[derive(Debug, Clone)]
pub struct SourceReport {
    pub path: PathBuf,
    pub shape: Shape,
    pub encoding: &'static str,
    pub articles: Vec<IngestedArticle>,
    /// Warnings about the source, for the caller to print.
    pub warnings: Vec<Diagnostic>,
    pub interventions: BTreeMap<NoteKind, usize>,
}

/// Cleans one source into articles. Errors and warnings name the file and,
/// where there is one, the line.
pub fn ingest_source(path: &Path, root: &Path, config: &Config) -> Result<SourceReport> {
    ingest_source_with_progress(path, root, config, &progress::SourceProgress::hidden())
}

/// [`ingest_source`], showing its stages and articles on `progress`.
pub fn ingest_source_with_progress(
    path: &Path,
    root: &Path,
    config: &Config,
    progress: &progress::SourceProgress,
) -> Result<SourceReport> {
    clean_source(path, root, config, progress).map_err(|e| e.map_path(|p| display_path(p, root)))
}

fn clean_source(
    path: &Path,
    root: &Path,
    config: &Config,
    progress: &progress::SourceProgress,
) -> Result<SourceReport> {
    progress.stage("reading");
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let sidecar = sidecar::read_sidecar(path)?;
    clean_bytes(path, &bytes, sidecar, root, config, progress)
}

/// [`ingest_source`] on bytes already read, with the source's sidecar;
/// `path` names the source in messages and finds its fixes. Any bytes give
/// `Ok` or a located `Err`, never a panic (`tests/fuzz` holds it to that).
pub fn ingest_bytes(
    path: &Path,
    bytes: &[u8],
    sidecar: Option<sidecar::Sidecar>,
    root: &Path,
    config: &Config,
) -> Result<SourceReport> {
    clean_bytes(path, bytes, sidecar, root, config, &progress::SourceProgress::hidden())
}

/// The pipeline: each stage takes what the one before gave and hands on
/// its own result.
fn clean_bytes(
    path: &Path,
    bytes: &[u8],
    sidecar: Option<sidecar::Sidecar>,
    root: &Path,
    config: &Config,
    progress: &progress::SourceProgress,
) -> Result<SourceReport> {
    let shown_path = display_path(path, root);
    let mut source = read::read_source(path, bytes, sidecar, root)?;
    let mut warnings = std::mem::take(&mut source.warnings);
    progress.stage("splitting into articles");
    let shape = shape::detect(&source.text);
    let mut drafts = clean::clean_drafts(&source.text, shape, &source.fixes, progress)?;
    clean::drop_empty_drafts(&mut drafts, &shown_path, &mut warnings);
    clean::record_fixes(&source.fixes, &mut drafts);
    let context = article::ArticleContext::new(path, root, config, &source, &mut warnings);
    let fronted = article::front_matter(drafts, shape, &context)?;
    let (articles, interventions) = article::articles(fronted, &context, progress)?;
    let encoding = source.encoding.name();
    Ok(SourceReport { path: shown_path, shape, encoding, articles, warnings, interventions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_under_the_other_spelling_are_warned_about_and_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        let sources = dir.path().join("sources");
        std::fs::create_dir_all(&sources).unwrap();
        let source = sources.join("y.txt");
        std::fs::write(&source, "# 郧阳区企业复工\n\n3月1日，郧阳区已有五十家企业复工。\n").unwrap();
        std::fs::write(sources.join("y.txt.toml"), "publication = \"十堰日报\"\nyear = 2020\n").unwrap();
        std::fs::write(sources.join("y.txt.fixes.toml"), "[[fix]]\nsplit = 1\nreason = \"r\"\n").unwrap();
        let report = ingest_source(&source, dir.path(), &Config::default()).unwrap();
        let misnamed: Vec<&str> =
            report.warnings.iter().map(|w| w.message.as_str()).filter(|w| w.contains("not read")).collect();
        assert_eq!(
            misnamed,
            [
                "sources/y.txt.toml: not read: a source's companion file drops the source's extension; rename it to sources/y.toml",
                "sources/y.txt.fixes.toml: not read: a source's companion file drops the source's extension; rename it to sources/y.fixes.toml",
            ]
        );
        // The sidecar's publication and year were not used.
        assert_eq!(report.articles[0].front.publication, "");
        assert_eq!(report.articles[0].front.date, None);
    }
}
