//! The front-matter fields a `set` fix may set (see [`super::fixes`]): a
//! key and its TOML value in, the [`FrontMatter`] changed, or what the value
//! must be, out. One list: a key that is accepted is a key that is applied.

use crate::model::{Author, FrontMatter};
use std::collections::BTreeMap;

/// A settable field. Declared in the order of their names: `set` fields are
/// applied and described in this order (`date` before `undated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SetField {
    Authors,
    Column,
    Date,
    DateInferred,
    Kicker,
    Places,
    Publication,
    Regions,
    Subtitle,
    Title,
    Undated,
}

/// The fields of one `set` fix with their values.
pub type SetFields = BTreeMap<SetField, toml::Value>;

impl SetField {
    /// Every field, in the order README lists them.
    pub const ALL: [SetField; 11] = [
        SetField::Title,
        SetField::Subtitle,
        SetField::Kicker,
        SetField::Column,
        SetField::Date,
        SetField::DateInferred,
        SetField::Undated,
        SetField::Regions,
        SetField::Places,
        SetField::Publication,
        SetField::Authors,
    ];

    /// The key as written in a fixes file and in the front matter.
    pub fn name(self) -> &'static str {
        match self {
            SetField::Title => "title",
            SetField::Subtitle => "subtitle",
            SetField::Kicker => "kicker",
            SetField::Column => "column",
            SetField::Date => "date",
            SetField::DateInferred => "date_inferred",
            SetField::Undated => "undated",
            SetField::Regions => "regions",
            SetField::Places => "places",
            SetField::Publication => "publication",
            SetField::Authors => "authors",
        }
    }

    /// The field a key names, if `set` may set it.
    pub fn parse(key: &str) -> Option<SetField> {
        SetField::ALL.into_iter().find(|f| f.name() == key)
    }

    /// Every name, `title, subtitle, …`, for messages.
    pub fn names() -> String {
        SetField::ALL.map(SetField::name).join(", ")
    }

    /// Sets this field of `front` to `value`; `Err` says what is wrong with
    /// the value (`` `set.title` must be a string ``).
    pub fn apply(self, value: &toml::Value, front: &mut FrontMatter) -> Result<(), String> {
        let must = |want: &str| format!("`set.{}` must be {want}", self.name());
        let string = || value.as_str().map(str::to_string).ok_or_else(|| must("a string"));
        let strings = || -> Result<Vec<String>, String> {
            value
                .as_array()
                .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect())
                .ok_or_else(|| must("a list of strings"))
        };
        match self {
            SetField::Title => front.title = string()?,
            SetField::Subtitle => front.subtitle = string()?,
            SetField::Kicker => front.kicker = string()?,
            SetField::Column => front.column = string()?,
            SetField::Publication => front.publication = string()?,
            SetField::Regions => front.regions = strings()?,
            SetField::Places => front.places = strings()?,
            SetField::Date => {
                let date = value.as_datetime().ok_or_else(|| must("a date like 2020-02-27"))?;
                crate::model::date::check_toml_date(date).map_err(|e| format!("`set.date`: {e}"))?;
                front.date = Some(*date);
                front.date_inferred = false;
                front.undated = false;
            }
            SetField::DateInferred => {
                front.date_inferred = value.as_bool().ok_or_else(|| must("true or false"))?;
            }
            SetField::Undated => {
                front.undated = value.as_bool().ok_or_else(|| must("true or false"))?;
                if front.undated {
                    front.date = None;
                    front.date_inferred = false;
                }
            }
            SetField::Authors => {
                front.authors = value
                    .clone()
                    .try_into::<Vec<Author>>()
                    .map_err(|_| must("a list of { name, role, outlet } tables"))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_named_once_and_parses_back() {
        for field in SetField::ALL {
            assert_eq!(SetField::parse(field.name()), Some(field));
        }
        let mut sorted = SetField::ALL;
        sorted.sort();
        let names: Vec<_> = sorted.map(SetField::name).to_vec();
        let mut alphabetical = names.clone();
        alphabetical.sort_unstable();
        assert_eq!(names, alphabetical, "variants are declared in the order of their names");
        assert_eq!(SetField::parse("source"), None);
    }

    #[test]
    fn every_field_applies_a_value_of_its_kind() {
        let value = |field: SetField| -> toml::Value {
            let text = match field {
                SetField::Date => "v = 2020-02-27",
                SetField::Undated | SetField::DateInferred => "v = true",
                SetField::Regions | SetField::Places => "v = [\"湖北省\"]",
                SetField::Authors => "v = [{ name = \"张三\", role = \"记者\" }]",
                _ => "v = \"新\"",
            };
            toml::from_str::<toml::Table>(text).unwrap().remove("v").unwrap()
        };
        for field in SetField::ALL {
            let mut front = FrontMatter::default();
            let before = format!("{front:?}");
            field.apply(&value(field), &mut front).unwrap();
            assert_ne!(format!("{front:?}"), before, "{} changed nothing", field.name());
            let wrong = toml::Value::Integer(7);
            assert!(field.apply(&wrong, &mut front).is_err(), "{} took an integer", field.name());
        }
    }

    #[test]
    fn readme_lists_the_settable_fields() {
        let readme = include_str!("../../README.md");
        let wanted = format!("(fields: {})", SetField::names());
        let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&wanted), "README should say {wanted}");
    }
}
