//! Fixtures written for these tests, encoded here with `encoding_rs` (and,
//! for the HKSCS characters its Big5 encoder leaves out, their HKSCS bytes).

use super::*;

const SIMPLIFIED: &str = "本报讯 记者张启国报道：2月27日下午，广西对口支援我市的两辆负压救护车运抵我市。";

/// Hong Kong news in Cantonese: 啲 嘅 咗 哋 喺 are HKSCS characters.
const CANTONESE: &str = "港島東區居民今日上午到區議會請願，要求當局盡快改善渡輪服務。\n\n有街坊話：「啲船成日遲到，我哋返工都趕唔切，真係冇辦法。」\n\n運輸署發言人表示，已經收到居民嘅意見，會同營辦商研究增加班次，新時間表最快下個月公布。居民話等咗咁耐先有回應，記者喺碼頭見到好多人排隊等船。\n";

/// Simplified news with a character only GB18030 (not GBK) encodes: 㐀.
const MAINLAND: &str = "市疫情防控指挥部召开会议\n\n本报讯（记者王明）3月2日，市疫情防控指挥部召开会议，研究部署下一阶段工作。会议要求，各地要继续做好社区防控，确保人民群众生命安全。㐀\n";

const TRADITIONAL: &str = "臺灣醫療隊抵達武漢支援抗疫\n\n本報訊（記者王小明）2月18日，一支由二十名醫護人員組成的醫療隊抵達武漢，投入新冠肺炎患者的救治工作。\n";

/// `text` in Big5-HKSCS: `encoding_rs`'s Big5 encoder, which leaves out the
/// HKSCS characters below lead byte A1, and their HKSCS bytes for those.
fn big5_hkscs(text: &str) -> Vec<u8> {
    const HKSCS: [(char, [u8; 2]); 5] = [
        ('啲', [0x9D, 0xF8]),
        ('嘅', [0x9D, 0xEF]),
        ('咗', [0x9D, 0xF7]),
        ('哋', [0x92, 0x5D]),
        ('喺', [0x9D, 0xF6]),
    ];
    let mut bytes = Vec::new();
    for c in text.chars() {
        if let Some((_, pair)) = HKSCS.iter().find(|(h, _)| *h == c) {
            bytes.extend_from_slice(pair);
        } else {
            let mut utf8 = [0; 4];
            let (encoded, _, unmappable) = BIG5.encode(c.encode_utf8(&mut utf8));
            assert!(!unmappable, "{c} is not in Big5");
            bytes.extend_from_slice(&encoded);
        }
    }
    bytes
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn undecided(result: Result<(String, &'static Encoding), DecodeError>) -> (Undecided, Vec<Reading>) {
    match result {
        Err(DecodeError::Undecided { why, readings }) => (why, readings),
        other => panic!("not undecided: {other:?}"),
    }
}

#[test]
fn reads_utf8_with_and_without_bom_and_crlf() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("一\r\n二\r\n".as_bytes());
    assert_eq!(decode(&bytes, None).unwrap(), ("一\n二\n".to_string(), UTF_8));
    assert_eq!(decode("一\n".as_bytes(), None).unwrap(), ("一\n".to_string(), UTF_8));
}

#[test]
fn reads_cantonese_in_big5_hkscs_as_big5() {
    let bytes = big5_hkscs(CANTONESE);
    // Every byte pair also reads as GB18030: only the evidence tells.
    assert!(GB18030.decode_without_bom_handling_and_without_replacement(&bytes).is_some());
    assert_eq!(decode(&bytes, None).unwrap(), (CANTONESE.to_string(), BIG5));
    assert_eq!(decode(&big5_hkscs(TRADITIONAL), None).unwrap(), (TRADITIONAL.to_string(), BIG5));
}

#[test]
fn reads_gb18030_and_gbk() {
    assert_eq!(decode(&gb18030(MAINLAND), None).unwrap(), (MAINLAND.to_string(), GB18030));
    assert_eq!(decode(&gb18030(SIMPLIFIED), None).unwrap(), (SIMPLIFIED.to_string(), GB18030));
}

#[test]
fn reads_utf16_by_its_bom() {
    let mut le = vec![0xFF, 0xFE];
    le.extend(CANTONESE.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode(&le, None).unwrap(), (CANTONESE.to_string(), UTF_16LE));
    let mut be = vec![0xFE, 0xFF];
    be.extend(MAINLAND.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(decode(&be, None).unwrap(), (MAINLAND.to_string(), UTF_16BE));
}

#[test]
fn utf16_without_bom_is_named() {
    let bytes: Vec<u8> = "ab\ncd\nef\n一".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(decode(&bytes, None), Err(DecodeError::Binary { offset: 1, utf16: Some("UTF-16LE") }));
    let bytes: Vec<u8> = "ab\ncd\n一".encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(decode(&bytes, None), Err(DecodeError::Binary { offset: 0, utf16: Some("UTF-16BE") }));
    assert_eq!(decode(b"ab\0cd", None), Err(DecodeError::Binary { offset: 2, utf16: None }));
}

#[test]
fn a_short_text_both_read_is_refused_with_both_keys_until_the_sidecar_names_one() {
    // 啊阿 in GB18030, two other characters in Big5: two settle nothing.
    let bytes = [0xB0, 0xA1, 0xB0, 0xA2];
    let (why, readings) = undecided(decode(&bytes, None));
    assert_eq!(why, Undecided::Ambiguous);
    assert_eq!(readings.len(), 2);
    let message = DecodeError::Undecided { why, readings }.to_string();
    assert!(message.contains("`encoding = \"gb18030\"` or `encoding = \"big5\"`"), "{message}");
    assert!(message.contains("as gb18030: 2 non-ASCII characters"), "{message}");
    assert_eq!(decode(&bytes, Some(GB18030)).unwrap().0, "啊阿");
    assert_eq!(decode(&bytes, Some(BIG5)).unwrap().1, BIG5);
}

#[test]
fn a_sidecar_encoding_is_obeyed_even_against_the_evidence() {
    let bytes = big5_hkscs(CANTONESE);
    let (text, encoding) = decode(&bytes, Some(GB18030)).unwrap();
    assert_eq!(encoding, GB18030);
    assert_ne!(text, CANTONESE);
    for name in ["GBK", "gb2312", "GB18030", " big5 ", "big5-hkscs", "utf-8", "UTF-16LE", "utf-16be"] {
        assert!(named_encoding(name).is_some(), "{name}");
    }
    assert_eq!(named_encoding("GBK"), Some(GB18030));
    assert_eq!(named_encoding("big5"), Some(BIG5));
    assert_eq!(named_encoding("shift_jis"), None);
    assert_eq!(named_encoding("latin1"), None);
    for encoding in [UTF_8, GB18030, BIG5, UTF_16LE, UTF_16BE] {
        assert_eq!(named_encoding(label(encoding)), Some(encoding));
    }
}

#[test]
fn bytes_the_named_encoding_cannot_read_are_refused_at_their_line() {
    let mut bytes = big5_hkscs(TRADITIONAL);
    let at = bytes.len();
    bytes.extend_from_slice(&[0xA1, 0x20]);
    let error = decode(&bytes, Some(BIG5)).unwrap_err();
    assert_eq!(error, DecodeError::Invalid { encoding: "Big5", offset: at, line: Some(4), named: true });
    assert!(error.to_string().contains("the encoding the sidecar names"), "{error}");
}

/// The mojibake of issue 9: Big5 with one stray byte used to be read,
/// silently, as the GB18030 that reads it without error.
#[test]
fn big5_with_a_stray_byte_is_not_read_as_gb18030() {
    let mut bytes = big5_hkscs(CANTONESE);
    bytes.extend_from_slice(b"\n\x81\x40\n");
    let (why, readings) = undecided(decode(&bytes, None));
    assert_eq!(why, Undecided::Flawed);
    assert_eq!(readings[0].encoding, BIG5);
    assert_eq!(readings[0].first_error.map(|(_, line)| line), Some(7));
    assert!(!readings[1].score.plausible(), "{:?}", readings[1]);
    let error = DecodeError::Undecided { why, readings };
    assert_eq!(error.line(), Some(7));
    assert!(error.to_string().contains("(`encoding = \"big5\"`)"), "{error}");
}

#[test]
fn utf8_with_a_few_bad_bytes_is_refused_at_the_first() {
    let mut bytes = format!("{SIMPLIFIED}\n{SIMPLIFIED}\r\n").into_bytes();
    let at = bytes.len();
    bytes.extend_from_slice(&[0xFF, 0xFE, 0xC3]);
    bytes.extend_from_slice(format!("{SIMPLIFIED}\n").as_bytes());
    let error = decode(&bytes, None).unwrap_err();
    assert_eq!(error, DecodeError::BadUtf8 { offset: at, line: 3, bytes: vec![0xFF, 0xFE, 0xC3] });
    assert!(error.to_string().contains("UTF-8 except for the bytes FF FE C3"), "{error}");
}

#[test]
fn garbage_is_refused_with_every_reading() {
    assert_eq!(decode(b" \n\n", None), Err(DecodeError::Empty));
    let mut state: u32 = 9;
    let bytes: Vec<u8> = std::iter::repeat_with(|| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (state >> 16).to_le_bytes()[0]
    })
    .filter(|&b| b != 0)
    .take(5_000)
    .collect();
    let (why, readings) = undecided(decode(&bytes, None));
    assert_eq!(why, Undecided::Unreadable);
    assert!(readings.iter().all(|r| r.errors > 0 && !r.score.plausible()), "{readings:?}");
    let message = DecodeError::Undecided { why, readings }.to_string();
    assert!(message.starts_with("the file is not text in UTF-8, GB18030/GBK or Big5 (as "), "{message}");
}

#[test]
fn text_that_reads_but_is_not_chinese_is_poor() {
    // Big5 bytes of kana and box drawing: both readings are valid and poor.
    let (bytes, _, _) = BIG5.encode("ぁぃぅぇぉかきくけこ┌┐└┘├┤┬┴┼─ぁぃぅぇぉかきくけこ");
    let (why, _) = undecided(decode(&bytes, None));
    assert_eq!(why, Undecided::Poor);
}

#[test]
fn the_right_reading_scores_far_above_the_wrong_one() {
    let as_gb = GB18030.decode_without_bom_handling(&big5_hkscs(CANTONESE)).0.into_owned();
    let as_big5 = BIG5.decode_without_bom_handling(&gb18030(MAINLAND)).0.into_owned();
    for right in [CANTONESE, MAINLAND, SIMPLIFIED, TRADITIONAL] {
        let score = evidence::score(right);
        assert!(score.common > 0.8 && score.rare < 0.1, "{score:?} {right}");
    }
    for wrong in [&as_gb, &as_big5] {
        let score = evidence::score(wrong);
        assert!(score.common < 0.3 && !score.plausible(), "{score:?} {wrong}");
    }
}
