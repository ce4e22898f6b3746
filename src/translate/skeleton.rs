//! Writing and updating a translation file's text: an [`Article`] and the
//! file's current text (if any) in, the new text and a report out. Pure: no
//! I/O, so every rule below is unit-tested.
//!
//! The rules, in order:
//! 1. a slot whose fingerprint matches its own block stays there;
//! 2. a slot whose fingerprint matches another, unclaimed block moves there
//!    (a block was inserted or removed above it): the number changes, the
//!    fingerprint does not;
//! 3. any other slot with something in it keeps its own number if that block
//!    is unclaimed: its fingerprint stays old, so it reads as stale;
//! 4. what is left with something in it goes, escaped, into an "orphaned"
//!    comment at the end of the file: no line a translator wrote is dropped;
//! 5. each block without a slot gets a new, empty one;
//! 6. `--accept` re-marks the named blocks with the current fingerprint.
//!
//! The front matter and the lines before the first marker are kept as they are.

use crate::error::{Error, Result};
use crate::model::{
    Article, BlockNo, Segments, Translation, escape_comment, parse_source_comment, source_comment,
    split_front_matter, strip_comments,
};
use std::collections::BTreeSet;
use std::path::Path;

/// The first line of a comment that keeps a translation whose block is gone.
pub const ORPHAN_PREFIX: &str = "<!-- orphaned translation of";

/// Which blocks' translations the translator declares current again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Accept {
    #[default]
    Nothing,
    All,
    Blocks(BTreeSet<usize>),
}

impl Accept {
    fn covers(&self, no: BlockNo) -> bool {
        match self {
            Accept::Nothing => false,
            Accept::All => true,
            Accept::Blocks(set) => set.contains(&no.0),
        }
    }
}

/// What an update did, for the message `translate` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The file did not exist.
    pub created: bool,
    /// The file had no markers and now has them.
    pub converted: bool,
    /// Blocks given a new, empty slot (not counting a new file's).
    pub added: Vec<BlockNo>,
    /// Slots renumbered because their source text moved: (was, now).
    pub moved: Vec<(BlockNo, BlockNo)>,
    /// Blocks whose translation was made from another source text.
    pub stale: Vec<BlockNo>,
    /// Old numbers of slots moved into an orphan comment.
    pub orphaned: Vec<BlockNo>,
    /// Blocks re-marked as current by `--accept`.
    pub accepted: Vec<BlockNo>,
    /// Blocks named by `--accept` that have no translation to accept.
    pub not_accepted: Vec<BlockNo>,
    /// Blocks translated (current or stale) after the update.
    pub translated: usize,
    pub blocks: usize,
}

/// A slot of the old file, taken apart.
struct OldSlot<'a> {
    block: BlockNo,
    fingerprint: Option<String>,
    /// The `<!-- zh: … -->` line, verbatim.
    zh_line: Option<&'a str>,
    /// Everything else the translator wrote, blank lines trimmed at the ends.
    content: Vec<&'a str>,
    /// Whether `content` holds a translation (not only comments).
    has_text: bool,
}

impl OldSlot<'_> {
    fn has_content(&self) -> bool {
        !self.content.is_empty()
    }
}

/// The text of a new translation file for `article`.
pub fn skeleton(article: &Article) -> String {
    let blocks: Vec<SlotOut<'_>> = article.blocks.iter().map(|_| SlotOut::Fresh).collect();
    render(&new_front_matter(article), &[HELP], article, &blocks, &[])
}

const HELP: &str = "<!-- Write the English of each block under its two comment lines. Keep the marker lines (¶n and a fingerprint of the Chinese): they pair your text with its block. -->";

/// The front matter of a new file: empty English headlines to fill in, with
/// the Chinese beside them as TOML comments.
fn new_front_matter(article: &Article) -> String {
    let mut out = String::new();
    let fields = [
        ("title", &article.front.title),
        ("subtitle", &article.front.subtitle),
        ("kicker", &article.front.kicker),
    ];
    for (key, zh) in fields {
        if zh.trim().is_empty() {
            continue;
        }
        out.push_str(&format!("# zh: {}\n{key} = \"\"\n", one_line(zh)));
    }
    out.push_str("translator = \"duizhao editors\"\nstatus = \"draft\"\n");
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How one block's slot is written.
enum SlotOut<'a> {
    /// A new, empty slot: current fingerprint and source.
    Fresh,
    /// An old slot kept: its marker fingerprint and zh line as decided.
    Kept { fingerprint: Option<String>, zh_line: Option<String>, content: Vec<&'a str> },
}

/// Updates `old` (the current text of `path`) to fit `article`; see the
/// module's rules. Errors if the old file does not parse: it is then left
/// for a human, never rewritten.
pub fn update(article: &Article, path: &Path, old: &str, accept: &Accept) -> Result<(String, Report)> {
    let translation = Translation::parse(path, old)?;
    let (front, body, _) = split_front_matter(path, old)?;
    let mut report = Report::default();
    let n = article.blocks.len();
    let current: Vec<String> = article.blocks.iter().map(|b| b.fingerprint()).collect();

    // The old slots, and comments already holding orphans.
    let mut trailing: Vec<String> = Vec::new();
    let (preamble, olds): (Vec<&str>, Vec<OldSlot<'_>>) = if translation.marked {
        let segments = Segments::of(body);
        let olds = segments
            .slots
            .iter()
            .map(|raw| {
                let (zh_line, content, orphans) = take_apart(&raw.lines);
                trailing.extend(orphans);
                let has_text = !strip_comments(&content.join("\n")).is_empty();
                OldSlot { block: raw.block, fingerprint: raw.fingerprint.clone(), zh_line, content, has_text }
            })
            .collect();
        (trim_blank(&segments.preamble), olds)
    } else {
        // By order: slot k belongs to block k, as `pair` has been reading it.
        report.converted = true;
        let olds = translation
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
        (preamble, olds)
    };

    // Rules 1–3: which old slot each block gets.
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut placed = vec![false; olds.len()];
    let fits = |no: BlockNo| no.0 >= 1 && no.0 <= n;
    for (i, old) in olds.iter().enumerate() {
        let j = old.block.0.wrapping_sub(1);
        if old.has_content()
            && fits(old.block)
            && owner[j].is_none()
            && old.fingerprint.as_ref() == Some(&current[j])
        {
            owner[j] = Some(i);
            placed[i] = true;
        }
    }
    for (i, old) in olds.iter().enumerate() {
        let Some(fp) = old.fingerprint.as_ref().filter(|_| !placed[i] && old.has_content()) else {
            continue;
        };
        let nearest = (0..n)
            .filter(|&j| owner[j].is_none() && &current[j] == fp)
            .min_by_key(|&j| j.abs_diff(old.block.0.wrapping_sub(1)));
        if let Some(j) = nearest {
            owner[j] = Some(i);
            placed[i] = true;
            report.moved.push((old.block, BlockNo(j + 1)));
        }
    }
    for (i, old) in olds.iter().enumerate() {
        let j = old.block.0.wrapping_sub(1);
        if !placed[i] && old.has_content() && fits(old.block) && owner[j].is_none() {
            owner[j] = Some(i);
            placed[i] = true;
        }
    }
    // Rule 4.
    for (i, old) in olds.iter().enumerate() {
        if !placed[i] && old.has_content() {
            report.orphaned.push(old.block);
            trailing.push(orphan_comment(old));
        }
    }

    // Rules 5 and 6, and what each block's slot will say.
    let mut slots = Vec::with_capacity(n);
    for (j, block) in article.blocks.iter().enumerate() {
        let Some(i) = owner[j] else {
            // An empty slot rewritten as it was is not news.
            let had_slot =
                olds.iter().any(|o| o.block == block.no && o.fingerprint.as_ref() == Some(&current[j]));
            if !had_slot {
                report.added.push(block.no);
            }
            if matches!(accept, Accept::Blocks(_)) && accept.covers(block.no) {
                report.not_accepted.push(block.no);
            }
            slots.push(SlotOut::Fresh);
            continue;
        };
        let old = &olds[i];
        let accepted = accept.covers(block.no) && old.has_text;
        if accept.covers(block.no) && !old.has_text && matches!(accept, Accept::Blocks(_)) {
            report.not_accepted.push(block.no);
        }
        let is_current = old.fingerprint.as_ref() == Some(&current[j]);
        // An empty slot has nothing to be stale: give it the current marker.
        let (fingerprint, zh_line) = if is_current || !old.has_text {
            (Some(current[j].clone()), Some(source_comment(&block.markdown)))
        } else if accepted {
            report.accepted.push(block.no);
            (Some(current[j].clone()), Some(source_comment(&block.markdown)))
        } else {
            if old.fingerprint.is_some() {
                report.stale.push(block.no);
            }
            (old.fingerprint.clone(), old.zh_line.map(str::to_string))
        };
        if old.has_text {
            report.translated += 1;
        }
        slots.push(SlotOut::Kept { fingerprint, zh_line, content: old.content.clone() });
    }
    report.blocks = n;
    let text = render(front, &preamble, article, &slots, &trailing);
    Ok((text, report))
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

fn orphan_comment(old: &OldSlot<'_>) -> String {
    let fp = old.fingerprint.as_deref().map(|f| format!(" {f}")).unwrap_or_default();
    let mut out = format!(
        "{ORPHAN_PREFIX} {}{fp}: no block of the article matches it any more. Move the text to where it belongs, then delete this comment.",
        old.block
    );
    for line in old.zh_line.iter().chain(&old.content) {
        out.push('\n');
        out.push_str(&escape_comment(line));
    }
    out.push_str("\n-->");
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

fn render(
    front: &str,
    preamble: &[&str],
    article: &Article,
    slots: &[SlotOut<'_>],
    trailing: &[String],
) -> String {
    let mut out = format!("+++\n{front}");
    if !front.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("+++\n\n");
    for line in preamble {
        out.push_str(line);
        out.push('\n');
    }
    if !preamble.is_empty() {
        out.push('\n');
    }
    for (block, slot) in article.blocks.iter().zip(slots) {
        match slot {
            SlotOut::Fresh => {
                out.push_str(&format!(
                    "<!-- {} {} -->\n{}\n\n",
                    block.no,
                    block.fingerprint(),
                    source_comment(&block.markdown)
                ));
            }
            SlotOut::Kept { fingerprint, zh_line, content } => {
                match fingerprint {
                    Some(fp) => out.push_str(&format!("<!-- {} {fp} -->\n", block.no)),
                    None => out.push_str(&format!("<!-- {} -->\n", block.no)),
                }
                if let Some(zh) = zh_line {
                    out.push_str(zh);
                    out.push('\n');
                }
                for line in content {
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
    for orphan in trailing {
        out.push_str(orphan);
        out.push_str("\n\n");
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// Parses `--accept` values: block numbers (`3`, `¶3`) or `all`.
pub fn parse_accept(values: &[String], blocks: usize) -> Result<Accept> {
    if values.is_empty() {
        return Ok(Accept::Nothing);
    }
    let mut set = BTreeSet::new();
    for value in values {
        let v = value.trim();
        if v.eq_ignore_ascii_case("all") {
            return Ok(Accept::All);
        }
        let number = v.trim_start_matches('¶').parse::<usize>().ok();
        match number {
            Some(no) if (1..=blocks).contains(&no) => {
                set.insert(no);
            }
            _ => {
                return Err(Error::Other(format!(
                    "--accept {v}: give block numbers between 1 and {blocks} (as in ¶3), or `all`"
                )));
            }
        }
    }
    Ok(Accept::Blocks(set))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fingerprint, unescape_comment};
    use crate::pair::{RowStatus, pair};

    const PATH: &str = "translations/en/a.md";

    fn article(body: &str) -> Article {
        let text = format!("+++\ntitle = \"标题\"\nkicker = \"引题\"\nsource = \"s\"\n+++\n\n{body}");
        Article::parse(Path::new("content/a.md"), &text).unwrap()
    }

    fn parse(text: &str) -> Translation {
        Translation::parse(Path::new(PATH), text).unwrap()
    }

    /// Fills slot `no` of `text` with `english`.
    fn fill(text: &str, no: usize, english: &str) -> String {
        let mut out = Vec::new();
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            out.push(line.to_string());
            if line.starts_with(&format!("<!-- ¶{no} ")) {
                out.push(lines.next().unwrap().to_string()); // the zh line
                out.push(english.to_string());
            }
        }
        out.join("\n") + "\n"
    }

    /// Every line the translator wrote in `old` is somewhere in `new`.
    fn assert_nothing_lost(old: &str, new: &str, lines: &[&str]) {
        for line in lines {
            assert!(old.contains(line), "test setup: {line:?} not in old");
            assert!(new.contains(line) || unescape_comment(new).contains(line), "lost {line:?}:\n{new}");
        }
    }

    fn statuses(article: &Article, text: &str) -> Vec<RowStatus> {
        pair(article.clone(), Some(parse(text))).rows.into_iter().map(|r| r.status).collect()
    }

    #[test]
    fn skeleton_has_one_marked_slot_per_block() {
        let a = article("第一段。\n\n## 小标题\n\n第三段，\n两行。\n");
        let text = skeleton(&a);
        assert!(text.contains("# zh: 标题\ntitle = \"\"\n# zh: 引题\nkicker = \"\"\n"));
        assert!(!text.contains("subtitle"));
        assert!(text.contains(&format!(
            "<!-- ¶3 {} -->\n<!-- zh: 第三段， 两行。 -->\n",
            fingerprint("第三段，\n两行。")
        )));
        let t = parse(&text);
        assert!(t.marked);
        assert_eq!(t.front.title, "");
        assert_eq!(t.slots.len(), 3);
        for (slot, block) in t.slots.iter().zip(&a.blocks) {
            assert_eq!(slot.block, Some(block.no));
            assert_eq!(slot.fingerprint.as_deref(), Some(block.fingerprint().as_str()));
            assert_eq!(slot.text, "");
            assert_eq!(fingerprint(slot.source_text.as_deref().unwrap()), block.fingerprint());
        }
        assert!(statuses(&a, &text).iter().all(|s| *s == RowStatus::Missing));
        // Rewriting an untouched skeleton changes nothing.
        let (again, report) = update(&a, Path::new(PATH), &text, &Accept::Nothing).unwrap();
        assert_eq!(again, text);
        assert_eq!(report.added, []);
    }

    #[test]
    fn a_changed_block_keeps_its_text_and_old_marker_and_reads_as_stale() {
        let a = article("第一段。\n\n第二段。\n");
        let old = fill(&fill(&skeleton(&a), 1, "First."), 2, "Second.");
        let b = article("第一段。\n\n第二段改了。\n\n第三段。\n");
        let (new, report) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
        assert_nothing_lost(&old, &new, &["First.", "Second.", "<!-- zh: 第二段。 -->"]);
        assert!(new.contains(&format!("<!-- ¶2 {} -->", fingerprint("第二段。"))));
        assert_eq!(report.stale, [BlockNo(2)]);
        assert_eq!(report.added, [BlockNo(3)]);
        let s = statuses(&b, &new);
        assert_eq!(s[0], RowStatus::Translated);
        assert_eq!(
            s[1],
            RowStatus::Stale { was: fingerprint("第二段。"), was_text: Some("第二段。".into()) }
        );
        assert_eq!(s[2], RowStatus::Missing);

        // Accepting re-marks it, with the new source recorded.
        let accept = parse_accept(&["2".into()], 3).unwrap();
        let (accepted, report) = update(&b, Path::new(PATH), &new, &accept).unwrap();
        assert_eq!(report.accepted, [BlockNo(2)]);
        assert!(accepted.contains("<!-- zh: 第二段改了。 -->\nSecond.\n"));
        assert_eq!(statuses(&b, &accepted)[1], RowStatus::Translated);
    }

    #[test]
    fn inserted_and_removed_blocks_move_translations_and_orphan_nothing_silently() {
        let a = article("一。\n\n二。\n\n三。\n\n四。\n");
        let mut old = skeleton(&a);
        for (no, en) in [(1, "One."), (2, "Two."), (3, "Three."), (4, "Four.")] {
            old = fill(&old, no, en);
        }
        // 二 removed, 新 inserted after 三, 四 changed.
        let b = article("一。\n\n三。\n\n新。\n\n四改。\n");
        let (new, report) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
        assert_nothing_lost(&old, &new, &["One.", "Two.", "Three.", "Four."]);
        assert_eq!(report.moved, [(BlockNo(3), BlockNo(2))]);
        assert_eq!(report.added, [BlockNo(3)]);
        assert_eq!(report.stale, [BlockNo(4)]);
        assert_eq!(report.orphaned, [BlockNo(2)]);
        let s = statuses(&b, &new);
        assert_eq!(s[0], RowStatus::Translated);
        assert_eq!(s[1], RowStatus::Translated);
        assert_eq!(s[2], RowStatus::Missing);
        assert!(matches!(s[3], RowStatus::Stale { .. }));
        // The orphan is a comment: not text of the last slot.
        assert_eq!(parse(&new).slots[3].text, "Four.");
        assert!(new.contains("<!-- orphaned translation of ¶2 "));
        // And it survives the next update exactly once.
        let (again, _) = update(&b, Path::new(PATH), &new, &Accept::Nothing).unwrap();
        assert_eq!(again, new);
        assert_eq!(again.matches("orphaned translation").count(), 1);
    }

    #[test]
    fn a_shorter_article_orphans_the_tail_and_a_duplicate_marker_is_kept() {
        let a = article("一。\n\n二。\n");
        let old = fill(&fill(&skeleton(&a), 1, "One."), 2, "Two.")
            + &format!("\n<!-- ¶1 {} -->\nOne again.\n", fingerprint("一。"));
        let b = article("一。\n");
        let (new, report) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
        assert_nothing_lost(&old, &new, &["One.", "Two.", "One again."]);
        assert_eq!(report.orphaned, [BlockNo(2), BlockNo(1)]);
        assert_eq!(parse(&new).slots.len(), 1);
    }

    #[test]
    fn translator_comments_and_front_matter_are_kept() {
        let a = article("一。\n\n二。\n");
        let old = skeleton(&a)
            .replacen("title = \"\"", "title = \"Title\"\nnotes = \"n\"", 1)
            .replace("<!-- zh: 二。 -->\n", "<!-- zh: 二。 -->\n<!-- ask about this -->\n");
        let b = article("一改。\n\n二。\n");
        let (new, _) = update(&b, Path::new(PATH), &old, &Accept::Nothing).unwrap();
        assert!(new.contains("title = \"Title\"\nnotes = \"n\"\n"));
        assert!(new.contains("<!-- zh: 二。 -->\n<!-- ask about this -->\n"));
        // ¶1 was empty: it simply follows the new source.
        assert!(new.contains(&format!("<!-- ¶1 {} -->\n<!-- zh: 一改。 -->", fingerprint("一改。"))));
    }

    #[test]
    fn an_unmarked_file_gets_markers_in_order() {
        let a = article("一。\n\n二。\n\n三。\n");
        let old = "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"reviewed\"\n+++\n\n<!-- note -->\nOne.\n\nTwo\nwrapped.\n";
        let (new, report) = update(&a, Path::new(PATH), old, &Accept::Nothing).unwrap();
        assert!(report.converted);
        assert_eq!(report.added, [BlockNo(3)]);
        assert_nothing_lost(old, &new, &["<!-- note -->", "One.", "Two\nwrapped."]);
        let t = parse(&new);
        assert!(t.marked);
        assert_eq!(t.slots[1].text, "Two\nwrapped.");
        assert_eq!(statuses(&a, &new), [RowStatus::Translated, RowStatus::Translated, RowStatus::Missing]);
    }

    #[test]
    fn a_file_that_does_not_parse_is_not_rewritten() {
        let a = article("一。\n");
        let err = update(&a, Path::new(PATH), "+++\ntitle = \n+++\nx\n", &Accept::Nothing).unwrap_err();
        assert!(err.to_string().starts_with("translations/en/a.md:2:"), "{err}");
    }

    #[test]
    fn accept_values() {
        assert_eq!(parse_accept(&[], 3).unwrap(), Accept::Nothing);
        assert_eq!(parse_accept(&["all".into()], 3).unwrap(), Accept::All);
        assert_eq!(parse_accept(&["¶1".into(), "3".into()], 3).unwrap(), Accept::Blocks([1, 3].into()));
        assert!(parse_accept(&["4".into()], 3).is_err());
        assert!(parse_accept(&["x".into()], 3).is_err());
    }
}
