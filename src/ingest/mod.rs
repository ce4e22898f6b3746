//! Ingest: raw sources in, `content/<id>.md` articles out.
//!
//! For each source file, in this order:
//! 1. [`decode`] the bytes (UTF-8, GB18030/GBK, Big5; BOM and CRLF handled);
//! 2. read its [`sidecar`] and its editorial [`fixes`];
//! 3. detect its [`shape`] and parse it into raw blocks ([`html`] flattens web exports);
//! 4. apply the fixes that move, drop or correct lines;
//! 5. [`segment`] the blocks into draft articles;
//! 6. put banners and late headlines in their place ([`layout`]);
//! 7. drop repeated articles and paragraphs ([`dedupe`]);
//! 8. [`mend`] column breaks, make [`punct`]uation full-width, flag stray Latin;
//! 9. find date and regions ([`meta`]), apply `set` fixes, name the article ([`slug`]);
//! 10. [`write`] `content/<id>.md` unless an editor changed it.

pub mod decode;
pub mod dedupe;
pub mod draft;
pub mod fixes;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod mend;
pub mod meta;
pub mod progress;
pub mod punct;
pub mod segment;
pub mod shape;
pub mod sidecar;
pub mod slug;
pub mod text;
pub mod write;

use crate::cli::IngestArgs;
use crate::config::{Config, Edition};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::{Author, FrontMatter, IngestRecord};
use draft::{Draft, NoteKind};
use fixes::{Action, Fixes};
use shape::Shape;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use write::Outcome;

/// One article ready to write.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub id: String,
    pub front: FrontMatter,
    /// The whole file: front matter with its `[ingest]` record, and the body.
    pub text: String,
    pub flags: usize,
    /// Pictures kept beside the source, copied next to the article.
    pub images: Vec<PathBuf>,
}

/// What ingest made of one source.
#[derive(Debug, Clone)]
pub struct SourceReport {
    pub path: PathBuf,
    pub shape: Shape,
    pub encoding: &'static str,
    pub articles: Vec<Prepared>,
    pub warnings: Vec<String>,
    pub interventions: BTreeMap<NoteKind, usize>,
}

/// The path written into `source = "…"`: relative to the edition's root where it can be.
fn source_name(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let name = relative.to_string_lossy().replace('\\', "/");
    name.strip_prefix("./").unwrap_or(&name).to_string()
}

fn toml_date(date: chrono::NaiveDate) -> toml::value::Datetime {
    use chrono::Datelike;
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// Cleans one source into articles. Errors name the file and, where there
/// is one, the line.
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
    progress.stage("reading");
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, encoding) = decode::decode(&bytes).map_err(|e| Error::file(path, e.to_string()))?;
    let line_count = text.lines().count();
    let mut warnings = Vec::new();
    let sidecar = sidecar::read_sidecar(path)?;
    if sidecar.is_none() {
        warnings.push(format!(
            "{}: no sidecar {}: publication unknown, dates take their year from the text or edition.toml",
            path.display(),
            sidecar::sidecar_path(path).display()
        ));
    }
    let sidecar = sidecar.unwrap_or_default();
    let fixes = Fixes::read(path, line_count)?;
    progress.stage("splitting into articles");
    let shape = shape::detect(&text);
    let mut blocks = shape::parse(&text, shape);
    let splits = fixes.apply_to_blocks(&mut blocks)?;

    let segmented = segment::segment(&blocks, shape, &splits);
    let mut drafts = segmented.drafts;
    layout::apply_banners(&mut drafts, &segmented.banners);
    let drafts = layout::headlines_after_body(drafts);
    progress.stage("finding repeats");
    let mut drafts = dedupe::drop_repeated_articles(drafts);
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
    for draft in &mut drafts {
        clean(draft);
    }
    drafts.retain(|d| {
        let keep = !d.body.is_empty();
        if !keep {
            warnings.push(format!(
                "{}:{}: \"{}\" has no text left after cleaning: not written",
                path.display(),
                d.first_line(),
                d.title
            ));
        }
        keep
    });
    record_fixes(&fixes, &mut drafts);

    let year = sidecar.year.or_else(|| meta::year_in_text(&text)).or(config.default_year);
    if year.is_none() {
        warnings.push(format!(
            "{}: no year for dates like 2月27日 (no sidecar `year`, no full date in the text, no `default_year` in edition.toml): such articles are left undated",
            path.display()
        ));
    }
    let issue = sidecar.date.as_ref().and_then(|d| d.date).and_then(|d| {
        chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
    });
    let home = if sidecar.region.is_empty() {
        None
    } else {
        let code = Gazetteer::embedded().code_of_path(&sidecar.region);
        if code.is_none() {
            warnings.push(format!(
                "{}: region \"{}\" is not an official division path (省/市[/县])",
                sidecar::sidecar_path(path).display(),
                sidecar.region
            ));
        }
        code
    };
    // A `set` fix must name a line of some article, or it would do nothing unnoticed.
    for (fix, line, _) in fixes.sets() {
        if !drafts.iter().any(|d| d.lines().any(|l| l == line)) {
            return Err(Error::at(
                &fixes.path,
                fix.at,
                format!(
                    "this `set` fix names line {line}, which is in no article: name a line of the article's headline or text"
                ),
            ));
        }
    }
    let source = source_name(path, root);
    let mut interventions = BTreeMap::new();
    let mut articles = Vec::new();
    progress.articles(drafts.len());
    for draft in &mut drafts {
        progress.article_done();
        let dated = meta::date_of(draft, year, issue);
        let (regions, places) = meta::regions_of(draft, home);
        let mut front = FrontMatter {
            title: draft.title.clone(),
            subtitle: draft.subtitle.clone(),
            kicker: draft.kicker.clone(),
            column: draft.column.clone(),
            date: dated.date.map(toml_date),
            undated: dated.date.is_none(),
            regions,
            places,
            publication: publication_of(draft, &sidecar.publication),
            source: source.clone(),
            source_lines: Some(draft.span()),
            authors: draft.authors.clone(),
            ingest: None,
        };
        if let Some(date) = dated.date {
            draft.note(NoteKind::Metadata, draft.first_line(), format!("date {date} {}", dated.how));
        }
        apply_sets(&fixes, draft, &mut front)?;
        let source_dir = path.parent().unwrap_or(Path::new("."));
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
            notes: notes.iter().map(|n| n.render()).collect(),
            review: flags.iter().map(|f| format!("line {}: {}", f.line, f.text)).collect(),
        };
        let text = write::article_text(&front, record, &body);
        let id = slug::article_id(dated.date.or_else(|| front.calendar_date()), &front.title);
        articles.push(Prepared { id, front, text, flags: flags.len(), images });
    }
    Ok(SourceReport { path: path.to_path_buf(), shape, encoding, articles, warnings, interventions })
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
fn clean(draft: &mut Draft) {
    if let Some(line) = draft.column_line {
        draft.note(NoteKind::Metadata, line, "page heading made the column (栏目)");
    }
    mend::mend_column_breaks(draft);
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
        let words: String =
            first.chars().take_while(|c| !matches!(c, '，' | '。' | ',' | '：' | '；')).take(24).collect();
        draft.title = words;
        let line = draft.first_line();
        draft.flag(
            line,
            "no headline in the source: the title is the text's first words; give it one with a `set` fix",
        );
    }
    let mut changed_lines = Vec::new();
    for field in [&mut draft.title, &mut draft.subtitle, &mut draft.kicker] {
        *field = punct::full_width_punctuation(field).0;
    }
    let mut flags = Vec::new();
    for unit in &mut draft.body {
        let (text, changed) = punct::full_width_punctuation(&unit.text);
        if changed > 0 {
            changed_lines.push((unit.line(), changed));
            unit.text = text;
        }
        for word in punct::stray_latin_words(&unit.text) {
            flags.push((
                unit.line(),
                format!("Latin word \"{word}\" inside Chinese text: check against the printed page"),
            ));
        }
    }
    for (line, text) in flags {
        draft.flag(line, text);
    }
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
        let fail =
            |key: &str, want: &str| Error::at(&fixes.path, fix.at, format!("`set.{key}` must be {want}"));
        for (key, value) in fields {
            let string = || value.as_str().map(str::to_string).ok_or_else(|| fail(key, "a string"));
            let strings = || -> Result<Vec<String>> {
                value
                    .as_array()
                    .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect())
                    .ok_or_else(|| fail(key, "a list of strings"))
            };
            match key.as_str() {
                "title" => front.title = string()?,
                "subtitle" => front.subtitle = string()?,
                "kicker" => front.kicker = string()?,
                "column" => front.column = string()?,
                "publication" => front.publication = string()?,
                "regions" => front.regions = strings()?,
                "places" => front.places = strings()?,
                "date" => {
                    let date = value.as_datetime().filter(|d| d.date.is_some() && d.time.is_none());
                    front.date = Some(*date.ok_or_else(|| fail(key, "a date like 2020-02-27"))?);
                    front.undated = false;
                }
                "undated" => {
                    front.undated = value.as_bool().ok_or_else(|| fail(key, "true or false"))?;
                    if front.undated {
                        front.date = None;
                    }
                }
                "authors" => {
                    let authors: Vec<Author> =
                        value.clone().try_into().map_err(|_| fail(key, "a list of { name, role } tables"))?;
                    front.authors = authors;
                }
                _ => unreachable!("keys are checked when the fixes are read"),
            }
        }
        draft.note(NoteKind::Fix, line, fix.describe());
    }
    Ok(())
}

/// Warns about articles an earlier ingest wrote from these sources that this
/// one no longer produces (a changed date or title gives a new id): they are
/// left in place, since an editor may have worked on them.
fn warn_about_leftovers(out_dir: &Path, sources: &[String], produced: &std::collections::BTreeSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(out_dir) else { return };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !produced.contains(p))
        .collect();
    leftovers.sort();
    for path in leftovers {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let front = crate::model::split_front_matter(&path, &text)
            .ok()
            .and_then(|(front, _, _)| toml::from_str::<FrontMatter>(front).ok());
        if let Some(front) = front
            && front.ingest.is_some()
            && sources.contains(&front.source)
        {
            eprintln!(
                "warning: {}: written by an earlier ingest of {} but not produced by this one (its id changed?): delete it if it is obsolete",
                path.display(),
                front.source
            );
        }
    }
}

/// Source files under the given paths (files as given; folders walked for
/// `.txt`, `.html`, `.htm`), sorted.
fn source_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_file() {
            files.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::file(path, e.to_string()))?;
            let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
            if entry.file_type().is_file() && matches!(ext, "txt" | "html" | "htm") {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

pub fn run(root: &Path, args: &IngestArgs) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    let paths = if args.paths.is_empty() { vec![edition.sources_dir()] } else { args.paths.clone() };
    let out_dir = args.out.clone().unwrap_or_else(|| edition.content_dir());
    let files = source_files(&paths)?;
    if files.is_empty() {
        return Err(Error::Other(format!(
            "no source files (.txt, .html) under {}: put raw texts in sources/ or name them",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let progress = progress::Progress::new(&files, args.quiet);
    let results: Vec<Result<SourceReport>> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|file| {
                progress.source(file, |bar| {
                    ingest_source_with_progress(file, &edition.root, &edition.config, bar)
                })
            })
            .collect()
    };
    progress.finish();

    let mut out_dir_ready = args.dry_run;
    let mut failed = 0;
    let mut outcomes: BTreeMap<Outcome, Vec<String>> = BTreeMap::new();
    let mut interventions: BTreeMap<NoteKind, usize> = BTreeMap::new();
    let mut flags = 0;
    let mut used_ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut articles = 0;
    let mut sources_done: Vec<String> = Vec::new();
    let mut produced: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    for result in results {
        let report = match result {
            Ok(report) => report,
            Err(error) => {
                eprintln!("error: {error}");
                failed += 1;
                continue;
            }
        };
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
        for (kind, n) in &report.interventions {
            *interventions.entry(*kind).or_insert(0) += n;
        }
        if !args.quiet {
            eprintln!(
                "{}: {} ({}), {} article(s)",
                report.path.display(),
                report.shape.name(),
                report.encoding,
                report.articles.len()
            );
        }
        if let Some(first) = report.articles.first() {
            sources_done.push(first.front.source.clone());
        }
        for article in report.articles {
            articles += 1;
            flags += article.flags;
            let seen = used_ids.entry(article.id.clone()).or_insert(0);
            *seen += 1;
            let id = if *seen == 1 { article.id } else { format!("{}-{}", article.id, seen) };
            let path = out_dir.join(format!("{id}.md"));
            produced.insert(path.clone());
            if !out_dir_ready {
                std::fs::create_dir_all(&out_dir).map_err(|e| Error::io(&out_dir, e))?;
                out_dir_ready = true;
            }
            let outcome = write::write_article(&path, &article.text, args.force, args.dry_run)?;
            if !args.dry_run {
                write::copy_images(&article.images, &out_dir)?;
            }
            outcomes.entry(outcome).or_default().push(path.display().to_string());
        }
    }

    warn_about_leftovers(&out_dir, &sources_done, &produced);
    let count = |o: Outcome| outcomes.get(&o).map_or(0, Vec::len);
    for path in outcomes.get(&Outcome::KeptEdited).into_iter().flatten() {
        eprintln!("kept: {path}: changed by hand since the last ingest (use --force to overwrite)");
    }
    if args.dry_run {
        for path in outcomes.get(&Outcome::WouldWrite).into_iter().flatten() {
            eprintln!("would write: {path}");
        }
    }
    let written = if args.dry_run { count(Outcome::WouldWrite) } else { count(Outcome::Written) };
    eprintln!(
        "ingest: {} source(s) → {articles} article(s): {written} {}, {} unchanged, {} kept because edited by hand{}",
        files.len() - failed,
        if args.dry_run { "would be written" } else { "written" },
        count(Outcome::Unchanged),
        count(Outcome::KeptEdited),
        if failed > 0 { format!(", {failed} source(s) failed") } else { String::new() }
    );
    if !interventions.is_empty() {
        let parts: Vec<String> = interventions.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
        eprintln!("interventions: {}", parts.join(", "));
    }
    if flags > 0 {
        eprintln!("review: {flags} flag(s) for an editor, listed under [ingest].review in the articles");
    }
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
