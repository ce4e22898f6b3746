//! An edition's life through the binary: a raw source is ingested, given a
//! translation, built; then the Chinese is corrected, `check` says which
//! translation is now stale (old and new text), and accepting it makes the
//! build clean again.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const SOURCE: &str = "# 郧阳区企业有序复工

本报讯 3月1日，郧阳区已有五十家规模以上企业复工。

区政府要求各企业落实防护措施，保障职工安全。
";

const SIDECAR: &str = "publication = \"十堰日报\"\nyear = 2020\nregion = \"湖北省/十堰市\"\n";

const FIRST: &str = "3月1日，郧阳区已有五十家规模以上企业复工。";
const SECOND: &str = "区政府要求各企业落实防护措施，保障职工安全。";
const SECOND_CORRECTED: &str = "区政府要求各企业落实防护措施，保障职工健康。";

fn duizhao(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("duizhao").unwrap();
    cmd.arg("-C").arg(root);
    cmd
}

fn stderr_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

/// Writes `english` under each empty slot and the title, in order.
fn fill(path: &Path, title: &str, english: &[&str]) {
    let text = fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut english = english.iter();
    for line in text.lines() {
        if line == "title = \"\"" {
            out.push_str(&format!("title = \"{title}\"\n"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if line.starts_with("<!-- zh: ") {
            out.push_str(english.next().expect("one English text per slot"));
            out.push('\n');
        }
    }
    assert!(english.next().is_none(), "more English texts than slots");
    fs::write(path, out).unwrap();
}

#[test]
fn ingest_translate_build_then_a_source_correction_is_stale_until_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("sources")).unwrap();
    fs::write(root.join("sources/yunyang.txt"), SOURCE).unwrap();
    fs::write(root.join("sources/yunyang.toml"), SIDECAR).unwrap();

    duizhao(root).arg("ingest").assert().success();
    let content: Vec<_> = fs::read_dir(root.join("content")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(content.len(), 1, "{content:?}");
    let article = &content[0];
    let id = article.file_stem().unwrap().to_str().unwrap().to_string();
    let text = fs::read_to_string(article).unwrap();
    assert!(text.contains(&format!("\n{FIRST}\n\n{SECOND}\n")), "{text}");

    duizhao(root).args(["translate", &id]).assert().success();
    let translation = root.join(format!("translations/en/{id}.md"));
    fill(
        &translation,
        "Yunyang firms return to work",
        &[
            "By March 1, fifty large firms in Yunyang had reopened.",
            "The district told firms to protect staff.",
        ],
    );
    let built = stderr_of(duizhao(root).arg("build"));
    assert!(!built.contains("warning"), "{built}");
    let page = fs::read_to_string(root.join(format!("public/articles/{id}.html"))).unwrap();
    assert!(page.contains("The district told firms to protect staff."));

    // An editor corrects the Chinese of ¶2.
    fs::write(article, text.replace(SECOND, SECOND_CORRECTED)).unwrap();
    let stale = format!(
        "warning: translations/en/{id}.md:14: ¶2 is stale: the source changed since it was translated\n  \
         was: {SECOND}\n  now: {SECOND_CORRECTED}\n"
    );
    duizhao(root).arg("check").assert().success().stderr(predicate::str::contains(stale.as_str()));
    duizhao(root)
        .args(["check", "--strict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(stale.as_str()));

    duizhao(root).args(["translate", &id, "--accept", "2"]).assert().success();
    let rebuilt = stderr_of(duizhao(root).arg("build"));
    assert!(!rebuilt.contains("stale") && !rebuilt.contains("warning"), "{rebuilt}");
    duizhao(root).args(["check", "--strict"]).assert().success();
    let accepted = fs::read_to_string(&translation).unwrap();
    assert!(accepted.contains(SECOND_CORRECTED) && accepted.contains("protect staff"), "{accepted}");
}
