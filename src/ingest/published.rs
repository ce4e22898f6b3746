//! Publication lines: the page's own statement of when it was published,
//! standing alone on a line near the head or foot of an article.
//!
//! A line is one when, once its date (and time) is taken out, nothing but
//! labelled fields is left: `发布日期：2020-03-01`, `发布时间：2020-03-01 10:20`,
//! `来源：X 2020-03-01`, `2020年03月01日 10:20`, `2020-03-01`. A date in the
//! Chinese form with no time and no label (`2020年2月27日` under a notice) is
//! the text's own signature line, not page furniture, and stays. The line is
//! page furniture: it is taken out of the body and noted. A line of labelled
//! fields that names a source (`来源：X`, `稿源：X`) is one too, with or
//! without a date: X is the outlet the page says the article comes from.

use super::draft::{Draft, NoteKind};
use crate::model::date::plausible_ymd;
use crate::pattern::compiled as regex;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// How many units from either end of the body a publication line may be.
const NEAR: usize = 2;

static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?P<y>[0-9]{4})\s*(?:(?P<sep>[-/.])|年)\s*(?P<m>[0-9]{1,2})\s*(?:[-/.]|月)\s*(?P<d>[0-9]{1,2})日?(?P<time>\s*[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?",
    )
});

/// What may stand beside the date: labelled fields, each `label：value`. A
/// bare `时间：` or `日期：` is left out: in a notice it says when an event
/// is to be held.
static FIELDS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:\s*[【\[]?(?:来源|稿源|作者|编辑|责任编辑|责编|发布|发布日期|发布时间|发表时间|发文日期|更新时间)\s*[：:]\s*[^\s：:【】\[\]]*[】\]]?)*\s*$",
    )
});

/// The source a line of fields names: `来源：城东发布`.
static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:来源|稿源)\s*[：:]\s*(?P<source>[^\s：:【】\[\]]+)"));

/// Sources that name no outlet: the web at large, or the site itself.
const NO_OUTLET: [&str; 7] = ["网络", "网友", "互联网", "本站", "本网", "原创", "未知"];

/// What a publication line states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationLine {
    pub date: Option<NaiveDate>,
    /// The outlet it names as the source (`来源：X`), if any.
    pub source: Option<String>,
}

/// The date a publication line states, if `text` is one.
pub fn publication_date(text: &str) -> Option<NaiveDate> {
    publication_line(text).and_then(|p| p.date)
}

/// What `text` states if it is a publication line: a date among labelled
/// fields, or labelled fields that name a source.
pub fn publication_line(text: &str) -> Option<PublicationLine> {
    let text = text.trim();
    if text.chars().count() > 80 {
        return None;
    }
    let Some(caps) = DATE_TIME.captures(text) else {
        // Without a date, only a line that names a source (even `来源：网络`).
        let names_source = SOURCE.is_match(text) && FIELDS.is_match(text);
        return names_source.then(|| PublicationLine { date: None, source: source_of(text) });
    };
    let whole = caps.get(0)?;
    let rest = format!("{}{}", &text[..whole.start()], &text[whole.end()..]);
    if !FIELDS.is_match(&rest) {
        return None;
    }
    // A bare 2020年2月27日: the signature line of a notice, part of the text.
    let labelled = !rest.trim().is_empty();
    if !labelled && caps.name("sep").is_none() && caps.name("time").is_none() {
        return None;
    }
    let date = plausible_ymd(caps["y"].parse().ok()?, caps["m"].parse().ok()?, caps["d"].parse().ok()?)?;
    Some(PublicationLine { date: Some(date), source: source_of(&rest) })
}

fn source_of(fields: &str) -> Option<String> {
    let source = SOURCE.captures(fields)?.name("source")?.as_str();
    let plausible = (2..=20).contains(&source.chars().count()) && !NO_OUTLET.contains(&source);
    plausible.then(|| source.to_string())
}

/// Takes the publication lines near the head or foot of the body out of it,
/// noting each, and returns the date of the first. Two that disagree are
/// flagged for review.
/// The outlet named is kept as the draft's `source_named`.
pub fn take_publication_line(draft: &mut Draft) -> Option<NaiveDate> {
    let len = draft.body.len();
    let mut found: Vec<(usize, PublicationLine)> = Vec::new();
    for (i, unit) in draft.body.iter().enumerate() {
        if (i < NEAR || i + NEAR >= len)
            && unit.is_para()
            && let Some(stated) = publication_line(&unit.text)
        {
            found.push((i, stated));
        }
    }
    let first = found.iter().find_map(|(_, p)| p.date);
    if draft.source_named.is_none() {
        draft.source_named = found.iter().find_map(|(_, p)| p.source.clone());
    }
    for (i, stated) in found.into_iter().rev() {
        let unit = draft.body.remove(i);
        let line = unit.line();
        draft.meta_lines.extend(unit.lines);
        let says = match (stated.date, &stated.source) {
            (Some(date), _) => format!("it dates the article {date}"),
            (None, Some(source)) => format!("it names the source {source}"),
            (None, None) => "it names no outlet".to_string(),
        };
        draft.note(
            NoteKind::Metadata,
            line,
            format!("publication line '{}' taken out of the body: {says}", unit.text.trim()),
        );
        if let Some(date) = stated.date
            && Some(date) != first
        {
            draft.flag(
                line,
                format!("publication lines disagree: {date} here, {} kept", first.unwrap_or(date)),
            );
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::{Unit, UnitKind};

    fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    #[test]
    fn publication_lines_in_their_usual_forms() {
        assert_eq!(publication_date("发布日期：2020-03-01"), ymd(2020, 3, 1));
        assert_eq!(publication_date("发布时间：2020-03-01 10:20"), ymd(2020, 3, 1));
        assert_eq!(publication_date("2020年03月01日 10:20"), ymd(2020, 3, 1));
        assert_eq!(publication_date("  2020-03-01 10:20 "), ymd(2020, 3, 1));
        assert_eq!(publication_date("来源：新华网 2020-03-01"), ymd(2020, 3, 1));
        assert_eq!(publication_date("来源：新华网 发布时间：2020/3/1 10:20:05"), ymd(2020, 3, 1));
        assert_eq!(publication_date("【发布时间：2020.03.01】"), ymd(2020, 3, 1));
    }

    #[test]
    fn text_and_signature_dates_are_not_publication_lines() {
        assert_eq!(publication_date("2020年2月27日"), None);
        assert_eq!(publication_date("2020年3月1日，市里召开会议。"), None);
        assert_eq!(publication_date("会议定于2020-05-01 09:00召开"), None);
        assert_eq!(publication_date("发布时间：2020-02-30"), None);
        assert_eq!(publication_date("来源：新华网"), None);
    }

    #[test]
    fn a_line_of_fields_names_its_source() {
        let source = |text: &str| publication_line(text).and_then(|p| p.source);
        assert_eq!(source("来源：城东发布　发布时间：2021-04-02 10:15").as_deref(), Some("城东发布"));
        assert_eq!(source("来源：新华网").as_deref(), Some("新华网"));
        assert_eq!(source("【稿源：人民网】").as_deref(), Some("人民网"));
        assert_eq!(source("来源：网络 2020-03-01"), None, "the web at large is no outlet");
        assert_eq!(publication_line("来源：网络"), Some(PublicationLine { date: None, source: None }));
        assert_eq!(publication_line("来源于群众的智慧"), None, "a sentence is no field");
        assert_eq!(publication_line("2020-03-01").and_then(|p| p.source), None);
        assert_eq!(publication_date("时间：2021年3月20日 9:00"), None);
    }

    #[test]
    fn a_publication_line_is_taken_from_the_head_or_foot_and_noted() {
        let mut draft = Draft::default();
        let texts = ["发布时间：2020-03-01 10:20", "一段。", "二段。", "三段。", "2020-03-02 08:00"];
        for (i, text) in texts.iter().enumerate() {
            draft.body.push(Unit::new(UnitKind::Para, *text, i + 1));
        }
        assert_eq!(take_publication_line(&mut draft), ymd(2020, 3, 1));
        let left: Vec<&str> = draft.body.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(left, ["一段。", "二段。", "三段。"]);
        assert_eq!(draft.notes.len(), 2);
        assert!(draft.notes[1].text.starts_with("publication line '发布时间：2020-03-01 10:20' taken out"));
        assert_eq!(draft.flags[0].line, 5);
    }

    #[test]
    fn a_line_in_the_middle_of_the_body_stays() {
        let mut draft = Draft::default();
        for (i, text) in ["一段。", "二段。", "2020-03-01 10:20", "三段。", "四段。"].iter().enumerate()
        {
            draft.body.push(Unit::new(UnitKind::Para, *text, i + 1));
        }
        assert_eq!(take_publication_line(&mut draft), None);
        assert_eq!(draft.body.len(), 5);
    }
}
