//! Link checking: rendered pages and the articles' Markdown in, the links
//! that reach nothing out. A link written in an article's Markdown is
//! reported at its line in `content/<id>.md` (or at its slot in the
//! translation file); only the links the templates made are reported at the
//! page.

use crate::error::{Diagnostic, Location};
use crate::model::link;
use crate::render::markdown::markdown_html;
use crate::site::assemble::SiteArticle;
use std::collections::{BTreeMap, BTreeSet};

/// What link checking needs of a rendered page: its links and its anchors.
#[derive(Debug, Default)]
pub struct PageRefs {
    /// `(attribute, value)` of every `href` and `src`, entities decoded.
    pub links: Vec<(&'static str, String)>,
    pub ids: BTreeSet<String>,
}

impl PageRefs {
    /// Reads the attributes with an HTML parser, so that a theme's
    /// `href='…'` or unquoted `href=…` is checked like any other.
    pub fn of(html: &str) -> PageRefs {
        let document = scraper::Html::parse_document(html);
        let mut refs = PageRefs::default();
        for element in document.tree.values().filter_map(|node| node.as_element()) {
            for (name, value) in element.attrs() {
                match name {
                    "href" => refs.links.push(("href", value.to_string())),
                    "src" => refs.links.push(("src", value.to_string())),
                    "id" => {
                        refs.ids.insert(value.to_string());
                    }
                    _ => {}
                }
            }
        }
        refs
    }

    /// Takes `links` out of the page's own, once each: they are checked
    /// where they were written.
    pub fn remove(&mut self, links: &[SourceLink]) {
        for source in links {
            if let Some(i) = self.links.iter().position(|(attr, l)| *attr == "href" && *l == source.href) {
                self.links.remove(i);
            }
        }
    }
}

/// A link written in an article's Markdown, as the page has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub location: Location,
    pub href: String,
}

/// The links of an article's blocks, Chinese at their line of the article,
/// English at their slot of the translation file.
pub fn article_links(article: &SiteArticle) -> Vec<SourceLink> {
    let mut out = Vec::new();
    for row in &article.aligned.rows {
        let zh = &row.zh;
        block_links(&zh.markdown, &mut out, |line| Location::new(&article.path, zh.line + line));
        if let (Some(en), Some(path)) = (&row.en, &article.translation_path) {
            let slot = row.slot_line.unwrap_or(1);
            block_links(en, &mut out, |_| Location::new(path, slot));
        }
    }
    out
}

/// The links a block's Markdown renders to, each at the line of the text
/// that wrote it (`at` maps a 0-based line of the text to a place).
fn block_links(text: &str, out: &mut Vec<SourceLink>, at: impl Fn(usize) -> Location) {
    let written = link::links(text);
    if written.is_empty() {
        return;
    }
    for (attr, href) in PageRefs::of(&markdown_html(text)).links {
        if attr != "href" {
            continue;
        }
        let line = written.iter().find(|l| !l.image && l.url == href).map_or(0, |l| l.line);
        out.push(SourceLink { location: at(line), href });
    }
}

/// The problems of the links an article's Markdown wrote, `page` being the
/// article's page; `anchors` holds the ids of every page.
pub fn broken_source_links(
    page: &str,
    links: &[SourceLink],
    files: &BTreeSet<String>,
    anchors: &BTreeMap<&str, &BTreeSet<String>>,
) -> Vec<Diagnostic> {
    links
        .iter()
        .filter_map(|l| {
            let problem = link_problem(page, "href", &l.href, files, anchors)?;
            Some(Diagnostic::error(Some(l.location.clone()), problem))
        })
        .collect()
}

/// The `href`/`src` links of a page that do not reach a file of the site or
/// an anchor of it (`#p3`), and any reference that would make the page load
/// something from elsewhere. `anchors` holds the ids of every page.
pub fn broken_links(
    page: &str,
    links: &[(&'static str, String)],
    files: &BTreeSet<String>,
    anchors: &BTreeMap<&str, &BTreeSet<String>>,
) -> Vec<Diagnostic> {
    links
        .iter()
        .filter_map(|(attr, link)| link_problem(page, attr, link, files, anchors))
        .map(|problem| Diagnostic::error(None, format!("{page}: {problem}")))
        .collect()
}

/// What is wrong with `link`, the value of `attr` on `page`, if anything.
fn link_problem(
    page: &str,
    attr: &str,
    link: &str,
    files: &BTreeSet<String>,
    anchors: &BTreeMap<&str, &BTreeSet<String>>,
) -> Option<String> {
    let missing_anchor = |target_page: &str, fragment: &str| {
        !fragment.is_empty() && anchors.get(target_page).is_some_and(|ids| !ids.contains(fragment))
    };
    if let Some(fragment) = link.strip_prefix('#') {
        return missing_anchor(page, fragment)
            .then(|| format!("link \"{link}\" names no anchor of this page"));
    }
    // Inline pictures (`img-src data:` in the pages' policy).
    let data_image = attr == "src" && link.starts_with("data:");
    let scheme = link::scheme(link);
    if !data_image && !link::is_safe_url(link) {
        return Some(format!("link \"{}\" is not allowed ({})", link::shown(link), link::ALLOWED));
    }
    if data_image || scheme.as_deref() == Some("mailto") {
        return None;
    }
    if scheme.is_some() || link.starts_with("//") {
        return (attr != "href").then(|| format!("loads {link} from the network (pages must work offline)"));
    }
    let target = link.split(['#', '?']).next().unwrap_or_default();
    let (resolved, escaped) = resolve(page, target);
    if target.is_empty() || target.ends_with('/') {
        Some(format!("link \"{link}\" must name a file (…/index.html) to work from file://"))
    } else if escaped || !files.contains(&resolved) {
        Some(format!("link \"{link}\" reaches no page of the site"))
    } else if let Some((_, fragment)) = link.split_once('#')
        && missing_anchor(&resolved, fragment)
    {
        Some(format!("link \"{link}\" names an anchor that {resolved} does not have"))
    } else {
        None
    }
}

/// `target` taken from `page`'s folder: the site path, and whether it
/// climbed out of the site.
fn resolve(page: &str, target: &str) -> (String, bool) {
    let mut parts: Vec<&str> = match page.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let mut escaped = false;
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => escaped |= parts.pop().is_none(),
            p => parts.push(p),
        }
    }
    (parts.join("/"), escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let files: BTreeSet<String> =
            ["index.html", "regions/a/index.html", "articles/x.html"].into_iter().map(String::from).collect();
        let html = r##"<a href="../regions/a/index.html">a</a><a href="x.html#p2">x</a><a href="#top">t</a><a href="../../index.html">e</a><a href="../regions/">d</a><script src="https://cdn.example/x.js"></script><a href="x.html#p9">n</a><a href="#nowhere">n</a><a href=" JavaScript:x">j</a><img src="data:image/png;base64,AA"><p id="p2"><b id="top">"##;
        let page = PageRefs::of(html);
        let anchors = BTreeMap::from([("articles/x.html", &page.ids)]);
        let problems = broken_links("articles/x.html", &page.links, &files, &anchors);
        let messages: Vec<_> = problems.iter().map(|d| d.message.as_str()).collect();
        // In page order; the good links give nothing.
        assert_eq!(
            messages,
            [
                "articles/x.html: link \"../../index.html\" reaches no page of the site".to_string(),
                "articles/x.html: link \"../regions/\" must name a file (…/index.html) to work from file://"
                    .to_string(),
                "articles/x.html: loads https://cdn.example/x.js from the network (pages must work offline)"
                    .to_string(),
                "articles/x.html: link \"x.html#p9\" names an anchor that articles/x.html does not have"
                    .to_string(),
                "articles/x.html: link \"#nowhere\" names no anchor of this page".to_string(),
                format!("articles/x.html: link \" JavaScript:x\" is not allowed ({})", link::ALLOWED),
            ]
        );
    }

    #[test]
    fn single_quoted_and_unquoted_attributes_are_links_too() {
        let page =
            PageRefs::of("<a href='../gone.html'>a</a><img src=../gone.png><a href=\"a&amp;b.html\">c</a>");
        assert_eq!(
            page.links,
            [
                ("href", "../gone.html".to_string()),
                ("src", "../gone.png".to_string()),
                ("href", "a&b.html".into())
            ]
        );
    }

    #[test]
    fn a_link_in_a_block_is_found_at_its_own_line() {
        let mut out = Vec::new();
        block_links("第一行\n见[旧页](../old/page.html)。", &mut out, |line| {
            Location::new("content/a.md", 7 + line)
        });
        assert_eq!(
            out,
            [SourceLink { location: Location::new("content/a.md", 8), href: "../old/page.html".into() }]
        );
    }
}
