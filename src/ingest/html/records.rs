//! A web export cut into records (articles), each a `Title` block or a
//! `Separator` and then its body's blocks, for segmentation.
//!
//! Records end at `*` lines; when there is none and most lines of HTML are
//! each a whole article (several blocks on one long line), at each such
//! line; inside a record's HTML, at a new document and at a top-level
//! heading that follows text. A record's title is, in this order: a plain
//! line before its HTML, a heading before its text, the document's
//! `<title>` without the site's name, or a short bold or centred first block.

use super::has_tag;
use super::tokens::{self, BlockKind, HtmlBlock};
use crate::ingest::byline::parse_byline;
use crate::ingest::shape::{RawBlock, RawKind};
use crate::ingest::text::{char_len, is_label_or_attribution, is_title_like, parse_dateline};

/// A stretch of source lines that holds one or more records.
struct Part<'a> {
    /// The plain line before its HTML, with its line number.
    title: Option<(usize, &'a str)>,
    /// First line of the HTML and the HTML itself.
    first: usize,
    html: String,
}

/// The blocks of a web export, its records opened by a `Title` or a
/// `Separator`.
pub fn parse_web(text: &str) -> Vec<RawBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for part in parts(&lines) {
        let blocks = tokens::blocks(&part.html, part.first);
        let mut records = split_records(blocks);
        if records.is_empty() && part.title.is_some() {
            // A headline over nothing: segmentation reports it.
            records.push(Vec::new());
        }
        for (r, record) in records.into_iter().enumerate() {
            let title = if r == 0 { part.title } else { None };
            emit_record(record, title, &mut out);
        }
    }
    out
}

/// The parts between `*` lines, or, with none, one part per long line of HTML
/// when most are one (each part opened by a plain title line, if any).
fn parts<'a>(lines: &[&'a str]) -> Vec<Part<'a>> {
    let starred = lines.iter().any(|l| l.trim() == "*");
    let per_line = !starred && one_article_per_line(lines);
    let mut parts: Vec<Part<'a>> = Vec::new();
    let mut current: Option<Part<'a>> = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed == "*" {
            parts.extend(current.take());
            continue;
        }
        if trimmed.is_empty() && current.is_none() {
            continue;
        }
        let plain = !trimmed.starts_with('<') && !has_tag(trimmed);
        let opens = match &current {
            None => true,
            Some(part) => {
                per_line && (plain || part.html.trim() != "" || part.title.is_none()) && !trimmed.is_empty()
            }
        };
        if opens {
            parts.extend(current.take());
            let mut part = Part { title: None, first: i + 1, html: String::new() };
            if plain && !trimmed.is_empty() {
                part.title = Some((i + 1, trimmed));
                part.first = i + 2;
            } else {
                part.html.push_str(line);
                part.html.push('\n');
            }
            current = Some(part);
            continue;
        }
        if let Some(part) = &mut current {
            part.html.push_str(line);
            part.html.push('\n');
        }
    }
    parts.extend(current);
    parts
}

/// Is each article one long line of HTML: at least two lines each hold two
/// or more blocks of text, and they are most of the lines with HTML?
fn one_article_per_line(lines: &[&str]) -> bool {
    let html: Vec<&&str> = lines.iter().filter(|l| has_tag(l)).collect();
    let rich = html
        .iter()
        .filter(|l| {
            let blocks = tokens::blocks(l, 1);
            blocks.iter().filter(|b| !b.text.is_empty()).count() >= 2
        })
        .count();
    rich >= 2 && 2 * rich >= html.len()
}

fn is_text(block: &HtmlBlock) -> bool {
    matches!(block.kind, BlockKind::Text | BlockKind::Bold | BlockKind::Caption)
}

/// Text that reads as the body of a story, not a link or a label: a
/// sentence, or twenty characters.
fn is_body_text(block: &HtmlBlock) -> bool {
    is_text(block) && (block.text.contains('。') || char_len(&block.text) >= 20)
}

/// The records of one part: cut at a new document, and at a top-level
/// heading that follows text.
fn split_records(blocks: Vec<HtmlBlock>) -> Vec<Vec<HtmlBlock>> {
    let mut records: Vec<Vec<HtmlBlock>> = vec![Vec::new()];
    for block in blocks {
        let Some(current) = records.last_mut() else { break };
        let has_text = current.iter().any(is_body_text);
        let starts = match block.kind {
            BlockKind::DocStart => !current.is_empty(),
            BlockKind::Heading(1) | BlockKind::DocTitle => has_text,
            _ => false,
        };
        if starts {
            records.push(Vec::new());
        }
        if block.kind != BlockKind::DocStart
            && let Some(current) = records.last_mut()
        {
            current.push(block);
        }
    }
    records.retain(|r| !r.is_empty());
    records
}

/// A document title without the site's name: `标题_某某网`, `标题 - 某某网`.
fn without_site_name(title: &str) -> &str {
    for separator in ["_", " - ", "|", "｜", " — ", "--"] {
        if let Some((head, _)) = title.rsplit_once(separator)
            && char_len(head.trim()) >= 4
        {
            return without_site_name(head.trim());
        }
    }
    title.trim()
}

/// Which block of the record is its headline, if any.
fn title_index(record: &[HtmlBlock]) -> Option<usize> {
    let first_body = record.iter().position(is_body_text).unwrap_or(record.len());
    if let Some(h) = record[..first_body].iter().position(|b| matches!(b.kind, BlockKind::Heading(_))) {
        return Some(h);
    }
    if let Some(t) = record.iter().position(|b| b.kind == BlockKind::DocTitle) {
        return Some(t);
    }
    let first_text = record.iter().position(is_text)?;
    let first = &record[first_text];
    let more_text = record[first_text + 1..].iter().any(is_text);
    (matches!(first.kind, BlockKind::Bold | BlockKind::Caption)
        && more_text
        && is_title_like(&first.text)
        && parse_byline(&first.text).is_none())
    .then_some(first_text)
}

fn emit_record(record: Vec<HtmlBlock>, title: Option<(usize, &str)>, out: &mut Vec<RawBlock>) {
    let chosen = if title.is_some() { None } else { title_index(&record) };
    match (title, chosen) {
        (Some((line, text)), _) => out.push(RawBlock::new(line, RawKind::Title, text)),
        (None, Some(i)) => {
            let block = &record[i];
            let text =
                if block.kind == BlockKind::DocTitle { without_site_name(&block.text) } else { &block.text };
            out.push(RawBlock::new(block.line, RawKind::Title, text));
        }
        (None, None) => {
            if let Some(first) = record.first() {
                out.push(RawBlock::new(first.line, RawKind::Separator, ""));
            }
        }
    }
    for (i, block) in record.into_iter().enumerate() {
        if Some(i) == chosen || block.kind == BlockKind::DocTitle {
            continue;
        }
        push_block(block, out);
    }
}

/// One body block as raw blocks: a paragraph that opens with a bold
/// headline-like run gives a bold block (a subheading) and the rest.
fn push_block(block: HtmlBlock, out: &mut Vec<RawBlock>) {
    let line = block.line;
    match block.kind {
        BlockKind::Image(name) => out.push(RawBlock::new(line, RawKind::Image(name), "")),
        BlockKind::Heading(level) => out.push(RawBlock::new(line, RawKind::Heading(level), block.text)),
        BlockKind::Bold => out.push(RawBlock::new(line, RawKind::Bold, block.text)),
        BlockKind::Caption => out.push(RawBlock::new(line, RawKind::Centered, block.text)),
        BlockKind::Text => {
            if let Some((head, rest)) = bold_head(&block) {
                out.push(RawBlock::new(line, RawKind::Bold, head));
                out.push(RawBlock::new(line, RawKind::Text, rest));
            } else {
                out.push(RawBlock::new(line, RawKind::Text, block.text));
            }
        }
        BlockKind::DocTitle | BlockKind::DocStart => {}
    }
}

/// `<p><strong>小标题</strong>正文……</p>`: the bold head and the text after
/// it, when the head reads as a headline (not a dateline, label or byline).
fn bold_head(block: &HtmlBlock) -> Option<(String, String)> {
    let n = block.bold_head?;
    let head = super::trim_padding(block.text.get(..n)?);
    let rest = super::trim_padding(block.text.get(n..)?);
    let reads_as_head = is_title_like(head)
        && char_len(head) <= 30
        && !is_label_or_attribution(head)
        && parse_byline(head).is_none()
        && parse_dateline(&block.text).is_none();
    (reads_as_head && char_len(rest) >= 10).then(|| (head.to_string(), rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[RawBlock]) -> Vec<(RawKind, &str)> {
        blocks.iter().map(|b| (b.kind.clone(), b.text.as_str())).collect()
    }

    #[test]
    fn starred_records_with_title_lines() {
        let blocks = parse_web("标题一\n<p>正文一。</p>\n*\n标题二\n<p>正文二。</p>\n*\n");
        assert_eq!(
            kinds(&blocks),
            [
                (RawKind::Title, "标题一"),
                (RawKind::Text, "正文一。"),
                (RawKind::Title, "标题二"),
                (RawKind::Text, "正文二。"),
            ]
        );
        assert_eq!(blocks[3].line, 5);
    }

    #[test]
    fn one_long_line_per_article_of_div_and_br_soup() {
        let text = "<div class=\"title\">第一篇</div><div>　　段一。<br><br>　　段二。</div>\n<div class=\"title\">第二篇</div><div>　　段三。<br/>　　段四。</div>\n";
        let blocks = parse_web(text);
        assert_eq!(
            kinds(&blocks),
            [
                (RawKind::Title, "第一篇"),
                (RawKind::Text, "段一。"),
                (RawKind::Text, "段二。"),
                (RawKind::Title, "第二篇"),
                (RawKind::Text, "段三。"),
                (RawKind::Text, "段四。"),
            ]
        );
        assert_eq!(blocks[4].line, 2);
    }

    #[test]
    fn a_plain_title_line_opens_the_long_line_after_it() {
        let text = "第一篇\n<p>段一。</p><p>段二。</p>\n\n第二篇\n<p>段三。</p><p>段四。</p>\n";
        let blocks = parse_web(text);
        let titles: Vec<(usize, &str)> =
            blocks.iter().filter(|b| b.kind == RawKind::Title).map(|b| (b.line, b.text.as_str())).collect();
        assert_eq!(titles, [(1, "第一篇"), (4, "第二篇")]);
    }

    #[test]
    fn a_document_one_tag_per_line_keeps_its_lines_and_skips_the_head() {
        let text = "<!DOCTYPE html>\n<html>\n<head>\n<title>城北植树_城北新闻网</title>\n<style>p { color: red }</style>\n<script>var a = \"<p>不是正文</p>\";</script>\n</head>\n<body>\n<p>\n　　第一段\n第一段续。\n</p>\n<table><tr><td>表格里的一段。</td></tr></table>\n</body>\n</html>\n";
        let blocks = parse_web(text);
        assert_eq!(
            kinds(&blocks),
            [
                (RawKind::Title, "城北植树"),
                (RawKind::Text, "第一段第一段续。"),
                (RawKind::Text, "表格里的一段。")
            ]
        );
        assert_eq!(blocks.iter().map(|b| b.line).collect::<Vec<_>>(), [4, 10, 13]);
    }

    #[test]
    fn bold_heads_inside_a_paragraph_become_their_own_block_but_datelines_do_not() {
        let blocks = parse_web(
            "标题\n<p><strong>分片包干到人</strong>新区将植树区域划分为十个片区。</p>\n<p><b>央广网河南3月12日消息</b>（记者 钱多）城北新区组织植树。</p>\n",
        );
        assert_eq!(
            kinds(&blocks)[1..],
            [
                (RawKind::Bold, "分片包干到人"),
                (RawKind::Text, "新区将植树区域划分为十个片区。"),
                (RawKind::Text, "央广网河南3月12日消息（记者 钱多）城北新区组织植树。"),
            ]
        );
    }

    #[test]
    fn centred_and_small_font_lines_are_caption_styled() {
        let blocks = parse_web(
            "标题\n<center><img src=\"a/b/P1.jpg?x=1\"><br><font size=\"2\">说明文字</font></center>\n<p style=\"font-size: 12px\">小字说明</p>\n",
        );
        assert_eq!(
            kinds(&blocks)[1..],
            [
                (RawKind::Image("P1.jpg".into()), ""),
                (RawKind::Centered, "说明文字"),
                (RawKind::Centered, "小字说明")
            ]
        );
    }

    #[test]
    fn site_names_leave_document_titles() {
        assert_eq!(without_site_name("城北植树_城北新闻网"), "城北植树");
        assert_eq!(without_site_name("城北新区举办植树活动 - 城北新闻网 - 首页"), "城北新区举办植树活动");
        assert_eq!(without_site_name("植树"), "植树");
    }
}
