//! What `build`, `check` and `status` say about a paired translation: an
//! [`AlignedArticle`] in (and, for stale blocks whose slot recorded no
//! source text, the edition's [`GitHistory`]), warnings located in the
//! translation file out. The one place these messages are worded.

use super::history::GitHistory;
use super::{AlignedArticle, BlockStatus, Row, RowStatus};
use crate::error::{Diagnostic, Location};
use crate::model::{TranslationStatus, one_line};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Everything to say about one paired translation, as warnings located in
/// the translation file at `path`: pairing problems, each stale block, and
/// one line listing the blocks not yet translated. Nothing for an article
/// without a translation. A stale block reads:
///
/// ```text
/// warning: translations/en/<id>.md:<line>: ¶3 is stale: the source changed since it was translated
///   was: …
///   now: …
/// ```
///
/// A review flag (`<!-- review: … -->`, as `duizhao align` writes for a
/// pairing it is unsure of) is a warning at its slot until deleted.
///
/// When the old text is not known, `was:` gives the fingerprint and where
/// to look for it. When the old text now sits in another block (a block was
/// inserted or removed above it), a `hint:` line says so.
///
/// The old source text of a stale block comes from its slot's
/// `<!-- zh: … -->` line, else from `history` when given; git runs only for
/// such blocks.
pub fn translation_diagnostics(
    path: &Path,
    aligned: &AlignedArticle,
    history: Option<&GitHistory>,
) -> Vec<Diagnostic> {
    if aligned.translation.is_none() {
        return Vec::new();
    }
    let mut out: Vec<Diagnostic> = aligned
        .problems
        .iter()
        .map(|p| Diagnostic::warning(Some(Location::new(path, p.line())), p.to_string()))
        .collect();
    let recovered = history.map(|h| recover(h, aligned)).unwrap_or_default();
    for row in &aligned.rows {
        if let Some(message) = stale_text(aligned, row, &recovered) {
            out.push(Diagnostic::warning(Some(Location::new(path, row.slot_line.unwrap_or(1))), message));
        }
        if let Some(message) = expired_review(row) {
            out.push(Diagnostic::warning(Some(Location::new(path, row.slot_line.unwrap_or(1))), message));
        }
        for flag in &row.review {
            out.push(Diagnostic::warning(
                Some(Location::new(path, row.slot_line.unwrap_or(1))),
                format!(
                    "{} is flagged for review: {flag}\n  delete its `<!-- review: … -->` line once checked",
                    row.zh.no
                ),
            ));
        }
    }
    out.extend(missing_diagnostic(path, aligned));
    out.extend(reviewed_file_diagnostic(path, aligned));
    out
}

/// A file whose front matter says `status = "reviewed"` while blocks of
/// it are stale: stale beats reviewed, for the file as for each block.
fn reviewed_file_diagnostic(path: &Path, aligned: &AlignedArticle) -> Option<Diagnostic> {
    let front = aligned.translation.as_ref()?;
    if front.status != TranslationStatus::Reviewed {
        return None;
    }
    let stale: Vec<String> = aligned
        .rows
        .iter()
        .filter(|r| r.block_status == BlockStatus::Stale)
        .map(|r| r.zh.no.to_string())
        .collect();
    if stale.is_empty() {
        return None;
    }
    Some(Diagnostic::warning(
        Some(Location::new(path, 1)),
        format!(
            "the file says `status = \"reviewed\"`, but {} changed in the Chinese since: {}\n  revise and review them, or set `status = \"draft\"`",
            if stale.len() == 1 { "one block" } else { "blocks" },
            stale.join(", ")
        ),
    ))
}

/// A reviewed mark that no longer holds because the Chinese changed since,
/// on a row that is not stale (its stale warning says so already).
fn expired_review(row: &Row) -> Option<String> {
    let was = row.reviewed.as_ref()?;
    let now = row.zh.fingerprint();
    if *was == now || row.status != RowStatus::Translated {
        return None;
    }
    Some(format!(
        "{} is no longer reviewed: it was reviewed against Chinese of fingerprint {was}, which has changed since\n  review the English again, then write `<!-- reviewed {now} -->` in its slot",
        row.zh.no
    ))
}

/// Old texts of the stale rows that recorded none, by fingerprint.
fn recover(history: &GitHistory, aligned: &AlignedArticle) -> BTreeMap<String, String> {
    let wanted: BTreeSet<&str> = aligned
        .rows
        .iter()
        .filter_map(|r| match &r.status {
            RowStatus::Stale { was, was_text: None } => Some(was.as_str()),
            _ => None,
        })
        .collect();
    history.old_blocks(aligned.article.id.as_str(), &wanted)
}

fn stale_text(aligned: &AlignedArticle, row: &Row, recovered: &BTreeMap<String, String>) -> Option<String> {
    let RowStatus::Stale { was, was_text } = &row.status else {
        return None;
    };
    let no = row.zh.no;
    let was_line = match was_text.as_ref().or_else(|| recovered.get(was)) {
        Some(text) => one_line(text),
        None => format!(
            "(not recorded: source fingerprint {was}; see `git log -p content/{}.md`)",
            aligned.article.id
        ),
    };
    let mut message = format!(
        "{no} is stale: the source changed since it was translated\n  was: {was_line}\n  now: {}",
        one_line(&row.zh.markdown)
    );
    if row.reviewed.is_some() {
        message.push_str("\n  no longer reviewed: its `<!-- reviewed … -->` mark is for the old Chinese");
    }
    if let Some(moved) = aligned.rows.iter().find(|r| r.zh.no != no && r.zh.fingerprint() == *was) {
        message.push_str(&format!(
            "\n  hint: that source text is now {}: `duizhao translate {}` moves the translation there",
            moved.zh.no, aligned.article.id
        ));
    }
    Some(message)
}

/// One warning listing the blocks without English, at the first one's slot.
fn missing_diagnostic(path: &Path, aligned: &AlignedArticle) -> Option<Diagnostic> {
    let missing: Vec<&Row> = aligned.rows.iter().filter(|r| r.status == RowStatus::Missing).collect();
    let first = missing.first()?;
    let names: Vec<String> = missing.iter().map(|r| r.zh.no.to_string()).collect();
    Some(Diagnostic::warning(
        Some(Location::new(path, first.slot_line.unwrap_or(1))),
        format!(
            "{} of {} blocks not yet translated: {}",
            missing.len(),
            aligned.rows.len(),
            names.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Translation, fingerprint};
    use crate::pair::pair;

    fn article() -> Article {
        let text = "+++\ntitle = \"标题\"\nsource = \"s\"\n+++\n\n第一段。\n\n第二段。\n\n第三段。\n";
        Article::parse(Path::new("content/a.md"), text).unwrap()
    }

    fn translation(body: &str) -> Translation {
        let text = format!(
            "+++\ntitle = \"T\"\ntranslator = \"duizhao editors\"\nstatus = \"draft\"\n+++\n\n{body}"
        );
        Translation::parse(Path::new("translations/en/a.md"), &text).unwrap()
    }

    #[test]
    fn stale_rows_show_the_recorded_and_the_current_source() {
        let body = format!(
            "<!-- ¶1 {} -->\n<!-- zh: 第一段。 -->\nFirst.\n\n<!-- ¶2 {} -->\n<!-- zh: 旧的第二段。 -->\nSecond.\n",
            fingerprint("第一段。"),
            fingerprint("旧的第二段。")
        );
        let aligned = pair(article(), Some(translation(&body)));
        let path = Path::new("translations/en/a.md");
        let diagnostics = translation_diagnostics(path, &aligned, None);
        assert_eq!(
            diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "warning: translations/en/a.md:11: ¶2 is stale: the source changed since it was translated\n  was: 旧的第二段。\n  now: 第二段。",
                "warning: translations/en/a.md:1: 1 of 3 blocks not yet translated: ¶3",
            ]
        );
    }

    #[test]
    fn a_file_said_reviewed_with_a_stale_block_is_named() {
        let body =
            format!("<!-- ¶1 {} -->\nFirst.\n\n<!-- ¶2 0badc0de -->\nSecond.\n", fingerprint("第一段。"));
        let text = translation(&body);
        let reviewed = Translation {
            front: crate::model::TranslationFront {
                status: TranslationStatus::Reviewed,
                ..text.front.clone()
            },
            ..text
        };
        let aligned = pair(article(), Some(reviewed));
        let messages: Vec<String> = translation_diagnostics(Path::new("t.md"), &aligned, None)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages.last().map(String::as_str),
            Some(
                "warning: t.md:1: the file says `status = \"reviewed\"`, but one block changed in the Chinese since: ¶2\n  revise and review them, or set `status = \"draft\"`"
            )
        );
    }

    #[test]
    fn a_review_mark_for_older_chinese_is_named() {
        let old = fingerprint("旧的第一段。");
        let body = format!("<!-- ¶1 {} -->\n<!-- reviewed {old} -->\nFirst.\n", fingerprint("第一段。"));
        let aligned = pair(article(), Some(translation(&body)));
        let message = translation_diagnostics(Path::new("t.md"), &aligned, None)[0].to_string();
        assert_eq!(
            message,
            format!(
                "warning: t.md:7: ¶1 is no longer reviewed: it was reviewed against Chinese of fingerprint {old}, which has changed since\n  review the English again, then write `<!-- reviewed {} -->` in its slot",
                fingerprint("第一段。")
            )
        );
    }

    #[test]
    fn missing_blocks_are_located_at_the_first_empty_slot() {
        let body = format!("<!-- ¶1 {} -->\nFirst.\n\n<!-- ¶2 -->\n\n<!-- ¶3 -->\n", fingerprint("第一段。"));
        let aligned = pair(article(), Some(translation(&body)));
        let diagnostics = translation_diagnostics(Path::new("t.md"), &aligned, None);
        assert_eq!(
            diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["warning: t.md:10: 2 of 3 blocks not yet translated: ¶2, ¶3"]
        );
    }

    #[test]
    fn stale_message_hints_where_the_old_source_went() {
        // The translation of ¶1 was made when ¶1 read 第二段。, now ¶2.
        let body = format!("<!-- ¶1 {} -->\nSecond.\n", fingerprint("第二段。"));
        let aligned = pair(article(), Some(translation(&body)));
        let message = translation_diagnostics(Path::new("t.md"), &aligned, None)[0].to_string();
        assert!(message.contains("was: (not recorded: source fingerprint"), "{message}");
        assert!(message.contains("hint: that source text is now ¶2"), "{message}");
    }

    #[test]
    fn an_article_without_translation_gets_no_warning_here() {
        assert!(translation_diagnostics(Path::new("t.md"), &pair(article(), None), None).is_empty());
    }
}
