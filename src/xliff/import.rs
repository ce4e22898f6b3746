//! Deciding what an XLIFF file changes in one article: its `<file>` (as
//! [`super::read`] gives it) and the article paired with its translation
//! in, the new English per block and the refused units out. Pure: the
//! command writes through [`crate::translate::replace`].
//!
//! The rules: a unit whose source's fingerprint is not its block's current
//! one is refused (the Chinese changed since the export); a unit without a
//! target, or with an empty one, never deletes English; a target equal to
//! the block's English (white space at the ends aside) changes nothing.

use super::read::{Unit, XliffFile};
use crate::error::{Error, Result};
use crate::model::{BlockNo, fingerprint};
use crate::pair::{AlignedArticle, BlockStatus};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What the units of one `<file>` do to its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The new English of each block whose target changed.
    pub changes: BTreeMap<BlockNo, String>,
    /// The unit (id, line) of each change and each block to mark
    /// reviewed, for messages.
    pub changed_units: BTreeMap<BlockNo, (String, usize)>,
    /// Blocks whose unit's state is `reviewed` and which are not marked
    /// so yet (or whose English changed).
    pub reviewed: BTreeSet<BlockNo>,
    /// The new English of each headline (`title`, …) whose target changed.
    pub headlines: BTreeMap<String, String>,
    pub unchanged: usize,
    /// Units without a target whose block has English: it stays.
    pub kept: usize,
    /// Units without a target whose block has no English either.
    pub untranslated: usize,
    pub refused: Vec<Refusal>,
}

/// A unit not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub unit: String,
    pub line: usize,
    pub why: String,
}

impl Plan {
    /// Whether the plan writes anything.
    pub fn writes(&self) -> bool {
        !(self.changes.is_empty() && self.reviewed.is_empty() && self.headlines.is_empty())
    }
}

/// The plan of `file` (from the XLIFF document `xlf`) for `article`.
/// Errors on a unit id duizhao did not write.
pub fn plan(xlf: &Path, file: &XliffFile, article: &AlignedArticle) -> Result<Plan> {
    let mut plan = Plan::default();
    let headlines = super::write::headlines(article);
    for unit in &file.units {
        if let Some((field, zh, en)) = headlines.iter().find(|h| h.0 == unit.id) {
            headline(&mut plan, unit, field, zh, en);
            continue;
        }
        let Some(no) = unit.id.strip_prefix('p').and_then(|n| n.parse::<usize>().ok()).filter(|n| *n > 0)
        else {
            return Err(Error::at(
                xlf,
                unit.line,
                format!(
                    "unit \"{}\" of file \"{}\": not a unit id duizhao writes (p1, p2, …, one per block)",
                    unit.id, file.id
                ),
            ));
        };
        let refuse = |why: String| Refusal { unit: unit.id.clone(), line: unit.line, why };
        let Some(row) = article.rows.get(no - 1) else {
            plan.refused.push(refuse(format!(
                "the article has no ¶{no} any more (it has {} blocks): export again",
                article.rows.len()
            )));
            continue;
        };
        let now = row.zh.fingerprint();
        if fingerprint(&unit.source) != now {
            plan.refused.push(refuse(format!(
                "the Chinese of ¶{no} changed since the export (fingerprint {now} now): export again and carry this unit's English over"
            )));
            continue;
        }
        decide(&mut plan, unit, BlockNo(no), row.en.as_deref().unwrap_or_default(), refuse);
        let changed = plan.changes.contains_key(&BlockNo(no));
        let has_english = changed || !row.en.as_deref().unwrap_or_default().is_empty();
        if unit.reviewed && has_english && (changed || row.block_status != BlockStatus::Reviewed) {
            plan.reviewed.insert(BlockNo(no));
            plan.changed_units.insert(BlockNo(no), (unit.id.clone(), unit.line));
        }
    }
    Ok(plan)
}

/// The rules of a block's unit, for a headline's: refused if its Chinese
/// changed, applied if its target is new and not empty.
fn headline(plan: &mut Plan, unit: &Unit, field: &str, zh: &str, en: &str) {
    let target = unit.target.as_deref().map_or("", str::trim);
    if fingerprint(&unit.source) != fingerprint(zh) {
        plan.refused.push(Refusal {
            unit: unit.id.clone(),
            line: unit.line,
            why: format!("the Chinese {field} changed since the export (it is now {zh}): export again and carry this unit's English over"),
        });
    } else if target.is_empty() {
        if en.trim().is_empty() {
            plan.untranslated += 1;
        } else {
            plan.kept += 1;
        }
    } else if target == en.trim() {
        plan.unchanged += 1;
    } else {
        plan.headlines.insert(field.to_string(), target.to_string());
    }
}

/// Rules for a unit whose Chinese is current, against the block's English.
fn decide(plan: &mut Plan, unit: &Unit, no: BlockNo, english: &str, refuse: impl Fn(String) -> Refusal) {
    let target = unit.target.as_deref().map_or("", str::trim);
    if target.is_empty() {
        if english.is_empty() {
            plan.untranslated += 1;
        } else {
            plan.kept += 1;
        }
    } else if target == english {
        plan.unchanged += 1;
    } else if let Some(line) = target.lines().find(|l| l.trim_start().starts_with("<!")) {
        plan.refused.push(refuse(format!(
            "a line of its English opens like a comment (`{}`), which the translation file would not read as text",
            line.trim()
        )));
    } else {
        plan.changes.insert(no, target.to_string());
        plan.changed_units.insert(no, (unit.id.clone(), unit.line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Translation};

    fn article() -> AlignedArticle {
        let zh = "+++\ntitle = \"标题\"\nsource = \"s\"\n+++\n\n第一段。\n\n第二段。\n\n第三段。\n";
        let article = Article::parse(Path::new("content/2020-01-01-a.md"), zh).unwrap();
        let fp = article.blocks[0].fingerprint();
        let text = format!(
            "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n<!-- ¶1 {fp} -->\nOne.\n"
        );
        let translation = Translation::parse(Path::new("translations/en/2020-01-01-a.md"), &text).unwrap();
        crate::pair::pair(article, Some(translation))
    }

    fn unit(id: &str, source: &str, target: Option<&str>) -> Unit {
        Unit {
            id: id.into(),
            line: 7,
            source: source.into(),
            target: target.map(Into::into),
            reviewed: false,
        }
    }

    #[test]
    fn only_changed_targets_of_current_units_are_applied() {
        let file = XliffFile {
            id: "2020-01-01-a".into(),
            line: 2,
            units: vec![
                unit("p1", "第一段。", Some("  One.\n")),
                unit("p2", "第二段。", Some("Two.")),
                unit("p3", "第三段 changed。", Some("Three.")),
                unit("p4", "第四段。", Some("Four.")),
            ],
        };
        let plan = plan(Path::new("x.xlf"), &file, &article()).unwrap();
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.changes, BTreeMap::from([(BlockNo(2), "Two.".to_string())]));
        let refused: Vec<&str> = plan.refused.iter().map(|r| r.unit.as_str()).collect();
        assert_eq!(refused, ["p3", "p4"]);
        assert!(plan.refused[0].why.starts_with("the Chinese of ¶3 changed since the export"));
    }

    #[test]
    fn an_empty_target_never_deletes_english() {
        let file = XliffFile {
            id: "a".into(),
            line: 2,
            units: vec![
                unit("p1", "第一段。", None),
                unit("p2", "第二段。", Some(" ")),
                unit("p3", "第三段。", Some("<!-- x -->")),
            ],
        };
        let plan = plan(Path::new("x.xlf"), &file, &article()).unwrap();
        assert_eq!((plan.kept, plan.untranslated, plan.changes.len()), (1, 1, 0));
        assert!(plan.refused[0].why.contains("opens like a comment"));
        let bad = XliffFile { id: "a".into(), line: 2, units: vec![unit("x1", "第一段。", None)] };
        let err = super::plan(Path::new("x.xlf"), &bad, &article()).unwrap_err().to_string();
        assert!(err.starts_with("x.xlf:7: unit \"x1\" of file \"a\": not a unit id"), "{err}");
    }
}
