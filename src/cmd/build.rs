//! `duizhao build`: the edition in, `public/` (or `--out`) written whole or
//! not at all.

use duizhao::cli::BuildArgs;
use duizhao::error::{Diagnostic, Error, Result, Severity};
use duizhao::output;
use duizhao::render::{self, Page, Renderer};
use duizhao::site::media::is_media;
use duizhao::site::{Site, prepare};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Prints diagnostics, errors first.
pub fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// Runs `duizhao build`.
pub fn run(root: &Path, args: &BuildArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let prepared = prepare(root, args.base_url.as_deref())?;
    let timings = std::env::var_os("DUIZHAO_TIMINGS").is_some();
    if timings {
        eprintln!("prepared in {:.3}s", start.elapsed().as_secs_f64());
    }
    report(&prepared.diagnostics);
    let errors = prepared.count(Severity::Error);
    let warnings = prepared.count(Severity::Warning);
    let Some(renderer) = prepared.renderer.as_ref().filter(|_| errors == 0) else {
        eprintln!("build failed: {errors} error(s), {warnings} warning(s); nothing written");
        return Ok(ExitCode::FAILURE);
    };
    if args.strict && warnings > 0 {
        eprintln!("build failed (--strict): {warnings} warning(s); nothing written");
        return Ok(ExitCode::FAILURE);
    }
    let site = &prepared.site;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    let opened = Instant::now();
    let staging = output::open(&out, root, &site.config.keep, args.force)?;
    if timings {
        eprintln!("output checked in {:.3}s", opened.elapsed().as_secs_f64());
    }
    for note in staging.notes() {
        eprintln!("note: {note}");
    }
    let pages = render::pages(site);
    let failures = match write_site(root, site, renderer, &pages, &staging, args.quiet) {
        Ok(failures) => failures,
        Err(e) => return Err(discarding(staging, e)),
    };
    if timings {
        eprintln!("rendered in {:.3}s", start.elapsed().as_secs_f64());
    }
    if !failures.is_empty() {
        for e in failures.iter().take(20) {
            eprintln!("error: {e}");
        }
        if let Err(e) = staging.discard() {
            eprintln!("warning: {e}");
        }
        eprintln!(
            "build failed: {} page(s) did not render; {} left as it was",
            failures.len(),
            out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    for warning in staging.commit()? {
        eprintln!("warning: {warning}");
    }
    let c = &site.counts;
    println!(
        "built {} pages: {} articles, {}/{} blocks translated ({}%), {} warning(s) in {:.2}s → {}",
        pages.len(),
        c.articles,
        c.translated_blocks,
        c.blocks,
        c.coverage,
        warnings,
        start.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Removes the unfinished site, then returns `error`.
fn discarding(staging: output::Staging, error: Error) -> Error {
    if let Err(e) = staging.discard() {
        eprintln!("warning: {e}");
    }
    error
}

/// Renders every page into `staging`, then the theme's static files and the
/// content's images; returns the pages that failed to render or write.
fn write_site(
    root: &Path,
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    staging: &output::Staging,
    quiet: bool,
) -> Result<Vec<Error>> {
    let paths: Vec<String> = pages.iter().map(|&p| render::page_path(site, p)).collect();
    let statics = renderer.static_files();
    let media: Vec<String> =
        site.content_files.iter().filter(|f| is_media(f)).map(|f| format!("media/{f}")).collect();
    staging
        .make_dirs(paths.iter().chain(statics.iter().map(|(p, _)| p)).chain(&media).map(String::as_str))?;

    let progress = progress_bar(pages.len() as u64, quiet);
    let failures: Vec<Error> = pages
        .par_iter()
        .zip(paths.par_iter())
        .filter_map(|(&page, path)| {
            let result = renderer.render(site, page).and_then(|page| staging.write(path, &page.minified()));
            progress.inc(1);
            result.err()
        })
        .collect();
    progress.finish_and_clear();
    if !failures.is_empty() {
        return Ok(failures);
    }
    for (path, bytes) in &statics {
        staging.write(path, bytes)?;
    }
    for file in &media {
        let from = root.join("content").join(&file["media/".len()..]);
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        staging.write(file, &bytes)?;
    }
    Ok(failures)
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} rendering {pos}/{len} pages {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
