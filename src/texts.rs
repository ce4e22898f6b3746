//! The edition's texts read from disk: `content/*.md` and
//! `translations/<lang>/*.md` in, parsed articles and translations out, with
//! every file that does not parse (or does not fit) as a diagnostic, so that
//! one bad file never hides the next. Shared by the site loader and `status`;
//! also lists an edition folder's files ([`list_files`]).

use crate::config::Edition;
use crate::error::{Diagnostic, Error, Location};
use crate::fs_util::{link_leaves_edition, slash_path};
use crate::model::{Article, ArticleId, Translation};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// An article with the file it came from.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    pub article: Article,
    /// Relative to the edition root, e.g. `content/x.md`.
    pub path: PathBuf,
    /// The whole file, for the "Markdown source" view.
    pub text: String,
}

/// The articles and the translations of one language.
#[derive(Debug, Default)]
pub struct Texts {
    /// Sorted by id.
    pub articles: Vec<LoadedArticle>,
    pub translations: BTreeMap<ArticleId, (PathBuf, Translation)>,
    /// Files under `content/` other than articles (images), `/`-separated
    /// and relative to `content/`.
    pub content_files: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A check run on each translation file as it is read: its path, whole
/// text and parsed form in, problems pushed to the list.
pub type TranslationCheck = dyn Fn(&Path, &str, &Translation, &mut Vec<Diagnostic>) + Sync;

/// Reads the articles and the translations of `lang`, in parallel, running
/// `check` on each translation that parses.
pub fn load_texts(edition: &Edition, lang: &str, check: Option<&TranslationCheck>) -> Texts {
    let mut texts = Texts::default();
    // The two folders are listed and read side by side: each listing is
    // one thread's work, which the other folder's files keep company.
    let (present, translations) = rayon::join(
        || read_articles(&edition.root, &mut texts),
        || parse_translations(&edition.root, lang, check),
    );
    add_translations(&present, translations, &mut texts);
    texts
}

/// Fills in the articles and content files; returns the ids of every
/// article file there is, parsed or not: a translation of one that failed
/// is not "without an article".
fn read_articles(root: &Path, texts: &mut Texts) -> BTreeSet<String> {
    let diagnostics = &mut texts.diagnostics;
    let content = list_files(root, Path::new("content"), Scope::Texts, diagnostics);
    let present: BTreeSet<String> = content
        .md
        .iter()
        .chain(&content.refused)
        .filter_map(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    texts.content_files =
        content.others.iter().filter_map(|p| p.strip_prefix("content").ok()).map(slash_path).collect();
    let parsed: Vec<_> = content
        .md
        .par_iter()
        .map(|rel| {
            let text = read_text(root, rel)?;
            let article = Article::parse(rel, &text).map_err(diagnostic_of)?;
            Ok(LoadedArticle { article, path: rel.clone(), text })
        })
        .collect();
    let mut seen: BTreeMap<ArticleId, PathBuf> = BTreeMap::new();
    for result in parsed {
        let article = match result {
            Ok(article) => article,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        if let Some(first) = seen.get(&article.article.id) {
            diagnostics.push(Diagnostic::error(
                Some(Location::new(&article.path, 1)),
                format!(
                    "duplicate article id \"{}\": {} has the same file name",
                    article.article.id,
                    first.display()
                ),
            ));
            continue;
        }
        seen.insert(article.article.id.clone(), article.path.clone());
        texts.articles.push(article);
    }
    texts.articles.sort_by(|a, b| a.article.id.cmp(&b.article.id));
    present
}

/// A translation file read and checked, or why it could not be.
type ParsedTranslation = Result<(PathBuf, Translation, Vec<Diagnostic>), Diagnostic>;

/// The translations of `lang` read and parsed, in the order of their
/// files, after the problems of listing their folder.
fn parse_translations(
    root: &Path,
    lang: &str,
    check: Option<&TranslationCheck>,
) -> (Vec<Diagnostic>, Vec<ParsedTranslation>) {
    let mut listed = Vec::new();
    let tdir = Path::new("translations").join(lang);
    let md = list_files(root, &tdir, Scope::Texts, &mut listed).md;
    let parsed = md
        .par_iter()
        .map(|rel| {
            let text = read_text(root, rel)?;
            let t = Translation::parse(rel, &text).map_err(diagnostic_of)?;
            let mut problems = Vec::new();
            if let Some(check) = check {
                check(rel, &text, &t, &mut problems);
            }
            Ok((rel.clone(), t, problems))
        })
        .collect();
    (listed, parsed)
}

/// Fills in the translations parsed; `present` are the article ids.
fn add_translations(
    present: &BTreeSet<String>,
    (listed, parsed): (Vec<Diagnostic>, Vec<ParsedTranslation>),
    texts: &mut Texts,
) {
    let diagnostics = &mut texts.diagnostics;
    diagnostics.extend(listed);
    for result in parsed {
        let (path, t, problems) = match result {
            Ok(parsed) => parsed,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        diagnostics.extend(problems);
        if !present.contains(t.id.as_str()) {
            diagnostics.push(Diagnostic::warning(
                Some(Location::new(&path, 1)),
                format!("translation of \"{}\", but there is no content/{}.md", t.id, t.id),
            ));
        }
        if let Some((first, _)) = texts.translations.get(&t.id) {
            diagnostics.push(Diagnostic::error(
                Some(Location::new(&path, 1)),
                format!("a second translation of \"{}\" (first: {})", t.id, first.display()),
            ));
            continue;
        }
        texts.translations.insert(t.id.clone(), (path, t));
    }
}

/// Turns a library error into a diagnostic that keeps its location.
pub fn diagnostic_of(error: Error) -> Diagnostic {
    match error {
        Error::At { location, message } => Diagnostic::error(Some(location), message),
        Error::File { path, message } => Diagnostic::error(Some(Location::new(path, 1)), message),
        other => Diagnostic::error(None, other.to_string()),
    }
}

fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| Diagnostic::error(Some(Location::new(rel, 1)), e.to_string()))?;
    // Checked with SIMD first (std's check was a tenth of loading an edition);
    // std's, on failure only, finds the line.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: just checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = crate::error::line_at(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
        Diagnostic::error(
            Some(Location::new(rel, line)),
            "not valid UTF-8: content and translations must be UTF-8",
        )
    })
}

/// The files under a folder of the edition, relative to the root, sorted.
#[derive(Debug, Default)]
pub struct Listing {
    pub md: Vec<PathBuf>,
    pub others: Vec<PathBuf>,
    /// Symbolic links refused because they leave the edition.
    pub refused: Vec<PathBuf>,
}

/// Which folder a listing is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `content/`, `translations/`: what the site is made of.
    Texts,
    /// `sources/`: the build only lists them; hidden files and symbolic
    /// links are left out silently, as ingest leaves them out.
    Sources,
}

/// Lists `root/dir`. In [`Scope::Texts`], hidden files and folders
/// (`._x.md`, `.DS_Store`) are skipped with a note, and a symbolic link is
/// followed only if it stays in the edition, else it is an error naming it.
pub fn list_files(root: &Path, dir: &Path, scope: Scope, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let mut listing = Listing::default();
    let full = root.join(dir);
    if !full.is_dir() {
        return listing;
    }
    if let Some(why) = full.is_symlink().then(|| link_leaves_edition(root, &full)).flatten() {
        diagnostics.push(Diagnostic::error(None, format!("{}: {why}", dir.display())));
        return listing;
    }
    let mut walk = walkdir::WalkDir::new(&full).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(None, format!("{}: {e}", dir.display())));
                continue;
            }
        };
        let rel = dir.join(entry.path().strip_prefix(&full).unwrap_or(entry.path()));
        let name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_dir();
        if scope == Scope::Sources && (name.starts_with('.') || entry.path_is_symlink()) {
            continue;
        }
        if entry.depth() > 0 && is_hidden(&name) {
            if is_dir {
                walk.skip_current_dir();
            }
            let what = if is_dir { "hidden folder" } else { "hidden file" };
            diagnostics.push(Diagnostic::note(None, format!("{}: {what}, skipped", rel.display())));
            continue;
        }
        if entry.path_is_symlink() {
            if let Some(why) = link_leaves_edition(root, entry.path()) {
                diagnostics.push(Diagnostic::error(None, format!("{}: {why}", rel.display())));
                listing.refused.push(rel);
                continue;
            }
            if !entry.path().is_file() {
                diagnostics.push(Diagnostic::note(
                    None,
                    format!("{}: a link to a folder, not followed", rel.display()),
                ));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if name.ends_with(".md") {
            listing.md.push(rel);
        } else {
            listing.others.push(rel);
        }
    }
    listing
}

/// Editors' and systems' files (`._x.md`, `.DS_Store`, `.git`). Not `..md`
/// or `...md`: those look like articles whose id would be `.` or `..`, and
/// are refused as such.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && !name.starts_with("..")
}
