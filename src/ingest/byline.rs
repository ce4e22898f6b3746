//! Bylines: who wrote, photographed and edited an article, read from a line
//! or parenthesis made only of roles and names, as an editor reads it.
//!
//! - Roles: any outlet's reporter (`十堰日报记者`, `本报记者`, `记者`), 特约记者,
//!   通讯员, 作者 and `文/`, `文/图`; photographers `图/`, `摄影` or a closing
//!   `摄`/`供图`; editors 责任编辑 (责编), 编辑, 校对.
//! - Names: 2–4 Han characters, or Han parts joined by a middle dot
//!   (`阿依古丽·买买提`); several separated by spaces, `、` or `，`.
//! - A closing verb (`整合`, `报道` …) is allowed; anything else that is not
//!   a role or a name makes the text no byline, so `（下转第二版）` or
//!   `（图为志愿者在分发口罩）` stay in the body.

use crate::model::Author;
use regex::Regex;
use std::sync::LazyLock;

/// What a byline says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub authors: Vec<Author>,
    /// A dateline inside the byline: (month, day).
    pub date: Option<(u32, u32)>,
    pub place: Option<String>,
}

impl Byline {
    /// Does it name only photographers and editors?
    pub fn is_credit_only(&self) -> bool {
        !self.authors.iter().any(Author::is_writer)
    }
}

static ROLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(concat!(
        r"^(?:(?P<editor>责任编辑|责编|编辑|校对)",
        r"|(?P<text>文[/／]图|图[/／]文|文[/／]|作者)",
        r"|(?P<photo>图[/／]|摄影)",
        r"|(?P<reporter>\p{Han}{0,8}?(?:特约记者|记者|通讯员)))[：:/／]?",
    ))
});
static XINHUA_TOKEN_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compiled(r"^新华社(\p{Han}{2,3}?)(\d{1,2})月(\d{1,2})日电$"));

/// Verbs that may close a byline: `（记者 张三 整合）`.
/// Can `token` match [`ROLE_RE`]? Every role starts with one of these
/// characters or holds 记者 or 通讯员; a test before the regex.
fn may_open_with_role(token: &str) -> bool {
    token.starts_with(['责', '编', '校', '文', '图', '作', '摄'])
        || token.contains("记者")
        || token.contains("通讯员")
}

const CLOSING_VERBS: [&str; 6] = ["整合", "报道", "综合", "整理", "采写", "编译"];
/// Words that close a photographer's credit: `张三 摄`.
const PHOTO_MARKS: [&str; 3] = ["摄", "摄影", "供图"];

/// The edition's name for the role a matched prefix prints.
fn role_of(caps: &regex::Captures<'_>) -> &'static str {
    if let Some(m) = caps.name("editor") {
        return match m.as_str() {
            "责任编辑" | "责编" => "责任编辑",
            "编辑" => "编辑",
            _ => "校对",
        };
    }
    if caps.name("text").is_some() {
        return "作者";
    }
    if caps.name("photo").is_some() {
        return "摄影";
    }
    let printed = caps.name("reporter").map_or("", |m| m.as_str());
    if printed.ends_with("特约记者") {
        "特约记者"
    } else if printed.ends_with("通讯员") {
        "通讯员"
    } else {
        "记者"
    }
}

/// Words between an outlet and 记者 that qualify the reporter, not the outlet
/// (`湖北日报全媒记者`, `本报见习记者`).
const REPORTER_QUALIFIERS: [&str; 8] = ["全媒体", "全媒", "融媒体", "融媒", "首席", "见习", "实习", "特派"];

/// The outlet a reporter's role names (`人民日报` of `人民日报记者`); empty
/// for the paper's own (`本报记者`) or none (`记者`).
fn outlet_of(caps: &regex::Captures<'_>) -> String {
    let Some(printed) = caps.name("reporter").map(|m| m.as_str()) else {
        return String::new();
    };
    let mut outlet =
        ["特约记者", "记者", "通讯员"].iter().find_map(|role| printed.strip_suffix(role)).unwrap_or_default();
    while let Some(rest) = REPORTER_QUALIFIERS.iter().find_map(|q| outlet.strip_suffix(q)) {
        outlet = rest;
    }
    if outlet.starts_with('本') || outlet.chars().count() < 2 {
        return String::new();
    }
    outlet.to_string()
}

/// A person's name: 2–4 Han characters, or Han parts joined by middle dots.
pub fn is_name(text: &str) -> bool {
    let is_han = super::text::is_han;
    let parts: Vec<&str> = text.split(['·', '•', '・']).collect();
    if parts.len() == 1 {
        return (2..=4).contains(&text.chars().count()) && text.chars().all(is_han);
    }
    parts.len() <= 3
        && parts.iter().all(|p| (1..=6).contains(&p.chars().count()) && p.chars().all(is_han))
        && text.chars().count() <= 12
}

fn strip_parens(text: &str) -> &str {
    let t = text.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim();
        }
    }
    t
}

/// Parses a line or parenthesis made only of roles and names, e.g.
/// `记者叶楚峰 特约记者刘爱理 通讯员陈宇`, `（文/张三 图/李四）`, `记者 张三 摄`,
/// `责任编辑：张三`, `新华社记者 林晖 新华社北京2月16日电`.
pub fn parse_byline(text: &str) -> Option<Byline> {
    let inner = strip_parens(text);
    if inner.chars().count() > 60 {
        return None;
    }
    let mut tokens: Vec<&str> = inner
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .filter(|t| !t.is_empty())
        .collect();
    let photo = tokens.last().is_some_and(|t| PHOTO_MARKS.contains(t)) && tokens.len() > 1;
    let verb = tokens.last().is_some_and(|t| CLOSING_VERBS.contains(t)) && tokens.len() > 1;
    if photo || verb {
        tokens.pop();
    }
    let mut byline = Byline::default();
    let mut role: Option<&'static str> = photo.then_some("摄影");
    let mut outlet = String::new();
    for token in tokens {
        // The cheap tests first: most tokens are neither (this runs on every short line).
        if token.starts_with("新华社")
            && let Some(caps) = XINHUA_TOKEN_RE.captures(token)
        {
            byline.place = Some(caps[1].to_string());
            byline.date = Some((caps[2].parse().ok()?, caps[3].parse().ok()?));
            continue;
        }
        let mut rest = token;
        if may_open_with_role(rest)
            && let Some(caps) = ROLE_RE.captures(rest)
        {
            role = Some(if photo { "摄影" } else { role_of(&caps) });
            outlet = outlet_of(&caps);
            rest = &rest[caps.get(0)?.end()..];
            if rest.is_empty() {
                continue;
            }
        }
        let role = role?;
        if !is_name(rest) {
            return None;
        }
        byline.authors.push(Author { outlet: outlet.clone(), ..Author::new(rest, role) });
    }
    (!byline.authors.is_empty()).then_some(byline)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        let byline = parse_byline(text).unwrap_or_else(|| panic!("{text} is a byline"));
        byline.authors.iter().map(|a| (a.name.clone(), a.role.clone())).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, r)| (n.to_string(), r.to_string())).collect()
    }

    #[test]
    fn reporters_and_correspondents() {
        assert_eq!(
            names("记者叶楚峰 特约记者刘爱理 通讯员陈宇"),
            pairs(&[("叶楚峰", "记者"), ("刘爱理", "特约记者"), ("陈宇", "通讯员")])
        );
        assert_eq!(names("(本报记者 高轶鹏 通讯员 张攻关)").len(), 2);
        assert_eq!(names("（记者 张三 通讯员 李四）"), pairs(&[("张三", "记者"), ("李四", "通讯员")]));
        let b = parse_byline("新华社记者 林晖 人民日报记者 孟祥夫 新华社北京2月16日电").unwrap();
        assert_eq!(b.authors.len(), 2);
        assert_eq!((b.place.as_deref(), b.date), (Some("北京"), Some((2, 16))));
    }

    #[test]
    fn a_reporter_keeps_the_outlet_the_byline_names() {
        let b = parse_byline("新华社记者 林晖 人民日报记者 孟祥夫 新华社北京2月16日电").unwrap();
        let outlets: Vec<&str> = b.authors.iter().map(|a| a.outlet.as_str()).collect();
        assert_eq!(outlets, ["新华社", "人民日报"]);
        let outlet = |text: &str| parse_byline(text).unwrap().authors[0].outlet.clone();
        assert_eq!(outlet("湖北日报全媒记者 蔡朝阳"), "湖北日报");
        assert_eq!(outlet("本报见习记者 张三"), "");
        assert_eq!(outlet("记者 张三"), "");
        assert_eq!(outlet("（本报记者 高轶鹏 通讯员 张攻关）"), "");
    }

    #[test]
    fn any_outlets_reporter() {
        assert_eq!(names("十堰日报记者 张三"), pairs(&[("张三", "记者")]));
        assert_eq!(names("云梦晚报特约记者王小明"), pairs(&[("王小明", "特约记者")]));
        assert_eq!(names("记者 张三 整合"), pairs(&[("张三", "记者")]));
    }

    #[test]
    fn several_names_and_dotted_names() {
        assert_eq!(
            names("记者 张三、李四，王五"),
            pairs(&[("张三", "记者"), ("李四", "记者"), ("王五", "记者")])
        );
        assert_eq!(names("记者 阿依古丽·买买提"), pairs(&[("阿依古丽·买买提", "记者")]));
        assert!(!is_name("张"));
        assert!(!is_name("张三李四王五"));
    }

    #[test]
    fn text_and_picture_credits() {
        assert_eq!(names("(文/图 张三 李四)"), pairs(&[("张三", "作者"), ("李四", "作者")]));
        assert_eq!(names("（文/张三 图/李四）"), pairs(&[("张三", "作者"), ("李四", "摄影")]));
        assert_eq!(names("文/图 本报记者 王耀 通讯员 王波")[0], ("王耀".into(), "记者".into()));
        assert_eq!(names("张三 摄"), pairs(&[("张三", "摄影")]));
        assert_eq!(names("记者 张三 摄"), pairs(&[("张三", "摄影")]));
        assert!(parse_byline("张三 摄").unwrap().is_credit_only());
        assert!(!parse_byline("记者 张三").unwrap().is_credit_only());
    }

    #[test]
    fn editors() {
        assert_eq!(names("责任编辑：张三"), pairs(&[("张三", "责任编辑")]));
        assert_eq!(names("编辑：张三"), pairs(&[("张三", "编辑")]));
        assert_eq!(names("责编：张三 校对：李四"), pairs(&[("张三", "责任编辑"), ("李四", "校对")]));
        assert!(parse_byline("责任编辑：张三").unwrap().is_credit_only());
    }

    #[test]
    fn ordinary_words_are_no_byline() {
        for text in [
            "（下转第二版）",
            "（图为志愿者在分发口罩）",
            "（完）",
            "疫情就是命令，防控就是责任",
            "潘世新",
            "张三 李四",
            "编辑部召开会议",
            "本报记者从市卫健委获悉",
            "文明城市",
            "摄",
            "（整合）",
        ] {
            assert_eq!(parse_byline(text), None, "{text}");
        }
    }
}
