//! Metadata: a cleaned draft in, its date and regions out.
//!
//! Date, in the order an editor weighs the evidence, each recorded with its
//! basis ([`DateBasis`]): the dateline (新华社武汉2月16日电, 新华社巴黎3月1日电,
//! 央广网…2月21日消息); the page's publication line (`发布时间：2020-03-01
//! 10:20`, see [`super::published`]), which is taken out of the body; a
//! reprint note (转自2月16日《人民日报》), the date of first publication; the
//! upload date in a web page's picture names (`W020200312….jpg`, see
//! [`super::image_date`]), unless the text reports a later day; the
//! issue date in the sidecar. Only when none of these exists is a date the
//! text mentions used, flagged for review: a full date (2020年2月27日), the
//! first date of a lead that opens with 本报讯, the latest date mentioned.
//! An article still undated may then take its page's issue date
//! ([`super::issue`]), which needs every article of the page.
//!
//! The year of a dateline comes from the publication line (the year before
//! when the dateline would fall after it); else, as for every `2月27日`, the
//! year the caller gives: the sidecar's, else a full date in the source, else
//! `edition.toml`'s `default_year`.
//!
//! Regions and places are read in [`super::place`].

use super::draft::{Draft, NoteKind};
use super::published::take_publication_line;
use crate::model::DateBasis;
use crate::model::date::{is_plausible, plausible_ymd};
use crate::pattern::compiled as regex;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

// ASCII digits only, and the whole run before 年, so that the OCR misreading
// `20200年` is read as year 20200 (and refused), not as 0200.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| regex(r"([0-9]+)年([0-9]{1,2})月([0-9]{1,2})日"));
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:([0-9]{1,2})月)?([0-9]{1,2})日"));
static REPRINT: LazyLock<Regex> = LazyLock::new(|| regex(r"转自([0-9]{1,2})月([0-9]{1,2})日《"));
static REPRINT_PAPER: LazyLock<Regex> = LazyLock::new(|| regex(r"转自[^《》]{0,12}《([^《》]{2,12})》"));

/// The paper a reprint note names: `（转自2月16日《人民日报》）` → 人民日报.
pub fn reprinted_from(text: &str) -> Option<String> {
    Some(REPRINT_PAPER.captures(text)?.get(1)?.as_str().to_string())
}

/// A full date as printed: `2020年2月27日`, its year unparsed when it does
/// not fit a number.
struct FullDate<'a> {
    printed: &'a str,
    year_printed: &'a str,
    year: Option<i32>,
    month: u32,
    day: u32,
}

fn full_dates(text: &str) -> impl Iterator<Item = FullDate<'_>> {
    // Most paragraphs hold no date: two character tests spare them the regex.
    let text = if text.contains('日') && text.contains('年') { text } else { "" };
    FULL_DATE.captures_iter(text).filter_map(|caps| {
        let year_printed = caps.get(1)?.as_str();
        Some(FullDate {
            printed: caps.get(0)?.as_str(),
            year_printed,
            year: year_printed.parse().ok(),
            month: caps.get(2)?.as_str().parse().ok()?,
            day: caps.get(3)?.as_str().parse().ok()?,
        })
    })
}

impl FullDate<'_> {
    fn date(&self) -> Option<NaiveDate> {
        plausible_ymd(self.year?, self.month, self.day)
    }
}

/// The year of the first full date (`2020年2月27日`) in a text whose year is
/// plausible; an OCR error like `20200年` is passed over.
pub fn year_in_text(text: &str) -> Option<i32> {
    full_dates(text).filter_map(|d| d.year).find(|&y| is_plausible(y))
}

/// Month-day dates in text order; a bare `22日` takes the month before it.
fn month_days(text: &str) -> Vec<(u32, u32)> {
    let mut month = None;
    let mut out = Vec::new();
    if !text.contains('日') {
        return out;
    }
    for caps in MONTH_DAY.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        // `12日` inside a longer number or after 每/次 is not a date.
        if text[..whole.start()].chars().last().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        if let Some(m) = caps.get(1).and_then(|m| m.as_str().parse::<u32>().ok()) {
            month = Some(m);
        } else if text[..whole.start()].ends_with('年') {
            continue;
        }
        let (Some(m), Ok(d)) = (month, caps[2].parse::<u32>()) else {
            continue;
        };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            out.push((m, d));
        }
    }
    out
}

/// How an article's date was found, for the editorial record.
pub struct Dated {
    pub date: Option<NaiveDate>,
    pub how: &'static str,
    pub basis: Option<DateBasis>,
}

/// The date of a draft (see the module's doc). A publication line is taken
/// out of the body. Dates that cannot be right (`20200年`, `2月30日`) are
/// never used: each gets a review flag naming its source line.
pub fn date_of(draft: &mut Draft, year: Option<i32>, issue: Option<NaiveDate>) -> Dated {
    let published = take_publication_line(draft);
    flag_impossible_dates(draft, year);
    let found = |date: Option<NaiveDate>, how, basis| Dated { date, how, basis: date.map(|_| basis) };
    let valid = |y: Option<i32>, (m, d): (u32, u32)| y.and_then(|y| plausible_ymd(y, m, d));
    if let Some(date) =
        draft.dateline.as_ref().and_then(|dl| dl.date).and_then(|md| dateline_date(md, published, year))
    {
        return found(Some(date), "from the dateline", DateBasis::Dateline);
    }
    if published.is_some() {
        return found(published, "from the publication line", DateBasis::PublicationLine);
    }
    let texts: Vec<&str> = draft.body.iter().map(|u| u.text.as_str()).collect();
    let reprint = texts.iter().filter(|t| t.contains("转自")).find_map(|t| REPRINT.captures(t));
    if let Some(date) = reprint.and_then(|caps| valid(year, (caps[1].parse().ok()?, caps[2].parse().ok()?))) {
        return found(Some(date), "from the reprint note", DateBasis::PublicationLine);
    }
    if let Some((date, line, file)) = super::image_date::latest_upload(draft)
        && date_in_text(draft, &texts, year).date.is_none_or(|text| text <= date)
    {
        draft.note(
            NoteKind::Metadata,
            line,
            format!("picture {file}: its file name says it was uploaded on {date}, and no date in the text is later"),
        );
        return found(Some(date), "from a picture's upload date", DateBasis::PictureName);
    }
    if issue.is_some() {
        return found(issue, "from the issue date in the sidecar", DateBasis::Sidecar);
    }
    let dated = date_in_text(draft, &texts, year);
    if dated.date.is_some() {
        let line = draft.first_line();
        let how =
            dated.how.strip_prefix("the ").map_or(dated.how.to_string(), |rest| format!("is the {rest}"));
        let text = format!(
            "date {} {how}: the page gives no publication line, dateline or issue date; check it",
            fmt(dated.date)
        );
        draft.flag(line, text);
    }
    dated
}

fn fmt(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A dateline's month and day in the year of the page's publication date
/// (the year before, when that would put it after publication), else in
/// `year`.
fn dateline_date(
    (month, day): (u32, u32),
    published: Option<NaiveDate>,
    year: Option<i32>,
) -> Option<NaiveDate> {
    let Some(published) = published else {
        return year.and_then(|y| plausible_ymd(y, month, day));
    };
    let y = published.year();
    match plausible_ymd(y, month, day) {
        Some(date) if date <= published => Some(date),
        _ => plausible_ymd(y - 1, month, day).or_else(|| plausible_ymd(y, month, day)),
    }
}

/// The last resort: a date the text mentions. A full date first; then the
/// first date of a 本报讯 lead; then the latest date the text mentions.
fn date_in_text(draft: &Draft, texts: &[&str], year: Option<i32>) -> Dated {
    let found = |date: Option<NaiveDate>, how| Dated { date, how, basis: date.map(|_| DateBasis::Text) };
    let valid = |y: Option<i32>, (m, d): (u32, u32)| y.and_then(|y| plausible_ymd(y, m, d));
    if let Some(date) = texts.iter().flat_map(|t| full_dates(t)).find_map(|d| d.date()) {
        return found(Some(date), "from a full date in the text");
    }
    if year.is_none() {
        return found(None, "");
    }
    let has_dateline = draft.dateline.as_ref().is_some_and(|dl| dl.printed.starts_with("本报讯"));
    if has_dateline
        && let Some(lead) = draft.body.iter().find(|u| u.is_para())
        && let Some(date) = month_days(&lead.text).into_iter().find_map(|md| valid(year, md))
    {
        return found(Some(date), "from the lead");
    }
    // One text, so that a bare `23日` takes its month from an earlier paragraph.
    let latest = month_days(&texts.join("\n")).into_iter().filter_map(|md| valid(year, md)).max();
    found(latest, "the latest date the text mentions")
}

/// Flags, at their source lines, full dates with an implausible year or no
/// such day, and month-days that do not exist in `year`.
fn flag_impossible_dates(draft: &mut Draft, year: Option<i32>) {
    let mut flags = BTreeSet::new();
    let lead_line = draft.body.iter().find(|u| u.is_para()).map_or_else(|| draft.first_line(), |u| u.line());
    if let (Some(y), Some((m, d))) = (year, draft.dateline.as_ref().and_then(|dl| dl.date))
        && plausible_ymd(y, m, d).is_none()
    {
        flags.insert((
            lead_line,
            format!("'{m}月{d}日' in the dateline is not a date in {y}: check the scan"),
        ));
    }
    for unit in &draft.body {
        for date in full_dates(&unit.text) {
            if !date.year.is_some_and(is_plausible) {
                let year = date.year_printed;
                flags.insert((unit.line(), format!("'{year}年' is not a plausible year: check the scan")));
            } else if date.date().is_none() {
                flags.insert((unit.line(), format!("'{}' is not a date: check the scan", date.printed)));
            }
        }
        let Some(y) = year else { continue };
        // Month-days not already part of a full date.
        let rest = FULL_DATE.replace_all(&unit.text, " ");
        for (m, d) in month_days(&rest) {
            if plausible_ymd(y, m, d).is_none() {
                flags.insert((unit.line(), format!("'{m}月{d}日' is not a date in {y}: check the scan")));
            }
        }
    }
    for (line, text) in flags {
        draft.flag(line, text);
    }
}

/// `regions` (primary first) and `places` of a draft dated `date`: the
/// rules are in [`super::place`].
pub fn regions_of(
    draft: &mut Draft,
    home: Option<u32>,
    date: Option<NaiveDate>,
) -> (Vec<String>, Vec<String>) {
    super::place::regions_of(draft, home, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::draft_with_lead as draft;
    use crate::ingest::draft::{Unit, UnitKind};

    fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    #[test]
    fn dates_from_dateline_lead_and_latest_mention() {
        let mut d = draft("标题", "新华社武汉2月16日电(记者徐海波)发热人员主动报告。");
        assert_eq!(date_of(&mut d, Some(2020), None).date, ymd(2020, 2, 16));
        let mut d = draft("标题", "本报讯 记者张启国报道：2月27日下午，两辆救护车运抵，3月1日投入使用。");
        assert_eq!(date_of(&mut d, Some(2020), None).date, ymd(2020, 2, 27));
        let mut d = draft("标题", "2月20日，明确实行网格化管理；22日，完成体检；24日，推送播报。");
        assert_eq!(date_of(&mut d, Some(2020), None).date, ymd(2020, 2, 24));
        let mut d = draft("标题", "特此公告。2020年2月27日");
        assert_eq!(date_of(&mut d, None, None).date, ymd(2020, 2, 27));
        let mut d = draft("标题", "日前，市委党校教师写下诗词。");
        assert_eq!(date_of(&mut d, Some(2020), None).date, None);
    }

    fn draft_with(lead: &str, rest: &[&str]) -> Draft {
        let mut d = draft("标题", lead);
        for (i, text) in rest.iter().enumerate() {
            d.body.push(Unit::new(UnitKind::Para, *text, i + 2));
        }
        d
    }

    #[test]
    fn a_publication_line_beats_a_date_months_ahead_in_the_text() {
        let mut d =
            draft_with("发布时间：2020-03-01 10:20", &["会议定于2020年6月30日召开。", "6月30日前完成。"]);
        let dated = date_of(&mut d, Some(2020), ymd(2020, 2, 27));
        assert_eq!((dated.date, dated.basis), (ymd(2020, 3, 1), Some(DateBasis::PublicationLine)));
        assert_eq!(d.body.len(), 2, "the publication line left the body");
        assert!(d.flags.is_empty(), "{:?}", d.flags);
    }

    #[test]
    fn a_dateline_takes_its_year_from_the_publication_line() {
        let mut d = draft_with("新华社巴黎3月1日电 法国宣布新措施。", &["2021-03-02 08:00"]);
        let dated = date_of(&mut d, Some(2020), None);
        assert_eq!((dated.date, dated.basis), (ymd(2021, 3, 1), Some(DateBasis::Dateline)));
        // Published on 2 January: a dateline of 31 December is of the year before.
        let mut d = draft_with("中新网华盛顿12月31日电 美国。", &["发布日期：2021-01-02"]);
        assert_eq!(date_of(&mut d, Some(2021), None).date, ymd(2020, 12, 31));
        // No publication line: the year given (sidecar, else the source's full dates).
        let mut d = draft("标题", "中新网华盛顿2月29日电 美国宣布。");
        let dated = date_of(&mut d, Some(2020), None);
        assert_eq!((dated.date, dated.basis), (ymd(2020, 2, 29), Some(DateBasis::Dateline)));
    }

    #[test]
    fn the_issue_date_beats_the_text_and_the_text_is_flagged() {
        let mut d = draft("标题", "本报讯 2月26日，市里召开会议，3月5日复工。");
        let dated = date_of(&mut d, Some(2020), ymd(2020, 2, 27));
        assert_eq!((dated.date, dated.basis), (ymd(2020, 2, 27), Some(DateBasis::Sidecar)));
        assert!(d.flags.is_empty());
        let mut d = draft("标题", "本报讯 2月26日，市里召开会议，3月5日复工。");
        let dated = date_of(&mut d, Some(2020), None);
        assert_eq!((dated.date, dated.basis), (ymd(2020, 2, 26), Some(DateBasis::Text)));
        assert!(
            d.flags[0].text.starts_with("date 2020-02-26 from the lead: the page gives no publication line"),
            "{:?}",
            d.flags
        );
        let mut d = draft("标题", "日前，市委党校教师写下诗词。");
        assert_eq!(date_of(&mut d, Some(2020), None).basis, None);
    }

    #[test]
    fn an_ocr_year_is_never_used_and_is_flagged() {
        let mut d = draft("标题", "本报讯 20200年2月3日，市里召开会议。");
        d.body[0].lines = vec![3];
        assert_eq!(year_in_text("本报讯 20200年2月3日，2020年2月4日"), Some(2020));
        let dated = date_of(&mut d, Some(2020), None);
        assert_eq!(dated.date, ymd(2020, 2, 3));
        assert_eq!(d.flags[0].line, 3);
        assert_eq!(d.flags[0].text, "'20200年' is not a plausible year: check the scan");
        let mut d = draft("标题", "本报讯 20200年2月3日，市里召开会议。");
        assert_eq!(date_of(&mut d, None, None).date, None);
        assert_eq!(d.flags.len(), 1);
    }

    #[test]
    fn an_impossible_day_is_flagged_and_not_used() {
        let mut d = draft("标题", "本报讯 2月30日，市里召开会议。");
        assert_eq!(date_of(&mut d, Some(2020), None).date, None);
        assert_eq!(d.flags[0].text, "'2月30日' is not a date in 2020: check the scan");
        let mut d = draft("标题", "新华社武汉2月30日电 发热人员主动报告，2月16日起实行。");
        assert_eq!(date_of(&mut d, Some(2020), None).date, ymd(2020, 2, 16));
        assert!(d.flags[0].text.contains("in the dateline"), "{:?}", d.flags);
        let mut d = draft("标题", "特此公告。2020年2月30日");
        assert_eq!(date_of(&mut d, None, None).date, None);
        assert_eq!(d.flags[0].text, "'2020年2月30日' is not a date: check the scan");
    }
}
