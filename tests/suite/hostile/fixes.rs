//! Rows of the review about sidecars and editorial fixes (F01–F06i).

use crate::common::*;

const SOURCE: &str = "sources/001_fb090d6bc539e31c.txt";
const SIDECAR: &str = "sources/001_fb090d6bc539e31c.toml";
const FIXES: &str = "sources/001_fb090d6bc539e31c.fixes.toml";

/// The fresh copy with `fixes` appended to 001's fixes file, whose own four
/// fixes start on lines 4 (`move = [3, 5]`, `before = 25`), 9, 14 and 19: the
/// first appended `[[fix]]` is on line 24.
fn with_fixes(fixes: &str) -> Fresh {
    let f = Fresh::new();
    let mut text = f.read(FIXES);
    text.push('\n');
    text.push_str(fixes);
    f.write(FIXES, text);
    f
}

/// Ingest of 001 fails with `message` and writes nothing.
fn refused(f: &Fresh, message: &str) {
    let before = f.sums();
    f.dz_here(&["ingest", SOURCE]).code(1).stderr_has(message).no_panic();
    assert_eq!(before, f.sums());
}

/// Ingest of 001 fails with `message` shown at `place` (`file:line:column`)
/// with its line and a caret, and writes nothing.
fn refused_at(f: &Fresh, place: &str, message: &str) {
    let before = f.sums();
    f.dz_here(&["ingest", SOURCE]).code(1).error_at(place, message).no_panic();
    assert_eq!(before, f.sums());
}

#[test]
fn f01_an_unterminated_string_in_a_sidecar_is_a_located_error() {
    let f = Fresh::new();
    f.write(SIDECAR, f.read(SIDECAR).replace("\"平顶山日报\"", "\"平顶山日报"));
    refused_at(&f, &format!("{SIDECAR}:2:21"), "invalid sidecar: invalid basic string");
    let before = f.sums();
    f.dz(&["build", "-q"])
        .code(1)
        .error_at(&format!("{SIDECAR}:2:21"), "invalid TOML")
        .stderr_has("nothing written");
    assert_eq!(before, f.sums());
}

#[test]
fn f02_wrong_types_and_unknown_fields_in_a_sidecar_are_located_errors() {
    let f = Fresh::new();
    f.write(SIDECAR, f.read(SIDECAR).replace("year = 2020", "year = \"2020\""));
    refused_at(&f, &format!("{SIDECAR}:3:8"), "invalid sidecar: invalid type: string \"2020\", expected i32");

    let f = Fresh::new();
    f.write(SIDECAR, f.read(SIDECAR) + "colour = \"red\"\n");
    refused_at(&f, &format!("{SIDECAR}:10:1"), "invalid sidecar: unknown field `colour`");
}

#[test]
fn f04_a_fix_naming_a_line_past_the_end_or_below_one_is_refused_at_the_fix() {
    for fix in
        ["split = 99999", "drop = [170, 500]", "line = 400\nreplace = \"a\"\nwith = \"b\"", "split = 0"]
    {
        let f = with_fixes(&format!("[[fix]]\n{fix}\nreason = \"r\"\n"));
        refused_at(&f, &format!("{FIXES}:24:1"), "this fix names line ");
        refused(&f, &format!("but {SOURCE} has 181 lines: correct the line number"));
    }
    let f = with_fixes("[[fix]]\nsplit = -3\nreason = \"r\"\n");
    refused_at(
        &f,
        &format!("{FIXES}:25:9"),
        "invalid fixes file: invalid value: integer `-3`, expected usize",
    );
}

#[test]
fn f05_a_drop_of_the_line_a_move_goes_before_is_refused_naming_both_fixes() {
    let f = with_fixes("[[fix]]\ndrop = [25, 45]\nreason = \"r\"\n");
    refused(
        &f,
        &format!(
            "{FIXES}:24 and :4 both act on line 25: drop and move before it cannot both apply: remove one, or correct its lines"
        ),
    );
}

#[test]
fn f05b_a_split_inside_a_join_is_refused_at_the_split() {
    let f = with_fixes("[[fix]]\nsplit = 75\nreason = \"r\"\n");
    refused(&f, &format!("{FIXES}:24: no block starts on line 75 of the source (blank, or already dropped)"));
}

#[test]
fn f05c_two_sets_of_one_title_are_refused_naming_both_fixes() {
    let f = with_fixes(
        "[[fix]]\nline = 25\nset = { title = \"甲\" }\nreason = \"r\"\n\n[[fix]]\nline = 25\nset = { title = \"乙\" }\nreason = \"r\"\n",
    );
    refused(&f, &format!("{FIXES}:29 and :24 both set `title` on line 25: only one can apply: remove one"));
}

#[test]
fn f05c_two_sets_of_one_field_on_lines_of_one_article_are_refused() {
    // Lines 25 and 27 are both in the article 高新区做实疫情防控监督.
    let f = with_fixes(
        "[[fix]]\nline = 25\nset = { kicker = \"甲\" }\nreason = \"r\"\n\n[[fix]]\nline = 27\nset = { kicker = \"乙\", column = \"丙\" }\nreason = \"r\"\n",
    );
    refused(&f, &format!("{FIXES}:29 and :24 both set `kicker` of the article that holds lines 25 and 27"));
}

#[test]
fn f05d_a_move_before_one_of_its_own_lines_is_refused() {
    let f = with_fixes("[[fix]]\nmove = [60, 70]\nbefore = 65\nreason = \"r\"\n");
    refused_at(&f, &format!("{FIXES}:24:1"), "cannot move lines 60–70 before line 65, which is among them");
}

#[test]
fn f05e_a_drop_of_the_lines_a_move_moves_is_refused_naming_both_fixes() {
    let f = with_fixes("[[fix]]\ndrop = [3, 5]\nreason = \"r\"\n");
    refused(&f, &format!("{FIXES}:24 and :4 both act on lines 3–5: drop and move cannot both apply"));
}

#[test]
fn f06_malformed_fixes_are_located_errors() {
    let cases = [
        ("explode = 25\nreason = \"r\"", ":25:1", "invalid fixes file: unknown field `explode`"),
        ("line = 25\nset = { colour = \"red\" }\nreason = \"r\"", ":24:1", "`set` cannot set `colour`"),
        ("split = 25\ndrop = 27\nreason = \"r\"", ":24:1", "a fix takes exactly one of"),
        ("split = 25", ":24:1", "invalid fixes file: missing field `reason`"),
        (
            "line = 25\nreplace = \"不在这一行\"\nwith = \"x\"\nreason = \"r\"",
            ":24",
            "line 25 does not contain \"不在这一行\"",
        ),
        ("line = 25\nset = { date = 2020-02-30 }\nreason = \"r\"", ":26:16", "invalid fixes file:"),
    ];
    for (fix, place, message) in cases {
        let f = with_fixes(&format!("[[fix]]\n{fix}\n"));
        // Found while applying the fix: its line is known, not its column.
        if place.matches(':').count() == 1 {
            refused(&f, &format!("error: {FIXES}{place}: {message}"));
        } else {
            refused_at(&f, &format!("{FIXES}{place}"), message);
        }
    }
    let f = with_fixes("[[fix]\nsplit = 25\nreason = \"r\"\n");
    refused_at(&f, &format!("{FIXES}:24:7"), "invalid fixes file:");
}

#[test]
fn f06i_a_reversed_range_is_applied_in_order_and_recorded() {
    // Lines 25 on are the text of 守住东大门, whose headline (lines 3–5) is moved before them.
    let article = "content/2020-02-02-shou-zhu-dong-da-men-da-hao.md";
    let f = with_fixes("[[fix]]\ndrop = [29, 27]\nreason = \"r\"\n");
    let before = f.sums();
    f.dz_here(&["ingest", SOURCE]).code(0).stderr_has("1 written");
    let after = f.sums();
    assert_eq!(changed(&before, &after).into_iter().collect::<Vec<_>>(), [article.to_string()]);
    assert!(f.read(article).contains("lines 27–29: dropped"));
}
