//! Media under `content/`, copied as they are to `public/media/`. An SVG
//! there is a document of its own: opened directly, its scripts run. So an
//! SVG that could run anything is refused, with the element or attribute at
//! its line, rather than sanitised: the published file stays byte for byte
//! the editor's, and the editor decides what to remove.

use crate::error::{Diagnostic, Location};
use crate::model::link::{is_safe_url, shown};
use std::path::Path;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const FIX: &str = "remove it, or convert the figure to PNG";

/// Whether a file under `content/` is an SVG image.
/// Whether a file of `content/` is a picture the site copies to `media/`.
pub fn is_media(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"].iter().any(|e| lower.ends_with(e))
}

pub fn is_svg(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".svg")
}

/// The problems of an SVG file (`rel` names it in messages): anything that
/// could run a script when the file is opened — `<script>`,
/// `<foreignObject>` and other HTML, `on…` attributes, links that fail the
/// link rule, animations that rewrite a link or a handler. Parsed as XML,
/// entities expanded as a browser expands them.
pub fn svg_problems(rel: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    let at = |line: u32| Some(Location::new(rel, line as usize));
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![Diagnostic::error(at(1), format!("not UTF-8: an SVG figure must be UTF-8 text; {FIX}"))];
    };
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            return vec![Diagnostic::error(
                at(e.pos().row),
                format!("not a well-formed SVG ({e}): it cannot be checked for scripts; fix it, or {FIX}"),
            )];
        }
    };
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let line = doc.text_pos_at(node.range().start).row;
        let element = node.tag_name().name();
        if let Some(why) = element_problem(node) {
            out.push(Diagnostic::error(at(line), format!("<{element}> {why}; {FIX}")));
        }
        for attr in node.attributes() {
            if let Some(why) = attribute_problem(node, &attr) {
                let line = doc.text_pos_at(attr.range().start).row;
                out.push(Diagnostic::error(
                    at(line),
                    format!("`{}` attribute on <{element}>: {why}; {FIX}", attr.name()),
                ));
            }
        }
    }
    out
}

fn element_problem(node: roxmltree::Node<'_, '_>) -> Option<&'static str> {
    let name = node.tag_name().name();
    if name.eq_ignore_ascii_case("script") {
        return Some("element: an SVG figure may not hold scripts (they run when the file is opened)");
    }
    if name.eq_ignore_ascii_case("foreignObject") {
        return Some("element: an SVG figure may not embed HTML");
    }
    if node.tag_name().namespace() == Some(XHTML_NS) {
        return Some("is an HTML element: an SVG figure may not embed HTML");
    }
    let animated = node.attribute("attributeName").unwrap_or_default();
    let animates = matches!(name, "set" | "animate" | "animateMotion" | "animateTransform" | "discard");
    if animates && (animated.ends_with("href") || is_handler(animated)) {
        return Some("element changes a link or an event handler: an SVG figure may not");
    }
    None
}

fn attribute_problem(node: roxmltree::Node<'_, '_>, attr: &roxmltree::Attribute<'_, '_>) -> Option<String> {
    if is_handler(attr.name()) {
        return Some("event handlers run scripts".into());
    }
    if attr.name() != "href" || is_embedded_raster(node, attr.value()) {
        return None;
    }
    (!is_safe_url(attr.value())).then(|| format!("link \"{}\" is not allowed", shown(attr.value())))
}

fn is_handler(name: &str) -> bool {
    name.len() > 2 && name[..2].eq_ignore_ascii_case("on")
}

/// A raster picture inlined in an `<image>` (common in exported SVG): it
/// cannot run anything.
fn is_embedded_raster(node: roxmltree::Node<'_, '_>, value: &str) -> bool {
    let raster = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"];
    node.tag_name().name() == "image"
        && node.tag_name().namespace() == Some(SVG_NS)
        && raster.iter().any(|p| value.trim_start().to_ascii_lowercase().starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(svg: &str) -> Vec<String> {
        svg_problems(Path::new("content/x.svg"), svg.as_bytes()).into_iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_plain_drawing_passes() {
        let svg = r#"<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
<style>rect { fill: red }</style><rect width="5" height="5"/><a href="https://example.org"><text>x</text></a>
<image xlink:href="data:image/png;base64,iVBORw0KGgo="/></svg>"#;
        assert_eq!(problems(svg), Vec::<String>::new());
    }

    #[test]
    fn scripts_handlers_and_script_links_are_found_at_their_lines() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n onload=\"alert(1)\">\n<script>alert(2)</script>\n<a xlink:href=\" javascript:alert(3)\"><text>x</text></a>\n<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>\n<set attributeName=\"href\" to=\"javascript:alert(4)\"/>\n<rect ONCLICK=\"alert(5)\"/></svg>";
        let found = problems(svg);
        let expect = [
            "content/x.svg:2: `onload` attribute on <svg>",
            "content/x.svg:3: <script> element",
            "content/x.svg:4: `href` attribute on <a>: link \" javascript:alert(3)\"",
            "content/x.svg:5: <foreignObject> element",
            "content/x.svg:5: <div> is an HTML element",
            "content/x.svg:6: <set> element changes a link",
            "content/x.svg:7: `ONCLICK` attribute on <rect>",
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for (got, want) in found.iter().zip(expect) {
            assert!(got.starts_with(&format!("error: {want}")), "{got} ≠ {want}");
        }
    }

    #[test]
    fn entities_are_expanded_before_checking() {
        let svg = "<!DOCTYPE svg [<!ENTITY s \"<script>alert(1)</script>\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>";
        assert!(problems(svg).iter().any(|p| p.contains("<script> element")), "{:?}", problems(svg));
    }

    #[test]
    fn malformed_svg_is_refused_at_its_line() {
        let found = problems("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect>\n</svg>");
        assert!(found[0].starts_with("error: content/x.svg:3: not a well-formed SVG"), "{found:?}");
    }
}
