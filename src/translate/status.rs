//! `duizhao status`: the edition in, a table (or JSON) of translation
//! coverage per article and in total out.

use crate::config::Edition;
use crate::error::{Diagnostic, Result};
use crate::fs_util::check_lang;
use crate::model::TranslationStatus;
use crate::pair::history::GitHistory;
use crate::pair::{Coverage, pair, translation_diagnostics};
use crate::texts::{Texts, load_texts};
use rayon::prelude::*;
use std::path::PathBuf;

/// One article's line of the report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleStatus {
    pub id: String,
    /// The translation file, if there is one.
    pub file: Option<PathBuf>,
    /// `draft` or `reviewed`, from the translation's front matter.
    pub status: Option<TranslationStatus>,
    #[serde(flatten)]
    pub coverage: Coverage,
    pub percent: f64,
}

/// The whole report: what `status --json` prints.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StatusReport {
    pub lang: String,
    pub articles: Vec<ArticleStatus>,
    pub total: Total,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Total {
    /// Articles in `content/`.
    pub articles: usize,
    /// Of those, how many have a translation file.
    pub with_translation: usize,
    /// Of those, how many are translated in full and current.
    pub complete: usize,
    #[serde(flatten)]
    pub coverage: Coverage,
    pub percent: f64,
}

/// Loads the edition and counts; diagnostics (files that do not parse,
/// the warnings of [`translation_diagnostics`]) are returned for the caller to print.
pub fn status_report(edition: &Edition, lang: &str) -> Result<(StatusReport, Vec<Diagnostic>)> {
    check_lang(lang)?;
    edition.require_content_dir()?;
    let Texts { articles, mut translations, mut diagnostics, .. } = load_texts(edition, lang, None);
    let history = GitHistory::new(&edition.root);
    let with_translations: Vec<_> = articles
        .into_iter()
        .map(|a| {
            let t = translations.remove(&a.article.id);
            (a.article, t)
        })
        .collect();
    // In parallel: a stale block may send its article to git.
    let counted: Vec<(ArticleStatus, Vec<Diagnostic>)> = with_translations
        .into_par_iter()
        .map(|(article, t)| {
            let (file, translation) = t.map_or((None, None), |(path, t)| (Some(path), Some(t)));
            let aligned = pair(article, translation);
            let found = file.as_ref().map(|f| translation_diagnostics(f, &aligned, Some(&history)));
            let coverage = aligned.coverage();
            let status = ArticleStatus {
                id: aligned.article.id.to_string(),
                file,
                status: aligned.translation.as_ref().map(|t| t.status),
                coverage,
                percent: round1(coverage.percent()),
            };
            (status, found.unwrap_or_default())
        })
        .collect();
    let mut articles = Vec::new();
    for (status, found) in counted {
        articles.push(status);
        diagnostics.extend(found);
    }
    let coverage: Coverage = articles.iter().map(|a| a.coverage).sum();
    let total = Total {
        articles: articles.len(),
        with_translation: articles.iter().filter(|a| a.file.is_some()).count(),
        complete: articles.iter().filter(|a| a.file.is_some() && a.coverage.is_complete()).count(),
        coverage,
        percent: round1(coverage.percent()),
    };
    let report = StatusReport { lang: lang.to_string(), articles, total };
    Ok((report, diagnostics))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).floor() / 10.0
}

/// The report as a table: one line per article, then the total. `reviewed`
/// counts the blocks whose reviewed mark still holds (see
/// [`crate::pair::block_status`]); the note after a line is the file's own
/// `status` when it says `reviewed`.
pub fn table(report: &StatusReport) -> String {
    let width = report.articles.iter().map(|a| a.id.len()).max().unwrap_or(0).max("article".len());
    let mut out = format!(
        "{:<width$}  {:>10}  {:>8}  {:>7}  {:>5}  {:>6}\n",
        "article", "translated", "reviewed", "missing", "stale", "done"
    );
    let line = |label: &str, c: &Coverage, percent: f64, note: &str| {
        format!(
            "{label:<width$}  {:>10}  {:>8}  {:>7}  {:>5}  {:>5.1}%{note}\n",
            format!("{}/{}", c.translated, c.total),
            c.reviewed,
            c.missing,
            c.stale,
            percent
        )
    };
    for a in &report.articles {
        let note = match (&a.file, a.status) {
            (None, _) => "  (no translation file)",
            (Some(_), Some(TranslationStatus::Reviewed)) => "  reviewed",
            _ => "",
        };
        out.push_str(&line(&a.id, &a.coverage, a.percent, note));
    }
    let t = &report.total;
    out.push_str(&line("total", &t.coverage, t.percent, ""));
    out.push_str(&format!(
        "{} articles, {} with a translation, {} complete ({})\n",
        t.articles, t.with_translation, t.complete, report.lang
    ));
    out
}
