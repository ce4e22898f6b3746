//! Marking blocks reviewed (`duizhao review`, and `xliff import` of a unit
//! whose state is `reviewed`): the slots as the update decided them and the
//! blocks to mark in; out, each block whose English is current and settled
//! given `<!-- reviewed <fingerprint> -->` (an old mark replaced), and for
//! each other block why not, in the report.

use super::Report;
use super::write::SlotOut;
use crate::model::{
    Article, Block, BlockNo, Slot, parse_joined_comment, parse_review_comment, parse_reviewed_comment,
    strip_comments,
};
use crate::pair::{BlockStatus, block_status};
use std::collections::BTreeSet;

/// Marks each block of `blocks` whose slot can be marked; `marks[k]` is the
/// mark line of block k+1 (its current fingerprint).
pub(super) fn apply<'s>(
    article: &Article,
    slots: &mut [SlotOut<'s>],
    marks: &'s [String],
    blocks: &BTreeSet<BlockNo>,
    report: &mut Report,
) {
    for (k, (block, slot)) in article.blocks.iter().zip(slots.iter_mut()).enumerate() {
        if !blocks.contains(&block.no) {
            continue;
        }
        if let Some(why) = why_not(block, slot) {
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

/// Why a slot cannot be marked reviewed; `None` when it can: its English
/// must be its own and current and settled, as [`block_status`] decides.
fn why_not(block: &Block, slot: &SlotOut<'_>) -> Option<String> {
    let SlotOut::Kept { fingerprint, content, .. } = slot else {
        return Some("it has no English yet".into());
    };
    let slot = Slot {
        block: Some(block.no),
        fingerprint: fingerprint.clone(),
        text: strip_comments(&content.join("\n")).trim().to_string(),
        source_text: None,
        line: 0,
        joined_to: content.iter().find_map(|l| parse_joined_comment(l)),
        review: content.iter().filter_map(|l| parse_review_comment(l)).collect(),
        reviewed: None,
    };
    if let Some(to) = slot.joined_to.filter(|_| slot.text.is_empty()) {
        return Some(format!("it has no English of its own: it is joined to {to}, review that block"));
    }
    match block_status(block, Some(&slot)) {
        BlockStatus::Initial => Some("it has no English yet".into()),
        BlockStatus::Stale => Some(format!(
            "its English was made from older Chinese (stale): revise it, then accept it with `duizhao translate <id> --accept {}`",
            block.no.0
        )),
        BlockStatus::Draft => Some(
            "it still has review flags: check them and delete its `<!-- review: … -->` lines first".into(),
        ),
        BlockStatus::Translated | BlockStatus::Reviewed => None,
    }
}
