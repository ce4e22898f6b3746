//! Load: the edition folder in, parsed articles, translations, sources and
//! glossary out, with every per-file problem collected as a diagnostic
//! (one bad file never hides the next). The texts themselves are read by
//! [`crate::texts`]; this adds the site's checks, sources and glossary.

use super::media::{is_svg, svg_problems};
use crate::config::Edition;
use crate::error::{Diagnostic, Error, Location};
use crate::fs_util::{read_optional, slash_path};
use crate::model::link::{link_diagnostics, plain_text_link_diagnostics};
use crate::model::{
    Article, ArticleId, Companions, Glossary, Term, Translation, line_of_key, misnamed_message,
    split_front_matter,
};
use crate::texts::{LoadedArticle, Scope, Texts, diagnostic_of, list_files, load_texts};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
/// translations ([`load_texts`]), checked, then the sources and the glossary.
pub fn load(edition: &Edition, steps: &mut super::Steps) -> Loaded {
    let Texts { articles, translations, content_files, mut diagnostics } =
        load_texts(edition, LANG, Some(&translation_links));
    steps.mark("texts read and parsed");
    diagnostics.extend(
        articles
            .par_iter()
            .flat_map_iter(|a| {
                let mut out = Vec::new();
                check_regions(&a.path, &a.text, &a.article, &mut out);
                article_links(a, &mut out);
                out
            })
            .collect::<Vec<_>>(),
    );
    diagnostics.extend(
        content_files
            .par_iter()
            .filter(|f| is_svg(f))
            .flat_map_iter(|f| {
                let rel = Path::new("content").join(f);
                match std::fs::read(edition.root.join(&rel)) {
                    Ok(bytes) => svg_problems(&rel, &bytes),
                    Err(e) => vec![Diagnostic::error(None, format!("{}: {e}", rel.display()))],
                }
            })
            .collect::<Vec<_>>(),
    );
    steps.mark("regions, links and pictures checked");
    let tdir = Path::new("translations").join(LANG);
    let glossary = load_glossary(&edition.root, &tdir.join("glossary.toml"), &mut diagnostics);
    let sources = load_sources(&edition.root, &mut diagnostics);
    Loaded { articles, translations, sources, glossary, content_files, diagnostics }
}

/// Whether a `regions` entry names a known place: "全国", or a slash path
/// of official division names, province first, as the gazetteer has them.
pub fn region_is_known(path: &str) -> bool {
    path == "全国" || crate::gazetteer::Gazetteer::embedded().code_of_path(path).is_some()
}

pub(crate) fn check_regions(rel: &Path, text: &str, article: &Article, out: &mut Vec<Diagnostic>) {
    let line = |key: &str| line_of_key(text, key).map_or(1, |i| i + 1);
    for region in &article.front.regions {
        if !region_is_known(region) {
            out.push(Diagnostic::error(
                Some(Location::new(rel, line("regions"))),
                format!(
                    "unknown region \"{region}\": write \"全国\", official division names joined by '/' (e.g. \"湖北省/十堰市\") or \"国外/\" and a country (\"国外/法国\")"
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

/// The links of an article: its body and its front matter.
pub(crate) fn article_links(a: &LoadedArticle, out: &mut Vec<Diagnostic>) {
    // The whole body, so that reference definitions outside any block
    // are seen too.
    let body = &a.article;
    link_diagnostics(&a.path, &body.body, |line| body.body_line + line, out);
    if let Ok((front, _, _)) = split_front_matter(&a.path, &a.text) {
        plain_text_link_diagnostics(&a.path, front, 2, out);
    }
}

/// The links of a translation: each slot as rendered, and the front matter.
pub(crate) fn translation_links(rel: &Path, text: &str, t: &Translation, out: &mut Vec<Diagnostic>) {
    let lines: Vec<&str> = text.lines().collect();
    for slot in &t.slots {
        // The slot's text has its comment lines removed: find each of its
        // lines in the file, from the slot's marker on.
        let slot_lines: Vec<&str> = slot.text.lines().collect();
        let file_line = |line: usize| {
            let wanted = slot_lines.get(line).map_or("", |l| l.trim());
            lines
                .iter()
                .enumerate()
                .skip(slot.line.saturating_sub(1))
                .find(|(_, l)| l.trim() == wanted)
                .map_or(slot.line, |(i, _)| i + 1)
        };
        link_diagnostics(rel, &slot.text, file_line, out);
    }
    if let Ok((front, _, _)) = split_front_matter(rel, text) {
        plain_text_link_diagnostics(rel, front, 2, out);
    }
}

fn load_glossary(root: &Path, rel: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Term>> {
    let text = match read_optional(&root.join(rel)) {
        Ok(text) => text?,
        Err(e) => {
            // The location names the file already.
            let message = match e {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            diagnostics.push(Diagnostic::error(Some(Location::new(rel, 1)), message));
            return None;
        }
    };
    match Glossary::parse(rel, &text) {
        Ok(glossary) => {
            plain_text_link_diagnostics(rel, &text, 1, diagnostics);
            Some(glossary.terms)
        }
        Err(e) => {
            diagnostics.push(diagnostic_of(e));
            None
        }
    }
}

fn toml_diagnostic(rel: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let location = crate::error::toml_error_location(rel, text, 1, e);
    Diagnostic::error(Some(location), format!("invalid TOML: {}", e.message().trim()))
}

/// The files in `sources/` with their companions ([`Companions`]); one
/// under the other spelling (`x.txt.toml`) is not shown, and warned about.
fn load_sources(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let listing = list_files(root, Path::new("sources"), Scope::Sources, diagnostics);
    let all: BTreeSet<String> = listing.md.iter().chain(&listing.others).map(|p| slash_path(p)).collect();
    let mut sources = Vec::new();
    for path in all.iter().filter(|p| !p.ends_with(".toml")) {
        let source = Path::new(path);
        for (wrong, right) in Companions::misnamed(source) {
            if all.contains(&slash_path(&wrong)) {
                diagnostics
                    .push(Diagnostic::warning(Some(Location::new(&wrong, 1)), misnamed_message(&right)));
            }
        }
        let companions = Companions::of(source);
        let existing = |p: &Path| Some(slash_path(p)).filter(|p| all.contains(p));
        let sidecar = existing(&companions.sidecar).and_then(|p| {
            let text = read_companion(root, &p, diagnostics)?;
            match toml::from_str::<toml::Table>(&text) {
                Ok(table) => Some((p, table)),
                Err(e) => {
                    diagnostics.push(toml_diagnostic(Path::new(&p), &text, &e));
                    None
                }
            }
        });
        let fixes = existing(&companions.fixes)
            .and_then(|p| Some((p.clone(), read_companion(root, &p, diagnostics)?)));
        let bytes = std::fs::metadata(root.join(path)).map_or(0, |m| m.len());
        sources.push(SourceFile { path: path.clone(), bytes, sidecar, fixes });
    }
    sources
}

/// A companion file's text; one that cannot be read is named in a warning
/// and left off the sources page, never dropped without a word.
fn read_companion(root: &Path, rel: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match std::fs::read_to_string(root.join(rel)) {
        Ok(text) => Some(text),
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                Some(Location::new(rel, 1)),
                format!("cannot be read ({e}): it is left off the sources page"),
            ));
            None
        }
    }
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

    #[test]
    fn an_unreadable_companion_is_named_not_dropped_silently() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sources")).unwrap();
        std::fs::write(root.join("sources/a.txt"), "甲").unwrap();
        std::fs::write(root.join("sources/a.fixes.toml"), b"reason = \"\xff\xfe\"").unwrap();
        let mut diagnostics = Vec::new();
        let sources = load_sources(root, &mut diagnostics);
        assert_eq!(sources.len(), 1);
        assert!(sources[0].fixes.is_none());
        let said: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("warning: sources/a.fixes.toml:1: cannot be read ("), "{said:?}");
        assert!(said[0].ends_with("it is left off the sources page"), "{said:?}");
    }

    #[test]
    fn companions_under_the_other_spelling_are_not_shown_but_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sources")).unwrap();
        for (name, text) in [
            ("a.txt", "甲"),
            ("a.toml", "year = 2020"),
            ("a.fixes.toml", "[[fix]]"),
            ("b.txt", "乙"),
            ("b.txt.toml", "year = 2020"),
            ("b.txt.fixes.toml", "[[fix]]"),
        ] {
            std::fs::write(root.join("sources").join(name), text).unwrap();
        }
        let mut diagnostics = Vec::new();
        let sources = load_sources(root, &mut diagnostics);
        let shown: Vec<_> = sources
            .iter()
            .map(|s| {
                (
                    s.path.as_str(),
                    s.sidecar.as_ref().map(|(p, _)| p.as_str()),
                    s.fixes.as_ref().map(|(p, _)| p.as_str()),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("sources/a.txt", Some("sources/a.toml"), Some("sources/a.fixes.toml")),
                ("sources/b.txt", None, None)
            ]
        );
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "warning: sources/b.txt.toml:1: not read: a source's companion file drops the source's extension; rename it to sources/b.toml",
                "warning: sources/b.txt.fixes.toml:1: not read: a source's companion file drops the source's extension; rename it to sources/b.fixes.toml",
            ]
        );
    }
}
