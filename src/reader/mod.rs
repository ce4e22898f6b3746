//! Readers: the `[[reader]]` tables of `edition.toml` (checked in
//! [`crate::config`]) met with the assembled [`Site`]. In: the site and one
//! reader; out: its parts (which article, which rows) or an error at the line
//! of `edition.toml` that names a missing article or ¶, and the vocabulary:
//! the glossary terms its Chinese uses, each with pinyin and the first ¶ it
//! occurs in. Rendering (`render`) and the EPUB (`epub`) both start here.

use crate::config::Reader;
use crate::error::{Diagnostic, Location};
use crate::site::assemble::Site;
use std::ops::Range;

/// One article of a reader, or the ¶ range of it that the reader gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Index into `Site::articles`.
    pub article: usize,
    /// Indices into the article's rows.
    pub rows: Range<usize>,
    /// Whether the reader gives only some of the article's ¶.
    pub excerpt: bool,
}

/// A glossary term a reader's Chinese uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Index into the site's glossary.
    pub term: usize,
    /// Tone-marked pinyin, a word's syllables together ([`crate::pinyin::reading`]).
    pub pinyin: String,
    /// The part (index into the parts) and ¶ number where it first occurs.
    pub part: usize,
    pub block: usize,
}

/// The reader's parts, in the order it lists them; an error names the
/// `edition.toml` line of an article that does not exist or a ¶ range
/// that runs past its article.
pub fn parts(site: &Site, reader: &Reader) -> Result<Vec<Part>, Diagnostic> {
    reader
        .parts
        .iter()
        .map(|p| {
            let at = Some(Location::new("edition.toml", p.line));
            let Some(article) = site.articles.iter().position(|a| a.aligned.article.id.as_str() == p.article)
            else {
                let near = nearest_id(site, &p.article);
                return Err(Diagnostic::error(
                    at,
                    format!(
                        "reader \"{}\": no article \"{}\" in content/{}",
                        reader.id,
                        p.article,
                        near.map(|id| format!(": did you mean \"{id}\"?")).unwrap_or_default()
                    ),
                ));
            };
            let count = site.articles[article].aligned.rows.len();
            let (rows, excerpt) = match p.paragraphs {
                None => (0..count, false),
                Some((from, to)) if to <= count => (from - 1..to, from > 1 || to < count),
                Some((from, to)) => {
                    return Err(Diagnostic::error(
                        at,
                        format!(
                            "reader \"{}\": {}#p{from}-p{to} runs past the article's last ¶, ¶{count}",
                            reader.id, p.article
                        ),
                    ));
                }
            };
            Ok(Part { article, rows, excerpt })
        })
        .collect()
}

/// Every reader's problems (unknown articles, ¶ past the end), for
/// `build` and `check` to report; not for an article whose file is there
/// but did not load (`failed`, by id), whose own error says what to mend.
pub fn problems(site: &Site, failed: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
    site.config
        .readers
        .iter()
        .filter_map(|r| {
            let unloaded = Reader {
                parts: r.parts.iter().filter(|p| !failed(&p.article)).cloned().collect(),
                ..r.clone()
            };
            parts(site, &unloaded).err()
        })
        .collect()
}

/// The article id sharing the longest prefix with `id`, if it shares its date.
fn nearest_id<'a>(site: &'a Site, id: &str) -> Option<&'a str> {
    let shared = |other: &str| id.chars().zip(other.chars()).take_while(|(a, b)| a == b).count();
    site.articles
        .iter()
        .map(|a| a.aligned.article.id.as_str())
        .max_by_key(|other| shared(other))
        .filter(|other| shared(other) >= 10)
}

/// The glossary terms that occur in the parts' Chinese, in the order a
/// student meets them.
pub fn vocabulary(site: &Site, parts: &[Part]) -> Vec<Word> {
    let Some(glossary) = &site.glossary else { return Vec::new() };
    let mut words: Vec<Word> = Vec::new();
    for (pi, part) in parts.iter().enumerate() {
        let rows = &site.articles[part.article].aligned.rows[part.rows.clone()];
        for row in rows {
            for (ti, entry) in glossary.iter().enumerate() {
                if row.zh.markdown.contains(entry.term.zh.as_str()) && !words.iter().any(|w| w.term == ti) {
                    let pinyin = crate::pinyin::reading(&entry.term.zh);
                    words.push(Word { term: ti, pinyin, part: pi, block: row.zh.no.0 });
                }
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site_with(readers: &str) -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
        let mut site = crate::render::prepare(&root, None).unwrap().site;
        let config: crate::config::Config = toml::from_str(readers).unwrap();
        let text = readers;
        site.config.readers = crate::config::check_readers(&config.reader_tables, text).unwrap();
        site
    }

    #[test]
    fn parts_take_whole_articles_and_ranges() {
        let site = site_with(
            "[[reader]]\nid = \"r\"\ntitle = { zh = \"读本\", en = \"Reader\" }\narticles = [\"2020-02-27-guang-xi-juan-zeng\", \"2020-02-28-yun-yang-fu-gong#p1-p1\"]\n",
        );
        let parts = parts(&site, &site.config.readers[0]).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].rows, 0..site.articles[parts[0].article].aligned.rows.len());
        assert!(!parts[0].excerpt);
        assert_eq!(parts[1].rows, 0..1);
    }

    #[test]
    fn an_unknown_article_is_an_error_at_its_line() {
        let site = site_with(
            "[[reader]]\nid = \"r\"\ntitle = { zh = \"读本\", en = \"Reader\" }\narticles = [\n  \"2020-02-27-guang-xi-juan-zeng\",\n  \"2020-02-27-guang-xi-juan\",\n]\n",
        );
        let error = parts(&site, &site.config.readers[0]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: edition.toml:6: reader \"r\": no article \"2020-02-27-guang-xi-juan\" in content/: did you mean \"2020-02-27-guang-xi-juan-zeng\"?"
        );
    }

    #[test]
    fn a_range_past_the_end_is_an_error() {
        let site = site_with(
            "[[reader]]\nid = \"r\"\ntitle_zh = \"读本\"\ntitle_en = \"Reader\"\narticles = [\"2020-02-27-guang-xi-juan-zeng#p2-p99\"]\n",
        );
        let error = parts(&site, &site.config.readers[0]).unwrap_err();
        assert!(error.message.contains("runs past the article's last ¶"), "{error}");
        assert_eq!(error.location.unwrap().line, 5);
    }

    #[test]
    fn vocabulary_pinyin_reads_words_not_characters() {
        assert_eq!(crate::pinyin::reading("重庆"), "chóngqìng");
        assert_eq!(crate::pinyin::reading("N95口罩"), "N95 kǒuzhào");
    }
}
