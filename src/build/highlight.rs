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
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
        if let Ok(toml) = SyntaxDefinition::load_from_str(TOML_SYNTAX, true, None) {
            builder.add(toml);
        }
        Highlighter {
            syntaxes: builder.build(),
        }
    }

    /// `code` as HTML spans, for a grammar found by file extension
    /// (`toml`, `md`, `bib`); plain escaped text if there is none.
    pub fn highlight(&self, code: &str, extension: &str) -> String {
        let Some(syntax) = self.syntaxes.find_syntax_by_extension(extension) else {
            return escape(code);
        };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return escape(code);
            }
        }
        generator.finalize()
    }

    /// A Markdown file with `+++` TOML front matter, each part in its grammar.
    pub fn markdown_file(&self, text: &str) -> String {
        let parts = text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"));
        match parts {
            Some((front, body)) => format!(
                "<span class=\"hl-punctuation\">+++</span>\n{}\n<span class=\"hl-punctuation\">+++</span>\n{}",
                self.highlight(&format!("{front}\n"), "toml")
                    .trim_end_matches('\n'),
                self.highlight(body, "md")
            ),
            None => self.highlight(text, "md"),
        }
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
        assert!(!h.highlight("a = 1\n", "toml").is_empty());
    }

    #[test]
    fn bibtex_grammar() {
        let h = Highlighter::new();
        eprintln!("{}", h.highlight("@article{x,\n  title = {A},\n}\n", "bib"));
    }
}
