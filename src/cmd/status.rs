//! `duizhao status`: translation coverage per article, as a table or JSON.

use super::report::Reporter;
use super::terminal::{problems_found, write_or_exit};
use duizhao::cli::StatusArgs;
use duizhao::config::Edition;
use duizhao::error::{Result, Severity};
use duizhao::translate::status::{status_report, table};
use std::path::Path;
use std::process::ExitCode;

/// `duizhao status [--lang en] [--json] [--strict]`.
pub fn run(root: &Path, args: &StatusArgs, reporter: &Reporter) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    let (report, diagnostics) = status_report(&edition, &args.lang)?;
    reporter.print(&diagnostics);
    let text = if args.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| duizhao::error::Error::Other(format!("cannot write JSON: {e}")))?;
        json + "\n"
    } else {
        table(&report)
    };
    write_or_exit(&mut std::io::stdout().lock(), &text, false);
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error)
        || (args.strict && (report.total.coverage.missing > 0 || report.total.coverage.stale > 0));
    Ok(if failed { problems_found() } else { ExitCode::SUCCESS })
}
