//! Leads: for a token found in many articles, the first page of a query
//! of that token alone, with the texts of every doc of those articles that
//! holds it (`lead-<k>.js`, beside `idx-<k>.js`: the same tokens by the same
//! hash). A one-token query loads both in one round and shows its first
//! page without a text shard; its ten articles would otherwise cost ten
//! scripts, each a few milliseconds from `file://` however small.
//! `search-query.js` ranks the same way and uses a lead only when its
//! articles are the page it ranked. A query of several tokens loads their
//! leads too: its hits are docs that hold each token, so an article of its
//! first page that a lead of one of them holds is confirmed and shown from
//! the lead, without the article's text shard.

use super::docs::Doc;
use super::shards::string;
use std::borrow::Cow;

/// What a lead shows of an article: its id and its docs' texts.
pub trait Shown {
    fn id(&self) -> &str;
    /// The text of block `n` (¶0 the title), in English if `en`.
    fn text(&self, n: usize, en: bool) -> Cow<'_, str>;
}

impl Shown for Doc {
    fn id(&self) -> &str {
        &self.id
    }

    fn text(&self, n: usize, en: bool) -> Cow<'_, str> {
        Cow::Borrowed(if en { &self.en[n] } else { &self.zh[n] })
    }
}

/// The share of the articles (one in `LEAD_SHARE`) a token must be found
/// in to have a lead, and at least [`LEAD_ARTICLES`]: leads for every
/// token of ten articles or more nearly doubled the index and its time.
pub const LEAD_SHARE: usize = 4;
/// Two in unit tests, so that the four articles of the fixture have leads.
pub const LEAD_ARTICLES: usize = if cfg!(test) { 2 } else { 64 };
/// Articles on a page of results (`PAGE` in `search.js`).
pub const PAGE: usize = 10;
/// Blocks with a match shown per article (`item` in `search.js`).
pub const SNIPPETS: usize = 3;
/// The most docs with a hit an article's entry holds all of; one with more
/// holds its title's and those of its first [`SNIPPETS`] blocks, what a
/// page of this token alone shows (so a lead stays small where a token
/// fills whole articles).
pub const WHOLE: usize = 12;

/// A lead's page: each article with the docs its entry shows.
pub type Page = Vec<(usize, Vec<u32>)>;

/// An article's rank among a token's articles: (no title hit, fewer hits, article).
pub type Rank = (bool, std::cmp::Reverse<usize>, usize);

/// Where article `a` with `hits` docs holding a token, `title` whether
/// its title holds it, ranks among the token's articles (lower first): a
/// title hit, then more hits, then site order.
pub fn rank(a: usize, hits: usize, title: bool) -> Rank {
    (!title, std::cmp::Reverse(hits), a)
}

/// The mark of an article's title hit in [`page`]'s count of its hits.
const TITLE: u32 = 1 << 31;

/// The articles of a site by block, for [`page`]: `offsets[a]` article a's
/// first block (its title's).
pub struct Articles<'o> {
    pub offsets: &'o [usize],
    /// By block up to the last article's title: its article × 2, plus one
    /// if it is the title.
    of_block: Vec<u32>,
}

impl<'o> Articles<'o> {
    pub fn new(offsets: &'o [usize]) -> Articles<'o> {
        let mut of_block = Vec::with_capacity(offsets.last().map_or(0, |&last| last + 1));
        for (a, &first) in offsets.iter().enumerate() {
            let end = offsets.get(a + 1).copied().unwrap_or(first + 1);
            let a = u32::try_from(a).unwrap_or(u32::MAX);
            of_block.push(2 * a + 1);
            of_block.extend((first + 1..end).map(|_| 2 * a));
        }
        Articles { offsets, of_block }
    }

    /// The article × 2 of `block`, plus one if it is the title.
    fn of(&self, block: usize) -> u32 {
        // Past the table: a block of the last article, not its title.
        let last = u32::try_from(self.offsets.len().saturating_sub(1)).unwrap_or(u32::MAX);
        self.of_block.get(block).copied().unwrap_or(2 * last)
    }
}

/// The first page of a query of one token with `docs` (block × 2 +
/// language, ascending), ranked as `rank` in `search-query.js` ranks it (a
/// title hit, then more hits, then site order): each article with the docs
/// its entry reads (every one with a hit). `None` when the token is in too
/// few articles (see [`LEAD_SHARE`]).
pub fn page(docs: &[u32], articles: &Articles<'_>) -> Option<Page> {
    let offsets = articles.offsets;
    let least = LEAD_ARTICLES.max(offsets.len() / LEAD_SHARE);
    if docs.len() < least || offsets.is_empty() {
        return None;
    }
    // Each article's hits, and its title's in the high bit: counted with
    // no branch a doc (the articles' runs of docs are short, so a walk
    // that found where each ends mispredicted at almost every one).
    let mut hits = vec![0u32; offsets.len()];
    for &d in docs {
        let of = articles.of((d >> 1) as usize);
        let h = &mut hits[(of >> 1) as usize];
        *h = (*h + 1) | ((of & 1) << 31);
    }
    // The best articles, best first, at most a page.
    let mut best: Vec<(Rank, usize)> = Vec::with_capacity(PAGE + 1);
    let mut found = 0;
    for (a, &h) in hits.iter().enumerate() {
        if h == 0 {
            continue;
        }
        found += 1;
        let key = rank(a, (h & !TITLE) as usize, h & TITLE != 0);
        if best.len() < PAGE || best.last().is_some_and(|worst| key < worst.0) {
            let at = best.partition_point(|b| b.0 < key);
            best.insert(at, (key, a));
            best.truncate(PAGE);
        }
    }
    if found < least {
        return None;
    }
    let page = best.into_iter().map(|(_, a)| {
        let first = |a: usize| {
            docs.partition_point(|&d| ((d >> 1) as usize) < offsets.get(a).copied().unwrap_or(usize::MAX))
        };
        (a, shown(&docs[first(a)..first(a + 1)], offsets[a]))
    });
    Some(page.collect())
}

/// The docs an article's entry holds of its `docs` holding a token
/// (ascending; `first` its title's block): all of them if at most
/// [`WHOLE`], so that a query of several tokens, whose hits in the article
/// are some of them, finds each of its own there; else its title's and
/// those of its first [`SNIPPETS`] other blocks.
pub fn shown(docs: &[u32], first: usize) -> Vec<u32> {
    if docs.len() <= WHOLE {
        return docs.to_vec();
    }
    let mut shown = Vec::new();
    let mut blocks = 0;
    let mut last = usize::MAX;
    for &d in docs {
        let n = (d >> 1) as usize - first;
        if n > 0 && n != last {
            if blocks == SNIPPETS {
                break;
            }
            blocks += 1;
            last = n;
        }
        shown.push(d);
    }
    shown
}

/// An article's hits among `docs` (its docs holding a token, ascending;
/// `first` its title's block) and whether its title is one.
pub fn standing(docs: &[u32], first: usize) -> (usize, bool) {
    (docs.len(), docs.first().is_some_and(|&d| (d >> 1) as usize == first))
}

/// A token's lead appended to a lead shard's script: `"token":` and its
/// [`value`], the texts of each article's docs as the text shards hold them.
pub fn entry<'a, D: Shown + ?Sized + 'a>(
    script: &mut String,
    token: &str,
    page: &[(usize, Vec<u32>)],
    offsets: &[usize],
    doc: impl Fn(usize) -> &'a D,
) {
    if !script.ends_with('{') {
        script.push(',');
    }
    string(script, token);
    script.push(':');
    value(script, page, offsets, doc);
}

/// A lead's value: `[[article, id, Chinese title, English title, doc,
/// text…], …]`.
pub fn value<'a, D: Shown + ?Sized + 'a>(
    out: &mut String,
    page: &[(usize, Vec<u32>)],
    offsets: &[usize],
    doc: impl Fn(usize) -> &'a D,
) {
    out.push('[');
    for (i, (a, docs)) in page.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        article(out, *a, docs, offsets[*a], doc(*a));
    }
    out.push(']');
}

/// One article's entry in a lead: `[article, id, Chinese title, English
/// title, doc, text…]`, its `docs` shown from `d` (its first block
/// `first`).
pub fn article<D: Shown + ?Sized>(out: &mut String, a: usize, docs: &[u32], first: usize, d: &D) {
    out.push('[');
    out.push_str(&a.to_string());
    out.push(',');
    string(out, d.id());
    for en in [false, true] {
        out.push(',');
        string(out, &d.text(0, en));
    }
    for &n in docs {
        let block = (n >> 1) as usize - first;
        out.push(',');
        out.push_str(&n.to_string());
        out.push(',');
        string(out, &d.text(block, n & 1 == 1));
    }
    out.push(']');
}

/// A lead read back from a lead shard, written again as [`value`] wrote
/// it (numbers and strings in arrays), for an update that keeps it.
pub fn rewrite(out: &mut String, v: &serde_json::Value) {
    match v {
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                rewrite(out, item);
            }
            out.push(']');
        }
        serde_json::Value::String(s) => string(out, s),
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_ranks_title_hits_then_more_hits_then_site_order_and_holds_every_doc_with_a_hit() {
        // Articles of 6, 6 and 6 blocks (titles ¶0 at blocks 0, 6, 12).
        let offsets = [0, 6, 12];
        let doc = |block: u32, en: u32| block * 2 + en;
        // Article 0: ¶1–¶5 in Chinese; article 1: its title and ¶1;
        // article 2: ¶1 and ¶2.
        let mut docs: Vec<u32> = (1..=5).map(|b| doc(b, 0)).collect();
        docs.extend([doc(6, 0), doc(6, 1), doc(7, 0), doc(13, 0), doc(14, 1)]);
        let page = page(&docs, &Articles::new(&offsets)).unwrap();
        let order: Vec<usize> = page.iter().map(|p| p.0).collect();
        assert_eq!(order, [1, 0, 2]);
        assert_eq!(page[0].1, [doc(6, 0), doc(6, 1), doc(7, 0)]);
        assert_eq!(page[1].1, [doc(1, 0), doc(2, 0), doc(3, 0), doc(4, 0), doc(5, 0)]);
        // A token in one article has no lead.
        assert!(super::page(&[doc(1, 0)], &Articles::new(&offsets)).is_none());
    }
}
