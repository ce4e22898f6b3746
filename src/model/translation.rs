use super::{ArticleId, BlockNo, split_blocks, split_front_matter};
use crate::error::{Error, Result};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    Draft,
    Reviewed,
}

/// Front matter of `translations/<lang>/<id>.md`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationFront {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kicker: String,
    pub translator: String,
    pub status: TranslationStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// One translated block. `block` and `fingerprint` come from the marker
/// `<!-- ¶3 5e0a1c9b -->`; a file without markers has neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub block: Option<BlockNo>,
    pub fingerprint: Option<String>,
    /// The translated Markdown, comments removed; empty if not yet translated.
    pub text: String,
    /// 1-based line in the file of the marker (or of the text, unmarked).
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub id: ArticleId,
    pub front: TranslationFront,
    pub slots: Vec<Slot>,
    /// Whether the file uses markers (pairing by marker) or not (by order).
    pub marked: bool,
}

/// Parses a marker line `<!-- ¶3 5e0a1c9b -->` into block number and fingerprint.
pub fn parse_marker(line: &str) -> Option<(BlockNo, Option<String>)> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let rest = inner.strip_prefix('¶')?;
    let mut parts = rest.split_whitespace();
    let no: usize = parts.next()?.parse().ok()?;
    let fingerprint = match parts.next() {
        Some(f) if f.len() == 8 && f.chars().all(|c| c.is_ascii_hexdigit()) => Some(f.to_ascii_lowercase()),
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() || no == 0 {
        return None;
    }
    Some((BlockNo(no), fingerprint))
}

/// Removes whole-line HTML comments (the translator's view of the Chinese).
fn strip_comments(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_comment = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if in_comment {
            if trimmed.ends_with("-->") {
                in_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.ends_with("-->") || trimmed == "<!--";
            continue;
        }
        out.push(line);
    }
    out.join("\n").trim().to_string()
}

impl Translation {
    pub fn parse(path: &Path, text: &str) -> Result<Translation> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let id = ArticleId::parse(stem).map_err(|e| Error::file(path, e))?;
        let (front_text, body, body_line) = split_front_matter(path, text)?;
        let front: TranslationFront =
            toml::from_str(front_text).map_err(|e| super::article::toml_error(path, front_text, 2, &e))?;

        let mut slots = Vec::new();
        let mut marked = false;
        let mut current: Option<(BlockNo, Option<String>, usize, Vec<&str>)> = None;
        let flush = |current: &mut Option<(BlockNo, Option<String>, usize, Vec<&str>)>,
                     slots: &mut Vec<Slot>| {
            if let Some((no, fingerprint, line, lines)) = current.take() {
                slots.push(Slot {
                    block: Some(no),
                    fingerprint,
                    text: strip_comments(&lines.join("\n")),
                    line,
                });
            }
        };
        let mut preamble = Vec::new();
        for (i, line) in body.lines().enumerate() {
            if let Some((no, fingerprint)) = parse_marker(line) {
                marked = true;
                flush(&mut current, &mut slots);
                current = Some((no, fingerprint, body_line + i, Vec::new()));
            } else if let Some((_, _, _, lines)) = &mut current {
                lines.push(line);
            } else {
                preamble.push(line);
            }
        }
        flush(&mut current, &mut slots);

        if !marked {
            let plain = strip_comments(&preamble.join("\n"));
            slots = split_blocks(&plain)
                .into_iter()
                .map(|b| Slot {
                    block: None,
                    fingerprint: None,
                    text: b.markdown,
                    line: body_line + b.line - 1,
                })
                .collect();
        } else if !strip_comments(&preamble.join("\n")).is_empty() {
            return Err(Error::at(
                path,
                body_line,
                "text before the first block marker: put it after a marker `<!-- ¶n xxxxxxxx -->`",
            ));
        }
        Ok(Translation { id, front, slots, marked })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str = "+++\ntitle = \"Title\"\ntranslator = \"duizhao editors\"\nstatus = \"draft\"\n+++\n";

    #[test]
    fn reads_marked_slots_and_ignores_the_chinese_comment() {
        let text = format!(
            "{FRONT}\n<!-- ¶1 0123abcd -->\n<!-- zh: 第一段。 -->\nFirst paragraph.\n\n<!-- ¶2 89abcdef -->\n\n<!-- ¶3 -->\nThird.\n"
        );
        let t = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap();
        assert!(t.marked);
        assert_eq!(t.slots.len(), 3);
        assert_eq!(t.slots[0].text, "First paragraph.");
        assert_eq!(t.slots[0].fingerprint.as_deref(), Some("0123abcd"));
        assert_eq!(t.slots[0].line, 7);
        assert_eq!(t.slots[1].text, "");
        assert_eq!(t.slots[2].block, Some(BlockNo(3)));
        assert_eq!(t.slots[2].fingerprint, None);
    }

    #[test]
    fn unmarked_file_gives_slots_in_order() {
        let text = format!("{FRONT}\nOne.\n\nTwo\ncontinued.\n");
        let t = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap();
        assert!(!t.marked);
        let texts: Vec<_> = t.slots.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["One.", "Two\ncontinued."]);
    }

    #[test]
    fn malformed_marker_is_text_not_a_marker() {
        assert_eq!(parse_marker("<!-- ¶x 0123abcd -->"), None);
        assert_eq!(parse_marker("<!-- ¶0 0123abcd -->"), None);
        assert_eq!(parse_marker("<!-- ¶12 0123ABCD -->"), Some((BlockNo(12), Some("0123abcd".into()))));
    }
}
