//! A small bilingual lexicon learned from the edition's own paired blocks:
//! the paired articles in (each a list of Chinese and English plain texts
//! of one block), for each English word out the Chinese bigrams it most
//! often comes with ([`Lexicon::glosses`]), by the Dice coefficient of the
//! blocks they share. It gives the alignment evidence where no number,
//! date or name does: a paragraph's words should find their glosses in
//! its block's Chinese, not in a neighbour's.
//!
//! The benchmark must not learn an article's pairs when it scores that
//! article: [`Lexicon::glosses`] takes the article to leave out and
//! subtracts its counts.

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::ops::Range;

/// A word or bigram in more than this share of the blocks says nothing of
/// where it belongs (the, said, 疫情): it is left out.
const COMMON_SHARE: f64 = 0.12;

/// How many glosses a word keeps, at most.
const TOP: usize = 4;

/// The least Dice coefficient of a gloss.
const MIN_DICE: f64 = 0.3;

/// The least number of blocks a word and a gloss must share.
const MIN_BOTH: u32 = 2;

/// One paired block: its Chinese bigrams and English words, ids sorted.
type Doc = (Vec<u32>, Vec<u32>);

/// Counts of Chinese bigrams and English words over paired blocks.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    bigrams: FxHashMap<String, u32>,
    /// Each bigram by its id.
    bigram_names: Vec<String>,
    words: FxHashMap<String, u32>,
    /// Per article, its paired blocks.
    docs: Vec<Vec<Doc>>,
    /// In how many blocks each bigram, each word is.
    bigram_blocks: Vec<u32>,
    word_blocks: Vec<u32>,
    /// Per word, the bigrams it shares at least [`MIN_BOTH`] blocks with,
    /// and how many.
    pairs: Vec<Vec<(u32, u32)>>,
}

impl Lexicon {
    /// Learns from `articles`, each a list of (Chinese, English) plain
    /// texts of its paired blocks.
    pub fn learn(articles: &[Vec<(String, String)>]) -> Lexicon {
        let mut lex = Lexicon::default();
        for article in articles {
            let docs = article
                .iter()
                .map(|(zh, en)| {
                    let b = intern(&mut lex.bigrams, zh_bigrams(zh));
                    let w = intern(&mut lex.words, en_words(en));
                    (b, w)
                })
                .collect();
            lex.docs.push(docs);
        }
        lex.bigram_names = vec![String::new(); lex.bigrams.len()];
        for (name, &k) in &lex.bigrams {
            lex.bigram_names[k as usize].clone_from(name);
        }
        lex.bigram_blocks = vec![0; lex.bigrams.len()];
        lex.word_blocks = vec![0; lex.words.len()];
        for (b, w) in lex.docs.iter().flatten() {
            for &b in b {
                lex.bigram_blocks[b as usize] += 1;
            }
            for &w in w {
                lex.word_blocks[w as usize] += 1;
            }
        }
        let blocks = lex.docs.iter().map(Vec::len).sum::<usize>();
        let common = (blocks as f64 * COMMON_SHARE).max(3.0);
        // A token of one block can never share MIN_BOTH blocks.
        let useful = |n: u32| n >= MIN_BOTH && f64::from(n) <= common;
        let mut both: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for (b, w) in lex.docs.iter().flatten() {
            let b: Vec<u32> = b.iter().copied().filter(|&b| useful(lex.bigram_blocks[b as usize])).collect();
            for &w in w.iter().filter(|&&w| useful(lex.word_blocks[w as usize])) {
                for &b in &b {
                    *both.entry((w, b)).or_insert(0) += 1;
                }
            }
        }
        lex.pairs = vec![Vec::new(); lex.words.len()];
        for ((w, b), n) in both {
            if n >= MIN_BOTH {
                lex.pairs[w as usize].push((b, n));
            }
        }
        lex.pairs.iter_mut().for_each(|p| p.sort_unstable());
        lex
    }

    /// Each of `words`' glosses: the few (`TOP`) bigrams of highest Dice
    /// coefficient with it, over the blocks of every article but
    /// `held_out`.
    pub fn glosses<'a>(&self, words: impl IntoIterator<Item = &'a str>, held_out: Option<usize>) -> Glosses {
        let out_docs: &[Doc] = held_out.and_then(|k| self.docs.get(k)).map_or(&[], Vec::as_slice);
        let mut out_bigrams: FxHashMap<u32, u32> = FxHashMap::default();
        for (b, _) in out_docs {
            for &b in b {
                *out_bigrams.entry(b).or_insert(0) += 1;
            }
        }
        let mut out = BTreeMap::new();
        for word in words {
            let Some(&w) = self.words.get(word) else { continue };
            let held_blocks: Vec<&Doc> = out_docs.iter().filter(|d| d.1.binary_search(&w).is_ok()).collect();
            let nw = self.word_blocks[w as usize] - count(held_blocks.len());
            let mut scored: Vec<(f64, u32)> = self.pairs[w as usize]
                .iter()
                .filter_map(|&(b, n)| {
                    let held_b = out_bigrams.get(&b).copied().unwrap_or(0);
                    let held_both = if held_b == 0 {
                        0
                    } else {
                        count(held_blocks.iter().filter(|d| d.0.binary_search(&b).is_ok()).count())
                    };
                    let n = n - held_both;
                    let nb = self.bigram_blocks[b as usize] - held_b;
                    let dice = 2.0 * f64::from(n) / f64::from(nb + nw);
                    (n >= MIN_BOTH && dice >= MIN_DICE).then_some((dice, b))
                })
                .collect();
            if scored.is_empty() {
                continue;
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let glosses =
                scored.iter().take(TOP).map(|&(_, b)| self.bigram_names[b as usize].clone()).collect();
            out.insert(word.to_string(), glosses);
        }
        Glosses(out)
    }

    /// The glosses of the words of paragraphs `en` (plain texts).
    pub fn glosses_of(&self, en: &[String], held_out: Option<usize>) -> Glosses {
        let words: FxHashSet<String> = en.iter().flat_map(|p| en_words(p)).collect();
        self.glosses(words.iter().map(String::as_str), held_out)
    }
}

/// English words and their glosses, from [`Lexicon::glosses`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glosses(pub BTreeMap<String, Vec<String>>);

/// How the glossed words of a text's paragraphs meet its blocks: for each
/// paragraph, how many of its words have a gloss in each block (`one`),
/// in it or the next (`two`), and how many of its words have glosses.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    one: Vec<Vec<u32>>,
    two: Vec<Vec<u32>>,
    glossed: Vec<u32>,
}

impl Evidence {
    /// The evidence of blocks `zh` and paragraphs `en` (plain texts).
    pub fn new(glosses: &Glosses, zh: &[String], en: &[String]) -> Evidence {
        // Where each bigram is: the blocks of a word's glosses, looked up.
        let mut at: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, text) in zh.iter().enumerate() {
            for bigram in zh_bigrams(text) {
                at.entry(bigram).or_default().push(i);
            }
        }
        let mut out = Evidence {
            one: vec![vec![0; en.len()]; zh.len()],
            two: vec![vec![0; en.len()]; zh.len()],
            glossed: vec![0; en.len()],
        };
        for (j, paragraph) in en.iter().enumerate() {
            for word in en_words(paragraph) {
                let Some(g) = glosses.0.get(&word) else { continue };
                out.glossed[j] += 1;
                let mut found: Vec<usize> = g.iter().filter_map(|x| at.get(x)).flatten().copied().collect();
                found.sort_unstable();
                found.dedup();
                // Blocks i whose pair (i, i+1) holds a gloss: i and i−1 for each i found.
                let mut pairs: Vec<usize> = found.iter().flat_map(|&i| [i.saturating_sub(1), i]).collect();
                pairs.sort_unstable();
                pairs.dedup();
                for &i in &found {
                    out.one[i][j] += 1;
                }
                for &i in &pairs {
                    out.two[i][j] += 1;
                }
            }
        }
        out
    }

    /// (words with a gloss in the blocks, words with glosses) of the
    /// paragraphs `en`, against blocks `zh` (one or two; else none).
    pub fn count(&self, zh: Range<usize>, en: Range<usize>) -> (u32, u32) {
        let table = match zh.len() {
            1 => &self.one,
            2 => &self.two,
            _ => return (0, 0),
        };
        let Some(row) = table.get(zh.start) else { return (0, 0) };
        en.filter_map(|j| Some((*row.get(j)?, self.glossed[j]))).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }
}

/// A count as the tables keep it (no edition has four billion blocks).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn intern(table: &mut FxHashMap<String, u32>, tokens: FxHashSet<String>) -> Vec<u32> {
    let mut ids: Vec<u32> = tokens
        .into_iter()
        .map(|t| {
            let next = count(table.len());
            *table.entry(t).or_insert(next)
        })
        .collect();
    ids.sort_unstable();
    ids
}

/// The pairs of adjacent Chinese characters of a text.
pub fn zh_bigrams(text: &str) -> FxHashSet<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .filter(|w| w.iter().all(|&c| crate::search::fold::is_han(c)))
        .map(|w| w.iter().collect())
        .collect()
}

/// The words of an English text that can carry meaning: lower-cased, of
/// three letters or more, a plural's `s` and a possessive's `'s` cut.
pub fn en_words(text: &str) -> FxHashSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '\'' && c != '’')
        .map(|w| {
            w.trim_end_matches("'s").trim_end_matches("’s").trim_matches(['\'', '’']).to_ascii_lowercase()
        })
        .filter(|w| w.len() >= 3)
        .map(|w| {
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(zh: &str, en: &str) -> (String, String) {
        (zh.to_string(), en.to_string())
    }

    #[test]
    fn words_find_their_bigrams_and_a_held_out_article_teaches_nothing() {
        let a = vec![
            pair("救护车抵达医院", "The ambulance reached the hospital"),
            pair("口罩发放社区", "Masks were handed out in the community"),
        ];
        let b = vec![
            pair("两辆救护车出发", "Two ambulances set out"),
            pair("社区发放口罩", "The community handed out masks"),
        ];
        let c = vec![pair("学校开学", "Schools opened"), pair("工厂复工", "Factories resumed work")];
        let lex = Lexicon::learn(&[a, b, c]);
        let glosses = lex.glosses(["ambulance", "mask"], None).0;
        assert!(glosses["ambulance"].contains(&"救护".to_string()), "{glosses:?}");
        assert!(glosses["mask"].contains(&"口罩".to_string()), "{glosses:?}");
        // Without article 0, each pair is seen once only: not enough.
        assert!(lex.glosses(["ambulance", "mask"], Some(0)).0.is_empty());
        let evidence = Evidence::new(
            &lex.glosses(["ambulance", "mask"], None),
            &["社区口罩".to_string(), "救护车".to_string()],
            &["Masks and an ambulance".to_string()],
        );
        assert_eq!(evidence.count(0..1, 0..1), (1, 2));
        assert_eq!(evidence.count(0..2, 0..1), (2, 2));
        assert_eq!(evidence.count(1..1, 0..1), (0, 0));
    }

    #[test]
    fn words_are_folded() {
        let words = en_words("The city's ambulances, its masks’ and Glass.");
        for w in ["city", "ambulance", "mask", "glass", "the", "and", "its"] {
            assert!(words.contains(w), "{w} not in {words:?}");
        }
    }
}
