//! Errors of the library. Variants about a file carry its location so the
//! binary can print `content/x.md:3:7: what went wrong`.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A place in a file: path, 1-based line, optional 1-based column (in
/// characters) and how many characters the fault spans from there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: Option<usize>,
    /// Characters under the caret; 0 when only the line is known.
    pub width: usize,
}

impl Location {
    pub fn new(path: impl AsRef<Path>, line: usize) -> Self {
        Location { path: path.as_ref().to_path_buf(), line, column: None, width: 0 }
    }

    /// The place of the bytes `span` of `text`, when `text` starts at the
    /// beginning of line `first_line` of its file. A span running over
    /// several lines is cut at the end of its first.
    pub fn of_span(path: impl AsRef<Path>, text: &str, first_line: usize, span: Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let column = text[line_start..start].chars().count() + 1;
        let width = text[start..end].trim_end_matches('\r').chars().count().max(1);
        Location {
            path: path.as_ref().to_path_buf(),
            line: first_line.saturating_sub(1) + line_at(text, start),
            column: Some(column),
            width,
        }
    }
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    /// Bad content at a known place in a file.
    #[error("{location}: {message}")]
    At { location: Location, message: String },

    /// Bad content in a file, place unknown.
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },

    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    pub fn at(path: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Error::At { location: Location::new(path, line), message: message.into() }
    }

    pub fn file(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error::File { path: path.as_ref().to_path_buf(), message: message.into() }
    }
}

impl Error {
    /// The same error naming its file by `name(path)`: how a stage shows
    /// paths relative to the edition's folder.
    pub fn map_path(self, name: impl Fn(&Path) -> PathBuf) -> Self {
        match self {
            Error::Io { path, source } => Error::Io { path: name(&path), source },
            Error::At { location, message } => {
                Error::At { location: Location { path: name(&location.path), ..location }, message }
            }
            Error::File { path, message } => Error::File { path: name(&path), message },
            other @ Error::Other(_) => other,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The 1-based line of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The line a TOML error points at, when `text` starts on `first_line` of its file.
pub fn toml_error_line(text: &str, first_line: usize, error: &toml::de::Error) -> usize {
    first_line - 1 + error.span().map_or(1, |span| line_at(text, span.start))
}

/// Where a TOML error points, when `text` starts on `first_line` of its file.
pub fn toml_error_location(
    path: impl AsRef<Path>,
    text: &str,
    first_line: usize,
    error: &toml::de::Error,
) -> Location {
    match error.span() {
        Some(span) => Location::of_span(path, text, first_line, span),
        None => Location::new(path, first_line),
    }
}

impl Error {
    /// A TOML parse error at its line and column: `invalid <what>: <message>`.
    pub fn toml(
        path: impl AsRef<Path>,
        text: &str,
        first_line: usize,
        what: &str,
        error: &toml::de::Error,
    ) -> Self {
        Error::At {
            location: toml_error_location(path, text, first_line, error),
            message: format!("invalid {what}: {}", error.message().trim()),
        }
    }
}

/// A problem that does not stop the run: printed with the others at the end,
/// and a failure under `--strict`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Said once, never a failure, not even under `--strict`.
    Note,
}

impl Diagnostic {
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, location, message: message.into() }
    }

    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, location, message: message.into() }
    }

    pub fn note(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, location, message: message.into() }
    }

    /// An error that stopped a file as a diagnostic, keeping its place.
    pub fn of_error(error: Error) -> Self {
        match error {
            Error::At { location, message } => Diagnostic::error(Some(location), message),
            Error::File { path, message } => Diagnostic::error(Some(Location::new(path, 1)), message),
            other => Diagnostic::error(None, other.to_string()),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        match &self.location {
            Some(location) => write!(f, "{label}: {location}: {}", self.message),
            None => write!(f, "{label}: {}", self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_becomes_line_column_and_width() {
        let text = "a = 1\ntitre = \"对照\"\n";
        let at = Location::of_span("x.toml", text, 2, 6..11);
        assert_eq!((at.line, at.column, at.width), (3, Some(1), 5));
        // Columns count characters, not bytes.
        let at = Location::of_span("x.toml", text, 1, 15..18);
        assert_eq!((at.line, at.column, at.width), (2, Some(10), 1));
        assert_eq!(at.to_string(), "x.toml:2:10");
    }

    #[test]
    fn a_span_over_several_lines_stops_at_the_first_line_end() {
        let text = "[a]\nb = [\n1,\n";
        let at = Location::of_span("x.toml", text, 1, 8..14);
        assert_eq!((at.line, at.column, at.width), (2, Some(5), 1));
    }

    #[test]
    fn a_toml_error_names_line_and_column() {
        let text = "title = \"a\"\nregions = [\"x\"\nsource = \"s\"\n";
        let error = toml::from_str::<toml::Table>(text).unwrap_err();
        let error = Error::toml("content/a.md", text, 2, "front matter", &error);
        assert!(error.to_string().starts_with("content/a.md:4:1: invalid front matter: "), "{error}");
    }
}
