//! TOML as HTML spans without syntect: the rules of the TOML grammar
//! (`TOML_SYNTAX` in `highlight.rs`) applied as syntect applies them (at
//! each place, the first rule that matches there; else the next place), so
//! the output is the same bytes at a small part of the cost: front matter is
//! on every article page. Where a rule's outcome would hang on Unicode
//! classes (`\s`, `\d`, `\b` at a non-ASCII character), [`html`] gives up
//! and the caller asks syntect.

use super::escape_into;

const SOURCE: &str = "hl-source hl-toml";
const COMMENT: &str = "hl-comment hl-line hl-number-sign hl-toml";
const TABLE: &str = "hl-punctuation hl-definition hl-table hl-toml";
const SECTION: &str = "hl-entity hl-name hl-section hl-toml";
const KEY: &str = "hl-entity hl-name hl-tag hl-toml";
const ASSIGN: &str = "hl-keyword hl-operator hl-assignment hl-toml";
const DOUBLE: &str = "hl-string hl-quoted hl-double hl-toml";
const ESCAPE: &str = "hl-constant hl-character hl-escape hl-toml";
const TRIPLE: &str = "hl-string hl-quoted hl-triple hl-toml";
const SINGLE: &str = "hl-string hl-quoted hl-single hl-toml";
const DATE: &str = "hl-constant hl-other hl-date hl-toml";
const BOOLEAN: &str = "hl-constant hl-language hl-boolean hl-toml";
const NUMBER: &str = "hl-constant hl-numeric hl-toml";

/// A rule met a character whose class depends on Unicode tables.
struct Unsure;

type Step<T> = Result<T, Unsure>;

/// A rule that finds where its match at a place ends.
type Rule<'a> = fn(&Lexer<'a>, usize) -> Step<Option<usize>>;

/// `text` highlighted as syntect would with the TOML grammar, `None` where
/// only syntect can say.
pub(super) fn html(text: &str) -> Option<String> {
    let mut lexer =
        Lexer { text, s: text.as_bytes(), html: String::with_capacity(text.len() * 4), plain: 0, limit: 0 };
    if text.is_empty() {
        return Some(lexer.html);
    }
    lexer.html.push_str(&format!("<span class=\"{SOURCE}\">"));
    lexer.run().ok()?;
    lexer.html.push_str("</span>");
    Some(lexer.html)
}

struct Lexer<'a> {
    text: &'a str,
    s: &'a [u8],
    html: String,
    /// Where the text not yet written, outside any token, starts.
    plain: usize,
    /// The end of the line being read, after its line break: syntect reads
    /// a line at a time, so no rule looks past it.
    limit: usize,
}

impl Lexer<'_> {
    fn run(&mut self) -> Step<()> {
        let mut p = 0;
        while p < self.s.len() {
            if p >= self.limit {
                self.limit = memchr::memchr(b'\n', &self.s[p..]).map_or(self.s.len(), |i| p + i + 1);
            }
            if self.s[p] >= 0x80 {
                // The date and number rules would ask whether it is a digit.
                return Err(Unsure);
            }
            p = match self.token(p)? {
                Some(end) => end,
                None => p + 1,
            };
        }
        self.flush(self.s.len());
        Ok(())
    }

    /// The first rule that matches at `p`, written out; where it ends.
    fn token(&mut self, p: usize) -> Step<Option<usize>> {
        let s = self.s;
        match s[p] {
            b'#' => {
                let end = self.line_end(p);
                self.span(p, COMMENT, end);
                return Ok(Some(end));
            }
            b'\n' => return Ok(None),
            _ => {}
        }
        if let Some(end) = self.table(p)? {
            return Ok(Some(end));
        }
        if let Some(end) = self.key(p)? {
            return Ok(Some(end));
        }
        if s[p..].starts_with(b"\"\"\"") {
            return Ok(Some(self.triple(p)));
        }
        if s[p] == b'"' {
            return Ok(Some(self.double(p)));
        }
        if s[p] == b'\'' {
            let end = self.line_end(p);
            if let Some(close) = s[p + 1..end].iter().position(|&b| b == b'\'') {
                let end = p + 1 + close + 1;
                self.span(p, SINGLE, end);
                return Ok(Some(end));
            }
        }
        // Rules that only find where their match ends, in the grammar's order.
        let rules: [(Rule<'_>, &str); 3] =
            [(Lexer::date, DATE), (Lexer::boolean, BOOLEAN), (Lexer::number, NUMBER)];
        for (rule, class) in rules {
            if let Some(end) = rule(self, p)? {
                self.span(p, class, end);
                return Ok(Some(end));
            }
        }
        Ok(None)
    }

    /// `^\s*(\[\[?)([^\]]*)(\]\]?)`
    fn table(&mut self, p: usize) -> Step<Option<usize>> {
        let s = self.s;
        if p > 0 && s[p - 1] != b'\n' {
            return Ok(None);
        }
        let open = self.spaces(p)?;
        if self.at(open) != Some(b'[') {
            return Ok(None);
        }
        let name = open + if self.at(open + 1) == Some(b'[') { 2 } else { 1 };
        let line_end = self.line_end(p);
        let Some(close) = s[name..line_end].iter().position(|&b| b == b']').map(|i| name + i) else {
            return Ok(None);
        };
        let end = close + if self.at(close + 1) == Some(b']') { 2 } else { 1 };
        self.span(open, TABLE, name);
        self.span(name, SECTION, close);
        self.span(close, TABLE, end);
        Ok(Some(end))
    }

    /// `([A-Za-z0-9_-]+)\s*(=)`
    fn key(&mut self, p: usize) -> Step<Option<usize>> {
        let s = self.s;
        let name =
            p + s[p..].iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-').count();
        if name == p {
            return Ok(None);
        }
        let eq = self.spaces(name)?;
        if self.at(eq) != Some(b'=') {
            return Ok(None);
        }
        self.span(p, KEY, name);
        self.span(eq, ASSIGN, eq + 1);
        Ok(Some(eq + 1))
    }

    /// `"""`, then the text up to the next `"""`, over lines.
    fn triple(&mut self, p: usize) -> usize {
        let end = memchr::memmem::find(&self.s[p + 3..], b"\"\"\"").map_or(self.s.len(), |i| p + 3 + i + 3);
        self.span(p, TRIPLE, end);
        end
    }

    /// `"`, then text with `\\.` escapes up to `"` or the end of the line.
    fn double(&mut self, p: usize) -> usize {
        self.flush(p);
        self.open(DOUBLE);
        let mut q = p + 1;
        let mut from = p;
        let end = loop {
            match self.at(q) {
                None | Some(b'\n') => break q,
                Some(b'"') => break q + 1,
                Some(b'\\') if self.at(q + 1).is_some_and(|b| b != b'\n') => {
                    self.text(from, q);
                    let after = q + 1 + self.text[q + 1..].chars().next().map_or(1, char::len_utf8);
                    self.open(ESCAPE);
                    self.text(q, after);
                    self.html.push_str("</span>");
                    from = after;
                    q = after;
                }
                Some(_) => q += 1,
            }
        };
        self.text(from, end);
        self.html.push_str("</span>");
        self.plain = end;
        end
    }

    /// `\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:\d{2})?)?`
    fn date(&self, p: usize) -> Step<Option<usize>> {
        let s = self.s;
        let mut i = p;
        for (n, sep) in [(4, Some(b'-')), (2, Some(b'-')), (2, None)] {
            if !self.digits(i, n)? {
                return Ok(None);
            }
            i += n;
            if let Some(sep) = sep {
                if self.at(i) != Some(sep) {
                    return Ok(None);
                }
                i += 1;
            }
        }
        if matches!(self.at(i), Some(b'T' | b' ')) {
            let time =
                s[i + 1..].iter().take_while(|&&b| b.is_ascii_digit() || b == b':' || b == b'.').count();
            if time > 0 {
                i += 1 + time;
                if self.at(i) == Some(b'Z') {
                    i += 1;
                } else if matches!(self.at(i), Some(b'+' | b'-'))
                    && self.digits(i + 1, 2)?
                    && self.at(i + 3) == Some(b':')
                    && self.digits(i + 4, 2)?
                {
                    i += 6;
                }
            }
        }
        Ok(Some(i))
    }

    /// `\b(true|false)\b`
    fn boolean(&self, p: usize) -> Step<Option<usize>> {
        let word = if self.s[p..].starts_with(b"true") {
            4
        } else if self.s[p..].starts_with(b"false") {
            5
        } else {
            return Ok(None);
        };
        Ok((self.boundary(p)? && self.boundary(p + word)?).then_some(p + word))
    }

    /// `[+-]?\b\d[\d_]*(\.\d+)?([eE][+-]?\d+)?\b`, tried in the order a
    /// backtracking matcher would.
    fn number(&self, p: usize) -> Step<Option<usize>> {
        let s = self.s;
        let start = p + usize::from(matches!(s[p], b'+' | b'-'));
        if !self.boundary(start)? || !self.digits(start, 1)? {
            return Ok(None);
        }
        let whole = 1 + self.class_run(start + 1, |b| b.is_ascii_digit() || b == b'_')?;
        for int_end in (start + 1..=start + whole).rev() {
            let mut fractions = Vec::new();
            if self.at(int_end) == Some(b'.') {
                let n = self.class_run(int_end + 1, |b| b.is_ascii_digit())?;
                fractions.extend((1..=n).rev().map(|k| int_end + 1 + k));
            }
            fractions.push(int_end);
            for fraction_end in fractions {
                let mut ends = Vec::new();
                if matches!(self.at(fraction_end), Some(b'e' | b'E')) {
                    let sign = usize::from(matches!(self.at(fraction_end + 1), Some(b'+' | b'-')));
                    let from = fraction_end + 1 + sign;
                    let n = self.class_run(from, |b| b.is_ascii_digit())?;
                    ends.extend((1..=n).rev().map(|k| from + k));
                }
                ends.push(fraction_end);
                for end in ends {
                    if self.boundary(end)? {
                        return Ok(Some(end));
                    }
                }
            }
        }
        Ok(None)
    }

    /// How many bytes from `i` satisfy `class`, for a class that is ASCII
    /// alone only outside Unicode: a non-ASCII byte after the run is unsure.
    fn class_run(&self, i: usize, class: impl Fn(u8) -> bool) -> Step<usize> {
        let n = self.s[i.min(self.limit)..self.limit].iter().take_while(|&&b| class(b)).count();
        match self.at(i + n) {
            Some(b) if b >= 0x80 => Err(Unsure),
            _ => Ok(n),
        }
    }

    /// Whether the `n` bytes from `i` are all digits (`\d{n}`).
    fn digits(&self, i: usize, n: usize) -> Step<bool> {
        for j in i..i + n {
            match self.at(j) {
                Some(b) if b.is_ascii_digit() => {}
                Some(b) if b >= 0x80 => return Err(Unsure),
                _ => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Where `\s*` from `i` ends.
    fn spaces(&self, i: usize) -> Step<usize> {
        Ok(i + self.class_run(i, |b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))?)
    }

    /// `\b` at `i`: a word character on one side only.
    fn boundary(&self, i: usize) -> Step<bool> {
        let word = |at: Option<u8>| match at {
            Some(b) if b >= 0x80 => Err(Unsure),
            Some(b) => Ok(b.is_ascii_alphanumeric() || b == b'_'),
            None => Ok(false),
        };
        let before = if i == 0 { Ok(false) } else { word(self.at(i - 1)) };
        Ok(before? != word(self.at(i))?)
    }

    /// The byte at `i`, `None` past the line.
    fn at(&self, i: usize) -> Option<u8> {
        (i < self.limit).then(|| self.s[i])
    }

    /// The end of the line holding `p`, before its line break.
    fn line_end(&self, p: usize) -> usize {
        memchr::memchr(b'\n', &self.s[p..]).map_or(self.s.len(), |i| p + i)
    }

    /// Writes the plain text before `at`.
    fn flush(&mut self, at: usize) {
        if self.plain < at {
            let plain = self.plain;
            self.text(plain, at);
        }
        self.plain = at;
    }

    /// `from..to` as a span of `class` (none if empty), after the plain text before it.
    fn span(&mut self, from: usize, class: &str, to: usize) {
        self.flush(from);
        if from < to {
            self.open(class);
            self.text(from, to);
            self.html.push_str("</span>");
        }
        self.plain = to;
    }

    fn open(&mut self, class: &str) {
        self.html.push_str("<span class=\"");
        self.html.push_str(class);
        self.html.push_str("\">");
    }

    fn text(&mut self, from: usize, to: usize) {
        escape_into(&mut self.html, &self.text[from..to]);
    }
}

#[cfg(test)]
mod tests {
    use super::html;
    use crate::render::highlight::Highlighter;
    use std::path::Path;

    /// The front matter of every article of the bundled and fixture editions.
    fn front_matters() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["content", "tests/fixtures/sites/basic/content", "tests/fixtures/sites/review/content"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                if let Some((front, _)) = text.strip_prefix("+++\n").and_then(|t| t.split_once("\n+++\n")) {
                    out.push((path.display().to_string(), format!("{front}\n")));
                }
            }
        }
        out
    }

    #[test]
    fn front_matter_comes_out_as_syntect_writes_it() {
        let h = Highlighter::new();
        let fronts = front_matters();
        assert!(fronts.len() > 30, "{}", fronts.len());
        for (path, front) in fronts {
            assert_eq!(html(&front).as_deref(), Some(h.syntect(&front, "toml").as_str()), "{path}");
        }
    }

    #[test]
    fn every_rule_as_syntect_applies_it() {
        let h = Highlighter::new();
        for text in [
            "[ingest]\n  [[reader]] # c\n[]\n[[a]\n[x\n",
            "a = 1\nb-c_d=2.5e-3\nc = +12_000\nd = 1e\ne = 1.\nf = -0.5E+7 x1 1x _1 1_\n",
            "t = true\nf = false\ng = trueish\nh = [true,false]\nxtrue = 1\n",
            "d = 2020-02-27\nt = 2020-02-27T08:30:00Z\nu = 2020-02-27 08:30:00+08:00\nv = 2020-02-27T\nw = 2020-02-27 x\n",
            "s = \"a \\\"q\\\" \\n \\u4e2d\"\nu = \"unclosed\nv = \"back\\\n'lit \"x\" #' = 'y'\n'open\n",
            "m = \"\"\"\nline \"one\"\n\"\"\" after = 1\nn = \"\"\"\"x\"\"\"\"\n",
            "a.b = 1\n\"q\" = 2\nx = { y = 1, z = [1, 2] }\n# only a comment\n\n\t\n",
            "<&> = '<&>'\nk = \"<&>\" # <&'\"\n",
            "no newline at the end = 1",
            "",
            "\n",
        ] {
            assert_eq!(html(text).as_deref(), Some(h.syntect(text, "toml").as_str()), "{text:?}");
        }
    }

    #[test]
    fn unicode_classes_are_left_to_syntect() {
        for text in ["a = １\n", "a\u{3000}= 1\n", "中 = 1\n", "a = 1中\n", "  \u{3000}[t]\n"] {
            assert_eq!(html(text), None, "{text:?}");
        }
        let h = Highlighter::new();
        assert_eq!(h.highlight("a = １\n", "toml"), h.syntect("a = １\n", "toml"));
        // Inside strings and comments any character is text.
        assert!(html("a = \"中\" # 中\nb = '中'\n[中]\n").is_some());
    }

    proptest::proptest! {
        #[test]
        fn any_text_comes_out_as_syntect_writes_it_or_is_left_to_it(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "key", "1", "2020", "-", "_", "+", ".", "e", "E", "T", ":", "=", " ", "\t", "\n",
                    "\"", "\"\"\"", "'", "\\", "#", "[", "[[", "]", "]]", ",", "{", "}", "true", "false", "<", "&",
                    "中", "１", "\u{3000}", "\r",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            if let Some(ours) = html(&text) {
                proptest::prop_assert_eq!(ours, Highlighter::new().syntect(&text, "toml"), "{:?}", text);
            }
        }
    }
}
