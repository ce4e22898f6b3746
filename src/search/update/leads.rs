//! The leads of an update ([`super::update`]): made again for every
//! token the changed articles had or have, from the patched postings and
//! the texts, and written when they change.

use super::{IdxShards, OldTexts, Previous, Why};
use crate::search::check::data_of;
use crate::search::docs::Doc;
use crate::search::lead;
use crate::search::postings::{Tokens, key_of};
use crate::search::shards::{close, open, string};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The lead shards being patched, each read once, as (key, token, lead)
/// in the order of the tokens' keys.
pub(super) struct Leads<'a, 'b> {
    pub(super) previous: &'a Previous<'b>,
    pub(super) loaded: BTreeMap<usize, Vec<(u64, String, String)>>,
    pub(super) dirty: BTreeSet<usize>,
}

impl Leads<'_, '_> {
    fn shard(&mut self, k: usize) -> Result<&mut Vec<(u64, String, String)>, Why> {
        if !self.loaded.contains_key(&k) {
            let path = format!("search/lead-{k}.js");
            let Some(Value::Object(table)) = (self.previous)(&path).and_then(|b| data_of(&b)) else {
                return Err(format!("the previous {path} is missing or unreadable"));
            };
            let mut entries: Vec<(u64, String, String)> = table
                .into_iter()
                .map(|(token, v)| {
                    let mut value = String::new();
                    lead::rewrite(&mut value, &v);
                    (key_of(&token), token, value)
                })
                .collect();
            entries.sort_unstable_by_key(|e| e.0);
            self.loaded.insert(k, entries);
        }
        Ok(self.loaded.entry(k).or_default())
    }

    /// Makes again the lead of every token the changed articles had or
    /// have (only their leads can name them or change): from the patched
    /// docs, with the changed articles' new text and the others' old.
    pub(super) fn patch(
        &mut self,
        was: &Tokens,
        is: &Tokens,
        offsets: &[usize],
        idx: &mut IdxShards<'_, '_>,
        texts: &mut OldTexts<'_, '_>,
        changed: &BTreeMap<usize, Doc>,
    ) -> Result<(), Why> {
        let keys: BTreeSet<u64> = was.tokens.keys().chain(is.tokens.keys()).copied().collect();
        let mut old_docs: BTreeMap<usize, Doc> = BTreeMap::new();
        for key in keys {
            let (old, new) = (was.tokens.get(&key), is.tokens.get(&key));
            let Some((token, hash, _)) = old.or(new) else { continue };
            let k = *hash as usize % idx.shards;
            let at = self.shard(k)?.binary_search_by_key(&key, |e| e.0);
            // The same docs and no lead before: still too few articles.
            if old.map(|t| &t.2) == new.map(|t| &t.2) && at.is_err() {
                continue;
            }
            let docs = idx.docs(token, k)?;
            let value = match lead::page(&docs, offsets) {
                Some(page) => {
                    for &(a, _) in &page {
                        if !changed.contains_key(&a) && !old_docs.contains_key(&a) {
                            let id = texts.entries(a)?[0][0].as_str().unwrap_or("").to_string();
                            old_docs.insert(a, texts.doc(a, &id)?);
                        }
                    }
                    let mut value = String::new();
                    lead::value(&mut value, &page, offsets, |a| {
                        changed.get(&a).unwrap_or_else(|| &old_docs[&a])
                    });
                    Some(value)
                }
                None => None,
            };
            let shard = self.shard(k)?;
            match (at, value) {
                (Ok(i), Some(v)) if shard[i].2 == v => continue,
                (Ok(i), Some(v)) => shard[i].2 = v,
                (Ok(i), None) => {
                    shard.remove(i);
                }
                (Err(_), None) => continue,
                (Err(i), Some(v)) => shard.insert(i, (key, token.clone(), v)),
            }
            self.dirty.insert(k);
        }
        Ok(())
    }

    pub(super) fn emit(&self, out: &mut Vec<(String, Vec<u8>)>) {
        for &k in &self.dirty {
            let mut script = open("lead", k);
            for (i, (_, token, value)) in self.loaded[&k].iter().enumerate() {
                if i > 0 {
                    script.push(',');
                }
                string(&mut script, token);
                script.push(':');
                script.push_str(value);
            }
            out.push((format!("search/lead-{k}.js"), close(script, "}")));
        }
    }
}
