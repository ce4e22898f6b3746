//! `duizhao translate` and `duizhao status` on a tiny edition written by
//! each test: new files, updates after the Chinese changed, never losing
//! the translator's text, coverage figures.

use crate::common::{duizhao, fill, write};
use duizhao::model::fingerprint;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const ID: &str = "2020-02-27-guang-xi-juan-zeng";
const OTHER: &str = "2020-02-28-shi-yan";

const ARTICLE: &str = "+++
title = \"广西向我市捐赠两辆负压救护车\"
subtitle = \"——对口支援\"
date = 2020-02-27
source = \"sources/a.txt\"
+++

2月27日下午，广西对口支援我市的两辆负压救护车抵达十堰。

## 车辆交接

救护车随后交付市急救中心，
投入使用。
";

fn edition() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    write(dir.path(), &format!("content/{ID}.md"), ARTICLE);
    write(
        dir.path(),
        &format!("content/{OTHER}.md"),
        "+++\ntitle = \"十堰\"\nsource = \"s\"\n+++\n\n一段。\n\n二段。\n",
    );
    dir
}

fn read(root: &Path, path: &str) -> String {
    fs::read_to_string(root.join(path)).unwrap()
}

fn translation_path() -> String {
    format!("translations/en/{ID}.md")
}

fn status_json(root: &Path) -> serde_json::Value {
    let out = duizhao(root).args(["status", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn translate_writes_one_marked_slot_per_block() {
    let dir = edition();
    duizhao(dir.path())
        .args(["translate", ID])
        .assert()
        .success()
        .stdout(format!("wrote {}: 3 blocks to translate\n", translation_path()));
    let text = read(dir.path(), &translation_path());
    assert!(text.starts_with(
        "+++\n# zh: 广西向我市捐赠两辆负压救护车\ntitle = \"\"\n# zh: ——对口支援\nsubtitle = \"\"\ntranslator = \"duizhao editors\"\nstatus = \"draft\"\n+++\n"
    ));
    let first = "2月27日下午，广西对口支援我市的两辆负压救护车抵达十堰。";
    assert!(text.contains(&format!("<!-- ¶1 {} -->\n<!-- zh: {first} -->\n", fingerprint(first))));
    assert!(
        text.contains(&format!("<!-- ¶2 {} -->\n<!-- zh: ## 车辆交接 -->\n", fingerprint("## 车辆交接")))
    );
    assert!(text.contains(&format!(
        "<!-- ¶3 {} -->\n<!-- zh: 救护车随后交付市急救中心， 投入使用。 -->\n",
        fingerprint("救护车随后交付市急救中心，投入使用。")
    )));
    assert_eq!(text.matches("<!-- ¶").count(), 3);
    // No leftover temporary file.
    let names: Vec<_> =
        fs::read_dir(dir.path().join("translations/en")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn after_a_source_change_text_is_kept_new_blocks_get_slots_and_status_says_stale() {
    let dir = edition();
    let root = dir.path();
    duizhao(root).args(["translate", ID]).assert().success();
    fill(root, &translation_path(), 1, "On the afternoon of 27 February, two ambulances arrived in Shiyan.");
    fill(root, &translation_path(), 2, "## The handover");
    fill(root, &translation_path(), 3, "The ambulances were handed to the city's emergency centre.");
    let before = read(root, &translation_path());

    // The editor changes ¶1 and adds a paragraph at the end.
    let changed =
        ARTICLE.replace("抵达十堰。", "当天抵达十堰。").replace("投入使用。\n", "投入使用。\n\n（完）\n");
    write(root, &format!("content/{ID}.md"), &changed);

    let json = status_json(root);
    let article = &json["articles"][0];
    assert_eq!(article["id"], ID);
    assert_eq!(
        (&article["translated"], &article["stale"], &article["missing"], &article["total"]),
        (&2.into(), &1.into(), &1.into(), &4.into())
    );

    duizhao(root)
        .args(["translate", ID])
        .assert()
        .success()
        .stdout(predicate::str::contains("new empty slots: ¶4"))
        .stdout(predicate::str::contains(format!(
            "stale (the Chinese changed): ¶1; revise them, then run `duizhao translate {ID} --accept 1`"
        )));
    let after = read(root, &translation_path());
    for line in before.lines().filter(|l| !l.trim().is_empty()) {
        assert!(after.contains(line), "lost {line:?}:\n{after}");
    }
    // ¶1 keeps its old marker; the new block has a fresh slot.
    assert!(after.contains(&format!(
        "<!-- ¶1 {} -->",
        fingerprint("2月27日下午，广西对口支援我市的两辆负压救护车抵达十堰。")
    )));
    assert!(after.contains(&format!("<!-- ¶4 {} -->\n<!-- zh: （完） -->\n", fingerprint("（完）"))));

    // Running it again changes nothing.
    duizhao(root).args(["translate", ID]).assert().success().stdout(predicate::str::starts_with(format!(
        "unchanged {}: 3 of 4 blocks translated",
        translation_path()
    )));
    assert_eq!(read(root, &translation_path()), after);

    duizhao(root).args(["status", "--strict"]).assert().failure().code(1);

    // The translator revises ¶1 and accepts it.
    duizhao(root)
        .args(["translate", ID, "--accept", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("accepted as current: ¶1"));
    let accepted = read(root, &translation_path());
    assert!(accepted.contains(&format!(
        "<!-- ¶1 {} -->\n<!-- zh: 2月27日下午，广西对口支援我市的两辆负压救护车当天抵达十堰。 -->\nOn the afternoon",
        fingerprint("2月27日下午，广西对口支援我市的两辆负压救护车当天抵达十堰。")
    )));
    let json = status_json(root);
    assert_eq!(json["articles"][0]["stale"], 0);
    assert_eq!(json["articles"][0]["translated"], 3);
}

#[test]
fn a_removed_block_keeps_its_translation_in_a_comment() {
    let dir = edition();
    let root = dir.path();
    duizhao(root).args(["translate", ID]).assert().success();
    fill(root, &translation_path(), 2, "## The handover");
    fill(root, &translation_path(), 3, "Handed over.");
    write(root, &format!("content/{ID}.md"), &ARTICLE.replace("## 车辆交接\n\n", ""));
    duizhao(root)
        .args(["translate", ID])
        .assert()
        .success()
        .stdout(predicate::str::contains("moved: the translation of ¶3 now belongs to ¶2"))
        .stdout(predicate::str::contains(
            "orphaned (block gone; text kept in a comment at the end of the file): ¶2",
        ));
    let text = read(root, &translation_path());
    assert!(text.contains("\nHanded over.\n"));
    assert!(text.contains("<!-- orphaned translation of ¶2 "));
    assert!(text.contains("\n## The handover\n-->"));
    let json = status_json(root);
    assert_eq!(json["articles"][0]["translated"], 1);
    assert_eq!(json["articles"][0]["total"], 2);
}

#[test]
fn status_reports_every_article_and_the_total() {
    let dir = edition();
    let root = dir.path();
    duizhao(root).args(["translate", ID]).assert().success();
    fill(root, &translation_path(), 1, "First.");

    duizhao(root).arg("status").assert().success().stdout(
        "\
article                        translated  reviewed  missing  stale    done
2020-02-27-guang-xi-juan-zeng         1/3         0        2      0   33.3%
2020-02-28-shi-yan                    0/2         0        2      0    0.0%  (no translation file)
total                                 1/5         0        4      0   20.0%
2 articles, 1 with a translation, 0 complete (en)
",
    );

    let json = status_json(root);
    assert_eq!(json["lang"], "en");
    assert_eq!(json["articles"].as_array().unwrap().len(), 2);
    assert_eq!(json["articles"][1]["file"], serde_json::Value::Null);
    let total = &json["total"];
    assert_eq!(total["articles"], 2);
    assert_eq!(total["with_translation"], 1);
    assert_eq!(total["total"], 5);
    assert_eq!(total["translated"], 1);
    assert_eq!(total["missing"], 4);
    assert_eq!(total["stale"], 0);
    assert_eq!(total["percent"], 20.0);

    duizhao(root).args(["status", "--strict"]).assert().code(1);
}

#[test]
fn unknown_id_is_an_error_that_suggests_a_close_one() {
    let dir = edition();
    duizhao(dir.path())
        .args(["translate", "2020-02-28-shi-yam"])
        .assert()
        .code(2)
        .stderr(format!("error: no article \"2020-02-28-shi-yam\" in content/: did you mean \"{OTHER}\"?\n"));
    // Nothing was written, not even for a good id given alongside.
    duizhao(dir.path()).args(["translate", ID, "nope"]).assert().code(2);
    assert!(!dir.path().join("translations").exists());
}

#[test]
fn a_broken_translation_file_is_left_alone() {
    let dir = edition();
    let root = dir.path();
    let broken = "+++\ntitle = \"T\"\n+++\n\nText.\n";
    write(root, &translation_path(), broken);
    duizhao(root)
        .args(["translate", ID])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("\n --> {}:2:1\n", translation_path())));
    assert_eq!(read(root, &translation_path()), broken);
}

fn git(root: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "git {args:?} failed");
}

#[test]
fn check_and_status_show_the_old_source_of_a_stale_block_from_git() {
    let dir = edition();
    let root = dir.path();
    let old_first = "2月27日下午，广西对口支援我市的两辆负压救护车抵达十堰。";
    // A hand-made file: markers, but no zh record for ¶1.
    write(
        root,
        &translation_path(),
        &format!(
            "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n<!-- ¶1 {} -->\nFirst.\n",
            fingerprint(old_first)
        ),
    );
    let new_first = "2月27日下午，广西对口支援我市的两辆负压救护车当天抵达十堰。";
    write(root, &format!("content/{ID}.md"), &ARTICLE.replace(old_first, new_first));
    let path = translation_path();
    let unrecorded = format!(
        "warning: {path}:7: ¶1 is stale: the source changed since it was translated\n  was: (not recorded: source fingerprint {}; see `git log -p content/{ID}.md`)\n  now: {new_first}\n",
        fingerprint(old_first)
    );
    duizhao(root).arg("check").assert().stderr(predicate::str::contains(unrecorded));

    // The old text committed, then changed in the work tree: git has it.
    write(root, &format!("content/{ID}.md"), ARTICLE);
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "first"]);
    write(root, &format!("content/{ID}.md"), &ARTICLE.replace(old_first, new_first));
    let recovered = format!(
        "warning: {path}:7: ¶1 is stale: the source changed since it was translated\n  was: {old_first}\n  now: {new_first}\n"
    );
    duizhao(root).args(["check", "--strict"]).assert().code(1).stderr(predicate::str::contains(&recovered));
    duizhao(root).arg("status").assert().success().stderr(predicate::str::contains(&recovered));
}

#[test]
fn a_reviewed_block_is_stale_once_its_chinese_changes_and_unreviewed_after_accept() {
    let dir = edition();
    let root = dir.path();
    let path = translation_path();
    duizhao(root).args(["translate", ID]).assert().success();
    let old = "2月27日下午，广西对口支援我市的两辆负压救护车抵达十堰。";
    let mark = format!("<!-- reviewed {} -->", fingerprint(old));
    fill(root, &path, 1, &format!("{mark}\nTwo ambulances arrived in Shiyan."));
    let json = status_json(root);
    assert_eq!(
        (&json["articles"][0]["translated"], &json["articles"][0]["reviewed"]),
        (&1.into(), &1.into())
    );

    // The editor changes ¶1: stale beats reviewed, and both commands say so.
    let new = old.replace("抵达十堰。", "当天抵达十堰。");
    write(root, &format!("content/{ID}.md"), &ARTICLE.replace(old, &new));
    let stale = format!(
        "warning: {path}:12: ¶1 is stale: the source changed since it was translated\n  was: {old}\n  now: {new}\n  no longer reviewed: its `<!-- reviewed … -->` mark is for the old Chinese\n"
    );
    duizhao(root).arg("check").assert().stderr(predicate::str::contains(&stale));
    duizhao(root).arg("status").assert().success().stderr(predicate::str::contains(&stale)).stdout(
        predicate::str::contains(
            "2020-02-27-guang-xi-juan-zeng         0/3         0        2      1    0.0%\n",
        ),
    );

    // The translator accepts the new Chinese: translated, but not reviewed
    // until someone checks it again and renews the mark.
    duizhao(root).args(["translate", ID, "--accept", "1"]).assert().success();
    let json = status_json(root);
    assert_eq!(
        (&json["articles"][0]["translated"], &json["articles"][0]["reviewed"]),
        (&1.into(), &0.into())
    );
    let expired = format!(
        "warning: {path}:12: ¶1 is no longer reviewed: it was reviewed against Chinese of fingerprint {}, which has changed since\n  review the English again, then write `<!-- reviewed {} -->` in its slot\n",
        fingerprint(old),
        fingerprint(&new)
    );
    duizhao(root).arg("check").assert().stderr(predicate::str::contains(&expired));
    let text = read(root, &path).replace(&mark, &format!("<!-- reviewed {} -->", fingerprint(&new)));
    write(root, &path, &text);
    assert_eq!(status_json(root)["articles"][0]["reviewed"], 1);
    duizhao(root).arg("check").assert().stderr(predicate::str::contains("reviewed").not());
}

#[test]
fn review_marks_blocks_refuses_empty_and_stale_ones_and_the_mark_expires_with_the_chinese() {
    let dir = edition();
    let root = dir.path();
    let path = translation_path();
    duizhao(root).args(["review", ID, "--all"]).assert().code(2).stderr(predicate::str::contains(format!(
        "error: {path} does not exist: there is no English to review"
    )));
    duizhao(root).args(["translate", ID]).assert().success();
    fill(root, &path, 1, "Two ambulances arrived in Shiyan.");
    fill(root, &path, 3, "<!-- review: check it -->\nThe ambulances went into service.");
    let before = read(root, &path);

    // Named blocks that cannot be marked: each said, nothing written.
    duizhao(root).args(["review", ID, "--blocks", "1-3"]).assert().code(1).stderr(
        predicate::str::contains(format!("{path}: ¶2 not marked reviewed: it has no English yet\n")).and(
            predicate::str::contains(format!(
                "{path}: ¶3 not marked reviewed: it still has review flags: check them and delete its `<!-- review: … -->` lines first\n"
            )),
        ),
    );
    assert_eq!(read(root, &path), before);
    duizhao(root).args(["review", ID, "--blocks", "4"]).assert().code(2).stderr(predicate::str::contains(
        "--blocks 4: give block numbers between 1 and 3, or ranges of them (as in 3,5-7)",
    ));

    // ¶1 marked with its fingerprint, through the one writer; twice changes nothing.
    let old = "2月27日下午，广西对口支援我市的两辆负压救护车抵达十堰。";
    duizhao(root)
        .args(["review", ID, "--blocks", "¶1"])
        .assert()
        .success()
        .stdout(format!("updated {path}: marked reviewed ¶1\n"));
    assert_eq!(
        read(root, &path),
        before.replace(
            "\nTwo ambulances",
            &format!("\n<!-- reviewed {} -->\nTwo ambulances", fingerprint(old))
        )
    );
    duizhao(root).args(["review", ID, "--all"]).assert().success().stdout(format!(
        "unchanged {path}: marked reviewed ¶1\n  not marked ¶2: it has no English yet\n  not marked ¶3: it still has review flags: check them and delete its `<!-- review: … -->` lines first\n"
    ));
    assert_eq!(status_json(root)["articles"][0]["reviewed"], 1);

    // The Chinese changes: stale, and a stale block is not marked.
    let new = old.replace("抵达十堰。", "当天抵达十堰。");
    write(root, &format!("content/{ID}.md"), &ARTICLE.replace(old, &new));
    assert_eq!(status_json(root)["articles"][0]["reviewed"], 0);
    duizhao(root).args(["review", ID, "--blocks", "1"]).assert().code(1).stderr(predicate::str::contains(
        format!("¶1 not marked reviewed: its English was made from older Chinese (stale): revise it, then accept it with `duizhao translate {ID} --accept 1`"),
    ));
    duizhao(root).args(["translate", ID, "--accept", "1"]).assert().success();
    duizhao(root).args(["review", ID, "--blocks", "1"]).assert().success();
    assert_eq!(status_json(root)["articles"][0]["reviewed"], 1);
    assert!(read(root, &path).contains(&format!("<!-- reviewed {} -->", fingerprint(&new))));
}
