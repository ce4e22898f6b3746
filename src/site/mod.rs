//! The edition as one value: `content/`, `translations/`, `sources/` and the
//! theme in; a [`Site`] ready to render, with every problem found, out.
//!
//! 1. [`load`]: read and parse every file in parallel, collecting problems;
//! 2. [`assemble`]: pair translations ([`crate::pair`]), sort, index → [`Site`].
//!
//! Rendering is [`crate::render`]'s job, writing the folder [`crate::output`]'s.

pub mod assemble;
pub mod load;
pub mod media;

pub use assemble::Site;

use crate::config::Edition;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::render::Renderer;
use crate::theme::Theme;
use std::path::Path;
use std::time::{Duration, Instant};

/// The edition loaded, assembled and ready to render, with its problems.
pub struct Prepared {
    pub site: Site,
    /// `None` when a template did not parse (the error is in `diagnostics`).
    pub renderer: Option<Renderer>,
    pub diagnostics: Vec<Diagnostic>,
    /// How long each step took since the start, for `DUIZHAO_TIMINGS`.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Prepared {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// Load, validate and assemble the edition at `root`; shared by build and check.
pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Prepared> {
    let mut edition = Edition::open(root)?;
    if let Some(url) = base_url {
        edition.config.base_url = url.to_string();
    }
    check_base_url(root, &edition.config.base_url, base_url.is_some())?;
    // Absolute URLs are made by appending a path: keep one trailing slash.
    if !edition.config.base_url.is_empty() && !edition.config.base_url.ends_with('/') {
        edition.config.base_url.push('/');
    }
    edition.require_content_dir()?;
    let t = Instant::now();
    let mut timings = Vec::new();
    let loaded = load::load(&edition);
    timings.push(("loaded", t.elapsed()));
    let mut diagnostics = Vec::new();
    let renderer = match Theme::load(root, &edition.config.theme).and_then(Renderer::new) {
        Ok(r) => Some(r),
        Err(e) => {
            diagnostics.push(crate::texts::diagnostic_of(e));
            None
        }
    };
    timings.push(("theme", t.elapsed()));
    let history = crate::pair::history::GitHistory::new(root);
    let (site, more) = assemble::assemble(edition.config, loaded, Some(&history));
    timings.push(("assembled", t.elapsed()));
    diagnostics.extend(more);
    diagnostics.sort();
    diagnostics.dedup();
    Ok(Prepared { site, renderer, diagnostics, timings })
}

/// The site's address must be an `http(s)://` URL, or empty.
fn check_base_url(root: &Path, url: &str, from_command_line: bool) -> Result<()> {
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
