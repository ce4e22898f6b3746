//! Search: `&Site` in, the full-text index out as classic scripts under
//! `search/` (each calls `duizhaoSearch.register(kind, k, data)`, so it
//! loads from `file://` with a `<script src>`; no fetch, modules or WASM).
//!
//! [`write()`] sends each file to a [`Sink`] as soon as it is made (the
//! build writes it to disk), reading the articles in chunks, so that
//! neither all the texts nor all the files are held at once; [`index`]
//! collects them instead (for `check` and tests).
//!
//! 1. [`docs`]: every article's title and blocks, Chinese and English, as
//!    plain text; block `offset of the article + ¶`, ¶0 the title.
//! 2. [`fold`]: folded text (case, diacritics, traditional → simplified),
//!    its tokens: Chinese characters and bigrams, English stems.
//! 3. [`chunk`]: runs of articles read in parallel, each token's blocks
//!    by language; [`postings`]: each token's gathered from every run and
//!    sorted into shards; [`encode`]: their compact encoding.
//! 4. [`shards`]: the postings in `idx-<k>.js`, sharded by the token's
//!    hash, so a query loads only the shards of its tokens; English word
//!    forms in `form-<k>.js`; the texts in `zh-<k>.js` and `en-<k>.js` by
//!    runs of articles, to confirm a hit as an exact substring and show its
//!    snippet; the folding table in `fold.js`; and `manifest.js`, naming
//!    the shards, with each article's date, region and size for the filters.
//! 5. [`lead`]: beside each `idx-<k>.js`, `lead-<k>.js`: for the tokens of
//!    that shard found in many articles, the first page of a query of that
//!    token alone with the texts of its docs holding the token, so such a
//!    query needs no text shard (each script costs milliseconds from
//!    `file://`), nor does an article of a query of several Chinese pairs
//!    that one of its pairs' leads holds.
//!
//! `static/search-index.js`, `search-query.js` and `search.js` read them; [`check()`] validates them. After an
//! edit of some articles, [`update()`] rewrites only the files they change.

pub mod check;
pub mod chunk;
pub mod docs;
pub mod encode;
pub mod fold;
pub mod lead;
pub mod postings;
pub mod shards;
pub mod update;

pub use check::check;
pub use postings::Totals;
pub use shards::{Index, PAGE_FILES, Sink, Stats, fnv, index, shard_of, write};
pub use update::{Update, update};
