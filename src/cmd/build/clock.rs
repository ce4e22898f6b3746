//! Step times on stderr when `DUIZHAO_TIMINGS` is set: each line says when
//! a step ended, counted from the start of the command, so the lines add up
//! to the build's wall time.

use super::super::terminal::errln;
use std::time::{Duration, Instant};

pub struct Clock {
    start: Instant,
    on: bool,
}

impl Clock {
    pub fn start() -> Clock {
        Clock { start: Instant::now(), on: std::env::var_os("DUIZHAO_TIMINGS").is_some() }
    }

    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Whether the lines are printed (for a step that would cost something
    /// to describe).
    pub fn on(&self) -> bool {
        self.on
    }

    /// `step` has just ended.
    pub fn say(&self, step: &str) {
        self.said(step, Instant::now());
    }

    /// `step` ended at `at`.
    pub fn said(&self, step: &str, at: Instant) {
        if self.on {
            errln!("{step} in {:.3}s", at.saturating_duration_since(self.start).as_secs_f64());
        }
    }

    /// A step that ran beside others, and how long it took itself.
    pub fn took(&self, step: &str, took: Duration) {
        if self.on {
            errln!("{step} in {:.3}s (ended at {:.3}s)", took.as_secs_f64(), self.elapsed().as_secs_f64());
        }
    }
}
