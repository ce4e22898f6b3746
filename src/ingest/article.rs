//! Stages 9–10: cleaned drafts in, articles out: each draft's front matter
//! (date, regions, `set` fixes), the page's issue date for those without
//! one, then its Markdown body and `[ingest]` record.

use super::draft::{self, Draft, NoteKind};
use super::fixes::Fixes;
use super::read::{ReadSource, source_name};
use super::set_field::{self, SetField};
use super::shape::Shape;
use super::{IngestedArticle, decode, issue, markdown, meta, progress, sidecar, slug, write};
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::fs_util::display_path;
use crate::gazetteer::Gazetteer;
use crate::model::{DateBasis, FrontMatter, IngestRecord};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What every article of one source shares.
pub(super) struct ArticleContext<'a> {
    path: &'a Path,
    /// `source = "…"`.
    source: String,
    fixes: &'a Fixes,
    publication: &'a str,
    /// The year of dates like 2月27日.
    year: Option<i32>,
    /// The issue's date, for articles whose text has none.
    issue: Option<chrono::NaiveDate>,
    /// The publication's home region (gazetteer code).
    home: Option<u32>,
    /// The encoding the source was read in, as a sidecar names it.
    encoding: &'static str,
}

impl<'a> ArticleContext<'a> {
    pub(super) fn new(
        path: &'a Path,
        root: &Path,
        config: &Config,
        read: &'a ReadSource,
        warnings: &mut Vec<Diagnostic>,
    ) -> ArticleContext<'a> {
        let shown_path = display_path(path, root);
        let sidecar = &read.sidecar;
        let year = sidecar.year.or_else(|| meta::year_in_text(&read.text)).or(config.default_year);
        if year.is_none() {
            warnings.push(Diagnostic::warning(None, format!(
                "{}: no year for dates like 2月27日 (no sidecar `year`, no full date in the text, no `default_year` in edition.toml): such articles are left undated",
                shown_path.display()
            )));
        }
        let home = if sidecar.region.is_empty() {
            None
        } else {
            let code = Gazetteer::embedded().code_of_path(&sidecar.region);
            if code.is_none() {
                warnings.push(Diagnostic::warning(
                    None,
                    format!(
                        "{}: region \"{}\" is not an official division path (省/市[/县])",
                        sidecar::sidecar_path(&shown_path).display(),
                        sidecar.region
                    ),
                ));
            }
            code
        };
        ArticleContext {
            path,
            source: source_name(path, root),
            fixes: &read.fixes,
            publication: &sidecar.publication,
            year,
            issue: sidecar.date.as_ref().and_then(crate::model::date::calendar_date),
            home,
            encoding: decode::label(read.encoding),
        }
    }
}

/// A draft's front matter: date, regions, and its `set` fixes; with what
/// the date rests on, and whether a fix said `undated`.
fn front_of(
    draft: &mut Draft,
    context: &ArticleContext<'_>,
) -> Result<(FrontMatter, Option<DateBasis>, bool)> {
    let dated = meta::date_of(draft, context.year, context.issue);
    // Only plausible dates convert, so what is written always serialises.
    let date = dated.date.and_then(crate::model::date::toml_date);
    let (regions, places) = meta::regions_of(draft, context.home, dated.date);
    let mut front = FrontMatter {
        title: draft.title.clone(),
        subtitle: draft.subtitle.clone(),
        kicker: draft.kicker.clone(),
        column: draft.column.clone(),
        undated: date.is_none(),
        date,
        date_inferred: false,
        regions,
        places,
        publication: publication_of(draft, context.publication),
        source: context.source.clone(),
        source_lines: Some(draft.span()),
        authors: draft.authors.clone(),
        ingest: None,
    };
    if let Some(date) = dated.date {
        draft.note(NoteKind::Metadata, draft.first_line(), format!("date {date} {}", dated.how));
    }
    let before_fixes = front.date;
    apply_sets(context.fixes, draft, &mut front)?;
    // A reporter of the article's own publication needs no outlet beside the name.
    for author in front.authors.iter_mut().filter(|a| a.outlet == front.publication) {
        author.outlet.clear();
    }
    let date_basis = match front.date {
        None => None,
        date if date != before_fixes => Some(DateBasis::Fix),
        _ => dated.basis,
    };
    let undated_by_fix = front.undated
        && context.fixes.sets().any(|(_, line, fields)| {
            fields.contains_key(&set_field::SetField::Undated) && draft.lines().any(|l| l == line)
        });
    Ok((front, date_basis, undated_by_fix))
}

/// One draft and its front matter made an article: pictures, body and the
/// `[ingest]` record.
fn article_of(
    draft: &mut Draft,
    front: FrontMatter,
    date_basis: Option<DateBasis>,
    context: &ArticleContext<'_>,
    interventions: &mut BTreeMap<NoteKind, usize>,
) -> Result<IngestedArticle> {
    let source_dir = context.path.parent().unwrap_or(Path::new("."));
    let images = pictures(draft, source_dir);
    let kept = |file: &str| source_dir.join(file).is_file();
    let body = markdown::body(draft, &kept);
    let mut notes = draft.notes.clone();
    notes.sort_by_key(|n| n.line);
    notes.dedup();
    for note in &notes {
        *interventions.entry(note.kind).or_insert(0) += note.times;
    }
    let mut flags = draft.flags.clone();
    flags.sort_by_key(|f| f.line);
    let record = IngestRecord {
        fingerprint: String::new(),
        encoding: Some(context.encoding.to_string()),
        date_basis,
        notes: notes.iter().map(|n| n.render()).collect(),
        review: flags.iter().map(|f| format!("line {}: {}", f.line, f.text)).collect(),
    };
    let text = write::article_text(&front, record, &body)
        .map_err(|e| Error::at(context.path, draft.first_line(), e.to_string()))?;
    // The id names the article as published here: its date (the page's
    // issue date included) and title after `set` fixes. An article already
    // in the output keeps its id ([`claim`], docs/ARCHITECTURE.md).
    let id = slug::article_id(front.calendar_date(), &front.title);
    Ok(IngestedArticle { id, front, text, review_flags: flags.len(), images })
}

/// The pictures the draft names that sit beside the source, to be copied;
/// those that do not are noted as not kept.
fn pictures(draft: &mut Draft, source_dir: &Path) -> Vec<PathBuf> {
    let mut images = Vec::new();
    let mut not_kept = Vec::new();
    for unit in &draft.body {
        if let draft::UnitKind::Figure { image: Some(file) } = &unit.kind {
            let beside = source_dir.join(file);
            if beside.is_file() {
                images.push(beside);
            } else {
                not_kept.push((unit.line(), file.clone()));
            }
        }
    }
    for (line, file) in not_kept {
        draft.note(
            NoteKind::Figure,
            line,
            format!("the source names the picture {file} but did not keep it: marked \"not kept\""),
        );
    }
    images
}

/// The sidecar's publication; else the agency of the dateline (央广网, 新华社),
/// the source a publication line names (`来源：X`) or the paper a reprint
/// note names (转自…《人民日报》).
fn publication_of(draft: &Draft, sidecar: &str) -> String {
    if !sidecar.is_empty() {
        return sidecar.to_string();
    }
    if let Some(dateline) = &draft.dateline {
        for agency in ["央广网", "新华社"] {
            if dateline.printed.starts_with(agency) {
                return agency.to_string();
            }
        }
    }
    if let Some(source) = &draft.source_named {
        return source.clone();
    }
    draft.body.iter().rev().find_map(|u| meta::reprinted_from(&u.text)).unwrap_or_default()
}

fn apply_sets(fixes: &Fixes, draft: &mut Draft, front: &mut FrontMatter) -> Result<()> {
    for (fix, line, fields) in fixes.sets() {
        if !draft.lines().any(|l| l == line) {
            continue;
        }
        for (field, value) in fields {
            field.apply(value, front).map_err(|message| Error::at(&fixes.path, fix.at, message))?;
        }
        // A flag that asks for this very fix is answered by it.
        let settled = |text: &str| {
            (fields.contains_key(&SetField::Title) && text.starts_with("no headline in the source"))
                || ([SetField::Date, SetField::Undated].iter().any(|f| fields.contains_key(f))
                    && text.starts_with("date ")
                    && text.ends_with("check it"))
        };
        draft.flags.retain(|f| !settled(&f.text));
        draft.note(NoteKind::Fix, line, fix.describe());
    }
    Ok(())
}

/// Drafts with their front matter and what each date rests on.
pub(super) struct Fronted {
    drafts: Vec<Draft>,
    fronts: Vec<(FrontMatter, Option<DateBasis>)>,
}

/// Stage 9: each draft's front matter, then the page's issue date for the
/// drafts that have no date of their own.
pub(super) fn front_matter(
    mut drafts: Vec<Draft>,
    shape: Shape,
    context: &ArticleContext<'_>,
) -> Result<Fronted> {
    context.fixes.check_sets(|line| drafts.iter().position(|d| d.lines().any(|l| l == line)))?;
    let mut fronts = Vec::with_capacity(drafts.len());
    let mut settled = Vec::with_capacity(drafts.len());
    for draft in &mut drafts {
        let (front, basis, undated_by_fix) = front_of(draft, context)?;
        fronts.push((front, basis));
        settled.push(undated_by_fix);
    }
    issue::date_undated(shape, &mut drafts, &mut fronts, &settled);
    Ok(Fronted { drafts, fronts })
}

/// Stage 10 up to the write: each draft made an article, with the
/// interventions counted by kind.
pub(super) fn articles(
    fronted: Fronted,
    context: &ArticleContext<'_>,
    progress: &progress::SourceProgress,
) -> Result<(Vec<IngestedArticle>, BTreeMap<NoteKind, usize>)> {
    let Fronted { mut drafts, fronts } = fronted;
    let mut interventions = BTreeMap::new();
    let mut articles = Vec::with_capacity(drafts.len());
    progress.articles(drafts.len());
    for (draft, (front, basis)) in drafts.iter_mut().zip(fronts) {
        progress.article_done();
        articles.push(article_of(draft, front, basis, context, &mut interventions)?);
    }
    Ok((articles, interventions))
}
