//! Repeats: drafts in, drafts out with each story and each paragraph once.
//!
//! OCR repeats paragraphs and whole blocks, sometimes cut off at the start;
//! web exports repeat whole articles under small title variants, or
//! re-export an updated story (a new lead, a paragraph fewer). Of each
//! set of copies the most complete is kept. A run of copies that interrupts
//! a sentence broken across columns is the intruder, so the other copy stays.
//!
//! Both steps find copies through an index of paragraph ends, so the time
//! they take grows with the size of the source, not with its square.

mod articles;
mod paragraphs;

pub use articles::drop_repeated_articles;
pub use paragraphs::drop_repeated_paragraphs;

/// Characters at each end of a paragraph that index it: a copy cut off at
/// one end still shares the other end with the whole.
const KEY: usize = 8;

fn ends(chars: &[char]) -> [(bool, &[char]); 2] {
    let n = chars.len().min(KEY);
    [(true, &chars[..n]), (false, &chars[chars.len() - n..])]
}

/// A paragraph end as a number: which end, and its characters packed.
fn end_key(head: bool, chars: &[char]) -> u128 {
    chars.iter().fold(u128::from(head), |key, &c| key.wrapping_mul(0x11_0000).wrapping_add(c as u128))
}

/// Both end keys of a text.
fn end_keys(chars: &[char]) -> impl Iterator<Item = u128> + '_ {
    ends(chars).into_iter().map(|(head, key)| end_key(head, key))
}

/// Text without white space ([`crate::model::compact`]), as characters.
fn compact_chars(text: &str) -> Vec<char> {
    // Room for Chinese text (three bytes a character) from the start.
    let mut chars = Vec::with_capacity(text.len() / 3 + 1);
    chars.extend(text.chars().filter(|c| !c.is_whitespace()));
    chars
}

#[cfg(test)]
mod test_support {
    use crate::ingest::draft::{Draft, Unit, UnitKind};

    pub(super) const LONG: &str = "刘国梅要求，各级各部门要高度重视、压实责任，做到“六个好”“一个落实”。";

    pub(super) fn draft(title: &str, paras: &[(usize, &str)]) -> Draft {
        Draft {
            title: title.into(),
            body: paras.iter().map(|(line, text)| Unit::new(UnitKind::Para, *text, *line)).collect(),
            ..Draft::default()
        }
    }

    pub(super) fn texts(draft: &Draft) -> Vec<&str> {
        draft.body.iter().map(|u| u.text.as_str()).collect()
    }
}
