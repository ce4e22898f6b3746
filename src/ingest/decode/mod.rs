//! Bytes of a source file in, text and the encoding it was read in out. In order:
//! 1. an encoding the sidecar names (`encoding = "big5"`) is obeyed: bytes
//!    invalid in it are refused at their line, never replaced;
//! 2. a UTF-16 byte-order mark means UTF-16;
//! 3. UTF-8, with or without BOM; a file that is UTF-8 but for a few bad
//!    bytes is refused at the first of them (line and offset), not guessed;
//! 4. else the file is read as GB18030 (GBK's superset) and as Big5 (the
//!    WHATWG one, with HKSCS), and each reading is weighed ([`evidence`]):
//!    its invalid bytes, and how plausible its characters are as Chinese.
//!    The one reading without errors that is plausible is taken; when two
//!    are, when the text is too short to tell, or when the best is poor, the
//!    file is refused with every reading's score and the sidecar key that
//!    settles it ([`DecodeError::Undecided`]).
//!
//! Decoding is the only change to the text, but for line ends, which become `\n`.

mod error;
pub mod evidence;

pub use error::{DecodeError, Reading, Undecided};

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// The encodings a sidecar may name, by any of their labels (`big5`, `gbk`,
/// `utf-16le`, …); `None` for any other. GBK is read as GB18030, its superset.
pub fn named_encoding(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    [UTF_8, GB18030, BIG5, UTF_16LE, UTF_16BE].contains(&encoding).then_some(encoding)
}

/// The name a sidecar gives `encoding`, as the `[ingest]` record writes it:
/// `utf-8`, `gb18030`, `big5`, `utf-16le`, `utf-16be`.
pub fn label(encoding: &'static Encoding) -> &'static str {
    match encoding {
        e if e == UTF_8 => "utf-8",
        e if e == GB18030 || e == GBK => "gb18030",
        e if e == BIG5 => "big5",
        e if e == UTF_16LE => "utf-16le",
        e if e == UTF_16BE => "utf-16be",
        e => e.name(),
    }
}

/// The decoded text and the encoding it was read in; `named` is the
/// encoding the sidecar names, if any.
pub fn decode(
    bytes: &[u8],
    named: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding), DecodeError> {
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
    Ok((text, encoding))
}

fn detect(bytes: &[u8]) -> Result<(String, &'static Encoding), DecodeError> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && encoding != UTF_8
    {
        return Ok((decode_strictly(encoding, strip_bom(bytes, encoding), false)?, encoding));
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset, utf16: utf16_without_bom(bytes).map(Encoding::name) });
    }
    let body = strip_bom(bytes, UTF_8);
    // The common case, checked with SIMD: most sources are UTF-8.
    if let Ok(text) = simdutf8::basic::from_utf8(body) {
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

/// GB18030 or Big5, by the evidence of each reading: the one reading
/// without errors that is plausible Chinese, if the text is long enough to
/// tell (or the other reading has errors); else [`DecodeError::Undecided`]
/// with every reading, best first.
fn legacy(bytes: &[u8]) -> Result<(String, &'static Encoding), DecodeError> {
    // The usual case, settled without weighing the reading that fails: one
    // encoding reads the bytes, the other does not, and the text is plausible.
    let strict = [GB18030, BIG5].map(|e| (e, e.decode_without_bom_handling_and_without_replacement(bytes)));
    if let [(encoding, Some(text)), (_, None)] | [(_, None), (encoding, Some(text))] = strict
        && evidence::score(&text).plausible()
    {
        return Ok((text.into_owned(), encoding));
    }
    let mut readings: Vec<(Reading, String)> = [GB18030, BIG5].into_iter().map(|e| read(e, bytes)).collect();
    readings.sort_by(|(a, _), (b, _)| b.score.value().total_cmp(&a.score.value()));
    let good = readings.iter().filter(|(r, _)| r.good()).count();
    let readable = readings.iter().filter(|(r, _)| r.errors == 0).count();
    let best = &readings[0].0;
    let why =
        if good > 1 || (good == 1 && readable > 1 && best.score.characters < evidence::ENOUGH_CHARACTERS) {
            Undecided::Ambiguous
        } else if good == 1 {
            let index = readings.iter().position(|(r, _)| r.good()).unwrap_or(0);
            let (reading, text) = readings.swap_remove(index);
            return Ok((text, reading.encoding));
        } else if best.score.plausible() && best.score.characters > 0 {
            Undecided::Flawed
        } else if readable == 0 {
            Undecided::Unreadable
        } else {
            Undecided::Poor
        };
    Err(DecodeError::Undecided { why, readings: readings.into_iter().map(|(r, _)| r).collect() })
}

/// How much of a file that `encoding` cannot read is read for the evidence.
const EVIDENCE_BYTES: usize = 1 << 14;

/// `bytes` read in `encoding`, and the evidence; the text only when it
/// reads without error. A reading with errors is weighed on its first
/// [`EVIDENCE_BYTES`], invalid sequences replaced.
fn read(encoding: &'static Encoding, bytes: &[u8]) -> (Reading, String) {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        let score = evidence::score(&text);
        return (Reading { encoding, errors: 0, first_error: None, score }, text.into_owned());
    }
    let offset = first_bad_offset(encoding, bytes);
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let head = &bytes[..bytes.len().min(EVIDENCE_BYTES)];
    let mut text = String::with_capacity(head.len().saturating_mul(3).saturating_add(16));
    let _ = decoder.decode_to_string(head, &mut text, head.len() == bytes.len());
    let errors = text.matches('\u{FFFD}').count().max(1);
    let score = evidence::score(&text);
    (Reading { encoding, errors, first_error: Some((offset, line_of(bytes, offset))), score }, String::new())
}

#[cfg(test)]
mod tests;
