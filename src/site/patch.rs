//! Patch: a [`Site`] and one edited file of one article (`content/<id>.md`
//! or `translations/en/<id>.md`) in; out, the site with that article read
//! again and paired again, its glossary entries and the counts brought up
//! to date, and the problems found in it. For `serve`, which keeps the site
//! in memory between edits.
//!
//! Only an edit that leaves the article's place in the site as it was is
//! patched: same id, date, regions, places and source, so that the order,
//! the neighbours, the timeline, the region tree and the sources stay
//! right. Anything else (a new or removed file, a moved article, a file that
//! does not parse, an error) is refused with the reason, and the caller
//! assembles the whole site again.

use super::assemble::{Site, SiteArticle, counts, image_diagnostics, terms_in};
use super::load::{LANG, article_links, check_regions, translation_links};
use crate::error::{Diagnostic, Severity};
use crate::model::{Article, Translation};
use crate::pair::history::GitHistory;
use crate::pair::{pair, translation_diagnostics};
use crate::texts::LoadedArticle;
use std::path::{Component, Path};

/// What a patch did: the article's index in `Site::articles`, and the
/// problems found in its files (warnings and notes only).
#[derive(Debug)]
pub struct Patched {
    pub index: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an edit was not patched, for the terminal.
pub type Refused = String;

/// Reads the edited file `rel` (relative to `root`) into `site`; the site
/// is left as it was when the edit is refused.
pub fn apply(
    site: &mut Site,
    root: &Path,
    rel: &Path,
    history: Option<&GitHistory>,
) -> Result<Patched, Refused> {
    let (id, is_translation) =
        article_of(rel).ok_or_else(|| format!("{} is not an article", rel.display()))?;
    let index = site
        .articles
        .iter()
        .position(|a| a.aligned.article.id.as_str() == id)
        .ok_or_else(|| format!("{} is a new article", rel.display()))?;
    let old = &site.articles[index];
    let text = if is_translation { old.text.clone() } else { read(root, rel)? };
    let article = Article::parse(&old.path, &text).map_err(|e| e.to_string())?;
    let translation_path =
        if is_translation { Some(rel.to_path_buf()) } else { old.translation_path.clone() };
    if translation_path.as_deref().is_some_and(|t| old.translation_path.as_deref().is_some_and(|o| o != t)) {
        return Err(format!("{} is a second translation", rel.display()));
    }
    let mut diagnostics = Vec::new();
    let translation = match &translation_path {
        Some(tp) => Some(read_translation(root, tp, &id, &mut diagnostics)?),
        None => None,
    };
    same_place(old, &article)?;
    let loaded = LoadedArticle { article, path: old.path.clone(), text };
    check_regions(&loaded.path, &loaded.text, &loaded.article, &mut diagnostics);
    article_links(&loaded, &mut diagnostics);
    let aligned = pair(loaded.article, translation);
    let new = SiteArticle {
        translated_blocks: aligned.coverage().translated,
        aligned,
        text: loaded.text,
        translation_path,
        ..old.clone()
    };
    diagnostics.extend(image_diagnostics(&new, &site.content_files));
    if let Some(tp) = &new.translation_path {
        diagnostics.extend(translation_diagnostics(tp, &new.aligned, history));
    }
    if let Some(error) = diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(error.to_string());
    }
    file_glossary_terms(site, index, &new);
    site.articles[index] = new;
    site.counts = counts(&site.articles, &site.timeline, site.regions.len(), site.sources.len());
    Ok(Patched { index, diagnostics })
}

/// The article id a file is of, and whether it is its translation:
/// `content/<id>.md` or `translations/en/<id>.md`.
pub fn article_of(rel: &Path) -> Option<(String, bool)> {
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (name, is_translation) = match parts.as_slice() {
        ["content", name] => (*name, false),
        ["translations", lang, name] if *lang == LANG => (*name, true),
        _ => return None,
    };
    let id = name.strip_suffix(".md")?;
    (!id.is_empty() && !id.starts_with('.')).then(|| (id.to_string(), is_translation))
}

fn read(root: &Path, rel: &Path) -> Result<String, Refused> {
    std::fs::read_to_string(root.join(rel)).map_err(|e| format!("{}: {e}", rel.display()))
}

/// The translation at `rel`, which must be of article `id`; its link
/// problems go to `diagnostics`.
fn read_translation(
    root: &Path,
    rel: &Path,
    id: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Translation, Refused> {
    let text = read(root, rel)?;
    let t = Translation::parse(rel, &text).map_err(|e| e.to_string())?;
    if t.id.as_str() != id {
        return Err(format!("{} is a translation of \"{}\"", rel.display(), t.id));
    }
    translation_links(rel, &text, &t, diagnostics);
    Ok(t)
}

/// Refuses an edit that moves the article in the site.
fn same_place(old: &SiteArticle, new: &Article) -> Result<(), Refused> {
    let (was, is) = (&old.aligned.article.front, &new.front);
    let moved = new.id != old.aligned.article.id
        || is.calendar_date() != old.date
        || is.regions != was.regions
        || is.places != was.places
        || is.source != was.source;
    if moved {
        Err(format!("{}: its date, regions, places or source changed", old.path.display()))
    } else {
        Ok(())
    }
}

/// Files article `index` (as `new`) under the glossary terms it now holds, and
/// only those.
fn file_glossary_terms(site: &mut Site, index: usize, new: &SiteArticle) {
    let Some(entries) = site.glossary.as_mut() else { return };
    let patterns: Vec<&str> = entries.iter().map(|e| e.term.zh.as_str()).collect();
    let Ok(matcher) = aho_corasick::AhoCorasick::new(&patterns) else { return };
    let held = terms_in(&matcher, new);
    for (t, entry) in entries.iter_mut().enumerate() {
        match (entry.articles.binary_search(&index), held.contains(&t)) {
            (Err(at), true) => entry.articles.insert(at, index),
            (Ok(at), false) => {
                entry.articles.remove(at);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_articles_and_their_translations_are_patched() {
        assert_eq!(article_of(Path::new("content/a-b.md")), Some(("a-b".into(), false)));
        assert_eq!(article_of(Path::new("translations/en/a-b.md")), Some(("a-b".into(), true)));
        for other in
            ["content/img/a.md", "content/a.png", "translations/en/glossary.toml", "translations/fr/a.md"]
        {
            assert_eq!(article_of(Path::new(other)), None, "{other}");
        }
        assert_eq!(article_of(Path::new("edition.toml")), None);
    }

    #[test]
    fn an_edited_paragraph_is_patched_and_a_moved_article_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let basic = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
        for entry in walkdir::WalkDir::new(&basic).into_iter().map(Result::unwrap) {
            let to = tmp.path().join(entry.path().strip_prefix(&basic).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let root = tmp.path();
        let mut site = crate::render::prepare(root, None).unwrap().site;
        let id = site.articles[0].aligned.article.id.to_string();
        let content = Path::new("content").join(format!("{id}.md"));
        let text = std::fs::read_to_string(root.join(&content)).unwrap();
        let first = site.articles[0].aligned.rows[0].zh.markdown.clone();
        std::fs::write(root.join(&content), text.replacen(&first, &format!("{first}又一句。"), 1)).unwrap();
        let patched = apply(&mut site, root, &content, None).unwrap();
        assert_eq!(patched.index, 0);
        assert!(site.articles[0].aligned.rows[0].zh.markdown.ends_with("又一句。"));
        let date = site.articles[0].date.unwrap().to_string();
        std::fs::write(root.join(&content), text.replacen(&date, "2019-01-01", 1)).unwrap();
        let refused = apply(&mut site, root, &content, None).unwrap_err();
        assert!(refused.contains("its date, regions, places or source changed"), "{refused}");
        assert!(site.articles[0].aligned.rows[0].zh.markdown.ends_with("又一句。"), "left as it was");
    }
}
