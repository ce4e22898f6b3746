//! Stages 3–8: a source's text in, cleaned draft articles out: blocks,
//! fixes applied, segments, banners and late headlines placed, furniture
//! and repeats dropped, column breaks mended, punctuation made full-width,
//! and what an editor should check flagged.

use super::draft::{Draft, NoteKind};
use super::fixes::{Action, Fixes};
use super::shape::{self, Shape};
use super::{dedupe, emend, furniture, lacuna, layout, mend, ocr_quality, progress, punct, segment, text};
use crate::error::{Diagnostic, Location, Result};
use std::path::Path;

/// Blocks → fixes applied → draft articles, banners and late headlines
/// placed, repeats dropped, each draft cleaned.
pub(super) fn clean_drafts(
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
pub(super) fn drop_empty_drafts(drafts: &mut Vec<Draft>, shown_path: &Path, warnings: &mut Vec<Diagnostic>) {
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
pub(super) fn record_fixes(fixes: &Fixes, drafts: &mut [Draft]) {
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
