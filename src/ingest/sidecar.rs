//! `sources/<file>.toml`: what a reader should know about one raw source.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// The publication, as far as the text tells (e.g. 十堰日报).
    #[serde(default)]
    pub publication: String,
    /// The year the source's dates (`2月27日`) belong to.
    #[serde(default, deserialize_with = "crate::model::date::deserialize_year")]
    pub year: Option<i32>,
    /// `ocr`, `plain` or `web`: informative; ingest detects the shape itself.
    #[serde(default)]
    pub shape: String,
    /// The publication's home region, `省/市[/县]`: articles of the local
    /// paper are placed there unless the text says otherwise.
    #[serde(default)]
    pub region: String,
    /// The date, if known: the date of articles whose text has none.
    #[serde(default, deserialize_with = "crate::model::date::deserialize_date")]
    pub date: Option<toml::value::Datetime>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// `sources/x.txt` → `sources/x.toml`.
pub fn sidecar_path(source: &Path) -> PathBuf {
    source.with_extension("toml")
}

/// Reads the sidecar of `source`; `Ok(None)` if there is none.
pub fn read_sidecar(source: &Path) -> Result<Option<Sidecar>> {
    let path = sidecar_path(source);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    toml::from_str(&text).map(Some).map_err(|e| Error::toml(&path, &text, 1, "sidecar", &e))
}
