//! duizhao: raw Chinese sources → cleaned articles → bilingual static site.
//!
//! The pipeline, one module per stage:
//! - [`ingest`]: `sources/*` → `content/<id>.md`
//! - [`pair`]: articles + translations → aligned rows
//! - build (assemble, render): → `public/`
//!
//! [`gazetteer`] resolves place names to official divisions.

pub mod cli;
pub mod config;
pub mod error;
pub mod gazetteer;
pub mod ingest;
pub mod model;
pub mod pair;
