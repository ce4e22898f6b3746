//! The bundled edition as a reader meets it: every article complete in its
//! metadata, each paragraph once, no markup or ASCII punctuation left inside
//! the Chinese text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "in a test, a panic is a failure with its message"
)]

use duizhao::model::{Article, BlockKind};
use std::collections::BTreeMap;
use std::path::Path;

fn articles() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| Article::parse(p, &std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[test]
fn every_article_has_title_source_regions_and_a_date_or_undated() {
    let articles = articles();
    assert!(articles.len() >= 25);
    for a in &articles {
        assert!(!a.front.title.is_empty(), "{}", a.id);
        assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(&a.front.source).is_file(), "{}", a.id);
        assert!(!a.front.regions.is_empty(), "{}", a.id);
        assert!(a.front.calendar_date().is_some() != a.front.undated, "{}: a date or undated = true", a.id);
    }
}

#[test]
fn no_paragraph_appears_twice_in_the_edition() {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for a in articles() {
        for block in a.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
            let text: String = block.markdown.chars().filter(|c| !c.is_whitespace()).collect();
            if text.chars().count() < 8 {
                continue;
            }
            let place = format!("{} {}", a.id, block.no);
            if let Some(first) = seen.insert(text.clone(), place.clone()) {
                panic!("{place} repeats {first}: {text}");
            }
        }
    }
}

#[test]
fn no_html_or_ascii_punctuation_inside_chinese_text() {
    for a in articles() {
        for block in &a.blocks {
            let text = &block.markdown;
            assert!(
                !text.contains("<p") && !text.contains("<span") && !text.contains("&nbsp;"),
                "{} {}",
                a.id,
                block.no
            );
            let chars: Vec<char> = text.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                if !",:;()?!".contains(c) {
                    continue;
                }
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1).copied();
                // `](` and `)` of a figure's image link are Markdown, not text.
                let markdown = (c == '(' && before == Some(']')) || (c == ')' && i + 1 == chars.len());
                assert!(
                    markdown || !(before.is_some_and(is_han) || after.is_some_and(is_han)),
                    "{} {}: ASCII {c:?} beside Chinese in {text}",
                    a.id,
                    block.no
                );
            }
        }
    }
}
