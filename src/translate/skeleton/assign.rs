//! Which old slot each block gets (the module's rules 1–6): the old slots
//! and the blocks' current fingerprints in, each block's slot as it will be
//! written and the orphaned slots out, with what happened in the report.

use super::old::OldSlot;
use super::write::{SlotOut, orphan_comment};
use super::{Accept, Report};
use crate::model::{Article, BlockNo, source_comment};

/// Rules 1–3: for each block, the old slot it owns; for each old slot,
/// whether a block took it.
pub(super) struct Placing {
    pub(super) owner: Vec<Option<usize>>,
    pub(super) placed: Vec<bool>,
}

/// Rules 1–3, in order: a slot whose fingerprint matches its own block; one
/// that matches another unclaimed block, the nearest (a move); any other
/// slot with content, at its own number if that block is unclaimed.
pub(super) fn assign(olds: &[OldSlot<'_>], current: &[String], report: &mut Report) -> Placing {
    let n = current.len();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut placed = vec![false; olds.len()];
    let fits = |no: BlockNo| no.0 >= 1 && no.0 <= n;
    for (i, old) in olds.iter().enumerate() {
        let j = old.block.0.wrapping_sub(1);
        if old.has_content()
            && fits(old.block)
            && owner[j].is_none()
            && old.fingerprint.as_ref() == Some(&current[j])
        {
            owner[j] = Some(i);
            placed[i] = true;
        }
    }
    for (i, old) in olds.iter().enumerate() {
        let Some(fp) = old.fingerprint.as_ref().filter(|_| !placed[i] && old.has_content()) else {
            continue;
        };
        let nearest = (0..n)
            .filter(|&j| owner[j].is_none() && &current[j] == fp)
            .min_by_key(|&j| j.abs_diff(old.block.0.wrapping_sub(1)));
        if let Some(j) = nearest {
            owner[j] = Some(i);
            placed[i] = true;
            report.moved.push((old.block, BlockNo(j + 1)));
        }
    }
    for (i, old) in olds.iter().enumerate() {
        let j = old.block.0.wrapping_sub(1);
        if !placed[i] && old.has_content() && fits(old.block) && owner[j].is_none() {
            owner[j] = Some(i);
            placed[i] = true;
        }
    }
    Placing { owner, placed }
}

/// Rule 4: the orphan comments of the slots with content that no block took.
pub(super) fn orphans(olds: &[OldSlot<'_>], placed: &[bool], report: &mut Report) -> Vec<String> {
    let mut comments = Vec::new();
    for (i, old) in olds.iter().enumerate() {
        if !placed[i] && old.has_content() {
            report.orphaned.push(old.block);
            comments.push(orphan_comment(old));
        }
    }
    comments
}

/// Rules 5 and 6: what each block's slot will say.
pub(super) fn slot_outs<'a>(
    article: &Article,
    olds: &[OldSlot<'a>],
    owner: &[Option<usize>],
    current: &[String],
    accept: &Accept,
    report: &mut Report,
) -> Vec<SlotOut<'a>> {
    let mut slots = Vec::with_capacity(article.blocks.len());
    for (j, block) in article.blocks.iter().enumerate() {
        let Some(i) = owner[j] else {
            // An empty slot rewritten as it was is not news.
            let had_slot =
                olds.iter().any(|o| o.block == block.no && o.fingerprint.as_ref() == Some(&current[j]));
            if !had_slot {
                report.added.push(block.no);
            }
            if matches!(accept, Accept::Blocks(_)) && accept.covers(block.no) {
                report.not_accepted.push(block.no);
            }
            slots.push(SlotOut::Fresh);
            continue;
        };
        slots.push(kept_slot(&olds[i], block.no, &current[j], &block.markdown, accept, report));
    }
    slots
}

/// The slot of a block that kept an old one: current if its fingerprint
/// matches, the translator accepted it, or it is empty; stale otherwise.
fn kept_slot<'a>(
    old: &OldSlot<'a>,
    no: BlockNo,
    current: &str,
    markdown: &str,
    accept: &Accept,
    report: &mut Report,
) -> SlotOut<'a> {
    let accepted = accept.covers(no) && old.has_text;
    if accept.covers(no) && !old.has_text && matches!(accept, Accept::Blocks(_)) {
        report.not_accepted.push(no);
    }
    let is_current = old.fingerprint.as_deref() == Some(current);
    // An empty slot has nothing to be stale: give it the current marker.
    let (fingerprint, zh_line) = if is_current || !old.has_text {
        (Some(current.to_string()), Some(source_comment(markdown)))
    } else if accepted {
        report.accepted.push(no);
        (Some(current.to_string()), Some(source_comment(markdown)))
    } else {
        if old.fingerprint.is_some() {
            report.stale.push(no);
        }
        (old.fingerprint.clone(), old.zh_line.map(str::to_string))
    };
    if old.has_text {
        report.translated += 1;
    }
    SlotOut::Kept { fingerprint, zh_line, content: old.content.clone() }
}
