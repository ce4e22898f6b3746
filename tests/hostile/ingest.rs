//! Rows of the review about ingest.

#[allow(unused_imports)]
use crate::common::*;
