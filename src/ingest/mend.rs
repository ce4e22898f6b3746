//! Column breaks: a draft in, the same draft with every paragraph that
//! stops mid-sentence joined to the paragraph that continues it, across any
//! figures printed between them.

use super::draft::{Draft, NoteKind, UnitKind};
use super::shape::join_line;
use super::text::ends_mid_sentence;

pub fn mend_column_breaks(draft: &mut Draft) {
    let mut i = 0;
    while i < draft.body.len() {
        let unit = &draft.body[i];
        if !unit.is_para() || !ends_mid_sentence(&unit.text) {
            i += 1;
            continue;
        }
        let next =
            (i + 1..draft.body.len()).find(|&j| !matches!(draft.body[j].kind, UnitKind::Figure { .. }));
        match next {
            Some(j) if draft.body[j].is_para() => {
                let skipped: Vec<usize> = draft.body[i + 1..j].iter().map(|u| u.line()).collect();
                let continuation = draft.body.remove(j);
                let (from, to) = (draft.body[i].lines.last().copied().unwrap_or(0), continuation.line());
                let unit = &mut draft.body[i];
                join_line(&mut unit.text, &continuation.text);
                unit.lines.extend(continuation.lines);
                let across = match skipped.as_slice() {
                    [] => String::new(),
                    lines => format!(
                        " across the figure(s) at line {}",
                        lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                    ),
                };
                draft.note(
                    NoteKind::ColumnBreak,
                    from,
                    format!("sentence broken across columns continued from line {to}{across}: joined"),
                );
            }
            _ => {
                let line = unit.lines.last().copied().unwrap_or(0);
                draft.flag(line, "paragraph stops mid-sentence and nothing in the source continues it");
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::Unit;

    #[test]
    fn joins_across_figures_but_not_across_subheadings() {
        let mut draft = Draft {
            body: vec![
                Unit::new(UnitKind::Para, "“我是党员有责任有义务冲在第一线，我自愿为抗击疫", 13),
                Unit::new(UnitKind::Figure { image: None }, "党员在社区进行出入登记", 17),
                Unit::new(UnitKind::Para, "情出点力”，他说。", 19),
                Unit::new(UnitKind::Para, "该区用视频会议代替传统集中开会模式,截至目前已召开60", 23),
                Unit::new(UnitKind::Subheading, "小标题", 25),
                Unit::new(UnitKind::Para, "余人参加。", 27),
            ],
            ..Draft::default()
        };
        mend_column_breaks(&mut draft);
        let texts: Vec<_> = draft.body.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "“我是党员有责任有义务冲在第一线，我自愿为抗击疫情出点力”，他说。",
                "党员在社区进行出入登记",
                "该区用视频会议代替传统集中开会模式,截至目前已召开60",
                "小标题",
                "余人参加。"
            ]
        );
        assert_eq!(draft.body[0].lines, [13, 19]);
        assert_eq!(
            draft.notes[0].render(),
            "line 13: sentence broken across columns continued from line 19 across the figure(s) at line 17: joined"
        );
        assert_eq!(draft.flags.len(), 1);
    }
}
