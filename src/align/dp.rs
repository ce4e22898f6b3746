//! The dynamic programme: the lengths of the Chinese blocks and English
//! paragraphs, the length model and the anchor chain in; the most probable
//! sequence of beads (1:1, 2:1, 1:2, 1:0, 0:1) out, each with its posterior
//! probability from the forward–backward sums over every alignment.

use super::Bead;
use super::anchors::{Anchor, Shared};
use super::length::LengthModel;
use super::lexicon::Evidence;
use std::ops::Range;

/// The bead shapes (Chinese blocks, English paragraphs) and −ln of how
/// often translators make them.
/// Tuned on the benchmark ([`super::bench`]), several seeds.
const SHAPES: [(usize, usize, f64); 5] = [(1, 1, 0.22), (2, 1, 2.5), (1, 2, 2.5), (1, 0, 4.5), (0, 1, 4.5)];

/// How much the length cost counts against the priors and the anchors.
const LENGTH_WEIGHT: f64 = 0.7;

/// Nats lost per unit weight of a block's tokens the English has nowhere,
/// when the bead gives the block English.
const LONELY_COST: f64 = 2.0;

/// Nats gained per unit of anchor weight a bead keeps together.
const ANCHOR_GAIN: f64 = 6.0;

/// Nats lost per unit weight of shared tokens a bead has on one side only.
const MISMATCH_COST: f64 = 0.5;

/// How often a glossed word of a paragraph finds a gloss in its own
/// block's Chinese, and in a wrong one (measured on this edition's pairs,
/// each article's lexicon learned without it).
const GLOSS_RIGHT: f64 = 0.45;
const GLOSS_WRONG: f64 = 0.11;

/// How much the words' evidence counts: the words of a paragraph are not
/// independent witnesses, so their log-likelihood ratio is damped.
const GLOSS_WEIGHT: f64 = 0.35;

/// Characters added to a Chinese length in the variance, so that a very
/// short block (a heading, a figure without caption) is not held to its
/// ratio as strictly as a long one.
const SHORT_SLACK: usize = 10;

pub(super) struct Problem<'a> {
    pub(super) zh: &'a [usize],
    pub(super) en: &'a [usize],
    pub(super) model: LengthModel,
    pub(super) chain: &'a [Anchor],
    /// Each block's and paragraph's tokens found on both sides of the
    /// text, as (token number, rarity weight).
    pub(super) zh_tokens: &'a [Shared],
    pub(super) en_tokens: &'a [Shared],
    /// Per block, the weight of its tokens the English lacks everywhere.
    pub(super) lonely: &'a [f64],
    /// How the paragraphs' words meet the blocks' Chinese, by the lexicon.
    pub(super) words: &'a Evidence,
}

impl Problem<'_> {
    fn cost(&self, zh: Range<usize>, en: Range<usize>, prior: f64) -> f64 {
        // Each token of the chain's anchors in the bead counts once.
        let mut kept: Vec<(usize, f64)> = self
            .chain
            .iter()
            .filter(|a| zh.contains(&a.zh) && en.contains(&a.en))
            .flat_map(|a| a.tokens.iter().copied())
            .collect();
        kept.sort_by_key(|t| t.0);
        kept.dedup_by_key(|t| t.0);
        let bonus = kept.iter().map(|t| t.1).sum::<f64>() * ANCHOR_GAIN;
        let length = if zh.is_empty() || en.is_empty() {
            0.0
        } else {
            self.model.cost(self.zh[zh.clone()].iter().sum(), self.en[en.clone()].iter().sum(), SHORT_SLACK)
        };
        let mismatch = self.mismatch(zh.clone(), en.clone());
        let (found, glossed) = self.words.count(zh.clone(), en.clone());
        let lonely = if en.is_empty() { 0.0 } else { self.lonely[zh].iter().sum::<f64>() };
        prior + LENGTH_WEIGHT * length - bonus + MISMATCH_COST * mismatch + LONELY_COST * lonely
            - GLOSS_WEIGHT * gloss_evidence(found, glossed)
    }

    /// The weight of the shared tokens on one side of a bead only: a number
    /// in the Chinese that its English lacks, though the English has it
    /// elsewhere, says the bead is wrong.
    fn mismatch(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let mut z: Vec<(usize, f64)> = self.zh_tokens[zh].iter().flatten().copied().collect();
        let mut e: Vec<(usize, f64)> = self.en_tokens[en].iter().flatten().copied().collect();
        z.sort_by_key(|t| t.0);
        z.dedup_by_key(|t| t.0);
        e.sort_by_key(|t| t.0);
        e.dedup_by_key(|t| t.0);
        let only = |a: &[(usize, f64)], b: &[(usize, f64)]| {
            a.iter().filter(|t| b.binary_search_by_key(&t.0, |u| u.0).is_err()).map(|t| t.1).sum::<f64>()
        };
        only(&z, &e) + only(&e, &z)
    }

    /// The beads, in order, of the best alignment.
    pub(super) fn solve(&self) -> Vec<Bead> {
        let (blocks, paras) = (self.zh.len(), self.en.len());
        let idx = |i: usize, j: usize| i * (paras + 1) + j;
        let cells = (blocks + 1) * (paras + 1);
        let (mut fwd, mut best) = (vec![f64::NEG_INFINITY; cells], vec![f64::NEG_INFINITY; cells]);
        let mut from = vec![0usize; cells];
        fwd[0] = 0.0;
        best[0] = 0.0;
        for i in 0..=blocks {
            for j in 0..=paras {
                for (s, &(di, dj, prior)) in SHAPES.iter().enumerate() {
                    if i < di || j < dj {
                        continue;
                    }
                    let cost = self.cost(i - di..i, j - dj..j, prior);
                    let k = idx(i - di, j - dj);
                    fwd[idx(i, j)] = log_add(fwd[idx(i, j)], fwd[k] - cost);
                    if best[k] - cost > best[idx(i, j)] {
                        best[idx(i, j)] = best[k] - cost;
                        from[idx(i, j)] = s;
                    }
                }
            }
        }
        let mut bwd = vec![f64::NEG_INFINITY; cells];
        bwd[idx(blocks, paras)] = 0.0;
        for i in (0..=blocks).rev() {
            for j in (0..=paras).rev() {
                for &(di, dj, prior) in &SHAPES {
                    if i + di > blocks || j + dj > paras {
                        continue;
                    }
                    let cost = self.cost(i..i + di, j..j + dj, prior);
                    bwd[idx(i, j)] = log_add(bwd[idx(i, j)], bwd[idx(i + di, j + dj)] - cost);
                }
            }
        }
        let total = fwd[idx(blocks, paras)];
        let (mut i, mut j) = (blocks, paras);
        let mut beads = Vec::new();
        while i > 0 || j > 0 {
            let (di, dj, prior) = SHAPES[from[idx(i, j)]];
            let cost = self.cost(i - di..i, j - dj..j, prior);
            let posterior = (fwd[idx(i - di, j - dj)] - cost + bwd[idx(i, j)] - total).exp();
            beads.push(Bead {
                zh: i - di..i,
                en: j - dj..j,
                confidence: posterior.clamp(0.0, 1.0),
                weak_words: false,
            });
            i -= di;
            j -= dj;
        }
        beads.reverse();
        beads
    }
}

/// The log-likelihood ratio, right pairing against wrong, of `found` of
/// `glossed` words finding a gloss in the bead's Chinese.
pub(super) fn gloss_evidence(found: u32, glossed: u32) -> f64 {
    let missed = f64::from(glossed - found);
    f64::from(found) * (GLOSS_RIGHT / GLOSS_WRONG).ln()
        + missed * ((1.0 - GLOSS_RIGHT) / (1.0 - GLOSS_WRONG)).ln()
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}
