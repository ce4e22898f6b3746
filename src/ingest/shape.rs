//! Source text in, a flat list of [`RawBlock`]s out, for each of the three
//! shapes the sources come in: OCR text with `#` headings, plain text, and
//! web exports (any text holding HTML: see [`super::html`]).

use super::html;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Ocr,
    Plain,
    Web,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Ocr => "OCR text with # headings",
            Shape::Plain => "plain text",
            Shape::Web => "web export (HTML)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawKind {
    /// `#`…`######` line of OCR text.
    Heading(u8),
    Text,
    /// Web: a paragraph whose text is all bold.
    Bold,
    /// Web: a centred or small-font paragraph (as captions are printed).
    Centered,
    /// Web: an image, with its original file name.
    Image(String),
    /// Web: the headline that opens a record.
    Title,
    /// Web: where one record (article) ends and an untitled one starts.
    Separator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// 1-based source line.
    pub line: usize,
    pub kind: RawKind,
    pub text: String,
    /// Blank lines before the block: two or more mark where a picture stood.
    pub gap_before: usize,
}

impl RawBlock {
    pub fn new(line: usize, kind: RawKind, text: impl Into<String>) -> Self {
        RawBlock { line, kind, text: text.into(), gap_before: 1 }
    }
}

/// Tells the shape: web if the text holds HTML elements anywhere
/// ([`html::is_html`]), OCR if lines start with `#`, else plain text.
pub fn detect(text: &str) -> Shape {
    if html::is_html(text) {
        return Shape::Web;
    }
    let hashes = text.lines().take(400).any(|line| line.trim_start().starts_with('#'));
    if hashes { Shape::Ocr } else { Shape::Plain }
}

pub fn parse(text: &str, shape: Shape) -> Vec<RawBlock> {
    match shape {
        Shape::Web => html::parse_web(text),
        Shape::Ocr | Shape::Plain => parse_text(text, shape == Shape::Ocr),
    }
}

/// Blocks of non-empty lines separated by blank lines; OCR headings are
/// blocks of their own.
fn parse_text(text: &str, ocr: bool) -> Vec<RawBlock> {
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut gap = 0;
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_matches(|c: char| c.is_whitespace());
        if trimmed.is_empty() {
            gap += 1;
            open = false;
            continue;
        }
        let heading = if ocr { heading_level(trimmed) } else { None };
        if let Some((level, title)) = heading {
            blocks.push(RawBlock {
                line: i + 1,
                kind: RawKind::Heading(level),
                text: title.into(),
                gap_before: gap,
            });
            open = false;
        } else if open && let Some(last) = blocks.last_mut() {
            join_line(&mut last.text, trimmed);
        } else {
            blocks.push(RawBlock { line: i + 1, kind: RawKind::Text, text: trimmed.into(), gap_before: gap });
            open = true;
        }
        gap = 0;
    }
    blocks
}

fn heading_level(line: &str) -> Option<(u8, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let depth = u8::try_from(level).ok().filter(|d| (1..=6).contains(d))?;
    let rest = &line[level..];
    if !rest.starts_with(' ') && !rest.is_empty() {
        return None;
    }
    let title = rest.trim();
    (!title.is_empty()).then_some((depth, title))
}

/// Joins a wrapped line: no space between CJK characters, one otherwise.
pub fn join_line(text: &mut String, next: &str) {
    let ascii_boundary = text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
        && next.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii_boundary {
        text.push(' ');
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_shape() {
        assert_eq!(detect("\n# 标题\n\n正文。\n"), Shape::Ocr);
        assert_eq!(detect("标题\n\n正文。\n"), Shape::Plain);
        assert_eq!(detect("标题\n<p>一</p>\n<p>二</p>\n*\n"), Shape::Web);
        assert_eq!(
            detect("<html><head><title></title></head><body><img src=\"a.jpg\"></body></html>"),
            Shape::Web
        );
        assert_eq!(detect("<!DOCTYPE html>\n<html>\n"), Shape::Web);
        assert_eq!(detect("# 标题\n\n若a<b，则b>a。\n"), Shape::Ocr);
        assert_eq!(detect("标题\n\n<div>一</div><div>二</div>\n"), Shape::Web);
    }

    #[test]
    fn text_blocks_keep_lines_and_gaps() {
        let blocks = parse("\n\n# 版面\n## 标题\n\n第一段\n接续。\n\n\n\n图片说明\n", Shape::Ocr);
        assert_eq!(
            blocks[0],
            RawBlock { line: 3, kind: RawKind::Heading(1), text: "版面".into(), gap_before: 2 }
        );
        assert_eq!(blocks[1].kind, RawKind::Heading(2));
        assert_eq!(blocks[2].text, "第一段接续。");
        assert_eq!(blocks[2].line, 6);
        assert_eq!(blocks[3].gap_before, 3);
    }

    #[test]
    fn hash_without_space_is_text() {
        assert_eq!(heading_level("#话题"), None);
        assert_eq!(heading_level("### 小标题"), Some((3, "小标题")));
    }
}
