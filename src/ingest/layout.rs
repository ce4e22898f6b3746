//! Layout order: drafts in, drafts out with banners resolved into kickers
//! and columns, and headlines that the page printed after their body put
//! back on top.

use super::draft::{Draft, NoteKind};
use super::segment::Banner;
use super::text::normalized;
use std::collections::HashMap;

/// A banner over one article is its kicker (引题); over several, their column (栏目).
pub fn apply_banners(drafts: &mut [Draft], banners: &[Banner]) {
    let mut ordered: Vec<&Banner> = banners.iter().collect();
    // Deeper banners first, so the innermost column wins.
    ordered.sort_by_key(|b| std::cmp::Reverse(b.level));
    let mut over: HashMap<usize, Vec<&Banner>> = HashMap::new();
    for banner in banners {
        over.entry(banner.first_draft).or_default().push(banner);
    }
    for banner in ordered {
        let start = banner.first_draft;
        if start >= drafts.len() {
            continue;
        }
        let ends_scope = |i: usize| {
            drafts[i].title_level.is_some_and(|l| l <= banner.level)
                || over
                    .get(&i)
                    .is_some_and(|b| b.iter().any(|b| b.level <= banner.level && b.line != banner.line))
        };
        let end = (start + 1..drafts.len()).find(|&i| ends_scope(i)).unwrap_or(drafts.len());
        if end - start == 1 && drafts[start].kicker.is_empty() {
            let draft = &mut drafts[start];
            draft.kicker.clone_from(&banner.text);
            draft.meta_lines.push(banner.line);
            draft.note(NoteKind::Metadata, banner.line, "heading above the headline made the kicker (引题)");
        } else {
            for draft in &mut drafts[start..end] {
                if draft.column.is_empty() {
                    draft.column.clone_from(&banner.text);
                    draft.column_line = Some(banner.line);
                }
            }
        }
    }
}

/// Is every paragraph of `draft` a repeat of text in `earlier`?
fn body_repeats(draft: &Draft, earlier: &str) -> bool {
    draft.paras().all(|u| earlier.contains(&normalized(&u.text)))
}

/// A titled draft whose body only repeats the untitled draft before it is
/// that draft's headline, printed after its body: merge the two.
pub fn headlines_after_body(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for draft in drafts {
        if let Some(previous) = out.last_mut()
            && previous.title.is_empty()
            && !draft.title.is_empty()
        {
            let earlier: String = previous.body.iter().map(|u| normalized(&u.text)).collect();
            if body_repeats(&draft, &earlier) {
                let line = draft.title_line.unwrap_or(0);
                let repeated: Vec<usize> = draft.body.iter().map(|u| u.line()).collect();
                previous.title = draft.title;
                previous.title_line = draft.title_line;
                previous.title_level = draft.title_level;
                previous.subtitle = draft.subtitle;
                if previous.kicker.is_empty() {
                    previous.kicker = draft.kicker;
                }
                previous.add_authors(draft.authors);
                previous.meta_lines.extend(draft.meta_lines);
                // The body's column stands over the late headline's.
                if previous.column.is_empty() {
                    previous.column = draft.column;
                    previous.column_line = draft.column_line;
                }
                previous.notes.extend(draft.notes);
                previous.note(
                    NoteKind::LayoutOrder,
                    line,
                    "headline and byline printed after the body they belong to: placed at the top",
                );
                if let Some(&first) = repeated.first() {
                    previous.note(
                        NoteKind::Repeat,
                        first,
                        format!(
                            "{} block(s) under the late headline (lines {}–{}) repeat the body: dropped",
                            repeated.len(),
                            first,
                            repeated.last().unwrap_or(&first)
                        ),
                    );
                }
                continue;
            }
        }
        out.push(draft);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::{Unit, UnitKind};

    fn draft(title: &str, paras: &[&str], first_line: usize) -> Draft {
        Draft {
            title: title.into(),
            title_line: (!title.is_empty()).then_some(first_line),
            title_level: (!title.is_empty()).then_some(2),
            body: paras
                .iter()
                .enumerate()
                .map(|(i, p)| Unit::new(UnitKind::Para, *p, first_line + 2 * (i + 1)))
                .collect(),
            ..Draft::default()
        }
    }

    #[test]
    fn late_headline_moves_to_its_body() {
        let drafts = vec![
            draft("", &["第一段正文。", "第二段正文。"], 10),
            draft("党旗在一线飘扬", &["第二段正文。"], 20),
            draft("下一篇", &["别的内容。"], 30),
        ];
        let mut drafts = drafts;
        drafts[0].column = "抗疫群英谱".into();
        drafts[1].column = "版面口号".into();
        let out = headlines_after_body(drafts);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].column, "抗疫群英谱", "the body's column stands");
        assert_eq!(out[0].title, "党旗在一线飘扬");
        assert_eq!(out[0].body.len(), 2);
        assert!(out[0].notes.iter().any(|n| n.kind == NoteKind::LayoutOrder));
    }

    #[test]
    fn a_banner_over_one_article_is_its_kicker_over_several_their_column() {
        let mut drafts = vec![draft("甲", &[], 1), draft("乙", &[], 5), draft("丙", &[], 9)];
        drafts[2].title_level = Some(1);
        let banners = [
            Banner { level: 1, text: "版面".into(), line: 0, first_draft: 0 },
            Banner { level: 1, text: "引题".into(), line: 8, first_draft: 2 },
        ];
        apply_banners(&mut drafts, &banners);
        assert_eq!((drafts[0].column.as_str(), drafts[1].column.as_str()), ("版面", "版面"));
        assert_eq!((drafts[2].kicker.as_str(), drafts[2].column.as_str()), ("引题", ""));
    }
}
