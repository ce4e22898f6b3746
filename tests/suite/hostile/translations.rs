//! Rows of the review about translations (T07 is another helper's).

#[allow(unused_imports)]
use crate::common::*;

fn translation_path() -> String {
    format!("translations/en/{A}.md")
}

/// The fresh copy with `from` replaced by `to` in the translation of [`A`].
fn with_translation_edit(edits: &[(&str, &str)]) -> Fresh {
    let f = Fresh::new();
    let mut text = f.read(&translation_path());
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    f.write(&translation_path(), text);
    f
}

/// The four garbled markers of T04, on lines 20, 24, 28 and 32.
const GARBLED: [(&str, &str); 4] = [
    ("<!-- ¶3 af5711e5 -->", "<!-- ¶3 385d09c -->"),
    ("<!-- ¶4 4e1777dd -->", "<!-- 4 4e1777dd -->"),
    ("<!-- ¶5 0e507970 -->", "<!- ¶5 0e507970 -->"),
    ("<!-- ¶6 6c9450e1 -->", "<!-- ¶six 6c9450e1 -->"),
];

#[test]
fn t01_marker_for_a_block_that_does_not_exist_is_a_located_warning() {
    let f = Fresh::new();
    let mut text = f.read(&translation_path());
    let line = text.lines().count() + 2;
    text.push_str("\n<!-- ¶99 deadbeef -->\nNo such block.\n");
    f.write(&translation_path(), text);
    let before = f.sums();
    let message =
        format!("{}:{line}: marker names ¶99, but the article has no such block", translation_path());
    f.dz(&["build", "-q"]).code(0).stderr_has(&message);
    f.dz(&["check"]).code(0).stderr_has(&message);
    assert_eq!(before, f.sums());
}

#[test]
fn t02_a_duplicated_slot_is_a_located_warning_and_only_the_first_is_used() {
    let f = Fresh::new();
    let text = f.read(&translation_path());
    let lines: Vec<&str> = text.lines().collect();
    // Lines 20–23 are the slot of ¶3; a copy follows it, from line 24.
    let mut doubled: Vec<&str> = lines[..23].to_vec();
    doubled.extend_from_slice(&lines[19..23]);
    doubled.extend_from_slice(&lines[23..]);
    f.write(&translation_path(), doubled.join("\n") + "\n");
    let before = f.sums();
    f.dz(&["build", "-q"])
        .code(0)
        .stderr_has(&format!("{}:24: a second marker for ¶3: only the first is used", translation_path()));
    assert_eq!(before, f.sums());
}

#[test]
fn t03_a_translation_of_no_article_is_a_located_warning() {
    let f = Fresh::new();
    let orphan = "translations/en/2021-01-01-no-such-article.md";
    f.write(orphan, "+++\ntitle = \"x\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\nText.\n");
    let before = f.sums();
    f.dz(&["build", "-q"]).code(0).stderr_has(&format!(
        "{orphan}:1: translation of \"2021-01-01-no-such-article\", but there is no content/2021-01-01-no-such-article.md"
    ));
    assert_eq!(before, f.sums());
}

#[test]
fn t04_garbled_markers_are_errors_at_their_lines_and_nothing_is_built() {
    let f = with_translation_edit(&GARBLED);
    let before = f.sums();
    let message = format!(
        "{}:20: `<!-- ¶3 385d09c -->` looks like a block marker but is not one: write it as `<!-- ¶<number> <8 hex digits> -->` (the fingerprint may be left out); so are lines 24, 28, 32",
        translation_path()
    );
    let run = f.dz(&["build", "-q"]);
    run.code(1).stderr_has(&message).stderr_has("nothing written");
    assert!(!f.path("public").exists(), "a failed build wrote public/");
    f.dz(&["check"]).code(1).stderr_has(&message);
    assert_eq!(before, f.sums());
}

#[test]
fn t04_each_kind_of_garbled_marker_is_named_at_its_own_line() {
    for (i, (good, bad)) in GARBLED.iter().enumerate() {
        let f = with_translation_edit(&[(good, bad)]);
        let before = f.sums();
        f.dz(&["build", "-q"]).code(1).stderr_has(&format!(
            "{}:{}: `{bad}` looks like a block marker",
            translation_path(),
            20 + 4 * i
        ));
        assert_eq!(before, f.sums());
    }
}

#[test]
fn t05_invalid_front_matter_is_a_located_error() {
    let f = with_translation_edit(&[("status = \"draft\"", "status = draft")]);
    let before = f.sums();
    f.dz(&["build", "-q"]).code(1).error_at(
        &format!("{}:7:10", translation_path()),
        "invalid front matter: string values must be quoted",
    );
    assert_eq!(before, f.sums());
}

#[test]
fn t06_translate_refuses_a_file_with_garbled_markers_and_leaves_it_as_it_was() {
    let f = with_translation_edit(&GARBLED);
    let before = f.sums();
    f.dz(&["translate", A])
        .code(1)
        .stderr_has(&format!("{}:20: `<!-- ¶3 385d09c -->` looks like a block marker", translation_path()));
    assert_eq!(before, f.sums());
}

#[test]
fn t06_translate_refuses_invalid_front_matter_and_an_empty_file_unchanged() {
    let f = with_translation_edit(&[("status = \"draft\"", "status = draft")]);
    let before = f.sums();
    f.dz(&["translate", A]).code(1).error_at(&format!("{}:7:10", translation_path()), "invalid front matter");
    assert_eq!(before, f.sums());

    let f = Fresh::new();
    f.write(&translation_path(), "");
    let before = f.sums();
    f.dz(&["translate", A]).code(1).stderr_has(&translation_path()).no_panic();
    assert_eq!(before, f.sums());
}

#[test]
fn t06e_translate_refuses_bad_ids_languages_and_block_numbers() {
    let f = Fresh::new();
    let before = f.sums();
    f.dz(&["translate", "../../../..scratch/evil"])
        .code(2)
        .stderr_has("no article \"../../../..scratch/evil\" in content/");
    f.dz(&["translate", A, "--lang", "../../x"])
        .code(2)
        .stderr_has("language \"../../x\" is not a language code");
    f.dz(&["translate", A, "--accept", "99"])
        .code(2)
        .stderr_has("--accept 99: give block numbers between 1 and 6");
    f.dz(&["translate", A, "--accept", "1,x"]).code(2).stderr_has("--accept").no_panic();
    assert_eq!(before, f.sums());
}
