//! `duizhao build` on bad input: a clear message naming file and line, exit
//! 1, and the previous `public/` left exactly as it was.

use assert_cmd::Command;
use predicates::str::contains;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/sites/basic";

/// A copy of the fixture edition with a previous build in `public/`.
fn edition() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("edition");
    copy_dir(Path::new(FIXTURE), &root);
    std::fs::remove_dir_all(root.join("expected")).ok();
    std::fs::create_dir_all(root.join("public")).unwrap();
    std::fs::write(root.join("public/index.html"), "previous build").unwrap();
    // The file by which a build knows public/ as a site it may replace.
    std::fs::write(root.join("public/.duizhao-site"), "built by duizhao").unwrap();
    (tmp, root)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
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
    fails_with(&root, "error: content/2020-02-01-a.md:4: invalid front matter");
}

#[test]
fn a_date_that_is_not_a_date() {
    let (_tmp, root) = edition();
    write(
        &root,
        "content/2020-02-01-a.md",
        "+++\ntitle = \"a\"\nregions = [\"全国\"]\ndate = 2020-02-30\nsource = \"s\"\n+++\n\n正文。\n",
    );
    fails_with(&root, "error: content/2020-02-01-a.md:4:");
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
