//! The index files: postings by token hash (`idx-<k>.js`), English word
//! forms (`form-<k>.js`), texts by runs of articles, one file per language
//! (`zh-<k>.js`, `en-<k>.js`), the folding table (`fold.js`) and the
//! manifest (`manifest.js`). Each is one `duizhaoSearch.register(kind, k,
//! data)` call, written into one buffer by hand.

use super::docs::{Doc, docs};
use super::encode::number;
use super::fold::table_for;
use super::postings::postings;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Texts aimed at per text shard (both languages), in bytes of script.
const TEXT_BYTES: usize = 16 * 1024;

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
}

/// FNV-1a over code points: `search.js` hashes the same way.
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

/// A JSON string of `s` appended to `out`.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    if !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) && !s.contains(['\u{2028}', '\u{2029}']) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                _ => out.push(c),
            }
        }
    }
    out.push('"');
}

/// The start of a shard's script: `register(kind, k, ` and the data's
/// opening bracket.
pub fn open(kind: &str, k: usize) -> String {
    let open = if kind == "idx" { "{" } else { "" };
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
fn table(kind: &str, k: usize, pairs: &[(String, String)]) -> Vec<u8> {
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

/// The index of `site`: every file under `search/`.
pub fn index(site: &Site) -> Index {
    let docs = docs(site);
    let mut offsets = Vec::with_capacity(docs.len());
    let mut total = 0usize;
    for d in &docs {
        offsets.push(total);
        total += d.zh.len();
    }
    let postings = postings(&docs, &offsets);
    let idx_shards = postings.idx.len();
    let mut files: Vec<(String, Vec<u8>)> = postings
        .idx
        .into_iter()
        .enumerate()
        .map(|(k, script)| (format!("search/idx-{k}.js"), script))
        .collect();
    let forms = postings.forms.len();
    files.extend(
        postings.forms.iter().enumerate().map(|(k, p)| (format!("search/form-{k}.js"), table("form", k, p))),
    );
    let starts = write_texts(&docs, &mut files);
    let fold: String = table_for(&postings.chars).into_iter().flat_map(|(t, s)| [t, s]).collect();
    files.push(("search/fold.js".into(), script("fold", 0, |out| string(out, &fold))));
    files.push(("search/manifest.js".into(), manifest(&docs, idx_shards, forms, &starts)));
    let stats = Stats {
        docs: total * 2,
        files: files.len(),
        idx_shards,
        text_shards: starts.len(),
        bytes: files.iter().map(|(_, b)| b.len()).sum(),
    };
    Index { files, stats }
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

/// Writes `zh-<k>.js` and `en-<k>.js`, each for the same run of articles;
/// returns the first article of each run.
fn write_texts(docs: &[Doc], files: &mut Vec<(String, Vec<u8>)>) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut size = 0;
    for (i, d) in docs.iter().enumerate() {
        if i == 0 || size >= TEXT_BYTES {
            starts.push(i);
            size = 0;
        }
        size += d.zh.iter().chain(&d.en).map(String::len).sum::<usize>();
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([docs.len()]).collect();
    let written: Vec<[(String, Vec<u8>); 2]> = starts
        .par_iter()
        .zip(&ends)
        .enumerate()
        .map(|(k, (&from, &to))| {
            [("zh", true), ("en", false)].map(|(kind, zh)| {
                let bytes = script(kind, k, |out| {
                    out.push('[');
                    for (i, d) in docs[from..to].iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        entry(out, d, zh);
                    }
                    out.push(']');
                });
                (format!("search/{kind}-{k}.js"), bytes)
            })
        })
        .collect();
    files.extend(written.into_iter().flatten());
    starts
}

/// The manifest: shard counts, the runs of the text shards, and each
/// article's date, region and number of blocks for the filters. The runs
/// and the articles are encoded numbers: the lengths of the runs; for each
/// article the index of its date among `dates` plus one (0 undated), of
/// its region among `regions`, and its blocks with the title.
fn manifest(docs: &[Doc], idx: usize, forms: usize, starts: &[usize]) -> Vec<u8> {
    let regions: Vec<&str> =
        docs.iter().map(|d| d.region.as_str()).collect::<BTreeSet<_>>().into_iter().collect();
    let dates: Vec<&str> = docs
        .iter()
        .map(|d| d.date.as_str())
        .filter(|d| !d.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut runs = String::new();
    for pair in starts.windows(2) {
        number(&mut runs, (pair[1] - pair[0]) as u64);
    }
    if let Some(&last) = starts.last() {
        number(&mut runs, (docs.len() - last) as u64);
    }
    let mut articles = String::new();
    for d in docs {
        let date = dates.binary_search(&d.date.as_str()).map_or(0, |i| i + 1);
        let region = regions.binary_search(&d.region.as_str()).unwrap_or(0);
        for n in [date, region, d.zh.len()] {
            number(&mut articles, n as u64);
        }
    }
    script("manifest", 0, |out| {
        let _ = write!(out, "{{\"version\":2,\"idx\":{idx},\"forms\":{forms},\"runs\":");
        string(out, &runs);
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
    fn a_token_s_shard_is_the_same_as_search_js_computes() {
        // FNV-1a over code points, as `shardOf` in static/search.js.
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
