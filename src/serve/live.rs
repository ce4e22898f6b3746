//! The served site kept in memory between rebuilds, so that an edit to one
//! article costs a few pages, not the whole site. In: the edition and the
//! folder a full build just wrote (with that build's record of what made
//! each file); on each burst of changes, the changed files. Out: the pages
//! that show the edited article rendered again where what they are drawn
//! from changed, and written in place (one atomic rename per file) where
//! their bytes changed; or the reason the edit needs a full build.
//!
//! 1. [`Live::load`]: the edition prepared as `build` prepares it, the
//!    templates' key and every file's key and stamp from the build cache;
//! 2. [`Live::patch`]: each changed article or translation patched into the
//!    site ([`crate::site::patch`]), and the pages showing it found
//!    (`showing`): its own, then the others;
//! 3. [`Live::write_pages`]: those pages keyed as the build cache keys
//!    them; a page whose key and file are as recorded is left alone, any
//!    other rendered, and written if its bytes changed. The command tells
//!    the open pages after its own pages, and again after the others;
//! 4. [`Live::update_search`]: the search index, after the pages have been
//!    told to reload, so that it does not delay them.

use crate::error::{Diagnostic, Error, Result, Severity};
use crate::output::cache::{self, Hasher, Key, Stamp};
use crate::pair::history::GitHistory;
use crate::render::{Page, Renderer, page_path, pages, prepare};
use crate::site::Site;
use crate::site::patch;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The edition as the served folder shows it.
pub struct Live {
    root: PathBuf,
    out: PathBuf,
    site: Site,
    renderer: Renderer,
    /// The key of every template together.
    templates: Key,
    /// Each file of the served folder: what made it, and its stamp then.
    files: BTreeMap<String, (Key, Stamp)>,
    history: GitHistory,
}

/// The edited articles patched into the site, and the pages to render again.
#[derive(Debug, Default)]
pub struct Patch {
    /// The ids of the articles patched.
    pub articles: Vec<String>,
    /// Their own pages, written first: the pages an editor is looking at.
    pub own: Vec<Page>,
    /// The other pages that may show them.
    pub others: Vec<Page>,
    /// The problems found in the edited files (never errors).
    pub diagnostics: Vec<Diagnostic>,
}

/// What writing some pages did.
#[derive(Debug, Default)]
pub struct Written {
    /// How many were rendered (the others were as recorded).
    pub rendered: usize,
    /// The files whose bytes changed, relative to the served folder.
    pub changed: Vec<String>,
}

impl Live {
    /// The edition at `root` as the good build just made into `out` shows it;
    /// `None` if it does not prepare without errors (then every rebuild is full).
    pub fn load(root: &Path, out: &Path) -> Result<Option<Live>> {
        let prepared = prepare(root, None)?;
        let errors = prepared.count(Severity::Error);
        let Some(renderer) = prepared.renderer.filter(|_| errors == 0) else { return Ok(None) };
        let mut templates = Hasher::default();
        renderer.hash_templates_into(&mut templates).map_err(|e| Error::Other(e.to_string()))?;
        let (record, _) = cache::load(root, out);
        Ok(Some(Live {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            site: prepared.site,
            renderer,
            templates: templates.key(),
            files: record.map(|r| r.files).unwrap_or_default(),
            history: GitHistory::new(root),
        }))
    }

    /// Reads the `changed` files (relative to the edition) into the site;
    /// `Err` says why a full build is needed instead. After an `Err` the
    /// model may be part-way: drop it.
    pub fn patch(&mut self, changed: &[PathBuf]) -> std::result::Result<Patch, String> {
        let mut patch = Patch::default();
        let mut touched = BTreeSet::new();
        for rel in changed {
            let patched = patch::apply(&mut self.site, &self.root, rel, Some(&self.history))?;
            patch.diagnostics.extend(patched.diagnostics);
            touched.insert(patched.index);
        }
        let problems = crate::reader::problems(&self.site, |_| false);
        if let Some(error) = problems.iter().find(|d| d.severity == Severity::Error) {
            return Err(error.to_string());
        }
        patch.articles =
            touched.iter().map(|&i| self.site.articles[i].aligned.article.id.to_string()).collect();
        for page in pages(&self.site) {
            if matches!(page, Page::Article(i) if touched.contains(&i)) {
                patch.own.push(page);
            } else if showing(&self.site, page, &touched) {
                patch.others.push(page);
            }
        }
        Ok(patch)
    }

    /// Renders those of `pages` whose key or file changed, in parallel, and
    /// writes those whose bytes changed; `Err` (a page that did not
    /// render) calls for a full build, which reports it.
    pub fn write_pages(&mut self, pages: &[Page]) -> std::result::Result<Written, String> {
        let results: Vec<_> = pages.par_iter().map(|&page| self.refresh(page)).collect();
        let mut written = Written::default();
        for result in results {
            let (path, key, outcome) = result.map_err(|e| e.to_string())?;
            let Some(changed) = outcome else { continue };
            written.rendered += 1;
            let stamp =
                Stamp::of(&self.out.join(&path)).ok_or_else(|| format!("{path}: written but not found"))?;
            self.files.insert(path.clone(), (key, stamp));
            if changed {
                written.changed.push(path);
            }
        }
        Ok(written)
    }

    /// One page: its path, its key, and `None` if its file was as recorded,
    /// else whether its new bytes differed from the file's.
    fn refresh(&self, page: Page) -> Result<(String, Key, Option<bool>)> {
        let path = page_path(&self.site, page);
        let input = self.renderer.input(&self.site, page);
        let mut hasher = Hasher::default();
        hasher.update(self.templates.as_bytes());
        input.hash_into(&mut hasher).map_err(|e| Error::Other(format!("{path}: {e}")))?;
        let key = hasher.key();
        let file = self.out.join(&path);
        if self
            .files
            .get(&path)
            .is_some_and(|(k, stamp)| *k == key && Stamp::of(&file).as_ref() == Some(stamp))
        {
            return Ok((path, key, None));
        }
        let bytes = self.renderer.render_input(&self.site, input)?.minified();
        let written = replace_if_changed(&file, &bytes)?;
        Ok((path, key, Some(written)))
    }

    /// Makes the search index again and writes the files of it that
    /// changed, removing the ones it no longer has; returns how many files
    /// it has and how many were written or removed.
    pub fn update_search(&self) -> Result<(usize, usize)> {
        // The one place serve asks for the index: switch it to the search
        // module's incremental update when there is one.
        let index = crate::search::index(&self.site);
        let mut changed = 0;
        for (path, bytes) in &index.files {
            let file = self.out.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            changed += usize::from(replace_if_changed(&file, bytes)?);
        }
        let kept: BTreeSet<&str> = index.files.iter().map(|(p, _)| p.as_str()).collect();
        let search_page = page_path(&self.site, Page::Search);
        for entry in
            walkdir::WalkDir::new(self.out.join("search")).into_iter().filter_map(std::result::Result::ok)
        {
            let rel =
                entry.path().strip_prefix(&self.out).map(crate::fs_util::slash_path).unwrap_or_default();
            if entry.file_type().is_file() && rel != search_page && !kept.contains(rel.as_str()) {
                std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                changed += 1;
            }
        }
        Ok((index.files.len(), changed))
    }
}

/// Whether `page` may show one of the articles `shown` (indices into
/// `Site::articles`): its own page, its neighbours', the lists it is in
/// (home, timeline, its regions, sources, glossary), the readers and its
/// proofreading page. The build cache asks it too.
pub fn showing(site: &Site, page: Page, shown: &BTreeSet<usize>) -> bool {
    match page {
        Page::Article(i) => {
            let a = &site.articles[i];
            shown.contains(&i) || [a.prev, a.next].iter().flatten().any(|j| shown.contains(j))
        }
        Page::Review(i) => shown.contains(&i),
        Page::Region(n) => {
            let r = &site.regions[n];
            shown.iter().any(|i| r.articles.binary_search(i).is_ok() || r.mentioned.binary_search(i).is_ok())
        }
        Page::Home | Page::Timeline | Page::Regions | Page::Sources | Page::Glossary | Page::Reader(_) => {
            true
        }
        Page::NotFound | Page::Search => false,
    }
}

/// Writes `bytes` to `file` by renaming a fresh file over it, unless it
/// holds them already; whether it was written. A file of the served folder
/// may be a hard link shared with an older site, so it is never written
/// through.
fn replace_if_changed(file: &Path, bytes: &[u8]) -> Result<bool> {
    let same_size = file.metadata().is_ok_and(|m| m.len() == bytes.len() as u64);
    if same_size && std::fs::read(file).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let fresh = file.with_file_name(format!(".{name}.serve-{}", std::process::id()));
    std::fs::write(&fresh, bytes).map_err(|e| Error::io(&fresh, e))?;
    std::fs::rename(&fresh, file).map_err(|e| {
        let _ = std::fs::remove_file(&fresh);
        Error::io(file, e)
    })?;
    Ok(true)
}
