//! Ingest through the binary, as an editor runs it: golden articles for each
//! cleaning step and source shape, encodings, determinism, hand edits kept,
//! and clear errors for bad input.
//!
//! Golden files live in `tests/fixtures/ingest/<case>/expected/`; regenerate
//! them with `DUIZHAO_BLESS=1 cargo test --test suite ingest::` and read every change.

use crate::golden::{blessing, diff};
use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn duizhao() -> Command {
    Command::cargo_bin("duizhao").expect("the duizhao binary is built")
}

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest").join(case)
}

/// A fresh edition whose `sources/` holds the case's input files (and whose
/// root holds the case's `edition.toml`, if it has one).
fn edition_with(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    fs::create_dir(&sources).unwrap();
    for entry in fs::read_dir(case_dir(case)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if name == "edition.toml" {
            fs::copy(&path, dir.path().join(name)).unwrap();
        } else if path.is_file() {
            fs::copy(&path, sources.join(name)).unwrap();
        }
    }
    dir
}

/// `(file name, text)` of every file in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| {
                    (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read_to_string(&p).unwrap())
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn ingest(root: &Path) -> assert_cmd::assert::Assert {
    duizhao().arg("-C").arg(root).args(["ingest", "--quiet"]).assert()
}

/// Ingest that also says what it kept and warns about (`--quiet` prints
/// only errors and the summary).
fn ingest_saying_all(root: &Path) -> assert_cmd::assert::Assert {
    duizhao().arg("-C").arg(root).arg("ingest").assert()
}

fn golden(case: &str) {
    let edition = edition_with(case);
    ingest(edition.path()).success();
    let actual = files_in(&edition.path().join("content"));
    let expected_dir = case_dir(case).join("expected");
    if blessing() {
        let _ = fs::remove_dir_all(&expected_dir);
        fs::create_dir_all(&expected_dir).unwrap();
        for (name, text) in &actual {
            fs::write(expected_dir.join(name), text).unwrap();
        }
        return;
    }
    let expected = files_in(&expected_dir);
    let names = |files: &[(String, String)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&expected), "articles written for case {case}");
    for ((name, actual), (_, expected)) in actual.iter().zip(&expected) {
        assert!(
            actual == expected,
            "{case}/expected/{name} differs (DUIZHAO_BLESS=1 to regenerate, then review):\n{}",
            diff(expected, actual)
        );
    }
}

#[test]
fn shape_ocr_headings_banners_bylines_and_subheadings() {
    golden("ocr");
}

/// Raw OCR without `#` marks: eight items told apart by shape and place (a
/// sign-off before, a byline or name under the headline, a dateline, a
/// lead), a section label as kicker, sign-offs as bylines; a subheading and
/// a list stay in their article, a line inside a sentence is flagged.
#[test]
fn unmarked_ocr_page_of_eight_items_gives_eight_articles() {
    golden("ocr_unmarked");
}

#[test]
fn unmarked_ocr_page_of_two_articles_gives_two() {
    golden("ocr_two_articles");
}

/// A boxed item the OCR read into the middle of another article's sentence
/// becomes an article of its own, and the sentence is mended across it.
#[test]
fn unmarked_ocr_sidebar_inside_a_sentence_is_split_out() {
    golden("ocr_sidebar");
}

/// Poorly read paragraphs are flagged with their lines, and an article made
/// mostly of them is flagged whole; slight oddities are not.
#[test]
fn garbled_ocr_paragraphs_and_articles_are_flagged_for_review() {
    golden("ocr_garbled");
}

#[test]
fn shape_plain_headlines_by_evidence_kicker_subtitle_and_trailing_byline() {
    golden("plain");
}

#[test]
fn shape_web_html_flattened_with_figures_and_repeated_article_dropped() {
    golden("web");
}

/// A publication line or a dateline dates an article before any date in its
/// text; then the sidecar's issue date; the text only as a last resort,
/// flagged. Publication lines leave the body.
#[test]
fn dates_from_publication_lines_datelines_the_sidecar_and_last_the_text() {
    golden("dates");
}

/// On a newspaper page, the articles with no date of their own take the
/// page's issue date, inferred from its dated articles (the day after the
/// latest) and marked `date_inferred`; a web export's records share none,
/// and a web page's picture names (`W0YYYYMMDD…`) date it.
#[test]
fn undated_articles_of_a_page_take_its_inferred_issue_date() {
    golden("issue-dates");
}

#[test]
fn repeated_paragraphs_and_articles_keep_the_most_complete_copy() {
    golden("repeats");
}

#[test]
fn column_breaks_mended_across_a_figure() {
    golden("columns");
}

/// A column-break join that does not read as text is marked 〔…〕 and
/// flagged; a `replace` fix shows as an emendation 〈reading|printed〉; a
/// `drop` fix is recorded with its reason.
#[test]
fn conjecture_lacunae_and_emendations_are_marked() {
    golden("conjecture");
}

#[test]
fn headline_printed_after_its_body_moves_to_the_top() {
    golden("layout");
}

#[test]
fn ascii_punctuation_among_chinese_made_full_width_and_latin_flagged() {
    golden("punctuation");
}

#[test]
fn captions_and_photo_credits_become_figures() {
    golden("figures");
}

/// Places as an editor reads them: a person named like a province, a
/// city-wide story, a renamed county, Hong Kong, Taiwan and foreign news, a
/// visiting team in traditional characters.
#[test]
fn places_people_city_wide_renamed_abroad_and_traditional() {
    golden("places");
}

#[test]
fn bylines_in_every_usual_form_become_authors_with_their_roles() {
    golden("bylines");
}

/// Div and `<br>` soup with one long line per article and no separators:
/// each line is a record, its title from the element that names a title,
/// a bold head inside a paragraph a subheading, captions and credits
/// under a picture its figure.
/// Without a sidecar, a line of fields naming a source (`来源：江城晚报`)
/// gives the publication; `来源：网络` names no outlet and gives none.
#[test]
fn a_source_line_names_the_publication() {
    golden("source-line");
}

#[test]
fn web_div_and_br_soup_one_line_per_article() {
    golden("web-soup");
}

/// A table layout one tag per line: the bold centred cell is the headline,
/// the publication line dates it, `<br>` runs are paragraphs.
#[test]
fn web_table_layout() {
    golden("web-table");
}

/// A whole document: head, script and style are not text, the `<h1>`
/// repeats the `<title>` without the site's name, widgets are furniture.
#[test]
fn web_whole_document_with_head_script_and_style() {
    golden("web-document");
}

/// Lines on three records are the site's and leave all of them; a line on
/// two stays; well-known appeals leave wherever they are.
#[test]
fn furniture_on_every_record_is_dropped_and_noted() {
    golden("furniture");
}

/// An updated re-export (new lead, a paragraph fewer) merges into the
/// fuller version, the record saying how they differ.
#[test]
fn near_copy_re_export_is_merged_into_the_fuller_version() {
    golden("near-copy");
}

/// Headlines of other stories under 延伸阅读 or 【相关新闻】 are not text; a
/// sentence that opens with the same words is.
#[test]
fn related_headline_lists_are_dropped() {
    golden("related-list");
}

/// The headline printed again at the top of the body (a heading, a bold
/// line) is not a paragraph; a sentence that mentions it is.
#[test]
fn headline_repeated_in_the_body_is_dropped() {
    golden("headline-repeat");
}

/// The same text in GB18030 with CRLF, and in UTF-8 with a BOM, ingests to
/// the same articles as plain UTF-8, but for the encoding in their record.
#[test]
fn gb18030_and_bom_and_crlf_read_like_utf8() {
    let text = fs::read_to_string(case_dir("ocr").join("input.txt")).unwrap();
    let crlf = text.replace('\n', "\r\n");
    let reference = edition_with("ocr");
    ingest(reference.path()).success();
    let expected = files_in(&reference.path().join("content"));

    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&crlf);
    assert!(!unmappable);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(crlf.as_bytes());
    for (bytes, encoding) in [(gb.into_owned(), "gb18030"), (bom, "utf-8")] {
        let edition = edition_with("ocr");
        fs::write(edition.path().join("sources/input.txt"), &bytes).unwrap();
        ingest(edition.path()).success();
        let files = files_in(&edition.path().join("content"));
        assert!(files.iter().all(|(_, text)| text.contains(&format!("\nencoding = \"{encoding}\"\n"))));
        assert_eq!(without_record_of_encoding(&files), without_record_of_encoding(&expected));
    }
}

/// Article files without the lines that depend on the source's encoding:
/// `encoding` and the fingerprint of the whole file.
fn without_record_of_encoding(files: &[(String, String)]) -> Vec<(String, String)> {
    let keep = |line: &&str| !line.starts_with("encoding = ") && !line.starts_with("fingerprint = ");
    files
        .iter()
        .map(|(name, text)| (name.clone(), text.lines().filter(keep).collect::<Vec<_>>().join("\n")))
        .collect()
}

/// The bundled edition: ingest reproduces the committed `content/` byte for byte, twice.
#[test]
fn bundled_sources_reproduce_committed_content_deterministically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = files_in(&root.join("content"));
    assert!(committed.len() >= 25, "the bundled edition has its articles");
    for _ in 0..2 {
        let out = tempfile::tempdir().unwrap();
        duizhao().arg("-C").arg(root).args(["ingest", "--quiet", "--out"]).arg(out.path()).assert().success();
        assert!(files_in(out.path()) == committed, "ingest output differs from the committed content/");
    }
}

#[test]
fn an_article_edited_by_hand_survives_reingest() {
    let edition = edition_with("plain");
    ingest(edition.path()).success();
    let content = edition.path().join("content");
    let (name, original) = files_in(&content).into_iter().next().unwrap();
    let path = content.join(&name);
    let edited = original.replace("求职者排起了长队", "求职者排起了长长的队伍");
    assert_ne!(edited, original);
    fs::write(&path, &edited).unwrap();

    let out = ingest_saying_all(edition.path()).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains(&format!("kept: content/{name}: changed by hand")), "{stderr}");
    assert!(stderr.contains("1 kept because edited by hand"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    // A front matter edit counts as an edit too.
    let retitled = original.replace("title = \"春风行动暖人心\"", "title = \"春风行动\"");
    fs::write(&path, &retitled).unwrap();
    ingest(edition.path()).success();
    assert_eq!(fs::read_to_string(&path).unwrap(), retitled);

    // --force names the file it overwrites and keeps the editor's version beside it.
    let out = duizhao().arg("-C").arg(edition.path()).args(["ingest", "--force"]).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains(&format!("replaced: content/{name}: changed by hand")), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    assert_eq!(fs::read_to_string(content.join(format!("{name}.orig"))).unwrap(), retitled);
}

#[test]
fn dry_run_writes_nothing() {
    let edition = edition_with("plain");
    let out = duizhao().arg("-C").arg(edition.path()).args(["ingest", "--dry-run"]).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("would write:"), "{stderr}");
    assert!(!edition.path().join("content").exists());
}

/// Runs ingest on an edition whose only source has these bytes; returns stderr.
fn ingest_bad(bytes: &[u8], fixes: Option<&str>) -> (String, tempfile::TempDir) {
    let edition = tempfile::tempdir().unwrap();
    let sources = edition.path().join("sources");
    fs::create_dir(&sources).unwrap();
    fs::write(sources.join("bad.txt"), bytes).unwrap();
    if let Some(fixes) = fixes {
        fs::write(sources.join("bad.fixes.toml"), fixes).unwrap();
    }
    let out = ingest(edition.path()).failure().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!edition.path().join("content").exists(), "nothing written for a bad source");
    (stderr, edition)
}

#[test]
fn empty_file_is_refused_with_its_name() {
    let (stderr, _e) = ingest_bad(b"\n \n", None);
    assert!(stderr.contains("sources/bad.txt: the file is empty: there is nothing to ingest"), "{stderr}");
}

#[test]
fn binary_file_is_refused_with_its_name() {
    let (stderr, _e) = ingest_bad(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None);
    assert!(stderr.contains("sources/bad.txt: the file looks binary (a NUL byte at offset 8)"), "{stderr}");
}

#[test]
fn undecodable_bytes_are_refused_with_their_offset() {
    let mut bytes = encoding_rs::GB18030.encode("标题\n\n正文内容。\n").0.into_owned();
    let offset = bytes.len();
    bytes.extend_from_slice(&[0x81, 0x20, 0x0a]);
    let (stderr, _e) = ingest_bad(&bytes, None);
    assert!(
        stderr.contains(&format!(
            "sources/bad.txt:4: the file reads as plausible Chinese only with invalid bytes (as gb18030: invalid bytes from line 4 (offset {offset}), 8 non-ASCII characters, 88% common, 12% rare; as big5: "
        )),
        "{stderr}"
    );
}

#[test]
fn a_fix_naming_a_line_past_the_end_is_refused_at_the_fix() {
    let fixes = "# fixes\n[[fix]]\ndrop = [2, 40]\nreason = \"test\"\n";
    let (stderr, _e) = ingest_bad("标题\n\n正文内容。\n".as_bytes(), Some(fixes));
    assert!(stderr.contains("error: this fix names line 40, but"), "{stderr}");
    assert!(stderr.contains(" --> sources/bad.fixes.toml:2:1\n"), "{stderr}");
    assert!(stderr.contains("bad.txt has 3 lines: correct the line number"), "{stderr}");
}

#[test]
fn a_bad_source_does_not_stop_the_others() {
    let edition = edition_with("plain");
    fs::write(edition.path().join("sources/empty.txt"), "").unwrap();
    let out = ingest(edition.path()).failure().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("1 source(s) failed"), "{stderr}");
    assert_eq!(files_in(&edition.path().join("content")).len(), 2);
}

/// An article the source no longer gives is named and left in place; one an
/// editor renamed is found under its new name and not written again.
#[test]
fn quiet_ingest_prints_only_errors_and_the_summary() {
    let edition = edition_with("plain");
    ingest(edition.path()).success();
    let content = edition.path().join("content");
    let (name, original) = files_in(&content).into_iter().next().unwrap();
    fs::write(content.join(&name), original.replace("求职者", "应聘者")).unwrap();
    let out = ingest(edition.path()).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("kept: ") && !stderr.contains("warning:"), "{stderr}");
    assert!(
        stderr.starts_with("ingest: 1 source(s) → 2 article(s): 0 written, 1 unchanged, 1 kept"),
        "{stderr}"
    );
}

#[test]
fn an_article_no_longer_produced_is_named_and_kept() {
    let edition = edition_with("plain");
    ingest(edition.path()).success();
    let content = edition.path().join("content");
    let files = files_in(&content);
    let (first, _) = &files[0];
    let (second, second_text) = &files[1];
    let renamed = content.join(format!("renamed-{first}"));
    fs::rename(content.join(first), &renamed).unwrap();
    // The source now ends before its second article.
    let source = edition.path().join("sources/input.txt");
    let text = fs::read_to_string(&source).unwrap();
    fs::write(&source, text.lines().take(14).collect::<Vec<_>>().join("\n") + "\n").unwrap();

    let out = ingest_saying_all(edition.path()).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!(
            "warning: content/{second}: written by an earlier ingest of sources/input.txt but not produced by this one"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("renamed-"), "the renamed article is this source's article: {stderr}");
    assert_eq!(fs::read_to_string(content.join(second)).unwrap(), *second_text);
    assert!(renamed.exists() && !content.join(first).exists(), "the old id is not written again");
}

#[test]
fn a_picture_kept_beside_the_source_is_copied_and_one_not_kept_is_marked() {
    let edition = edition_with("web");
    let picture = b"\x89PNG\r\n\x1a\n a picture".to_vec();
    let source = edition.path().join("sources/input.txt");
    let text = fs::read_to_string(&source).unwrap().replace("W020210312000001.jpg", "kept.png");
    fs::write(&source, text).unwrap();
    fs::write(edition.path().join("sources/kept.png"), &picture).unwrap();
    ingest(edition.path()).success();
    let content = edition.path().join("content");
    assert_eq!(fs::read(content.join("kept.png")).unwrap(), picture);
    let article = files_in_text(&content);
    assert!(article.contains("](kept.png)"), "{article}");

    fs::remove_file(edition.path().join("sources/kept.png")).unwrap();
    duizhao().arg("-C").arg(edition.path()).args(["ingest", "--force"]).assert().success();
    assert!(files_in_text(&content).contains("](kept.png \"not kept\")"));
}

/// The text of the one article in `dir`.
fn files_in_text(dir: &Path) -> String {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn a_set_fix_naming_a_line_outside_every_article_is_refused() {
    let fixes = "[[fix]]\nline = 2\nset = { title = \"新标题\" }\nreason = \"test\"\n";
    let (stderr, _e) = ingest_bad("标题\n\n正文内容。\n".as_bytes(), Some(fixes));
    assert!(
        stderr.contains("sources/bad.fixes.toml:1: this `set` fix names line 2, which is in no article"),
        "{stderr}"
    );
}

/// An article's id is made when it is first written, from its date and
/// title after `set` fixes (a date fix counts as a title fix does); later
/// ingests find it again by its source lines and keep the id, so its
/// translation stays paired.
#[test]
fn a_set_fix_of_date_or_title_names_the_article() {
    use crate::common::EditionTest;
    let source = "# 郧阳区企业复工\n\n2月16日，郧阳区已有五十家企业复工。\n";
    let sidecar = "publication = \"十堰日报\"\nyear = 2020\n";
    let edition = EditionTest::empty()
        .file("edition.toml", "")
        .file("sources/a.txt", source)
        .file("sources/a.toml", sidecar)
        .file(
            "sources/a.fixes.toml",
            "[[fix]]\nline = 1\nset = { date = 2020-03-01 }\nreason = \"the page is dated 1 March\"\n",
        );
    edition.dz(&["ingest", "--quiet"]).success();
    let dated = edition.path("content/2020-03-01-yun-yang-qu-qi-ye-fu-gong.md");
    assert!(
        dated.is_file(),
        "the id follows the fixed date: {:?}",
        std::fs::read_dir(edition.path("content"))
    );
    assert!(std::fs::read_to_string(&dated).unwrap().contains("date = 2020-03-01"));

    let edition = edition.file(
        "sources/a.fixes.toml",
        "[[fix]]\nline = 1\nset = { title = \"郧阳企业复产\" }\nreason = \"the headline as printed\"\n",
    );
    edition.dz(&["ingest", "--quiet"]).success();
    let kept = std::fs::read_to_string(&dated).unwrap();
    assert!(kept.contains("title = \"郧阳企业复产\""), "{kept}");
    assert_eq!(std::fs::read_dir(edition.path("content")).unwrap().count(), 1);
}
