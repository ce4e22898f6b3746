//! Reading an XLIFF 2.0 document (roxmltree): its path and text in, each
//! `<file>` with its units out — unit id, source and target text, and the
//! line of each in the document, for messages. What cannot be brought back
//! exactly (inline elements, a target on some segments only) is an error at
//! its line.

use super::NAMESPACE;
use crate::error::{Error, Result};
use roxmltree::{Document, Node};
use std::collections::BTreeSet;
use std::path::Path;

/// A `<file>`: one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffFile {
    pub id: String,
    pub line: usize,
    pub units: Vec<Unit>,
}

/// A `<unit>`: one block. Text of its segments (and ignorables) joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub line: usize,
    pub source: String,
    /// `None` when no segment has a `<target>`.
    pub target: Option<String>,
    /// Every segment's state is `reviewed` or `final`.
    pub reviewed: bool,
}

/// The files of the document at `path` (named in errors), whose targets
/// must be in `lang` when it says (`trgLang`).
pub fn parse(path: &Path, text: &str, lang: &str) -> Result<Vec<XliffFile>> {
    let doc =
        Document::parse(text).map_err(|e| Error::at(path, e.pos().row as usize, format!("not XML: {e}")))?;
    let line = |node: Node<'_, '_>| doc.text_pos_at(node.range().start).row as usize;
    let root = doc.root_element();
    if !is(root, "xliff") || !root.attribute("version").is_some_and(|v| v.starts_with("2.")) {
        return Err(Error::at(
            path,
            line(root),
            "not an XLIFF 2 document: expected <xliff version=\"2.0\"> in the XLIFF 2.0 namespace (as `duizhao xliff export` writes)",
        ));
    }
    if let Some(trg) = root.attribute("trgLang").filter(|t| !t.eq_ignore_ascii_case(lang)) {
        return Err(Error::at(
            path,
            line(root),
            format!("its targets are in `{trg}` (trgLang), not `{lang}`: give --lang {trg}"),
        ));
    }
    let mut files = Vec::new();
    let mut ids = BTreeSet::new();
    for file in root.children().filter(|n| is(*n, "file")) {
        let id = required(path, file, "id", line(file))?;
        if !ids.insert(id.clone()) {
            return Err(Error::at(
                path,
                line(file),
                format!("a second <file id=\"{id}\">: give each article once"),
            ));
        }
        let mut units = Vec::new();
        let mut unit_ids = BTreeSet::new();
        for unit in file.descendants().filter(|n| is(*n, "unit")) {
            let read = read_unit(path, unit, &line)?;
            if !unit_ids.insert(read.id.clone()) {
                return Err(Error::at(
                    path,
                    read.line,
                    format!("a second unit \"{}\" in file \"{id}\"", read.id),
                ));
            }
            units.push(read);
        }
        files.push(XliffFile { id, line: line(file), units });
    }
    Ok(files)
}

fn read_unit(path: &Path, unit: Node<'_, '_>, line: &dyn Fn(Node<'_, '_>) -> usize) -> Result<Unit> {
    let id = required(path, unit, "id", line(unit))?;
    let at = |node: Node<'_, '_>, what: String| Error::at(path, line(node), format!("unit \"{id}\": {what}"));
    let mut source = String::new();
    let mut target = String::new();
    let (mut with, mut without) = (0, 0);
    let segments = unit.children().filter(|n| is(*n, "segment"));
    let reviewed = segments.clone().count() > 0
        && segments.into_iter().all(|n| matches!(n.attribute("state"), Some("reviewed" | "final")));
    for part in unit.children().filter(|n| is(*n, "segment") || is(*n, "ignorable")) {
        let Some(src) = part.children().find(|n| is(*n, "source")) else {
            return Err(at(part, "a segment without <source>".into()));
        };
        let src_text = text_of(src).map_err(|n| at(n, inline_message(n)))?;
        source.push_str(&src_text);
        match part.children().find(|n| is(*n, "target")) {
            Some(tgt) => {
                target.push_str(&text_of(tgt).map_err(|n| at(n, inline_message(n)))?);
                with += usize::from(is(part, "segment"));
            }
            // An ignorable without target stands for itself.
            None if is(part, "ignorable") => target.push_str(&src_text),
            None => without += 1,
        }
    }
    if with > 0 && without > 0 {
        return Err(at(
            unit,
            "some segments have a <target> and some not: translate all of the block, or none".into(),
        ));
    }
    let target = (with > 0).then_some(target);
    Ok(Unit { id, line: line(unit), source, target, reviewed })
}

fn inline_message(node: Node<'_, '_>) -> String {
    format!(
        "inline element <{}> in the text: duizhao keeps the Markdown as plain text; write it as text, e.g. *emphasis*",
        node.tag_name().name()
    )
}

/// The text of `node`; `Err` with the first child element (inline markup).
fn text_of<'a, 'i>(node: Node<'a, 'i>) -> std::result::Result<String, Node<'a, 'i>> {
    let mut out = String::new();
    for child in node.children() {
        if child.is_element() {
            return Err(child);
        }
        if let Some(text) = child.text() {
            out.push_str(text);
        }
    }
    Ok(out)
}

fn required(path: &Path, node: Node<'_, '_>, name: &str, line: usize) -> Result<String> {
    node.attribute(name).map(str::to_string).ok_or_else(|| {
        Error::at(path, line, format!("<{}> without its `{name}` attribute", node.tag_name().name()))
    })
}

fn is(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(NAMESPACE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"zh\">\n{body}</xliff>\n"
        )
    }

    #[test]
    fn reads_units_with_their_lines_and_joined_segments() {
        let text = doc(
            "<file id=\"a\">\n<unit id=\"p1\"><segment><source>一。</source><target>One &amp; &lt;b&gt;.</target></segment>\n<ignorable><source> </source></ignorable><segment><source>二。</source><target>Two.</target></segment></unit>\n<unit id=\"p2\"><segment><source>三。</source></segment></unit>\n</file>\n",
        );
        let files = parse(Path::new("x.xlf"), &text, "en").unwrap();
        assert_eq!(files[0].id, "a");
        assert_eq!(files[0].line, 3);
        let u = &files[0].units;
        assert_eq!((u[0].id.as_str(), u[0].line), ("p1", 4));
        assert_eq!(u[0].source, "一。 二。");
        assert_eq!(u[0].target.as_deref(), Some("One & <b>. Two."));
        assert_eq!(u[1].target, None);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = |text: &str| parse(Path::new("t.xlf"), text, "en").unwrap_err().to_string();
        assert!(err("<xliff").starts_with("t.xlf:1: not XML"), "{}", err("<xliff"));
        assert!(err("<xliff version=\"1.2\"/>").starts_with("t.xlf:1: not an XLIFF 2 document"));
        let french = format!("<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" trgLang=\"fr\"/>");
        assert_eq!(err(&french), "t.xlf:1: its targets are in `fr` (trgLang), not `en`: give --lang fr");
        let inline = doc(
            "<file id=\"a\">\n<unit id=\"p1\"><segment><source>一</source>\n<target>A <pc id=\"1\">b</pc></target></segment></unit></file>\n",
        );
        assert!(err(&inline).starts_with("t.xlf:5: unit \"p1\": inline element <pc>"), "{}", err(&inline));
        let twice = doc(
            "<file id=\"a\"><unit id=\"p1\"><segment><source>一</source></segment></unit>\n<unit id=\"p1\"><segment><source>一</source></segment></unit></file>\n",
        );
        assert!(err(&twice).starts_with("t.xlf:4: a second unit \"p1\" in file \"a\""), "{}", err(&twice));
    }
}
