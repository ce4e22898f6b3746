//! Column breaks: a draft in, the same draft with every paragraph that
//! stops mid-sentence joined to the paragraph that continues it, across any
//! figures printed between them, in one pass over the body. A join that
//! does not read as text ([`super::lacuna::gap`]) is marked with the lacuna
//! sign `〔…〕` and flagged for review.

use super::draft::{Draft, NoteKind, Unit, UnitKind};
use super::emend::reading;
use super::lacuna::{Evidence, LACUNA, gap};
use super::shape::join_line;
use super::text::ends_mid_sentence;

/// `evidence` is the whole source, for telling whether a join reads.
pub fn mend_column_breaks(draft: &mut Draft, evidence: &Evidence<'_>) {
    let body = std::mem::take(&mut draft.body);
    let mut out: Vec<Unit> = Vec::with_capacity(body.len());
    // The paragraph in `out` that stops mid-sentence; only figures follow it.
    let mut open: Option<usize> = None;
    for unit in body {
        match (open, &unit.kind) {
            (_, UnitKind::Figure { .. }) => out.push(unit),
            (Some(at), UnitKind::Para) => {
                let skipped: Vec<usize> = out[at + 1..].iter().map(Unit::line).collect();
                let (from, to) = (out[at].lines.last().copied().unwrap_or(0), unit.line());
                let joined = &mut out[at];
                let lacuna = gap(&reading(&joined.text), &reading(&unit.text), evidence);
                if lacuna.is_some() {
                    joined.text.push_str(LACUNA);
                }
                join_line(&mut joined.text, &unit.text);
                joined.lines.extend(unit.lines);
                if !ends_mid_sentence(&joined.text) {
                    open = None;
                }
                let across = match skipped.as_slice() {
                    [] => String::new(),
                    lines => format!(
                        " across the figure(s) at line {}",
                        lines.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                    ),
                };
                let how = match lacuna {
                    None => "joined".to_string(),
                    Some(why) => {
                        draft.flag(from, format!("the column break to line {to} does not read as text ({why}): text seems lost there; marked {LACUNA}: check the page"));
                        format!("joined, with the lacuna marked {LACUNA}")
                    }
                };
                draft.note(
                    NoteKind::ColumnBreak,
                    from,
                    format!("sentence broken across columns continued from line {to}{across}: {how}"),
                );
            }
            _ => {
                if let Some(at) = open.take() {
                    flag_unmended(draft, &out[at]);
                }
                if unit.is_para() && ends_mid_sentence(&unit.text) {
                    open = Some(out.len());
                }
                out.push(unit);
            }
        }
    }
    if let Some(at) = open {
        flag_unmended(draft, &out[at]);
    }
    draft.body = out;
}

fn flag_unmended(draft: &mut Draft, unit: &Unit) {
    let line = unit.lines.last().copied().unwrap_or(0);
    draft.flag(line, "paragraph stops mid-sentence and nothing in the source continues it");
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
        mend_column_breaks(&mut draft, &Evidence::of(""));
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

    #[test]
    fn a_join_that_does_not_read_is_marked_and_flagged() {
        let mut draft = Draft {
            body: vec![
                Unit::new(UnitKind::Para, "督查中发现一辆货车强行通过卡口，督查组当即", 15),
                Unit::new(UnitKind::Para, "其拦下,并移交处理。", 17),
            ],
            ..Draft::default()
        };
        mend_column_breaks(&mut draft, &Evidence::of(""));
        assert_eq!(draft.body[0].text, "督查中发现一辆货车强行通过卡口，督查组当即〔…〕其拦下,并移交处理。");
        assert!(
            draft.notes[0].render().ends_with("continued from line 17: joined, with the lacuna marked 〔…〕")
        );
        assert_eq!(draft.flags[0].line, 15);
        assert!(draft.flags[0].text.contains("does not read as text"), "{:?}", draft.flags);
    }
}
