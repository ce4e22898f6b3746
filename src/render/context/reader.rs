//! A reader's page (`reader.html`): its cover, contents, each article (or
//! ¶ range) in parallel rows, the vocabulary of glossary terms it uses, and
//! the citations. In: the site and a reader of `edition.toml`; out: the
//! context, documented in `docs/theme.md`.

use super::article::{ArticleRow, AuthorContext};
use super::{date_zh, english_title};
use crate::reader::{Part, Word, parts, vocabulary};
use crate::render::cite::citation;
use crate::render::page::{Page, href};
use crate::site::assemble::Site;
use serde::Serialize;

/// `page` of `reader.html`.
#[derive(Debug, Serialize)]
pub struct ReaderContext {
    /// The reader's id, its folder under `readers/`.
    pub id: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// The teacher's note, `""` if none.
    pub notes: String,
    /// The articles, or ¶ ranges of them, in the reader's order.
    pub parts: Vec<ReaderPartContext>,
    /// The glossary terms the parts' Chinese uses, in the order they occur.
    pub vocabulary: Vec<VocabWord>,
    /// Number of blocks (¶) in all parts.
    pub blocks: usize,
}

/// One article of a reader.
#[derive(Debug, Serialize)]
pub struct ReaderPartContext {
    /// Its number in the reader, from 1.
    pub no: usize,
    /// The element id of its section (`a1`); its rows are `a1-p3` …
    pub anchor: String,
    /// Chinese title.
    pub title: String,
    /// English title, `null` if not translated.
    pub en: Option<String>,
    /// `YYYY-MM-DD`, `null` if undated.
    pub date: Option<String>,
    /// The date in Chinese, `null` if undated.
    pub date_zh: Option<String>,
    /// The date is inferred: show it as 约 / c.
    pub date_inferred: bool,
    /// Publication, `""` if unknown.
    pub publication: String,
    /// Authors and photographers.
    pub authors: Vec<AuthorContext>,
    /// The article's page on the site.
    pub href: String,
    /// The ¶ the reader gives (`"¶3–8"`, `"¶5"`) when not the whole article, else `null`.
    pub excerpt: Option<String>,
    /// The rows given, Chinese beside English.
    pub rows: Vec<ArticleRow>,
    /// A plain-text citation of the article.
    pub cite_text: String,
}

/// A glossary term the reader uses.
#[derive(Debug, Serialize)]
pub struct VocabWord {
    /// The Chinese term.
    pub zh: String,
    /// Its pinyin, tone-marked.
    pub pinyin: String,
    /// Its English rendering.
    pub en: String,
    /// The number of the part it first occurs in.
    pub part: usize,
    /// The ¶ it first occurs in.
    pub first: usize,
    /// That row's element id on the reader's page (`a1-p3`).
    pub anchor: String,
}

impl ReaderContext {
    /// The context of reader `i` of `edition.toml`. A reader whose articles
    /// do not resolve has no page (see `render::pages`), so is empty here.
    pub fn new(site: &Site, i: usize) -> ReaderContext {
        let reader = &site.config.readers[i];
        let parts = parts(site, reader).unwrap_or_default();
        let words = vocabulary(site, &parts);
        ReaderContext {
            id: reader.id.clone(),
            title_zh: reader.title.zh.clone(),
            title_en: reader.title.en.clone(),
            notes: reader.notes.clone(),
            blocks: parts.iter().map(|p| p.rows.len()).sum(),
            vocabulary: words.iter().map(|w| VocabWord::new(site, w)).collect(),
            parts: parts.iter().enumerate().map(|(n, p)| ReaderPartContext::new(site, n + 1, p)).collect(),
        }
    }
}

impl ReaderPartContext {
    fn new(site: &Site, no: usize, part: &Part) -> ReaderPartContext {
        let a = &site.articles[part.article];
        let f = &a.aligned.article.front;
        let rows = &a.aligned.rows[part.rows.clone()];
        ReaderPartContext {
            no,
            anchor: format!("a{no}"),
            title: f.title.clone(),
            en: english_title(a),
            date: a.date.map(|d| d.to_string()),
            date_zh: a.date.map(date_zh),
            date_inferred: a.date.is_some() && f.date_inferred,
            publication: f.publication.clone(),
            authors: f.authors.iter().map(AuthorContext::new).collect(),
            href: href(site, Page::Article(part.article), None),
            excerpt: part.excerpt.then(|| match (part.rows.start + 1, part.rows.end) {
                (from, to) if from == to => format!("¶{from}"),
                (from, to) => format!("¶{from}–{to}"),
            }),
            rows: rows.iter().map(|row| ArticleRow::new(site, row)).collect(),
            cite_text: citation(site, part.article).0,
        }
    }
}

impl VocabWord {
    fn new(site: &Site, word: &Word) -> VocabWord {
        let term = site.glossary.as_ref().map(|g| &g[word.term].term);
        VocabWord {
            zh: term.map(|t| t.zh.clone()).unwrap_or_default(),
            pinyin: word.pinyin.clone(),
            en: term.map(|t| t.en.clone()).unwrap_or_default(),
            part: word.part + 1,
            first: word.block,
            anchor: format!("a{}-p{}", word.part + 1, word.block),
        }
    }
}
