//! The build cache (`.duizhao-cache/`): a build that reuses the last one's
//! work writes the same bytes as a clean build (`--no-cache`), after any
//! kind of edit; unchanged files keep their modification time; a damaged
//! cache is ignored with a notice.

use crate::common::{EditionTest, Sums, duizhao, sums};
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

/// A cached build (with its step times) that must equal a clean one; how
/// it made the search index (`DUIZHAO_TIMINGS`).
fn search_made(edition: &EditionTest, step: &str) -> String {
    let run =
        duizhao(&edition.path("")).args(["build", "--quiet"]).env("DUIZHAO_TIMINGS", "1").assert().success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    same_as_clean(edition, step);
    stderr.lines().find(|l| l.starts_with("search index")).unwrap_or("search index kept").to_string()
}

#[test]
fn the_search_index_is_updated_in_place_and_stays_the_same_as_a_clean_one() {
    let edition = EditionTest::site("basic");
    same_as_clean(&edition, "the first build");
    let yunyang = "content/2020-02-28-yun-yang-fu-gong.md";
    let guangxi = "translations/en/2020-02-27-guang-xi-juan-zeng.md";
    let edits: [(&str, &str, &str, &str, &str); 5] = [
        ("a paragraph changed", yunyang, "43家", "44家", "updated"),
        ("English words added and removed", guangxi, "received them", "welcomed them warmly", "updated"),
        ("a title changed", yunyang, "title = \"郧阳区企业有序", "title = \"郧阳区企业", "updated"),
        ("a paragraph added", yunyang, "44家", "44家。\n\n又有两家企业复工", "made whole"),
        ("the paragraph taken out", yunyang, "44家。\n\n又有两家企业复工", "44家", "made whole"),
    ];
    for (step, file, from, to, how) in edits {
        assert!(edition.read(file).contains(from), "{step}: {from} in {file}");
        edition.write(file, edition.read(file).replacen(from, to, 1));
        let made = search_made(&edition, step);
        assert!(made.contains(how), "{step}: the index should be {how}: {made}");
    }
    edition.write("content/2020-02-29-xin-zeng.md", ADDED);
    assert!(search_made(&edition, "an article added").contains("made whole"));
    std::fs::remove_file(edition.path("content/2020-03-01-quan-guo-kou-zhao.md")).unwrap();
    assert!(search_made(&edition, "an article deleted").contains("made whole"));
    assert!(search_made(&edition, "nothing changed").contains("kept"));
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

#[test]
fn the_step_times_name_the_pages_a_one_paragraph_edit_renders() {
    let edition = EditionTest::site("basic");
    same_as_clean(&edition, "the first build");
    let changed = "content/2020-02-28-yun-yang-fu-gong.md";
    edition.write(changed, edition.read(changed).replacen("43家", "44家", 1));
    let run =
        duizhao(&edition.path("")).args(["build", "--quiet"]).env("DUIZHAO_TIMINGS", "1").assert().success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    let pages = stderr.lines().find(|l| l.starts_with("pages: ")).unwrap_or_default();
    assert!(pages.contains(" linked: "), "{stderr}");
    assert!(pages.contains("articles/2020-02-28-yun-yang-fu-gong.html ("), "{stderr}");
    for step in [
        "inputs hashed in ",
        "texts read and parsed in ",
        "paired in ",
        "swapped into place, cache saved in ",
    ] {
        assert!(stderr.lines().any(|l| l.starts_with(step)), "{step}: {stderr}");
    }
    same_as_clean(&edition, "a paragraph changed");
}
