//! duizhao: raw Chinese sources → cleaned articles → bilingual static site.
//!
//! The pipeline, one module per stage:
//! - [`ingest`]: `sources/*` → `content/<id>.md`
//! - [`pair`]: articles + translations → aligned rows
//! - build (assemble, render): → `public/`
//! - [`translate`]: translation skeletons and coverage (`translate`, `status`)
//!
//! [`gazetteer`] resolves place names to official divisions.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod gazetteer;
pub mod ingest;
pub mod load;
pub mod model;
pub mod pair;
pub mod theme;
pub mod translate;
