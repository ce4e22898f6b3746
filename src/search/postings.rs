//! The postings of a site's docs: each token (a Han character or pair,
//! an English stem, a number) with the blocks whose Chinese and whose
//! English hold it, encoded ([`super::encode::posting`]) and sorted into
//! shards by the token's hash, as `search.js` finds them; and the table of
//! English word forms, by the hash of a word's first three letters (all
//! the variants `search.js` tries of a word share them).
//!
//! Tokens are interned as numbers (a character, two characters in one
//! `u64`, a hash for a stem), gathered per article in parallel into hash
//! groups, then each group is sorted and written on its own.

use super::docs::Doc;
use super::encode;
use super::fold::{english, fold_into, is_han, is_word, stem};
use super::shards::{close, fnv, open, string};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::BTreeSet;
use std::hash::Hasher;

/// Postings aimed at per index shard, in bytes of script.
const IDX_BYTES: usize = 32 * 1024;
/// Forms aimed at per form shard, in bytes of script.
const FORM_BYTES: usize = 16 * 1024;
/// The mark of a stem's key: its low bits are a hash of the stem.
const STEM: u64 = 1 << 63;

/// Each index shard's script, and the form shards' `(word, stem)` pairs.
pub struct Postings {
    pub idx: Vec<Vec<u8>>,
    pub forms: Vec<Vec<(String, String)>>,
    /// The Han characters of the folded text, for the folding table.
    pub chars: BTreeSet<char>,
}

/// An index shard's number and its script.
type Shard = (usize, Vec<u8>);

/// One article's tokens: (key, block × 2 + language) by hash group, the
/// stems by key, the words, the Han characters.
struct Article {
    groups: Vec<Vec<(u64, u32)>>,
    stems: FxHashMap<u64, (String, u32)>,
    words: BTreeSet<String>,
}

/// The postings of `docs`; `offsets[i]` is the first block of article i.
pub fn postings(docs: &[Doc], offsets: &[usize]) -> Postings {
    let text: usize = docs.iter().flat_map(|d| d.zh.iter().chain(&d.en)).map(String::len).sum();
    // One group per 2 MB of text, at most 64; each group owns its shards.
    let groups = (text >> 21).clamp(1, 64).next_power_of_two();
    let articles: Vec<Article> =
        docs.par_iter().zip(offsets).map(|(d, &offset)| article(d, offset, groups)).collect();
    let mut stems: FxHashMap<u64, (String, u32)> = FxHashMap::default();
    let mut words = BTreeSet::new();
    let mut by_group: Vec<Vec<Vec<(u64, u32)>>> = (0..groups).map(|_| Vec::new()).collect();
    let mut pairs = 0;
    for a in articles {
        for (g, list) in a.groups.into_iter().enumerate() {
            pairs += list.len();
            by_group[g].push(list);
        }
        for (key, s) in a.stems {
            stems.entry(key).or_insert(s);
        }
        words.extend(a.words);
    }
    // About a character and a half a pair, once encoded.
    let per_group = (pairs * 3 / 2).div_ceil(IDX_BYTES * groups).clamp(1, 8192 / groups);
    let shards = groups * per_group;
    let mut idx: Vec<Vec<u8>> = (0..shards).map(|_| Vec::new()).collect();
    let written: Vec<(Vec<Shard>, Vec<char>)> = by_group
        .into_par_iter()
        .enumerate()
        .map(|(g, lists)| group(g, lists, &stems, shards, groups))
        .collect();
    let mut chars = BTreeSet::new();
    for (list, group_chars) in written {
        chars.extend(group_chars);
        for (k, script) in list {
            idx[k] = script;
        }
    }
    Postings { idx, forms: forms(&words), chars }
}

/// The key of a Han character or pair.
fn han_key(c: char, next: Option<char>) -> u64 {
    (u64::from(u32::from(c)) << 21) | next.map_or(0, |n| u64::from(u32::from(n)))
}

/// The characters of a Han key.
fn han_chars(key: u64) -> impl Iterator<Item = char> {
    [key >> 21, key & 0x1F_FFFF]
        .into_iter()
        .filter(|&u| u != 0)
        .filter_map(|u| char::from_u32(u32::try_from(u).ok()?))
}

/// The hash of a key's token: [`fnv`] of its characters.
fn hash_of(key: u64, stems: &FxHashMap<u64, (String, u32)>) -> u32 {
    if key & STEM == 0 { fnv(han_chars(key)) } else { stems.get(&key).map_or(0, |s| s.1) }
}

fn article(d: &Doc, offset: usize, groups: usize) -> Article {
    let stemmer = english();
    let mut a = Article {
        groups: (0..groups).map(|_| Vec::new()).collect(),
        stems: FxHashMap::default(),
        words: BTreeSet::new(),
    };
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    let mut folded = String::new();
    let mut keys = Vec::new();
    let mut hans = Vec::new();
    for (n, (zh, en)) in d.zh.iter().zip(&d.en).enumerate() {
        for (lang, text) in [(0, zh), (1, en)] {
            if text.is_empty() {
                continue;
            }
            fold_into(text, &mut folded);
            keys.clear();
            hans.clear();
            hans.extend(folded.char_indices().filter(|&(_, c)| is_han(c)));
            for (i, &(at, c)) in hans.iter().enumerate() {
                keys.push(han_key(c, None));
                if let Some(&(next_at, next)) = hans.get(i + 1)
                    && next_at == at + c.len_utf8()
                {
                    keys.push(han_key(c, Some(next)));
                }
            }
            for word in folded.split(|c: char| !is_word(c)).filter(|w| !w.is_empty()) {
                let key = if let Some(&key) = seen.get(word) {
                    key
                } else {
                    let key = stem_key(&mut a, &stemmer, word);
                    seen.insert(word.to_string(), key);
                    key
                };
                keys.push(key);
            }
            keys.sort_unstable();
            keys.dedup();
            let doc = u32::try_from(2 * (offset + n) + lang).unwrap_or(u32::MAX);
            for &key in &keys {
                a.groups[hash_of(key, &a.stems) as usize % groups].push((key, doc));
            }
        }
    }
    a
}

/// The key of a word's stem, noted in `a.stems` and its form in `a.words`.
fn stem_key(a: &mut Article, stemmer: &rust_stemmers::Stemmer, word: &str) -> u64 {
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        a.words.insert(word.to_string());
    }
    let stem = stem(stemmer, word);
    let mut hasher = FxHasher::default();
    hasher.write(stem.as_bytes());
    let key = STEM | (hasher.finish() >> 1);
    let hash = fnv(stem.chars());
    a.stems.entry(key).or_insert((stem, hash));
    key
}

/// One group's shards, and the Han characters among its tokens (a folded
/// character is a token): its pairs sorted by token, then block, and each
/// token's posting encoded straight into the script of its shard (tokens
/// in the order of their keys).
fn group(
    g: usize,
    lists: Vec<Vec<(u64, u32)>>,
    stems: &FxHashMap<u64, (String, u32)>,
    shards: usize,
    groups: usize,
) -> (Vec<Shard>, Vec<char>) {
    let mut pairs: Vec<(u64, u32)> = lists.concat();
    drop(lists);
    pairs.sort_unstable();
    // Shard k of this group is out[k / groups].
    let mut out: Vec<String> = (0..shards / groups).map(|i| open("idx", g + i * groups)).collect();
    let mut chars = Vec::new();
    let mut token = String::new();
    let mut at = 0;
    while at < pairs.len() {
        let key = pairs[at].0;
        let end = at + pairs[at..].partition_point(|p| p.0 == key);
        let docs = &pairs[at..end];
        token.clear();
        if key & STEM == 0 {
            token.extend(han_chars(key));
            if key.trailing_zeros() >= 21 {
                chars.extend(han_chars(key));
            }
        } else if let Some(s) = stems.get(&key) {
            token.push_str(&s.0);
        }
        let script = &mut out[hash_of(key, stems) as usize % shards / groups];
        if !script.ends_with('{') {
            script.push(',');
        }
        string(script, &token);
        script.push_str(":\"");
        encode::posting(script, docs.iter().filter(|d| d.1 & 1 == 0).map(|d| u64::from(d.1 >> 1)));
        if docs.iter().any(|d| d.1 & 1 == 1) {
            script.push('.');
            encode::posting(script, docs.iter().filter(|d| d.1 & 1 == 1).map(|d| u64::from(d.1 >> 1)));
        }
        script.push('"');
        at = end;
    }
    let written =
        out.into_iter().enumerate().map(|(i, script)| (g + i * groups, close(script, "}"))).collect();
    (written, chars)
}

/// The form shards: each word with its stem, by the hash of its first
/// three letters.
fn forms(words: &BTreeSet<String>) -> Vec<Vec<(String, String)>> {
    let stemmer = english();
    let bytes: usize = words.iter().map(|w| 2 * w.len() + 6).sum();
    let shards = bytes.div_ceil(FORM_BYTES).max(1);
    let mut out: Vec<Vec<(String, String)>> = (0..shards).map(|_| Vec::new()).collect();
    for word in words {
        let k = fnv(word.chars().take(3)) as usize % shards;
        out[k].push((word.clone(), stem(&stemmer, word)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_gives_characters_and_pairs_and_english_gives_stems_by_language() {
        let doc = Doc {
            id: "a".into(),
            zh: vec!["武漢市".into(), "武汉".into()],
            en: vec!["Ambulances arrived".into(), String::new()],
            date: String::new(),
            region: String::new(),
        };
        let p = postings(&[doc], &[0]);
        let script = String::from_utf8(p.idx.concat()).unwrap();
        // ¶0 and ¶1: gap 1 (0), repeated (1) once (1); English after ".".
        let want = [
            ("ambul", ".0"),
            ("arriv", ".0"),
            ("市", "0"),
            ("武", "11"),
            ("武汉", "11"),
            ("汉", "11"),
            ("汉市", "0"),
        ];
        for (token, posting) in want {
            assert!(script.contains(&format!("\"{token}\":\"{posting}\"")), "{token} in {script}");
        }
        assert_eq!(script.matches(':').count(), want.len());
        assert_eq!(p.chars.into_iter().collect::<String>(), "市武汉");
        let forms: Vec<(String, String)> = p.forms.into_iter().flatten().collect();
        assert_eq!(forms, [("ambulances".into(), "ambul".into()), ("arrived".into(), "arriv".into())]);
    }
}
