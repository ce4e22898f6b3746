//! Syntax highlighting with syntect, as CSS classes (`hl-*`) so one
//! stylesheet serves light, dark and print.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

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
            let end = rest.find("\n\n").map_or(rest.len(), |i| i + 2);
            let (chunk, tail) = rest.split_at(end);
            rest = tail;
            if chunk.trim().is_empty() {
                out.push_str(chunk);
            } else if is_plain(chunk) {
                out.push_str("<span class=\"hl-meta hl-paragraph hl-markdown\">");
                out.push_str(&escape(chunk));
                out.push_str("</span>");
            } else {
                out.push_str(&self.highlight(chunk, "md"));
            }
        }
        out.push_str("</span>");
        out
    }
}

/// Stylesheet for the `hl-*` classes: a light theme, a dark one under
/// `prefers-color-scheme: dark`.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .unwrap_or_default()
    };
    format!(
        "/* syntect: InspiredGitHub, base16-ocean.dark */\n{}\n@media screen and (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

/// Whether a Markdown block is a paragraph of text with no markup at all.
fn is_plain(chunk: &str) -> bool {
    let lead = chunk.trim_start();
    let list_item = lead.starts_with(['-', '+', '=', '*'])
        || lead.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')'])
            && lead.starts_with(|c: char| c.is_ascii_digit());
    !list_item
        && !chunk.lines().any(|l| l.starts_with("    ") || l.starts_with('\t'))
        && !chunk.contains(['#', '*', '_', '`', '[', ']', '<', '>', '|', '~', '\\', '&'])
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
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
    fn unknown_grammars_give_escaped_text() {
        let h = Highlighter::new();
        assert_eq!(h.highlight("a <b> & \"c\"", "no-such-grammar"), "a &lt;b&gt; &amp; &quot;c&quot;");
    }
}
