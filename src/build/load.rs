//! Load: the edition folder in, parsed articles, translations, sources and
//! glossary out, with every per-file problem collected as a diagnostic
//! (one bad file never hides the next).

use crate::config::Edition;
use crate::error::{Diagnostic, Error, Location};
use crate::model::{Article, ArticleId, Glossary, Term, Translation};
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

/// A raw file in `sources/` with its sidecar and recorded fixes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the root, `/`-separated: `sources/a.txt`.
    pub path: String,
    pub bytes: u64,
    /// `sources/<file>.toml`, parsed.
    pub sidecar: Option<(String, toml::Table)>,
    /// `sources/<file>.fixes.toml`, as text.
    pub fixes: Option<(String, String)>,
}

/// Everything read from disk.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Sorted by id.
    pub articles: Vec<LoadedArticle>,
    pub translations: BTreeMap<ArticleId, (PathBuf, Translation)>,
    pub sources: Vec<SourceFile>,
    pub glossary: Option<Vec<Term>>,
    /// Files under `content/` other than articles (images), `/`-separated
    /// and relative to `content/`.
    pub content_files: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The translation language this stage pairs with the Chinese.
pub const LANG: &str = "en";

/// Reads and parses the edition's files in parallel: articles and
/// translations, checked, then the sources and the glossary.
pub fn load(edition: &Edition) -> Loaded {
    let mut loaded = load_texts(edition, LANG);
    for a in &loaded.articles {
        check_regions(&a.path, &a.text, &a.article, &mut loaded.diagnostics);
    }
    let tdir = Path::new("translations").join(LANG);
    loaded.glossary = load_glossary(&edition.root, &tdir.join("glossary.toml"), &mut loaded.diagnostics);
    loaded.sources = load_sources(&edition.root, &mut loaded.diagnostics);
    loaded
}

/// Articles and the translations of `lang` only, in parallel: what
/// `status` needs, and the first half of [`load`]. A file that does not
/// parse becomes a diagnostic and never hides the next.
pub fn load_texts(edition: &Edition, lang: &str) -> Loaded {
    let root = &edition.root;
    let mut loaded = Loaded::default();
    let diagnostics = &mut loaded.diagnostics;

    let (md, others) = list_files(root, Path::new("content"), diagnostics);
    loaded.content_files = others
        .iter()
        .filter_map(|p| p.strip_prefix("content").ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let parsed: Vec<_> = md
        .par_iter()
        .map(|rel| {
            let text = read_text(root, rel)?;
            let article = Article::parse(rel, &text).map_err(diagnostic_of)?;
            Ok(LoadedArticle { article, path: rel.clone(), text })
        })
        .collect();
    let mut seen: BTreeMap<ArticleId, PathBuf> = BTreeMap::new();
    for result in parsed {
        match result {
            Ok(article) => {
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
                loaded.articles.push(article);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    loaded.articles.sort_by(|a, b| a.article.id.cmp(&b.article.id));

    let tdir = Path::new("translations").join(lang);
    let (md, _) = list_files(root, &tdir, diagnostics);
    let parsed: Vec<_> = md
        .par_iter()
        .map(|rel| {
            let text = read_text(root, rel)?;
            Translation::parse(rel, &text).map(|t| (rel.clone(), t)).map_err(diagnostic_of)
        })
        .collect();
    for result in parsed {
        match result {
            Ok((path, t)) => {
                if !seen.contains_key(&t.id) {
                    diagnostics.push(Diagnostic::warning(
                        Some(Location::new(&path, 1)),
                        format!("translation of \"{}\", but there is no content/{}.md", t.id, t.id),
                    ));
                }
                if let Some((first, _)) = loaded.translations.get(&t.id) {
                    diagnostics.push(Diagnostic::error(
                        Some(Location::new(&path, 1)),
                        format!("a second translation of \"{}\" (first: {})", t.id, first.display()),
                    ));
                    continue;
                }
                loaded.translations.insert(t.id.clone(), (path, t));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    loaded
}

/// Whether a `regions` entry names a known place: "全国", or a slash path
/// of official division names, province first, as the gazetteer has them.
pub fn region_is_known(path: &str) -> bool {
    path == "全国" || crate::gazetteer::Gazetteer::embedded().code_of_path(path).is_some()
}

fn check_regions(rel: &Path, text: &str, article: &Article, out: &mut Vec<Diagnostic>) {
    let line = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
            .map_or(1, |i| i + 1)
    };
    for region in &article.front.regions {
        if !region_is_known(region) {
            out.push(Diagnostic::error(
                Some(Location::new(rel, line("regions"))),
                format!(
                    "unknown region \"{region}\": write \"全国\" or official division names joined by '/', e.g. \"湖北省/十堰市\""
                ),
            ));
        }
    }
    if article.front.regions.is_empty() {
        out.push(Diagnostic::warning(
            Some(Location::new(rel, 1)),
            "no `regions`: the article appears under no region",
        ));
    }
    for place in &article.front.places {
        if !region_is_known(place) {
            out.push(Diagnostic::warning(
                Some(Location::new(rel, line("places"))),
                format!("unknown place \"{place}\" in `places`"),
            ));
        }
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
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        Diagnostic::error(
            Some(Location::new(rel, line)),
            "not valid UTF-8: content and translations must be UTF-8",
        )
    })
}

/// The `.md` files and the other files under `root/dir`, relative to root, sorted.
fn list_files(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut md = Vec::new();
    let mut others = Vec::new();
    let full = root.join(dir);
    if !full.is_dir() {
        return (md, others);
    }
    for entry in walkdir::WalkDir::new(&full).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(None, format!("{}: {e}", dir.display())));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        // Hidden files are editors' business, except Markdown: `...md`
        // would give the id `..`, and must be refused, not skipped.
        if name.starts_with('.') && !name.ends_with(".md") {
            continue;
        }
        let rel = dir.join(entry.path().strip_prefix(&full).unwrap_or(entry.path()));
        if name.ends_with(".md") {
            md.push(rel);
        } else {
            others.push(rel);
        }
    }
    (md, others)
}

fn load_glossary(root: &Path, rel: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Term>> {
    let text = match std::fs::read_to_string(root.join(rel)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            diagnostics.push(Diagnostic::error(Some(Location::new(rel, 1)), e.to_string()));
            return None;
        }
    };
    match Glossary::parse(rel, &text) {
        Ok(glossary) => Some(glossary.terms),
        Err(e) => {
            diagnostics.push(diagnostic_of(e));
            None
        }
    }
}

fn toml_diagnostic(rel: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let line = crate::error::toml_error_line(text, 1, e);
    Diagnostic::error(Some(Location::new(rel, line)), format!("invalid TOML: {}", e.message().trim()))
}

fn load_sources(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let (md, others) = list_files(root, Path::new("sources"), diagnostics);
    let all: BTreeSet<String> =
        md.iter().chain(&others).map(|p| p.to_string_lossy().replace('\\', "/")).collect();
    let mut sources = Vec::new();
    for path in &all {
        if path.ends_with(".toml") {
            continue;
        }
        let stem = path.rsplit_once('.').map_or(path.as_str(), |(s, _)| s);
        let find = |suffix: &str| {
            [format!("{path}{suffix}"), format!("{stem}{suffix}")].into_iter().find(|p| all.contains(p))
        };
        let sidecar = find(".toml").and_then(|p| {
            let text = std::fs::read_to_string(root.join(&p)).ok()?;
            match toml::from_str::<toml::Table>(&text) {
                Ok(table) => Some((p, table)),
                Err(e) => {
                    diagnostics.push(toml_diagnostic(Path::new(&p), &text, &e));
                    None
                }
            }
        });
        let fixes =
            find(".fixes.toml").and_then(|p| Some((p.clone(), std::fs::read_to_string(root.join(&p)).ok()?)));
        let bytes = std::fs::metadata(root.join(path)).map_or(0, |m| m.len());
        sources.push(SourceFile { path: path.clone(), bytes, sidecar, fixes });
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_national_or_division_paths() {
        assert!(region_is_known("全国"));
        assert!(region_is_known("湖北省/十堰市"));
        assert!(region_is_known("湖北省/十堰市/郧阳区"));
        assert!(!region_is_known("湖北/十堰"));
        assert!(!region_is_known("Atlantis"));
        assert!(!region_is_known("湖北省//十堰市"));
        assert!(!region_is_known("火星省/十堰市"));
    }
}
