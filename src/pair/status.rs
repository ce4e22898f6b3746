//! The status of one translated block: a block and its slot (if any) in,
//! a [`BlockStatus`] out. The one rule every command uses (`pair`, and
//! through it `check`, `build`, `status`, the proofreading page, XLIFF).

use crate::model::{Block, Slot};

/// Where the English of one block stands, from least to most finished;
/// `Stale` stands apart: English made from Chinese that has changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockStatus {
    /// No English yet (an empty slot, or no slot).
    Initial,
    /// English for the current Chinese, but with review flags
    /// (`<!-- review: … -->`, as `duizhao align` writes them) not yet deleted.
    Draft,
    /// English for the current Chinese, not (or no longer) marked reviewed.
    Translated,
    /// English for the current Chinese, marked `<!-- reviewed <fingerprint> -->`
    /// with the fingerprint the Chinese has now.
    Reviewed,
    /// English made from another Chinese text: the slot's marker names a
    /// fingerprint the block no longer has. Stale beats every other status.
    Stale,
}

impl BlockStatus {
    /// The lowercase name, as the site, `status --json` and XLIFF's
    /// `state` write it (`initial`, `draft`, `translated`, `reviewed`, `stale`).
    pub fn name(self) -> &'static str {
        match self {
            BlockStatus::Initial => "initial",
            BlockStatus::Draft => "draft",
            BlockStatus::Translated => "translated",
            BlockStatus::Reviewed => "reviewed",
            BlockStatus::Stale => "stale",
        }
    }

    /// Whether the block has English for its current Chinese.
    pub fn is_current(self) -> bool {
        matches!(self, BlockStatus::Draft | BlockStatus::Translated | BlockStatus::Reviewed)
    }
}

/// The status of `block` given its `slot` in the translation file.
///
/// In order: no English (an empty slot that is not `<!-- joined to ¶n -->`
/// an earlier block) is `Initial`; a marker fingerprint other than the
/// block's is `Stale`; review flags make it `Draft`; a reviewed mark
/// holds only while its fingerprint is the block's (edit the Chinese and
/// the block is stale, then, once the translation is accepted again,
/// `Translated` until someone reviews it again); else `Translated`.
/// A slot without a marker (a file paired by order) has no fingerprint, so
/// it is never stale nor reviewed.
///
/// ```
/// use duizhao::model::{Article, Translation, fingerprint};
/// use duizhao::pair::{BlockStatus, block_status};
/// use std::path::Path;
/// let article = Article::parse(Path::new("content/a.md"), "+++\ntitle = \"t\"\nsource = \"s\"\n+++\n\n一。\n").unwrap();
/// let fp = fingerprint("一。");
/// let file = |body: &str| {
///     let text = format!("+++\ntitle = \"T\"\ntranslator = \"x\"\nstatus = \"draft\"\n+++\n\n{body}");
///     Translation::parse(Path::new("translations/en/a.md"), &text).unwrap()
/// };
/// let block = &article.blocks[0];
/// let reviewed = file(&format!("<!-- ¶1 {fp} -->\n<!-- reviewed {fp} -->\nOne.\n"));
/// assert_eq!(block_status(block, reviewed.slots.first()), BlockStatus::Reviewed);
/// let changed = file("<!-- ¶1 0badc0de -->\n<!-- reviewed 0badc0de -->\nOne.\n");
/// assert_eq!(block_status(block, changed.slots.first()), BlockStatus::Stale);
/// let accepted = file(&format!("<!-- ¶1 {fp} -->\n<!-- reviewed 0badc0de -->\nOne.\n"));
/// assert_eq!(block_status(block, accepted.slots.first()), BlockStatus::Translated);
/// assert_eq!(block_status(block, None), BlockStatus::Initial);
/// ```
pub fn block_status(block: &Block, slot: Option<&Slot>) -> BlockStatus {
    let Some(slot) = slot else {
        return BlockStatus::Initial;
    };
    let joined = slot.joined_to.is_some_and(|to| to < block.no) && slot.text.is_empty();
    if slot.text.is_empty() && !joined {
        return BlockStatus::Initial;
    }
    let current = block.fingerprint();
    if slot.fingerprint.as_ref().is_some_and(|was| *was != current) {
        return BlockStatus::Stale;
    }
    if !slot.review.is_empty() {
        return BlockStatus::Draft;
    }
    if slot.reviewed.as_ref().is_some_and(|f| *f == current) {
        return BlockStatus::Reviewed;
    }
    BlockStatus::Translated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, BlockNo, fingerprint};
    use std::path::Path;

    fn block() -> Block {
        let text = "+++\ntitle = \"t\"\nsource = \"s\"\n+++\n\n一。\n\n二。\n";
        Article::parse(Path::new("content/a.md"), text).unwrap().blocks[1].clone()
    }

    fn slot(text: &str, fingerprint: Option<&str>) -> Slot {
        Slot {
            block: Some(BlockNo(2)),
            fingerprint: fingerprint.map(str::to_string),
            text: text.into(),
            source_text: None,
            line: 1,
            joined_to: None,
            review: Vec::new(),
            reviewed: None,
        }
    }

    #[test]
    fn the_order_of_the_rule() {
        let fp = fingerprint("二。");
        let b = block();
        assert_eq!(block_status(&b, Some(&slot("", Some(&fp)))), BlockStatus::Initial);
        assert_eq!(block_status(&b, Some(&slot("Two.", Some(&fp)))), BlockStatus::Translated);
        assert_eq!(block_status(&b, Some(&slot("Two.", None))), BlockStatus::Translated);
        let reviewed = Slot { reviewed: Some(fp.clone()), ..slot("Two.", Some(&fp)) };
        assert_eq!(block_status(&b, Some(&reviewed)), BlockStatus::Reviewed);
        // A review flag left in the slot keeps it a draft, reviewed or not.
        let flagged = Slot { review: vec!["unsure".into()], ..reviewed.clone() };
        assert_eq!(block_status(&b, Some(&flagged)), BlockStatus::Draft);
        // Stale beats reviewed.
        let stale = Slot { fingerprint: Some("0badc0de".into()), ..reviewed };
        assert_eq!(block_status(&b, Some(&stale)), BlockStatus::Stale);
        // Joined to the block above: translated by that block's English.
        let joined = Slot { joined_to: Some(BlockNo(1)), ..slot("", Some(&fp)) };
        assert_eq!(block_status(&b, Some(&joined)), BlockStatus::Translated);
        let forward = Slot { joined_to: Some(BlockNo(3)), ..slot("", Some(&fp)) };
        assert_eq!(block_status(&b, Some(&forward)), BlockStatus::Initial);
    }
}
