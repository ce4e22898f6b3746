//! Why a source was not decoded, and what to do: a [`DecodeError`] in, its
//! message out, located at the file and, where there is one, the line.

use super::evidence::Score;
use super::label;
use encoding_rs::Encoding;

/// One encoding tried on the bytes, and the evidence it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub encoding: &'static Encoding,
    /// Byte sequences that are not valid in it (in the part weighed).
    pub errors: usize,
    /// The offset and 1-based line of the first of them.
    pub first_error: Option<(usize, usize)>,
    pub score: Score,
}

impl Reading {
    /// No errors, and plausible as Chinese.
    pub fn good(&self) -> bool {
        self.errors == 0 && self.score.plausible()
    }

    fn describe(&self) -> String {
        let Score { characters, common, rare } = self.score;
        let errors = match self.first_error {
            Some((offset, line)) if self.errors > 0 => {
                format!("invalid bytes from line {line} (offset {offset}), ")
            }
            _ => String::new(),
        };
        format!(
            "as {}: {errors}{characters} non-ASCII characters, {:.0}% common, {:.0}% rare",
            label(self.encoding),
            common * 100.0,
            rare * 100.0
        )
    }
}

/// Why no reading was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecided {
    /// Two readings are plausible, or the text is too short to tell them apart.
    Ambiguous,
    /// The best reading is plausible but for a few invalid bytes.
    Flawed,
    /// Every reading reads, but none as plausible Chinese.
    Poor,
    /// No reading reads without errors, and none is plausible.
    Unreadable,
}

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
    /// Not UTF-8, and the legacy encodings do not settle it: each reading,
    /// best first.
    Undecided {
        why: Undecided,
        readings: Vec<Reading>,
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
            DecodeError::Undecided { why, readings } => undecided_message(*why, readings, sidecar),
        }
    }

    /// The 1-based line of the problem, where there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DecodeError::Invalid { line, .. } => *line,
            DecodeError::BadUtf8 { line, .. } => Some(*line),
            DecodeError::Undecided { readings, .. } => readings.first()?.first_error.map(|(_, line)| line),
            _ => None,
        }
    }

    /// The error for the source `path`, at its line where it has one.
    pub fn located(&self, path: &std::path::Path) -> crate::error::Error {
        let sidecar = format!("its sidecar {}", super::super::sidecar::sidecar_path(path).display());
        match self.line() {
            Some(line) => crate::error::Error::at(path, line, self.message(&sidecar)),
            None => crate::error::Error::file(path, self.message(&sidecar)),
        }
    }
}

/// The readings, best first, and the sidecar key or conversion that settles it.
fn undecided_message(why: Undecided, readings: &[Reading], sidecar: &str) -> String {
    let evidence = readings.iter().map(Reading::describe).collect::<Vec<_>>().join("; ");
    let key = |r: &Reading| format!("`encoding = \"{}\"`", label(r.encoding));
    let best = readings.first().map(key).unwrap_or_default();
    let readable = readings.iter().filter(|r| r.errors == 0).map(key).collect::<Vec<_>>().join(" or ");
    match why {
        Undecided::Ambiguous => format!(
            "the file reads as more than one encoding, and its characters do not settle which ({evidence}): name the encoding in {sidecar}: {readable}"
        ),
        Undecided::Flawed => format!(
            "the file reads as plausible Chinese only with invalid bytes ({evidence}): correct or delete those bytes, the first at the line shown, and name the encoding in {sidecar} ({best}) to settle it"
        ),
        Undecided::Poor => format!(
            "no encoding reads the file as plausible Chinese ({evidence}): convert it to UTF-8 (e.g. `iconv -f <its encoding> -t UTF-8`) and check it, or, if the text is right as read, name the encoding in {sidecar}: {readable}"
        ),
        Undecided::Unreadable => format!(
            "the file is not text in UTF-8, GB18030/GBK or Big5 ({evidence}): convert it to UTF-8 (e.g. `iconv -f <its encoding> -t UTF-8`) and check it"
        ),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
}
