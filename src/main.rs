use clap::Parser;
use duizhao::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    cli.resolve_paths();
    let result = match cli.command {
        Command::Ingest(args) => duizhao::ingest::run(&cli.root, &args),
        Command::Build(args) => duizhao::build::run(&cli.root, &args),
        Command::Check(args) => duizhao::check::run(&cli.root, &args),
        Command::Translate(args) => duizhao::translate::run_translate(&cli.root, &args),
        Command::Status(args) => duizhao::translate::run_status(&cli.root, &args),
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
