//! Web exports: text holding HTML in, [`RawBlock`](super::shape::RawBlock)s out, one record (article)
//! after another.
//!
//! 1. [`is_html`] tells a source that holds HTML elements anywhere from plain
//!    text that merely mentions `<`;
//! 2. [`records`] cuts the source into records: at `*` lines, at each long
//!    line of HTML when every article is one line, at each new document and
//!    at each top-level heading after text; a plain line before a record's
//!    HTML is its title;
//! 3. [`tokens`] flattens each record's HTML into blocks with their source
//!    lines: paragraphs from block elements and `<br>` alike, `<span>` runs
//!    merged, entities decoded, what is not text (`<head>`, scripts, styles)
//!    skipped; bold, heading, centred or small-font blocks and pictures are
//!    marked for segmentation (subheadings, captions, figures).

pub mod captions;
pub mod records;
pub mod tokens;

use regex::Regex;
use std::sync::LazyLock;

pub use records::parse_web;

/// White space a web export pads paragraphs with: ASCII, NBSP, ideographic space.
pub fn trim_padding(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
}

/// A start or end tag of a common HTML element: its name followed by `>`,
/// `/>` or an attribute with a value. `a<b` or `x < y` is not one.
static TAG_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(
        r#"(?i)<(?:!doctype\s+html|/?(?:p|div|br|table|tbody|tr|td|th|center|font|span|b|strong|i|em|u|a|img|html|head|body|title|meta|link|script|style|h[1-6]|ul|ol|li|section|article|header|footer|hr|blockquote|figure|figcaption|small|sup|sub|pre)(?:\s*/?>|\s+[a-z][a-z-]*\s*=\s*["']?))"#,
    )
});

/// Does the text hold HTML: a document's opening, or two tags of common
/// elements anywhere (one per line or many on one line)?
pub fn is_html(text: &str) -> bool {
    let mut tags = TAG_RE.find_iter(text);
    match tags.next() {
        None => false,
        Some(first) => {
            let opener = first.as_str().to_ascii_lowercase();
            opener.starts_with("<!doctype") || opener.starts_with("<html") || tags.next().is_some()
        }
    }
}

/// Does the line hold a tag of a common element?
pub fn has_tag(line: &str) -> bool {
    TAG_RE.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_anywhere_is_html() {
        assert!(is_html("标题\n<p>一</p>\n<p>二</p>\n"));
        assert!(is_html("<div class=\"content\">　　段一<br><br>　　段二</div>"));
        assert!(is_html("<!DOCTYPE html>\n"));
        assert!(is_html("<HTML>\n<HEAD><TITLE>t</TITLE></HEAD>"));
        assert!(is_html("<table>\n<tr>\n<td>正文</td>\n</tr>\n</table>\n"));
        assert!(is_html("标题\n<center><font size=\"2\">说明</font></center>\n"));
    }

    #[test]
    fn text_that_mentions_angle_brackets_is_not_html() {
        assert!(!is_html("若a<b且b<c，则a<c。\n"));
        assert!(!is_html("成本 < 收益，收益>成本。<注释>见后文。\n"));
        assert!(!is_html("他在<人民日报>上发表文章。\n"));
        assert!(!is_html("网页里换行要写<br>，一个就够。\n"));
        assert!(!is_html("# 标题\n\n正文<b\n"));
    }
}
