//! Render: `&Site` in, pages out, one at a time so that callers can render
//! in parallel (rayon) and write or check each page as it comes. Templates
//! are Tera; code is highlighted by syntect; pages are minified by
//! minify-html. Nothing here walks the whole site for one page.

use crate::model::figure::{figure_not_kept, figure_parts, image_is_local};
use crate::site::assemble::{Site, SiteArticle};
pub mod chart;
pub mod cite;
pub mod highlight;
pub mod links;
pub mod markdown;

use crate::error::{Error, Result};
use crate::model::BlockKind;
use crate::pair::RowStatus;
use crate::theme::Theme;
use chart::chart;
use chrono::{Datelike, NaiveDate};
use cite::citation;
use highlight::{Highlighter, escape, stylesheet};
use markdown::{inline_html, markdown_html};
use serde_json::{Value, json};
use tera::{Context, Tera};

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Article(usize),
    Timeline,
    Regions,
    Region(usize),
    Sources,
    Glossary,
    NotFound,
}

impl Page {
    /// Template of the page kind.
    fn template(self) -> &'static str {
        match self {
            Page::Home => "home.html",
            Page::Article(_) => "article.html",
            Page::Timeline => "timeline.html",
            Page::Regions => "regions.html",
            Page::Region(_) => "region.html",
            Page::Sources => "sources.html",
            Page::Glossary => "glossary.html",
            Page::NotFound => "404.html",
        }
    }
}

/// Every page of the site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::Timeline, Page::Regions, Page::Sources];
    if site.glossary.is_some() {
        pages.push(Page::Glossary);
    }
    pages.push(Page::NotFound);
    pages.extend((0..site.regions.len()).map(Page::Region));
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages
}

/// The page's file, relative to the output folder, `/`-separated.
pub fn page_path(site: &Site, page: Page) -> String {
    match page {
        Page::Home => "index.html".into(),
        Page::Article(i) => article_path(&site.articles[i]),
        Page::Timeline => "timeline/index.html".into(),
        Page::Regions => "regions/index.html".into(),
        Page::Region(i) => format!("regions/{}/index.html", site.regions[i].slug),
        Page::Sources => "sources/index.html".into(),
        Page::Glossary => "glossary/index.html".into(),
        Page::NotFound => "404.html".into(),
    }
}

fn article_path(a: &SiteArticle) -> String {
    format!("articles/{}.html", a.aligned.article.id)
}

/// Templates parsed once, plus the highlighter; shared by all pages.
pub struct Renderer {
    tera: Tera,
    highlighter: Highlighter,
    theme: Theme,
}

impl Renderer {
    /// Parses the theme's templates; a syntax error names the template
    /// file and line.
    pub fn new(theme: Theme) -> Result<Renderer> {
        let mut tera = Tera::new();
        let mut texts = Vec::new();
        for (name, file) in &theme.templates {
            let text = std::str::from_utf8(&file.bytes).map_err(|_| {
                Error::Other(format!("{}: template is not UTF-8", file.origin("templates", name)))
            })?;
            texts.push((name.as_str(), text));
        }
        tera.add_raw_templates(texts).map_err(|e| {
            let message = tera_message(&e);
            // The report names the template (`--> article.html:3:7`); say
            // which file that is, built in or the user's override.
            let origin = theme
                .templates
                .iter()
                .find(|(name, _)| {
                    message.contains(&format!("--> {name}:")) || message.contains(&format!("'{name}'"))
                })
                .map(|(name, f)| f.origin("templates", name));
            Error::Other(match origin {
                Some(origin) => format!("template {origin}: {message}"),
                None => format!("templates: {message}"),
            })
        })?;
        Ok(Renderer { tera, highlighter: Highlighter::new(), theme })
    }

    /// Static files: the theme's, plus the highlighting stylesheet.
    pub fn static_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> =
            self.theme.statics.iter().map(|(name, f)| (format!("static/{name}"), f.bytes.clone())).collect();
        if !self.theme.statics.contains_key("highlight.css") {
            files.push(("static/highlight.css".into(), stylesheet().into_bytes()));
        }
        files
    }

    /// The page's HTML, not yet minified.
    pub fn render(&self, site: &Site, page: Page) -> Result<Rendered> {
        let path = page_path(site, page);
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        let mut ctx = Context::new();
        ctx.insert("root", &root);
        ctx.insert("path", &path);
        ctx.insert("site", &site_context(site));
        let canonical = if site.config.base_url.is_empty() {
            String::new()
        } else {
            format!("{}/{path}", site.config.base_url.trim_end_matches('/'))
        };
        ctx.insert("canonical", &canonical);
        let mut code = Vec::new();
        let (title, data) = match page {
            Page::Home => home(site),
            Page::Article(i) => self.article(site, i, &mut code),
            Page::Timeline => ("时间线 Timeline".into(), timeline(site)),
            Page::Regions => ("地区 Regions".into(), regions(site)),
            Page::Region(i) => region(site, i),
            Page::Sources => ("来源 Sources".into(), self.sources(site)),
            Page::Glossary => ("词汇 Glossary".into(), glossary(site)),
            Page::NotFound => ("404".into(), json!({})),
        };
        ctx.insert("page_title", &title);
        ctx.insert("page", &data);
        let template = page.template();
        let html = self.tera.render(template, &ctx).map_err(|e| {
            let origin = self
                .theme
                .templates
                .get(template)
                .map_or(template.to_string(), |f| f.origin("templates", template));
            Error::Other(format!("rendering {path} with template {origin}: {}", tera_message(&e)))
        })?;
        Ok(Rendered { html, code })
    }

    fn article(&self, site: &Site, i: usize, code: &mut Vec<String>) -> (String, Value) {
        let a = &site.articles[i];
        let art = &a.aligned.article;
        let f = &art.front;
        let region_href = |n: usize| format!("regions/{}/index.html", site.regions[n].slug);
        let crumbs: Vec<Value> = a
            .regions
            .iter()
            .map(|chain| {
                Value::Array(
                    chain
                        .iter()
                        .map(|&n| json!({"name": site.regions[n].name, "href": region_href(n)}))
                        .collect(),
                )
            })
            .collect();
        let en = a.aligned.translation.as_ref();
        let rows: Vec<Value> = a
            .aligned
            .rows
            .iter()
            .map(|row| {
                let state = match &row.status {
                    RowStatus::Translated => "translated",
                    RowStatus::Missing => "missing",
                    RowStatus::Stale { .. } => "stale",
                };
                let figure = (row.zh.kind == BlockKind::Figure)
                    .then(|| figure_parts(&row.zh.markdown))
                    .flatten()
                    .map(|(caption, file)| {
                        let local = image_is_local(&file, &site.content_files);
                        let not_kept = file.is_empty() || (!local && figure_not_kept(&row.zh.markdown));
                        let en_caption = row.en.as_deref().map(|t| {
                            figure_parts(t).map(|(c, _)| escape(&c)).unwrap_or_else(|| inline_html(t))
                        });
                        json!({
                            "caption": caption,
                            "src": if local { format!("media/{file}") } else { String::new() },
                            "file": file,
                            "not_in_source": not_kept,
                            "missing": !local && !not_kept,
                            "en_caption": en_caption,
                        })
                    });
                json!({
                    "no": row.zh.no.0,
                    "kind": row.zh.kind,
                    "state": state,
                    "zh": markdown_html(&row.zh.markdown),
                    "en": row.en.as_deref().map(markdown_html),
                    "figure": figure,
                })
            })
            .collect();
        let neighbour = |j: Option<usize>| {
            j.map(|j| {
                let b = &site.articles[j];
                json!({
                    "href": article_path(b),
                    "title": b.aligned.article.front.title,
                    "en": b.aligned.translation.as_ref().map(|t| t.title.clone()),
                    "date": b.date.map(|d| d.to_string()),
                })
            })
        };
        let date = a.date.map(|d| d.to_string());
        let cite = citation(site, a);
        let data = json!({
            "id": art.id,
            "title": f.title,
            "subtitle": f.subtitle,
            "kicker": f.kicker,
            "column": f.column,
            "date": date,
            "date_zh": a.date.map(date_zh),
            "regions": crumbs,
            "places": f.places,
            "publication": f.publication,
            "authors": f.authors,
            "source": f.source,
            "source_href": format!("sources/index.html#{}", anchor(&f.source)),
            "source_lines": f.source_lines,
            "notes": f.ingest.as_ref().map(|r| r.notes.clone()).unwrap_or_default(),
            "review": f.ingest.as_ref().map(|r| r.review.clone()).unwrap_or_default(),
            "en": en.map(|t| json!({
                "title": t.title, "subtitle": t.subtitle, "kicker": t.kicker,
                "translator": t.translator, "status": t.status, "notes": t.notes,
            })),
            "rows": rows,
            "blocks": a.aligned.rows.len(),
            "translated": a.translated,
            "prev": neighbour(a.prev),
            "next": neighbour(a.next),
            "cite_text": cite.0,
            "cite_html": splice_marker(code, self.highlighter.highlight(&cite.1, "bib")),
            "source_html": splice_marker(code, self.highlighter.markdown_file(&a.text)),
            "file": a.path.to_string_lossy().replace('\\', "/"),
        });
        (f.title.clone(), data)
    }

    fn sources(&self, site: &Site) -> Value {
        let list: Vec<Value> = site
            .sources
            .iter()
            .map(|s| {
                let sidecar: Vec<Value> = s
                    .file
                    .sidecar
                    .as_ref()
                    .map(|(_, t)| flatten("", t))
                    .unwrap_or_default();
                json!({
                    "path": s.file.path,
                    "anchor": anchor(&s.file.path),
                    "bytes": s.file.bytes,
                    "sidecar_path": s.file.sidecar.as_ref().map(|(p, _)| p),
                    "sidecar": sidecar,
                    "fixes_path": s.file.fixes.as_ref().map(|(p, _)| p),
                    "fixes_html": s.file.fixes.as_ref().map(|(_, t)| self.highlighter.highlight(t, "toml")),
                    "articles": s.articles.iter().map(|&i| {
                        let a = &site.articles[i];
                        let mut item = summary(a);
                        item["notes"] = json!(a.aligned.article.front.ingest.as_ref().map(|r| r.notes.clone()).unwrap_or_default());
                        item["lines"] = json!(a.aligned.article.front.source_lines);
                        item
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({ "sources": list })
    }
}

/// A Tera error with its whole chain (the report names template and line).
fn tera_message(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    message
}

/// A rendered page. Highlighted code stands in it as markers and is put
/// back after minification: syntect's spans are already minimal, and passing
/// them through minify-html took half the time of a build.
#[derive(Debug, Clone)]
pub struct Rendered {
    html: String,
    code: Vec<String>,
}

const MARK_OPEN: &str = "\u{E000}dz:";
const MARK_CLOSE: char = '\u{E001}';

fn splice_marker(code: &mut Vec<String>, html: String) -> String {
    code.push(html);
    format!("{MARK_OPEN}{}{MARK_CLOSE}", code.len() - 1)
}

impl Rendered {
    /// The page as written: minified, code put back.
    pub fn minified(&self) -> Vec<u8> {
        self.splice(&minify(&self.html))
    }

    /// The whole page, not minified (for checks and snapshots).
    pub fn full(&self) -> String {
        String::from_utf8(self.splice(self.html.as_bytes())).unwrap_or_default()
    }

    fn splice(&self, html: &[u8]) -> Vec<u8> {
        let open = MARK_OPEN.as_bytes();
        let mut close = [0u8; 4];
        let close = MARK_CLOSE.encode_utf8(&mut close).as_bytes();
        let extra: usize = self.code.iter().map(String::len).sum();
        let mut out = Vec::with_capacity(html.len() + extra);
        let mut rest = html;
        while let Some(at) = find(rest, open) {
            out.extend_from_slice(&rest[..at]);
            let after = &rest[at + open.len()..];
            let end = find(after, close).unwrap_or(0);
            let code = std::str::from_utf8(&after[..end])
                .ok()
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.code.get(n));
            match code {
                Some(code) => {
                    out.extend_from_slice(code.as_bytes());
                    rest = &after[end + close.len()..];
                }
                None => {
                    out.extend_from_slice(open);
                    rest = after;
                }
            }
        }
        out.extend_from_slice(rest);
        out
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Minifies a rendered page.
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        // No inline CSS or JS to speak of; the CSS minifier's start-up
        // (browser tables) cost more per page than it saved.
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

fn site_context(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "title_zh": c.title.zh,
        "title_en": c.title.en,
        "description_zh": c.description.zh,
        "description_en": c.description.en,
        "has_glossary": site.glossary.is_some(),
        "base_url": c.base_url,
    })
}

/// `2020-02-27` as `2020年2月27日`.
fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn anchor(path: &str) -> String {
    path.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// What a list of articles shows about one of them.
fn summary(a: &SiteArticle) -> Value {
    let f = &a.aligned.article.front;
    json!({
        "href": article_path(a),
        "title": f.title,
        "en": a.aligned.translation.as_ref().map(|t| t.title.clone()),
        "date": a.date.map(|d| d.to_string()),
        "region": f.regions.first(),
        "publication": f.publication,
        "blocks": a.aligned.rows.len(),
        "translated": a.translated,
    })
}

fn summaries(site: &Site, list: &[usize]) -> Vec<Value> {
    list.iter().map(|&i| summary(&site.articles[i])).collect()
}

fn home(site: &Site) -> (String, Value) {
    let c = &site.counts;
    let latest: Vec<usize> =
        (0..site.articles.len()).rev().filter(|&i| site.articles[i].date.is_some()).take(12).collect();
    let roots: Vec<Value> = site
        .region_roots
        .iter()
        .map(|&i| {
            let n = &site.regions[i];
            json!({"name": n.name, "href": format!("regions/{}/index.html", n.slug), "count": n.articles.len()})
        })
        .collect();
    let data = json!({
        "counts": c,
        "first": c.first_date.map(date_zh),
        "last": c.last_date.map(date_zh),
        "first_iso": c.first_date.map(|d| d.to_string()),
        "last_iso": c.last_date.map(|d| d.to_string()),
        "latest": summaries(site, &latest),
        "regions": roots,
        "chart": chart(site, "timeline/index.html"),
    });
    (site.config.title.zh.clone(), data)
}

fn timeline(site: &Site) -> Value {
    let months: Vec<Value> = site
        .timeline
        .months
        .iter()
        .map(|m| {
            let first = m.days[0].date;
            json!({
                "key": m.key,
                "label_zh": format!("{}年{}月", first.year(), first.month()),
                "label_en": first.format("%B %Y").to_string(),
                "count": m.days.iter().map(|d| d.articles.len()).sum::<usize>(),
                "days": m.days.iter().map(|d| json!({
                    "anchor": format!("d{}", d.date),
                    "date": d.date.to_string(),
                    "label_zh": date_zh(d.date),
                    "label_en": d.date.format("%-d %B %Y").to_string(),
                    "articles": summaries(site, &d.articles),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "months": months,
        "undated": summaries(site, &site.timeline.undated),
        "chart": chart(site, ""),
    })
}

fn regions(site: &Site) -> Value {
    let mut items = Vec::new();
    let mut stack: Vec<(usize, usize)> = site.region_roots.iter().rev().map(|&i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        let n = &site.regions[i];
        items.push(json!({
            "name": n.name,
            "path": n.path,
            "href": format!("{}/index.html", n.slug),
            "count": n.articles.len(),
            "mentioned": n.mentioned.len(),
            "depth": depth,
        }));
        stack.extend(n.children.iter().rev().map(|&c| (c, depth + 1)));
    }
    json!({ "tree": items })
}

fn region(site: &Site, i: usize) -> (String, Value) {
    let n = &site.regions[i];
    let mut chain = Vec::new();
    let mut at = Some(i);
    while let Some(j) = at {
        chain.push(json!({"name": site.regions[j].name, "href": format!("regions/{}/index.html", site.regions[j].slug)}));
        at = site.regions[j].parent;
    }
    chain.reverse();
    let children: Vec<Value> = n
        .children
        .iter()
        .map(|&c| {
            let c = &site.regions[c];
            json!({"name": c.name, "href": format!("regions/{}/index.html", c.slug), "count": c.articles.len()})
        })
        .collect();
    let data = json!({
        "name": n.name,
        "path": n.path,
        "crumbs": chain,
        "children": children,
        "articles": summaries(site, &n.articles),
        "mentioned": summaries(site, &n.mentioned),
    });
    (n.name.clone(), data)
}

fn glossary(site: &Site) -> Value {
    let terms: Vec<Value> = site
        .glossary
        .iter()
        .flatten()
        .map(|g| {
            json!({
                "zh": g.term.zh,
                "en": g.term.en,
                "note": g.term.note,
                "articles": summaries(site, &g.articles),
            })
        })
        .collect();
    json!({ "terms": terms })
}

/// A sidecar table as rows `key = value`, nested tables as dotted keys.
fn flatten(prefix: &str, table: &toml::Table) -> Vec<Value> {
    let mut out = Vec::new();
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => out.extend(flatten(&key, t)),
            toml::Value::String(s) => out.push(json!({"key": key, "value": s})),
            toml::Value::Array(items) if items.iter().all(|i| i.is_str()) => out.push(json!({
                "key": key,
                "list": items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>(),
            })),
            other => out.push(json!({"key": key, "value": other.to_string()})),
        }
    }
    out
}

/// Every file the site will hold, for link checks.
pub fn site_files(site: &Site, renderer: &Renderer, pages: &[Page]) -> std::collections::BTreeSet<String> {
    pages
        .iter()
        .map(|&p| page_path(site, p))
        .chain(renderer.static_files().into_iter().map(|(p, _)| p))
        .chain(
            site.content_files
                .iter()
                .filter(|f| crate::site::media::is_media(f))
                .map(|f| format!("media/{f}")),
        )
        .collect()
}
