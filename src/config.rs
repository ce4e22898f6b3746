//! `edition.toml`: the edition's settings. Every field has a default, so a
//! folder with only `content/` builds.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    #[serde(default)]
    pub zh: String,
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: Title,
    /// Short description of the edition, both languages.
    pub description: Title,
    pub languages: Vec<String>,
    /// Where the site will be hosted; empty means links stay relative only.
    pub base_url: String,
    pub theme: String,
    /// Year for dates like `2月27日` when neither the source's sidecar nor
    /// the text gives one.
    #[serde(deserialize_with = "crate::model::date::deserialize_year")]
    pub default_year: Option<i32>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: Title { zh: "对照".into(), en: "duizhao edition".into() },
            description: Title { zh: String::new(), en: String::new() },
            languages: vec!["zh".into(), "en".into()],
            base_url: String::new(),
            theme: "default".into(),
            default_year: None,
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
        let config = match std::fs::read_to_string(&path) {
            Ok(text) => {
                toml::from_str(&text).map_err(|e| Error::toml(&path, &text, 1, "edition.toml", &e))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => return Err(Error::io(&path, e)),
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
