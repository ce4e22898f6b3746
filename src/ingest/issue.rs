//! The issue date of a newspaper page: the articles of one page dated in,
//! the date of those that have none of their own out.
//!
//! A newspaper page (OCR or plain text, never a web export, whose records
//! are pages of their own) is printed in one issue, and a daily prints the
//! news of a day in the next day's issue. So the page's issue is dated the
//! day after the latest event its dated articles report: the earliest day
//! the page can have been printed. An article of the page with no date of
//! its own (`日前`, `近日`, `连日来`) takes that date with basis `page`, marked
//! inferred (the site shows 约 / c.), and a note that names the evidence.
//!
//! The rule needs evidence that the dates are those of one issue: at least
//! [`MIN_DATED`] dated articles, all within [`MAX_SPAN_DAYS`] of each other.
//! Otherwise the articles stay undated, each with the reason in its notes.
//! The issue date in the sidecar (`date = …`), when there is one, dates such
//! articles before this rule is asked (basis `sidecar`).

use super::draft::{Draft, NoteKind};
use super::shape::Shape;
use crate::model::{DateBasis, FrontMatter};
use chrono::{Days, NaiveDate};

/// How many dated articles a page needs before its issue date is inferred.
pub const MIN_DATED: usize = 2;

/// The widest spread, in days, of the dated articles of one issue.
pub const MAX_SPAN_DAYS: i64 = 14;

/// One article of the page as dating sees it.
#[derive(Debug, Clone, Copy)]
pub struct Dating {
    /// Its date, if it has one.
    pub date: Option<NaiveDate>,
    /// What the date rests on.
    pub basis: Option<DateBasis>,
    /// The source line that names the article in the evidence.
    pub line: usize,
}

/// The issue date of a page and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueDate {
    pub date: NaiveDate,
    /// The evidence, for the notes of the articles that take the date.
    pub evidence: String,
}

/// The issue date the page's dated articles support, or why there is none.
/// Only dates an article has of its own count: those from a dateline,
/// publication line, the text or a `set` fix, never the sidecar's or the
/// page's.
pub fn infer(shape: Shape, articles: &[Dating]) -> Result<IssueDate, String> {
    if shape == Shape::Web {
        return Err("a web export's records are pages of their own, with no issue date in common".into());
    }
    let own = |d: &&Dating| !matches!(d.basis, None | Some(DateBasis::Sidecar | DateBasis::Page));
    let mut dated: Vec<(NaiveDate, usize)> =
        articles.iter().filter(own).filter_map(|d| Some((d.date?, d.line))).collect();
    dated.sort();
    let (Some(&(earliest, _)), Some(&(latest, _))) = (dated.first(), dated.last()) else {
        return Err("no article of the page has a date of its own to infer the issue date from".into());
    };
    if dated.len() < MIN_DATED {
        return Err(format!(
            "only one article of the page is dated ({latest}): too little to infer the issue date from"
        ));
    }
    let span = (latest - earliest).num_days();
    if span > MAX_SPAN_DAYS {
        return Err(format!(
            "the page's dated articles run from {earliest} to {latest}, {span} days: not the news of one issue"
        ));
    }
    let date = latest.checked_add_days(Days::new(1)).ok_or("no day after the latest date")?;
    let lines: Vec<String> = dated.iter().filter(|(d, _)| *d == latest).map(|(_, l)| l.to_string()).collect();
    let (lines, s) = (lines.join(", "), if lines.len() > 1 { "s" } else { "" });
    let count = dated.len();
    let evidence = format!(
        "date {date} inferred from the page: its latest news is of {latest} (the article{s} at line{s} {lines}; {count} dated articles, {earliest} to {latest}), so its issue is of {date} at the earliest"
    );
    Ok(IssueDate { date, evidence })
}

/// Gives each undated article of the page the page's issue date, marked
/// inferred with basis `page` and the evidence noted; when the page supports
/// none, notes why on each undated article. `settled[i]` is true when an
/// editor set `undated` by a fix: that article stays undated.
pub fn date_undated(
    shape: Shape,
    drafts: &mut [Draft],
    fronts: &mut [(FrontMatter, Option<DateBasis>)],
    settled: &[bool],
) {
    let articles: Vec<Dating> = drafts
        .iter()
        .zip(fronts.iter())
        .map(|(draft, (front, basis))| Dating {
            date: front.calendar_date(),
            basis: *basis,
            line: draft.first_line(),
        })
        .collect();
    let issue = infer(shape, &articles);
    for ((draft, (front, basis)), &settled) in drafts.iter_mut().zip(fronts.iter_mut()).zip(settled) {
        if front.date.is_some() || settled {
            continue;
        }
        let line = draft.first_line();
        match &issue {
            Ok(issue) => {
                front.date = crate::model::date::toml_date(issue.date);
                front.undated = front.date.is_none();
                front.date_inferred = front.date.is_some();
                *basis = front.date.map(|_| DateBasis::Page);
                draft.note(NoteKind::Metadata, line, issue.evidence.clone());
            }
            Err(why) => draft.note(NoteKind::Metadata, line, format!("undated: {why}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, month, day)
    }

    fn dating(date: Option<NaiveDate>, basis: Option<DateBasis>, line: usize) -> Dating {
        Dating { date, basis, line }
    }

    /// A page of a local daily: two reports of 27 February, one of the 24th,
    /// one with no date (日前).
    fn page() -> Vec<Dating> {
        vec![
            dating(None, None, 5),
            dating(ymd(2, 24), Some(DateBasis::Text), 27),
            dating(ymd(2, 27), Some(DateBasis::Dateline), 129),
            dating(ymd(2, 27), Some(DateBasis::Text), 135),
        ]
    }

    #[test]
    fn a_page_is_dated_the_day_after_its_latest_news() {
        let issue = infer(Shape::Ocr, &page()).unwrap();
        assert_eq!(Some(issue.date), ymd(2, 28));
        assert_eq!(
            issue.evidence,
            "date 2020-02-28 inferred from the page: its latest news is of 2020-02-27 (the articles at lines 129, 135; 3 dated articles, 2020-02-24 to 2020-02-27), so its issue is of 2020-02-28 at the earliest"
        );
        // A plain-text page is a page too.
        assert_eq!(infer(Shape::Plain, &page()).map(|i| i.date).ok(), ymd(2, 28));
    }

    #[test]
    fn a_web_exports_records_share_no_issue_date() {
        let why = infer(Shape::Web, &page()).unwrap_err();
        assert!(why.contains("web export"), "{why}");
    }

    #[test]
    fn too_little_or_too_scattered_evidence_infers_nothing() {
        let one = [dating(None, None, 1), dating(ymd(2, 27), Some(DateBasis::Dateline), 9)];
        assert!(infer(Shape::Ocr, &one).unwrap_err().starts_with("only one article"));
        let none = [dating(None, None, 1), dating(None, None, 9)];
        assert!(infer(Shape::Ocr, &none).unwrap_err().starts_with("no article"));
        // A collection of texts from months apart is not one issue.
        let scattered = [
            dating(ymd(1, 2), Some(DateBasis::Text), 1),
            dating(ymd(3, 1), Some(DateBasis::Dateline), 9),
            dating(None, None, 20),
        ];
        assert!(infer(Shape::Plain, &scattered).unwrap_err().contains("not the news of one issue"));
    }

    #[test]
    fn the_sidecars_date_is_not_evidence_of_the_page() {
        let sidecar = [
            dating(ymd(2, 27), Some(DateBasis::Sidecar), 1),
            dating(ymd(2, 27), Some(DateBasis::Sidecar), 9),
            dating(ymd(2, 20), Some(DateBasis::Dateline), 20),
        ];
        assert!(infer(Shape::Ocr, &sidecar).unwrap_err().starts_with("only one article"));
    }

    fn fronts(dates: &[Option<NaiveDate>]) -> Vec<(FrontMatter, Option<DateBasis>)> {
        dates
            .iter()
            .map(|d| {
                let front = FrontMatter {
                    date: d.and_then(crate::model::date::toml_date),
                    undated: d.is_none(),
                    ..FrontMatter::default()
                };
                (front, d.map(|_| DateBasis::Text))
            })
            .collect()
    }

    fn drafts(n: usize) -> Vec<Draft> {
        (0..n)
            .map(|i| {
                let mut draft = Draft::default();
                draft.body.push(super::super::draft::Unit::new(
                    super::super::draft::UnitKind::Para,
                    "近日，一段。",
                    10 * i + 1,
                ));
                draft
            })
            .collect()
    }

    #[test]
    fn undated_articles_take_the_page_date_marked_inferred_unless_an_editor_said_undated() {
        let mut d = drafts(4);
        let mut f = fronts(&[None, ymd(2, 3), ymd(2, 4), None]);
        date_undated(Shape::Ocr, &mut d, &mut f, &[false, false, false, true]);
        assert_eq!(f[0].0.calendar_date(), ymd(2, 5));
        assert!(f[0].0.date_inferred && !f[0].0.undated);
        assert_eq!(f[0].1, Some(DateBasis::Page));
        assert!(d[0].notes[0].text.starts_with("date 2020-02-05 inferred from the page"));
        assert!(!f[1].0.date_inferred, "an article's own date is not inferred");
        assert!(f[3].0.undated && f[3].0.date.is_none(), "an editor's `undated` stands");
    }

    #[test]
    fn an_undated_article_says_why() {
        let mut d = drafts(2);
        let mut f = fronts(&[None, ymd(2, 3)]);
        date_undated(Shape::Web, &mut d, &mut f, &[false, false]);
        assert!(f[0].0.undated && !f[0].0.date_inferred);
        assert!(d[0].notes[0].text.starts_with("undated: a web export's records"), "{:?}", d[0].notes);
    }
}
