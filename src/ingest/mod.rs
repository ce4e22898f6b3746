//! Ingest: raw sources in, `content/<id>.md` articles out.
//!
//! For each source file, in this order:
//! 1. read its [`sidecar`]; [`decode`] the bytes (UTF-8, UTF-16 by BOM,
//!    GB18030/GBK or Big5 by the evidence, or the encoding the sidecar names;
//!    CRLF handled);
//! 2. read its editorial [`fixes`], refusing fixes that cannot both apply;
//! 3. detect its [`shape`] and parse it into raw blocks ([`html`] flattens web exports);
//! 4. apply the fixes that move, drop or correct lines;
//! 5. [`segment`] the blocks into draft articles (unmarked [`headline`]s by shape and place);
//! 6. put banners and late headlines in their place ([`layout`]);
//! 7. drop page [`furniture`] and repeated articles and paragraphs ([`dedupe`]);
//! 8. [`mend`] column breaks, make [`punct`]uation full-width, flag stray Latin
//!    and poorly read paragraphs ([`ocr_quality`]);
//! 9. find date ([`published`] lines leave the body, [`image_date`]) and regions ([`meta`]), apply `set` fixes,
//!    give a page's undated articles its inferred [`issue`] date, name the article ([`slug`]);
//! 10. place each article at its id ([`claim`]) and [`write`](mod@write) `content/<id>.md`
//!     unless an editor changed it ([`output`]).
//!
//! Which files are read is [`files`]' business: only files in `sources/`.

pub mod byline;
pub mod claim;
pub mod decode;
pub mod dedupe;
pub mod draft;
pub mod emend;
pub mod files;
pub mod fixes;
pub mod furniture;
pub mod headline;
pub mod html;
pub mod image_date;
pub mod issue;
pub mod lacuna;
pub mod layout;
pub mod markdown;
pub mod mend;
pub mod meta;
pub mod ocr_quality;
pub mod output;
pub mod place;
pub mod progress;
pub mod published;
pub mod punct;
pub mod segment;
pub mod set_field;
pub mod shape;
pub mod sidebar;
pub mod sidecar;
pub mod slug;
pub mod text;
pub mod write;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Location, Result};
use crate::fs_util::display_path;
use crate::gazetteer::Gazetteer;
use crate::model::{Companions, DateBasis, FrontMatter, IngestRecord, misnamed_message};
use draft::{Draft, NoteKind};
use fixes::{Action, Fixes};
use set_field::SetField;
use shape::Shape;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One article ready to write.
#[derive(Debug, Clone)]
pub struct IngestedArticle {
    pub id: String,
    pub front: FrontMatter,
    /// The whole file: front matter with its `[ingest]` record, and the body.
    pub text: String,
    pub review_flags: usize,
    /// Pictures kept beside the source, copied next to the article.
    pub images: Vec<PathBuf>,
}

/// What ingest made of one source.
#[derive(Debug, Clone)]
pub struct SourceReport {
    pub path: PathBuf,
    pub shape: Shape,
    pub encoding: &'static str,
    pub articles: Vec<IngestedArticle>,
    /// Warnings about the source, for the caller to print.
    pub warnings: Vec<Diagnostic>,
    pub interventions: BTreeMap<NoteKind, usize>,
}

/// The path written into `source = "…"`: the real file, relative to the
/// edition's root, however the command line named it (an article's id is
/// tied to its source by this name).
fn source_name(path: &Path, root: &Path) -> String {
    let real = std::fs::canonicalize(path).ok();
    let real_root = std::fs::canonicalize(root).ok();
    let relative = match (&real, &real_root) {
        (Some(real), Some(real_root)) if real.starts_with(real_root) => {
            real.strip_prefix(real_root).unwrap_or(real)
        }
        _ => path.strip_prefix(root).unwrap_or(path),
    };
    let name = crate::fs_util::slash_path(relative);
    name.strip_prefix("./").unwrap_or(&name).to_string()
}

/// Cleans one source into articles. Errors and warnings name the file and,
/// where there is one, the line.
pub fn ingest_source(path: &Path, root: &Path, config: &Config) -> Result<SourceReport> {
    ingest_source_with_progress(path, root, config, &progress::SourceProgress::hidden())
}

/// [`ingest_source`], showing its stages and articles on `progress`.
pub fn ingest_source_with_progress(
    path: &Path,
    root: &Path,
    config: &Config,
    progress: &progress::SourceProgress,
) -> Result<SourceReport> {
    clean_source(path, root, config, progress).map_err(|e| e.map_path(|p| display_path(p, root)))
}

fn clean_source(
    path: &Path,
    root: &Path,
    config: &Config,
    progress: &progress::SourceProgress,
) -> Result<SourceReport> {
    progress.stage("reading");
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let sidecar = sidecar::read_sidecar(path)?;
    clean_bytes(path, &bytes, sidecar, root, config, progress)
}

/// [`ingest_source`] on bytes already read, with the source's sidecar;
/// `path` names the source in messages and finds its fixes. Any bytes give
/// `Ok` or a located `Err`, never a panic (`tests/fuzz` holds it to that).
pub fn ingest_bytes(
    path: &Path,
    bytes: &[u8],
    sidecar: Option<sidecar::Sidecar>,
    root: &Path,
    config: &Config,
) -> Result<SourceReport> {
    clean_bytes(path, bytes, sidecar, root, config, &progress::SourceProgress::hidden())
}

fn clean_bytes(
    path: &Path,
    bytes: &[u8],
    sidecar: Option<sidecar::Sidecar>,
    root: &Path,
    config: &Config,
    progress: &progress::SourceProgress,
) -> Result<SourceReport> {
    let shown_path = display_path(path, root);
    let mut read = read_source(path, bytes, sidecar, root)?;
    let mut warnings = std::mem::take(&mut read.warnings);
    progress.stage("splitting into articles");
    let shape = shape::detect(&read.text);
    let mut drafts = clean_drafts(&read.text, shape, &read.fixes, progress)?;
    drop_empty_drafts(&mut drafts, &shown_path, &mut warnings);
    record_fixes(&read.fixes, &mut drafts);
    let context = ArticleContext::new(path, root, config, &read, &mut warnings);
    read.fixes.check_sets(|line| drafts.iter().position(|d| d.lines().any(|l| l == line)))?;
    let mut interventions = BTreeMap::new();
    let mut articles = Vec::new();
    progress.articles(drafts.len());
    let mut fronts = Vec::with_capacity(drafts.len());
    let mut settled = Vec::with_capacity(drafts.len());
    for draft in &mut drafts {
        let (front, basis, undated_by_fix) = front_of(draft, &context)?;
        fronts.push((front, basis));
        settled.push(undated_by_fix);
    }
    issue::date_undated(shape, &mut drafts, &mut fronts, &settled);
    for (draft, (front, basis)) in drafts.iter_mut().zip(fronts) {
        progress.article_done();
        articles.push(article_of(draft, front, basis, &context, &mut interventions)?);
    }
    let encoding = read.encoding.name();
    Ok(SourceReport { path: shown_path, shape, encoding, articles, warnings, interventions })
}

/// A source's text with what comes with it: encoding, sidecar, fixes, and
/// the warnings about them.
struct ReadSource {
    text: String,
    encoding: &'static encoding_rs::Encoding,
    sidecar: sidecar::Sidecar,
    fixes: Fixes,
    warnings: Vec<Diagnostic>,
}

/// Decodes the bytes (in the sidecar's encoding, if it names one) and
/// reads the fixes; warns about a missing or misnamed companion.
fn read_source(
    path: &Path,
    bytes: &[u8],
    sidecar: Option<sidecar::Sidecar>,
    root: &Path,
) -> Result<ReadSource> {
    let shown_path = display_path(path, root);
    let named = sidecar.as_ref().and_then(|s| s.encoding.as_deref()).and_then(decode::named_encoding);
    let (text, encoding) = decode::decode(bytes, named).map_err(|e| e.located(&shown_path))?;
    let mut warnings = Vec::new();
    if sidecar.is_none() {
        warnings.push(Diagnostic::warning(
            None,
            format!(
                "{}: no sidecar {}: publication unknown, dates take their year from the text or edition.toml",
                shown_path.display(),
                sidecar::sidecar_path(&shown_path).display()
            ),
        ));
    }
    warnings.extend(misnamed_companions(path, root));
    let fixes = Fixes::read(path, text.lines().count())?;
    Ok(ReadSource { text, encoding, sidecar: sidecar.unwrap_or_default(), fixes, warnings })
}

/// Blocks → fixes applied → draft articles, banners and late headlines
/// placed, repeats dropped, each draft cleaned.
fn clean_drafts(
    text: &str,
    shape: Shape,
    fixes: &Fixes,
    progress: &progress::SourceProgress,
) -> Result<Vec<Draft>> {
    let mut blocks = shape::parse(text, shape);
    let splits = fixes.apply_to_blocks(&mut blocks)?;
    let segmented = segment::segment(&blocks, shape, &splits);
    let mut drafts = segmented.drafts;
    layout::apply_banners(&mut drafts, &segmented.banners);
    let mut drafts = layout::headlines_after_body(drafts);
    progress.stage("finding repeats");
    furniture::drop_known(&mut drafts);
    let mut drafts = dedupe::drop_repeated_articles(drafts);
    furniture::drop_recurring(&mut drafts);
    dedupe::drop_repeated_paragraphs(&mut drafts);
    if let Some(last) = drafts.last_mut() {
        for (line, heading) in &segmented.orphans {
            last.note(
                NoteKind::Metadata,
                *line,
                format!("page heading \"{heading}\" with no article under it dropped"),
            );
        }
    }
    progress.stage("cleaning");
    let evidence = lacuna::Evidence::of(text);
    for draft in &mut drafts {
        clean(draft, &evidence);
    }
    Ok(drafts)
}

/// Drops drafts with neither title nor text (markup or pictures only, S10),
/// with a warning for each.
fn drop_empty_drafts(drafts: &mut Vec<Draft>, shown_path: &Path, warnings: &mut Vec<Diagnostic>) {
    drafts.retain(|d| {
        let text = !d.title.trim().is_empty() || d.body.iter().any(|u| !u.text.trim().is_empty());
        let keep = !d.body.is_empty() && text;
        if !keep {
            let what = if text {
                format!("\"{}\"", d.title)
            } else {
                "an article of markup or pictures only".to_string()
            };
            warnings.push(Diagnostic::warning(
                Some(Location::new(shown_path, d.first_line())),
                format!("{what} has no text left after cleaning: not written"),
            ));
        }
        keep
    });
}

/// What every article of one source shares.
struct ArticleContext<'a> {
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
    fn new(
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

/// A warning for each companion of `path` under the other spelling
/// (`x.txt.toml`): it is not read, and the editor should know.
fn misnamed_companions(path: &Path, root: &Path) -> Vec<Diagnostic> {
    Companions::misnamed(path)
        .into_iter()
        .filter(|(wrong, _)| wrong.is_file())
        .map(|(wrong, right)| {
            let message = misnamed_message(&display_path(&right, root));
            Diagnostic::warning(None, format!("{}: {message}", display_path(&wrong, root).display()))
        })
        .collect()
}

/// The sidecar's publication; else the agency of the dateline (央广网, 新华社)
/// or the paper a reprint note names (转自…《人民日报》).
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
    draft.body.iter().rev().find_map(|u| meta::reprinted_from(&u.text)).unwrap_or_default()
}

/// The per-article cleaning steps after repeats are gone.
fn clean(draft: &mut Draft, evidence: &lacuna::Evidence<'_>) {
    if let Some(line) = draft.column_line {
        draft.note(NoteKind::Metadata, line, "page heading made the column (栏目)");
    }
    mend::mend_column_breaks(draft, evidence);
    if let Some(last) = draft.body.iter_mut().rev().find(|u| u.is_para())
        && let Some((rest, authors)) = text::split_trailing_credit(&last.text)
    {
        let line = last.lines.last().copied().unwrap_or(0);
        let credit = last.text[rest.len()..].trim().to_string();
        last.text = rest;
        draft.add_authors(authors);
        draft.note(NoteKind::Metadata, line, format!("credit \"{credit}\" at the end moved to front matter"));
    }
    if draft.title.is_empty() {
        let first = draft.body.iter().find(|u| u.is_para()).map(|u| u.text.clone()).unwrap_or_default();
        let stop = |c: &char| matches!(c, '，' | '。' | ',' | '：' | '；');
        // Skip what a dateline moved out left behind (`本报讯，…` → `，…`).
        let words: String = first
            .chars()
            .skip_while(|c| stop(c) || c.is_whitespace())
            .take_while(|c| !stop(c))
            .take(24)
            .collect();
        // The build refuses an empty title: fall back to any text, then to
        // 无题; a draft with no text at all keeps none and is not written.
        let words = if words.trim().is_empty() { first.trim().chars().take(24).collect() } else { words };
        let has_text = draft.body.iter().any(|u| !u.text.trim().is_empty());
        draft.title = if words.trim().is_empty() && has_text { "无题".to_string() } else { words };
        let line = draft.first_line();
        draft.flag(
            line,
            "no headline in the source: the title is the text's first words; give it one with a `set` fix",
        );
    }
    let mut changed_lines = Vec::new();
    for field in [&mut draft.title, &mut draft.subtitle, &mut draft.kicker] {
        *field = punct::full_width_punctuation(&emend::reading(field)).0;
    }
    let mut flags = Vec::new();
    for unit in &mut draft.body {
        let (text, changed) = punct::full_width_punctuation(&unit.text);
        if changed > 0 {
            changed_lines.push((unit.line(), changed));
            unit.text = text;
        }
        for word in punct::stray_latin_words(&emend::reading(&unit.text)) {
            flags.push((
                unit.line(),
                format!("Latin word \"{word}\" inside Chinese text: check against the printed page"),
            ));
        }
    }
    for (line, text) in flags {
        draft.flag(line, text);
    }
    ocr_quality::flag_poor_paragraphs(draft);
    if let Some(&(first, _)) = changed_lines.first() {
        let total: usize = changed_lines.iter().map(|(_, n)| n).sum();
        let lines: Vec<String> = changed_lines.iter().map(|(l, _)| l.to_string()).collect();
        draft.note(
            NoteKind::Punctuation,
            first,
            format!(
                "{total} ASCII punctuation mark(s) among Chinese text made full-width (lines {})",
                lines.join(", ")
            ),
        );
    }
}

/// Notes each drop, move, replace and split fix on the article it touched.
fn record_fixes(fixes: &Fixes, drafts: &mut [Draft]) {
    for fix in &fixes.fixes {
        // The line the note names, and a line of the article that holds it.
        let (line, within) = match fix.action {
            Action::Split { line } | Action::Replace { line, .. } => (line, line),
            Action::Move { first, .. } | Action::Join { first, .. } => (first, first),
            Action::Drop { first, last } => (first, last + 1),
            Action::Set { .. } => continue,
        };
        let holder = drafts
            .iter()
            .position(|d| d.lines().any(|l| l == within))
            .or_else(|| drafts.iter().rposition(|d| d.first_line() <= within))
            .unwrap_or(0);
        if let Some(draft) = drafts.get_mut(holder) {
            draft.note(NoteKind::Fix, line, fix.describe());
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_under_the_other_spelling_are_warned_about_and_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        let sources = dir.path().join("sources");
        std::fs::create_dir_all(&sources).unwrap();
        let source = sources.join("y.txt");
        std::fs::write(&source, "# 郧阳区企业复工\n\n3月1日，郧阳区已有五十家企业复工。\n").unwrap();
        std::fs::write(sources.join("y.txt.toml"), "publication = \"十堰日报\"\nyear = 2020\n").unwrap();
        std::fs::write(sources.join("y.txt.fixes.toml"), "[[fix]]\nsplit = 1\nreason = \"r\"\n").unwrap();
        let report = ingest_source(&source, dir.path(), &Config::default()).unwrap();
        let misnamed: Vec<&str> =
            report.warnings.iter().map(|w| w.message.as_str()).filter(|w| w.contains("not read")).collect();
        assert_eq!(
            misnamed,
            [
                "sources/y.txt.toml: not read: a source's companion file drops the source's extension; rename it to sources/y.toml",
                "sources/y.txt.fixes.toml: not read: a source's companion file drops the source's extension; rename it to sources/y.fixes.toml",
            ]
        );
        // The sidecar's publication and year were not used.
        assert_eq!(report.articles[0].front.publication, "");
        assert_eq!(report.articles[0].front.date, None);
    }
}
