//! `duizhao status`: translation coverage per article, as a table or JSON.

use duizhao::cli::StatusArgs;
use duizhao::config::Edition;
use duizhao::error::{Result, Severity};
use duizhao::translate::status::{status_report, table};
use std::path::Path;
use std::process::ExitCode;

/// `duizhao status [--lang en] [--json] [--strict]`.
pub fn run(root: &Path, args: &StatusArgs) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    let (report, diagnostics) = status_report(&edition, &args.lang)?;
    for d in &diagnostics {
        eprintln!("{d}");
    }
    if args.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| duizhao::error::Error::Other(format!("cannot write JSON: {e}")))?;
        println!("{json}");
    } else {
        print!("{}", table(&report));
    }
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error)
        || (args.strict && (report.total.coverage.missing > 0 || report.total.coverage.stale > 0));
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
