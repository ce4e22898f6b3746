//! The leads of an update ([`super::update`]): for each token the changed
//! articles had or have, decided from its lead as written and the changed
//! articles' hits before and after ([`change`]): kept, its changed
//! articles' entries made again, or, when its page may show other
//! articles, made again from the patched postings and the texts; written
//! when they change.

use super::{Entry, IdxShards, OldTexts, Previous, Why, previous_entries};
use crate::search::chunk::Tokens;
use crate::search::docs::Doc;
use crate::search::lead;
use crate::search::shards::{close, open, string};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The lead shards being patched, each read once, as (key, token, lead)
/// in the order of the tokens' keys.
pub(super) struct Leads<'a, 'b> {
    pub(super) previous: &'a Previous<'b>,
    pub(super) loaded: BTreeMap<usize, Vec<Entry>>,
    pub(super) dirty: BTreeSet<usize>,
}

impl Leads<'_, '_> {
    fn shard(&mut self, k: usize) -> Result<&mut Vec<Entry>, Why> {
        if !self.loaded.contains_key(&k) {
            let rewritten = |v: &Value| {
                let mut value = String::new();
                lead::rewrite(&mut value, v);
                value
            };
            let entries = previous_entries(self.previous, &format!("search/lead-{k}.js"), rewritten)?;
            self.loaded.insert(k, entries);
        }
        Ok(self.loaded.entry(k).or_default())
    }

    /// Brings up to date the lead of every token the changed articles had
    /// or have (only their leads can name them or change). A lead is made
    /// again from the token's patched docs only when the edit may change
    /// which articles its page shows ([`change`]); when only the changed
    /// articles' entries can change, those alone are made again.
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
        let articles = &offsets[..offsets.len() - 1];
        let mut by_block = None;
        let mut old_docs: BTreeMap<usize, Doc> = BTreeMap::new();
        for key in keys {
            let (old, new) = (was.tokens.get(&key), is.tokens.get(&key));
            let Some((token, hash, _)) = old.or(new) else { continue };
            let k = *hash as usize % idx.shards;
            let at = self.shard(k)?.binary_search_by_key(&key, |e| e.0);
            let (before, after) = (docs_of(old), docs_of(new));
            let standings = standings(changed, before, after, offsets);
            let written = match at {
                Ok(i) => Some(page_of(&self.shard(k)?[i].2)?),
                Err(_) => None,
            };
            let value = match change(written.as_ref().map(|w| w.0.as_slice()), &standings, offsets) {
                Change::None => continue,
                Change::Entries => {
                    let Some((page, items)) = written else { continue };
                    let mut value = String::from('[');
                    for (i, ((a, _), item)) in page.iter().zip(&items).enumerate() {
                        if i > 0 {
                            value.push(',');
                        }
                        match changed.get(a) {
                            Some(d) => {
                                let shown = lead::shown(article_docs(after, offsets, *a), offsets[*a]);
                                lead::article(&mut value, *a, &shown, offsets[*a], d);
                            }
                            None => lead::rewrite(&mut value, item),
                        }
                    }
                    value.push(']');
                    Some(value)
                }
                Change::Whole => {
                    let docs = idx.docs(token, k)?;
                    match lead::page(&docs, by_block.get_or_insert_with(|| lead::Articles::new(articles))) {
                        Some(page) => {
                            for &(a, _) in &page {
                                if !changed.contains_key(&a) && !old_docs.contains_key(&a) {
                                    let id = texts.entries(a)?[0][0].as_str().unwrap_or("").to_string();
                                    old_docs.insert(a, texts.doc(a, &id)?);
                                }
                            }
                            let mut value = String::new();
                            lead::value(&mut value, &page, articles, |a| {
                                changed.get(&a).unwrap_or_else(|| &old_docs[&a])
                            });
                            Some(value)
                        }
                        None => None,
                    }
                }
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

/// A changed article's standing for a token: its hits and title hit
/// ([`lead::standing`]) before and after the edit.
struct Standing {
    article: usize,
    was: (usize, bool),
    is: (usize, bool),
}

/// The standing of each changed article for a token whose docs among the
/// changed articles were `was` and are `is` (`offsets[a]` article a's first
/// block, and the total last).
fn standings(changed: &BTreeMap<usize, Doc>, was: &[u32], is: &[u32], offsets: &[usize]) -> Vec<Standing> {
    changed
        .keys()
        .map(|&a| Standing {
            article: a,
            was: lead::standing(article_docs(was, offsets, a), offsets[a]),
            is: lead::standing(article_docs(is, offsets, a), offsets[a]),
        })
        .collect()
}

/// A token's docs among the changed articles.
fn docs_of(token: Option<&(String, u32, Vec<u32>)>) -> &[u32] {
    token.map_or(&[][..], |t| t.2.as_slice())
}

/// Article `a`'s docs among `docs` (ascending).
fn article_docs<'d>(docs: &'d [u32], offsets: &[usize], a: usize) -> &'d [u32] {
    let doc = |block: usize| u32::try_from(block * 2).unwrap_or(u32::MAX);
    let (from, to) = (doc(offsets[a]), doc(offsets[a + 1]));
    &docs[docs.partition_point(|&d| d < from)..docs.partition_point(|&d| d < to)]
}

/// A written lead's page: each article with the docs its entry shows, and
/// the entries as read.
fn page_of(value: &str) -> Result<(lead::Page, Vec<Value>), Why> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(value) else {
        return Err("a previous lead is unreadable".into());
    };
    let mut page = Vec::with_capacity(items.len());
    for item in &items {
        let number = |v: &Value| {
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| "a previous lead is unreadable".to_string())
        };
        let fields = item.as_array().ok_or("a previous lead is unreadable")?;
        let a = number(fields.first().unwrap_or(&Value::Null))? as usize;
        let docs = fields.iter().skip(4).step_by(2).map(number);
        page.push((a, docs.collect::<Result<Vec<u32>, Why>>()?));
    }
    Ok((page, items))
}

/// What an edit does to a token's lead.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// Nothing: the lead, or the want of one, stays.
    None,
    /// The page keeps its articles in their order: the changed articles'
    /// entries on it are made again.
    Entries,
    /// It is made again from the token's whole postings.
    Whole,
}

/// What an edit does to a token's lead, from the page `written` (each
/// article with the docs its entry shows, `None` if the token had no lead)
/// and the changed articles' `standings`, without the token's postings.
fn change(written: Option<&[(usize, Vec<u32>)]>, standings: &[Standing], offsets: &[usize]) -> Change {
    let Some(page) = written else {
        // Too few articles held the token: only one that comes to hold it
        // can make them enough.
        let gains = standings.iter().any(|s| s.was.0 == 0 && s.is.0 > 0);
        return if gains { Change::Whole } else { Change::None };
    };
    let mut entries = Change::None;
    for s in standings {
        let on_page = page.iter().any(|(a, _)| *a == s.article);
        if s.was == s.is {
            if on_page {
                entries = Change::Entries;
            }
            continue;
        }
        // An article that no longer holds the token may leave too few; one
        // on the page that moves may reorder it.
        if s.is.0 == 0 || on_page || !below_page(page, s, offsets) {
            return Change::Whole;
        }
    }
    entries
}

/// Whether a changed article off a full page still ranks below its last
/// entry. The last entry's hits are at least the docs it shows.
fn below_page(page: &[(usize, Vec<u32>)], s: &Standing, offsets: &[usize]) -> bool {
    let Some((last, shown)) = page.last().filter(|_| page.len() == lead::PAGE) else {
        return false;
    };
    let Some(&first) = offsets.get(*last) else {
        return false;
    };
    let (hits, title) = lead::standing(shown, first);
    lead::rank(s.article, s.is.0, s.is.1) > lead::rank(*last, hits, title)
}
