//! Traditional → simplified Han characters, one character at a time: the
//! one folding that place names (ingest) and search (index and query) share.
//! Only for matching: text shown or written never passes through here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Every Han character of the main blocks that the `OpenCC` dictionaries
/// (through zhconv) simplify on its own, with its simplified form; computed
/// once. One character for one keeps positions in a folded text aligned.
pub fn simplified_pairs() -> &'static BTreeMap<char, char> {
    static TABLE: OnceLock<BTreeMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = BTreeMap::new();
        let ranges = [0x3400..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let simplified = zhconv::zhconv(c.encode_utf8(&mut [0; 4]), zhconv::Variant::ZhHans);
            let mut chars = simplified.chars();
            if let (Some(s), None) = (chars.next(), chars.next())
                && s != c
            {
                table.insert(c, s);
            }
        }
        table
    })
}

/// The Han blocks [`simplified_pairs`] covers, as (first, last) code points;
/// outside them every character is its own simplified form.
const BLOCKS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// Where `c` sits in the dense table, if in a Han block.
fn dense_index(c: char) -> Option<usize> {
    let mut offset = 0;
    for (first, last) in BLOCKS {
        if (first..=last).contains(&u32::from(c)) {
            return usize::try_from(offset + u32::from(c) - first).ok();
        }
        offset += last - first + 1;
    }
    None
}

/// [`simplified_pairs`] as an array over the Han blocks: one load per
/// character instead of a tree search, for ingest's long texts.
fn dense() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let blocks = BLOCKS.iter().flat_map(|&(first, last)| (first..=last).filter_map(char::from_u32));
        let pairs = simplified_pairs();
        blocks.map(|c| *pairs.get(&c).unwrap_or(&c)).collect()
    })
}

/// The simplified form of `c` (`c` itself when it has none).
pub fn simplified(c: char) -> char {
    dense_index(c).and_then(|i| dense().get(i).copied()).unwrap_or(c)
}

/// A bit for each character of the Basic Multilingual Plane that
/// [`simplified`] changes: most characters of a text are tested against
/// these 8 KB, not looked up in the larger table.
fn changed() -> &'static [u64] {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for &c in simplified_pairs().keys() {
            let i = u32::from(c) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    })
}

/// `text` with each traditional character simplified.
pub fn to_simplified(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_simplified(&mut out, text);
    out
}

/// [`to_simplified`], appended to `out`.
pub fn push_simplified(out: &mut String, text: &str) {
    // Copy the runs that need no change whole: most text is simplified.
    // Every character of the Han blocks takes three bytes in UTF-8, led by
    // 0xE3–0xEF; no other byte can open one, so the rest is skipped a byte
    // at a time without decoding.
    let (bytes, bits) = (text.as_bytes(), changed());
    let (mut kept, mut i) = (0, 0);
    while i + 2 < bytes.len() {
        let lead = bytes[i];
        if !(0xE3..0xF0).contains(&lead) {
            i += 1;
            continue;
        }
        let code = usize::from(lead & 0x0F) << 12
            | usize::from(bytes[i + 1] & 0x3F) << 6
            | usize::from(bytes[i + 2] & 0x3F);
        if bits[code / 64] & (1 << (code % 64)) != 0
            && let Some(c) = text.get(i..i + 3).and_then(|s| s.chars().next())
        {
            out.push_str(&text[kept..i]);
            out.push(simplified(c));
            kept = i + 3;
        }
        i += 3;
    }
    out.push_str(&text[kept..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_place_names_fold_and_simplified_text_stays() {
        assert_eq!(to_simplified("臺灣 廣東省 澳門 香港"), "台湾 广东省 澳门 香港");
        assert_eq!(to_simplified("郧阳区企业复工"), "郧阳区企业复工");
    }

    #[test]
    fn the_dense_table_agrees_with_the_pairs_in_every_block() {
        for c in BLOCKS.iter().flat_map(|&(first, last)| (first - 1..=last + 1).filter_map(char::from_u32)) {
            assert_eq!(simplified(c), *simplified_pairs().get(&c).unwrap_or(&c), "{c}");
        }
        assert_eq!(to_simplified("a臺b灣c"), "a台b湾c");
        // Every character the table changes, and its neighbours, as the
        // byte scan meets them: alone, among ASCII, after two- and four-byte ones.
        for (&t, &s) in simplified_pairs() {
            assert_eq!(to_simplified(&format!("{t}")), s.to_string());
            assert_eq!(to_simplified(&format!("é{t}x😀{t}")), format!("é{s}x😀{s}"));
        }
    }
}
