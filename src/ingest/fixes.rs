//! Editorial fixes: `sources/<name>.fixes.toml`, decisions a heuristic cannot
//! make, recorded with a reason and applied on every ingest.
//!
//! ```toml
//! [[fix]]
//! split = 57                 # an article starts at this line
//! reason = "…"
//!
//! [[fix]]
//! drop = [155, 156]          # drop the blocks on these lines (or `drop = 155`)
//! reason = "…"
//!
//! [[fix]]
//! move = [3, 5]              # move the blocks on lines 3–5 …
//! before = 25                # … to just before the block on line 25
//! reason = "…"
//!
//! [[fix]]
//! join = [73, 75]            # the block on line 75 continues the one on line 73
//! reason = "…"
//!
//! [[fix]]
//! line = 19                  # in the block on line 19 …
//! replace = "疫情情"           # … replace this text …
//! with = "疫情"               # … with this
//! reason = "…"
//!
//! [[fix]]
//! line = 1                   # the article that holds line 1 …
//! set = { title = "…" }      # … gets these front matter fields
//! reason = "…"
//! ```
//!
//! A `replace` is an emendation: the changed part is kept marked, with what
//! the source prints ([`super::emend`]), and shows as one in the text.

use super::set_field::{SetField, SetFields};
use super::shape::RawBlock;
use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FixSpec {
    reason: String,
    split: Option<usize>,
    drop: Option<LineRange>,
    join: Option<[usize; 2]>,
    #[serde(rename = "move")]
    move_lines: Option<LineRange>,
    before: Option<usize>,
    line: Option<usize>,
    replace: Option<String>,
    with: Option<String>,
    set: Option<toml::Table>,
}

#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(untagged)]
enum LineRange {
    One(usize),
    Range([usize; 2]),
}

impl LineRange {
    fn bounds(self) -> (usize, usize) {
        match self {
            LineRange::One(n) => (n, n),
            LineRange::Range([a, b]) => (a.min(b), a.max(b)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Split { line: usize },
    Drop { first: usize, last: usize },
    Move { first: usize, last: usize, before: usize },
    Join { first: usize, second: usize },
    Replace { line: usize, find: String, with: String },
    Set { line: usize, fields: SetFields },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub action: Action,
    pub reason: String,
    /// Line of the `[[fix]]` table in the fixes file.
    pub at: usize,
}

impl Fix {
    /// The lines this fix acts on, as ranges, each with the word for it.
    fn reach(&self) -> Vec<(usize, usize, &'static str)> {
        match self.action {
            Action::Split { line } => vec![(line, line, "split")],
            Action::Drop { first, last } => vec![(first, last, "drop")],
            Action::Move { first, last, before } => {
                vec![(first, last, "move"), (before, before, "move before it")]
            }
            Action::Join { first, second } => vec![(first, first, "join"), (second, second, "join")],
            Action::Replace { line, .. } => vec![(line, line, "replace")],
            Action::Set { line, .. } => vec![(line, line, "set")],
        }
    }

    pub fn describe(&self) -> String {
        let what = match &self.action {
            Action::Split { line } => format!("line {line}: an article starts here"),
            Action::Drop { first, last } if first == last => format!("line {first}: dropped"),
            Action::Drop { first, last } => format!("lines {first}–{last}: dropped"),
            Action::Move { first, last, before } => {
                format!("lines {first}–{last}: moved before line {before}")
            }
            Action::Join { first, second } => format!("line {second} joined to line {first}"),
            Action::Replace { line, find, with } => format!("line {line}: \"{find}\" → \"{with}\""),
            Action::Set { line, fields } => {
                let keys: Vec<_> = fields.keys().map(|f| f.name()).collect();
                format!("line {line}: set {}", keys.join(", "))
            }
        };
        format!("editorial fix, {what}: {}", self.reason)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Fixes {
    pub path: PathBuf,
    pub fixes: Vec<Fix>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FixesFile {
    #[serde(default)]
    fix: Vec<toml::Spanned<FixSpec>>,
}

/// `sources/x.txt` → `sources/x.fixes.toml`.
pub fn fixes_path(source: &Path) -> PathBuf {
    crate::model::Companions::of(source).fixes
}

impl Fixes {
    /// Reads and checks the fixes of `source`, whose text has `line_count` lines.
    pub fn read(source: &Path, line_count: usize) -> Result<Fixes> {
        let path = fixes_path(source);
        let Some(text) = crate::fs_util::read_optional(&path)? else {
            return Ok(Fixes { path, fixes: Vec::new() });
        };
        Self::parse(&path, &text, source, line_count)
    }

    /// Parses the fixes file `path` of `source`, whose text has `line_count`
    /// lines; every fix is checked before any applies.
    pub fn parse(path: &Path, text: &str, source: &Path, line_count: usize) -> Result<Fixes> {
        let file: FixesFile =
            toml::from_str(text).map_err(|e| Error::toml(path, text, 1, "fixes file", &e))?;
        let mut fixes = Vec::new();
        for spanned in file.fix {
            let at = crate::error::Location::of_span(path, text, 1, spanned.span());
            let spec = spanned.into_inner();
            let reading = SpecReading { at: &at, source, line_count };
            if spec.reason.trim().is_empty() {
                return Err(reading.fail("every fix needs a `reason`: say why a human decided this".into()));
            }
            let action = reading.action(&spec)?;
            fixes.push(Fix { action, reason: spec.reason.trim().to_string(), at: at.line });
        }
        let fixes = Fixes { path: path.to_path_buf(), fixes };
        fixes.check_conflicts()?;
        Ok(fixes)
    }

    /// Two fixes that act on the same lines in ways that cannot both apply:
    /// a drop and anything else on the lines it drops (a move, the line a
    /// move puts its lines before, a split, a set, a join, a replace), or
    /// two moves of the same lines.
    fn check_conflicts(&self) -> Result<()> {
        for (i, later) in self.fixes.iter().enumerate() {
            for earlier in &self.fixes[..i] {
                for (a, b, later_kind) in later.reach() {
                    for (c, d, earlier_kind) in earlier.reach() {
                        let (first, last) = (a.max(c), b.min(d));
                        let drop = (later_kind == "drop") != (earlier_kind == "drop");
                        let moves = later_kind == "move" && earlier_kind == "move";
                        if first > last || !(drop || moves) {
                            continue;
                        }
                        let lines = if first == last {
                            format!("line {first}")
                        } else {
                            format!("lines {first}–{last}")
                        };
                        return Err(self.conflict(
                            later.at,
                            earlier.at,
                            &format!(
                                "both act on {lines}: {later_kind} and {earlier_kind} cannot both apply: remove one, or correct its lines"
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Two fixes of this file that cannot both apply, named by their lines.
    fn conflict(&self, later: usize, earlier: usize, what: &str) -> Error {
        Error::Other(format!("{}:{later} and :{earlier} {what}", self.path.display()))
    }

    /// Checks the `set` fixes against the articles: `article_of` gives the
    /// article that holds a source line. Each set must name a line of an
    /// article, and no two may set the same field of one article.
    pub fn check_sets(&self, article_of: impl Fn(usize) -> Option<usize>) -> Result<()> {
        let sets: Vec<_> = self.sets().collect();
        for (i, &(fix, line, fields)) in sets.iter().enumerate() {
            let Some(article) = article_of(line) else {
                return Err(Error::at(
                    &self.path,
                    fix.at,
                    format!(
                        "this `set` fix names line {line}, which is in no article: name a line of the article's headline or text"
                    ),
                ));
            };
            for &(other, other_line, other_fields) in &sets[..i] {
                let Some(key) = fields.keys().find(|k| other_fields.contains_key(k)).map(|k| k.name()) else {
                    continue;
                };
                if article_of(other_line) == Some(article) {
                    let whose = if line == other_line {
                        format!("on line {line}")
                    } else {
                        format!("of the article that holds lines {other_line} and {line}")
                    };
                    return Err(self.conflict(
                        fix.at,
                        other.at,
                        &format!("both set `{key}` {whose}: only one can apply: remove one"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Applies drop, move and replace to the blocks; returns the lines where
    /// fixes start articles. Every fix must find its block.
    pub fn apply_to_blocks(&self, blocks: &mut Vec<RawBlock>) -> Result<BTreeSet<usize>> {
        let mut splits = BTreeSet::new();
        for fix in &self.fixes {
            let fail = |message: String| Error::at(&self.path, fix.at, message);
            let need_block = |blocks: &[RawBlock], line: usize| -> Result<usize> {
                blocks.iter().position(|b| b.line == line).ok_or_else(|| {
                    fail(format!("no block starts on line {line} of the source (blank, or already dropped): name the first line of a paragraph"))
                })
            };
            match &fix.action {
                Action::Split { line } => {
                    need_block(blocks, *line)?;
                    splits.insert(*line);
                }
                Action::Drop { first, last } => {
                    let before = blocks.len();
                    blocks.retain(|b| !(*first..=*last).contains(&b.line));
                    if blocks.len() == before {
                        return Err(fail(format!("nothing to drop on lines {first}–{last}")));
                    }
                }
                Action::Move { first, last, before } => {
                    // Moved blocks no longer stand after a picture's gap.
                    let moved: Vec<RawBlock> = blocks
                        .iter()
                        .filter(|b| (*first..=*last).contains(&b.line))
                        .map(|b| RawBlock { gap_before: 1, ..b.clone() })
                        .collect();
                    if moved.is_empty() {
                        return Err(fail(format!("nothing to move on lines {first}–{last}")));
                    }
                    blocks.retain(|b| !(*first..=*last).contains(&b.line));
                    let at = need_block(blocks, *before)?;
                    blocks.splice(at..at, moved);
                }
                Action::Join { first, second } => {
                    let at = need_block(blocks, *first)?;
                    let next = need_block(blocks, *second)?;
                    let continuation = blocks.remove(next);
                    let at = if next < at { at - 1 } else { at };
                    super::shape::join_line(&mut blocks[at].text, &continuation.text);
                }
                Action::Replace { line, find, with } => {
                    let at = need_block(blocks, *line)?;
                    let text = &mut blocks[at].text;
                    if !text.contains(find.as_str()) {
                        return Err(fail(format!("line {line} does not contain \"{find}\"")));
                    }
                    *text = text.replacen(find.as_str(), &super::emend::marked(find, with), 1);
                }
                Action::Set { .. } => {}
            }
        }
        Ok(splits)
    }

    pub fn sets(&self) -> impl Iterator<Item = (&Fix, usize, &SetFields)> {
        self.fixes.iter().filter_map(|f| match &f.action {
            Action::Set { line, fields } => Some((f, *line, fields)),
            _ => None,
        })
    }
}

/// One fix of a fixes file being read: where it stands, and the source's
/// length its line numbers must fit.
struct SpecReading<'a> {
    at: &'a crate::error::Location,
    source: &'a Path,
    line_count: usize,
}

const ONE_ACTION: &str = "a fix takes exactly one of `split`, `drop`, `move`, `join`, `replace`, `set`";

impl SpecReading<'_> {
    fn fail(&self, message: String) -> Error {
        Error::At { location: self.at.clone(), message }
    }

    /// `line`, if the source has it.
    fn check(&self, line: usize) -> Result<usize> {
        if line == 0 || line > self.line_count {
            return Err(self.fail(format!(
                "this fix names line {line}, but {} has {} lines: correct the line number",
                self.source.display(),
                self.line_count
            )));
        }
        Ok(line)
    }

    /// The one action `spec` names.
    fn action(&self, spec: &FixSpec) -> Result<Action> {
        match (&spec.split, &spec.drop, &spec.move_lines, &spec.replace, &spec.set, spec.join) {
            (None, None, None, None, None, Some([first, second])) => {
                Ok(Action::Join { first: self.check(first)?, second: self.check(second)? })
            }
            (Some(line), None, None, None, None, None) => Ok(Action::Split { line: self.check(*line)? }),
            (None, Some(range), None, None, None, None) => {
                let (first, last) = range.bounds();
                Ok(Action::Drop { first: self.check(first)?, last: self.check(last)? })
            }
            (None, None, Some(range), None, None, None) => self.move_action(range, spec.before),
            (None, None, None, Some(find), None, None) => self.replace_action(spec, find),
            (None, None, None, None, Some(fields), None) => self.set_action(spec, fields),
            _ => Err(self.fail(ONE_ACTION.into())),
        }
    }

    fn move_action(&self, range: &LineRange, before: Option<usize>) -> Result<Action> {
        let (first, last) = range.bounds();
        let before = before.ok_or_else(|| self.fail("`move` needs `before = <line>`".into()))?;
        if (first..=last).contains(&before) {
            return Err(self.fail(format!(
                "cannot move lines {first}–{last} before line {before}, which is among them"
            )));
        }
        Ok(Action::Move { first: self.check(first)?, last: self.check(last)?, before: self.check(before)? })
    }

    fn replace_action(&self, spec: &FixSpec, find: &str) -> Result<Action> {
        let line = spec.line.ok_or_else(|| self.fail("`replace` needs `line = <line>`".into()))?;
        let with = spec.with.clone().ok_or_else(|| self.fail("`replace` needs `with = \"…\"`".into()))?;
        if find.is_empty() {
            return Err(self.fail("`replace` must name the text to replace".into()));
        }
        Ok(Action::Replace { line: self.check(line)?, find: find.to_string(), with })
    }

    fn set_action(&self, spec: &FixSpec, fields: &toml::Table) -> Result<Action> {
        let line = spec
            .line
            .ok_or_else(|| self.fail("`set` needs `line = <line>` naming a line of the article".into()))?;
        let mut known = SetFields::new();
        for (key, value) in fields {
            let Some(field) = SetField::parse(key) else {
                return Err(self.fail(format!("`set` cannot set `{key}`: it sets {}", SetField::names())));
            };
            known.insert(field, value.clone());
        }
        Ok(Action::Set { line: self.check(line)?, fields: known })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::shape::RawKind;

    fn blocks() -> Vec<RawBlock> {
        (1..=5).map(|n| RawBlock::new(n * 2, RawKind::Text, format!("第{n}段"))).collect()
    }

    fn parse(text: &str) -> Result<Fixes> {
        Fixes::parse(Path::new("sources/a.fixes.toml"), text, Path::new("sources/a.txt"), 10)
    }

    #[test]
    fn applies_drop_move_replace_and_split() {
        let fixes = parse(
            "[[fix]]\ndrop = 4\nreason = \"r\"\n\n[[fix]]\nmove = [8, 10]\nbefore = 2\nreason = \"r\"\n\n[[fix]]\nline = 6\nreplace = \"3\"\nwith = \"三\"\nreason = \"r\"\n\n[[fix]]\nsplit = 6\nreason = \"r\"\n",
        )
        .unwrap();
        let mut blocks = blocks();
        let splits = fixes.apply_to_blocks(&mut blocks).unwrap();
        let texts: Vec<_> = blocks.iter().map(|b| crate::ingest::emend::to_markdown(&b.text)).collect();
        assert_eq!(texts, ["第4段", "第5段", "第1段", "第〈三|3〉段"]);
        assert_eq!(splits.into_iter().collect::<Vec<_>>(), [6]);
    }

    #[test]
    fn a_line_past_the_end_is_an_error_at_the_fix() {
        let err = parse("# fixes\n\n[[fix]]\ndrop = [9, 400]\nreason = \"r\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "sources/a.fixes.toml:3:1: this fix names line 400, but sources/a.txt has 10 lines: correct the line number"
        );
    }

    #[test]
    fn a_fix_without_reason_or_with_two_actions_is_refused() {
        assert!(
            parse("[[fix]]\nsplit = 2\nreason = \" \"\n")
                .unwrap_err()
                .to_string()
                .contains("needs a `reason`")
        );
        assert!(
            parse("[[fix]]\nsplit = 2\ndrop = 3\nreason = \"r\"\n")
                .unwrap_err()
                .to_string()
                .contains("exactly one")
        );
    }

    #[test]
    fn fixes_that_cannot_both_apply_are_refused_naming_both() {
        let conflict = |text: &str| parse(text).unwrap_err().to_string();
        let mv = "[[fix]]\nmove = [3, 5]\nbefore = 8\nreason = \"r\"\n\n";
        assert_eq!(
            conflict(&format!("{mv}[[fix]]\ndrop = [3, 5]\nreason = \"r\"\n")),
            "sources/a.fixes.toml:6 and :1 both act on lines 3–5: drop and move cannot both apply: remove one, or correct its lines"
        );
        assert!(
            conflict(&format!("{mv}[[fix]]\ndrop = [8, 9]\nreason = \"r\"\n"))
                .contains(":6 and :1 both act on line 8: drop and move before it cannot")
        );
        assert!(
            conflict(&format!("[[fix]]\ndrop = [1, 4]\nreason = \"r\"\n\n{mv}"))
                .contains(":5 and :1 both act on lines 3–4: move and drop cannot")
        );
        assert!(
            conflict("[[fix]]\nsplit = 2\nreason = \"r\"\n[[fix]]\ndrop = 2\nreason = \"r\"\n")
                .contains("line 2: drop and split")
        );
        // Drops side by side, and a move beside a drop, are fine.
        parse(&format!("{mv}[[fix]]\ndrop = [6, 7]\nreason = \"r\"\n[[fix]]\ndrop = 6\nreason = \"r\"\n"))
            .unwrap();
    }

    #[test]
    fn two_sets_of_one_field_of_one_article_are_refused() {
        let fixes = parse(
            "[[fix]]\nline = 2\nset = { title = \"甲\" }\nreason = \"r\"\n\n[[fix]]\nline = 4\nset = { title = \"乙\", kicker = \"丙\" }\nreason = \"r\"\n",
        )
        .unwrap();
        let err = fixes.check_sets(|_| Some(0)).unwrap_err().to_string();
        assert_eq!(
            err,
            "sources/a.fixes.toml:6 and :1 both set `title` of the article that holds lines 2 and 4: only one can apply: remove one"
        );
        fixes.check_sets(Some).unwrap();
        assert!(
            fixes.check_sets(|_| None).unwrap_err().to_string().contains(":1: this `set` fix names line 2")
        );
    }

    #[test]
    fn a_fix_naming_a_blank_line_is_an_error() {
        let fixes = parse("[[fix]]\nsplit = 3\nreason = \"r\"\n").unwrap();
        let err = fixes.apply_to_blocks(&mut blocks()).unwrap_err();
        assert!(err.to_string().starts_with("sources/a.fixes.toml:1: no block starts on line 3"), "{err}");
    }
}
