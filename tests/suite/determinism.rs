//! The same edition builds to the same bytes: two builds of the bundled
//! edition, from two copies in different folders (so neither a folder name
//! nor thread timing nor hash order may reach the output), write the same
//! files with the same contents. Ingest's twin is in `ingest.rs`
//! (`bundled_sources_reproduce_committed_content_deterministically`).

use crate::common::EditionTest;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` with its bytes, by `/`-separated relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn two_builds_of_the_bundled_edition_are_byte_identical() {
    let sites: Vec<_> = ["first", "second"]
        .into_iter()
        .map(|name| {
            let edition = EditionTest::new();
            let out = edition.outside(name);
            edition.dz(&["build", "--quiet", "--out", out.to_str().unwrap()]).success();
            let files = files(&out);
            (edition, files)
        })
        .collect();
    let (first, second) = (&sites[0].1, &sites[1].1);
    assert!(first.len() > 50 && first.contains_key("index.html"), "a whole site: {:?}", first.keys());
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>(), "the same files");
    let differing: Vec<&String> = first.keys().filter(|name| first[*name] != second[*name]).collect();
    assert!(differing.is_empty(), "files whose bytes differ between the two builds: {differing:?}");
}
