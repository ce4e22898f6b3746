//! Replacing the English of some blocks (`duizhao xliff import`): an
//! article, its translation file's text and the new English per block in,
//! the file's new text out. The file is first updated by the module's rules
//! 1–5, as `translate` would, so orphans and moved slots follow the one rule.

use super::write::SlotOut;
use super::{Edits, Report};
use crate::error::{Error, Result};
use crate::model::{Article, BlockNo, parse_joined_comment, parse_reviewed_comment, source_comment};
use std::collections::BTreeMap;
use std::path::Path;

/// The text of `path` (now `old`) with the English of each block of `texts`
/// replaced by the given text, marked with the block's current fingerprint
/// and Chinese. The slot's comment lines (review flags) stay; a `joined to`
/// line goes, since the block now has English of its own, and so does a
/// reviewed mark: the new English has not been reviewed.
pub fn replace(
    article: &Article,
    path: &Path,
    old: &str,
    texts: &BTreeMap<BlockNo, String>,
) -> Result<(String, Report)> {
    super::edit(article, path, old, &Edits { texts: texts.clone(), ..Edits::default() })
}

/// Sets the slot of each block of `texts` to that English, marked current.
pub(super) fn apply<'s>(
    article: &Article,
    slots: &mut [SlotOut<'s>],
    current: &[String],
    texts: &'s BTreeMap<BlockNo, String>,
) {
    for ((block, slot), fingerprint) in article.blocks.iter().zip(slots).zip(current) {
        let Some(text) = texts.get(&block.no) else { continue };
        let mut content = match slot {
            SlotOut::Kept { content, .. } => comment_lines(content),
            SlotOut::Fresh => Vec::new(),
        };
        content.extend(text.lines());
        *slot = SlotOut::Kept {
            fingerprint: Some(fingerprint.clone()),
            zh_line: Some(source_comment(&block.markdown)),
            content,
        };
    }
}

/// The front matter `front` of the file at `path` with each key of
/// `headlines` set to its English: its line (`title = "…"`) rewritten, or
/// added at the top. A value over several lines is left for a human.
pub(super) fn headlines(path: &Path, front: &str, headlines: &BTreeMap<String, String>) -> Result<String> {
    if headlines.is_empty() {
        return Ok(front.to_string());
    }
    let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
    for (key, english) in headlines {
        let line = format!("{key} = {}", toml::Value::String(english.clone()));
        let at = lines.iter().position(|l| {
            l.strip_prefix(key.as_str()).is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        match at {
            Some(k) if toml::from_str::<toml::Table>(&lines[k]).is_ok() => lines[k] = line,
            Some(k) => {
                return Err(Error::at(
                    path,
                    k + 2,
                    format!("`{key}` spans several lines: write it on one line, then import again"),
                ));
            }
            None => lines.insert(0, line),
        }
    }
    let mut out = lines.join("\n");
    if front.ends_with('\n') || out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

/// The whole-line comments among a slot's lines (one-line or spanning
/// several), without `joined to` lines and reviewed marks.
fn comment_lines<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for &line in lines {
        let t = line.trim();
        if in_comment || t.starts_with("<!--") {
            in_comment = if in_comment { !t.ends_with("-->") } else { !t.ends_with("-->") || t == "<!--" };
            if parse_joined_comment(line).is_none() && parse_reviewed_comment(line).is_none() {
                out.push(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_named_slots_keeping_review_lines() {
        let zh = "+++\ntitle = \"标题\"\nsource = \"s\"\n+++\n\n第一段。\n\n第二段。\n\n第三段。\n";
        let article = Article::parse(Path::new("content/2020-01-01-a.md"), zh).unwrap();
        let fp: Vec<String> = article.blocks.iter().map(|b| b.fingerprint()).collect();
        let old = format!(
            "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n<!-- ¶1 {} -->\n<!-- zh: 第一段。 -->\nOne and two.\n\n<!-- ¶2 {} -->\n<!-- zh: 第二段。 -->\n<!-- review: check -->\n<!-- joined to ¶1 -->\n\n<!-- ¶3 deadbeef -->\n<!-- zh: 旧。 -->\nOld three.\n",
            fp[0], fp[1]
        );
        let texts = BTreeMap::from([(BlockNo(2), "Two.".to_string()), (BlockNo(3), "Three.".to_string())]);
        let (text, _) =
            replace(&article, Path::new("translations/en/2020-01-01-a.md"), &old, &texts).unwrap();
        let expected = format!(
            "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n<!-- ¶1 {} -->\n<!-- zh: 第一段。 -->\nOne and two.\n\n<!-- ¶2 {} -->\n<!-- zh: 第二段。 -->\n<!-- review: check -->\nTwo.\n\n<!-- ¶3 {} -->\n<!-- zh: 第三段。 -->\nThree.\n",
            fp[0], fp[1], fp[2]
        );
        assert_eq!(text, expected);
    }
}
