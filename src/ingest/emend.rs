//! Emendations: a `replace` fix in, the text with the change marked out, so
//! the reading text shows it as an editor's emendation and keeps what the
//! source printed.
//!
//! While ingest works, the changed part is held between marks (Unicode
//! noncharacters: reading, then printed), which no cleaning step reads as
//! text; the Markdown body writes it as `〈reading|printed〉`:
//!
//! - `精神〈和|and〉党中央`: the source prints `and`, the edition reads 和;
//! - `疫情〈|情〉出点力`: a doubled 情 deleted (the reading is empty);
//! - `当即〈将|〉其拦下`: 将 supplied (nothing printed).
//!
//! A fix that only inserts the lacuna sign `〔…〕` (a gap the column-break
//! mend did not see) writes the sign itself, not an emendation.
//!
//! The renderer shows the reading as a marked span with the printed text on
//! hover and in print (`src/render/marks.rs`). A headline, subtitle or
//! kicker is front matter, not Markdown: there the reading stands alone, and
//! the fix's note in `[ingest].notes` keeps what was printed.

use std::borrow::Cow;

// Unicode noncharacters: never in interchanged text, unlike the private-use
// area, where GBK's user-defined characters decode.
const OPEN: char = '\u{FDD0}';
const BETWEEN: char = '\u{FDD1}';
const CLOSE: char = '\u{FDD2}';

/// `with` in place of `find`, with only the part that differs marked:
/// the common start and end of the two stay plain text.
pub fn marked(find: &str, with: &str) -> String {
    let prefix: usize =
        find.chars().zip(with.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let (find_rest, with_rest) = (&find[prefix..], &with[prefix..]);
    let suffix: usize = find_rest
        .chars()
        .rev()
        .zip(with_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let printed = &find_rest[..find_rest.len() - suffix];
    let reading = &with_rest[..with_rest.len() - suffix];
    if printed.is_empty() && reading == super::lacuna::LACUNA {
        // An editor marking a gap the mend did not see: a lacuna, not an emendation.
        return with.to_string();
    }
    format!(
        "{}{OPEN}{reading}{BETWEEN}{printed}{CLOSE}{}",
        &find[..prefix],
        &find_rest[find_rest.len() - suffix..]
    )
}

/// Splits `text` at its marks: for each piece, the plain text before a
/// mark, then the mark's reading and printed text.
fn pieces(text: &str) -> Vec<(&str, Option<(&str, &str)>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let inner = &rest[open + OPEN.len_utf8()..];
        let Some(close) = inner.find(CLOSE) else { break };
        let (reading, printed) = inner[..close].split_once(BETWEEN).unwrap_or((&inner[..close], ""));
        out.push((&rest[..open], Some((reading, printed))));
        rest = &inner[close + CLOSE.len_utf8()..];
    }
    out.push((rest, None));
    out
}

/// The text as the edition reads it, without the marks and printed text:
/// what checks of the text (Latin words, places, gaps) look at.
pub fn reading(text: &str) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (plain, mark) in pieces(text) {
        out.push_str(plain);
        out.push_str(mark.map_or("", |m| m.0));
    }
    Cow::Owned(out)
}

/// The marks written as Markdown, `〈reading|printed〉`.
pub fn to_markdown(text: &str) -> String {
    if !text.contains(OPEN) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (plain, mark) in pieces(text) {
        out.push_str(plain);
        if let Some((reading, printed)) = mark {
            out.push_str(&format!("〈{reading}|{printed}〉"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_difference_is_marked() {
        let text = "全力保障讲话精神 and 党中央".replacen(
            "精神 and 党中央",
            &marked("精神 and 党中央", "精神和党中央"),
            1,
        );
        assert_eq!(reading(&text), "全力保障讲话精神和党中央");
        assert_eq!(to_markdown(&text), "全力保障讲话精神〈和| and 〉党中央");
        let doubled = marked("情出点力", "出点力");
        assert_eq!(to_markdown(&doubled), "〈|情〉出点力");
        assert_eq!(reading(&doubled), "出点力");
        assert_eq!(to_markdown(&marked("当即其", "当即将其")), "当即〈将|〉其");
        assert_eq!(reading("无标记"), "无标记");
        assert_eq!(marked("的党员", "〔…〕的党员"), "〔…〕的党员");
    }
}
