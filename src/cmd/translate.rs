//! `duizhao translate`: article ids in, translation slot files written or
//! updated (the rules are [`duizhao::translate::skeleton`]'s).

use super::report::Reporter;
use super::terminal::{errln, outln, problems_found};
use duizhao::cli::TranslateArgs;
use duizhao::config::Edition;
use duizhao::error::{Error, Result};
use duizhao::fs_util::{article_ids, check_lang, display_path, read, read_optional, write_atomically};
use duizhao::model::edit_distance;
use duizhao::model::{Article, ArticleId};
use duizhao::translate::{Accept, Report, parse_accept, skeleton, update};
use std::path::Path;
use std::process::ExitCode;

/// `duizhao translate <id>... [--lang en] [--accept 3,5]`.
pub fn run(root: &Path, args: &TranslateArgs, reporter: &Reporter) -> Result<ExitCode> {
    let edition = Edition::open(root)?;
    check_lang(&args.lang)?;
    if !args.accept.is_empty() && args.ids.len() != 1 {
        return Err(Error::Other("--accept names blocks of one article: give exactly one id with it".into()));
    }
    // Every id must exist before anything is written.
    let known = article_ids(&edition)?;
    let mut ids = Vec::new();
    for given in &args.ids {
        ids.push(resolve_id(given, &known)?);
    }
    // A bad article or translation file is a problem found in the edition
    // (exit 1, the other ids go on); anything else stops the command.
    let mut problems = false;
    for id in ids {
        match translate_one(&edition, args, &id) {
            Ok(done) => outln!("{done}"),
            Err(e @ (Error::At { .. } | Error::File { .. })) => {
                errln!("{}", reporter.render_error(&e));
                problems = true;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(if problems { problems_found() } else { ExitCode::SUCCESS })
}

/// Writes or updates one translation file; says what it did.
fn translate_one(edition: &Edition, args: &TranslateArgs, id: &ArticleId) -> Result<String> {
    let path = edition.content_dir().join(format!("{id}.md"));
    let article = Article::parse(&display_path(&path, &edition.root), &read(&path)?)?;
    let accept = parse_accept(&args.accept, article.blocks.len())?;
    let out = edition.translations_dir(&args.lang).join(format!("{id}.md"));
    let out_shown = display_path(&out, &edition.root);
    let old = read_optional(&out).map_err(|e| e.map_path(|_| out_shown.clone()))?;
    let (text, report) = match &old {
        None => {
            if accept != Accept::Nothing {
                return Err(Error::Other(format!(
                    "--accept: {} does not exist yet; there is nothing to accept",
                    out_shown.display()
                )));
            }
            let report = Report { created: true, blocks: article.blocks.len(), ..Report::default() };
            (skeleton(&article), report)
        }
        Some(old) => update(&article, &out_shown, old, &accept)?,
    };
    let changed = old.as_deref() != Some(text.as_str());
    if changed {
        write_atomically(&out, &text).map_err(|e| Error::io(&out_shown, e))?;
    }
    Ok(describe(&out_shown, id, &report, changed))
}

/// The message for one file: what changed and what the translator should do.
fn describe(path: &Path, id: &ArticleId, r: &Report, changed: bool) -> String {
    let list = |blocks: &[duizhao::model::BlockNo]| {
        blocks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    };
    let path = path.display();
    if r.created {
        return format!("wrote {path}: {} blocks to translate", r.blocks);
    }
    let mut lines = vec![format!(
        "{} {path}: {} of {} blocks translated",
        if changed { "updated" } else { "unchanged" },
        r.translated,
        r.blocks
    )];
    if r.converted {
        lines.push("  added markers: the file paired by order before".into());
    }
    if !r.added.is_empty() {
        lines.push(format!("  new empty slots: {}", list(&r.added)));
    }
    for (was, now) in &r.moved {
        lines.push(format!("  moved: the translation of {was} now belongs to {now}"));
    }
    if !r.accepted.is_empty() {
        lines.push(format!("  accepted as current: {}", list(&r.accepted)));
    }
    if !r.not_accepted.is_empty() {
        lines.push(format!("  not accepted (no translation yet): {}", list(&r.not_accepted)));
    }
    if !r.stale.is_empty() {
        let numbers: Vec<String> = r.stale.iter().map(|b| b.0.to_string()).collect();
        lines.push(format!(
            "  stale (the Chinese changed): {}; revise them, then run `duizhao translate {id} --accept {}`",
            list(&r.stale),
            numbers.join(",")
        ));
    }
    if !r.orphaned.is_empty() {
        lines.push(format!(
            "  orphaned (block gone; text kept in a comment at the end of the file): {}",
            list(&r.orphaned)
        ));
    }
    lines.join("\n")
}

/// Turns what the user typed (an id, or a path like `content/<id>.md`) into
/// a known id, or an error that suggests close ones.
pub(super) fn resolve_id(given: &str, known: &[String]) -> Result<ArticleId> {
    let stem = if given.ends_with(".md") {
        Path::new(given).file_stem().and_then(|s| s.to_str()).unwrap_or(given)
    } else {
        given
    };
    if known.iter().any(|k| k == stem) {
        return ArticleId::parse(stem).map_err(Error::Other);
    }
    let mut message = format!("no article \"{given}\" in content/");
    let close = close_ids(stem, known);
    if !close.is_empty() {
        let quoted: Vec<String> = close.iter().map(|c| format!("\"{c}\"")).collect();
        message.push_str(&format!(": did you mean {}?", quoted.join(" or ")));
    } else if known.is_empty() {
        message.push_str(" (it has no articles: run `duizhao ingest` first)");
    }
    Err(Error::Other(message))
}

/// Up to three known ids that contain `given` or are a few edits from it.
fn close_ids<'a>(given: &str, known: &'a [String]) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .filter_map(|k| {
            if !given.is_empty() && k.contains(given) {
                return Some((0, k.as_str()));
            }
            let d = edit_distance(given, k);
            (d <= (given.chars().count() / 3).max(2)).then_some((d, k.as_str()))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_suggest_close_ones() {
        let known = vec!["2020-02-27-guang-xi-juan-zeng".to_string(), "2020-02-28-shi-yan".to_string()];
        assert_eq!(resolve_id("2020-02-28-shi-yan", &known).unwrap().as_str(), "2020-02-28-shi-yan");
        assert_eq!(
            resolve_id("content/2020-02-28-shi-yan.md", &known).unwrap().as_str(),
            "2020-02-28-shi-yan"
        );
        assert_eq!(
            resolve_id("2020-02-28-shi-yam", &known).unwrap_err().to_string(),
            "no article \"2020-02-28-shi-yam\" in content/: did you mean \"2020-02-28-shi-yan\"?"
        );
        assert_eq!(
            resolve_id("guang-xi", &known).unwrap_err().to_string(),
            "no article \"guang-xi\" in content/: did you mean \"2020-02-27-guang-xi-juan-zeng\"?"
        );
        assert_eq!(resolve_id("zzz", &known).unwrap_err().to_string(), "no article \"zzz\" in content/");
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("对照", "对照"), 0);
    }
}
