//! `edition.toml`: the edition's settings. Every field has a default, so a
//! folder with only `content/` builds.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    #[serde(default)]
    pub zh: String,
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: Bilingual,
    /// Short description of the edition, both languages.
    pub description: Bilingual,
    /// `languages = ["zh", "en"]`: still accepted, and ignored. English, in
    /// `translations/en/`, is the one translation the site shows.
    #[serde(rename = "languages", skip_serializing, deserialize_with = "ignored_languages")]
    pub ignored_languages: (),
    /// Where the site will be hosted; empty means links stay relative only.
    pub base_url: String,
    pub theme: String,
    /// Year for dates like `2月27日` when neither the source's sidecar nor
    /// the text gives one.
    #[serde(deserialize_with = "crate::model::date::deserialize_year")]
    pub default_year: Option<i32>,
    /// Files and folders at the top of the output folder that a build carries
    /// over instead of replacing (besides `.git`, `.nojekyll` and `CNAME`).
    #[serde(deserialize_with = "keep_names")]
    pub keep: Vec<String>,
    /// `[[reader]]` tables as written; [`Edition::open`] checks them into
    /// [`Config::readers`].
    #[serde(rename = "reader", skip_serializing)]
    pub reader_tables: Vec<ReaderTable>,
    /// The readers, checked, each with the lines of `edition.toml` it was
    /// written on (for errors found later, such as an unknown article).
    #[serde(skip)]
    pub readers: Vec<Reader>,
}

/// A `[[reader]]` table as written in `edition.toml`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderTable {
    id: toml::Spanned<String>,
    title: Option<Bilingual>,
    title_zh: Option<String>,
    title_en: Option<String>,
    articles: toml::Spanned<Vec<toml::Spanned<String>>>,
    #[serde(default)]
    notes: String,
}

/// A reader: articles (or ¶ ranges of them) a teacher gathers into one
/// printable page, `readers/<id>/index.html`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// ASCII, the page's folder name.
    pub id: String,
    pub title: Bilingual,
    pub parts: Vec<ReaderPart>,
    /// The teacher's note, printed on the cover; `""` if none.
    pub notes: String,
    /// The line of `id = …` in `edition.toml`.
    pub line: usize,
}

/// One entry of a reader's `articles`: `"<id>"`, `"<id>#p3"` or `"<id>#p3-p8"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderPart {
    pub article: String,
    /// First and last ¶, both included; `None` for the whole article.
    pub paragraphs: Option<(usize, usize)>,
    /// The entry's line in `edition.toml`.
    pub line: usize,
}

/// Checks `languages` is a list of strings, as it always had to be, then
/// drops it.
fn ignored_languages<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    <Vec<String> as serde::Deserialize>::deserialize(deserializer).map(drop)
}

/// `keep` holds plain names: a build looks for them only at the top of the
/// output folder.
fn keep_names<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let names = <Vec<String> as serde::Deserialize>::deserialize(deserializer)?;
    for name in &names {
        let plain = !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\']);
        if !plain {
            return Err(serde::de::Error::custom(format!(
                "keep = [\"{name}\"]: name a file or folder at the top of the output folder (no `/`)"
            )));
        }
    }
    Ok(names)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: Bilingual { zh: "对照".into(), en: "duizhao edition".into() },
            description: Bilingual { zh: String::new(), en: String::new() },
            ignored_languages: (),
            base_url: String::new(),
            theme: "default".into(),
            default_year: None,
            keep: Vec::new(),
            reader_tables: Vec::new(),
            readers: Vec::new(),
        }
    }
}

/// The `[[reader]]` tables checked: ids plain and distinct, a title in both
/// languages, at least one article, ¶ ranges well formed. An error is the
/// line of `edition.toml` and what to do.
pub(crate) fn check_readers(
    tables: &[ReaderTable],
    text: &str,
) -> std::result::Result<Vec<Reader>, (usize, String)> {
    let line = |span: std::ops::Range<usize>| crate::error::line_at(text, span.start);
    let mut readers: Vec<Reader> = Vec::new();
    for table in tables {
        let id = table.id.get_ref().clone();
        let at = line(table.id.span());
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err((
                at,
                format!(
                    "reader id \"{id}\": use lowercase ASCII letters, digits and `-` (it names the folder readers/<id>/)"
                ),
            ));
        }
        if let Some(first) = readers.iter().find(|r| r.id == id) {
            return Err((
                at,
                format!(
                    "reader id \"{id}\" is already used on line {}: give each reader its own id",
                    first.line
                ),
            ));
        }
        let title = match (&table.title, &table.title_zh, &table.title_en) {
            (Some(t), None, None) => t.clone(),
            (None, Some(zh), Some(en)) => Bilingual { zh: zh.clone(), en: en.clone() },
            _ => {
                return Err((
                    at,
                    format!(
                        "reader \"{id}\": give its title in both languages, as `title = {{ zh = \"…\", en = \"…\" }}` or `title_zh` and `title_en`"
                    ),
                ));
            }
        };
        if title.zh.trim().is_empty() || title.en.trim().is_empty() {
            return Err((at, format!("reader \"{id}\": its title needs both `zh` and `en`")));
        }
        if table.articles.get_ref().is_empty() {
            return Err((
                line(table.articles.span()),
                format!("reader \"{id}\" lists no articles: name at least one article id"),
            ));
        }
        let parts = table
            .articles
            .get_ref()
            .iter()
            .map(|entry| {
                let at = line(entry.span());
                reader_part(entry.get_ref())
                    .map(|(article, paragraphs)| ReaderPart { article, paragraphs, line: at })
                    .map_err(|m| (at, m))
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        readers.push(Reader { id, title, parts, notes: table.notes.clone(), line: at });
    }
    Ok(readers)
}

/// `"<id>"`, `"<id>#p3"` or `"<id>#p3-p8"` (also `#p3-8`): the article and its ¶ range.
fn reader_part(entry: &str) -> std::result::Result<(String, Option<(usize, usize)>), String> {
    let bad = || format!("\"{entry}\": write an article id, or an id and its paragraphs as `<id>#p3-p8`");
    let Some((id, range)) = entry.split_once('#') else {
        return if entry.trim().is_empty() { Err(bad()) } else { Ok((entry.to_string(), None)) };
    };
    let digits = |s: &str| s.parse::<usize>().ok().filter(|&n| n > 0);
    let range = range.strip_prefix('p').ok_or_else(bad)?;
    let (from, to) = match range.split_once('-') {
        Some((a, b)) => (digits(a), digits(b.strip_prefix('p').unwrap_or(b))),
        None => (digits(range), digits(range)),
    };
    let (Some(from), Some(to)) = (from, to) else { return Err(bad()) };
    if id.is_empty() || to < from {
        return Err(bad());
    }
    Ok((id.to_string(), Some((from, to))))
}

/// The files of an edition, relative to its root folder.
#[derive(Debug, Clone)]
pub struct Edition {
    pub root: PathBuf,
    pub config: Config,
}

impl Edition {
    /// Reads `<root>/edition.toml` if there is one.
    pub fn open(root: &Path) -> Result<Edition> {
        let path = root.join("edition.toml");
        let config = match crate::fs_util::read_optional(&path)? {
            Some(text) => {
                let mut config: Config =
                    toml::from_str(&text).map_err(|e| Error::toml(&path, &text, 1, "edition.toml", &e))?;
                config.readers = check_readers(&config.reader_tables, &text)
                    .map_err(|(line, message)| Error::at(&path, line, message))?;
                config
            }
            None => Config::default(),
        };
        Ok(Edition { root: root.to_path_buf(), config })
    }

    pub fn sources_dir(&self) -> PathBuf {
        self.root.join("sources")
    }
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
    /// `content/`, for the commands that read the articles (build, check,
    /// status): an error when it is missing, since the folder is then not an
    /// edition (a mistyped `-C`) and an empty report would mislead.
    pub fn require_content_dir(&self) -> Result<PathBuf> {
        let dir = self.content_dir();
        if dir.is_dir() {
            return Ok(dir);
        }
        Err(Error::Other(format!(
            "{}: no content/ folder: run duizhao in an edition's folder (or name it with -C DIR)",
            self.root.display()
        )))
    }
    pub fn translations_dir(&self, lang: &str) -> PathBuf {
        self.root.join("translations").join(lang)
    }
    pub fn public_dir(&self) -> PathBuf {
        self.root.join("public")
    }
    pub fn themes_dir(&self) -> PathBuf {
        self.root.join("themes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_is_accepted_and_ignored_but_must_be_a_list() {
        let config: Config = toml::from_str("languages = [\"zh\", \"en\"]\ntheme = \"t\"").unwrap();
        assert_eq!(config, Config { theme: "t".into(), ..Config::default() });
        assert!(toml::from_str::<Config>("languages = \"zh\"").is_err());
    }

    #[test]
    fn keep_takes_plain_names_only() {
        let config: Config = toml::from_str("keep = [\"keybase.txt\", \".well-known\"]").unwrap();
        assert_eq!(config.keep, ["keybase.txt", ".well-known"]);
        let text = "title = { zh = \"x\" }\nkeep = [\"a/b\"]\n";
        let error = toml::from_str::<Config>(text).unwrap_err();
        let error = Error::toml("edition.toml", text, 1, "edition.toml", &error);
        assert!(
            error.to_string().starts_with("edition.toml:2:8: invalid edition.toml: keep = [\"a/b\"]"),
            "{error}"
        );
    }

    fn readers(text: &str) -> std::result::Result<Vec<Reader>, (usize, String)> {
        let config: Config = toml::from_str(text).unwrap();
        check_readers(&config.reader_tables, text)
    }

    #[test]
    fn a_reader_takes_ids_and_paragraph_ranges() {
        let text = "[[reader]]\nid = \"week-1\"\ntitle_zh = \"第一周\"\ntitle_en = \"Week 1\"\narticles = [\n  \"a\",\n  \"b#p3-p8\",\n  \"c#p5\",\n  \"d#p2-4\",\n]\nnotes = \"n\"\n";
        let r = &readers(text).unwrap()[0];
        assert_eq!(
            (r.id.as_str(), r.title.en.as_str(), r.line, r.notes.as_str()),
            ("week-1", "Week 1", 2, "n")
        );
        let parts: Vec<_> = r.parts.iter().map(|p| (p.article.as_str(), p.paragraphs, p.line)).collect();
        assert_eq!(
            parts,
            [("a", None, 6), ("b", Some((3, 8)), 7), ("c", Some((5, 5)), 8), ("d", Some((2, 4)), 9)]
        );
    }

    #[test]
    fn a_bad_reader_is_named_at_its_line() {
        let head = "title = { zh = \"x\", en = \"y\" }\n\n[[reader]]\n";
        let cases = [
            (
                "id = \"Week 1\"\ntitle = { zh = \"a\", en = \"b\" }\narticles = [\"a\"]\n",
                4,
                "reader id \"Week 1\": use lowercase ASCII",
            ),
            (
                "id = \"w\"\ntitle_zh = \"a\"\narticles = [\"a\"]\n",
                4,
                "reader \"w\": give its title in both languages",
            ),
            (
                "id = \"w\"\ntitle = { zh = \"a\", en = \"b\" }\narticles = []\n",
                6,
                "reader \"w\" lists no articles",
            ),
            (
                "id = \"w\"\ntitle = { zh = \"a\", en = \"b\" }\narticles = [\"a\",\n \"b#3-4\"]\n",
                7,
                "\"b#3-4\": write an article id, or an id and its paragraphs as `<id>#p3-p8`",
            ),
            (
                "id = \"w\"\ntitle = { zh = \"a\", en = \"b\" }\narticles = [\"b#p4-p3\"]\n",
                6,
                "\"b#p4-p3\": write",
            ),
        ];
        for (body, line, message) in cases {
            let (at, got) = readers(&format!("{head}{body}")).unwrap_err();
            assert_eq!(at, line, "{got}");
            assert!(got.starts_with(message), "{got}");
        }
        let twice = format!(
            "{head}id = \"w\"\ntitle = {{ zh = \"a\", en = \"b\" }}\narticles = [\"a\"]\n\n[[reader]]\nid = \"w\"\ntitle = {{ zh = \"a\", en = \"b\" }}\narticles = [\"a\"]\n"
        );
        assert_eq!(
            readers(&twice).unwrap_err(),
            (9, "reader id \"w\" is already used on line 4: give each reader its own id".into())
        );
    }

    #[test]
    fn an_unknown_key_of_a_reader_is_refused() {
        let text = "[[reader]]\nid = \"w\"\ntitle = { zh = \"a\", en = \"b\" }\narticles = [\"a\"]\nauthor = \"x\"\n";
        let error = toml::from_str::<Config>(text).unwrap_err();
        let error = Error::toml("edition.toml", text, 1, "edition.toml", &error);
        assert!(
            error.to_string().starts_with("edition.toml:5:1: invalid edition.toml: unknown field `author`"),
            "{error}"
        );
    }
}
