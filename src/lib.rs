//! duizhao: raw Chinese sources → cleaned articles → bilingual static site.
//!
//! The pipeline, one module per stage:
//! - [`ingest`]: `sources/*` → `content/<id>.md`
//! - [`pair`]: articles + translations → aligned rows
//! - [`site`]: load and assemble the edition → [`site::Site`]
//! - [`render`]: each page with Tera, highlighted and minified
//! - [`output`]: the site written whole into `public/`, or not at all
//! - [`translate`]: translation skeletons and coverage (`translate`, `status`)
//! - [`serve`]: the built site over HTTP, reloaded on every change (`serve`)
//!
//! Beneath them: [`model`] (plain data), [`texts`] (articles and translations
//! read from disk), [`fs_util`], [`config`], [`error`]; [`gazetteer`]
//! resolves place names to official divisions.

// Only the library has an outside; in the binary and the tests `pub` just
// means "seen by main", so the lint lives here rather than in Cargo.toml.
#![warn(unreachable_pub)]

pub mod align;
pub mod cli;
pub mod config;
pub mod epub;
pub mod error;
pub mod fs_util;
pub mod gazetteer;
pub mod hanzi;
pub mod ingest;
pub mod model;
pub mod output;
pub mod pair;
mod pattern;
pub mod pinyin;
pub mod reader;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod texts;
pub mod theme;
pub mod translate;
pub mod xliff;
