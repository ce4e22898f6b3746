//! [`check`]: the index files (by path under the site: as written in
//! `public/`, or as `index` would write them) against the site, each
//! problem a sentence: a shard the manifest names that is missing or
//! unreadable, a text shard whose articles or blocks differ from the
//! site's (each block must stand there exactly once), a posting that does
//! not decode or names a block beyond the last.

use super::encode::{blocks, numbers};
use crate::site::Site;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// What is wrong with the index `files` of `site`.
pub fn check(site: &Site, files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let Some(manifest) = files.get("search/manifest.js").and_then(|b| data_of(b)) else {
        return vec!["search/manifest.js is missing or unreadable: rebuild the site".into()];
    };
    let count = |name: &str| manifest[name].as_u64().unwrap_or(0);
    let mut problems = Vec::new();
    let all_blocks: usize = site.articles.iter().map(|a| a.aligned.rows.len() + 1).sum();
    for (kind, n) in [("idx", count("idx")), ("lead", count("idx")), ("form", count("forms"))] {
        let found: Vec<Vec<String>> = (0..n)
            .into_par_iter()
            .map(|k| {
                let path = format!("search/{kind}-{k}.js");
                match files.get(&path).and_then(|b| data_of(b)) {
                    None => vec![format!("search/manifest.js names {path}, which is missing or unreadable")],
                    Some(data) if kind == "idx" => bad_postings(&path, &data, all_blocks),
                    Some(_) => Vec::new(),
                }
            })
            .collect();
        problems.extend(found.into_iter().flatten());
    }
    let runs = manifest["runs"].as_str().and_then(numbers).unwrap_or_default();
    let mut seen = 0usize;
    for (k, &run) in runs.iter().enumerate() {
        let run = usize::try_from(run).unwrap_or(usize::MAX);
        for kind in ["zh", "en"] {
            let path = format!("search/{kind}-{k}.js");
            let Some(data) = files.get(&path).and_then(|b| data_of(b)) else {
                problems.push(format!("search/manifest.js names {path}, which is missing or unreadable"));
                continue;
            };
            let entries = data.as_array().map_or(&[][..], Vec::as_slice);
            if entries.len() != run {
                problems.push(format!("{path} holds {} articles, the manifest says {run}", entries.len()));
            }
            for (i, entry) in entries.iter().enumerate() {
                problems.extend(bad_entry(site, &path, seen + i, entry));
            }
        }
        seen += run;
    }
    if seen != site.articles.len() {
        problems.push(format!("the index holds {seen} articles, the site {}", site.articles.len()));
    }
    problems
}

/// The entry of article `at` in a text shard, if it is not that article
/// with each of its blocks and its title once.
fn bad_entry(site: &Site, path: &str, at: usize, entry: &Value) -> Option<String> {
    let id = entry[0].as_str().unwrap_or("?");
    let Some(a) = site.articles.get(at).filter(|a| a.aligned.article.id.to_string() == id) else {
        return Some(format!("{path}: article {id} is not article {} of the site", at + 1));
    };
    let blocks = a.aligned.rows.len() + 1;
    let held = entry[1].as_array().map_or(0, Vec::len);
    (held != blocks).then(|| {
        format!("{path}: article {id} has {} blocks and its title, the index holds {held}", blocks - 1)
    })
}

/// The postings of an index shard that do not decode or name a block
/// beyond the site's `blocks`.
fn bad_postings(path: &str, data: &Value, blocks_in_site: usize) -> Vec<String> {
    let Some(table) = data.as_object() else {
        return vec![format!("{path} holds no table of postings")];
    };
    table
        .iter()
        .filter(|(_, posting)| {
            posting.as_str().is_none_or(|p| {
                p.split('.').any(|part| {
                    blocks(part).is_none_or(|b| {
                        b.last().is_some_and(|&l| usize::try_from(l).map_or(true, |l| l >= blocks_in_site))
                    })
                })
            })
        })
        .map(|(token, _)| {
            format!("{path}: the posting of {token:?} is unreadable or names a block the site lacks")
        })
        .collect()
}

/// The data argument of a shard's `register(kind, k, data)` call.
pub(super) fn data_of(bytes: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(bytes).ok()?.trim_end();
    let inner = text.strip_prefix("duizhaoSearch.register(")?.strip_suffix(");")?;
    let first = inner.find(',')?;
    let second = first + 1 + inner[first + 1..].find(',')?;
    serde_json::from_str(&inner[second + 1..]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index;

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
        files.remove("search/zh-0.js");
        assert_eq!(
            check(&site, &files),
            [
                "search/manifest.js names search/idx-0.js, which is missing or unreadable",
                "search/manifest.js names search/zh-0.js, which is missing or unreadable",
            ]
        );
    }
}
