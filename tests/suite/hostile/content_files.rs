//! Rows of the review about broken or odd article files (C01, C02, C04,
//! C05, C05b, C06, C14) and a broken edition.toml (E01): located errors,
//! nothing written, the edition untouched.

use crate::common::*;

fn article(f: &Fresh) -> String {
    f.read(&format!("content/{A}.md"))
}

/// Builds expecting failure with `message`; nothing is written or changed.
fn build_fails(f: &Fresh, message: &str) {
    build_fails_with(f, 1, message);
}

fn build_fails_with(f: &Fresh, code: i32, message: &str) {
    let before = f.sums();
    f.dz(&["build", "-q"]).code(code).no_panic().stderr_has(message);
    assert!(!f.path("public").exists(), "a failed build wrote public/");
    assert_eq!(before, f.sums());
}

#[test]
fn c01_front_matter_never_closed_is_located() {
    let f = Fresh::new();
    let text = article(&f);
    let closing = text.match_indices("\n+++\n").next().unwrap().0;
    f.write(&format!("content/{A}.md"), format!("{}{}", &text[..=closing], &text[closing + 5..]));
    build_fails(&f, &format!("content/{A}.md:1: front matter opened with `+++` on line 1 is never closed"));
}

#[test]
fn c02_invalid_toml_in_front_matter_is_located() {
    let f = Fresh::new();
    f.write(
        &format!("content/{A}.md"),
        article(&f).replacen("kicker = \"严厉查处违纪违法行为\"", "kicker = \"unterminated", 1),
    );
    build_fails(
        &f,
        &format!(
            "error: invalid front matter: invalid basic string, expected `\"`\n --> content/{A}.md:3:23\n"
        ),
    );
}

#[test]
fn c04_a_title_of_ten_thousand_characters_builds() {
    let f = Fresh::new();
    let long = "长".repeat(10_000);
    f.write(&format!("content/{A}.md"), article(&f).replacen("高新区做实疫情防控监督", &long, 1));
    f.dz(&["build", "-q"]).code(0).no_panic();
    assert!(std::fs::read_to_string(f.path(&format!("public/articles/{A}.html"))).unwrap().contains(&long));
}

#[test]
fn c05_a_duplicate_id_in_a_subfolder_is_located() {
    let f = Fresh::new();
    f.write(&format!("content/sub/{A}.md"), article(&f));
    build_fails(&f, &format!("content/sub/{A}.md:1: duplicate article id \"{A}\""));
}

#[test]
fn c05b_a_copy_under_another_name_builds_as_a_second_article() {
    let f = Fresh::new();
    f.write("content/sub-copy.md", article(&f));
    f.dz(&["build", "-q"]).code(0).no_panic().stderr_has("no English translation yet (sub-copy)");
    assert!(f.path("public/articles/sub-copy.html").is_file());
}

#[test]
fn c06_ids_that_could_escape_public_are_refused() {
    let f = Fresh::new();
    f.write("content/...md", article(&f));
    build_fails(&f, "article id \"..\" contains '.'");
}

#[test]
fn c14_an_article_saved_as_gb18030_is_located() {
    let f = Fresh::new();
    let text = article(&f);
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    f.write(&format!("content/{A}.md"), bytes.as_ref());
    build_fails(&f, &format!("content/{A}.md:2: not valid UTF-8"));
}

#[test]
fn e01_an_unclosed_inline_table_in_edition_toml_is_located() {
    let f = Fresh::new();
    f.write(
        "edition.toml",
        f.read("edition.toml").replacen("title = {", "title = { zh = \"x\",", 1).replacen('}', "", 1),
    );
    build_fails_with(&f, 2, " --> edition.toml:3:1\n");
    f.dz(&["build", "-q"]).stderr_has("error: invalid edition.toml");
}
