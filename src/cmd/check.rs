//! `duizhao check`: every validation of the build, plus the internal links
//! of every rendered page, without writing anything.

use super::build::report;
use duizhao::cli::CheckArgs;
use duizhao::error::{Diagnostic, Result, Severity};
use duizhao::render::links::{PageRefs, broken_links};
use duizhao::render::{self, site_files};
use duizhao::site::prepare;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao check`.
pub fn run(root: &Path, args: &CheckArgs) -> Result<ExitCode> {
    let mut prepared = prepare(root, None)?;
    if let Some(renderer) = &prepared.renderer {
        let site = &prepared.site;
        let pages = render::pages(site);
        let files = site_files(site, renderer, &pages);
        // Render once, keep each page's links and anchors, then check them all.
        let rendered: Vec<Result<(String, PageRefs), Diagnostic>> = pages
            .par_iter()
            .map(|&page| match renderer.render(site, page) {
                Ok(html) => Ok((render::page_path(site, page), PageRefs::of(&html.full()))),
                Err(e) => Err(Diagnostic::error(None, e.to_string())),
            })
            .collect();
        let mut problems = Vec::new();
        let mut refs: BTreeMap<String, PageRefs> = BTreeMap::new();
        for result in rendered {
            match result {
                Ok((path, page_refs)) => {
                    refs.insert(path, page_refs);
                }
                Err(d) => problems.push(d),
            }
        }
        let anchors: BTreeMap<&str, &BTreeSet<String>> =
            refs.iter().map(|(path, r)| (path.as_str(), &r.ids)).collect();
        problems.extend(
            refs.par_iter()
                .flat_map_iter(|(path, r)| broken_links(path, &r.links, &files, &anchors))
                .collect::<Vec<_>>(),
        );
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
