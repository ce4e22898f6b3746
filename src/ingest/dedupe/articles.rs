//! Repeated articles: drafts in, drafts out with each story once, its most
//! complete version standing where the first copy stood.
//!
//! An article repeats another when 80% of its compared text is found there.
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
        let mut found: Vec<usize> = mine.chain(theirs).flatten().copied().collect();
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
            repeats(&profile, other) || repeats(other, &profile)
        });
        let Some(at) = twin else {
            index.add(kept.len(), &profile);
            kept.push((draft, profile, Vec::new()));
            continue;
        };
        let (holder, held, copies) = &mut kept[at];
        let loser = if profile.completeness > held.completeness {
            // Keys of the replaced version stay in the index: a stale
            // candidate costs a comparison, never a wrong answer.
            index.add(at, &profile);
            *held = profile;
            std::mem::replace(holder, draft)
        } else {
            draft
        };
        let [first, last] = loser.span();
        copies.push(Copy { first, last, title: loser.title });
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
        for Copy { first, last, title } in copies {
            let text = format!("lines {first}–{last} repeat this article (as \"{title}\"): {KEPT}");
            draft.note(NoteKind::RepeatedArticle, *first, text);
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
}
