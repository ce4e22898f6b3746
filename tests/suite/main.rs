//! Every integration test of duizhao, in one binary so the crate is linked
//! once. Each module tests one command or one concern; the harness they
//! share is [`common`] (editions in temporary folders, runs of the binary)
//! and [`golden`] (golden files with diffs). `README.md` describes both.
//!
//! Run one module with `cargo test --test suite <module>::`, e.g.
//! `cargo test --test suite hostile::`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "in a test, a panic is a failure with its message"
)]

mod common;
mod golden;

mod align;
mod areacodes;
mod cache;
mod cli_errors;
mod decode;
mod determinism;
mod docs;
mod edition;
mod fuzz;
mod help;
mod hostile;
mod inferred_dates;
mod ingest;
mod lifecycle;
mod readers;
mod render_snapshots;
mod review;
mod serve;
mod theme_override;
mod translate;
mod whole_page;
mod xliff;
