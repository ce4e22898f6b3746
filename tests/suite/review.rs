//! The proofreading view of the article page of a small article whose
//! translation holds one block of each status: reviewed, merged with the
//! next, flagged by `align` (draft), stale, not translated. The view's
//! summary and rows, read as text, are compared with a golden file read by
//! eye.

use crate::common::EditionTest;
use crate::golden::assert_golden;
use duizhao::model::fingerprint;
use scraper::{ElementRef, Html, Selector};

const ID: &str = "2020-02-27-jiu-hu-che";

const ARTICLE: &str = "+++
title = \"两辆负压救护车抵达\"
date = 2020-02-27
source = \"sources/a.txt\"
+++

2月27日下午，两辆负压救护车抵达十堰。

救护车由南宁出发，

行程1300公里。

救护车随后交付市急救中心。

目前，全市已有8辆负压救护车。

十堰市民纷纷表示感谢。
";

/// The translation: ¶1 reviewed, ¶2–3 merged, ¶4 flagged, ¶5 made from
/// older Chinese (so stale, its reviewed mark void), ¶6 empty.
fn translation() -> String {
    let fp = fingerprint;
    let one = fp("2月27日下午，两辆负压救护车抵达十堰。");
    let old = "目前，全市已有7辆负压救护车。";
    format!(
        "+++\ntitle = \"Two ambulances arrive\"\ntranslator = \"T. Translator\"\nstatus = \"draft\"\n+++\n
<!-- ¶1 {one} -->\n<!-- reviewed {one} -->\nTwo negative-pressure ambulances arrived in Shiyan on 27 February.\n
<!-- ¶2 {} -->\nThey set out from Nanning and travelled 1,300 km.\n
<!-- ¶3 {} -->\n<!-- joined to ¶2 -->\n
<!-- ¶4 {} -->\n<!-- review: aligned with confidence 0.62: check that this English renders this block -->\nThey were handed to the emergency centre.\n
<!-- ¶5 {} -->\n<!-- zh: {old} -->\n<!-- reviewed {} -->\nThe city now has 7 such ambulances.\n
<!-- ¶6 {} -->\n",
        fp("救护车由南宁出发，"),
        fp("行程1300公里。"),
        fp("救护车随后交付市急救中心。"),
        fp(old),
        fp(old),
        fp("十堰市民纷纷表示感谢。"),
    )
}

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
    let edition = EditionTest::empty()
        .file("sources/a.txt", "救护车\n")
        .file(&format!("content/{ID}.md"), ARTICLE)
        .file(&format!("translations/en/{ID}.md"), translation());
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
    let edition = EditionTest::empty()
        .file("sources/a.txt", "救护车\n")
        .file(&format!("content/{ID}.md"), ARTICLE);
    edition.dz(&["build", "--quiet"]).success();
    let page = edition.read(&format!("public/articles/{ID}.html"));
    assert!(!page.contains("view-proof") && !page.contains("proof-summary"), "proofreading view offered");
    assert!(!page.contains(" st-") && !page.contains("data-line"), "rows carry proofreading marks");
}

/// A site built before the proofreading view became a view: its
/// `articles/<id>.review.html` goes with the next build.
#[test]
fn an_old_proofreading_page_is_removed_by_the_next_build() {
    let edition = EditionTest::empty()
        .file("sources/a.txt", "救护车\n")
        .file(&format!("content/{ID}.md"), ARTICLE)
        .file(&format!("translations/en/{ID}.md"), translation());
    edition.dz(&["build", "--quiet"]).success();
    let old = format!("public/articles/{ID}.review.html");
    edition.write(&old, "<!doctype html><title>old proofreading page</title>");
    edition.dz(&["build", "--quiet"]).success();
    assert!(!edition.path(&old).exists(), "the old proofreading page is still there");
    assert!(edition.path(&format!("public/articles/{ID}.html")).exists());
}
