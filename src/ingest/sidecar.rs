//! `sources/<file>.toml`: what a reader should know about one raw source.

use crate::error::{Error, Result};
use crate::fs_util::read_optional;
use crate::model::Companions;
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
    /// The source's encoding (`big5`, `gb18030`, `utf-8`, `utf-16le`,
    /// `utf-16be`), for when ingest cannot tell it from the bytes; always obeyed.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "encoding_label")]
    pub encoding: Option<String>,
}

/// `sources/x.txt` → `sources/x.toml` (see [`Companions`]).
pub fn sidecar_path(source: &Path) -> PathBuf {
    Companions::of(source).sidecar
}

/// Reads the sidecar of `source`; `Ok(None)` if there is none.
pub fn read_sidecar(source: &Path) -> Result<Option<Sidecar>> {
    let path = sidecar_path(source);
    let Some(text) = read_optional(&path)? else {
        return Ok(None);
    };
    toml::from_str(&text).map(Some).map_err(|e| Error::toml(&path, &text, 1, "sidecar", &e))
}

/// An `encoding` that ingest can read, or an error naming those it can.
fn encoding_label<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let label = <String as serde::Deserialize>::deserialize(deserializer)?;
    match super::decode::named_encoding(&label) {
        Some(_) => Ok(Some(label)),
        None => Err(serde::de::Error::custom(format!(
            "encoding \"{label}\" is not one ingest reads: name \"utf-8\", \"gb18030\" (or \"gbk\"), \"big5\", \"utf-16le\" or \"utf-16be\""
        ))),
    }
}
