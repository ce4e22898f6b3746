//! The word lists of the gazetteer and short names: an official name in,
//! its short name out (`十堰市` → `十堰`); which names are ordinary words.

/// Suffixes that a short name drops, longest first where one ends another.
pub(super) const SUFFIXES: &[&str] = &[
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
pub(super) const SPECIAL_SHORTS: &[(&str, &str)] =
    &[("神农架林区", "神农架"), ("滨海新区", "滨海"), ("浦东新区", "浦东"), ("沈北新区", "沈北")];

/// The 56 nationalities, as they appear before 自治区/州/县/旗 (with 族; those
/// of two or more characters may also appear without it: 博尔塔拉蒙古自治州).
pub(super) const ETHNIC: &[&str] = &[
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
pub(super) const COMMON_WORD_SHORTS: &[&str] = &[
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
    "桃园",
];

/// Full county names of three or more characters that are ordinary words.
pub(super) const COMMON_WORD_FULLS: &[&str] =
    &["新城区", "老城区", "城中区", "城东区", "城西区", "城南区", "城北区", "城关区", "城厢区", "市中区"];

/// Words that, directly after a short name, make it part of another name
/// (`杭州湾` is a bay, not 杭州; `北京小镇` an estate).
pub(super) const WORD_CONTINUATIONS: &[&str] = &[
    "路", "街", "巷", "大道", "社", "号", "牌", "小区", "花园", "广场", "公园", "明珠", "集团", "大厦",
    "医院", "大学", "湾", "小镇",
];

/// Continuations that do not apply when a name follows (`香港湾仔`).
pub(super) const UNLESS_A_NAME_FOLLOWS: &[&str] = &["湾"];

/// Short names of counties that are ordinary words (公安局, 比如, 南部, 和平,
/// 资源, 通道, 光明, 振兴, …): as short names they never name the county, whose
/// full name is needed (公安县). Candidates were the county short names that
/// jieba 0.42.1's dictionary lists as words without a place tag; the list was
/// then chosen by hand.
pub(super) const ORDINARY_WORD_SHORTS: &[&str] = &[
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
    "大关", "方正", "中西", "大堂", "离岛",
];

pub(super) fn char_count(s: &str) -> usize {
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
