//! The edition as one value: `content/`, `translations/`, `sources/` and the
//! theme in; a [`Site`] ready to render, with every problem found, out.
//!
//! 1. [`load`]: read and parse every file in parallel, collecting problems;
//! 2. [`assemble`]: pair translations ([`crate::pair`]), sort, index → [`Site`];
//! 3. [`patch`]: one article's edited file read into a site kept in memory (`serve`).
//!
//! Rendering is [`crate::render`]'s job (its `prepare` joins the site and the
//! theme), writing the folder [`crate::output`]'s.

pub mod assemble;
pub mod load;
pub mod media;
pub mod patch;

pub use assemble::Site;

use crate::error::{Error, Result};
use std::path::Path;
use std::time::Instant;

/// When each step of preparing a site ended, for `DUIZHAO_TIMINGS`.
#[derive(Debug, Default)]
pub struct Steps(pub Vec<(&'static str, Instant)>);

impl Steps {
    /// Notes that `step` has just ended.
    pub fn mark(&mut self, step: &'static str) {
        self.0.push((step, Instant::now()));
    }
}

/// The site's address must be an `http(s)://` URL, or empty.
pub fn check_base_url(root: &Path, url: &str, from_command_line: bool) -> Result<()> {
    if url.is_empty() || crate::model::link::is_site_url(url) {
        return Ok(());
    }
    let problem = format!(
        "\"{}\" is not an http:// or https:// address: give the address the site will have (e.g. https://example.org/edition/), or leave it empty",
        crate::model::link::shown(url)
    );
    if from_command_line {
        return Err(Error::Other(format!("--base-url {problem}")));
    }
    let path = root.join("edition.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let line = crate::model::line_of_key(&text, "base_url").map_or(1, |i| i + 1);
    Err(Error::at(path, line, format!("base_url {problem}")))
}
