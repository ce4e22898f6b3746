//! The postings of a site's docs: each token (a Han character or pair,
//! an English stem, a number) with the blocks whose Chinese and whose
//! English hold it, encoded ([`super::encode::posting`]) and sorted into
//! shards by the token's hash, as `search-query.js` finds them; and the table of
//! English word forms, by the hash of a word's first three letters (all
//! the variants `search-index.js` tries of a word share them).
//!
//! Runs of articles ([`Chunk`]s) are read in parallel, each into its
//! tokens' blocks as compact byte strings ([`super::chunk`]); then each
//! shard gathers its tokens from every chunk, in the order of their keys,
//! and encodes them. No list of every (token, block) pair is ever held at
//! once.

use super::chunk::{Chunk, Stems, hash_of, is_single_han, token_into, unleb128};
use super::encode;
use super::fold::{english, stem};
use super::lead::{self, Shown};
use super::shards::{Sink, close, fnv, open, string};
use crate::error::Result;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Postings aimed at per index shard, in bytes of script.
const IDX_BYTES: usize = 32 * 1024;
/// Forms aimed at per form shard, in bytes of script.
const FORM_BYTES: usize = 16 * 1024;

/// What [`write()`] wrote: the number of index shards, the form shards'
/// `(word, stem)` pairs, and the Han characters of the folded text (for
/// the folding table).
pub struct Written {
    pub shards: usize,
    pub forms: Vec<Vec<(String, String)>>,
    pub chars: BTreeSet<char>,
    pub totals: Totals,
}

/// What the shard counts are made from, kept by the build cache so that an
/// incremental update ([`super::update()`]) can tell whether they change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Totals {
    /// Bytes of the blocks' plain text, both languages.
    pub text: usize,
    /// (token, block) pairs.
    pub pairs: usize,
    /// The English word forms' [`form_bytes`], summed.
    pub form_bytes: usize,
}

/// An article's text by its number, for the leads.
pub type Texts<'t> = dyn Fn(usize) -> &'t (dyn Shown + 't) + Sync + 't;

/// Writes the index shards `idx-<k>.js` of the chunks read (in the order
/// of their articles) into `sink`, and beside each its leads `lead-<k>.js`
/// (`offsets[a]` article a's first block, `texts` its text).
pub fn write(
    mut chunks: Vec<Chunk>,
    offsets: &[usize],
    texts: &Texts<'_>,
    sink: &Sink<'_>,
) -> Result<Written> {
    let text: usize = chunks.iter().map(|c| c.text).sum();
    let pairs: usize = chunks.iter().map(|c| c.pairs).sum();
    let mut stems = Stems::default();
    let mut words = BTreeSet::new();
    for c in &mut chunks {
        for (key, s) in std::mem::take(&mut c.stems) {
            stems.entry(key).or_insert(s);
        }
        words.append(&mut c.words);
    }
    let shards = shard_count(text, pairs);
    let articles = lead::Articles::new(offsets);
    chunks.par_iter_mut().for_each(|c| sort_by_shard(c, &stems, shards));
    let chars: Vec<Vec<char>> = (0..shards)
        .into_par_iter()
        .map(|k| {
            let (script, leads, chars) = shard(k, &chunks, &stems, &articles, texts);
            sink(format!("search/idx-{k}.js"), script)?;
            sink(format!("search/lead-{k}.js"), leads)?;
            Ok(chars)
        })
        .collect::<Result<_>>()?;
    let totals = Totals { text, pairs, form_bytes: words.iter().map(|w| form_bytes(w)).sum() };
    Ok(Written { shards, forms: forms(&words), chars: chars.into_iter().flatten().collect(), totals })
}

/// The number of index shards for `text` bytes of text holding `pairs`
/// (token, block) pairs: one group per 2 MB of text, at most 64, and about
/// a character and a half of script a pair (the count of shards the format
/// has always had).
pub fn shard_count(text: usize, pairs: usize) -> usize {
    let groups = (text >> 21).clamp(1, 64).next_power_of_two();
    let per_group = (pairs * 3 / 2).div_ceil(IDX_BYTES * groups).clamp(1, 8192 / groups);
    groups * per_group
}

/// The number of form shards for words of `form_bytes` (their [`form_bytes`] summed).
pub fn form_count(form_bytes: usize) -> usize {
    form_bytes.div_ceil(FORM_BYTES).max(1)
}

/// What a word costs in a form shard, as the shards are counted.
pub fn form_bytes(word: &str) -> usize {
    2 * word.len() + 6
}

/// Lays a chunk's tokens out again in the order of (shard, key), their
/// docs' bytes with them, and notes where each shard starts: a shard then
/// reads one run of bytes from each chunk rather than a piece per token
/// from all over it (cache misses were most of the shards' time).
fn sort_by_shard(c: &mut Chunk, stems: &Stems, shards: usize) {
    let mut sorted: Vec<(u32, u64, u32)> = c
        .keys
        .iter()
        .enumerate()
        .map(|(t, &key)| {
            let shard = u32::try_from(hash_of(key, stems) as usize % shards).unwrap_or(u32::MAX);
            (shard, key, u32::try_from(t).unwrap_or(u32::MAX))
        })
        .collect();
    sorted.sort_unstable();
    c.bounds = vec![0; shards + 1];
    let mut bytes = Vec::with_capacity(c.bytes.len());
    let mut ends = Vec::with_capacity(c.ends.len());
    for (at, &(shard, key, t)) in sorted.iter().enumerate() {
        c.bounds[shard as usize + 1] += 1;
        bytes.extend_from_slice(&c.bytes[c.docs(t as usize)]);
        ends.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
        c.keys[at] = key;
    }
    for k in 0..shards {
        c.bounds[k + 1] += c.bounds[k];
    }
    (c.bytes, c.ends) = (bytes, ends);
}

/// Shard `k`'s script, its leads' and the Han characters among its tokens
/// (a folded character is a token): its tokens in the order of their
/// keys, each with its docs from every chunk in turn, encoded.
fn shard(
    k: usize,
    chunks: &[Chunk],
    stems: &Stems,
    articles: &lead::Articles<'_>,
    texts: &Texts<'_>,
) -> (Vec<u8>, Vec<u8>, Vec<char>) {
    // (key, chunk, token in the chunk)
    let mut entries: Vec<(u64, u32, u32)> = Vec::new();
    for (ci, c) in chunks.iter().enumerate() {
        let ci = u32::try_from(ci).unwrap_or(u32::MAX);
        let range = c.bounds[k]..c.bounds[k + 1];
        entries.extend(range.map(|t| (c.keys[t as usize], ci, t)));
    }
    entries.sort_unstable();
    let mut script = open("idx", k);
    let mut leads = open("lead", k);
    let mut chars = Vec::new();
    let mut token = String::new();
    let mut docs: Vec<u32> = Vec::new();
    let mut at = 0;
    while at < entries.len() {
        let key = entries[at].0;
        let end = at + entries[at..].partition_point(|e| e.0 == key);
        docs.clear();
        for &(_, ci, t) in &entries[at..end] {
            let c = &chunks[ci as usize];
            unleb128(&c.bytes[c.docs(t as usize)], &mut docs);
        }
        token.clear();
        token_into(&mut token, key, stems);
        if is_single_han(key) {
            chars.extend(token.chars());
        }
        entry(&mut script, &token, &docs);
        if let Some(page) = lead::page(&docs, articles) {
            lead::entry(&mut leads, &token, &page, articles.offsets, texts);
        }
        at = end;
    }
    (close(script, "}"), close(leads, "}"), chars)
}

/// One token's entry in a shard: `"token":"zh posting.en posting"`.
pub fn entry(script: &mut String, token: &str, docs: &[u32]) {
    if !script.ends_with('{') {
        script.push(',');
    }
    string(script, token);
    script.push_str(":\"");
    posting_into(script, docs);
    script.push('"');
}

/// A token's postings, `zh posting.en posting` (`.en posting` only when
/// there is English), from its docs (block × 2 + language, ascending).
pub fn posting_into(out: &mut String, docs: &[u32]) {
    // The blocks of each language apart, in one pass with no branch a doc
    // (the languages take turns: a branch would miss half the time).
    let (mut zh, mut en) = (vec![0; docs.len()], vec![0; docs.len()]);
    let (mut zhs, mut ens) = (0, 0);
    for &d in docs {
        let english = (d & 1) as usize;
        zh[zhs] = d >> 1;
        en[ens] = d >> 1;
        zhs += 1 - english;
        ens += english;
    }
    encode::posting(out, zh[..zhs].iter().map(|&b| u64::from(b)));
    if ens > 0 {
        out.push('.');
        encode::posting(out, en[..ens].iter().map(|&b| u64::from(b)));
    }
}

/// The form shards: each word with its stem, by the hash of its first
/// three letters.
fn forms(words: &BTreeSet<String>) -> Vec<Vec<(String, String)>> {
    let stemmer = english();
    let shards = form_count(words.iter().map(|w| form_bytes(w)).sum());
    let mut out: Vec<Vec<(String, String)>> = (0..shards).map(|_| Vec::new()).collect();
    for word in words {
        let k = fnv(word.chars().take(3)) as usize % shards;
        out[k].push((word.clone(), stem(&stemmer, word)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::chunk::read;
    use super::super::docs::Doc;
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
        let idx = std::sync::Mutex::new(Vec::new());
        let texts = |_| &doc as &dyn Shown;
        let p = write(vec![read(std::slice::from_ref(&doc), &[0])], &[0], &texts, &|path, script| {
            if !path.contains("/idx-") {
                return Ok(());
            }
            idx.lock().unwrap().push(script);
            Ok(())
        })
        .unwrap();
        let script = String::from_utf8(idx.into_inner().unwrap().concat()).unwrap();
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
