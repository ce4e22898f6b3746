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
    // 34 of GB/T 2260 and 国外.
    assert_eq!(count(Level::Province), 35);
    let count_in = |l, lo: u32, hi: u32| {
        g().divisions().iter().filter(|d| d.level == l && (lo..hi).contains(&d.code)).count()
    };
    // Prefectures: 333 of GB/T 2260, 20 of Taiwan, 236 countries.
    assert!((330..=340).contains(&count_in(Level::Prefecture, 0, 710_000)));
    assert_eq!(count_in(Level::Prefecture, 710_001, 710_100), 20);
    assert!((230..=250).contains(&count_in(Level::Prefecture, 900_001, 999_999)));
    // Counties: GB/T 2260's, 18 districts of Hong Kong and 8 of Macao.
    assert!((2800..=2900).contains(&count(Level::County)), "{}", count(Level::County));
    assert_eq!(count_in(Level::County, 810_001, 810_100), 18);
    assert_eq!(count_in(Level::County, 820_001, 820_100), 8);
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
    let found: Vec<(&str, NameKind)> = m.iter().map(|m| (m.text, m.kind)).collect();
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

#[test]
fn the_longest_reading_and_people_and_longer_words() {
    // 海南琼海 is 海南省's 琼海市 even when 青海 is named elsewhere.
    assert_eq!(resolve("青海西宁、海南琼海", &[]), ["青海省", "青海省/西宁市", "海南省", "海南省/琼海市"]);
    assert_eq!(resolve("青海海南", &[]), ["青海省", "青海省/海南藏族自治州"]);
    assert!(g().find_mentions("省政协副秘书长张广东出席").is_empty());
    assert!(!g().find_mentions("遵化店镇平东社区").iter().any(|m| m.text == "镇平"));
    assert_eq!(resolve("河南镇平县", &[]), ["河南省", "河南省/南阳市/镇平县"]);
}

#[test]
fn former_names_find_their_successors() {
    let m = g().find_mentions("郧县城关镇");
    assert_eq!((m[0].kind, m[0].codes.clone()), (NameKind::Former, vec![420_304]));
    assert_eq!(g().renaming("郧县").map(|r| r.year), Some(2014));
    assert_eq!(resolve("郧县", &["湖北省/十堰市"]), ["湖北省/十堰市/郧阳区"]);
    assert!(resolve("郧县", &[]).is_empty(), "a two-character former name needs support");
    // Every successor is a division of the table; no former name is a current one.
    for r in g().renamings() {
        assert!(g().get(r.new_code).is_some(), "{}", r.old_name);
        assert!(g().by_name(r.old_name).is_empty(), "{}", r.old_name);
    }
}

#[test]
fn countries_and_the_districts_of_hong_kong_macao_and_taiwan() {
    assert_eq!(resolve("法国", &[]), ["国外/法国"]);
    assert_eq!(resolve("英国研究人员", &[]), ["国外/英国"]);
    assert!(resolve("朝鲜族群众", &[]).is_empty());
    assert!(resolve("国外疫情", &[]).is_empty(), "国外 itself is no name to find");
    assert!(resolve("沿海地区", &[]).is_empty(), "海地 is left out of the table");
    assert!(resolve("中非合作", &[]).is_empty(), "中非 is written 中非共和国");
    assert_eq!(resolve("香港湾仔", &[]), ["香港特别行政区", "香港特别行政区/湾仔区"]);
    assert!(resolve("湾仔", &[]).is_empty(), "a district's short name needs its parent");
    assert!(resolve("杭州湾开发区", &[]).is_empty(), "a bay");
    assert_eq!(resolve("澳门望德堂区", &[]), ["澳门特别行政区", "澳门特别行政区/望德堂区"]);
    assert_eq!(resolve("高雄", &[]), ["台湾省/高雄市"]);
    assert!(resolve("桃园结义", &[]).is_empty());
    assert_eq!(g().path_string(350_527), "福建省/泉州市/金门县");
}

#[test]
fn the_name_scan_finds_what_a_leftmost_longest_automaton_finds() {
    use aho_corasick::{AhoCorasickBuilder, MatchKind};
    let names: Vec<&str> = g().patterns.iter().map(|p| p.text).collect();
    let automaton = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&names).unwrap();
    let mut texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sources"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .map(|t| crate::hanzi::to_simplified(&t))
        .collect();
    // Overlapping names, a name at the very end, a name in a name.
    texts.extend(
        ["海南琼海", "长沙市场", "湖北省十堰市茅箭区", "内蒙古自治区", "a北京", "北京", "京", "郧县郧阳区"]
            .map(String::from),
    );
    for text in &texts {
        let expected: Vec<(usize, usize, usize)> = automaton
            .find_iter(text.as_str())
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        assert_eq!(g().matcher.find_iter(text), expected);
    }
}
