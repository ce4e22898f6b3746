//! Readers (`[[reader]]` in `edition.toml`): the page `build` writes, and
//! the errors a teacher meets, each at its line of `edition.toml` (a malformed
//! entry as the file is read: exit 2, as for any bad `edition.toml`).

use crate::common::EditionTest;

const READER: &str = "\n[[reader]]\nid = \"week-1\"\ntitle = { zh = \"第一周\", en = \"Week one\" }\narticles = [\n  \"2020-02-27-guang-xi-juan-zeng\",\n  \"2020-02-28-yun-yang-fu-gong#p1\",\n]\n";

/// The fixture edition with its reader replaced by `READER` changed by `edit`.
fn with_reader(edit: impl Fn(&str) -> String) -> EditionTest {
    let edition = EditionTest::site("basic");
    let config = edition.read("edition.toml");
    let config = config.split("\n[[reader]]").next().unwrap().to_string();
    edition.file("edition.toml", &format!("{config}{}", edit(READER)))
}

#[test]
fn build_writes_each_reader_with_its_articles_vocabulary_and_citations() {
    let edition = with_reader(str::to_string);
    edition.dz(&["build", "--quiet"]).success();
    let page = edition.read("public/readers/week-1/index.html");
    for expected in [
        "<title>第一周 Week one · ",
        "id=a1-p1",
        "id=a2-p1",
        "fù yā jiù hù chē",
        "href=#a1-p1>1 ¶1</a>",
        "<span class=small>¶1</span>",
    ] {
        assert!(page.contains(expected), "{expected:?} not in the reader's page");
    }
    // ¶2 of the second article is not in the reader.
    assert!(!page.contains("id=a2-p2"));
}

#[test]
fn a_reader_naming_a_missing_article_stops_the_build_at_its_line() {
    let edition = with_reader(|r| r.replace("yun-yang-fu-gong#p1", "yun-yang#p1"));
    let line = edition.read("edition.toml").lines().position(|l| l.contains("yun-yang#p1")).unwrap() + 1;
    edition.dz(&["build"]).code(1).stderr_has(&format!(
        "error: edition.toml:{line}: reader \"week-1\": no article \"2020-02-28-yun-yang\" in content/: did you mean \"2020-02-28-yun-yang-fu-gong\"?\n"
    ));
    assert!(!edition.path("public").exists());
}

#[test]
fn a_reader_with_a_malformed_range_is_refused_when_edition_toml_is_read() {
    let edition = with_reader(|r| r.replace("#p1", "#1"));
    let line = edition.read("edition.toml").lines().position(|l| l.contains("#1\"")).unwrap() + 1;
    edition.dz(&["check"]).code(2).stderr_has(&format!(
        "error: edition.toml:{line}: \"2020-02-28-yun-yang-fu-gong#1\": write an article id, or an id and its paragraphs as `<id>#p3-p8`\n"
    ));
}
