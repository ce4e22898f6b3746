//! What the index and the query agree on: plain text out of a block's
//! Markdown, the folding of a character (case, diacritics, the width of
//! digits and letters, traditional → simplified), and the tokens of a text
//! (Chinese bigrams and single characters, English stems).
//! `static/search-index.js` folds and tokenises the query the same way;
//! keep the two in step.

use crate::render::markdown::is_plain_line;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Is `c` a Han character: the ranges `search-index.js` tests too.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Is `c` part of a word (letters and digits that are not Han).
#[inline]
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The Basic Multilingual Plane by a table (CJK punctuation is common).
    match words().get(c as usize / 64) {
        Some(bits) => bits >> (c as usize % 64) & 1 == 1,
        None => word_char(c),
    }
}

fn word_char(c: char) -> bool {
    !is_han(c) && c.is_alphanumeric()
}

/// [`is_word`] of each character of the Basic Multilingual Plane, a bit each.
fn words() -> &'static [u64] {
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; 0x1_0000 / 64];
        for c in (0..0x1_0000).filter_map(char::from_u32).filter(|&c| word_char(c)) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        bits
    })
}

/// The folding table shipped to the browser: the pairs whose traditional
/// or simplified side occurs in `chars` (what a query may need).
pub fn table_for(chars: &BTreeSet<char>) -> Vec<(char, char)> {
    crate::hanzi::simplified_pairs()
        .iter()
        .filter(|(t, s)| chars.contains(t) || chars.contains(s))
        .map(|(&t, &s)| (t, s))
        .collect()
}

/// `text` folded: decomposed, combining marks dropped, lower-cased,
/// traditional characters simplified. Shown text never passes through here.
pub fn fold(text: &str) -> String {
    let folding = Folding::new();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match folding.one(c) {
            Some(c) => out.push(c),
            None => Folding::slow(c, &mut out),
        }
    }
    out
}

/// The folding of a character: ASCII and most characters of the Basic
/// Multilingual Plane (Han, punctuation) by a table, the rest decomposed.
#[derive(Clone, Copy)]
pub struct Folding {
    table: &'static [char],
}

impl Folding {
    pub fn new() -> Folding {
        Folding { table: simplified() }
    }

    /// `c` folded when it folds to one character by the table (most), else
    /// `None`: then [`Folding::slow`].
    #[inline]
    pub fn one(self, c: char) -> Option<char> {
        if c.is_ascii() {
            return Some(c.to_ascii_lowercase());
        }
        self.table.get(c as usize).copied().filter(|&s| s != '\0')
    }

    /// `c` folded the long way, appended to `out`.
    pub fn slow(c: char, out: &mut String) {
        let pairs = crate::hanzi::simplified_pairs();
        let decomposed = std::iter::once(narrow(c)).nfd().filter(|&d| !is_combining_mark(d));
        for d in decomposed.flat_map(char::to_lowercase) {
            out.push(*pairs.get(&d).unwrap_or(&d));
        }
    }
}

/// A fullwidth digit or letter (`０`–`９`, `Ａ`–`Ｚ`, `ａ`–`ｚ`) as its ASCII
/// form, as a find in the browser takes either for the other: sources set
/// numbers in either width. Fullwidth punctuation stays: it is in no token,
/// and most Chinese text would otherwise need folding to be read.
/// `narrow` in `search-index.js` does the same.
pub fn narrow(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

impl Default for Folding {
    fn default() -> Folding {
        Folding::new()
    }
}

/// The folding of each character of the Basic Multilingual Plane that
/// folds to one character, `'\0'` for the others (Hangul decomposes).
fn simplified() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut one = String::new();
        (0..=0xFFFF)
            .map(|u| {
                one.clear();
                if let Some(c) = char::from_u32(u) {
                    Folding::slow(c, &mut one);
                }
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(f), None) => f,
                    _ => '\0',
                }
            })
            .collect()
    })
}

/// The English stem of a folded word; numbers stay as they are.
pub fn stem(stemmer: &Stemmer, word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        stemmer.stem(word).into_owned()
    } else {
        word.to_string()
    }
}

/// The English (Porter 2) stemmer.
pub fn english() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The text a reader sees of a block's Markdown: text and code, an
/// emendation's reading (`〈reading|printed〉` → `reading`).
pub fn plain(markdown: &str) -> String {
    // The rule the pages use for the same short way (one rule for both);
    // such a line holds no emendation, so it reads as it is.
    if is_plain_line(markdown) {
        return markdown.trim().to_string();
    }
    parsed(markdown)
}

/// [`plain`] by the Markdown parser.
fn parsed(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) if !out.ends_with(' ') && !out.is_empty() => out.push(' '),
            _ => {}
        }
    }
    readings(out.trim())
}

fn readings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('〈') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '〈'.len_utf8()..];
        match (after.find('|'), after.find('〉')) {
            (Some(bar), Some(close)) if bar < close => {
                out.push_str(&after[..bar]);
                rest = &after[close + '〉'.len_utf8()..];
            }
            _ => {
                out.push('〈');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified_and_case_and_accents_fold() {
        assert_eq!(fold("藥房"), fold("药房"));
        assert_eq!(fold("藥房"), "药房");
        assert_eq!(fold("Café WUHAN"), "cafe wuhan");
    }

    #[test]
    fn fullwidth_digits_and_letters_fold_to_ascii_and_fullwidth_punctuation_stays() {
        assert_eq!(fold("２０２０年ＣＯＶＩＤ－１９ｔｅｓｔ"), "2020年covid－19test");
        assert_eq!(fold("全市，共（３）辆。"), "全市，共（3）辆。");
        // Read as the ASCII form is read: the same tokens.
        let docs = |text: &str| {
            let doc = crate::search::docs::Doc {
                id: "a".into(),
                zh: vec![text.into()],
                en: vec![String::new()],
                date: String::new(),
                region: String::new(),
            };
            let tokens = crate::search::chunk::tokens_of(&[doc], &[0]).tokens;
            tokens.into_values().map(|(token, _, _)| token).collect::<Vec<_>>()
        };
        assert_eq!(docs("１２３４５名ＣＯＶＩＤ检测"), docs("12345名covid检测"));
        assert!(docs("１２３４５名").contains(&"12345".to_string()));
    }

    proptest::proptest! {
        #[test]
        fn a_plain_line_reads_as_the_parser_reads_it(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'Z', '1', '9', ' ', '.', ')', '(', ',', ':', '#', '-', '+', '=', '/', '%', '$', '{', '"', '\'',
                '中', '文', '\u{3000}', '\u{a0}', '〈', '|', '〉', '—', 'é', '*', '\n', '\t',
            ]), 0..14)
        ) {
            let text: String = chars.into_iter().collect();
            if is_plain_line(&text) {
                proptest::prop_assert_eq!(readings(text.trim()), parsed(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn plain_text_keeps_the_reading_of_an_emendation() {
        assert_eq!(plain("精神〈和| and 〉党中央 **要求**"), "精神和党中央 要求");
        assert_eq!(plain("![负压救护车抵达](a.png)"), "负压救护车抵达");
    }
}
