//! Figures in Markdown, the rules ingest writes and the site reads: a figure
//! block's Markdown in, its caption, its file and whether the source kept
//! the picture out.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeSet;

/// Whether a figure's file is a local file under `content/`.
pub fn image_is_local(file: &str, content_files: &BTreeSet<String>) -> bool {
    !file.contains("://") && !file.starts_with('/') && content_files.contains(file)
}

/// The title ingest gives a figure whose picture the source named but did
/// not keep: `![caption](W0….jpg "not kept")`.
pub const NOT_KEPT: &str = "not kept";

/// Whether a figure block marks its picture as not kept by the source.
pub fn figure_not_kept(markdown: &str) -> bool {
    Parser::new(markdown)
        .any(|e| matches!(e, Event::Start(Tag::Image { title, .. }) if title.as_ref() == NOT_KEPT))
}

/// Caption and file of a figure block `![caption](file)`.
pub fn figure_parts(markdown: &str) -> Option<(String, String)> {
    let mut file = None;
    let mut caption = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                file = Some(dest_url.to_string());
                inside = true;
            }
            Event::End(TagEnd::Image) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => caption.push_str(&t),
            _ => {}
        }
    }
    file.map(|f| (caption, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_has_caption_and_file_and_may_be_not_kept() {
        let kept = "![救护车 *抵达*](a.jpg)";
        assert_eq!(figure_parts(kept), Some(("救护车 抵达".to_string(), "a.jpg".to_string())));
        assert!(!figure_not_kept(kept));
        let lost = format!("![图](W0.jpg \"{NOT_KEPT}\")");
        assert!(figure_not_kept(&lost));
        assert_eq!(figure_parts("正文。"), None);
    }

    #[test]
    fn only_files_present_under_content_are_local() {
        let files = BTreeSet::from(["a.jpg".to_string()]);
        assert!(image_is_local("a.jpg", &files));
        assert!(!image_is_local("b.jpg", &files));
        assert!(!image_is_local("https://example.org/a.jpg", &files));
        assert!(!image_is_local("/a.jpg", &files));
    }
}
