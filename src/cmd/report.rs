//! Problems as the user reads them: a [`Diagnostic`] or [`Error`] in, text
//! for stderr out. A problem whose place has a column shows the line of the
//! file with a caret under the fault, as just and rustc do
//! (`annotate-snippets` draws it); colour only when stderr is a terminal.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use duizhao::error::{Diagnostic, Error, Location, Severity};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub struct Reporter {
    /// The edition's folder: located paths are relative to it.
    root: PathBuf,
    renderer: Renderer,
}

impl Reporter {
    pub fn new(root: &Path) -> Reporter {
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
        Reporter { root: root.to_path_buf(), renderer }
    }

    /// Without colour, whatever stderr is: for text shown elsewhere (the
    /// error overlay of `serve`).
    pub fn plain(root: &Path) -> Reporter {
        Reporter { root: root.to_path_buf(), renderer: Renderer::plain() }
    }

    /// As [`Reporter::render`], with the line at fault quoted also when its
    /// column is unknown: all a reader in the browser has of the file.
    pub fn render_with_line(&self, d: &Diagnostic) -> String {
        let text = self.render(d);
        match &d.location {
            Some(at) if at.column.is_none() && at.line > 0 => match self.line_of(&at.path, at.line) {
                Some(line) => format!("{text}\n{} | {line}", at.line),
                None => text,
            },
            _ => text,
        }
    }

    /// Prints each diagnostic on stderr.
    pub fn print(&self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            super::terminal::errln!("{}", self.render(d));
        }
    }

    /// `error: <message>`, then `--> file:line:col`, the line and a caret
    /// when the column is known; `error: file:line: <message>` otherwise.
    pub fn render(&self, d: &Diagnostic) -> String {
        let Some(at) = &d.location else { return d.to_string() };
        // Paths are shown from the edition's folder, as `content/x.md`.
        let at = Location {
            path: at.path.strip_prefix(&self.root).unwrap_or(&at.path).to_path_buf(),
            ..at.clone()
        };
        match self.snippet(d.severity, &at, &d.message) {
            Some(text) => text,
            None => Diagnostic { location: Some(at), ..d.clone() }.to_string(),
        }
    }

    /// An error that stopped a command, with the causes it does not already quote.
    pub fn render_error(&self, error: &Error) -> String {
        let mut text = match error {
            Error::At { location, message } => {
                self.render(&Diagnostic::error(Some(location.clone()), message.clone()))
            }
            other => format!("error: {other}"),
        };
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            if !text.contains(&cause_text) {
                text.push_str(&format!("\n  caused by: {cause_text}"));
            }
            source = cause.source();
        }
        text
    }

    fn snippet(&self, severity: Severity, at: &Location, message: &str) -> Option<String> {
        let column = at.column?;
        let line = self.line_of(&at.path, at.line)?;
        let start = byte_of_column(&line, column)?;
        let end = byte_of_column(&line, column + at.width.max(1)).unwrap_or(line.len()).max(start);
        let level = match severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let path = at.path.display().to_string();
        let report = [level.primary_title(message).element(
            Snippet::source(line.as_str())
                .line_start(at.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        Some(self.renderer.render(&report))
    }

    /// Line `number` of the file, read again for the report.
    fn line_of(&self, path: &Path, number: usize) -> Option<String> {
        let text =
            std::fs::read_to_string(self.root.join(path)).or_else(|_| std::fs::read_to_string(path)).ok()?;
        let line = text.lines().nth(number.checked_sub(1)?)?;
        Some(line.trim_end_matches('\r').to_string())
    }
}

/// The byte offset of 1-based character `column` in `line`; the line's end
/// for the column just past it.
fn byte_of_column(line: &str, column: usize) -> Option<usize> {
    let index = column.checked_sub(1)?;
    line.char_indices().map(|(i, _)| i).chain([line.len()]).nth(index)
}

/// Pages that failed, one error per distinct failure: a template typo
/// that breaks 95 region pages is said once, with the count.
pub fn page_failures(failures: Vec<(String, Error)>) -> Vec<Diagnostic> {
    once_per_cause(failures.into_iter().map(|(page, e)| (page, e.to_string())).collect())
}

/// One error per distinct message, the message of each `(page, message)`
/// being taken without its page: the first page is named, the others counted.
pub fn once_per_cause(mut failures: Vec<(String, String)>) -> Vec<Diagnostic> {
    failures.sort();
    let mut causes: Vec<(String, String, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (page, message) in failures {
        let cause = message.replacen(&page, "\u{0}", 1);
        if let Some(&i) = index.get(&cause) {
            causes[i].2 += 1;
        } else {
            index.insert(cause.clone(), causes.len());
            causes.push((cause, page, 1));
        }
    }
    causes
        .into_iter()
        .map(|(cause, first, pages)| {
            let named = match pages {
                1 => first,
                n => format!("{first} (and {} other pages)", n - 1),
            };
            Diagnostic::error(None, cause.replacen('\u{0}', &named, 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_error_shows_its_line_and_a_caret_under_wide_characters() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "x = 1\nregion = 湖北\n").unwrap();
        let at = Location { column: Some(10), width: 2, ..Location::new(dir.path().join("a.toml"), 2) };
        let text =
            Reporter::plain(dir.path()).render(&Diagnostic::error(Some(at), "string values must be quoted"));
        assert_eq!(
            text,
            "error: string values must be quoted\n --> a.toml:2:10\n  |\n2 | region = 湖北\n  |          ^^^^"
        );
    }

    #[test]
    fn without_a_column_or_a_readable_file_the_place_stays_in_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let reporter = Reporter::plain(dir.path());
        let line_only = Diagnostic::warning(Some(Location::new("content/a.md", 3)), "stale");
        assert_eq!(reporter.render(&line_only), "warning: content/a.md:3: stale");
        let gone = Diagnostic::error(
            Some(Location { column: Some(2), width: 1, ..Location::new("content/gone.md", 3) }),
            "bad",
        );
        assert_eq!(reporter.render(&gone), "error: content/gone.md:3:2: bad");
    }

    #[test]
    fn for_the_browser_the_line_is_quoted_even_without_a_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "+++\ntitle = 1\n").unwrap();
        let reporter = Reporter::plain(dir.path());
        let d = Diagnostic::error(Some(Location::new(dir.path().join("content/a.md"), 2)), "not a string");
        assert_eq!(reporter.render_with_line(&d), "error: content/a.md:2: not a string\n2 | title = 1");
        let unplaced = Diagnostic::error(None, "no content/ folder");
        assert_eq!(reporter.render_with_line(&unplaced), "error: no content/ folder");
    }

    #[test]
    fn one_failure_on_many_pages_is_said_once_with_the_count() {
        let failure =
            |page: &str, what: &str| (page.to_string(), format!("rendering {page} with t.html: {what}"));
        let said = once_per_cause(vec![
            failure("regions/b/index.html", "no length"),
            failure("regions/a/index.html", "no length"),
            failure("regions/c/index.html", "no length"),
            failure("index.html", "other"),
        ]);
        let messages: Vec<&str> = said.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "rendering index.html with t.html: other",
                "rendering regions/a/index.html (and 2 other pages) with t.html: no length"
            ]
        );
    }
}
