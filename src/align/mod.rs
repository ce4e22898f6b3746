//! Alignment of a whole translation with its article (`duizhao align`): the
//! article's Chinese blocks and a translator's English paragraphs in (read
//! by [`input`] from plain text, Markdown or `.docx`), beads out — runs of
//! blocks paired with runs of paragraphs (1:1, 2:1, 1:2, 1:0, 0:1) — each
//! with a confidence, then the slot contents that
//! [`crate::translate::fill`] writes into `translations/<lang>/<id>.md`.
//!
//! The steps: [`length`] gives the Gale–Church cost of a pair's lengths,
//! with the variance fitted on the edition's own paired blocks and the
//! ratio of the text itself (the median of a first pass's one-to-one
//! pairs, leaning on the edition's ratio in a short text); [`anchors`] finds tokens both sides write
//! alike and keeps the heaviest non-crossing chain of them; [`lexicon`]
//! gives each English word the Chinese bigrams it comes with in the
//! edition's other paired articles, and counts how many of a paragraph's
//! words find theirs in a block; `dp` finds the best beads and their
//! posterior probabilities. A bead below [`FLAG_BELOW`], a block or
//! paragraph left alone, or a bead beside such a one whose words do not
//! vouch for it, gets a review flag.
//! [`bench`](mod@bench) measures all this on the edition's own translations.

pub mod anchors;
pub mod bench;
mod dp;
pub mod input;
pub mod length;
pub mod lexicon;

use crate::model::{BlockNo, Term, joined_comment, review_comment};
use crate::pair::{AlignedArticle, RowStatus};
use length::LengthModel;
use lexicon::Glosses;
use std::ops::Range;

/// Blocks `zh` of the article rendered by paragraphs `en` of the English
/// (0-based, end excluded; either may be empty), with the probability that
/// the alignment has this bead.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    pub confidence: f64,
    /// Next to an unsure bead, and the paragraph's words do not vouch for
    /// this block (the lexicon finds fewer of their glosses in it than a
    /// right pairing shows): the unsureness may reach this bead too.
    pub weak_words: bool,
}

impl Bead {
    /// Whether an editor should look at it: unsure, or one side alone.
    pub fn flagged(&self) -> bool {
        self.unsure() || self.weak_words
    }

    /// Below its confidence threshold, or one side alone.
    fn unsure(&self) -> bool {
        self.confidence < FLAG_BELOW || self.zh.is_empty() || self.en.is_empty()
    }
}

/// Below this confidence a bead is flagged for review. With the lexicon's
/// evidence a merge or split is as sure as a 1:1 bead; before, a merge
/// looked so much like a block left out beside another that every merge
/// below 0.9995 had to be flagged.
pub const FLAG_BELOW: f64 = 0.9;

/// The length of a Chinese text: its Chinese characters, and each run of
/// Latin letters or digits as one. On this edition's pairs it varies less
/// against the English's words than characters against characters.
pub fn zh_length(text: &str) -> usize {
    let mut n = 0;
    let mut in_run = false;
    for c in text.chars() {
        let alnum = c.is_ascii_alphanumeric();
        if alnum && !in_run || crate::search::fold::is_han(c) {
            n += 1;
        }
        in_run = alnum;
    }
    n
}

/// The length of an English text: its words (runs of letters, digits and
/// apostrophes).
pub fn en_length(text: &str) -> usize {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’'))).filter(|w| !w.is_empty()).count()
}

/// How many one-to-one pairs the edition's own ratio weighs as, against a
/// text's: a short text's ratio leans on the edition's.
const PRIOR_PAIRS: f64 = 3.0;

/// Aligns the plain texts of an article's blocks (`zh`) with those of a
/// translation's paragraphs (`en`), with the glossary's terms and the
/// glosses of the English words ([`lexicon::Lexicon::glosses_of`]).
pub fn align(
    zh: &[String],
    en: &[String],
    model: LengthModel,
    glossary: &[Term],
    glosses: &Glosses,
) -> Vec<Bead> {
    let zh_len: Vec<usize> = zh.iter().map(|t| zh_length(t)).collect();
    let en_len: Vec<usize> = en.iter().map(|t| en_length(t)).collect();
    let edition_ratio = model.ratio;
    let model = model.with_ratio(zh_len.iter().sum(), en_len.iter().sum());
    let zh_tokens: Vec<_> = zh.iter().map(|t| anchors::zh_tokens(t, glossary)).collect();
    let en_tokens: Vec<_> = en.iter().map(|t| anchors::en_tokens(t, glossary)).collect();
    let (zh_shared, en_shared) = anchors::shared(&zh_tokens, &en_tokens);
    let chain = anchors::chain(anchors::candidates(&zh_shared, &en_shared));
    let lonely = anchors::lonely(&zh_tokens, &en_tokens);
    let words = lexicon::Evidence::new(glosses, zh, en);
    let mut problem = dp::Problem {
        zh: &zh_len,
        en: &en_len,
        model,
        chain: &chain,
        zh_tokens: &zh_shared,
        en_tokens: &en_shared,
        lonely: &lonely,
        words: &words,
    };
    let first = problem.solve();
    // A block the translator left out makes the whole text's ratio too low:
    // take it again from the pairs found, and align once more. The median
    // of the one-to-one pairs' ratios, which a pair the first pass got
    // wrong (half of a split paragraph beside a dropped block) moves little.
    let mut ratios: Vec<f64> = first
        .iter()
        .filter(|b| b.zh.len() == 1 && b.en.len() == 1 && zh_len[b.zh.start] >= 20)
        .map(|b| en_len[b.en.start] as f64 / zh_len[b.zh.start] as f64)
        .collect();
    ratios.sort_by(f64::total_cmp);
    // A short text says little about its translator: lean on the edition's ratio.
    let median = ratios.get(ratios.len() / 2).copied().unwrap_or(edition_ratio);
    let n = ratios.len() as f64;
    let ratio = (n * median + PRIOR_PAIRS * edition_ratio) / (n + PRIOR_PAIRS);
    problem.model = LengthModel { ratio, ..problem.model };
    let mut beads = problem.solve();
    // An unsure bead's doubt spreads to a neighbour whose words do not vouch for it.
    let unsure: Vec<bool> = beads.iter().map(Bead::unsure).collect();
    for (k, bead) in beads.iter_mut().enumerate() {
        let beside = (k > 0 && unsure[k - 1]) || unsure.get(k + 1).copied().unwrap_or(false);
        let (found, glossed) = words.count(bead.zh.clone(), bead.en.clone());
        bead.weak_words = beside && glossed > 0 && dp::gloss_evidence(found, glossed) <= 0.0;
    }
    beads
}

/// The (Chinese, English) lengths of the current translated blocks of
/// paired articles, one list per article, to fit a [`LengthModel`] on.
pub fn paired_lengths(articles: &[AlignedArticle]) -> Vec<Vec<(usize, usize)>> {
    let plain = crate::search::fold::plain;
    articles
        .iter()
        .map(|a| {
            a.rows
                .iter()
                .filter(|r| r.status == RowStatus::Translated)
                .filter_map(|r| {
                    Some((zh_length(&plain(&r.zh.markdown)), en_length(&plain(r.en.as_deref()?))))
                })
                .collect()
        })
        .collect()
}

/// The (Chinese, English) plain texts of the current translated blocks of
/// paired articles, one list per article, to learn a [`lexicon::Lexicon`]
/// from. A paragraph that renders joined blocks comes with their Chinese.
pub fn paired_texts(articles: &[AlignedArticle]) -> Vec<Vec<(String, String)>> {
    let plain = crate::search::fold::plain;
    articles
        .iter()
        .map(|a| {
            let mut out: Vec<(String, String)> = Vec::new();
            for (k, r) in a.rows.iter().enumerate() {
                if let (RowStatus::Translated, Some(en)) = (&r.status, &r.en) {
                    out.push((plain(&r.zh.markdown), plain(en)));
                } else if let (true, Some(last)) = (r.joined_to.is_some_and(|to| to.0 == k), out.last_mut()) {
                    last.0.push_str(&plain(&r.zh.markdown));
                }
            }
            out
        })
        .collect()
}

/// One bead an editor should look at, for the terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// The block whose slot carries the flag.
    pub block: BlockNo,
    pub bead: Bead,
    pub why: String,
}

/// The slot contents of an alignment: for each block, the lines to write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub contents: Vec<Vec<String>>,
    pub flags: Vec<Flag>,
}

/// Turns beads into slot contents for `blocks` blocks, `en` being the
/// paragraphs' Markdown. A 1:2 bead puts both paragraphs in the block's
/// slot; a 2:1 bead puts the paragraph in the first block's slot and
/// `<!-- joined to ¶n -->` in the second's; a paragraph matching no block
/// goes, flagged, into the slot before it (or after, at the start).
pub fn draft(blocks: usize, beads: &[Bead], en: &[String]) -> Draft {
    let mut out = Draft { contents: vec![Vec::new(); blocks], flags: Vec::new() };
    for (k, bead) in beads.iter().enumerate() {
        let host = if bead.zh.is_empty() {
            let before = beads[..k].iter().rev().find(|b| !b.zh.is_empty() && !b.en.is_empty());
            let after = beads[k..].iter().find(|b| !b.zh.is_empty());
            match before.or(after) {
                Some(b) => b.zh.start,
                None => continue,
            }
        } else {
            bead.zh.start
        };
        let why = if bead.zh.is_empty() {
            "this English paragraph matched no Chinese block: move it to its block or delete it".to_string()
        } else if bead.en.is_empty() {
            "no English paragraph of the translation matched this block".to_string()
        } else if bead.flagged() && !bead.unsure() {
            "the pairing beside it is unsure and few of this English's words match this block: check that this English renders this block".to_string()
        } else if bead.flagged() {
            format!(
                "aligned with confidence {:.2}: check that this English renders this block",
                bead.confidence
            )
        } else {
            String::new()
        };
        let slot = &mut out.contents[host];
        if !why.is_empty() {
            // Review flags go first, above any text already there.
            let at = slot.iter().take_while(|l| l.starts_with("<!-- review:")).count();
            slot.insert(at, review_comment(&why));
            out.flags.push(Flag { block: BlockNo(host + 1), bead: bead.clone(), why });
        }
        for paragraph in &en[bead.en.clone()] {
            if slot.iter().any(|l| !l.starts_with("<!--")) {
                slot.push(String::new());
            }
            slot.extend(paragraph.lines().map(str::to_string));
        }
        for joined in bead.zh.clone().skip(1) {
            out.contents[joined].push(joined_comment(BlockNo(bead.zh.start + 1)));
        }
    }
    out
}

/// The edition's articles paired with their `lang` translations, and its
/// glossary's terms (none if it has no glossary): what the length model is
/// fitted on, what anchors use, and what [`bench`](mod@bench) measures.
pub fn paired_edition(
    edition: &crate::config::Edition,
    lang: &str,
) -> crate::error::Result<(Vec<AlignedArticle>, Vec<Term>)> {
    let mut texts = crate::texts::load_texts(edition, lang, None);
    let articles = texts
        .articles
        .drain(..)
        .map(|a| {
            let translation = texts.translations.remove(&a.article.id).map(|(_, t)| t);
            crate::pair::pair(a.article, translation)
        })
        .collect();
    let path = edition.translations_dir(lang).join("glossary.toml");
    let terms = match crate::fs_util::read_optional(&path)? {
        Some(text) => {
            crate::model::Glossary::parse(&crate::fs_util::display_path(&path, &edition.root), &text)?.terms
        }
        None => Vec::new(),
    };
    Ok((articles, terms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(zh: Range<usize>, en: Range<usize>, confidence: f64) -> Bead {
        Bead { zh, en, confidence, weak_words: false }
    }

    #[test]
    fn draft_writes_merges_splits_gaps_and_flags() {
        let en: Vec<String> = ["A.", "B.", "C1.", "C2.", "Extra."].iter().map(ToString::to_string).collect();
        let beads = [
            bead(0..2, 0..1, 1.0), // ¶1–2 ← A.
            bead(2..3, 1..2, 0.5), // ¶3 ← B., unsure
            bead(3..4, 2..4, 1.0), // ¶4 ← C1. C2.
            bead(4..4, 4..5, 1.0), // Extra. matches no block
            bead(4..5, 5..5, 1.0), // ¶5 has no English
        ];
        let d = draft(5, &beads, &en);
        assert_eq!(d.contents[0], ["A."]);
        assert_eq!(d.contents[1], ["<!-- joined to ¶1 -->"]);
        assert!(
            d.contents[2][0].starts_with("<!-- review: aligned with confidence 0.50"),
            "{:?}",
            d.contents[2]
        );
        assert_eq!(d.contents[2][1], "B.");
        assert_eq!(d.contents[3][1..], ["C1.", "", "C2.", "", "Extra."]);
        assert!(d.contents[3][0].starts_with("<!-- review: this English paragraph matched no Chinese block"));
        assert!(d.contents[4][0].starts_with("<!-- review: no English paragraph"));
        let flagged: Vec<usize> = d.flags.iter().map(|f| f.block.0).collect();
        assert_eq!(flagged, [3, 4, 5]);
    }

    #[test]
    fn lengths_count_characters_and_words() {
        // 新冠肺炎 4, COVID 1, 19 1, 患者 2, 2020 1, 年 1.
        assert_eq!(zh_length("新冠肺炎，COVID-19 患者 2020 年"), 10);
        assert_eq!(en_length("The city's 8 ambulances — all new."), 6);
    }

    #[test]
    fn a_shuffled_text_aligns_by_its_lengths_and_anchors() {
        let zh: Vec<String> =
            ["2月27日，两辆救护车抵达。", "车辆交接", "全市已有8辆负压救护车，能有效防止交叉感染。"]
                .iter()
                .map(ToString::to_string)
                .collect();
        let en: Vec<String> = [
            "On 27 February two ambulances arrived.",
            "Handover",
            "The city now has 8 negative-pressure ambulances, which prevent cross-infection.",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let beads = align(&zh, &en, LengthModel::default(), &[], &Glosses::default());
        let pairs: Vec<(Range<usize>, Range<usize>)> =
            beads.iter().map(|b| (b.zh.clone(), b.en.clone())).collect();
        assert_eq!(pairs, [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
    }
}
