//! The proofreading view of an article's page: the counts by status for
//! its summary, and per row the block's status by
//! [`block_status`](crate::pair::block_status), with a note only where a
//! row has something to say (the alignment's confidence and review flags
//! from the slot's `<!-- review: … -->` lines, the Chinese a stale row was
//! made from).

use crate::pair::{BlockStatus, Row, RowStatus};
use crate::site::assemble::SiteArticle;
use serde::Serialize;

/// `page.proofreading` of `article.html`: the summary of the view.
#[derive(Debug, Serialize)]
pub struct Proofreading {
    /// The translation file, relative to the edition.
    pub file: String,
    /// Blocks by status, one entry per status in the order of [`BlockStatus`].
    pub counts: Vec<StatusCount>,
}

/// A block status with its names, for labels and CSS classes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct StatusLabel {
    /// `initial`, `draft`, `translated`, `reviewed` or `stale`.
    pub name: &'static str,
    /// The Chinese label (`未译`, `草稿`, `已译`, `已校`, `过时`).
    pub zh: &'static str,
    /// The English label.
    pub en: &'static str,
}

/// How many blocks have one status.
#[derive(Debug, Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: StatusLabel,
    /// Blocks with it.
    pub count: usize,
}

/// What the proofreading view says of one row beyond its status.
#[derive(Debug, Default, Serialize)]
pub struct ProofNote {
    /// The lowest alignment confidence its review flags give (`"0.62"`), `null` if none does.
    pub confidence: Option<String>,
    /// The review flags of its blocks' slots (a merged row's later blocks prefixed with their ¶).
    pub flags: Vec<String>,
    /// For a stale row: the Chinese the English was made from, when the slot recorded it.
    pub was: Option<String>,
}

/// The names of a status, as the page shows them.
fn label(status: BlockStatus) -> StatusLabel {
    let (zh, en) = match status {
        BlockStatus::Initial => ("未译", "not translated"),
        BlockStatus::Draft => ("草稿", "draft"),
        BlockStatus::Translated => ("已译", "translated"),
        BlockStatus::Reviewed => ("已校", "reviewed"),
        BlockStatus::Stale => ("过时", "stale"),
    };
    StatusLabel { name: status.name(), zh, en }
}

const ALL: [BlockStatus; 5] = [
    BlockStatus::Initial,
    BlockStatus::Draft,
    BlockStatus::Translated,
    BlockStatus::Reviewed,
    BlockStatus::Stale,
];

impl Proofreading {
    /// The summary of an article with a translation, `None` without one.
    pub(super) fn new(a: &SiteArticle) -> Option<Proofreading> {
        a.aligned.translation.as_ref()?;
        let rows = &a.aligned.rows;
        Some(Proofreading {
            file: a
                .translation_path
                .as_ref()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default(),
            counts: ALL
                .iter()
                .map(|&s| StatusCount {
                    status: label(s),
                    count: rows.iter().filter(|r| r.block_status == s).count(),
                })
                .collect(),
        })
    }
}

impl ProofNote {
    /// The note of one block's row.
    pub(super) fn of(row: &Row) -> ProofNote {
        ProofNote { confidence: confidence(&row.review), flags: row.review.clone(), was: was(row) }
    }

    /// Adds the block `row` that the translator merged into this note's row.
    pub(super) fn join(&mut self, row: &Row) {
        let no = row.zh.no.0;
        self.flags.extend(row.review.iter().map(|f| format!("¶{no}: {f}")));
        self.confidence = lowest(self.confidence.take(), confidence(&row.review));
        self.was = self.was.take().or_else(|| was(row));
    }

    /// Whether the note has anything to say.
    pub(super) fn is_empty(&self) -> bool {
        self.confidence.is_none() && self.flags.is_empty() && self.was.is_none()
    }
}

/// A merged row's status: stale if either is, else the less finished.
pub(super) fn combine(a: BlockStatus, b: BlockStatus) -> BlockStatus {
    if a == BlockStatus::Stale || b == BlockStatus::Stale { BlockStatus::Stale } else { a.min(b) }
}

fn was(row: &Row) -> Option<String> {
    match &row.status {
        RowStatus::Stale { was_text, .. } => was_text.clone(),
        _ => None,
    }
}

/// The lowest confidence that `duizhao align`'s flags state
/// (`aligned with confidence 0.62: …`), as written.
fn confidence(flags: &[String]) -> Option<String> {
    flags
        .iter()
        .filter_map(|f| {
            let rest = f.split("confidence ").nth(1)?;
            let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            number.parse::<f64>().is_ok().then_some(number)
        })
        .fold(None, |low, n| lowest(low, Some(n)))
}

fn lowest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => {
            Some(if b.parse::<f64>().unwrap_or(1.0) < a.parse::<f64>().unwrap_or(1.0) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowest_stated_confidence_is_the_rows() {
        let flags = vec![
            "aligned with confidence 0.87: check that this English renders this block".to_string(),
            "no English paragraph of the translation matched this block".to_string(),
            "aligned with confidence 0.50: check".to_string(),
        ];
        assert_eq!(confidence(&flags).as_deref(), Some("0.50"));
        assert_eq!(confidence(&flags[1..2]), None);
    }

    #[test]
    fn a_merged_row_is_stale_if_one_block_is_else_the_least_finished() {
        assert_eq!(combine(BlockStatus::Reviewed, BlockStatus::Stale), BlockStatus::Stale);
        assert_eq!(combine(BlockStatus::Reviewed, BlockStatus::Translated), BlockStatus::Translated);
        assert_eq!(combine(BlockStatus::Draft, BlockStatus::Reviewed), BlockStatus::Draft);
    }
}
