//! How plausible a decoded text is as Chinese: text in, a [`Score`] out.
//!
//! Real Chinese, simplified or traditional, is made mostly of a small set of
//! frequent characters (`COMMON`, from Unihan: see its header and
//! `scripts/common-hanzi.py`) and full-width punctuation: about nine in ten of
//! its characters. The same bytes read in the wrong encoding are mostly other
//! characters (about one in ten frequent), many of them rare: private-use,
//! replacement characters, kana, Hangul, Cyrillic, box drawing, hanzi outside
//! the main sets of both GB 2312 and Big5.

use encoding_rs::{BIG5, Encoding, GB18030};
use std::sync::LazyLock;

/// The frequent characters, one string of them after `#` comment lines.
const COMMON: &str = include_str!("common.txt");

/// How many characters a score reads at most: the evidence is settled long before.
const SAMPLE: usize = 5_000;

/// A reading is plausible Chinese with at least this share of common characters …
pub const PLAUSIBLE_COMMON: f64 = 0.6;
/// … and at most this share of rare ones (Cantonese written in HKSCS
/// characters stays well below it).
pub const PLAUSIBLE_RARE: f64 = 0.15;
/// Fewer non-ASCII characters than this are too few to tell two readings apart.
pub const ENOUGH_CHARACTERS: usize = 16;

/// The evidence of one reading: its non-ASCII characters (white space
/// aside, up to `SAMPLE`), and the shares of them that are common and rare.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Score {
    pub characters: usize,
    pub common: f64,
    pub rare: f64,
}

impl Score {
    /// Plausible as Chinese: enough common characters, few rare ones. A text
    /// without non-ASCII characters is plausible (there is nothing to doubt).
    pub fn plausible(&self) -> bool {
        self.characters == 0 || (self.common >= PLAUSIBLE_COMMON && self.rare <= PLAUSIBLE_RARE)
    }

    /// One number to rank readings by: common minus rare.
    pub fn value(&self) -> f64 {
        self.common - self.rare
    }
}

/// The score of `text`.
pub fn score(text: &str) -> Score {
    let (mut characters, mut common, mut rare) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()).take(SAMPLE) {
        characters += 1;
        if is_common(c) {
            common += 1;
        } else if is_rare(c) {
            rare += 1;
        }
    }
    let share = |n: usize| if characters == 0 { 0.0 } else { n as f64 / characters as f64 };
    Score { characters, common: share(common), rare: share(rare) }
}

/// A set of characters of the basic CJK block, as bits.
struct HanziSet(Vec<u64>);

impl HanziSet {
    fn new(chars: impl Iterator<Item = char>) -> HanziSet {
        let mut bits = vec![0u64; CJK_LEN.div_ceil(64)];
        for i in chars.filter_map(cjk_index) {
            bits[i / 64] |= 1 << (i % 64);
        }
        HanziSet(bits)
    }

    fn contains(&self, c: char) -> bool {
        cjk_index(c).is_some_and(|i| self.0[i / 64] & (1 << (i % 64)) != 0)
    }
}

/// The frequent characters.
static COMMON_HANZI: LazyLock<HanziSet> =
    LazyLock::new(|| HanziSet::new(COMMON.lines().filter(|l| !l.starts_with('#')).flat_map(str::chars)));

/// The hanzi of GB 2312 (lead bytes B0–F7) and of Big5's two levels
/// (A440–C67E, C940–F9D5), read from the encodings' own tables once.
static MAIN_SETS: LazyLock<HanziSet> = LazyLock::new(|| {
    let gb = two_byte_chars(GB18030, |[lead, trail]| (0xB0..=0xF7).contains(&lead) && trail >= 0xA1);
    let big5 = two_byte_chars(BIG5, |pair| {
        let code = u16::from_be_bytes(pair);
        (0xA440..=0xC67E).contains(&code) || (0xC940..=0xF9D5).contains(&code)
    });
    HanziSet::new(gb.chain(big5))
});

/// The characters of the two-byte codes of `encoding` that `keep` keeps.
fn two_byte_chars(encoding: &'static Encoding, keep: fn([u8; 2]) -> bool) -> impl Iterator<Item = char> {
    (0x81..=0xFEu8)
        .flat_map(|lead| (0x40..=0xFEu8).map(move |trail| [lead, trail]))
        .filter(move |&pair| keep(pair))
        .filter_map(move |pair| {
            let text = encoding.decode_without_bom_handling_and_without_replacement(&pair)?;
            let mut chars = text.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(c)
        })
}

const CJK_FIRST: u32 = 0x4E00;
const CJK_LEN: usize = 0x9FFF - 0x4E00 + 1;

fn cjk_index(c: char) -> Option<usize> {
    let i = usize::try_from(u32::from(c).checked_sub(CJK_FIRST)?).ok()?;
    (i < CJK_LEN).then_some(i)
}

/// A frequent character, or Chinese punctuation.
pub fn is_common(c: char) -> bool {
    if cjk_index(c).is_some() {
        return COMMON_HANZI.contains(c);
    }
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{2010}'..='\u{2027}' | '·')
}

/// A character real Chinese text seldom holds: private use, replacement,
/// controls, kana, Hangul, Cyrillic, Greek, box drawing, compatibility and
/// extension hanzi, and basic-block hanzi outside the main sets of both
/// GB 2312 (levels 1–2) and Big5 (levels 1–2).
pub fn is_rare(c: char) -> bool {
    if cjk_index(c).is_some() {
        return !MAIN_SETS.contains(c);
    }
    matches!(c,
        '\u{80}'..='\u{9F}'
        | '\u{370}'..='\u{52F}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{2500}'..='\u{259F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{E000}'..='\u{F8FF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF61}'..='\u{FFDF}'
        | '\u{FFFD}'
        | '\u{20000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_both_scripts_and_nothing_else() {
        let chars: Vec<char> = COMMON.lines().filter(|l| !l.starts_with('#')).flat_map(str::chars).collect();
        assert!((1_000..3_000).contains(&chars.len()), "{}", chars.len());
        assert!(chars.iter().all(|&c| cjk_index(c).is_some()), "only basic-block hanzi");
        for c in ['的', '国', '國', '这', '這', '说', '說', '係'] {
            assert!(is_common(c), "{c}");
        }
        assert!(!is_common('鑫') && !is_common('a'));
    }

    #[test]
    fn the_main_sets_hold_gb2312_and_big5_hanzi() {
        let count: u32 = MAIN_SETS.0.iter().map(|w| w.count_ones()).sum();
        // 6,763 in GB 2312, 13,053 in Big5, many of them the same.
        assert!((13_053..6_763 + 13_053).contains(&count), "{count}");
        assert!(MAIN_SETS.contains('啊') && MAIN_SETS.contains('醫') && !MAIN_SETS.contains('丂'));
    }

    #[test]
    fn rare_characters_are_those_real_text_seldom_holds() {
        for c in ['\u{E000}', '\u{FFFD}', 'ア', '한', 'Ж', '┐', '\u{85}', '𠀀'] {
            assert!(is_rare(c), "{c:?}");
        }
        for c in ['鑫', '國', '，', 'é'] {
            assert!(!is_rare(c), "{c:?}");
        }
    }

    #[test]
    fn scores_count_only_non_ascii_characters_outside_white_space() {
        assert_eq!(score("abc \n"), Score::default());
        assert!(score("abc").plausible());
        let s = score("我们的国家。\u{3000}ア\u{E000}");
        assert_eq!(s.characters, 8);
        assert!((s.common - 6.0 / 8.0).abs() < 1e-9 && (s.rare - 2.0 / 8.0).abs() < 1e-9, "{s:?}");
        assert!(!s.plausible());
    }
}
