//! Rendered-HTML snapshots of the `<main>` element of each page kind of the
//! fixture edition `tests/fixtures/sites/basic/`. Golden files live in
//! `tests/fixtures/sites/basic/expected/`; regenerate them with
//! `DUIZHAO_BLESS=1 cargo test --test render_snapshots` and read the diff.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "in a test, a panic is a failure with its message"
)]

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
    let bless = std::env::var_os("DUIZHAO_BLESS").is_some();
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
        if bless {
            std::fs::create_dir_all(&expected_dir).unwrap();
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!("{path}: differs from {}", golden.display())),
            Err(_) => failures.push(format!("{path}: no golden file {}", golden.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(set DUIZHAO_BLESS=1 to regenerate, then review the diff)",
        failures.join("\n")
    );
}
