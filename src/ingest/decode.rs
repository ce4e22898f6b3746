//! Bytes of a source file in, text out. In order:
//! 1. an encoding the sidecar names (`encoding = "big5"`) is used as named;
//! 2. a UTF-16 byte-order mark means UTF-16;
//! 3. UTF-8, with or without BOM; a file that is UTF-8 but for a few bad
//!    bytes is refused at the first of them (line and offset), not guessed;
//! 4. else GB18030 (GBK's superset) or Big5: the one that reads the bytes
//!    without error, or, when both do, the evidence of `legacy`; when that
//!    does not settle it, the file is refused and the sidecar must name the
//!    encoding.
//!
//! Decoding is the only change to the text, but for line ends, which become `\n`.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    Empty,
    /// A NUL byte; `utf16` names the UTF-16 the whole file reads as, if any.
    Binary {
        offset: usize,
        utf16: Option<&'static str>,
    },
    /// Not valid in the encoding the sidecar names or the BOM announces.
    Invalid {
        encoding: &'static str,
        offset: usize,
        line: Option<usize>,
        named: bool,
    },
    /// UTF-8 but for these bytes.
    BadUtf8 {
        offset: usize,
        line: usize,
        bytes: Vec<u8>,
    },
    /// Neither UTF-8, GB18030 nor Big5: where GB18030 fails.
    Unknown {
        offset: usize,
        line: usize,
    },
    /// GB18030 and Big5 both read it; the shares of common characters.
    Ambiguous {
        gb18030: f64,
        big5: f64,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("the sidecar"))
    }
}

impl DecodeError {
    /// What went wrong and what to do; `sidecar` names the sidecar file.
    fn message(&self, sidecar: &str) -> String {
        match self {
            DecodeError::Empty => "the file is empty: there is nothing to ingest".to_string(),
            DecodeError::Binary { offset, utf16: Some(name) } => format!(
                "the file looks like {name} without a byte-order mark (NUL bytes every other byte, from offset {offset}): convert it to UTF-8 (`iconv -f {name} -t UTF-8`) or name it in {sidecar} (`encoding = \"{}\"`)",
                name.to_ascii_lowercase()
            ),
            DecodeError::Binary { offset, utf16: None } => format!(
                "the file looks binary (a NUL byte at offset {offset}): sources must be text in UTF-8, UTF-16, GB18030/GBK or Big5"
            ),
            DecodeError::Invalid { encoding, offset, named: true, .. } => format!(
                "bytes at offset {offset} are not valid {encoding}, the encoding {sidecar} names: correct its `encoding`, or those bytes"
            ),
            DecodeError::Invalid { encoding, offset, named: false, .. } => format!(
                "the file starts with a {encoding} byte-order mark, but bytes at offset {offset} are not valid {encoding}: convert it to UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`) and check it"
            ),
            DecodeError::BadUtf8 { offset, bytes, .. } => format!(
                "the file is UTF-8 except for the bytes {} at offset {offset}: delete or correct them (an editor shows them as �), then ingest again",
                hex(bytes)
            ),
            DecodeError::Unknown { offset, .. } => format!(
                "the file is not text in UTF-8, GB18030/GBK or Big5 (read as GB18030, the bytes at offset {offset} are invalid): convert it to UTF-8 (e.g. `iconv -f <its encoding> -t UTF-8`) and check it"
            ),
            DecodeError::Ambiguous { gb18030, big5 } => format!(
                "the file reads as GB18030 (simplified) and as Big5 (traditional), and its characters do not settle which ({:.0}% and {:.0}% common characters): name the encoding in {sidecar}: `encoding = \"gb18030\"` or `encoding = \"big5\"`",
                gb18030 * 100.0,
                big5 * 100.0
            ),
        }
    }

    /// The 1-based line of the problem, where there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DecodeError::Invalid { line, .. } => *line,
            DecodeError::BadUtf8 { line, .. } | DecodeError::Unknown { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The error for the source `path`, at its line where it has one.
    pub fn located(&self, path: &std::path::Path) -> crate::error::Error {
        let sidecar = format!("its sidecar {}", super::sidecar::sidecar_path(path).display());
        match self.line() {
            Some(line) => crate::error::Error::at(path, line, self.message(&sidecar)),
            None => crate::error::Error::file(path, self.message(&sidecar)),
        }
    }
}

/// The encodings a sidecar may name, by any of their labels (`big5`, `gbk`,
/// `utf-16le`, …); `None` for any other. GBK is read as GB18030, its superset.
pub fn named_encoding(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    [UTF_8, GB18030, BIG5, UTF_16LE, UTF_16BE].contains(&encoding).then_some(encoding)
}

/// The decoded text and the name of the encoding it was read as; `named` is
/// the encoding the sidecar names, if any.
pub fn decode(bytes: &[u8], named: Option<&'static Encoding>) -> Result<(String, &'static str), DecodeError> {
    let (text, encoding) = match named {
        Some(encoding) => {
            let body = strip_bom(bytes, encoding);
            (decode_strictly(encoding, body, true)?, encoding)
        }
        None => detect(bytes)?,
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((text, encoding.name()))
}

fn detect(bytes: &[u8]) -> Result<(String, &'static Encoding), DecodeError> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && encoding != UTF_8
    {
        return Ok((decode_strictly(encoding, strip_bom(bytes, encoding), false)?, encoding));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset, utf16: utf16_without_bom(bytes).map(Encoding::name) });
    }
    let body = strip_bom(bytes, UTF_8);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok((text.to_string(), UTF_8));
    }
    if let Some(error) = bad_utf8(bytes) {
        return Err(error);
    }
    legacy(body)
}

fn strip_bom<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((found, length)) if found == encoding => &bytes[length..],
        _ => bytes,
    }
}

/// `bytes` in `encoding`, or where they first fail.
fn decode_strictly(encoding: &'static Encoding, bytes: &[u8], named: bool) -> Result<String, DecodeError> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    let offset = first_bad_offset(encoding, bytes);
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    let line = (!utf16).then(|| line_of(bytes, offset));
    Err(DecodeError::Invalid { encoding: encoding.name(), offset, line, named })
}

fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_mul(3).saturating_add(16));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

/// UTF-16 without a BOM: NUL bytes (the high half of ASCII) at odd offsets
/// for little-endian, even for big-endian, and the whole file reads as it.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let nuls = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nuls(0), nuls(1));
    let encoding = if odd >= 4 * even.max(1) {
        UTF_16LE
    } else if even >= 4 * odd.max(1) {
        UTF_16BE
    } else {
        return None;
    };
    let (_, had_errors) = encoding.decode_without_bom_handling(bytes);
    (bytes.len().is_multiple_of(2) && !had_errors).then_some(encoding)
}

/// The 1-based line of byte `offset`, counting line ends as decoding will
/// (`\r\n`, `\n` or a lone `\r`).
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let ends = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')));
    ends.count() + 1
}

/// A file whose non-ASCII bytes are nearly all well-formed UTF-8 is UTF-8
/// with a few bad bytes: the error names the first of them.
fn bad_utf8(bytes: &[u8]) -> Option<DecodeError> {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut first: Option<(usize, Vec<u8>)> = None;
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        bad += chunk.invalid().len();
        offset += chunk.valid().len();
        match &mut first {
            None if !chunk.invalid().is_empty() => first = Some((offset, chunk.invalid().to_vec())),
            // Bad bytes in a row are shown together, up to eight.
            Some((at, run)) if *at + run.len() == offset && run.len() < 8 => run.extend(chunk.invalid()),
            _ => {}
        }
        offset += chunk.invalid().len();
    }
    let (offset, mut run) = first?;
    run.truncate(8);
    (good >= 9 * bad).then(|| DecodeError::BadUtf8 { offset, line: line_of(bytes, offset), bytes: run })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
}

/// A share of common characters this far ahead settles it alone; a
/// smaller lead needs chardetng's guess to agree. The winner needs `ENOUGH`.
const DECISIVE: f64 = 0.5;
const ENOUGH: f64 = 0.8;

/// GB18030 or Big5: the one that reads without error, or, when both do, the
/// one with more common characters, if the lead is decisive or chardetng
/// (which knows which characters follow which) guesses the same.
///
/// Text read in the wrong one of the two has few common characters when it
/// is Big5 read as GB18030 (about 20 %), but many when it is GB18030 read as
/// Big5 (about 80 %): there chardetng decides, from 30 characters or so.
fn legacy(bytes: &[u8]) -> Result<(String, &'static Encoding), DecodeError> {
    let gb = decode_strictly(GB18030, bytes, false).ok();
    let big5 = decode_strictly(BIG5, bytes, false).ok();
    match (gb, big5) {
        (Some(text), None) => Ok((text, GB18030)),
        (None, Some(text)) => Ok((text, BIG5)),
        (None, None) => {
            let offset = match decode_strictly(GB18030, bytes, false) {
                Err(DecodeError::Invalid { offset, .. }) => offset,
                _ => 0,
            };
            Err(DecodeError::Unknown { offset, line: line_of(bytes, offset) })
        }
        (Some(gb), Some(big5)) => {
            let (gb_share, big5_share) = (common_share(&gb), common_share(&big5));
            let guess = chardetng_guess(bytes);
            let settles = |share: f64, other: f64, encoding: &'static Encoding| {
                share >= ENOUGH && share > other && (share - other >= DECISIVE || guess == encoding)
            };
            if settles(gb_share, big5_share, GB18030) {
                Ok((gb, GB18030))
            } else if settles(big5_share, gb_share, BIG5) {
                Ok((big5, BIG5))
            } else {
                Err(DecodeError::Ambiguous { gb18030: gb_share, big5: big5_share })
            }
        }
    }
}

/// chardetng's guess, with GBK read as GB18030.
fn chardetng_guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == GBK { GB18030 } else { guess }
}

/// Of the first non-ASCII characters of `text`, the share that are common:
/// Chinese punctuation, or the frequent characters of either script (GB 2312
/// level 1, 3,755 simplified; Big5's 5,401 frequent traditional). Text read
/// in the wrong one of the two encodings is mostly rare characters, kana,
/// Cyrillic and box drawing.
pub fn common_share(text: &str) -> f64 {
    const SAMPLE: usize = 20_000;
    let (mut common, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()).take(SAMPLE) {
        all += 1;
        common += usize::from(is_common(c));
    }
    if all == 0 { 0.0 } else { common as f64 / all as f64 }
}

fn is_common(c: char) -> bool {
    let punctuation =
        matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{2010}'..='\u{2027}');
    punctuation
        || encode_pair(GB18030, c).is_some_and(|[lead, trail]| (0xB0..=0xD7).contains(&lead) && trail >= 0xA1)
        || encode_pair(BIG5, c).is_some_and(|pair| (0xA440..=0xC67E).contains(&u16::from_be_bytes(pair)))
}

/// The two bytes of `c` in `encoding`, if it is a two-byte character there.
fn encode_pair(encoding: &'static Encoding, c: char) -> Option<[u8; 2]> {
    let mut utf8 = [0u8; 4];
    let mut out = [0u8; 8];
    let mut encoder = encoding.new_encoder();
    let (result, _, written) =
        encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), &mut out, true);
    (result == encoding_rs::EncoderResult::InputEmpty && written == 2).then_some([out[0], out[1]])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "本报讯 记者张启国报道：2月27日下午，广西对口支援我市的两辆负压救护车运抵我市。";
    const TRADITIONAL: &str = "臺灣醫療隊抵達武漢支援抗疫\n\n本報訊（記者王小明）2月18日，一支由二十名醫護人員組成的醫療隊抵達武漢，投入新冠肺炎患者的救治工作。\n";

    #[test]
    fn reads_utf8_with_and_without_bom_and_crlf() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("一\r\n二\r\n".as_bytes());
        assert_eq!(decode(&bytes, None).unwrap(), ("一\n二\n".to_string(), "UTF-8"));
    }

    #[test]
    fn reads_gbk_as_gb18030() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        assert_eq!(decode(&bytes, None).unwrap(), (TEXT.to_string(), "gb18030"));
    }

    #[test]
    fn reads_big5_as_big5() {
        let (bytes, _, _) = BIG5.encode(TRADITIONAL);
        assert_eq!(decode(&bytes, None).unwrap(), (TRADITIONAL.to_string(), "Big5"));
    }

    #[test]
    fn reads_utf16_by_its_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le, None).unwrap(), (TEXT.to_string(), "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend(TEXT.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be, None).unwrap(), (TEXT.to_string(), "UTF-16BE"));
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
    fn an_encoding_the_sidecar_names_wins() {
        // Two characters common in both scripts: only a name settles it.
        let bytes = [0xB0, 0xA1, 0xB0, 0xA2];
        assert!(matches!(decode(&bytes, None), Err(DecodeError::Ambiguous { .. })));
        assert_eq!(decode(&bytes, Some(GB18030)).unwrap().0, "啊阿");
        assert_eq!(decode(&bytes, Some(BIG5)).unwrap().1, "Big5");
        assert_eq!(named_encoding("GBK"), Some(GB18030));
        assert_eq!(named_encoding("big5"), Some(BIG5));
        assert_eq!(named_encoding("shift_jis"), None);
    }

    #[test]
    fn bytes_the_named_encoding_cannot_read_are_refused_at_their_line() {
        let mut bytes = BIG5.encode(TRADITIONAL).0.into_owned();
        let at = bytes.len();
        bytes.extend_from_slice(&[0xA1, 0x20]);
        let error = decode(&bytes, Some(BIG5)).unwrap_err();
        assert_eq!(error, DecodeError::Invalid { encoding: "Big5", offset: at, line: Some(4), named: true });
        assert!(error.to_string().contains("the encoding the sidecar names"), "{error}");
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_is_refused_at_the_first() {
        let mut bytes = format!("{TEXT}\n{TEXT}\r\n").into_bytes();
        let at = bytes.len();
        bytes.extend_from_slice(&[0xFF, 0xFE, 0xC3]);
        bytes.extend_from_slice(format!("{TEXT}\n").as_bytes());
        let error = decode(&bytes, None).unwrap_err();
        assert_eq!(error, DecodeError::BadUtf8 { offset: at, line: 3, bytes: vec![0xFF, 0xFE, 0xC3] });
        assert!(error.to_string().contains("UTF-8 except for the bytes FF FE C3"), "{error}");
    }

    #[test]
    fn rejects_empty_and_undecodable() {
        assert_eq!(decode(b" \n\n", None), Err(DecodeError::Empty));
        // A GB18030 lead byte followed by an invalid trail byte.
        let mut bytes = GB18030.encode(TEXT).0.into_owned();
        bytes.extend_from_slice(b"\n");
        let at = bytes.len();
        bytes.extend_from_slice(&[0x81, 0x20, 0xFF]);
        assert_eq!(decode(&bytes, None), Err(DecodeError::Unknown { offset: at, line: 2 }));
    }

    #[test]
    fn common_characters_tell_the_right_reading() {
        let (big5_bytes, _, _) = BIG5.encode(TRADITIONAL);
        let (as_gb, _) = GB18030.decode_without_bom_handling(&big5_bytes);
        assert!(common_share(TRADITIONAL) > 0.95);
        assert!(common_share(&as_gb) < 0.6, "{}", common_share(&as_gb));
        assert!(common_share(TEXT) > 0.95);
    }
}
