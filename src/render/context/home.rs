//! The front page (`home.html`).

use super::{ArticleSummary, RegionCount, date_zh, summaries};
use crate::render::chart::chart;
use crate::render::page::{Page, page_path, relative};
use crate::site::assemble::{Counts, Site};
use serde::Serialize;

/// How many of the latest dated articles the front page lists.
const LATEST: usize = 12;

/// `page` of `home.html`.
#[derive(Debug, Serialize)]
pub struct HomeContext {
    /// Figures about the edition.
    pub counts: CountsContext,
    /// The first article's date in Chinese (`2020年2月27日`), `null` if none is dated.
    pub first: Option<String>,
    /// The last article's date in Chinese, `null` if none is dated.
    pub last: Option<String>,
    /// The latest dated articles, newest first (at most 12).
    pub latest: Vec<ArticleSummary>,
    /// The top-level regions.
    pub regions: Vec<RegionCount>,
    /// The articles-per-day chart as inline SVG (print with `| safe`), `""` if none is dated.
    pub chart: String,
}

/// Figures about the edition.
#[derive(Debug, Serialize)]
pub struct CountsContext {
    /// Articles.
    pub articles: usize,
    /// Articles without a date.
    pub undated: usize,
    /// Articles with at least one translated block.
    pub translated_articles: usize,
    /// Blocks (¶) in all articles.
    pub blocks: usize,
    /// Translated blocks.
    pub translated_blocks: usize,
    /// Translated blocks whose source text changed since.
    pub stale_blocks: usize,
    /// Regions.
    pub regions: usize,
    /// Source files.
    pub sources: usize,
    /// Translated blocks per hundred, rounded down.
    pub coverage: usize,
}

impl CountsContext {
    fn new(c: &Counts) -> CountsContext {
        CountsContext {
            articles: c.articles,
            undated: c.undated,
            translated_articles: c.translated_articles,
            blocks: c.blocks,
            translated_blocks: c.translated_blocks,
            stale_blocks: c.stale_blocks,
            regions: c.regions,
            sources: c.sources,
            coverage: c.coverage_percent,
        }
    }
}

impl HomeContext {
    pub fn new(site: &Site) -> HomeContext {
        let c = &site.counts;
        let latest: Vec<usize> = (0..site.articles.len())
            .rev()
            .filter(|&i| site.articles[i].date.is_some())
            .take(LATEST)
            .collect();
        let regions = site.region_roots.iter().map(|&i| RegionCount::new(site, i)).collect();
        let timeline = relative(&page_path(site, Page::Home), &page_path(site, Page::Timeline));
        HomeContext {
            counts: CountsContext::new(c),
            first: c.first_date.map(date_zh),
            last: c.last_date.map(date_zh),
            latest: summaries(site, &latest),
            regions,
            chart: chart(site, &timeline),
        }
    }
}
