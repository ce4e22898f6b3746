//! Repeated articles: drafts in, drafts out with each story once, its most
//! complete version standing where the first copy stood.
//!
//! An article repeats another when 80% of its compared text is found there,
//! or when it is a near copy: most of its paragraphs are there (an updated
//! re-export with a new lead and a paragraph fewer). The fuller version is
//! kept, and the record says which copy was dropped and how the two differ.
//! The kept articles are indexed by the ends of their units and of their
//! heavy paragraphs, so each draft is compared only with the few articles
//! that could pass that test, never with every earlier one.

use super::{compact_chars, end_keys};
use crate::ingest::draft::{Draft, Note, NoteKind, UnitKind};
use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};

/// A draft's text, normalised once, indexed by unit ends.
struct Profile {
    /// The units compared with other articles: the paragraphs, or, in a
    /// picture story without any, its captions and subheadings.
    compared: Vec<usize>,
    /// Every unit; a picture without a caption by its file name.
    units: Vec<Vec<char>>,
    by_end: HashMap<u128, Vec<usize>>,
    completeness: usize,
}

impl Profile {
    fn new(draft: &Draft) -> Profile {
        let units: Vec<Vec<char>> = draft.body.iter().map(|u| compact_chars(&u.text)).collect();
        let text: usize = units.iter().map(Vec::len).sum();
        let units: Vec<Vec<char>> = draft
            .body
            .iter()
            .zip(units)
            .map(|(u, chars)| match &u.kind {
                UnitKind::Figure { image: Some(file) } if chars.is_empty() => file.chars().collect(),
                _ => chars,
            })
            .collect();
        let paras: Vec<usize> = (0..units.len()).filter(|&i| draft.body[i].is_para()).collect();
        let compared = if paras.is_empty() {
            (0..units.len()).filter(|&i| !units[i].is_empty()).collect()
        } else {
            paras
        };
        let mut by_end: HashMap<u128, Vec<usize>> = HashMap::default();
        for (i, chars) in units.iter().enumerate() {
            for key in end_keys(chars) {
                by_end.entry(key).or_default().push(i);
            }
        }
        let images =
            draft.body.iter().filter(|u| matches!(u.kind, UnitKind::Figure { image: Some(_) })).count();
        let subheadings = draft.body.iter().filter(|u| u.kind == UnitKind::Subheading).count();
        Profile { compared, units, by_end, completeness: text + 40 * images + 10 * subheadings }
    }

    fn compared(&self) -> impl Iterator<Item = &[char]> {
        self.compared.iter().map(|&i| self.units[i].as_slice())
    }

    /// Is `para` (or a longer text it was cut from) among these units?
    fn holds(&self, para: &[char]) -> bool {
        super::ends(para).iter().any(|(head, key)| {
            self.by_end.get(&super::end_key(*head, key)).is_some_and(|found| {
                found.iter().any(|&i| {
                    let unit = &self.units[i];
                    unit.len() >= para.len()
                        && if *head { unit.starts_with(para) } else { unit.ends_with(para) }
                })
            })
        })
    }

    /// Does a unit hold `para`, or most of it (a copy without its closing
    /// credit, a subheading printed with a second line)? Compares with every
    /// unit: for describing a merge, not for finding one.
    fn has_most_of(&self, para: &[char]) -> bool {
        self.units.iter().any(|unit| {
            let (short, long) =
                if unit.len() <= para.len() { (unit.as_slice(), para) } else { (para, unit.as_slice()) };
            !short.is_empty()
                && (long.starts_with(short) || long.ends_with(short))
                && (short.len() == para.len() || 5 * short.len() >= 4 * long.len())
        })
    }

    /// The longest compared texts that make up more than a fifth of it: an
    /// article holding none of them holds less than 80% of this one.
    fn heavy(&self) -> Vec<&[char]> {
        let mut by_length: Vec<&[char]> = self.compared().collect();
        let total: usize = by_length.iter().map(|chars| chars.len()).sum();
        by_length.sort_by_key(|chars| std::cmp::Reverse(chars.len()));
        let mut sum = 0;
        let count = by_length.iter().take_while(|chars| {
            let more = 5 * sum <= total;
            sum += chars.len();
            more
        });
        let count = count.count();
        by_length.truncate(count);
        by_length
    }
}

/// Does `part` repeat `whole`: is 80% or more of its compared text there?
fn repeats(part: &Profile, whole: &Profile) -> bool {
    let (mut found, mut total) = (0usize, 0usize);
    for para in part.compared() {
        total += para.len();
        if whole.holds(para) {
            found += para.len();
        }
    }
    total > 0 && found as f64 / total as f64 >= 0.8
}

/// Is `part` a near copy of `whole`: two thirds of its paragraphs (three at
/// least) are there, and they are more than half of `whole`'s?
fn near_copy(part: &Profile, whole: &Profile) -> bool {
    let shared = part.compared().filter(|p| whole.holds(p)).count();
    shared >= 3 && 3 * shared >= 2 * part.compared.len() && 2 * shared > whole.compared.len()
}

/// How a dropped copy differs from the kept version, in words, when it has
/// paragraphs the kept one lacks (a new lead); empty when it has none, as
/// when it is a part of it or the same text.
fn difference(loser: &Draft, lost: &Profile, kept: &Profile) -> String {
    let only_there: Vec<String> = lost
        .compared
        .iter()
        .filter(|&&i| !kept.has_most_of(&lost.units[i]))
        .map(|&i| {
            let opening: String = loser.body[i].text.chars().take(12).collect();
            format!("line {}: “{opening}…”", loser.body[i].line())
        })
        .collect();
    if only_there.is_empty() {
        return String::new();
    }
    let only_here = kept.compared().filter(|p| !lost.has_most_of(p)).count();
    let mut text = format!("{} paragraph(s) only in the copy ({})", only_there.len(), only_there.join("; "));
    if only_here > 0 {
        text.push_str(&format!(", {only_here} paragraph(s) only in this version"));
    }
    text
}

/// Characters at each end that also index a long text: many paragraphs open
/// alike (`2月2日，记者从…`), few share their first 32 characters.
const LONG: usize = 32;

/// Keys of a text's first and last [`LONG`] characters, if it is that long.
fn long_keys(chars: &[char]) -> impl Iterator<Item = u128> + '_ {
    let ends = (chars.len() >= LONG).then(|| [(true, &chars[..LONG]), (false, &chars[chars.len() - LONG..])]);
    ends.into_iter().flatten().map(|end| {
        let mut hasher = rustc_hash::FxHasher::default();
        end.hash(&mut hasher);
        u128::from(hasher.finish()) | 1 << 127
    })
}

/// Keys a unit is indexed under: both its short and its long ends.
fn unit_keys(chars: &[char]) -> impl Iterator<Item = u128> + '_ {
    end_keys(chars).chain(long_keys(chars))
}

/// Keys a compared text is looked up by: its long ends if it is long, else
/// its short ones. A unit that holds it has the same (see [`Profile::holds`]).
fn text_keys(chars: &[char]) -> Vec<u128> {
    if chars.len() >= LONG { long_keys(chars).collect() } else { end_keys(chars).collect() }
}

/// Where the kept articles are found by their text's ends.
#[derive(Default)]
struct Index {
    /// Keys of every unit of a kept article → its place in the kept list.
    units: HashMap<u128, Vec<usize>>,
    /// Keys of the heavy texts of a kept article → its place.
    heavy: HashMap<u128, Vec<usize>>,
}

impl Index {
    fn add(&mut self, at: usize, profile: &Profile) {
        for key in profile.units.iter().flat_map(|chars| unit_keys(chars)) {
            self.units.entry(key).or_default().push(at);
        }
        for key in profile.heavy().into_iter().flat_map(text_keys) {
            self.heavy.entry(key).or_default().push(at);
        }
    }

    /// The kept articles that may repeat this one or be repeated by it, in
    /// order: only they hold one of its heavy texts, or have a heavy text
    /// that one of its units holds.
    fn candidates(&self, profile: &Profile) -> Vec<usize> {
        let mine = profile.heavy().into_iter().flat_map(text_keys).filter_map(|key| self.units.get(&key));
        let theirs =
            profile.units.iter().flat_map(|chars| unit_keys(chars)).filter_map(|key| self.heavy.get(&key));
        // A near copy shares long paragraphs, if not the heaviest.
        let shared = profile
            .compared()
            .filter(|chars| chars.len() >= LONG)
            .flat_map(long_keys)
            .filter_map(|key| self.units.get(&key));
        let mut found: Vec<usize> = mine.chain(theirs).chain(shared).flatten().copied().collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// A dropped copy of an article: where it was and under what title.
struct Copy {
    first: usize,
    last: usize,
    title: String,
    /// How a copy with text of its own differs from the kept version.
    differs: String,
}

/// Copies of one article listed one by one; more are summed up in one note,
/// so a source repeated thousands of times does not give thousands of notes.
const LISTED_COPIES: usize = 3;

/// Drops every article that repeats another (80% of its text or more),
/// keeping the most complete version where the earlier one stood.
pub fn drop_repeated_articles(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut kept: Vec<(Draft, Profile, Vec<Copy>)> = Vec::with_capacity(drafts.len());
    let mut index = Index::default();
    for draft in drafts {
        let profile = Profile::new(&draft);
        let twin = index.candidates(&profile).into_iter().find(|&at| {
            let other = &kept[at].1;
            repeats(&profile, other)
                || repeats(other, &profile)
                || near_copy(&profile, other)
                || near_copy(other, &profile)
        });
        let Some(at) = twin else {
            index.add(kept.len(), &profile);
            kept.push((draft, profile, Vec::new()));
            continue;
        };
        let (holder, held, copies) = &mut kept[at];
        let (loser, differs) = if profile.completeness > held.completeness {
            let differs = difference(holder, held, &profile);
            // Keys of the replaced version stay in the index: a stale
            // candidate costs a comparison, never a wrong answer.
            index.add(at, &profile);
            *held = profile;
            (std::mem::replace(holder, draft), differs)
        } else {
            let differs = difference(&draft, &profile, held);
            (draft, differs)
        };
        let [first, last] = loser.span();
        copies.push(Copy { first, last, title: loser.title, differs });
    }
    kept.into_iter()
        .map(|(mut draft, _, copies)| {
            note_copies(&mut draft, &copies);
            draft
        })
        .collect()
}

fn note_copies(draft: &mut Draft, copies: &[Copy]) {
    const KEPT: &str = "dropped, this version is the most complete";
    if copies.len() <= LISTED_COPIES {
        for Copy { first, last, title, differs } in copies {
            if differs.is_empty() {
                let text = format!("lines {first}–{last} repeat this article (as \"{title}\"): {KEPT}");
                draft.note(NoteKind::RepeatedArticle, *first, text);
                continue;
            }
            let text = format!(
                "lines {first}–{last} nearly repeat this article (as \"{title}\"): dropped, this version is the fuller; {differs}"
            );
            draft.note(NoteKind::RepeatedArticle, *first, text);
            draft.flag(
                *first,
                format!("the dropped near copy at lines {first}–{last} has text this version lacks: check whether to keep it"),
            );
        }
        return;
    }
    let lines: Vec<String> =
        copies.iter().take(LISTED_COPIES).map(|c| format!("{}–{}", c.first, c.last)).collect();
    let mut titles: Vec<&str> = Vec::new();
    for copy in copies {
        if !titles.contains(&copy.title.as_str()) {
            titles.push(&copy.title);
        }
    }
    let more_titles = if titles.len() > LISTED_COPIES { ", …" } else { "" };
    titles.truncate(LISTED_COPIES);
    let text = format!(
        "{} copies repeat this article (lines {} and {} more; as \"{}\"{more_titles}): {KEPT}",
        copies.len(),
        lines.join(", "),
        copies.len() - LISTED_COPIES,
        titles.join("\", \""),
    );
    let mut note = Note::new(NoteKind::RepeatedArticle, copies[0].first, text);
    note.times = copies.len();
    draft.notes.push(note);
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{LONG, draft};
    use super::*;
    use crate::ingest::draft::Unit;

    #[test]
    fn copies_cut_off_at_either_end_are_found_among_articles_that_open_alike() {
        let opener = "2月2日，记者从市疫情防控指挥部获悉，";
        let mut drafts: Vec<Draft> = (0..200)
            .map(|i| {
                draft(&format!("第{i}篇"), &[(i * 10, &format!("{opener}第{i}项工作进展顺利，{LONG}{i}。"))])
            })
            .collect();
        let whole = format!("{opener}第7项工作进展顺利，{LONG}7。");
        let chars: Vec<char> = whole.chars().collect();
        let head_cut: String = chars[6..].iter().collect();
        let tail_cut: String = chars[..chars.len() - 6].iter().collect();
        drafts.push(draft("头被切掉", &[(5000, &head_cut)]));
        drafts.push(draft("尾被切掉", &[(5010, &tail_cut)]));
        let kept = drop_repeated_articles(drafts);
        assert_eq!(kept.len(), 200);
        let notes: Vec<&str> = kept[7].notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
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

    const PARAS: [&str; 5] = [
        "城北新区今天组织干部群众开展义务植树活动，共栽种树苗五千余株，参与者达一千余人。",
        "新区将植树区域划分为十个片区，每个片区由一名干部负责，确保树苗种得下、活得了。",
        "活动现场，志愿者们挥锹培土、提水浇苗，干得热火朝天，不少家长还带着孩子一起参加。",
        "新区负责人表示，今后每年都将组织植树活动，让城北的山更绿、水更清、天更蓝。",
        "据了解，今年新区还将新增绿地面积二十万平方米，建成口袋公园十二座，方便市民休闲。",
    ];

    #[test]
    fn an_updated_re_export_with_a_new_lead_and_a_paragraph_fewer_is_merged_and_described() {
        let first: Vec<(usize, &str)> = PARAS.iter().enumerate().map(|(i, p)| (10 + i, *p)).collect();
        let lead = "记者今天从城北新区获悉，该区植树活动已圆满结束，各片区均已完成栽种任务。";
        let update = [(30, lead), (31, PARAS[1]), (32, PARAS[2]), (33, PARAS[3])];
        let kept = drop_repeated_articles(vec![
            draft("城北新区植树", &first),
            draft("城北新区植树（更新）", &update),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].title, "城北新区植树");
        let note = &kept[0].notes[0].text;
        assert!(
            note.contains("lines 30–33 nearly repeat this article")
                && note.contains("1 paragraph(s) only in the copy (line 30: “记者今天从城北新区获悉，…”), 2 paragraph(s) only in this version"),
            "{note}"
        );
        assert_eq!(kept[0].flags.len(), 1);
    }

    #[test]
    fn two_articles_sharing_two_paragraphs_stay_two() {
        let a = [
            (1, PARAS[0]),
            (2, PARAS[1]),
            (3, PARAS[2]),
            (4, "甲文自己的一段，讲的是另一件事情，与植树无关，篇幅也不短。"),
        ];
        let b = [
            (9, PARAS[1]),
            (10, PARAS[2]),
            (11, "乙文自己的一段，讲的是城南的读书节，与植树无关，篇幅也不短。"),
            (12, PARAS[4]),
        ];
        let kept = drop_repeated_articles(vec![draft("甲", &a), draft("乙", &b)]);
        assert_eq!(kept.len(), 2);
    }
}
