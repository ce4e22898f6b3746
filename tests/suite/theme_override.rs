//! A file under `<root>/themes/<theme>/` replaces the built-in one of the
//! same name; everything else stays built in.

use assert_cmd::Command;

#[test]
fn a_user_file_overrides_the_embedded_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/2020-02-01-a.md"),
        "+++\ntitle = \"标题\"\ndate = 2020-02-01\nregions = [\"全国\"]\nsource = \"sources/a.txt\"\n+++\n\n第一段。\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(root.join("themes/default/static/style.css"), "body{color:red}").unwrap();
    std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    std::fs::write(
        root.join("themes/default/templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>my own 404</p>{% endblock main %}",
    )
    .unwrap();
    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "build", "--quiet"])
        .assert()
        .success();
    let public = root.join("public");
    assert_eq!(std::fs::read_to_string(public.join("static/style.css")).unwrap(), "body{color:red}");
    assert!(std::fs::read_to_string(public.join("404.html")).unwrap().contains("my own 404"));
    // Not overridden: still the built-in script and templates.
    assert!(std::fs::read_to_string(public.join("static/view.js")).unwrap().contains("duizhao-view"));
    assert!(public.join("articles/2020-02-01-a.html").is_file());
}

/// Copies the folder `from` into `to`, leaving out `skip` (a top-level name).
fn copy_tree(from: &std::path::Path, to: &std::path::Path, skip: &str) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_entry(|e| e.file_name() != skip) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Whether a template text reads the variable `key`: `x.key`, `{{ key`,
/// `in key`, `= key`, and not as part of a longer name.
fn reads(text: &str, key: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(key).any(|(at, _)| {
        let before = &text[..at];
        (before.ends_with('.')
            || before.ends_with("{{ ")
            || before.ends_with(" in ")
            || before.ends_with("= "))
            && !text[at + key.len()..].chars().next().is_some_and(is_name)
    })
}

/// What each page of the test theme shows, beside the article's page.
const SHOWN: &[(&str, &str)] = &[
    ("index.html", "counts=[4 1 2 10 5 1 6 2 50]"),
    ("index.html", "home region=[湖北省 regions/hubeisheng/index.html 3]"),
    ("index.html", "timeline/index.html#d2020-02-27"),
    (
        "index.html",
        "summary href=[articles/2020-03-01-quan-guo-kou-zhao.html] title=[全国口罩日产量突破一亿只] en=[] date=[2020-03-01] region=[全国] publication=[人民日报] translated=[0/2]",
    ),
    ("timeline/index.html", "day=[d2020-02-27 2020-02-27 2020年2月27日 27 February 2020]"),
    (
        "regions/index.html",
        "tree=[2 郧阳区 湖北省/十堰市/郧阳区 ../regions/hubeisheng-shiyanshi-yunyangqu/index.html 1 0 false 1]",
    ),
    ("regions/hubeisheng-shiyanshi/index.html", "crumb=[湖北省 ../../regions/hubeisheng/index.html]"),
    (
        "regions/hubeisheng-shiyanshi/index.html",
        "child=[郧阳区 ../../regions/hubeisheng-shiyanshi-yunyangqu/index.html 1]",
    ),
    ("sources/index.html", "source=[sources/shiyan.txt #sources-shiyan-txt 81]"),
    ("sources/index.html", "sidecar row=[publication=十堰日报]"),
    ("sources/index.html", "fixes=[sources/shiyan.fixes.toml]"),
    ("glossary/index.html", "term=[负压救护车=negative-pressure ambulance note An ambulance"),
    (
        "articles/2020-02-28-yun-yang-fu-gong.html",
        "proofreading=[translations/en/2020-02-28-yun-yang-fu-gong.md]",
    ),
    ("articles/2020-02-28-yun-yang-fu-gong.html", "count=[stale 过时 stale 1]"),
    ("articles/2020-02-28-yun-yang-fu-gong.html", "status=[2 stale 10]"),
    ("404.html", "my own 404, back to [index.html]"),
    ("404.html", "bi[首页|Home]"),
];

/// A named theme that replaces every template with one that prints every
/// variable of `docs/theme.md`: the build uses only the theme's templates,
/// and each page shows the values of its context.
#[test]
fn a_named_theme_can_replace_every_template_and_read_every_variable() {
    let fixture = std::path::Path::new("tests/fixtures");
    let templates = fixture.join("themes/every-variable/templates");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_tree(&fixture.join("sites/basic"), root, "expected");
    copy_tree(&templates, &root.join("themes/every-variable/templates"), "");
    let mut edition = std::fs::read_to_string(root.join("edition.toml")).unwrap();
    edition.push_str("theme = \"every-variable\"\nbase_url = \"https://example.org/ed/\"\n");
    std::fs::write(root.join("edition.toml"), edition).unwrap();

    // The theme covers every built-in template and uses every documented key.
    let mut used = String::new();
    let built_in = std::fs::read_dir("themes/default/templates").unwrap();
    for entry in built_in {
        let name = entry.unwrap().file_name();
        let text = std::fs::read_to_string(templates.join(&name));
        used.push_str(&text.unwrap_or_else(|_| panic!("the test theme has no {name:?}")));
    }
    let doc = std::fs::read_to_string("docs/theme.md").unwrap();
    let variables = doc.split_once("\n## Variables\n").expect("docs/theme.md has a section Variables").1;
    let keys = variables.lines().filter_map(|l| l.strip_prefix("| `")?.split_once('`')).map(|(k, _)| k);
    let unused: Vec<&str> = keys.filter(|k| !reads(&used, k)).collect();
    assert!(unused.is_empty(), "documented but not used by the test theme: {unused:?}");

    Command::cargo_bin("duizhao")
        .unwrap()
        .args(["-C", root.to_str().unwrap(), "build", "--quiet"])
        .assert()
        .success();
    let page = |path: &str| std::fs::read_to_string(root.join("public").join(path)).unwrap();
    let article = page("articles/2020-02-27-guang-xi-juan-zeng.html");
    for shown in [
        "root=[../] path=[articles/2020-02-27-guang-xi-juan-zeng.html]",
        "canonical=[https://example.org/ed/articles/2020-02-27-guang-xi-juan-zeng.html]",
        "site.title_zh=[抗疫报道选读]",
        "site.has_glossary=[true]",
        "kicker=[八桂情深] column=[政务快递]",
        "date=[2020-02-27 2020年2月27日]",
        "crumbs=[湖北省@../regions/hubeisheng/index.html;十堰市@../regions/hubeisheng-shiyanshi/index.html;]",
        "author=[记者:张启国]",
        "source=[sources/shiyan.txt ../sources/index.html#sources-shiyan-txt 3-14]",
        "row=[4 figure translated]",
        "figure=[负压救护车抵达十堰。|media/images/ambulance.png|images/ambulance.png|false|false|The ambulances arrive in Shiyan.]",
        "figure=[市领导与广西援鄂医疗队合影。|||true|false|City leaders with the Guangxi medical team.]",
        "next=[../articles/2020-02-28-yun-yang-fu-gong.html 郧阳区企业有序复工复产",
        "en=[Guangxi donates two negative-pressure ambulances to our city|||duizhao editors|draft|]",
        "cite_html=[<span class=\"hl-",
    ] {
        assert!(article.contains(shown), "article page lacks {shown:?}:\n{article}");
    }
    assert!(!article.contains('\u{E000}'), "highlighted code is spliced back in");
    for &(path, shown) in SHOWN {
        let html = page(path);
        assert!(html.contains(shown), "{path} lacks {shown:?}:\n{html}");
    }
    // The timeline's chart links to days on the same page.
    let timeline = page("timeline/index.html");
    assert!(timeline.contains("#d2020-02-27") && !timeline.contains("timeline/index.html#"), "{timeline}");
}

/// `translated_articles` counts articles with a translated block: an empty
/// slot file from `translate` does not count.
#[test]
fn translated_articles_leaves_out_empty_slot_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for id in ["2020-02-01-a", "2020-02-02-b"] {
        let article = "+++\ntitle = \"标题\"\ndate = 2020-02-01\nregions = [\"全国\"]\nsource = \"sources/a.txt\"\n+++\n\n第一段。\n";
        std::fs::write(root.join(format!("content/{id}.md")), article).unwrap();
    }
    std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    std::fs::write(
        root.join("themes/default/templates/home.html"),
        "{% extends \"base.html\" %}{% block main %}<p>n=[{{ page.counts.translated_articles }}]</p>{% endblock main %}",
    )
    .unwrap();
    let duizhao = |args: &[&str]| {
        Command::cargo_bin("duizhao")
            .unwrap()
            .args(["-C", root.to_str().unwrap()])
            .args(args)
            .assert()
            .success();
    };
    let home = || std::fs::read_to_string(root.join("public/index.html")).unwrap();
    duizhao(&["translate", "2020-02-01-a", "2020-02-02-b"]);
    duizhao(&["build", "--quiet"]);
    assert!(home().contains("n=[0]"), "{}", home());

    let slot = root.join("translations/en/2020-02-01-a.md");
    let text = std::fs::read_to_string(&slot).unwrap();
    let filled = text.replacen("<!-- zh: 第一段。 -->\n", "<!-- zh: 第一段。 -->\nThe first paragraph.\n", 1);
    assert_ne!(filled, text, "{text}");
    std::fs::write(&slot, filled).unwrap();
    duizhao(&["build", "--quiet"]);
    assert!(home().contains("n=[1]"), "{}", home());
}
