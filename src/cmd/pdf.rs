//! `duizhao pdf <reader>`: the reader's page, built as `build` builds it
//! into a temporary folder, printed to a PDF by headless Chromium (its
//! `--print-to-pdf`). In: the edition and a reader id; out: the PDF file.

use super::build::{Outcome, build};
use super::report::Reporter;
use super::terminal::{errln, outln, problems_found};
use duizhao::cli::{BuildArgs, PdfArgs};
use duizhao::config::Edition;
use duizhao::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The programs tried, in order, when neither `--chromium` nor `$CHROMIUM` names one.
const CHROMIUMS: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// How long Chromium may take to print one reader.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// Runs `duizhao pdf`.
pub fn run(root: &Path, args: &PdfArgs, reporter: &Reporter) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    reader_exists(&edition, &args.reader)?;
    let chromium = find_chromium(args.chromium.as_deref())?;
    let out = args.out.clone().unwrap_or_else(|| root.join(format!("{}.pdf", args.reader)));
    let scratch = tempfile::Builder::new()
        .prefix("duizhao-pdf-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let site = scratch.path().join("site");
    let build_args = BuildArgs { out: Some(site.clone()), quiet: true, ..BuildArgs::default() };
    match build(root, &build_args, reporter)? {
        Outcome::Built(_) => {}
        Outcome::Failed { summary, .. } => {
            errln!("{summary}");
            return Ok(problems_found());
        }
    }
    let page = site.join("readers").join(&args.reader).join("index.html");
    print_to_pdf(&chromium, &page, &out, &scratch.path().join("profile"))?;
    let bytes = std::fs::metadata(&out).map_err(|e| Error::io(&out, e))?.len();
    outln!(
        "wrote {} ({} KB): reader \"{}\", printed by {}",
        out.display(),
        bytes / 1024,
        args.reader,
        chromium.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// An error naming the readers there are, when `id` is not one of them.
pub fn reader_exists(edition: &Edition, id: &str) -> Result<()> {
    let readers = &edition.config.readers;
    if readers.iter().any(|r| r.id == id) {
        return Ok(());
    }
    let known: Vec<String> = readers.iter().map(|r| format!("\"{}\"", r.id)).collect();
    Err(Error::Other(if known.is_empty() {
        format!(
            "no reader \"{id}\": edition.toml has no [[reader]]; add one (see docs/ARCHITECTURE.md, \"Settings: edition.toml\")"
        )
    } else {
        format!("no reader \"{id}\" in edition.toml: the readers are {}", known.join(", "))
    }))
}

/// `--chromium`, else `$CHROMIUM`, else the first of [`CHROMIUMS`] on PATH;
/// when there is none, an error that says how to install it.
fn find_chromium(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(program) = given
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()).map(PathBuf::from))
    {
        return on_path(&program).ok_or_else(|| {
            Error::Other(format!(
                "{}: no such program: name Chromium's program with --chromium (or $CHROMIUM), or install it \
                 (Debian and Ubuntu: `sudo apt install chromium`)",
                program.display()
            ))
        });
    }
    CHROMIUMS.iter().find_map(|name| on_path(Path::new(name))).ok_or_else(|| {
        Error::Other(format!(
            "duizhao pdf prints with headless Chromium, and none was found on PATH (tried {}). Install it \
             (Debian and Ubuntu: `sudo apt install chromium`; elsewhere Chromium or Google Chrome), or name \
             the program with --chromium PATH. Without it, open readers/<id>/index.html of a built site and \
             print it from any browser",
            CHROMIUMS.join(", ")
        ))
    })
}

/// `program` itself if it names a file, else its place on PATH.
fn on_path(program: &Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// Has Chromium print `page` to `out`, with a profile of its own in `profile`.
fn print_to_pdf(chromium: &Path, page: &Path, out: &Path, profile: &Path) -> Result<()> {
    // What Chromium says goes to a file, read only on failure: a pipe left
    // unread could fill and stall it.
    let log_path = profile.with_extension("log");
    let log = std::fs::File::create(&log_path).map_err(|e| Error::io(&log_path, e))?;
    let out_abs = std::path::absolute(out).map_err(|e| Error::io(out, e))?;
    let url = format!("file://{}", std::path::absolute(page).map_err(|e| Error::io(page, e))?.display());
    let mut child = Command::new(chromium)
        // The page is the site's own, from disk, under its CSP; the sandbox
        // cannot start as root (CI, containers), where Chromium refuses to run.
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer"])
        .args(["--disable-extensions", "--disable-background-networking", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out_abs.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| Error::Other(format!("{}: could not start: {e}", chromium.display())))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) =
            child.try_wait().map_err(|e| Error::Other(format!("{}: {e}", chromium.display())))?
        {
            break status;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            return Err(Error::Other(format!(
                "{} did not finish printing {} in {} s; stopped it",
                chromium.display(),
                page.display(),
                PRINT_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let printed = std::fs::read(&out_abs).is_ok_and(|b| b.starts_with(b"%PDF"));
    if status.success() && printed {
        return Ok(());
    }
    let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
    let last: Vec<&str> = stderr.lines().rev().take(5).collect();
    Err(Error::Other(format!(
        "{} did not print {} to {} ({status}); what it said last:\n  {}",
        chromium.display(),
        url,
        out.display(),
        last.into_iter().rev().collect::<Vec<_>>().join("\n  ")
    )))
}
