//! `duizhao serve`: the edition built as `build` builds it (the same
//! [`build`] call, so the same rules for the output folder), into a
//! temporary folder unless `--out` names one; served on loopback; after
//! each burst of changes, the pages of an edited article rebuilt in place
//! ([`Live`]) or else the whole site, the open pages reloading themselves
//! or showing the failed build's errors. Ctrl+C ends it with status 0.

use super::build::{Outcome, build};
use super::report::Reporter;
use super::terminal::{errln, outln};
use duizhao::cli::{BuildArgs, ServeArgs};
use duizhao::error::{Diagnostic, Error, Result};
use duizhao::serve::watch::Changes;
use duizhao::serve::{Hub, Live, Server, Watch};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

/// What the build loop waits for.
enum Event {
    Changed(Changes),
    Stop,
}

/// Runs `duizhao serve`.
pub fn run(root: &Path, args: &ServeArgs, reporter: &Reporter) -> Result<ExitCode> {
    if !args.bind.is_loopback() {
        errln!(
            "warning: listening on {}: every machine that can reach this address can read the site, \
             unpublished edits and all; the preview server is meant for this machine (127.0.0.1)",
            args.bind
        );
    }
    let (folder, temporary) = site_folder(args)?;
    let builder = Builder {
        root,
        args: BuildArgs { out: Some(folder.clone()), quiet: true, ..BuildArgs::default() },
        reporter,
        plain: Reporter::plain(root),
        hub: Arc::new(Hub::new()),
    };
    // The port and the watch first: a busy port is said at once, and an
    // edit made during the first build is not missed. Until that build,
    // pages wait for it.
    let server =
        Server::start(SocketAddr::new(args.bind, args.port), folder.clone(), Arc::clone(&builder.hub))?;
    let url = format!("http://{}/", server.addr());
    let (send, events) = mpsc::channel();
    let watch = {
        let send = send.clone();
        Watch::start(root, move |changes| drop(send.send(Event::Changed(changes))))?
    };
    on_interrupt(send)?;
    outln!(
        "serving {url}: watching content/, translations/, sources/, themes/ and edition.toml; Ctrl+C stops"
    );
    // Only the first build may end the command: the edition must at least open.
    let built = match builder.build() {
        Ok(built) => built,
        Err(e) => {
            server.stop();
            return Err(e);
        }
    };
    if args.open {
        open_in_browser(&url);
    }
    let mut live = built.and_then(|summary| builder.live(&summary));
    rebuild_on_change(&builder, &mut live, watch, &events);
    server.stop();
    if temporary.is_some() {
        // The build cache of a folder that goes with serve.
        duizhao::output::cache::remove(root, &folder);
    }
    drop(temporary);
    errln!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Where the site is built: `--out`, or a fresh temporary folder that goes
/// when the returned guard is dropped.
fn site_folder(args: &ServeArgs) -> Result<(PathBuf, Option<tempfile::TempDir>)> {
    if let Some(out) = &args.out {
        return Ok((out.clone(), None));
    }
    let temporary = tempfile::Builder::new()
        .prefix("duizhao-serve-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    Ok((temporary.path().join("site"), Some(temporary)))
}

/// Ctrl+C sends `Stop`; a second one, while the first is being handled, ends at once.
fn on_interrupt(send: mpsc::Sender<Event>) -> Result<()> {
    let asked = AtomicBool::new(false);
    ctrlc::set_handler(move || {
        if asked.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = send.send(Event::Stop);
    })
    .map_err(|e| Error::Other(format!("could not catch Ctrl+C: {e}")))
}

/// Rebuilds after each burst of changes, until `Stop`.
fn rebuild_on_change(
    builder: &Builder<'_>,
    live: &mut Option<Live>,
    mut watch: Watch,
    events: &mpsc::Receiver<Event>,
) {
    while let Ok(event) = events.recv() {
        let mut changed = match event {
            Event::Stop => return,
            Event::Changed(Err(e)) => {
                errln!("warning: watching the edition: {e}");
                continue;
            }
            Event::Changed(Ok(paths)) => paths,
        };
        // Changes that came while the last build ran make one more build, not several.
        let mut stop = false;
        while let Ok(more) = events.try_recv() {
            match more {
                Event::Changed(Ok(paths)) => changed.extend(paths),
                Event::Changed(Err(e)) => errln!("warning: watching the edition: {e}"),
                Event::Stop => stop = true,
            }
        }
        if stop {
            return;
        }
        changed.sort();
        changed.dedup();
        errln!("changed: {}", named(&changed));
        builder.rebuild(live, &changed);
        if let Err(e) = watch.refresh() {
            errln!("warning: {}", builder.reporter.render_error(&e));
        }
    }
}

/// Up to three names, then how many more.
fn named(paths: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths.iter().take(3).map(|p| p.display().to_string()).collect();
    if paths.len() > 3 {
        names.push(format!("and {} more", paths.len() - 3));
    }
    names.join(", ")
}

/// One build of the served site, its result told to the terminal and the pages.
struct Builder<'a> {
    root: &'a Path,
    args: BuildArgs,
    /// For the terminal.
    reporter: &'a Reporter,
    /// For the pages: no colour codes.
    plain: Reporter,
    hub: Arc<Hub>,
}

impl Builder<'_> {
    /// Rebuilds after `changed`: only the pages that show the edited
    /// articles when `live` can tell which, else the whole site, `live`
    /// then made again from it.
    fn rebuild(&self, live: &mut Option<Live>, changed: &[PathBuf]) {
        if let Some(model) = live.as_mut() {
            match self.rebuild_in_place(model, changed) {
                Ok(()) => return,
                Err(why) => errln!("rebuilding the whole site: {why}"),
            }
        }
        *live = match self.build() {
            Ok(Some(summary)) => self.live(&summary),
            Ok(None) => None,
            Err(e) => {
                errln!("{}", self.reporter.render_error(&e));
                self.hub.failed(self.plain.render_error(&e));
                None
            }
        };
    }

    /// The edited articles' own pages first, then the pages are told; then
    /// the other pages that show them, and the pages are told again; then
    /// the search index, so that it delays no reload.
    fn rebuild_in_place(&self, model: &mut Live, changed: &[PathBuf]) -> std::result::Result<(), String> {
        let started = Instant::now();
        let patch = model.patch(changed)?;
        self.reporter.print(&patch.diagnostics);
        let own = model.write_pages(&patch.own)?;
        self.hub.built_pages(&own.changed);
        let own_ms = started.elapsed().as_millis();
        let others = model.write_pages(&patch.others)?;
        if !others.changed.is_empty() {
            self.hub.built_pages(&others.changed);
        }
        outln!(
            "rebuilt {}: its page in {own_ms} ms; {} of {} more pages showing it rendered; {} file(s) changed; in {} ms",
            patch.articles.join(", "),
            others.rendered,
            patch.others.len(),
            own.changed.len() + others.changed.len(),
            started.elapsed().as_millis()
        );
        let started = Instant::now();
        match model.update_search() {
            Ok((files, changed)) => outln!(
                "search index updated: {changed} of {files} file(s) changed, in {:.2}s",
                started.elapsed().as_secs_f64()
            ),
            Err(e) => errln!("warning: the search index: {}", self.reporter.render_error(&e)),
        }
        Ok(())
    }

    /// The site just built, kept in memory for the next edit; `None` (every
    /// rebuild then full) if it cannot be. The build's `summary` is printed
    /// once it is: from that line on, an edit is rebuilt in place.
    fn live(&self, summary: &str) -> Option<Live> {
        let live = match self.args.out.as_deref().map(|out| Live::load(self.root, out)) {
            Some(Ok(live)) => live,
            None => None,
            Some(Err(e)) => {
                errln!("warning: {}; every rebuild is a full one", self.reporter.render_error(&e));
                None
            }
        };
        outln!("{summary}");
        live
    }

    /// Builds the whole site; its summary line if it was built (the pages
    /// are told at once, the line is the caller's). A failed build is told
    /// here, an error that stopped it is returned.
    fn build(&self) -> Result<Option<String>> {
        match build(self.root, &self.args, self.reporter)? {
            Outcome::Built(summary) => {
                self.hub.built();
                Ok(Some(summary))
            }
            Outcome::Failed { problems, summary } => {
                if self.hub.state().generation == 0 {
                    errln!("{summary}; the pages wait for a good build");
                } else {
                    errln!("{summary}; the last good site is still served");
                }
                self.hub.failed(self.overlay(&problems, &summary));
                Ok(None)
            }
        }
    }

    /// The failed build as the pages show it: each problem at its line, then the summary.
    fn overlay(&self, problems: &[Diagnostic], summary: &str) -> String {
        let mut text: Vec<String> = problems.iter().map(|d| self.plain.render_with_line(d)).collect();
        text.push(summary.to_string());
        text.join("\n\n")
    }
}

/// Opens `url` with the system's opener; a failure is only a warning.
fn open_in_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped on a thread of its own, so that it leaves no zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => errln!("warning: could not open a browser ({program}: {e}): open {url} yourself"),
    }
}
