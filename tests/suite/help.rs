//! `duizhao --help` and each subcommand's `--help`, as a newcomer reads
//! them, against golden files in `tests/fixtures/help/`. Regenerate them with
//! `DUIZHAO_BLESS=1 cargo test --test suite help::` and read every change.

use crate::common::fixture;
use crate::golden::assert_golden;
use assert_cmd::Command;

/// `duizhao ARGS` at a fixed width of 100 columns (clap wraps to the terminal).
fn help(args: &[&str]) -> String {
    let out = Command::cargo_bin("duizhao").unwrap().env("COLUMNS", "100").args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The subcommands the top-level help lists, but `help` itself.
fn subcommands(top: &str) -> Vec<String> {
    top.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next().map(String::from))
        .filter(|name| name != "help")
        .collect()
}

#[test]
fn top_level_help() {
    assert_golden(&fixture("help/duizhao.txt"), &help(&["--help"]));
}

#[test]
fn each_subcommand_help() {
    let commands = subcommands(&help(&["--help"]));
    assert_eq!(
        commands,
        [
            "ingest",
            "build",
            "serve",
            "check",
            "translate",
            "status",
            "align",
            "review",
            "pdf",
            "epub",
            "xliff"
        ]
    );
    for command in commands {
        assert_golden(&fixture(&format!("help/{command}.txt")), &help(&[&command, "--help"]));
    }
}

#[test]
fn help_has_no_trailing_spaces_and_keeps_markers_and_commands_whole() {
    let top = help(&["--help"]);
    for command in subcommands(&top) {
        let text = help(&[&command, "--help"]);
        for line in top.lines().chain(text.lines()) {
            assert_eq!(line, line.trim_end(), "`{command} --help`: trailing spaces in {line:?}");
            if line.contains("<!--") {
                assert!(line.contains("-->"), "`{command} --help`: a marker split across lines: {line:?}");
            }
            assert!(!line.trim_end().ends_with("`git"), "`{command} --help`: `git -C` split across lines");
        }
    }
    let translate = help(&["translate", "--help"]);
    assert!(translate.lines().any(|l| l.trim() == "<!-- ¶3 5e0a1c9b -->"), "{translate}");
    assert!(translate.starts_with("Write translation slot files"), "{translate}");
}

#[test]
fn xliff_subcommand_help() {
    for sub in ["export", "import"] {
        assert_golden(&fixture(&format!("help/xliff-{sub}.txt")), &help(&["xliff", sub, "--help"]));
    }
}
