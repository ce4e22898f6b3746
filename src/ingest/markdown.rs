//! A cleaned draft in, the article's Markdown body out: one top-level block
//! per unit, so blocks number as the source's paragraphs do. An emendation
//! made by a fix is written `〈reading|printed〉` (`src/ingest/emend.rs`).

use super::draft::{Draft, UnitKind};
use super::emend;
use crate::model::figure::NOT_KEPT;

/// Escapes what Markdown would read as markup in running text.
fn escape(text: &str) -> String {
    let plain = !text.contains(['\\', '*', '_', '`', '[', ']', '<', '>', '#', '\n'])
        && !text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
    if plain {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    // A line starting like a list item or a heading.
    let starts_list = {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        (digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')'))) || out.starts_with(['-', '+'])
    };
    if starts_list {
        let at = out.find(['.', ')', '-', '+']).unwrap_or(0);
        out.insert(at, '\\');
    }
    out.replace('\n', " ")
}

/// `image_kept` says whether the picture a figure names came with the
/// source; one that did not is marked with the title `"not kept"`.
pub fn body(draft: &Draft, image_kept: &dyn Fn(&str) -> bool) -> String {
    let blocks: Vec<String> = draft
        .body
        .iter()
        .map(|unit| (unit, emend::to_markdown(&escape(&unit.text))))
        .map(|(unit, text)| match &unit.kind {
            UnitKind::Para => text,
            UnitKind::Subheading => format!("## {text}"),
            UnitKind::Figure { image: Some(file) } if !image_kept(file) => {
                format!("![{text}]({file} \"{NOT_KEPT}\")")
            }
            UnitKind::Figure { image } => format!("![{text}]({})", image.as_deref().unwrap_or_default()),
        })
        .collect();
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::Unit;
    use crate::model::{BlockKind, split_blocks};

    #[test]
    fn each_unit_is_one_block_of_its_kind() {
        let draft = Draft {
            body: vec![
                Unit::new(UnitKind::Para, "1.美盛花园、2.美盛花园", 1),
                Unit::new(UnitKind::Subheading, "小标题", 2),
                Unit::new(UnitKind::Figure { image: Some("W1.jpg".into()) }, "说明[图]", 3),
                Unit::new(UnitKind::Figure { image: None }, "党员值守卡口", 4),
                Unit::new(UnitKind::Figure { image: Some("W2.jpg".into()) }, "", 5),
                Unit::new(UnitKind::Para, "- 不是列表 *不是强调*", 5),
            ],
            ..Draft::default()
        };
        let text = body(&draft, &|file| file == "W1.jpg");
        let kinds: Vec<_> = split_blocks(&text).into_iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Figure,
                BlockKind::Figure,
                BlockKind::Figure,
                BlockKind::Paragraph
            ]
        );
        assert!(text.starts_with("1\\.美盛花园"));
        assert!(text.contains("![](W2.jpg \"not kept\")"));
        assert!(text.contains("![说明\\[图\\]](W1.jpg)"));
    }
}
