//! Source text in, a flat list of [`RawBlock`]s out, for each of the three
//! shapes the sources come in: OCR text with `#` headings, plain text, and
//! web exports (a title line, an HTML body, articles separated by `*`).

use super::html::flatten_paragraphs;

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
            Shape::Web => "web export (title line + HTML, articles separated by *)",
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
    /// Web: a centred paragraph (captions are centred).
    Centered,
    /// Web: an image, with its original file name.
    Image(String),
    /// Web: the title line that opens an article.
    Title,
    /// Web: the `*` line between articles.
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

/// Guesses the shape: web if lines hold `<p` tags or an HTML document, OCR
/// if lines start with `#`.
pub fn detect(text: &str) -> Shape {
    let mut html = 0;
    let mut hashes = 0;
    for line in text.lines().take(400) {
        let line = line.trim_start();
        if starts_html_document(line) {
            return Shape::Web;
        }
        if line.starts_with("<p") || line.starts_with("<P") {
            html += 1;
        } else if line.starts_with('#') {
            hashes += 1;
        }
    }
    if html >= 2 {
        Shape::Web
    } else if hashes >= 1 {
        Shape::Ocr
    } else {
        Shape::Plain
    }
}

/// `<!DOCTYPE html…`, `<html…` or `<body…`: a saved web page, not text.
fn starts_html_document(line: &str) -> bool {
    let head: String = line.chars().take(9).collect::<String>().to_ascii_lowercase();
    ["<!doctype", "<html", "<body"].iter().any(|tag| head.starts_with(tag))
}

pub fn parse(text: &str, shape: Shape) -> Vec<RawBlock> {
    match shape {
        Shape::Web => parse_web(text),
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

fn parse_web(text: &str) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let mut expect_title = true;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed == "*" {
            blocks.push(RawBlock::new(i + 1, RawKind::Separator, ""));
            expect_title = true;
            continue;
        }
        if expect_title && !trimmed.starts_with('<') {
            blocks.push(RawBlock::new(i + 1, RawKind::Title, trimmed));
            expect_title = false;
            continue;
        }
        expect_title = false;
        blocks.extend(flatten_paragraphs(trimmed, i + 1));
    }
    blocks
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
