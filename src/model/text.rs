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
    for run in text.split(char::is_whitespace) {
        out.push_str(run);
    }
    out
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
