//! The old translation file taken apart: its text in, the lines before the
//! first slot, each slot's marker, zh line and content, and the orphan
//! comments it already holds out.

use super::{HELP, ORPHAN_PREFIX};
use crate::model::{BlockNo, Segments, Translation, parse_source_comment, strip_comments};

/// A slot of the old file, taken apart.
pub(super) struct OldSlot<'a> {
    pub(super) block: BlockNo,
    pub(super) fingerprint: Option<String>,
    /// The `<!-- zh: … -->` line, verbatim.
    pub(super) zh_line: Option<&'a str>,
    /// Everything else the translator wrote, blank lines trimmed at the ends.
    pub(super) content: Vec<&'a str>,
    /// Whether `content` holds a translation (not only comments).
    pub(super) has_text: bool,
}

impl OldSlot<'_> {
    pub(super) fn has_content(&self) -> bool {
        !self.content.is_empty()
    }
}

/// The parts of an old file that survive an update.
pub(super) struct OldFile<'a> {
    /// Comment lines before the first slot.
    pub(super) preamble: Vec<&'a str>,
    pub(super) slots: Vec<OldSlot<'a>>,
    /// Orphan comments already in the file, to keep at its end.
    pub(super) trailing: Vec<String>,
}

impl<'a> OldFile<'a> {
    /// Reads the slots of `body`: by their markers, or, in a file without
    /// markers, by order (slot k belongs to block k, as `pair` has been
    /// reading it) with `current` as their fingerprints.
    pub(super) fn read(translation: &'a Translation, body: &'a str, current: &[String]) -> OldFile<'a> {
        let mut trailing: Vec<String> = Vec::new();
        if translation.marked {
            let segments = Segments::of(body);
            let slots = segments
                .slots
                .iter()
                .map(|raw| {
                    let (zh_line, content, orphans) = take_apart(&raw.lines);
                    trailing.extend(orphans);
                    let has_text = !strip_comments(&content.join("\n")).is_empty();
                    OldSlot {
                        block: raw.block,
                        fingerprint: raw.fingerprint.clone(),
                        zh_line,
                        content,
                        has_text,
                    }
                })
                .collect();
            return OldFile { preamble: trim_blank(&segments.preamble), slots, trailing };
        }
        let slots = translation
            .slots
            .iter()
            .enumerate()
            .map(|(i, slot)| OldSlot {
                block: BlockNo(i + 1),
                fingerprint: current.get(i).cloned(),
                zh_line: None,
                content: slot.text.lines().collect(),
                has_text: true,
            })
            .collect();
        let mut preamble = comment_lines(body);
        preamble.insert(0, HELP);
        OldFile { preamble, slots, trailing }
    }
}

/// Splits a slot's lines into its zh line, the translator's content, and
/// any orphan comments (which move to the end of the file).
fn take_apart<'a>(lines: &[&'a str]) -> (Option<&'a str>, Vec<&'a str>, Vec<String>) {
    let mut zh_line = None;
    let mut content = Vec::new();
    let mut orphans = Vec::new();
    let mut orphan: Option<Vec<&str>> = None;
    for &line in lines {
        if let Some(lines) = &mut orphan {
            lines.push(line);
            if line.trim_end().ends_with("-->") {
                orphans.push(lines.join("\n"));
                orphan = None;
            }
        } else if line.trim_start().starts_with(ORPHAN_PREFIX) {
            if line.trim_end().ends_with("-->") {
                orphans.push(line.to_string());
            } else {
                orphan = Some(vec![line]);
            }
        } else if zh_line.is_none() && parse_source_comment(line).is_some() {
            zh_line = Some(line);
        } else {
            content.push(line);
        }
    }
    if let Some(lines) = orphan {
        // Never closed: keep it all, closed, rather than lose it.
        orphans.push(format!("{}\n-->", lines.join("\n")));
    }
    (zh_line, trim_blank(&content), orphans)
}

/// The comment lines of a body without markers (its text becomes slots).
fn comment_lines(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for line in body.lines() {
        let t = line.trim();
        if in_comment || t.starts_with("<!--") {
            out.push(line);
            in_comment = if in_comment { !t.ends_with("-->") } else { !t.ends_with("-->") || t == "<!--" };
        }
    }
    out
}

fn trim_blank<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].to_vec(),
        _ => Vec::new(),
    }
}
