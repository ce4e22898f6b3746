//! A file under `<root>/themes/<theme>/` replaces the built-in one of the
//! same name; everything else stays built in.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "in a test, a panic is a failure with its message"
)]

use assert_cmd::Command;

#[test]
fn a_user_file_overrides_the_embedded_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/2020-02-01-a.md"),
        "+++\ntitle = \"标题\"\ndate = 2020-02-01\nregions = [\"全国\"]\nsource = \"sources/a.txt\"\n+++\n\n第一段。\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(root.join("themes/default/static/style.css"), "body{color:red}").unwrap();
    std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    std::fs::write(
        root.join("themes/default/templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>my own 404</p>{% endblock main %}",
    )
    .unwrap();
    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "build", "--quiet"])
        .assert()
        .success();
    let public = root.join("public");
    assert_eq!(std::fs::read_to_string(public.join("static/style.css")).unwrap(), "body{color:red}");
    assert!(std::fs::read_to_string(public.join("404.html")).unwrap().contains("my own 404"));
    // Not overridden: still the built-in script and templates.
    assert!(std::fs::read_to_string(public.join("static/view.js")).unwrap().contains("duizhao-view"));
    assert!(public.join("articles/2020-02-01-a.html").is_file());
}
