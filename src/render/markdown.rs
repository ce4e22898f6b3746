//! Markdown → HTML for the text of every page, and the checks of what that
//! Markdown links to. All Markdown that reaches a page goes through
//! [`markdown_html`]: raw HTML is shown as text, an image inside text is
//! shown as its description, and a link that fails [`is_safe_url`] is
//! rendered as its text.
//! [`link_diagnostics`] tells the editor about each such link, at its line.

use crate::error::{Diagnostic, Location};
use crate::model::link::{ALLOWED, is_safe_url, scheme, shown};
use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};
use std::path::Path;

/// A block's Markdown as HTML. Raw HTML in the text is shown, not obeyed;
/// an image inside text becomes its description (pages load nothing from
/// elsewhere; figures are blocks of their own, drawn by the template); and
/// links that fail the link rule become plain text.
pub fn markdown_html(markdown: &str) -> String {
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
    html::push_html(&mut out, events);
    out
}

/// Markdown as inline HTML, without the wrapping paragraph.
pub fn inline_html(markdown: &str) -> String {
    let html = markdown_html(markdown);
    let t = html.trim();
    t.strip_prefix("<p>").and_then(|t| t.strip_suffix("</p>")).unwrap_or(t).to_string()
}

/// A link or image in a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownLink {
    /// 0-based line within the text.
    pub line: usize,
    pub url: String,
    pub image: bool,
}

/// Every link and image of a Markdown text, as the renderer sees them
/// (inline, reference and autolinks alike, entities decoded), and every
/// reference definition, used or not, in order of line.
pub fn links(markdown: &str) -> Vec<MarkdownLink> {
    // Every link, image and definition needs a `]`, every autolink a `<`:
    // most paragraphs have neither and need no parse.
    if memchr::memchr2(b']', b'<', markdown.as_bytes()).is_none() {
        return Vec::new();
    }
    let line_of = |offset: usize| markdown[..offset].matches('\n').count();
    let mut parser = Parser::new(markdown).into_offset_iter();
    let mut found: Vec<MarkdownLink> = (&mut parser)
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url, false, range.start)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url, true, range.start)),
            _ => None,
        })
        .map(|(url, image, at)| MarkdownLink { line: line_of(at), url: url.to_string(), image })
        .collect();
    for (_, definition) in parser.reference_definitions().iter() {
        let link = MarkdownLink {
            line: line_of(definition.span.start),
            url: definition.dest.to_string(),
            image: false,
        };
        if !found.contains(&link) {
            found.push(link);
        }
    }
    found.sort_by_key(|l| l.line);
    found
}

/// Why a figure's file cannot be used, if it names a place outside
/// `content/` (an absolute path, or `..` past `content/`).
pub fn figure_path_problem(file: &str) -> Option<String> {
    if file.is_empty() || scheme(file).is_some() {
        return None;
    }
    let mut depth = 0usize;
    let mut escapes = file.starts_with(['/', '\\']);
    for part in file.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => escapes = true,
            },
            _ => depth += 1,
        }
    }
    escapes.then(|| {
        format!(
            "image \"{}\" is outside content/: copy the image into content/ and name it relative to content/",
            shown(file)
        )
    })
}

/// The problems of the links of one Markdown text of `path`: a link that
/// fails the link rule is a warning (the page shows its text), an image
/// outside `content/` an error. `file_line` maps a 0-based line of the text
/// to its line in the file.
pub fn link_diagnostics(
    path: &Path,
    markdown: &str,
    file_line: impl Fn(usize) -> usize,
    out: &mut Vec<Diagnostic>,
) {
    for link in links(markdown) {
        let at = || Some(Location::new(path, file_line(link.line)));
        if !is_safe_url(&link.url) {
            let (what, shown_as) =
                if link.image { ("image", "it is not shown") } else { ("link", "it is shown as text") };
            out.push(Diagnostic::warning(
                at(),
                format!(
                    "{what} \"{}\" is not allowed ({ALLOWED}): {shown_as}; use an http(s) address or remove it",
                    shown(&link.url)
                ),
            ));
        } else if link.image
            && let Some(problem) = figure_path_problem(&link.url)
        {
            out.push(Diagnostic::error(at(), problem));
        }
    }
}

/// The links of a plain-text field (front matter, glossary) never become
/// links, but one that fails the rule is still worth a warning: the editor
/// meant it as one. Lines of `text` start at `first_line` of `path`.
pub fn plain_text_link_diagnostics(path: &Path, text: &str, first_line: usize, out: &mut Vec<Diagnostic>) {
    for link in links(text).into_iter().filter(|l| !is_safe_url(&l.url)) {
        out.push(Diagnostic::warning(
            Some(Location::new(path, first_line + link.line)),
            format!(
                "link \"{}\" is not allowed ({ALLOWED}): this text is shown as written, never as a link; remove it",
                shown(&link.url)
            ),
        ));
    }
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

    #[test]
    fn inline_html_drops_the_paragraph() {
        assert_eq!(inline_html("**粗**体"), "<strong>粗</strong>体");
        assert_eq!(inline_html("## 标题"), "<h2>标题</h2>");
    }

    #[test]
    fn every_kind_of_link_is_found_at_its_line() {
        let md = "a [x](javascript:1)\nb <javascript:2>\n\n![c](../../d.png)\n\n[e][r]\n\n[r]: vbscript:3\n";
        let found: Vec<_> = links(md).into_iter().map(|l| (l.line, l.url, l.image)).collect();
        assert_eq!(
            found,
            [
                (0, "javascript:1".into(), false),
                (1, "javascript:2".into(), false),
                (3, "../../d.png".into(), true),
                (5, "vbscript:3".into(), false),
                (7, "vbscript:3".into(), false),
            ]
        );
    }

    #[test]
    fn figure_paths_must_stay_in_content() {
        assert!(figure_path_problem("../../x.png").is_some());
        assert!(figure_path_problem("a/../../x.png").is_some());
        assert!(figure_path_problem("/etc/x.png").is_some());
        assert!(figure_path_problem("\\\\server\\x.png").is_some());
        assert!(figure_path_problem("a/../x.png").is_none());
        assert!(figure_path_problem("media/x.png").is_none());
        assert!(figure_path_problem("").is_none());
    }
}
