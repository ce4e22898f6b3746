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
    assert_eq!(commands, ["ingest", "build", "check", "translate", "status"]);
    for command in commands {
        assert_golden(&fixture(&format!("help/{command}.txt")), &help(&[&command, "--help"]));
    }
}
