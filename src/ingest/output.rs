//! The run's articles into the output folder: each placed by [`claim`] (so no
//! article takes another source's id), written by [`write`](mod@write) (so no editor's
//! change is lost), and every decision an editor should know returned as a
//! diagnostic naming the files.

use super::claim::{self, Holder, OnDisk, Placed, Wanted};
use super::write::{self, Outcome};
use super::{IngestedArticle, SourceReport};
use crate::error::{Diagnostic, Error, Location, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where and how to write.
pub struct Output<'a> {
    pub dir: &'a Path,
    pub force: bool,
    pub dry_run: bool,
    /// How messages name a path.
    pub shown: &'a dyn Fn(&Path) -> PathBuf,
}

/// The files of each outcome, as messages name them.
pub type Outcomes = BTreeMap<Outcome, Vec<String>>;

/// Places and writes every article of `reports`; says (as notes and
/// warnings, for the caller to print) each article moved off another
/// source's id, each editor's file replaced or kept, and each earlier
/// article this run no longer produces.
pub fn write_all(reports: &[SourceReport], out: &Output<'_>) -> Result<(Outcomes, Vec<Diagnostic>)> {
    let mut said = Vec::new();
    let disk = OnDisk::scan(out.dir);
    let articles: Vec<&IngestedArticle> = reports.iter().flat_map(|r| &r.articles).collect();
    let wanted: Vec<Wanted<'_>> = articles
        .iter()
        .map(|a| Wanted { source: &a.front.source, lines: a.front.source_lines, id: &a.id })
        .collect();
    let placed = claim::place(&wanted, &disk);
    let mut outcomes = Outcomes::new();
    let mut dir_ready = out.dry_run;
    for (article, place) in articles.iter().zip(&placed) {
        let path = OnDisk::path(out.dir, &place.id);
        if let Some(displaced) = &place.displaced {
            said.push(displaced_warning(article, &displaced.wanted, &displaced.holder, &path, out));
        }
        if !dir_ready {
            std::fs::create_dir_all(out.dir).map_err(|e| Error::io((out.shown)(out.dir), e))?;
            dir_ready = true;
        }
        let written = write::write_article(&path, &article.text, out.force, out.dry_run)
            .map_err(|e| e.map_path(out.shown))?;
        if !out.dry_run {
            write::copy_images(&article.images, out.dir).map_err(|e| e.map_path(out.shown))?;
        }
        let shown = (out.shown)(&path).display().to_string();
        if let Some(backup) = &written.backup {
            said.push(Diagnostic::note(None, format!(
                "replaced: {shown}: changed by hand since the last ingest (--force); the editor's version is in {}",
                (out.shown)(backup).display()
            )));
        }
        outcomes.entry(written.outcome).or_default().push(shown);
    }
    for path in outcomes.get(&Outcome::KeptEdited).into_iter().flatten() {
        said.push(Diagnostic::note(None, format!(
            "kept: {path}: changed by hand since the last ingest (use --force to overwrite; it keeps a backup)"
        )));
    }
    if out.dry_run {
        for path in outcomes.get(&Outcome::WouldWrite).into_iter().flatten() {
            said.push(Diagnostic::note(None, format!("would write: {path}")));
        }
    }
    warn_about_leftovers(&disk, &articles, &placed, out, &mut said);
    Ok((outcomes, said))
}

fn displaced_warning(
    article: &IngestedArticle,
    wanted: &str,
    holder: &str,
    path: &Path,
    out: &Output<'_>,
) -> Diagnostic {
    let line = article.front.source_lines.map_or(1, |[first, _]| first);
    Diagnostic::warning(
        Some(Location::new(&article.front.source, line)),
        format!(
            "\"{}\" would be {}, which holds an article of {holder}: {} as {}",
            article.front.title,
            (out.shown)(&OnDisk::path(out.dir, wanted)).display(),
            if out.dry_run { "would be written" } else { "written" },
            (out.shown)(path).display()
        ),
    )
}

/// Names the articles an earlier ingest wrote from this run's sources that
/// this run placed nowhere (a changed date or title, a changed source). They
/// are left in place: an editor may have worked on them.
fn warn_about_leftovers(
    disk: &OnDisk,
    articles: &[&IngestedArticle],
    placed: &[Placed],
    out: &Output<'_>,
    said: &mut Vec<Diagnostic>,
) {
    let sources: BTreeSet<String> = articles.iter().map(|a| a.front.source.clone()).collect();
    let ids: BTreeSet<String> = placed.iter().map(|p| p.id.clone()).collect();
    for (id, holder) in claim::leftovers(disk, &sources, &ids) {
        let Holder::Article { source, lines, .. } = holder else { continue };
        let path = OnDisk::path(out.dir, id);
        let shown = (out.shown)(&path);
        let twin = articles
            .iter()
            .zip(placed)
            .find(|(a, _)| lines.is_some() && a.front.source == *source && a.front.source_lines == *lines);
        if let Some((_, twin)) = twin {
            said.push(Diagnostic::warning(None, format!(
                "{}: the same text of {source} as {}: two copies of one article; keep the one you want and delete the other",
                shown.display(),
                (out.shown)(&OnDisk::path(out.dir, &twin.id)).display()
            )));
            continue;
        }
        let edited = std::fs::read_to_string(&path).is_ok_and(|text| write::edited_by_hand(&path, &text, ""));
        if edited {
            said.push(Diagnostic::warning(None, format!(
                "{}: changed by hand, from an earlier ingest of {source}, which no longer gives this article: compare it with what {source} gives now; it is left as it is",
                shown.display()
            )));
        } else {
            said.push(Diagnostic::warning(None, format!(
                "{}: written by an earlier ingest of {source} but not produced by this one (its id changed?): delete it if it is obsolete",
                shown.display()
            )));
        }
    }
}
