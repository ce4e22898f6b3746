//! A rendered page, minified for writing. Highlighted code stands in the
//! page as markers (`\u{E000}dz:<n>\u{E001}`) and is spliced back after
//! minification: syntect's spans are already minimal, and passing them
//! through minify-html took half the time of a build.

/// A rendered page: HTML with markers, and the code they stand for.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub(crate) html: String,
    pub(crate) code: Vec<String>,
}

const MARK_OPEN: &str = "\u{E000}dz:";
const MARK_CLOSE: char = '\u{E001}';

/// Keeps `html` aside and returns the marker that stands for it in the page.
pub(crate) fn splice_marker(code: &mut Vec<String>, html: String) -> String {
    code.push(html);
    format!("{MARK_OPEN}{}{MARK_CLOSE}", code.len() - 1)
}

impl Rendered {
    /// The page as written: minified, code put back.
    pub fn minified(&self) -> Vec<u8> {
        self.splice(&minify(&self.html))
    }

    /// The whole page, not minified (for checks and snapshots).
    pub fn full(&self) -> String {
        String::from_utf8(self.splice(self.html.as_bytes())).unwrap_or_default()
    }

    /// `html` with each marker replaced by its code. A marker that names no
    /// code (a page's own text can hold the private-use characters) is
    /// left as it is.
    fn splice(&self, html: &[u8]) -> Vec<u8> {
        let open = MARK_OPEN.as_bytes();
        let mut close = [0u8; 4];
        let close = MARK_CLOSE.encode_utf8(&mut close).as_bytes();
        let extra: usize = self.code.iter().map(String::len).sum();
        let mut out = Vec::with_capacity(html.len() + extra);
        let mut rest = html;
        while let Some(at) = find(rest, open) {
            out.extend_from_slice(&rest[..at]);
            let after = &rest[at + open.len()..];
            let end = find(after, close);
            let code = end
                .and_then(|end| std::str::from_utf8(&after[..end]).ok())
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.code.get(n));
            if let (Some(code), Some(end)) = (code, end) {
                out.extend_from_slice(code.as_bytes());
                rest = &after[end + close.len()..];
            } else {
                out.extend_from_slice(open);
                rest = after;
            }
        }
        out.extend_from_slice(rest);
        out
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

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
        Rendered { html, code: kept }
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
    fn markers_name_their_own_code() {
        let rendered = page("{1}|{0}", &["zero", "one"]);
        assert_eq!(rendered.full(), "one|zero");
    }

    #[test]
    fn a_stray_marker_is_kept_as_text() {
        let stray = format!("a{MARK_OPEN}7{MARK_CLOSE}b{MARK_OPEN}");
        let rendered = Rendered { html: stray.clone(), code: vec!["x".into()] };
        assert_eq!(rendered.full(), stray);
    }
}
