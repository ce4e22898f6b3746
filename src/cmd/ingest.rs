//! `duizhao ingest`: sources in, `content/<id>.md` written, never over an
//! editor's change without `--force`.

use super::report::Reporter;
use super::terminal::{errln, problems_found};
use duizhao::cli::IngestArgs;
use duizhao::config::Edition;
use duizhao::error::{Diagnostic, Error, Result, Severity};
use duizhao::fs_util::display_path;
use duizhao::ingest::draft::NoteKind;
use duizhao::ingest::write::Outcome;
use duizhao::ingest::{self, SourceReport, ingest_source_with_progress};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao ingest`.
pub fn run(root: &Path, args: &IngestArgs, reporter: &Reporter) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    let show = |path: &Path| display_path(path, root);
    let paths = if args.paths.is_empty() { vec![edition.sources_dir()] } else { args.paths.clone() };
    let out_dir = args.out.clone().unwrap_or_else(|| edition.content_dir());
    let selection = ingest::files::source_files(&paths, &ingest::files::Bounds { root, shown: &show })?;
    if !args.quiet {
        for note in &selection.notes {
            errln!("note: {note}");
        }
    }
    let files = selection.files;
    if files.is_empty() {
        return Err(Error::Other(format!(
            "no source files (.txt, .html) under {}: put raw texts in sources/ or name them",
            paths.iter().map(|p| show(p).display().to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let progress = ingest::progress::Progress::new(&files, args.quiet);
    let results: Vec<Result<SourceReport>> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|file| {
                progress.source(file, |bar| {
                    ingest_source_with_progress(file, &edition.root, &edition.config, bar)
                })
            })
            .collect()
    };
    progress.finish();
    let (reports, failed) = report_sources(results, args.quiet, reporter);

    let articles: usize = reports.iter().map(|r| r.articles.len()).sum();
    let flags: usize = reports.iter().flat_map(|r| &r.articles).map(|a| a.review_flags).sum();
    let out =
        ingest::output::Output { dir: &out_dir, force: args.force, dry_run: args.dry_run, shown: &show };
    let (outcomes, said) = ingest::output::write_all(&reports, &out)?;
    reporter.print(&heard(said, args.quiet));

    print_summary(&outcomes, files.len() - failed, failed, articles, args.dry_run);
    let mut interventions: BTreeMap<NoteKind, usize> = BTreeMap::new();
    for (kind, n) in reports.iter().flat_map(|r| &r.interventions) {
        *interventions.entry(*kind).or_insert(0) += n;
    }
    if !interventions.is_empty() {
        let parts: Vec<String> = interventions.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
        errln!("interventions: {}", parts.join(", "));
    }
    if flags > 0 {
        errln!("review: {flags} flag(s) for an editor, listed under [ingest].review in the articles");
    }
    Ok(if failed > 0 { problems_found() } else { ExitCode::SUCCESS })
}

/// Prints each source's error, or its warnings and what it was; returns the
/// sources that were read and how many failed.
fn report_sources(
    results: Vec<Result<SourceReport>>,
    quiet: bool,
    reporter: &Reporter,
) -> (Vec<SourceReport>, usize) {
    let mut failed = 0;
    let mut reports = Vec::new();
    for result in results {
        let report = match result {
            Ok(report) => report,
            Err(error) => {
                errln!("{}", reporter.render_error(&error));
                failed += 1;
                continue;
            }
        };
        reporter.print(&heard(report.warnings.clone(), quiet));
        if !quiet {
            errln!(
                "{}: {} ({}), {} article(s)",
                report.path.display(),
                report.shape.describe(),
                report.encoding,
                report.articles.len()
            );
        }
        reports.push(report);
    }
    (reports, failed)
}

/// What `--quiet` lets through: errors only.
fn heard(diagnostics: Vec<Diagnostic>, quiet: bool) -> Vec<Diagnostic> {
    diagnostics.into_iter().filter(|d| !quiet || d.severity == Severity::Error).collect()
}

/// The line that ends every run: how many sources and articles, and what
/// became of the files.
fn print_summary(
    outcomes: &ingest::output::Outcomes,
    sources: usize,
    failed: usize,
    articles: usize,
    dry_run: bool,
) {
    let count = |o: Outcome| outcomes.get(&o).map_or(0, Vec::len);
    let written = if dry_run { count(Outcome::WouldWrite) } else { count(Outcome::Written) };
    let replaced = count(Outcome::Replaced);
    errln!(
        "ingest: {sources} source(s) → {articles} article(s): {} {}{}, {} unchanged, {} kept because edited by hand{}",
        written + replaced,
        if dry_run { "would be written" } else { "written" },
        if replaced > 0 {
            format!(" ({replaced} over an editor's change, backed up as <id>.md.orig)")
        } else {
            String::new()
        },
        count(Outcome::Unchanged),
        count(Outcome::KeptEdited),
        if failed > 0 { format!(", {failed} source(s) failed") } else { String::new() }
    );
}
