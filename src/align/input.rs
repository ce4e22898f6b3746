//! A translator's file in, its English paragraphs (as Markdown) out: a
//! Word `.docx` (the `w:p` paragraphs of `word/document.xml`), Markdown
//! (`.md`: its top-level blocks) or plain text (paragraphs between blank
//! lines, or one per line when the text has no blank line, as Word saves it).

use crate::error::{Error, Result};
use crate::model::split_blocks;
use std::io::Read;
use std::path::Path;

const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The paragraphs of the file at `path` (named so in errors), whose bytes are `bytes`.
pub fn paragraphs(path: &Path, bytes: &[u8]) -> Result<Vec<String>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if ext == "docx" || bytes.starts_with(b"PK\x03\x04") {
        return docx_paragraphs(path, bytes);
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        Error::file(path, format!("not UTF-8 text ({e}): save it as UTF-8 text, Markdown or .docx"))
    })?;
    let text = text.replace("\r\n", "\n");
    if ext == "md" || ext == "markdown" {
        return Ok(split_blocks(&text).into_iter().map(|b| b.markdown).collect());
    }
    if !text.lines().any(|l| l.trim().is_empty()) || text.trim().lines().count() == 1 {
        return Ok(lines(&text).into_iter().map(str::to_string).collect());
    }
    Ok(text.split("\n\n").map(lines).filter(|p| !p.is_empty()).map(|p| p.join("\n")).collect())
}

fn docx_paragraphs(path: &Path, bytes: &[u8]) -> Result<Vec<String>> {
    let bad = |what: String| {
        Error::file(
            path,
            format!("{what}: is it a Word .docx file? Save it again from Word, or as plain text"),
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a zip archive ({e})")))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| bad(format!("no word/document.xml in it ({e})")))?
        .read_to_string(&mut xml)
        .map_err(|e| bad(format!("word/document.xml unreadable ({e})")))?;
    let doc =
        roxmltree::Document::parse(&xml).map_err(|e| bad(format!("word/document.xml is not XML ({e})")))?;
    let is = |n: &roxmltree::Node<'_, '_>, name: &str| {
        n.tag_name().namespace() == Some(WORD_NS) && n.tag_name().name() == name
    };
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| is(n, "p")) {
        let mut text = String::new();
        for n in p.descendants() {
            if is(&n, "t") {
                text.push_str(n.text().unwrap_or_default());
            } else if is(&n, "tab") || is(&n, "br") {
                text.push(' ');
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(text);
        }
    }
    Ok(out)
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_by_blank_lines_or_by_lines() {
        let p = |t: &str| paragraphs(Path::new("t.txt"), t.as_bytes()).unwrap();
        assert_eq!(p("One\nstill one.\n\nTwo.\n"), ["One\nstill one.", "Two."]);
        assert_eq!(p("\u{feff}One.\r\nTwo.\r\n"), ["One.", "Two."]);
        assert!(
            paragraphs(Path::new("t.txt"), b"\xff\xfe")
                .unwrap_err()
                .to_string()
                .starts_with("t.txt: not UTF-8")
        );
    }
}
