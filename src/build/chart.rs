//! The articles-per-day bar chart of the home and timeline pages: inline
//! SVG, drawn with attributes only (no inline style), one bar per day.

use super::assemble::Site;
use chrono::{Datelike, NaiveDate};

/// Articles per day as an inline SVG bar chart; each bar links to its day
/// on the timeline page (`target` is the timeline's path from the page).
pub fn chart(site: &Site, target: &str) -> String {
    let days: Vec<(NaiveDate, usize)> =
        site.timeline.months.iter().flat_map(|m| m.days.iter().map(|d| (d.date, d.articles.len()))).collect();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return String::new();
    };
    let span = (last.0 - first.0).num_days() as usize + 1;
    let max = days.iter().map(|d| d.1).max().unwrap_or(1).max(1);
    // Bars of 3 to 24 px, so a long span fits and a short one is not a wall.
    let bar = (1100 / span).clamp(3, 24);
    let (height, top) = (80usize, 14usize);
    let width = (span * bar).max(60);
    let mut svg = format!(
        "<svg class=\"chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">每日文章数 Articles per day, {} – {}, max {max}</title>",
        first.0,
        last.0,
        w = width,
        h = height + top + 14,
    );
    for (date, count) in &days {
        let x = (*date - first.0).num_days() as usize * bar;
        let h = (count * height).div_ceil(max).max(2);
        svg.push_str(&format!(
            "<a href=\"{target}#d{date}\"><rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{h}\"><title>{date}: {count}</title></rect></a>",
            top + height - h,
            bar - 1
        ));
    }
    // Month ticks.
    let mut d = first.0.with_day(1).unwrap_or(first.0);
    while d <= last.0 {
        // The first month is labelled at the start even if it began earlier.
        if d >= first.0 || d.month() == first.0.month() {
            let x = (d.max(first.0) - first.0).num_days() as usize * bar;
            svg.push_str(&format!(
                "<line x1=\"{x}\" x2=\"{x}\" y1=\"{top}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\">{}月</text>",
                top + height,
                x + 2,
                top + height + 12,
                d.month()
            ));
        }
        d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(NaiveDate::MAX);
    }
    svg.push_str("</svg>");
    svg
}
