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
    #[arg(
        short = 'C',
        long = "root",
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
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

    /// Build the bilingual site from `content/` and `translations/en/` into `public/`.
    ///
    /// Loads and validates every article and translation, pairs them block by
    /// block and renders the pages with the theme. The site is written into a
    /// fresh folder and swapped into place only when every page rendered, so a
    /// failed build leaves the previous `public/` as it was.
    Build(BuildArgs),

    /// Validate the edition without writing anything.
    ///
    /// Checks front matter, dates, regions, duplicate ids, translation markers
    /// and staleness, images and the internal links of every rendered page.
    /// Exits 1 on errors, and with --strict on warnings too.
    Check(CheckArgs),
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

#[derive(Debug, Args, Default)]
pub struct BuildArgs {
    /// Where to write the site [default: public/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Absolute URL the site will be served from, for canonical links only
    /// (navigation is always relative) [default: `base_url` in edition.toml].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Fail, and write nothing, if there are warnings.
    #[arg(long)]
    pub strict: bool,

    /// Print only problems and the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// Fail on warnings too (stale or missing translations, missing images …).
    #[arg(long)]
    pub strict: bool,

    /// Print only problems and the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}
