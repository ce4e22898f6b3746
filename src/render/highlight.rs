//! Syntax highlighting with syntect, as CSS classes (`hl-*`) so one
//! stylesheet serves light, dark and print.

use memchr::memmem::Finder;
use std::sync::LazyLock;
use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

mod toml;

/// Made once: memmem's finder for each search cost more than the search.
static BLANK_LINE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\n\n"));

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// syntect ships no TOML grammar; front matter needs one.
const TOML_SYNTAX: &str = r#"%YAML 1.2
---
name: TOML
file_extensions: [toml]
scope: source.toml
contexts:
  main:
    - match: '#.*$'
      scope: comment.line.number-sign.toml
    - match: '^\s*(\[\[?)([^\]]*)(\]\]?)'
      captures:
        1: punctuation.definition.table.toml
        2: entity.name.section.toml
        3: punctuation.definition.table.toml
    - match: '([A-Za-z0-9_-]+)\s*(=)'
      captures:
        1: entity.name.tag.toml
        2: keyword.operator.assignment.toml
    - match: '"""'
      push: multi
    - match: '"'
      push: string
    - match: "'[^']*'"
      scope: string.quoted.single.toml
    - match: '\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:\d{2})?)?'
      scope: constant.other.date.toml
    - match: '\b(true|false)\b'
      scope: constant.language.boolean.toml
    - match: '[+-]?\b\d[\d_]*(\.\d+)?([eE][+-]?\d+)?\b'
      scope: constant.numeric.toml
  string:
    - meta_scope: string.quoted.double.toml
    - match: '\\.'
      scope: constant.character.escape.toml
    - match: '"'
      pop: true
    - match: '$'
      pop: true
  multi:
    - meta_scope: string.quoted.triple.toml
    - match: '"""'
      pop: true
"#;

/// The grammars, built once per run and shared by every page.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// TOML alone: adding it to the default set would rebuild (and
    /// recompress) every bundled grammar on each run.
    toml: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        let mut builder = syntect::parsing::SyntaxSetBuilder::new();
        if let Ok(toml) = SyntaxDefinition::load_from_str(TOML_SYNTAX, true, None) {
            builder.add(toml);
        }
        Highlighter { syntaxes: SyntaxSet::load_defaults_newlines(), toml: builder.build() }
    }

    /// `code` as HTML spans, for a grammar found by file extension
    /// (`toml`, `md`, `bib`); plain escaped text if there is none.
    pub fn highlight(&self, code: &str, extension: &str) -> String {
        if extension == "toml"
            && let Some(html) = toml::html(code)
        {
            return html;
        }
        self.syntect(code, extension)
    }

    /// `code` highlighted by syntect itself.
    fn syntect(&self, code: &str, extension: &str) -> String {
        let set = if extension == "toml" { &self.toml } else { &self.syntaxes };
        let Some(syntax) = set.find_syntax_by_extension(extension) else {
            return escape(code);
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return escape(code);
            }
        }
        generator.finalize()
    }

    /// A Markdown file with `+++` TOML front matter, each part in its grammar.
    pub fn markdown_file(&self, text: &str) -> String {
        let parts = text.strip_prefix("+++\n").and_then(|rest| rest.split_once("\n+++\n"));
        match parts {
            Some((front, body)) => format!(
                "<span class=\"hl-punctuation\">+++</span>\n{}\n<span class=\"hl-punctuation\">+++</span>\n{}",
                self.highlight(&format!("{front}\n"), "toml").trim_end_matches('\n'),
                self.markdown_body(body)
            ),
            None => self.markdown_body(text),
        }
    }

    /// Markdown, one top-level block at a time: blocks of plain text (most
    /// of a newspaper article) get the grammar's paragraph class directly,
    /// the rest go through syntect. Running syntect's Markdown grammar over
    /// long lines of Chinese costs milliseconds per article.
    fn markdown_body(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len() * 2);
        out.push_str("<span class=\"hl-text hl-html hl-markdown\">");
        let mut rest = body;
        while !rest.is_empty() {
            let blank = rest.len() - rest.trim_start_matches('\n').len();
            out.push_str(&rest[..blank]);
            rest = &rest[blank..];
            let end = BLANK_LINE.find(rest.as_bytes()).map_or(rest.len(), |i| i + 2);
            let (chunk, tail) = rest.split_at(end);
            rest = tail;
            if chunk.trim().is_empty() {
                out.push_str(chunk);
            } else if is_plain(chunk) {
                out.push_str("<span class=\"hl-meta hl-paragraph hl-markdown\">");
                escape_to(&mut out, chunk);
                out.push_str("</span>");
            } else {
                out.push_str(&self.highlight(chunk, "md"));
            }
        }
        out.push_str("</span>");
        out
    }
}

/// The code background of the default theme's `pre.code` (`--tint` in
/// style.css), light and dark: token colours are adjusted against these.
const LIGHT_BACKGROUND: (u8, u8, u8) = (0xf2, 0xef, 0xe8);
const DARK_BACKGROUND: (u8, u8, u8) = (0x21, 0x1f, 0x1c);

/// WCAG AA for normal text is 4.5:1; a little more so rounding never fails.
const MIN_CONTRAST: f64 = 4.6;

/// Stylesheet for the `hl-*` classes: a light theme, a dark one under
/// `prefers-color-scheme: dark`, each in its own media block so no light
/// colour leaks into dark mode. Every token colour is darkened (light) or
/// lightened (dark) until it reaches 4.6:1 on the code background.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str, background| {
        themes
            .themes
            .get(name)
            .map(|t| readable(t.clone(), background))
            .and_then(|t| css_for_theme_with_class_style(&t, STYLE).ok())
            .unwrap_or_default()
    };
    format!(
        "/* syntect: InspiredGitHub, base16-ocean.dark, colours raised to {MIN_CONTRAST}:1 */
@media not screen, (prefers-color-scheme: light) {{
{}
}}
@media screen and (prefers-color-scheme: dark) {{
{}
}}
",
        css("InspiredGitHub", LIGHT_BACKGROUND),
        css("base16-ocean.dark", DARK_BACKGROUND)
    )
}

/// `theme` with every foreground readable on `background` and no
/// backgrounds of its own (the page's code background shows through).
fn readable(mut theme: Theme, background: (u8, u8, u8)) -> Theme {
    let fix = |c: &mut Option<Color>| {
        if let Some(color) = c.as_mut() {
            *color = with_contrast(*color, background);
        }
    };
    fix(&mut theme.settings.foreground);
    theme.settings.background = None;
    for item in &mut theme.scopes {
        fix(&mut item.style.foreground);
        item.style.background = None;
    }
    theme
}

/// `color` moved towards black or white (whichever is away from
/// `background`) in small steps until it reaches [`MIN_CONTRAST`].
fn with_contrast(color: Color, background: (u8, u8, u8)) -> Color {
    let bg = luminance(background);
    let target = if bg > 0.5 { 0.0 } else { 255.0 };
    let mut rgb = (f64::from(color.r), f64::from(color.g), f64::from(color.b));
    for _ in 0..50 {
        let l = luminance_f(rgb);
        if (l.max(bg) + 0.05) / (l.min(bg) + 0.05) >= MIN_CONTRAST {
            break;
        }
        let step = |v: f64| v + (target - v) * 0.08;
        rgb = (step(rgb.0), step(rgb.1), step(rgb.2));
    }
    // Channels stay within 0..=255 by construction (moving towards 0 or 255).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let byte = |v: f64| v.round().clamp(0.0, 255.0) as u8;
    Color { r: byte(rgb.0), g: byte(rgb.1), b: byte(rgb.2), a: color.a }
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    luminance_f((f64::from(r), f64::from(g), f64::from(b)))
}

/// WCAG relative luminance of an sRGB colour with channels 0–255.
fn luminance_f((r, g, b): (f64, f64, f64)) -> f64 {
    let lin = |v: f64| {
        let c = v / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// Whether a Markdown block is a paragraph of text with no markup at all.
fn is_plain(chunk: &str) -> bool {
    let lead = chunk.trim_start();
    let list_item = lead.starts_with(['-', '+', '=', '*'])
        || lead.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')'])
            && lead.starts_with(|c: char| c.is_ascii_digit());
    !list_item
        && !chunk.lines().any(|l| l.starts_with("    ") || l.starts_with('\t'))
        && !chunk.bytes().any(|b| {
            matches!(b, b'#' | b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'\\' | b'&')
        })
}

/// `text` escaped as syntect escapes it (`'` too), for HTML that must be
/// the bytes syntect would write.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    push_escaped(out, text, true);
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_to(&mut out, text);
    out
}

/// [`escape`], onto the end of `out`.
fn escape_to(out: &mut String, text: &str) {
    push_escaped(out, text, false);
}

/// `text` onto `out` with `&<>"` (and `'` if `apostrophe`) as entities.
fn push_escaped(out: &mut String, text: &str, apostrophe: bool) {
    escape_pieces(text, apostrophe, |piece| out.push_str(piece));
}

/// Tera's escape function: the same entities as Tera's own (`&<>"'`), as
/// [`escape_into`] writes them, but copying the text between them whole
/// rather than a byte at a time.
pub(crate) fn escape_for_tera(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_pieces(text, true, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// `text` in pieces to `emit`: runs of text as they are, and `&<>"` (and
/// `'` if `apostrophe`) as entities.
fn escape_pieces(text: &str, apostrophe: bool, mut emit: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let quote = if apostrophe { b'\'' } else { b'"' };
    let mut last = 0;
    // Most text has none of these: find them with memchr, not byte by byte.
    while let Some(at) =
        [memchr::memchr3(b'&', b'<', b'>', &bytes[last..]), memchr::memchr2(b'"', quote, &bytes[last..])]
            .into_iter()
            .flatten()
            .min()
    {
        let i = last + at;
        emit(&text[last..i]);
        emit(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        last = i + 1;
    }
    emit(&text[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_front_matter_and_body() {
        let h = Highlighter::new();
        let html = h.markdown_file("+++\ntitle = \"标题\"\ndate = 2020-02-27\n+++\n\n## 小标题\n");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("标题"));
        assert!(h.highlight("a = 1\n", "toml").contains("hl-toml"), "the TOML grammar loads");
    }

    #[test]
    fn plain_paragraphs_skip_the_grammar() {
        assert!(is_plain("2月27日下午，两辆(负压)救护车抵达。\n"));
        // `!` is markup only before `[` (an image), which `[` already catches.
        assert!(is_plain("备战有我!担当有我!\n"));
        assert!(!is_plain("## 小标题\n"));
        assert!(!is_plain("1. 一\n2. 二\n"));
        assert!(!is_plain("![图](a.jpg)\n"));
        let h = Highlighter::new();
        let html = h.markdown_file("+++\ntitle = \"a\"\n+++\n\n第一段。\n\n## 二\n\n<b>x</b>\n");
        assert!(html.contains("<span class=\"hl-meta hl-paragraph hl-markdown\">第一段。"), "{html}");
        assert!(html.contains("hl-heading"), "{html}");
        // Raw HTML in the Markdown is highlighted as a tag, and escaped.
        assert!(html.contains("hl-tag hl-inline"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn bibtex_grammar() {
        let h = Highlighter::new();
        let html = h.highlight("@article{x,\n  title = {A<b>},\n}\n", "bib");
        assert!(html.contains("hl-entry-type hl-bibtex"), "the BibTeX grammar is found: {html}");
        assert!(
            html.contains("<span class=\"hl-entity hl-name hl-type hl-entry-key hl-bibtex\">x</span>"),
            "{html}"
        );
        assert!(html.contains("hl-key hl-bibtex\">title</span>"), "{html}");
        assert!(html.contains("A&lt;b&gt;"), "the value is escaped: {html}");
    }

    #[test]
    fn token_colours_reach_aa_contrast_in_both_schemes() {
        let ratio = |c: Color, bg| {
            let (a, b) = (luminance((c.r, c.g, c.b)), luminance(bg));
            (a.max(b) + 0.05) / (a.min(b) + 0.05)
        };
        let tag = Color { r: 0x63, g: 0xa3, b: 0x5c, a: 0xff };
        assert!(ratio(tag, LIGHT_BACKGROUND) < 3.0, "InspiredGitHub's tag green fails as shipped");
        assert!(ratio(with_contrast(tag, LIGHT_BACKGROUND), LIGHT_BACKGROUND) >= 4.5);
        let red = Color { r: 0xbf, g: 0x61, b: 0x6a, a: 0xff };
        assert!(ratio(with_contrast(red, DARK_BACKGROUND), DARK_BACKGROUND) >= 4.5);
        let css = stylesheet();
        assert!(
            !css.contains("#63a35c") && !css.contains("#969896"),
            "the failing greys and greens are gone"
        );
        assert!(
            css.contains("@media not screen, (prefers-color-scheme: light)"),
            "light rules stay out of dark mode"
        );
    }

    #[test]
    fn tera_escapes_as_its_own_escape_function_does() {
        for text in ["", "plain 文字", "a <b> & \"c\" 'd'", "'&'<>\"\"x", "China's “quoted” <i>"] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_for_tera(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(teras).unwrap(), "{text}");
        }
    }

    #[test]
    fn unknown_grammars_give_escaped_text() {
        let h = Highlighter::new();
        assert_eq!(h.highlight("a <b> & \"c\"", "no-such-grammar"), "a &lt;b&gt; &amp; &quot;c&quot;");
    }
}
