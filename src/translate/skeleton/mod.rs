//! Writing and updating a translation file's text: an [`Article`] and the
//! file's current text (if any) in, the new text and a report out. Pure: no
//! I/O, so every rule below is unit-tested.
//!
//! The rules, in order:
//! 1. a slot whose fingerprint matches its own block stays there;
//! 2. a slot whose fingerprint matches another, unclaimed block moves there
//!    (a block was inserted or removed above it): the number changes, the
//!    fingerprint does not;
//! 3. any other slot with something in it keeps its own number if that block
//!    is unclaimed: its fingerprint stays old, so it reads as stale;
//! 4. what is left with something in it goes, escaped, into an "orphaned"
//!    comment at the end of the file: no line a translator wrote is dropped;
//! 5. each block without a slot gets a new, empty one;
//! 6. `--accept` re-marks the named blocks with the current fingerprint.
//!
//! The front matter and the lines before the first marker are kept as they are.

mod assign;
mod old;
mod replace;
mod review;
mod write;

use crate::error::{Error, Result};
use crate::model::{Article, BlockNo, Translation, reviewed_comment, source_comment, split_front_matter};
use assign::{assign, orphans, slot_outs};
use old::OldFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use write::{HELP, SlotOut, new_front_matter, render};

pub use replace::replace;

/// The first line of a comment that keeps a translation whose block is gone.
pub const ORPHAN_PREFIX: &str = "<!-- orphaned translation of";

/// Which blocks' translations the translator declares current again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Accept {
    #[default]
    Nothing,
    All,
    Blocks(BTreeSet<usize>),
}

impl Accept {
    fn covers(&self, no: BlockNo) -> bool {
        match self {
            Accept::Nothing => false,
            Accept::All => true,
            Accept::Blocks(set) => set.contains(&no.0),
        }
    }
}

/// What an update did, for the message `translate` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The file did not exist.
    pub created: bool,
    /// The file had no markers and now has them.
    pub converted: bool,
    /// Blocks given a new, empty slot (not counting a new file's).
    pub added: Vec<BlockNo>,
    /// Slots renumbered because their source text moved: (was, now).
    pub moved: Vec<(BlockNo, BlockNo)>,
    /// Blocks whose translation was made from another source text.
    pub stale: Vec<BlockNo>,
    /// Old numbers of slots moved into an orphan comment.
    pub orphaned: Vec<BlockNo>,
    /// Blocks re-marked as current by `--accept`.
    pub accepted: Vec<BlockNo>,
    /// Blocks named by `--accept` that have no translation to accept.
    pub not_accepted: Vec<BlockNo>,
    /// Blocks marked reviewed (see [`Edits::reviewed`]).
    pub reviewed: Vec<BlockNo>,
    /// Blocks named in [`Edits::reviewed`] that could not be marked, and why.
    pub not_reviewed: Vec<(BlockNo, String)>,
    /// Blocks translated (current or stale) after the update.
    pub translated: usize,
    pub blocks: usize,
}

/// What a rewrite changes beyond the update's rules 1–6.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits {
    /// New English per block, replacing the old (see [`replace`]); a
    /// replaced block's reviewed mark goes, unless `reviewed` names it.
    pub texts: BTreeMap<BlockNo, String>,
    /// Blocks to mark `<!-- reviewed <fingerprint> -->` against their
    /// current Chinese: only blocks with current English and no review
    /// flags are marked; the others are listed in [`Report::not_reviewed`].
    pub reviewed: BTreeSet<BlockNo>,
    /// New English headlines, by front matter key (`title`, `subtitle`,
    /// `kicker`), each written over its line (see [`replace`]).
    pub headlines: BTreeMap<String, String>,
}

/// The text of a new translation file for `article`.
pub fn skeleton(article: &Article) -> String {
    let blocks: Vec<SlotOut<'_>> = article.blocks.iter().map(|_| SlotOut::Fresh).collect();
    render(&new_front_matter(article), &[HELP], article, &blocks, &[])
}

/// Updates `old` (the current text of `path`) to fit `article`; see the
/// module's rules. Errors if the old file does not parse: it is then left
/// for a human, never rewritten.
pub fn update(article: &Article, path: &Path, old: &str, accept: &Accept) -> Result<(String, Report)> {
    update_replacing(article, path, old, accept, &Edits::default())
}

/// [`update`] with `edits`: the English of some blocks replaced, some
/// blocks marked reviewed (`xliff import`, `review`).
pub fn edit(article: &Article, path: &Path, old: &str, edits: &Edits) -> Result<(String, Report)> {
    update_replacing(article, path, old, &Accept::Nothing, edits)
}

/// [`update`], then the English of each block of `edits.texts` replaced
/// (see [`replace`]) and the blocks of `edits.reviewed` marked: the one
/// path by which `translate`, `review` and `xliff import` rewrite a
/// translation file.
fn update_replacing(
    article: &Article,
    path: &Path,
    old: &str,
    accept: &Accept,
    edits: &Edits,
) -> Result<(String, Report)> {
    let translation = Translation::parse(path, old)?;
    let (front, body, _) = split_front_matter(path, old)?;
    let current: Vec<String> = article.blocks.iter().map(|b| b.fingerprint()).collect();
    let OldFile { preamble, slots: olds, mut trailing } = OldFile::read(&translation, body, &current);
    let mut report = Report { converted: !translation.marked, ..Report::default() };
    let placing = assign(&olds, &current, &mut report);
    trailing.extend(orphans(&olds, &placing.placed, &mut report));
    let marks: Vec<String> = current.iter().map(|fp| reviewed_comment(fp)).collect();
    let mut slots = slot_outs(article, &olds, &placing.owner, &current, accept, &mut report);
    replace::apply(article, &mut slots, &current, &edits.texts);
    review::apply(article, &mut slots, &marks, &edits.reviewed, &mut report);
    report.blocks = article.blocks.len();
    let front = replace::headlines(path, front, &edits.headlines)?;
    let text = render(&front, &preamble, article, &slots, &trailing);
    Ok((text, report))
}

/// The text of a translation file for `article` whose slot `k` holds the
/// lines `contents[k]` (as `duizhao align` decided them), each slot marked
/// with its block's current fingerprint and Chinese. With `old` (the current
/// text of `path`), the old front matter and comment lines before the first
/// slot are kept, and every old slot with content goes into an orphan comment
/// at the end (rule 4): nothing the translator wrote is lost.
pub fn fill(article: &Article, path: &Path, old: Option<&str>, contents: &[Vec<String>]) -> Result<String> {
    let slots: Vec<SlotOut<'_>> = article
        .blocks
        .iter()
        .enumerate()
        .map(|(k, block)| SlotOut::Kept {
            fingerprint: Some(block.fingerprint()),
            zh_line: Some(source_comment(&block.markdown)),
            content: contents.get(k).map(|c| c.iter().map(String::as_str).collect()).unwrap_or_default(),
        })
        .collect();
    let Some(old) = old else {
        return Ok(render(&new_front_matter(article), &[HELP], article, &slots, &[]));
    };
    let translation = Translation::parse(path, old)?;
    let (front, body, _) = split_front_matter(path, old)?;
    let current: Vec<String> = article.blocks.iter().map(|b| b.fingerprint()).collect();
    let OldFile { preamble, slots: olds, mut trailing } = OldFile::read(&translation, body, &current);
    let mut report = Report::default();
    trailing.extend(orphans(&olds, &vec![false; olds.len()], &mut report));
    Ok(render(front, &preamble, article, &slots, &trailing))
}

/// Parses `--accept` values: block numbers (`3`, `¶3`) or `all`.
pub fn parse_accept(values: &[String], blocks: usize) -> Result<Accept> {
    if values.is_empty() {
        return Ok(Accept::Nothing);
    }
    let mut set = BTreeSet::new();
    for value in values {
        let v = value.trim();
        if v.eq_ignore_ascii_case("all") {
            return Ok(Accept::All);
        }
        let number = v.trim_start_matches('¶').parse::<usize>().ok();
        match number {
            Some(no) if (1..=blocks).contains(&no) => {
                set.insert(no);
            }
            _ => {
                return Err(Error::Other(format!(
                    "--accept {v}: give block numbers between 1 and {blocks} (as in ¶3), or `all`"
                )));
            }
        }
    }
    Ok(Accept::Blocks(set))
}

/// Parses block lists: numbers and ranges (`3`, `¶3`, `5-7`, `5–7`) of
/// blocks 1 to `blocks`; `flag` names the option in errors.
pub fn parse_blocks(values: &[String], blocks: usize, flag: &str) -> Result<BTreeSet<BlockNo>> {
    let bad = |v: &str| {
        Error::Other(format!(
            "{flag} {v}: give block numbers between 1 and {blocks}, or ranges of them (as in 3,5-7)"
        ))
    };
    let number =
        |v: &str| v.trim().trim_start_matches('¶').parse::<usize>().ok().filter(|n| (1..=blocks).contains(n));
    let mut set = BTreeSet::new();
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        let (a, b) = value.split_once(['-', '–']).unwrap_or((value, value));
        let (first, last) = (number(a).ok_or_else(|| bad(value))?, number(b).ok_or_else(|| bad(value))?);
        if first > last {
            return Err(bad(value));
        }
        set.extend((first..=last).map(BlockNo));
    }
    Ok(set)
}

#[cfg(test)]
mod tests;
