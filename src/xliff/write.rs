//! Writing an XLIFF 2.0 document: the paired articles of an edition (as
//! [`crate::pair::pair`] gives them) and the glossary in, the document's
//! text out. Pure: no I/O.

use super::{NAMESPACE, category, unit_id};
use crate::error::{Error, Result};
use crate::model::{Term, fingerprint};
use crate::pair::{AlignedArticle, BlockStatus, Row, RowStatus};
use std::fmt::Write as _;

/// The XLIFF document of `articles`, English as `lang`. Errors on a block
/// holding a character XML 1.0 cannot carry (a control character).
pub fn export(articles: &[AlignedArticle], glossary: &[Term], lang: &str) -> Result<String> {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"zh\" trgLang=\"{}\">\n",
        attr(lang)
    );
    for article in articles {
        let id = article.article.id.as_str();
        let _ = writeln!(out, "  <file id=\"{}\" original=\"content/{}.md\">", attr(id), attr(id));
        for (field, zh, en) in headlines(article) {
            headline(&mut out, field, zh, en).map_err(|what| {
                Error::file(
                    format!("content/{id}.md"),
                    format!("{field}: {what}; XML cannot carry it, remove it"),
                )
            })?;
        }
        for row in &article.rows {
            unit(&mut out, row, glossary).map_err(|what| {
                Error::file(
                    format!("content/{id}.md"),
                    format!("{}: {what}; XML cannot carry it, remove it from the block", row.zh.no),
                )
            })?;
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    Ok(out)
}

/// The article's headlines with Chinese: (field, Chinese, English), the
/// English empty when there is none yet. Their unit ids are the fields'
/// names (`title`, `subtitle`, `kicker`).
pub fn headlines(article: &AlignedArticle) -> Vec<(&'static str, &str, &str)> {
    let (zh, en) = (&article.article.front, article.translation.as_ref());
    [
        (HEADLINES[0], zh.title.as_str(), en.map(|t| t.title.as_str())),
        (HEADLINES[1], zh.subtitle.as_str(), en.map(|t| t.subtitle.as_str())),
        (HEADLINES[2], zh.kicker.as_str(), en.map(|t| t.kicker.as_str())),
    ]
    .into_iter()
    .filter(|(_, zh, _)| !zh.trim().is_empty())
    .map(|(field, zh, en)| (field, zh, en.unwrap_or_default()))
    .collect()
}

/// The front matter fields that have a unit of their own, by that id.
pub const HEADLINES: [&str; 3] = ["title", "subtitle", "kicker"];

/// A headline's `<unit>`: the fingerprint of its Chinese as its note.
fn headline(out: &mut String, field: &str, zh: &str, en: &str) -> std::result::Result<(), String> {
    let _ = writeln!(out, "    <unit id=\"{field}\" name=\"{field}\" canResegment=\"no\">");
    out.push_str("      <notes>\n");
    let _ = writeln!(out, "        <note category=\"{}\">{}</note>", category::FINGERPRINT, fingerprint(zh));
    out.push_str("      </notes>\n");
    let state = if en.trim().is_empty() { "initial" } else { "translated" };
    let _ = writeln!(out, "      <segment state=\"{state}\">");
    let _ = writeln!(out, "        <source xml:space=\"preserve\">{}</source>", text_of(zh)?);
    if !en.trim().is_empty() {
        let _ = writeln!(out, "        <target xml:space=\"preserve\">{}</target>", text_of(en)?);
    }
    out.push_str("      </segment>\n    </unit>\n");
    Ok(())
}

/// One block's `<unit>`; `Err` names a character XML cannot carry.
fn unit(out: &mut String, row: &Row, glossary: &[Term]) -> std::result::Result<(), String> {
    // A block joined to an earlier one is rendered by that one's English:
    // nothing to translate here.
    let translate = if row.joined_to.is_some() { " translate=\"no\"" } else { "" };
    let (id, name) = (unit_id(row.zh.no), row.zh.no);
    let _ = writeln!(out, "    <unit id=\"{id}\" name=\"{name}\" canResegment=\"no\"{translate}>");
    let notes = notes(row, glossary);
    out.push_str("      <notes>\n");
    for (cat, text) in notes {
        let _ = writeln!(out, "        <note category=\"{cat}\">{}</note>", text_of(&text)?);
    }
    out.push_str("      </notes>\n");
    let english = row.en.as_deref().filter(|e| !e.is_empty());
    // XLIFF has no draft or stale state: those are `translated`, with notes.
    let state = match row.block_status {
        _ if english.is_none() => "initial",
        BlockStatus::Reviewed => "reviewed",
        _ => "translated",
    };
    let _ = writeln!(out, "      <segment state=\"{state}\">");
    let _ = writeln!(out, "        <source xml:space=\"preserve\">{}</source>", text_of(&row.zh.markdown)?);
    if let Some(en) = english {
        let _ = writeln!(out, "        <target xml:space=\"preserve\">{}</target>", text_of(en)?);
    }
    out.push_str("      </segment>\n    </unit>\n");
    Ok(())
}

/// The unit's notes, category and text: always the fingerprint first.
fn notes(row: &Row, glossary: &[Term]) -> Vec<(&'static str, String)> {
    let mut notes = vec![(category::FINGERPRINT, row.zh.fingerprint())];
    if let RowStatus::Stale { was, was_text } = &row.status {
        let mut text = format!(
            "The English was made from an older Chinese text (fingerprint {was}); revise it to the source."
        );
        if let Some(old) = was_text {
            let _ = write!(text, " It said: {old}");
        }
        notes.push((category::STALE, text));
    }
    notes.extend(row.review.iter().map(|r| (category::REVIEW, r.clone())));
    if let Some(to) = row.joined_to {
        notes.push((category::JOINED, format!("The English of {to} renders this block too.")));
    }
    for term in glossary.iter().filter(|t| !t.zh.is_empty() && row.zh.markdown.contains(&t.zh)) {
        let mut text = format!("{} = {}", term.zh, term.en);
        if !term.note.is_empty() {
            let _ = write!(text, " ({})", term.note);
        }
        notes.push((category::GLOSSARY, text));
    }
    notes
}

/// `text` escaped as XML character data; `\r` as a reference so that it
/// survives the parser's end-of-line handling.
fn text_of(text: &str) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if u32::from(c) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                return Err(format!("it holds the control character U+{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `text` escaped for a double-quoted attribute.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Translation};
    use std::path::Path;

    fn paired(english: &str) -> AlignedArticle {
        let zh = "+++\ntitle = \"标题\"\nsource = \"s\"\n+++\n\n本报讯 *负压救护车* & <b>。\n\n第二段。\n";
        let article = Article::parse(Path::new("content/2020-01-01-a.md"), zh).unwrap();
        let fp = article.blocks[0].fingerprint();
        let text = format!(
            "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n<!-- ¶1 {fp} -->\n<!-- review: check it -->\n{english}\n\n<!-- ¶2 deadbeef -->\nOld.\n"
        );
        let translation = Translation::parse(Path::new("translations/en/2020-01-01-a.md"), &text).unwrap();
        crate::pair::pair(article, Some(translation))
    }

    #[test]
    fn units_carry_markdown_escaped_with_notes_and_states() {
        let glossary =
            [Term {
                zh: "负压救护车".into(), en: "negative-pressure ambulance".into(), note: String::new()
            }];
        let xml = export(&[paired("From *our* correspondent & <i>x</i>.")], &glossary, "en").unwrap();
        assert!(xml.contains("<file id=\"2020-01-01-a\" original=\"content/2020-01-01-a.md\">"), "{xml}");
        assert!(
            xml.contains("<source xml:space=\"preserve\">本报讯 *负压救护车* &amp; &lt;b&gt;。</source>"),
            "{xml}"
        );
        assert!(xml.contains(
            "<target xml:space=\"preserve\">From *our* correspondent &amp; &lt;i&gt;x&lt;/i&gt;.</target>"
        ));
        assert!(xml.contains("<note category=\"glossary\">负压救护车 = negative-pressure ambulance</note>"));
        assert!(xml.contains("<note category=\"review\">check it</note>"));
        assert!(xml.contains("(fingerprint deadbeef)"), "{xml}");
        // Both blocks, and the title's unit first.
        assert_eq!(xml.matches("<segment state=\"translated\">").count(), 3);
        assert!(xml.contains("<unit id=\"title\" name=\"title\" canResegment=\"no\">"), "{xml}");
        assert!(xml.contains(
            "<source xml:space=\"preserve\">标题</source>\n        <target xml:space=\"preserve\">T</target>"
        ));
    }

    #[test]
    fn a_joined_block_is_not_for_translation_and_says_why() {
        let xml = export(&[paired("One and two.\n\n<!-- ¶2 deadbeef -->\n<!-- joined to ¶1 -->")], &[], "en")
            .unwrap();
        assert!(xml.contains("<unit id=\"p2\" name=\"¶2\" canResegment=\"no\" translate=\"no\">"), "{xml}");
        assert!(xml.contains("<note category=\"joined\">The English of ¶1 renders this block too.</note>"));
        assert!(xml.contains("<segment state=\"initial\">"));
    }

    #[test]
    fn a_reviewed_block_is_exported_as_reviewed() {
        let article = Article::parse(
            Path::new("content/2020-01-01-a.md"),
            "+++\ntitle = \"标题\"\nsource = \"s\"\n+++\n\n第一段。\n",
        )
        .unwrap();
        let fp = article.blocks[0].fingerprint();
        let text = format!(
            "+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n<!-- ¶1 {fp} -->\n<!-- reviewed {fp} -->\nFirst.\n"
        );
        let translation = Translation::parse(Path::new("translations/en/2020-01-01-a.md"), &text).unwrap();
        let xml = export(&[crate::pair::pair(article, Some(translation))], &[], "en").unwrap();
        assert!(xml.contains("<segment state=\"reviewed\">"), "{xml}");
    }

    #[test]
    fn a_control_character_is_refused_with_its_block() {
        let err = export(&[paired("Bell \u{7}.")], &[], "en").unwrap_err().to_string();
        assert!(err.contains("content/2020-01-01-a.md: ¶1: it holds the control character U+0007"), "{err}");
    }
}
