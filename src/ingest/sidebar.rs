//! Sidebars printed inside another article's sentence: drafts in, drafts
//! out with each such sidebar split out as an article of its own.
//!
//! OCR reads a page column by column, so a boxed item (a sidebar, 链接,
//! 背景) can land inside a sentence of the article around it. The evidence
//! must be clear: a paragraph that stops mid-sentence, then a headline the
//! segmenter kept as a subheading, then the sidebar's paragraphs (the last
//! ending a sentence), then where the interrupted sentence goes on: either
//! a sign-off name closing the sidebar (`刘晓峰`) followed by more text, or
//! a paragraph that cannot open a sentence (it starts with `，`, `、`, `）`
//! …). The sidebar leaves the body with its headline; the sentence is mended
//! across the gap later ([`super::mend`]).

use super::draft::{Draft, NoteKind, UnitKind};
use super::headline::{ends_sentence, is_headline_shape, sign_off_name};
use super::segment::Banner;
use super::text::ends_mid_sentence;
use crate::model::Author;

/// A paragraph that continues a sentence: it opens with a mark no sentence
/// opens with.
pub fn continues_sentence(text: &str) -> bool {
    text.trim_start()
        .starts_with(['，', '、', '；', '：', '。', '）', '》', '」', '』', '！', '？', '們', '们'])
}

/// Where a sidebar lies in a body: its headline, its last paragraph, an
/// optional sign-off, and where the interrupted text goes on.
struct Found {
    headline: usize,
    last: usize,
    sign_off: Option<usize>,
}

fn find(draft: &Draft) -> Option<Found> {
    let body = &draft.body;
    for h in 1..body.len() {
        let opens = body[h].kind == UnitKind::Subheading
            && body[h - 1].is_para()
            && ends_mid_sentence(&body[h - 1].text)
            && is_headline_shape(&body[h].text);
        if !opens {
            continue;
        }
        for q in h + 1..body.len() {
            let unit = &body[q];
            if unit.kind == UnitKind::Subheading {
                break;
            }
            let after_text = q > h + 1 && body[q - 1].is_para() && ends_sentence(&body[q - 1].text);
            if !unit.is_para() || !after_text {
                continue;
            }
            if sign_off_name(&unit.text).is_some() && body.get(q + 1).is_some_and(|n| n.is_para()) {
                return Some(Found { headline: h, last: q - 1, sign_off: Some(q) });
            }
            if continues_sentence(&unit.text) {
                return Some(Found { headline: h, last: q - 1, sign_off: None });
            }
        }
    }
    None
}

/// Splits each sidebar out of the drafts' bodies into a draft of its own,
/// placed after the article it interrupted; banners over later drafts keep
/// pointing at them.
pub fn split_sidebars(drafts: Vec<Draft>, banners: &mut [Banner]) -> Vec<Draft> {
    let mut out = Vec::with_capacity(drafts.len());
    for (index, mut draft) in drafts.into_iter().enumerate() {
        let mut sidebars = Vec::new();
        while let Some(found) = find(&draft) {
            let end = found.sign_off.unwrap_or(found.last) + 1;
            let mut taken: Vec<_> = draft.body.drain(found.headline..end).collect();
            let heading = taken.remove(0);
            let (first, last) = (heading.line(), taken.last().map_or(heading.line(), |u| u.line()));
            let mut sidebar =
                Draft { title: heading.text.clone(), title_line: Some(heading.line()), ..Draft::default() };
            if found.sign_off.is_some()
                && let Some(unit) = taken.pop()
            {
                let name = sign_off_name(&unit.text).unwrap_or(&unit.text).to_string();
                sidebar.add_authors([Author::new(name, "")]);
                sidebar.meta_lines.push(unit.line());
                sidebar.note(
                    NoteKind::Metadata,
                    unit.line(),
                    format!("sign-off \"{}\" moved to front matter", unit.text),
                );
            }
            sidebar.body = taken;
            let what = format!(
                "sidebar printed inside another article's sentence (lines {first}–{last}): split out"
            );
            sidebar.note(NoteKind::LayoutOrder, first, what.clone());
            draft.note(NoteKind::LayoutOrder, first, what);
            sidebars.push(sidebar);
        }
        for banner in banners.iter_mut().filter(|b| b.first_draft > index) {
            banner.first_draft += sidebars.len();
        }
        out.push(draft);
        out.extend(sidebars);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::Unit;

    fn body(units: &[(UnitKind, &str)]) -> Draft {
        let body = units.iter().enumerate().map(|(i, (k, t))| Unit::new(k.clone(), *t, 3 + 2 * i)).collect();
        Draft {
            title: "山区小学用上智慧课堂".into(), title_line: Some(1), body, ..Draft::default()
        }
    }

    const P: UnitKind = UnitKind::Para;
    const H: UnitKind = UnitKind::Subheading;

    #[test]
    fn a_sidebar_closed_by_a_sign_off_inside_a_sentence_is_split_out() {
        let draft = body(&[
            (P, "学校共安装了六块交互式白板，覆盖全部"),
            (H, "什么是智慧课堂"),
            (P, "智慧课堂是利用信息技术开展教学的新型课堂。"),
            (P, "刘晓峰"),
            (P, "年级和学科。"),
        ]);
        let mut banners = [Banner { level: 1, text: "版面".into(), line: 99, first_draft: 1 }];
        let out = split_sidebars(vec![draft, Draft::default()], &mut banners);
        assert_eq!(banners[0].first_draft, 2, "a banner over a later article still is");
        assert_eq!(out.len(), 3);
        assert_eq!(out[1].title, "什么是智慧课堂");
        assert_eq!(out[1].authors[0].name, "刘晓峰");
        let texts: Vec<&str> = out[0].body.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["学校共安装了六块交互式白板，覆盖全部", "年级和学科。"]);
    }

    #[test]
    fn a_sidebar_before_a_paragraph_that_cannot_open_a_sentence_is_split_out() {
        let draft = body(&[
            (P, "学校共安装了六块交互式白板，覆盖全部年级"),
            (H, "什么是智慧课堂"),
            (P, "智慧课堂是利用信息技术开展教学的新型课堂。"),
            (P, "，每间教室还配备了一台实物展台。"),
        ]);
        let out = split_sidebars(vec![draft], &mut []);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].body.len(), 2);
        assert_eq!(out[1].body.len(), 1);
    }

    #[test]
    fn a_subheading_after_a_finished_sentence_or_without_a_continuation_stays() {
        let finished = body(&[
            (P, "学校共安装了六块交互式白板。"),
            (H, "什么是智慧课堂"),
            (P, "智慧课堂是利用信息技术开展教学的新型课堂。"),
            (P, "，每间教室还配备了一台实物展台。"),
        ]);
        let open = body(&[
            (P, "学校共安装了六块交互式白板，覆盖全部年级"),
            (H, "什么是智慧课堂"),
            (P, "智慧课堂是利用信息技术开展教学的新型课堂。"),
            (P, "每间教室还配备了一台实物展台。"),
        ]);
        assert_eq!(split_sidebars(vec![finished, open], &mut []).len(), 2);
    }
}
