//! An article's proofreading page (`review.html`): its paired rows in,
//! one table row per block (or per merged run of blocks) out, with each
//! block's status by [`block_status`](crate::pair::block_status), the
//! alignment's confidence and review flags from the slot's
//! `<!-- review: … -->` lines, and the counts by status at the top.

use crate::model::BlockKind;
use crate::model::figure::figure_parts;
use crate::pair::{BlockStatus, Row, RowStatus};
use crate::render::highlight::escape;
use crate::render::markdown::markdown_html;
use crate::render::page::{Page, href};
use crate::site::assemble::Site;
use serde::Serialize;

/// `page` of `review.html`.
#[derive(Debug, Serialize)]
pub struct ReviewContext {
    /// The article id.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Who translated it.
    pub translator: String,
    /// The translation file's own `status` (`draft` or `reviewed`).
    pub file_status: String,
    /// The translation file, relative to the edition.
    pub file: String,
    /// The article's page.
    pub article_href: String,
    /// Number of blocks (¶).
    pub blocks: usize,
    /// Blocks by status, one entry per status in the order of [`BlockStatus`].
    pub counts: Vec<StatusCount>,
    /// One row per block; blocks the translator merged share one.
    pub rows: Vec<ReviewRow>,
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

/// One row of the proofreading table.
#[derive(Debug, Serialize)]
pub struct ReviewRow {
    /// The block's number (¶).
    pub no: usize,
    /// The last block of a merged row (`¶3–4`), `null` if one block.
    pub through: Option<usize>,
    /// The Chinese, HTML (print with `| safe`); merged blocks each in a `div.joined` with its `id`.
    pub zh: String,
    /// The English, HTML (print with `| safe`), `null` if none.
    pub en: Option<String>,
    /// The row's status: stale if any of its blocks is, else the least finished.
    pub status: StatusLabel,
    /// The lowest alignment confidence its review flags give (`"0.62"`), `null` if none does.
    pub confidence: Option<String>,
    /// The review flags of its blocks' slots (a merged row's later blocks prefixed with their ¶).
    pub flags: Vec<String>,
    /// For a stale row: the Chinese the English was made from, when the slot recorded it.
    pub was: Option<String>,
    /// The line of the block's slot in the translation file, `null` if none.
    pub line: Option<usize>,
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

impl ReviewContext {
    pub fn new(site: &Site, i: usize) -> ReviewContext {
        let a = &site.articles[i];
        let rows = &a.aligned.rows;
        let front = a.aligned.translation.as_ref();
        ReviewContext {
            id: a.aligned.article.id.to_string(),
            title: a.aligned.article.front.title.clone(),
            title_en: front.map(|t| t.title.clone()).unwrap_or_default(),
            translator: front.map(|t| t.translator.clone()).unwrap_or_default(),
            file_status: front.map_or("", |t| status_name(t.status)).to_string(),
            file: a
                .translation_path
                .as_ref()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default(),
            article_href: href(site, Page::Article(i), None),
            blocks: rows.len(),
            counts: ALL
                .iter()
                .map(|&s| StatusCount {
                    status: label(s),
                    count: rows.iter().filter(|r| r.block_status == s).count(),
                })
                .collect(),
            rows: review_rows(rows),
        }
    }
}

fn status_name(status: crate::model::TranslationStatus) -> &'static str {
    match status {
        crate::model::TranslationStatus::Draft => "draft",
        crate::model::TranslationStatus::Reviewed => "reviewed",
    }
}

/// The rows: a block joined to the row above (`<!-- joined to ¶n -->`)
/// joins it, as on the article page.
fn review_rows(rows: &[Row]) -> Vec<ReviewRow> {
    let mut out: Vec<(ReviewRow, BlockStatus)> = Vec::with_capacity(rows.len());
    for row in rows {
        let no = row.zh.no.0;
        if let Some((last, status)) = out
            .last_mut()
            .filter(|(last, _)| row.joined_to.is_some_and(|to| to.0 == last.no) && last.en.is_some())
        {
            last.zh.push_str(&format!("<div class=\"joined\" id=\"p{no}\">{}</div>", zh_html(row)));
            last.through = Some(no);
            last.flags.extend(row.review.iter().map(|f| format!("¶{no}: {f}")));
            last.confidence = lowest(last.confidence.take(), confidence(&row.review));
            last.was = last.was.take().or_else(|| was(row));
            *status = combine(*status, row.block_status);
            last.status = label(*status);
            continue;
        }
        let review = ReviewRow {
            no,
            through: None,
            zh: zh_html(row),
            en: row.en.as_deref().map(|en| en_html(row, en)),
            status: label(row.block_status),
            confidence: confidence(&row.review),
            flags: row.review.clone(),
            was: was(row),
            line: row.slot_line,
        };
        out.push((review, row.block_status));
    }
    out.into_iter().map(|(row, _)| row).collect()
}

/// A merged row's status: stale if either is, else the less finished.
fn combine(a: BlockStatus, b: BlockStatus) -> BlockStatus {
    if a == BlockStatus::Stale || b == BlockStatus::Stale { BlockStatus::Stale } else { a.min(b) }
}

/// A figure shows as its caption (the page checks text, not pictures).
fn zh_html(row: &Row) -> String {
    match figure_parts(&row.zh.markdown).filter(|_| row.zh.kind == BlockKind::Figure) {
        Some((caption, _)) => format!("<p class=\"figure-caption\">图：{}</p>", escape(&caption)),
        None => markdown_html(&row.zh.markdown),
    }
}

fn en_html(row: &Row, en: &str) -> String {
    match figure_parts(en).filter(|_| row.zh.kind == BlockKind::Figure) {
        Some((caption, _)) => format!("<p class=\"figure-caption\">Figure: {}</p>", escape(&caption)),
        None => markdown_html(en),
    }
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
