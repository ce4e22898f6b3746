//! Lists of other stories' headlines under a label (`延伸阅读`, `相关新闻`,
//! `相关阅读`, `推荐阅读` …): links to other pages, not the article's text.

use crate::ingest::draft::Unit;
use crate::ingest::text::char_len;

const LABELS: [&str; 8] =
    ["延伸阅读", "相关新闻", "相关阅读", "推荐阅读", "相关链接", "相关报道", "往期回顾", "更多阅读"];

/// The label a line opens with, and what follows it on the line.
fn label(text: &str) -> Option<(&'static str, &str)> {
    let t = text.trim().trim_start_matches(['【', '[', '■', '●', '◆', '>', '＞']).trim_start();
    LABELS.iter().find_map(|label| {
        let rest = t.strip_prefix(label)?;
        let rest = rest.trim_start_matches(['】', ']', '：', ':', '>', '＞', ' ', '\u{3000}']);
        Some((*label, rest.trim()))
    })
}

/// Does the line read as another story's headline (short, no sentence)?
fn is_headline_entry(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['·', '•', '●', '◆', '■', '>', '＞', '-', '*']).trim();
    let len = char_len(t);
    (2..=50).contains(&len)
        && !t.contains('。')
        && !t.ends_with(['，', '；', '：'])
        && super::known::strip_furniture(t).is_none()
}

/// A list of headlines: its label, how many units it spans (the label line
/// and the headlines after it) and how many headlines it holds.
#[derive(Debug, PartialEq, Eq)]
pub struct HeadlineList {
    pub label: &'static str,
    pub units: usize,
    pub headlines: usize,
}

/// The headline list starting at `start`: the label line (with any
/// headlines on it) and the headlines that follow; `None` when the unit is
/// no list label.
pub fn headline_list(body: &[Unit], start: usize) -> Option<HeadlineList> {
    let unit = body.get(start)?;
    if !matches!(unit.kind, crate::ingest::draft::UnitKind::Para | crate::ingest::draft::UnitKind::Subheading)
    {
        return None;
    }
    let (label, rest) = label(&unit.text)?;
    if !rest.is_empty() && !rest.split_whitespace().all(is_headline_entry) {
        return None;
    }
    let entries = body[start + 1..]
        .iter()
        .take_while(|u| {
            !matches!(u.kind, crate::ingest::draft::UnitKind::Figure { .. }) && is_headline_entry(&u.text)
        })
        .count();
    let on_label_line = rest.split_whitespace().count();
    Some(HeadlineList { label, units: 1 + entries, headlines: on_label_line + entries })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::UnitKind;

    fn units(texts: &[&str]) -> Vec<Unit> {
        texts.iter().enumerate().map(|(i, t)| Unit::new(UnitKind::Para, *t, i + 1)).collect()
    }

    #[test]
    fn a_label_and_the_headlines_under_it() {
        let body = units(&[
            "正文。",
            "延伸阅读：",
            "城南小学举行读书节",
            "· 河滨路改造工程开工（2021-03-11）",
            "这一段是正文，不是标题。",
        ]);
        assert_eq!(headline_list(&body, 0), None);
        assert_eq!(headline_list(&body, 1), Some(HeadlineList { label: "延伸阅读", units: 3, headlines: 2 }));
        let inline = units(&["【相关新闻】城南小学举行读书节 河滨路改造工程开工"]);
        assert_eq!(
            headline_list(&inline, 0),
            Some(HeadlineList { label: "相关新闻", units: 1, headlines: 2 })
        );
    }

    #[test]
    fn a_sentence_that_opens_with_a_label_word_is_text() {
        let body = units(&["相关新闻报道显示，今年植树人数创新高。"]);
        assert_eq!(headline_list(&body, 0), None);
    }
}
