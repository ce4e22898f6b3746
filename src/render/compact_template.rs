//! The theme's templates made compact once, when they are loaded, so that
//! the pages they draw need no minify-html pass: white space that a page
//! shows as nothing is taken out of the template's HTML, HTML comments are
//! dropped and plain attribute values lose their quotes. It takes out only
//! white space that minify-html took out of the page (its rules, per parent
//! element), plus the white space beside a block element's tag.
//!
//! [`compact_template`] returns `None` for a template it cannot vouch for:
//! HTML whose elements do not nest the same way in every branch of its Tera
//! tags, a statement it does not know, an unclosed tag. The renderer then
//! keeps the templates as written and minifies the pages as before.

/// The template's source made compact, or `None` when its structure is not
/// plain enough to tell which white space the page shows.
pub fn compact_template(src: &str) -> Option<String> {
    let tokens = tokenize(src)?;
    let parents = structure(&tokens)?;
    Some(emit(&tokens, &parents))
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
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

/// Elements whose content minify-html leaves as it is, that hold no HTML,
/// or that follow other rules (SVG and MathML, where `/>` closes a tag).
const KEPT: &[&str] = &["pre", "textarea", "code", "script", "style", "title", "svg", "math"];

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// minify-html's layout elements: white-space-only text among their children
/// is dropped.
const LAYOUT: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "body",
    "colgroup",
    "datalist",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "head",
    "header",
    "hgroup",
    "html",
    "main",
    "map",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "picture",
    "section",
    "select",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// minify-html's content elements: white space is trimmed at their content's
/// start and end (as it is in layout elements).
const TRIMMED: &[&str] = &[
    "address",
    "audio",
    "button",
    "canvas",
    "caption",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "legend",
    "meter",
    "object",
    "option",
    "p",
    "summary",
    "video",
    "dd",
    "details",
    "dt",
    "iframe",
    "label",
    "li",
    "noscript",
    "output",
    "progress",
    "slot",
    "td",
    "template",
    "th",
];

/// Elements drawn as blocks (or not at all) by default: white space beside
/// their tags starts or ends a line, where a browser shows none.
const BLOCK: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "link",
    "title",
    "script",
    "style",
    "base",
    "template",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "address",
    "caption",
];

/// Tera statements that print nothing and leave no branch.
const QUIET: &[&str] = &["set", "set_global", "extends", "import", "break", "continue"];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
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
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if close != b'#' && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes[i + 1] == b'}' => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

fn is_tera_open(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'{' && matches!(bytes.get(i + 1), Some(b'{' | b'%' | b'#'))
}

fn tokenize(src: &str) -> Option<Vec<Token<'_>>> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let flush = |text: &mut String, tokens: &mut Vec<Token>| {
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

/// For each token, the element it sits in and whether that element has text
/// of its own (`None`: outside any element of this template). `None` overall
/// when the elements do not nest alike in every branch.
type Parent = Option<(String, bool)>;

fn structure(tokens: &[Token]) -> Option<Vec<Parent>> {
    // Open elements: name, index of their start tag.
    let mut open: Vec<(&str, usize)> = Vec::new();
    // Open Tera blocks: kind, depth of `open` at their start, `open` saved by a component.
    let mut blocks: Vec<(&str, usize, Option<Vec<(&str, usize)>>)> = Vec::new();
    let mut has_text = vec![false; tokens.len()];
    let mut parent_of = vec![None; tokens.len()];
    for (n, token) in tokens.iter().enumerate() {
        parent_of[n] = open.last().map(|&(_, at)| at);
        let prints = match token {
            Token::Text(text) => !text.bytes().all(is_space),
            Token::Expr(_) => true,
            Token::Kept { name, .. } => name.is_empty(),
            Token::Start { name, void, .. } => {
                if !void {
                    open.push((name, n));
                }
                false
            }
            Token::End { name, .. } => {
                if open.pop()?.0 != name {
                    return None;
                }
                false
            }
            Token::Stmt { kind, .. } => match kind.as_str() {
                "#" => false,
                k if QUIET.contains(&k) => false,
                "include" => true,
                "if" | "for" | "filter" => {
                    blocks.push((kind, open.len(), None));
                    false
                }
                // A block may be replaced by a child template's text.
                "block" => {
                    blocks.push((kind, open.len(), None));
                    true
                }
                // A component's body is drawn where it is called.
                "component" => {
                    blocks.push((kind, 0, Some(std::mem::take(&mut open))));
                    false
                }
                "elif" | "else" => {
                    let &(_, depth, _) = blocks.last()?;
                    if depth != open.len() {
                        return None;
                    }
                    false
                }
                k if k.starts_with("end") => {
                    let (opened, depth, saved) = blocks.pop()?;
                    if k[3..] != *opened || depth != open.len() {
                        return None;
                    }
                    if let Some(saved) = saved {
                        open = saved;
                    }
                    false
                }
                _ => return None,
            },
            Token::Other(_) => false,
        };
        if prints && let Some(&(_, at)) = open.last() {
            has_text[at] = true;
        }
    }
    if !open.is_empty() || !blocks.is_empty() {
        return None;
    }
    Some(
        parent_of
            .into_iter()
            .map(|at| {
                at.map(|at| match &tokens[at] {
                    Token::Start { name, .. } => (name.clone(), has_text[at]),
                    _ => unreachable!("only start tags open elements"),
                })
            })
            .collect(),
    )
}

/// What a text's white space touches on one side.
#[derive(Clone, Copy, PartialEq)]
enum Side<'a> {
    /// The start tag of the text's own element, or its end tag.
    OwnTag,
    /// Another element's tag (or a kept element).
    Tag(&'a str),
    /// Text, a printed value, a Tera branch, a template's edge.
    Other,
}

fn side<'a>(tokens: &'a [Token], at: Option<usize>, toward_start: bool, parent: &Parent) -> Side<'a> {
    let Some(token) = at.and_then(|at| tokens.get(at)) else { return Side::Other };
    let own = |name: &str| parent.as_ref().is_some_and(|(p, _)| p == name);
    match token {
        Token::Start { name, .. } if toward_start && own(name) => Side::OwnTag,
        Token::End { name, .. } if !toward_start && own(name) => Side::OwnTag,
        Token::Start { name, .. } | Token::End { name, .. } => Side::Tag(name),
        Token::Kept { name, .. } if !name.is_empty() => Side::Tag(name),
        Token::Stmt { kind, .. } if QUIET.contains(&kind.as_str()) || kind == "#" => {
            // Through quiet statements and the white space between them
            // only to a tag; text beyond them is text.
            let mut next = at;
            loop {
                next = if toward_start { next.and_then(|a| a.checked_sub(1)) } else { next.map(|a| a + 1) };
                match next.and_then(|a| tokens.get(a)) {
                    Some(Token::Text(text)) if text.bytes().all(is_space) => continue,
                    Some(Token::Stmt { kind, .. }) if QUIET.contains(&kind.as_str()) || kind == "#" => {
                        continue;
                    }
                    _ => {}
                }
                return match side(tokens, next, toward_start, parent) {
                    Side::Tag(name) => Side::Tag(name),
                    _ => Side::Other,
                };
            }
        }
        _ => Side::Other,
    }
}

fn emit(tokens: &[Token], parents: &[Parent]) -> String {
    let texts: Vec<String> = tokens
        .iter()
        .enumerate()
        .map(|(n, token)| match token {
            Token::Text(text) => {
                let parent = &parents[n];
                let before = side(tokens, n.checked_sub(1), true, parent);
                let after = side(tokens, Some(n + 1), false, parent);
                let mut out = String::new();
                push_text(&mut out, text, parent, before, after);
                out
            }
            _ => String::new(),
        })
        .collect();
    let mut out = String::new();
    for (n, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(_) => out.push_str(&texts[n]),
            Token::End { name, .. } if end_tags::omissible(tokens, &texts, n, name) => {}
            Token::Start { html, .. } | Token::Kept { html, .. } | Token::Other(html) => out.push_str(html),
            Token::End { html, .. } | Token::Expr(html) | Token::Stmt { html, .. } => out.push_str(html),
        }
    }
    out
}

/// A text with each run of white space dropped where the page shows none,
/// else made one space.
fn push_text(out: &mut String, text: &str, parent: &Parent, before: Side, after: Side) {
    let (name, has_text) = parent.as_ref().map_or(("", true), |(p, t)| (p.as_str(), *t));
    let layout = LAYOUT.contains(&name);
    let trimmed = layout || TRIMMED.contains(&name);
    let blank = text.bytes().all(is_space);
    let block = |s: Side| {
        matches!(s, Side::Tag(n) if BLOCK.contains(&n)) || (s == Side::OwnTag && BLOCK.contains(&name))
    };
    if blank && layout && (!has_text || (before != Side::Other && after != Side::Other)) {
        return;
    }
    let start_gone = block(before) || (trimmed && before == Side::OwnTag);
    let end_gone = block(after) || (trimmed && after == Side::OwnTag);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| is_space(b)).count();
        if run == 0 {
            let next = bytes[i..].iter().position(|&b| is_space(b)).map_or(bytes.len(), |p| i + p);
            out.push_str(&text[i..next]);
            i = next;
            continue;
        }
        let first = i == 0;
        let last = i + run == bytes.len();
        if !((first && start_gone) || (last && end_gone)) {
            out.push(' ');
        }
        i += run;
    }
}

mod end_tags;
#[cfg(test)]
mod tests;
