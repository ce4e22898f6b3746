//! Rows of the review about dates.

#[allow(unused_imports)]
use crate::common::*;
