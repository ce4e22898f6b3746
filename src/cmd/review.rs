//! `duizhao review <id> --blocks 3,5-7 | --all`: an article id and blocks
//! in, their slots marked `<!-- reviewed <fingerprint> -->` through the one
//! path that rewrites translation files ([`duizhao::translate::edit`]); the
//! blocks marked, and those that could not be and why, printed.

use super::terminal::{errln, outln, problems_found};
use super::translate::resolve_id;
use duizhao::cli::ReviewArgs;
use duizhao::config::Edition;
use duizhao::error::{Error, Result};
use duizhao::fs_util::{article_ids, check_lang, display_path, read, read_optional, write_atomically};
use duizhao::model::{Article, BlockNo};
use duizhao::translate::{Edits, edit, parse_blocks};
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao review`.
pub fn run(root: &Path, args: &ReviewArgs) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    check_lang(&args.lang)?;
    let id = resolve_id(&args.id, &article_ids(&edition)?)?;
    let path = edition.content_dir().join(format!("{id}.md"));
    let article = Article::parse(&display_path(&path, &edition.root), &read(&path)?)?;
    let blocks = if args.all {
        article.blocks.iter().map(|b| b.no).collect()
    } else {
        parse_blocks(&args.blocks, article.blocks.len(), "--blocks")?
    };
    let out = edition.translations_dir(&args.lang).join(format!("{id}.md"));
    let shown = display_path(&out, &edition.root);
    let Some(old) = read_optional(&out).map_err(|e| e.map_path(|_| shown.clone()))? else {
        return Err(Error::Other(format!(
            "{} does not exist: there is no English to review (write it with `duizhao translate {id}` or `duizhao align`)",
            shown.display()
        )));
    };
    let (text, report) = edit(&article, &shown, &old, &Edits { reviewed: blocks, ..Edits::default() })?;
    let list = |blocks: &[BlockNo]| blocks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    if !args.all && !report.not_reviewed.is_empty() {
        for (no, why) in &report.not_reviewed {
            errln!("{}: {no} not marked reviewed: {}", shown.display(), why.replace("<id>", id.as_str()));
        }
        errln!("nothing written: mend the blocks named above, or leave them out of --blocks");
        return Ok(problems_found());
    }
    let changed = text != old;
    if changed {
        write_atomically(&out, &text).map_err(|e| Error::io(&shown, e))?;
    }
    let verb = if changed { "updated" } else { "unchanged" };
    let marked = if report.reviewed.is_empty() { "no block".to_string() } else { list(&report.reviewed) };
    outln!("{verb} {}: marked reviewed {marked}", shown.display());
    for (no, why) in &report.not_reviewed {
        outln!("  not marked {no}: {}", why.replace("<id>", id.as_str()));
    }
    Ok(ExitCode::SUCCESS)
}
