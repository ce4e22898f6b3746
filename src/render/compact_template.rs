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

use tokens::{Token, tokenize};

/// The template's source made compact, or `None` when its structure is not
/// plain enough to tell which white space the page shows.
pub fn compact_template(src: &str) -> Option<String> {
    let tokens = tokenize(src)?;
    let parents = structure(&tokens)?;
    Some(emit(&tokens, &parents))
}

/// Elements whose content minify-html leaves as it is, that hold no HTML,
/// or that follow other rules (SVG and `MathML`, where `/>` closes a tag).
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
const QUIET: &[&str] = &["set", "set_global", "extends", "import"];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// For each token, the element it sits in and whether that element has text
/// of its own (`None`: outside any element of this template). `None` overall
/// when the elements do not nest alike in every branch.
type Parent = Option<(String, bool)>;

/// An open Tera block: its kind, the number of open elements at its start,
/// and the open elements a component's body set aside.
type OpenBlock<'a> = (&'a str, usize, Option<Vec<(&'a str, usize)>>);

fn structure(tokens: &[Token<'_>]) -> Option<Vec<Parent>> {
    // Open elements: name, index of their start tag.
    let mut open: Vec<(&str, usize)> = Vec::new();
    // Open Tera blocks: kind, depth of `open` at their start, `open` saved by a component.
    let mut blocks: Vec<OpenBlock<'_>> = Vec::new();
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
                // They leave a loop: what follows them is elsewhere.
                "break" | "continue" => false,
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

fn side<'a>(tokens: &'a [Token<'_>], at: Option<usize>, toward_start: bool, parent: &Parent) -> Side<'a> {
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

fn emit(tokens: &[Token<'_>], parents: &[Parent]) -> String {
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
fn push_text(out: &mut String, text: &str, parent: &Parent, before: Side<'_>, after: Side<'_>) {
    let (name, has_text) = parent.as_ref().map_or(("", true), |(p, t)| (p.as_str(), *t));
    let layout = LAYOUT.contains(&name);
    let trimmed = layout || TRIMMED.contains(&name);
    let blank = text.bytes().all(is_space);
    let block = |s: Side<'_>| {
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
mod tokens;
