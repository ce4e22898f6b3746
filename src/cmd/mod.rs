//! The commands: each takes its parsed arguments, drives the library, prints
//! what the user sees, and says how the process should exit.

pub mod build;
pub mod check;
pub mod ingest;
pub mod status;
pub mod translate;
