//! The commands: each takes its parsed arguments, drives the library, prints
//! what the user sees, and says how the process should exit: 0 clean, 1
//! problems found (printed by the command), 2 could not run (an `Err`).

pub mod align;
pub mod build;
pub mod check;
pub mod epub;
pub mod ingest;
pub mod pdf;
pub mod report;
pub mod review;
pub mod serve;
pub mod status;
pub mod terminal;
pub mod translate;
pub mod xliff;
