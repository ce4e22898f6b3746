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
        }
    }
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
                toml::from_str(&text).map_err(|e| Error::toml(&path, &text, 1, "edition.toml", &e))?
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
}
