//! The searchable text of a site: for each article (in site order) its
//! title as ¶0 and each block as ¶n, in Chinese and in English (empty when
//! untranslated), as the plain text a reader sees; and what is known of an
//! article without reading its text (its blocks, its size in Markdown).

use super::fold::plain;
use crate::site::Site;
use crate::site::assemble::SiteArticle;
use rayon::prelude::*;

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
    let article = &a.aligned.article;
    let mut zh = vec![article.front.title.clone()];
    let mut en = vec![a.aligned.translation.as_ref().map(|t| t.title.clone()).unwrap_or_default()];
    for row in &a.aligned.rows {
        zh.push(plain(&row.zh.markdown));
        en.push(row.en.as_deref().map(plain).unwrap_or_default());
    }
    Doc { id: article.id.to_string(), zh, en, date: date(a), region: region(a).to_string() }
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
