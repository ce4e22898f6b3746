//! The searchable text of a site: for each article (in site order) its
//! title as ¶0 and each block as ¶n, in Chinese and in English (empty when
//! untranslated), as the plain text a reader sees.

use super::fold::plain;
use crate::site::Site;
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
    site.articles
        .par_iter()
        .map(|a| {
            let article = &a.aligned.article;
            let mut zh = vec![article.front.title.clone()];
            let mut en = vec![a.aligned.translation.as_ref().map(|t| t.title.clone()).unwrap_or_default()];
            for row in &a.aligned.rows {
                zh.push(plain(&row.zh.markdown));
                en.push(row.en.as_deref().map(plain).unwrap_or_default());
            }
            Doc {
                id: article.id.to_string(),
                zh,
                en,
                date: a.date.map(|d| d.to_string()).unwrap_or_default(),
                region: article.front.regions.first().cloned().unwrap_or_default(),
            }
        })
        .collect()
}
