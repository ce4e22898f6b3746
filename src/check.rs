//! `duizhao check`: every validation of the build, plus the internal links
//! of every rendered page, without writing anything.

use crate::build::render;
use crate::build::{prepare, report, site_files};
use crate::cli::CheckArgs;
use crate::error::{Diagnostic, Result, Severity};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao check`.
pub fn run(root: &Path, args: &CheckArgs) -> Result<ExitCode> {
    let mut prepared = prepare(root, None)?;
    if let Some(renderer) = &prepared.renderer {
        let site = &prepared.site;
        let pages = render::pages(site);
        let files = site_files(site, renderer, &pages);
        let mut problems: Vec<Diagnostic> = pages
            .par_iter()
            .flat_map_iter(|&page| match renderer.render(site, page) {
                Ok(html) => broken_links(&render::page_path(site, page), &html.full(), &files),
                Err(e) => vec![Diagnostic::error(None, e.to_string())],
            })
            .collect();
        problems.sort();
        problems.dedup();
        prepared.diagnostics.extend(problems);
    }
    report(&prepared.diagnostics);
    let errors = prepared.count(Severity::Error);
    let warnings = prepared.count(Severity::Warning);
    let c = &prepared.site.counts;
    if !args.quiet || errors + warnings > 0 {
        eprintln!(
            "checked {} articles, {}/{} blocks translated: {errors} error(s), {warnings} warning(s)",
            c.articles, c.translated_blocks, c.blocks
        );
    }
    Ok(if errors > 0 || (args.strict && warnings > 0) { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The `href`/`src` links of a page that do not reach a file of the site,
/// and any reference that would make the page load something from elsewhere.
pub fn broken_links(page: &str, html: &str, files: &BTreeSet<String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let dir: Vec<&str> = match page.rsplit_once('/') {
        Some((d, _)) => d.split('/').collect(),
        None => Vec::new(),
    };
    for (attr, link) in links(html) {
        if link.starts_with('#') || link.starts_with("mailto:") || link.starts_with("data:") {
            continue;
        }
        if link.contains("://") || link.starts_with("//") {
            if attr != "href" {
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
        }
    }
    out
}

/// `(attribute, value)` of every `href="…"` and `src="…"` in the page.
fn links(html: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for attr in ["href", "src"] {
        let needle = format!(" {attr}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            let Some(end) = rest.find('"') else { break };
            out.push((attr, rest[..end].replace("&amp;", "&")));
            rest = &rest[end..];
        }
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
        let html = r##"<a href="../regions/a/index.html">a</a><a href="x.html#p2">x</a><a href="#top">t</a><a href="../../index.html">e</a><a href="../regions/">d</a><script src="https://cdn.example/x.js"></script>"##;
        let problems = broken_links("articles/x.html", html, &files);
        let messages: Vec<_> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:?}");
    }
}
