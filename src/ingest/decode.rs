//! Bytes of a source file in, text out: UTF-8 (with or without BOM), else the
//! encoding chardetng guesses (GBK is read as GB18030, its superset; Big5).
//! Line ends become `\n`.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary { offset: usize },
    Undecodable { encoding: &'static str, offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty: there is nothing to ingest"),
            DecodeError::Binary { offset } => write!(
                f,
                "the file looks binary (a NUL byte at offset {offset}): sources must be text in UTF-8, GB18030/GBK or Big5"
            ),
            DecodeError::Undecodable { encoding, offset } => write!(
                f,
                "bytes at offset {offset} are not valid {encoding}: convert the file to UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`) and check it"
            ),
        }
    }
}

/// The decoded text and the name of the encoding it was read as.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), UTF_8),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
            let encoding: &'static Encoding = if guess == BIG5 { BIG5 } else { GB18030 };
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                let offset = first_bad_offset(encoding, body);
                return Err(DecodeError::Undecodable { encoding: encoding.name(), offset });
            }
            (text, encoding)
        }
    };
    let text =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.into_owned() };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((text, encoding.name()))
}

fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "本报讯 记者张启国报道：2月27日下午，广西对口支援我市的两辆负压救护车运抵我市。";

    #[test]
    fn reads_utf8_with_and_without_bom_and_crlf() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("一\r\n二\r\n".as_bytes());
        assert_eq!(decode(&bytes).unwrap(), ("一\n二\n".to_string(), "UTF-8"));
    }

    #[test]
    fn reads_gbk_as_gb18030() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        let (text, encoding) = decode(&bytes).unwrap();
        assert_eq!(text, TEXT);
        assert_eq!(encoding, "gb18030");
    }

    #[test]
    fn rejects_empty_binary_and_undecodable() {
        assert_eq!(decode(b" \n\n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(DecodeError::Binary { offset: 2 }));
        // A GB18030 lead byte followed by an invalid trail byte.
        let mut bytes = GB18030.encode(TEXT).0.into_owned();
        bytes.extend_from_slice(&[0x81, 0x20, 0xFF]);
        assert!(matches!(decode(&bytes), Err(DecodeError::Undecodable { .. })));
    }
}
