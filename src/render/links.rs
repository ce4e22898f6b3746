//! Link checking: rendered pages in, the links that reach nothing out.

use crate::error::Diagnostic;
use crate::model::link;
use std::collections::{BTreeMap, BTreeSet};

/// What link checking needs of a rendered page: its links and its anchors.
#[derive(Debug, Default)]
pub struct PageRefs {
    pub links: Vec<(&'static str, String)>,
    pub ids: BTreeSet<String>,
}

impl PageRefs {
    pub fn of(html: &str) -> PageRefs {
        PageRefs { links: links(html), ids: attribute_values(html, "id").into_iter().collect() }
    }
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
    let mut out = Vec::new();
    let dir: Vec<&str> = match page.rsplit_once('/') {
        Some((d, _)) => d.split('/').collect(),
        None => Vec::new(),
    };
    let missing_anchor = |target_page: &str, fragment: &str| {
        !fragment.is_empty() && anchors.get(target_page).is_some_and(|ids| !ids.contains(fragment))
    };
    for (attr, link) in links {
        if let Some(fragment) = link.strip_prefix('#') {
            if missing_anchor(page, fragment) {
                out.push(Diagnostic::error(
                    None,
                    format!("{page}: link \"{link}\" names no anchor of this page"),
                ));
            }
            continue;
        }
        // Inline pictures (`img-src data:` in the pages' policy).
        let data_image = *attr == "src" && link.starts_with("data:");
        let scheme = link::scheme(link);
        if !data_image && !link::is_safe_url(link) {
            out.push(Diagnostic::error(
                None,
                format!("{page}: link \"{}\" is not allowed ({})", link::shown(link), link::ALLOWED),
            ));
            continue;
        }
        if data_image || scheme.as_deref() == Some("mailto") {
            continue;
        }
        if scheme.is_some() || link.starts_with("//") {
            if *attr != "href" {
                out.push(Diagnostic::error(
                    None,
                    format!("{page}: loads {link} from the network (pages must work offline)"),
                ));
            }
            continue;
        }
        let target = link.split(['#', '?']).next().unwrap_or_default();
        let mut parts: Vec<&str> = dir.clone();
        let mut escaped = false;
        for part in target.split('/') {
            match part {
                "" | "." => {}
                ".." => escaped |= parts.pop().is_none(),
                p => parts.push(p),
            }
        }
        let resolved = parts.join("/");
        if target.is_empty() || target.ends_with('/') {
            out.push(Diagnostic::error(
                None,
                format!("{page}: link \"{link}\" must name a file (…/index.html) to work from file://"),
            ));
        } else if escaped || !files.contains(&resolved) {
            out.push(Diagnostic::error(None, format!("{page}: link \"{link}\" reaches no page of the site")));
        } else if let Some((_, fragment)) = link.split_once('#')
            && missing_anchor(&resolved, fragment)
        {
            out.push(Diagnostic::error(
                None,
                format!("{page}: link \"{link}\" names an anchor that {resolved} does not have"),
            ));
        }
    }
    out
}

/// `(attribute, value)` of every `href="…"` and `src="…"` in the page.
fn links(html: &str) -> Vec<(&'static str, String)> {
    ["href", "src"]
        .into_iter()
        .flat_map(|attr| attribute_values(html, attr).into_iter().map(move |v| (attr, v)))
        .collect()
}

/// Every value of `attr="…"` in the page (the unminified page quotes them all).
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let Some(end) = rest.find('"') else { break };
        out.push(rest[..end].replace("&amp;", "&"));
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let files: BTreeSet<String> =
            ["index.html", "regions/a/index.html", "articles/x.html"].into_iter().map(String::from).collect();
        let html = r##"<a href="../regions/a/index.html">a</a><a href="x.html#p2">x</a><a href="#top">t</a><a href="../../index.html">e</a><a href="../regions/">d</a><script src="https://cdn.example/x.js"></script><a href="x.html#p9">n</a><a href="#nowhere">n</a><a href=" JavaScript:x">j</a><img src="data:image/png;base64,AA"><p id="p2" id="top">"##;
        let page = PageRefs::of(html);
        let anchors = BTreeMap::from([("articles/x.html", &page.ids)]);
        let problems = broken_links("articles/x.html", &page.links, &files, &anchors);
        let messages: Vec<_> = problems.iter().map(|d| d.message.as_str()).collect();
        // `href`s in page order, then `src`s; the good links give nothing.
        assert_eq!(
            messages,
            [
                "articles/x.html: link \"../../index.html\" reaches no page of the site".to_string(),
                "articles/x.html: link \"../regions/\" must name a file (…/index.html) to work from file://"
                    .to_string(),
                "articles/x.html: link \"x.html#p9\" names an anchor that articles/x.html does not have"
                    .to_string(),
                "articles/x.html: link \"#nowhere\" names no anchor of this page".to_string(),
                format!("articles/x.html: link \" JavaScript:x\" is not allowed ({})", link::ALLOWED),
                "articles/x.html: loads https://cdn.example/x.js from the network (pages must work offline)"
                    .to_string(),
            ]
        );
    }
}
