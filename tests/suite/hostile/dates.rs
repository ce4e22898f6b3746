//! Rows of the review about dates: every year and date lies in 1800–2100
//! (`model::date`), an impossible date in the text is flagged and never
//! used, and commands on a folder that is not an edition fail.

#[allow(unused_imports)]
use crate::common::*;

const SOURCE_001: &str = "sources/001_fb090d6bc539e31c.txt";
const SIDECAR_001: &str = "sources/001_fb090d6bc539e31c.toml";

/// Sets the sidecar of source 001 to `year = <year>` (line 3) and ingests it.
fn ingest_001_with_year(year: &str) {
    let f = Fresh::new();
    let sidecar = f.read(SIDECAR_001).replace("year = 2020", &format!("year = {year}"));
    f.write(SIDECAR_001, sidecar);
    let before = f.sums();
    f.dz(&["ingest", SOURCE_001]).no_panic().code(1).error_at(
        &format!("{SIDECAR_001}:3:8"),
        &format!("invalid sidecar: year {year} is outside 1800–2100: correct it"),
    );
    assert_eq!(before, f.sums(), "nothing may be written");
}

#[test]
fn f03_sidecar_year_99999_or_minus_5_is_an_error_at_its_line() {
    ingest_001_with_year("99999");
    ingest_001_with_year("-5");
}

#[test]
fn f03b_sidecar_year_0_is_an_error_at_its_line() {
    ingest_001_with_year("0");
}

#[test]
fn e04_default_year_outside_the_range_is_an_error_at_its_line() {
    for year in ["99999", "-1"] {
        let f = Fresh::new();
        f.write("sources/noside.txt", "市里召开防控工作会议\n\n本报讯 2月3日，市里召开疫情防控工作会议。\n");
        f.write(
            "edition.toml",
            f.read("edition.toml").replace("default_year = 2020", &format!("default_year = {year}")),
        );
        let before = f.sums();
        // An edition.toml that does not parse: duizhao could not run.
        f.dz(&["ingest", "sources/noside.txt"]).no_panic().code(2).error_at(
            "edition.toml:7:16",
            &format!("invalid edition.toml: year {year} is outside 1800–2100: correct it"),
        );
        f.dz(&["build"]).no_panic().code(2).stderr_has(" --> edition.toml:7:16\n");
        assert_eq!(before, f.sums(), "nothing may be written");
        assert!(!f.path("public").exists());
    }
}

/// The one file `ingest` added to `content/`, by name and text.
fn new_article(f: &Fresh, before: &Sums) -> (String, String) {
    let after = f.sums();
    let added: Vec<&String> = after.0.keys().filter(|k| !before.0.contains_key(*k)).collect();
    assert_eq!(added.len(), 1, "one new file, got {added:?}");
    let changed = after.0.iter().filter(|(k, v)| before.0.get(*k).is_some_and(|b| b != *v)).count();
    assert_eq!(changed, 0, "no existing file may change");
    let rel = added[0].clone();
    assert!(rel.starts_with("content/"), "{rel}");
    let text = f.read(&rel);
    (rel, text)
}

const OCR_YEAR: &str = "市里召开防控工作会议\n\n本报讯 20200年2月3日，市里召开疫情防控工作会议，研究部署下一阶段工作。\n\n会议要求，各部门切实履行职责。\n";
const OCR_FLAG: &str = "line 3: '20200年' is not a plausible year: check the scan";

#[test]
fn s15_an_ocr_year_in_the_text_is_flagged_and_the_sidecar_year_used() {
    let f = Fresh::new();
    f.write("sources/ocr-year.txt", OCR_YEAR);
    f.write("sources/ocr-year.toml", "year = 2020\nregion = \"湖北省/十堰市\"\n");
    let before = f.sums();
    // The OCR year, and the date taken from the text for want of better evidence.
    f.dz(&["ingest", "sources/ocr-year.txt"]).no_panic().code(0).stderr_has("review: 2 flag(s)");
    let (rel, text) = new_article(&f, &before);
    assert!(rel.starts_with("content/2020-02-03-"), "{rel}");
    assert!(text.contains("\ndate = 2020-02-03\n"), "{text}");
    assert!(text.contains(OCR_FLAG), "{text}");
    assert!(text.contains("date_basis = \"text\""), "{text}");
    // The chart stays a few days wide: the home page stays small.
    f.dz(&["build", "-q"]).code(0);
    let home = std::fs::metadata(f.path("public/index.html")).unwrap().len();
    assert!(home < 100_000, "home page is {home} bytes");
}

#[test]
fn s15_without_a_sidecar_the_year_comes_from_edition_toml_or_none() {
    let f = Fresh::new();
    f.write("sources/ocr-year.txt", OCR_YEAR);
    let before = f.sums();
    f.dz(&["ingest", "sources/ocr-year.txt"]).no_panic().code(0).stderr_has("no sidecar");
    let (rel, text) = new_article(&f, &before);
    assert!(rel.starts_with("content/2020-02-03-"), "{rel}");
    assert!(text.contains(OCR_FLAG), "{text}");

    let f = Fresh::new();
    f.write("sources/ocr-year.txt", OCR_YEAR);
    f.write("edition.toml", f.read("edition.toml").replace("default_year = 2020\n", ""));
    let before = f.sums();
    f.dz(&["ingest", "sources/ocr-year.txt"]).no_panic().code(0).stderr_has("no year for dates like 2月27日");
    let (rel, text) = new_article(&f, &before);
    assert!(rel.starts_with("content/undated-"), "{rel}");
    assert!(text.contains("\nundated = true\n") && !text.contains("\ndate ="), "{text}");
    assert!(text.contains(OCR_FLAG), "{text}");
}

#[test]
fn s17_an_impossible_date_in_the_text_is_flagged() {
    let f = Fresh::new();
    f.write("sources/feb30.txt", "市里召开防控工作会议\n\n本报讯 2月30日，市里召开疫情防控工作会议。\n");
    f.write("sources/feb30.toml", "year = 2020\nregion = \"湖北省/十堰市\"\n");
    let before = f.sums();
    f.dz(&["ingest", "sources/feb30.txt"]).no_panic().code(0).stderr_has("review: 1 flag(s)");
    let (rel, text) = new_article(&f, &before);
    assert!(rel.starts_with("content/undated-"), "{rel}");
    assert!(text.contains("line 3: '2月30日' is not a date in 2020: check the scan"), "{text}");
}

/// Replaces `date = 2020-02-02` (line 4) of article A and builds: refused
/// with `message` at `place` (`line:column`), nothing written.
fn build_with_date_line(replacement: &str, place: &str, message: &str) {
    let f = Fresh::new();
    let path = format!("content/{A}.md");
    f.write(&path, f.read(&path).replace("date = 2020-02-02\n", replacement));
    let before = f.sums();
    let (at, expected) = if place.contains(':') {
        (format!(" --> content/{A}.md:{place}\n"), format!("error: {message}"))
    } else {
        (String::new(), format!("error: content/{A}.md:{place}: {message}"))
    };
    for command in ["build", "check"] {
        f.dz(&[command]).no_panic().code(1).stderr_has(&at).stderr_has(&expected);
    }
    assert!(!f.path("public").exists(), "nothing may be built");
    assert_eq!(before, f.sums());
}

#[test]
fn c03_an_impossible_front_matter_date_is_an_error_at_its_line() {
    build_with_date_line("date = 2020-02-30\n", "4:8", "invalid front matter: invalid date");
}

#[test]
fn c03e_date_and_undated_together_is_an_error_at_the_line() {
    build_with_date_line(
        "date = 2020-02-02\nundated = true\n",
        "5",
        "`undated = true` contradicts `date = 2020-02-02`: remove one of them",
    );
}

#[test]
fn c03f_a_date_outside_1800_2100_is_an_error_at_its_line() {
    build_with_date_line(
        "date = 9999-12-31\n",
        "4:8",
        "invalid front matter: date 9999-12-31 is outside 1800–2100: correct it",
    );
}

#[test]
fn c03f_the_widest_accepted_span_keeps_the_home_and_timeline_pages_small() {
    let f = Fresh::new();
    let path = format!("content/{A}.md");
    f.write(&path, f.read(&path).replace("date = 2020-02-02\n", "date = 1800-01-01\n"));
    let other = "content/2020-02-03-gao-xin-qu-qi-ye-ai-xin.md";
    f.write(other, f.read(other).replace("date = 2020-02-03\n", "date = 2100-12-31\n"));
    let before = f.sums();
    f.dz(&["build", "-q"]).no_panic().code(0);
    assert_eq!(before, f.sums());
    for page in ["public/index.html", "public/timeline/index.html"] {
        let size = std::fs::metadata(f.path(page)).unwrap().len();
        assert!(size < 100_000, "{page} is {size} bytes");
    }
    assert!(f.read("public/index.html").contains("Articles per year"));
}

#[test]
fn e05_commands_in_a_folder_that_is_not_an_edition_fail() {
    let f = Fresh::new();
    let empty = f.outside("not-an-edition");
    std::fs::create_dir_all(&empty).unwrap();
    let dir = empty.to_str().unwrap();
    let before = sums(f.tmp.path());
    for command in ["build", "check"] {
        run_in(f.tmp.path(), &["-C", dir, command])
            .no_panic()
            .code(2)
            .stderr_has("no content/ folder: run duizhao in an edition's folder (or name it with -C DIR)");
    }
    run_in(f.tmp.path(), &["-C", dir, "ingest"]).no_panic().code(2);
    assert_eq!(before, sums(f.tmp.path()), "nothing may be written");
}

#[test]
fn e05b_status_on_a_missing_or_empty_folder_fails() {
    let f = Fresh::new();
    let empty = f.outside("not-an-edition");
    std::fs::create_dir_all(&empty).unwrap();
    let missing = f.outside("no-such-folder");
    let before = sums(f.tmp.path());
    for dir in [&empty, &missing] {
        run_in(f.tmp.path(), &["-C", dir.to_str().unwrap(), "status"])
            .no_panic()
            .code(2)
            .stderr_has("no content/ folder: run duizhao in an edition's folder (or name it with -C DIR)");
    }
    assert_eq!(before, sums(f.tmp.path()), "nothing may be written");
    f.dz(&["status"]).code(0).stdout_has("34 articles");
}

#[test]
fn a_set_fix_with_a_date_outside_1800_2100_is_an_error_at_the_fix() {
    let f = Fresh::new();
    let fixes = "sources/002_ca418ce6a18ed07a.fixes.toml";
    f.write(fixes, f.read(fixes).replacen("set = { title = ", "set = { date = 9999-12-31, title = ", 1));
    let before = f.sums();
    f.dz(&["ingest", "sources/002_ca418ce6a18ed07a.txt"]).no_panic().code(1).stderr_has(
        "002_ca418ce6a18ed07a.fixes.toml:4: `set.date`: date 9999-12-31 is outside 1800–2100: correct it",
    );
    assert_eq!(before, f.sums(), "nothing may be written");
}
