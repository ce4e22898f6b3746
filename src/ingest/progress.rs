//! Progress on a terminal while ingest runs: the sources done when there
//! are many, and a bar of its own for each large source (its stage, then
//! its articles as they are prepared). Nothing is drawn with `-q` or when
//! stderr is not a terminal, so logs and pipes stay clean.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A source of at least this many bytes gets a bar of its own.
const LARGE_SOURCE: u64 = 2_000_000;
/// More sources than this get a bar counting them.
const MANY_SOURCES: usize = 20;

/// The bars of one ingest run.
pub struct Progress {
    multi: Option<MultiProgress>,
    sources: Option<ProgressBar>,
}

impl Progress {
    pub fn new(files: &[PathBuf], quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let sources = (files.len() > MANY_SOURCES).then(|| {
            let bar = multi.add(ProgressBar::new(files.len() as u64));
            set_style(&bar, "{spinner} ingesting {pos}/{len} sources {wide_bar} {eta}");
            bar
        });
        Progress { multi: Some(multi), sources }
    }

    pub fn hidden() -> Progress {
        Progress { multi: None, sources: None }
    }

    /// Runs `ingest` on one source, with a bar for it if it is large, and
    /// counts it done.
    pub fn source<T>(&self, path: &Path, ingest: impl FnOnce(&SourceProgress) -> T) -> T {
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() >= LARGE_SOURCE);
        let bar = self.multi.as_ref().filter(|_| large).map(|multi| {
            let bar = multi.add(ProgressBar::no_length());
            set_style(&bar, "{spinner} {prefix}: {msg}");
            bar.set_prefix(path.display().to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let result = ingest(&SourceProgress { bar: bar.clone() });
        if let (Some(multi), Some(bar)) = (&self.multi, bar) {
            bar.finish_and_clear();
            multi.remove(&bar);
        }
        if let Some(sources) = &self.sources {
            sources.inc(1);
        }
        result
    }

    pub fn finish(self) {
        if let Some(sources) = self.sources {
            sources.finish_and_clear();
        }
    }
}

/// The bar of one source, if it has one.
pub struct SourceProgress {
    bar: Option<ProgressBar>,
}

impl SourceProgress {
    pub fn hidden() -> SourceProgress {
        SourceProgress { bar: None }
    }

    /// Names the step under way ("finding repeats").
    pub fn stage(&self, what: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(what);
        }
    }

    /// From here on the bar counts `total` articles.
    pub fn articles(&self, total: usize) {
        if let Some(bar) = &self.bar {
            set_style(bar, "{spinner} {prefix}: {pos}/{len} articles {wide_bar} {eta}");
            bar.set_length(total as u64);
            bar.set_position(0);
        }
    }

    pub fn article_done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

fn set_style(bar: &ProgressBar, template: &str) {
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_draws_no_bar_even_for_a_large_source() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'x'; usize::try_from(LARGE_SOURCE).unwrap()]).unwrap();
        let progress = Progress::new(std::slice::from_ref(&big), true);
        assert!(progress.source(&big, |source| source.bar.is_none()));
        assert!(progress.multi.is_none() && progress.sources.is_none());
    }
}
