//! Word-level pinyin: Chinese text in → its words, each with its syllables
//! (tone marks, or plain ASCII for slugs). A character with several readings
//! takes the one of the word it stands in (重庆 chóngqìng, 银行 yínháng,
//! 长春 chángchūn): the longest word of the committed phrase table
//! `data/pinyin/phrases.txt` (from pypinyin, MIT; see its ORIGIN.md) wins,
//! and a character in no word of it takes its most common reading (the
//! `pinyin` crate).

use pinyin::ToPinyin;
use std::collections::HashMap;
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

/// `text` cut into words of the phrase table (longest first), single
/// characters with their common reading, and runs of other text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let table = phrases();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut out: Vec<Piece<'_>> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = chars[i].0;
        let word = (2..=LONGEST.min(chars.len() - i))
            .rev()
            .find_map(|n| table.get(&text[start..end_of(i + n)]).map(|s| (n, s.clone())));
        if let Some((n, syllables)) = word {
            out.push(Piece { text: &text[start..end_of(i + n)], syllables });
            i += n;
            continue;
        }
        if let Some(reading) = chars[i].1.to_pinyin() {
            out.push(Piece { text: &text[start..end_of(i + 1)], syllables: vec![reading.with_tone()] });
        } else if let Some(last) = out.last_mut().filter(|p| p.syllables.is_empty()) {
            // Other text gathers into one piece.
            last.text = &text[start - last.text.len()..end_of(i + 1)];
        } else {
            out.push(Piece { text: &text[start..end_of(i + 1)], syllables: Vec::new() });
        }
        i += 1;
    }
    out
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
