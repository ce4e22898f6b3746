//! Rows of the review about sources.

#[allow(unused_imports)]
use crate::common::*;
