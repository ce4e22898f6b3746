//! Search: `&Site` in, the full-text index out as classic scripts under
//! `search/` (each calls `duizhaoSearch.register(kind, k, data)`, so it
//! loads from `file://` with a `<script src>`; no fetch, modules or WASM).
//!
//! 1. [`docs`]: every article's title and blocks, Chinese and English, as
//!    plain text; doc `2 × (offset of the article + ¶) + language`, ¶0 the title.
//! 2. [`fold`]: folded text (case, diacritics, traditional → simplified),
//!    its tokens: Chinese characters and bigrams, English stems.
//! 3. [`shards`]: the tokens' postings in `idx-<k>.js`, sharded by the
//!    token's hash, so a query loads only the shards of its tokens; the texts
//!    in `text-<k>.js` by runs of articles, to confirm a hit as an exact
//!    substring and show its snippet; the folding table in `fold.js`; and
//!    `manifest.js`, naming the shards, with each article's date, region
//!    and size for the filters.
//!
//! `static/search.js` reads them; [`check`] validates them.

pub mod docs;
pub mod fold;
pub mod shards;

pub use shards::{Index, Stats, check, index};
