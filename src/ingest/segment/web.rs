//! Web exports: every record ([`crate::ingest::html::records`]) is one
//! article, opened by its headline; see the parent module.

use super::{Segmented, push_para};
use crate::ingest::byline::parse_byline;
use crate::ingest::draft::{Draft, NoteKind, Unit, UnitKind};
use crate::ingest::html::captions;
use crate::ingest::shape::{RawBlock, RawKind};
use crate::ingest::text::{
    self, char_len, dash_subtitle, has_photo_credit, is_title_like, photo_credit, split_inline_subtitle,
};

/// Cuts a web export's blocks into one draft per record.
pub(super) fn segment_web(blocks: &[RawBlock]) -> Segmented {
    let mut out = Segmented::default();
    let mut current: Option<Draft> = None;
    let mut html_lines = 0usize;
    for block in blocks {
        let (line, text) = (block.line, block.text.clone());
        match &block.kind {
            RawKind::Separator => finish_web_draft(&mut current, &mut html_lines, &mut out),
            RawKind::Title => {
                finish_web_draft(&mut current, &mut html_lines, &mut out);
                current = Some(web_title_draft(&text, line));
            }
            kind => {
                html_lines += 1;
                web_body_block(current.get_or_insert_with(Draft::default), kind, text, line);
            }
        }
    }
    finish_web_draft(&mut current, &mut html_lines, &mut out);
    out
}

/// Closes the open draft of a web page, noting how many HTML paragraphs
/// were flattened into it.
fn finish_web_draft(current: &mut Option<Draft>, html_lines: &mut usize, out: &mut Segmented) {
    if let Some(mut draft) = current.take() {
        if *html_lines > 0 {
            // The line after the headline, or the headline's own when the
            // whole article is one line.
            let after_title = draft.title_line.unwrap_or(0) + 1;
            let line = draft.body.first().map_or(after_title, |u| u.line().min(after_title));
            draft.note(NoteKind::Html, line, format!("{html_lines} paragraphs of HTML flattened to text"));
        }
        out.drafts.push(draft);
    }
    *html_lines = 0;
}

/// A new draft from a page's headline; `【栏目】标题` is a column label
/// printed before the headline.
fn web_title_draft(text: &str, line: usize) -> Draft {
    let (column, headline) = match text.strip_prefix('【').and_then(|r| r.split_once('】')) {
        Some((column, rest)) if !rest.trim().is_empty() => (column.trim().to_string(), rest.trim()),
        _ => (String::new(), text),
    };
    let (title, subtitle) = split_inline_subtitle(headline);
    let mut draft = Draft { title, subtitle, column, title_line: Some(line), ..Draft::default() };
    if !draft.column.is_empty() {
        draft.note(NoteKind::Metadata, line, "label 【…】 before the headline made the column (栏目)");
    }
    draft
}

/// One block of a web page's body: an image, a caption or credit joined to
/// the picture before it, a credited caption, a bold or heading subheading,
/// a byline or a paragraph.
fn web_body_block(draft: &mut Draft, kind: &RawKind, text: String, line: usize) {
    if join_figure(draft, kind, &text, line) {
        return;
    }
    match kind {
        RawKind::Image(name) => {
            draft.body.push(Unit::new(UnitKind::Figure { image: Some(name.clone()) }, "", line));
        }
        _ if has_photo_credit(&text) && char_len(&text) < 150 && parse_byline(&text).is_none() => {
            draft.add_authors(photo_credit(&text));
            draft.note(NoteKind::Figure, line, "credited caption without its image made a figure");
            draft.body.push(Unit::new(UnitKind::Figure { image: None }, text, line));
        }
        RawKind::Bold | RawKind::Heading(_)
            if is_title_like(&text)
                && !text::is_label_or_attribution(&text)
                && dash_subtitle(&text).is_none() =>
        {
            let what = if *kind == RawKind::Bold { "bold paragraph" } else { "heading" };
            draft.note(NoteKind::Html, line, format!("{what} made a subheading"));
            draft.body.push(Unit::new(UnitKind::Subheading, text, line));
        }
        _ => {
            if let Some(byline) = parse_byline(&text) {
                draft.add_authors(byline.authors);
                draft.meta_lines.push(line);
                draft.note(NoteKind::Metadata, line, format!("byline \"{text}\" moved to front matter"));
            } else {
                push_para(draft, text, line);
            }
        }
    }
}

/// Joins a caption or a credit to the picture just before it: a centred or
/// small-font line, a credited line or one that opens like a caption (`▲…`)
/// under a picture without caption; a credit alone (`张三 摄`, `网上图片`)
/// under a picture with one.
fn join_figure(draft: &mut Draft, kind: &RawKind, text: &str, line: usize) -> bool {
    let Some(Unit { kind: UnitKind::Figure { image: Some(_) }, text: caption, .. }) = draft.body.last()
    else {
        return false;
    };
    let credit = captions::is_picture_credit(text);
    let joins = if caption.is_empty() {
        // A long centred paragraph is text in a centred layout, not a caption.
        let caption_styled = *kind == RawKind::Centered && char_len(text) <= 150;
        matches!(kind, RawKind::Centered | RawKind::Text)
            && (caption_styled || has_photo_credit(text) || captions::opens_caption(text) || credit)
    } else {
        credit && !matches!(kind, RawKind::Image(_))
    };
    if !joins {
        return false;
    }
    if let Some(author) = photo_credit(text.trim_start_matches(['▲', '△', '↑'])) {
        draft.add_authors([author]);
    }
    let mut what = "image and its caption made a figure";
    if let Some(figure) = draft.body.last_mut() {
        if figure.text.is_empty() {
            figure.text = text.to_string();
        } else {
            figure.text = format!("{} {}", figure.text, text.trim());
            what = "photo credit joined to the figure above it";
        }
        figure.lines.push(line);
    }
    draft.note(NoteKind::Figure, line, what);
    true
}
