//! The translators' glossary, `translations/<lang>/glossary.toml`: a list of
//! `[[term]]` tables, each a Chinese term, its agreed English and an
//! optional note. The site renders it; translators consult it.

use crate::error::{Error, Result};
use std::path::Path;

/// One agreed rendering of a Chinese term.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub zh: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The glossary of one language, terms in file order.
///
/// ```
/// use duizhao::model::Glossary;
/// let text = "[[term]]\nzh = \"负压救护车\"\nen = \"negative-pressure ambulance\"\n";
/// let g = Glossary::parse(std::path::Path::new("glossary.toml"), text).unwrap();
/// assert_eq!(g.terms[0].en, "negative-pressure ambulance");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default, rename = "term")]
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Parses the text of a glossary file; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Glossary> {
        let glossary: Glossary =
            toml::from_str(text).map_err(|e| Error::toml(path, text, 1, "glossary", &e))?;
        // `[[term]]` headers, in order, give each term's line for messages.
        let header_lines: Vec<usize> =
            text.lines().enumerate().filter(|(_, l)| l.trim() == "[[term]]").map(|(i, _)| i + 1).collect();
        for (i, term) in glossary.terms.iter().enumerate() {
            let line = header_lines.get(i).copied().unwrap_or(1);
            if term.zh.trim().is_empty() {
                return Err(Error::at(path, line, "a term with an empty `zh`"));
            }
            if term.en.trim().is_empty() {
                return Err(Error::at(path, line, format!("term \"{}\" has an empty `en`", term.zh)));
            }
        }
        Ok(glossary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "translations/en/glossary.toml";

    #[test]
    fn parses_terms_with_optional_notes() {
        let text = "[[term]]\nzh = \"对口支援\"\nen = \"paired assistance\"\nnote = \"a province assigned to help a city\"\n\n[[term]]\nzh = \"十堰\"\nen = \"Shiyan\"\n";
        let g = Glossary::parse(Path::new(PATH), text).unwrap();
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.terms[0].note, "a province assigned to help a city");
        assert_eq!(g.terms[1].note, "");
    }

    #[test]
    fn an_empty_file_is_an_empty_glossary() {
        assert!(Glossary::parse(Path::new(PATH), "").unwrap().terms.is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let text = "[[term]]\nzh = \"a\"\nen = \"b\"\n\n[[term]]\nzh = \"c\"\nen = \"\"\n";
        let err = Glossary::parse(Path::new(PATH), text).unwrap_err();
        assert_eq!(err.to_string(), "translations/en/glossary.toml:5: term \"c\" has an empty `en`");
        let err = Glossary::parse(Path::new(PATH), "[[term]]\nzh = \"a\"\nfr = \"b\"\n").unwrap_err();
        assert!(err.to_string().starts_with("translations/en/glossary.toml:3:1: invalid glossary"), "{err}");
    }
}
