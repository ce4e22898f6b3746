//! What the index and the query agree on: plain text out of a block's
//! Markdown, the folding of a character (case, diacritics, traditional →
//! simplified), and the tokens of a text (Chinese bigrams and single
//! characters, English stems). `static/search.js` folds and tokenises the
//! query the same way; keep the two in step.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Is `c` a Han character: the ranges `search.js` tests too.
pub fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Is `c` part of a word (letters and digits that are not Han).
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
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
    let table = crate::hanzi::simplified_pairs();
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|&c| !is_combining_mark(c)).flat_map(char::to_lowercase) {
        out.push(*table.get(&c).unwrap_or(&c));
    }
    out
}

/// The tokens of a folded text: each Han character and each pair of
/// neighbouring Han characters, and the stem of each word.
pub fn tokens(folded: &str, stemmer: &Stemmer, out: &mut BTreeSet<String>) {
    let chars: Vec<char> = folded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            out.insert(c.to_string());
            if let Some(&next) = chars.get(i + 1).filter(|&&n| is_han(n)) {
                out.insert([c, next].iter().collect());
            }
            i += 1;
        } else if is_word(c) {
            let end = (i..chars.len()).find(|&j| !is_word(chars[j])).unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect();
            out.insert(stem(stemmer, &word));
            i = end;
        } else {
            i += 1;
        }
    }
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

/// The words of a folded text, each once, for the table of forms.
pub fn words(folded: &str, out: &mut BTreeSet<String>) {
    for word in folded.split(|c: char| !is_word(c)).filter(|w| !w.is_empty()) {
        if word.chars().all(|c| c.is_ascii_alphabetic()) {
            out.insert(word.to_string());
        }
    }
}

/// The text a reader sees of a block's Markdown: text and code, an
/// emendation's reading (`〈reading|printed〉` → `reading`).
pub fn plain(markdown: &str) -> String {
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
    fn chinese_gives_characters_and_bigrams_and_english_gives_stems() {
        let mut out = BTreeSet::new();
        tokens(&fold("武汉市 Ambulances arrived"), &english(), &mut out);
        let got: Vec<&str> = out.iter().map(String::as_str).collect();
        assert_eq!(got, ["ambul", "arriv", "市", "武", "武汉", "汉", "汉市"]);
    }

    #[test]
    fn plain_text_keeps_the_reading_of_an_emendation() {
        assert_eq!(plain("精神〈和| and 〉党中央 **要求**"), "精神和党中央 要求");
        assert_eq!(plain("![负压救护车抵达](a.png)"), "负压救护车抵达");
    }
}
