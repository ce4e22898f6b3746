//! Every integration test of duizhao, in one binary so the crate is linked
//! once. Each module tests one command or one concern; all of them build
//! their editions with the shared harness in [`common`] (see `README.md`).
//!
//! Run one module with `cargo test --test suite <module>::`, e.g.
//! `cargo test --test suite hostile::`.

mod common;
mod golden;

mod cli_errors;
mod determinism;
mod edition;
mod help;
mod hostile;
mod ingest;
mod render_snapshots;
mod theme_override;
mod translate;
