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
const SAMPLE: usize = 20_000;

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

/// The frequent characters of the basic CJK block, as a bit set.
static COMMON_HANZI: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; CJK_LEN.div_ceil(64)];
    let lines = COMMON.lines().filter(|l| !l.starts_with('#'));
    for c in lines.flat_map(str::chars) {
        if let Some(i) = cjk_index(c) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
});

const CJK_FIRST: u32 = 0x4E00;
const CJK_LEN: usize = 0x9FFF - 0x4E00 + 1;

fn cjk_index(c: char) -> Option<usize> {
    let i = usize::try_from(u32::from(c).checked_sub(CJK_FIRST)?).ok()?;
    (i < CJK_LEN).then_some(i)
}

/// A frequent character, or Chinese punctuation.
pub fn is_common(c: char) -> bool {
    if let Some(i) = cjk_index(c) {
        return COMMON_HANZI[i / 64] & (1 << (i % 64)) != 0;
    }
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{2010}'..='\u{2027}' | '·')
}

/// A character real Chinese text seldom holds: private use, replacement,
/// controls, kana, Hangul, Cyrillic, Greek, box drawing, compatibility and
/// extension hanzi, and basic-block hanzi outside the main sets of both
/// GB 2312 (levels 1–2) and Big5 (levels 1–2).
pub fn is_rare(c: char) -> bool {
    if cjk_index(c).is_some() {
        return !in_main_sets(c);
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

/// In GB 2312 (lead bytes B0–F7) or Big5's two levels of hanzi (A440–F9D5).
fn in_main_sets(c: char) -> bool {
    encode_pair(GB18030, c).is_some_and(|[lead, trail]| (0xB0..=0xF7).contains(&lead) && trail >= 0xA1)
        || encode_pair(BIG5, c).is_some_and(|pair| (0xA440..=0xF9D5).contains(&u16::from_be_bytes(pair)))
}

/// The two bytes of `c` in `encoding`, if it is a two-byte character there.
fn encode_pair(encoding: &'static Encoding, c: char) -> Option<[u8; 2]> {
    let mut utf8 = [0u8; 4];
    let mut out = [0u8; 8];
    let mut encoder = encoding.new_encoder();
    let (result, _, written) =
        encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), &mut out, true);
    (result == encoding_rs::EncoderResult::InputEmpty && written == 2).then_some([out[0], out[1]])
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
