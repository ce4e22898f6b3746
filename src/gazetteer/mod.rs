//! Gazetteer of Chinese administrative divisions (GB/T 2260): provinces,
//! prefectures and counties with their six-digit codes, and the finding of
//! place names in running Chinese text.
//!
//! The table is `data/gazetteer/divisions.csv` with the districts of Hong
//! Kong, Macao and Taiwan (`sar-taiwan.csv`) and the countries of the world
//! under the root [`ABROAD`] (`countries.csv`: `国外/法国`), see
//! `data/gazetteer/ORIGIN.md`, embedded with `include_str!` and parsed once.
//! Former names of divisions renamed or abolished since 2000
//! (`renamings.csv`, [`Renaming`]) are found like full names and resolve to
//! their successors (`郧县` → `郧阳区`). Districts of the four
//! municipalities (北京, 天津, 上海, 重庆) and the 省直辖县级 units (仙桃市,
//! 济源市, …) have the province-level division as parent, so their paths have
//! two parts: `北京市/朝阳区`, `湖北省/仙桃市`.
//!
//! # Names
//!
//! Every division has its official full name (`十堰市`) and a short name
//! ([`short_name`]: `十堰`), the full name without its official suffix (省, 市,
//! 自治区 and the ethnic names before it, 地区, 盟, 自治州, 县, 区, 旗, …),
//! kept only when at least two characters remain: `泗县` and `城区` have no
//! short name.
//!
//! # Finding mentions
//!
//! [`Gazetteer::find_mentions`] scans the text once for all full and short
//! names (leftmost-longest, so `湖北省` wins over `湖北` and
//! `长沙市` over `沙市`). Two lexical filters apply there:
//! - a full name ending in 市 followed by 场 (`东方市场`, `北京市场`), or in 区
//!   followed by 域, is read as its short name (`东方`, `北京`);
//! - a short name directly followed by a word that makes it part of another
//!   name (路, 街, 巷, 大道, 社, 号, 牌, 小区, 花园, 广场, 明珠, 医院, 大学, …: `中山路`,
//!   `新华社`, `太原医院`) is not a mention;
//! - nor is a short name inside a person's name (`副秘书长张广东`) or inside a
//!   longer place name (`遵化店镇平东社区`), nor a country's name followed by
//!   族 (`朝鲜族`); see `context.rs`.
//!
//! # Resolution rule
//!
//! [`Gazetteer::resolve`] turns mentions into codes. A name that several
//! divisions share (朝阳 ×4, 城关, 新华, 吉林 for both province and prefecture)
//! is disambiguated by *anchors*: the divisions in `context` (e.g. the
//! publication's home prefecture) with their ancestors, and what the other
//! names in the text resolve to, with their ancestors.
//!
//! A candidate is *strong* when its name counts on its own: a full official
//! name of three or more characters (not the ordinary words 新城区, 老城区,
//! 城关区, 市中区, 城中区, …), or the short name of a province or prefecture
//! (not one that is an ordinary word: 中山, 大同, 朝阳, 来宾, 日照, …). Every
//! other candidate is *weak*: a county's short name (茅箭, 郧阳), a
//! two-character full name (城区, 郊区, 和县, 房县), an ordinary-word name. A
//! weak candidate only counts with *near* support: an ancestor in `context`, or
//! an ancestor named directly before it in the text (`十堰茅箭`, `安徽天长`,
//! `河北承德`) — a province named elsewhere in the text is not enough, or
//! `健康保驾` would name 河北's 康保县. County short names that are ordinary
//! words (公安, 比如, 南部, 和平, 资源, 通道, 东方, 光明, …, see
//! `ORDINARY_WORD_SHORTS`) never count: the county needs its full name.
//!
//! A country's full name (`法国`) is strong; a former name is strong when it
//! has three or more characters (`闸北区`), weak otherwise (`郧县`).
//!
//! For each distinct name, with strong candidates seeing all anchors and weak
//! ones only near support:
//! 0. of several candidates, the only one that encloses a candidate of the
//!    name written directly after it wins: the longest reading (`海南琼海`
//!    is 海南省's 琼海市, not 青海's 海南藏族自治州);
//! 1. a candidate that is itself an anchor wins, if it is the only one;
//! 2. else one candidate with an anchored ancestor wins; of several, the one
//!    whose direct parent is anchored, if it is the only such; otherwise the
//!    name is dropped;
//! 3. else one strong candidate wins; of several, a province wins if it is the
//!    only province (海南 → 海南省 rather than 青海's 海南藏族自治州); otherwise
//!    the name is dropped.
//!
//! Anchors are recomputed a few rounds until the choices settle, since one
//! name's choice can support another's.

mod context;
mod former;
mod names;
mod resolve;
mod scan;
mod table;

pub use former::Renaming;
pub use names::short_name;

/// The root of the countries of the world: `国外/法国`.
pub const ABROAD: &str = "国外";
use std::collections::HashMap;
use std::sync::OnceLock;

/// Administrative level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 省, 自治区, 直辖市, 特别行政区.
    Province,
    /// 地级: 地级市, 地区, 自治州, 盟.
    Prefecture,
    /// 县级: 市辖区, 县级市, 县, 自治县, 旗, 自治旗, 特区, 林区.
    County,
}

impl Level {
    /// The name used in the CSV: `province`, `prefecture`, `county`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }
}

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Six-digit GB/T 2260 code, e.g. 420302 (茅箭区).
    pub code: u32,
    /// Official full name, e.g. `茅箭区`.
    pub name: &'static str,
    pub level: Level,
    /// Code of the enclosing division; `None` for provinces.
    pub parent: Option<u32>,
}

impl Division {
    /// The name without its official suffix (see [`short_name`]).
    pub fn short_name(&self) -> &'static str {
        short_name(self.name)
    }
}

/// Whether a matched name is a division's full official name or its short name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Full,
    Short,
    /// The name of a division renamed or abolished since 2000, which
    /// resolves to its successor (`郧县` → `郧阳区`).
    Former,
}

/// A place name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the match in the text.
    pub start: usize,
    /// The matched string (a name of the tables, never copied).
    pub text: &'static str,
    pub kind: NameKind,
    /// Codes of every division that bears this name (as `kind`), ascending.
    pub codes: Vec<u32>,
}

impl Mention {
    /// Byte offset just past the match.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

pub(super) struct Pattern {
    text: &'static str,
    kind: NameKind,
    /// Indices into `Gazetteer::divisions`.
    candidates: Vec<usize>,
}

/// The table of divisions with name lookup and mention finding.
pub struct Gazetteer {
    divisions: Vec<Division>,
    by_full: HashMap<&'static str, Vec<usize>>,
    patterns: Vec<Pattern>,
    pattern_ids: HashMap<&'static str, usize>,
    matcher: scan::Scanner,
    renamings: Vec<former::Renaming>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("divisions", &self.divisions.len())
            .field("patterns", &self.patterns.len())
            .finish_non_exhaustive()
    }
}

impl Gazetteer {
    /// The embedded table, parsed on first use.
    ///
    /// # Panics
    ///
    /// If the table compiled into the binary is malformed, which the tests
    /// of this module rule out.
    #[expect(clippy::expect_used, reason = "the table is compiled in and parsed by the tests")]
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_csv(table::TABLES, table::RENAMINGS).expect("embedded gazetteer tables are valid")
        })
    }

    /// All divisions, ordered by code.
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    pub fn get(&self, code: u32) -> Option<&Division> {
        // The table is sorted by code (checked when it is loaded).
        self.divisions.binary_search_by_key(&code, |d| d.code).ok().map(|i| &self.divisions[i])
    }

    /// Codes of `code` and its ancestors, nearest first, without allocating.
    pub fn lineage(&self, code: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(self.get(code), |d| d.parent.and_then(|p| self.get(p))).map(|d| d.code)
    }

    /// Divisions with this official full name (朝阳区 → two).
    pub fn by_name(&self, full_name: &str) -> Vec<&Division> {
        self.by_full
            .get(full_name)
            .map(|v| v.iter().map(|&i| &self.divisions[i]).collect())
            .unwrap_or_default()
    }

    /// Divisions with this short name (十堰 → 十堰市; 吉林 → 吉林省, 吉林市).
    #[cfg(test)]
    pub fn by_short_name(&self, short: &str) -> Vec<&Division> {
        self.divisions.iter().filter(|d| d.short_name() == short && d.name != short).collect()
    }

    /// The divisions directly under `code`, ordered by code.
    #[cfg(test)]
    pub fn children(&self, code: u32) -> Vec<&Division> {
        self.divisions.iter().filter(|d| d.parent == Some(code)).collect()
    }

    /// The chain from the province down to `code` itself; empty for an
    /// unknown code.
    pub fn path(&self, code: u32) -> Vec<&Division> {
        let mut path = Vec::new();
        let mut next = self.get(code);
        while let Some(d) = next {
            path.push(d);
            next = d.parent.and_then(|p| self.get(p));
        }
        path.reverse();
        path
    }

    /// The path as articles write it: `湖北省/十堰市/茅箭区`; empty for an
    /// unknown code.
    pub fn path_string(&self, code: u32) -> String {
        self.path(code).iter().map(|d| d.name).collect::<Vec<_>>().join("/")
    }

    /// The code of a path string such as `湖北省/十堰市` (the inverse of
    /// [`Gazetteer::path_string`]).
    pub fn code_of_path(&self, path: &str) -> Option<u32> {
        let last = path.rsplit('/').next()?;
        self.by_name(last).into_iter().find(|d| self.path_string(d.code) == path).map(|d| d.code)
    }
}

#[cfg(test)]
mod tests;
