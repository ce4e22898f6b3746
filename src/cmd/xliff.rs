//! `duizhao xliff export` (article ids in, an XLIFF 2.0 document out, to
//! stdout or a file) and `duizhao xliff import` (an XLIFF document in, the
//! changed English written into `translations/<lang>/`, counts and refused
//! units printed). The rules are [`duizhao::xliff`]'s.

use super::report::Reporter;
use super::terminal::{errln, outln, problems_found, write_or_exit};
use super::translate::resolve_id;
use duizhao::cli::{XliffCommand, XliffExportArgs, XliffImportArgs};
use duizhao::config::Edition;
use duizhao::error::{Error, Result, Severity};
use duizhao::fs_util::{article_ids, check_lang, display_path, read_optional, write_atomically};
use duizhao::model::{BlockNo, Glossary, Term, Translation};
use duizhao::pair::{AlignedArticle, pair};
use duizhao::texts::load_texts;
use duizhao::translate::{Edits, edit, skeleton};
use duizhao::xliff::import::{Plan, plan};
use duizhao::xliff::{read, write};
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao xliff export|import`.
pub fn run(root: &Path, command: &XliffCommand, reporter: &Reporter) -> Result<ExitCode> {
    match command {
        XliffCommand::Export(args) => export(root, args, reporter),
        XliffCommand::Import(args) => import(root, args, reporter),
    }
}

/// The edition's articles paired with their translations, and the glossary;
/// `None` (problems printed) when a file does not parse.
fn paired(
    edition: &Edition,
    lang: &str,
    reporter: &Reporter,
) -> Result<Option<(Vec<AlignedArticle>, Vec<Term>)>> {
    let mut texts = load_texts(edition, lang, None);
    if texts.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        reporter.print(&texts.diagnostics);
        errln!("nothing done: mend the files named above first");
        return Ok(None);
    }
    let articles = texts
        .articles
        .drain(..)
        .map(|a| {
            let translation = texts.translations.remove(&a.article.id).map(|(_, t)| t);
            pair(a.article, translation)
        })
        .collect();
    let path = edition.translations_dir(lang).join("glossary.toml");
    let terms = match read_optional(&path)? {
        Some(text) => Glossary::parse(&display_path(&path, &edition.root), &text)?.terms,
        None => Vec::new(),
    };
    Ok(Some((articles, terms)))
}

fn export(root: &Path, args: &XliffExportArgs, reporter: &Reporter) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    check_lang(&args.lang)?;
    let known = article_ids(&edition)?;
    let mut ids = Vec::new();
    for given in &args.ids {
        ids.push(resolve_id(given, &known)?);
    }
    let Some((mut articles, glossary)) = paired(&edition, &args.lang, reporter)? else {
        return Ok(problems_found());
    };
    if !ids.is_empty() {
        articles.retain(|a| ids.contains(&a.article.id));
    }
    let xml = write::export(&articles, &glossary, &args.lang)?;
    let blocks: usize = articles.iter().map(|a| a.rows.len()).sum();
    match &args.out {
        Some(out) => {
            write_atomically(out, &xml).map_err(|e| Error::io(out, e))?;
            errln!("wrote {}: {} articles, {blocks} units", out.display(), articles.len());
        }
        None => write_or_exit(&mut std::io::stdout().lock(), &xml, false),
    }
    Ok(ExitCode::SUCCESS)
}

fn import(root: &Path, args: &XliffImportArgs, reporter: &Reporter) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    check_lang(&args.lang)?;
    let xlf = &args.file;
    let bytes = std::fs::read(xlf).map_err(|e| Error::io(xlf, e))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::file(xlf, "not UTF-8: save the XLIFF as UTF-8"))?;
    let files = read::parse(xlf, &text, &args.lang)?;
    let Some((articles, _)) = paired(&edition, &args.lang, reporter)? else {
        return Ok(problems_found());
    };
    // Every file is checked before anything is written.
    let mut plans = Vec::new();
    for file in &files {
        let Some(article) = articles.iter().find(|a| a.article.id.as_str() == file.id) else {
            return Err(Error::at(
                xlf,
                file.line,
                format!("<file id=\"{}\">: no such article in content/", file.id),
            ));
        };
        plans.push((article, plan(xlf, file, article)?));
    }
    let mut texts = Vec::new();
    let mut unmarked = 0;
    for (article, plan) in &plans {
        if plan.writes() {
            let (text, not_reviewed) = new_text(&edition, &args.lang, xlf, article, plan)?;
            for (no, why) in not_reviewed {
                let (unit, line) = plan.changed_units.get(&no).cloned().unwrap_or_default();
                errln!(
                    "{}:{line}: unit \"{unit}\" of file \"{}\" not marked reviewed: {}",
                    xlf.display(),
                    article.article.id,
                    why.replace("<id>", article.article.id.as_str())
                );
                unmarked += 1;
            }
            texts.push(text);
        }
    }
    for (path, shown, text, changed) in &texts {
        if !args.dry_run {
            write_atomically(path, text).map_err(|e| Error::io(shown, e))?;
        }
        let verb = if args.dry_run { "would update" } else { "updated" };
        outln!("{verb} {}: {changed}", shown.display());
    }
    let refused = report(xlf, &files, &plans);
    Ok(if refused + unmarked > 0 { problems_found() } else { ExitCode::SUCCESS })
}

/// A translation file to write: its path, its path as shown, its text and
/// what changed in it (`2 block(s), the title, 1 marked reviewed`).
type NewText = (std::path::PathBuf, std::path::PathBuf, String, String);

/// The translation file of `article` with the plan's English written in,
/// checked to read back as each unit's target; and the blocks of units in
/// state `reviewed` that could not be marked so, and why.
fn new_text(
    edition: &Edition,
    lang: &str,
    xlf: &Path,
    article: &AlignedArticle,
    plan: &Plan,
) -> Result<(NewText, Vec<(BlockNo, String)>)> {
    let a = &article.article;
    let path = edition.translations_dir(lang).join(format!("{}.md", a.id));
    let shown = display_path(&path, &edition.root);
    let old = read_optional(&path).map_err(|e| e.map_path(|_| shown.clone()))?.unwrap_or_else(|| skeleton(a));
    let edits = Edits {
        texts: plan.changes.clone(),
        reviewed: plan.reviewed.clone(),
        headlines: plan.headlines.clone(),
    };
    let (text, report) = edit(a, &shown, &old, &edits)?;
    // A target line that reads as a marker or comment would corrupt the file.
    let parsed = Translation::parse(&shown, &text).map_err(|e| {
        Error::file(
            xlf,
            format!("the English of file \"{}\" would not read back ({e}): nothing written", a.id),
        )
    })?;
    let back = pair(a.clone(), Some(parsed));
    for (no, english) in &plan.changes {
        if back.rows.get(no.0 - 1).and_then(|r| r.en.as_deref()) != Some(english.as_str()) {
            let (unit, line) = plan.changed_units.get(no).cloned().unwrap_or_default();
            return Err(Error::at(
                xlf,
                line,
                format!(
                    "unit \"{unit}\" of file \"{}\": its English would not read back as written in {} (a line of it looks like a block marker or a comment): nothing written",
                    a.id,
                    shown.display()
                ),
            ));
        }
    }
    let mut what = vec![format!("{} block(s)", plan.changes.len())];
    what.extend(plan.headlines.keys().map(|k| format!("the {k}")));
    if !report.reviewed.is_empty() {
        what.push(format!("{} marked reviewed", report.reviewed.len()));
    }
    Ok(((path, shown, text, what.join(", ")), report.not_reviewed))
}

/// Prints the refused units and the counts; returns how many were refused.
fn report(xlf: &Path, files: &[read::XliffFile], plans: &[(&AlignedArticle, Plan)]) -> usize {
    for (file, (_, plan)) in files.iter().zip(plans) {
        for r in &plan.refused {
            errln!(
                "{}:{}: unit \"{}\" of file \"{}\" refused: {}",
                xlf.display(),
                r.line,
                r.unit,
                file.id,
                r.why
            );
        }
    }
    let sum = |count: &dyn Fn(&Plan) -> usize| plans.iter().map(|(_, p)| count(p)).sum::<usize>();
    let units: usize = files.iter().map(|f| f.units.len()).sum();
    let refused = sum(&|p| p.refused.len());
    outln!(
        "{units} units in {} file(s): {} changed, {} unchanged, {} without target (English kept), {} untranslated, {refused} refused",
        files.len(),
        sum(&|p| p.changes.len() + p.headlines.len()),
        sum(&|p| p.unchanged),
        sum(&|p| p.kept),
        sum(&|p| p.untranslated),
    );
    refused
}
