//! Assemble: loaded files in, the [`Site`] out — articles paired with their
//! translations and sorted by date, prev/next, the timeline, the region tree,
//! sources and glossary, all computed once so that rendering a page never
//! walks the whole site.

use super::load::{Loaded, SourceFile};
use crate::config::Config;
use crate::error::{Diagnostic, Location};
use crate::model::figure::{figure_not_kept, figure_parts, image_is_local};
use crate::model::{ArticleId, BlockKind, FrontMatter, Term, Translation, line_of_key};
use crate::pair::history::GitHistory;
use crate::pair::{AlignedArticle, pair, translation_diagnostics};
use crate::texts::LoadedArticle;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// An article ready to render.
#[derive(Debug, Clone)]
pub struct SiteArticle {
    pub aligned: AlignedArticle,
    pub path: PathBuf,
    /// The whole Markdown file, front matter included.
    pub text: String,
    pub translation_path: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// For each `regions` entry, the region nodes from province down.
    pub regions: Vec<Vec<usize>>,
    pub translated_blocks: usize,
}

/// A node of the region tree: "全国", a province, prefecture or county.
#[derive(Debug, Clone)]
pub struct RegionNode {
    /// `湖北省/十堰市`.
    pub path: String,
    pub name: String,
    /// ASCII folder name under `regions/`.
    pub slug: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Articles filed here or below, in site order.
    pub articles: Vec<usize>,
    /// Articles that mention the place (`places`) without being filed here.
    pub mentioned: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Day {
    pub date: NaiveDate,
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Month {
    /// `2020-02`.
    pub key: String,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub months: Vec<Month>,
    pub undated: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct SiteSource {
    pub file: SourceFile,
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct GlossaryEntry {
    pub term: Term,
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Counts {
    pub articles: usize,
    pub undated: usize,
    pub translated_articles: usize,
    pub blocks: usize,
    pub translated_blocks: usize,
    pub stale_blocks: usize,
    pub regions: usize,
    pub sources: usize,
    /// Translated blocks per hundred, rounded down.
    pub coverage_percent: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

/// The whole edition, ready to render. Read-only from here on.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Sorted by date, undated last, then id.
    pub articles: Vec<SiteArticle>,
    pub timeline: Timeline,
    /// Sorted by path; `region_roots` are the top level.
    pub regions: Vec<RegionNode>,
    pub region_roots: Vec<usize>,
    pub sources: Vec<SiteSource>,
    pub glossary: Option<Vec<GlossaryEntry>>,
    /// Files under `content/` that exist (images), relative to `content/`.
    pub content_files: BTreeSet<String>,
    pub counts: Counts,
}

/// Pairs, sorts and indexes the loaded edition; its diagnostics come back
/// with the ones found here. `history`, when the edition is in git, supplies
/// the old text of stale blocks for their warnings.
pub fn assemble(
    config: Config,
    loaded: Loaded,
    history: Option<&GitHistory>,
    steps: &mut super::Steps,
) -> (Site, Vec<Diagnostic>) {
    let Loaded { articles, translations, sources, glossary, content_files, mut diagnostics } = loaded;
    let paired = paired_in_site_order(articles, translations);
    steps.mark("paired");
    let fronts: Vec<&FrontMatter> = paired.iter().map(|p| &p.aligned.article.front).collect();
    let (regions, region_roots, crumbs) = region_tree(&fronts);
    let articles = site_articles(paired, crumbs);

    steps.mark("region tree made");
    let untranslated = pairing_diagnostics(&articles, &content_files, history, &mut diagnostics);
    diagnostics.extend(untranslated_summary(&untranslated));
    steps.mark("pairs checked");
    let timeline = timeline(&articles);
    let sources = site_sources(sources, &articles, &mut diagnostics);
    let glossary = glossary.map(|terms| glossary_entries(terms, &articles));
    let counts = counts(&articles, &timeline, regions.len(), sources.len());
    let site =
        Site { config, articles, timeline, regions, region_roots, sources, glossary, content_files, counts };
    (site, diagnostics)
}

/// An article paired with its translation, before it has its place.
struct Paired {
    aligned: AlignedArticle,
    path: PathBuf,
    text: String,
    translation_path: Option<PathBuf>,
    date: Option<NaiveDate>,
}

/// Pairs each article with its translation, in parallel, and sorts them by
/// date, undated last, then id.
fn paired_in_site_order(
    articles: Vec<LoadedArticle>,
    mut translations: BTreeMap<ArticleId, (PathBuf, Translation)>,
) -> Vec<Paired> {
    let with_translations: Vec<_> = articles
        .into_iter()
        .map(|a| {
            let t = translations.remove(&a.article.id);
            (a, t)
        })
        .collect();
    let mut paired: Vec<Paired> = with_translations
        .into_par_iter()
        .map(|(loaded, t)| {
            let (translation_path, translation) = t.map_or((None, None), |(p, t)| (Some(p), Some(t)));
            let date = loaded.article.front.calendar_date();
            Paired {
                aligned: pair(loaded.article, translation),
                path: loaded.path,
                text: loaded.text,
                translation_path,
                date,
            }
        })
        .collect();
    let key = |p: &Paired| (p.date.is_none(), p.date);
    paired.sort_by(|a, b| (key(a), &a.aligned.article.id).cmp(&(key(b), &b.aligned.article.id)));
    paired
}

/// The site's articles, each whole: its neighbours and its region crumbs
/// (`crumbs[i]` for article `i`) known.
fn site_articles(paired: Vec<Paired>, crumbs: Vec<Vec<Vec<usize>>>) -> Vec<SiteArticle> {
    let n = paired.len();
    paired
        .into_iter()
        .zip(crumbs)
        .enumerate()
        .map(|(i, (p, regions))| SiteArticle {
            translated_blocks: p.aligned.coverage().translated,
            aligned: p.aligned,
            path: p.path,
            text: p.text,
            translation_path: p.translation_path,
            date: p.date,
            prev: i.checked_sub(1),
            next: (i + 1 < n).then_some(i + 1),
            regions,
        })
        .collect()
}

/// One warning naming (some of) the articles without a translation.
fn untranslated_summary(untranslated: &[String]) -> Option<Diagnostic> {
    if untranslated.is_empty() {
        return None;
    }
    let shown: Vec<_> = untranslated.iter().take(5).map(String::as_str).collect();
    Some(Diagnostic::warning(
        None,
        format!(
            "{} article(s) have no English translation yet ({}{}): run `duizhao translate <id>`",
            untranslated.len(),
            shown.join(", "),
            if untranslated.len() > 5 { ", …" } else { "" }
        ),
    ))
}

pub(crate) fn counts(
    articles: &[SiteArticle],
    timeline: &Timeline,
    regions: usize,
    sources: usize,
) -> Counts {
    let blocks: usize = articles.iter().map(|a| a.aligned.rows.len()).sum();
    let translated_blocks: usize = articles.iter().map(|a| a.translated_blocks).sum();
    Counts {
        articles: articles.len(),
        undated: timeline.undated.len(),
        translated_articles: articles.iter().filter(|a| a.translated_blocks > 0).count(),
        blocks,
        translated_blocks,
        stale_blocks: articles.iter().map(|a| a.aligned.coverage().stale).sum(),
        regions,
        sources,
        coverage_percent: (translated_blocks * 100).checked_div(blocks).unwrap_or(0),
        first_date: articles.iter().find_map(|a| a.date),
        last_date: articles.iter().rev().find_map(|a| a.date),
    }
}

/// Warnings about images not found and about each translation (see
/// [`translation_diagnostics`]); returns the ids of untranslated articles.
fn pairing_diagnostics(
    articles: &[SiteArticle],
    content_files: &BTreeSet<String>,
    history: Option<&GitHistory>,
    out: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let found: Vec<Vec<Diagnostic>> = articles
        .par_iter()
        .map(|a| {
            let mut found = image_diagnostics(a, content_files);
            if let Some(tpath) = &a.translation_path {
                found.extend(translation_diagnostics(tpath, &a.aligned, history));
            }
            found
        })
        .collect();
    out.extend(found.into_iter().flatten());
    articles
        .iter()
        .filter(|a| a.translation_path.is_none())
        .map(|a| a.aligned.article.id.to_string())
        .collect()
}

/// A warning for each figure whose local picture is not in `content/`.
pub(crate) fn image_diagnostics(a: &SiteArticle, content_files: &BTreeSet<String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for row in a.aligned.rows.iter().filter(|r| r.zh.kind == BlockKind::Figure) {
        if let Some((_, file)) = figure_parts(&row.zh.markdown) {
            let absent = !file.is_empty() && !image_is_local(&file, content_files);
            if absent && !figure_not_kept(&row.zh.markdown) {
                out.push(Diagnostic::warning(
                    Some(Location::new(&a.path, row.zh.line)),
                    format!("{}: image \"{file}\" not found (looked for content/{file})", row.zh.no),
                ));
            }
        }
    }
    out
}

/// An ASCII slug for a region path: word-level pinyin of each part (so
/// 重庆 is `chongqing`, not `zhongqing`), parts joined by `-`.
pub fn region_slug(path: &str) -> String {
    let mut parts = Vec::new();
    for part in path.split('/') {
        let mut s = String::new();
        for piece in crate::pinyin::pieces(part) {
            if piece.syllables.is_empty() {
                s.extend(
                    piece.text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()),
                );
            } else {
                piece.syllables.iter().for_each(|syllable| s.push_str(&crate::pinyin::plain(syllable)));
            }
        }
        parts.push(s);
    }
    let slug = parts.join("-");
    if slug.trim_matches('-').is_empty() { "region".into() } else { slug }
}

/// The region tree of the articles' `regions` and `places` (`fronts[i]`
/// is article `i`'s): the nodes, the roots, and for each article the chain
/// of nodes of each of its `regions`, province first.
fn region_tree(fronts: &[&FrontMatter]) -> (Vec<RegionNode>, Vec<usize>, Vec<Vec<Vec<usize>>>) {
    let paths = region_paths(fronts);
    let index: BTreeMap<String, usize> = paths.iter().enumerate().map(|(i, p)| (p.clone(), i)).collect();
    let mut nodes = region_nodes(&paths, &index);
    let roots = link_children(&mut nodes);
    let crumbs =
        fronts.iter().enumerate().map(|(ai, front)| file_article(&mut nodes, &index, ai, front)).collect();
    (nodes, roots, crumbs)
}

/// Every region path named, with every prefix of it (`湖北省`, `湖北省/十堰市`).
fn region_paths(fronts: &[&FrontMatter]) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for front in fronts {
        for r in front.regions.iter().chain(&front.places) {
            let mut prefix = String::new();
            for part in r.split('/').filter(|p| !p.is_empty()) {
                if !prefix.is_empty() {
                    prefix.push('/');
                }
                prefix.push_str(part);
                paths.insert(prefix.clone());
            }
        }
    }
    paths
}

/// A node per path, with a unique slug and its parent, no articles yet.
fn region_nodes(paths: &BTreeSet<String>, index: &BTreeMap<String, usize>) -> Vec<RegionNode> {
    let mut slugs_used: BTreeMap<String, usize> = BTreeMap::new();
    paths
        .iter()
        .map(|p| {
            let base = region_slug(p);
            let k = slugs_used.entry(base.clone()).or_insert(0);
            *k += 1;
            let slug = if *k == 1 { base } else { format!("{base}-{k}") };
            let (parent, name) = match p.rsplit_once('/') {
                Some((parent, name)) => (index.get(parent).copied(), name.to_string()),
                None => (None, p.clone()),
            };
            RegionNode {
                path: p.clone(),
                name,
                slug,
                parent,
                children: Vec::new(),
                articles: Vec::new(),
                mentioned: Vec::new(),
            }
        })
        .collect()
}

/// Fills in each node's children; returns the roots, "全国" first, then
/// provinces in code-point order, then "国外" (foreign news) last.
fn link_children(nodes: &mut [RegionNode]) -> Vec<usize> {
    let mut roots = Vec::new();
    for i in 0..nodes.len() {
        match nodes[i].parent {
            Some(p) => nodes[p].children.push(i),
            None => roots.push(i),
        }
    }
    roots.sort_by_key(|&i| (nodes[i].path != "全国", nodes[i].path == crate::gazetteer::ABROAD, i));
    roots
}

/// Files article `ai` under its regions and as mentioned by its places;
/// returns its crumbs, one chain of nodes per `regions` entry.
fn file_article(
    nodes: &mut [RegionNode],
    index: &BTreeMap<String, usize>,
    ai: usize,
    front: &FrontMatter,
) -> Vec<Vec<usize>> {
    let chain = |nodes: &[RegionNode], path: &str| -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = index.get(path.trim_matches('/')).copied();
        while let Some(i) = at {
            out.push(i);
            at = nodes[i].parent;
        }
        out.reverse();
        out
    };
    let crumbs: Vec<Vec<usize>> = front.regions.iter().map(|r| chain(nodes, r)).collect();
    let filed: BTreeSet<usize> = crumbs.iter().flatten().copied().collect();
    for &i in &filed {
        nodes[i].articles.push(ai);
    }
    let mut mentioned = BTreeSet::new();
    for p in &front.places {
        mentioned.extend(chain(nodes, p).into_iter().filter(|i| !filed.contains(i)));
    }
    for &i in &mentioned {
        nodes[i].mentioned.push(ai);
    }
    crumbs
}

fn timeline(articles: &[SiteArticle]) -> Timeline {
    let mut t = Timeline::default();
    for (i, a) in articles.iter().enumerate() {
        let Some(date) = a.date else {
            t.undated.push(i);
            continue;
        };
        let key = format!("{:04}-{:02}", date.year(), date.month());
        if t.months.last().is_none_or(|m| m.key != key) {
            t.months.push(Month { key, days: Vec::new() });
        }
        let Some(month) = t.months.last_mut() else { continue };
        if month.days.last().is_none_or(|d| d.date != date) {
            month.days.push(Day { date, articles: Vec::new() });
        }
        if let Some(day) = month.days.last_mut() {
            day.articles.push(i);
        }
    }
    t
}

fn site_sources(
    files: Vec<SourceFile>,
    articles: &[SiteArticle],
    out: &mut Vec<Diagnostic>,
) -> Vec<SiteSource> {
    let mut by_path: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        by_path.entry(a.aligned.article.front.source.clone()).or_default().push(i);
    }
    let mut sources = Vec::new();
    for file in files {
        let articles = by_path.remove(&file.path).unwrap_or_default();
        sources.push(SiteSource { file, articles });
    }
    for (path, list) in by_path {
        let a = &articles[list[0]];
        let line = line_of_key(&a.text, "source").map_or(1, |i| i + 1);
        out.push(Diagnostic::warning(
            Some(Location::new(&a.path, line)),
            format!("source \"{path}\" is not a file in sources/ ({} article(s) name it)", list.len()),
        ));
    }
    sources
}

fn glossary_entries(terms: Vec<Term>, articles: &[SiteArticle]) -> Vec<GlossaryEntry> {
    let patterns: Vec<&str> = terms.iter().map(|t| t.zh.as_str()).collect();
    let matcher = aho_corasick::AhoCorasick::new(&patterns).ok();
    let hits: Vec<BTreeSet<usize>> =
        articles.par_iter().map(|a| matcher.as_ref().map(|m| terms_in(m, a)).unwrap_or_default()).collect();
    let mut entries: Vec<GlossaryEntry> =
        terms.into_iter().map(|term| GlossaryEntry { term, articles: Vec::new() }).collect();
    for (ai, found) in hits.into_iter().enumerate() {
        for t in found {
            entries[t].articles.push(ai);
        }
    }
    entries
}

/// The glossary terms (their indices in `matcher`) article `a` holds, in its title or its blocks.
pub(crate) fn terms_in(matcher: &aho_corasick::AhoCorasick, a: &SiteArticle) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    let title = &a.aligned.article.front.title;
    for text in std::iter::once(title).chain(a.aligned.rows.iter().map(|r| &r.zh.markdown)) {
        for hit in matcher.find_overlapping_iter(text.as_str()) {
            found.insert(hit.pattern().as_usize());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use std::path::Path;

    fn loaded_article(id: &str, front: &str) -> LoadedArticle {
        let path = PathBuf::from(format!("content/{id}.md"));
        let text = format!("+++\ntitle = \"题\"\nsource = \"s\"\n{front}+++\n\n正文。\n");
        LoadedArticle { article: Article::parse(&path, &text).unwrap(), path, text }
    }

    #[test]
    fn articles_come_whole_in_date_order_and_loader_problems_are_kept() {
        let loaded = Loaded {
            articles: vec![
                loaded_article("b", "date = 2020-02-01\nregions = [\"湖北省/十堰市\"]\n"),
                loaded_article("a", "date = 2020-03-01\nregions = [\"全国\"]\nplaces = [\"湖北省\"]\n"),
                loaded_article("c", "undated = true\n"),
            ],
            diagnostics: vec![Diagnostic::note(Some(Location::new(Path::new("content/x.md"), 1)), "kept")],
            ..Loaded::default()
        };
        let (site, diagnostics) =
            assemble(Config::default(), loaded, None, &mut crate::site::Steps::default());
        let ids: Vec<_> = site.articles.iter().map(|a| a.aligned.article.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c"]);
        let neighbours: Vec<_> = site.articles.iter().map(|a| (a.prev, a.next)).collect();
        assert_eq!(neighbours, [(None, Some(1)), (Some(0), Some(2)), (Some(1), None)]);
        let crumbs = |i: usize| -> Vec<Vec<&str>> {
            site.articles[i]
                .regions
                .iter()
                .map(|c| c.iter().map(|&n| site.regions[n].name.as_str()).collect())
                .collect()
        };
        assert_eq!(crumbs(0), [["湖北省", "十堰市"]]);
        assert_eq!(crumbs(1), [["全国"]]);
        let hubei = site.regions.iter().find(|r| r.path == "湖北省").unwrap();
        assert_eq!((hubei.articles.as_slice(), hubei.mentioned.as_slice()), (&[0][..], &[1][..]));
        assert_eq!(site.region_roots.first().map(|&r| site.regions[r].name.as_str()), Some("全国"));
        assert!(diagnostics.iter().any(|d| d.to_string().contains("kept")), "{diagnostics:?}");
    }

    #[test]
    fn foreign_news_is_a_root_region_last_with_a_sane_slug() {
        let loaded = Loaded {
            articles: vec![
                loaded_article(
                    "f",
                    "date = 2020-03-01\nregions = [\"国外/法国\"]\nplaces = [\"国外/英国\"]\n",
                ),
                loaded_article("h", "date = 2020-03-02\nregions = [\"香港特别行政区/沙田区\"]\n"),
                loaded_article("n", "date = 2020-03-03\nregions = [\"全国\"]\n"),
            ],
            ..Loaded::default()
        };
        let (site, _) = assemble(Config::default(), loaded, None, &mut crate::site::Steps::default());
        let roots: Vec<&str> = site.region_roots.iter().map(|&r| site.regions[r].path.as_str()).collect();
        assert_eq!(roots, ["全国", "香港特别行政区", "国外"]);
        let slug = |path: &str| site.regions.iter().find(|r| r.path == path).map(|r| r.slug.as_str());
        assert_eq!(slug("国外"), Some("guowai"));
        assert_eq!(region_slug("重庆市/渝中区"), "chongqingshi-yuzhongqu");
        assert_eq!(region_slug("福建省/厦门市"), "fujiansheng-xiamenshi");
        assert_eq!(region_slug("山西省/吕梁市"), "shanxisheng-lvliangshi");
        assert_eq!(slug("国外/法国"), Some("guowai-faguo"));
        assert_eq!(slug("香港特别行政区/沙田区"), Some("xianggangtebiexingzhengqu-shatianqu"));
    }
}
