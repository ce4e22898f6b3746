//! The read step of the index: a run of articles ([`Chunk`]) read into its
//! tokens, each with its docs (block × 2 + language) as compact byte
//! strings. Tokens are interned as keys (a character, two characters in one
//! `u64`, a hash for a stem), numbered in a chunk as first met.

use super::docs::Doc;
use super::fold::{Folding, english, is_han, is_word, stem};
use super::shards::fnv;
use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;
use std::ops::Range;

/// The mark of a stem's key: its low bits are a hash of the stem.
const STEM: u64 = 1 << 63;
/// Articles per chunk: enough that a chunk's tokens repeat across its
/// articles, few enough that the chunks spread over the cores.
pub const CHUNK_ARTICLES: usize = 256;

/// Stems by key: the stem and its [`fnv`] hash.
pub type Stems = FxHashMap<u64, (String, u32)>;

/// A run of articles' postings: for each of its tokens (numbered in the
/// order first met, then as the shards read them), the key and its docs
/// (block × 2 + language) as LEB128 gaps in `bytes[ends[t - 1]..ends[t]]`.
pub struct Chunk {
    pub(super) keys: Vec<u64>,
    pub(super) ends: Vec<u32>,
    pub(super) bytes: Vec<u8>,
    /// Where each shard's tokens start, once the tokens are laid out by
    /// (shard, key) (the number of shards known).
    pub(super) bounds: Vec<u32>,
    pub(super) pairs: usize,
    pub(super) text: usize,
    pub(super) stems: Stems,
    pub(super) words: BTreeSet<String>,
}

impl Chunk {
    /// Where token `t`'s docs are in `bytes`.
    pub(super) fn docs(&self, t: usize) -> Range<usize> {
        let from = if t == 0 { 0 } else { self.ends[t - 1] as usize };
        from..self.ends[t] as usize
    }
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

/// The text of a key's token, appended to `out`.
pub(super) fn token_into(out: &mut String, key: u64, stems: &Stems) {
    if key & STEM == 0 {
        out.extend(han_chars(key));
    } else if let Some(s) = stems.get(&key) {
        out.push_str(&s.0);
    }
}

/// The hash of a key's token: [`fnv`] of its characters.
pub(super) fn hash_of(key: u64, stems: &Stems) -> u32 {
    if key & STEM == 0 { fnv(han_chars(key)) } else { stems.get(&key).map_or(0, |s| s.1) }
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

/// What a chunk is read into: the tokens met, numbered, and each
/// (token, doc) met, in the order of the docs.
#[derive(Default)]
struct Reader {
    /// The numbers of single characters of the Basic Multilingual Plane,
    /// by code point (most tokens: no hashing), `u32::MAX` if not met.
    singles: Vec<u32>,
    /// The numbers of pairs of Han characters of the plane, by [`Reader::pair`].
    plane_pairs: FxHashMap<u32, u32>,
    /// The numbers of the other tokens by key: other Han pairs, characters
    /// beyond the plane, stems.
    ids: FxHashMap<u64, u32>,
    /// The numbers of the stems of the words met, by [`packed`] (most
    /// words: no string compared; no second look-up of the stem).
    short: FxHashMap<u128, u32>,
    /// The same of the words of more than 16 bytes.
    seen: FxHashMap<String, u32>,
    keys: Vec<u64>,
    /// By token: the last doc it was met in and the bytes of its gaps.
    tails: Vec<Tail>,
    /// Each (token, gap from its last doc) met, in the order of the docs.
    pairs: Vec<(u32, u32)>,
    stems: Stems,
    words: BTreeSet<String>,
    text: usize,
}

/// A token's last doc (`u32::MAX` if none) and the bytes of its gaps as
/// LEB128, side by side (one look-up a doc).
#[derive(Clone, Copy)]
struct Tail {
    last: u32,
    bytes: u32,
}

/// Reads a run of articles (`offsets[i]` the first block of `docs[i]`),
/// then lays out each token's docs together.
pub fn read(docs: &[Doc], offsets: &[usize]) -> Chunk {
    let stemmer = english();
    let mut r = Reader { singles: vec![u32::MAX; 0x1_0000], ..Reader::default() };
    let mut word = Word::default();
    for (d, &offset) in docs.iter().zip(offsets) {
        for (n, (zh, en)) in d.zh.iter().zip(&d.en).enumerate() {
            for (lang, text) in [(0, zh), (1, en)] {
                if text.is_empty() {
                    continue;
                }
                r.text += text.len();
                let doc = u32::try_from(2 * (offset + n) + lang).unwrap_or(u32::MAX);
                r.tokens(&stemmer, text, doc, &mut word);
            }
        }
    }
    lay_out(r)
}

impl Reader {
    /// Notes the tokens of `text` in `doc`, folding it on the way (one
    /// pass): its Han characters and pairs of adjacent ones, its words'
    /// stems (`word` holds the folded word being read).
    fn tokens(&mut self, stemmer: &Stemmer, text: &str, doc: u32, word: &mut Word) {
        let folding = Folding::new();
        let mut prev: Option<char> = None;
        let mut long = String::new();
        word.clear();
        for c in text.chars() {
            // ASCII the short way: a letter or digit, or the end of a word.
            if c.is_ascii() {
                prev = None;
                let b = c.to_ascii_lowercase() as u8;
                if b.is_ascii_alphanumeric() {
                    word.push_byte(b);
                } else if !word.is_empty() {
                    self.end_word(stemmer, word, doc);
                }
                continue;
            }
            if let Some(c) = folding.one(c) {
                self.step(stemmer, c, doc, &mut prev, word);
                continue;
            }
            long.clear();
            Folding::slow(c, &mut long);
            for c in long.chars() {
                self.step(stemmer, c, doc, &mut prev, word);
            }
        }
        if !word.is_empty() {
            self.end_word(stemmer, word, doc);
        }
    }

    /// One folded character `c` of a text read in `doc`, after `prev` if
    /// that was a Han character, in `word` if one is being read.
    #[allow(clippy::inline_always)] // `#[inline]` left it a call a character
    #[inline(always)]
    fn step(&mut self, stemmer: &Stemmer, c: char, doc: u32, prev: &mut Option<char>, word: &mut Word) {
        if is_han(c) {
            if let Some(p) = *prev {
                let id = self.pair(p, c);
                self.meet(id, doc);
            }
            let id = self.single(c);
            self.meet(id, doc);
            *prev = Some(c);
        } else {
            *prev = None;
            if is_word(c) {
                word.push(c);
                return;
            }
        }
        if !word.is_empty() {
            self.end_word(stemmer, word, doc);
        }
    }

    /// Notes the stem of the word read in `doc`, and clears it.
    fn end_word(&mut self, stemmer: &Stemmer, word: &mut Word, doc: u32) {
        let id = self.word(stemmer, word);
        self.meet(id, doc);
        word.clear();
    }

    /// Notes token `id` in `doc`, once a doc (the docs come ascending).
    #[inline]
    fn meet(&mut self, id: u32, doc: u32) {
        let tail = &mut self.tails[id as usize];
        if tail.last != doc {
            let gap = if tail.last == u32::MAX { doc } else { doc - tail.last };
            tail.last = doc;
            tail.bytes += leb128_len(gap);
            self.pairs.push((id, gap));
        }
    }

    /// The number of the single Han character `c`.
    #[allow(clippy::inline_always)] // `#[inline]` left it a call a character
    #[inline(always)]
    fn single(&mut self, c: char) -> u32 {
        match self.singles.get(c as usize) {
            Some(&id) if id != u32::MAX => id,
            Some(_) => {
                let id = self.number(han_key(c, None));
                self.singles[c as usize] = id;
                id
            }
            None => self.id(han_key(c, None)),
        }
    }

    /// The number of the Han pair `p` `c`: by one `u32` in the Basic
    /// Multilingual Plane (most), a table of half the size of one by key.
    #[allow(clippy::inline_always)] // `#[inline]` left it a call a pair
    #[inline(always)]
    fn pair(&mut self, p: char, c: char) -> u32 {
        let (Ok(high), Ok(low)) = (u16::try_from(u32::from(p)), u16::try_from(u32::from(c))) else {
            return self.id(han_key(p, Some(c)));
        };
        let next = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let id = *self.plane_pairs.entry((u32::from(high) << 16) | u32::from(low)).or_insert(next);
        if id == next {
            self.number(han_key(p, Some(c)));
        }
        id
    }

    /// The number of the token `key`, looked up by key.
    #[inline]
    fn id(&mut self, key: u64) -> u32 {
        let next = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.number(key);
        }
        id
    }

    /// The next number, given to the token `key` first met.
    fn number(&mut self, key: u64) -> u32 {
        self.keys.push(key);
        self.tails.push(Tail { last: u32::MAX, bytes: 0 });
        u32::try_from(self.keys.len() - 1).unwrap_or(u32::MAX)
    }

    /// The number of a folded word's stem, each word stemmed once a chunk.
    fn word(&mut self, stemmer: &Stemmer, word: &Word) -> u32 {
        if let Some(short) = word.packed() {
            if let Some(&id) = self.short.get(&short) {
                return id;
            }
            let id = self.stem(stemmer, &word.text());
            self.short.insert(short, id);
            return id;
        }
        if let Some(&id) = self.seen.get(&word.long) {
            return id;
        }
        let id = self.stem(stemmer, &word.long);
        self.seen.insert(word.long.clone(), id);
        id
    }

    /// The number of a word's stem, the stem noted in `stems` and the
    /// word's form in `words`.
    fn stem(&mut self, stemmer: &Stemmer, word: &str) -> u32 {
        if word.chars().all(|c| c.is_ascii_alphabetic()) {
            self.words.insert(word.to_string());
        }
        let stem = stem(stemmer, word);
        let key = stem_key_of(&stem);
        let hash = fnv(stem.chars());
        self.stems.entry(key).or_insert((stem, hash));
        self.id(key)
    }
}

/// The folded word being read. A word of at most 16 bytes (most) is kept
/// as one number, its bytes from the lowest up, and looked up by it with
/// no string compared (its bytes are never 0, so no two words share one);
/// a longer one in `long`.
#[derive(Default)]
pub(super) struct Word {
    /// The first 16 bytes, from the lowest byte of the first half up.
    halves: [u64; 2],
    len: usize,
    long: String,
}

impl Word {
    /// Adds a byte of the word's UTF-8 (alone: an ASCII letter or digit).
    #[inline]
    fn push_byte(&mut self, b: u8) {
        if self.len < 16 {
            // Into one half or the other: a shift of a u128 by the length
            // cost more than the rest of the byte's reading.
            let half = &mut self.halves[self.len / 8];
            *half |= u64::from(b) << (8 * (self.len % 8));
            self.len += 1;
        } else {
            self.push(char::from(b));
        }
    }

    fn push(&mut self, c: char) {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        if self.len + bytes.len() <= 16 {
            for &b in bytes {
                self.push_byte(b);
            }
            return;
        }
        if self.long.is_empty() {
            self.long = self.text();
        }
        self.long.push(c);
        self.len += bytes.len();
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn clear(&mut self) {
        (self.halves, self.len) = ([0; 2], 0);
        self.long.clear();
    }

    /// The word as one number, if it is short.
    fn packed(&self) -> Option<u128> {
        (self.len <= 16).then(|| self.first())
    }

    /// The word's first 16 bytes (or fewer) as one number.
    fn first(&self) -> u128 {
        u128::from(self.halves[0]) | (u128::from(self.halves[1]) << 64)
    }

    /// The text of a short word (or the start of a long one).
    fn text(&self) -> String {
        let bytes = self.first().to_le_bytes();
        String::from_utf8_lossy(&bytes[..self.len.min(16)]).into_owned()
    }
}

/// The pairs read grouped by token, each token's gaps as LEB128 written
/// straight into its place (its bytes counted as it was read): no list of
/// docs sorted by token, and a third of the bytes to scatter.
fn lay_out(r: Reader) -> Chunk {
    let mut ends = Vec::with_capacity(r.tails.len());
    let mut at = Vec::with_capacity(r.tails.len());
    let mut total = 0u32;
    for tail in &r.tails {
        at.push(total);
        total += tail.bytes;
        ends.push(total);
    }
    let mut bytes = vec![0u8; total as usize];
    for &(id, gap) in &r.pairs {
        let at = &mut at[id as usize];
        *at += leb128_into(&mut bytes[*at as usize..], gap);
    }
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

/// The bytes of `n` as LEB128.
fn leb128_len(n: u32) -> u32 {
    (32 - n.leading_zeros()).max(1).div_ceil(7)
}

/// Writes `n` as LEB128 at the start of `out`; its bytes.
fn leb128_into(out: &mut [u8], mut n: u32) -> u32 {
    let mut len = 0;
    while n >= 0x80 {
        out[len] = low7(n) | 0x80;
        n >>= 7;
        len += 1;
    }
    out[len] = low7(n);
    u32::try_from(len).unwrap_or(0) + 1
}

/// The low seven bits of `n`.
fn low7(n: u32) -> u8 {
    u8::try_from(n & 0x7F).unwrap_or(0)
}

/// Appends the docs of `bytes` (LEB128 gaps) to `out`.
pub(super) fn unleb128(bytes: &[u8], out: &mut Vec<u32>) {
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

/// Some docs' tokens one by one, for an incremental update: each token's
/// key, text, [`fnv`] hash and docs (block × 2 + language), by key; the
/// bytes of text and the pairs they add to the totals, and their English
/// word forms.
pub struct Tokens {
    pub tokens: BTreeMap<u64, (String, u32, Vec<u32>)>,
    pub text: usize,
    pub pairs: usize,
    pub words: BTreeSet<String>,
}

/// The tokens of `docs` (`offsets[i]` the first block of `docs[i]`).
pub fn tokens_of(docs: &[Doc], offsets: &[usize]) -> Tokens {
    let c = read(docs, offsets);
    let mut tokens = BTreeMap::new();
    for (t, &key) in c.keys.iter().enumerate() {
        let mut docs = Vec::new();
        unleb128(&c.bytes[c.docs(t)], &mut docs);
        let mut token = String::new();
        token_into(&mut token, key, &c.stems);
        tokens.insert(key, (token, hash_of(key, &c.stems), docs));
    }
    Tokens { tokens, text: c.text, pairs: c.pairs, words: c.words }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_packs_as_its_bytes_little_end_first_and_a_long_one_keeps_its_text() {
        let word = |text: &str| {
            let mut w = Word::default();
            for c in text.chars() {
                if c.is_ascii() { w.push_byte(c as u8) } else { w.push(c) }
            }
            w
        };
        let mut buf = [0u8; 16];
        buf[..5].copy_from_slice(b"wuhan");
        assert_eq!(word("wuhan").packed(), Some(u128::from_le_bytes(buf)));
        assert_eq!(word("wuhan").text(), "wuhan");
        let sixteen = word("sixteen-bytes-ok");
        assert_eq!(sixteen.packed(), Some(u128::from_le_bytes(*b"sixteen-bytes-ok")));
        let long = word("seventeen-bytes-x");
        assert_eq!((long.packed(), long.long.as_str()), (None, "seventeen-bytes-x"));
        // A character of three bytes that would cross the sixteenth.
        let crossing = word("fifteen-bytes-x€y");
        assert_eq!((crossing.packed(), crossing.long.as_str()), (None, "fifteen-bytes-x€y"));
        assert_eq!(word("café").text(), "café");
    }

    #[test]
    fn a_text_folds_as_it_is_read_into_characters_pairs_and_stems_of_short_and_long_words() {
        let long = "Supercalifragilisticexpialidocious";
        let doc = Doc {
            id: "a".into(),
            zh: vec![format!("Café WUHAN武漢市 {long}")],
            en: vec![String::new()],
            date: String::new(),
            region: String::new(),
        };
        let read = tokens_of(std::slice::from_ref(&doc), &[0]);
        let got: BTreeSet<&str> = read.tokens.values().map(|t| t.0.as_str()).collect();
        let long_stem = stem(&english(), &long.to_lowercase());
        let want: BTreeSet<&str> = ["cafe", "wuhan", "武", "汉", "市", "武汉", "汉市", &long_stem].into();
        assert_eq!(got, want);
        assert!(read.tokens.values().all(|t| t.2 == [0]));
        assert!(read.words.contains(&long.to_lowercase()));
    }

    #[test]
    fn docs_read_back_from_their_gaps_of_one_byte_and_more() {
        let docs = [0, 1, 128, 129, 300, 20_000, 2_000_000, 2_000_001, u32::MAX];
        let mut bytes = Vec::new();
        let mut last = 0;
        for d in docs {
            let mut one = [0; 5];
            let len = leb128_into(&mut one, d - last);
            assert_eq!(len, leb128_len(d - last));
            bytes.extend_from_slice(&one[..len as usize]);
            last = d;
        }
        let mut out = vec![7];
        unleb128(&bytes, &mut out);
        assert_eq!(out[1..], docs);
    }
}
