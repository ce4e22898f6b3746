//! The build cache (`.duizhao-cache/`): a build that reuses the last one's
//! work writes the same bytes as a clean build (`--no-cache`), after any
//! kind of edit; unchanged files keep their modification time; a damaged
//! cache is ignored with a notice.

use crate::common::{EditionTest, Sums, sums};
use std::path::Path;

const ADDED: &str = "+++\ntitle = \"新增的文章\"\ndate = 2020-02-29\nregions = [\"湖北省/十堰市\"]\n\
                     source = \"sources/shiyan.txt\"\n+++\n\n十堰市新增一家定点医院。\n";

/// Builds with the cache into `public/` and without it into a folder
/// outside the edition; asserts both hold the same bytes and returns them.
fn same_as_clean(edition: &EditionTest, step: &str) -> Sums {
    edition.dz(&["build", "--quiet"]).success();
    let clean = edition.outside("clean");
    let _ = std::fs::remove_dir_all(&clean);
    edition.dz(&["build", "--quiet", "--no-cache", "--out", clean.to_str().unwrap()]).success();
    let (cached, clean) = (sums(&edition.path("public")), sums(&clean));
    let differ: Vec<_> = crate::common::changed(&cached, &clean).into_iter().collect();
    assert!(differ.is_empty(), "after {step}, the cached build differs from a clean one in {differ:?}");
    cached
}

#[test]
fn the_cached_build_equals_a_clean_build_after_every_kind_of_edit() {
    let edition = EditionTest::site("basic");
    same_as_clean(&edition, "the first build");
    let changed = "content/2020-02-28-yun-yang-fu-gong.md";
    edition.write(changed, edition.read(changed).replacen("43家", "44家", 1));
    edition.write("content/2020-02-29-xin-zeng.md", ADDED);
    let translation = "translations/en/2020-02-27-guang-xi-juan-zeng.md";
    edition.write(translation, edition.read(translation).replace("two negative-pressure", "two new"));
    same_as_clean(&edition, "a change, an article added and a translation changed");

    std::fs::remove_file(edition.path("content/2020-03-01-quan-guo-kou-zhao.md")).unwrap();
    let from = edition.path("content/bu-xiang-ri-qi-de-wen-zhang.md");
    std::fs::rename(from, edition.path("content/bu-xiang-ri-qi-de-wen-zhang-2.md")).unwrap();
    same_as_clean(&edition, "an article deleted and one renamed");

    let base =
        std::fs::read_to_string(crate::common::repo().join("themes/default/templates/base.html")).unwrap();
    edition.write("themes/default/templates/base.html", base.replace("</footer>", "<p>mine</p></footer>"));
    let after = same_as_clean(&edition, "a template changed");
    assert!(edition.read("public/index.html").contains("<p>mine"));
    assert!(after.0.keys().any(|k| k == "articles/bu-xiang-ri-qi-de-wen-zhang-2.html"));
    assert!(!after.0.keys().any(|k| k == "articles/2020-03-01-quan-guo-kou-zhao.html"));
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn an_edit_rewrites_only_the_files_it_changes_and_no_edit_nothing() {
    let edition = EditionTest::site("basic");
    edition.dz(&["build", "--quiet"]).success();
    let untouched = edition.path("public/articles/2020-03-01-quan-guo-kou-zhao.html");
    let edited = edition.path("public/articles/2020-02-28-yun-yang-fu-gong.html");
    let (untouched_time, edited_time) = (modified(&untouched), modified(&edited));
    std::thread::sleep(std::time::Duration::from_millis(20));
    edition.dz(&["build"]).success().stdout_has("nothing changed");
    assert_eq!(modified(&edited), edited_time);

    let changed = "content/2020-02-28-yun-yang-fu-gong.md";
    edition.write(changed, edition.read(changed).replacen("43家", "44家", 1));
    edition.dz(&["build", "--quiet"]).success();
    assert_eq!(modified(&untouched), untouched_time, "an article the edit does not show keeps its time");
    assert_ne!(modified(&edited), edited_time);
    assert!(edition.read("public/articles/2020-02-28-yun-yang-fu-gong.html").contains("44家"));
}

#[test]
fn a_damaged_cache_or_a_changed_site_is_not_trusted() {
    let edition = EditionTest::site("basic");
    edition.dz(&["build", "--quiet"]).success();
    let cache = std::fs::read_dir(edition.path(".duizhao-cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let name = cache.file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("build-public-"), "one file per output folder, named after it: {name}");
    let good = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &good[..good.len() / 2]).unwrap();
    edition
        .dz(&["build", "--quiet"])
        .success()
        .stderr_has(&format!("note: .duizhao-cache/{name}: damaged (checksum does not match): ignoring it"));

    // A page changed by hand is written again, whatever the cache says.
    edition.write("public/timeline/index.html", "mine");
    let run = edition.dz(&["build"]);
    assert!(!run.success().stdout.contains("nothing changed"), "{}", run.stdout);
    assert!(edition.read("public/timeline/index.html").to_lowercase().starts_with("<!doctype html>"));
}
