//! Rows of the review about content, translations' links, themes and
//! edition.toml: nothing executable from content, nothing from outside the
//! edition. Every built page is also read with an HTML parser: no script
//! but the site's own, no event handler, no link that fails the link rule.

#[allow(unused_imports)]
use crate::common::*;
use duizhao::model::link::is_safe_url;
use std::path::Path;

/// What in a page could run: scripts other than `<script src>`, `on…`
/// attributes, `href`/`src` that fail the link rule, frames and embeds.
fn live_script(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in doc.root_element().descendants() {
        let Some(el) = node.value().as_element() else { continue };
        let name = el.name();
        if matches!(name, "iframe" | "object" | "embed" | "frame" | "base") {
            found.push(format!("<{name}>"));
        }
        if name == "script" && el.attr("src").is_none() {
            found.push("inline <script>".into());
        }
        for (attr, value) in el.attrs() {
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}>"));
            }
            if matches!(attr, "href" | "src" | "action" | "formaction") && !is_safe_url(value) {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    found
}

/// Asserts that no built page holds anything that could run.
fn assert_no_live_script(f: &Fresh) {
    let public = f.path("public");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let found = live_script(&std::fs::read_to_string(entry.path()).unwrap());
            assert!(found.is_empty(), "{}: {found:?}", entry.path().display());
            pages += 1;
        }
    }
    assert!(pages > 100, "only {pages} pages built");
}

/// Appends a paragraph to a file of the edition; returns its line.
fn append(f: &Fresh, rel: &str, text: &str) -> usize {
    let mut body = f.read(rel);
    let line = body.lines().count() + 2;
    body.push_str(&format!("\n{text}\n"));
    f.write(rel, body);
    line
}

fn article_page(f: &Fresh) -> String {
    std::fs::read_to_string(f.path(&format!("public/articles/{A}.html"))).unwrap()
}

fn content(id: &str) -> String {
    format!("content/{id}.md")
}

fn translation(id: &str) -> String {
    format!("translations/en/{id}.md")
}

/// Replaces `from` by `to` in a file of the edition; returns the line changed.
fn replace(f: &Fresh, rel: &str, from: &str, to: &str) -> usize {
    let text = f.read(rel);
    let at = text.find(from).unwrap_or_else(|| panic!("{rel} lacks {from:?}"));
    f.write(rel, text.replacen(from, to, 1));
    text[..at].matches('\n').count() + 1
}

#[test]
fn c07_script_in_the_body_is_shown_as_text() {
    let f = Fresh::new();
    append(&f, &content(A), "见<script>window.__pwned='C07';alert(1)</script>。");
    append(&f, &content(A), "<script>\nwindow.__pwned = 'C07-block';\n</script>");
    let before = f.sums();
    f.dz(&["build", "-q"]).code(0);
    assert!(article_page(&f).contains("__pwned='C07'"), "the text is shown");
    assert_no_live_script(&f);
    assert_eq!(before, f.sums());
}

#[test]
fn c07b_script_links_in_the_body_are_text_with_a_located_warning() {
    let f = Fresh::new();
    let rel = content(A);
    let inline = append(&f, &rel, "见[这里](javascript:window.__pwned='C07b-link';alert(1))。");
    let auto = append(&f, &rel, "见<javascript:alert(2)>。");
    let data = append(&f, &rel, "见[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==)。");
    let reference =
        append(&f, &rel, "见[引用][x]，[实体](&#106;ava&#9;script:alert(5))。\n\n[x]: JaVaScRiPt:alert(4)");
    let image = append(&f, &rel, "见![图](javascript:alert(6))。");
    let before = f.sums();
    let run = f.dz(&["build", "-q"]);
    run.code(0);
    run.stderr_has(&format!("warning: {rel}:{image}: image \"javascript:alert(6)\" is not allowed"));
    for (line, url) in [
        (inline, "javascript:window.__pwned='C07b-link';alert(1)"),
        (auto, "javascript:alert(2)"),
        (data, "data:text/html;base64,"),
        (reference, "JaVaScRiPt:alert(4)"),
        // Entities decoded, the tab shown as a space.
        (reference, "java script:alert(5)"),
    ] {
        run.stderr_has(&format!("warning: {rel}:{line}: link \"{url}"));
    }
    run.stderr_has(
        "is not allowed (only http:, https:, mailto:, relative paths and # anchors are): it is shown as text",
    );
    let page = article_page(&f);
    assert!(page.contains("这里") && page.contains("javascript:alert(2)"), "the links' text stays");
    assert_no_live_script(&f);
    assert_eq!(before, f.sums());

    std::fs::remove_dir_all(f.path("public")).unwrap();
    f.dz(&["build", "--strict"]).code(1).stderr_has("build failed (--strict)");
    assert!(!f.path("public").exists(), "--strict wrote nothing");
    f.dz(&["check"]).code(0).stderr_has(&format!("warning: {rel}:{inline}: link"));
    f.dz(&["check", "--strict"]).code(1);
    assert_eq!(before, f.sums());
}

#[test]
fn c08_raw_html_in_the_body_is_shown_as_text() {
    let f = Fresh::new();
    append(
        &f,
        &content(A),
        "图<img src=x onerror=\"window.__pwned='C08'\">和<iframe src=\"javascript:alert(1)\"></iframe>。",
    );
    append(&f, &content(A), "<div onclick=\"alert(2)\" style=\"position:fixed;inset:0\">\n全页\n</div>");
    append(&f, &content(A), "<style>body{display:none}</style>");
    append(&f, &content(A), "<!-- </main><script>alert(3)</script> -->");
    let before = f.sums();
    f.dz(&["build", "-q"]).code(0);
    let page = article_page(&f);
    assert!(page.contains("onerror=") && page.contains("display:none"), "shown as text");
    assert!(!page.contains("<style"), "no style element");
    assert_no_live_script(&f);
    assert_eq!(before, f.sums());
}

#[test]
fn c09_an_empty_article_is_a_located_error_and_nothing_is_written() {
    let f = Fresh::new();
    f.write(&content(A), "");
    f.write("content/zz-new-empty.md", "");
    let before = f.sums();
    f.dz(&["build"])
        .code(1)
        .stderr_has(&format!("error: {}:1: expected front matter", content(A)))
        .stderr_has("error: content/zz-new-empty.md:1: expected front matter")
        .stderr_has("nothing written")
        // The translation's article is there, only unreadable.
        .stderr_lacks("but there is no content/");
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());
}

#[test]
fn c10_an_article_with_a_byte_order_mark_builds() {
    let f = Fresh::new();
    let text = f.read(&content(A));
    f.write(&content(A), format!("\u{FEFF}{text}"));
    let before = f.sums();
    f.dz(&["build"]).code(0).stdout_has("34 articles").stdout_has("0 warning(s)");
    assert!(article_page(&f).contains("高新区做实疫情防控监督"));
    assert_eq!(before, f.sums());
}

#[test]
fn c11_markup_in_the_front_matter_is_escaped_on_every_page() {
    let f = Fresh::new();
    let rel = content(A);
    replace(
        &f,
        &rel,
        "title = \"高新区做实疫情防控监督\"",
        r#"title = "高新区</title><script>window.__pwned='C11'</script>\" onmouseover=\"alert(1)""#,
    );
    replace(&f, &rel, "kicker = \"严厉查处违纪违法行为\"", "kicker = \"<img src=x onerror=alert(2)>\"");
    replace(&f, &rel, "name = \"高轶鹏\"", "name = \"</script><script>alert(3)</script>\"");
    let before = f.sums();
    f.dz(&["build", "-q"]).code(0);
    assert!(article_page(&f).contains("__pwned=&#39;C11&#39;"), "the title is shown as text");
    assert_no_live_script(&f);
    assert_eq!(before, f.sums());
}

const EVIL_SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned='C12-onload'">
<rect width="10" height="10"/>
<script>window.__pwned = 'C12-script'</script>
</svg>
"#;

#[test]
fn c12_an_svg_figure_with_scripts_is_refused_at_its_line() {
    let f = Fresh::new();
    f.write("content/evil.svg", EVIL_SVG);
    append(&f, &content(A), "![图为测试图片。](evil.svg)");
    let before = f.sums();
    for command in ["build", "check"] {
        f.dz(&[command])
            .code(1)
            .stderr_has("error: content/evil.svg:1: `onload` attribute on <svg>: event handlers run scripts")
            .stderr_has("error: content/evil.svg:3: <script> element: an SVG figure may not hold scripts")
            .stderr_has("remove it, or convert the figure to PNG");
    }
    assert!(!f.path("public").exists(), "nothing published");
    assert_eq!(before, f.sums());

    // The same drawing without its scripts is published as it is.
    f.write(
        "content/evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\"/></svg>\n",
    );
    f.dz(&["build", "-q"]).code(0);
    assert!(f.path("public/media/evil.svg").is_file());
    assert!(article_page(&f).contains("media/evil.svg"));
}

#[test]
fn c13_macos_metadata_and_hidden_files_are_skipped_with_a_note() {
    let f = Fresh::new();
    let apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ";
    f.write(&format!("content/._{A}.md"), apple_double);
    f.write(&format!("translations/en/._{A}.md"), apple_double);
    f.write("content/.DS_Store", b"\x00\x00\x00\x01Bud1");
    f.write("content/.obsidian/workspace.md", "{}");
    let before = f.sums();
    f.dz(&["build"])
        .code(0)
        .stdout_has("34 articles")
        .stdout_has("0 warning(s)")
        .stderr_has(&format!("note: content/._{A}.md: hidden file, skipped"))
        .stderr_has(&format!("note: translations/en/._{A}.md: hidden file, skipped"))
        .stderr_has("note: content/.obsidian: hidden folder, skipped");
    assert!(!f.path("public/media/.DS_Store").exists());
    f.dz(&["check", "--strict"]).code(0);
    assert_eq!(before, f.sums());
}

#[cfg(unix)]
#[test]
fn c15_content_that_is_a_link_leaving_the_edition_is_refused_by_name() {
    let f = Fresh::new();
    let elsewhere = f.outside(&format!("elsewhere/{A}.md"));
    write_file(&elsewhere, f.read(&content(A)).as_bytes());
    std::fs::remove_file(f.path(&content(A))).unwrap();
    std::os::unix::fs::symlink(&elsewhere, f.path(&content(A))).unwrap();
    let secret = f.outside("secret.txt");
    write_file(&secret, b"SECRET-OUTSIDE-THE-EDITION");
    std::os::unix::fs::symlink(&secret, f.path("content/passwd.png")).unwrap();
    let before = f.sums();
    let run = f.dz(&["build"]);
    run.code(1)
        .stderr_has(&format!("error: {}: a symbolic link to ", content(A)))
        .stderr_has("error: content/passwd.png: a symbolic link to ")
        .stderr_has("outside the edition: copy the file into the edition or remove the link")
        .stderr_lacks("but there is no content/");
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());

    // A link that stays inside the edition is followed.
    std::fs::remove_file(f.path("content/passwd.png")).unwrap();
    std::fs::remove_file(f.path(&content(A))).unwrap();
    write_file(&f.path(&format!("data/{A}.md")), std::fs::read(&elsewhere).unwrap().as_slice());
    std::os::unix::fs::symlink(Path::new("../data").join(format!("{A}.md")), f.path(&content(A))).unwrap();
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
}

#[test]
fn figure_paths_outside_content_are_errors_at_their_line() {
    let f = Fresh::new();
    write_file(&f.outside("secret.png"), b"\x89PNG");
    let up = append(&f, &content(A), "![图为外部图片。](../../secret.png)");
    let absolute = append(&f, &content(A), "![图为绝对路径。](/etc/secret.png)");
    let before = f.sums();
    f.dz(&["check"])
        .code(1)
        .stderr_has(&format!(
            "error: {}:{up}: image \"../../secret.png\" is outside content/: copy the image into content/",
            content(A)
        ))
        .stderr_has(&format!(
            "error: {}:{absolute}: image \"/etc/secret.png\" is outside content/",
            content(A)
        ));
    f.dz(&["build"]).code(1);
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());
}

#[test]
fn t07_script_links_in_a_translation_and_the_glossary_are_text_with_located_warnings() {
    let f = Fresh::new();
    let rel = translation(A);
    let line = replace(
        &f,
        &rel,
        "stopped Zhao on the spot",
        "stopped Zhao [on the spot](javascript:window.__pwned='T07';alert('T07-en-link')) <script>alert(1)</script>",
    );
    let glossary = "translations/en/glossary.toml";
    let term = append(
        &f,
        glossary,
        "[[term]]\nzh = \"高新区\"\nen = \"<script>alert('T07-glossary')</script>\"\nnote = \"See [the zone](javascript:alert('T07-note')).\"",
    );
    let before = f.sums();
    f.dz(&["build", "-q"])
        .code(0)
        .stderr_has(&format!("warning: {rel}:{line}: link \"javascript:window.__pwned='T07'"))
        .stderr_has(&format!("warning: {glossary}:{}: link \"javascript:alert('T07-note')\"", term + 3))
        .stderr_has("this text is shown as written, never as a link");
    assert!(article_page(&f).contains("on the spot"));
    let glossary_page = std::fs::read_to_string(f.path("public/glossary/index.html")).unwrap();
    assert!(glossary_page.contains("T07-glossary"), "the term is shown as text");
    assert_no_live_script(&f);
    std::fs::remove_dir_all(f.path("public")).unwrap();
    f.dz(&["build", "--strict"]).code(1);
    assert!(!f.path("public").exists());
    f.dz(&["check", "--strict"]).code(1).stderr_has(&format!("warning: {rel}:{line}:"));
    assert_eq!(before, f.sums());
}

/// Builds once, so that a failing build can be shown to leave public/ alone.
fn built(f: &Fresh) -> Sums {
    f.dz(&["build", "-q"]).code(0);
    sums(&f.path("public"))
}

#[test]
fn h01_a_template_syntax_error_names_file_and_line_and_keeps_public() {
    let f = Fresh::new();
    let public = built(&f);
    let template = "themes/default/templates/article.html";
    replace(&f, template, "{% if a.column %}", "{% if a.column");
    let before = f.sums();
    f.dz(&["build"])
        .code(1)
        .stderr_has(&format!("error: template {template}: "))
        .stderr_has("article.html:12:")
        .stderr_has("nothing written");
    assert_eq!(public, sums(&f.path("public")));
    assert_eq!(before, f.sums());
}

#[test]
fn h02_an_undefined_variable_names_the_page_and_template_and_keeps_public() {
    let f = Fresh::new();
    let public = built(&f);
    let template = "themes/default/templates/article.html";
    replace(&f, template, "<h1>{{ a.title }}</h1>", "<h1>{{ a.no_such_var }}</h1>");
    let before = f.sums();
    f.dz(&["build"])
        .code(1)
        // Said once for the 33 article pages it broke.
        .stderr_has(&format!(
            "error: rendering articles/{A}.html (and 33 other pages) with template {template}"
        ))
        .stderr_has("no_such_var")
        .stderr_has("left as it was");
    assert_eq!(public, sums(&f.path("public")));
    assert_eq!(before, f.sums());
}

#[test]
fn h03_a_missing_template_or_theme_folder_falls_back_to_the_built_in_theme() {
    let f = Fresh::new();
    std::fs::remove_file(f.path("themes/default/templates/article.html")).unwrap();
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
    std::fs::remove_dir_all(f.path("themes")).unwrap();
    let before = f.sums();
    f.dz(&["build", "-q"]).code(0).stdout_has("34 articles");
    assert!(article_page(&f).contains("Content-Security-Policy"));
    assert_eq!(before, f.sums());
}

fn set_theme(f: &Fresh, theme: &str) -> usize {
    let text = f.read("edition.toml");
    let line = text.lines().position(|l| l.starts_with("theme")).expect("edition.toml sets theme") + 1;
    let edited: Vec<String> = text
        .lines()
        .map(|l| if l.starts_with("theme") { format!("theme = {theme:?}") } else { l.to_string() })
        .collect();
    f.write("edition.toml", edited.join("\n") + "\n");
    line
}

#[test]
fn h03b_a_theme_without_a_folder_is_a_located_error() {
    let f = Fresh::new();
    let line = set_theme(&f, "nosuch");
    let before = f.sums();
    f.dz(&["build"]).code(1).stderr_has(&format!(
        "edition.toml:{line}: theme \"nosuch\": there is no folder themes/nosuch; create it or correct the name"
    ));
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());
}

#[test]
fn h04_an_include_outside_the_theme_is_an_unknown_template() {
    let f = Fresh::new();
    replace(
        &f,
        "themes/default/templates/article.html",
        "<h1>",
        "{% include \"../../../../../etc/passwd\" %}<h1>",
    );
    let before = f.sums();
    f.dz(&["build"]).code(1).stderr_has("Unknown template").stderr_has("etc/passwd");
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());
}

/// A theme folder beside the edition, with a secret and a template.
fn outside_theme(f: &Fresh) -> std::path::PathBuf {
    let dir = f.outside("outside");
    write_file(&dir.join("static/secret.txt"), b"SECRET-OUTSIDE-THE-EDITION");
    write_file(&dir.join("templates/404.html"), b"SECRET-TEMPLATE-OUTSIDE");
    dir
}

#[test]
fn h06_a_theme_name_that_leaves_themes_is_a_located_error() {
    let f = Fresh::new();
    let outside = outside_theme(&f);
    for theme in ["../../outside", "../outside", outside.to_str().unwrap(), "a/b", "..", "x\\y"] {
        let line = set_theme(&f, theme);
        let before = f.sums();
        for command in ["build", "check"] {
            f.dz(&[command]).code(1).stderr_has(&format!(
                "edition.toml:{line}: theme \"{theme}\" must be the name of a folder under themes/ (no '/', '\\', '..' or absolute path)"
            ));
        }
        assert!(!f.path("public").exists(), "{theme}: nothing published");
        assert_eq!(before, f.sums());
    }
}

#[cfg(unix)]
#[test]
fn h06_theme_files_that_link_outside_the_edition_are_refused() {
    let f = Fresh::new();
    let outside = outside_theme(&f);
    let link = "themes/default/static/secret.txt";
    std::os::unix::fs::symlink(outside.join("static/secret.txt"), f.path(link)).unwrap();
    let before = f.sums();
    f.dz(&["build"])
        .code(1)
        .stderr_has(&format!("{link}: a symbolic link to "))
        .stderr_has("outside the edition");
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());
    std::fs::remove_file(f.path(link)).unwrap();

    // A theme folder that is itself a link out of the edition.
    std::os::unix::fs::symlink(&outside, f.path("themes/linked")).unwrap();
    set_theme(&f, "linked");
    let before = f.sums();
    for command in ["build", "check"] {
        f.dz(&[command]).code(1).stderr_has("themes/linked/").stderr_has("outside the edition");
    }
    assert!(!f.path("public").exists());
    assert_eq!(before, f.sums());
}

#[test]
fn e02_markup_in_the_edition_title_is_escaped() {
    let f = Fresh::new();
    let text = f.read("edition.toml");
    let title = "\"战“疫”初期的地方报道\"";
    assert!(text.contains(title), "edition.toml has the title");
    f.write(
        "edition.toml",
        text.replacen(title, r#""标题</title><script>window.__pwned='E02'</script><!--""#, 1),
    );
    let before = f.sums();
    f.dz(&["build", "-q"]).code(0);
    let home = std::fs::read_to_string(f.path("public/index.html")).unwrap();
    assert!(home.contains("__pwned=&#39;E02&#39;"), "the title is shown as text");
    assert_no_live_script(&f);
    assert_eq!(before, f.sums());
}

#[test]
fn e03_a_base_url_that_is_not_http_is_refused() {
    let f = Fresh::new();
    let before = f.sums();
    f.dz(&["build", "--base-url", r#"javascript:alert(1)//"><script>alert("E03")</script>"#])
        .code(2)
        .stderr_has(r#"--base-url "javascript:alert(1)//"><script>"#)
        .stderr_has("is not an http:// or https:// address");
    assert!(!f.path("public").exists());
    let text = f.read("edition.toml");
    let line = text.lines().position(|l| l.starts_with("base_url")).map(|i| i + 1);
    let edited = match line {
        Some(_) => text
            .lines()
            .map(|l| {
                if l.starts_with("base_url") {
                    "base_url = \"ftp://example.org/\"".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        None => format!("base_url = \"ftp://example.org/\"\n{text}"),
    };
    f.write("edition.toml", edited);
    let line = line.unwrap_or(1);
    f.dz(&["check"]).code(2).stderr_has(&format!(
        "edition.toml:{line}: base_url \"ftp://example.org/\" is not an http:// or https:// address"
    ));
    f.write("edition.toml", text);
    assert_eq!(before, f.sums());
    f.dz(&["build", "-q", "--base-url", "https://example.org/edition"]).code(0);
    assert!(article_page(&f).contains("https://example.org/edition/articles/"));
}

#[test]
fn s09_a_web_export_full_of_scripts_builds_without_any() {
    let f = Fresh::new();
    f.write(
        "sources/xss.txt",
        concat!(
            "测试标题<script>alert(1)</script>\n",
            "<p>本报讯 2月3日，湖北省十堰市<img src=x onerror=\"alert(2)\">测试<a href=\"javascript:alert(3)\">链接</a>。</p>\n",
            "<p><img src=\"javascript:alert(4)\"></p>\n",
            "<p style=\"text-align:center\">图为测试图片。</p>\n",
            "<p><svg onload=\"alert(5)\"></svg><iframe src=\"javascript:alert(6)\"></iframe>",
            "<style>body{display:none}</style><span onclick=\"alert(7)\">第二段文字，十堰市。</span></p>\n",
        ),
    );
    f.write("sources/xss.toml", "year = 2020\nregion = \"湖北省/十堰市\"\nshape = \"web\"\n");
    let sources = sums(&f.path("sources"));
    f.dz(&["ingest", "sources/xss.txt"]).code(0);
    f.dz(&["build", "-q"]).code(0).stdout_has("35 articles");
    assert_no_live_script(&f);
    assert_eq!(sources, sums(&f.path("sources")));
}
