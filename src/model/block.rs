use pulldown_cmark::{Event, Parser, Tag};
use sha2::{Digest, Sha256};
use std::fmt;

/// The 1-based number of a top-level block: the unit of citation (¶n) and
/// of translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct BlockNo(pub usize);

impl fmt::Display for BlockNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "¶{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A paragraph holding only an image: `![caption](file)`; an empty file
    /// name means the source printed a caption for a picture it did not keep.
    Figure,
    List,
    Quote,
    Other,
}

/// One top-level block of an article body, as Markdown source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    pub no: BlockNo,
    pub kind: BlockKind,
    /// The block's Markdown, trimmed.
    pub markdown: String,
    /// 1-based line of the block's first line: in the file once an
    /// [`crate::model::Article`] is parsed, else within the text split.
    pub line: usize,
}

impl Block {
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.markdown)
    }
}

/// First 8 hex digits of SHA-256 over `text` with all white space removed,
/// so that re-wrapping a paragraph does not make its translation stale.
///
/// ```
/// assert_eq!(duizhao::model::fingerprint("a b\nc"), duizhao::model::fingerprint("abc"));
/// ```
pub fn fingerprint(text: &str) -> String {
    let mut hasher = Sha256::new();
    super::text::for_each_run(text, |run| hasher.update(run.as_bytes()));
    let digest = hasher.finalize();
    format!("{:02x}{:02x}{:02x}{:02x}", digest[0], digest[1], digest[2], digest[3])
}

/// Splits a Markdown body into its numbered top-level blocks.
pub fn split_blocks(body: &str) -> Vec<Block> {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);

    let mut blocks = Vec::new();
    let mut depth = 0usize;
    // The open top-level block: kind, start offset, images and other children seen.
    let mut open: Option<(BlockKind, usize)> = None;
    let mut images = 0usize;
    let mut other_children = false;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let kind = match tag {
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::Heading { .. } => BlockKind::Heading,
                        Tag::List(_) => BlockKind::List,
                        Tag::BlockQuote(_) => BlockKind::Quote,
                        _ => BlockKind::Other,
                    };
                    open = Some((kind, range.start));
                    images = 0;
                    other_children = false;
                } else if depth == 1 {
                    match tag {
                        Tag::Image { .. } => images += 1,
                        _ => other_children = true,
                    }
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some((kind, start)) = open.take()
                {
                    let kind = if kind == BlockKind::Paragraph && images == 1 && !other_children {
                        BlockKind::Figure
                    } else {
                        kind
                    };
                    push_block(&mut blocks, kind, &body[start..range.end], line_of(start));
                }
            }
            Event::Text(text) if depth == 1 && !text.trim().is_empty() => {
                other_children = true;
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_)
                if depth == 1 =>
            {
                other_children = true;
            }
            Event::Html(_) | Event::Rule if depth == 0 => {
                push_block(&mut blocks, BlockKind::Other, &body[range.clone()], line_of(range.start));
            }
            _ => {}
        }
    }
    blocks
}

fn push_block(blocks: &mut Vec<Block>, kind: BlockKind, markdown: &str, line: usize) {
    let markdown = markdown.trim();
    if markdown.is_empty() {
        return;
    }
    let no = BlockNo(blocks.len() + 1);
    blocks.push(Block { no, kind, markdown: markdown.to_string(), line });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_top_level_blocks_and_recognises_figures() {
        let body = "第一段。\n\n## 小标题\n\n![图片说明](a.jpg)\n\n- 一\n- 二\n\n第二段\n接续。\n";
        let blocks = split_blocks(body);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Figure,
                BlockKind::List,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(blocks[4].markdown, "第二段\n接续。");
        assert_eq!(blocks[4].line, 10);
        assert_eq!(blocks[2].no, BlockNo(3));
    }

    #[test]
    fn paragraph_with_image_and_text_is_not_a_figure() {
        let blocks = split_blocks("![a](b.jpg) 文字\n");
        assert_eq!(blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn fingerprint_ignores_white_space_only() {
        assert_eq!(fingerprint("市委 党校\n"), fingerprint("市委党校"));
        assert_ne!(fingerprint("市委党校"), fingerprint("市委党校。"));
        assert_eq!(fingerprint("x").len(), 8);
        // The first 8 hex digits of `printf 市委党校 | sha256sum`.
        assert_eq!(fingerprint("市委\u{3000}党校"), "ff238b45");
    }
}
