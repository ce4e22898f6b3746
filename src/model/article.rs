use super::{ArticleId, Block, split_blocks};
use crate::error::{Error, Result};
use std::path::Path;

/// An author with a role as the source names it: 记者, 通讯员, 特约记者, 作者,
/// 摄影, 责任编辑, 编辑, 校对 …
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The outlet a reporter wrote for, when the byline names one other than
    /// the article's publication (`人民日报` in a joint 新华社 report).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
}

impl Author {
    /// An author with a role and no outlet of their own.
    pub fn new(name: impl Into<String>, role: impl Into<String>) -> Self {
        Author { name: name.into(), role: role.into(), outlet: String::new() }
    }

    /// Did this person write the article, not only photograph or edit it?
    /// Citations name only writers.
    pub fn is_writer(&self) -> bool {
        !matches!(self.role.as_str(), "摄" | "摄影" | "供图" | "责任编辑" | "编辑" | "校对")
    }
}

/// What ingest wrote, kept so it can tell an editor's change from its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRecord {
    /// Fingerprint of the body ingest wrote (see [`crate::model::fingerprint`]).
    pub fingerprint: String,
    /// The encoding the source was read in (`utf-8`, `gb18030`, `big5`,
    /// `utf-16le`, `utf-16be`); absent in files written before ingest recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// What the date was taken from; absent for an undated article and in
    /// files written before ingest recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// The interventions, human-readable, with source line numbers.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Things a human should look at (stray Latin words, guesses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<String>,
}

/// The evidence an article's date rests on, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateBasis {
    /// The page's own publication line (`发布时间：2020-03-01 10:20`) or a
    /// reprint note naming the date it was first printed.
    #[serde(rename = "publication line")]
    PublicationLine,
    /// The dateline opening the lead (`新华社巴黎3月1日电`).
    #[serde(rename = "dateline")]
    Dateline,
    /// The upload date in the file name of a web page's picture
    /// (`W020200312….jpg`, `src/ingest/image_date.rs`).
    #[serde(rename = "picture name")]
    PictureName,
    /// The issue date in the source's sidecar.
    #[serde(rename = "sidecar")]
    Sidecar,
    /// The issue date inferred from the other dated articles of the same
    /// newspaper page (`src/ingest/issue.rs`): shown as inferred (约, c.).
    #[serde(rename = "page")]
    Page,
    /// A date the text mentions: a last resort, flagged for review.
    #[serde(rename = "text")]
    Text,
    /// An editorial `set` fix.
    #[serde(rename = "fix")]
    Fix,
}

/// The TOML front matter of `content/<id>.md`, field for field as DESIGN.md
/// describes it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kicker: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub column: String,
    /// A plain date in [`super::date::PLAUSIBLE_YEARS`]; checked as it is read.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_date"
    )]
    pub date: Option<toml::value::Datetime>,
    /// The date is inferred, not printed (an issue date read off the page's
    /// other articles): the site shows it as 约 / c.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undated: bool,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publication: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_lines: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingest: Option<IngestRecord>,
}

impl FrontMatter {
    /// The front matter as TOML. Every date it can hold was checked to be in
    /// [`super::date::PLAUSIBLE_YEARS`], so this fails only on a bug; it is an
    /// error, not a panic, all the same.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self)
            .map_err(|e| Error::Other(format!("the front matter cannot be written as TOML: {e}")))
    }

    /// The date as a calendar date, if the front matter has a plain date.
    pub fn calendar_date(&self) -> Option<chrono::NaiveDate> {
        super::date::calendar_date(self.date.as_ref()?)
    }
}

/// A cleaned article: `content/<id>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    pub front: FrontMatter,
    /// The Markdown body, after the front matter.
    pub body: String,
    /// 1-based line in the file where the body's first block starts.
    pub body_line: usize,
    pub blocks: Vec<Block>,
}

impl Article {
    /// Parses the text of `content/<id>.md`; `path` names the file in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Article> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let id = ArticleId::parse(stem).map_err(|e| Error::file(path, e))?;
        let (front_text, body, body_line) = split_front_matter(path, text)?;
        let front: FrontMatter =
            toml::from_str(front_text).map_err(|e| Error::toml(path, front_text, 2, "front matter", &e))?;
        if front.title.trim().is_empty() {
            return Err(Error::at(path, 2, "front matter has an empty `title`"));
        }
        if let Some(date) = &front.date
            && front.undated
        {
            return Err(Error::at(
                path,
                line_of_key(front_text, "undated").map_or(2, |l| l + 2),
                format!("`undated = true` contradicts `date = {date}`: remove one of them"),
            ));
        }
        if front.date_inferred && front.date.is_none() {
            return Err(Error::at(
                path,
                line_of_key(front_text, "date_inferred").map_or(2, |l| l + 2),
                "`date_inferred = true` without a `date`: remove it or give the date",
            ));
        }
        let trimmed = body.trim_start_matches(['\n', '\r']);
        let body_line = body_line + body[..body.len() - trimmed.len()].matches('\n').count();
        let mut blocks = split_blocks(trimmed);
        for block in &mut blocks {
            block.line += body_line - 1;
        }
        Ok(Article { id, front, body: trimmed.to_string(), body_line, blocks })
    }

    /// The file text: front matter between `+++` lines, then the body.
    pub fn to_file_text(front: &FrontMatter, body: &str) -> Result<String> {
        Ok(Article::file_text(&front.to_toml()?, body))
    }

    /// The file text from front matter already serialised as TOML.
    pub fn file_text(front_toml: &str, body: &str) -> String {
        format!("+++\n{front_toml}+++\n\n{}\n", body.trim_end())
    }
}

/// Splits `+++ … +++` front matter from the body. Returns the front matter
/// text, the body, and the 1-based line the body starts on.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(&'a str, &'a str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) =
        text.strip_prefix("+++").and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
    else {
        return Err(Error::at(path, 1, "expected front matter: the file must start with a line `+++`"));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.lines().count() + 1;
            return Ok((front, body, body_line));
        }
        offset += line.len();
    }
    Err(Error::at(
        path,
        1,
        "front matter opened with `+++` on line 1 is never closed: add a line `+++` after it",
    ))
}

/// The 0-based index of the line that sets `key = …` in a TOML text.
pub fn line_of_key(front: &str, key: &str) -> Option<usize> {
    front
        .lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "+++\ntitle = \"标题\"\ndate = 2020-02-27\nregions = [\"湖北省/十堰市\"]\nsource = \"sources/a.txt\"\n+++\n\n第一段。\n\n第二段。\n";

    #[test]
    fn parses_front_matter_and_blocks() {
        let article = Article::parse(Path::new("content/2020-02-27-biao-ti.md"), ARTICLE).unwrap();
        assert_eq!(article.front.title, "标题");
        assert_eq!(article.front.calendar_date(), chrono::NaiveDate::from_ymd_opt(2020, 2, 27));
        assert_eq!(article.blocks.len(), 2);
        assert_eq!(article.body_line, 8);
        assert_eq!(article.blocks[1].line, 10);
    }

    #[test]
    fn round_trips_through_file_text() {
        let article = Article::parse(Path::new("content/x.md"), ARTICLE).unwrap();
        let text = Article::to_file_text(&article.front, &article.body).unwrap();
        let again = Article::parse(Path::new("content/x.md"), &text).unwrap();
        assert_eq!(again.front, article.front);
        assert_eq!(again.blocks, article.blocks);
    }

    #[test]
    fn unterminated_front_matter_names_the_file() {
        let err = Article::parse(Path::new("content/x.md"), "+++\ntitle = \"a\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/x.md:1: front matter opened with `+++` on line 1 is never closed: add a line `+++` after it"
        );
    }

    #[test]
    fn invalid_toml_names_its_line() {
        let err =
            Article::parse(Path::new("content/x.md"), "+++\ntitle = \"a\"\nsource = \n+++\n").unwrap_err();
        assert!(err.to_string().starts_with("content/x.md:3:10: invalid front matter"), "{err}");
    }

    #[test]
    fn a_date_with_undated_is_an_error_at_the_undated_line() {
        let err = Article::parse(
            Path::new("content/x.md"),
            "+++\ntitle = \"a\"\nsource = \"s\"\ndate = 2020-02-02\nundated = true\n+++\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/x.md:5: `undated = true` contradicts `date = 2020-02-02`: remove one of them"
        );
    }

    #[test]
    fn an_inferred_date_needs_a_date() {
        let text = "+++\ntitle = \"a\"\nsource = \"s\"\ndate = 2020-02-28\ndate_inferred = true\n+++\n";
        assert!(Article::parse(Path::new("content/x.md"), text).unwrap().front.date_inferred);
        let err = Article::parse(
            Path::new("content/x.md"),
            "+++\ntitle = \"a\"\nsource = \"s\"\nundated = true\ndate_inferred = true\n+++\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/x.md:5: `date_inferred = true` without a `date`: remove it or give the date"
        );
    }

    #[test]
    fn a_date_outside_the_plausible_years_is_an_error_at_its_line() {
        let err = Article::parse(
            Path::new("content/x.md"),
            "+++\ntitle = \"a\"\nsource = \"s\"\ndate = 9999-12-31\n+++\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/x.md:4:8: invalid front matter: date 9999-12-31 is outside 1800–2100: correct it"
        );
    }

    #[test]
    fn a_date_that_is_not_a_date_is_an_error_at_its_line() {
        let err = Article::parse(
            Path::new("content/x.md"),
            "+++\ntitle = \"a\"\nsource = \"s\"\ndate = 2020-13-01\n+++\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("content/x.md:4:"), "{err}");
    }
}
