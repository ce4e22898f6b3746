//! Regular expressions written in this crate's source: pattern literal in,
//! compiled `Regex` out (callers keep it in a `LazyLock`, so once per run).

use regex::Regex;

/// Compiles a pattern literal from the source. Such a pattern is fixed at
/// compile time and reached by the tests, so a typo fails them, not a user.
#[expect(clippy::expect_used, reason = "the pattern is a literal in the source, checked by the tests")]
pub(crate) fn compiled(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a pattern written in the source is valid")
}
