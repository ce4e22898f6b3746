//! Rendered-HTML snapshots of the `<main>` element of each page kind of the
//! fixture edition `tests/fixtures/sites/basic/`. Golden files live in
//! `tests/fixtures/sites/basic/expected/`; regenerate them with
//! `DUIZHAO_BLESS=1 cargo test --test suite render_snapshots::` and read the diff.

use crate::golden::golden_mismatch;
use duizhao::render::{self, prepare};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SITE: &str = "tests/fixtures/sites/basic";

/// The `<main>` element, one tag a line where tags meet (the templates are
/// compact), blank lines and trailing spaces removed.
fn main_element(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end]
        .replace("><", ">\n<")
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn main_element_of_each_page_kind() {
    let prepared = prepare(Path::new(SITE), Some("https://example.org/edition/")).unwrap();
    let renderer = prepared.renderer.as_ref().expect("templates parse");
    let site = &prepared.site;
    let expected_dir = Path::new(SITE).join("expected");
    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for page in render::pages(site) {
        let path = render::page_path(site, page);
        // One page per kind, plus every article (they differ most).
        let kind = format!("{page:?}").split('(').next().unwrap().to_string();
        if !matches!(page, render::Page::Article(_)) && !kinds.insert(kind) {
            continue;
        }
        let name = path.replace('/', "_");
        let html = renderer.render(site, page).unwrap().full();
        let actual = main_element(&html);
        let golden = expected_dir.join(&name);
        if let Some(problem) = golden_mismatch(&golden, &actual) {
            failures.push(format!("{path}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(set DUIZHAO_BLESS=1 to regenerate, then review the diff)",
        failures.join("\n")
    );
}

/// The tables of `docs/theme.md`: table name (its `###` heading) → key → type.
fn documented_tables(doc: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut tables: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(name) = line.strip_prefix("### ") {
            tables.insert(name.to_string(), BTreeMap::new());
            current = Some(name.to_string());
        } else if line.starts_with("## ") {
            current = None;
        } else if let Some(name) = &current {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() > 3 && cells[1].starts_with('`') {
                let table = tables.get_mut(name).unwrap();
                assert!(table.insert(cells[1].trim_matches('`').to_string(), cells[2].to_string()).is_none());
            }
        }
    }
    tables
}

/// Checks `value` against the documented type `ty`; `template` is the
/// table of `page`. Records the tables met in `seen`.
struct DocCheck<'a> {
    tables: &'a BTreeMap<String, BTreeMap<String, String>>,
    template: &'a str,
    seen: BTreeSet<String>,
    errors: Vec<String>,
}

impl DocCheck<'_> {
    fn value(&mut self, at: &str, value: &Value, ty: &str) {
        if let Some(inner) = ty.strip_suffix(" or null") {
            if !value.is_null() {
                self.value(at, value, inner);
            }
            return;
        }
        if let Some(inner) = ty.strip_prefix("list of ") {
            match value.as_array() {
                Some(items) => {
                    items.iter().enumerate().for_each(|(n, v)| self.value(&format!("{at}[{n}]"), v, inner));
                }
                None => self.errors.push(format!("{at}: documented as {ty}, is {value}")),
            }
            return;
        }
        let fits = match ty {
            "text" | "HTML" => value.is_string(),
            "number" => value.is_number(),
            "bool" => value.is_boolean(),
            table => return self.object(at, value, table),
        };
        if !fits {
            self.errors.push(format!("{at}: documented as {ty}, is {value}"));
        }
    }

    fn object(&mut self, at: &str, value: &Value, table: &str) {
        let tables = self.tables;
        let Some(keys) = tables.get(table) else {
            return self.errors.push(format!("{at}: type {table:?} has no table in docs/theme.md"));
        };
        self.seen.insert(table.to_string());
        let Some(object) = value.as_object() else {
            return self.errors.push(format!("{at}: documented as {table}, is {value}"));
        };
        for key in object.keys().filter(|k| !keys.contains_key(*k)) {
            self.errors.push(format!("{at}.{key}: not in table {table:?} of docs/theme.md"));
        }
        for (key, ty) in keys {
            let ty = if table == "every page" && key == "page" { self.template } else { ty.as_str() };
            match object.get(key) {
                Some(v) => self.value(&format!("{at}.{key}"), v, ty),
                None => {
                    self.errors
                        .push(format!("{at}.{key}: documented in table {table:?}, not in the context"));
                }
            }
        }
    }
}

#[test]
fn docs_theme_md_names_every_variable_and_template() {
    let doc = std::fs::read_to_string("docs/theme.md").unwrap();
    let tables = documented_tables(&doc);
    let prepared = prepare(Path::new(SITE), Some("https://example.org/edition/")).unwrap();
    let renderer = prepared.renderer.as_ref().expect("templates parse");
    let site = &prepared.site;
    let mut check = DocCheck { tables: &tables, template: "", seen: BTreeSet::new(), errors: Vec::new() };
    for page in render::pages(site) {
        let context = serde_json::to_value(renderer.context(site, page, &mut Vec::new())).unwrap();
        check.template = page.template();
        check.object(&render::page_path(site, page), &context, "every page");
    }
    let unseen: Vec<&String> = tables.keys().filter(|t| !check.seen.contains(*t)).collect();
    assert!(unseen.is_empty(), "tables of docs/theme.md that no context has: {unseen:?}");
    let theme = duizhao::theme::Theme::load(Path::new(SITE), "default").unwrap();
    for name in theme.templates.keys() {
        if !doc.contains(&format!("| `{name}` |")) {
            check.errors.push(format!("template {name} is not in the table of templates of docs/theme.md"));
        }
    }
    assert!(check.errors.is_empty(), "{}", check.errors.join("\n"));
}
