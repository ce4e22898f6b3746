//! Metadata: a cleaned draft in, its date and regions out.
//!
//! Date, in order: the dateline (新华社武汉2月16日电, 央广网…2月21日消息); a
//! reprint note (转自2月16日《人民日报》); a full date in the text
//! (2020年2月27日); the first date of a lead that opens with 本报讯; the
//! latest date the text mentions; the issue date in the sidecar. The year of
//! `2月27日` comes from the sidecar, else a full date in the source, else
//! `edition.toml`'s `default_year`.
//!
//! Regions: the article of a local paper is placed in the paper's home region
//! (refined to the county it names); one that names four or more provinces
//! is national (全国); otherwise the place its headline names, else the
//! dateline's, else the first place in the text. Every other place named is
//! listed under `places`.

use super::draft::Draft;
use crate::gazetteer::{Gazetteer, Level};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").unwrap());
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:(\d{1,2})月)?(\d{1,2})日").unwrap());
static REPRINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"转自(\d{1,2})月(\d{1,2})日《").unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d\d|19\d\d)年\d{1,2}月\d{1,2}日").unwrap());

static REPRINT_PAPER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"转自[^《》]{0,12}《([^《》]{2,12})》").unwrap());

/// The paper a reprint note names: `（转自2月16日《人民日报》）` → 人民日报.
pub fn reprinted_from(text: &str) -> Option<String> {
    Some(REPRINT_PAPER.captures(text)?.get(1)?.as_str().to_string())
}

/// The year of the first full date (`2020年2月27日`) in a text.
pub fn year_in_text(text: &str) -> Option<i32> {
    YEAR.captures(text)?.get(1)?.as_str().parse().ok()
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Month-day dates in text order; a bare `22日` takes the month before it.
fn month_days(text: &str) -> Vec<(u32, u32)> {
    let mut month = None;
    let mut out = Vec::new();
    for caps in MONTH_DAY.captures_iter(text) {
        let whole = caps.get(0).expect("match");
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
}

pub fn date_of(draft: &Draft, year: Option<i32>, issue: Option<NaiveDate>) -> Dated {
    let body: String = draft.body.iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join("\n");
    let found = |date: Option<NaiveDate>, how| Dated { date, how };
    if let (Some((m, d)), Some(y)) = (draft.dateline.as_ref().and_then(|dl| dl.date), year) {
        return found(ymd(y, m, d), "from the dateline");
    }
    if let (Some(caps), Some(y)) = (body.contains("转自").then(|| REPRINT.captures(&body)).flatten(), year)
    {
        return found(
            ymd(y, caps[1].parse().unwrap_or(0), caps[2].parse().unwrap_or(0)),
            "from the reprint note",
        );
    }
    if let Some(caps) = body.contains('年').then(|| FULL_DATE.captures(&body)).flatten() {
        let parse = |i: usize| caps[i].parse::<u32>().unwrap_or(0);
        return found(ymd(caps[1].parse().unwrap_or(0), parse(2), parse(3)), "from a full date in the text");
    }
    let Some(y) = year else {
        return found(issue, "from the issue date");
    };
    let has_dateline = draft.dateline.as_ref().is_some_and(|dl| dl.printed.starts_with("本报讯"));
    if has_dateline && let Some(lead) = draft.body.iter().find(|u| u.is_para()) {
        if let Some(&(m, d)) = month_days(&lead.text).first() {
            return found(ymd(y, m, d), "from the lead");
        }
    }
    if let Some(&(m, d)) = month_days(&body).iter().max() {
        return found(ymd(y, m, d), "the latest date the text mentions");
    }
    found(issue, "from the issue date in the sidecar")
}

/// `regions` (primary first) and `places` of a draft. An article that names
/// no place at all, in a source with no home region, is put under 全国 and
/// flagged for review.
pub fn regions_of(draft: &mut Draft, home: Option<u32>) -> (Vec<String>, Vec<String>) {
    let gazetteer = Gazetteer::embedded();
    let context: Vec<u32> = home.into_iter().collect();
    let headline = format!("{} {} {}", draft.kicker, draft.title, draft.subtitle);
    let body: String = draft.body.iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join("\n");
    let all = gazetteer.resolve(&format!("{headline}\n{body}"), &context);
    let in_title = gazetteer.resolve(&headline, &context);
    let place = draft.dateline.as_ref().and_then(|d| d.place.as_deref()).unwrap_or("");
    let in_dateline = gazetteer.resolve(place, &context);

    let is_under = |code: u32, ancestor: u32| gazetteer.lineage(code).any(|c| c == ancestor);
    let depth = |code: u32| gazetteer.get(code).map_or(0, |d| d.level as u8);
    let deepest = |codes: &[u32], within: Option<u32>| -> Option<u32> {
        let mut best: Option<u32> = None;
        for &code in codes {
            if within.is_some_and(|w| !is_under(code, w)) {
                continue;
            }
            if best.is_none_or(|b| depth(code) > depth(b)) {
                best = Some(code);
            }
        }
        best
    };
    let provinces: std::collections::BTreeSet<u32> =
        all.iter().filter_map(|&c| gazetteer.lineage(c).last()).collect();

    let primary: Option<u32> = if let Some(home) = home {
        deepest(&all, Some(home))
            .filter(|&c| gazetteer.get(c).is_some_and(|d| d.level == Level::County))
            .or(Some(home))
    } else if provinces.len() >= 4 && in_title.is_empty() {
        None
    } else {
        deepest(&in_title, None)
            .or_else(|| in_dateline.first().and_then(|&d| deepest(&all, Some(d)).or(Some(d))))
            .or_else(|| all.first().copied())
    };

    let regions = match primary {
        Some(code) => vec![gazetteer.path_string(code)],
        None => {
            if all.is_empty() {
                let line = draft.first_line();
                draft.flag(
                    line,
                    "the text names no place: region set to 全国; give the right one with a `set` fix",
                );
            }
            vec!["全国".to_string()]
        }
    };
    // Places: every other division named, without the ancestors of another.
    let mut places: Vec<String> = Vec::new();
    for &code in &all {
        let covered = primary.is_some_and(|p| is_under(p, code))
            || all.iter().any(|&other| other != code && is_under(other, code));
        let path = gazetteer.path_string(code);
        if Some(code) != primary && !covered && !places.contains(&path) {
            places.push(path);
        }
    }
    (regions, places)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::{Unit, UnitKind};
    use crate::ingest::text::parse_dateline;

    fn draft(title: &str, lead: &str) -> Draft {
        let mut draft = Draft { title: title.into(), ..Draft::default() };
        let mut text = lead.to_string();
        if let Some(dl) = parse_dateline(lead) {
            text = lead[dl.printed.len()..].to_string();
            draft.dateline = Some(dl);
        }
        draft.body.push(Unit::new(UnitKind::Para, text, 1));
        draft
    }

    #[test]
    fn dates_from_dateline_lead_and_latest_mention() {
        let d = draft("标题", "新华社武汉2月16日电(记者徐海波)发热人员主动报告。");
        assert_eq!(date_of(&d, Some(2020), None).date, ymd(2020, 2, 16));
        let d = draft("标题", "本报讯 记者张启国报道：2月27日下午，两辆救护车运抵，3月1日投入使用。");
        assert_eq!(date_of(&d, Some(2020), None).date, ymd(2020, 2, 27));
        let d = draft("标题", "2月20日，明确实行网格化管理；22日，完成体检；24日，推送播报。");
        assert_eq!(date_of(&d, Some(2020), None).date, ymd(2020, 2, 24));
        let d = draft("标题", "特此公告。2020年2月27日");
        assert_eq!(date_of(&d, None, None).date, ymd(2020, 2, 27));
        let d = draft("标题", "日前，市委党校教师写下诗词。");
        assert_eq!(date_of(&d, Some(2020), None).date, None);
    }

    #[test]
    fn local_paper_articles_sit_in_the_home_region_and_name_other_places() {
        let gazetteer = Gazetteer::embedded();
        let shiyan = gazetteer.code_of_path("湖北省/十堰市");
        let mut d = draft(
            "广西向我市捐赠两辆负压救护车",
            "本报讯 记者张启国报道：广西对口支援我市的两辆负压救护车运抵。",
        );
        let (regions, places) = regions_of(&mut d, shiyan);
        assert_eq!(regions, ["湖北省/十堰市"]);
        assert_eq!(places, ["广西壮族自治区"]);
        let mut d = draft(
            "东方明珠小区用绩效考核压实防疫工作",
            "连日来，茅箭五堰街办柳林新村社区东方明珠小区创新方法。",
        );
        assert_eq!(regions_of(&mut d, shiyan).0, ["湖北省/十堰市/茅箭区"]);
    }

    #[test]
    fn national_and_headline_places() {
        let mut d = draft("基层党组织奋力打好阻击战", "湖北、江苏、河北、重庆、新疆等地印发通知。");
        assert_eq!(regions_of(&mut d, None).0, ["全国"]);
        let mut d =
            draft("湖北黄冈发热人员主动就诊可得奖励", "新华社武汉2月16日电(记者徐海波)发热人员主动报告。");
        assert_eq!(regions_of(&mut d, None).0, ["湖北省/黄冈市"]);
    }
}
