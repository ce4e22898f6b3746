//! `duizhao build`: the edition in, `public/` (or `--out`) written whole or
//! not at all.

use super::report::{Reporter, page_failures};
use super::terminal::{errln, outln, problems_found};
use duizhao::cli::BuildArgs;
use duizhao::error::{Diagnostic, Error, Result, Severity};
use duizhao::output;
use duizhao::output::cache::{self, Record, SavedDiagnostic, Stamp};
use duizhao::render::{self, Prepared, Renderer, prepare};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

mod cached;
mod clock;

use clock::Clock;

/// Runs `duizhao build`.
pub fn run(root: &Path, args: &BuildArgs, reporter: &Reporter) -> Result<ExitCode> {
    match build_once(root, args, reporter, true)? {
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
/// it whole or not at all: the one way every command writes a site. With
/// the build cache, only what changed since the last build is rendered, and
/// nothing at all when no input changed.
pub fn build(root: &Path, args: &BuildArgs, reporter: &Reporter) -> Result<Outcome> {
    build_once(root, args, reporter, false)
}

/// [`build`]; when the process `ends` after it, the site and the cache
/// record are left for the system to free at exit, not freed one
/// allocation at a time (a tenth of a one-article rebuild).
fn build_once(root: &Path, args: &BuildArgs, reporter: &Reporter, ends: bool) -> Result<Outcome> {
    let clock = Clock::start();
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    let cached = Cached::load(root, &out, args, &clock);
    clock.say("inputs hashed");
    if let Some(record) = cached.unchanged(root, &out, args.force)? {
        let diagnostics: Vec<Diagnostic> = record.diagnostics.iter().map(Diagnostic::from).collect();
        reporter.print(&diagnostics);
        let elapsed = clock.elapsed().as_secs_f64();
        return Ok(Outcome::Built(format!(
            "{}, nothing changed, in {elapsed:.2}s → {}",
            record.summary,
            out.display()
        )));
    }
    let prepared = prepare(root, args.base_url.as_deref())?;
    for (step, at) in &prepared.steps.0 {
        clock.said(step, *at);
    }
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
    let staging = output::open(&out, root, &site.config.keep, args.force)?;
    clock.say("output checked");
    for note in staging.notes() {
        errln!("note: {note}");
    }
    let reuse = cached.reuse(&out, site);
    let pages = render::pages(site);
    clock.say("pages listed, what to reuse found");
    let progress = progress_bar(pages.len() as u64, args.quiet);
    let watch = cached::Watch { progress: &progress, clock: &clock };
    let written = cached::write_site(root, site, renderer, &pages, &reuse, &staging, &watch);
    progress.finish_and_clear();
    let written = match written {
        Ok(written) => written,
        Err(e) => return Err(discarding(staging, e)),
    };
    if let Some((figures, elapsed)) = &written.search {
        clock.took(figures, *elapsed);
    }
    clock.say(&format!("rendered ({} of {} pages)", written.rendered, pages.len()));
    if !written.failures.is_empty() {
        let broken = written.failures.len();
        discard(staging);
        let problems = page_failures(written.failures);
        reporter.print(&problems);
        let summary =
            format!("build failed: {broken} page(s) did not render; {} left as it was", out.display());
        return Ok(Outcome::Failed { problems, summary });
    }
    let record = (written.files, written.search_record, written.places);
    // The cache is saved once the new site is in place, while the previous
    // one is removed.
    let (warnings, (summary, record)) =
        staging.commit_then(|| cached.save(root, &out, &prepared, pages.len(), record))?;
    for warning in warnings {
        errln!("warning: {warning}");
    }
    clock.say("swapped into place, cache saved");
    if ends {
        std::mem::forget((prepared, pages, record));
    }
    Ok(Outcome::Built(format!("{summary} in {:.2}s → {}", clock.elapsed().as_secs_f64(), out.display())))
}

/// The build cache as this build finds it: the last build's record into the
/// same folder (none under `--no-cache` or when unsound), the digest of the
/// inputs and the settings.
struct Cached {
    previous: Option<Record>,
    inputs: Option<cache::Inputs>,
    settings: String,
}

impl Cached {
    fn load(root: &Path, out: &Path, args: &BuildArgs, clock: &Clock) -> Cached {
        let (previous, notice) = if args.no_cache { (None, None) } else { cache::load(root, out) };
        clock.say("cache record read");
        if let Some(notice) = notice {
            errln!("note: {notice}");
        }
        // What of the command line changes the site or its messages.
        let settings = format!("base_url={:?} strict={}", args.base_url, args.strict);
        let previous = previous.filter(|r| r.settings == settings);
        let inputs = cache::inputs(root, previous.as_ref().map(|r| &r.inputs));
        Cached { previous, inputs, settings }
    }

    /// The last build's record, if nothing changed since it. The output
    /// folder is opened as for a build (locked, leftovers tidied) to look.
    fn unchanged(&self, root: &Path, out: &Path, force: bool) -> Result<Option<&Record>> {
        let (Some(record), Some(inputs)) = (self.previous.as_ref(), self.inputs.as_ref()) else {
            return Ok(None);
        };
        if record.inputs.all != inputs.all {
            return Ok(None);
        }
        let keep = duizhao::config::Edition::open(root)?.config.keep;
        let staging = output::open(out, root, &keep, force)?;
        for note in staging.notes() {
            errln!("note: {note}");
        }
        let same = unchanged(out, record, &keep);
        staging.discard()?;
        Ok(same.then_some(record))
    }

    /// What the build into `out` may reuse.
    fn reuse(&self, out: &Path, site: &duizhao::site::Site) -> cached::Reuse<'_> {
        let previous =
            self.previous.as_ref().filter(|r| std::fs::canonicalize(out).is_ok_and(|o| o == r.out));
        let texts = self.inputs.as_ref().map_or("", |i| i.texts.as_str());
        let search_key = cache::key(format!("{texts} {}", self.settings).as_bytes());
        let changed_articles = previous
            .zip(self.inputs.as_ref())
            .and_then(|(record, inputs)| cache::changed_articles(&record.inputs, inputs, true));
        let places = cached::places(site);
        let showing = previous.zip(self.inputs.as_ref()).and_then(|(record, inputs)| {
            cached::showing(site, &places, record, &cache::changed_articles(&record.inputs, inputs, false)?)
        });
        cached::Reuse { previous, search_key, changed_articles, showing, places }
    }

    /// Records the build just done; returns its summary line and the record.
    fn save(
        self,
        root: &Path,
        out: &Path,
        prepared: &Prepared,
        pages: usize,
        (files, search, places): cached::Recorded,
    ) -> (String, Record) {
        let c = &prepared.site.counts;
        let summary = format!(
            "built {pages} pages: {} articles, {}/{} blocks translated ({}%), {} warning(s)",
            c.articles,
            c.translated_blocks,
            c.blocks,
            c.coverage_percent,
            prepared.count(Severity::Warning),
        );
        let record = Record {
            binary: cache::binary(),
            out: std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf()),
            settings: self.settings,
            inputs: self.inputs.unwrap_or_default(),
            files,
            search,
            places,
            diagnostics: prepared.diagnostics.iter().map(SavedDiagnostic::from).collect(),
            summary: summary.clone(),
        };
        if let Err(e) = cache::save(root, &record) {
            errln!("warning: the build cache could not be saved (the next build renders every page): {e}");
        }
        (summary, record)
    }
}

/// Whether the site at `out` is exactly what the last build wrote: every
/// file as it was written, and no other.
fn unchanged(out: &Path, record: &Record, keep: &[String]) -> bool {
    if !out.join(output::MARKER).is_file()
        || std::fs::canonicalize(out).ok().as_deref() != Some(record.out.as_path())
    {
        return false;
    }
    let as_written =
        record.files.par_iter().all(|(path, (_, stamp))| Stamp::of(&out.join(path)).as_ref() == Some(stamp));
    as_written && files_in(out, keep) == Some(record.files.len())
}

/// How many files the site at `out` holds, besides its marker and the
/// deploy files a build carries over.
fn files_in(out: &Path, keep: &[String]) -> Option<usize> {
    let mut count = 0;
    let mut walk = walkdir::WalkDir::new(out).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.ok()?;
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 1 && (name == output::MARKER || output::is_carried(&name, keep)) {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        count += usize::from(!entry.file_type().is_dir());
    }
    Some(count)
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
