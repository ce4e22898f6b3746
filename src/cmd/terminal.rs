//! Text out to stdout and stderr, never a panic. A reader that closes
//! stdout early (`duizhao status | head -1`) ends the process quietly with
//! status 0, as ripgrep does. A closed stderr is ignored: the run goes on
//! (a build still cleans up its unfinished site) and its status still tells.

use std::io::{self, Write};
use std::process::ExitCode;

/// Prints a line on stdout; a closed pipe ends the process (status 0).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cmd::terminal::write_or_exit(&mut std::io::stdout().lock(), &format!($($arg)*), true)
    };
}

/// Prints a line on stderr; a failure to write is ignored.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cmd::terminal::write_stderr(&format!($($arg)*))
    };
}

pub(crate) use {errln, outln};

/// Ran and found problems (see `cli::EXIT_STATUS`).
pub fn problems_found() -> ExitCode {
    ExitCode::from(1)
}

/// Could not run.
pub fn could_not_run() -> ExitCode {
    ExitCode::from(2)
}

/// Writes `text` (and a line end). A closed pipe ends the process with
/// status 0: whoever reads has what they wanted. Any other failure to write
/// ends it with status 2, as nothing more can be said.
pub fn write_or_exit(to: &mut impl Write, text: &str, line_end: bool) {
    let written = to.write_all(text.as_bytes()).and_then(|()| {
        if line_end {
            to.write_all(b"\n")?;
        }
        to.flush()
    });
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(_) => std::process::exit(2),
    }
}

/// Writes a line on stderr. If that fails, there is nowhere left to say so.
pub fn write_stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}
