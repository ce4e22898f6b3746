use clap::Parser;
use duizhao::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => duizhao::ingest::run(&cli.root, &args),
        Command::Translate(args) => duizhao::translate::run_translate(&cli.root, &args),
        Command::Status(args) => duizhao::translate::run_status(&cli.root, &args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}
