//! The accuracy benchmark: the edition's paired articles in, figures out.
//! Each translation's blocks are joined into a plain text and aligned
//! again, as given (unbroken) and re-broken as a translator might deliver
//! it (one paragraph dropped, 20 % of adjacent pairs merged, 10 % of long
//! paragraphs split at a sentence end; seeded, so the same every run).
//! A block is right when it gets exactly the paragraphs it came from.
//! Nothing an article is aligned with is learned from its own pairs.

use super::length::LengthModel;
use super::lexicon::{Glosses, Lexicon};
use super::{align, draft};
use crate::model::Term;
use crate::pair::{AlignedArticle, RowStatus};
use crate::search::fold::plain;
use std::collections::BTreeSet;

/// Blocks aligned and how they fared, for one kind of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub texts: usize,
    pub blocks: usize,
    pub right: usize,
    /// Blocks whose slot carries a review flag.
    pub flagged: usize,
    /// Wrong blocks that carry a flag.
    pub wrong_flagged: usize,
    /// The wrong blocks without a flag, as `<id> ¶n`.
    pub unflagged_wrong: Vec<String>,
}

impl Score {
    pub fn percent_right(&self) -> f64 {
        if self.blocks == 0 { 100.0 } else { self.right as f64 * 100.0 / self.blocks as f64 }
    }
}

/// The figures on unbroken and re-broken texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub unbroken: Score,
    pub rebroken: Score,
}

/// A paragraph of a test text and the blocks (0-based) it renders.
type Para = (String, Vec<usize>);

/// Runs the benchmark on every article with a translation, as a new
/// translation meets it: each article aligned with a length model fitted on
/// the edition's other articles only, and glosses from a lexicon learned
/// without its own pairs (leave one out).
pub fn run(articles: &[AlignedArticle], glossary: &[Term], seed: u64) -> Figures {
    let lengths = super::paired_lengths(articles);
    let lexicon = Lexicon::learn(&super::paired_texts(articles));
    let mut figures = Figures::default();
    let mut rng = Rng(seed);
    for (k, a) in articles.iter().enumerate().filter(|(_, a)| a.translation.is_some()) {
        let paras: Vec<Para> = a
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.status == RowStatus::Translated)
            .filter_map(|(k, r)| Some((r.en.clone()?, vec![k])))
            .collect();
        // An article of one block is aligned too: re-broken, its paragraph
        // may be split.
        if paras.is_empty() {
            continue;
        }
        let others: Vec<Vec<(usize, usize)>> =
            lengths.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, l)| l.clone()).collect();
        let model = LengthModel::fit(&others);
        let english: Vec<String> = paras.iter().map(|(t, _)| plain(t)).collect();
        let help = Help { glossary, model, glosses: lexicon.glosses_of(&english, Some(k)) };
        let zh: Vec<String> = a.rows.iter().map(|r| plain(&r.zh.markdown)).collect();
        let id = a.article.id.as_str();
        score(&mut figures.unbroken, id, &zh, &paras, &help);
        score(&mut figures.rebroken, id, &zh, &rebreak(paras, &mut rng), &help);
    }
    figures
}

/// What an article is aligned with.
struct Help<'a> {
    glossary: &'a [Term],
    model: LengthModel,
    glosses: Glosses,
}

fn score(into: &mut Score, id: &str, zh: &[String], paras: &[Para], help: &Help<'_>) {
    let en: Vec<String> = paras.iter().map(|(t, _)| plain(t)).collect();
    let beads = align(zh, &en, help.model, help.glossary, &help.glosses);
    let drafted = draft(zh.len(), &beads, &paras.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>());
    let mut flagged: BTreeSet<usize> = drafted.flags.iter().map(|f| f.block.0 - 1).collect();
    let mut got: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); zh.len()];
    for bead in &beads {
        for k in bead.zh.clone() {
            got[k].extend(bead.en.clone());
            if bead.flagged() {
                flagged.insert(k);
            }
        }
    }
    into.texts += 1;
    for (k, got) in got.iter().enumerate() {
        let truth: BTreeSet<usize> =
            paras.iter().enumerate().filter(|(_, p)| p.1.contains(&k)).map(|(j, _)| j).collect();
        into.blocks += 1;
        let is_flagged = flagged.contains(&k);
        into.flagged += usize::from(is_flagged);
        if *got == truth {
            into.right += 1;
        } else if is_flagged {
            into.wrong_flagged += 1;
        } else {
            into.unflagged_wrong.push(format!("{id} ¶{}: given paragraphs {got:?}, not {truth:?}", k + 1));
        }
    }
}

/// A translator's re-breaking: drop one paragraph, merge 20 % of adjacent
/// pairs, split 10 % of the long paragraphs at a sentence end.
fn rebreak(mut paras: Vec<Para>, rng: &mut Rng) -> Vec<Para> {
    if paras.len() >= 3 {
        let k = rng.below(paras.len());
        paras.remove(k);
    }
    // 20 % and 10 %, rounded.
    let merges = (paras.len().saturating_sub(1) * 2 + 5) / 10;
    for _ in 0..merges {
        // Merge paragraphs that each render one block, the blocks next to
        // each other (across the dropped one a merge could not be written).
        let free: Vec<usize> = (0..paras.len().saturating_sub(1))
            .filter(|&i| paras[i].1.len() == 1 && paras[i + 1].1 == [paras[i].1[0] + 1])
            .collect();
        if free.is_empty() {
            break;
        }
        let i = free[rng.below(free.len())];
        let (text, blocks) = paras.remove(i + 1);
        paras[i].0 = format!("{} {text}", paras[i].0);
        paras[i].1.extend(blocks);
    }
    let long: Vec<usize> =
        (0..paras.len()).filter(|&i| paras[i].1.len() == 1 && sentence_end(&paras[i].0).is_some()).collect();
    let splits = ((long.len() + 5) / 10).max(usize::from(!long.is_empty()));
    let mut chosen = BTreeSet::new();
    while chosen.len() < splits {
        chosen.insert(long[rng.below(long.len())]);
    }
    for &i in chosen.iter().rev() {
        if let Some(at) = sentence_end(&paras[i].0) {
            let second = paras[i].0[at..].trim().to_string();
            paras[i].0.truncate(at);
            let blocks = paras[i].1.clone();
            paras.insert(i + 1, (second, blocks));
        }
    }
    paras
}

/// The sentence end nearest the middle of a paragraph of 200 characters or
/// more: a byte offset just after `.`, `?` or `!` (and a closing quote) and
/// before a space and a capital or an opening quote.
fn sentence_end(text: &str) -> Option<usize> {
    if text.chars().count() < 200 {
        return None;
    }
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    for w in 0..bytes.len().saturating_sub(2) {
        let (_, c) = bytes[w];
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut k = w + 1;
        if matches!(bytes[k].1, '”' | '’' | '"') {
            k += 1;
        }
        let next_up = bytes.get(k + 1).is_some_and(|(_, n)| n.is_uppercase() || matches!(n, '“' | '"'));
        if bytes.get(k).is_some_and(|(_, s)| *s == ' ') && next_up {
            ends.push(bytes[k].0);
        }
    }
    let middle = text.len() / 2;
    ends.into_iter().min_by_key(|&e| e.abs_diff(middle))
}

/// `SplitMix64`: a small seeded generator, so the variants are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        usize::try_from(z % n.max(1) as u64).unwrap_or(0)
    }
}
