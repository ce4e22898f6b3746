//! The timeline chart: articles per day as an inline SVG bar chart, or per
//! month or per year when the span is long, so that any accepted span
//! (1800–2100, about 110,000 days) gives at most a few hundred bars.

use crate::site::assemble::Site;
use chrono::{Datelike, NaiveDate};

/// Bars of one span unit; beyond this many, the next coarser unit is used.
const MAX_BARS: i64 = 400;

/// What one bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Month,
    Year,
}

impl Unit {
    /// The smallest unit that draws `first..=last` in at most [`MAX_BARS`] bars.
    fn for_span(first: NaiveDate, last: NaiveDate) -> Unit {
        if Unit::Day.index(first, last) < MAX_BARS {
            Unit::Day
        } else if Unit::Month.index(first, last) < MAX_BARS {
            Unit::Month
        } else {
            Unit::Year
        }
    }

    /// The bar of `date`, counted from the bar of `first` (0).
    fn index(self, first: NaiveDate, date: NaiveDate) -> i64 {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        match self {
            Unit::Day => (date - first).num_days(),
            Unit::Month => months(date) - months(first),
            Unit::Year => i64::from(date.year() - first.year()),
        }
    }

    fn title(self) -> &'static str {
        match self {
            Unit::Day => "每日文章数 Articles per day",
            Unit::Month => "每月文章数 Articles per month",
            Unit::Year => "每年文章数 Articles per year",
        }
    }

    /// The dates that get a tick and their labels: months for a chart by
    /// day, years by month, decades by year.
    fn ticks(self, first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, String)> {
        let mut ticks = Vec::new();
        match self {
            Unit::Day => {
                let mut d = first.with_day(1).unwrap_or(first);
                while d <= last {
                    // The first month is labelled at the start even if it began earlier.
                    ticks.push((d.max(first), format!("{}月", d.month())));
                    let Some(next) = d.checked_add_months(chrono::Months::new(1)) else { break };
                    d = next;
                }
            }
            Unit::Month | Unit::Year => {
                let step = if self == Unit::Month { 1 } else { 10 };
                let start = first.year() + (step - first.year().rem_euclid(step)) % step;
                for year in (start..=last.year()).step_by(step.unsigned_abs() as usize) {
                    if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
                        ticks.push((d.max(first), year.to_string()));
                    }
                }
            }
        }
        ticks
    }
}

/// The chart of the site's dated articles; empty when none is dated. Each
/// bar links to the first day it counts on the timeline page (`target` is
/// the timeline's path from the page). To assistive technology the chart
/// is a named list of links, one per bar, each named by its date and count.
pub fn chart(site: &Site, target: &str) -> String {
    let days: Vec<(NaiveDate, usize)> =
        site.timeline.months.iter().flat_map(|m| m.days.iter().map(|d| (d.date, d.articles.len()))).collect();
    bar_chart(&days, target)
}

/// The chart of `days` (date, articles), in date order.
fn bar_chart(days: &[(NaiveDate, usize)], target: &str) -> String {
    let (Some(&(first, _)), Some(&(last, _))) = (days.first(), days.last()) else {
        return String::new();
    };
    let unit = Unit::for_span(first, last);
    // Bars: (index, first day, count), days in date order.
    let mut bars: Vec<(usize, NaiveDate, usize)> = Vec::new();
    for &(date, count) in days {
        let index = usize::try_from(unit.index(first, date)).unwrap_or(0);
        match bars.last_mut() {
            Some(bar) if bar.0 == index => bar.2 += count,
            _ => bars.push((index, date, count)),
        }
    }
    let span = usize::try_from(unit.index(first, last)).unwrap_or(0) + 1;
    let max = bars.iter().map(|b| b.2).max().unwrap_or(1).max(1);
    // Bars of 3 to 24 px, so a long span fits and a short one is not a wall.
    let bar = (1100 / span).clamp(3, 24);
    let (height, top) = (80usize, 14usize);
    let width = (span * bar).max(60);
    let mut svg = format!(
        "<svg class=\"chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"group\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{}, {first} – {last}, max {max}</title><g role=\"list\" aria-labelledby=\"chart-title\">",
        unit.title(),
        w = width,
        h = height + top + 14,
    );
    for (index, date, count) in bars {
        let x = index * bar;
        let h = (count * height).div_ceil(max).max(2);
        svg.push_str(&format!(
            "<g role=\"listitem\"><a href=\"{target}#d{date}\" aria-label=\"{date}: {count} 篇 {}\"><rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{h}\"><title>{date}: {count}</title></rect></a></g>",
            if count == 1 { "article" } else { "articles" },
            top + height - h,
            bar - 1
        ));
    }
    // The ticks repeat what each bar's name says: hidden from the list.
    svg.push_str("</g><g aria-hidden=\"true\">");
    for (date, label) in unit.ticks(first, last) {
        let x = usize::try_from(unit.index(first, date)).unwrap_or(0) * bar;
        svg.push_str(&format!(
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{top}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\">{label}</text>",
            top + height,
            x + 2,
            top + height + 12,
        ));
    }
    svg.push_str("</g></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_unit_grows_with_the_span() {
        assert_eq!(Unit::for_span(date(2020, 1, 20), date(2020, 3, 1)), Unit::Day);
        assert_eq!(Unit::for_span(date(2020, 1, 1), date(2022, 1, 1)), Unit::Month);
        assert_eq!(Unit::for_span(date(1800, 1, 1), date(2100, 12, 31)), Unit::Year);
        assert_eq!(Unit::Year.index(date(1800, 1, 1), date(2100, 12, 31)), 300);
    }

    /// The `href`, bar height and tooltip of each bar.
    fn bars(svg: &str) -> Vec<(String, usize, String)> {
        svg.split("<a href=\"")
            .skip(1)
            .map(|bar| {
                let href = bar.split('"').next().unwrap().to_string();
                let height =
                    bar.split("height=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
                let title = bar.split("<title>").nth(1).unwrap().split('<').next().unwrap().to_string();
                (href, height, title)
            })
            .collect()
    }

    #[test]
    fn each_day_is_a_bar_linking_to_its_day() {
        let svg =
            bar_chart(&[(date(2020, 2, 27), 2), (date(2020, 2, 28), 1), (date(2020, 3, 1), 4)], "t.html");
        assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
        assert!(svg.ends_with("</svg>"), "{svg}");
        assert!(svg.contains("Articles per day, 2020-02-27 – 2020-03-01, max 4"), "{svg}");
        assert_eq!(
            bars(&svg),
            [
                ("t.html#d2020-02-27".into(), 40, "2020-02-27: 2".into()),
                ("t.html#d2020-02-28".into(), 20, "2020-02-28: 1".into()),
                ("t.html#d2020-03-01".into(), 80, "2020-03-01: 4".into()),
            ]
        );
        assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());
        assert!(!svg.contains("role=\"img\""), "an image role would hide the links: {svg}");
        assert_eq!(svg.matches("<g role=\"listitem\"><a ").count(), 3, "{svg}");
        assert!(svg.contains("aria-label=\"2020-02-28: 1 篇 article\""), "{svg}");
        assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
    }

    #[test]
    fn a_long_span_counts_by_month_and_an_empty_one_draws_nothing() {
        let svg = bar_chart(&[(date(2020, 1, 5), 1), (date(2020, 1, 20), 2), (date(2022, 6, 1), 1)], "");
        assert!(svg.contains("Articles per month"), "{svg}");
        let found = bars(&svg);
        assert_eq!(found.len(), 2, "{svg}");
        assert_eq!(found[0].0, "#d2020-01-05");
        assert_eq!(found[0].2, "2020-01-05: 3");
        assert_eq!(bar_chart(&[], "t.html"), "");
    }

    #[test]
    fn ticks_stay_few_for_the_longest_span() {
        let ticks = Unit::Year.ticks(date(1800, 1, 1), date(2100, 12, 31));
        assert_eq!(ticks.len(), 31);
        assert_eq!(ticks[1].1, "1810");
        let ticks = Unit::Day.ticks(date(2020, 1, 20), date(2020, 3, 1));
        let labels: Vec<&str> = ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["1月", "2月", "3月"]);
        assert_eq!(ticks[0].0, date(2020, 1, 20));
    }
}
