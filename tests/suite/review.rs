//! The proofreading view of the article page of the fixture edition
//! `tests/fixtures/sites/review/`: one article whose translation holds one
//! block of each status: ¶1 reviewed, ¶2–3 merged, ¶4 flagged by `align`
//! (draft), ¶5 made from older Chinese (so stale, its reviewed mark void),
//! ¶6 empty. The view's summary and rows, read as text, are compared with a
//! golden file read by eye (`tests/browser/proofreading.test.mjs` shows the
//! same edition in a browser).

use crate::common::EditionTest;
use crate::golden::assert_golden;
use scraper::{ElementRef, Html, Selector};

const ID: &str = "2020-02-27-jiu-hu-che";

fn text(element: ElementRef<'_>) -> String {
    element.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The summary, then one line per row: its classes (the status is
/// `st-<status>`), its slot's line, then ¶, Chinese, English and the
/// proofreading note, separated by ` | `.
fn page_as_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let select = |s: &str| Selector::parse(s).unwrap();
    let mut out = String::new();
    for summary in document.select(&select(".proof-summary p")) {
        out.push_str(&format!("{}\n", text(summary)));
    }
    for count in document.select(&select(".proof-counts > div")) {
        out.push_str(&format!("{} [{}]\n", text(count), count.value().attr("class").unwrap_or_default()));
    }
    for row in document.select(&select(".text > .row")) {
        let class = row.value().attr("class").unwrap_or_default();
        let line = row.value().attr("data-line").unwrap_or("-");
        let cells: Vec<String> = row.select(&select(":scope > *")).map(text).collect();
        out.push_str(&format!("[{class}] line {line}: {}\n", cells.join(" | ")));
    }
    out
}

#[test]
fn the_proofreading_view_shows_each_block_with_its_status_flags_and_merges() {
    let edition = EditionTest::site("review");
    edition.dz(&["build", "--quiet"]).success();
    let page = edition.read(&format!("public/articles/{ID}.html"));
    assert_golden(std::path::Path::new("tests/fixtures/review/expected.txt"), &page_as_text(&page));
    // A view of the article's page, not a page of its own.
    let view = Selector::parse("input#view-proof[type=radio][name=view]").unwrap();
    assert!(Html::parse_document(&page).select(&view).next().is_some(), "no proofreading view");
    assert!(!edition.path(&format!("public/articles/{ID}.review.html")).exists());
}

#[test]
fn an_untranslated_article_offers_no_proofreading_view() {
    let edition = EditionTest::site("review");
    std::fs::remove_file(edition.path(&format!("translations/en/{ID}.md"))).unwrap();
    edition.dz(&["build", "--quiet"]).success();
    let page = edition.read(&format!("public/articles/{ID}.html"));
    assert!(!page.contains("view-proof") && !page.contains("proof-summary"), "proofreading view offered");
    assert!(!page.contains(" st-") && !page.contains("data-line"), "rows carry proofreading marks");
}

/// A site built before the proofreading view became a view: its
/// `articles/<id>.review.html` goes with the next build.
#[test]
fn an_old_proofreading_page_is_removed_by_the_next_build() {
    let edition = EditionTest::site("review");
    edition.dz(&["build", "--quiet"]).success();
    let old = format!("public/articles/{ID}.review.html");
    edition.write(&old, "<!doctype html><title>old proofreading page</title>");
    edition.dz(&["build", "--quiet"]).success();
    assert!(!edition.path(&old).exists(), "the old proofreading page is still there");
    assert!(edition.path(&format!("public/articles/{ID}.html")).exists());
}
