//! The variables each template receives: one `#[derive(Serialize)]` struct
//! per page kind, built from `&Site` (and the highlighter). `docs/theme.md`
//! documents every field, and a test keeps the two in step.
//!
//! Every `href` here comes from [`super::page::href`]: relative to the
//! output folder, for the template to prefix with `{{ root }}`.

mod aids;
mod article;
mod home;
mod lists;
mod proof;
mod reader;
mod regions;
mod sources;

pub use article::{ArticleContext, ArticleRow, AuthorContext, Figure, Neighbour, TranslationContext};
pub use home::{CountsContext, HomeContext};
pub use lists::{DayContext, GlossaryContext, MonthContext, TermContext, TimelineContext};
pub use proof::{ProofNote, Proofreading, StatusCount, StatusLabel};
pub use reader::{ReaderContext, ReaderPartContext, VocabWord};
pub use regions::{RegionContext, RegionsContext, TreeItem};
pub use sources::{SidecarRow, SourceArticle, SourceContext, SourcesContext};

use super::page::{Page, href};
use crate::site::assemble::{Site, SiteArticle};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// What every template receives at the top level.
#[derive(Debug, Serialize)]
pub struct PageContext<T: Serialize> {
    /// From this page back to the output folder: `""`, `"../"`, `"../../"`.
    pub root: String,
    /// This page's file, relative to the output folder.
    pub path: String,
    /// The edition as a whole.
    pub site: SiteContext,
    /// The page's absolute address when `base_url` is set, else `""`.
    pub canonical: String,
    /// The page's title, for `<title>`.
    pub page_title: String,
    /// What this page kind shows; `{}` for the 404 page.
    pub page: T,
}

/// The edition, the same on every page.
#[derive(Debug, Serialize)]
pub struct SiteContext {
    /// Chinese title from `edition.toml`.
    pub title_zh: String,
    /// English title from `edition.toml`.
    pub title_en: String,
    /// Chinese description, `""` if none.
    pub description_zh: String,
    /// English description, `""` if none.
    pub description_en: String,
    /// Whether the site has a glossary page.
    pub has_glossary: bool,
    /// The published address, ending in `/`, or `""`.
    pub base_url: String,
}

impl SiteContext {
    pub fn new(site: &Site) -> SiteContext {
        let c = &site.config;
        SiteContext {
            title_zh: c.title.zh.clone(),
            title_en: c.title.en.clone(),
            description_zh: c.description.zh.clone(),
            description_en: c.description.en.clone(),
            has_glossary: site.glossary.is_some(),
            base_url: c.base_url.clone(),
        }
    }
}

/// `page`: the variables of one page kind.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PageData {
    Home(HomeContext),
    Article(Box<ArticleContext>),
    Timeline(TimelineContext),
    Regions(RegionsContext),
    Region(RegionContext),
    Sources(SourcesContext),
    Glossary(GlossaryContext),
    NotFound(Empty),
    Search(Empty),
    Reader(ReaderContext),
}

impl PageData {
    /// The page's title, for `<title>`.
    pub fn title(&self, site: &Site) -> String {
        match self {
            PageData::Home(_) => site.config.title.zh.clone(),
            PageData::Article(a) => a.title.clone(),
            PageData::Timeline(_) => "时间线 Timeline".into(),
            PageData::Regions(_) => "地区 Regions".into(),
            PageData::Region(r) => r.name.clone(),
            PageData::Sources(_) => "来源 Sources".into(),
            PageData::Glossary(_) => "词汇 Glossary".into(),
            PageData::NotFound(_) => "404".into(),
            PageData::Search(_) => "搜索 Search".into(),
            PageData::Reader(r) => format!("{} {}", r.title_zh, r.title_en),
        }
    }
}

/// A page with no variables of its own (404, search).
#[derive(Debug, Serialize)]
pub struct Empty {}

/// A named link: a region in a breadcrumb or a list of regions.
#[derive(Debug, Serialize)]
pub struct Link {
    /// Region name (Chinese).
    pub name: String,
    /// The region's page.
    pub href: String,
}

/// A region with its number of articles.
#[derive(Debug, Serialize)]
pub struct RegionCount {
    /// Region name (Chinese).
    pub name: String,
    /// The region's page.
    pub href: String,
    /// Articles filed under the region.
    pub count: usize,
}

impl RegionCount {
    pub fn new(site: &Site, n: usize) -> RegionCount {
        let region = &site.regions[n];
        RegionCount {
            name: region.name.clone(),
            href: href(site, Page::Region(n), None),
            count: region.articles.len(),
        }
    }
}

/// What a list of articles shows about one of them (`article-list.html`).
#[derive(Debug, Serialize)]
pub struct ArticleSummary {
    /// The article's page.
    pub href: String,
    /// Chinese title.
    pub title: String,
    /// English title, `null` if not translated.
    pub en: Option<String>,
    /// `YYYY-MM-DD`, `null` if undated.
    pub date: Option<String>,
    /// The date is inferred (the issue date of its page): show it as c. / 约.
    pub date_inferred: bool,
    /// The first region of the front matter, `null` if none.
    pub region: Option<String>,
    /// Publication, `""` if unknown.
    pub publication: String,
    /// Number of blocks (¶).
    pub blocks: usize,
    /// Number of translated blocks.
    pub translated: usize,
}

impl ArticleSummary {
    pub fn new(site: &Site, i: usize) -> ArticleSummary {
        let a = &site.articles[i];
        let f = &a.aligned.article.front;
        ArticleSummary {
            href: href(site, Page::Article(i), None),
            title: f.title.clone(),
            en: english_title(a),
            date: a.date.map(|d| d.to_string()),
            date_inferred: a.date.is_some() && f.date_inferred,
            region: f.regions.first().cloned(),
            publication: f.publication.clone(),
            blocks: a.aligned.rows.len(),
            translated: a.translated_blocks,
        }
    }
}

/// The summaries of the articles at `list`.
pub fn summaries(site: &Site, list: &[usize]) -> Vec<ArticleSummary> {
    list.iter().map(|&i| ArticleSummary::new(site, i)).collect()
}

fn english_title(a: &SiteArticle) -> Option<String> {
    a.aligned.translation.as_ref().map(|t| t.title.clone())
}

/// The link to region `n`.
pub fn region_link(site: &Site, n: usize) -> Link {
    Link { name: site.regions[n].name.clone(), href: href(site, Page::Region(n), None) }
}

/// `2020-02-27` as `2020年2月27日`.
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A source path as an element id: ASCII letters and digits, the rest `-`.
pub fn anchor(path: &str) -> String {
    path.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_chinese() {
        assert_eq!(date_zh(NaiveDate::from_ymd_opt(2020, 2, 7).unwrap()), "2020年2月7日");
    }

    #[test]
    fn anchors_keep_ascii_letters_and_digits() {
        assert_eq!(anchor("sources/Shiyan.txt"), "sources-shiyan-txt");
        assert_eq!(anchor("sources/十堰.txt"), "sources----txt");
    }
}
