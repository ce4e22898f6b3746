//! Rows of the review about sources: odd, empty, binary files, odd names,
//! links out of the edition, and a new source whose articles have the ids of
//! another's.

#[allow(unused_imports)]
use crate::common::*;

const S001: &str = "sources/001_fb090d6bc539e31c";
const S003: &str = "sources/003_c171a1427bcab795";

/// Bytes that hold a NUL, as random bytes do.
fn garbage() -> Vec<u8> {
    (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0]).collect()
}

#[cfg(unix)]
fn link(target: &std::path::Path, at: &std::path::Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[test]
fn s01_an_empty_source_fails_alone() {
    let f = Fresh::new();
    f.write("sources/empty.txt", "");
    let before = f.sums();
    f.dz(&["ingest"])
        .code(1)
        .stderr_has("error: sources/empty.txt: the file is empty: there is nothing to ingest")
        .stderr_has("0 written, 34 unchanged, 0 kept because edited by hand, 1 source(s) failed");
    assert_eq!(before, f.sums());
}

#[test]
fn s02_a_binary_source_is_refused_with_its_name() {
    let f = Fresh::new();
    f.write("sources/garbage.txt", garbage());
    let before = f.sums();
    f.dz_here(&["ingest", "sources/garbage.txt"])
        .code(1)
        .stderr_has("error: sources/garbage.txt: the file looks binary (a NUL byte at offset");
    assert_eq!(before, f.sums());
}

/// With `-C`, a relative path is taken from the edition's folder and named
/// as the user gave it.
#[test]
fn s02a_with_dash_c_a_source_is_found_in_the_edition_and_named_as_given() {
    let f = Fresh::new();
    f.write("sources/garbage.txt", garbage());
    let before = f.sums();
    f.dz(&["ingest", "sources/garbage.txt"])
        .code(1)
        .stderr_has("error: sources/garbage.txt: the file looks binary (a NUL byte at offset");
    f.dz(&["ingest", "sources/nosuch.txt"]).code(2).stderr_has("error: sources/nosuch.txt: No such file");
    assert_eq!(before, f.sums());
    // A good source, with -C from elsewhere, is ingested and named as given.
    f.dz(&["ingest", &format!("{S001}.txt")])
        .code(0)
        .stderr_has(&format!("{S001}.txt: plain text"))
        .stderr_has("0 written, 6 unchanged");
    assert_eq!(before, f.sums());
}

#[test]
fn s12a_a_name_with_spaces_and_unicode_is_ingested_beside_the_original() {
    let f = Fresh::new();
    let name = "sources/my source 报纸 ① .txt";
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path(name)).unwrap();
    std::fs::copy(f.path(&format!("{S001}.toml")), f.path("sources/my source 报纸 ① .toml")).unwrap();
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has(&format!("{name}: plain text (UTF-8), 5 article(s)"));
    let touched = changed(&before, &f.sums());
    assert_eq!(touched.len(), 5, "five new articles: {touched:?}");
    assert!(touched.iter().all(|p| p.starts_with("content/") && p.ends_with("-2.md")), "{touched:?}");
    f.dz(&["build", "-q"]).code(0).stdout_has("39 articles").stdout_has("342/").stderr_lacks("stale");
}

/// `..txt` is a hidden file: skipped with a note in a folder, refused by name.
#[test]
fn s12b_a_file_named_dot_dot_txt_is_skipped_with_a_note_or_refused_by_name() {
    let f = Fresh::new();
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path("sources/..txt")).unwrap();
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has("note: sources/..txt: hidden (the name starts with '.'), skipped as the build skips it")
        .stderr_has("0 written, 34 unchanged");
    f.dz(&["ingest", "sources/..txt"])
        .code(2)
        .stderr_has("error: sources/..txt: the name starts with '.', so the file is hidden")
        .stderr_lacks("Is a directory");
    assert_eq!(before, f.sums());
}

/// `...txt` (hidden, so the build ignores it) no longer takes 001's ids.
#[test]
fn s12c_a_hidden_copy_does_not_take_the_originals_ids() {
    let f = Fresh::new();
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path("sources/...txt")).unwrap();
    let before = f.sums();
    for entry in std::fs::read_dir(f.path("content")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    f.dz(&["ingest"]).code(0).stderr_has("note: sources/...txt: hidden").stderr_has("34 written");
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q"]).code(0).stdout_has("342/342 blocks translated").stderr_lacks("stale");
}

#[test]
fn s12d_a_name_with_a_newline_markup_and_quotes_is_ingested() {
    let f = Fresh::new();
    std::fs::copy(f.path(&format!("{S001}.txt")), f.path("sources/new\nline<b>\"x\".txt")).unwrap();
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has("line<b>\"x\".txt: plain text (UTF-8), 5 article(s)");
    assert_eq!(changed(&before, &f.sums()).len(), 5);
    f.dz(&["build", "-q"]).code(0).stdout_has("39 articles");
}

/// S13: a folder walk names the link it skips.
#[cfg(unix)]
#[test]
fn s13_a_link_out_of_the_edition_is_skipped_with_a_note() {
    let f = Fresh::new();
    let secret = f.outside("secret.txt");
    write_file(&secret, "root:x:0:0:root:/root:/bin/bash\n".as_bytes());
    link(&secret, &f.path("sources/passwd.txt"));
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has(&format!("note: sources/passwd.txt: a link to {}, skipped", secret.display()))
        .stderr_has("0 written, 34 unchanged");
    assert_eq!(before, f.sums());
}

/// S13b: named on the command line, the link is refused, located, and
/// nothing of the file it points to reaches content/.
#[cfg(unix)]
#[test]
fn s13b_a_named_link_out_of_the_edition_is_refused() {
    let f = Fresh::new();
    let secret = f.outside("secret.txt");
    write_file(&secret, "root:x:0:0:root:/root:/bin/bash\n".as_bytes());
    link(&secret, &f.path("sources/passwd.txt"));
    let real = std::fs::canonicalize(&secret).unwrap();
    let before = f.sums();
    // Sources named on the command line that cannot be read: could not run.
    f.dz(&["ingest", "sources/passwd.txt"]).code(2).stderr_has(&format!(
        "error: sources/passwd.txt: a link to {}, outside the edition: copy the file into sources/ if you mean it",
        real.display()
    ));
    // A plain file outside the edition, or in it but outside sources/, is refused too.
    f.dz(&["ingest", secret.to_str().unwrap()])
        .code(2)
        .stderr_has("outside the edition: copy the file into sources/");
    f.write("drafts/x.txt", "标题\n\n正文内容。\n");
    f.dz(&["ingest", "drafts/x.txt"]).code(2).stderr_has("error: drafts/x.txt: outside sources/");
    f.dz(&["ingest", "--dry-run", ".."]).code(2).stderr_has("outside the edition");
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
}

/// A link that stays in sources/ may be named; its articles are those of
/// the file it points to, not copies.
#[cfg(unix)]
#[test]
fn s13c_a_named_link_within_sources_reads_its_target() {
    let f = Fresh::new();
    link(std::path::Path::new("001_fb090d6bc539e31c.txt"), &f.path("sources/alias.txt"));
    let before = f.sums();
    f.dz(&["ingest", "sources/alias.txt"])
        .code(0)
        .stderr_has(&format!("{S001}.txt: plain text"))
        .stderr_has("0 written, 6 unchanged")
        .stderr_lacks("warning");
    assert_eq!(before, f.sums());
}

#[cfg(unix)]
#[test]
fn s14_link_loops_in_a_folder_are_skipped_with_a_note() {
    let f = Fresh::new();
    link(std::path::Path::new("loop2.txt"), &f.path("sources/loop1.txt"));
    link(std::path::Path::new("loop1.txt"), &f.path("sources/loop2.txt"));
    std::fs::create_dir(f.path("sources/sub")).unwrap();
    link(std::path::Path::new(".."), &f.path("sources/sub/up"));
    link(std::path::Path::new("../sub"), &f.path("sources/sub/self"));
    let before = f.sums();
    f.dz(&["ingest"])
        .code(0)
        .stderr_has("note: sources/loop1.txt: a link to loop2.txt, skipped")
        .stderr_has("note: sources/sub/up: a link to .., skipped")
        .stderr_has("0 written, 34 unchanged");
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q"]).code(0);
}

#[cfg(unix)]
#[test]
fn s14b_a_named_loop_is_refused() {
    let f = Fresh::new();
    link(std::path::Path::new("loop2.txt"), &f.path("sources/loop1.txt"));
    link(std::path::Path::new("loop1.txt"), &f.path("sources/loop2.txt"));
    let before = f.sums();
    f.dz(&["ingest", "sources/loop1.txt"])
        .code(2)
        .stderr_has("error: sources/loop1.txt: Too many levels of symbolic links");
    assert_eq!(before, f.sums());
}

/// S16: a source whose name is markup, a copy of 003: its six articles get
/// ids of their own, 003's are untouched; the name stays escaped in the site.
#[test]
fn s16_a_copy_under_a_hostile_name_does_not_overwrite_the_originals() {
    let f = Fresh::new();
    let name = "sources/<img src=x onerror=\"alert('S16')\">.txt";
    std::fs::copy(f.path(&format!("{S003}.txt")), f.path(name)).unwrap();
    let before = f.sums();
    let run = f.dz(&["ingest", name]);
    run.code(0).stderr_has(&format!("which holds an article of {S003}.txt: written as content/"));
    let touched = changed(&before, &f.sums());
    assert_eq!(touched.len(), 6, "{touched:?}");
    assert!(touched.iter().all(|p| p.ends_with("-2.md")), "{touched:?}");
    f.dz(&["build", "-q"]).code(0).stdout_has("40 articles");
    let sources_page = std::fs::read_to_string(f.path("public/sources/index.html")).unwrap();
    assert!(sources_page.contains("onerror") && !sources_page.contains("<img src=x onerror"), "escaped");
}

/// S08, the overwrite part: a large source repeating 003 writes its own
/// articles and leaves 003's as they are.
#[test]
fn s08_a_source_repeating_another_leaves_the_others_articles_alone() {
    let f = Fresh::new();
    let text = f.read(&format!("{S003}.txt"));
    f.write("sources/big.txt", text.repeat(3));
    std::fs::copy(f.path(&format!("{S003}.toml")), f.path("sources/big.toml")).unwrap();
    let before = f.sums();
    f.dz(&["ingest", "-q", "sources/big.txt"]).code(0);
    let touched = changed(&before, &f.sums());
    assert!(!touched.is_empty(), "big.txt's articles are written");
    let overwritten: Vec<_> = touched.iter().filter(|p| before.0.contains_key(*p)).collect();
    assert!(overwritten.is_empty(), "{overwritten:?}");
}

/// Decoding rows (S02b–S07) and pages with no text (S10, S10b, S11).
mod decode {
    use crate::common::*;

    const SOURCE_001: &str = "sources/001_fb090d6bc539e31c.txt";

    const TRADITIONAL: &str = "臺灣醫療隊抵達武漢支援抗疫\n\n本報訊（記者王小明）2月18日，一支由二十名醫護人員組成的醫療隊抵達武漢，投入新冠肺炎患者的救治工作。\n\n醫療隊隊長表示，隊員們將全力以赴，與當地醫護人員並肩作戰，早日戰勝疫情。\n\n據了解，這是該省派出的第三批醫療隊。隊員們攜帶了大量防護物資和醫療設備。\n";

    const SIDECAR: &str = "year = 2020\nregion = \"湖北省/武汉市\"\n";

    /// The files `run` added or changed, by path.
    fn big5(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn s02b_random_bytes_without_nuls_are_refused_as_no_known_encoding() {
        let f = Fresh::new();
        let mut state: u32 = 7;
        let bytes: Vec<u8> = std::iter::repeat_with(|| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16).to_le_bytes()[0]
        })
        .filter(|&b| b != 0)
        .take(200_000)
        .collect();
        f.write("sources/garbage.txt", bytes);
        let before = f.sums();
        f.dz_here(&["ingest", "sources/garbage.txt"])
            .code(1)
            .stderr_has("error: sources/garbage.txt:1: the file is not text in UTF-8, GB18030/GBK or Big5 (as gb18030: ")
            .stderr_has("invalid bytes from line 1 (offset ")
            .stderr_has("; as big5: ")
            .stderr_has("convert it to UTF-8")
            .no_panic();
        assert_eq!(before, f.sums());
    }

    #[test]
    fn s03_utf16le_with_bom_reads_as_the_utf8_it_was_made_from() {
        let f = Fresh::new();
        let text = f.read(SOURCE_001);
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        f.write(SOURCE_001, bytes);
        let before = f.sums();
        f.dz_here(&["ingest", SOURCE_001])
            .code(0)
            .stderr_has("plain text (UTF-16LE), 6 article(s)")
            .stderr_has("6 written, 0 unchanged");
        let written = changed(&before, &f.sums());
        assert_eq!(written.iter().filter(|p| p.starts_with("content/")).count(), 6, "{written:?}");
        // The same articles, but for the encoding in their record (and so its fingerprint).
        for path in written.iter().filter(|p| p.starts_with("content/")) {
            let now = f.read(path);
            let then = std::fs::read_to_string(repo().join(path)).unwrap();
            assert!(now.contains("\nencoding = \"utf-16le\"\n"), "{now}");
            let bare = |text: &str| -> String {
                text.lines()
                    .filter(|l| !l.starts_with("encoding = ") && !l.starts_with("fingerprint = "))
                    .collect()
            };
            assert_eq!(bare(&now), bare(&then), "{path}");
        }
    }

    #[test]
    fn s03b_utf16be_with_bom_and_no_ascii_keeps_the_chinese_exactly() {
        let f = Fresh::new();
        let text = TRADITIONAL.replace("2月18日", "二月十八日");
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        f.write("sources/u16pure.txt", bytes);
        f.write("sources/u16pure.toml", SIDECAR);
        let before = f.sums();
        f.dz_here(&["ingest", "sources/u16pure.txt"]).code(0).stderr_has("(UTF-16BE), 1 article(s)");
        let added: Vec<String> = changed(&before, &f.sums()).into_iter().collect();
        assert_eq!(added.len(), 1, "{added:?}");
        let article = std::fs::read_to_string(f.root.join(&added[0])).unwrap();
        assert!(article.contains("title = \"臺灣醫療隊抵達武漢支援抗疫\""), "{article}");
        assert!(article.contains("隊員們攜帶了大量防護物資和醫療設備。"), "{article}");
    }

    #[test]
    fn s03_utf16_without_bom_is_named_with_the_command_that_converts_it() {
        let f = Fresh::new();
        let bytes: Vec<u8> = f.read(SOURCE_001).encode_utf16().flat_map(u16::to_le_bytes).collect();
        f.write("sources/u16.txt", bytes);
        let before = f.sums();
        f.dz_here(&["ingest", "sources/u16.txt"])
            .code(1)
            .stderr_has("sources/u16.txt: the file looks like UTF-16LE without a byte-order mark")
            .stderr_has("iconv -f UTF-16LE -t UTF-8")
            .stderr_has("or name it in its sidecar sources/u16.toml (`encoding = \"utf-16le\"`)");
        assert_eq!(before, f.sums());
    }

    /// Ingests `bytes` as `sources/big5.txt` with a sidecar: the one article
    /// it writes, which must be the traditional text, not mojibake.
    fn ingest_big5(bytes: Vec<u8>) -> String {
        let f = Fresh::new();
        f.write("sources/big5.txt", bytes);
        f.write("sources/big5.toml", SIDECAR);
        let before = f.sums();
        f.dz_here(&["ingest", "sources/big5.txt"])
            .code(0)
            .stderr_has("sources/big5.txt: plain text (Big5), 1 article(s)");
        let added: Vec<String> = changed(&before, &f.sums()).into_iter().collect();
        assert_eq!(added, ["content/2020-02-18-tai-wan-yi-liao-dui-di-da.md"]);
        f.read(&added[0])
    }

    #[test]
    fn s04_big5_is_read_as_big5() {
        let bytes = big5(TRADITIONAL);
        assert_eq!(bytes.len(), 276);
        let article = ingest_big5(bytes);
        assert!(article.contains("title = \"臺灣醫療隊抵達武漢支援抗疫\""), "{article}");
        assert!(article.contains("醫療隊隊長表示，隊員們將全力以赴"), "{article}");
    }

    #[test]
    fn s04b_a_longer_big5_source_with_repeated_paragraphs_is_read_as_big5() {
        let body = TRADITIONAL.split_once("\n\n").unwrap().1;
        let text = format!("{TRADITIONAL}\n{body}\n{body}\n據悉，醫療隊將在武漢工作一個月。\n");
        let bytes = big5(&text);
        assert!(bytes.len() > 700, "{}", bytes.len());
        let article = ingest_big5(bytes);
        assert!(article.contains("據悉，醫療隊將在武漢工作一個月。"), "{article}");
        assert_eq!(article.matches("據了解，這是該省派出的第三批醫療隊。").count(), 1, "{article}");
    }

    #[test]
    fn s04_a_file_that_reads_as_both_is_refused_until_the_sidecar_names_one() {
        let f = Fresh::new();
        // 啊阿 and rows B0 and B1 of GB 2312, in the order of the table:
        // no more plausible as Chinese than their Big5 reading.
        let mut bytes = vec![0xB0, 0xA1, 0xB0, 0xA2, b'\n', b'\n'];
        for lead in [0xB0, 0xB1] {
            bytes.extend((0xA1..0xFF).flat_map(|trail| [lead, trail]));
            bytes.extend_from_slice(b"\n\n");
        }
        f.write("sources/short.txt", bytes);
        f.write("sources/short.toml", SIDECAR);
        let before = f.sums();
        f.dz_here(&["ingest", "sources/short.txt"])
            .code(1)
            .stderr_has("sources/short.txt: no encoding reads the file as plausible Chinese (as gb18030: 190 non-ASCII characters, ")
            .stderr_has("name the encoding in its sidecar sources/short.toml: `encoding = \"gb18030\"` or `encoding = \"big5\"`");
        assert_eq!(before, f.sums());

        f.write("sources/short.toml", format!("{SIDECAR}encoding = \"gb18030\"\n"));
        f.dz_here(&["ingest", "sources/short.txt"]).code(0).stderr_has("plain text (gb18030), 1 article(s)");

        f.write("sources/short.toml", format!("{SIDECAR}encoding = \"shift_jis\"\n"));
        let before = f.sums();
        f.dz_here(&["ingest", "sources/short.txt"]).code(1).error_at(
            "sources/short.toml:3:12",
            "invalid sidecar: encoding \"shift_jis\" is not one ingest reads",
        );
        assert_eq!(before, f.sums());
    }

    #[test]
    fn s05_utf8_with_a_few_bad_bytes_is_refused_at_their_line_and_offset() {
        let f = Fresh::new();
        let mut bytes = f.read(SOURCE_001).into_bytes();
        bytes.splice(11549..11549, [0xFF, 0xFE, 0xC3]);
        f.write(SOURCE_001, bytes);
        let before = f.sums();
        // Byte 11549 fell inside a character, so its first byte (E5, at
        // 11548) is the first bad one.
        f.dz_here(&["ingest", SOURCE_001])
            .code(1)
            .stderr_has(&format!(
                "error: {SOURCE_001}:93: the file is UTF-8 except for the bytes E5 FF FE at offset 11548: delete or correct them"
            ))
            .stderr_lacks("iconv");
        assert_eq!(before, f.sums());
    }

    fn with_line_ends(end: &str) {
        let f = Fresh::new();
        let source = "sources/000_f2912eee4dbf89f0.txt";
        f.write(source, f.read(source).replace('\n', end));
        let before = f.sums();
        f.dz_here(&["ingest"]).code(0).stderr_has("0 written, 34 unchanged");
        assert_eq!(before, f.sums());
    }

    #[test]
    fn s06_crlf_line_ends_give_the_same_articles() {
        with_line_ends("\r\n");
    }

    #[test]
    fn s07_cr_only_line_ends_give_the_same_articles() {
        with_line_ends("\r");
    }

    #[test]
    fn s10_an_html_page_with_no_text_is_not_written() {
        let f = Fresh::new();
        f.write(
            "sources/onlyhtml.txt",
            "<html><head><title></title><style>p{color:red}</style></head><body><p><img src=\"a.jpg\"><br/></p><p>&nbsp;</p></body></html>\n",
        );
        let before = f.sums();
        f.dz_here(&["ingest", "sources/onlyhtml.txt"])
            .code(0)
            .stderr_has("warning: sources/onlyhtml.txt:1: an article of markup or pictures only has no text left after cleaning: not written")
            .stderr_has("web export")
            .stderr_has("0 article(s)");
        assert_eq!(before, f.sums());
    }

    #[test]
    fn s10b_a_web_export_with_only_empty_paragraphs_is_not_written() {
        let f = Fresh::new();
        f.write("sources/onlyhtml2.txt", "标题\n<p></p><p>&nbsp;</p>\n<p>　</p>\n");
        let before = f.sums();
        f.dz_here(&["ingest", "sources/onlyhtml2.txt"]).code(0).stderr_has(
            "warning: sources/onlyhtml2.txt:1: \"标题\" has no text left after cleaning: not written",
        );
        assert_eq!(before, f.sums());
    }

    #[test]
    fn s11_a_long_single_line_is_one_article_that_builds_and_translates() {
        let f = Fresh::new();
        let sentence = "本报讯，疫情防控工作有序开展，各级党组织和广大党员干部冲锋在前。";
        let line = sentence.repeat(5 * 1024 * 1024 / sentence.len());
        f.write("sources/longline.txt", format!("{line}\n"));
        f.write("sources/longline.toml", SIDECAR);
        let before = f.sums();
        f.dz_here(&["ingest", "sources/longline.txt"]).code(0).stderr_has("plain text (UTF-8), 1 article(s)");
        let added: Vec<String> = changed(&before, &f.sums()).into_iter().collect();
        assert_eq!(added.len(), 1, "{added:?}");
        f.dz_here(&["build", "-q"]).code(0);
        let id = added[0].trim_start_matches("content/").trim_end_matches(".md").to_string();
        f.dz_here(&["translate", &id]).code(0);
        assert!(f.path(&format!("translations/en/{id}.md")).is_file());
    }
}
