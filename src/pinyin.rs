//! Word-level pinyin: Chinese text in → its words, each with its syllables
//! (tone marks, or plain ASCII for slugs). A character with several readings
//! takes the one of the word it stands in (重庆 chóngqìng, 银行 yínháng,
//! 长春 chángchūn). Text is cut into words of the committed phrase table
//! `data/pinyin/phrases.txt` (from pypinyin, MIT; see its ORIGIN.md) and of
//! the common-word list `data/lexicon/words.txt`; a word of the table takes
//! its reading, any other character its most common one (the `pinyin` crate).

use pinyin::ToPinyin;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// `word\tsyllable syllable …`, one word a line.
const PHRASES: &str = include_str!("../data/pinyin/phrases.txt");

/// The longest word of the table, in characters.
const LONGEST: usize = 4;

/// A run of at most [`LONGEST`] characters as one number (22 bits a
/// character, the character + 1, so runs of different lengths differ): the
/// tables' key, cheaper to hash and compare than the text.
fn key(chars: impl IntoIterator<Item = char>) -> u128 {
    chars.into_iter().fold(0, |k, c| (k << 22) | (u128::from(c) + 1))
}

/// The phrase table by [`key`], parsed once.
static PHRASE_TABLE: LazyLock<FxHashMap<u128, Box<[&'static str]>>> = LazyLock::new(|| {
    PHRASES
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(word, _)| word.chars().count() <= LONGEST)
        .map(|(word, syllables)| (key(word.chars()), syllables.split(' ').collect()))
        .collect()
});

/// The table's reading of `word`, if it has one.
fn phrase(word: &[char]) -> Option<&'static [&'static str]> {
    if word.len() > LONGEST {
        return None;
    }
    PHRASE_TABLE.get(&key(word.iter().copied())).map(|s| &**s)
}

/// What the segmenter knows of a run of characters read one way.
#[derive(Debug, Clone, Copy, Default)]
struct Known {
    /// The run is a word of two to four characters.
    word: bool,
    /// A longer word continues the run (read that way).
    longer: bool,
}

/// The words the segmenter cuts by (the phrase table's and the common-word
/// list's, two to four characters), with every start of one (`forward`) and
/// every end of one (`backward`), by [`key`]: a cut tries two characters
/// first and goes on only while a longer word may follow, so most steps
/// cost one look-up.
struct Lexicon {
    forward: FxHashMap<u128, Known>,
    backward: FxHashMap<u128, Known>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon { forward: FxHashMap::default(), backward: FxHashMap::default() };
    let table = PHRASES.lines().filter_map(|line| line.split_once('\t')).map(|(word, _)| word);
    let list = include_str!("../data/lexicon/words.txt").lines();
    for word in table.chain(list) {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if !(2..=LONGEST).contains(&n) {
            continue;
        }
        for k in 2..=n {
            let head = key(chars[..k].iter().copied());
            let tail = key(chars[n - k..].iter().copied());
            let (f, b) =
                (lexicon.forward.entry(head).or_default(), lexicon.backward.entry(tail).or_default());
            if k == n {
                f.word = true;
                b.word = true;
            } else {
                f.longer = true;
                b.longer = true;
            }
        }
    }
    lexicon
});

/// One piece of a text: a word of Chinese characters and its syllables (one
/// per character), or a run of anything else with none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    /// Tone-marked syllables, one per character; empty for other text.
    pub syllables: Vec<&'static str>,
}

/// The longest word (2 to [`LONGEST`] characters) that `run` yields, as its
/// length in characters, else 1. `run(k)` is the [`key`] of the run of `k`
/// characters read from the cut's side, `None` past the text's end.
fn longest(known: &FxHashMap<u128, Known>, run: impl Fn(usize) -> Option<u128>) -> usize {
    let mut best = 1;
    for k in 2..=LONGEST {
        let Some(found) = run(k).and_then(|run| known.get(&run)) else { break };
        if found.word {
            best = k;
        }
        if !found.longer {
            break;
        }
    }
    best
}

/// `chars` cut into words, as (start, length) in characters: the longest
/// word at each step (common words of the list keep a phrase of the table
/// from taking a character of the next word: 在行动 is 在 + 行动), from the
/// front and from the back; the cut with fewer pieces wins, then the one
/// with fewer single characters, then the one from the back (more often
/// right in Chinese).
fn segment(chars: &[char]) -> Vec<(usize, usize)> {
    let lexicon = &*LEXICON;
    let mut forward = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let n = longest(&lexicon.forward, |k| chars.get(i..i + k).map(|run| key(run.iter().copied())));
        forward.push((i, n));
        i += n;
    }
    let mut backward = Vec::with_capacity(chars.len());
    let mut end = chars.len();
    while end > 0 {
        let n = longest(&lexicon.backward, |k| {
            end.checked_sub(k).map(|start| key(chars[start..end].iter().copied()))
        });
        backward.push((end - n, n));
        end -= n;
    }
    backward.reverse();
    let singles = |cut: &[(usize, usize)]| cut.iter().filter(|&&(_, n)| n == 1).count();
    if (forward.len(), singles(&forward)) < (backward.len(), singles(&backward)) { forward } else { backward }
}

/// Calls `each` with every piece of `text` in order: its text, and its
/// syllables (empty for other text, which gathers into one piece). The
/// syllables are lent: [`pieces`] copies them, the article page's readings
/// need not.
pub fn each_piece<'t>(text: &'t str, mut each: impl FnMut(&'t str, &[&'static str])) {
    let (starts, chars): (Vec<usize>, Vec<char>) = text.char_indices().unzip();
    let end_of = |i: usize| starts.get(i).copied().unwrap_or(text.len());
    let mut syllables = Vec::new();
    // The run of other text not yet given to `each`, as a byte range.
    let mut other: Option<(usize, usize)> = None;
    for (i, n) in segment(&chars) {
        let (from, to) = (starts[i], end_of(i + n));
        syllables.clear();
        if read_word(&chars[i..i + n], &mut syllables) {
            if let Some((a, b)) = other.take() {
                each(&text[a..b], &[]);
            }
            each(&text[from..to], &syllables);
        } else {
            other = Some(other.map_or((from, to), |(a, _)| (a, to)));
        }
    }
    if let Some((a, b)) = other {
        each(&text[a..b], &[]);
    }
}

/// `text` cut into words (each with the phrase table's reading, else its
/// characters' common readings), single characters with their common
/// reading, and runs of other text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    each_piece(text, |text, syllables| out.push(Piece { text, syllables: syllables.to_vec() }));
    out
}

/// Puts the syllables of one word in `out`: the table's reading of it, else
/// of the longest phrases of the table inside it (重庆市 → 重庆 + 市), else
/// each character's common reading; false (and `out` as it may be) if a
/// character has no reading.
fn read_word(word: &[char], out: &mut Vec<&'static str>) -> bool {
    if let Some(syllables) = phrase(word) {
        out.extend_from_slice(syllables);
        return true;
    }
    let mut i = 0;
    while i < word.len() {
        let inner = (2..=(word.len() - i))
            .rev()
            .filter(|&n| n < word.len())
            .find_map(|n| phrase(&word[i..i + n]).map(|s| (n, s)));
        if let Some((n, syllables)) = inner {
            out.extend_from_slice(syllables);
            i += n;
        } else {
            let Some(p) = word[i].to_pinyin() else { return false };
            out.push(p.with_tone());
            i += 1;
        }
    }
    true
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

/// The readings of every character U+3400–U+9FFF of `text`, in order, as
/// the pinyin aid (`static/pinyin.js`) gives them: words split by spaces,
/// the syllables of a word by `-`, `?` for a character without a reading
/// (`重庆组织` → `chóng-qìng zǔ-zhī`). The reference the script is tested
/// against (`tests/fixtures/pinyin/readings.txt`).
pub fn readings(text: &str) -> String {
    let is_han = |c: char| ('\u{3400}'..='\u{9fff}').contains(&c);
    let mut words: Vec<String> = Vec::new();
    each_piece(text, |piece, syllables| {
        if !syllables.is_empty() && piece.chars().all(is_han) {
            words.push(syllables.join("-"));
        } else {
            words.extend(piece.chars().filter(|&c| is_han(c)).map(|_| "?".to_string()));
        }
    });
    words.join(" ")
}

/// The segmenter's tables for the browser, as a script (`static/pinyin-table.js`
/// sets `window.duizhaoPinyinTable`), so that the theme's `static/pinyin.js`
/// cuts and reads a block as [`each_piece`] does, when a reader turns the
/// pinyin aid on: `chars`, lines of a syllable and the characters
/// U+3400–U+9FFF whose most common reading it is; `phrases`, lines of a word
/// of the phrase table and its syllables; `words`, the other words (2 to
/// 4 characters) the cut knows, one a line. Made once, sorted.
pub fn browser_table() -> &'static str {
    static TABLE: LazyLock<String> = LazyLock::new(|| {
        let is_han = |c: char| ('\u{3400}'..='\u{9fff}').contains(&c);
        let mut chars: BTreeMap<&str, String> = BTreeMap::new();
        for c in '\u{3400}'..='\u{9fff}' {
            if let Some(p) = c.to_pinyin() {
                chars.entry(p.with_tone()).or_default().push(c);
            }
        }
        let chars = chars.into_iter().map(|(s, cs)| format!("{s} {cs}"));
        // A word with other characters than U+3400–U+9FFF reads as `?`s
        // whatever its syllables: only the cut needs it.
        let (mut phrases, mut words) = (BTreeSet::new(), BTreeSet::new());
        for (word, _) in PHRASES.lines().filter_map(|line| line.split_once('\t')) {
            let syllables = phrase(&word.chars().collect::<Vec<_>>());
            match syllables.filter(|_| word.chars().all(is_han)) {
                Some(syllables) => phrases.insert(format!("{word} {}", syllables.join(" "))),
                None => words.insert(word.to_string()),
            };
        }
        let in_table: BTreeSet<&str> = phrases.iter().filter_map(|l| l.split(' ').next()).collect();
        let list = include_str!("../data/lexicon/words.txt").lines();
        let more = list.filter(|w| (2..=LONGEST).contains(&w.chars().count()) && !in_table.contains(w));
        words.extend(more.map(str::to_string));
        let join = |lines: Vec<String>| serde_json::Value::String(lines.join("\n")).to_string();
        format!(
            "// The pinyin aid's tables, made by duizhao from its word lists (see static/pinyin.js).\nwindow.duizhaoPinyinTable={{\"chars\":{},\n\"phrases\":{},\n\"words\":{}}};\n",
            join(chars.collect()),
            join(phrases.into_iter().collect()),
            join(words.into_iter().collect()),
        )
    });
    &TABLE
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
    fn runs_of_different_lengths_have_different_keys() {
        assert_ne!(key("重庆".chars()), key("\0重庆".chars()));
        assert_ne!(key("重庆".chars()), key("庆重".chars()));
        assert_eq!(phrase(&['重', '庆']), Some(&["chóng", "qìng"][..]));
        assert_eq!(phrase(&['重'; 5]), None);
    }

    #[test]
    fn readings_follow_the_text_in_words() {
        assert_eq!(readings("重庆银行，12人"), "chóng-qìng yín-háng rén");
        assert_eq!(readings("A&amp;B"), "");
    }

    /// The readings the pinyin aid's script must give too
    /// (`tests/browser/pinyin.test.mjs` checks it against the same file):
    /// `text\treadings` a line; `DUIZHAO_BLESS=1` rewrites the readings.
    #[test]
    fn readings_match_their_golden_file() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pinyin/readings.txt");
        let golden = std::fs::read_to_string(&path).unwrap();
        let texts: Vec<&str> = golden.lines().map(|l| l.split_once('\t').map_or(l, |(t, _)| t)).collect();
        let made: String =
            texts.iter().flat_map(|t| [t, "\t", &readings(t), "\n"].map(str::to_string)).collect();
        if std::env::var_os("DUIZHAO_BLESS").is_some() {
            std::fs::write(&path, &made).unwrap();
            return;
        }
        assert!(
            made == golden,
            "{}: readings changed; rerun with DUIZHAO_BLESS=1 and read the diff",
            path.display()
        );
    }

    #[test]
    fn the_browser_table_holds_every_kind_of_entry() {
        let table = browser_table();
        assert!(table.starts_with("// ") && table.contains("window.duizhaoPinyinTable={"));
        assert!(table.contains("\\nzhòng ") || table.contains("\"zhòng "), "character readings");
        assert!(table.contains("重庆 chóng qìng"), "a phrase read otherwise than its characters");
        assert!(table.len() < 700_000, "{} bytes", table.len());
    }

    #[test]
    fn plain_syllables_are_ascii() {
        assert_eq!(plain("chóng"), "chong");
        assert_eq!(plain("lǚ"), "lv");
        assert!(PHRASE_TABLE.len() > 5000, "the table loads");
    }
}
