//! Word-level pinyin: Chinese text in → its words, each with its syllables
//! (tone marks, or plain ASCII for slugs). A character with several readings
//! takes the one of the word it stands in (重庆 chóngqìng, 银行 yínháng,
//! 长春 chángchūn). Text is cut into words of the committed phrase table
//! `data/pinyin/phrases.txt` (from pypinyin, MIT; see its ORIGIN.md) and of
//! the common-word list `data/lexicon/words.txt`; a word of the table takes
//! its reading, any other character its most common one (the `pinyin` crate).

use pinyin::ToPinyin;
// Fx hashing: the cut looks up every 2–4 character window of a text.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// `word\tsyllable syllable …`, one word a line.
const PHRASES: &str = include_str!("../data/pinyin/phrases.txt");

/// The longest word of the table, in characters.
const LONGEST: usize = 4;

/// The phrase table, parsed on first use.
fn phrases() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        PHRASES
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(word, syllables)| (word, syllables.split(' ').collect()))
            .collect()
    })
}

/// One piece of a text: a word of Chinese characters and its syllables (one
/// per character), or a run of anything else with none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    /// Tone-marked syllables, one per character; empty for other text.
    pub syllables: Vec<&'static str>,
}

/// Common words of two to four characters (jieba's, `data/lexicon/words.txt`):
/// they keep a phrase of the table from taking a character of the next
/// word (在行动 is 在 + 行动, not 在行 + 动).
fn words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| include_str!("../data/lexicon/words.txt").lines().collect())
}

/// `chars` cut into words, as (start, length) in characters: the longest
/// word at each step, from the front and from the back; the cut with fewer
/// pieces wins, then the one with fewer single characters, then the one
/// from the back (more often right in Chinese).
fn segment(text: &str, chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let is_word = |i: usize, n: usize| {
        let word = &text[chars[i].0..end_of(i + n)];
        phrases().contains_key(word) || words().contains(word)
    };
    let longest = |fits: &dyn Fn(usize) -> Option<usize>| (2..=LONGEST).rev().find_map(fits).unwrap_or(1);
    let mut forward = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let n = longest(&|n| (i + n <= chars.len() && is_word(i, n)).then_some(n));
        forward.push((i, n));
        i += n;
    }
    let mut backward = Vec::new();
    let mut end = chars.len();
    while end > 0 {
        let n = longest(&|n| (n <= end && is_word(end - n, n)).then_some(n));
        backward.push((end - n, n));
        end -= n;
    }
    backward.reverse();
    let singles = |cut: &[(usize, usize)]| cut.iter().filter(|&&(_, n)| n == 1).count();
    if (forward.len(), singles(&forward)) < (backward.len(), singles(&backward)) { forward } else { backward }
}

/// `text` cut into words (each with the phrase table's reading, else its
/// characters' common readings), single characters with their common
/// reading, and runs of other text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut out: Vec<Piece<'_>> = Vec::new();
    for (i, n) in segment(text, &chars) {
        let word = &text[chars[i].0..end_of(i + n)];
        let syllables = read_word(word).unwrap_or_default();
        match out.last_mut() {
            // Other text gathers into one piece.
            Some(last) if syllables.is_empty() && last.syllables.is_empty() => {
                last.text = &text[chars[i].0 - last.text.len()..end_of(i + n)];
            }
            _ => out.push(Piece { text: word, syllables }),
        }
    }
    out
}

/// The syllables of one word: the table's reading of it, else of the
/// longest phrases of the table inside it (重庆市 → 重庆 + 市), else each
/// character's common reading; `None` if a character has no reading.
fn read_word(word: &str) -> Option<Vec<&'static str>> {
    if let Some(syllables) = phrases().get(word) {
        return Some(syllables.clone());
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(word.len(), |&(at, _)| at);
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let inner = (2..=(chars.len() - i))
            .rev()
            .filter(|&n| n < chars.len())
            .find_map(|n| phrases().get(&word[chars[i].0..end_of(i + n)]).map(|s| (n, s)));
        if let Some((n, syllables)) = inner {
            out.extend_from_slice(syllables);
            i += n;
        } else {
            out.push(chars[i].1.to_pinyin()?.with_tone());
            i += 1;
        }
    }
    Some(out)
}

/// The reading of a term or phrase as a dictionary prints it: the syllables
/// of each word written together, words apart, other text kept
/// (`N95口罩` → `N95 kǒuzhào`). The one form for the glossary's pop-ups and
/// the readers' vocabulary.
pub fn reading(text: &str) -> String {
    pieces(text)
        .iter()
        .map(|p| if p.syllables.is_empty() { p.text.trim().to_string() } else { p.syllables.concat() })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A tone-marked syllable without its marks, in ASCII (`lǚ` → `lv`, as
/// typists write ü).
pub fn plain(syllable: &str) -> String {
    syllable
        .chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String)> {
        pieces(text).into_iter().map(|p| (p.text.to_string(), p.syllables.join(" "))).collect()
    }

    #[test]
    fn polyphones_take_the_reading_of_their_word() {
        assert_eq!(read("重庆"), [("重庆".into(), "chóng qìng".into())]);
        assert_eq!(read("银行"), [("银行".into(), "yín háng".into())]);
        assert_eq!(read("长春人"), [("长春".into(), "cháng chūn".into()), ("人".into(), "rén".into())]);
        // Alone, 重 and 行 take their most common reading.
        assert_eq!(read("重"), [("重".into(), "zhòng".into())]);
        // A common word holding a phrase of the table reads it from the table.
        assert_eq!(read("重庆市"), [("重庆市".into(), "chóng qìng shì".into())]);
        assert_eq!(
            read("厦门佛山成都"),
            [
                ("厦门".into(), "xià mén".into()),
                ("佛山".into(), "fó shān".into()),
                ("成都".into(), "chéng dū".into())
            ]
        );
    }

    #[test]
    fn a_phrase_does_not_take_a_character_of_the_next_word() {
        // 在行 zàiháng ("expert") is in the table, but here it is 在 + 行动.
        let read = read("志愿者在行动");
        assert!(read.contains(&("行动".into(), "xíng dòng".into())), "{read:?}");
        assert_eq!(super::pieces("图书馆延长开放")[1].syllables, ["yán", "cháng"]);
    }

    #[test]
    fn other_text_is_one_piece_without_syllables() {
        assert_eq!(
            read("12例，A"),
            [("12".into(), String::new()), ("例".into(), "lì".into()), ("，A".into(), String::new())]
        );
        assert_eq!(read(""), []);
    }

    #[test]
    fn plain_syllables_are_ascii() {
        assert_eq!(plain("chóng"), "chong");
        assert_eq!(plain("lǚ"), "lv");
        assert!(phrases().len() > 5000, "the table loads");
    }
}
