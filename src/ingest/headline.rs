//! Headlines of text without `#` marks (OCR as engines write it, plain
//! text), told by their shape and their place: the lines around a candidate
//! in, whether it starts an article out; and the sign-offs that close one.
//!
//! - Shape: a short line standing alone (a block of its own), with no
//!   closing punctuation (`。！？；：，、`, also inside a closing quote
//!   `……。”`), not a list item (`1.`, `（一）`, `一、`, `①`, `●`) and not a
//!   lone name.
//! - Place: an article starts at such a line when the block before it
//!   closes an article (a sign-off name, a byline, a credit `（张三）` ending
//!   the paragraph) or when the paragraph after it opens like a news lead
//!   (a date or time in its first clause: `4月2日，`, `日前，`, `记者从…获悉`)
//!   and the paragraph before it ends a sentence, unless the article open
//!   before it is long-form (a subtitle, a subheading already, a jump line
//!   `（上接第一版）`: its sections open with dates too). A headline-shaped
//!   line without evidence stays a subheading. The first such line over a
//!   paragraph, with no article open before it (a page header above it),
//!   starts one too.
//! - A headline split in two parts far apart: see [`join_split_headlines`].
//! - Sign-off: a lone line of one name (`刘晓峰`, `（张建国）`) after a
//!   paragraph that ends a sentence and before anything but a body
//!   paragraph (a headline, a byline, a picture, the end): the article's
//!   byline; a name right under a headline is its byline too. A name needs
//!   a common surname (so `简讯` or `短评`, section labels, are no names).

use super::draft::{Draft, NoteKind, UnitKind};
use super::shape::RawBlock;
use super::text::{char_len, is_han, is_title_like};
use crate::model::Author;
use regex::Regex;
use std::sync::LazyLock;

/// Common single-character surnames (the first few hundred of the usual
/// frequency lists); a sign-off name must start with one of them or with
/// [`COMPOUND_SURNAMES`].
const SURNAMES: &str = concat!(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕",
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱",
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚",
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农",
    "司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁",
    "沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝",
);

const COMPOUND_SURNAMES: [&str; 14] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐",
];

/// Words printed alone as section labels or editorial marks, never names.
const LABELS: [&str; 24] = [
    "简讯",
    "快讯",
    "短讯",
    "要闻",
    "综合",
    "社论",
    "时评",
    "短评",
    "评论",
    "图片",
    "图说",
    "链接",
    "相关",
    "背景",
    "提示",
    "来源",
    "编者按",
    "记者手记",
    "本报讯",
    "通讯",
    "专访",
    "特写",
    "完",
    "待续",
];

/// A line that a headline would be: short, alone, no closing punctuation,
/// neither a list item nor a lone name.
pub fn is_headline_shape(text: &str) -> bool {
    let t = text.trim();
    is_title_like(t) && !closes_with_punctuation(t) && !is_list_item(t) && !is_sign_off(t)
}

/// A list item or a lone name is no subheading either: it stays text.
pub fn may_be_subheading(text: &str) -> bool {
    !is_list_item(text) && !is_sign_off(text)
}

/// Ends with sentence or clause punctuation, looking inside closing quotes
/// and brackets: `……了。”` closes, `争当“先锋”` does not.
fn closes_with_punctuation(text: &str) -> bool {
    let inner = text.trim_end().trim_end_matches(['”', '’', '」', '』', '"', '\'', '》']);
    inner.ends_with(['。', '！', '？', '；', '：', '，', '、', '…', '!', '?', ';', ':', ',', '.'])
}

static LIST_ITEM_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(concat!(
        r"^(?:\d{1,2}\s*[.．、)）]|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]",
        r"|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[，、,]",
        r"|[①-⑳⑴-⒇⒈-⒛]|[•●○■□◆◇▲△★☆▶►√✓\-–—*·])",
    ))
});

/// An item of a numbered or bulleted list: `1. 早晚加减衣物`, `（二）…`,
/// `三、…`, `① …`, `● …`.
pub fn is_list_item(text: &str) -> bool {
    let t = text.trim();
    !t.starts_with("——") && LIST_ITEM_RE.is_match(t)
}

/// Does the paragraph end a sentence (so a line after it may start anew)?
pub fn ends_sentence(text: &str) -> bool {
    let inner = text.trim_end().trim_end_matches(['”', '’', '」', '』', '"', '）', ')']);
    inner.ends_with(['。', '！', '？', '…', '!', '?'])
}

/// A lone name printed as an article's sign-off, bare or in brackets:
/// 2–4 Han characters led by a common surname, not a section label.
pub fn is_sign_off(text: &str) -> bool {
    sign_off_name(text).is_some()
}

/// The name of a sign-off line (see [`is_sign_off`]).
pub fn sign_off_name(text: &str) -> Option<&str> {
    let t = text.trim();
    let t = t.strip_prefix(['（', '(']).and_then(|r| r.strip_suffix(['）', ')'])).map_or(t, str::trim);
    let len = char_len(t);
    let compound = COMPOUND_SURNAMES.iter().any(|s| t.starts_with(s));
    let single = t.chars().next().is_some_and(|c| SURNAMES.contains(c));
    let fits = if compound { (3..=4).contains(&len) } else { single && (2..=3).contains(&len) };
    (fits && t.chars().all(is_han) && !LABELS.contains(&t)).then_some(t)
}

/// Takes a sign-off out of the body into `draft`'s authors: a lone name
/// ([`is_sign_off`]) after a paragraph `before` that ends a sentence, and
/// not followed by a body paragraph. Whether it was one.
pub fn take_sign_off(draft: &mut Draft, block: &RawBlock, before: Option<&str>, next_is_para: bool) -> bool {
    let Some(name) = sign_off_name(&block.text) else { return false };
    if next_is_para || !before.is_some_and(ends_sentence) {
        return false;
    }
    draft.add_authors([Author::new(name, "")]);
    draft.meta_lines.push(block.line);
    draft.note(
        NoteKind::Metadata,
        block.line,
        format!("sign-off \"{}\" at the end moved to front matter", block.text),
    );
    true
}

static LEAD_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(concat!(
        r"\d{1,2}月\d{1,2}日|\d{1,2}日(?:上午|下午|晚|早|凌晨|中午|傍晚)|\d{4}年\d{1,2}月",
        r"|日前|近日|近期|连日来|昨日|昨天|今天|今日|当天|当日|前不久|今年以来|本周|上周",
        r"|记者\p{Han}{0,16}?(?:获悉|了解到|获知|看到)",
    ))
});

/// Does the paragraph open like a news lead: a date or time, or
/// `记者从…获悉`, in its first clause?
pub fn opens_like_lead(text: &str) -> bool {
    let t = text.trim();
    let clause_end = t.find(['，', ',', '。', '：', ':', '；']).unwrap_or(t.len());
    let clause = &t[..clause_end];
    char_len(clause) <= 30 && LEAD_RE.is_match(clause) && char_len(t) >= 15
}

/// What the segmenter knows about the lines around a headline candidate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    /// The block before the candidate headline (and its kicker), if any.
    pub before: Option<&'a str>,
    /// Whether that block closed an article: a byline or credit line.
    pub before_is_byline: bool,
    /// The candidate's lines: kicker(s), then the headline.
    pub heads: &'a [&'a str],
    /// The first block after them, if it is a body paragraph.
    pub lead: Option<&'a str>,
    /// The article open before it: when it is long-form ([`is_long_form`])
    /// a lead alone is no evidence, its sections open with dates too.
    pub open: Option<&'a Draft>,
}

/// A feature or a continued story, whose sections may open like leads: it
/// has a subtitle (副题), a subheading already (after its first paragraph,
/// not inside a sentence), or opened with a jump line (`（上接第一版）`).
pub fn is_long_form(draft: &Draft) -> bool {
    // A line printed inside a sentence is no subheading (see
    // [`join_split_headlines`]).
    let subheading = draft.body.windows(2).any(|w| {
        w[1].kind == UnitKind::Subheading && !(w[0].is_para() && super::text::ends_mid_sentence(&w[0].text))
    });
    !draft.subtitle.is_empty()
        || subheading
        || draft.dateline.as_ref().is_some_and(|d| d.printed.contains("上接"))
}

/// Why a headline-shaped line starts an article, if it does: the note
/// the article records.
pub fn evidence(place: &Place<'_>) -> Option<&'static str> {
    if place.heads.is_empty() || !place.heads.iter().all(|h| is_headline_shape(h)) {
        return None;
    }
    if place.lead.is_some() && place.open.is_none_or(|d| d.paras().next().is_none()) {
        return Some("unmarked headline told by its shape, the first over text on the page");
    }
    let before = place.before?;
    if place.before_is_byline || is_sign_off(before) || super::text::split_trailing_credit(before).is_some() {
        return Some("unmarked headline told by its shape, after a sign-off");
    }
    let lead = place.lead?;
    // Judged last: the scan of the open article is the costly part.
    (ends_sentence(before) && opens_like_lead(lead) && !place.open.is_some_and(is_long_form))
        .then_some("unmarked headline told by its shape, followed by a lead")
}

/// A headline-shaped line printed inside a sentence (the paragraphs before
/// and after it read as one) is a part of a headline printed apart from the
/// rest, or a sidebar's title. When the headline of its own article (before
/// it) or of the next one (after it) has exactly as many characters, the two
/// are the halves of one couplet headline (`守住东大门` … `打好阻击战`):
/// they are joined in source order, and the line leaves the body so the
/// sentence mends across it. Otherwise it stays and is flagged for review.
pub fn join_split_headlines(drafts: &mut [Draft]) {
    for d in 0..drafts.len() {
        let mut k = 1;
        while k + 1 < drafts[d].body.len() {
            let body = &drafts[d].body;
            let (before, unit, after) = (&body[k - 1], &body[k], &body[k + 1]);
            let inside_sentence = unit.kind == UnitKind::Subheading
                && unit.lines.len() == 1
                && before.is_para()
                && after.is_para()
                && super::text::ends_mid_sentence(&before.text)
                && is_headline_shape(&unit.text);
            if !inside_sentence {
                k += 1;
                continue;
            }
            let (line, span) = (unit.line(), [before.lines.last().copied().unwrap_or(0), after.line()]);
            let fragment = unit.text.clone();
            let halves =
                |title: &str| char_len(title.trim()) == char_len(&fragment) && char_len(&fragment) >= 3;
            let own = drafts[d].title_line.is_some_and(|t| t < line) && halves(&drafts[d].title);
            let next =
                drafts.get(d + 1).is_some_and(|n| n.title_line.is_some_and(|t| t > line) && halves(&n.title));
            if own == next {
                drafts[d].flag(
                    line,
                    format!(
                        "headline-like line \"{fragment}\" printed inside a sentence (lines {}, {}): a part of a headline printed apart, or a sidebar's title? check against the page",
                        span[0], span[1]
                    ),
                );
                k += 1;
                continue;
            }
            drafts[d].body.remove(k);
            let holder = if own { d } else { d + 1 };
            let draft = &mut drafts[holder];
            draft.title = if own {
                format!("{} {fragment}", draft.title)
            } else {
                format!("{fragment} {}", draft.title)
            };
            draft.meta_lines.push(line);
            draft.note(
                NoteKind::LayoutOrder,
                line,
                format!("headline half \"{fragment}\" printed apart, inside the sentence at lines {}–{}: joined to the headline", span[0], span[1]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_shape_is_short_alone_and_unpunctuated() {
        assert!(is_headline_shape("城南新建三座口袋公园"));
        assert!(is_headline_shape("社区党员争当战“疫”先锋"));
        assert!(!is_headline_shape("公园今天开放。"), "a short paragraph ending in 。 is no headline");
        assert!(!is_headline_shape("“大家都来了！”"), "a quoted exclamation closes");
        assert!(!is_headline_shape("医生提醒老年人注意三点："));
        assert!(!is_headline_shape("1. 早晚加减衣物"), "a list item is no headline");
        assert!(!is_headline_shape("（二）饮食清淡少盐"));
        assert!(!is_headline_shape("三、每天散步半小时"));
        assert!(!is_headline_shape("● 出门佩戴口罩"));
        assert!(!is_headline_shape("刘晓峰"), "a lone name is a sign-off");
        assert!(!is_headline_shape(
            "这是一个很长很长的句子它没有标点但是远远超过了一个标题应有的长度所以它不能算作标题只能算作正文的一段"
        ));
    }

    #[test]
    fn sign_offs_are_names_with_a_surname() {
        assert_eq!(sign_off_name("刘晓峰"), Some("刘晓峰"));
        assert_eq!(sign_off_name("（张建国）"), Some("张建国"));
        assert_eq!(sign_off_name("欧阳明远"), Some("欧阳明远"));
        for not_a_name in ["简讯", "短评", "春耕", "图片新闻", "刘", "王小明说了", "Tom"] {
            assert_eq!(sign_off_name(not_a_name), None, "{not_a_name}");
        }
    }

    #[test]
    fn leads_open_with_a_date_or_a_source() {
        assert!(opens_like_lead("4月2日，城南区三座口袋公园完工开放，附近居民多了去处。"));
        assert!(opens_like_lead("日前，幸福社区邀请医生为老年居民讲解养生知识。"));
        assert!(opens_like_lead("记者从市交通局获悉，两条公交线路自下周一起调整走向。"));
        assert!(!opens_like_lead("疫情发生以来，各级党组织迅速行动，筑起铜墙铁壁。"));
        assert!(!opens_like_lead("馆方在三楼新增自习座位两百个，读者可在网上预约。"));
        assert!(!opens_like_lead("4月2日"), "too short to be a lead");
    }

    #[test]
    fn a_headline_starts_an_article_after_a_sign_off_or_before_a_lead() {
        let heads = ["两条公交线路调整走向"];
        let lead = "记者从市交通局获悉，两条公交线路自下周一起调整走向。";
        let body = "馆方在三楼新增自习座位两百个，读者可在网上预约。";
        let open = Draft {
            body: vec![crate::ingest::draft::Unit::new(UnitKind::Para, body, 1)],
            ..Draft::default()
        };
        let place = |before, lead| Place {
            before: Some(before),
            heads: &heads,
            lead,
            open: Some(&open),
            ..Place::default()
        };
        let page_top =
            Place { before: Some("2021年4月7日 星期三"), open: None, ..place("", Some(body)) };
        assert!(evidence(&page_top).is_some(), "the first headline under a page header");
        assert!(evidence(&place("王芳", Some(body))).is_some());
        assert!(evidence(&place("……读者可在网上预约。（张建国）", Some(body))).is_some());
        assert!(evidence(&place("公园绿化面积共计一万二千平方米。", Some(lead))).is_some());
        assert!(evidence(&place("公园绿化面积共计一万二千平方米。", Some(body))).is_none(), "a subheading");
        assert!(evidence(&place("公园内设有健身步道和儿童游乐区，", Some(lead))).is_none(), "mid-sentence");
        let list = ["1. 早晚加减衣物"];
        let listed = Place { heads: &list, ..place("王芳", Some(lead)) };
        assert!(evidence(&listed).is_none(), "a list item starts nothing");
        let feature_open = Draft { subtitle: "记一位老党员".into(), ..open.clone() };
        let feature = Place {
            open: Some(&feature_open),
            ..place("公园绿化面积共计一万二千平方米。", Some(lead))
        };
        assert!(evidence(&feature).is_none(), "a feature's sections open with dates too");
    }

    fn draft(title: &str, line: usize, body: &[(UnitKind, &str)]) -> Draft {
        use crate::ingest::draft::Unit;
        let body =
            body.iter().enumerate().map(|(i, (k, t))| Unit::new(k.clone(), *t, line + 2 * (i + 1))).collect();
        Draft { title: title.into(), title_line: Some(line), body, ..Draft::default() }
    }

    #[test]
    fn a_couplet_half_printed_inside_a_sentence_joins_its_headline() {
        let para = UnitKind::Para;
        let body = [
            (para.clone(), "学校共安装了六块交互式白板，覆盖全部年级，"),
            (UnitKind::Subheading, "汛前清淤忙"),
            (para.clone(), "每间教室还配备了一台实物展台。"),
        ];
        let mut drafts = vec![
            draft("山区小学用上智慧课堂", 1, &body),
            draft("河道保畅通", 11, &[(para.clone(), "正文。")]),
        ];
        join_split_headlines(&mut drafts);
        assert_eq!(drafts[1].title, "汛前清淤忙 河道保畅通");
        assert_eq!(drafts[0].body.len(), 2, "the half left the body");
        assert!(drafts[0].flags.is_empty());
    }

    #[test]
    fn a_line_inside_a_sentence_without_its_other_half_is_flagged() {
        let para = UnitKind::Para;
        let body = [
            (para.clone(), "学校共安装了六块交互式白板，覆盖全部年级，"),
            (UnitKind::Subheading, "绿地连片"),
            (para.clone(), "每间教室还配备了一台实物展台。"),
        ];
        let mut drafts = vec![
            draft("山区小学用上智慧课堂", 1, &body),
            draft("河道保畅通", 11, &[(para.clone(), "正文。")]),
        ];
        join_split_headlines(&mut drafts);
        assert_eq!(drafts[0].body.len(), 3);
        assert_eq!(drafts[0].flags.len(), 1);
        // A subheading after a finished sentence is an ordinary subheading.
        let body = [
            (para.clone(), "学校共安装了六块交互式白板。"),
            (UnitKind::Subheading, "汛前清淤忙"),
            (para, "正文。"),
        ];
        let mut drafts = vec![draft("甲", 1, &body), draft("河道保畅通", 11, &[])];
        join_split_headlines(&mut drafts);
        assert_eq!((drafts[0].flags.len(), drafts[1].title.as_str()), (0, "河道保畅通"));
        assert!(is_long_form(&drafts[0]));
    }

    fn segmented(text: &str) -> Vec<Draft> {
        use crate::ingest::shape::{Shape, parse};
        let shape = Shape::Plain;
        crate::ingest::segment::segment(&parse(text, shape), shape, &std::collections::BTreeSet::new()).drafts
    }

    #[test]
    fn short_sentences_lists_and_names_inside_the_text_start_nothing() {
        let text = "公园开放\n\n4月2日，三座公园完工开放，居民多了去处。\n\n公园今天开放。\n\n4月3日，游客络绎不绝，秩序井然。\n\n注意三点：\n\n1. 早晚加减衣物\n\n2. 饮食清淡少盐\n\n刘晓峰\n\n说这是好事。\n";
        let drafts = segmented(text);
        assert_eq!(drafts.len(), 1, "{drafts:#?}");
        let kinds: Vec<bool> = drafts[0].body.iter().map(|u| u.is_para()).collect();
        assert!(kinds.iter().all(|&p| p), "no subheadings: {:?}", drafts[0].body);
        assert!(drafts[0].authors.is_empty(), "a name followed by text is no sign-off");
    }

    #[test]
    fn a_sign_off_ends_an_article_and_the_next_headline_starts_one() {
        let text = "公园开放\n\n三座公园完工开放，居民多了去处。\n\n刘晓峰\n\n图书馆延时\n\n馆方新增座位两百个，读者可以预约。\n";
        let drafts = segmented(text);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].authors[0].name, "刘晓峰");
        assert_eq!(drafts[1].title, "图书馆延时");
    }
}
