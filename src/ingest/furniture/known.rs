//! Furniture a page carries whatever its site: a short committed list of
//! well-known widgets and appeals, and the headline printed again in the body.

use crate::ingest::text::char_len;
use crate::model::compact;
use regex::Regex;
use std::sync::LazyLock;

/// Well-known page furniture, each as a pattern of the words that are
/// dropped wherever they stand in a line. `责任编辑` is not among them: it
/// is a byline (`crate::ingest::byline`).
static FURNITURE: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // 字号 大 中 小, 【字体：大 中 小】, [字号：大 中 小]
        (r"[【\[]?\s*(?:字号|字体)\s*[：:]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*){3}[】\]]?", "font-size switch"),
        // 【打印本页】【关闭窗口】, [打印] [关闭], 打印本页 关闭窗口
        (r"(?:[【\[]\s*)?(?:打印本页|打印此页|打印文章|关闭窗口|关闭本页|我要纠错|收藏本页|返回顶部)(?:\s*[】\]])?", "print and close links"),
        (r"[【\[]\s*(?:打印|关闭|收藏|纠错)\s*[】\]]", "print and close links"),
        // 上一篇：… 下一篇：…
        (r"(?:上一篇|下一篇)\s*[：:][^。]{0,60}?(?:\s|$)", "links to the previous and next story"),
        // 分享到：微信 微博 QQ空间
        (r"分享(?:到|至)\s*[：:].{0,40}$", "share widget"),
        // 扫一扫在手机打开当前页
        (r"扫一扫在手机(?:上)?(?:打开|阅读|浏览)(?:当前页|本页|本文)?", "share widget"),
        // WeChat footers
        // (a line of its own, not a sentence that tells readers where to look)
        (r"^[^。]{0,30}(?:长按(?:识别)?(?:图中)?二维码|扫码关注|扫描二维码关注|关注(?:我们的)?(?:微信)?公众号|点击(?:上方)?蓝字关注|点个[“\x22]?在看|点击[“\x22]?阅读原文)[^。]{0,40}$", "WeChat footer"),
        // 欢迎订阅…, 订阅热线：…
        (r"^[^。]{0,40}(?:欢迎订阅|敬请订阅|订阅热线|征订热线|订阅电话|邮发代号)[^。]{0,60}$", "subscription appeal"),
    ]
    .iter()
    .map(|(re, what)| (crate::pattern::compiled(re), *what))
    .collect()
});

/// Words of which every pattern of [`FURNITURE`] needs one: a line holding
/// none of them holds no furniture, and most lines are read once, here (an
/// alternation of literals, which the regex engine scans with SIMD).
static FURNITURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(
        "字号|字体|打印|关闭|收藏|纠错|返回顶部|上一篇|下一篇|分享|扫一扫|二维码|关注|点个|阅读原文|订阅|征订|邮发代号",
    )
});

/// The line with every piece of well-known furniture taken out, and what
/// was taken; `None` when it holds none.
pub fn strip_furniture(text: &str) -> Option<(String, Vec<&'static str>)> {
    if !FURNITURE_WORDS.is_match(text) {
        return None;
    }
    let mut rest = text.to_string();
    let mut found = Vec::new();
    for (re, what) in FURNITURE.iter() {
        if re.is_match(&rest) {
            rest = re.replace_all(&rest, " ").into_owned();
            if !found.contains(what) {
                found.push(*what);
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((rest, found))
}

/// Is what furniture left of a line nothing to read (empty, or marks only)?
pub fn is_leftover(text: &str) -> bool {
    !text.chars().any(|c| c.is_alphanumeric())
}

/// Does the line print the article's headline again: the same words, or
/// the headline with the site's name after it (`标题_某某网`)?
pub fn repeats_headline(text: &str, title: &str, subtitle: &str) -> bool {
    // Such a line opens with the title's first character (past white space
    // and brackets): a test that spares most lines the compacting below.
    let opening = text.chars().find(|c| !c.is_whitespace() && !matches!(c, '【' | '['));
    if opening.is_none() || opening != title.chars().find(|c| !c.is_whitespace()) {
        return false;
    }
    let (line, title) = (compact(text), compact(title));
    if char_len(&title) < 4 {
        return false;
    }
    let full = format!("{title}{}", compact(subtitle));
    let strip = |t: &str| t.trim_start_matches(['【', '[']).trim_end_matches(['】', ']']).to_string();
    let line = strip(&line);
    if line == title || line == full || line == format!("{title}——{}", compact(subtitle)) {
        return true;
    }
    line.strip_prefix(&title).is_some_and(|rest| {
        rest.starts_with(['_', '-', '|', '｜', '—']) && char_len(rest) <= 20 && !rest.contains('。')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_furniture_leaves_the_line_and_the_rest_stays() {
        let (rest, what) = strip_furniture("来源：城北日报 发布时间：2021-03-12 字号：大 中 小").unwrap();
        assert_eq!(rest, "来源：城北日报 发布时间：2021-03-12");
        assert_eq!(what, ["font-size switch"]);
        let (rest, _) = strip_furniture("【打印本页】【关闭窗口】").unwrap();
        assert!(is_leftover(&rest), "{rest}");
        for line in [
            "分享到：微信 微博 QQ空间",
            "长按识别二维码，关注“城北发布”",
            "欢迎订阅2021年《城北日报》，订阅热线：12345678",
            "[打印] [关闭]",
            "上一篇：城西老街改造完工 下一篇：城西菜市场恢复营业",
        ] {
            let (rest, _) = strip_furniture(line).unwrap();
            assert!(is_leftover(&rest), "{line} → {rest}");
        }
    }

    #[test]
    fn words_that_merely_resemble_furniture_stay() {
        for line in [
            "责任编辑：张三",
            "居民可关注公众号了解详情，也可拨打热线咨询。",
            "市邮政分公司介绍，今年的报刊征订工作已经启动，订阅热线将延长服务时间。",
            "市民们纷纷关注此事，并把消息分享给亲友。",
            "大中小学生将分批返校，返校前要做好健康监测，学校要做好防疫物资储备和应急预案，确保万无一失。",
            "他说，订阅报纸是他几十年的习惯，每年都会在第一时间续订，从未间断，这份报纸陪伴了他的大半生，也见证了这座城市的变迁与发展。",
        ] {
            assert_eq!(strip_furniture(line), None, "{line}");
        }
    }

    #[test]
    fn the_headline_again_in_the_body() {
        assert!(repeats_headline("城北新区举办植树活动", "城北新区举办植树活动", ""));
        assert!(repeats_headline("城北新区举办植树活动_城北新闻网", "城北新区举办植树活动", ""));
        assert!(repeats_headline(
            "城北新区举办植树活动——千人共植一片林",
            "城北新区举办植树活动",
            "千人共植一片林"
        ));
        assert!(!repeats_headline("城北新区举办植树活动，千人参加。", "城北新区举办植树活动", ""));
        assert!(!repeats_headline("植树", "植树", ""));
    }
}
