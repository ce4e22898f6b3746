//! The index brought up to date after some articles changed, without
//! reading the others. In: the previous index's files (through a reader
//! the caller vouches for), the [`Totals`] it was made from, the new site
//! and the ids of the articles whose files changed. Out: to the sink, only
//! the files whose bytes change; the paths of every file of the new index
//! (the caller keeps the rest from the previous site); or why the whole
//! index must be made instead ([`Update::Whole`]).
//!
//! 1. The previous manifest: the runs of the text shards and each
//!    article's blocks. The articles must be as many, each changed one at
//!    its place (its id read back from the old text shard) with as many
//!    blocks as before: then every other doc keeps its number.
//! 2. The changed articles' old text (from their old text shards) and new
//!    text, tokenised; the tokens whose docs differ are patched into their
//!    idx shards (old docs of the articles out, new ones in), which are
//!    the only idx shards written. The shard counts, from the totals, must
//!    stay; a Han character that comes or goes must not be in the folding
//!    table.
//! 3. English word forms that come or go (one that goes is looked for in
//!    the other blocks of its stem first) are patched into their form shards.
//! 4. The text shards of the runs that changed or hold a changed article,
//!    and the manifest, are written again.
//!
//! Nothing is sent to the sink until the whole update is known to hold.

mod leads;

use super::Sink;
use super::check::data_of;
use super::chunk::{Tokens, is_single_han, key_of, tokens_of};
use super::docs::{self, Doc};
use super::encode::{blocks, numbers};
use super::fold::{english, fold, is_word, stem};
use super::postings::{Totals, form_bytes, form_count, posting_into, shard_count};
use super::shards::{Stats, close, fnv, manifest, open, runs, string, table, write_texts};
use crate::error::Result;
use crate::site::Site;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// The bytes of a file of the previous index by its path under the site,
/// `None` if it is missing or not as that index wrote it.
pub type Previous<'a> = dyn Fn(&str) -> Option<Vec<u8>> + Sync + 'a;

/// What [`update`] came to.
pub enum Update {
    /// Done: its figures, every file of the new index, and those written.
    Done { stats: Stats, files: Vec<String>, written: Vec<String> },
    /// The whole index must be made again ([`super::write`]), for this reason.
    Whole(String),
}

/// Why an update cannot be done.
type Why = String;

/// Text shards read at most to find whether a word form is still used.
const LOOKS: usize = 16;

/// Brings the index of `previous` (made from `totals`) up to date with
/// `site`, whose articles `changed` (ids) are the only ones that changed.
pub fn update(
    previous: &Previous<'_>,
    totals: Totals,
    site: &Site,
    changed: &BTreeSet<String>,
    sink: &Sink<'_>,
) -> Result<Update> {
    let plan = match plan(previous, totals, site, changed) {
        Ok(plan) => plan,
        Err(why) => return Ok(Update::Whole(why)),
    };
    let mut bytes = 0;
    let mut written = Vec::with_capacity(plan.out.len());
    for (path, data) in plan.out {
        bytes += data.len();
        written.push(path.clone());
        sink(path, data)?;
    }
    let stats = Stats {
        docs: plan.blocks * 2,
        files: plan.files.len(),
        idx_shards: plan.idx,
        text_shards: plan.runs,
        bytes,
        totals: plan.totals,
    };
    Ok(Update::Done { stats, files: plan.files, written })
}

/// The files an update writes, and what the new index is.
struct Plan {
    out: Vec<(String, Vec<u8>)>,
    files: Vec<String>,
    idx: usize,
    runs: usize,
    blocks: usize,
    totals: Totals,
}

/// Works out the update, or why it cannot be done.
fn plan(
    previous: &Previous<'_>,
    totals: Totals,
    site: &Site,
    changed: &BTreeSet<String>,
) -> Result<Plan, Why> {
    let old = OldManifest::read(previous)?;
    if old.blocks.len() != site.articles.len() {
        return Err("articles were added or removed".into());
    }
    let mut offsets = Vec::with_capacity(site.articles.len() + 1);
    let mut total = 0;
    for a in &site.articles {
        offsets.push(total);
        total += docs::blocks(a);
    }
    offsets.push(total);
    let at: BTreeMap<&str, usize> =
        site.articles.iter().enumerate().map(|(i, a)| (a.aligned.article.id.as_str(), i)).collect();
    let mut indices = Vec::new();
    for id in changed {
        let &i = at.get(id.as_str()).ok_or_else(|| format!("{id} was removed or renamed"))?;
        if docs::blocks(&site.articles[i]) != old.blocks[i] {
            return Err(format!("{id}: its number of blocks changed"));
        }
        indices.push(i);
    }
    // In site order, as their docs are read (ids need not sort so).
    indices.sort_unstable();
    let mut texts = OldTexts { previous, runs: old.runs.clone(), loaded: BTreeMap::new() };
    let old_docs = indices.iter().map(|&i| texts.doc(i, &site.articles[i].aligned.article.id.to_string()));
    let old_docs: Vec<Doc> = old_docs.collect::<Result<_, Why>>()?;
    let new_docs: Vec<Doc> = indices.iter().map(|&i| docs::doc(&site.articles[i])).collect();
    let starts: Vec<usize> = indices.iter().map(|&i| offsets[i]).collect();
    let (was, is) = (tokens_of(&old_docs, &starts), tokens_of(&new_docs, &starts));
    let text = (totals.text + is.text).checked_sub(was.text);
    let pairs = (totals.pairs + is.pairs).checked_sub(was.pairs);
    let (Some(text), Some(pairs)) = (text, pairs) else {
        return Err("the recorded totals do not add up".into());
    };
    let idx = shard_count(text, pairs);
    if idx != old.idx {
        return Err(format!("the index shards go from {} to {idx}", old.idx));
    }
    let ranges: Vec<Range<u32>> =
        indices.iter().map(|&i| doc_no(offsets[i])..doc_no(offsets[i + 1])).collect();
    let mut idx_shards = IdxShards { previous, shards: idx, loaded: BTreeMap::new(), dirty: BTreeSet::new() };
    idx_shards.patch(&was, &is, &ranges)?;
    let mut forms = Forms { previous, shards: old.forms, loaded: BTreeMap::new(), dirty: BTreeSet::new() };
    let form_bytes =
        forms.patch(&was, &is, totals.form_bytes, &ranges, &offsets, &mut idx_shards, &mut texts)?;
    if form_count(form_bytes) != old.forms {
        return Err("the form shards change in number".into());
    }
    let changed_docs: BTreeMap<usize, Doc> = indices.into_iter().zip(new_docs).collect();
    let mut leads = leads::Leads { previous, loaded: BTreeMap::new(), dirty: BTreeSet::new() };
    leads.patch(&was, &is, &offsets, &mut idx_shards, &mut texts, &changed_docs)?;
    let new_runs = runs(site);
    let mut out = Vec::new();
    idx_shards.emit(&mut out);
    leads.emit(&mut out);
    forms.emit(&mut out);
    emit_texts(site, &old.runs, &new_runs, changed_docs, &mut out)?;
    out.push(("search/manifest.js".into(), manifest(site, idx, old.forms, &new_runs)));
    let mut files: Vec<String> = (0..idx).map(|k| format!("search/idx-{k}.js")).collect();
    files.extend((0..idx).map(|k| format!("search/lead-{k}.js")));
    files.extend((0..old.forms).map(|k| format!("search/form-{k}.js")));
    for k in 0..new_runs.len() {
        files.extend(["zh", "en"].map(|kind| format!("search/{kind}-{k}.js")));
    }
    files.extend(["search/fold.js".to_string(), "search/manifest.js".to_string()]);
    Ok(Plan {
        out,
        files,
        idx,
        runs: new_runs.len(),
        blocks: total,
        totals: Totals { text, pairs, form_bytes },
    })
}

/// The first doc of a block (its Chinese).
fn doc_no(block: usize) -> u32 {
    u32::try_from(block * 2).unwrap_or(u32::MAX)
}

/// What the update needs of the previous manifest.
struct OldManifest {
    idx: usize,
    forms: usize,
    runs: Vec<Range<usize>>,
    blocks: Vec<usize>,
}

impl OldManifest {
    fn read(previous: &Previous<'_>) -> Result<OldManifest, Why> {
        let data = previous("search/manifest.js").and_then(|b| data_of(&b));
        let data = data.ok_or("the previous search/manifest.js is missing or unreadable")?;
        let count = |name: &str| data[name].as_u64().and_then(|n| usize::try_from(n).ok());
        let numbers_of = |name: &str| data[name].as_str().and_then(numbers);
        let (Some(idx), Some(forms), Some(lengths), Some(articles)) =
            (count("idx"), count("forms"), numbers_of("runs"), numbers_of("articles"))
        else {
            return Err("the previous search/manifest.js is not of this version".into());
        };
        let mut runs = Vec::with_capacity(lengths.len());
        let mut start = 0;
        for n in lengths {
            let end = start + usize::try_from(n).unwrap_or(usize::MAX / 2);
            runs.push(start..end);
            start = end;
        }
        let blocks = articles.chunks(3).map(|a| a.get(2).map_or(0, |&b| usize::try_from(b).unwrap_or(0)));
        Ok(OldManifest { idx, forms, runs, blocks: blocks.collect() })
    }
}

/// The previous text shards, read as needed.
struct OldTexts<'a, 'b> {
    previous: &'a Previous<'b>,
    runs: Vec<Range<usize>>,
    /// By run: the Chinese and the English entries.
    loaded: BTreeMap<usize, [Vec<Value>; 2]>,
}

impl OldTexts<'_, '_> {
    /// How many text shards were read.
    fn reads(&self) -> usize {
        self.loaded.len()
    }

    /// The entries of article `i` in the Chinese and the English shard.
    fn entries(&mut self, i: usize) -> Result<[&Value; 2], Why> {
        let k = self.runs.partition_point(|r| r.end <= i);
        let run = self.runs.get(k).ok_or("the previous text shards hold fewer articles")?;
        let at = i - run.start;
        if !self.loaded.contains_key(&k) {
            let read = |kind: &str| {
                let path = format!("search/{kind}-{k}.js");
                let data = (self.previous)(&path).and_then(|b| data_of(&b));
                match data {
                    Some(Value::Array(entries)) => Ok(entries),
                    _ => Err(format!("the previous {path} is missing or unreadable")),
                }
            };
            let pair = [read("zh")?, read("en")?];
            self.loaded.insert(k, pair);
        }
        let [zh, en] = &self.loaded[&k];
        match (zh.get(at), en.get(at)) {
            (Some(zh), Some(en)) => Ok([zh, en]),
            _ => Err(format!("the previous text shard {k} is short")),
        }
    }

    /// Article `i`'s text as the previous index holds it; it must be `id`.
    fn doc(&mut self, i: usize, id: &str) -> Result<Doc, Why> {
        let [zh, en] = self.entries(i)?;
        if zh[0].as_str() != Some(id) || en[0].as_str() != Some(id) {
            return Err(format!("{id} moved"));
        }
        let texts = |v: &Value| -> Vec<String> {
            v[1].as_array()
                .map_or_else(Vec::new, |b| b.iter().map(|t| t.as_str().unwrap_or("").into()).collect())
        };
        Ok(Doc {
            id: id.to_string(),
            zh: texts(zh),
            en: texts(en),
            date: String::new(),
            region: String::new(),
        })
    }

    /// The text of a doc (block `n` of article `i`, the English if `en`).
    fn block(&mut self, i: usize, n: usize, en: bool) -> Result<String, Why> {
        let entry = self.entries(i)?[usize::from(en)];
        Ok(entry[1][n].as_str().unwrap_or("").to_string())
    }
}

/// The idx shards being patched: each read once, as (token, posting) in
/// the order of the tokens' keys.
struct IdxShards<'a, 'b> {
    previous: &'a Previous<'b>,
    shards: usize,
    loaded: BTreeMap<usize, Vec<Entry>>,
    dirty: BTreeSet<usize>,
}

/// A token's entry in an idx or lead shard read back: its key, the token
/// and its value as the shard writes it.
pub(super) type Entry = (u64, String, String);

/// The table of the previous shard at `path` as [`Entry`]s in the order of
/// their keys, each value written by `value`.
pub(super) fn previous_entries(
    previous: &Previous<'_>,
    path: &str,
    value: impl Fn(&Value) -> String,
) -> Result<Vec<Entry>, Why> {
    let Some(Value::Object(table)) = previous(path).and_then(|b| data_of(&b)) else {
        return Err(format!("the previous {path} is missing or unreadable"));
    };
    let mut entries: Vec<Entry> =
        table.into_iter().map(|(token, v)| (key_of(&token), token, value(&v))).collect();
    entries.sort_unstable_by_key(|e| e.0);
    Ok(entries)
}

/// Where `token` (of key `key`) stands among `entries`, or where it would go.
pub(super) fn find(entries: &[Entry], key: u64, token: &str) -> Result<usize, usize> {
    let from = entries.partition_point(|e| e.0 < key);
    let same = entries[from..].iter().take_while(|e| e.0 == key).position(|e| e.1 == token);
    same.map(|i| from + i).ok_or(from)
}

impl IdxShards<'_, '_> {
    fn shard(&mut self, k: usize) -> Result<&mut Vec<Entry>, Why> {
        if !self.loaded.contains_key(&k) {
            let posting = |v: &Value| v.as_str().unwrap_or("").to_string();
            let entries = previous_entries(self.previous, &format!("search/idx-{k}.js"), posting)?;
            self.loaded.insert(k, entries);
        }
        Ok(self.loaded.entry(k).or_default())
    }

    /// The docs of `token` (its shard `k`) as patched so far.
    fn docs(&mut self, token: &str, k: usize) -> Result<Vec<u32>, Why> {
        let shard = self.shard(k)?;
        Ok(find(shard, key_of(token), token).map(|i| decode(&shard[i].2)).unwrap_or_default())
    }

    /// Takes the docs of `ranges` out of every token `was` held and puts
    /// those `is` holds in.
    fn patch(&mut self, was: &Tokens, is: &Tokens, ranges: &[Range<u32>]) -> Result<(), Why> {
        let keys: BTreeSet<u64> = was.tokens.keys().chain(is.tokens.keys()).copied().collect();
        for key in keys {
            let (old, new) = (was.tokens.get(&key), is.tokens.get(&key));
            if old.map(|t| &t.2) == new.map(|t| &t.2) {
                continue;
            }
            let Some((token, hash, _)) = old.or(new) else { continue };
            let k = *hash as usize % self.shards;
            let shard = self.shard(k)?;
            let place = find(shard, key, token);
            let found = place.ok();
            let mut docs: Vec<u32> = found.map(|at| decode(&shard[at].2)).unwrap_or_default();
            docs.retain(|d| !ranges.iter().any(|r| r.contains(d)));
            docs.extend(new.map_or(&[][..], |t| t.2.as_slice()));
            docs.sort_unstable();
            if is_single_han(key) && found.is_some() == docs.is_empty() && in_folding_table(token) {
                return Err(format!("the folding table changes ({token})"));
            }
            let mut posting = String::new();
            posting_into(&mut posting, &docs);
            match place {
                Ok(at) if docs.is_empty() => {
                    shard.remove(at);
                }
                Ok(at) => shard[at].2 = posting,
                Err(_) if docs.is_empty() => {}
                Err(at) => shard.insert(at, (key, token.clone(), posting)),
            }
            self.dirty.insert(k);
        }
        Ok(())
    }

    fn emit(&self, out: &mut Vec<(String, Vec<u8>)>) {
        for &k in &self.dirty {
            let mut script = open("idx", k);
            for (i, (_, token, posting)) in self.loaded[&k].iter().enumerate() {
                if i > 0 {
                    script.push(',');
                }
                string(&mut script, token);
                script.push(':');
                string(&mut script, posting);
            }
            out.push((format!("search/idx-{k}.js"), close(script, "}")));
        }
    }
}

/// The docs of a `zh.en` posting, ascending.
fn decode(posting: &str) -> Vec<u32> {
    let (zh, en) = posting.split_once('.').unwrap_or((posting, ""));
    let mut docs: Vec<u32> = Vec::new();
    for (lang, part) in [(0, zh), (1, en)] {
        let blocks = blocks(part).unwrap_or_default();
        docs.extend(blocks.into_iter().map(|b| u32::try_from(b * 2 + lang).unwrap_or(u32::MAX)));
    }
    docs.sort_unstable();
    docs
}

/// Whether a character of `token` brings a pair into the folding table
/// `fold.js` ships (the table's own rule, [`super::fold::table_for`]).
fn in_folding_table(token: &str) -> bool {
    !super::fold::table_for(&token.chars().collect()).is_empty()
}

/// The form shards being patched, each read once.
struct Forms<'a, 'b> {
    previous: &'a Previous<'b>,
    shards: usize,
    loaded: BTreeMap<usize, BTreeMap<String, String>>,
    dirty: BTreeSet<usize>,
}

impl Forms<'_, '_> {
    fn shard(&mut self, word: &str) -> Result<(usize, &mut BTreeMap<String, String>), Why> {
        let k = fnv(word.chars().take(3)) as usize % self.shards;
        if !self.loaded.contains_key(&k) {
            let path = format!("search/form-{k}.js");
            let Some(Value::Object(table)) = (self.previous)(&path).and_then(|b| data_of(&b)) else {
                return Err(format!("the previous {path} is missing or unreadable"));
            };
            let forms = table.into_iter().map(|(w, s)| (w, s.as_str().unwrap_or("").to_string())).collect();
            self.loaded.insert(k, forms);
        }
        Ok((k, self.loaded.entry(k).or_default()))
    }

    /// Adds the word forms `is` brings that no block had, and takes out
    /// those `was` had that no other block has; the new form bytes.
    #[allow(clippy::too_many_arguments)]
    fn patch(
        &mut self,
        was: &Tokens,
        is: &Tokens,
        mut bytes: usize,
        ranges: &[Range<u32>],
        offsets: &[usize],
        idx: &mut IdxShards<'_, '_>,
        texts: &mut OldTexts<'_, '_>,
    ) -> Result<usize, Why> {
        let stemmer = english();
        for word in is.words.difference(&was.words) {
            let (k, shard) = self.shard(word)?;
            if !shard.contains_key(word) {
                shard.insert(word.clone(), stem(&stemmer, word));
                self.dirty.insert(k);
                bytes += form_bytes(word);
            }
        }
        for word in was.words.difference(&is.words) {
            let stemmed = stem(&stemmer, word);
            let mut docs = idx.docs(&stemmed, fnv(stemmed.chars()) as usize % idx.shards)?;
            docs.retain(|d| !ranges.iter().any(|r| r.contains(d)));
            if used(word, &docs, offsets, texts)? {
                continue;
            }
            let (k, shard) = self.shard(word)?;
            if shard.remove(word).is_some() {
                self.dirty.insert(k);
                bytes = bytes.checked_sub(form_bytes(word)).ok_or("the recorded totals do not add up")?;
            }
        }
        Ok(bytes)
    }

    fn emit(&self, out: &mut Vec<(String, Vec<u8>)>) {
        for &k in &self.dirty {
            let pairs: Vec<(String, String)> =
                self.loaded[&k].iter().map(|(w, s)| (w.clone(), s.clone())).collect();
            out.push((format!("search/form-{k}.js"), table("form", k, &pairs)));
        }
    }
}

/// Whether one of `docs` (of unchanged articles) holds the word form `word`.
fn used(word: &str, docs: &[u32], offsets: &[usize], texts: &mut OldTexts<'_, '_>) -> Result<bool, Why> {
    let reads = texts.reads();
    for &d in docs {
        let block = (d / 2) as usize;
        let i = offsets.partition_point(|&o| o <= block) - 1;
        let text = fold(&texts.block(i, block - offsets[i], d & 1 == 1)?);
        if text.split(|c: char| !is_word(c)).any(|w| w == word) {
            return Ok(true);
        }
        if texts.reads() > reads + LOOKS {
            return Err(format!("the word form {word:?} is in too many blocks to look through"));
        }
    }
    Ok(false)
}

/// Writes the text shards of the runs that are new or hold a changed
/// article (the others are as they were).
fn emit_texts(
    site: &Site,
    old: &[Range<usize>],
    new: &[Range<usize>],
    mut changed: BTreeMap<usize, Doc>,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), Why> {
    let collected = Mutex::new(Vec::new());
    for (k, run) in new.iter().enumerate() {
        if old.get(k) == Some(run) && changed.range(run.clone()).next().is_none() {
            continue;
        }
        let docs: Vec<Doc> =
            run.clone().map(|i| changed.remove(&i).unwrap_or_else(|| docs::doc(&site.articles[i]))).collect();
        write_texts(k, &docs, &|path, bytes| {
            collected.lock().unwrap_or_else(PoisonError::into_inner).push((path, bytes));
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    }
    out.extend(collected.into_inner().unwrap_or_else(PoisonError::into_inner));
    Ok(())
}

#[cfg(test)]
mod tests;
