//! What the open pages are told: the builds' results in (a new site, or a
//! failed build's message), the latest state out to every waiting
//! event stream. One lock and one condition variable; no async runtime.

use serde::Serialize;
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The state of the served site, as sent to the pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct State {
    /// How many builds succeeded: a page from an older one reloads. 0 while
    /// no site has been built.
    pub generation: u64,
    /// The last build's failure, located and readable, while it is not
    /// fixed; the last good site is still served under it.
    pub error: Option<String>,
    /// The pages (URL paths, `/articles/x.html`) the builds after
    /// generation `since` changed, when they know; a page of generation
    /// `since` or later that is not one of them need not reload. Absent
    /// after a full build: every page reloads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
    /// The server is stopping: event streams end.
    #[serde(skip)]
    pub stopped: bool,
}

/// The state, shared by the build loop and the server's threads.
#[derive(Debug, Default)]
pub struct Hub {
    state: Mutex<State>,
    changed: Condvar,
    /// The pages each recent good build changed (`None`: a full build), by generation.
    log: Mutex<VecDeque<(u64, Option<Vec<String>>)>>,
}

/// How many builds [`Hub::pages_between`] can look back on.
const LOG: usize = 64;

impl Hub {
    pub fn new() -> Hub {
        Hub::default()
    }

    /// A new site is in place: pages reload, any error overlay goes.
    pub fn built(&self) {
        self.new_site(None);
    }

    /// A new site is in place in which only `pages` (site files,
    /// `articles/x.html`) changed: only they reload.
    pub fn built_pages(&self, pages: &[String]) {
        self.new_site(Some(pages.iter().map(|p| format!("/{p}")).collect()));
    }

    fn new_site(&self, pages: Option<Vec<String>>) {
        self.update(|s| {
            s.since = pages.as_ref().map(|_| s.generation);
            s.generation += 1;
            s.error = None;
            s.pages.clone_from(&pages);
            let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
            log.push_back((s.generation, pages));
            if log.len() > LOG {
                log.pop_front();
            }
        });
    }

    /// The pages the builds after generation `since` up to `to` changed;
    /// `None` if one of them was a full build or is no longer known.
    pub fn pages_between(&self, since: u64, to: u64) -> Option<Vec<String>> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let mut pages = Vec::new();
        for generation in since + 1..=to {
            let (_, changed) = log.iter().find(|(g, _)| *g == generation)?;
            pages.extend(changed.as_ref()?.iter().cloned());
        }
        pages.sort();
        pages.dedup();
        Some(pages)
    }

    /// A build failed with `message`; the pages show it over the last good site.
    pub fn failed(&self, message: String) {
        self.update(|s| s.error = Some(message));
    }

    /// The server stops: every waiting stream is woken to end.
    pub fn stop(&self) {
        self.update(|s| s.stopped = true);
    }

    pub fn state(&self) -> State {
        self.lock().clone()
    }

    /// Waits up to `timeout` for a state other than `seen`; `None` if none came.
    pub fn wait(&self, seen: &State, timeout: Duration) -> Option<State> {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s == seen)
            .unwrap_or_else(PoisonError::into_inner);
        (*guard != *seen).then(|| guard.clone())
    }

    fn update(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }

    /// A panicked holder leaves a consistent state behind (each change is
    /// one assignment), so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_waiting_stream_wakes_on_a_build_and_an_error_keeps_the_generation() {
        let hub = Arc::new(Hub::new());
        let seen = hub.state();
        assert_eq!(hub.wait(&seen, Duration::from_millis(10)), None);
        let waiter = {
            let hub = Arc::clone(&hub);
            std::thread::spawn(move || hub.wait(&seen, Duration::from_secs(10)))
        };
        hub.built();
        assert_eq!(waiter.join().unwrap().map(|s| s.generation), Some(1));
        hub.failed("error: content/a.md:2: bad".into());
        let state = hub.state();
        assert_eq!((state.generation, state.error.as_deref()), (1, Some("error: content/a.md:2: bad")));
        hub.built();
        assert_eq!(hub.state(), State { generation: 2, ..State::default() });
        assert_eq!(serde_json::to_string(&hub.state()).unwrap(), r#"{"generation":2,"error":null}"#);
        hub.built_pages(&["articles/a.html".into()]);
        assert_eq!(
            serde_json::to_string(&hub.state()).unwrap(),
            r#"{"generation":3,"error":null,"pages":["/articles/a.html"],"since":2}"#
        );
        hub.built_pages(&["index.html".into()]);
        assert_eq!(hub.pages_between(2, 4), Some(vec!["/articles/a.html".into(), "/index.html".into()]));
        assert_eq!(hub.pages_between(1, 4), None, "build 2 was a full one");
    }
}
