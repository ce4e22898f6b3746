//! A rendered page, made ready for writing. Most pages come from templates
//! made compact when they were loaded ([`compact_template`](mod@crate::render::compact_template))
//! and are written as rendered; the others are minified by minify-html.
//! Highlighted code stands in the
//! page as markers (`\u{E000}dz:<n>\u{E001}`) and is spliced back after
//! minification: syntect's spans are already minimal, and passing them
//! through minify-html took half the time of a build. The article rows'
//! Markdown HTML, made compact by `compact`, stands in the page the same
//! way (most of an article page's bytes). Long plain values of `data-*`
//! attributes are lifted out before minification and put back after.

use memchr::memmem::Finder;
use std::sync::LazyLock;

/// A rendered page: HTML with markers, and the code they stand for.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// As Tera wrote it (UTF-8: every template and variable is).
    pub(crate) html: Vec<u8>,
    pub(crate) code: Vec<String>,
    /// Whether the page needs minify-html: its template could not be made
    /// compact when loaded ([`compact_template`](mod@crate::render::compact_template)).
    pub(crate) minify: bool,
}

const MARK_OPEN: &str = "\u{E000}dz:";
const MARK_CLOSE: char = '\u{E001}';

// memmem's finders, made once: making one for each search cost more than
// the searches on most pages.
static FIND_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(MARK_OPEN.as_bytes()));
static FIND_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{E001}".as_bytes()));
static FIND_DATA: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b" data-"));
static FIND_BREAK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b">\n"));

/// Keeps `html` aside and returns the marker that stands for it in the page.
pub(crate) fn splice_marker(code: &mut Vec<String>, html: String) -> String {
    code.push(html);
    format!("{MARK_OPEN}{}{MARK_CLOSE}", code.len() - 1)
}

impl Rendered {
    /// The page as written: minified (unless its template is compact
    /// already), code put back.
    pub fn minified(&self) -> Vec<u8> {
        if !self.minify {
            return self.parts_to(|parts| parts.concat());
        }
        let mut pieces: Vec<&str> = self.code.iter().map(String::as_str).collect();
        let html = String::from_utf8_lossy(&self.html);
        let html = lift_values(&html, &mut pieces);
        splice(&minify(&html), &pieces)
    }

    /// Hands the page as written to `write` in parts, in order: for a page
    /// that needs no minifying, its HTML and code as they are, not copied
    /// into one buffer first.
    pub fn parts_to<R>(&self, write: impl FnOnce(&[&[u8]]) -> R) -> R {
        if self.minify {
            return write(&[&self.minified()]);
        }
        let pieces: Vec<&str> = self.code.iter().map(String::as_str).collect();
        write(&spliced(&self.html, &pieces))
    }

    /// The whole page, not minified (for checks and snapshots).
    pub fn full(&self) -> String {
        let pieces: Vec<&str> = self.code.iter().map(String::as_str).collect();
        String::from_utf8(splice(&self.html, &pieces)).unwrap_or_default()
    }
}

/// Whether minify-html leaves an attribute value of these bytes as it is
/// (no entities, quotes or white space but single spaces to weigh): letters,
/// digits, `-?_.,`, spaces and any non-ASCII character but the markers'.
fn plain_value(value: &str) -> bool {
    value.len() >= 16
        && !value.starts_with(' ')
        && !value.ends_with(' ')
        && !value.contains("  ")
        && !value.contains(MARK_OPEN)
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b" -?_.,".contains(&b) || b >= 0x80)
}

/// `html` with each long plain `data-*="…"` value replaced by a marker
/// naming its place in `pieces`. A value with a space gets a marker with one,
/// so minify-html quotes it and orders the attribute as it would the value.
fn lift_values<'a>(html: &'a str, pieces: &mut Vec<&'a str>) -> std::borrow::Cow<'a, str> {
    let mut out = String::new();
    let mut done = 0;
    let mut from = 0;
    while let Some(at) = FIND_DATA.find(&html.as_bytes()[from..]).map(|at| from + at) {
        from = at + 1;
        let rest = &html[from..];
        let Some(eq) =
            rest.find("=\"").filter(|&eq| rest[..eq].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        else {
            continue;
        };
        let start = from + eq + 2;
        let Some(len) = html[start..].find('"') else { break };
        let value = &html[start..start + len];
        if !plain_value(value) {
            continue;
        }
        out.push_str(&html[done..start]);
        let space = if value.contains(' ') { " " } else { "" };
        out.push_str(&format!("{MARK_OPEN}{}{space}{MARK_CLOSE}", pieces.len()));
        pieces.push(value);
        done = start + len;
        from = done;
    }
    if done == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[done..]);
    std::borrow::Cow::Owned(out)
}

/// `html` with each marker replaced by its piece. A marker that names no
/// piece (a page's own text can hold the private-use characters) is left as
/// it is.
fn splice(html: &[u8], pieces: &[&str]) -> Vec<u8> {
    spliced(html, pieces).concat()
}

/// [`splice`] in parts: runs of `html` between markers, and the pieces.
fn spliced<'a>(html: &'a [u8], pieces: &[&'a str]) -> Vec<&'a [u8]> {
    let open = MARK_OPEN.as_bytes();
    let close_len = MARK_CLOSE.len_utf8();
    let mut out = Vec::with_capacity(2 * pieces.len() + 1);
    let mut rest = html;
    // Where the current run of `html` began.
    let mut run = html;
    while let Some(at) = FIND_OPEN.find(rest) {
        let after = &rest[at + open.len()..];
        let end = FIND_CLOSE.find(after);
        let piece = end
            .and_then(|end| std::str::from_utf8(&after[..end]).ok())
            .and_then(|n| n.trim_end_matches(' ').parse::<usize>().ok())
            .and_then(|n| pieces.get(n));
        if let (Some(piece), Some(end)) = (piece, end) {
            out.push(&run[..run.len() - rest.len() + at]);
            out.push(piece.as_bytes());
            rest = &after[end + close_len..];
            run = rest;
        } else {
            rest = after;
        }
    }
    out.push(run);
    out.retain(|part| !part.is_empty());
    out
}

/// Markdown's HTML (pulldown-cmark's) without the line breaks it puts after
/// a block's tags, which a page shows as nothing: what minify-html would take
/// out of it. A break after an inline tag is a space and stays; HTML with a
/// `<pre>` keeps them all.
pub(crate) fn compact(mut html: String) -> String {
    let first_break = FIND_BREAK.find(html.as_bytes());
    // A break only at the very end (a single paragraph) goes with the others.
    if first_break.is_none_or(|at| at + 2 == html.len()) || html.contains("<pre") {
        html.truncate(html.trim_end_matches('\n').len());
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(">\n") {
        out.push_str(&rest[..=at]);
        let tag = out.rfind('<').map_or("", |open| &out[open + 1..]);
        let name = tag.trim_start_matches('/').split([' ', '>', '/']).next().unwrap_or("");
        rest = &rest[at + 2..];
        if !BLOCK_TAGS.contains(&name) {
            out.push('\n');
        }
    }
    out.push_str(rest);
    out.truncate(out.trim_end_matches('\n').len());
    out
}

/// The block tags of Markdown's HTML, after which a line break shows nothing.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
];

/// Minifies a rendered page.
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        // No inline CSS or JS to speak of; the CSS minifier's start-up
        // (browser tables) cost more per page than it saved.
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str, code: &[&str]) -> Rendered {
        let mut kept = Vec::new();
        let mut html = body.to_string();
        for (n, c) in code.iter().enumerate() {
            html = html.replace(&format!("{{{n}}}"), &splice_marker(&mut kept, c.to_string()));
        }
        Rendered { html: html.into_bytes(), code: kept, minify: true }
    }

    #[test]
    fn code_comes_back_after_minification_untouched() {
        let code = "<span class=\"hl-a\">  x  </span>\n<span>y</span>";
        let rendered = page(
            "<html><head></head><body><p>  a   b  </p><pre><code>{0}</code></pre></body></html>",
            &[code],
        );
        let out = String::from_utf8(rendered.minified()).unwrap();
        assert!(out.contains(code), "{out}");
        assert!(out.starts_with("<html><head><body><p>a b<pre><code>"), "white space collapsed: {out}");
        assert!(!out.contains('\u{E000}'), "{out}");
        assert_eq!(
            rendered.full(),
            format!("<html><head></head><body><p>  a   b  </p><pre><code>{code}</code></pre></body></html>")
        );
    }

    #[test]
    fn lifted_attribute_values_come_back_as_minify_html_writes_them() {
        let html = concat!(
            "<div class=\"zh\" lang=\"zh-Hans\" data-py=\"chóng-qìng zǔ-zhī yín-háng rén\">a</div>",
            "<div class=\"zh\" data-py=\"chóng-qìng-zǔ-zhī-yín-háng\" lang=\"zh\">b</div>",
            "<div data-py=\"short one\" data-x=\"a &amp; b c d e f g h i j\"> data-py=\"in the text, not a tag\"</div>",
        );
        let rendered = Rendered { html: html.into(), code: Vec::new(), minify: true };
        let lifted = lift_values(html, &mut Vec::new());
        assert_eq!(lifted.matches(MARK_OPEN).count(), 3, "{lifted}");
        assert_eq!(String::from_utf8(rendered.minified()).unwrap(), String::from_utf8(minify(html)).unwrap());
    }

    #[test]
    fn compact_markdown_loses_only_the_breaks_between_tags() {
        assert_eq!(compact("<p>a\nb</p>\n".into()), "<p>a\nb</p>");
        assert_eq!(
            compact("<ul>\n<li>a</li>\n<li><em>b</em>\n<b>c</b></li>\n</ul>\n".into()),
            "<ul><li>a</li><li><em>b</em>\n<b>c</b></li></ul>"
        );
        assert_eq!(compact("<pre><code>a\n</code></pre>\n".into()), "<pre><code>a\n</code></pre>");
    }

    #[test]
    fn markers_name_their_own_code() {
        let rendered = page("{1}|{0}", &["zero", "one"]);
        assert_eq!(rendered.full(), "one|zero");
    }

    #[test]
    fn a_stray_marker_is_kept_as_text() {
        let stray = format!("a{MARK_OPEN}7{MARK_CLOSE}b{MARK_OPEN}");
        let rendered = Rendered { html: stray.clone().into_bytes(), code: vec!["x".into()], minify: true };
        assert_eq!(rendered.full(), stray);
    }
}
