//! Errors of the library. Variants about a file carry its location so the
//! binary can print `content/x.md:3:7: what went wrong`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file: path, 1-based line, optional 1-based column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: Option<usize>,
}

impl Location {
    pub fn new(path: impl AsRef<Path>, line: usize) -> Self {
        Location { path: path.as_ref().to_path_buf(), line, column: None }
    }

    pub fn with_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
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

impl Error {
    /// A TOML parse error at its line: `invalid <what>: <message>`.
    pub fn toml(
        path: impl AsRef<Path>,
        text: &str,
        first_line: usize,
        what: &str,
        error: &toml::de::Error,
    ) -> Self {
        let line = toml_error_line(text, first_line, error);
        Error::at(path, line, format!("invalid {what}: {}", error.message().trim()))
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
