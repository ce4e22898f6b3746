use super::*;
use crate::model::{fingerprint, unescape_comment};
use crate::pair::{RowStatus, pair};

const PATH: &str = "translations/en/a.md";

fn article(body: &str) -> Article {
    let text = format!("+++\ntitle = \"标题\"\nkicker = \"引题\"\nsource = \"s\"\n+++\n\n{body}");
    Article::parse(Path::new("content/a.md"), &text).unwrap()
}

fn parse(text: &str) -> Translation {
    Translation::parse(Path::new(PATH), text).unwrap()
}

/// Fills slot `no` of `text` with `english`.
fn fill(text: &str, no: usize, english: &str) -> String {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push(line.to_string());
        if line.starts_with(&format!("<!-- ¶{no} ")) {
            out.push(lines.next().unwrap().to_string()); // the zh line
            out.push(english.to_string());
        }
    }
    out.join("\n") + "\n"
}

/// Every line the translator wrote in `old` is somewhere in `new`.
fn assert_nothing_lost(old: &str, new: &str, lines: &[&str]) {
    for line in lines {
        assert!(old.contains(line), "test setup: {line:?} not in old");
        assert!(new.contains(line) || unescape_comment(new).contains(line), "lost {line:?}:\n{new}");
    }
}

fn statuses(article: &Article, text: &str) -> Vec<RowStatus> {
    pair(article.clone(), Some(parse(text))).rows.into_iter().map(|r| r.status).collect()
}

#[test]
fn skeleton_has_one_marked_slot_per_block() {
    let a = article("第一段。\n\n## 小标题\n\n第三段，\n两行。\n");
    let text = skeleton(&a);
    assert!(text.contains("# zh: 标题\ntitle = \"\"\n# zh: 引题\nkicker = \"\"\n"));
    assert!(!text.contains("subtitle"));
    assert!(text.contains(&format!(
        "<!-- ¶3 {} -->\n<!-- zh: 第三段， 两行。 -->\n",
        fingerprint("第三段，\n两行。")
    )));
    let t = parse(&text);
    assert!(t.marked);
    assert_eq!(t.front.title, "");
    assert_eq!(t.slots.len(), 3);
    for (slot, block) in t.slots.iter().zip(&a.blocks) {
        assert_eq!(slot.block, Some(block.no));
        assert_eq!(slot.fingerprint.as_deref(), Some(block.fingerprint().as_str()));
        assert_eq!(slot.text, "");
        assert_eq!(fingerprint(slot.source_text.as_deref().unwrap()), block.fingerprint());
    }
    assert!(statuses(&a, &text).iter().all(|s| *s == RowStatus::Missing));
    // Rewriting an untouched skeleton changes nothing.
    let (again, report) = update(&a, Path::new(PATH), &text, &Accept::Nothing).unwrap();
    assert_eq!(again, text);
    assert_eq!(report.added, []);
}

#[test]
fn a_changed_block_keeps_its_text_and_old_marker_and_reads_as_stale() {
    let a = article("第一段。\n\n第二段。\n");
    let old = fill(&fill(&skeleton(&a), 1, "First."), 2, "Second.");
    let b = article("第一段。\n\n第二段改了。\n\n第三段。\n");
    let (new, report) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
    assert_nothing_lost(&old, &new, &["First.", "Second.", "<!-- zh: 第二段。 -->"]);
    assert!(new.contains(&format!("<!-- ¶2 {} -->", fingerprint("第二段。"))));
    assert_eq!(report.stale, [BlockNo(2)]);
    assert_eq!(report.added, [BlockNo(3)]);
    let s = statuses(&b, &new);
    assert_eq!(s[0], RowStatus::Translated);
    assert_eq!(s[1], RowStatus::Stale { was: fingerprint("第二段。"), was_text: Some("第二段。".into()) });
    assert_eq!(s[2], RowStatus::Missing);

    // Accepting re-marks it, with the new source recorded.
    let accept = parse_accept(&["2".into()], 3).unwrap();
    let (accepted, report) = update(&b, Path::new(PATH), &new, &accept).unwrap();
    assert_eq!(report.accepted, [BlockNo(2)]);
    assert!(accepted.contains("<!-- zh: 第二段改了。 -->\nSecond.\n"));
    assert_eq!(statuses(&b, &accepted)[1], RowStatus::Translated);
}

#[test]
fn inserted_and_removed_blocks_move_translations_and_orphan_nothing_silently() {
    let a = article("一。\n\n二。\n\n三。\n\n四。\n");
    let mut old = skeleton(&a);
    for (no, en) in [(1, "One."), (2, "Two."), (3, "Three."), (4, "Four.")] {
        old = fill(&old, no, en);
    }
    // 二 removed, 新 inserted after 三, 四 changed.
    let b = article("一。\n\n三。\n\n新。\n\n四改。\n");
    let (new, report) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
    assert_nothing_lost(&old, &new, &["One.", "Two.", "Three.", "Four."]);
    assert_eq!(report.moved, [(BlockNo(3), BlockNo(2))]);
    assert_eq!(report.added, [BlockNo(3)]);
    assert_eq!(report.stale, [BlockNo(4)]);
    assert_eq!(report.orphaned, [BlockNo(2)]);
    let s = statuses(&b, &new);
    assert_eq!(s[0], RowStatus::Translated);
    assert_eq!(s[1], RowStatus::Translated);
    assert_eq!(s[2], RowStatus::Missing);
    assert!(matches!(s[3], RowStatus::Stale { .. }));
    // The orphan is a comment: not text of the last slot.
    assert_eq!(parse(&new).slots[3].text, "Four.");
    assert!(new.contains("<!-- orphaned translation of ¶2 "));
    // And it survives the next update exactly once.
    let (again, _) = update(&b, Path::new(PATH), &new, &Accept::Nothing).unwrap();
    assert_eq!(again, new);
    assert_eq!(again.matches("orphaned translation").count(), 1);
}

#[test]
fn a_shorter_article_orphans_the_tail_and_a_duplicate_marker_is_kept() {
    let a = article("一。\n\n二。\n");
    let old = fill(&fill(&skeleton(&a), 1, "One."), 2, "Two.")
        + &format!("\n<!-- ¶1 {} -->\nOne again.\n", fingerprint("一。"));
    let b = article("一。\n");
    let (new, report) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
    assert_nothing_lost(&old, &new, &["One.", "Two.", "One again."]);
    assert_eq!(report.orphaned, [BlockNo(2), BlockNo(1)]);
    assert_eq!(parse(&new).slots.len(), 1);
}

#[test]
fn translator_comments_and_front_matter_are_kept() {
    let a = article("一。\n\n二。\n");
    let old = skeleton(&a)
        .replacen("title = \"\"", "title = \"Title\"\nnotes = \"n\"", 1)
        .replace("<!-- zh: 二。 -->\n", "<!-- zh: 二。 -->\n<!-- ask about this -->\n");
    let b = article("一改。\n\n二。\n");
    let (new, _) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
    assert!(new.contains("title = \"Title\"\nnotes = \"n\"\n"));
    assert!(new.contains("<!-- zh: 二。 -->\n<!-- ask about this -->\n"));
    // ¶1 was empty: it simply follows the new source.
    assert!(new.contains(&format!("<!-- ¶1 {} -->\n<!-- zh: 一改。 -->", fingerprint("一改。"))));
}

#[test]
fn an_unmarked_file_gets_markers_in_order() {
    let a = article("一。\n\n二。\n\n三。\n");
    let old = "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"reviewed\"\n+++\n\n<!-- note -->\nOne.\n\nTwo\nwrapped.\n";
    let (new, report) = update(&a, Path::new(PATH), old, &Accept::Nothing).unwrap();
    assert!(report.converted);
    assert_eq!(report.added, [BlockNo(3)]);
    assert_nothing_lost(old, &new, &["<!-- note -->", "One.", "Two\nwrapped."]);
    let t = parse(&new);
    assert!(t.marked);
    assert_eq!(t.slots[1].text, "Two\nwrapped.");
    assert_eq!(statuses(&a, &new), [RowStatus::Translated, RowStatus::Translated, RowStatus::Missing]);
}

#[test]
fn a_file_that_does_not_parse_is_not_rewritten() {
    let a = article("一。\n");
    let err = update(&a, Path::new(PATH), "+++\ntitle = \n+++\nx\n", &Accept::Nothing).unwrap_err();
    assert!(err.to_string().starts_with("translations/en/a.md:2:"), "{err}");
}

#[test]
fn accept_values() {
    assert_eq!(parse_accept(&[], 3).unwrap(), Accept::Nothing);
    assert_eq!(parse_accept(&["all".into()], 3).unwrap(), Accept::All);
    assert_eq!(parse_accept(&["¶1".into(), "3".into()], 3).unwrap(), Accept::Blocks([1, 3].into()));
    assert!(parse_accept(&["4".into()], 3).is_err());
    assert!(parse_accept(&["x".into()], 3).is_err());
}
