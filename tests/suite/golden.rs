//! Golden files: text compared with a file under `tests/fixtures/`, a line
//! diff shown when they differ, the file rewritten instead when
//! `DUIZHAO_BLESS=1` is set (then read the diff before committing).

use crate::common::write_file;
use std::path::Path;

/// True when golden files are to be rewritten (`DUIZHAO_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var_os("DUIZHAO_BLESS").is_some()
}

/// Compares `actual` with the golden file, or writes it when blessing.
/// `None` when they agree; else what differs, as a line diff.
pub fn golden_mismatch(golden: &Path, actual: &str) -> Option<String> {
    golden_mismatch_shown(golden, actual, str::to_string)
}

/// [`golden_mismatch`] for text that reads badly as it is (a minified page):
/// the bytes are compared, the diff is of `shown(expected)` and `shown(actual)`.
pub fn golden_mismatch_shown(golden: &Path, actual: &str, shown: fn(&str) -> String) -> Option<String> {
    if blessing() {
        write_file(golden, actual.as_bytes());
        return None;
    }
    match std::fs::read_to_string(golden) {
        Ok(expected) if expected == actual => None,
        Ok(expected) => {
            Some(format!("{} differs:\n{}", golden.display(), diff(&shown(&expected), &shown(actual))))
        }
        Err(_) => Some(format!("no golden file {}", golden.display())),
    }
}

/// Asserts that `actual` matches the golden file (see [`golden_mismatch`]).
pub fn assert_golden(golden: &Path, actual: &str) {
    if let Some(problem) = golden_mismatch(golden, actual) {
        panic!("{problem}\n(set DUIZHAO_BLESS=1 to regenerate, then review the diff)");
    }
}

/// A unified line diff from `expected` to `actual`.
pub fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual).unified_diff().header("expected", "actual").to_string()
}
