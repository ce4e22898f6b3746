//! Page furniture: drafts in, the same drafts without what the page prints
//! around the text, each removal noted in the article's record.
//!
//! - [`drop_known`], before repeated articles are sought: well-known widgets
//!   and appeals ([`known`]: `字号 大 中 小`, `【打印本页】【关闭窗口】`,
//!   `分享到：`, the footers of public accounts such as `长按识别二维码`,
//!   subscription appeals), the headline printed
//!   again in the body, and lists of other stories' headlines under
//!   `延伸阅读`, `相关新闻` … ([`lists`]);
//! - [`drop_recurring`], after repeated articles are merged: a paragraph or
//!   line found in three or more records of one source is the site's, not
//!   the story's. Two records sharing a sentence is no evidence.

pub mod known;
pub mod lists;

use super::draft::{Draft, NoteKind, Unit, UnitKind};
use super::published::publication_date;
use crate::model::compact;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

/// Records a paragraph must recur in to be the site's furniture.
pub const RECURRING_RECORDS: usize = 3;

/// Drops well-known furniture, the headline printed again in the body and
/// lists of other stories' headlines, in every draft.
pub fn drop_known(drafts: &mut [Draft]) {
    for draft in drafts {
        drop_known_in(draft);
    }
}

fn drop_known_in(draft: &mut Draft) {
    let body = std::mem::take(&mut draft.body);
    let mut kept: Vec<Unit> = Vec::with_capacity(body.len());
    let mut skip_until = 0;
    for (i, mut unit) in body.iter().cloned().enumerate() {
        if i < skip_until {
            continue;
        }
        let line = unit.line();
        if matches!(unit.kind, UnitKind::Figure { .. }) {
            kept.push(unit);
            continue;
        }
        if known::repeats_headline(&unit.text, &draft.title, &draft.subtitle) {
            draft.note(NoteKind::Furniture, line, "the headline printed again in the body dropped");
            continue;
        }
        if let Some(list) = lists::headline_list(&body, i) {
            let last = body[i + list.units - 1].lines.last().copied().unwrap_or(line);
            let lines = if last == line { format!("line {line}") } else { format!("lines {line}–{last}") };
            draft.note(
                NoteKind::Furniture,
                line,
                format!(
                    "list of {} other stories' headlines under \"{}\" dropped ({lines})",
                    list.headlines, list.label
                ),
            );
            skip_until = i + list.units;
            continue;
        }
        if let Some((rest, what)) = known::strip_furniture(&unit.text) {
            let what = what.join(", ");
            if known::is_leftover(&rest) {
                draft.note(
                    NoteKind::Furniture,
                    line,
                    format!("page furniture ({what}) dropped: \"{}\"", unit.text),
                );
                continue;
            }
            draft.note(NoteKind::Furniture, line, format!("page furniture ({what}) taken out of the line"));
            unit.text = rest;
        }
        kept.push(unit);
    }
    draft.body = kept;
}

/// Drops every paragraph, subheading or caption whose text recurs in
/// [`RECURRING_RECORDS`] or more drafts of the source, noting each drop.
pub fn drop_recurring(drafts: &mut [Draft]) {
    // Each line's records, and the line as printed.
    let mut holders: HashMap<Cow<'_, str>, (HashSet<usize>, &str)> = HashMap::default();
    for (d, draft) in drafts.iter().enumerate() {
        for unit in &draft.body {
            let text = compacted(&unit.text);
            if !text.is_empty() {
                holders.entry(text).or_insert_with(|| (HashSet::default(), &unit.text)).0.insert(d);
            }
        }
    }
    let recurring: HashMap<String, usize> = holders
        .into_iter()
        .map(|(t, holder)| (t.into_owned(), holder))
        // Records of one day print the same publication line: it dates each
        // of them and is no furniture (asked of recurring lines only).
        .filter(|(_, (d, printed))| d.len() >= RECURRING_RECORDS && publication_date(printed).is_none())
        .map(|(t, (d, _))| (t, d.len()))
        .collect();
    if recurring.is_empty() {
        return;
    }
    for draft in drafts {
        let mut notes = Vec::new();
        draft.body.retain(|unit| {
            let Some(&records) = recurring.get(&*compacted(&unit.text)) else { return true };
            notes.push((
                unit.line(),
                format!(
                    "page furniture dropped: \"{}\" recurs in {records} records of this source",
                    unit.text
                ),
            ));
            false
        });
        for (line, text) in notes {
            draft.note(NoteKind::Furniture, line, text);
        }
    }
}

/// [`compact`], borrowing a text without white space (most lines) rather
/// than copying it: every line of a source is looked up.
fn compacted(text: &str) -> Cow<'_, str> {
    if text.contains(char::is_whitespace) { Cow::Owned(compact(text)) } else { Cow::Borrowed(text) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, paras: &[&str]) -> Draft {
        Draft {
            title: title.into(),
            body: paras.iter().enumerate().map(|(i, t)| Unit::new(UnitKind::Para, *t, i + 1)).collect(),
            ..Draft::default()
        }
    }

    fn texts(draft: &Draft) -> Vec<&str> {
        draft.body.iter().map(|u| u.text.as_str()).collect()
    }

    #[test]
    fn a_line_in_three_records_is_furniture_in_two_it_is_not() {
        let footer = "本网站所有内容，未经授权不得转载。";
        let shared = "目前，全市疫情防控形势总体平稳。";
        let mut drafts = vec![
            draft("甲", &["甲的正文。", shared, footer]),
            draft("乙", &["乙的正文。", shared, footer]),
            draft("丙", &["丙的正文。", footer]),
        ];
        drop_recurring(&mut drafts);
        assert_eq!(texts(&drafts[0]), ["甲的正文。", shared]);
        assert_eq!(texts(&drafts[2]), ["丙的正文。"]);
        assert!(drafts[1].notes[0].text.contains("recurs in 3 records"), "{:?}", drafts[1].notes);
    }

    #[test]
    fn a_publication_line_of_three_records_of_one_day_dates_each_of_them() {
        let line = "发布日期：2021-04-04";
        let mut drafts = vec![
            draft("甲", &[line, "甲的正文。"]),
            draft("乙", &[line, "乙的正文。"]),
            draft("丙", &[line, "丙的正文。"]),
        ];
        drop_recurring(&mut drafts);
        for d in &drafts {
            assert_eq!(texts(d)[0], line);
        }
    }

    #[test]
    fn known_furniture_headline_repeats_and_lists_leave_and_are_noted() {
        let mut drafts = vec![draft(
            "城北新区举办植树活动",
            &[
                "城北新区举办植树活动",
                "字号：大 中 小",
                "3月12日，城北新区组织植树。",
                "延伸阅读",
                "城南小学举行读书节",
                "河滨路改造工程开工",
                "【打印本页】【关闭窗口】",
            ],
        )];
        drop_known(&mut drafts);
        assert_eq!(texts(&drafts[0]), ["3月12日，城北新区组织植树。"]);
        let notes: Vec<&str> = drafts[0].notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(
            notes[2].contains("list of 2 other stories' headlines under \"延伸阅读\" dropped (lines 4–6)"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_byline_of_editors_is_no_furniture() {
        let mut drafts = vec![draft("标题文字", &["正文。", "责任编辑：张三"])];
        drop_known(&mut drafts);
        assert_eq!(drafts[0].body.len(), 2);
    }
}
