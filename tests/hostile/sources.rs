//! Rows of the review about sources: odd, empty, binary files, odd names,
//! links out of the edition, and a new source whose articles have the ids of
//! another's.

#[allow(unused_imports)]
use crate::common::*;
use crate::ingest::changed;

const S001: &str = "sources/001_fb090d6bc539e31c";
const S003: &str = "sources/003_c171a1427bcab795";

/// Bytes that hold a NUL, as random bytes do.
fn garbage() -> Vec<u8> {
    (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
}

#[cfg(unix)]
fn link(target: &std::path::Path, at: &std::path::Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[test]
fn s01_an_empty_source_fails_alone() {
    let f = Fresh::new();
    f.write("sources/empty.txt", "");
    let before = f.sums();
    f.dz(&["ingest"])
        .code(1)
        .stderr_has("error: sources/empty.txt: the file is empty: there is nothing to ingest")
        .stderr_has("0 written, 33 unchanged, 0 kept because edited by hand, 1 source(s) failed");
    assert_eq!(before, f.sums());
}

#[test]
fn s02_a_binary_source_is_refused_with_its_name() {
    let f = Fresh::new();
    f.write("sources/garbage.txt", garbage());
    let before = f.sums();
    f.dz_here(&["ingest", "sources/garbage.txt"])
        .code(1)
        .stderr_has("error: sources/garbage.txt: the file looks binary (a NUL byte at offset");
    assert_eq!(before, f.sums());
}

/// With `-C`, a relative path is taken from the edition's folder and named
/// as the user gave it.
#[test]
fn s02a_with_dash_c_a_source_is_found_in_the_edition_and_named_as_given() {
    let f = Fresh::new();
    f.write("sources/garbage.txt", garbage());
    let before = f.sums();
    f.dz(&["ingest", "sources/garbage.txt"])
        .code(1)
        .stderr_has("error: sources/garbage.txt: the file looks binary (a NUL byte at offset");
    f.dz(&["ingest", "sources/nosuch.txt"]).code(1).stderr_has("error: sources/nosuch.txt: No such file");
    assert_eq!(before, f.sums());
    // A good source, with -C from elsewhere, is ingested and named as given.
    f.dz(&["ingest", &format!("{S001}.txt")])
        .code(0)
        .stderr_has(&format!("{S001}.txt: plain text"))
        .stderr_has("0 written, 6 unchanged");
    assert_eq!(before, f.sums());
}

#[test]
fn s12a_a_name_with_spaces_and_unicode_is_ingested_beside_the_original() {
    let f = Fresh::new();
    let name = "sources/my source 报纸 ① .txt";
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path(name)).unwrap();
    std::fs::copy(f.path(&format!("{S001}.toml")), f.path("sources/my source 报纸 ① .toml")).unwrap();
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has(&format!("{name}: plain text (UTF-8), 5 article(s)"));
    let touched = changed(&before, &f.sums());
    assert_eq!(touched.len(), 5, "five new articles: {touched:?}");
    assert!(touched.iter().all(|p| p.starts_with("content/") && p.ends_with("-2.md")), "{touched:?}");
    f.dz(&["build", "-q"]).code(0).stdout_has("38 articles").stdout_has("341/").stderr_lacks("stale");
}

/// `..txt` is a hidden file: skipped with a note in a folder, refused by name.
#[test]
fn s12b_a_file_named_dot_dot_txt_is_skipped_with_a_note_or_refused_by_name() {
    let f = Fresh::new();
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path("sources/..txt")).unwrap();
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has("note: sources/..txt: hidden (the name starts with '.'), skipped as the build skips it")
        .stderr_has("0 written, 33 unchanged");
    f.dz(&["ingest", "sources/..txt"])
        .code(1)
        .stderr_has("error: sources/..txt: the name starts with '.', so the file is hidden")
        .stderr_lacks("Is a directory");
    assert_eq!(before, f.sums());
}

/// `...txt` (hidden, so the build ignores it) no longer takes 001's ids.
#[test]
fn s12c_a_hidden_copy_does_not_take_the_originals_ids() {
    let f = Fresh::new();
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path("sources/...txt")).unwrap();
    let before = f.sums();
    for entry in std::fs::read_dir(f.path("content")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    f.dz(&["ingest"]).code(0).stderr_has("note: sources/...txt: hidden").stderr_has("33 written");
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q"]).code(0).stdout_has("341/341 blocks translated").stderr_lacks("stale");
}

#[test]
fn s12d_a_name_with_a_newline_markup_and_quotes_is_ingested() {
    let f = Fresh::new();
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path("sources/new\nline<b>\"x\".txt")).unwrap();
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has("line<b>\"x\".txt: plain text (UTF-8), 5 article(s)");
    assert_eq!(changed(&before, &f.sums()).len(), 5);
    f.dz(&["build", "-q"]).code(0).stdout_has("38 articles");
}

/// S13: a folder walk names the link it skips.
#[cfg(unix)]
#[test]
fn s13_a_link_out_of_the_edition_is_skipped_with_a_note() {
    let f = Fresh::new();
    let secret = f.outside("secret.txt");
    write_file(&secret, "root:x:0:0:root:/root:/bin/bash\n".as_bytes());
    link(&secret, &f.path("sources/passwd.txt"));
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has(&format!("note: sources/passwd.txt: a link to {}, skipped", secret.display()))
        .stderr_has("0 written, 33 unchanged");
    assert_eq!(before, f.sums());
}

/// S13b: named on the command line, the link is refused, located, and
/// nothing of the file it points to reaches content/.
#[cfg(unix)]
#[test]
fn s13b_a_named_link_out_of_the_edition_is_refused() {
    let f = Fresh::new();
    let secret = f.outside("secret.txt");
    write_file(&secret, "root:x:0:0:root:/root:/bin/bash\n".as_bytes());
    link(&secret, &f.path("sources/passwd.txt"));
    let real = std::fs::canonicalize(&secret).unwrap();
    let before = f.sums();
    f.dz(&["ingest", "sources/passwd.txt"]).code(1).stderr_has(&format!(
        "error: sources/passwd.txt: a link to {}, outside the edition: copy the file into sources/ if you mean it",
        real.display()
    ));
    // A plain file outside the edition, or in it but outside sources/, is refused too.
    f.dz(&["ingest", secret.to_str().unwrap()])
        .code(1)
        .stderr_has("outside the edition: copy the file into sources/");
    f.write("drafts/x.txt", "标题\n\n正文内容。\n");
    f.dz(&["ingest", "drafts/x.txt"]).code(1).stderr_has("error: drafts/x.txt: outside sources/");
    f.dz(&["ingest", "--dry-run", ".."]).code(1).stderr_has("outside the edition");
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q"]).code(0).stdout_has("33 articles");
}

/// A link that stays in sources/ may be named; its articles are those of
/// the file it points to, not copies.
#[cfg(unix)]
#[test]
fn s13c_a_named_link_within_sources_reads_its_target() {
    let f = Fresh::new();
    link(std::path::Path::new("001_fb090d6bc539e31c.txt"), &f.path("sources/alias.txt"));
    let before = f.sums();
    f.dz(&["ingest", "sources/alias.txt"])
        .code(0)
        .stderr_has(&format!("{S001}.txt: plain text"))
        .stderr_has("0 written, 6 unchanged")
        .stderr_lacks("warning");
    assert_eq!(before, f.sums());
}

#[cfg(unix)]
#[test]
fn s14_link_loops_in_a_folder_are_skipped_with_a_note() {
    let f = Fresh::new();
    link(std::path::Path::new("loop2.txt"), &f.path("sources/loop1.txt"));
    link(std::path::Path::new("loop1.txt"), &f.path("sources/loop2.txt"));
    std::fs::create_dir(f.path("sources/sub")).unwrap();
    link(std::path::Path::new(".."), &f.path("sources/sub/up"));
    link(std::path::Path::new("../sub"), &f.path("sources/sub/self"));
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has("note: sources/loop1.txt: a link to loop2.txt, skipped")
        .stderr_has("note: sources/sub/up: a link to .., skipped")
        .stderr_has("0 written, 33 unchanged");
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q"]).code(0);
}

#[cfg(unix)]
#[test]
fn s14b_a_named_loop_is_refused() {
    let f = Fresh::new();
    link(std::path::Path::new("loop2.txt"), &f.path("sources/loop1.txt"));
    link(std::path::Path::new("loop1.txt"), &f.path("sources/loop2.txt"));
    let before = f.sums();
    f.dz(&["ingest", "sources/loop1.txt"])
        .code(1)
        .stderr_has("error: sources/loop1.txt: Too many levels of symbolic links");
    assert_eq!(before, f.sums());
}

/// S16: a source whose name is markup, a copy of 003: its six articles get
/// ids of their own, 003's are untouched; the name stays escaped in the site.
#[test]
fn s16_a_copy_under_a_hostile_name_does_not_overwrite_the_originals() {
    let f = Fresh::new();
    let name = "sources/<img src=x onerror=\"alert('S16')\">.txt";
    std::fs::copy(f.path(&format!("{S003}.txt")), f.path(name)).unwrap();
    let before = f.sums();
    let run = f.dz(&["ingest", name]);
    run.code(0).stderr_has(&format!("which holds an article of {S003}.txt: written as content/"));
    let touched = changed(&before, &f.sums());
    assert_eq!(touched.len(), 6, "{touched:?}");
    assert!(touched.iter().all(|p| p.ends_with("-2.md")), "{touched:?}");
    f.dz(&["build", "-q"]).code(0).stdout_has("39 articles");
    let sources_page = std::fs::read_to_string(f.path("public/sources/index.html")).unwrap();
    assert!(sources_page.contains("onerror") && !sources_page.contains("<img src=x onerror"), "escaped");
}

/// S08, the overwrite part: a large source repeating 003 writes its own
/// articles and leaves 003's as they are.
#[test]
fn s08_a_source_repeating_another_leaves_the_others_articles_alone() {
    let f = Fresh::new();
    let text = f.read(&format!("{S003}.txt"));
    f.write("sources/big.txt", text.repeat(3));
    std::fs::copy(f.path(&format!("{S003}.toml")), f.path("sources/big.toml")).unwrap();
    let before = f.sums();
    f.dz(&["ingest", "-q", "sources/big.txt"]).code(0);
    let touched = changed(&before, &f.sums());
    assert!(!touched.is_empty(), "big.txt's articles are written");
    let overwritten: Vec<_> = touched.iter().filter(|p| before.0.contains_key(*p)).collect();
    assert!(overwritten.is_empty(), "{overwritten:?}");
}
