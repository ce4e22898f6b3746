//! Reading an edition from disk: `content/*.md` and `translations/<lang>/*.md`
//! in, parsed articles and translations out. Sequential and simple; a file
//! that does not parse becomes a diagnostic, never stops the others.
//!
//! (The build has a parallel loader of its own in `src/build/load.rs`; the
//! two should become one.)

use crate::config::Edition;
use crate::error::{Diagnostic, Error, Location, Result};
use crate::model::{Article, ArticleId, Glossary, Translation};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An edition's articles and the translations of one language.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Sorted by id.
    pub articles: Vec<Article>,
    pub translations: BTreeMap<ArticleId, Translation>,
    /// Files that did not parse, translations without an article.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a language code before it becomes a path component.
pub fn check_lang(lang: &str) -> Result<()> {
    if lang.is_empty()
        || lang.len() > 16
        || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        || lang.starts_with('-')
    {
        return Err(Error::Other(format!("language \"{lang}\" is not a language code like `en` or `pt-br`")));
    }
    Ok(())
}

/// Reads every article and every `lang` translation of the edition.
pub fn load_edition(edition: &Edition, lang: &str) -> Result<Loaded> {
    check_lang(lang)?;
    let mut loaded = Loaded::default();
    for path in markdown_files(&edition.content_dir())? {
        match read(&path).and_then(|text| Article::parse(&shown(edition, &path), &text)) {
            Ok(article) => loaded.articles.push(article),
            Err(e) => loaded.diagnostics.push(as_diagnostic(e)),
        }
    }
    loaded.articles.sort_by(|a, b| a.id.cmp(&b.id));
    for path in markdown_files(&edition.translations_dir(lang))? {
        let shown = shown(edition, &path);
        match read(&path).and_then(|text| Translation::parse(&shown, &text)) {
            Ok(t) => {
                if loaded.articles.binary_search_by(|a| a.id.cmp(&t.id)).is_err() {
                    loaded.diagnostics.push(Diagnostic::warning(
                        Some(Location::new(&shown, 1)),
                        format!("a translation of \"{}\", which is not in content/", t.id),
                    ));
                }
                loaded.translations.insert(t.id.clone(), t);
            }
            Err(e) => loaded.diagnostics.push(as_diagnostic(e)),
        }
    }
    Ok(loaded)
}

/// Reads `translations/<lang>/glossary.toml`, if there is one.
pub fn load_glossary(edition: &Edition, lang: &str) -> Result<Option<Glossary>> {
    check_lang(lang)?;
    let path = edition.translations_dir(lang).join("glossary.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Glossary::parse(&shown(edition, &path), &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(shown(edition, &path), e)),
    }
}

/// The ids of `content/*.md`, sorted, without parsing the files.
pub fn article_ids(edition: &Edition) -> Result<Vec<String>> {
    Ok(markdown_files(&edition.content_dir())?
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .collect())
}

/// `*.md` files directly in `dir`, sorted; none if `dir` does not exist.
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// `path` relative to the edition's root, as messages should name it.
pub fn shown(edition: &Edition, path: &Path) -> PathBuf {
    path.strip_prefix(&edition.root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

fn as_diagnostic(error: Error) -> Diagnostic {
    match error {
        Error::At { location, message } => Diagnostic::error(Some(location), message),
        Error::File { path, message } => Diagnostic::error(Some(Location::new(path, 1)), message),
        other => Diagnostic::error(None, other.to_string()),
    }
}
