//! HTML flattening for web exports: one line of HTML in, [`RawBlock`]s out.
//! `<span>` runs merge into plain text, entities decode, styles and empty
//! paragraphs drop; all-bold paragraphs, centred paragraphs and images are
//! marked for the later steps (subheadings, captions, figures).

use super::shape::{RawBlock, RawKind};
use scraper::{ElementRef, Html, Node};

/// White space a web export pads paragraphs with: ASCII, NBSP, ideographic space.
pub fn trim_padding(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
}

pub fn flatten_paragraphs(html: &str, line: usize) -> Vec<RawBlock> {
    let fragment = Html::parse_fragment(html);
    let mut blocks = Vec::new();
    let root = fragment.root_element();
    let paragraphs: Vec<ElementRef<'_>> =
        root.descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "p").collect();
    if paragraphs.is_empty() {
        push_paragraph(root, line, &mut blocks);
    }
    for p in paragraphs {
        push_paragraph(p, line, &mut blocks);
    }
    blocks
}

fn push_paragraph(p: ElementRef<'_>, line: usize, blocks: &mut Vec<RawBlock>) {
    for img in p.descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "img") {
        let src = img.value().attr("oldsrc").or_else(|| img.value().attr("src")).unwrap_or_default();
        let name = src.rsplit('/').next().unwrap_or_default().trim();
        if !name.is_empty() {
            blocks.push(RawBlock::new(line, RawKind::Image(name.to_string()), ""));
        }
    }
    let mut text = String::new();
    let mut bold_chars = 0usize;
    let mut all_chars = 0usize;
    collect_text(*p, false, &mut text, &mut bold_chars, &mut all_chars);
    let text = trim_padding(&text).to_string();
    if text.is_empty() {
        return;
    }
    let centered = p.value().attr("align").is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || p.value().attr("style").is_some_and(|s| s.replace(' ', "").contains("text-align:center"));
    let kind = if bold_chars == all_chars {
        RawKind::Bold
    } else if centered {
        RawKind::Centered
    } else {
        RawKind::Text
    };
    blocks.push(RawBlock::new(line, kind, text));
}

/// Appends the text under `node`, counting visible characters and those inside `<b>`/`<strong>`.
fn collect_text(
    node: ego_tree::NodeRef<'_, Node>,
    bold: bool,
    out: &mut String,
    bold_chars: &mut usize,
    all: &mut usize,
) {
    for child in node.children() {
        match child.value() {
            Node::Text(text) => {
                out.push_str(text);
                let visible = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').count();
                *all += visible;
                if bold {
                    *bold_chars += visible;
                }
            }
            Node::Element(element) => {
                let name = element.name();
                if name == "br" {
                    out.push('\n');
                } else if name != "script" && name != "style" {
                    collect_text(child, bold || name == "b" || name == "strong", out, bold_chars, all);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_span_runs_and_decodes_entities() {
        let blocks = flatten_paragraphs(
            r#"<p align="justify" style="text-align: justify">　　<span>省</span><span>知联会</span><span>&ldquo;精兵&amp;良将&rdquo;</span></p>"#,
            4,
        );
        assert_eq!(blocks, [RawBlock::new(4, RawKind::Text, "省知联会“精兵&良将”")]);
    }

    #[test]
    fn marks_bold_centred_image_and_drops_empty() {
        let blocks = flatten_paragraphs(
            r#"<p><b>　　<span>积极做好</span></b></p><p> </p><p align="center"><img alt="" oldsrc="W1.jpg" src="./W1.jpg"/></p><p align="center">　　说明（摄）</p>"#,
            9,
        );
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(kinds, [RawKind::Bold, RawKind::Image("W1.jpg".into()), RawKind::Centered]);
        assert_eq!(blocks[0].text, "积极做好");
    }

    #[test]
    fn partly_bold_paragraph_is_text() {
        let blocks = flatten_paragraphs("<p><b>央广网</b>消息 正文</p>", 2);
        assert_eq!(blocks[0].kind, RawKind::Text);
        assert_eq!(blocks[0].text, "央广网消息 正文");
    }
}
