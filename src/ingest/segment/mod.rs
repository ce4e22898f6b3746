//! Segmentation: the flat [`RawBlock`]s of one source in, [`Draft`] articles
//! out, with headline, kicker, subtitle and byline told apart from the body.
//!
//! - Web exports: every record ([`crate::ingest::html::records`]) is one article,
//!   opened by its headline. All-bold short paragraphs and headings become
//!   subheadings; an image and the caption-styled, credited or `▲` paragraph
//!   after it become a figure, with any credit line under it.
//! - OCR and plain text: an article starts at a headline that has evidence
//!   of starting one: a byline, a dateline (本报讯, 新华社…电), a `——`
//!   subtitle, or (plain text) a picture, the start of the file, or its
//!   shape and place ([`crate::ingest::headline`]: a sign-off before it, a lead
//!   after it). Other headline-like lines are subheadings; sign-offs are
//!   bylines; a headline's half printed inside a sentence is joined to it,
//!   and a sidebar printed inside one is split out ([`crate::ingest::sidebar`]). Headings directly above a headline
//!   are banners: the kicker of one article or the column of several.
//! - A line naming only photographers or editors (`张三 摄`, `责任编辑：张三`)
//!   leaves the body for the authors like a byline, but is no evidence that
//!   an article starts.
//! - A block preceded by two or more blank lines stood under a picture the
//!   text lost: it is a caption.
//! - An editorial `split` fix starts an article (untitled until a headline
//!   printed after its body is found; see [`crate::ingest::layout`]).

use crate::ingest::byline::parse_byline;
use crate::ingest::draft::{Draft, NoteKind, Unit, UnitKind};
use crate::ingest::headline;
use crate::ingest::published::publication_date;
use crate::ingest::shape::{RawBlock, RawKind, Shape};
use crate::ingest::text::{
    self, dash_subtitle, is_name_only, is_title_like, parse_dateline, photo_credit, split_inline_subtitle,
};
use crate::model::Author;
use std::collections::BTreeSet;
use web::segment_web;

mod web;

/// A heading printed above a headline: its kicker, or the column of the
/// articles up to the next heading of its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub level: u8,
    pub text: String,
    pub line: usize,
    /// Index of the first draft under it.
    pub first_draft: usize,
}

#[derive(Debug, Default)]
pub struct Segmented {
    pub drafts: Vec<Draft>,
    pub banners: Vec<Banner>,
    /// Headings with no article under them.
    pub orphans: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Heading(u8),
    Caption,
    Dash,
    Byline,
    /// A line naming only photographers or editors (`责任编辑：张三`): taken
    /// out like a byline, but no evidence that an article starts.
    Credit,
    TitleLike,
    Para,
}

fn classify(block: &RawBlock, first: bool) -> Role {
    if let RawKind::Heading(level) = block.kind {
        return Role::Heading(level);
    }
    let t = block.text.as_str();
    if (!first && block.gap_before >= 2) || t.starts_with("图为") {
        Role::Caption
    } else if dash_subtitle(t).is_some() {
        Role::Dash
    } else if let Some(byline) = parse_byline(t) {
        if byline.is_credit_only() { Role::Credit } else { Role::Byline }
    } else if is_title_like(t) {
        Role::TitleLike
    } else {
        Role::Para
    }
}

pub fn segment(blocks: &[RawBlock], shape: Shape, splits: &BTreeSet<usize>) -> Segmented {
    match shape {
        Shape::Web => segment_web(blocks),
        Shape::Ocr | Shape::Plain => {
            let mut out = TextSegmenter::new(blocks, shape == Shape::Ocr, splits).run();
            out.drafts = super::sidebar::split_sidebars(std::mem::take(&mut out.drafts), &mut out.banners);
            headline::join_split_headlines(&mut out.drafts);
            out
        }
    }
}

struct TextSegmenter<'a> {
    blocks: &'a [RawBlock],
    roles: Vec<Role>,
    ocr: bool,
    splits: &'a BTreeSet<usize>,
    out: Segmented,
    current: Option<Draft>,
}

/// Where a headline group ends and what it holds.
struct Start {
    /// Indices of the heading lines; the last is the title.
    heads: Vec<usize>,
    subtitle: Option<usize>,
    byline: Option<usize>,
    next: usize,
    /// Why an unmarked headline starts an article ([`headline::evidence`]).
    told_by: Option<&'static str>,
}

impl<'a> TextSegmenter<'a> {
    fn new(blocks: &'a [RawBlock], ocr: bool, splits: &'a BTreeSet<usize>) -> Self {
        let roles = blocks.iter().enumerate().map(|(i, b)| classify(b, i == 0)).collect();
        TextSegmenter { blocks, roles, ocr, splits, out: Segmented::default(), current: None }
    }

    fn text(&self, i: usize) -> &str {
        &self.blocks[i].text
    }

    fn is_evidence(&self, i: usize) -> bool {
        i < self.blocks.len() && (self.roles[i] == Role::Byline || parse_dateline(self.text(i)).is_some())
    }

    fn ocr_start(&self, i: usize, forced: bool) -> Option<Start> {
        let n = self.blocks.len();
        let mut j = i;
        while j < n
            && matches!(self.roles[j], Role::Heading(_))
            && (j == i || !self.splits.contains(&self.blocks[j].line))
        {
            j += 1;
        }
        let heads: Vec<usize> = (i..j).collect();
        let mut k = j;
        let mut subtitle = None;
        if k < n && matches!(self.roles[k], Role::Dash | Role::TitleLike) && !is_name_only(self.text(k)) {
            subtitle = Some(k);
            k += 1;
        }
        let dash = subtitle.is_some_and(|s| self.roles[s] == Role::Dash);
        let name_only = k < n && is_name_only(self.text(k)) && self.roles[k] != Role::Caption;
        let evidence = self.is_evidence(k) || name_only || dash;
        if !(evidence || forced || self.current.is_none()) || k > n || j == n {
            return None;
        }
        let byline = (k < n && (self.roles[k] == Role::Byline || name_only)).then_some(k);
        let next = if byline.is_some() { k + 1 } else { k };
        let (subtitle, next) = if evidence || dash { (subtitle, next) } else { (None, j) };
        Some(Start { heads, subtitle, byline, next, told_by: None })
    }

    fn plain_start(&self, i: usize, forced: bool) -> Option<Start> {
        let n = self.blocks.len();
        let mut j = i;
        while j < n
            && j < i + 4
            && matches!(self.roles[j], Role::TitleLike | Role::Dash)
            && !headline::is_list_item(self.text(j))
        {
            j += 1;
        }
        // A name under the headline is its byline (`城南新建公园` / `刘晓峰`).
        let name_under = j >= i + 2 && headline::is_sign_off(self.text(j - 1));
        if name_under {
            j -= 1;
        }
        let dash_after_title =
            (i + 1..j).any(|k| self.roles[k] == Role::Dash) && self.roles[i] == Role::TitleLike;
        let evidence = i == 0
            || forced
            || dash_after_title
            || name_under
            || self.is_evidence(j)
            || (j < n && self.roles[j] == Role::Caption);
        let told_by = if evidence { None } else { self.headline_evidence(i, j) };
        if !(evidence || told_by.is_some()) || j == i {
            return None;
        }
        let mut heads = Vec::new();
        let mut subtitle = None;
        for k in i..j {
            if self.roles[k] == Role::Dash {
                subtitle.get_or_insert(k);
            } else if subtitle.is_none() {
                heads.push(k);
            }
        }
        if heads.is_empty() {
            return None;
        }
        let byline = (j < n && (self.roles[j] == Role::Byline || name_under)).then_some(j);
        Some(Start { heads, subtitle, byline, next: if byline.is_some() { j + 1 } else { j }, told_by })
    }

    /// Evidence from shape and place that the headline-shaped lines
    /// `i..j` start an article ([`headline::evidence`]).
    fn headline_evidence(&self, i: usize, j: usize) -> Option<&'static str> {
        let heads: Vec<&str> = (i..j).map(|k| self.text(k)).collect();
        let place = headline::Place {
            before: i.checked_sub(1).map(|k| self.text(k)),
            before_is_byline: i > 0 && matches!(self.roles[i - 1], Role::Byline | Role::Credit),
            heads: &heads,
            lead: (j < self.blocks.len() && self.roles[j] == Role::Para).then(|| self.text(j)),
            open: self.current.as_ref(),
        };
        headline::evidence(&place)
    }

    /// A lone name closing the article (`刘晓峰`, `（张建国）`), taken out
    /// as its byline ([`headline::take_sign_off`]).
    fn sign_off(&mut self, i: usize) -> bool {
        let Some(draft) = self.current.as_mut().filter(|d| !d.body.is_empty()) else { return false };
        let before = (i > 0 && self.roles[i - 1] == Role::Para).then(|| self.blocks[i - 1].text.as_str());
        let next_is_para = self.roles.get(i + 1) == Some(&Role::Para);
        self.roles[i] != Role::Caption
            && headline::take_sign_off(draft, &self.blocks[i], before, next_is_para)
    }

    fn close(&mut self) {
        if let Some(draft) = self.current.take() {
            self.out.drafts.push(draft);
        }
    }

    fn draft(&mut self) -> &mut Draft {
        self.current.get_or_insert_with(Draft::default)
    }

    fn begin(&mut self, start: &Start) {
        self.close();
        let mut draft = Draft::default();
        let Some((&title_index, banners)) = start.heads.split_last() else { return };
        if self.ocr {
            for &h in banners {
                if let RawKind::Heading(level) = self.blocks[h].kind {
                    self.out.banners.push(Banner {
                        level,
                        text: self.text(h).to_string(),
                        line: self.blocks[h].line,
                        first_draft: self.out.drafts.len(),
                    });
                }
            }
        } else if let Some(&k) = banners.last() {
            // Plain text: a line above the headline is its kicker (引题).
            draft.kicker = self.text(k).to_string();
            draft.meta_lines.extend(banners.iter().map(|&b| self.blocks[b].line));
            draft.note(NoteKind::Metadata, self.blocks[k].line, "line above the headline made the kicker");
        }
        let title_block = &self.blocks[title_index];
        let (title, inline_subtitle) = split_inline_subtitle(&title_block.text);
        draft.title = title;
        draft.subtitle = inline_subtitle;
        draft.title_line = Some(title_block.line);
        if let RawKind::Heading(level) = title_block.kind {
            draft.title_level = Some(level);
        }
        if let Some(why) = start.told_by {
            draft.note(NoteKind::Metadata, title_block.line, why);
        }
        if let Some(s) = start.subtitle {
            let text = self.text(s);
            draft.subtitle = dash_subtitle(text).unwrap_or(text).to_string();
            draft.meta_lines.push(self.blocks[s].line);
            draft.note(NoteKind::Metadata, self.blocks[s].line, "subtitle (副题) moved to front matter");
        }
        if let Some(b) = start.byline {
            let line = self.blocks[b].line;
            let text = self.text(b).to_string();
            match parse_byline(&text) {
                Some(byline) => draft.add_authors(byline.authors),
                None => draft.add_authors([Author::new(text.clone(), "")]),
            }
            draft.meta_lines.push(line);
            draft.note(NoteKind::Metadata, line, format!("byline \"{text}\" moved to front matter"));
        }
        self.current = Some(draft);
    }

    /// Headings with no evidence of a new article: subheadings of the
    /// current one, joined with a headline-like line printed beside them.
    fn subheading(&mut self, from: usize, to: usize) {
        let mut parts: Vec<String> = Vec::new();
        let mut lines = Vec::new();
        // A short line printed just above belongs to the same subheading.
        if let Some(draft) = &mut self.current
            && from > 0
            && self.roles[from - 1] == Role::TitleLike
            && headline::may_be_subheading(&self.blocks[from - 1].text)
            && let Some(unit) =
                draft.body.pop_if(|last| last.is_para() && last.lines == [self.blocks[from - 1].line])
        {
            lines.push(unit.line());
            parts.push(unit.text);
        }
        for k in from..to {
            parts.push(self.text(k).to_string());
            lines.push(self.blocks[k].line);
        }
        let unit = Unit { kind: UnitKind::Subheading, text: parts.join(" "), lines };
        self.draft().body.push(unit);
    }

    fn run(mut self) -> Segmented {
        let n = self.blocks.len();
        let mut i = 0;
        while i < n {
            let block = &self.blocks[i];
            let forced = self.splits.contains(&block.line);
            if !forced && self.sign_off(i) {
                i += 1;
                continue;
            }
            match self.roles[i] {
                Role::Heading(_) if self.ocr => {
                    if let Some(start) = self.ocr_start(i, forced) {
                        self.begin(&start);
                        i = start.next;
                        continue;
                    }
                    let mut j = i;
                    while j < n && matches!(self.roles[j], Role::Heading(_)) {
                        j += 1;
                    }
                    if j == n {
                        for k in i..j {
                            self.out.orphans.push((self.blocks[k].line, self.text(k).to_string()));
                        }
                        break;
                    }
                    // A headline-like line right under the heading is its second line.
                    let mut end = j;
                    if self.roles[j] == Role::TitleLike
                        && j + 1 < n
                        && !matches!(self.roles[j + 1], Role::Heading(_))
                    {
                        end = j + 1;
                    }
                    self.subheading(i, end);
                    i = end;
                    continue;
                }
                Role::TitleLike | Role::Dash if !self.ocr => {
                    if let Some(start) = self.plain_start(i, forced) {
                        self.begin(&start);
                        i = start.next;
                        continue;
                    }
                    if text::is_subheading_like(&block.text) && headline::may_be_subheading(&block.text) {
                        let mut j = i + 1;
                        while j < n && self.roles[j] == Role::TitleLike && j < i + 2 {
                            j += 1;
                        }
                        self.subheading(i, j);
                        i = j;
                        continue;
                    }
                }
                _ => {}
            }
            if forced {
                self.close();
                self.current = Some(Draft::default());
            }
            self.body_block(i);
            i += 1;
        }
        self.close();
        self.out
    }

    fn body_block(&mut self, i: usize) {
        let block = &self.blocks[i];
        let (line, text) = (block.line, block.text.clone());
        let role = self.roles[i].clone();
        let draft = self.draft();
        match role {
            Role::Caption => {
                if let Some(credit) = photo_credit(&text) {
                    draft.add_authors([credit]);
                }
                draft.note(
                    NoteKind::Figure,
                    line,
                    "caption of a picture the text did not keep made a figure",
                );
                draft.body.push(Unit::new(UnitKind::Figure { image: None }, text, line));
            }
            Role::Byline | Role::Credit => {
                let Some(byline) = parse_byline(&text) else { return push_para(draft, text, line) };
                draft.add_authors(byline.authors);
                if let (Some(date), None) = (byline.date, &draft.dateline) {
                    draft.dateline = Some(text::Dateline {
                        printed: text.clone(),
                        place: byline.place,
                        date: Some(date),
                        authors: Vec::new(),
                    });
                }
                draft.meta_lines.push(line);
                draft.note(NoteKind::Metadata, line, format!("byline \"{text}\" moved to front matter"));
            }
            Role::Dash if draft.body.is_empty() && draft.subtitle.is_empty() => {
                draft.subtitle = dash_subtitle(&text).unwrap_or(&text).to_string();
                draft.meta_lines.push(line);
                draft.note(NoteKind::Metadata, line, "subtitle (副题) moved to front matter");
            }
            _ => push_para(draft, text, line),
        }
    }
}

/// Adds a body paragraph, taking a dateline off the lead (the first
/// paragraph after any publication line).
pub(super) fn push_para(draft: &mut Draft, text: String, line: usize) {
    let is_lead = |u: &Unit| u.is_para() && publication_date(&u.text).is_none();
    if draft.dateline.is_none()
        && !draft.body.iter().any(is_lead)
        && let Some(dateline) = parse_dateline(&text)
    {
        let rest = text[dateline.printed.len()..].trim_start().to_string();
        let what = if dateline.printed.contains("上接") {
            format!("jump line \"{}\" (continued from another page) dropped", dateline.printed)
        } else {
            format!("dateline \"{}\" moved to front matter", dateline.printed)
        };
        draft.note(NoteKind::Metadata, line, what);
        draft.add_authors(dateline.authors.clone());
        draft.dateline = Some(dateline);
        if !rest.is_empty() {
            draft.body.push(Unit::new(UnitKind::Para, rest, line));
        }
        return;
    }
    draft.body.push(Unit::new(UnitKind::Para, text, line));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::shape::parse;

    fn run(text: &str, shape: Shape) -> Segmented {
        segment(&parse(text, shape), shape, &BTreeSet::new())
    }

    #[test]
    fn ocr_headline_with_byline_starts_an_article_and_other_headings_are_subheadings() {
        let text = "\n\n# 版面口号\n\n## 市委党校党员干部争当先锋\n\n分别奋战在30余个社区\n\n本报讯 通讯员明艳报道：日前，市委党校教师写下诗词。\n\n### 小标题\n\n正文第二段。\n\n### 舍小家顾大家\n\n记者叶楚峰 通讯员陈宇\n\n2月24日晚，天色渐暗。\n\n## 尾部栏目\n";
        let s = run(text, Shape::Ocr);
        assert_eq!(s.drafts.len(), 2);
        let first = &s.drafts[0];
        assert_eq!(first.title, "市委党校党员干部争当先锋");
        assert_eq!(first.subtitle, "分别奋战在30余个社区");
        assert_eq!(first.authors[0].name, "明艳");
        assert_eq!(first.body[0].text, "日前，市委党校教师写下诗词。");
        assert_eq!(first.body[1].kind, UnitKind::Subheading);
        assert_eq!(s.drafts[1].authors.len(), 2);
        assert_eq!(s.banners[0].text, "版面口号");
        assert_eq!(s.orphans, [(21, "尾部栏目".to_string())]);
    }

    #[test]
    fn plain_text_headlines_need_evidence() {
        let text = "守住东大门 打好阻击战\n\n——高新区纪实\n\n正文一段,很长的句子。\n\n疫情就是命令,防控就是责任\n\n正文二段。\n\n(本报记者 高轶鹏)\n\n爱心助力战“疫”\n\n高新区企业踊跃捐款捐物\n\n本报讯(记者高轶鹏)连日来,暖流涌动。\n";
        let s = run(text, Shape::Plain);
        assert_eq!(s.drafts.len(), 2);
        assert_eq!(s.drafts[0].subtitle, "高新区纪实");
        assert_eq!(s.drafts[0].body[1].kind, UnitKind::Subheading);
        assert_eq!(s.drafts[0].authors[0].name, "高轶鹏");
        assert_eq!(s.drafts[1].kicker, "爱心助力战“疫”");
        assert_eq!(s.drafts[1].title, "高新区企业踊跃捐款捐物");
    }

    #[test]
    fn gap_of_blank_lines_marks_a_caption() {
        let s = run("标题\n\n\n\n图片说明文字\n\n正文。\n", Shape::Plain);
        assert_eq!(s.drafts[0].body[0].kind, UnitKind::Figure { image: None });
    }

    #[test]
    fn web_articles_split_on_star_with_figures_and_subheadings() {
        let text = "【栏目名】标题第一篇——副题内容\n<p align=\"center\"><img src=\"./W1.jpg\"/></p>\n<p align=\"center\">说明（通讯员 吴豪博 供图）</p>\n<p><strong>小标题</strong></p>\n<p>　　正文。</p>\n*\n标题二\n<p>正文二。</p>\n*\n";
        let s = run(text, Shape::Web);
        assert_eq!(s.drafts.len(), 2);
        let d = &s.drafts[0];
        assert_eq!((d.title.as_str(), d.subtitle.as_str()), ("标题第一篇", "副题内容"));
        assert_eq!(d.column, "栏目名");
        assert_eq!(d.body[0].kind, UnitKind::Figure { image: Some("W1.jpg".into()) });
        assert_eq!(d.body[0].text, "说明（通讯员 吴豪博 供图）");
        assert_eq!(d.body[1].kind, UnitKind::Subheading);
        assert_eq!(d.authors[0].name, "吴豪博");
    }
}
