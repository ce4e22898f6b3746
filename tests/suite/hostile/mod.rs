//! The hostile-input review (`reliability-2026-12-02`) as tests: one test per
//! row that can run here, named after the row's id. Each runs the binary on a
//! fresh copy of the bundled edition and asserts the exit code, the located
//! message, and that nothing outside the command's output was touched.
//!
//! Rows not run here need root mounts or another user (O07, O07b, O07c, O08,
//! O08b) or are a kill timing race (O09); `skipped.md` names them with what
//! they did when run by hand.

mod content;
mod content_files;
mod dates;
mod fixes;
mod ingest;
mod output;
mod scale;
mod sources;
mod translations;

use crate::common::Fresh;

/// The review's baseline: the unmodified copy builds, checks clean, and a
/// re-ingest leaves every article as it is.
#[test]
fn baseline_the_fresh_copy_builds_checks_and_reingests_unchanged() {
    let f = Fresh::new();
    let before = f.sums();
    f.dz(&["ingest", "-q"]).code(0).stderr_has("0 written, 34 unchanged");
    assert_eq!(before, f.sums());
    f.dz(&["check"]).code(0);
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
    assert_eq!(before, f.sums());
}
