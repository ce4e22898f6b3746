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

/// `text` with each traditional character simplified.
pub fn to_simplified(text: &str) -> String {
    let table = simplified_pairs();
    text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_place_names_fold_and_simplified_text_stays() {
        assert_eq!(to_simplified("臺灣 廣東省 澳門 香港"), "台湾 广东省 澳门 香港");
        assert_eq!(to_simplified("郧阳区企业复工"), "郧阳区企业复工");
    }
}
