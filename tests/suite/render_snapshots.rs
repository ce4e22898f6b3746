//! Rendered-HTML snapshots of the fixture edition `tests/fixtures/sites/basic/`:
//! the `<main>` element of each page kind, and one whole page as `build`
//! writes it (minified, with `base.html`'s head, nav and footer). Golden files
//! live in `tests/fixtures/sites/basic/expected/`; regenerate them with
//! `DUIZHAO_BLESS=1 cargo test --test suite render_snapshots::` and read the diff.

use crate::common::EditionTest;
use crate::golden::{golden_mismatch, golden_mismatch_shown};
use duizhao::{render, site::prepare};
use std::path::Path;

const SITE: &str = "tests/fixtures/sites/basic";

/// The `<main>` element, blank lines and trailing spaces removed.
fn main_element(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end]
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

/// The home page byte for byte as `build` writes it. A mismatch is shown as
/// a diff with one tag per line, since the minified page is one long line.
#[test]
fn whole_minified_home_page_as_built() {
    let edition = EditionTest::site("basic");
    edition.dz(&["build", "--quiet", "--base-url", "https://example.org/edition/"]).success();
    let page = edition.read("public/index.html");
    let golden = Path::new(SITE).join("expected/whole/index.html");
    if let Some(problem) = golden_mismatch_shown(&golden, &page, tag_per_line) {
        panic!("{problem}\n(set DUIZHAO_BLESS=1 to regenerate, then review the diff)");
    }
}

/// A line break before every tag that directly follows another.
fn tag_per_line(html: &str) -> String {
    html.replace("><", ">\n<") + "\n"
}
