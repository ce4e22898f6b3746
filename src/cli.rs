//! The command line: one subcommand per stage.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// duizhao (对照): build a bilingual Chinese–English edition from raw sources.
///
/// An edition is a folder with `sources/` (raw texts), `content/` (cleaned
/// articles), `translations/en/` (English) and optionally `edition.toml` and
/// `themes/`. Run the commands from that folder, or name it with `-C`.
#[derive(Debug, Parser)]
#[command(name = "duizhao", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// The edition's folder.
    #[arg(short = 'C', long = "root", global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean raw sources into Markdown articles in `content/`.
    ///
    /// Reads each source file (UTF-8, GB18030/GBK or Big5, any line ends),
    /// splits it into articles, cleans them, applies the editorial fixes in
    /// `<source>.fixes.toml` and writes `content/<id>.md`. Articles whose body
    /// an editor changed since the last ingest are left alone (see --force).
    Ingest(IngestArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Source files or folders [default: sources/].
    pub paths: Vec<PathBuf>,

    /// Where to write articles [default: content/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Show what would be written, write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Overwrite articles even where an editor changed them.
    #[arg(long)]
    pub force: bool,

    /// Print only errors and the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}
