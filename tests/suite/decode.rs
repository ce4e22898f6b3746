//! Decoding as a user meets it (issue 9): sources in Big5-HKSCS, GB18030
//! and UTF-16 are read in their encoding, which each article records; a
//! source the evidence does not settle is refused, naming the file, each
//! reading with its score and the sidecar key; the sidecar is obeyed.
//! The texts are written for these tests and encoded here.

use crate::common::{EditionTest, changed};

/// Hong Kong news in Cantonese; 啲 嘅 咗 哋 喺 are HKSCS characters.
const CANTONESE: &str = "渡輪服務遲到　居民請願\n\n港島東區居民今日上午到區議會請願，要求當局盡快改善渡輪服務。有街坊話：「啲船成日遲到，我哋返工都趕唔切，真係冇辦法。」\n\n運輸署發言人表示，已經收到居民嘅意見，會同營辦商研究增加班次。居民話等咗咁耐先有回應，記者喺碼頭見到好多人排隊等船。\n";

const MAINLAND: &str = "社区防控再加码\n\n本报讯（记者王明）3月2日，市疫情防控指挥部召开会议，研究部署下一阶段工作。会议要求，各地要继续做好社区防控，确保人民群众生命安全。\n";

const SIDECAR: &str = "year = 2020\ndate = 2020-03-02\n";

/// `text` in Big5-HKSCS: `encoding_rs`'s Big5 encoder, and the HKSCS
/// bytes of the characters it leaves out.
fn big5_hkscs(text: &str) -> Vec<u8> {
    let hkscs = [
        ('啲', [0x9D, 0xF8]),
        ('嘅', [0x9D, 0xEF]),
        ('咗', [0x9D, 0xF7]),
        ('哋', [0x92, 0x5D]),
        ('喺', [0x9D, 0xF6]),
    ];
    let mut bytes = Vec::new();
    for c in text.chars() {
        if let Some((_, pair)) = hkscs.iter().find(|(h, _)| *h == c) {
            bytes.extend_from_slice(pair);
        } else {
            let mut utf8 = [0; 4];
            let (encoded, _, unmappable) = encoding_rs::BIG5.encode(c.encode_utf8(&mut utf8));
            assert!(!unmappable, "{c}");
            bytes.extend_from_slice(&encoded);
        }
    }
    bytes
}

/// Ingests `bytes` as `sources/page.txt`, with a sidecar holding `extra`:
/// the edition and the one article written.
fn ingest_one(bytes: Vec<u8>, extra: &str, summary: &str) -> (EditionTest, String) {
    let f = EditionTest::empty();
    f.write("sources/page.txt", bytes);
    f.write("sources/page.toml", format!("{SIDECAR}{extra}"));
    let before = f.sums();
    f.dz(&["ingest"]).code(0).stderr_has(summary);
    let written: Vec<String> =
        changed(&before, &f.sums()).into_iter().filter(|p| p.ends_with(".md")).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let article = f.read(&written[0]);
    (f, article)
}

#[test]
fn cantonese_in_big5_hkscs_is_read_as_big5_and_recorded() {
    let (_, article) =
        ingest_one(big5_hkscs(CANTONESE), "", "sources/page.txt: plain text (Big5), 1 article(s)");
    assert!(article.contains("title = \"渡輪服務遲到　居民請願\""), "{article}");
    assert!(article.contains("有街坊話：「啲船成日遲到，我哋返工都趕唔切，真係冇辦法。」"), "{article}");
    assert!(
        article.contains("\n[ingest]\nfingerprint = \"") && article.contains("\nencoding = \"big5\"\n"),
        "{article}"
    );
}

#[test]
fn gb18030_and_utf16_are_read_and_recorded() {
    let gb = encoding_rs::GB18030.encode(MAINLAND).0.into_owned();
    let (_, article) = ingest_one(gb, "", "(gb18030), 1 article(s)");
    assert!(
        article.contains("\nencoding = \"gb18030\"\n") && article.contains("确保人民群众生命安全。"),
        "{article}"
    );
    let mut be = vec![0xFE, 0xFF];
    be.extend(CANTONESE.encode_utf16().flat_map(u16::to_be_bytes));
    let (_, article) = ingest_one(be, "", "(UTF-16BE), 1 article(s)");
    assert!(article.contains("\nencoding = \"utf-16be\"\n") && article.contains("我哋返工"), "{article}");
}

/// Issue 9's mojibake: Big5 with one byte pair Big5 lacks (丂 in GB18030)
/// reads without error only as GB18030, and was taken as that.
#[test]
fn big5_with_a_stray_byte_is_refused_with_the_readings_and_the_key() {
    let f = EditionTest::empty();
    let mut bytes = big5_hkscs(CANTONESE);
    bytes.extend_from_slice(b"\n\x81\x40\n");
    f.write("sources/page.txt", bytes);
    f.write("sources/page.toml", SIDECAR);
    let before = f.sums();
    f.dz(&["ingest"])
        .code(1)
        .no_panic()
        .stderr_has("error: sources/page.txt:7: the file reads as plausible Chinese only with invalid bytes (as big5: invalid bytes from line 7 (offset ")
        .stderr_has("; as gb18030: ")
        .stderr_has("sidecar sources/page.toml (`encoding = \"big5\"`)")
        .stderr_has("`encoding = \"big5\"`");
    assert_eq!(before, f.sums(), "nothing written");
    // Named, the encoding is obeyed, and the bad bytes are shown.
    f.write("sources/page.toml", format!("{SIDECAR}encoding = \"big5\"\n"));
    f.dz(&["ingest"]).code(1).stderr_has("sources/page.txt:7: bytes at offset ");
    // The stray bytes deleted, the file reads as Big5.
    f.write("sources/page.txt", big5_hkscs(CANTONESE));
    f.dz(&["ingest"]).code(0).stderr_has("(Big5), 1 article(s)");
}

#[test]
fn short_and_garbage_sources_are_refused_with_their_name() {
    let f = EditionTest::empty();
    f.write("sources/short.txt", [0xB0, 0xA1, 0xB0, 0xA2]);
    f.dz(&["ingest"])
        .code(1)
        .stderr_has("error: sources/short.txt: the file reads as more than one encoding, and its characters do not settle which (as ")
        .stderr_has("`encoding = \"gb18030\"` or `encoding = \"big5\"`");
    // Named, it reads (a headline with no text, so no article).
    f.write("sources/short.toml", "encoding = \"gbk\"\n");
    f.dz(&["ingest"]).code(0).stderr_has("sources/short.txt: plain text (gb18030), 0 article(s)");

    let garbage: Vec<u8> =
        (0u32..3000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0] | 0x80).collect();
    f.write("sources/garbage.txt", garbage);
    f.dz(&["ingest", "sources/garbage.txt"])
        .code(1)
        .no_panic()
        .stderr_has("error: sources/garbage.txt:1: ")
        .stderr_has("(as gb18030: ")
        .stderr_has("convert it to UTF-8");
}
