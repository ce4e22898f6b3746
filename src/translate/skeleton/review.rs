//! Marking blocks reviewed (`duizhao review`, and `xliff import` of a unit
//! whose state is `reviewed`): the slots as the update decided them and the
//! blocks to mark in; out, each block whose English is current and settled
//! given `<!-- reviewed <fingerprint> -->` (an old mark replaced), and for
//! each other block why not, in the report.

use super::Report;
use super::write::SlotOut;
use crate::model::{
    Article, BlockNo, parse_joined_comment, parse_review_comment, parse_reviewed_comment, strip_comments,
};
use std::collections::BTreeSet;

/// Marks each block of `blocks` whose slot can be marked; `marks[k]` is the
/// mark line of block k+1 (its current fingerprint).
pub(super) fn apply<'s>(
    article: &Article,
    slots: &mut [SlotOut<'s>],
    current: &[String],
    marks: &'s [String],
    blocks: &BTreeSet<BlockNo>,
    report: &mut Report,
) {
    for (k, (block, slot)) in article.blocks.iter().zip(slots.iter_mut()).enumerate() {
        if !blocks.contains(&block.no) {
            continue;
        }
        if let Some(why) = why_not(slot, &current[k], block.no) {
            report.not_reviewed.push((block.no, why));
            continue;
        }
        if let SlotOut::Kept { content, .. } = slot {
            content.retain(|l| parse_reviewed_comment(l).is_none());
            content.insert(0, &marks[k]);
        }
        report.reviewed.push(block.no);
    }
}

/// Why a slot cannot be marked reviewed; `None` when it can.
fn why_not(slot: &SlotOut<'_>, current: &str, no: BlockNo) -> Option<String> {
    let SlotOut::Kept { fingerprint, content, .. } = slot else {
        return Some("it has no English yet".into());
    };
    let text = strip_comments(&content.join("\n"));
    if text.trim().is_empty() {
        if let Some(to) = content.iter().find_map(|l| parse_joined_comment(l)) {
            return Some(format!("it has no English of its own: it is joined to {to}, review that block"));
        }
        return Some("it has no English yet".into());
    }
    if fingerprint.as_deref() != Some(current) {
        return Some(format!(
            "its English was made from older Chinese (stale): revise it, then accept it with `duizhao translate <id> --accept {}`",
            no.0
        ));
    }
    if content.iter().any(|l| parse_review_comment(l).is_some()) {
        return Some(
            "it still has review flags: check them and delete its `<!-- review: … -->` lines first".into(),
        );
    }
    None
}
