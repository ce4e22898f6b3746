//! The one rule for the addresses a page may link to: `http:`, `https:`,
//! `mailto:`, relative paths and `#` anchors. Render, check and the SVG
//! check all ask [`is_safe_url`]; nothing else decides it.

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

#[cfg(test)]
mod tests {
    use super::*;

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
