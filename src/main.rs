mod cmd;

use clap::Parser;
use cmd::report::Reporter;
use cmd::terminal::{could_not_run, errln};
use duizhao::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    cli.resolve_paths();
    no_transparent_huge_pages();
    if matches!(cli.command, Command::Ingest(_)) {
        keep_freed_memory();
    }
    let reporter = Reporter::new(&cli.root);
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&cli.root, &args, &reporter),
        Command::Build(args) => cmd::build::run(&cli.root, &args, &reporter),
        Command::Serve(args) => cmd::serve::run(&cli.root, &args, &reporter),
        Command::Check(args) => cmd::check::run(&cli.root, &args, &reporter),
        Command::Translate(args) => cmd::translate::run(&cli.root, &args, &reporter),
        Command::Status(args) => cmd::status::run(&cli.root, &args, &reporter),
        Command::Align(args) => cmd::align::run(&cli.root, &args),
        Command::Review(args) => cmd::review::run(&cli.root, &args),
        Command::Pdf(args) => cmd::pdf::run(&cli.root, &args, &reporter),
        Command::Epub(args) => cmd::epub::run(&cli.root, &args, &reporter),
        Command::Xliff(command) => cmd::xliff::run(&cli.root, &command, &reporter),
    };
    match result {
        Ok(code) => code,
        // Problems in the edition are reported by the commands, which then
        // exit 1; an error that reaches here stopped the command itself.
        Err(error) => {
            errln!("{}", reporter.render_error(&error));
            could_not_run()
        }
    }
}

// Rendering allocates many small strings on every thread; glibc's malloc
// spent a quarter of a build's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's C interface (libmimalloc-sys declares these only behind a
// feature that pulls in another crate).
unsafe extern "C" {
    fn mi_version() -> std::ffi::c_int;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Turns transparent huge pages off for this process. Where the system
/// gives them to every anonymous mapping (`always`), each first touch of
/// mimalloc's arenas made the kernel zero 2 MiB: a fifth of a clean build's
/// system time and up to a third of a one-article rebuild went to
/// `clear_page_erms`, and the peak grew by about 40 MiB. (mimalloc's own
/// `allow_thp` option is read before `main`, hence the call here.)
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::thread::disable_transparent_huge_pages(true) {
        // Only speed is lost; say so when asked for timings.
        if std::env::var_os("DUIZHAO_TIMINGS").is_some() {
            errln!("note: transparent huge pages stay on: {e}");
        }
    }
}

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h` (`mi_option_e`).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Tells mimalloc never to give freed memory back to the system, for a
/// command that ends soon. Ingest frees each source's buffers and allocates
/// the next one's: with the default purge after 10 ms, the kernel zeroed the
/// same memory again and again (about 5% of ingest's time).
/// `MIMALLOC_PURGE_DELAY` in the environment still reads first.
fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: both functions take plain integers and only read or write
    // mimalloc's option table; the option's number is checked against the
    // version it belongs to (3.x), so another version is left as it is.
    unsafe {
        if mi_version() / 10000 == 3 {
            mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        }
    }
}
