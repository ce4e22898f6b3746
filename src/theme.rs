//! The theme: Tera templates and static assets. The default theme is
//! embedded in the binary; a file of the same name under
//! `<root>/themes/<theme>/{templates,static}/` overrides it.

use crate::error::{Error, Result};
use crate::fs_util::link_leaves_edition;
use crate::model::line_of_key;
use crate::render::page::PAGE_TEMPLATES;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embed {
    ($dir:literal, $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/", $dir, "/", $name)) as &[u8])),*]
    };
}

/// The templates that no page is drawn with directly; each page kind's own
/// template is embedded where the kind is declared ([`crate::render::page`]).
const PARTIALS: &[(&str, &[u8])] = embed!("templates", "base.html", "article-list.html", "components.html");

const STATIC: &[(&str, &[u8])] = embed!(
    "static",
    "style.css",
    "print.css",
    "view.js",
    "search-index.js",
    "search-query.js",
    "search.js",
    "search-box.js",
    "aids.js",
    "pinyin.js"
);

/// One file of the theme and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `None` for the embedded default, else the overriding file.
    pub path: Option<PathBuf>,
}

impl ThemeFile {
    /// Where the file came from, as a user would look for it.
    pub fn origin(&self, kind: &str, name: &str) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => format!("themes/default/{kind}/{name} (built in)"),
        }
    }
}

/// The templates and static files of the theme in use, overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The embedded default theme with the files of `<root>/themes/<name>/`
    /// laid over it. `name` must be a plain folder name, and no file of the
    /// theme may come from outside the edition.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let embedded = |files: &[(&str, &[u8])]| {
            files
                .iter()
                .map(|(n, b)| (n.to_string(), ThemeFile { bytes: b.to_vec(), path: None }))
                .collect::<BTreeMap<_, _>>()
        };
        let mut templates = embedded(PARTIALS);
        templates.extend(embedded(PAGE_TEMPLATES));
        let mut theme = Theme { templates, statics: embedded(STATIC) };
        // Errors about the name point at its line in edition.toml.
        let refuse = |message: String| {
            let path = root.join("edition.toml");
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            Error::at(&path, line_of_key(&text, "theme").map_or(1, |i| i + 1), message)
        };
        if !is_plain_name(name) {
            return Err(refuse(format!(
                "theme \"{name}\" must be the name of a folder under themes/ (no '/', '\\', '..' or absolute path), e.g. theme = \"default\""
            )));
        }
        let dir = Path::new("themes").join(name);
        if name != "default" && !root.join(&dir).is_dir() {
            return Err(refuse(format!(
                "theme \"{name}\": there is no folder {}; create it or correct the name",
                dir.display()
            )));
        }
        overlay(root, &dir.join("templates"), &mut theme.templates)?;
        overlay(root, &dir.join("static"), &mut theme.statics)?;
        Ok(theme)
    }
}

/// A theme name is one folder name: no separator, no `.` or `..`, no drive.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// Lays the files of `root/dir` over `files`. The folder and each file
/// must resolve inside the edition: a theme is part of the edition, and what
/// it holds is published.
fn overlay(root: &Path, dir: &Path, files: &mut BTreeMap<String, ThemeFile>) -> Result<()> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(());
    }
    if let Some(why) = link_leaves_edition(root, &full) {
        return Err(Error::Other(format!("{}: {why}", dir.display())));
    }
    for entry in walkdir::WalkDir::new(&full).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Other(format!("{}: {e}", full.display())))?;
        let rel = entry.path().strip_prefix(&full).unwrap_or(entry.path());
        if entry.path_is_symlink() {
            if let Some(why) = link_leaves_edition(root, entry.path()) {
                return Err(Error::Other(format!("{}: {why}", dir.join(rel).display())));
            }
            if !entry.path().is_file() {
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let name = crate::fs_util::slash_path(rel);
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        files.insert(name, ThemeFile { bytes, path: Some(dir.join(rel)) });
    }
    Ok(())
}
