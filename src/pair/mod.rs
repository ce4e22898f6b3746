//! Pairing: an [`Article`] and its optional [`Translation`] in, an
//! [`AlignedArticle`] out — one row per source block, with the English
//! text that belongs to it and whether it is current.
//!
//! Marked translations pair by marker (`<!-- ¶3 5e0a1c9b -->`); files without
//! markers pair in order. Problems are reported, never fatal: an incomplete
//! translation still renders, with "not yet translated" rows.
//!
//! [`block_status`] is the one rule for a block's status (initial, draft,
//! translated, reviewed, stale). [`diagnostics`] says what `build`, `check` and `status` print about a
//! paired translation; [`history`] finds in git the old source text of a
//! stale block when the slot did not record it.

pub mod diagnostics;
pub mod history;
pub mod status;

pub use diagnostics::translation_diagnostics;
pub use status::{BlockStatus, block_status};

use crate::model::{Article, Block, BlockNo, Translation, TranslationFront};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum RowStatus {
    /// Translated from the current source text (or unmarked, paired by order).
    Translated,
    /// No English for this block yet.
    Missing,
    /// Translated from an older source text whose fingerprint was `was`;
    /// `was_text` is that text, when the slot recorded it (`<!-- zh: … -->`).
    Stale {
        was: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        was_text: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub zh: Block,
    pub en: Option<String>,
    pub status: RowStatus,
    /// Line of the slot in the translation file, for messages.
    pub slot_line: Option<usize>,
    /// The earlier block whose English renders this one too (the
    /// translator merged them: `<!-- joined to ¶3 -->`); `en` is then `None`.
    pub joined_to: Option<BlockNo>,
    /// The slot's review flags (`<!-- review: … -->`), for `check`.
    pub review: Vec<String>,
    /// The block's status by [`block_status`]: `status` says the same
    /// coarser (initial is `Missing`; draft, translated, reviewed are `Translated`).
    pub block_status: BlockStatus,
    /// The fingerprint of the slot's reviewed mark (`<!-- reviewed … -->`),
    /// whether it still holds or not.
    pub reviewed: Option<String>,
}

/// Something in a translation file that does not fit its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairProblem {
    /// A marker names a block the article does not have.
    NoSuchBlock { block: BlockNo, line: usize },
    /// Two markers name the same block; the first wins.
    DuplicateMarker { block: BlockNo, line: usize },
    /// An unmarked file has more blocks than the article.
    ExtraBlocks { count: usize, line: usize },
}

impl std::fmt::Display for PairProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairProblem::NoSuchBlock { block, .. } => {
                write!(f, "marker names {block}, but the article has no such block")
            }
            PairProblem::DuplicateMarker { block, .. } => {
                write!(f, "a second marker for {block}: only the first is used")
            }
            PairProblem::ExtraBlocks { count, .. } => write!(
                f,
                "{count} more block(s) than the article: add markers `<!-- ¶n fingerprint -->` (see `duizhao translate`)"
            ),
        }
    }
}

impl PairProblem {
    pub fn line(&self) -> usize {
        match self {
            PairProblem::NoSuchBlock { line, .. }
            | PairProblem::DuplicateMarker { line, .. }
            | PairProblem::ExtraBlocks { line, .. } => *line,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AlignedArticle {
    pub article: Article,
    pub translation: Option<TranslationFront>,
    pub rows: Vec<Row>,
    pub problems: Vec<PairProblem>,
}

impl AlignedArticle {
    /// Blocks translated, stale and missing in this article.
    pub fn coverage(&self) -> Coverage {
        coverage(&self.rows)
    }
}

/// How much of some text is translated, counted in blocks. Add two to get
/// the figure for both; `status` and the site's home page both use this.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// Source blocks.
    pub total: usize,
    /// Translated from the current source text.
    pub translated: usize,
    /// Translated, but the source changed since.
    pub stale: usize,
    /// Not translated.
    pub missing: usize,
    /// Of the translated, how many are reviewed ([`BlockStatus::Reviewed`]).
    pub reviewed: usize,
    /// Of the translated, how many still carry review flags ([`BlockStatus::Draft`]).
    pub draft: usize,
}

impl Coverage {
    /// Percentage of blocks translated from the current source (stale ones
    /// do not count); 100 for no blocks at all.
    pub fn percent(&self) -> f64 {
        if self.total == 0 { 100.0 } else { self.translated as f64 * 100.0 / self.total as f64 }
    }

    /// Every block translated and current.
    pub fn is_complete(&self) -> bool {
        self.translated == self.total
    }
}

impl std::ops::Add for Coverage {
    type Output = Coverage;
    fn add(self, other: Coverage) -> Coverage {
        Coverage {
            total: self.total + other.total,
            translated: self.translated + other.translated,
            stale: self.stale + other.stale,
            missing: self.missing + other.missing,
            reviewed: self.reviewed + other.reviewed,
            draft: self.draft + other.draft,
        }
    }
}

impl std::iter::Sum for Coverage {
    fn sum<I: Iterator<Item = Coverage>>(iter: I) -> Coverage {
        iter.fold(Coverage::default(), |a, b| a + b)
    }
}

/// Counts the rows of one article by status.
///
/// ```
/// use duizhao::pair::{coverage, pair};
/// # let article = duizhao::model::Article::parse(std::path::Path::new("content/a.md"),
/// #     "+++\ntitle = \"t\"\nsource = \"s\"\n+++\n\n一。\n\n二。\n").unwrap();
/// let aligned = pair(article, None);
/// let c = coverage(&aligned.rows);
/// assert_eq!((c.total, c.missing, c.percent()), (2, 2, 0.0));
/// ```
pub fn coverage(rows: &[Row]) -> Coverage {
    let mut c = Coverage { total: rows.len(), ..Coverage::default() };
    for row in rows {
        match row.block_status {
            BlockStatus::Initial => c.missing += 1,
            BlockStatus::Stale => c.stale += 1,
            BlockStatus::Draft => c.draft += 1,
            BlockStatus::Reviewed => c.reviewed += 1,
            BlockStatus::Translated => {}
        }
        c.translated += usize::from(row.block_status.is_current());
    }
    c
}

/// Pairs an article with its translation, if any.
pub fn pair(article: Article, translation: Option<Translation>) -> AlignedArticle {
    let mut rows: Vec<Row> = article
        .blocks
        .iter()
        .map(|b| Row {
            zh: b.clone(),
            en: None,
            status: RowStatus::Missing,
            slot_line: None,
            joined_to: None,
            review: Vec::new(),
            block_status: BlockStatus::Initial,
            reviewed: None,
        })
        .collect();
    let mut problems = Vec::new();
    let Some(translation) = translation else {
        return AlignedArticle { article, translation: None, rows, problems };
    };

    if translation.marked {
        for slot in translation.slots {
            let Some(block) = slot.block else { continue };
            let Some(row) = rows.get_mut(block.0 - 1) else {
                problems.push(PairProblem::NoSuchBlock { block, line: slot.line });
                continue;
            };
            if row.slot_line.is_some() {
                problems.push(PairProblem::DuplicateMarker { block, line: slot.line });
                continue;
            }
            row.slot_line = Some(slot.line);
            row.block_status = block_status(&row.zh, Some(&slot));
            row.review = slot.review;
            row.reviewed = slot.reviewed;
            row.status = match row.block_status {
                BlockStatus::Initial => continue,
                BlockStatus::Stale => {
                    RowStatus::Stale { was: slot.fingerprint.unwrap_or_default(), was_text: slot.source_text }
                }
                _ => RowStatus::Translated,
            };
            // Joined only to an earlier block: the English sits above.
            let joined = slot.joined_to.filter(|to| *to < block && slot.text.is_empty());
            row.joined_to = joined;
            row.en = joined.is_none().then_some(slot.text);
        }
    } else {
        let extra = translation.slots.len().saturating_sub(rows.len());
        if extra > 0 {
            let line = translation.slots[rows.len()].line;
            problems.push(PairProblem::ExtraBlocks { count: extra, line });
        }
        for (row, slot) in rows.iter_mut().zip(translation.slots) {
            row.slot_line = Some(slot.line);
            row.block_status = block_status(&row.zh, Some(&slot));
            row.status = RowStatus::Translated;
            row.en = Some(slot.text);
        }
    }
    AlignedArticle { article, translation: Some(translation.front), rows, problems }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fingerprint;
    use std::path::Path;

    fn article() -> Article {
        let text = "+++\ntitle = \"标题\"\nsource = \"s\"\n+++\n\n第一段。\n\n第二段。\n\n第三段。\n";
        Article::parse(Path::new("content/a.md"), text).unwrap()
    }

    fn translation(body: &str) -> Translation {
        let text = format!(
            "+++\ntitle = \"T\"\ntranslator = \"duizhao editors\"\nstatus = \"draft\"\n+++\n\n{body}"
        );
        Translation::parse(Path::new("translations/en/a.md"), &text).unwrap()
    }

    fn states(aligned: &AlignedArticle) -> Vec<&RowStatus> {
        aligned.rows.iter().map(|r| &r.status).collect()
    }

    #[test]
    fn pairs_by_marker_and_detects_stale_blocks() {
        let body = format!(
            "<!-- ¶3 {} -->\nThird.\n\n<!-- ¶1 {} -->\nFirst.\n\n<!-- ¶2 deadbeef -->\nSecond.\n",
            fingerprint("第三段。"),
            fingerprint("第一段。")
        );
        let aligned = pair(article(), Some(translation(&body)));
        assert_eq!(aligned.rows[0].en.as_deref(), Some("First."));
        assert_eq!(aligned.rows[2].en.as_deref(), Some("Third."));
        assert_eq!(
            states(&aligned),
            [
                &RowStatus::Translated,
                &RowStatus::Stale { was: "deadbeef".into(), was_text: None },
                &RowStatus::Translated
            ]
        );
        assert!(aligned.problems.is_empty());
    }

    #[test]
    fn pairs_by_order_without_markers_and_reports_extra_blocks() {
        let aligned = pair(article(), Some(translation("One.\n\nTwo.\n\nThree.\n\nFour.\n")));
        assert_eq!(aligned.rows[1].en.as_deref(), Some("Two."));
        assert_eq!(aligned.problems.len(), 1);
        assert!(matches!(aligned.problems[0], PairProblem::ExtraBlocks { count: 1, line: 12 }));
    }

    #[test]
    fn missing_and_unknown_blocks() {
        let aligned = pair(
            article(),
            Some(translation("<!-- ¶1 -->\nFirst.\n\n<!-- ¶2 -->\n\n<!-- ¶7 -->\nSeventh.\n")),
        );
        assert_eq!(states(&aligned), [&RowStatus::Translated, &RowStatus::Missing, &RowStatus::Missing]);
        assert_eq!(aligned.problems, [PairProblem::NoSuchBlock { block: BlockNo(7), line: 12 }]);
    }

    #[test]
    fn no_translation_means_every_row_missing() {
        let aligned = pair(article(), None);
        assert!(aligned.rows.iter().all(|r| r.status == RowStatus::Missing && r.en.is_none()));
    }

    #[test]
    fn coverage_counts_and_adds() {
        let body =
            format!("<!-- ¶1 {} -->\nFirst.\n\n<!-- ¶2 deadbeef -->\nSecond.\n", fingerprint("第一段。"));
        let aligned = pair(article(), Some(translation(&body)));
        let c = aligned.coverage();
        assert_eq!(c, Coverage { total: 3, translated: 1, stale: 1, missing: 1, reviewed: 0, draft: 0 });
        let sum: Coverage = [c, c].into_iter().sum();
        assert_eq!((sum.total, sum.translated), (6, 2));
        assert!((c.percent() - 100.0 / 3.0).abs() < 1e-9);
        assert!((Coverage::default().percent() - 100.0).abs() < 1e-9);
    }
}
