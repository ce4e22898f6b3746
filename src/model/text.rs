//! Small rules about text that several stages share: text in, text (or a
//! count) out.

/// The text on one line: runs of white space, line breaks included, become
/// one space.
///
/// ```
/// assert_eq!(duizhao::model::one_line(" 第一行\n  第二行 "), "第一行 第二行");
/// ```
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The characters of `text` without any white space (U+3000 included), for
/// comparing texts that differ only in wrapping.
pub fn compact(text: &str) -> String {
    // Whole runs between spaces are copied, not one character at a time
    // (ingest compacts every paragraph several times).
    let mut out = String::with_capacity(text.len());
    for_each_run(text, |run| out.push_str(run));
    out
}

/// Calls `f` on each run of `text` between white space (as
/// [`char::is_whitespace`] has it), in order: [`compact`] without the copy.
pub(crate) fn for_each_run(text: &str, mut f: impl FnMut(&str)) {
    // Only these bytes can begin a white-space character, so the bytes of
    // Chinese text (lead bytes E4–E9) are passed over without decoding.
    let mut start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        let maybe = matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
        let width = if maybe { white_space_at(&text[i..]) } else { 0 };
        if width == 0 {
            i += 1;
            continue;
        }
        if start < i {
            f(&text[start..i]);
        }
        i += width;
        start = i;
    }
    if start < bytes.len() {
        f(&text[start..]);
    }
}

/// The length in bytes of the white-space character `text` opens with, or 0.
fn white_space_at(text: &str) -> usize {
    text.chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
}

/// Levenshtein distance between `a` and `b`, counted in characters.
///
/// ```
/// assert_eq!(duizhao::model::edit_distance("十堰市", "十偃市"), 1);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(x != y);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn compact_drops_exactly_the_white_space(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                ' ', '\t', '\n', '\u{0b}', '\u{0c}', '\r', '\u{1c}', '\u{85}', '\u{a0}', '\u{1680}',
                '\u{2000}', '\u{200a}', '\u{200b}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}',
                '\u{3000}', '\u{3001}', '。', '改', 'a', 'é', '\u{e000}', '—', '“', '𠀀',
            ]), 0..40)
        ) {
            let text: String = chars.into_iter().collect();
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            proptest::prop_assert_eq!(compact(&text), expected);
        }
    }
}
