//! Small judgements about Chinese newspaper text: sentence ends, headline
//! lines, datelines, closing credits and photo credits (the bylines they
//! hold are read by [`super::byline`]).

use super::byline::parse_byline;
use crate::model::Author;
use regex::Regex;
use std::sync::LazyLock;

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// Han characters and the punctuation that stands among them.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Text with all white space removed: the form repeats are compared in.
pub use crate::model::compact as normalized;

pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// A label line such as `作者：…` or `地点：…`, or an attribution `——…`:
/// complete without final punctuation.
pub fn is_label_or_attribution(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("——") || (char_len(t) < 60 && t.chars().take(5).any(|c| c == '：' || c == ':'))
}

/// Does the paragraph stop in the middle of a sentence (a column break)?
pub fn ends_mid_sentence(text: &str) -> bool {
    if is_label_or_attribution(text) {
        return false;
    }
    let Some(last) = text.trim_end().chars().last() else {
        return false;
    };
    (is_han(last)
        || last.is_ascii_alphanumeric()
        || matches!(last, '，' | '、' | ',' | '“' | '‘' | '《' | '（' | '('))
        && (char_len(text) >= 20 || text.contains(['，', ',', '、']))
}

/// A short line with no sentence punctuation: a headline or subheading.
pub fn is_title_like(text: &str) -> bool {
    let text = text.trim();
    // `主题——副题` on one line: judge the headline part.
    let text = match text.split_once("——") {
        Some((head, tail)) if char_len(head) >= 4 && char_len(tail) <= 60 => head.trim(),
        _ => text,
    };
    let len = char_len(text);
    if !(2..=42).contains(&len)
        || text.contains('。')
        || text.starts_with("图为")
        || super::published::publication_date(text).is_some()
    {
        return false;
    }
    if text.chars().filter(|c| is_han(*c)).count() < 2 {
        return false;
    }
    let last = text.chars().last().unwrap_or(' ');
    !matches!(last, '，' | '、' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '…' | '）' | ')')
}

/// A headline-like line that may stand as a subheading without further
/// evidence: enumerations, several clauses or a trailing number mark a
/// sentence broken across columns instead.
pub fn is_subheading_like(text: &str) -> bool {
    let t = text.trim();
    is_title_like(t)
        && !t.ends_with(|c: char| c.is_ascii_digit())
        && !t.contains('、')
        && t.matches(['，', ',']).count() <= 1
}

/// A subtitle line: `——` then text.
pub fn dash_subtitle(text: &str) -> Option<&str> {
    let rest = text.trim().strip_prefix("——")?.trim();
    (!rest.is_empty() && char_len(rest) <= 60).then_some(rest)
}

/// Splits `主题——副题` written on one line.
pub fn split_inline_subtitle(title: &str) -> (String, String) {
    if let Some((head, tail)) = title.split_once("——") {
        let (head, tail) = (head.trim(), tail.trim());
        if char_len(head) >= 4 && char_len(tail) >= 3 {
            return (head.to_string(), tail.to_string());
        }
    }
    (title.trim().to_string(), String::new())
}

/// A line that is only a person's name, as under an OCR headline (`潘世新`).
pub fn is_name_only(text: &str) -> bool {
    let t = text.trim();
    (2..=3).contains(&char_len(t)) && t.chars().all(is_han)
}

/// A dateline opening a lead paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    /// The text removed from the paragraph.
    pub printed: String,
    pub place: Option<String>,
    pub date: Option<(u32, u32)>,
    pub authors: Vec<Author>,
}

/// The patterns of a dateline, each with whether it is one only when its
/// parenthesis is a byline.
static DATELINE_RES: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    [
        // 本报讯(记者高轶鹏 通讯员文尚龙) / 本报讯 通讯员明艳报道： / 本报讯
        (r"^本报讯\s*(?:[（(](?P<by>[^（）()]{2,40})[)）]|(?P<by2>(?:记者|通讯员|特约记者)[^：:，。]{2,30}?)报道[：:]|)\s*", false),
        // An agency (…社, …网, …台), a place at home or abroad, a date:
        // 新华社武汉2月16日电(记者徐海波), 新华社巴黎3月1日电, 中新网华盛顿2月29日电,
        // 央广网河南分网2月21日消息（记者 汪宁 通讯员 甄浩鹏）
        (r"^(?P<agency>\p{Han}{1,4}?[社网台])(?P<place>\p{Han}{2,6}?)(?:分网)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯|消息)\s*(?:[（(](?P<by>[^（）()]{2,40})[)）])?\s*", false),
        // 荆楚网3月1日讯（记者 张三 整合）: any site's or paper's 讯 with no place
        (r"^(?P<outlet>\p{Han}{2,10}?)(?P<m>\d{1,2})月(?P<d>\d{1,2})日讯(?:\s*[（(](?P<by>[^（）()]{2,40})[)）]|[\s：:])\s*", false),
        // (上接第一版): the rest of a story begun on another page
        (r"^[（(]上接第\p{Han}{1,3}版[)）]\s*", false),
        // （记者 张三 通讯员 李四）opening the lead, when it is a byline
        (r"^[（(](?P<by>[^（）()]{2,40})[)）]\s*", true),
    ]
    .iter()
    .map(|(re, needs_byline)| (crate::pattern::compiled(re), *needs_byline))
    .collect()
});

/// The dateline opening a lead paragraph, if any: an outlet's or agency's
/// (本报讯, 新华社武汉2月16日电, 荆楚网3月1日讯), with the byline in its
/// parenthesis, or a parenthesis that is only a byline.
pub fn parse_dateline(text: &str) -> Option<Dateline> {
    for (re, needs_byline) in DATELINE_RES.iter() {
        let Some(caps) = re.captures(text) else {
            continue;
        };
        let Some(whole) = caps.get(0) else { continue };
        let by = caps.name("by").or_else(|| caps.name("by2")).map(|m| m.as_str());
        let authors = by.and_then(parse_byline).map(|b| b.authors).unwrap_or_default();
        if *needs_byline && authors.is_empty() {
            continue;
        }
        let date = match (caps.name("m"), caps.name("d")) {
            (Some(m), Some(d)) => Some((m.as_str().parse().ok()?, d.as_str().parse().ok()?)),
            _ => None,
        };
        return Some(Dateline {
            printed: whole.as_str().trim().to_string(),
            place: caps.name("place").map(|m| m.as_str().to_string()),
            date,
            authors,
        });
    }
    None
}

static TRAILING_CREDIT_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compiled(r"[（(](?P<by>[^（）()]{2,30})[)）]\s*$"));

/// Short words an editor closes a paragraph with that are not a name:
/// `（待续）`, `（图片）`.
const EDITORIAL_MARKS: [&str; 10] =
    ["待续", "未完", "续完", "全文完", "图片", "资料图", "图文", "摘编", "转载", "据报道"];

/// `……正文。（朱敏）` → the text without the credit, and its authors.
pub fn split_trailing_credit(text: &str) -> Option<(String, Vec<Author>)> {
    let caps = TRAILING_CREDIT_RE.captures(text)?;
    let by = caps.name("by")?.as_str().trim();
    let authors = if let Some(byline) = parse_byline(by) {
        byline.authors
    } else if by.split_whitespace().all(|w| is_name_only(w) && !EDITORIAL_MARKS.contains(&w))
        && by.split_whitespace().count() <= 3
    {
        by.split_whitespace().map(|n| Author::new(n, "")).collect()
    } else {
        return None;
    };
    let start = caps.get(0)?.start();
    let rest = text[..start].trim_end().to_string();
    (!rest.is_empty()).then_some((rest, authors))
}

static PHOTO_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(
        r"(?:^|[\s（(。])(?:[^\s（(]*?(?:记者|通讯员)\s*)?(?P<name>[\p{Han}·]{2,4})\s*(?P<role>摄|供图)[)）]?\s*$",
    )
});

/// The photographer a caption credits: `文尚龙 摄`, `（湖北日报全媒记者 田悦 摄）`.
pub fn photo_credit(caption: &str) -> Option<Author> {
    if !caption.contains('摄') && !caption.contains("供图") {
        return None;
    }
    let caps = PHOTO_CREDIT_RE.captures(caption)?;
    let name = caps.name("name")?.as_str();
    if name.ends_with('日') || name.contains("记者") {
        return None;
    }
    Some(Author::new(name, "摄影"))
}

/// Does the paragraph end with a photo credit, as captions do?
pub fn has_photo_credit(text: &str) -> bool {
    photo_credit(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(authors: &[Author]) -> Vec<(String, String)> {
        authors.iter().map(|a| (a.name.clone(), a.role.clone())).collect()
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_mid_sentence("协助社区做好卡口值守、入户排查等工作。由小区党小组"));
        assert!(ends_mid_sentence("在皇台街道高阳小区,他们检查社区"));
        assert!(!ends_mid_sentence("目前，党校教职工分别战斗在隔离观察点、30余个社区。"));
        assert!(!ends_mid_sentence("十堰市城市热力管理办公室"));
        assert!(!ends_mid_sentence("“我必须走在前面！”"));
    }

    #[test]
    fn headline_lines() {
        assert!(is_title_like("守住东大门 打好阻击战"));
        assert!(is_title_like("疫情就是命令,防控就是责任"));
        assert!(is_title_like("“所有人都在努力与时间赛跑”"));
        assert!(!is_title_like("对防控工作人员对工作人员一次性奖励500元。"));
        assert!(!is_title_like("图为务工人员与列车员合影"));
        assert!(is_title_like("高新区企业、爱心人士踊跃捐款捐物"));
        assert!(!is_title_like("发布时间：2021-03-10 10:20"));
        assert!(!is_subheading_like("1月30日上午9点,在遵化店镇平东社区党群服务站,13名佩戴党徽、身穿志愿"));
        assert!(!is_subheading_like("该区用视频会议代替传统集中开会模式,截至目前已召开60"));
        assert!(is_subheading_like("疫情就是命令,防控就是责任"));
        assert!(is_title_like(
            "沧海横流显本色 战“疫”一线党旗红——全国各领域基层党组织和广大党员奋力打好疫情防控阻击战"
        ));
        assert_eq!(dash_subtitle("——记神马尼龙社区党支部书记钱永刚"), Some("记神马尼龙社区党支部书记钱永刚"));
        assert_eq!(
            split_inline_subtitle("坚实的底盘——湖北战“疫”中的社区作为"),
            ("坚实的底盘".into(), "湖北战“疫”中的社区作为".into())
        );
    }

    #[test]
    fn name_only_lines() {
        assert!(is_name_only("潘世新"));
    }

    #[test]
    fn datelines() {
        let d = parse_dateline("本报讯 记者曹雨 罗伟报道：2月26日23时，京能十堰热电").unwrap();
        assert_eq!(d.printed, "本报讯 记者曹雨 罗伟报道：");
        assert_eq!(names(&d.authors), [("曹雨".into(), "记者".into()), ("罗伟".into(), "记者".into())]);
        let d = parse_dateline("本报讯(记者高轶鹏 通讯员马亚伟)2月4日,记者从").unwrap();
        assert_eq!(d.authors.len(), 2);
        let d = parse_dateline("新华社武汉2月16日电(记者徐海波)发热人员").unwrap();
        assert_eq!((d.place.as_deref(), d.date), (Some("武汉"), Some((2, 16))));
        let d = parse_dateline("央广网河南分网2月21日消息（记者 汪宁 通讯员 甄浩鹏）自新冠肺炎").unwrap();
        assert_eq!(d.place.as_deref(), Some("河南"));
        assert_eq!(d.authors.len(), 2);
        assert!(parse_dateline("(上接第一版)经过近40分钟").is_some());
        let d = parse_dateline("新华社巴黎3月1日电（记者张三）法国").unwrap();
        assert_eq!((d.place.as_deref(), d.date, d.authors.len()), (Some("巴黎"), Some((3, 1)), 1));
        let d = parse_dateline("中新网华盛顿2月29日电 美国").unwrap();
        assert_eq!(
            (d.printed.as_str(), d.place.as_deref(), d.date),
            ("中新网华盛顿2月29日电", Some("华盛顿"), Some((2, 29)))
        );
        let d = parse_dateline("新华社布鲁塞尔3月2日电 欧盟").unwrap();
        assert_eq!(d.place.as_deref(), Some("布鲁塞尔"));
        assert_eq!(parse_dateline("全社会3月1日起实行"), None);
        assert_eq!(parse_dateline("2月27日下午，广西"), None);
    }

    #[test]
    fn datelines_of_any_outlet_and_opening_bylines() {
        let d = parse_dateline("荆楚网3月1日讯（记者 张三 整合）连日来，").unwrap();
        assert_eq!((d.printed.as_str(), d.date), ("荆楚网3月1日讯（记者 张三 整合）", Some((3, 1))));
        assert_eq!(names(&d.authors), [("张三".into(), "记者".into())]);
        let d = parse_dateline("新华社武汉2月16日电（记者 张三、李四）发热人员").unwrap();
        assert_eq!(names(&d.authors), [("张三".into(), "记者".into()), ("李四".into(), "记者".into())]);
        let d = parse_dateline("中新社北京3月2日电 记者从").unwrap();
        assert_eq!(d.place.as_deref(), Some("北京"));
        let d = parse_dateline("（记者 张三 通讯员 李四）3月1日，").unwrap();
        assert_eq!(d.printed, "（记者 张三 通讯员 李四）");
        assert_eq!(d.authors.len(), 2);
        let d = parse_dateline("(文/图 张三 李四)3月1日，").unwrap();
        assert_eq!(d.authors.len(), 2);
        for lead in ["（下转第二版）经过", "（图为志愿者在分发口罩）", "（完）", "公安机关于3月1日讯问了他。"]
        {
            assert_eq!(parse_dateline(lead), None, "{lead}");
        }
    }

    #[test]
    fn credits() {
        let (rest, authors) = split_trailing_credit("也在老百姓心中树起一面面飘扬的党旗。（朱敏）").unwrap();
        assert_eq!(rest, "也在老百姓心中树起一面面飘扬的党旗。");
        assert_eq!(authors[0].name, "朱敏");
        assert_eq!(split_trailing_credit("目前收治372名患者。(转自2月16日《人民日报》)"), None);
        let (_, authors) = split_trailing_credit("正文。（文/张三 图/李四）").unwrap();
        assert_eq!(names(&authors), [("张三".into(), "作者".into()), ("李四".into(), "摄影".into())]);
        let (_, authors) = split_trailing_credit("正文。（记者 张三 通讯员 李四）").unwrap();
        assert_eq!(authors.len(), 2);
        assert_eq!(split_trailing_credit("正文。（下转第二版）"), None);
        assert_eq!(split_trailing_credit("正文。（图为志愿者在分发口罩）"), None);
        assert_eq!(split_trailing_credit("正文。（完）"), None);
        assert_eq!(split_trailing_credit("正文。（待续）"), None);
        assert_eq!(split_trailing_credit("正文。（资料图）"), None);
        assert_eq!(photo_credit("查看人员出入情况登记详情。文尚龙 摄").unwrap().name, "文尚龙");
        assert_eq!(photo_credit("守好社区防控阵地。 （湖北日报全媒记者 田悦 摄）").unwrap().name, "田悦");
        assert_eq!(photo_credit("捐款活动现场（央广网发 通讯员 吴豪博 供图）").unwrap().name, "吴豪博");
        assert_eq!(photo_credit("讨论当日分工安排(2月11日摄)。"), None);
    }
}
