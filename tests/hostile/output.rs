//! Rows of the review about output.

#[allow(unused_imports)]
use crate::common::*;
