//! The proofreading page (`articles/<id>.review.html`) of a small article
//! whose translation holds one block of each status: reviewed, merged with
//! the next, flagged by `align` (draft), stale, not translated. The page's
//! table, read as text, is compared with a golden file read by eye.

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

/// The summary, then one line per table row, cells separated by ` | `.
fn page_as_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let select = |s: &str| Selector::parse(s).unwrap();
    let mut out = String::new();
    for count in document.select(&select(".review-counts > div")) {
        out.push_str(&format!("{}\n", text(count)));
    }
    for row in document.select(&select(".review-table tbody tr")) {
        let class = row.value().attr("class").unwrap_or_default();
        let cells: Vec<String> = row.select(&select("th, td")).map(text).collect();
        out.push_str(&format!("[{class}] {}\n", cells.join(" | ")));
    }
    out
}

#[test]
fn the_proofreading_page_shows_each_block_with_its_status_flags_and_merges() {
    let edition = EditionTest::empty()
        .file("sources/a.txt", "救护车\n")
        .file(&format!("content/{ID}.md"), ARTICLE)
        .file(&format!("translations/en/{ID}.md"), translation());
    edition.dz(&["build", "--quiet"]).success();
    let page = edition.read(&format!("public/articles/{ID}.review.html"));
    assert_golden(std::path::Path::new("tests/fixtures/review/expected.txt"), &page_as_text(&page));
    // The article's page links to it.
    let article = edition.read(&format!("public/articles/{ID}.html"));
    assert!(article.contains(&format!("{ID}.review.html")), "no link to the proofreading page");
}
