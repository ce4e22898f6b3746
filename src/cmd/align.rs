//! `duizhao align`: an article id and a translator's file in, the
//! translation slot file written (or, with `--dry-run`, only the alignment
//! printed); the pairings it is unsure of listed on stderr.

use super::terminal::{errln, outln};
use super::translate::resolve_id;
use duizhao::align::length::LengthModel;
use duizhao::align::lexicon::Lexicon;
use duizhao::align::{Bead, align, draft, input, paired_edition, paired_lengths, paired_texts};
use duizhao::cli::AlignArgs;
use duizhao::config::Edition;
use duizhao::error::{Error, Result};
use duizhao::fs_util::{article_ids, check_lang, display_path, read, read_optional, write_atomically};
use duizhao::model::{Article, Translation};
use duizhao::search::fold::plain;
use duizhao::translate::fill;
use std::path::Path;
use std::process::ExitCode;

/// Runs `duizhao align <id> <file>`.
pub fn run(root: &Path, args: &AlignArgs) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    check_lang(&args.lang)?;
    let id = resolve_id(&args.id, &article_ids(&edition)?)?;
    let path = edition.content_dir().join(format!("{id}.md"));
    let article = Article::parse(&display_path(&path, &edition.root), &read(&path)?)?;
    let bytes = std::fs::read(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let english = input::paragraphs(&args.file, &bytes)?;
    if english.is_empty() {
        return Err(Error::file(&args.file, "no paragraph of text in it: is it the right file?"));
    }
    let out = edition.translations_dir(&args.lang).join(format!("{id}.md"));
    let out_shown = display_path(&out, &edition.root);
    let old = read_optional(&out).map_err(|e| e.map_path(|_| out_shown.clone()))?;
    if let Some(old) = &old {
        let has_english = Translation::parse(&out_shown, old)?.slots.iter().any(|s| !s.text.is_empty());
        if has_english && !args.force && !args.dry_run {
            return Err(Error::Other(format!(
                "{} already holds English: add --force to replace it (its text is kept in an orphan comment at the end)",
                out_shown.display()
            )));
        }
    }
    // Fit the length model and learn the lexicon on the edition's other paired articles.
    let (mut paired, glossary) = paired_edition(&edition, &args.lang)?;
    paired.retain(|a| a.article.id != id);
    let model = LengthModel::fit(&paired_lengths(&paired));
    let zh: Vec<String> = article.blocks.iter().map(|b| plain(&b.markdown)).collect();
    let en_plain: Vec<String> = english.iter().map(|p| plain(p)).collect();
    let glosses = Lexicon::learn(&paired_texts(&paired)).glosses_of(&en_plain, None);
    let beads = align(&zh, &en_plain, model, &glossary, &glosses);
    let drafted = draft(article.blocks.len(), &beads, &english);
    let verb = if args.dry_run { "would write" } else { "wrote" };
    outln!("{verb} {}: {}", out_shown.display(), summary(&beads, english.len(), article.blocks.len()));
    if args.dry_run {
        for bead in &beads {
            outln!("  {}", describe(bead, &english));
        }
    }
    for flag in &drafted.flags {
        errln!("  review {}: {}\n    {}", flag.block, flag.why, describe(&flag.bead, &english));
    }
    if !args.dry_run {
        let text = fill(&article, &out_shown, old.as_deref(), &drafted.contents)?;
        write_atomically(&out, &text).map_err(|e| Error::io(&out_shown, e))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `12 paragraphs to 11 blocks: 9 one to one, 1 merged, 1 split; 2 flagged for review`.
fn summary(beads: &[Bead], paragraphs: usize, blocks: usize) -> String {
    let count = |f: &dyn Fn(&Bead) -> bool| beads.iter().filter(|b| f(b)).count();
    let mut parts = vec![format!("{} one to one", count(&|b| b.zh.len() == 1 && b.en.len() == 1))];
    let named = [
        (count(&|b| b.zh.len() > 1), "paragraph(s) rendering two blocks"),
        (count(&|b| b.en.len() > 1), "block(s) rendered by two paragraphs"),
        (count(&|b| b.en.is_empty()), "block(s) without English"),
        (count(&|b| b.zh.is_empty()), "paragraph(s) matching no block"),
    ];
    parts.extend(named.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")));
    let flagged = count(&|b| b.flagged());
    format!("{paragraphs} paragraphs to {blocks} blocks: {}; {flagged} flagged for review", parts.join(", "))
}

/// `¶3–4 ↔ paragraph 5 (0.62): “At about 7.50 p.m. …”`.
fn describe(bead: &Bead, english: &[String]) -> String {
    let blocks = match (bead.zh.start, bead.zh.end) {
        (s, e) if e == s => "no block".to_string(),
        (s, e) if e == s + 1 => format!("¶{}", s + 1),
        (s, e) => format!("¶{}–{e}", s + 1),
    };
    let paragraphs = match (bead.en.start, bead.en.end) {
        (s, e) if e == s => "no paragraph".to_string(),
        (s, e) if e == s + 1 => format!("paragraph {}", s + 1),
        (s, e) => format!("paragraphs {}–{e}", s + 1),
    };
    let first: String =
        english.get(bead.en.start).filter(|_| !bead.en.is_empty()).map_or(String::new(), |p| {
            let words: Vec<&str> = p.split_whitespace().take(8).collect();
            format!(": “{} …”", words.join(" "))
        });
    format!("{blocks} ↔ {paragraphs} ({:.2}){first}", bead.confidence)
}
