//! `duizhao check`: every validation of the build, plus the internal links
//! of every rendered page (an article's own at their Markdown line), without
//! writing anything.

use super::report::{Reporter, once_per_cause, page_failures};
use super::terminal::{errln, problems_found};
use duizhao::cli::CheckArgs;
use duizhao::error::{Diagnostic, Error, Result, Severity};
use duizhao::render::links::{PageRefs, SourceLink, article_links, broken_links, broken_source_links};
use duizhao::render::prepare;
use duizhao::render::{self, Page, Renderer, site_files};
use duizhao::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao check`.
pub fn run(root: &Path, args: &CheckArgs, reporter: &Reporter) -> Result<ExitCode> {
    let mut prepared = prepare(root, None)?;
    if let Some(renderer) = &prepared.renderer {
        let problems = page_problems(&prepared.site, renderer);
        prepared.diagnostics.extend(problems);
    }
    let (index, place) = match search_index(root)? {
        Some(built) => built,
        None => (duizhao::search::index(&prepared.site).files.into_iter().collect(), String::new()),
    };
    for problem in duizhao::search::check(&prepared.site, &index) {
        prepared.diagnostics.push(Diagnostic::error(None, format!("search index{place}: {problem}")));
    }
    reporter.print(&prepared.diagnostics);
    let errors = prepared.count(Severity::Error);
    let warnings = prepared.count(Severity::Warning);
    let c = &prepared.site.counts;
    if !args.quiet || errors + warnings > 0 {
        errln!(
            "checked {} articles, {}/{} blocks translated: {errors} error(s), {warnings} warning(s)",
            c.articles,
            c.translated_blocks,
            c.blocks
        );
    }
    Ok(if errors > 0 || (args.strict && warnings > 0) { problems_found() } else { ExitCode::SUCCESS })
}

/// Renders every page once and checks its links and anchors: template
/// failures (each said once) and links that reach nothing.
fn page_problems(site: &Site, renderer: &Renderer) -> Vec<Diagnostic> {
    let pages = render::pages(site);
    let files = site_files(site, renderer, &pages);
    // Render once, keep each page's links and anchors, then check them
    // all; an article's own links are checked at their Markdown line.
    let rendered: Vec<(String, Result<PageRefs, Error>, Vec<SourceLink>)> = pages
        .par_iter()
        .map(|&page| {
            let path = render::page_path(site, page);
            let written = match page {
                Page::Article(i) => article_links(&site.articles[i]),
                _ => Vec::new(),
            };
            let refs = renderer.render(site, page).map(|html| {
                let mut refs = PageRefs::of(&html.full());
                refs.remove(&written);
                refs
            });
            (path, refs, written)
        })
        .collect();
    let mut failures = Vec::new();
    let mut refs: BTreeMap<String, (PageRefs, Vec<SourceLink>)> = BTreeMap::new();
    for (path, result, written) in rendered {
        match result {
            Ok(page_refs) => {
                refs.insert(path, (page_refs, written));
            }
            Err(e) => failures.push((path, e)),
        }
    }
    let mut problems = page_failures(failures);
    let mut page_links = Vec::new();
    let anchors: BTreeMap<&str, &BTreeSet<String>> =
        refs.iter().map(|(path, (r, _))| (path.as_str(), &r.ids)).collect();
    let checked: Vec<(&String, Vec<Diagnostic>, Vec<Diagnostic>)> = refs
        .par_iter()
        .map(|(path, (r, written))| {
            let from_markdown = broken_source_links(path, written, &files, &anchors);
            (path, from_markdown, broken_links(path, &r.links, &files, &anchors))
        })
        .collect();
    for (path, from_markdown, from_templates) in checked {
        problems.extend(from_markdown);
        page_links.extend(from_templates.into_iter().map(|d| (path.clone(), d.message)));
    }
    // A template's broken link breaks every page of its kind: say it once.
    problems.extend(once_per_cause(page_links));
    problems.sort();
    problems.dedup();
    problems
}

/// Files by path under the site.
type Files = BTreeMap<String, Vec<u8>>;

/// The search index as written in `public/search/` (by path under the
/// site) and a note of where it was read, if the site was built there;
/// else `None`, to check the index a build would write.
fn search_index(root: &Path) -> Result<Option<(Files, String)>> {
    let dir = root.join("public/search");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let mut files = BTreeMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "js") {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            files.insert(format!("search/{}", entry.file_name().to_string_lossy()), bytes);
        }
    }
    Ok(Some((files, format!(" in {} (rebuild if it is stale)", dir.display()))))
}
