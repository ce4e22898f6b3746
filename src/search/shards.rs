//! The index files: postings by token hash (`idx-<k>.js`), texts by runs
//! of articles (`text-<k>.js`), the folding table (`fold.js`) and the
//! manifest (`manifest.js`); and [`check`], which reads them back.

use super::docs::{Doc, docs};
use super::fold::{english, fold, stem, table_for, tokens, words};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Postings aimed at per index shard, in bytes of script.
const IDX_BYTES: usize = 48 * 1024;
/// Texts aimed at per text shard, in bytes of script.
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

/// FNV-1a over the token's code points: `search.js` hashes the same way.
fn fnv(token: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in token.chars() {
        h ^= u32::from(c);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The shard of `token` among `shards`.
pub fn shard_of(token: &str, shards: usize) -> usize {
    fnv(token) as usize % shards
}

fn script(kind: &str, k: usize, data: &str) -> Vec<u8> {
    format!("duizhaoSearch.register(\"{kind}\",{k},{data});\n").into_bytes()
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
    // Tokens are gathered in groups by hash (one per 4 MB of text, at most
    // 64), merged group by group in parallel; each group owns its shards.
    let text: usize = docs.iter().flat_map(|d| d.zh.iter().chain(&d.en)).map(String::len).sum();
    let groups = (text >> 22).clamp(1, 64).next_power_of_two();
    let per_article: Vec<DocTokens> =
        docs.par_iter().zip(offsets.par_iter()).map(|(d, &offset)| doc_tokens(d, offset, groups)).collect();
    let mut by_group: Vec<Vec<Vec<(String, u32)>>> = (0..groups).map(|_| Vec::new()).collect();
    let mut forms = BTreeSet::new();
    let mut chars = BTreeSet::new();
    for (buckets, doc_words, doc_chars) in per_article {
        for (g, bucket) in buckets.into_iter().enumerate() {
            by_group[g].push(bucket);
        }
        forms.extend(doc_words);
        chars.extend(doc_chars);
    }
    let mut files = write_postings(by_group, &forms);
    let idx_shards = files.len();
    let starts = write_texts(&docs, &mut files);
    let table: String = table_for(&chars).into_iter().flat_map(|(t, s)| [t, s]).collect();
    files.push(("search/fold.js".into(), script("fold", 0, &json!(table).to_string())));
    let manifest = manifest(&docs, idx_shards, &starts);
    files.push(("search/manifest.js".into(), script("manifest", 0, &manifest.to_string())));
    let stats = Stats {
        docs: total * 2,
        files: files.len(),
        idx_shards,
        text_shards: starts.len(),
        bytes: files.iter().map(|(_, b)| b.len()).sum(),
    };
    Index { files, stats }
}

/// One article's (token, doc) pairs by hash group, its English words, its
/// Han characters.
type DocTokens = (Vec<Vec<(String, u32)>>, BTreeSet<String>, BTreeSet<char>);

fn doc_tokens(d: &Doc, offset: usize, groups: usize) -> DocTokens {
    let stemmer = english();
    let mut buckets: Vec<Vec<(String, u32)>> = (0..groups).map(|_| Vec::new()).collect();
    let mut forms = BTreeSet::new();
    let mut chars = BTreeSet::new();
    for (n, (zh, en)) in d.zh.iter().zip(&d.en).enumerate() {
        for (lang, text) in [(0, zh), (1, en)] {
            if text.is_empty() {
                continue;
            }
            chars.extend(text.chars().filter(|&c| super::fold::is_han(c)));
            let folded = fold(text);
            let mut toks = BTreeSet::new();
            tokens(&folded, &stemmer, &mut toks);
            words(&folded, &mut forms);
            let id = u32::try_from(2 * (offset + n) + lang).unwrap_or(u32::MAX);
            for t in toks {
                buckets[shard_of(&t, groups)].push((t, id));
            }
        }
    }
    (buckets, forms, chars)
}

/// Postings and forms of one shard, as written.
#[derive(serde::Serialize)]
struct IdxShard<'a> {
    t: BTreeMap<String, Vec<u32>>,
    f: BTreeMap<&'a str, String>,
}

/// `idx-<k>.js`, every group's shards merged and written in parallel.
fn write_postings(
    by_group: Vec<Vec<Vec<(String, u32)>>>,
    forms: &BTreeSet<String>,
) -> Vec<(String, Vec<u8>)> {
    let groups = by_group.len();
    let merged: Vec<FxHashMap<String, Vec<u32>>> = by_group
        .into_par_iter()
        .map(|articles| {
            let mut map: FxHashMap<String, Vec<u32>> = FxHashMap::default();
            for (token, id) in articles.into_iter().flatten() {
                map.entry(token).or_default().push(id);
            }
            map
        })
        .collect();
    let bytes: usize = merged.iter().flatten().map(|(t, ids)| t.len() + 6 + ids.len() * 4).sum();
    // A multiple of the groups, so that each shard lies in one group.
    let per_group = bytes.div_ceil(IDX_BYTES * groups).clamp(1, 4096 / groups);
    let shards = groups * per_group;
    let mut files: Vec<(usize, Vec<u8>)> = merged
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(g, map)| {
            let stemmer = english();
            let mut tables: BTreeMap<usize, IdxShard<'_>> = (0..per_group)
                .map(|i| (g + i * groups, IdxShard { t: BTreeMap::new(), f: BTreeMap::new() }))
                .collect();
            for (token, ids) in map {
                // Doc ids arrive in order; store the gaps, which are short numbers.
                let mut last = 0;
                let gaps = ids.iter().map(|&id| id - std::mem::replace(&mut last, id)).collect();
                if let Some(table) = tables.get_mut(&shard_of(&token, shards)) {
                    table.t.insert(token, gaps);
                }
            }
            for word in forms.iter().filter(|w| shard_of(w, groups) == g) {
                if let Some(table) = tables.get_mut(&shard_of(word, shards)) {
                    table.f.insert(word, stem(&stemmer, word));
                }
            }
            tables.into_iter().map(|(k, table)| {
                let data = serde_json::to_string(&table).unwrap_or_default();
                (k, script("idx", k, &data))
            })
        })
        .collect();
    files.sort_by_key(|(k, _)| *k);
    files.into_iter().map(|(k, bytes)| (format!("search/idx-{k}.js"), bytes)).collect()
}

/// Writes `text-<k>.js`; returns the first article of each.
fn write_texts(docs: &[Doc], files: &mut Vec<(String, Vec<u8>)>) -> Vec<usize> {
    let entries: Vec<String> =
        docs.par_iter().map(|d| serde_json::to_string(&(&d.id, &d.zh, &d.en)).unwrap_or_default()).collect();
    let mut starts = Vec::new();
    let mut batch = String::new();
    for (i, entry) in entries.iter().enumerate() {
        if batch.is_empty() {
            starts.push(i);
            batch.push('[');
        } else {
            batch.push(',');
        }
        batch.push_str(entry);
        if batch.len() >= TEXT_BYTES || i + 1 == docs.len() {
            batch.push(']');
            let k = starts.len() - 1;
            files.push((format!("search/text-{k}.js"), script("text", k, &std::mem::take(&mut batch))));
        }
    }
    starts
}

/// The manifest: shard counts and each article's date, region and size.
fn manifest(docs: &[Doc], idx_shards: usize, starts: &[usize]) -> Value {
    let regions: Vec<&str> =
        docs.iter().map(|d| d.region.as_str()).collect::<BTreeSet<_>>().into_iter().collect();
    let articles: Vec<Value> = docs
        .iter()
        .map(|d| {
            let region = regions.binary_search(&d.region.as_str()).unwrap_or(0);
            json!([d.date, region, d.zh.len()])
        })
        .collect();
    json!({ "version": 1, "idx": idx_shards, "text": starts, "regions": regions, "articles": articles })
}

/// What is wrong with the index `files` (by path) of `site`, each a
/// sentence: a shard the manifest names that is missing, an article or
/// block not indexed exactly once.
pub fn check(site: &Site, files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let Some(manifest) = files.get("search/manifest.js").and_then(|b| data_of(b)) else {
        return vec!["search/manifest.js is missing or unreadable: rebuild the site".into()];
    };
    let idx = manifest["idx"].as_u64().unwrap_or(0);
    let mut problems: Vec<String> = (0..idx)
        .map(|k| format!("search/idx-{k}.js"))
        .filter(|path| !files.contains_key(path))
        .map(|path| format!("search/manifest.js names {path}, which is missing"))
        .collect();
    let starts: Vec<u64> =
        manifest["text"].as_array().map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default();
    let mut seen = 0usize;
    for (k, &start) in starts.iter().enumerate() {
        let path = format!("search/text-{k}.js");
        let Some(data) = files.get(&path).and_then(|b| data_of(b)) else {
            problems.push(format!("search/manifest.js names {path}, which is missing or unreadable"));
            continue;
        };
        if start != seen as u64 {
            problems.push(format!("{path} starts at article {start}, but {seen} articles come before it"));
        }
        for entry in data.as_array().into_iter().flatten() {
            let id = entry[0].as_str().unwrap_or("?");
            match site.articles.get(seen) {
                Some(a) if a.aligned.article.id.to_string() == id => {
                    let blocks = a.aligned.rows.len() + 1;
                    let held = [&entry[1], &entry[2]].map(|l| l.as_array().map_or(0, Vec::len));
                    if held != [blocks, blocks] {
                        problems.push(format!(
                            "{path}: article {id} has {} blocks and its title, the index holds {} and {}",
                            blocks - 1,
                            held[0],
                            held[1]
                        ));
                    }
                }
                _ => problems.push(format!("{path}: article {id} is not article {} of the site", seen + 1)),
            }
            seen += 1;
        }
    }
    if seen != site.articles.len() {
        problems.push(format!("the index holds {seen} articles, the site {}", site.articles.len()));
    }
    problems
}

/// The data argument of a shard's `register(kind, k, data)` call.
fn data_of(bytes: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(bytes).ok()?.trim_end();
    let inner = text.strip_prefix("duizhaoSearch.register(")?.strip_suffix(");")?;
    let first = inner.find(',')?;
    let second = first + 1 + inner[first + 1..].find(',')?;
    serde_json::from_str(&inner[second + 1..]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
        crate::render::prepare(&root, None).unwrap().site
    }

    #[test]
    fn the_index_of_a_site_checks_clean_and_a_missing_shard_is_named() {
        let site = basic();
        let mut files: BTreeMap<String, Vec<u8>> = index(&site).files.into_iter().collect();
        assert_eq!(check(&site, &files), Vec::<String>::new());
        files.remove("search/idx-0.js");
        files.remove("search/text-0.js");
        assert_eq!(
            check(&site, &files),
            [
                "search/manifest.js names search/idx-0.js, which is missing",
                "search/manifest.js names search/text-0.js, which is missing or unreadable",
                "the index holds 0 articles, the site 4",
            ]
        );
    }

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
