//! End tags that HTML lets a page leave out (`</td>`, `</li>`, `</p>`…),
//! left out of a compact template where every branch of its Tera tags
//! follows them with what the rule asks for, as minify-html leaves them out
//! of a page.

use super::{QUIET, Token};

/// What a page may hold right after a token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Next<'a> {
    Start(&'a str),
    End(&'a str),
    /// The template's end.
    Done,
    /// Text, a printed value, or what a block or include puts there.
    Other,
}

/// Whether the end tag at `at` (named `name`) may be left out, given the
/// compact text of each text token (`texts`).
pub(super) fn omissible(tokens: &[Token<'_>], texts: &[String], at: usize, name: &str) -> bool {
    let mut nexts = Vec::new();
    follow(tokens, texts, at + 1, &mut nexts, 0);
    !nexts.is_empty() && nexts.iter().all(|&next| allows(name, next))
}

/// The HTML rules for leaving out `name`'s end tag before `next`.
fn allows(name: &str, next: Next<'_>) -> bool {
    const BEFORE_P_ENDS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
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
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ];
    const P_PARENTS_KEPT: &[&str] = &["a", "audio", "del", "ins", "map", "noscript", "video"];
    match (name, next) {
        ("p", Next::Start(tag)) => BEFORE_P_ENDS.contains(&tag),
        ("p", Next::End(parent)) => !P_PARENTS_KEPT.contains(&parent),
        _ => matches!(
            (name, next),
            ("li", Next::Start("li"))
                | ("dt" | "dd", Next::Start("dt" | "dd"))
                | ("td" | "th", Next::Start("td" | "th"))
                | ("tr", Next::Start("tr"))
                | ("thead" | "tbody", Next::Start("tbody" | "tfoot"))
                | ("li" | "dd" | "td" | "th" | "tr" | "tbody", Next::End(_))
                | ("head", Next::Start("body"))
                | ("body", Next::End("html"))
                | ("html", Next::Done)
        ),
    }
}

/// Collects into `nexts` what may come first from token `at` on, through
/// every branch and loop of the template's Tera tags.
fn follow<'a>(
    tokens: &'a [Token<'_>],
    texts: &[String],
    mut at: usize,
    nexts: &mut Vec<Next<'a>>,
    depth: usize,
) {
    if depth > 16 {
        nexts.push(Next::Other);
        return;
    }
    loop {
        let Some(token) = tokens.get(at) else {
            nexts.push(Next::Done);
            return;
        };
        match token {
            Token::Text(_) if texts[at].is_empty() => {}
            Token::Start { name, .. } => return nexts.push(Next::Start(name)),
            Token::Kept { name, .. } if !name.is_empty() => return nexts.push(Next::Start(name)),
            Token::End { name, .. } => return nexts.push(Next::End(name)),
            Token::Stmt { kind, .. } if kind == "#" || QUIET.contains(&kind.as_str()) => {}
            // A loop's `else` would be one more way out of a round.
            Token::Stmt { kind, .. }
                if kind == "for" && next_branch(tokens, at).is_some_and(|n| !is_end(&tokens[n])) =>
            {
                return nexts.push(Next::Other);
            }
            Token::Stmt { kind, .. } if kind == "if" || kind == "for" => {
                // Into the first branch or loop round; past the whole block.
                follow(tokens, texts, at + 1, nexts, depth + 1);
                let mut branch = at;
                while let Some(next) = next_branch(tokens, branch) {
                    if kind == "if"
                        && matches!(&tokens[next], Token::Stmt { kind, .. } if kind == "elif" || kind == "else")
                    {
                        follow(tokens, texts, next + 1, nexts, depth + 1);
                    }
                    branch = next;
                }
                let has_else = kind == "if" && (at..branch).any(|n| is_branch(tokens, at, n, "else"));
                if !has_else {
                    follow(tokens, texts, branch + 1, nexts, depth + 1);
                }
                return;
            }
            // The end of a branch goes past the block's end.
            Token::Stmt { kind, .. } if kind == "elif" || kind == "else" || kind == "endif" => {
                let Some(end) = block_end(tokens, at) else { return nexts.push(Next::Other) };
                // Out of a loop's round by its `else`: another round may follow.
                if matches!(&tokens[end], Token::Stmt { kind, .. } if kind == "endfor") {
                    return nexts.push(Next::Other);
                }
                at = end;
            }
            Token::Stmt { kind, .. } if kind == "endfor" => {
                // Another round of the loop, or past it.
                let Some(start) = block_start(tokens, at) else { return nexts.push(Next::Other) };
                follow(tokens, texts, start + 1, nexts, depth + 1);
            }
            _ => return nexts.push(Next::Other),
        }
        at += 1;
    }
}

/// The next `elif`, `else` or end of the Tera block opened (or continued) at `at`.
fn next_branch(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (n, token) in tokens.iter().enumerate().skip(at + 1) {
        let Token::Stmt { kind, .. } = token else { continue };
        match kind.as_str() {
            "if" | "for" | "block" | "component" | "filter" => depth += 1,
            k if k.starts_with("end") && depth > 0 => depth -= 1,
            k if k.starts_with("end") => return Some(n),
            "elif" | "else" if depth == 0 => return Some(n),
            _ => {}
        }
    }
    None
}

fn is_end(token: &Token<'_>) -> bool {
    matches!(token, Token::Stmt { kind, .. } if kind.starts_with("end"))
}

/// Whether token `n` is a branch of kind `kind` of the block opened at `open`.
fn is_branch(tokens: &[Token<'_>], open: usize, n: usize, kind: &str) -> bool {
    let mut branch = open;
    while let Some(next) = next_branch(tokens, branch) {
        if next == n {
            return matches!(&tokens[n], Token::Stmt { kind: k, .. } if k == kind);
        }
        if next > n {
            return false;
        }
        branch = next;
    }
    false
}

/// The end of the Tera block that the `elif`/`else`/end at `at` belongs to.
fn block_end(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    if matches!(&tokens[at], Token::Stmt { kind, .. } if kind.starts_with("end")) {
        return Some(at);
    }
    let mut branch = at;
    while let Some(next) = next_branch(tokens, branch) {
        if matches!(&tokens[next], Token::Stmt { kind, .. } if kind.starts_with("end")) {
            return Some(next);
        }
        branch = next;
    }
    None
}

/// The opening statement of the Tera block that ends at `at`.
fn block_start(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    for n in (0..at).rev() {
        let Token::Stmt { kind, .. } = &tokens[n] else { continue };
        match kind.as_str() {
            k if k.starts_with("end") => depth += 1,
            "if" | "for" | "block" | "component" | "filter" if depth > 0 => depth -= 1,
            "if" | "for" | "block" | "component" | "filter" => return Some(n),
            _ => {}
        }
    }
    None
}
