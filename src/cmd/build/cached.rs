//! The site written into the staging folder, reusing what the last build
//! wrote where its inputs did not change. In: the site, its renderer, the
//! last build's [`Record`] (none under `--no-cache`); out: what each file
//! was made from and its stamp, for the next build, or the pages that failed.
//!
//! A page's key hashes the templates and the page's variables and code
//! (`Renderer::input`): equal keys draw equal bytes, so a page whose key
//! and file are as recorded is hard-linked from the previous site instead
//! of rendered and minified. The search index is keyed by the articles,
//! translations and settings together; when only articles' files changed,
//! [`search::update`] rewrites only the index files they change, and the
//! rest is linked. Whatever is rendered is compared
//! with the previous file and linked when the bytes are the same, so
//! unchanged files keep their modification time.

use duizhao::error::{Error, Result};
use duizhao::output::Staging;
use duizhao::output::cache::{Hasher, Key, Record, Stamp, key};
use duizhao::render::{self, Page, Renderer};
use duizhao::search::{self, Totals, Update};
use duizhao::site::Site;
use duizhao::site::media::is_media;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use super::Clock;

/// What was written: each file's key and stamp, the pages that failed, and
/// the search index's figures when it was made rather than reused.
#[derive(Default)]
pub struct Written {
    pub files: BTreeMap<String, (Key, Stamp)>,
    pub failures: Vec<(String, Error)>,
    pub search: Option<(String, Duration)>,
    pub rendered: usize,
    /// The search index's key and totals, for the next build's update.
    pub search_record: Option<(Key, Totals)>,
    /// Each article's place ([`places`]), for the next build.
    pub places: BTreeMap<String, Key>,
}

/// What the next build's cache record takes from this build: each file's
/// key and stamp, the search index's key and totals, each article's place.
pub type Recorded = (BTreeMap<String, (Key, Stamp)>, Option<(Key, Totals)>, BTreeMap<String, Key>);

/// The previous build, when its files may be reused, and the key of the
/// search index's inputs.
pub struct Reuse<'a> {
    pub previous: Option<&'a Record>,
    pub search_key: Key,
    /// The ids of the articles whose files changed since the previous
    /// build, when no other text did (`cache::changed_articles`).
    pub changed_articles: Option<BTreeSet<String>>,
    /// When only articles' files changed since the previous build and
    /// each kept its place, their indices: a page that does not show them
    /// (`duizhao::serve::live::showing`) is linked as recorded, unkeyed.
    pub showing: Option<BTreeSet<usize>>,
    /// Each article's place in this build ([`places`]), computed once.
    pub places: BTreeMap<String, Key>,
}

/// Each article's place in the site by id: its index, id, date, regions,
/// places and source, hashed (what `serve` requires of an edit it patches).
pub fn places(site: &Site) -> BTreeMap<String, Key> {
    let place = |(i, a): (usize, &duizhao::site::assemble::SiteArticle)| {
        let f = &a.aligned.article.front;
        let id = a.aligned.article.id.to_string();
        // Each value with its length before it (not `{:?}`, whose escaping
        // of every Chinese character was most of the cost).
        let mut place = Vec::with_capacity(256);
        let mut put = |text: &str| {
            place.extend_from_slice(&(text.len() as u64).to_le_bytes());
            place.extend_from_slice(text.as_bytes());
        };
        put(&i.to_string());
        put(&id);
        put(&f.calendar_date().map(|d| d.to_string()).unwrap_or_default());
        for list in [&f.regions, &f.places] {
            put(&list.len().to_string());
            for name in list {
                put(name);
            }
        }
        put(&f.source);
        (id, key(&place))
    };
    site.articles.par_iter().enumerate().map(place).collect()
}

/// The indices of the articles `changed` (ids), if each is in the site at
/// the place `previous` recorded (`now` is [`places`] of `site`), and no
/// article came or went.
pub fn showing(
    site: &Site,
    now: &BTreeMap<String, Key>,
    previous: &Record,
    changed: &BTreeSet<String>,
) -> Option<BTreeSet<usize>> {
    if previous.places.len() != site.articles.len() {
        return None;
    }
    let index: BTreeMap<&str, usize> =
        site.articles.iter().enumerate().map(|(i, a)| (a.aligned.article.id.as_str(), i)).collect();
    changed
        .iter()
        .map(|id| {
            let same = now.get(id).is_some_and(|k| previous.places.get(id) == Some(k));
            same.then(|| index.get(id.as_str()).copied()).flatten()
        })
        .collect()
}

/// How the build shows its progress: the bar, and the step times.
pub struct Watch<'a> {
    pub progress: &'a ProgressBar,
    pub clock: &'a Clock,
}

/// Writes every page, the theme's static files, the search index and the
/// content's images into `staging`.
pub fn write_site(
    root: &Path,
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    reuse: &Reuse<'_>,
    staging: &Staging,
    watch: &Watch<'_>,
) -> Result<Written> {
    let paths: Vec<String> = pages.iter().map(|&p| render::page_path(site, p)).collect();
    let statics = renderer.static_files();
    let media: Vec<String> =
        site.content_files.iter().filter(|f| is_media(f)).map(|f| format!("media/{f}")).collect();
    staging
        .make_dirs(paths.iter().chain(statics.iter().map(|(p, _)| p)).chain(&media).map(String::as_str))?;
    watch.clock.say("static files listed, folders made");
    // The search index is made while the pages render: each keeps the
    // other's idle moments busy on the second core.
    let kept_index = kept_search(reuse, staging)?;
    watch.clock.say("whether the previous search index is reusable checked");
    let (mut written, index) = rayon::join(
        || write_pages(site, renderer, pages, &paths, reuse, staging, watch),
        || {
            kept_index.is_none().then(|| {
                let started = Instant::now();
                make_search(site, reuse, staging).map(|made| (made, started.elapsed()))
            })
        },
    );
    if !written.failures.is_empty() {
        return Ok(written);
    }
    match (kept_index, index) {
        (Some((kept, totals)), _) => {
            written.files.extend(kept);
            written.search_record = Some((reuse.search_key.clone(), totals));
        }
        (None, Some(made)) => {
            let (made, elapsed) = made?;
            record_search(made, elapsed, reuse, staging, &mut written)?;
        }
        (None, None) => {}
    }
    written.places = reuse.places.clone();
    for (path, bytes) in &statics {
        write_file(staging, reuse, path, bytes, key(bytes), &mut written)?;
    }
    watch.clock.say(&format!("{} static files written", statics.len()));
    for file in &media {
        let from = root.join("content").join(&file["media/".len()..]);
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        write_file(staging, reuse, file, &bytes, key(&bytes), &mut written)?;
    }
    watch.clock.say(&format!("{} pictures written", media.len()));
    Ok(written)
}

/// Renders the pages in parallel, each only if its key or file changed.
fn write_pages(
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    paths: &[String],
    reuse: &Reuse<'_>,
    staging: &Staging,
    watch: &Watch<'_>,
) -> Written {
    let mut templates = Hasher::default();
    let _ = renderer.hash_templates_into(&mut templates);
    let templates = templates.key();
    let results: Vec<(String, Result<PageWritten>)> = pages
        .par_iter()
        .zip(paths.par_iter())
        .map(|(&page, path)| {
            let result = write_page(site, renderer, page, path, &templates, reuse, staging);
            watch.progress.inc(1);
            (path.clone(), result)
        })
        .collect();
    let mut written = Written::default();
    let mut rendered = Vec::new();
    for (path, result) in results {
        match result {
            Ok((key, stamp, took)) => {
                if let Some(took) = took {
                    rendered.push(format!("{path} ({:.3}s)", took.as_secs_f64()));
                }
                written.files.insert(path, (key, stamp));
            }
            Err(e) => written.failures.push((path, e)),
        }
    }
    written.rendered = rendered.len();
    if watch.clock.on() {
        let shown = if rendered.len() <= 12 { format!(": {}", rendered.join(" ")) } else { String::new() };
        let linked = pages.len() - rendered.len() - written.failures.len();
        watch.clock.say(&format!("pages: {} rendered, {linked} linked{shown}", rendered.len()));
    }
    written
}

/// One page's key, its file's stamp, and how long rendering it took, if it was.
type PageWritten = (Key, Stamp, Option<Duration>);

/// One page: its key, its stamp, and, if it was rendered, how long keying and rendering it took.
fn write_page(
    site: &Site,
    renderer: &Renderer,
    page: Page,
    path: &str,
    templates: &str,
    reuse: &Reuse<'_>,
    staging: &Staging,
) -> Result<PageWritten> {
    if let (Some(shown), Some(previous)) = (&reuse.showing, reuse.previous)
        && !duizhao::serve::live::showing(site, page, shown)
        && let Some((key, stamp)) = previous.files.get(path)
        && staging.keep(path, stamp)
    {
        return Ok((key.clone(), *stamp, None));
    }
    let started = Instant::now();
    let input = renderer.input(site, page);
    let mut hasher = Hasher::default();
    hasher.update(templates.as_bytes());
    input.hash_into(&mut hasher).map_err(|e| Error::Other(format!("{path}: {e}")))?;
    let key = hasher.key();
    if kept(reuse, staging, path, &key) {
        return Ok((key, stamp(staging, path)?, None));
    }
    let page = renderer.render_input(site, input)?;
    let stamp = if reuse.previous.is_some() {
        staging.write_if_changed(path, &page.minified())?;
        stamp(staging, path)?
    } else {
        // A clean build: the page's parts straight to its file.
        page.parts_to(|parts| staging.write_parts(path, parts))?
    };
    Ok((key, stamp, Some(started.elapsed())))
}

/// A file linked from the previous site: its path, key and stamp.
type KeptFile = (String, (Key, Stamp));

/// The previous build's search index, linked into the new site whole, with
/// its totals, when its inputs are the last build's and all its files are
/// as written; else `None` (make it anew, or update it).
fn kept_search(reuse: &Reuse<'_>, staging: &Staging) -> Result<Option<(Vec<KeptFile>, Totals)>> {
    let Some(previous) = reuse.previous else { return Ok(None) };
    let Some((_, totals)) = previous.search.as_ref().filter(|(k, _)| *k == reuse.search_key) else {
        return Ok(None);
    };
    let files: Vec<&String> =
        previous.files.iter().filter(|(_, (k, _))| *k == reuse.search_key).map(|(p, _)| p).collect();
    if files.is_empty() || !files.iter().all(|p| kept(reuse, staging, p, &reuse.search_key)) {
        return Ok(None);
    }
    let kept =
        files.into_iter().map(|path| Ok((path.clone(), (reuse.search_key.clone(), stamp(staging, path)?))));
    Ok(Some((kept.collect::<Result<Vec<_>>>()?, *totals)))
}

/// A search index made or updated: its figures, every file of it, and how.
struct Made {
    stats: search::Stats,
    files: Vec<String>,
    how: String,
}

/// Makes the search index, each file written into the staging folder as
/// the index makes it (from several threads): updated from the previous
/// build's when only some articles changed, else whole.
fn make_search(site: &Site, reuse: &Reuse<'_>, staging: &Staging) -> Result<Made> {
    staging.make_dirs(["search/manifest.js"])?;
    let why = match update_search(site, reuse, staging)? {
        Ok(made) => return Ok(made),
        Err(why) => why,
    };
    let paths = std::sync::Mutex::new(Vec::new());
    let stats = search::write(site, &|path, bytes| {
        put(staging, reuse, &path, &bytes)?;
        paths.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(path);
        Ok(())
    })?;
    let files = paths.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok(Made { stats, files, how: format!("made whole: {why}") })
}

/// The previous build's index updated for the articles that changed, its
/// untouched files linked; `Ok(Err(why))` when it cannot be.
fn update_search(
    site: &Site,
    reuse: &Reuse<'_>,
    staging: &Staging,
) -> Result<std::result::Result<Made, String>> {
    let Some((previous, (old_key, totals))) = reuse.previous.and_then(|p| Some((p, p.search.as_ref()?)))
    else {
        return Ok(Err("no previous index".into()));
    };
    let Some(changed) = &reuse.changed_articles else {
        return Ok(Err("texts other than articles changed".into()));
    };
    let old: BTreeMap<&str, &Stamp> =
        previous.files.iter().filter(|(_, (k, _))| k == old_key).map(|(p, (_, s))| (p.as_str(), s)).collect();
    if old.is_empty() || !old.par_iter().all(|(p, s)| staging.unchanged(p, s)) {
        return Ok(Err("the previous index's files changed".into()));
    }
    let read = |path: &str| old.get(path).and_then(|stamp| staging.read_previous(path, stamp));
    let sink = |path: String, bytes: Vec<u8>| put(staging, reuse, &path, &bytes);
    let (stats, files, written) = match search::update(&read, *totals, site, changed, &sink)? {
        Update::Done { stats, files, written } => (stats, files, written),
        Update::Whole(why) => return Ok(Err(why)),
    };
    let written: BTreeSet<&String> = written.iter().collect();
    for path in files.iter().filter(|p| !written.contains(p)) {
        if !old.get(path.as_str()).is_some_and(|stamp| staging.keep(path, stamp)) {
            return Err(Error::Other(format!("{path}: changed while the site was built: build again")));
        }
    }
    let how = format!("updated: {} of {} files written", written.len(), files.len());
    Ok(Ok(Made { stats, files, how }))
}

/// Records the search index made in `elapsed`: its figures and its files.
fn record_search(
    made: Made,
    elapsed: Duration,
    reuse: &Reuse<'_>,
    staging: &Staging,
    written: &mut Written,
) -> Result<()> {
    let s = &made.stats;
    let figures = format!(
        "search index ({} docs, {} idx + {} text shards, {} bytes; {})",
        s.docs, s.idx_shards, s.text_shards, s.bytes, made.how
    );
    written.search = Some((figures, elapsed));
    written.search_record = Some((reuse.search_key.clone(), s.totals));
    for path in made.files {
        let stamp = stamp(staging, &path)?;
        written.files.insert(path, (reuse.search_key.clone(), stamp));
    }
    Ok(())
}

/// Writes (or links) one file and records it under `key`.
fn write_file(
    staging: &Staging,
    reuse: &Reuse<'_>,
    path: &str,
    bytes: &[u8],
    key: Key,
    written: &mut Written,
) -> Result<()> {
    put(staging, reuse, path, bytes)?;
    written.files.insert(path.to_string(), (key, stamp(staging, path)?));
    Ok(())
}

/// Whether the previous site's `path`, made from `key` and untouched since,
/// was linked into the new one.
fn kept(reuse: &Reuse<'_>, staging: &Staging, path: &str, key: &str) -> bool {
    let Some(previous) = reuse.previous else { return false };
    previous.files.get(path).is_some_and(|(k, stamp)| k == key && staging.keep(path, stamp))
}

/// Writes `bytes`, linking the previous site's file instead when the bytes
/// are the same (not under `--no-cache`: a clean build writes everything).
fn put(staging: &Staging, reuse: &Reuse<'_>, path: &str, bytes: &[u8]) -> Result<()> {
    if reuse.previous.is_some() { staging.write_if_changed(path, bytes) } else { staging.write(path, bytes) }
}

fn stamp(staging: &Staging, path: &str) -> Result<Stamp> {
    staging.stamp(path).ok_or_else(|| Error::Other(format!("{path}: written but not found in the new site")))
}
