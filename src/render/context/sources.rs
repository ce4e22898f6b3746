//! The sources page (`sources.html`): each raw file, its sidecar, its fixes
//! and the articles made from it.

use super::{ArticleSummary, anchor};
use crate::ingest::fixes::{Action, Fixes};
use crate::render::highlight::Highlighter;
use crate::site::assemble::Site;
use serde::Serialize;
use std::path::Path;

/// `page` of `sources.html`.
#[derive(Debug, Serialize)]
pub struct SourcesContext {
    /// Every file under `sources/`, by path.
    pub sources: Vec<SourceContext>,
}

/// One source file.
#[derive(Debug, Serialize)]
pub struct SourceContext {
    /// `sources/…`, relative to the edition.
    pub path: String,
    /// The element id of its section (links to it end in `#{{ anchor }}`).
    pub anchor: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The sidecar's path, `null` if there is none.
    pub sidecar_path: Option<String>,
    /// The sidecar's values, nested tables as dotted keys; empty if none.
    pub sidecar: Vec<SidecarRow>,
    /// The fixes file's path, `null` if there is none.
    pub fixes_path: Option<String>,
    /// The fixes file, highlighted (print with `| safe`), `null` if none.
    pub fixes_html: Option<String>,
    /// Every `drop` fix of the fixes file: text left out of every article,
    /// listed so that nothing is dropped unseen; empty if none.
    pub drops: Vec<DropRow>,
    /// The articles made from this file.
    pub articles: Vec<SourceArticle>,
}

/// One `drop` fix: the source lines it drops and why.
#[derive(Debug, Serialize, PartialEq)]
pub struct DropRow {
    /// First and last source line dropped.
    pub lines: [usize; 2],
    /// The fix's reason.
    pub reason: String,
}

/// The `drop` fixes of the fixes file `path` (of `source`), in file order;
/// none when the file does not parse (ingest reports that).
fn drops(source: &str, path: &str, text: &str) -> Vec<DropRow> {
    let fixes = Fixes::parse(Path::new(path), text, Path::new(source), usize::MAX);
    fixes
        .map(|f| f.fixes)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|fix| match fix.action {
            Action::Drop { first, last } => Some(DropRow { lines: [first, last], reason: fix.reason }),
            _ => None,
        })
        .collect()
}

/// One `key = value` of a sidecar.
#[derive(Debug, Serialize)]
pub struct SidecarRow {
    /// Dotted key (`meta.author`).
    pub key: String,
    /// The value as text, `""` when it is a list of strings.
    pub value: String,
    /// The strings, when the value is a list of strings; else empty.
    pub list: Vec<String>,
}

/// An article in a source's list: its summary, plus what ingest did.
#[derive(Debug, Serialize)]
pub struct SourceArticle {
    /// The fields of every article summary (`href`, `title`, …).
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// The interventions ingest made, with source line numbers.
    pub notes: Vec<String>,
    /// First and last line in the source file, `null` if unknown.
    pub lines: Option<[usize; 2]>,
}

impl SourcesContext {
    pub fn new(site: &Site, highlighter: &Highlighter) -> SourcesContext {
        let sources = site
            .sources
            .iter()
            .map(|s| SourceContext {
                path: s.file.path.clone(),
                anchor: anchor(&s.file.path),
                bytes: s.file.bytes,
                sidecar_path: s.file.sidecar.as_ref().map(|(p, _)| p.clone()),
                sidecar: s.file.sidecar.as_ref().map(|(_, t)| flatten("", t)).unwrap_or_default(),
                fixes_path: s.file.fixes.as_ref().map(|(p, _)| p.clone()),
                fixes_html: s.file.fixes.as_ref().map(|(_, t)| highlighter.highlight(t, "toml")),
                drops: s.file.fixes.as_ref().map(|(p, t)| drops(&s.file.path, p, t)).unwrap_or_default(),
                articles: s.articles.iter().map(|&i| SourceArticle::new(site, i)).collect(),
            })
            .collect();
        SourcesContext { sources }
    }
}

impl SourceArticle {
    fn new(site: &Site, i: usize) -> SourceArticle {
        let front = &site.articles[i].aligned.article.front;
        SourceArticle {
            summary: ArticleSummary::new(site, i),
            notes: front.ingest.as_ref().map(|r| r.notes.clone()).unwrap_or_default(),
            lines: front.source_lines,
        }
    }
}

/// A sidecar table as rows `key = value`, nested tables as dotted keys.
fn flatten(prefix: &str, table: &toml::Table) -> Vec<SidecarRow> {
    let mut out = Vec::new();
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        let row = |value: String, list: Vec<String>| SidecarRow { key: key.clone(), value, list };
        match v {
            toml::Value::Table(t) => out.extend(flatten(&key, t)),
            toml::Value::String(s) => out.push(row(s.clone(), Vec::new())),
            toml::Value::Array(items) if items.iter().all(|i| i.is_str()) => out.push(row(
                String::new(),
                items.iter().filter_map(|i| i.as_str().map(String::from)).collect(),
            )),
            other => out.push(row(other.to_string(), Vec::new())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_fixes_are_listed_with_their_reasons() {
        let text = "[[fix]]\ndrop = [155, 156]\nreason = \"a fragment of another report\"\n\n[[fix]]\nsplit = 3\nreason = \"r\"\n";
        assert_eq!(
            drops("sources/a.txt", "sources/a.fixes.toml", text),
            [DropRow { lines: [155, 156], reason: "a fragment of another report".into() }]
        );
        assert!(drops("sources/a.txt", "sources/a.fixes.toml", "not toml [").is_empty());
    }

    #[test]
    fn sidecar_tables_flatten_to_dotted_keys() {
        let table: toml::Table =
            toml::from_str("year = 2020\n[meta]\nauthor = \"甲\"\ntags = [\"a\", \"b\"]\n").unwrap();
        let rows: Vec<(String, String, Vec<String>)> =
            flatten("", &table).into_iter().map(|r| (r.key, r.value, r.list)).collect();
        assert_eq!(
            rows,
            [
                ("meta.author".into(), "甲".into(), vec![]),
                ("meta.tags".into(), String::new(), vec!["a".into(), "b".into()]),
                ("year".into(), "2020".into(), vec![]),
            ]
        );
    }
}
