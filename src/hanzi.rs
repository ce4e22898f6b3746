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

/// `text` with each traditional character simplified.
pub fn to_simplified(text: &str) -> String {
    // Copy the runs that need no change whole: most text is simplified.
    let table = dense();
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        if u32::from(c) < BLOCKS[0].0 {
            continue;
        }
        let s = dense_index(c).and_then(|i| table.get(i).copied()).unwrap_or(c);
        if s != c {
            out.push_str(&text[kept..i]);
            out.push(s);
            kept = i + c.len_utf8();
        }
    }
    out.push_str(&text[kept..]);
    out
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
    }
}
