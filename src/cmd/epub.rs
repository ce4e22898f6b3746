//! `duizhao epub [--reader ID] [--out FILE]`: the edition, or one reader,
//! as an EPUB 3 (`duizhao::epub`). In: the edition; out: the book's file.

use super::report::Reporter;
use super::terminal::{errln, outln, problems_found};
use duizhao::cli::EpubArgs;
use duizhao::error::{Error, Result, Severity};
use duizhao::render::prepare;
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao epub`.
pub fn run(root: &Path, args: &EpubArgs, reporter: &Reporter) -> Result<ExitCode> {
    let prepared = prepare(root, None)?;
    let site = &prepared.site;
    let reader = match &args.reader {
        Some(id) => {
            super::pdf::reader_exists(&duizhao::config::Edition::open(root)?, id)?;
            site.config.readers.iter().find(|r| &r.id == id)
        }
        None => None,
    };
    reporter.print(&prepared.diagnostics);
    let errors = prepared.count(Severity::Error);
    if errors > 0 {
        errln!("epub failed: {errors} error(s); nothing written");
        return Ok(problems_found());
    }
    let bytes = duizhao::epub::book(site, reader)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join(format!("{}.epub", args.reader.as_deref().unwrap_or("edition"))));
    std::fs::write(&out, &bytes).map_err(|e| Error::io(&out, e))?;
    let chapters = reader.map_or(site.articles.len(), |r| r.parts.len());
    outln!(
        "wrote {} ({} KB): {chapters} article(s), Chinese then English",
        out.display(),
        bytes.len() / 1024
    );
    Ok(ExitCode::SUCCESS)
}
