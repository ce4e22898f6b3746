//! Word-level pinyin: Chinese text in → its words, each with its syllables
//! (tone marks, or plain ASCII for slugs). A character with several readings
//! takes the one of the word it stands in (重庆 chóngqìng, 银行 yínháng,
//! 长春 chángchūn). Text is cut into words of the committed phrase table
//! `data/pinyin/phrases.txt` (from pypinyin, MIT; see its ORIGIN.md) and of
//! the common-word list `data/lexicon/words.txt`; a word of the table takes
//! its reading, any other character its most common one (the `pinyin` crate).

use pinyin::ToPinyin;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// `word\tsyllable syllable …`, one word a line.
const PHRASES: &str = include_str!("../data/pinyin/phrases.txt");

/// The phrase table, parsed once.
static PHRASE_TABLE: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    PHRASES
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(word, syllables)| (word, syllables.split(' ').collect()))
        .collect()
});

fn phrases() -> &'static FxHashMap<&'static str, Vec<&'static str>> {
    &PHRASE_TABLE
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
/// every end of one (`backward`): a cut tries two characters first and goes
/// on only while a longer word may follow, so most steps cost one look-up.
struct Lexicon {
    forward: FxHashMap<&'static str, Known>,
    backward: FxHashMap<&'static str, Known>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon { forward: FxHashMap::default(), backward: FxHashMap::default() };
    let table = PHRASES.lines().filter_map(|line| line.split_once('\t')).map(|(word, _)| word);
    let list = include_str!("../data/lexicon/words.txt").lines();
    for word in table.chain(list) {
        let starts: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
        let n = starts.len();
        if !(2..=LONGEST).contains(&n) {
            continue;
        }
        for k in 2..=n {
            let head = &word[..starts.get(k).copied().unwrap_or(word.len())];
            let tail = &word[starts[n - k]..];
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

/// The longest word of the table, in characters.
const LONGEST: usize = 4;

/// One piece of a text: a word of Chinese characters and its syllables (one
/// per character), or a run of anything else with none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    /// Tone-marked syllables, one per character; empty for other text.
    pub syllables: Vec<&'static str>,
}

/// The longest word (2 to [`LONGEST`] characters) that `runs` yields, as its
/// length in characters, else 1. `runs(k)` is the run of `k` characters read
/// from the cut's side, `None` past the text's end.
fn longest<'t>(known: &FxHashMap<&'static str, Known>, runs: impl Fn(usize) -> Option<&'t str>) -> usize {
    let mut best = 1;
    for k in 2..=LONGEST {
        let Some(found) = runs(k).and_then(|run| known.get(run)) else { break };
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
fn segment(text: &str, chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let lexicon = &*LEXICON;
    let mut forward = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let n =
            longest(&lexicon.forward, |k| (i + k <= chars.len()).then(|| &text[chars[i].0..end_of(i + k)]));
        forward.push((i, n));
        i += n;
    }
    let mut backward = Vec::with_capacity(chars.len());
    let mut end = chars.len();
    while end > 0 {
        let n = longest(&lexicon.backward, |k| (k <= end).then(|| &text[chars[end - k].0..end_of(end)]));
        backward.push((end - n, n));
        end -= n;
    }
    backward.reverse();
    let singles = |cut: &[(usize, usize)]| cut.iter().filter(|&&(_, n)| n == 1).count();
    if (forward.len(), singles(&forward)) < (backward.len(), singles(&backward)) { forward } else { backward }
}

/// Calls `each` with every piece of `text` in order: its text, and its
/// syllables (empty for other text, which gathers into one piece). The
/// syllables are lent: [`pieces`] copies them, [`readings`]-style callers
/// need not.
pub fn each_piece<'t>(text: &'t str, mut each: impl FnMut(&'t str, &[&'static str])) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut syllables = Vec::new();
    // The run of other text not yet given to `each`, as a byte range.
    let mut other: Option<(usize, usize)> = None;
    for (i, n) in segment(text, &chars) {
        let (from, to) = (chars[i].0, end_of(i + n));
        syllables.clear();
        if read_word(&text[from..to], &mut syllables) {
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
fn read_word(word: &str, out: &mut Vec<&'static str>) -> bool {
    if let Some(syllables) = phrases().get(word) {
        out.extend_from_slice(syllables);
        return true;
    }
    let mut chars = word.char_indices();
    let Some((_, first)) = chars.next() else { return true };
    if chars.next().is_none() {
        // One character not in the table: its common reading.
        return first.to_pinyin().is_some_and(|p| {
            out.push(p.with_tone());
            true
        });
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(word.len(), |&(at, _)| at);
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
            let Some(p) = chars[i].1.to_pinyin() else { return false };
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
