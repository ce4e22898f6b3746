//! Repeats: drafts in, drafts out with each story and each paragraph once.
//!
//! OCR repeats paragraphs and whole blocks, sometimes cut off at the start;
//! web exports repeat whole articles under small title variants. Of each
//! set of copies the most complete is kept. A run of copies that interrupts
//! a sentence broken across columns is the intruder, so the other copy stays.

use super::draft::{Draft, NoteKind, UnitKind};
use super::text::ends_mid_sentence;
use std::collections::HashMap;

/// Characters at each end of a paragraph that index it: a copy cut off at
/// one end still shares the other end with the whole.
const KEY: usize = 8;

fn ends(chars: &[char]) -> [(bool, &[char]); 2] {
    let n = chars.len().min(KEY);
    [(true, &chars[..n]), (false, &chars[chars.len() - n..])]
}

/// A paragraph end as a number: which end, and its characters packed.
fn end_key(head: bool, chars: &[char]) -> u128 {
    chars.iter().fold(u128::from(head), |key, &c| key.wrapping_mul(0x11_0000).wrapping_add(c as u128))
}

/// Text without white space, as characters.
fn compact_chars(text: &str) -> Vec<char> {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// A draft's text, normalised once, indexed by paragraph ends.
struct Profile {
    paras: Vec<Vec<char>>,
    units: Vec<Vec<char>>,
    by_end: HashMap<u128, Vec<usize>>,
    completeness: usize,
}

impl Profile {
    fn new(draft: &Draft) -> Profile {
        let units: Vec<Vec<char>> = draft.body.iter().map(|u| compact_chars(&u.text)).collect();
        let paras = draft
            .body
            .iter()
            .zip(&units)
            .filter(|(u, _)| u.is_para())
            .map(|(_, chars)| chars.clone())
            .collect();
        let mut by_end: HashMap<u128, Vec<usize>> = HashMap::new();
        for (i, chars) in units.iter().enumerate() {
            for (head, key) in ends(chars) {
                by_end.entry(end_key(head, key)).or_default().push(i);
            }
        }
        let images =
            draft.body.iter().filter(|u| matches!(u.kind, UnitKind::Figure { image: Some(_) })).count();
        let subheadings = draft.body.iter().filter(|u| u.kind == UnitKind::Subheading).count();
        let text: usize = units.iter().map(Vec::len).sum();
        Profile { paras, units, by_end, completeness: text + 40 * images + 10 * subheadings }
    }

    /// Is `para` (or a longer text it was cut from) among these units?
    fn holds(&self, para: &[char]) -> bool {
        ends(para).iter().any(|(head, key)| {
            self.by_end.get(&end_key(*head, key)).is_some_and(|found| {
                found.iter().any(|&i| {
                    let unit = &self.units[i];
                    unit.len() >= para.len()
                        && if *head { unit.starts_with(para) } else { unit.ends_with(para) }
                })
            })
        })
    }
}

/// Share of `part`'s paragraph text found in `whole`.
fn coverage(part: &Profile, whole: &Profile) -> f64 {
    let (mut found, mut total) = (0usize, 0usize);
    for para in &part.paras {
        total += para.len();
        if whole.holds(para) {
            found += para.len();
        }
    }
    if total == 0 { 0.0 } else { found as f64 / total as f64 }
}

/// Drops every article that repeats another (80% of its text or more),
/// keeping the most complete version where the earlier one stood.
pub fn drop_repeated_articles(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut kept: Vec<(Draft, Profile)> = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let profile = Profile::new(&draft);
        let twin =
            kept.iter().position(|(_, k)| coverage(&profile, k) >= 0.8 || coverage(k, &profile) >= 0.8);
        let Some(at) = twin else {
            kept.push((draft, profile));
            continue;
        };
        let (mut winner, loser) = if profile.completeness > kept[at].1.completeness {
            let (loser, _) = std::mem::replace(&mut kept[at], (draft, profile));
            let winner = &mut kept[at].0;
            winner.notes.extend(loser.notes.iter().filter(|n| n.kind == NoteKind::RepeatedArticle).cloned());
            (std::mem::take(winner), loser)
        } else {
            (std::mem::take(&mut kept[at].0), draft)
        };
        let [first, last] = loser.span();
        winner.note(
            NoteKind::RepeatedArticle,
            first,
            format!(
                "lines {first}–{last} repeat this article (as \"{}\"): dropped, this version is the most complete",
                loser.title
            ),
        );
        kept[at].0 = winner;
    }
    kept.into_iter().map(|(draft, _)| draft).collect()
}

fn edit_distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    (previous[b.len()] <= limit).then_some(previous[b.len()])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Likeness {
    /// The same text, or one a cut-off piece of the other.
    Copy,
    /// Nearly the same text, read differently in places.
    Near,
}

fn likeness(a: &[char], b: &[char]) -> Option<Likeness> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short == long {
        return Some(Likeness::Copy);
    }
    if short.len() >= 12 && long.windows(short.len()).any(|w| w == short) {
        return Some(Likeness::Copy);
    }
    let limit = (long.len() / 25).max(2);
    (short.len() >= 12 && edit_distance_within(short, long, limit).is_some()).then_some(Likeness::Near)
}

struct Entry {
    draft: usize,
    unit: usize,
    chars: Vec<char>,
}

/// Drops repeated paragraphs across all drafts of one source.
pub fn drop_repeated_paragraphs(drafts: &mut [Draft]) {
    let mut entries: Vec<Entry> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        for (u, unit) in draft.body.iter().enumerate() {
            let chars = compact_chars(&unit.text);
            if unit.is_para() && chars.len() >= KEY {
                entries.push(Entry { draft: d, unit: u, chars });
            }
        }
    }
    // Candidates share their first or last characters; union them into groups.
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut near_pairs = Vec::new();
    let mut by_key: HashMap<(bool, &[char]), Vec<usize>> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let keys = [(true, &entry.chars[..KEY]), (false, &entry.chars[entry.chars.len() - KEY..])];
        let mut seen = Vec::new();
        for key in keys {
            for &j in by_key.get(&key).into_iter().flatten() {
                if seen.contains(&j) {
                    continue;
                }
                seen.push(j);
                if let Some(kind) = likeness(&entries[j].chars, &entry.chars) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                    if kind == Likeness::Near {
                        near_pairs.push((j, i));
                    }
                }
            }
            by_key.entry(key).or_default().push(i);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..entries.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let repeated: std::collections::HashSet<(usize, usize)> = groups
        .values()
        .filter(|g| g.len() > 1)
        .flatten()
        .map(|&i| (entries[i].draft, entries[i].unit))
        .collect();
    // A run of repeated paragraphs right after a sentence left open is an intruder.
    let interrupts = |d: usize, u: usize| -> bool {
        let body = &drafts[d].body;
        let mut start = u;
        while start > 0 && (repeated.contains(&(d, start - 1)) || !body[start - 1].is_para()) {
            start -= 1;
        }
        start > 0 && body[start - 1].is_para() && ends_mid_sentence(&body[start - 1].text)
    };
    let mut drops: Vec<(usize, usize, String)> = Vec::new();
    let mut flags: Vec<(usize, usize, String)> = Vec::new();
    let mut ordered: Vec<&Vec<usize>> = groups.values().filter(|g| g.len() > 1).collect();
    ordered.sort_by_key(|g| g[0]);
    for group in ordered {
        let keeper = *group
            .iter()
            .max_by_key(|&&i| {
                let e = &entries[i];
                (e.chars.len(), !interrupts(e.draft, e.unit), std::cmp::Reverse(i))
            })
            .expect("group is not empty");
        let keeper_line = drafts[entries[keeper].draft].body[entries[keeper].unit].line();
        for &i in group {
            if i == keeper {
                continue;
            }
            let e = &entries[i];
            let near = near_pairs
                .iter()
                .any(|&(a, b)| (a == i || b == i) && group.contains(&a) && group.contains(&b));
            let how = if near {
                flags.push((
                    entries[keeper].draft,
                    keeper_line,
                    format!(
                        "line {} nearly repeats line {keeper_line} but reads differently; line {keeper_line} kept: check which reading is right",
                        drafts[e.draft].body[e.unit].line()
                    ),
                ));
                "a near copy"
            } else if e.chars.len() < entries[keeper].chars.len() {
                "a shorter, cut-off copy"
            } else {
                "a copy"
            };
            drops.push((
                e.draft,
                e.unit,
                format!("repeated paragraph dropped ({how} of line {keeper_line})"),
            ));
        }
    }
    drops.sort_by_key(|&(d, u, _)| (d, u));
    for (d, u, text) in &drops {
        let line = drafts[*d].body[*u].line();
        drafts[*d].note(NoteKind::Repeat, line, text.clone());
    }
    for (d, u, _) in drops.iter().rev() {
        drafts[*d].body.remove(*u);
    }
    for (d, line, text) in flags {
        drafts[d].flag(line, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::Unit;

    fn draft(title: &str, paras: &[(usize, &str)]) -> Draft {
        Draft {
            title: title.into(),
            body: paras.iter().map(|(line, text)| Unit::new(UnitKind::Para, *text, *line)).collect(),
            ..Draft::default()
        }
    }

    fn texts(draft: &Draft) -> Vec<&str> {
        draft.body.iter().map(|u| u.text.as_str()).collect()
    }

    const LONG: &str = "刘国梅要求，各级各部门要高度重视、压实责任，做到“六个好”“一个落实”。";

    #[test]
    fn keeps_the_most_complete_of_exact_and_cut_off_copies() {
        let mut drafts = vec![draft(
            "甲",
            &[(11, LONG), (13, LONG), (15, "门要高度重视、压实责任，做到“六个好”“一个落实”。")],
        )];
        drop_repeated_paragraphs(&mut drafts);
        assert_eq!(texts(&drafts[0]), [LONG]);
        assert_eq!(drafts[0].notes.len(), 2);
        assert!(drafts[0].notes[1].text.contains("cut-off copy of line 11"), "{:?}", drafts[0].notes);
    }

    #[test]
    fn near_copies_are_dropped_and_flagged() {
        let a =
            "“因为形成‘党组织引领、全社会参与，联防联控、群防群控’的新格局。”目前，全市疫情防控进入关键期。";
        let b =
            "“着力形成‘党组织引领、全社会参与，联防联控、群防群控’的新格局。”目前，全市疫情防控进入关键期。";
        let mut drafts = vec![draft("甲", &[(155, a), (163, b)])];
        drop_repeated_paragraphs(&mut drafts);
        assert_eq!(drafts[0].body.len(), 1);
        assert_eq!(drafts[0].flags.len(), 1);
    }

    #[test]
    fn an_intruding_run_gives_way_to_the_copy_in_its_own_article() {
        let story = "钱永刚，高新区皇台街道神马尼龙社区党支部书记，每天睁开眼就安排网格员交接。";
        let mut drafts = vec![
            draft(
                "守住东大门",
                &[(45, "平东社区、高阳社区、神马尼龙社区宣传管"), (47, story), (63, "到位，工作井然有序。")],
            ),
            draft("甘做最美逆行者", &[(163, story)]),
        ];
        drop_repeated_paragraphs(&mut drafts);
        assert_eq!(drafts[0].body.len(), 2);
        assert_eq!(texts(&drafts[1]), [story]);
    }

    #[test]
    fn a_repeated_article_keeps_its_most_complete_version() {
        let a = draft("坚实的底盘", &[(26, LONG), (27, "第二段，内容较长的段落在这里。")]);
        let mut b = draft(
            "湖北战疫中的社区作为：坚实的底盘",
            &[(190, LONG), (191, "第二段，内容较长的段落在这里。")],
        );
        b.body.push(Unit::new(UnitKind::Figure { image: Some("W1.jpg".into()) }, "说明", 192));
        let kept = drop_repeated_articles(vec![a, b, draft("别的", &[(300, "完全不同的一段文字内容。")])]);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].title, "湖北战疫中的社区作为：坚实的底盘");
        assert_eq!(kept[0].notes[0].kind, NoteKind::RepeatedArticle);
    }
}
