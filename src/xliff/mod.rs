//! XLIFF 2.0 round trips with CAT tools (`duizhao xliff export` and
//! `import`). [`write`](mod@write): the paired articles and the glossary in,
//! one XLIFF document out — a `<file>` per article, a `<unit id="p3">` per
//! block with the Chinese Markdown as `<source>`, the English Markdown as
//! `<target>` (none when there is no English yet), and notes: the block's
//! fingerprint, its staleness, review flags, a `joined to` and the
//! glossary terms it holds. [`read`]: an XLIFF document in, its files and
//! units with their lines out. [`import`]: a file's units and the article's
//! current rows in, what to write (changed English per block) and what to
//! refuse (units whose Chinese changed since the export) out; the writing
//! itself goes through [`crate::translate::replace`].
//!
//! Markdown travels as text (escaped for XML, `xml:space="preserve"`), so
//! emphasis, links and notes come back exactly as they went.

pub mod import;
pub mod read;
pub mod write;

/// The XLIFF 2.0 core namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// Note categories the export writes and the import reads.
pub mod category {
    /// The fingerprint of the Chinese the unit was exported with.
    pub const FINGERPRINT: &str = "fingerprint";
    /// The English was made from an older Chinese text.
    pub const STALE: &str = "stale";
    /// A review flag of the slot (`<!-- review: … -->`).
    pub const REVIEW: &str = "review";
    /// The block has no English of its own: an earlier block's renders it.
    pub const JOINED: &str = "joined";
    /// A glossary term found in the block.
    pub const GLOSSARY: &str = "glossary";
}

/// The unit id of block `no`: `p3`, as the page's anchors.
pub fn unit_id(no: crate::model::BlockNo) -> String {
    format!("p{}", no.0)
}
