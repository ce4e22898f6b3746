//! Rows of the review about ingest: re-ingest over an editor's work, a new
//! source whose article has another's id, and concurrent ingests.

#[allow(unused_imports)]
use crate::common::*;
use std::collections::BTreeSet;

/// The files whose checksum differs, was added or removed between two runs.
pub fn set(files: &[&str]) -> BTreeSet<String> {
    files.iter().map(|f| f.to_string()).collect()
}

/// The article file of id `A` as the harness names it.
fn a_md() -> String {
    format!("content/{A}.md")
}

/// The article that carries a `review` flag in the bundled edition.
const REVIEWED: &str = "content/2020-02-27-guan-yu-cheng-qu-bu-fen-xiao.md";

/// A reprint of `A` from another paper: same headline, same date (2月2日).
pub const REPRINT: &str =
    "高新区做实疫情防控监督\n\n本报讯 2月2日，另一家报纸的同题报道，内容完全不同。\n\n第二段。\n";
pub const REPRINT_SIDECAR: &str = "publication = \"另一家日报\"\nyear = 2020\nregion = \"湖北省/十堰市\"\n";

pub fn add_reprint(f: &Fresh, stem: &str) {
    f.write(&format!("sources/{stem}.txt"), REPRINT);
    f.write(&format!("sources/{stem}.toml"), REPRINT_SIDECAR);
}

/// Row `n` (¶n) of a built article page.
fn row(html: &str, n: usize) -> &str {
    let start = html.find(&format!("id=\"p{n}\"")).unwrap_or_else(|| panic!("no row ¶{n}"));
    let end = html[start..].find(&format!("id=\"p{}\"", n + 1)).map_or(html.len(), |e| start + e);
    &html[start..end]
}

fn edit(f: &Fresh, rel: &str, from: &str, to: &str) -> String {
    let text = f.read(rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    let edited = text.replacen(from, to, 1);
    f.write(rel, &edited);
    edited
}

#[test]
fn r01_body_edited_by_hand_is_kept() {
    let f = Fresh::new();
    edit(&f, &a_md(), "督查组当即〔…〕其拦下", "督查组当即将其拦下");
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has(&format!("kept: content/{A}.md: changed by hand since the last ingest"))
        .stderr_has("1 kept because edited by hand");
    assert_eq!(before, f.sums());
}

#[test]
fn r02_title_edited_by_hand_is_kept() {
    let f = Fresh::new();
    edit(&f, &a_md(), "title = \"高新区做实疫情防控监督\"", "title = \"高新区做实疫情防控监督工作\"");
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has(&format!("kept: content/{A}.md: changed by hand"));
    assert_eq!(before, f.sums());
}

#[test]
fn r03_force_names_the_edited_file_and_keeps_a_backup() {
    let f = Fresh::new();
    let original = f.read(&a_md());
    let edited = edit(&f, &a_md(), "督查组当即〔…〕其拦下", "督查组当即将其拦下");
    let before = f.sums();
    f.dz(&["ingest", "--force"])
        .code(0)
        .stderr_has(&format!(
            "replaced: content/{A}.md: changed by hand since the last ingest (--force); the editor's version is in content/{A}.md.orig"
        ))
        .stderr_has("1 written (1 over an editor's change, backed up as <id>.md.orig), 33 unchanged");
    assert_eq!(changed(&before, &f.sums()), set(&[&a_md(), &format!("content/{A}.md.orig")]));
    assert_eq!(f.read(&a_md()), original);
    assert_eq!(f.read(&format!("content/{A}.md.orig")), edited);
    // The backup is not an article: the build still has 33.
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
    f.dz(&["ingest", "--help"]).code(0).stdout_has(".md.orig");
}

#[test]
fn r05_a_signed_off_review_flag_is_an_edit() {
    let f = Fresh::new();
    edit(
        &f,
        REVIEWED,
        "review = [\"line 169: date 2020-02-27 from a full date in the text: the page gives no publication line, dateline or issue date; check it\", \"line 179: paragraph stops mid-sentence and nothing in the source continues it\"]",
        "review = [\"checked against the printed page by 李编辑\"]",
    );
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has(&format!("kept: {REVIEWED}: changed by hand"))
        .stderr_has("0 written, 33 unchanged, 1 kept because edited by hand");
    assert_eq!(before, f.sums());
}

#[test]
fn r06_a_comment_in_the_front_matter_is_an_edit() {
    let f = Fresh::new();
    edit(&f, REVIEWED, "\ndate = ", "\n# 编者注：日期待核实，见原报第2版\ndate = ");
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has(&format!("kept: {REVIEWED}: changed by hand"));
    assert_eq!(before, f.sums());
}

#[test]
fn r06b_an_html_comment_in_the_body_is_an_edit() {
    let f = Fresh::new();
    edit(&f, &a_md(), "\n1月30日11时30分许", "\n<!-- 编者注：核对原报 -->\n\n1月30日11时30分许");
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has(&format!("kept: content/{A}.md: changed by hand"));
    assert_eq!(before, f.sums());
}

#[test]
fn r07_a_renamed_article_is_not_written_again() {
    let f = Fresh::new();
    let new = "2020-02-02-supervision-report";
    std::fs::rename(f.path(&a_md()), f.path(&format!("content/{new}.md"))).unwrap();
    let tr = |id: &str| f.path(&format!("translations/en/{id}.md"));
    std::fs::rename(tr(A), tr(new)).unwrap();
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has("0 written, 34 unchanged").stderr_lacks("delete");
    assert_eq!(before, f.sums());
    assert!(!f.path(&a_md()).exists());
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
}

/// R08, end to end: the reprint gets its own id, 001's article and its
/// English stay together, and the reprint shows as untranslated.
#[test]
fn r08_a_reprint_with_the_same_headline_and_date_gets_its_own_id() {
    let f = Fresh::new();
    add_reprint(&f, "005_reprint");
    let before = f.sums();
    f.dz(&["ingest", "sources/005_reprint.txt"]).code(0).stderr_has(&format!(
        "warning: sources/005_reprint.txt:1: \"高新区做实疫情防控监督\" would be content/{A}.md, which holds an article of sources/001_fb090d6bc539e31c.txt: written as content/{A}-2.md"
    ));
    assert_eq!(changed(&before, &f.sums()), set(&[&format!("content/{A}-2.md")]));
    assert!(f.read(&format!("content/{A}-2.md")).contains("source = \"sources/005_reprint.txt\""));

    let build = f.dz(&["build"]);
    build.code(0).stdout_has("35 articles").stderr_lacks("stale");
    let page = std::fs::read_to_string(f.path(&format!("public/articles/{A}.html"))).unwrap();
    assert!(row(&page, 3).contains("居民赵某") && row(&page, 3).contains("stopped Zhao on the spot"));
    let reprint = std::fs::read_to_string(f.path(&format!("public/articles/{A}-2.html"))).unwrap();
    assert!(row(&reprint, 1).contains("另一家报纸") && row(&reprint, 1).contains("not yet translated"));
    assert!(!reprint.contains("Zhao"));
}

#[test]
fn r08b_a_reprint_that_sorts_first_does_not_move_the_original() {
    let f = Fresh::new();
    add_reprint(&f, "000a_reprint");
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has(&format!(
            "holds an article of sources/001_fb090d6bc539e31c.txt: written as content/{A}-2.md"
        ))
        .stderr_has("1 written, 34 unchanged");
    assert_eq!(changed(&before, &f.sums()), set(&[&format!("content/{A}-2.md")]));
    assert!(f.read(&format!("content/{A}-2.md")).contains("sources/000a_reprint.txt"));
    f.dz(&["build", "-q"]).code(0).stdout_has("342/344 blocks translated").stderr_lacks("stale");
}

#[test]
fn r08c_a_hand_edited_original_does_not_make_the_reprint_vanish() {
    let f = Fresh::new();
    edit(&f, &a_md(), "督查组当即〔…〕其拦下", "督查组当即将其拦下");
    add_reprint(&f, "000a_reprint");
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has(&format!("kept: content/{A}.md: changed by hand"))
        .stderr_has("1 written, 33 unchanged, 1 kept because edited by hand");
    assert_eq!(changed(&before, &f.sums()), set(&[&format!("content/{A}-2.md")]));
    assert!(f.read(&format!("content/{A}-2.md")).contains("另一家报纸"));
}

/// R09: two ingests at once into an empty content/ both succeed (each
/// writes through a temporary file of its own; the unit test
/// `ingest::write::tests::temporary_files_are_unique_and_gone_after_the_write`
/// checks the names directly).
#[test]
fn r09_two_ingests_at_once_do_not_fail_on_each_other() {
    let f = Fresh::new();
    let expected = sums(&f.path("content"));
    for _ in 0..4 {
        std::fs::remove_dir_all(f.path("content")).unwrap();
        let spawn = || {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("duizhao"))
                .args(["-C", f.root.to_str().unwrap(), "ingest", "-q"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (one, two) = (spawn(), spawn());
        for child in [one, two] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(sums(&f.path("content")), expected);
    }
}
