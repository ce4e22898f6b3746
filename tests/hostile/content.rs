//! Rows of the review about content.

#[allow(unused_imports)]
use crate::common::*;
