//! Markdown → HTML for the text of every page. All Markdown that reaches a
//! page goes through [`markdown_html`]: raw HTML is shown as text, an image
//! inside text is shown as its description, and a link that fails
//! [`is_safe_url`] is rendered as its text; lacunae and emendations become
//! marked spans (`src/render/marks.rs`)
//! ([`crate::model::link::link_diagnostics`] tells the editor, at its line).

use crate::model::link::is_safe_url;
use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

/// A block's Markdown as HTML. Raw HTML in the text is shown, not obeyed;
/// an image inside text becomes its description (pages load nothing from
/// elsewhere; figures are blocks of their own, drawn by the template); and
/// links that fail the link rule become plain text.
pub fn markdown_html(markdown: &str) -> String {
    if is_plain_line(markdown) {
        let mut html = String::with_capacity(markdown.len() + 8);
        html.push_str("<p>");
        html.push_str(markdown);
        html.push_str("</p>\n");
        return html;
    }
    // For each open link, whether its tags are kept.
    let mut open_links: Vec<bool> = Vec::new();
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let keep = is_safe_url(dest_url);
            open_links.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link) => open_links.pop().unwrap_or(true).then_some(event),
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, super::marks::with_marks(events).into_iter());
    out
}

/// Whether `markdown` is one line of text in which the parser would find
/// nothing but text (and so writes it as a paragraph, as it is): most
/// blocks of an article and of its translation are, and the parser is a
/// good part of a page's cost. No character it could read as markup or
/// must escape, no editorial mark, no white space at either end, and no
/// start that opens another kind of block. The search index takes a
/// block's plain text the same short way.
pub(crate) fn is_plain_line(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    let opens_block = match bytes.first() {
        None => true,
        Some(b'0'..=b'9') => {
            let after = bytes.iter().find(|b| !b.is_ascii_digit());
            matches!(after, Some(b'.' | b')'))
        }
        Some(&b) => b.is_ascii() && !(b.is_ascii_alphabetic() || matches!(b, b'"' | b'\'' | b'(')),
    };
    if opens_block || markdown.ends_with(' ') {
        return false;
    }
    // One pass over the bytes (this runs on every block of every page).
    let mut i = 0;
    while i < bytes.len() {
        match NOT_PLAIN[usize::from(bytes[i])] {
            MARKUP => return false,
            // `〔` and `〈` (E3 80 94, E3 80 88) open editorial marks.
            MAYBE_MARK
                if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x94 | 0x88)) =>
            {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

const MARKUP: u8 = 1;
const MAYBE_MARK: u8 = 2;

/// Per byte: [`MARKUP`] for control characters and what Markdown reads as
/// markup or HTML must escape, [`MAYBE_MARK`] for the lead byte of `〔`
/// and `〈`.
static NOT_PLAIN: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = MARKUP;
        b += 1;
    }
    let markup = b"\x7f\\`*_[]<>&";
    let mut i = 0;
    while i < markup.len() {
        table[markup[i] as usize] = MARKUP;
        i += 1;
    }
    table[0xE3] = MAYBE_MARK;
    table
};

/// Markdown as inline HTML, without the wrapping paragraph.
pub fn inline_html(markdown: &str) -> String {
    let html = markdown_html(markdown);
    let t = html.trim();
    t.strip_prefix("<p>").and_then(|t| t.strip_suffix("</p>")).unwrap_or(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_links_become_their_text() {
        for md in [
            "见[这里](javascript:alert(1))。",
            "见<javascript:alert(1)>。",
            "见[这里][x]。\n\n[x]: javascript:alert(1)",
            "见[这里](java&#9;script:alert(1))。",
            "见[这里](&#106;avascript:alert(1))。",
            "见[这里]( JaVaScRiPt:alert(1))。",
            "见[数据](data:text/html;base64,PHNjcmlwdD4=)。",
        ] {
            let html = markdown_html(md);
            assert!(!html.contains("<a"), "{md:?} gave {html}");
            assert!(html.contains("见"), "{html}");
        }
    }

    #[test]
    fn safe_links_stay_links_and_html_stays_text() {
        let html = markdown_html("[a](https://example.org) [b](../x.html#p2) <b onclick=x>c</b>");
        assert!(html.contains("<a href=\"https://example.org\">a</a>"), "{html}");
        assert!(html.contains("<a href=\"../x.html#p2\">b</a>"), "{html}");
        assert!(html.contains("&lt;b onclick=x&gt;"), "{html}");
    }

    #[test]
    fn images_inside_text_become_their_description() {
        let html = markdown_html("见![图 *一*](https://example.org/a.png)与![](b.png)。");
        assert_eq!(html, "<p>见图 <em>一</em>与。</p>\n");
    }

    #[test]
    fn text_is_escaped() {
        let html = markdown_html("a <script>x</script> & b < c");
        assert_eq!(html, "<p>a &lt;script&gt;x&lt;/script&gt; &amp; b &lt; c</p>\n");
        // A block of raw HTML too.
        assert_eq!(markdown_html("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(
            markdown_html("[x](https://e.org/?a=1&b=\"2\")"),
            "<p><a href=\"https://e.org/?a=1&amp;b=%222%22\">x</a></p>\n"
        );
    }

    /// What the parser makes of `markdown`, never the short way.
    fn parsed(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, super::super::marks::with_marks(Parser::new(markdown)).into_iter());
        out
    }

    #[test]
    fn plain_lines_skip_the_parser_and_come_out_the_same() {
        for md in [
            "2月27日下午，两辆(负压)救护车抵达。",
            "On 27 February, \"two\" ambulances arrived: 100% ready; a-b = c? yes! #1 {x} | ~y ^z $5 @me",
            "2020 年",
            "(注) 见上。",
        ] {
            assert!(is_plain_line(md), "{md:?}");
            assert_eq!(markdown_html(md), parsed(md), "{md:?}");
        }
        for md in [
            "1. 一",
            "1) 一",
            "- a",
            "# h",
            "> q",
            "a\nb",
            "a *b*",
            "a & b",
            "〔…〕",
            " a",
            "a ",
            "",
            "=",
            "+ a",
        ] {
            assert!(!is_plain_line(md), "{md:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_short_way_gives_what_the_parser_gives(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "中", "。", "1", "12", "2020", " ", "  ", ".", ")", "(", "-", "+", "=", "#", "!", "\"",
                    "'", ",", ":", ";", "?", "%", "$", "^", "~", "~~~", "|", "{", "}", "@", "/", "http://e.org",
                    "www.e.org", "\u{3000}", "\u{a0}", "\u{feff}", "\u{fffd}", "---", "***", "___", "\t", "\n", "\r",
                    "*", "_", "`", "<", ">", "&", "[", "]", "\\", "〔…〕", "〈a|b〉", "\u{0}",
                ]),
                0..16,
            )
        ) {
            let md: String = parts.concat();
            if is_plain_line(&md) {
                proptest::prop_assert_eq!(markdown_html(&md), parsed(&md), "{:?}", md);
            }
        }
    }

    #[test]
    fn inline_html_drops_the_paragraph() {
        assert_eq!(inline_html("**粗**体"), "<strong>粗</strong>体");
        assert_eq!(inline_html("## 标题"), "<h2>标题</h2>");
    }
}
