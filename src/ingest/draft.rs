//! The article being cleaned: what segmentation produces and every later
//! cleaning step takes and returns.

use super::text::Dateline;
use crate::model::Author;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitKind {
    Para,
    Subheading,
    /// A caption, with the picture's file name where the source kept it.
    Figure {
        image: Option<String>,
    },
}

/// One body block and the source lines it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    pub text: String,
    pub lines: Vec<usize>,
}

impl Unit {
    pub fn new(kind: UnitKind, text: impl Into<String>, line: usize) -> Self {
        Unit { kind, text: text.into(), lines: vec![line] }
    }

    /// Its first source line (every unit is made with one).
    pub fn line(&self) -> usize {
        self.lines.first().copied().unwrap_or_default()
    }

    pub fn is_para(&self) -> bool {
        self.kind == UnitKind::Para
    }
}

/// The kinds of intervention, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteKind {
    Html,
    Furniture,
    Repeat,
    RepeatedArticle,
    ColumnBreak,
    LayoutOrder,
    Punctuation,
    Figure,
    Metadata,
    FormerName,
    Fix,
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Html => "HTML flattened",
            NoteKind::Furniture => "page furniture dropped",
            NoteKind::Repeat => "repeated paragraphs dropped",
            NoteKind::RepeatedArticle => "repeated articles dropped",
            NoteKind::ColumnBreak => "column breaks mended",
            NoteKind::LayoutOrder => "headlines put before their body",
            NoteKind::Punctuation => "punctuation made full-width",
            NoteKind::Figure => "captions made figures",
            NoteKind::Metadata => "lines moved to front matter",
            NoteKind::FormerName => "former place names read as their successors",
            NoteKind::Fix => "editorial fixes applied",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub line: usize,
    pub text: String,
    /// How many interventions the note stands for: more than one when it
    /// sums up many alike (thousands of copies of one article).
    pub times: usize,
}

impl Note {
    pub fn new(kind: NoteKind, line: usize, text: impl Into<String>) -> Self {
        Note { kind, line, text: text.into(), times: 1 }
    }

    pub fn render(&self) -> String {
        format!("line {}: {}", self.line, self.text)
    }
}

/// Something a human should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub title: String,
    pub title_line: Option<usize>,
    /// Heading level of the title in OCR text.
    pub title_level: Option<u8>,
    pub subtitle: String,
    pub kicker: String,
    pub column: String,
    /// The page heading the column came from, for the editorial record.
    pub column_line: Option<usize>,
    pub authors: Vec<Author>,
    pub dateline: Option<Dateline>,
    /// The outlet a publication line names as the source (`来源：X`).
    pub source_named: Option<String>,
    /// Source lines of headline, byline and other lines made metadata.
    pub meta_lines: Vec<usize>,
    pub body: Vec<Unit>,
    pub notes: Vec<Note>,
    pub flags: Vec<Flag>,
}

impl Draft {
    pub fn note(&mut self, kind: NoteKind, line: usize, text: impl Into<String>) {
        self.notes.push(Note::new(kind, line, text));
    }

    pub fn flag(&mut self, line: usize, text: impl Into<String>) {
        self.flags.push(Flag { line, text: text.into() });
    }

    /// Adds the authors not named yet, in the order printed within each
    /// group: writers, then photographers, then editors (a closing credit
    /// `（文/张三 图/李四）` is read after the editors' lines below it).
    pub fn add_authors(&mut self, authors: impl IntoIterator<Item = Author>) {
        fn group(author: &Author) -> u8 {
            match author.role.as_str() {
                _ if author.is_writer() => 0,
                "摄" | "摄影" | "供图" => 1,
                _ => 2,
            }
        }
        for author in authors {
            if self.authors.iter().any(|a| a.name == author.name) {
                continue;
            }
            let at =
                self.authors.iter().position(|a| group(a) > group(&author)).unwrap_or(self.authors.len());
            self.authors.insert(at, author);
        }
    }

    /// Every source line this article was made from.
    pub fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.title_line
            .iter()
            .copied()
            .chain(self.meta_lines.iter().copied())
            .chain(self.body.iter().flat_map(|u| u.lines.iter().copied()))
    }

    pub fn first_line(&self) -> usize {
        self.lines().min().unwrap_or(0)
    }

    pub fn span(&self) -> [usize; 2] {
        [self.lines().min().unwrap_or(0), self.lines().max().unwrap_or(0)]
    }

    pub fn paras(&self) -> impl Iterator<Item = &Unit> {
        self.body.iter().filter(|u| u.is_para())
    }
}

/// A draft of one lead paragraph, its dateline (if any) taken off as
/// segmentation does: the fixture of the date and place rules' tests.
#[cfg(test)]
pub(crate) fn draft_with_lead(title: &str, lead: &str) -> Draft {
    let mut draft = Draft { title: title.into(), ..Draft::default() };
    let mut text = lead.to_string();
    if let Some(dateline) = super::text::parse_dateline(lead) {
        text = lead[dateline.printed.len()..].to_string();
        draft.dateline = Some(dateline);
    }
    draft.body.push(Unit::new(UnitKind::Para, text, 1));
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(name: &str, role: &str) -> Author {
        Author::new(name, role)
    }

    #[test]
    fn writers_then_photographers_then_editors_each_once() {
        let mut draft = Draft::default();
        draft.add_authors([author("李明", "编辑"), author("马超", "摄影")]);
        draft.add_authors([author("赵敏", "作者"), author("李明", "编辑"), author("孙伟", "记者")]);
        let names: Vec<&str> = draft.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["赵敏", "孙伟", "马超", "李明"]);
    }
}
