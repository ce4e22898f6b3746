//! The command line: one subcommand per stage.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// What the exit codes mean, shown under `--help`.
pub const EXIT_STATUS: &str = "\
Exit status:
  0  done, and no problem found (warnings allowed unless --strict)
  1  ran and found problems: errors in the edition, warnings under --strict,
     or blocks missing or stale under `status --strict`
  2  could not run: bad arguments, no edition, an unreadable edition.toml,
     a file that could not be read or written";

/// duizhao (对照): build a bilingual Chinese–English edition from raw sources.
///
/// An edition is a folder with `sources/` (raw texts), `content/` (cleaned
/// articles), `translations/en/` (English) and optionally `edition.toml` and
/// `themes/`. Run the commands from that folder, or name it with `-C`.
#[derive(Debug, Parser)]
#[command(name = "duizhao", version, about, long_about, max_term_width = 100, after_help = EXIT_STATUS)]
pub struct Cli {
    /// The edition's folder (as in `git -C`); relative paths given to the
    /// commands are taken from it [default: .]
    #[arg(
        short = 'C',
        long = "root",
        global = true,
        default_value = ".",
        hide_default_value = true,
        value_name = "DIR"
    )]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Takes every relative path argument from the edition's folder, so that
    /// `-C DIR ingest sources/x.txt` and `-C DIR build --out site` mean the
    /// same as they would run inside DIR.
    pub fn resolve_paths(&mut self) {
        let root = self.root.clone();
        let under_root = |path: &mut PathBuf| {
            if path.is_relative() && root != std::path::Path::new(".") {
                *path = root.join(&*path);
            }
        };
        match &mut self.command {
            Command::Ingest(args) => {
                args.paths.iter_mut().chain(args.out.as_mut()).for_each(under_root);
            }
            Command::Build(args) => {
                args.out.iter_mut().for_each(under_root);
            }
            Command::Serve(args) => {
                args.out.iter_mut().for_each(under_root);
            }
            Command::Align(args) => under_root(&mut args.file),
            Command::Pdf(args) => args.out.iter_mut().for_each(under_root),
            Command::Epub(args) => args.out.iter_mut().for_each(under_root),
            Command::Xliff(XliffCommand::Export(args)) => args.out.iter_mut().for_each(under_root),
            Command::Xliff(XliffCommand::Import(args)) => under_root(&mut args.file),
            Command::Check(_) | Command::Translate(_) | Command::Status(_) | Command::Review(_) => {}
        }
    }
}

const TRANSLATE_ABOUT: &str =
    "Write translation slot files to fill in (it does not translate), one slot per block";

const TRANSLATE_LONG_ABOUT: &str = "\
Write translation slot files to fill in (it does not translate), one slot per block.

A new `translations/<lang>/<id>.md` gets front matter to fill in and, for each block of the \
article, a marker (block number and a fingerprint of its Chinese) and the Chinese as a comment:

    <!-- ¶3 5e0a1c9b -->
    <!-- zh: 全市新增确诊病例…… -->

Write the English under the comments. Run it again after the article changed: new blocks get \
empty slots, your text is kept, a block whose Chinese changed keeps its old marker (so `status` \
and `check` call it stale) until you revise it and run `--accept`.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean raw sources into Markdown articles in `content/`.
    ///
    /// Reads each source file (UTF-8, GB18030/GBK or Big5, any line ends),
    /// splits it into articles, cleans them, applies the editorial fixes in
    /// `<source>.fixes.toml` and writes `content/<id>.md`. Articles an editor
    /// changed anywhere (body, front matter, a comment, `[ingest].review`)
    /// since the last ingest are left alone and named (see --force). An
    /// article never takes the file of another source's article: if its id is
    /// taken, it gets `<id>-2` and ingest says so. Reads only files in
    /// `sources/`; links and hidden files in a folder are skipped, with a note.
    /// Prints a summary of the interventions.
    #[command(after_help = EXIT_STATUS)]
    Ingest(IngestArgs),

    /// Build the bilingual site from `content/` and `translations/en/` into `public/`.
    ///
    /// Loads and validates every article and translation, pairs them block by
    /// block and renders the pages with the theme. The site is written into a
    /// fresh folder and swapped into place only when every page rendered, so a
    /// failed build leaves the previous `public/` as it was.
    #[command(after_help = EXIT_STATUS)]
    Build(BuildArgs),

    /// Preview the site in a browser: build it, serve it, rebuild on every change.
    ///
    /// Builds the edition as `build` does, but into a temporary folder
    /// (removed when serve stops) unless --out names one, and serves it at
    /// http://127.0.0.1:PORT/. Every change to `content/`, `translations/`,
    /// `sources/`, `themes/` or `edition.toml` rebuilds the site, and the open
    /// pages reload themselves, keeping their scroll position and view. A
    /// failed build is shown in the terminal and over the open pages, with
    /// the file, line and text at fault, while the last good site stays
    /// served. Ctrl+C stops it.
    #[command(after_help = EXIT_STATUS)]
    Serve(ServeArgs),

    /// Validate the edition without writing anything.
    ///
    /// Checks front matter, dates, regions, duplicate ids, translation markers
    /// and staleness, images and the internal links of every rendered page.
    /// Exits 1 on errors, and with --strict on warnings too.
    #[command(after_help = EXIT_STATUS)]
    Check(CheckArgs),

    // Written out rather than a doc comment, so that the marker example keeps
    // its own line: clap joins and rewraps doc comment lines.
    #[command(after_help = EXIT_STATUS, about = TRANSLATE_ABOUT, long_about = TRANSLATE_LONG_ABOUT)]
    Translate(TranslateArgs),

    /// Show how much of each article is translated.
    ///
    /// For each article and in total: blocks translated, missing (no English
    /// yet) and stale (the Chinese changed since it was translated), read from
    /// `translations/<lang>/`. Writes nothing. Exits 1 with --strict if any
    /// block is missing or stale.
    #[command(after_help = EXIT_STATUS)]
    Status(StatusArgs),

    /// Pair a translator's whole English text with an article, block by block.
    ///
    /// Reads the translation of one article as plain text, Markdown or a Word
    /// `.docx`, splits it into paragraphs and aligns them with the article's
    /// Chinese blocks by their lengths and by anchors both sides share
    /// (numbers, dates, times, Latin words, names in pinyin, glossary terms).
    /// A paragraph may render two blocks (the second block's slot then says
    /// `<!-- joined to ¶n -->`), two paragraphs one block; a block may have
    /// none. Writes `translations/<lang>/<id>.md` in the slot format; each
    /// pairing it is unsure of is listed here and flagged in the file with a
    /// `<!-- review: … -->` line, which `check` reports until you delete it.
    /// A file that already holds English is left alone unless --force; then
    /// its text is kept in an orphan comment at the end of the new file.
    #[command(after_help = EXIT_STATUS)]
    Align(AlignArgs),

    /// Mark blocks' English as reviewed against their current Chinese.
    ///
    /// Writes `<!-- reviewed <fingerprint> -->` into the slot of each block
    /// named (--blocks 3,5-7) or of every block (--all) of
    /// `translations/<lang>/<id>.md`. The mark holds while the Chinese keeps
    /// that fingerprint: edit the Chinese and the block is stale again. A
    /// block with no English, stale English or review flags left is not
    /// marked: with --blocks nothing is written and each is named; with
    /// --all the others are marked and these listed.
    #[command(after_help = EXIT_STATUS)]
    Review(ReviewArgs),

    /// Print a reader (`[[reader]]` in edition.toml) to a PDF with headless Chromium.
    ///
    /// Builds the site into a temporary folder, then has Chromium print the
    /// reader's page `readers/<ID>/index.html` on A4: cover and contents,
    /// each article in parallel rows under its running head, vocabulary,
    /// citations, page numbers. Needs Chromium (Debian and Ubuntu: `sudo apt
    /// install chromium`); the site itself never does, and the reader's page
    /// prints the same from any browser's print dialog.
    #[command(after_help = EXIT_STATUS)]
    Pdf(PdfArgs),

    /// Make an EPUB 3 e-book of the whole edition or of one reader.
    ///
    /// Each Chinese block is followed by its English, linked both ways; a
    /// navigation document, metadata in both languages and the glossary come
    /// with it. The same edition gives the same bytes.
    #[command(after_help = EXIT_STATUS)]
    Epub(EpubArgs),

    /// Exchange translations with CAT tools (Trados, memoQ, Weblate, …) as XLIFF 2.0.
    ///
    /// `export` writes one `<file>` per article and one `<unit>` per block:
    /// the Chinese Markdown as source, the English as target, the block's
    /// fingerprint, staleness, review flags and glossary terms as notes.
    /// `import` brings the targets back into `translations/<lang>/`.
    #[command(subcommand)]
    Xliff(XliffCommand),
}

/// `duizhao xliff export` and `duizhao xliff import`.
#[derive(Debug, Subcommand)]
pub enum XliffCommand {
    /// Write articles and their English as an XLIFF 2.0 document.
    ///
    /// One `<file id="<article id>">` per article, one `<unit id="p<n>">`
    /// per block, with state `initial` (no English yet) or `translated`.
    /// Emphasis, links and notes stay Markdown, as text. Prints to standard
    /// output unless -o.
    #[command(after_help = EXIT_STATUS)]
    Export(XliffExportArgs),

    /// Bring the English of an XLIFF document back into the translation files.
    ///
    /// Only units whose target differs from the block's English are written,
    /// each marked as translated from the current Chinese; the rest of the
    /// file stays as it was. A unit whose source no longer matches its
    /// block (the Chinese changed since the export) is refused and named; an
    /// empty or missing target never deletes English. Exit status 1 when a
    /// unit was refused.
    #[command(after_help = EXIT_STATUS)]
    Import(XliffImportArgs),
}

#[derive(Debug, Args)]
pub struct XliffExportArgs {
    /// Article ids (file names in `content/`, without `.md`) [default: all]
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    /// The language of the translations [default: en]
    #[arg(long, default_value = "en", hide_default_value = true)]
    pub lang: String,

    /// Write the document to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct XliffImportArgs {
    /// The XLIFF 2.0 document, as `xliff export` wrote it and a CAT tool filled it in.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The language of the translations [default: en]
    #[arg(long, default_value = "en", hide_default_value = true)]
    pub lang: String,

    /// Say what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The article's id (its file name in `content/`, without `.md`).
    #[arg(value_name = "ID")]
    pub id: String,

    /// The translation: `.txt` (UTF-8), `.md` or `.docx`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The language of the translation [default: en]
    #[arg(long, default_value = "en", hide_default_value = true)]
    pub lang: String,

    /// Print the alignment, write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Replace a translation file that already holds English (its text is
    /// kept in an orphan comment at the end).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["blocks", "all"])))]
pub struct ReviewArgs {
    /// The article's id (its file name in `content/`, without `.md`).
    #[arg(value_name = "ID")]
    pub id: String,

    /// The blocks to mark: numbers and ranges, as `3,5-7` (or `¶3`).
    #[arg(long, value_delimiter = ',', value_name = "BLOCKS")]
    pub blocks: Vec<String>,

    /// Mark every block whose English can be marked.
    #[arg(long)]
    pub all: bool,

    /// The language of the translation [default: en]
    #[arg(long, default_value = "en", hide_default_value = true)]
    pub lang: String,
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    /// The reader's id, as `id` in its `[[reader]]` table.
    #[arg(value_name = "READER")]
    pub reader: String,

    /// Where to write the PDF [default: READER.pdf in the edition's folder]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The Chromium (or Chrome) program [default: `$CHROMIUM`, else
    /// `chromium`, `chromium-browser`, `google-chrome` on PATH]
    #[arg(long, value_name = "PROGRAM")]
    pub chromium: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EpubArgs {
    /// Only this reader's articles (its `id` in edition.toml) [default: every article]
    #[arg(long, value_name = "READER")]
    pub reader: Option<String>,

    /// Where to write the book [default: READER.epub, or edition.epub, in the edition's folder]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
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

    /// Overwrite articles even where an editor changed them; each one is
    /// named, and the editor's version kept beside it as `<id>.md.orig`
    /// (`.orig.2`, … if that exists), which the build ignores.
    #[arg(long)]
    pub force: bool,

    /// Print only errors and the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args, Default)]
#[expect(clippy::struct_excessive_bools, reason = "independent command-line switches")]
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

    /// Build into an output folder that duizhao did not build but that holds
    /// only deploy files (`.git`, `.nojekyll`, `CNAME`, `keep` in
    /// edition.toml); they are kept. Any other folder is still refused.
    #[arg(long)]
    pub force: bool,

    /// Print only problems and the summary line.
    #[arg(long, short)]
    pub quiet: bool,

    /// Render every page again, ignoring the build cache (.duizhao-cache/ in
    /// the edition, which lets a build redo only what changed since the last).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on; 0 takes any free one (the address is printed)
    /// [default: 4004]
    #[arg(long, short, default_value_t = 4004, hide_default_value = true)]
    pub port: u16,

    /// Open the site in the system's browser once it is served.
    #[arg(long)]
    pub open: bool,

    /// The address to listen on. Any address but loopback (`127.0.0.1`, `::1`)
    /// shows the site, unpublished edits and all, to every machine that can
    /// reach it, and is warned about [default: 127.0.0.1]
    #[arg(long, default_value = "127.0.0.1", hide_default_value = true, value_name = "ADDR")]
    pub bind: std::net::IpAddr,

    /// Build into this folder and leave the last good site there; it may be
    /// replaced only as build's --out may [default: a temporary folder,
    /// removed when serve stops]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
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

#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// Article ids (file names in `content/`, without `.md`).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// The language of the translation [default: en]
    #[arg(long, default_value = "en", hide_default_value = true)]
    pub lang: String,

    /// After revising stale blocks: mark them as translated from the current
    /// Chinese (block numbers such as `3,5`, or `all`). Needs a single id.
    #[arg(long, value_delimiter = ',', value_name = "BLOCKS")]
    pub accept: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The language of the translations [default: en]
    #[arg(long, default_value = "en", hide_default_value = true)]
    pub lang: String,

    /// Print a JSON object instead of the table.
    #[arg(long)]
    pub json: bool,

    /// Exit with status 1 if any block is missing or stale.
    #[arg(long)]
    pub strict: bool,
}
