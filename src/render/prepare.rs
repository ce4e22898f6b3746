//! The edition at a root in; its [`Site`], the [`Renderer`] of its theme and
//! every problem found out: what `build` and `check` start from.

use super::Renderer;
use crate::config::Edition;
use crate::error::{Diagnostic, Result, Severity};
use crate::site::{Site, Steps};
use crate::theme::Theme;
use std::path::Path;

/// The edition loaded, assembled and ready to render, with its problems.
pub struct Prepared {
    pub site: Site,
    /// `None` when a template did not parse (the error is in `diagnostics`).
    pub renderer: Option<Renderer>,
    pub diagnostics: Vec<Diagnostic>,
    /// When each step ended, for `DUIZHAO_TIMINGS`.
    pub steps: Steps,
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
    crate::site::check_base_url(root, &edition.config.base_url, base_url.is_some())?;
    // Absolute URLs are made by appending a path: keep one trailing slash.
    if !edition.config.base_url.is_empty() && !edition.config.base_url.ends_with('/') {
        edition.config.base_url.push('/');
    }
    edition.require_content_dir()?;
    let mut steps = Steps::default();
    steps.mark("edition opened");
    // The theme's templates are compiled while the texts are read.
    let (loaded, theme) = rayon::join(
        || {
            let loaded = crate::site::load::load(&edition, &mut steps);
            steps.mark("loaded");
            loaded
        },
        || Theme::load(root, &edition.config.theme).and_then(Renderer::new),
    );
    let mut diagnostics = Vec::new();
    let renderer = match theme {
        Ok(r) => Some(r),
        Err(e) => {
            diagnostics.push(crate::texts::diagnostic_of(e));
            None
        }
    };
    steps.mark("theme (beside the texts)");
    let history = crate::pair::history::GitHistory::new(root);
    let (site, more) = crate::site::assemble::assemble(edition.config, loaded, Some(&history), &mut steps);
    steps.mark("assembled");
    diagnostics.extend(more);
    // An article that did not load has its own error; its readers say nothing more.
    let failed: Vec<std::path::PathBuf> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.location.as_ref().map(|l| l.path.clone()))
        .collect();
    let not_loaded = |id: &str| failed.contains(&Path::new("content").join(format!("{id}.md")));
    diagnostics.extend(crate::reader::problems(&site, not_loaded));
    diagnostics.sort();
    diagnostics.dedup();
    steps.mark("readers checked");
    Ok(Prepared { site, renderer, diagnostics, steps })
}
