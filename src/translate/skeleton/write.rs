//! Writing a translation file: the article, its front matter and each
//! block's slot as decided in, the file's text out.

use super::ORPHAN_PREFIX;
use super::old::OldSlot;
use crate::model::{Article, escape_comment, source_comment};

pub(super) const HELP: &str = "<!-- Write the English of each block under its two comment lines. Keep the marker lines (¶n and a fingerprint of the Chinese): they pair your text with its block. -->";

/// The front matter of a new file: empty English headlines to fill in, with
/// the Chinese beside them as TOML comments.
pub(super) fn new_front_matter(article: &Article) -> String {
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
pub(super) enum SlotOut<'a> {
    /// A new, empty slot: current fingerprint and source.
    Fresh,
    /// An old slot kept: its marker fingerprint and zh line as decided.
    Kept { fingerprint: Option<String>, zh_line: Option<String>, content: Vec<&'a str> },
}

pub(super) fn orphan_comment(old: &OldSlot<'_>) -> String {
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

pub(super) fn render(
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
