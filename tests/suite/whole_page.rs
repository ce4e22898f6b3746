//! One whole page of the fixture edition `tests/fixtures/sites/basic/` as
//! `build` writes it: minified, with `base.html`'s head, nav and footer,
//! which the `<main>` snapshots of `render_snapshots` leave out. The golden
//! file is `tests/fixtures/sites/basic/expected/whole/index.html`; regenerate
//! it with `DUIZHAO_BLESS=1 cargo test --test suite whole_page::` and read the diff.

use crate::common::{EditionTest, fixture};
use crate::golden::golden_mismatch_shown;

/// The home page byte for byte as `build` writes it. A mismatch is shown as
/// a diff with one tag per line, since the minified page is one long line.
#[test]
fn whole_minified_home_page_as_built() {
    let edition = EditionTest::site("basic");
    edition.dz(&["build", "--quiet", "--base-url", "https://example.org/edition/"]).success();
    let page = edition.read("public/index.html");
    let golden = fixture("sites/basic/expected/whole/index.html");
    if let Some(problem) = golden_mismatch_shown(&golden, &page, tag_per_line) {
        panic!("{problem}\n(set DUIZHAO_BLESS=1 to regenerate, then review the diff)");
    }
}

/// A line break before every tag that directly follows another.
fn tag_per_line(html: &str) -> String {
    html.replace("><", ">\n<") + "\n"
}
