//! `duizhao build`: `content/` + `translations/en/` → `public/`.
//!
//! 1. [`load`]: read and parse every file in parallel, collecting problems;
//! 2. [`assemble`]: pair translations ([`crate::pair`]), sort, index → [`Site`];
//! 3. [`render`]: each page with Tera, in parallel, minified;
//! 4. [`output`]: into a fresh folder, swapped into place at the end; what a
//!    build may replace and what it keeps.

pub mod assemble;
pub mod chart;
pub mod cite;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod media;
pub mod output;
pub mod render;

pub use assemble::Site;

use crate::cli::BuildArgs;
use crate::config::Edition;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::theme::Theme;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use render::{Page, Renderer};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The edition loaded, assembled and ready to render, with its problems.
pub struct Prepared {
    pub site: Site,
    /// `None` when a template did not parse (the error is in `diagnostics`).
    pub renderer: Option<Renderer>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Prepared {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// Load, validate and assemble the edition at `root`; shared by build and check.
pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Prepared> {
    let mut edition = Edition::open(root)?;
    if let Some(url) = base_url {
        edition.config.base_url = url.to_string();
    }
    check_base_url(root, &edition.config.base_url, base_url.is_some())?;
    // Absolute URLs are made by appending a path: keep one trailing slash.
    if !edition.config.base_url.is_empty() && !edition.config.base_url.ends_with('/') {
        edition.config.base_url.push('/');
    }
    edition.require_content_dir()?;
    let t = Instant::now();
    let timings = std::env::var_os("DUIZHAO_TIMINGS").is_some();
    let mut loaded = load::load(&edition);
    if timings {
        eprintln!("loaded in {:.3}s", t.elapsed().as_secs_f64());
    }
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    let renderer = match Theme::load(root, &edition.config.theme).and_then(Renderer::new) {
        Ok(r) => Some(r),
        Err(e) => {
            diagnostics.push(load::diagnostic_of(e));
            None
        }
    };
    if timings {
        eprintln!("theme in {:.3}s", t.elapsed().as_secs_f64());
    }
    let (site, more) = assemble::assemble(edition.config, loaded);
    if timings {
        eprintln!("assembled in {:.3}s", t.elapsed().as_secs_f64());
    }
    diagnostics.extend(more);
    diagnostics.sort();
    diagnostics.dedup();
    Ok(Prepared { site, renderer, diagnostics })
}

/// The site's address must be an `http(s)://` URL, or empty.
fn check_base_url(root: &Path, url: &str, from_command_line: bool) -> Result<()> {
    if url.is_empty() || crate::model::link::is_site_url(url) {
        return Ok(());
    }
    let problem = format!(
        "\"{}\" is not an http:// or https:// address: give the address the site will have (e.g. https://example.org/edition/), or leave it empty",
        crate::model::link::shown(url)
    );
    if from_command_line {
        return Err(Error::Other(format!("--base-url {problem}")));
    }
    let path = root.join("edition.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let line = crate::model::line_of_key(&text, "base_url").map_or(1, |i| i + 1);
    Err(Error::at(path, line, format!("base_url {problem}")))
}

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

fn is_media(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"].iter().any(|e| lower.ends_with(e))
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

/// Every file the site will hold, for link checks.
pub fn site_files(site: &Site, renderer: &Renderer, pages: &[Page]) -> std::collections::BTreeSet<String> {
    pages
        .iter()
        .map(|&p| render::page_path(site, p))
        .chain(renderer.static_files().into_iter().map(|(p, _)| p))
        .chain(site.content_files.iter().filter(|f| is_media(f)).map(|f| format!("media/{f}")))
        .collect()
}
