//! Gazetteer of Chinese administrative divisions (GB/T 2260): provinces,
//! prefectures and counties with their six-digit codes, and the finding of
//! place names in running Chinese text.
//!
//! The table is `data/gazetteer/divisions.csv` (see `data/gazetteer/ORIGIN.md`),
//! embedded with `include_str!` and parsed once. Districts of the four
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
//! names (Aho-Corasick, leftmost-longest, so `湖北省` wins over `湖北` and
//! `长沙市` over `沙市`). Two lexical filters apply there:
//! - a full name ending in 市 followed by 场 (`东方市场`, `北京市场`), or in 区
//!   followed by 域, is read as its short name (`东方`, `北京`);
//! - a short name directly followed by a word that makes it part of another
//!   name (路, 街, 巷, 大道, 社, 号, 牌, 小区, 花园, 广场, 明珠, 医院, 大学, …: `中山路`,
//!   `新华社`, `太原医院`) is not a mention.
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
//! For each distinct name, with strong candidates seeing all anchors and weak
//! ones only near support:
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

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

const DATA: &str = include_str!("../data/gazetteer/divisions.csv");

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

    fn parse(s: &str) -> Option<Level> {
        match s {
            "province" => Some(Level::Province),
            "prefecture" => Some(Level::Prefecture),
            "county" => Some(Level::County),
            _ => None,
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
}

/// A place name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the match in the text.
    pub start: usize,
    /// The matched string.
    pub text: String,
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

/// Suffixes that a short name drops, longest first where one ends another.
const SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "特区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
];

/// Names whose suffix is not the generic one (林区 and 新区 also end ordinary
/// names: 万柏林区 → 万柏林, 清新区 → 清新).
const SPECIAL_SHORTS: &[(&str, &str)] =
    &[("神农架林区", "神农架"), ("滨海新区", "滨海"), ("浦东新区", "浦东"), ("沈北新区", "沈北")];

/// The 56 nationalities, as they appear before 自治区/州/县/旗 (with 族; those
/// of two or more characters may also appear without it: 博尔塔拉蒙古自治州).
const ETHNIC: &[&str] = &[
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
];

/// Short names of provinces and prefectures that are also ordinary words or
/// common parts of other names; they count only with support, like county
/// short names.
const COMMON_WORD_SHORTS: &[&str] = &[
    "中山",
    "阿里",
    "大理",
    "白银",
    "普洱",
    "朝阳",
    "北海",
    "来宾",
    "长治",
    "三明",
    "安康",
    "日照",
    "开封",
    "大同",
    "大庆",
    "玉树",
    "中卫",
    "兴安",
    "山南",
    "攀枝花",
    "怒江",
    "哈密",
    "四平",
];

/// Full county names of three or more characters that are ordinary words.
const COMMON_WORD_FULLS: &[&str] =
    &["新城区", "老城区", "城中区", "城东区", "城西区", "城南区", "城北区", "城关区", "城厢区", "市中区"];

/// Words that, directly after a short name, make it part of another name.
const WORD_CONTINUATIONS: &[&str] = &[
    "路", "街", "巷", "大道", "社", "号", "牌", "小区", "花园", "广场", "公园", "明珠", "集团", "大厦",
    "医院", "大学",
];

/// Short names of counties that are ordinary words (公安局, 比如, 南部, 和平,
/// 资源, 通道, 光明, 振兴, …): as short names they never name the county, whose
/// full name is needed (公安县). Candidates were the county short names that
/// jieba 0.42.1's dictionary lists as words without a place tag; the list was
/// then chosen by hand.
const ORDINARY_WORD_SHORTS: &[&str] = &[
    "资源", "合作", "和平", "武功", "比如", "南部", "解放", "东方", "前进", "港口", "公安", "友好", "通道",
    "共和", "城中", "友谊", "平安", "中方", "凤凰", "安定", "延长", "光明", "新兴", "运河", "万年", "东风",
    "南岸", "城北", "城南", "城东", "城西", "会同", "工农", "大名", "富裕", "清水", "高明", "前锋", "复兴",
    "长子", "清新", "宏伟", "平定", "芙蓉", "洞口", "太和", "温泉", "石门", "向阳", "振兴", "三元", "大方",
    "互助", "新华", "建平", "莲花", "平和", "名山", "六合", "龙泉", "白云", "桃源", "大观", "建安", "永和",
    "二七", "三门", "金山", "丰满", "双桥", "九龙", "二道", "无为", "民权", "小店", "同心", "宝塔", "元宝",
    "平房", "太白", "定远", "白玉", "灯塔", "大兴", "木兰", "天涯", "七星", "海棠", "博爱", "同仁", "回民",
    "钟楼", "江岸", "盘龙", "马尾", "安居", "龙凤", "鼓楼", "麒麟", "海盐", "新民", "富民", "清流", "水城",
    "紫金", "老城", "新城", "爱民", "惠民", "新星", "和顺", "天台", "开化", "天元", "玉泉", "天柱", "新会",
    "红塔", "民乐", "阳春", "铜鼓", "兴业", "大厂", "金牛", "路南", "路北", "白塔", "磐石", "樟树", "石鼓",
    "嘉禾", "白水", "梨树", "双塔", "康乐", "鸡冠", "大悟", "五常", "乐业", "仁和", "盐田", "牧野", "丹凤",
    "未央", "城厢", "城关", "交口", "朝天", "龙潭", "天河", "石狮", "威信", "台前", "石棉", "高台", "光泽",
    "神木", "云霄", "阳明", "金沙", "白沙", "延寿", "盐池", "柳林", "红旗", "长安", "市中", "市南", "市北",
    "河东", "河西", "江北", "江南", "铁西", "铁东", "桥西", "桥东", "青山", "南山", "西山", "东湖", "上街",
    "大关", "方正",
];

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// The short name of an official name: `湖北省` → `湖北`, `十堰市` → `十堰`,
/// `恩施土家族苗族自治州` → `恩施`, `广西壮族自治区` → `广西`, `沙市区` → `沙市`.
/// The suffix is stripped only if at least two characters remain (`泗县`,
/// `城区` stay as they are), and the ethnic names before 自治… only if what
/// remains is not itself just an ethnic name (`鄂温克族自治旗` stays).
pub fn short_name(name: &str) -> &str {
    if let Some(&(_, short)) = SPECIAL_SHORTS.iter().find(|(full, _)| *full == name) {
        // `short` is a prefix of `name`; return it borrowed from `name`.
        return &name[..short.len()];
    }
    for suffix in SUFFIXES {
        let Some(stem) = name.strip_suffix(suffix) else {
            continue;
        };
        let stem = if suffix.starts_with("自治") {
            match strip_ethnic(stem) {
                Some(s) => s,
                None => return name,
            }
        } else {
            stem
        };
        return if char_count(stem) >= 2 { stem } else { name };
    }
    name
}

/// Strips trailing nationality names (`恩施土家族苗族` → `恩施`) while at least
/// two characters remain; `None` if the stem is nothing but a nationality.
fn strip_ethnic(mut stem: &str) -> Option<&str> {
    'outer: loop {
        for e in ETHNIC {
            let with_zu = format!("{e}族");
            let forms: &[&str] =
                if char_count(e) >= 2 { &[with_zu.as_str(), e] } else { &[with_zu.as_str()] };
            for form in forms {
                if let Some(rest) = stem.strip_suffix(form) {
                    if rest.is_empty() {
                        return None;
                    }
                    if char_count(rest) >= 2 {
                        stem = rest;
                        continue 'outer;
                    }
                }
            }
        }
        return Some(stem);
    }
}

struct Pattern {
    text: &'static str,
    kind: NameKind,
    /// Indices into `Gazetteer::divisions`.
    candidates: Vec<usize>,
}

/// The table of divisions with name lookup and mention finding.
pub struct Gazetteer {
    divisions: Vec<Division>,
    by_full: HashMap<&'static str, Vec<usize>>,
    children: HashMap<u32, Vec<usize>>,
    patterns: Vec<Pattern>,
    pattern_ids: HashMap<&'static str, usize>,
    matcher: AhoCorasick,
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
    #[expect(clippy::expect_used, reason = "the table is compiled in and parsed by the tests")]
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_csv(DATA).expect("embedded divisions.csv is valid"))
    }

    fn from_csv(data: &'static str) -> Result<Gazetteer, String> {
        let mut lines = data.lines().enumerate();
        match lines.next() {
            Some((_, "code,name,level,parent")) => {}
            other => return Err(format!("unexpected header {other:?}")),
        }
        let mut divisions = Vec::new();
        for (i, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let bad = || format!("line {}: bad row {line:?}", i + 1);
            let mut f = line.split(',');
            let (Some(code), Some(name), Some(level), Some(parent), None) =
                (f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                return Err(bad());
            };
            let code: u32 = code.parse().map_err(|_| bad())?;
            let level = Level::parse(level).ok_or_else(bad)?;
            let parent =
                if parent.is_empty() { None } else { Some(parent.parse::<u32>().map_err(|_| bad())?) };
            if name.is_empty() || (level == Level::Province) != parent.is_none() {
                return Err(bad());
            }
            divisions.push(Division { code, name, level, parent });
        }
        divisions.sort_by_key(|d| d.code);

        let mut by_code = HashMap::new();
        let mut by_full: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            if by_code.insert(d.code, i).is_some() {
                return Err(format!("duplicate code {}", d.code));
            }
            by_full.entry(d.name).or_default().push(i);
        }
        for (i, d) in divisions.iter().enumerate() {
            if let Some(p) = d.parent {
                if !by_code.contains_key(&p) {
                    return Err(format!("{} {}: unknown parent {p}", d.code, d.name));
                }
                children.entry(p).or_default().push(i);
            }
        }

        // Full names take precedence over a short name spelled the same.
        let mut by_short: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            let s = d.short_name();
            if s != d.name && !by_full.contains_key(s) {
                by_short.entry(s).or_default().push(i);
            }
        }
        let mut patterns: Vec<Pattern> = by_full
            .iter()
            .map(|(&text, c)| Pattern { text, kind: NameKind::Full, candidates: c.clone() })
            .chain(by_short.iter().map(|(&text, c)| Pattern {
                text,
                kind: NameKind::Short,
                candidates: c.clone(),
            }))
            .collect();
        patterns.sort_by(|a, b| a.text.cmp(b.text));
        let pattern_ids = patterns.iter().enumerate().map(|(i, p)| (p.text, i)).collect();
        // A DFA: the scan runs over every article ingested, the build once.
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns.iter().map(|p| p.text))
            .map_err(|e| e.to_string())?;

        if divisions.windows(2).any(|w| w[0].code >= w[1].code) {
            return Err("divisions.csv must be sorted by code, without repeats".into());
        }
        Ok(Gazetteer { divisions, by_full, children, patterns, pattern_ids, matcher })
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
    pub fn by_short_name(&self, short: &str) -> Vec<&Division> {
        self.divisions.iter().filter(|d| d.short_name() == short && d.name != short).collect()
    }

    /// The divisions directly under `code`, ordered by code.
    pub fn children(&self, code: u32) -> Vec<&Division> {
        self.children.get(&code).map(|v| v.iter().map(|&i| &self.divisions[i]).collect()).unwrap_or_default()
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

    /// Every place name in `text`, full or short, in text order and without
    /// overlaps (leftmost-longest). Short names that are part of another word
    /// (`中山路`, `新华社`, `东方明珠`) are left out; `东方市场` is read as
    /// `东方`. See the module documentation.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        for m in self.matcher.find_iter(text) {
            let mut p = &self.patterns[m.pattern().as_usize()];
            let after = &text[m.end()..];
            let mut matched = p.text;
            if p.kind == NameKind::Full
                && ((p.text.ends_with('市') && after.starts_with('场'))
                    || (p.text.ends_with('区') && after.starts_with('域')))
            {
                let stem = &p.text[..p.text.len() - '市'.len_utf8()];
                match self.pattern_ids.get(stem) {
                    Some(&id) => {
                        p = &self.patterns[id];
                        matched = stem;
                    }
                    None => continue,
                }
            }
            if p.kind == NameKind::Short
                && WORD_CONTINUATIONS.iter().any(|w| text[m.start() + matched.len()..].starts_with(w))
            {
                continue;
            }
            out.push(Mention {
                start: m.start(),
                text: matched.to_string(),
                kind: p.kind,
                codes: p.candidates.iter().map(|&i| self.divisions[i].code).collect(),
            });
        }
        out
    }

    /// The divisions that `text` names, in order of first mention, without
    /// repeats. `context` holds codes known to frame the text (the
    /// publication's home prefecture, say); they support ambiguous and short
    /// names but are not returned unless the text names them. See the module
    /// documentation for the rule.
    pub fn resolve(&self, text: &str, context: &[u32]) -> Vec<u32> {
        // Distinct names, in order of first appearance, each with the names
        // that directly precede it somewhere (湖北|十堰|茅箭).
        let mut terms: Vec<Mention> = Vec::new();
        let mut adjacent: Vec<HashSet<usize>> = Vec::new();
        let mut prev: Option<(usize, usize)> = None; // (term, end)
        let mut index: HashMap<String, usize> = HashMap::new();
        for m in self.find_mentions(text) {
            let i = if let Some(&i) = index.get(&m.text) {
                i
            } else {
                index.insert(m.text.clone(), terms.len());
                terms.push(m.clone());
                adjacent.push(HashSet::new());
                terms.len() - 1
            };
            if let Some((p, end)) = prev
                && end == m.start
                && p != i
            {
                adjacent[i].insert(p);
            }
            prev = Some((i, m.end()));
        }
        let mut base: HashSet<u32> = HashSet::new();
        for &c in context {
            base.extend(self.path(c).iter().map(|d| d.code));
        }

        let mut picks: Vec<Option<u32>> = vec![None; terms.len()];
        for _round in 0..6 {
            // How many picks name each division (as themselves or an ancestor).
            let lineages: Vec<Vec<u32>> =
                picks.iter().map(|p| p.map(|c| self.lineage(c).collect()).unwrap_or_default()).collect();
            let mut named: HashMap<u32, usize> = HashMap::new();
            for code in lineages.iter().flatten() {
                *named.entry(*code).or_insert(0) += 1;
            }
            let next: Vec<Option<u32>> = (0..terms.len())
                .map(|i| {
                    // Anchors: the context and what the other names resolve to.
                    let own = &lineages[i];
                    let anchored = |code: u32| {
                        base.contains(&code)
                            || named.get(&code).is_some_and(|&n| n > usize::from(own.contains(&code)))
                    };
                    let near = |code: u32| {
                        base.contains(&code)
                            || adjacent[i].iter().any(|&j| j != i && lineages[j].contains(&code))
                    };
                    self.pick(&terms[i], &near, &anchored)
                })
                .collect();
            if next == picks {
                break;
            }
            picks = next;
        }

        let mut out = Vec::new();
        for c in picks.into_iter().flatten() {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// [`Gazetteer::resolve`], as path strings (`湖北省/十堰市`).
    pub fn resolve_paths(&self, text: &str, context: &[u32]) -> Vec<String> {
        self.resolve(text, context).into_iter().map(|c| self.path_string(c)).collect()
    }

    fn pick(&self, m: &Mention, near: &dyn Fn(u32) -> bool, anchors: &dyn Fn(u32) -> bool) -> Option<u32> {
        let ordinary = m.kind == NameKind::Short && ORDINARY_WORD_SHORTS.contains(&m.text.as_str());
        let cands: Vec<&Division> = m
            .codes
            .iter()
            .filter_map(|&c| self.get(c))
            .filter(|d| !(ordinary && d.level == Level::County))
            .collect();
        // Whether the name counts on its own for this candidate; a weak
        // candidate needs support from `near` (context and adjacent names).
        let strong = |d: &Division| match m.kind {
            NameKind::Full => char_count(d.name) >= 3 && !COMMON_WORD_FULLS.contains(&d.name),
            NameKind::Short => {
                d.level != Level::County && !ordinary && !COMMON_WORD_SHORTS.contains(&m.text.as_str())
            }
        };
        let anchors_for = |d: &Division| -> &dyn Fn(u32) -> bool { if strong(d) { anchors } else { near } };
        let only = |v: Vec<&Division>| (v.len() == 1).then(|| v[0].code);

        // 1. A candidate that is itself an anchor.
        let own: Vec<&Division> = cands.iter().copied().filter(|d| anchors_for(d)(d.code)).collect();
        if !own.is_empty() {
            return only(own);
        }
        // 2. Candidates with an anchored ancestor.
        let supported: Vec<&Division> = cands
            .iter()
            .copied()
            .filter(|d| {
                let a = anchors_for(d);
                self.lineage(d.code).skip(1).any(a)
            })
            .collect();
        if supported.len() == 1 {
            return Some(supported[0].code);
        }
        if supported.len() > 1 {
            return only(
                supported.into_iter().filter(|d| d.parent.is_some_and(|p| anchors_for(d)(p))).collect(),
            );
        }
        // 3. Names that count on their own.
        let eligible: Vec<&Division> = cands.into_iter().filter(|d| strong(d)).collect();
        if eligible.len() > 1 {
            return only(eligible.into_iter().filter(|d| d.level == Level::Province).collect());
        }
        only(eligible)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::embedded()
    }

    fn code(path: &str) -> u32 {
        g().code_of_path(path).unwrap_or_else(|| panic!("no division {path}"))
    }

    fn resolve(text: &str, context: &[&str]) -> Vec<String> {
        let ctx: Vec<u32> = context.iter().map(|p| code(p)).collect();
        g().resolve_paths(text, &ctx)
    }

    #[test]
    fn counts_by_level() {
        let count = |l| g().divisions().iter().filter(|d| d.level == l).count();
        assert_eq!(count(Level::Province), 34);
        assert!((330..=340).contains(&count(Level::Prefecture)), "{}", count(Level::Prefecture));
        assert!((2800..=2900).contains(&count(Level::County)), "{}", count(Level::County));
    }

    #[test]
    fn every_division_has_a_rooted_path() {
        for d in g().divisions() {
            let path = g().path(d.code);
            assert_eq!(path[0].level, Level::Province, "{}", d.name);
            assert_eq!(path.last().unwrap().code, d.code);
            assert!(path.len() <= 3);
            assert!(!d.name.contains("市辖区") && !d.name.contains("直辖"), "{}", d.name);
        }
    }

    #[test]
    fn paths() {
        assert_eq!(g().path_string(420_302), "湖北省/十堰市/茅箭区");
        assert_eq!(g().path_string(110_105), "北京市/朝阳区");
        assert_eq!(g().path_string(429_004), "湖北省/仙桃市");
        assert_eq!(g().path_string(500_240), "重庆市/石柱土家族自治县");
        assert_eq!(g().path_string(999_999), "");
        assert_eq!(g().get(420_300).unwrap().name, "十堰市");
        assert_eq!(code("湖北省/十堰市/茅箭区"), 420_302);
        let chaoyang: Vec<u32> = g().by_name("朝阳区").iter().map(|d| d.code).collect();
        assert_eq!(chaoyang, vec![110_105, 220_104]);
        let jilin: Vec<&str> = g().by_short_name("吉林").iter().map(|d| d.name).collect();
        assert_eq!(jilin, vec!["吉林省", "吉林市"]);
        assert!(g().children(420_300).iter().any(|d| d.name == "茅箭区"));
    }

    #[test]
    fn short_names() {
        for (full, short) in [
            ("湖北省", "湖北"),
            ("十堰市", "十堰"),
            ("茅箭区", "茅箭"),
            ("沙市区", "沙市"),
            ("泗县", "泗县"),
            ("城区", "城区"),
            ("北京市", "北京"),
            ("内蒙古自治区", "内蒙古"),
            ("广西壮族自治区", "广西"),
            ("新疆维吾尔自治区", "新疆"),
            ("西藏自治区", "西藏"),
            ("香港特别行政区", "香港"),
            ("恩施土家族苗族自治州", "恩施"),
            ("博尔塔拉蒙古自治州", "博尔塔拉"),
            ("海西蒙古族藏族自治州", "海西"),
            ("阿克苏地区", "阿克苏"),
            ("锡林郭勒盟", "锡林郭勒"),
            ("长阳土家族自治县", "长阳"),
            ("莫力达瓦达斡尔族自治旗", "莫力达瓦"),
            ("鄂温克族自治旗", "鄂温克族自治旗"),
            ("科尔沁右翼前旗", "科尔沁右翼前"),
            ("神农架林区", "神农架"),
            ("万柏林区", "万柏林"),
            ("清新区", "清新"),
            ("浦东新区", "浦东"),
            ("六枝特区", "六枝"),
        ] {
            assert_eq!(short_name(full), short, "{full}");
        }
    }

    #[test]
    fn finds_full_and_short_names() {
        let m = g().find_mentions("湖北省十堰市茅箭区和郧阳");
        let found: Vec<(&str, NameKind)> = m.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert_eq!(
            found,
            vec![
                ("湖北省", NameKind::Full),
                ("十堰市", NameKind::Full),
                ("茅箭区", NameKind::Full),
                ("郧阳", NameKind::Short),
            ]
        );
        assert_eq!(m[1].start, "湖北省".len());
        assert_eq!(m[1].codes, vec![420_300]);
        // Leftmost-longest: 长沙市 rather than 沙市.
        let m = g().find_mentions("长沙市区");
        assert_eq!(m[0].text, "长沙市");
    }

    #[test]
    fn resolves_prefectures_and_counties() {
        assert_eq!(resolve("十堰市", &[]), ["湖北省/十堰市"]);
        assert_eq!(resolve("茅箭区", &["湖北省/十堰市"]), ["湖北省/十堰市/茅箭区"]);
        assert_eq!(resolve("汾阳市", &[]), ["山西省/吕梁市/汾阳市"]);
        assert_eq!(resolve("平顶山", &[]), ["河南省/平顶山市"]);
        assert_eq!(resolve("宝丰县", &[]), ["河南省/平顶山市/宝丰县"]);
        assert_eq!(resolve("黄冈", &[]), ["湖北省/黄冈市"]);
        assert_eq!(resolve("襄阳", &[]), ["湖北省/襄阳市"]);
        assert_eq!(resolve("仙桃市", &[]), ["湖北省/仙桃市"]);
        assert_eq!(resolve("广西壮族自治区向我市捐赠两辆负压救护车", &[]), ["广西壮族自治区"]);
    }

    #[test]
    fn county_short_names_need_a_parent() {
        assert!(resolve("茅箭", &[]).is_empty());
        assert_eq!(resolve("茅箭", &["湖北省/十堰市"]), ["湖北省/十堰市/茅箭区"]);
        assert_eq!(resolve("十堰茅箭", &[]), ["湖北省/十堰市", "湖北省/十堰市/茅箭区"]);
        // Two-character full names are ordinary words too.
        assert!(resolve("城区道路", &[]).is_empty());
        assert!(resolve("省、市和县三级", &[]).is_empty());
        assert_eq!(resolve("房县", &["湖北省/十堰市"]), ["湖北省/十堰市/房县"]);
        // The parent must be named right before the county, or be context.
        assert_eq!(resolve("安徽天长天宝社区", &[]), ["安徽省", "安徽省/滁州市/天长市"]);
        assert_eq!(resolve("河北各地为生命安全和身体健康保驾护航", &[]), ["河北省"]);
    }

    #[test]
    fn ambiguous_names_use_the_parent() {
        let m = g().find_mentions("朝阳区");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].codes.len(), 2);
        assert!(resolve("朝阳区", &[]).is_empty());
        assert_eq!(resolve("北京朝阳区", &[]), ["北京市", "北京市/朝阳区"]);
        assert_eq!(resolve("朝阳区", &["北京市"]), ["北京市/朝阳区"]);
        assert_eq!(resolve("家住朝阳区，工作在北京", &[]), ["北京市/朝阳区", "北京市"]);
        assert_eq!(resolve("长春市朝阳区", &[]), ["吉林省/长春市", "吉林省/长春市/朝阳区"]);
        assert_eq!(resolve("辽宁朝阳", &[]), ["辽宁省", "辽宁省/朝阳市"]);
        // 朝阳 alone is an ordinary word (朝阳产业).
        assert!(resolve("朝阳产业", &[]).is_empty());
        // 新华区: 石家庄, 沧州, 平顶山.
        assert_eq!(resolve("新华区", &["河南省/平顶山市"]), ["河南省/平顶山市/新华区"]);
        assert!(resolve("新华区", &[]).is_empty());
        // 吉林: the province unless the prefecture is supported.
        assert_eq!(resolve("吉林", &[]), ["吉林省"]);
        assert_eq!(resolve("海南", &[]), ["海南省"]);
        assert_eq!(resolve("青海海南", &[]), ["青海省", "青海省/海南藏族自治州"]);
    }

    #[test]
    fn parts_of_other_words_are_not_places() {
        assert!(resolve("东方明珠小区", &[]).is_empty());
        assert!(resolve("东方明珠小区", &["海南省"]).is_empty());
        assert!(resolve("东方市场", &[]).is_empty());
        assert!(resolve("据新华社报道", &["河南省/平顶山市"]).is_empty());
        assert!(resolve("中山路", &[]).is_empty());
        assert!(resolve("和平街", &[]).is_empty());
        assert!(resolve("开发区、高新区", &[]).is_empty());
        // Ordinary words that are also county short names.
        assert_eq!(resolve("荆州市公安局", &["湖北省/荆州市"]), ["湖北省/荆州市"]);
        assert!(resolve("比如说南部地区", &[]).is_empty());
        assert!(resolve("去太原医院做手术", &[]).is_empty());
        assert_eq!(resolve("北京市场监管局", &[]), ["北京市"]);
    }
}
