//! How to cite an article: a plain-text citation and a BibTeX entry.

use crate::render::page::{Page, page_path};
use crate::site::assemble::Site;

/// A plain-text citation and a BibTeX entry for article `i`.
pub fn citation(site: &Site, i: usize) -> (String, String) {
    let a = &site.articles[i];
    let f = &a.aligned.article.front;
    let id = &a.aligned.article.id;
    let authors: Vec<&str> = f.authors.iter().filter(|x| x.is_writer()).map(|x| x.name.as_str()).collect();
    let circa = if f.date_inferred { "c. " } else { "" };
    let date = a.date.map_or("n.d.".to_string(), |d| format!("{circa}{d}"));
    let path = page_path(site, Page::Article(i));
    let url = if site.config.base_url.is_empty() {
        path
    } else {
        format!("{}/{path}", site.config.base_url.trim_end_matches('/'))
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
        // biblatex reads a trailing `~` as circa (EDTF).
        field("date", &format!("{d}{}", if f.date_inferred { "~" } else { "" }));
    }
    field("url", &url);
    field("note", &format!("{} ({})", site.config.title.en, site.config.title.zh));
    bib.push('}');
    (text, bib)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Prepared, prepare};
    use std::path::Path;

    fn fixture() -> Prepared {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
        prepare(&root, Some("https://example.org/ed/")).unwrap()
    }

    /// Checks the BibTeX grammar: `@article{key,`, then `  name = {value},`
    /// lines with balanced braces, then `}`; returns the fields.
    fn bibtex_fields(bib: &str) -> Vec<(String, String)> {
        let mut lines = bib.lines();
        let head = lines.next().unwrap();
        let key = head
            .strip_prefix("@article{")
            .and_then(|k| k.strip_suffix(','))
            .unwrap_or_else(|| panic!("{bib}"));
        assert!(!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "key {key:?}");
        assert_eq!(bib.lines().last(), Some("}"), "{bib}");
        let body: Vec<&str> = lines.collect();
        body[..body.len() - 1]
            .iter()
            .map(|line| {
                let (name, value) = line
                    .strip_prefix("  ")
                    .and_then(|l| l.split_once(" = "))
                    .unwrap_or_else(|| panic!("{line:?}"));
                let value = value
                    .strip_prefix('{')
                    .and_then(|v| v.strip_suffix("},"))
                    .unwrap_or_else(|| panic!("{line:?}"));
                assert!(!value.contains(['{', '}']), "braces inside a value: {line:?}");
                (name.to_string(), value.to_string())
            })
            .collect()
    }

    #[test]
    fn bibtex_entries_keep_the_grammar() {
        let prepared = fixture();
        let site = &prepared.site;
        let (text, bib) = citation(site, 0);
        assert_eq!(
            bibtex_fields(&bib),
            [
                ("author".to_string(), "张启国 and 李明".to_string()),
                ("title".into(), "广西向我市捐赠两辆负压救护车".into()),
                (
                    "titleaddon".into(),
                    "[Guangxi donates two negative-pressure ambulances to our city]".into()
                ),
                ("journal".into(), "十堰日报".into()),
                ("date".into(), "2020-02-27".into()),
                ("url".into(), "https://example.org/ed/articles/2020-02-27-guang-xi-juan-zeng.html".into()),
                ("note".into(), "Reporting the epidemic: a reader (抗疫报道选读)".into()),
            ]
        );
        assert!(bib.starts_with("@article{2020_02_27_guang_xi_juan_zeng,\n"), "{bib}");
        assert!(text.starts_with("张启国、李明: 「广西向我市捐赠两辆负压救护车」 [Guangxi"), "{text}");
        assert!(
            text.ends_with("https://example.org/ed/articles/2020-02-27-guang-xi-juan-zeng.html."),
            "{text}"
        );
    }

    #[test]
    fn braces_in_a_title_cannot_break_the_entry_and_empty_fields_are_left_out() {
        let prepared = fixture();
        let mut site = prepared.site.clone();
        let undated = site.articles.iter().position(|a| a.date.is_none()).unwrap();
        let a = &mut site.articles[undated];
        a.aligned.article.front.title = "标题}, evil = {x".into();
        a.aligned.article.front.publication.clear();
        a.aligned.article.front.authors.clear();
        let (text, bib) = citation(&site, undated);
        let fields = bibtex_fields(&bib);
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"evil") && !names.contains(&"journal") && !names.contains(&"date"), "{bib}");
        assert!(!names.contains(&"author"), "{bib}");
        assert!(fields.contains(&("title".into(), "标题, evil = x".into())), "{bib}");
        assert!(text.contains("n.p., n.d."), "{text}");
    }
}
