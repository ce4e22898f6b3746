//! The region tree (`regions.html`) and one region's page (`region.html`).

use super::{ArticleSummary, Link, RegionCount, region_link, summaries};
use crate::render::page::{Page, href};
use crate::site::assemble::Site;
use serde::Serialize;

/// `page` of `regions.html`.
#[derive(Debug, Serialize)]
pub struct RegionsContext {
    /// Every region, depth first: each followed by its children.
    pub tree: Vec<TreeItem>,
}

/// One region of the tree.
#[derive(Debug, Serialize)]
pub struct TreeItem {
    /// Region name (Chinese).
    pub name: String,
    /// Full path, `/`-separated (`广西/南宁`).
    pub path: String,
    /// The region's page.
    pub href: String,
    /// Articles filed under the region.
    pub count: usize,
    /// Further articles that mention it.
    pub mentioned: usize,
    /// 0 for a top-level region, 1 for its children, …
    pub depth: usize,
    /// Whether the next item is its first child: the item opens a nested list.
    pub opens: bool,
    /// How many nested lists end after it (when it opens none).
    pub closes: usize,
}

impl RegionsContext {
    pub fn new(site: &Site) -> RegionsContext {
        let mut tree = Vec::new();
        let mut stack: Vec<(usize, usize)> = site.region_roots.iter().rev().map(|&i| (i, 0)).collect();
        while let Some((i, depth)) = stack.pop() {
            let n = &site.regions[i];
            tree.push(TreeItem {
                name: n.name.clone(),
                path: n.path.clone(),
                href: href(site, Page::Region(i), None),
                count: n.articles.len(),
                mentioned: n.mentioned.len(),
                depth,
                opens: !n.children.is_empty(),
                closes: 0,
            });
            stack.extend(n.children.iter().rev().map(|&c| (c, depth + 1)));
        }
        // Items are depth first, so the lists that end after an item are
        // the levels between it and the next item.
        for i in 0..tree.len() {
            let next = tree.get(i + 1).map_or(0, |t| t.depth);
            tree[i].closes = tree[i].depth.saturating_sub(next);
        }
        RegionsContext { tree }
    }
}

/// `page` of `region.html`.
#[derive(Debug, Serialize)]
pub struct RegionContext {
    /// Region name (Chinese).
    pub name: String,
    /// Full path, `/`-separated.
    pub path: String,
    /// From the top-level region down to this one (included).
    pub crumbs: Vec<Link>,
    /// The regions directly under this one.
    pub children: Vec<RegionCount>,
    /// Articles filed under the region.
    pub articles: Vec<ArticleSummary>,
    /// Further articles that mention it.
    pub mentioned: Vec<ArticleSummary>,
}

impl RegionContext {
    pub fn new(site: &Site, i: usize) -> RegionContext {
        let n = &site.regions[i];
        let mut crumbs = Vec::new();
        let mut at = Some(i);
        while let Some(j) = at {
            crumbs.push(region_link(site, j));
            at = site.regions[j].parent;
        }
        crumbs.reverse();
        let children = n.children.iter().map(|&c| RegionCount::new(site, c)).collect();
        RegionContext {
            name: n.name.clone(),
            path: n.path.clone(),
            crumbs,
            children,
            articles: summaries(site, &n.articles),
            mentioned: summaries(site, &n.mentioned),
        }
    }
}
