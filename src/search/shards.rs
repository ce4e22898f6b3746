//! The index files: postings by token hash (`idx-<k>.js`), English word
//! forms (`form-<k>.js`), texts by runs of articles, one file per language
//! (`zh-<k>.js`, `en-<k>.js`), the folding table (`fold.js`) and the
//! manifest (`manifest.js`). Each is one `duizhaoSearch.register(kind, k,
//! data)` call, written into one buffer by hand.

use super::docs::{self, Doc, blocks, doc};
use super::encode::number;
use super::fold::table_for;
use super::lead::Shown;
use super::postings::{self, CHUNK_ARTICLES, Chunk, Totals, read};
use crate::error::Result;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Texts aimed at per text shard (both languages), in bytes of script.
const TEXT_BYTES: usize = 16 * 1024;

/// The files of every index that the search page names itself (its
/// `<script>` tags, so they load with the page): the manifest and the
/// folding table.
pub const PAGE_FILES: [&str; 2] = [MANIFEST, FOLD];
const MANIFEST: &str = "search/manifest.js";
const FOLD: &str = "search/fold.js";

/// The written index: files (path under the site, bytes) and its figures.
pub struct Index {
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: Stats,
}

/// Figures about an index, for `DUIZHAO_TIMINGS` and the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub docs: usize,
    pub files: usize,
    pub idx_shards: usize,
    pub text_shards: usize,
    pub bytes: usize,
    /// What the shard counts were made from.
    pub totals: Totals,
}

/// FNV-1a over code points: `search-index.js` hashes the same way.
pub fn fnv(chars: impl IntoIterator<Item = char>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in chars {
        h ^= u32::from(c);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The shard of `token` among `shards`.
pub fn shard_of(token: &str, shards: usize) -> usize {
    fnv(token.chars()) as usize % shards
}

/// A JSON string of `s` appended to `out` (one pass: runs that need no
/// escape are copied whole).
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    if needs_no_escape(s.as_bytes()) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let bytes = s.as_bytes();
    let mut from = 0;
    for (at, &b) in bytes.iter().enumerate() {
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        let separator =
            b == 0xE2 && bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9));
        if !(b == b'"' || b == b'\\' || b < 0x20 || separator) {
            continue;
        }
        out.push_str(&s[from..at]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            _ if separator => {
                let _ = write!(out, "\\u{:04x}", 0x2028 + u32::from(bytes[at + 2] - 0xA8));
            }
            _ => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        from = at + if separator { 3 } else { 1 };
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// Whether [`string`] copies `bytes` as they are (most texts): checked 64
/// bytes at a time without a branch a byte, and U+2028 and U+2029 from each
/// E2 byte on.
#[allow(clippy::needless_bitwise_bool)] // no branch, so the compiler can test many bytes at once
fn needs_no_escape(bytes: &[u8]) -> bool {
    let escaped =
        |chunk: &[u8]| chunk.iter().fold(false, |any, &b| any | (b < 0x20) | (b == b'"') | (b == b'\\'));
    !bytes.chunks(64).any(escaped)
        && memchr::memchr_iter(0xE2, bytes)
            .all(|at| bytes.get(at + 1) != Some(&0x80) || !matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)))
}

/// The start of a shard's script: `register(kind, k, ` and the data's
/// opening bracket.
pub fn open(kind: &str, k: usize) -> String {
    let open = if kind == "idx" || kind == "lead" { "{" } else { "" };
    format!("duizhaoSearch.register(\"{kind}\",{k},{open}")
}

/// The script `open` started, its data closed by `end`, as bytes.
pub fn close(mut script: String, end: &str) -> Vec<u8> {
    script.push_str(end);
    script.push_str(");\n");
    script.into_bytes()
}

/// The script of a shard: `register` with its data, written by `data`.
fn script(kind: &str, k: usize, data: impl FnOnce(&mut String)) -> Vec<u8> {
    let mut out = open(kind, k);
    data(&mut out);
    close(out, "")
}

/// A `{"key":"value",…}` shard.
pub(super) fn table(kind: &str, k: usize, pairs: &[(String, String)]) -> Vec<u8> {
    script(kind, k, |out| {
        out.push('{');
        for (i, (key, value)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, key);
            out.push(':');
            string(out, value);
        }
        out.push('}');
    })
}

/// Where the index's files go, each as it is made: its path under the
/// site and its bytes; called from several threads at once.
pub type Sink<'a> = dyn Fn(String, Vec<u8>) -> Result<()> + Sync + 'a;

/// The index of `site`: every file under `search/`, by path.
pub fn index(site: &Site) -> Index {
    let files = Mutex::new(Vec::new());
    let stats = write(site, &|path, bytes| {
        files.lock().unwrap_or_else(PoisonError::into_inner).push((path, bytes));
        Ok(())
    });
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Index { files, stats: stats.unwrap_or_default() }
}

/// Writes the index of `site` into `sink`, file by file, holding only the
/// text of the articles being read and the postings (compactly) at once.
pub fn write(site: &Site, sink: &Sink<'_>) -> Result<Stats> {
    let (files, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let sink = &|path: String, data: Vec<u8>| {
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(data.len(), Ordering::Relaxed);
        sink(path, data)
    };
    let runs = runs(site);
    let mut offsets = Vec::with_capacity(site.articles.len());
    let mut total = 0usize;
    for a in &site.articles {
        offsets.push(total);
        total += blocks(a);
    }
    let chunks: Vec<Chunk> = chunks(&runs)
        .into_par_iter()
        .map(|texts| {
            let from = runs[texts.start].start;
            let to = runs[texts.end - 1].end;
            let docs: Vec<Doc> = site.articles[from..to].iter().map(doc).collect();
            for k in texts {
                write_texts(k, &docs[runs[k].start - from..runs[k].end - from], sink)?;
            }
            Ok(read(&docs, &offsets[from..to]))
        })
        .collect::<Result<_>>()?;
    let texts = |a: usize| &site.articles[a] as &dyn Shown;
    let written = postings::write(chunks, &offsets, &texts, sink)?;
    for (k, p) in written.forms.iter().enumerate() {
        sink(format!("search/form-{k}.js"), table("form", k, p))?;
    }
    let fold: String = table_for(&written.chars).into_iter().flat_map(|(t, s)| [t, s]).collect();
    sink(FOLD.into(), script("fold", 0, |out| string(out, &fold)))?;
    sink(MANIFEST.into(), manifest(site, written.shards, written.forms.len(), &runs))?;
    Ok(Stats {
        docs: total * 2,
        files: files.into_inner(),
        idx_shards: written.shards,
        text_shards: runs.len(),
        bytes: bytes.into_inner(),
        totals: written.totals,
    })
}

/// The runs of articles of the text shards: from one article, until their
/// Markdown reaches [`TEXT_BYTES`]. In site order: the ten articles of a
/// first page fall in about ten runs whatever the order or the size of the
/// runs (60 queries on the 10,000-article benchmark: 9.8 runs a page in
/// site order; 8.7 with the longest articles first in runs of 256 KiB, at
/// ten times the bytes), so no layout saves the scripts a page costs.
pub(super) fn runs(site: &Site) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut size = 0;
    for (i, a) in site.articles.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if size < TEXT_BYTES => run.end = i + 1,
            _ => {
                runs.push(i..i + 1);
                size = 0;
            }
        }
        size += docs::size(a);
    }
    runs
}

/// The runs, taken together into chunks of at least [`CHUNK_ARTICLES`]
/// articles (ranges of runs): what one thread reads at a time.
fn chunks(runs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut chunks: Vec<Range<usize>> = Vec::new();
    let mut articles = 0;
    for (k, run) in runs.iter().enumerate() {
        match chunks.last_mut() {
            Some(chunk) if articles < CHUNK_ARTICLES => chunk.end = k + 1,
            _ => {
                chunks.push(k..k + 1);
                articles = 0;
            }
        }
        articles += run.len();
    }
    chunks
}

/// One article's entry in a text shard: `[id, [¶0 (title) … ¶n], the
/// title in the other language]`.
fn entry(out: &mut String, d: &Doc, zh: bool) {
    let (blocks, other) = if zh { (&d.zh, &d.en[0]) } else { (&d.en, &d.zh[0]) };
    out.push('[');
    string(out, &d.id);
    out.push_str(",[");
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, b);
    }
    out.push_str("],");
    string(out, other);
    out.push(']');
}

/// Writes `zh-<k>.js` and `en-<k>.js`, the texts of run k's `docs`.
pub(super) fn write_texts(k: usize, docs: &[Doc], sink: &Sink<'_>) -> Result<()> {
    for (kind, zh) in [("zh", true), ("en", false)] {
        let bytes = script(kind, k, |out| {
            out.push('[');
            for (i, d) in docs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                entry(out, d, zh);
            }
            out.push(']');
        });
        sink(format!("search/{kind}-{k}.js"), bytes)?;
    }
    Ok(())
}

/// The manifest: shard counts, the runs of the text shards, and each
/// article's date, region and number of blocks for the filters. The runs
/// and the articles are encoded numbers: the lengths of the runs; for each
/// article the index of its date among `dates` plus one (0 undated), of
/// its region among `regions`, and its blocks with the title.
pub(super) fn manifest(site: &Site, idx: usize, forms: usize, runs: &[Range<usize>]) -> Vec<u8> {
    let regions: Vec<&str> =
        site.articles.iter().map(docs::region).collect::<BTreeSet<_>>().into_iter().collect();
    let all_dates: Vec<String> = site.articles.iter().map(docs::date).collect();
    let dates: Vec<&str> = all_dates
        .iter()
        .map(String::as_str)
        .filter(|d| !d.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut runs_text = String::new();
    for run in runs {
        number(&mut runs_text, run.len() as u64);
    }
    let mut articles = String::new();
    for (a, d) in site.articles.iter().zip(&all_dates) {
        let date = dates.binary_search(&d.as_str()).map_or(0, |i| i + 1);
        let region = regions.binary_search(&docs::region(a)).unwrap_or(0);
        for n in [date, region, blocks(a)] {
            number(&mut articles, n as u64);
        }
    }
    script("manifest", 0, |out| {
        let _ = write!(out, "{{\"version\":2,\"idx\":{idx},\"forms\":{forms},\"runs\":");
        string(out, &runs_text);
        for (name, list) in [("regions", &regions), ("dates", &dates)] {
            let _ = write!(out, ",\"{name}\":[");
            for (i, s) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, s);
            }
            out.push(']');
        }
        out.push_str(",\"articles\":");
        string(out, &articles);
        out.push('}');
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_json_and_scripts_need_and_keep_the_rest() {
        let mut out = String::new();
        string(&mut out, "武汉 \"a\\b\"\n\u{2028}—\u{2029}x");
        assert_eq!(out, "\"武汉 \\\"a\\\\b\\\"\\u000a\\u2028—\\u2029x\"");
        let parsed: String = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed, "武汉 \"a\\b\"\n\u{2028}—\u{2029}x");
        // A separator alone, far into a long text, and a text that needs nothing.
        let long = format!("{}“”\u{2029}", "武汉".repeat(40));
        out.clear();
        string(&mut out, &long);
        assert_eq!(out, format!("\"{}“”\\u2029\"", "武汉".repeat(40)));
        out.clear();
        string(&mut out, "“武汉”—…");
        assert_eq!(out, "\"“武汉”—…\"");
    }

    #[test]
    fn a_token_s_shard_is_the_same_as_search_js_computes() {
        // FNV-1a over code points, as `shardOf` in static/search-index.js.
        assert_eq!(shard_of("", 7), 0x811c_9dc5 % 7);
        assert_eq!(shard_of("药房", 1000), {
            let mut h: u32 = 0x811c_9dc5;
            for c in ['药', '房'] {
                h = (h ^ u32::from(c)).wrapping_mul(16_777_619);
            }
            h as usize % 1000
        });
    }
}
