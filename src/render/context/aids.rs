//! The data of the article page's reading aids (`static/aids.js`): a Chinese
//! block's HTML in → the word-level pinyin of its characters; the site's
//! glossary and an article in → the terms it uses, with their pinyin, as
//! JSON for the page.

use crate::pinyin::each_piece;
use crate::site::assemble::Site;
use serde::Serialize;

/// Whether the aids' script gives `c` a reading: the CJK blocks U+3400–U+9FFF
/// (the script's `/[\u3400-\u9fff]/` must say the same).
fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// The text of an HTML fragment: tags dropped, entities left as they are
/// (they never stand for a Chinese character here).
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The readings of every character U+3400–U+9FFF of `html`'s text, in order:
/// words split by spaces, the syllables of a word by `-`, `?` for a
/// character without a reading (`重庆组织` → `chóng-qìng zǔ-zhī`).
pub(super) fn readings(html: &str) -> String {
    let text = text_of(html);
    let mut out = String::with_capacity(text.len());
    let space = |out: &mut String| {
        if !out.is_empty() {
            out.push(' ');
        }
    };
    each_piece(&text, |piece, syllables| {
        if !syllables.is_empty() && piece.chars().all(is_han) {
            space(&mut out);
            for (n, syllable) in syllables.iter().enumerate() {
                if n > 0 {
                    out.push('-');
                }
                out.push_str(syllable);
            }
        } else {
            for _ in piece.chars().filter(|&c| is_han(c)) {
                space(&mut out);
                out.push('?');
            }
        }
    });
    out
}

/// One glossary term for the page's pop-ups.
#[derive(Debug, Serialize)]
struct Gloss<'a> {
    zh: &'a str,
    en: &'a str,
    pinyin: String,
}

/// The glossary terms article `i` uses, as a JSON array of `{zh, en,
/// pinyin}` (`<` escaped, so it is safe in a script element too).
pub(super) fn glossary_json(site: &Site, i: usize) -> String {
    let terms: Vec<Gloss<'_>> = site
        .glossary
        .iter()
        .flatten()
        // `articles` is in article order (the site's glossary index).
        .filter(|entry| entry.articles.binary_search(&i).is_ok())
        .map(|entry| Gloss {
            zh: &entry.term.zh,
            en: &entry.term.en,
            pinyin: crate::pinyin::reading(&entry.term.zh),
        })
        .collect();
    serde_json::to_string(&terms).unwrap_or_else(|_| "[]".into()).replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_follow_the_text_in_words() {
        assert_eq!(
            readings("<p>重庆<a href=\"x\" title=\"行\">银行</a>，12人</p>"),
            "chóng-qìng yín-háng rén"
        );
        assert_eq!(readings("<p>A&amp;B</p>"), "");
    }
}
