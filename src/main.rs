mod cmd;

use clap::Parser;
use cmd::report::Reporter;
use cmd::terminal::{could_not_run, errln};
use duizhao::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    cli.resolve_paths();
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
