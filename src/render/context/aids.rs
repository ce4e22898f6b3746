//! The data of the article page's glossary aid (`static/aids.js`): the
//! site's glossary and an article in → the terms it uses, with their pinyin,
//! as JSON for the page. (The pinyin aid reads in the browser:
//! [`crate::pinyin::browser_table`].)

use crate::site::assemble::Site;
use serde::Serialize;

/// One glossary term for the page's pop-ups.
#[derive(Debug, Serialize)]
struct Gloss<'a> {
    zh: &'a str,
    en: &'a str,
    pinyin: String,
}

/// The glossary terms article `i` uses, as a JSON array of `{zh, en,
/// pinyin}` (`<` escaped, so it is safe in a script element too).
pub(super) fn glossary_json(site: &Site, i: usize) -> String {
    let terms: Vec<Gloss<'_>> = site
        .glossary
        .iter()
        .flatten()
        // `articles` is in article order (the site's glossary index).
        .filter(|entry| entry.articles.binary_search(&i).is_ok())
        .map(|entry| Gloss {
            zh: &entry.term.zh,
            en: &entry.term.en,
            pinyin: crate::pinyin::reading(&entry.term.zh),
        })
        .collect();
    serde_json::to_string(&terms).unwrap_or_else(|_| "[]".into()).replace('<', "\\u003c")
}
