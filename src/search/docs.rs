//! The searchable text of a site: for each article (in site order) its
//! title as ¶0 and each block as ¶n, in Chinese and in English (empty when
//! untranslated), as the plain text a reader sees; and what is known of an
//! article without reading its text (its blocks, its size in Markdown).

use super::fold::plain;
use super::lead::Shown;
use crate::site::Site;
use crate::site::assemble::SiteArticle;
use rayon::prelude::*;
use std::borrow::Cow;

/// One article's searchable text.
pub struct Doc {
    pub id: String,
    /// ¶0 (the title) to ¶n: the Chinese.
    pub zh: Vec<String>,
    /// The same numbering: the English, `""` where untranslated.
    pub en: Vec<String>,
    /// `2020-02-27`, or `""` when undated.
    pub date: String,
    /// The primary region's path, `""` if none.
    pub region: String,
}

/// Every article's searchable text, in site order.
pub fn docs(site: &Site) -> Vec<Doc> {
    site.articles.par_iter().map(doc).collect()
}

/// One article's searchable text.
pub fn doc(a: &SiteArticle) -> Doc {
    let texts = |en| (0..blocks(a)).map(|n| text(a, n, en).into_owned()).collect();
    Doc {
        id: a.aligned.article.id.to_string(),
        zh: texts(false),
        en: texts(true),
        date: date(a),
        region: region(a).to_string(),
    }
}

/// The searchable text of an article's block `n` (¶0 the title), in English
/// if `en`.
pub fn text(a: &SiteArticle, n: usize, en: bool) -> Cow<'_, str> {
    let Some(row) = n.checked_sub(1).and_then(|r| a.aligned.rows.get(r)) else {
        return match (n, en) {
            (0, false) => Cow::Borrowed(&a.aligned.article.front.title),
            (0, true) => {
                a.aligned.translation.as_ref().map_or(Cow::Borrowed(""), |t| Cow::Borrowed(&t.title))
            }
            _ => Cow::Borrowed(""),
        };
    };
    match (en, &row.en) {
        (false, _) => Cow::Owned(plain(&row.zh.markdown)),
        (true, Some(markdown)) => Cow::Owned(plain(markdown)),
        (true, None) => Cow::Borrowed(""),
    }
}

/// A lead reads only the blocks it shows, straight from the article.
impl Shown for SiteArticle {
    fn id(&self) -> &str {
        self.aligned.article.id.as_str()
    }

    fn text(&self, n: usize, en: bool) -> Cow<'_, str> {
        text(self, n, en)
    }
}

/// An article's blocks with its title.
pub fn blocks(a: &SiteArticle) -> usize {
    a.aligned.rows.len() + 1
}

/// An article's size in bytes of Markdown, both languages: what the runs
/// of articles in a text shard are measured by (known before the text).
pub fn size(a: &SiteArticle) -> usize {
    let title = a.aligned.article.front.title.len();
    let en_title = a.aligned.translation.as_ref().map_or(0, |t| t.title.len());
    let rows: usize =
        a.aligned.rows.iter().map(|r| r.zh.markdown.len() + r.en.as_deref().map_or(0, str::len)).sum();
    title + en_title + rows
}

/// `2020-02-27`, or `""` when undated.
pub fn date(a: &SiteArticle) -> String {
    a.date.map(|d| d.to_string()).unwrap_or_default()
}

/// The primary region's path, `""` if none.
pub fn region(a: &SiteArticle) -> &str {
    a.aligned.article.front.regions.first().map_or("", String::as_str)
}
