//! The documentation quoted against the code: every example of a file format
//! in `docs/ARCHITECTURE.md` and `README.md` parses with the project's own
//! parser, every `duizhao <command>` they name exists, every path they name
//! under `src/`, `scripts/`, `themes/` or `data/` exists, and `src/` keeps
//! the layering rule the architecture page states.

use duizhao::config::Edition;
use duizhao::ingest::fixes::{Action, Fixes};
use duizhao::ingest::sidecar::read_sidecar;
use duizhao::model::{Article, Glossary, Translation};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ARCHITECTURE: &str = "docs/ARCHITECTURE.md";
const README: &str = "README.md";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A fenced code block: its info string, its text and the line it opens on.
struct Fence {
    info: String,
    body: String,
    line: usize,
    /// The indent of the opening fence (README's examples sit in list items),
    /// taken off every line of the body.
    indent: usize,
}

fn fences(text: &str) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut open: Option<Fence> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match (&mut open, trimmed.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Fence { info: info.trim().into(), body: String::new(), line: i + 1, indent });
            }
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some(fence), None) => {
                fence.body.push_str(&line[indent.min(fence.indent)..]);
                fence.body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The kinds of file an example can show, told by the path in its info
/// string (```` ```toml sources/x.toml ````), else by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Sidecar,
    Fixes,
    Article,
    Translation,
    Glossary,
    EditionToml,
}

fn kind_of(fence: &Fence) -> Option<(Kind, String)> {
    let mut words = fence.info.split_whitespace();
    let lang = words.next().unwrap_or_default();
    let path = words.next().map(str::to_string);
    let kind = match path.as_deref() {
        Some("edition.toml") => Kind::EditionToml,
        Some(p) if p.ends_with(".fixes.toml") => Kind::Fixes,
        Some(p) if p.ends_with("glossary.toml") => Kind::Glossary,
        Some(p) if p.starts_with("sources/") && p.ends_with(".toml") => Kind::Sidecar,
        Some(p) if p.starts_with("content/") => Kind::Article,
        Some(p) if p.starts_with("translations/") => Kind::Translation,
        Some(p) => panic!("line {}: no parser for an example of {p}", fence.line),
        None if lang != "toml" => return None,
        None if fence.body.contains("[[fix]]") => Kind::Fixes,
        None => Kind::Sidecar,
    };
    let default = match kind {
        Kind::Fixes => "sources/example.fixes.toml",
        _ => "sources/example.toml",
    };
    Some((kind, path.unwrap_or_else(|| default.into())))
}

/// What parsing an example gave, for the checks across examples.
enum Parsed {
    Fixes(Fixes),
    Article(Box<Article>),
    Translation(Box<Translation>),
    Other,
}

fn parse_example(kind: Kind, path: &str, text: &str) -> Result<Parsed, String> {
    let path = Path::new(path);
    let error = |e: duizhao::error::Error| e.to_string();
    Ok(match kind {
        Kind::Sidecar => {
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            std::fs::write(dir.path().join("x.toml"), text).map_err(|e| e.to_string())?;
            read_sidecar(&dir.path().join("x.txt")).map_err(error)?.ok_or("no sidecar read")?;
            Parsed::Other
        }
        Kind::Fixes => {
            Parsed::Fixes(Fixes::parse(path, text, Path::new("sources/x.txt"), 10_000).map_err(error)?)
        }
        Kind::Article => Parsed::Article(Box::new(Article::parse(path, text).map_err(error)?)),
        Kind::Translation => Parsed::Translation(Box::new(Translation::parse(path, text).map_err(error)?)),
        Kind::Glossary => {
            Glossary::parse(path, text).map_err(error)?;
            Parsed::Other
        }
        Kind::EditionToml => {
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            std::fs::write(dir.path().join("edition.toml"), text).map_err(|e| e.to_string())?;
            Edition::open(dir.path()).map_err(error)?;
            Parsed::Other
        }
    })
}

/// Parses every example of `doc`; returns the kinds seen and what they gave.
fn parse_examples(doc: &str) -> (BTreeSet<Kind>, Vec<Parsed>) {
    let (mut kinds, mut parsed, mut failures) = (BTreeSet::new(), Vec::new(), Vec::new());
    for fence in fences(&read(doc)) {
        let Some((kind, path)) = kind_of(&fence) else { continue };
        kinds.insert(kind);
        match parse_example(kind, &path, &fence.body) {
            Ok(p) => parsed.push(p),
            Err(e) => {
                failures.push(format!("{doc}:{}: the {kind:?} example does not parse: {e}", fence.line));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    (kinds, parsed)
}

#[test]
fn every_format_example_of_the_architecture_page_parses() {
    let (kinds, parsed) = parse_examples(ARCHITECTURE);
    let all =
        [Kind::Sidecar, Kind::Fixes, Kind::Article, Kind::Translation, Kind::Glossary, Kind::EditionToml];
    assert_eq!(kinds, BTreeSet::from(all), "{ARCHITECTURE} must show one example of each format");

    let actions: BTreeSet<&str> = parsed
        .iter()
        .filter_map(|p| if let Parsed::Fixes(f) = p { Some(f) } else { None })
        .flat_map(|f| f.fixes.iter().map(|fix| action_name(&fix.action)))
        .collect();
    let every = BTreeSet::from(["split", "drop", "move", "join", "replace", "set"]);
    assert_eq!(actions, every, "the fixes example must show every action");
}

fn action_name(action: &Action) -> &'static str {
    match action {
        Action::Split { .. } => "split",
        Action::Drop { .. } => "drop",
        Action::Move { .. } => "move",
        Action::Join { .. } => "join",
        Action::Replace { .. } => "replace",
        Action::Set { .. } => "set",
    }
}

#[test]
fn the_translation_example_is_current_for_the_article_example() {
    let (_, parsed) = parse_examples(ARCHITECTURE);
    let article = parsed.iter().find_map(|p| if let Parsed::Article(a) = p { Some(a) } else { None });
    let translation = parsed.iter().find_map(|p| if let Parsed::Translation(t) = p { Some(t) } else { None });
    let (article, translation) = (article.expect("an article example"), translation.expect("a translation"));
    assert_eq!(article.id, translation.id, "the examples show one article and its translation");
    let aligned = duizhao::pair::pair((**article).clone(), Some((**translation).clone()));
    let coverage = aligned.coverage();
    assert!(
        coverage.is_complete() && aligned.problems.is_empty(),
        "the translation example's markers must match the article example's blocks: {coverage:?}, {:?}",
        aligned.problems
    );
}

#[test]
fn every_format_example_of_the_readme_parses() {
    let (kinds, _) = parse_examples(README);
    assert!(kinds.contains(&Kind::Sidecar) && kinds.contains(&Kind::Fixes), "{kinds:?}");
}

/// The subcommands `duizhao --help` lists.
fn subcommands() -> BTreeSet<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duizhao")).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let listed = help.split("Commands:").nth(1).expect("--help lists its commands");
    let lines = listed.lines().skip(1).take_while(|l| l.starts_with("  "));
    lines.filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect()
}

/// The text of a document's code: inline spans and fenced blocks.
fn code_of(text: &str) -> String {
    let mut code: Vec<String> = fences(text).into_iter().map(|f| f.body).collect();
    let prose: Vec<&str> = text.split("```").step_by(2).collect();
    let inline = Regex::new(r"`([^`\n]+)`").unwrap();
    code.extend(prose.iter().flat_map(|p| inline.captures_iter(p).map(|c| c[1].to_string())));
    code.join("\n")
}

#[test]
fn every_command_the_docs_name_exists() {
    let known = subcommands();
    assert!(known.contains("build"), "{known:?}");
    let named =
        Regex::new(r"(?m)^\s*(?:duizhao(?: -C \S+)?|cargo run(?: --release)? --) ([a-z][a-z-]*)").unwrap();
    for doc in [ARCHITECTURE, README] {
        let code = code_of(&read(doc));
        let commands: BTreeSet<&str> =
            named.captures_iter(&code).map(|c| c.get(1).unwrap().as_str()).collect();
        assert!(!commands.is_empty(), "{doc} names no command");
        let unknown: Vec<_> = commands.iter().filter(|c| !known.contains(**c)).collect();
        assert!(unknown.is_empty(), "{doc} names commands `duizhao --help` does not list: {unknown:?}");
    }
}

#[test]
fn every_path_the_docs_name_exists() {
    let path = Regex::new(r"(?:^|[^\w./-])((?:src|scripts|themes|data)/[\w./-]*)").unwrap();
    for doc in [ARCHITECTURE, README] {
        let text = read(doc);
        let named: BTreeSet<&str> =
            path.captures_iter(&text).map(|c| c.get(1).unwrap().as_str().trim_end_matches('.')).collect();
        assert!(named.iter().any(|p| p.starts_with("src/")), "{doc} names no source file");
        let missing: Vec<_> = named.iter().filter(|p| !repo().join(p).exists()).collect();
        assert!(missing.is_empty(), "{doc} names paths that do not exist: {missing:?}");
    }
}

/// The stages in the order of `docs/ARCHITECTURE.md`'s layering rule: a
/// module may use its own rank and lower ones. The commands (`src/cmd/`,
/// `src/main.rs`) come last and may use anything.
const RANKS: &[(&str, usize)] = &[
    ("error", 0),
    ("pattern", 0),
    ("hanzi", 0),
    ("pinyin", 0),
    ("model", 1),
    ("config", 2),
    ("gazetteer", 2),
    ("fs_util", 2),
    ("cli", 2),
    ("texts", 2),
    ("ingest", 3),
    ("pair", 4),
    ("site", 5),
    ("reader", 5),
    ("render", 6),
    ("search", 6),
    ("theme", 6),
    ("translate", 7),
    ("align", 7),
    ("epub", 7),
    ("xliff", 7),
    ("output", 8),
    ("serve", 9),
];

/// Imports that break the rule today, each with why; remove an entry when
/// its import goes.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

fn rank(module: &str) -> Option<usize> {
    RANKS.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// Every `crate::<module>` a file of `src/` uses outside comments and its
/// test module, with the top module it belongs to.
fn imports(file: &Path) -> BTreeSet<String> {
    let path = Regex::new(r"crate::([a-z_]+)").unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let code = text.lines().take_while(|l| l.trim() != "#[cfg(test)]");
    code.filter(|l| !l.trim_start().starts_with("//"))
        .flat_map(|l| path.captures_iter(l).map(|c| c[1].to_string()).collect::<Vec<_>>())
        .collect()
}

#[test]
fn no_stage_imports_from_a_later_one() {
    let src = repo().join("src");
    let mut found = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().map(Result::unwrap) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        if matches!(top, "main" | "lib" | "cmd") {
            continue;
        }
        let own =
            rank(top).unwrap_or_else(|| panic!("src/{top}: give it a place in RANKS (tests/suite/docs.rs)"));
        for module in imports(entry.path()) {
            if rank(&module).is_some_and(|r| r > own) {
                found.insert((format!("src/{}", rel.display()), module));
            }
        }
    }
    let allowed: BTreeSet<(String, String)> =
        EXCEPTIONS.iter().map(|(f, m, _)| (f.to_string(), m.to_string())).collect();
    let new: Vec<_> = found.difference(&allowed).collect();
    assert!(
        new.is_empty(),
        "imports from a later stage (see docs/ARCHITECTURE.md, the layering rule): {new:?}"
    );
    let gone: Vec<_> = allowed.difference(&found).collect();
    assert!(gone.is_empty(), "these exceptions no longer occur: remove them from EXCEPTIONS: {gone:?}");
}
