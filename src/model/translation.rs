//! Translation files (`translations/<lang>/<id>.md`): front matter, then one
//! slot per source block, each opened by a marker `<!-- ¶3 5e0a1c9b -->` and
//! usually followed by `<!-- zh: … -->`, the source text it was made from.

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
    /// The source text the translation was made from, from the slot's
    /// `<!-- zh: … -->` comment, if it has one. Lets `check` show what a
    /// stale block said before it changed.
    pub source_text: Option<String>,
    /// 1-based line in the file of the marker (or of the text, unmarked).
    pub line: usize,
    /// From a `<!-- joined to ¶3 -->` line: this block has no English of
    /// its own, the English of that earlier block renders it too.
    pub joined_to: Option<BlockNo>,
    /// The slot's `<!-- review: … -->` lines: doubts left for an editor
    /// (by `duizhao align`), reported by `check` until deleted.
    pub review: Vec<String>,
    /// From a `<!-- reviewed 5e0a1c9b -->` line: a reviewer checked this
    /// English against the Chinese whose fingerprint this is. It holds only
    /// while the block's Chinese still has that fingerprint
    /// ([`crate::pair::block_status`]).
    pub reviewed: Option<String>,
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

/// The form of a marker line, as error messages name it.
pub(super) const MARKER_FORM: &str = "<!-- ¶<number> <8 hex digits> -->";

/// Whether `line` is an attempt at a marker, valid or not: a comment-like
/// line (opening with `<!` or closing with `->`) whose text starts with `¶`,
/// or is a number alone or followed by a hex-like word (`<!-- 4 4e1777dd -->`).
/// Other comments (`<!-- zh: … -->`, notes, orphans) are not.
pub(super) fn looks_like_marker(line: &str) -> bool {
    let line = line.trim();
    if !(line.starts_with("<!") || line.ends_with("->")) {
        return false;
    }
    let inner = line.trim_matches(|c: char| matches!(c, '<' | '!' | '-' | '>' | '—') || c.is_whitespace());
    if inner.starts_with('¶') {
        return true;
    }
    let mut words = inner.split_whitespace();
    let number = words.next().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    // A fingerprint, or one mistyped: hex digits, or 6–10 letters and digits.
    let hex_like = words.next().is_none_or(|w| {
        w.chars().all(|c| c.is_ascii_hexdigit())
            || ((6..=10).contains(&w.len()) && w.chars().all(|c| c.is_ascii_alphanumeric()))
    });
    number && hex_like && words.next().is_none()
}

/// Prefix of the comment line that records a block's source text.
pub const SOURCE_COMMENT: &str = "<!-- zh:";

/// The one-line comment recording `source` (a block's Markdown): newlines
/// become spaces (the fingerprint ignores white space) and `-->` is escaped
/// so the comment cannot end early.
///
/// ```
/// use duizhao::model::{source_comment, parse_source_comment};
/// let line = source_comment("第一行\n第二行 --> 完");
/// assert_eq!(line, "<!-- zh: 第一行 第二行 --&gt; 完 -->");
/// assert_eq!(parse_source_comment(&line).as_deref(), Some("第一行 第二行 --> 完"));
/// ```
pub fn source_comment(source: &str) -> String {
    let one_line = source.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    format!("{SOURCE_COMMENT} {} -->", escape_comment(&one_line))
}

/// The source text of a `<!-- zh: … -->` line, unescaped; `None` for any other line.
pub fn parse_source_comment(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix(SOURCE_COMMENT)?.strip_suffix("-->")?;
    Some(unescape_comment(inner.trim()))
}

/// Prefix of a slot's review flag comment, `<!-- review: … -->`.
const REVIEW_COMMENT: &str = "<!-- review:";

/// The one-line review flag comment saying `text`.
pub fn review_comment(text: &str) -> String {
    format!("{REVIEW_COMMENT} {} -->", escape_comment(&text.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// The text of a `<!-- review: … -->` line; `None` for any other line.
pub fn parse_review_comment(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix(REVIEW_COMMENT)?.strip_suffix("-->")?;
    Some(unescape_comment(inner.trim()))
}

/// Prefix of a slot's reviewed mark, `<!-- reviewed 5e0a1c9b -->`.
const REVIEWED_COMMENT: &str = "<!-- reviewed";

/// The form of a reviewed mark, as error messages name it.
const REVIEWED_FORM: &str = "<!-- reviewed <8 hex digits> -->";

/// The one-line mark saying the slot's English was reviewed against the
/// Chinese of fingerprint `fingerprint`.
///
/// ```
/// use duizhao::model::{reviewed_comment, parse_reviewed_comment};
/// assert_eq!(reviewed_comment("5e0a1c9b"), "<!-- reviewed 5e0a1c9b -->");
/// assert_eq!(parse_reviewed_comment("<!-- reviewed 5E0A1C9B -->").as_deref(), Some("5e0a1c9b"));
/// assert_eq!(parse_reviewed_comment("<!-- reviewed -->"), None);
/// ```
pub fn reviewed_comment(fingerprint: &str) -> String {
    format!("{REVIEWED_COMMENT} {fingerprint} -->")
}

/// The fingerprint of a `<!-- reviewed 5e0a1c9b -->` line, lowercased;
/// `None` for any other line.
pub fn parse_reviewed_comment(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix(REVIEWED_COMMENT)?.strip_suffix("-->")?.trim();
    (inner.len() == 8 && inner.chars().all(|c| c.is_ascii_hexdigit())).then(|| inner.to_ascii_lowercase())
}

/// Whether `line` is meant as a reviewed mark: a whole comment opening
/// with `<!-- reviewed`, well-formed or not.
fn looks_like_reviewed(line: &str) -> bool {
    let line = line.trim();
    line.ends_with("-->")
        && line
            .strip_prefix(REVIEWED_COMMENT)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '-']))
}

/// The one-line comment saying a block's English is that of block `to`.
pub fn joined_comment(to: BlockNo) -> String {
    format!("<!-- joined to {to} -->")
}

/// The block of a `<!-- joined to ¶3 -->` line; `None` for any other line.
pub fn parse_joined_comment(line: &str) -> Option<BlockNo> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let no: usize = inner.strip_prefix("joined to")?.trim().strip_prefix('¶')?.parse().ok()?;
    (no > 0).then_some(BlockNo(no))
}

/// Makes `text` safe inside an HTML comment: `-->` would end it.
pub fn escape_comment(text: &str) -> String {
    text.replace("-->", "--&gt;")
}

pub fn unescape_comment(text: &str) -> String {
    text.replace("--&gt;", "-->")
}

/// A translation body cut at its marker lines: what precedes the first
/// marker, then each marker with the lines up to the next. The one place
/// that decides what a marker is, shared by [`Translation::parse`] and by
/// `duizhao translate`, which rewrites files without losing a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segments<'a> {
    pub preamble: Vec<&'a str>,
    pub slots: Vec<RawSlot<'a>>,
    /// 0-based indexes of lines that `looks_like_marker` but do not parse:
    /// kept as text here, refused by [`Translation::parse`].
    pub malformed: Vec<usize>,
}

/// A marker and the lines after it, verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSlot<'a> {
    pub block: BlockNo,
    pub fingerprint: Option<String>,
    /// 0-based index of the marker line in the body.
    pub index: usize,
    pub lines: Vec<&'a str>,
}

impl<'a> Segments<'a> {
    pub fn of(body: &'a str) -> Segments<'a> {
        let mut preamble = Vec::new();
        let mut slots: Vec<RawSlot<'a>> = Vec::new();
        let mut malformed = Vec::new();
        for (index, line) in body.lines().enumerate() {
            if let Some((block, fingerprint)) = parse_marker(line) {
                slots.push(RawSlot { block, fingerprint, index, lines: Vec::new() });
                continue;
            }
            if looks_like_marker(line) {
                malformed.push(index);
            }
            if let Some(slot) = slots.last_mut() {
                slot.lines.push(line);
            } else {
                preamble.push(line);
            }
        }
        Segments { preamble, slots, malformed }
    }
}

/// Removes whole-line HTML comments (the translator's view of the Chinese),
/// and trims: what is left is the translation.
pub fn strip_comments(text: &str) -> String {
    kept_lines(text.lines())
}

/// [`strip_comments`] of `lines` joined by line breaks, without joining
/// them first.
fn strip_comment_lines(lines: &[&str]) -> String {
    // As `str::lines` would read them joined: a `\r` before a break goes.
    let last = lines.len().saturating_sub(1);
    kept_lines(
        lines.iter().enumerate().map(
            |(i, line)| {
                if i < last { line.strip_suffix('\r').unwrap_or(line) } else { line }
            },
        ),
    )
}

/// The lines that are not whole-line comments, joined, trimmed.
fn kept_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut first = true;
    let mut in_comment = false;
    for line in lines {
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
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(line);
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() { out } else { trimmed.to_string() }
}

impl Translation {
    pub fn parse(path: &Path, text: &str) -> Result<Translation> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let id = ArticleId::parse(stem).map_err(|e| Error::file(path, e))?;
        let (front_text, body, body_line) = split_front_matter(path, text)?;
        let front: TranslationFront =
            toml::from_str(front_text).map_err(|e| Error::toml(path, front_text, 2, "front matter", &e))?;

        let segments = Segments::of(body);
        if let Some(&index) = segments.malformed.first() {
            let line = body.lines().nth(index).unwrap_or_default().trim();
            let others: Vec<String> =
                segments.malformed[1..].iter().map(|i| (body_line + i).to_string()).collect();
            let more = if others.is_empty() {
                String::new()
            } else {
                format!("; so are lines {}", others.join(", "))
            };
            return Err(Error::at(
                path,
                body_line + index,
                format!(
                    "`{line}` looks like a block marker but is not one: write it as `{MARKER_FORM}` (the fingerprint may be left out){more}"
                ),
            ));
        }
        if let Some(index) = segments
            .slots
            .iter()
            .flat_map(|raw| raw.lines.iter().enumerate().map(move |(k, l)| (raw.index + 1 + k, l)))
            .find_map(|(i, l)| (looks_like_reviewed(l) && parse_reviewed_comment(l).is_none()).then_some(i))
        {
            let line = body.lines().nth(index).unwrap_or_default().trim();
            return Err(Error::at(
                path,
                body_line + index,
                format!(
                    "`{line}` is not a reviewed mark: write it as `{REVIEWED_FORM}`, with the fingerprint of the Chinese you checked the English against (the slot's marker shows it)"
                ),
            ));
        }
        let marked = !segments.slots.is_empty();
        let slots: Vec<Slot> = segments
            .slots
            .iter()
            .map(|raw| Slot {
                block: Some(raw.block),
                fingerprint: raw.fingerprint.clone(),
                text: strip_comment_lines(&raw.lines),
                source_text: raw.lines.iter().find_map(|l| parse_source_comment(l)),
                line: body_line + raw.index,
                joined_to: raw.lines.iter().find_map(|l| parse_joined_comment(l)),
                review: raw.lines.iter().filter_map(|l| parse_review_comment(l)).collect(),
                reviewed: raw.lines.iter().find_map(|l| parse_reviewed_comment(l)),
            })
            .collect();
        let preamble = segments.preamble;
        let slots = if !marked {
            let plain = strip_comment_lines(&preamble);
            split_blocks(&plain)
                .into_iter()
                .map(|b| Slot {
                    block: None,
                    fingerprint: None,
                    text: b.markdown,
                    source_text: None,
                    line: body_line + b.line - 1,
                    joined_to: None,
                    review: Vec::new(),
                    reviewed: None,
                })
                .collect()
        } else if !strip_comment_lines(&preamble).is_empty() {
            return Err(Error::at(
                path,
                body_line,
                "text before the first block marker: put it after a marker `<!-- ¶n xxxxxxxx -->`",
            ));
        } else {
            slots
        };
        Ok(Translation { id, front, slots, marked })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_are_stripped_as_from_the_joined_text() {
        let cases: &[&[&str]] = &[
            &[],
            &[""],
            &["", "  text  ", ""],
            &["<!-- zh: 第一段。 -->", "First.", "", "Second."],
            &["<!--", "a note", "-->", "After."],
            &["<!-- open", "x", "y -->", "", ""],
            &["a\r", "<!-- c -->\r", "b\r"],
            &["\r", "last\r"],
        ];
        for lines in cases {
            assert_eq!(strip_comment_lines(lines), strip_comments(&lines.join("\n")), "{lines:?}");
        }
    }

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
        assert_eq!(t.slots[0].source_text.as_deref(), Some("第一段。"));
        assert_eq!(t.slots[1].text, "");
        assert_eq!(t.slots[1].source_text, None);
        assert_eq!(t.slots[2].block, Some(BlockNo(3)));
        assert_eq!(t.slots[2].fingerprint, None);
    }

    #[test]
    fn joined_and_review_lines_are_read_and_are_not_text() {
        let text = format!(
            "{FRONT}\n<!-- ¶1 0123abcd -->\nOne and two.\n\n<!-- ¶2 89abcdef -->\n<!-- review: check --&gt; this -->\n<!-- joined to ¶1 -->\n"
        );
        let t = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap();
        assert_eq!(t.slots[1].text, "");
        assert_eq!(t.slots[1].joined_to, Some(BlockNo(1)));
        assert_eq!(t.slots[1].review, ["check --> this"]);
        assert_eq!(t.slots[0].joined_to, None);
        assert_eq!(parse_joined_comment(&joined_comment(BlockNo(3))), Some(BlockNo(3)));
        assert_eq!(parse_review_comment(&review_comment("a\n b")).as_deref(), Some("a b"));
    }

    #[test]
    fn a_reviewed_mark_is_read_and_a_malformed_one_is_an_error_at_its_line() {
        let text = format!("{FRONT}\n<!-- ¶1 0123abcd -->\n<!-- reviewed 0123ABCD -->\nFirst.\n");
        let t = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap();
        assert_eq!(t.slots[0].reviewed.as_deref(), Some("0123abcd"));
        assert_eq!(t.slots[0].text, "First.");
        let text = format!("{FRONT}\n<!-- ¶1 0123abcd -->\nFirst.\n<!-- reviewed -->\n");
        let err = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "translations/en/x.md:9: `<!-- reviewed -->` is not a reviewed mark: write it as `<!-- reviewed <8 hex digits> -->`, with the fingerprint of the Chinese you checked the English against (the slot's marker shows it)"
        );
        // Inside an orphaned comment, where `-->` is escaped, it is only text.
        let text =
            format!("{FRONT}\n<!-- ¶1 0123abcd -->\nFirst.\n<!-- orphaned\n<!-- reviewed --&gt;\n-->\n");
        assert_eq!(
            Translation::parse(Path::new("translations/en/x.md"), &text).unwrap().slots[0].reviewed,
            None
        );
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

    #[test]
    fn marker_attempts_are_told_from_other_comments() {
        for attempt in [
            "<!-- ¶3 385d09c -->",
            "<!-- 4 4e1777dd -->",
            "<!- ¶5 0e507970 -->",
            "<!-- ¶six 6c9450e1 -->",
            "<!-- ¶3 385d09cf",
            "¶3 385d09cf -->",
            "<!-- 7 -->",
            "<!-- ¶7 4e1777dg -->",
            "<!-- 7 4e1777dg -->",
        ] {
            assert!(looks_like_marker(attempt), "{attempt}");
            assert_eq!(parse_marker(attempt), None, "{attempt}");
        }
        for other in [
            "<!-- zh: 第一段。 -->",
            "<!-- orphaned translation of ¶2 (source text gone):",
            "<!-- Write the English of each block (¶n) -->",
            "<!-- 2 questions for the editor -->",
            "<!-- 1 TODO -->",
            "¶3 is hard to translate.",
            "",
        ] {
            assert!(!looks_like_marker(other), "{other}");
        }
    }

    #[test]
    fn a_malformed_marker_is_an_error_at_its_line() {
        let text = format!("{FRONT}\n<!-- ¶1 0123abcd -->\nFirst.\n\n<!-- ¶2 0123abc -->\nSecond.\n");
        let err = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "translations/en/x.md:10: `<!-- ¶2 0123abc -->` looks like a block marker but is not one: write it as `<!-- ¶<number> <8 hex digits> -->`"
            ),
            "{err}"
        );
    }

    #[test]
    fn source_comment_is_one_line_and_round_trips() {
        let source = "第一行\n  第二行 <!-- x --> 完";
        let line = source_comment(source);
        assert!(!line.contains('\n'));
        assert_eq!(line.matches("-->").count(), 1);
        let back = parse_source_comment(&line).unwrap();
        assert_eq!(back, "第一行 第二行 <!-- x --> 完");
        assert_eq!(crate::model::fingerprint(&back), crate::model::fingerprint(source));
        assert_eq!(parse_source_comment("<!-- ¶1 -->"), None);
    }

    #[test]
    fn multi_line_comments_after_the_last_slot_are_not_text() {
        let text = format!(
            "{FRONT}\n<!-- ¶1 0123abcd -->\nFirst.\n\n<!-- orphaned translation of ¶2\n<!-- zh: 旧 --&gt;\nOld.\n-->\n"
        );
        let t = Translation::parse(Path::new("translations/en/x.md"), &text).unwrap();
        assert_eq!(t.slots.len(), 1);
        assert_eq!(t.slots[0].text, "First.");
        assert_eq!(t.slots[0].source_text, None);
    }
}
