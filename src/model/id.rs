use std::fmt;

/// An article's stable identifier: the file stem of `content/<id>.md`.
///
/// Only ASCII lower-case letters, digits and `-`, so it is safe as a path
/// component and a URL segment (it can never escape `public/`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// Accepts `s` if it is a valid id, else says why not.
    ///
    /// ```
    /// use duizhao::model::ArticleId;
    /// assert!(ArticleId::parse("2020-02-27-guang-xi").is_ok());
    /// assert!(ArticleId::parse("../etc").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.is_empty() {
            return Err("an article id cannot be empty".into());
        }
        if s.len() > 120 {
            return Err(format!("article id \"{s}\" is longer than 120 characters"));
        }
        if let Some(bad) = s.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
            return Err(format!("article id \"{s}\" contains {bad:?}: ids may hold only a-z, 0-9 and '-'"));
        }
        if s.starts_with('-') {
            return Err(format!("article id \"{s}\" must not start with '-'"));
        }
        Ok(ArticleId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
