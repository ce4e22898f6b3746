use super::{BLOCK, compact_template};
use crate::render::minify::minify;
use scraper::{Html, node::Node};

/// Renders `templates` (the last one is drawn) with Tera over `context`.
fn render(templates: &[(&str, &str)], context: &serde_json::Value) -> String {
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(templates.to_vec()).unwrap();
    let context = tera::Context::from_serialize(context).unwrap();
    tera.render(templates.last().unwrap().0, &context).unwrap()
}

/// The compact form of each template, rendered; checked to show what the
/// templates as written show, or what minify-html made of them (it drops
/// white space between inline elements of a `<div>`, say).
fn compact_and_check(templates: &[(&str, &str)], context: &serde_json::Value) -> String {
    let compacted: Vec<(String, String)> = templates
        .iter()
        .map(|(name, src)| (name.to_string(), compact_template(src).expect("vouched for")))
        .collect();
    let compacted: Vec<(&str, &str)> = compacted.iter().map(|(n, s)| (n.as_str(), s.as_str())).collect();
    let page = render(&compacted, context);
    let written = render(templates, context);
    let minified = String::from_utf8(minify(&written)).unwrap();
    let compact = shown(&page);
    assert!(
        compact == shown(&written) || compact == shown(&minified),
        "a page from the compact templates shows otherwise: {page}\n{compact}\n{}\n{}",
        shown(&written),
        shown(&minified)
    );
    page
}

/// What a browser shows of `html`: its elements, their attributes sorted,
/// and their text, with white space as CSS lays it out beside blocks.
fn shown(html: &str) -> String {
    fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
        let is_block = |n: Option<ego_tree::NodeRef<'_, Node>>| {
            n.and_then(|n| n.value().as_element().map(|e| BLOCK.contains(&e.name()))).unwrap_or(true)
        };
        match node.value() {
            Node::Text(original) => {
                let mut text = original.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                let before = !is_block(node.prev_sibling().or_else(|| node.parent()))
                    && original.starts_with(|c: char| c.is_ascii_whitespace());
                let after = !is_block(node.next_sibling().or_else(|| node.parent()))
                    && original.ends_with(|c: char| c.is_ascii_whitespace());
                if text.is_empty() {
                    text = if before && after { " ".into() } else { String::new() };
                } else {
                    if before {
                        text.insert(0, ' ');
                    }
                    if after {
                        text.push(' ');
                    }
                }
                out.push_str(&text);
            }
            Node::Element(element) => {
                let mut attrs: Vec<_> = element.attrs().collect();
                attrs.sort_unstable();
                out.push_str(&format!("<{} {attrs:?}>", element.name()));
                node.children().for_each(|child| walk(child, out));
                out.push_str(&format!("</{}>", element.name()));
            }
            Node::Comment(_) => {}
            _ => node.children().for_each(|child| walk(child, out)),
        }
    }
    let mut out = String::new();
    walk(Html::parse_document(html).tree.root(), &mut out);
    out
}

#[test]
fn indentation_between_blocks_goes_and_a_space_between_words_stays() {
    let src = "<div class=\"row\">\n  <p>\n    one   two\n  </p>\n  <p><span lang=\"zh\">a</span>\n   <span lang=\"en\">b</span>\n</p>\n</div>\n";
    let page = compact_and_check(&[("t.html", src)], &serde_json::json!({}));
    assert_eq!(page, "<div class=row><p>one two<p><span lang=zh>a</span> <span lang=en>b</span></div>");
}

#[test]
fn white_space_inside_pre_textarea_script_and_code_is_kept() {
    let src = concat!(
        "<div>\n<pre class=\"code\">  a\n    b  </pre>\n<textarea name=\"t\">  x\n  y</textarea>\n",
        "<script>\nvar  a = 1;\n</script>\n<p>see <code>f(  x )</code> here</p>\n</div>"
    );
    let page = compact_and_check(&[("t.html", src)], &serde_json::json!({}));
    assert!(page.contains("<pre class=code>  a\n    b  </pre>"), "{page}");
    assert!(page.contains("<textarea name=t>  x\n  y</textarea>"), "{page}");
    assert!(page.contains("<script>\nvar  a = 1;\n</script>"), "{page}");
    assert!(page.contains("<p>see <code>f(  x )</code> here</div>"), "{page}");
}

#[test]
fn values_printed_by_tera_keep_their_spaces_and_quotes() {
    let src =
        "<p class=\"{{ kind }}\" title=\"a > b\">\n  {{ a }} {{ b }}\n  <em>{{ c }}</em>  and  {{ d }}\n</p>";
    let context = serde_json::json!({"kind": "x y", "a": "A", "b": "B", "c": "C", "d": "D"});
    let page = compact_and_check(&[("t.html", src)], &context);
    assert_eq!(page, "<p class=\"x y\" title=\"a > b\">A B <em>C</em> and D</p>");
}

#[test]
fn branches_and_loops_keep_the_spaces_their_text_needs() {
    let src = concat!(
        "<ul class=\"l\">\n  {% for i in items %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>\n",
        "<div class=\"d\">\n  {% if on %}on{% endif %}\n  <span>s</span>\n  {% if on %}<b>b</b>{% endif %}\n  <i>i</i>\n</div>"
    );
    for on in [true, false] {
        let page = compact_and_check(&[("t.html", src)], &serde_json::json!({"items": [1, 2], "on": on}));
        assert!(page.starts_with("<ul class=l><li>1<li>2</ul>"), "{page}");
        // The div has text of its own, so its spaces between inline tags stay.
        assert!(page.contains("<span>s</span> "), "{page}");
    }
}

#[test]
fn raw_blocks_comments_and_white_space_control() {
    let src = concat!(
        "<div>\n<!-- a note -->\n{# a Tera note #}\n<p>{% raw %}  {{ not a value }}  {% endraw %}</p>\n",
        "<p>\n  {%- if on -%}\n    tight\n  {%- endif -%}\n</p>\n<!-- {{ kept }} -->\n</div>"
    );
    let page = compact_and_check(&[("t.html", src)], &serde_json::json!({"on": true, "kept": "k"}));
    assert_eq!(page, "<div><p>  {{ not a value }}  <p>tight</p><!-- k --></div>");
}

#[test]
fn blocks_of_a_child_template_are_made_compact_too() {
    let base = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>{{ t }}</title>\n</head>\n<body>\n<main>\n{% block main %}{% endblock main %}\n</main>\n</body>\n</html>\n";
    let child = "{% extends \"base.html\" %}\n{% block main %}\n{% set x = t %}\n<article>\n  <h1>{{ x }}</h1>\n</article>\n{% endblock main %}\n";
    let page =
        compact_and_check(&[("base.html", base), ("child.html", child)], &serde_json::json!({"t": "T"}));
    assert_eq!(
        page,
        "<!doctype html><html lang=en><head><title>T</title><body><main><article><h1>T</h1></article></main>"
    );
}

#[test]
fn a_component_body_is_compacted_where_it_is_defined() {
    let src = "{% component bi(zh, en) %}<span lang=\"zh\">{{ zh }}</span> <span lang=\"en\">{{ en }}</span>{% endcomponent bi %}\n<nav>\n  <a href=\"x\">{{<bi zh=\"地\" en=\"Place\"/>}}</a>\n  <a href=\"y\">z</a>\n</nav>";
    let page = compact_and_check(&[("t.html", src)], &serde_json::json!({}));
    assert!(
        page.ends_with(
            "<nav><a href=x><span lang=zh>地</span> <span lang=en>Place</span></a><a href=y>z</a></nav>"
        ),
        "{page}"
    );
}

#[test]
fn quotes_stay_where_a_value_needs_them() {
    let src = "<div><img src=\"a.png\" alt=\"\"><input value=\"a b\" data-x='q\"r' title=\"x=y\"><a href=\"p/\" class=\"c\"{% if on %} hidden{% endif %}>l</a><br class=\"b\"/></div>";
    let page = compact_and_check(&[("t.html", src)], &serde_json::json!({"on": true}));
    assert_eq!(
        page,
        "<div><img src=a.png alt=\"\"><input value=\"a b\" data-x='q\"r' title=\"x=y\"><a href=\"p/\" class=\"c\" hidden>l</a><br class=\"b\"/></div>"
    );
}

#[test]
fn end_tags_go_only_where_every_branch_allows() {
    let src = concat!(
        "<table>\n<tr>{% for c in cells %}<td>{{ c }}</td>{% endfor %}</tr>\n",
        "<tr><td>x</td>{% if on %}<td>y</td>{% endif %}</tr></table>\n",
        "<div><p>a</p>{% if on %}<span>s</span>{% endif %}<p>b</p>{% if on %}<div>d</div>{% endif %}</div>\n",
        "<a href=\"#\"><p>in a link</p></a>"
    );
    for on in [true, false] {
        let page = compact_and_check(&[("t.html", src)], &serde_json::json!({"cells": [1, 2], "on": on}));
        assert!(page.starts_with("<table><tr><td>1<td>2<tr><td>x"), "{page}");
        // A `</p>` that a span may follow stays; one before a div or the end goes.
        assert!(page.contains("<div><p>a</p>"), "{page}");
        assert!(page.contains("<p>b</div>") || page.contains("<p>b<div>d</div></div>"), "{page}");
        assert!(page.ends_with("<p>in a link</p></a>"), "{page}");
    }
}

#[test]
fn loops_left_early_or_with_an_else_keep_their_end_tags() {
    let src = concat!(
        "<ul>{% for i in items %}<li>{{ i }}</li>{% if i == 1 %}{% break %}{% endif %}{% endfor %}<li>z</li></ul>",
        "<ul>{% for i in items %}<li>{{ i }}</li>{% else %}<p>none</p>{% endfor %}</ul>"
    );
    let page = compact_and_check(&[("t.html", src)], &serde_json::json!({"items": [1, 2]}));
    assert_eq!(page, "<ul><li>1</li><li>z</ul><ul><li>1</li><li>2</li></ul>");
}

#[test]
fn templates_whose_elements_differ_between_branches_are_not_vouched_for() {
    for src in [
        "{% if a %}<div class=\"x\">{% else %}<section>{% endif %}\n<span>a</span>\n</div>",
        "<ul><li>a<li>b</ul>",
        "<div/>",
        "<p>{% if a %}</p>{% endif %}",
        "<div>{% filter upper %}a{% endfilter %}",
        "<div>{% macro m() %}{% endmacro %}</div>",
        "<p>{{ unclosed </p>",
    ] {
        assert_eq!(compact_template(src), None, "{src}");
    }
}

#[test]
fn the_default_theme_needs_minify_html_only_for_the_region_tree() {
    let theme = crate::theme::Theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
    let texts: Vec<(String, &str)> = theme
        .templates
        .iter()
        .map(|(name, file)| (name.clone(), std::str::from_utf8(&file.bytes).unwrap()))
        .collect();
    let (compacted, minified) = crate::render::compact_templates(&texts);
    // The region tree opens and closes its lists in branches, on purpose.
    assert_eq!(minified.into_iter().collect::<Vec<_>>(), ["regions.html"]);
    for ((name, compact), (_, src)) in compacted.iter().zip(&texts) {
        assert!(compact.len() < src.len() || name == "regions.html", "{name}");
    }
}

#[test]
fn a_template_that_uses_one_not_vouched_for_is_minified_too() {
    let texts: Vec<(String, &str)> = vec![
        ("a.html".into(), "<ul><li>a<li>b</ul>{% block b %}{% endblock b %}"),
        ("b.html".into(), "{% extends \"a.html\" %}{% block b %}\n<p>x</p>{% endblock b %}"),
        ("c.html".into(), "<p>\n  c\n</p>"),
    ];
    let (compacted, minified) = crate::render::compact_templates(&texts);
    assert_eq!(minified.into_iter().collect::<Vec<_>>(), ["a.html", "b.html"]);
    assert_eq!(compacted[1].1, texts[1].1, "kept as written");
    assert_eq!(compacted[2].1, "<p>c</p>");
}
