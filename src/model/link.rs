//! The one rule for the addresses a page may link to: `http:`, `https:`,
//! `mailto:`, relative paths and `#` anchors. Render, check and the SVG
//! check all ask [`is_safe_url`]; nothing else decides it. Also where the
//! links of a Markdown text are ([`links`]) and what an editor is told about
//! the ones that break the rule ([`link_diagnostics`]), for load and check.

use crate::error::{Diagnostic, Location};
use pulldown_cmark::{Event, Parser, Tag};
use std::path::Path;

/// What [`is_safe_url`] allows, for messages.
pub const ALLOWED: &str = "only http:, https:, mailto:, relative paths and # anchors are";

const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The scheme of `url` as a browser reads it, lower-cased, or `None` for a
/// relative address. Browsers drop tabs and newlines anywhere and control
/// characters and spaces at the ends; this drops every white-space, control
/// and invisible format character, so `java\tscript:` and ` JaVaScRiPt:`
/// are both `javascript`.
///
/// ```
/// use duizhao::model::link::scheme;
/// assert_eq!(scheme(" JaVa\tScript:alert(1)").as_deref(), Some("javascript"));
/// assert_eq!(scheme("../index.html#p3"), None);
/// assert_eq!(scheme("a/b:c"), None);
/// ```
pub fn scheme(url: &str) -> Option<String> {
    let (before, _) = url.split_once(':')?;
    let mut name = String::new();
    for c in before.chars().filter(|&c| !ignored(c)) {
        // A path, query or fragment before the colon: a relative address.
        if matches!(c, '/' | '?' | '#' | '\\') {
            return None;
        }
        name.push(c.to_ascii_lowercase());
    }
    // An invalid scheme makes a browser read the address as a relative path.
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(name)
}

/// Characters a browser drops from an address, or that a reader cannot see.
fn ignored(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether a page may link to `url`: `http:`, `https:`, `mailto:`, or no
/// scheme at all (a relative path or a `#` anchor).
///
/// ```
/// use duizhao::model::link::is_safe_url;
/// assert!(is_safe_url("https://example.org/"));
/// assert!(is_safe_url("MAILTO:editor@example.org"));
/// assert!(is_safe_url("../regions/index.html"));
/// assert!(is_safe_url("#p3"));
/// assert!(!is_safe_url("javascript:alert(1)"));
/// assert!(!is_safe_url("\u{1}java\nscript:alert(1)"));
/// assert!(!is_safe_url("data:text/html;base64,PHNjcmlwdD4="));
/// ```
pub fn is_safe_url(url: &str) -> bool {
    scheme(url).is_none_or(|s| SAFE_SCHEMES.contains(&s.as_str()))
}

/// Whether `url` can be the address the site is published at: an `http://`
/// or `https://` URL with a host and no white space or quotes.
///
/// ```
/// use duizhao::model::link::is_site_url;
/// assert!(is_site_url("https://example.org/edition/"));
/// assert!(!is_site_url("javascript:alert(1)//"));
/// assert!(!is_site_url("https://"));
/// assert!(!is_site_url("example.org"));
/// ```
pub fn is_site_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !url.chars().any(|c| ignored(c) || matches!(c, '"' | '\'' | '<' | '>' | '`'))
}

/// `url` cut to a length a message can show.
pub fn shown(url: &str) -> String {
    const MAX: usize = 60;
    let printable: String = url.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if printable.chars().count() <= MAX {
        return printable;
    }
    printable.chars().take(MAX).chain(std::iter::once('…')).collect()
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

    #[test]
    fn schemes_browsers_would_run_are_refused_however_written() {
        for url in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{0}javascript:alert(1)",
            "\u{200B}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(url), "{url:?} passed");
        }
    }

    #[test]
    fn ordinary_links_pass() {
        for url in [
            "http://example.org",
            "HTTPS://example.org/a?b=c#d",
            "mailto:a@example.org",
            "a@example.org",
            "index.html",
            "../articles/x.html#p2",
            "#p1",
            "",
            "//example.org/x",
            "2020-02-02-x.html",
            "a/b:c.html",
        ] {
            assert!(is_safe_url(url), "{url:?} refused");
        }
    }
}
