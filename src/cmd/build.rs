//! `duizhao build`: the edition in, `public/` (or `--out`) written whole or
//! not at all.

use super::report::{Reporter, page_failures};
use super::terminal::{errln, outln, problems_found};
use duizhao::cli::BuildArgs;
use duizhao::error::{Diagnostic, Error, Result, Severity};
use duizhao::output;
use duizhao::render::{self, Page, Prepared, Renderer, prepare};
use duizhao::site::Site;
use duizhao::site::media::is_media;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Runs `duizhao build`.
pub fn run(root: &Path, args: &BuildArgs, reporter: &Reporter) -> Result<ExitCode> {
    match build(root, args, reporter)? {
        Outcome::Built(summary) => {
            outln!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Failed { summary, .. } => {
            errln!("{summary}");
            Ok(problems_found())
        }
    }
}

/// What one build came to; the problems and warnings found on the way are
/// already printed.
pub enum Outcome {
    /// The site is in place; the line says what it holds.
    Built(String),
    /// Nothing was written: the problems that stopped it, and the line saying so.
    Failed { problems: Vec<Diagnostic>, summary: String },
}

/// Builds the edition at `root` into `--out` (default `public/`), replacing
/// it whole or not at all: the one way every command writes a site.
pub fn build(root: &Path, args: &BuildArgs, reporter: &Reporter) -> Result<Outcome> {
    let clock = Clock::start();
    let prepared = prepare(root, args.base_url.as_deref())?;
    for (step, elapsed) in &prepared.timings {
        clock.say(step, *elapsed);
    }
    clock.say("prepared", clock.elapsed());
    reporter.print(&prepared.diagnostics);
    let renderer = match ready_to_render(&prepared, args.strict) {
        Ok(renderer) => renderer,
        Err(summary) => {
            let stopping = if args.strict { Severity::Warning } else { Severity::Error };
            let problems = prepared.diagnostics.iter().filter(|d| d.severity <= stopping).cloned().collect();
            return Ok(Outcome::Failed { problems, summary });
        }
    };
    let site = &prepared.site;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    let staging = output::open(&out, root, &site.config.keep, args.force)?;
    clock.say("output checked", clock.elapsed());
    for note in staging.notes() {
        errln!("note: {note}");
    }
    let pages = render::pages(site);
    let started = Instant::now();
    let index = duizhao::search::index(site);
    let s = index.stats;
    clock.say(
        &format!(
            "search index ({} docs, {} idx + {} text shards, {} bytes)",
            s.docs, s.idx_shards, s.text_shards, s.bytes
        ),
        started.elapsed(),
    );
    let failures = match write_site(root, site, renderer, &pages, index.files, &staging, args.quiet) {
        Ok(failures) => failures,
        Err(e) => return Err(discarding(staging, e)),
    };
    clock.say("rendered", clock.elapsed());
    if !failures.is_empty() {
        let broken = failures.len();
        discard(staging);
        let problems = page_failures(failures);
        reporter.print(&problems);
        let summary =
            format!("build failed: {broken} page(s) did not render; {} left as it was", out.display());
        return Ok(Outcome::Failed { problems, summary });
    }
    for warning in staging.commit()? {
        errln!("warning: {warning}");
    }
    let c = &site.counts;
    Ok(Outcome::Built(format!(
        "built {} pages: {} articles, {}/{} blocks translated ({}%), {} warning(s) in {:.2}s → {}",
        pages.len(),
        c.articles,
        c.translated_blocks,
        c.blocks,
        c.coverage_percent,
        prepared.count(Severity::Warning),
        clock.elapsed().as_secs_f64(),
        out.display()
    )))
}

/// The renderer, if the edition may be built: no errors, and no warnings
/// under `--strict`. Otherwise the line that says why nothing is written.
fn ready_to_render(prepared: &Prepared, strict: bool) -> std::result::Result<&Renderer, String> {
    let errors = prepared.count(Severity::Error);
    let warnings = prepared.count(Severity::Warning);
    let Some(renderer) = prepared.renderer.as_ref().filter(|_| errors == 0) else {
        return Err(format!("build failed: {errors} error(s), {warnings} warning(s); nothing written"));
    };
    if strict && warnings > 0 {
        return Err(format!("build failed (--strict): {warnings} warning(s); nothing written"));
    }
    Ok(renderer)
}

/// Step times on stderr when `DUIZHAO_TIMINGS` is set.
struct Clock {
    start: Instant,
    on: bool,
}

impl Clock {
    fn start() -> Clock {
        Clock { start: Instant::now(), on: std::env::var_os("DUIZHAO_TIMINGS").is_some() }
    }

    fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    fn say(&self, step: &str, elapsed: Duration) {
        if self.on {
            errln!("{step} in {:.3}s", elapsed.as_secs_f64());
        }
    }
}

/// Removes the unfinished site, then returns `error`.
fn discarding(staging: output::Staging, error: Error) -> Error {
    discard(staging);
    error
}

fn discard(staging: output::Staging) {
    if let Err(e) = staging.discard() {
        errln!("warning: {e}");
    }
}

/// Renders every page into `staging`, then the theme's static files, the
/// search index and the content's images; returns the pages (by path) that failed to render or write.
fn write_site(
    root: &Path,
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    index: Vec<(String, Vec<u8>)>,
    staging: &output::Staging,
    quiet: bool,
) -> Result<Vec<(String, Error)>> {
    let paths: Vec<String> = pages.iter().map(|&p| render::page_path(site, p)).collect();
    let mut statics = renderer.static_files();
    statics.extend(index);
    let media: Vec<String> =
        site.content_files.iter().filter(|f| is_media(f)).map(|f| format!("media/{f}")).collect();
    staging
        .make_dirs(paths.iter().chain(statics.iter().map(|(p, _)| p)).chain(&media).map(String::as_str))?;

    let progress = progress_bar(pages.len() as u64, quiet);
    let failures: Vec<(String, Error)> = pages
        .par_iter()
        .zip(paths.par_iter())
        .filter_map(|(&page, path)| {
            let result = renderer.render(site, page).and_then(|page| staging.write(path, &page.minified()));
            progress.inc(1);
            result.err().map(|e| (path.clone(), e))
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
