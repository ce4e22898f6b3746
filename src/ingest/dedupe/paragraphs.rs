//! Repeated paragraphs: drafts in, the same drafts with each paragraph once
//! across all articles of a source, the most complete copy kept.

use super::{KEY, compact_chars};
use crate::ingest::draft::{Draft, NoteKind};
use crate::ingest::published::publication_date;
use crate::ingest::text::ends_mid_sentence;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The edit distance of `a` and `b` if it is at most `limit`. Only the
/// band of cells within `limit` of the diagonal is computed: a cell outside
/// it costs more than `limit` anyway.
fn edit_distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    const FAR: usize = usize::MAX / 2;
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| if j <= limit { j } else { FAR }).collect();
    let mut current = vec![FAR; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let (low, high) = (row.saturating_sub(limit), (row + limit).min(b.len()));
        let mut row_min = FAR;
        if low == 0 {
            current[0] = row;
            row_min = row;
        } else {
            current[low - 1] = FAR;
        }
        for j in low.max(1)..=high {
            let cost = usize::from(*ca != b[j - 1]);
            current[j] = (previous[j - 1] + cost).min(previous[j] + 1).min(current[j - 1] + 1);
            row_min = row_min.min(current[j]);
        }
        if high < b.len() {
            current[high + 1] = FAR;
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

/// Earlier paragraphs a new one is compared with per shared end: the most
/// recent. It bounds the work when thousands of paragraphs open alike
/// (`2月2日，记者从…`); exact copies are found however far apart.
const COMPARED_PER_END: usize = 64;

/// The representative of `i`'s group in a union-find forest, halving paths.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups of paragraphs that repeat each other (each group sorted, the
/// groups by their first member), and the members found as near copies.
fn copy_groups(entries: &[Entry]) -> (Vec<Vec<usize>>, HashSet<usize>) {
    // Candidates share their first or last characters; union them into groups.
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    let mut near = HashSet::default();
    // Sized once: two ends and a text per paragraph, no growing on the way.
    let mut by_key: HashMap<(bool, &[char]), Vec<usize>> =
        HashMap::with_capacity_and_hasher(2 * entries.len(), rustc_hash::FxBuildHasher);
    let mut by_text: HashMap<&[char], usize> =
        HashMap::with_capacity_and_hasher(entries.len(), rustc_hash::FxBuildHasher);
    for (i, entry) in entries.iter().enumerate() {
        let mut seen = Vec::new();
        if let Some(&j) = by_text.get(entry.chars.as_slice()) {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a] = b;
            seen.push(j);
        } else {
            by_text.insert(&entry.chars, i);
        }
        let keys = [(true, &entry.chars[..KEY]), (false, &entry.chars[entry.chars.len() - KEY..])];
        for key in keys {
            let bucket = by_key.entry(key).or_default();
            for &j in bucket.iter().rev().take(COMPARED_PER_END) {
                if seen.contains(&j) {
                    continue;
                }
                seen.push(j);
                if let Some(kind) = likeness(&entries[j].chars, &entry.chars) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                    if kind == Likeness::Near {
                        near.extend([i, j]);
                    }
                }
            }
            bucket.push(i);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::default();
    for i in 0..entries.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g[0]);
    (groups, near)
}

/// For each entry: does it follow a sentence left open, with only repeated
/// paragraphs and other blocks between? Such a run is an intruder.
fn interrupting(drafts: &[Draft], entries: &[Entry], groups: &[Vec<usize>]) -> Vec<bool> {
    let repeated: HashSet<(usize, usize)> =
        groups.iter().flatten().map(|&i| (entries[i].draft, entries[i].unit)).collect();
    let mut result = Vec::with_capacity(entries.len());
    let mut next = entries.iter().peekable();
    for (d, draft) in drafts.iter().enumerate() {
        let mut open = false;
        for (u, unit) in draft.body.iter().enumerate() {
            if next.next_if(|e| (e.draft, e.unit) == (d, u)).is_some() {
                result.push(open);
            }
            if unit.is_para() && !repeated.contains(&(d, u)) {
                open = ends_mid_sentence(&unit.text);
            }
        }
    }
    result
}

/// A paragraph to drop or to flag: its draft, its unit (or line, for a
/// flag) and the note to leave.
type Verdict = (usize, usize, String);

/// Drops repeated paragraphs across all drafts of one source.
pub fn drop_repeated_paragraphs(drafts: &mut [Draft]) {
    let entries = paragraph_entries(drafts);
    let (groups, near) = copy_groups(&entries);
    let interrupts = interrupting(drafts, &entries, &groups);
    let (drops, flags) = verdicts(drafts, &entries, &groups, &near, &interrupts);
    apply_drops(drafts, &drops);
    for (d, line, text) in flags {
        drafts[d].flag(line, text);
    }
}

/// The paragraphs long enough to compare, in draft and body order. A
/// publication line is its own record's date, never a copy of another's
/// (two records of one day print the same line).
fn paragraph_entries(drafts: &[Draft]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        for (u, unit) in draft.body.iter().enumerate().filter(|(_, unit)| unit.is_para()) {
            let chars = compact_chars(&unit.text);
            if chars.len() >= KEY && publication_date(&unit.text).is_none() {
                entries.push(Entry { draft: d, unit: u, chars });
            }
        }
    }
    entries
}

/// For each group, the copy kept (the longest, not an intruder, the
/// earliest) and a drop for every other member; a flag on the keeper for
/// each near copy, whose reading may be the right one.
fn verdicts(
    drafts: &[Draft],
    entries: &[Entry],
    groups: &[Vec<usize>],
    near: &HashSet<usize>,
    interrupts: &[bool],
) -> (Vec<Verdict>, Vec<Verdict>) {
    let mut drops: Vec<Verdict> = Vec::new();
    let mut flags: Vec<Verdict> = Vec::new();
    for group in groups {
        let Some(&keeper) =
            group.iter().max_by_key(|&&i| (entries[i].chars.len(), !interrupts[i], std::cmp::Reverse(i)))
        else {
            continue;
        };
        let keeper_line = drafts[entries[keeper].draft].body[entries[keeper].unit].line();
        for &i in group {
            if i == keeper {
                continue;
            }
            let e = &entries[i];
            let how = if near.contains(&i) {
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
    (drops, flags)
}

/// Notes each drop in its draft, then removes the dropped units.
fn apply_drops(drafts: &mut [Draft], drops: &[Verdict]) {
    for (d, u, text) in drops {
        let line = drafts[*d].body[*u].line();
        drafts[*d].note(NoteKind::Repeat, line, text.clone());
    }
    for same_draft in drops.chunk_by(|a, b| a.0 == b.0) {
        let dropped: HashSet<usize> = same_draft.iter().map(|&(_, u, _)| u).collect();
        let mut u = 0;
        drafts[same_draft[0].0].body.retain(|_| {
            let keep = !dropped.contains(&u);
            u += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{LONG, draft, texts};
    use super::*;

    #[test]
    fn banded_edit_distance_agrees_with_the_full_table() {
        fn full(a: &[char], b: &[char]) -> usize {
            let mut previous: Vec<usize> = (0..=b.len()).collect();
            for (i, ca) in a.iter().enumerate() {
                let mut current = vec![i + 1; b.len() + 1];
                for (j, cb) in b.iter().enumerate() {
                    let cost = usize::from(ca != cb);
                    current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
                }
                previous = current;
            }
            previous[b.len()]
        }
        let words =
            ["", "甲", "甲乙丙丁", "乙丙丁戊", "甲乙丙丁戊己", "甲丙丁戊己", "己戊丁丙乙甲", "甲乙乙丙丁丁"];
        for a in words {
            for b in words {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..4 {
                    let d = full(&a, &b);
                    assert_eq!(
                        edit_distance_within(&a, &b, limit),
                        (d <= limit).then_some(d),
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }

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
    fn each_record_keeps_its_publication_line_however_alike() {
        let mut drafts = vec![
            draft("甲", &[(1, "发布日期：2021-04-03"), (2, "甲的正文，写了一件事。")]),
            draft("乙", &[(3, "发布日期：2021-04-04"), (4, "乙的正文，写了另一件事。")]),
            draft("丙", &[(5, "发布日期：2021-04-04"), (6, "丙的正文，写了第三件事。")]),
        ];
        drop_repeated_paragraphs(&mut drafts);
        for d in &drafts {
            assert_eq!(d.body.len(), 2, "{:?}", d.body);
            assert!(d.flags.is_empty(), "{:?}", d.flags);
        }
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
}
