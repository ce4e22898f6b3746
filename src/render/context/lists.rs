//! The timeline (`timeline.html`) and the glossary (`glossary.html`):
//! articles listed under dates and under terms.

use super::{ArticleSummary, date_zh, summaries};
use crate::render::chart::chart;
use crate::site::assemble::Site;
use chrono::Datelike;
use serde::Serialize;

/// `page` of `timeline.html`.
#[derive(Debug, Serialize)]
pub struct TimelineContext {
    /// The months with dated articles, in order.
    pub months: Vec<MonthContext>,
    /// The articles without a date.
    pub undated: Vec<ArticleSummary>,
    /// The articles-per-day chart as inline SVG (print with `| safe`), `""` if none is dated.
    pub chart: String,
}

/// One month of the timeline.
#[derive(Debug, Serialize)]
pub struct MonthContext {
    /// `YYYY-MM`, for the element id `m{{ key }}`.
    pub key: String,
    /// `2020年2月`.
    pub label_zh: String,
    /// `February 2020`.
    pub label_en: String,
    /// Articles in the month.
    pub count: usize,
    /// The days with articles, in order.
    pub days: Vec<DayContext>,
}

/// One day of the timeline.
#[derive(Debug, Serialize)]
pub struct DayContext {
    /// `d2020-02-27`: the element id the chart's bars link to.
    pub anchor: String,
    /// `2020-02-27`.
    pub date: String,
    /// `2020年2月27日`.
    pub label_zh: String,
    /// `27 February 2020`.
    pub label_en: String,
    /// The day's articles.
    pub articles: Vec<ArticleSummary>,
}

impl TimelineContext {
    pub fn new(site: &Site) -> TimelineContext {
        let months = site
            .timeline
            .months
            .iter()
            .map(|m| {
                let first = m.days[0].date;
                MonthContext {
                    key: m.key.clone(),
                    label_zh: format!("{}年{}月", first.year(), first.month()),
                    label_en: first.format("%B %Y").to_string(),
                    count: m.days.iter().map(|d| d.articles.len()).sum(),
                    days: m
                        .days
                        .iter()
                        .map(|d| DayContext {
                            anchor: format!("d{}", d.date),
                            date: d.date.to_string(),
                            label_zh: date_zh(d.date),
                            label_en: d.date.format("%-d %B %Y").to_string(),
                            articles: summaries(site, &d.articles),
                        })
                        .collect(),
                }
            })
            .collect();
        // The bars link to days on this same page.
        TimelineContext { months, undated: summaries(site, &site.timeline.undated), chart: chart(site, "") }
    }
}

/// `page` of `glossary.html`.
#[derive(Debug, Serialize)]
pub struct GlossaryContext {
    /// The terms, in the order of `translations/en/glossary.toml`.
    pub terms: Vec<TermContext>,
}

/// One glossary term.
#[derive(Debug, Serialize)]
pub struct TermContext {
    /// The Chinese term.
    pub zh: String,
    /// Its English rendering.
    pub en: String,
    /// The translator's note, `""` if none.
    pub note: String,
    /// The articles the term occurs in.
    pub articles: Vec<ArticleSummary>,
}

impl GlossaryContext {
    pub fn new(site: &Site) -> GlossaryContext {
        let terms = site
            .glossary
            .iter()
            .flatten()
            .map(|g| TermContext {
                zh: g.term.zh.clone(),
                en: g.term.en.clone(),
                note: g.term.note.clone(),
                articles: summaries(site, &g.articles),
            })
            .collect();
        GlossaryContext { terms }
    }
}
