mod cmd;

use clap::Parser;
use duizhao::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    cli.resolve_paths();
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&cli.root, &args),
        Command::Build(args) => cmd::build::run(&cli.root, &args),
        Command::Check(args) => cmd::check::run(&cli.root, &args),
        Command::Translate(args) => cmd::translate::run(&cli.root, &args),
        Command::Status(args) => cmd::status::run(&cli.root, &args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let message = error.to_string();
            eprintln!("error: {message}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                // Messages that already quote their cause need not repeat it.
                let cause_text = cause.to_string();
                if !message.contains(&cause_text) {
                    eprintln!("  caused by: {cause_text}");
                }
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

// Rendering allocates many small strings on every thread; glibc's malloc
// spent a quarter of a build's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
