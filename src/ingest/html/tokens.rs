//! HTML text in, flat [`HtmlBlock`]s out, each with the source line of its
//! first visible character: html5ever's tokenizer reads the markup (entities,
//! attributes, `<script>` and `<style>` as raw text), and a small state
//! machine cuts blocks at block elements, `<br>` and pictures.
//!
//! What is not text is skipped: `<head>` (but its `<title>`), scripts,
//! styles, forms, frames, comments, navigation (`<nav>`, an element whose
//! class or id is `nav`, `menu` or `breadcrumb`). A block's kind says how it was printed:
//! all bold, all in a heading (`<h1>`…`<h6>`, an element whose class or id
//! names a title), centred or in a small font (as captions are), a picture.

use html5ever::tokenizer::states::RawKind as RawState;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// How a block of HTML was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Text,
    /// Every visible character is bold (`<b>`, `<strong>`).
    Bold,
    /// Centred, in a small font or a `<figcaption>`: how captions are printed.
    Caption,
    /// `<h1>`…`<h6>`, or an element whose class or id names a title (level 1).
    Heading(u8),
    /// The document's `<title>`.
    DocTitle,
    /// `<!DOCTYPE>` or `<html>`: a new document starts.
    DocStart,
    /// A picture, by its file name.
    Image(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlBlock {
    pub line: usize,
    pub kind: BlockKind,
    pub text: String,
    /// A paragraph that opens with a bold run: the run's length in bytes.
    pub bold_head: Option<usize>,
}

/// Elements whose start or end closes the block being read.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is not text.
const SKIPPED: &[&str] =
    &["head", "script", "style", "noscript", "template", "iframe", "select", "textarea", "button", "object"];

/// Elements that never have content or an end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "wbr"];

/// Elements a start tag of the same name closes (`<p>one<p>two`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "td", "th", "tr", "dt", "dd", "option"];

/// What an open element does to the text inside it.
#[derive(Debug, Clone, Default)]
#[expect(clippy::struct_excessive_bools, reason = "independent marks of one element, counted apart")]
struct Style {
    name: String,
    bold: bool,
    /// Its own alignment, if it sets one: centred or not.
    centred: Option<bool>,
    small: bool,
    skip: bool,
    heading: Option<u8>,
    doc_title: bool,
}

/// The block being read.
#[derive(Default)]
struct Open {
    text: String,
    line: Option<usize>,
    visible: usize,
    bold: usize,
    /// Visible characters before the first one that is not bold.
    leading_bold: Option<usize>,
    /// Byte length of `text` when the leading bold run ended.
    bold_head_bytes: usize,
    caption: usize,
    heading: usize,
    level: u8,
    doc_title: bool,
}

#[derive(Default)]
struct State {
    stack: Vec<Style>,
    /// Counters over `stack`, so each character's style is known at once.
    bold: usize,
    /// The alignment of each open element that sets one, innermost last.
    aligns: Vec<bool>,
    small: usize,
    skip: usize,
    doc_title: usize,
    headings: Vec<u8>,
    open: Open,
    blocks: Vec<HtmlBlock>,
    first_line: usize,
}

struct Sink {
    state: RefCell<State>,
}

fn is_visible(c: char) -> bool {
    !(c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
}

/// Does a `<font>` or `style` make its text small (size 1–2, or under 13px)?
fn small_font(tag: &Tag) -> bool {
    let attr = |name: &str| tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.to_string());
    if let Some(size) = attr("size") {
        let size = size.trim();
        if matches!(size, "1" | "2" | "-1" | "-2" | "-3") {
            return true;
        }
    }
    let style = attr("style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
    style.split(';').filter_map(|d| d.strip_prefix("font-size:")).any(|v| {
        let px = v.strip_suffix("px").and_then(|n| n.parse::<f32>().ok());
        let pt = v.strip_suffix("pt").and_then(|n| n.parse::<f32>().ok());
        px.is_some_and(|n| n < 13.0)
            || pt.is_some_and(|n| n < 10.0)
            || matches!(v, "small" | "x-small" | "smaller")
    })
}

/// Whether an element centres its text, if it sets an alignment at all:
/// `<center>`, `<figcaption>`, `align="center"`, `text-align:center`, or
/// another alignment that undoes a centred table cell around it.
fn alignment(name: &str, align: &str, style: &str) -> Option<bool> {
    let text_align = style.split(';').find_map(|d| d.strip_prefix("text-align:"));
    if name == "center" || name == "figcaption" {
        Some(true)
    } else if let Some(value) = text_align {
        Some(value == "center")
    } else if !align.is_empty() {
        Some(align == "center")
    } else {
        None
    }
}

fn style_of(tag: &Tag) -> Style {
    let name = tag.name.to_string();
    let attr = |key: &str| {
        tag.attrs
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_ascii_lowercase())
            .unwrap_or_default()
    };
    let style = attr("style").replace(' ', "");
    let names_title = |v: String| v.contains("title") && !v.contains("sub");
    let names_navigation = |v: String| {
        ["nav", "menu", "breadcrumb", "crumb"].iter().any(|word| v.split([' ', '_', '-']).any(|w| w == *word))
    };
    let heading = match name.as_str() {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => name[1..].parse().ok(),
        _ if names_title(attr("class")) || names_title(attr("id")) => Some(1),
        _ => None,
    };
    Style {
        bold: matches!(name.as_str(), "b" | "strong") || style.contains("font-weight:bold"),
        centred: alignment(&name, &attr("align"), &style),
        small: (name == "font" || !style.is_empty()) && small_font(tag) || name == "small",
        skip: SKIPPED.contains(&name.as_str())
            || name == "nav"
            || names_navigation(attr("class"))
            || names_navigation(attr("id")),
        doc_title: name == "title",
        heading,
        name,
    }
}

impl State {
    fn push(&mut self, style: Style) {
        self.bold += usize::from(style.bold);
        if let Some(centred) = style.centred {
            self.aligns.push(centred);
        }
        self.small += usize::from(style.small);
        self.skip += usize::from(style.skip);
        self.doc_title += usize::from(style.doc_title);
        if let Some(level) = style.heading {
            self.headings.push(level);
        }
        self.stack.push(style);
    }

    fn pop(&mut self) {
        if let Some(style) = self.stack.pop() {
            self.bold -= usize::from(style.bold);
            if style.centred.is_some() {
                self.aligns.pop();
            }
            self.small -= usize::from(style.small);
            self.skip -= usize::from(style.skip);
            self.doc_title -= usize::from(style.doc_title);
            if style.heading.is_some() {
                self.headings.pop();
            }
        }
    }

    /// Closes elements down to the innermost open `name`, if one is open.
    fn close(&mut self, name: &str) {
        if let Some(at) = self.stack.iter().rposition(|s| s.name == name) {
            while self.stack.len() > at {
                self.pop();
            }
        }
    }

    /// Adds a run of text to the open block; a blank line in it ends the
    /// block, as in plain text between tags. The text goes in by runs, and
    /// only a block's first visible characters are counted one by one: after
    /// them each character counts the same (this runs on every character).
    fn text(&mut self, text: &str, line: usize) {
        // The tokenizer reports the line where the run ended.
        let mut newlines_after = text.matches('\n').count();
        let in_title = self.doc_title > 0;
        if self.skip > 0 && !in_title {
            return;
        }
        let (mut seen_newline, mut blank) = (false, false);
        // Bytes of `text` in the open block, and visible characters not yet counted.
        let (mut added, mut uncounted) = (0, 0);
        for (i, c) in text.char_indices() {
            if c == '\n' {
                newlines_after = newlines_after.saturating_sub(1);
                if seen_newline && blank {
                    self.open.text.push_str(&text[added..i]);
                    added = i;
                    self.count_visible(std::mem::take(&mut uncounted), in_title);
                    self.flush();
                }
                (seen_newline, blank) = (true, true);
            }
            if is_visible(c) {
                blank = false;
                if self.open.line.is_none() || (self.bold == 0 && self.open.leading_bold.is_none()) {
                    self.open.text.push_str(&text[added..i]);
                    added = i;
                    let at = self.first_line + line.saturating_sub(1 + newlines_after);
                    self.visible_char(at, in_title);
                } else {
                    uncounted += 1;
                }
            }
        }
        self.open.text.push_str(&text[added..]);
        self.count_visible(uncounted, in_title);
    }

    /// Counts `n` visible characters of the open block after its first
    /// ([`State::visible_char`] on each, once the block has a line and its
    /// leading bold run is settled).
    fn count_visible(&mut self, n: usize, in_title: bool) {
        if n == 0 {
            return;
        }
        let open = &mut self.open;
        open.visible += n;
        if self.bold > 0 {
            open.bold += n;
        }
        if self.aligns.last() == Some(&true) || self.small > 0 {
            open.caption += n;
        }
        if let Some(&level) = self.headings.last() {
            open.heading += n;
            open.level = if open.level == 0 { level } else { open.level.min(level) };
        }
        open.doc_title |= in_title;
    }

    /// Counts a visible character of the open block in the styles around it.
    fn visible_char(&mut self, line: usize, in_title: bool) {
        let open = &mut self.open;
        open.line.get_or_insert(line);
        open.visible += 1;
        if self.bold > 0 {
            open.bold += 1;
        } else if open.leading_bold.is_none() {
            open.leading_bold = Some(open.bold);
            open.bold_head_bytes = open.text.len();
        }
        if self.aligns.last() == Some(&true) || self.small > 0 {
            open.caption += 1;
        }
        if let Some(&level) = self.headings.last() {
            open.heading += 1;
            open.level = if open.level == 0 { level } else { open.level.min(level) };
        }
        open.doc_title |= in_title;
    }

    /// Ends the open block, keeping it if it has visible text.
    fn flush(&mut self) {
        let open = std::mem::take(&mut self.open);
        let Some(line) = open.line else { return };
        let text = join_lines(&open.text);
        let kind = if open.doc_title {
            BlockKind::DocTitle
        } else if open.heading == open.visible {
            BlockKind::Heading(open.level.max(1))
        } else if open.bold == open.visible {
            BlockKind::Bold
        } else if open.caption == open.visible {
            BlockKind::Caption
        } else {
            BlockKind::Text
        };
        let bold_head = match open.leading_bold {
            Some(n) if n > 0 && kind == BlockKind::Text => {
                let head = join_lines(&open.text[..open.bold_head_bytes]);
                Some(head.len())
            }
            _ => None,
        };
        self.blocks.push(HtmlBlock { line, kind, text, bold_head });
    }

    fn tag(&mut self, tag: &Tag, line: usize) {
        let name = &*tag.name;
        let block = BLOCK_ELEMENTS.contains(&name) || name == "br";
        if block && (self.skip == 0 || name == "title") {
            self.flush();
        }
        match tag.kind {
            TagKind::StartTag => {
                if (name == "html" || name == "head") && self.skip == 0 && !self.blocks.is_empty() {
                    self.mark(BlockKind::DocStart, line);
                }
                if name == "img" && self.skip == 0 {
                    self.image(tag, line);
                }
                if SELF_CLOSING_SIBLINGS.contains(&name) {
                    self.close(name);
                }
                if !VOID.contains(&name) && !tag.self_closing {
                    self.push(style_of(tag));
                }
            }
            TagKind::EndTag => self.close(name),
        }
    }

    fn mark(&mut self, kind: BlockKind, line: usize) {
        if self.blocks.last().is_some_and(|b| b.kind == kind) {
            return;
        }
        self.blocks.push(HtmlBlock {
            line: self.first_line + line.saturating_sub(1),
            kind,
            text: String::new(),
            bold_head: None,
        });
    }

    fn image(&mut self, tag: &Tag, line: usize) {
        let attr = |key: &str| tag.attrs.iter().find(|a| &*a.name.local == key).map(|a| a.value.to_string());
        let src =
            ["oldsrc", "data-original", "data-src", "src"].iter().find_map(|k| attr(k)).unwrap_or_default();
        let src = src.split(['?', '#']).next().unwrap_or_default();
        let name = src.rsplit(['/', '\\']).next().unwrap_or_default().trim();
        if name.is_empty() || name.starts_with("data:") {
            return;
        }
        self.flush();
        let line = self.first_line + line.saturating_sub(1);
        self.blocks.push(HtmlBlock {
            line,
            kind: BlockKind::Image(name.to_string()),
            text: String::new(),
            bold_head: None,
        });
    }
}

/// The lines of a text run joined as one paragraph: white space at each
/// line's ends dropped, no space between CJK characters, one otherwise;
/// padding at both ends trimmed and no-break spaces inside made spaces.
fn join_lines(text: &str) -> String {
    let mut out = String::new();
    for piece in text.split('\n') {
        let piece = piece.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\r');
        if !piece.is_empty() {
            crate::ingest::shape::join_line(&mut out, piece);
        }
    }
    super::trim_padding(&out).to_string()
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line_number).unwrap_or(usize::MAX);
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.text(&text, line),
            Token::TagToken(tag) => {
                state.tag(&tag, line);
                if tag.kind == TagKind::StartTag && !tag.self_closing {
                    return match &*tag.name {
                        "script" => TokenSinkResult::RawData(RawState::ScriptData),
                        "style" | "iframe" | "noembed" | "noframes" | "xmp" => {
                            TokenSinkResult::RawData(RawState::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawState::Rcdata),
                        _ => TokenSinkResult::Continue,
                    };
                }
            }
            Token::DoctypeToken(_) if !state.blocks.is_empty() || state.open.line.is_some() => {
                state.flush();
                state.mark(BlockKind::DocStart, line);
            }
            Token::EOFToken => state.flush(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The blocks of `html`, whose first line is source line `first_line`.
pub fn blocks(html: &str, first_line: usize) -> Vec<HtmlBlock> {
    let sink = Sink { state: RefCell::new(State { first_line, ..State::default() }) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    state.flush();
    // Text the tokenizer emits after reading past its line end (`<` then a
    // newline) is still on the last line of the HTML.
    let last = first_line + html.lines().count().max(1) - 1;
    for block in &mut state.blocks {
        block.line = block.line.min(last);
    }
    state.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<(usize, BlockKind, String)> {
        blocks(html, 1).into_iter().map(|b| (b.line, b.kind, b.text)).collect()
    }

    #[test]
    fn spans_merge_entities_decode_and_padding_goes() {
        let got = kinds(
            "<p align=\"justify\">　　<span>省</span><span>知联会</span><span>&ldquo;精兵&amp;良将&rdquo;</span></p><p>&nbsp;</p>",
        );
        assert_eq!(got, [(1, BlockKind::Text, "省知联会“精兵&良将”".to_string())]);
    }

    #[test]
    fn paragraphs_from_block_elements_and_br_alike_with_their_lines() {
        let got = kinds(
            "<div>\n一段。<br>\n二段。<br><br>三段。\n<p>四段\n<p>五段</div>\n六段\n接续。\n\n七段。<br>",
        );
        let lines: Vec<(usize, &str)> = got.iter().map(|(l, _, t)| (*l, t.as_str())).collect();
        assert_eq!(
            lines,
            [
                (2, "一段。"),
                (3, "二段。"),
                (3, "三段。"),
                (4, "四段"),
                (5, "五段"),
                (6, "六段接续。"),
                (9, "七段。")
            ]
        );
        // A lone `<` is text, on its own line even when read past the line end.
        assert_eq!(kinds("<\n"), [(1, BlockKind::Text, "<".to_string())]);
    }

    #[test]
    fn bold_headings_captions_and_the_bold_head_of_a_paragraph() {
        let blocks = blocks(
            "<p><b>全粗体</b></p><h3>小标题</h3><p align=center>居中</p><p><strong>粗体开头</strong>正文接着。</p>",
            1,
        );
        let got: Vec<&BlockKind> = blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(got, [&BlockKind::Bold, &BlockKind::Heading(3), &BlockKind::Caption, &BlockKind::Text]);
        assert_eq!(blocks[3].bold_head, Some("粗体开头".len()));
    }

    #[test]
    fn an_alignment_inside_a_centred_cell_undoes_it() {
        let got = kinds("<td align=\"center\"><p style=\"text-align: left\">正文。</p><p>说明</p></td>");
        let got: Vec<&BlockKind> = got.iter().map(|(_, k, _)| k).collect();
        assert_eq!(got, [&BlockKind::Text, &BlockKind::Caption]);
    }

    proptest::proptest! {
        #[test]
        fn any_markup_gives_blocks_on_its_own_lines(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<p>", "</p>", "<div class=\"title\">", "</div>", "<br>", "<b>", "</b>", "<td align=center>",
                    "<script>", "</script>", "<title>", "<!DOCTYPE html>", "<img src=\"a/b.jpg\">", "&amp;",
                    "&", "<", ">", "\n", "\n\n", "正文。", "标题", "　", "<font size=2>", "<h1>", "</h1>",
                ]),
                0..40,
            )
        ) {
            let html: String = parts.concat();
            let lines = html.lines().count().max(1);
            for block in blocks(&html, 7) {
                proptest::prop_assert!((7..7 + lines).contains(&block.line), "{block:?} in {html:?}");
            }
        }
    }

    #[test]
    fn what_is_not_text_is_skipped() {
        let got = kinds(
            "<head><title>题</title><script>if (a<b) {}</script></head><nav>首页</nav><div class=\"menu\">栏目</div><style>p{}</style><p>正文。</p>",
        );
        let texts: Vec<(&BlockKind, &str)> = got.iter().map(|(_, k, t)| (k, t.as_str())).collect();
        assert_eq!(texts, [(&BlockKind::DocTitle, "题"), (&BlockKind::Text, "正文。")]);
    }
}
