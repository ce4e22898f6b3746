//! How to cite an article: a plain-text citation and a BibTeX entry.

use crate::render::highlight::escape_into;
use crate::render::page::{Page, page_path};
use crate::site::assemble::Site;

/// A plain-text citation and a BibTeX entry for article `i`.
pub fn citation(site: &Site, i: usize) -> (String, BibTeX) {
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
    let mut bib = BibTeX { key: id.as_str().replace('-', "_"), fields: Vec::new() };
    bib.field("author", authors.join(" and "));
    bib.field("title", f.title.clone());
    if let Some(en) = en {
        bib.field("titleaddon", format!("[{en}]"));
    }
    bib.field("journal", f.publication.clone());
    if let Some(d) = a.date {
        // biblatex reads a trailing `~` as circa (EDTF).
        bib.field("date", format!("{d}{}", if f.date_inferred { "~" } else { "" }));
    }
    bib.field("url", url);
    bib.field("note", format!("{} ({})", site.config.title.en, site.config.title.zh));
    (text, bib)
}

/// A BibTeX `@article` entry: its key (letters, digits and `_`, as article
/// ids make it) and its fields, none empty, none with a brace.
#[derive(Debug, Clone)]
pub struct BibTeX {
    key: String,
    fields: Vec<(&'static str, String)>,
}

impl BibTeX {
    /// Adds a field, unless empty; braces are dropped so that no value can
    /// end the entry.
    fn field(&mut self, name: &'static str, value: String) {
        let value = if value.contains(['{', '}']) { value.replace(['{', '}'], "") } else { value };
        if !value.is_empty() {
            self.fields.push((name, value));
        }
    }

    /// The entry as text.
    pub fn text(&self) -> String {
        let mut out = Entry { out: String::new(), html: false };
        self.write(&mut out);
        out.out
    }

    /// The entry as HTML spans: the bytes syntect's BibTeX grammar gives
    /// [`BibTeX::text`] (`hl-*` classes), without parsing it again.
    pub fn html(&self) -> String {
        // Room for the spans around the fields, so that it seldom grows.
        let room = 2048 + self.fields.iter().map(|(_, v)| v.len()).sum::<usize>();
        let mut out = Entry { out: String::with_capacity(room), html: true };
        self.write(&mut out);
        out.out
    }

    /// The one place that knows the entry's layout.
    fn write(&self, out: &mut Entry) {
        out.open("text bibtex");
        out.open("meta entry braces bibtex");
        out.open("keyword other entry-type bibtex");
        out.span("punctuation definition keyword bibtex", "@");
        out.text("article");
        out.close();
        out.span("punctuation section entry begin bibtex", "{");
        out.span("entity name type entry-key bibtex", &self.key);
        out.text(",\n");
        for (name, value) in &self.fields {
            out.text("  ");
            out.open("meta key-assignment bibtex");
            out.span("string unquoted key bibtex", name);
            out.text(" ");
            out.span("punctuation separator key-value bibtex", "=");
            out.text(" ");
            out.open("string quoted other braces bibtex");
            out.span("punctuation definition string begin bibtex", "{");
            // The grammar marks an `@` inside a value as out of place.
            for (n, part) in value.split('@').enumerate() {
                if n > 0 {
                    out.span("invalid illegal at-sign bibtex", "@");
                }
                out.text(part);
            }
            out.span("punctuation definition string end bibtex", "}");
            out.close();
            out.close();
            out.text(",\n");
        }
        out.span("punctuation section entry end bibtex", "}");
        out.close();
        out.close();
    }
}

/// An entry being written, as text or as highlighted HTML.
struct Entry {
    out: String,
    html: bool,
}

impl Entry {
    /// Opens a span of the scope `scope` (`hl-` before each of its parts).
    fn open(&mut self, scope: &str) {
        if self.html {
            self.out.push_str("<span class=\"");
            for (n, part) in scope.split(' ').enumerate() {
                self.out.push_str(if n == 0 { "hl-" } else { " hl-" });
                self.out.push_str(part);
            }
            self.out.push_str("\">");
        }
    }

    fn close(&mut self) {
        if self.html {
            self.out.push_str("</span>");
        }
    }

    fn text(&mut self, text: &str) {
        if self.html {
            escape_into(&mut self.out, text);
        } else {
            self.out.push_str(text);
        }
    }

    fn span(&mut self, scope: &str, text: &str) {
        self.open(scope);
        self.text(text);
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::highlight::Highlighter;
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
        let bib = bib.text();
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
        let bib = bib.text();
        let fields = bibtex_fields(&bib);
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"evil") && !names.contains(&"journal") && !names.contains(&"date"), "{bib}");
        assert!(!names.contains(&"author"), "{bib}");
        assert!(fields.contains(&("title".into(), "标题, evil = x".into())), "{bib}");
        assert!(text.contains("n.p., n.d."), "{text}");
    }

    #[test]
    fn the_highlighted_entry_is_what_syntect_makes_of_the_text() {
        let prepared = fixture();
        let h = Highlighter::new();
        for i in 0..prepared.site.articles.len() {
            let (_, bib) = citation(&prepared.site, i);
            assert_eq!(bib.html(), h.highlight(&bib.text(), "bib"), "{}", bib.text());
        }
    }

    proptest::proptest! {
        #[test]
        fn any_value_is_highlighted_as_syntect_would(
            key in "[a-z0-9_]{1,12}",
            values in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "a", "Z", "1", " ", "  ", "\t", "\n", "\r", "@", "\\", "\"", "'", "%", "#", "=", ",", "{",
                        "}", "<", "&", ">", "$", "~", "^", "中", "　", "[", "]", "(", ")", ".", "/", ":", "-",
                    ]),
                    0..12,
                ),
                0..4,
            )
        ) {
            let mut bib = BibTeX { key, fields: Vec::new() };
            for (name, value) in ["title", "journal", "note", "url"].into_iter().zip(values) {
                bib.field(name, value.concat());
            }
            proptest::prop_assert_eq!(bib.html(), Highlighter::new().highlight(&bib.text(), "bib"));
        }
    }
}
