//! The template's source cut into HTML tags, text and Tera tags.

use super::{KEPT, VOID, is_space};

#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    /// Text between tags (HTML comments and Tera comments taken out).
    Text(String),
    /// A start tag, already written compact.
    Start {
        name: String,
        html: String,
        void: bool,
    },
    End {
        name: String,
        html: &'a str,
    },
    /// An element whose content is kept as written (`<pre>`, `<script>`…),
    /// start tag to end tag; or a `{% raw %}` block (`name` empty).
    Kept {
        name: String,
        html: String,
    },
    /// `{{ … }}`: prints text.
    Expr(&'a str),
    /// `{% … %}` and its first word.
    Stmt {
        kind: String,
        html: &'a str,
    },
    /// The doctype, or a comment that must stay.
    Other(String),
}

/// The end of a Tera tag opened at `from` (`{{`, `{%`, `{#`), past its
/// closer; quoted strings inside it may hold the closer.
fn tera_end(src: &str, from: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let close = match bytes[from + 1] {
        b'{' => b'}',
        b'%' => b'%',
        _ => b'#',
    };
    let mut i = from + 2;
    let mut quote = None;
    while i + 1 < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
        } else if close != b'#' && matches!(b, b'"' | b'\'' | b'`') {
            quote = Some(b);
        } else if b == close && bytes[i + 1] == b'}' {
            return Some(i + 2);
        }
        i += 1;
    }
    None
}

pub(super) fn is_tera_open(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'{' && matches!(bytes.get(i + 1), Some(b'{' | b'%' | b'#'))
}

pub(super) fn tokenize(src: &str) -> Option<Vec<Token<'_>>> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let flush = |text: &mut String, tokens: &mut Vec<Token<'_>>| {
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(text)));
        }
    };
    while i < bytes.len() {
        let rest = &src[i..];
        if is_tera_open(bytes, i) {
            let end = tera_end(src, i)?;
            let html = &src[i..end];
            if html.starts_with("{#") && !html.starts_with("{#-") && !html.ends_with("-#}") {
                // A comment prints nothing; the text on both sides joins.
            } else if html.starts_with("{{") {
                flush(&mut text, &mut tokens);
                tokens.push(Token::Expr(html));
            } else if html.starts_with("{#") {
                flush(&mut text, &mut tokens);
                tokens.push(Token::Stmt { kind: "#".into(), html });
            } else {
                flush(&mut text, &mut tokens);
                let kind = statement_kind(html);
                if kind == "raw" {
                    let close = raw_end(src, end)?;
                    tokens.push(Token::Kept { name: String::new(), html: src[i..close].into() });
                    i = close;
                    continue;
                }
                tokens.push(Token::Stmt { kind, html });
            }
            i = end;
        } else if rest.starts_with("<!--") {
            let end = i + rest.find("-->")? + 3;
            // A comment holding Tera tags stays: they may open or close a block.
            if src[i..end].contains('{') {
                flush(&mut text, &mut tokens);
                tokens.push(Token::Other(src[i..end].into()));
            }
            i = end;
        } else if rest.starts_with("<!") {
            let end = i + rest.find('>')? + 1;
            flush(&mut text, &mut tokens);
            let html = &src[i..end];
            let doctype = html.eq_ignore_ascii_case("<!doctype html>");
            tokens.push(Token::Other(if doctype { "<!doctype html>".into() } else { html.into() }));
            i = end;
        } else if rest.starts_with("</") && bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            let end = i + rest.find('>')? + 1;
            flush(&mut text, &mut tokens);
            let html = &src[i..end];
            let name = html[2..html.len() - 1].trim_end().to_ascii_lowercase();
            if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return None;
            }
            tokens.push(Token::End { name, html });
            i = end;
        } else if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            flush(&mut text, &mut tokens);
            let (tag, end) = start_tag(src, i)?;
            i = end;
            if let Token::Start { name, html, .. } = &tag
                && KEPT.contains(&name.as_str())
            {
                let close = kept_end(src, i, name)?;
                tokens.push(Token::Kept { name: name.clone(), html: format!("{html}{}", &src[i..close]) });
                i = close;
                continue;
            }
            tokens.push(tag);
        } else {
            let ch = rest.chars().next()?;
            text.push(ch);
            i += ch.len_utf8();
        }
    }
    flush(&mut text, &mut tokens);
    Some(tokens)
}

/// The first word of a `{% … %}` tag: `if`, `endfor`, `block`…
fn statement_kind(html: &str) -> String {
    let inner = html[2..].trim_start_matches('-').trim_start();
    inner.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("").to_string()
}

/// Past the `{% endraw %}` that closes a raw block whose opening tag ends at `from`.
fn raw_end(src: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let open = at + src[at..].find("{%")?;
        let end = tera_end(src, open)?;
        if statement_kind(&src[open..end]) == "endraw" {
            return Some(end);
        }
        at = end;
    }
}

/// Past the end tag of a kept element whose start tag ends at `from`.
fn kept_end(src: &str, from: usize, name: &str) -> Option<usize> {
    let lower = src[from..].to_ascii_lowercase();
    let at = from + lower.find(&format!("</{name}"))?;
    Some(at + src[at..].find('>')? + 1)
}

/// The start tag at `from` (written compact) and where it ends. White space
/// between attributes becomes one space; a plain quoted value loses its quotes.
fn start_tag(src: &str, from: usize) -> Option<(Token<'_>, usize)> {
    let bytes = src.as_bytes();
    let mut i = from + 1;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = src[from + 1..i].to_ascii_lowercase();
    let mut html = String::from(&src[from..i]);
    let mut space = false;
    loop {
        let b = *bytes.get(i)?;
        if is_space(b) {
            space = true;
            i += 1;
            continue;
        }
        if b == b'>' || (b == b'/' && bytes.get(i + 1) == Some(&b'>')) {
            let closing = if b == b'>' { ">" } else { "/>" };
            if closing == "/>" && !VOID.contains(&name.as_str()) {
                // `<div/>` leaves the element open: nothing to vouch for.
                return None;
            }
            html.push_str(closing);
            let void = VOID.contains(&name.as_str());
            return Some((Token::Start { name, html, void }, i + closing.len()));
        }
        if space {
            html.push(' ');
            space = false;
        }
        if is_tera_open(bytes, i) {
            let end = tera_end(src, i)?;
            html.push_str(&src[i..end]);
            i = end;
        } else if b == b'"' || b == b'\'' {
            let end = quoted_end(src, i)?;
            let value = &src[i + 1..end - 1];
            let next = bytes.get(end).copied().unwrap_or(b'>');
            if html.ends_with('=') && plain_value(value) && (is_space(next) || next == b'>') {
                html.push_str(value);
            } else {
                html.push_str(&src[i..end]);
            }
            i = end;
        } else {
            let ch = src[i..].chars().next()?;
            html.push(ch);
            i += ch.len_utf8();
        }
    }
}

/// Past the closing quote of the value quoted at `from`; Tera tags inside
/// it may hold quotes of their own.
fn quoted_end(src: &str, from: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let quote = bytes[from];
    let mut i = from + 1;
    while i < bytes.len() {
        if is_tera_open(bytes, i) {
            i = tera_end(src, i)?;
        } else if bytes[i] == quote {
            return Some(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// A value that means the same unquoted: no white space, quote, `=`, `<`,
/// `>`, backtick, Tera delimiter or trailing `/`.
fn plain_value(value: &str) -> bool {
    !value.is_empty()
        && !value.ends_with('/')
        && value.bytes().all(|b| !is_space(b) && !b"\"'=<>`{}".contains(&b))
}
