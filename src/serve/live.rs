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
//! 4. [`Live::update_search`]: the search index updated for the patched
//!    articles (`search::update`), after the pages have been told to
//!    reload, so that it does not delay them.

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
    /// What the search index's shard counts were made from, if known.
    search_totals: Option<crate::search::Totals>,
    /// The articles patched since the search index was last updated.
    unindexed: BTreeSet<String>,
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
        let search_totals = record.as_ref().and_then(|r| r.search.as_ref()).map(|s| s.1);
        Ok(Some(Live {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            site: prepared.site,
            renderer,
            templates: templates.key(),
            files: record.map(|r| r.files).unwrap_or_default(),
            history: GitHistory::new(root),
            search_totals,
            unindexed: BTreeSet::new(),
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
        self.unindexed.extend(patch.articles.iter().cloned());
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

    /// Updates the search index for the articles patched since the last
    /// time ([`crate::search::update()`]; the whole index made again when it
    /// cannot be) and writes the files of it that changed, removing the
    /// ones it no longer has; returns how many files it has and how many
    /// were written or removed.
    pub fn update_search(&mut self) -> Result<(usize, usize)> {
        let changed = std::mem::take(&mut self.unindexed);
        let (files, made) = if let Some(updated) = self.search_update(&changed)? {
            updated
        } else {
            let index = crate::search::index(&self.site);
            self.search_totals = Some(index.stats.totals);
            (index.files.iter().map(|(p, _)| p.clone()).collect(), index.files)
        };
        let mut written = 0;
        for (path, bytes) in &made {
            let file = self.out.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            written += usize::from(replace_if_changed(&file, bytes)?);
        }
        for path in &files {
            if let Some(stamp) = Stamp::of(&self.out.join(path)) {
                let key = self.files.get(path).map(|(k, _)| k.clone()).unwrap_or_default();
                self.files.insert(path.clone(), (key, stamp));
            }
        }
        let removed = self.remove_stale_search_files(&files)?;
        Ok((files.len(), written + removed))
    }

    /// The search index updated for the `changed` articles: every file of
    /// it and those that change with their bytes; `None` if it must be
    /// made whole.
    fn search_update(&mut self, changed: &BTreeSet<String>) -> Result<Option<SearchFiles>> {
        let Some(totals) = self.search_totals else { return Ok(None) };
        let (out, files) = (&self.out, &self.files);
        let read = |path: &str| {
            let (_, stamp) = files.get(path)?;
            let bytes = std::fs::read(out.join(path)).ok()?;
            (Stamp::of(&out.join(path)).as_ref() == Some(stamp)).then_some(bytes)
        };
        let made = std::sync::Mutex::new(Vec::new());
        let sink = |path: String, bytes: Vec<u8>| {
            made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((path, bytes));
            Ok(())
        };
        match crate::search::update(&read, totals, &self.site, changed, &sink)? {
            crate::search::Update::Done { stats, files, .. } => {
                self.search_totals = Some(stats.totals);
                Ok(Some((files, made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))))
            }
            crate::search::Update::Whole(_) => Ok(None),
        }
    }

    /// Removes the files under `search/` that are not among `files` (nor
    /// the search page); how many.
    fn remove_stale_search_files(&self, files: &[String]) -> Result<usize> {
        let kept: BTreeSet<&str> = files.iter().map(String::as_str).collect();
        let search_page = page_path(&self.site, Page::Search);
        let mut removed = 0;
        for entry in
            walkdir::WalkDir::new(self.out.join("search")).into_iter().filter_map(std::result::Result::ok)
        {
            let rel =
                entry.path().strip_prefix(&self.out).map(crate::fs_util::slash_path).unwrap_or_default();
            if entry.file_type().is_file() && rel != search_page && !kept.contains(rel.as_str()) {
                std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Every file of a search index, and those to write with their bytes.
type SearchFiles = (Vec<String>, Vec<(String, Vec<u8>)>);

/// Whether `page` may show one of the articles `shown` (indices into
/// `Site::articles`): its own page, its neighbours', the lists it is in
/// (home, timeline, its regions, sources, glossary) and the readers. The
/// build cache asks it too.
pub fn showing(site: &Site, page: Page, shown: &BTreeSet<usize>) -> bool {
    match page {
        Page::Article(i) => {
            let a = &site.articles[i];
            shown.contains(&i) || [a.prev, a.next].iter().flatten().any(|j| shown.contains(j))
        }
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
