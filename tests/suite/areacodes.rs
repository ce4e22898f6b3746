//! The table of renamings (`data/gazetteer/renamings.csv`) checked against
//! the reference history of division codes kept beside the project
//! (`../shared/data/areacodes/`, see its ORIGIN.md: 1981–2025, CC0). The
//! reference is found by walking up from the repository; when it is absent
//! the test says so and passes.

use duizhao::gazetteer::Gazetteer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// `shared/data/areacodes/result.csv` beside the repository or one of its
/// ancestors (a worktree sits one level deeper than a clone).
fn reference() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/data/areacodes/result.csv"))
        .find(|p| p.is_file())
}

/// One row of the reference: in use or not, year abolished, successors.
struct Row {
    in_use: bool,
    until: Option<i32>,
    successors: Vec<u32>,
}

/// The rows by code and name (one code and name may have several rows, one
/// per parent it had).
fn read(path: &Path) -> HashMap<(u32, String), Vec<Row>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = HashMap::new();
    for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let successors =
            f[8].split(';').filter_map(|c| c.split('[').next()?.parse().ok()).collect::<Vec<u32>>();
        let row = Row { in_use: f[5] == "在用", until: f[7].parse().ok(), successors };
        rows.entry((f[0].parse().unwrap(), f[3].to_string())).or_insert_with(Vec::new).push(row);
    }
    rows
}

#[test]
fn renamings_agree_with_the_reference_history() {
    let Some(path) = reference() else {
        println!("note: ../shared/data/areacodes is absent; the renamings table is not checked");
        return;
    };
    let rows = read(&path);
    let g = Gazetteer::embedded();
    assert!(!g.renamings().is_empty());
    for r in g.renamings() {
        let old = rows
            .get(&(r.old_code, r.old_name.to_string()))
            .unwrap_or_else(|| panic!("{} {}: not in the reference", r.old_code, r.old_name));
        assert!(
            old.iter().any(|o| !o.in_use && o.until == Some(r.year) && o.successors.contains(&r.new_code)),
            "{} {}: no row abolished in {} with successor {}",
            r.old_code,
            r.old_name,
            r.year,
            r.new_code
        );
        let new = g.get(r.new_code).unwrap_or_else(|| panic!("{}: no division {}", r.old_name, r.new_code));
        let current = rows
            .get(&(r.new_code, new.name.to_string()))
            .unwrap_or_else(|| panic!("{} {}: not in the reference", r.new_code, new.name));
        assert!(current.iter().any(|c| c.in_use), "{}: the successor {} is not in use", r.old_name, new.name);
    }
}
