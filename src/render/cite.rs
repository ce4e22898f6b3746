//! How to cite an article: a plain-text citation and a BibTeX entry.

use crate::site::assemble::{Site, SiteArticle};

/// A plain-text citation and a BibTeX entry for an article.
pub fn citation(site: &Site, a: &SiteArticle) -> (String, String) {
    let f = &a.aligned.article.front;
    let id = &a.aligned.article.id;
    let authors: Vec<&str> = f.authors.iter().filter(|x| x.role != "摄").map(|x| x.name.as_str()).collect();
    let date = a.date.map_or("n.d.".to_string(), |d| d.to_string());
    let url = if site.config.base_url.is_empty() {
        format!("articles/{id}.html")
    } else {
        format!("{}/articles/{id}.html", site.config.base_url.trim_end_matches('/'))
    };
    let en = a.aligned.translation.as_ref().map(|t| t.title.as_str());
    let text = format!(
        "{}{}「{}」{}. {}, {}. {} ({}), {}.",
        authors.join("、"),
        if authors.is_empty() { "" } else { ": " },
        f.title,
        en.map(|t| format!(" [{t}]")).unwrap_or_default(),
        if f.publication.is_empty() { "n.p." } else { &f.publication },
        date,
        site.config.title.en,
        site.config.title.zh,
        url
    );
    let mut bib = format!("@article{{{},\n", id.as_str().replace('-', "_"));
    let mut field = |k: &str, v: &str| {
        if !v.is_empty() {
            bib.push_str(&format!("  {k} = {{{}}},\n", v.replace(['{', '}'], "")));
        }
    };
    field("author", &authors.join(" and "));
    field("title", &f.title);
    if let Some(en) = en {
        field("titleaddon", &format!("[{en}]"));
    }
    field("journal", &f.publication);
    if let Some(d) = a.date {
        field("date", &d.to_string());
    }
    field("url", &url);
    field("note", &format!("{} ({})", site.config.title.en, site.config.title.zh));
    bib.push('}');
    (text, bib)
}
