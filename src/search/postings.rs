//! The postings of a site's docs: each token (a Han character or pair,
//! an English stem, a number) with the blocks whose Chinese and whose
//! English hold it, encoded ([`super::encode::posting`]) and sorted into
//! shards by the token's hash, as `search-query.js` finds them; and the table of
//! English word forms, by the hash of a word's first three letters (all
//! the variants `search-index.js` tries of a word share them).
//!
//! Tokens are interned as numbers (a character, two characters in one
//! `u64`, a hash for a stem). Runs of articles ([`Chunk`]s) are read in
//! parallel, each into its tokens' blocks as compact byte strings; then
//! each shard gathers its tokens from every chunk, in the order of their
//! keys, and encodes them. No list of every (token, block) pair is ever
//! held at once.

use super::docs::Doc;
use super::encode;
use super::fold::{english, fold_into, is_han, is_word, stem};
use super::lead::{self, Shown};
use super::shards::{Sink, close, fnv, open, string};
use crate::error::Result;
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
/// Articles per chunk: enough that a chunk's tokens repeat across its
/// articles, few enough that the chunks spread over the cores.
pub const CHUNK_ARTICLES: usize = 256;

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

/// Stems by key: the stem and its [`fnv`] hash.
type Stems = FxHashMap<u64, (String, u32)>;

/// A run of articles' postings: for each of its tokens (numbered in the
/// order first met, then in the order of (shard, key) once the shards are
/// counted), the key and its docs (block × 2 + language) as LEB128 gaps in
/// `bytes[ends[t - 1]..ends[t]]`.
pub struct Chunk {
    keys: Vec<u64>,
    ends: Vec<u32>,
    bytes: Vec<u8>,
    /// Where each shard's tokens start, once [`sort_by_shard`] laid the
    /// tokens out by (shard, key) (the number of shards known).
    bounds: Vec<u32>,
    pairs: usize,
    text: usize,
    stems: Stems,
    words: BTreeSet<String>,
}

impl Chunk {
    /// Where token `t`'s docs are in `bytes`.
    fn docs(&self, t: usize) -> std::ops::Range<usize> {
        let from = if t == 0 { 0 } else { self.ends[t - 1] as usize };
        from..self.ends[t] as usize
    }
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
    chunks.par_iter_mut().for_each(|c| sort_by_shard(c, &stems, shards));
    let chars: Vec<Vec<char>> = (0..shards)
        .into_par_iter()
        .map(|k| {
            let (script, leads, chars) = shard(k, &chunks, &stems, offsets, texts);
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
fn hash_of(key: u64, stems: &Stems) -> u32 {
    if key & STEM == 0 { fnv(han_chars(key)) } else { stems.get(&key).map_or(0, |s| s.1) }
}

/// What a chunk is read into: the tokens met, numbered, and each
/// (token, doc) met, in the order of the docs.
#[derive(Default)]
struct Reader {
    ids: FxHashMap<u64, u32>,
    /// The numbers of single characters of the Basic Multilingual Plane,
    /// by code point (most tokens: no hashing), `u32::MAX` if not met.
    singles: Vec<u32>,
    keys: Vec<u64>,
    /// By token: the last doc it was met in, `u32::MAX` if none.
    last: Vec<u32>,
    pairs: Vec<(u32, u32)>,
    /// The keys of the words met, of more than 16 bytes.
    seen: FxHashMap<String, u64>,
    /// The keys of the other words met, by [`packed`].
    short: FxHashMap<u128, u64>,
    stems: Stems,
    words: BTreeSet<String>,
    text: usize,
}

/// Reads a run of articles (`offsets[i]` the first block of `docs[i]`),
/// then lays out each token's docs together.
pub fn read(docs: &[Doc], offsets: &[usize]) -> Chunk {
    let stemmer = english();
    let mut r = Reader { singles: vec![u32::MAX; 0x1_0000], ..Reader::default() };
    let mut folded = String::new();
    let mut keys = Vec::new();
    for (d, &offset) in docs.iter().zip(offsets) {
        for (n, (zh, en)) in d.zh.iter().zip(&d.en).enumerate() {
            for (lang, text) in [(0, zh), (1, en)] {
                if text.is_empty() {
                    continue;
                }
                r.text += text.len();
                fold_into(text, &mut folded);
                tokens(&mut r, &stemmer, &folded, &mut keys);
                let doc = u32::try_from(2 * (offset + n) + lang).unwrap_or(u32::MAX);
                for &key in &keys {
                    let id = r.intern(key);
                    // Each token once a doc: the docs come ascending.
                    if r.last[id as usize] != doc {
                        r.last[id as usize] = doc;
                        r.pairs.push((id, doc));
                    }
                }
            }
        }
    }
    lay_out(r)
}

impl Reader {
    /// The number of the token `key` in this chunk.
    fn intern(&mut self, key: u64) -> u32 {
        let next = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let single = (key & STEM == 0 && key.trailing_zeros() >= 21).then_some((key >> 21) as usize);
        let id = match single.and_then(|c| self.singles.get_mut(c)) {
            Some(id) => {
                if *id == u32::MAX {
                    *id = next;
                }
                *id
            }
            None => *self.ids.entry(key).or_insert(next),
        };
        if id == next {
            self.keys.push(key);
            self.last.push(u32::MAX);
        }
        id
    }
}

/// The keys of a folded text's tokens, as met: its Han characters and
/// pairs of adjacent ones, its words' stems (one pass).
fn tokens(r: &mut Reader, stemmer: &rust_stemmers::Stemmer, folded: &str, keys: &mut Vec<u64>) {
    keys.clear();
    let mut prev: Option<char> = None;
    let mut word: Option<usize> = None;
    for (at, c) in folded.char_indices() {
        if is_han(c) {
            if let Some(p) = prev {
                keys.push(han_key(p, Some(c)));
            }
            keys.push(han_key(c, None));
            prev = Some(c);
        } else {
            prev = None;
            if is_word(c) {
                word.get_or_insert(at);
                continue;
            }
        }
        if let Some(from) = word.take() {
            keys.push(word_key(r, stemmer, &folded[from..at]));
        }
    }
    if let Some(from) = word {
        keys.push(word_key(r, stemmer, &folded[from..]));
    }
}

/// The key of a word's stem, each word stemmed once a chunk.
fn word_key(r: &mut Reader, stemmer: &rust_stemmers::Stemmer, word: &str) -> u64 {
    if let Some(short) = packed(word) {
        if let Some(&key) = r.short.get(&short) {
            return key;
        }
        let key = stem_key(r, stemmer, word);
        r.short.insert(short, key);
        return key;
    }
    if let Some(&key) = r.seen.get(word) {
        return key;
    }
    let key = stem_key(r, stemmer, word);
    r.seen.insert(word.to_string(), key);
    key
}

/// A word of at most 16 bytes as one number (most words: looked up with
/// no string compared). Its bytes are never 0, so no two words share one.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut buf = [0u8; 16];
    buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(buf))
}

/// The key of a word's stem, noted in `r.stems` and its form in `r.words`.
fn stem_key(r: &mut Reader, stemmer: &rust_stemmers::Stemmer, word: &str) -> u64 {
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        r.words.insert(word.to_string());
    }
    let stem = stem(stemmer, word);
    let key = stem_key_of(&stem);
    let hash = fnv(stem.chars());
    r.stems.entry(key).or_insert((stem, hash));
    key
}

/// The key of a stem.
fn stem_key_of(stem: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(stem.as_bytes());
    STEM | (hasher.finish() >> 1)
}

/// The key of a token as a shard names it (shards order their tokens by it).
pub fn key_of(token: &str) -> u64 {
    let mut chars = token.chars();
    match chars.next() {
        Some(c) if is_han(c) => han_key(c, chars.next()),
        _ => stem_key_of(token),
    }
}

/// Whether a key is a single Han character's (a folding-table entry).
pub fn is_single_han(key: u64) -> bool {
    key & STEM == 0 && key.trailing_zeros() >= 21
}

/// Some docs' tokens one by one, for an incremental update: each token's
/// key, text, [`fnv`] hash and docs (block × 2 + language), by key; the
/// bytes of text and the pairs they add to [`Totals`], and their English
/// word forms.
pub struct Tokens {
    pub tokens: std::collections::BTreeMap<u64, (String, u32, Vec<u32>)>,
    pub text: usize,
    pub pairs: usize,
    pub words: BTreeSet<String>,
}

/// The tokens of `docs` (`offsets[i]` the first block of `docs[i]`).
pub fn tokens_of(docs: &[Doc], offsets: &[usize]) -> Tokens {
    let c = read(docs, offsets);
    let mut tokens = std::collections::BTreeMap::new();
    for (t, &key) in c.keys.iter().enumerate() {
        let mut docs = Vec::new();
        unleb128(&c.bytes[c.docs(t)], &mut docs);
        let token: String = if key & STEM == 0 {
            han_chars(key).collect()
        } else {
            c.stems.get(&key).map(|s| s.0.clone()).unwrap_or_default()
        };
        tokens.insert(key, (token, hash_of(key, &c.stems), docs));
    }
    Tokens { tokens, text: c.text, pairs: c.pairs, words: c.words }
}

/// The pairs read grouped by token (a counting sort: each token's docs
/// stay in the order read, ascending), each token's docs as gaps.
fn lay_out(r: Reader) -> Chunk {
    let tokens = r.keys.len();
    let mut starts = vec![0u32; tokens + 1];
    for &(id, _) in &r.pairs {
        starts[id as usize + 1] += 1;
    }
    for t in 0..tokens {
        starts[t + 1] += starts[t];
    }
    let mut docs = vec![0u32; r.pairs.len()];
    let mut at = starts.clone();
    for &(id, doc) in &r.pairs {
        docs[at[id as usize] as usize] = doc;
        at[id as usize] += 1;
    }
    drop(at);
    let mut bytes = Vec::with_capacity(r.pairs.len() * 2);
    let mut ends = Vec::with_capacity(tokens);
    for t in 0..tokens {
        let mut last = 0;
        for &doc in &docs[starts[t] as usize..starts[t + 1] as usize] {
            leb128(&mut bytes, doc - last);
            last = doc;
        }
        ends.push(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    }
    bytes.shrink_to_fit();
    Chunk {
        keys: r.keys,
        ends,
        bytes,
        bounds: Vec::new(),
        pairs: r.pairs.len(),
        text: r.text,
        stems: r.stems,
        words: r.words,
    }
}

fn leb128(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(low7(n) | 0x80);
        n >>= 7;
    }
    out.push(low7(n));
}

/// The low seven bits of `n`.
fn low7(n: u32) -> u8 {
    u8::try_from(n & 0x7F).unwrap_or(0)
}

/// Appends the docs of `bytes` (LEB128 gaps) to `out`.
fn unleb128(bytes: &[u8], out: &mut Vec<u32>) {
    let (mut doc, mut n, mut shift) = (0u32, 0u32, 0);
    for &b in bytes {
        n |= u32::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            doc += n;
            out.push(doc);
            (n, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
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
    offsets: &[usize],
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
        if key & STEM == 0 {
            token.extend(han_chars(key));
            if key.trailing_zeros() >= 21 {
                chars.extend(han_chars(key));
            }
        } else if let Some(s) = stems.get(&key) {
            token.push_str(&s.0);
        }
        entry(&mut script, &token, &docs);
        if let Some(page) = lead::page(&docs, offsets) {
            lead::entry(&mut leads, &token, &page, offsets, texts);
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
    encode::posting(out, docs.iter().filter(|&&d| d & 1 == 0).map(|&d| u64::from(d >> 1)));
    if docs.iter().any(|&d| d & 1 == 1) {
        out.push('.');
        encode::posting(out, docs.iter().filter(|&&d| d & 1 == 1).map(|&d| u64::from(d >> 1)));
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
    use super::*;

    #[test]
    fn docs_read_back_from_their_gaps_of_one_byte_and_more() {
        let docs = [0, 1, 128, 129, 300, 20_000, 2_000_000, 2_000_001, u32::MAX];
        let mut bytes = Vec::new();
        let mut last = 0;
        for d in docs {
            leb128(&mut bytes, d - last);
            last = d;
        }
        let mut out = vec![7];
        unleb128(&bytes, &mut out);
        assert_eq!(out[1..], docs);
    }

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
