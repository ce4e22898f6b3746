//! The commands on bad input: a clear message naming file, line and column
//! with the line and a caret, each distinct error once, exit 1 for problems
//! found and 2 when duizhao could not run, the previous `public/` left
//! exactly as it was, and a reader that closes the pipe early is no error.

use crate::common::{EditionTest, write};
use assert_cmd::Command;
use predicates::str::contains;
use std::path::{Path, PathBuf};

/// A copy of the fixture edition with a previous build in `public/`.
fn edition() -> (tempfile::TempDir, PathBuf) {
    let EditionTest { tmp, root } = EditionTest::site("basic")
        .file("public/index.html", "previous build")
        // The file by which a build knows public/ as a site it may replace.
        .file("public/.duizhao-site", "built by duizhao");
    (tmp, root)
}

/// Builds, expects failure with `message` on stderr and an untouched public/.
fn fails_with(root: &Path, message: &str) {
    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "build"])
        .assert()
        .code(1)
        .stderr(contains(message));
    assert_eq!(std::fs::read_to_string(root.join("public/index.html")).unwrap(), "previous build");
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_fixture_builds_and_replaces_public() {
    let (_tmp, root) = edition();
    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "build", "--quiet"])
        .assert()
        .success()
        .stdout(contains("4 articles"));
    let index = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(index.contains("抗疫报道选读"));
    assert!(root.join("public/articles/2020-02-27-guang-xi-juan-zeng.html").is_file());
    Command::cargo_bin("duizhao").unwrap().args(["-C", root.to_str().unwrap(), "check"]).assert().success();
}

#[test]
fn strict_fails_on_warnings() {
    let (_tmp, root) = edition();
    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "check", "--strict"])
        .assert()
        .code(1)
        .stderr(contains(
            "warning: translations/en/2020-02-28-yun-yang-fu-gong.md:10: ¶2 is stale: the source changed since it was translated\n  \
             was: (not recorded: source fingerprint deadbeef; see `git log -p content/2020-02-28-yun-yang-fu-gong.md`)\n  \
             now: 截至2月27日，全区已有43家规模以上工业企业复工。\n",
        ));
    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "build", "--strict"])
        .assert()
        .code(1)
        .stderr(contains("nothing written"));
    assert_eq!(std::fs::read_to_string(root.join("public/index.html")).unwrap(), "previous build");
}

#[test]
fn unterminated_front_matter() {
    let (_tmp, root) = edition();
    write(&root, "content/2020-02-01-a.md", "+++\ntitle = \"a\"\nsource = \"s\"\n\n正文。\n");
    fails_with(
        &root,
        "error: content/2020-02-01-a.md:1: front matter opened with `+++` on line 1 is never closed",
    );
}

#[test]
fn invalid_toml_names_its_line() {
    let (_tmp, root) = edition();
    write(
        &root,
        "content/2020-02-01-a.md",
        "+++\ntitle = \"a\"\nregions = [\"全国\"\nsource = \"s\"\n+++\n\n正文。\n",
    );
    fails_with(
        &root,
        "error: invalid front matter: missing comma between array elements, expected `,`\n --> content/2020-02-01-a.md:4:1\n",
    );
}

#[test]
fn a_date_that_is_not_a_date() {
    let (_tmp, root) = edition();
    write(
        &root,
        "content/2020-02-01-a.md",
        "+++\ntitle = \"a\"\nregions = [\"全国\"]\ndate = 2020-02-30\nsource = \"s\"\n+++\n\n正文。\n",
    );
    fails_with(
        &root,
        "error: invalid front matter: invalid date, expected day between 01 and 29
 --> content/2020-02-01-a.md:4:8
  |
4 | date = 2020-02-30
  |        ^^^^^^^^^^
",
    );
}

#[test]
fn a_template_syntax_error_names_template_and_line() {
    let (_tmp, root) = edition();
    write(
        &root,
        "themes/default/templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title </h1>\n{% endblock main %}\n",
    );
    fails_with(&root, "themes/default/templates/article.html");
    fails_with(&root, "article.html:3:");
}

#[test]
fn an_unknown_region() {
    let (_tmp, root) = edition();
    write(
        &root,
        "content/2020-02-01-a.md",
        "+++\ntitle = \"a\"\nsource = \"s\"\nregions = [\"湖北/十堰\"]\n+++\n\n正文。\n",
    );
    fails_with(&root, "error: content/2020-02-01-a.md:4: unknown region \"湖北/十堰\"");
}

#[test]
fn an_id_that_would_escape_public() {
    let (_tmp, root) = edition();
    // The file `...md` has the stem `..`.
    write(
        &root,
        "content/...md",
        "+++\ntitle = \"a\"\nsource = \"s\"\nregions = [\"全国\"]\n+++\n\n正文。\n",
    );
    fails_with(&root, "article id \"..\" contains '.'");
}

#[test]
fn problems_in_several_files_are_reported_together() {
    let (_tmp, root) = edition();
    write(&root, "content/2020-02-01-a.md", "+++\ntitle = \"a\"\n");
    write(&root, "content/2020-02-02-b.md", "no front matter\n");
    let out = Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "check"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("content/2020-02-01-a.md:1:"), "{err}");
    assert!(err.contains("content/2020-02-02-b.md:1:"), "{err}");
}

/// An edition of just `files`, in a fresh folder.
fn small_edition(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("edition");
    std::fs::create_dir_all(root.join("content")).unwrap();
    for (rel, text) in files {
        write(&root, rel, text);
    }
    (tmp, root)
}

/// Runs duizhao in `root`: exit code and stderr.
fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("duizhao").unwrap().current_dir(root).args(args).output().unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn a_front_matter_error_shows_its_line_and_a_caret() {
    let (_tmp, root) = small_edition(&[(
        "content/2020-02-01-a.md",
        "+++\ntitle = \"a\"\nsource = \"s\"\nregions = [\"全国\"]\ndate = \"二月\"\n+++\n\n正文。\n",
    )]);
    let (code, stderr) = run(&root, &["check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: invalid front matter: invalid type: string \"二月\", expected a TOML datetime
 --> content/2020-02-01-a.md:5:8
  |
5 | date = \"二月\"
  |        ^^^^^^
checked 0 articles, 0/0 blocks translated: 1 error(s), 0 warning(s)
"
    );
}

#[test]
fn a_broken_link_is_reported_at_its_markdown_line() {
    let article = "+++\ntitle = \"a\"\nsource = \"sources/s.txt\"\nregions = [\"全国\"]\ndate = 2020-02-01\n+++\n\n第一段。\n\n第二段，\n见[旧页](../old/page.html)。\n";
    let (_tmp, root) =
        small_edition(&[("content/2020-02-01-a.md", article), ("sources/s.txt", "第一段。\n")]);
    let (code, stderr) = run(&root, &["check", "--quiet"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        "warning: 1 article(s) have no English translation yet (2020-02-01-a): run `duizhao translate <id>`
error: content/2020-02-01-a.md:11: link \"../old/page.html\" reaches no page of the site
checked 1 articles, 0/2 blocks translated: 1 error(s), 1 warning(s)
"
    );
}

#[test]
fn a_theme_link_in_any_quoting_is_checked_and_said_once() {
    let (_tmp, root) = edition();
    let region = std::fs::read_to_string("themes/default/templates/region.html").unwrap();
    let region = region.replacen("<h1", "<a href='../gone.html'>x</a><a href=gone.html>y</a><h1", 1);
    write(&root, "themes/default/templates/region.html", &region);
    let (code, stderr) = run(&root, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        errors,
        [
            "error: regions/guangxizhuangzuzizhiqu/index.html (and 5 other pages): link \"../gone.html\" reaches no page of the site",
            "error: regions/guangxizhuangzuzizhiqu/index.html (and 5 other pages): link \"gone.html\" reaches no page of the site",
        ]
    );
}

#[test]
fn a_template_typo_is_printed_once_with_its_page_count() {
    let (_tmp, root) = edition();
    let region = std::fs::read_to_string("themes/default/templates/region.html").unwrap();
    write(
        &root,
        "themes/default/templates/region.html",
        &region.replace("page.articles | length", "page.articels | length"),
    );
    let expected = "error: rendering regions/guangxizhuangzuzizhiqu/index.html (and 5 other pages) with template themes/default/templates/region.html: Value of type undefined has no length
 --> region.html:5:46
  |
5 | <p class=\"lede\" lang=\"en\">{{ page.articels | length }} article(s){% if page.mentioned %}, mentioned in {{ page.mentioned | length }} more{% endif %}.</p>
  |                                              ^^^^^^
";
    for command in ["check", "build"] {
        let (code, stderr) = run(&root, &[command]);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(root.join("public/index.html")).unwrap(), "previous build");
}

#[test]
fn exit_status_tells_problems_found_from_could_not_run() {
    let (_tmp, root) = edition();
    assert_eq!(run(&root, &["check"]).0, 0, "warnings only");
    assert_eq!(run(&root, &["check", "--strict"]).0, 1, "warnings under --strict");
    assert_eq!(run(&root, &["status", "--strict"]).0, 1, "stale blocks under --strict");
    assert_eq!(run(&root, &["check", "--no-such-flag"]).0, 2, "bad arguments");
    assert_eq!(run(&root, &["translate", "no-such-article"]).0, 2, "an unknown id");
    let (code, stderr) = run(&root, &["-C", "no-such-folder", "check"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: no-such-folder: no content/ folder: run duizhao in an edition's folder (or name it with -C DIR)\n"
        )
    );
    write(&root, "edition.toml", "title = { zh = \"x\" }\nkeep = [\"a/b\"]\n");
    let (code, stderr) = run(&root, &["build"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid edition.toml: keep = [\"a/b\"]: name a file or folder at the top of the output folder (no `/`)
 --> edition.toml:2:8
  |
2 | keep = [\"a/b\"]
  |        ^^^^^^^
"
    );
    write(&root, "content/2020-02-01-a.md", "+++\ntitle = \"a\"\n");
    std::fs::remove_file(root.join("edition.toml")).unwrap();
    assert_eq!(run(&root, &["check"]).0, 1, "an error in the edition");
    assert_eq!(run(&root, &["translate", "2020-02-01-a"]).0, 1, "an article that does not parse");
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_no_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // Enough articles that the table outgrows the pipe's buffer.
    let articles: Vec<(String, String)> = (0..1500)
        .map(|i| {
            let id = format!("content/2020-01-01-article-number-{i:04}.md");
            (id, "+++\ntitle = \"a\"\nsource = \"s\"\nregions = [\"全国\"]\n+++\n\n正文。\n".to_string())
        })
        .collect();
    let files: Vec<(&str, &str)> = articles.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let (_tmp, root) = small_edition(&files);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("duizhao"))
        .current_dir(&root)
        .arg("status")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(!first.is_empty());
    // The reader is gone (like `| head -1`); the rest cannot be written.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn check_reads_the_search_index_as_built_in_public() {
    let edition = EditionTest::site("basic");
    edition.dz(&["build", "--quiet"]).success();
    edition.dz(&["check", "--quiet"]).success();
    std::fs::remove_file(edition.path("public/search/idx-0.js")).unwrap();
    let dir = edition.path("public/search");
    edition.dz(&["check", "--quiet"]).code(1).stderr_has(&format!(
        "error: search index in {} (rebuild if it is stale): search/manifest.js names search/idx-0.js, \
         which is missing or unreadable\n",
        dir.display()
    ));
}
