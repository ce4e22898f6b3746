//! Rows of the review about translations.

#[allow(unused_imports)]
use crate::common::*;
