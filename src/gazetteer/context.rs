//! Context around a match: a place name in its text in, whether the text
//! uses it as a place out. A name is no place when it is part of a person's
//! name (`副秘书长张广东`: a surname before it, a title before the surname or
//! a name-shaped word after it) or of a longer word (`遵化店镇平东社区`: the
//! name begins with the 镇 that closes `…店镇` and runs on into `平东社区`),
//! and a country or nationality name followed by 族 (`朝鲜族`) is a people.

/// Common single-character surnames (the hundred most frequent).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Titles and roles written directly before a person's name
/// (`副秘书长张广东`, `记者李江西`).
const TITLES: &[&str] = &[
    "秘书长",
    "书记",
    "主任",
    "主席",
    "委员",
    "记者",
    "通讯员",
    "局长",
    "市长",
    "县长",
    "省长",
    "区长",
    "镇长",
    "村长",
    "院长",
    "校长",
    "所长",
    "站长",
    "处长",
    "科长",
    "部长",
    "厂长",
    "队长",
    "董事长",
    "经理",
    "教授",
    "医生",
    "护士",
    "老师",
    "民警",
    "干部",
    "党员",
    "代表",
    "同志",
    "师傅",
    "村民",
    "居民",
    "志愿者",
    "负责人",
    "编辑",
    "作者",
    "摄影",
];

/// Words that follow a person's name (`张广东说`, `张广东同志`).
const AFTER_NAME: &[&str] =
    &["同志", "先生", "女士", "老人", "说", "表示", "介绍", "告诉", "称", "坦言", "回忆", "等人", "一家"];

/// Settlement suffixes that end one name and may begin the next match
/// (`店镇|平东` read as `镇平`).
const SUFFIX_STARTS: &[char] = &['镇', '乡', '村', '街', '寨', '庄'];

/// Words ending the names of communities and villages (`平东社区`).
const LOCAL_ENDS: &[&str] = &["社区", "村", "小区", "街道", "居委会", "组", "屯"];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether the match `text[start..end]` is part of a person's name: a
/// surname directly before it, and a title before the surname or a word
/// after the name that follows names.
pub(super) fn in_person_name(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let Some(surname) = before.chars().next_back() else {
        return false;
    };
    if !SURNAMES.contains(surname) {
        return false;
    }
    let before_surname = &before[..before.len() - surname.len_utf8()];
    let after = &text[end..];
    TITLES.iter().any(|t| before_surname.ends_with(t)) || AFTER_NAME.iter().any(|w| after.starts_with(w))
}

/// Whether the match `text[start..end]` is the inside of a longer name: it
/// begins with a settlement suffix that closes the word before it (a
/// character directly before, which no other match ends at `prev_end`), and
/// runs on, with at most two more characters, into the name of a community
/// or village.
pub(super) fn inside_longer_name(text: &str, start: usize, end: usize, prev_end: Option<usize>) -> bool {
    let Some(first) = text[start..end].chars().next() else {
        return false;
    };
    let closes_word = SUFFIX_STARTS.contains(&first)
        && text[..start].chars().next_back().is_some_and(is_han)
        && prev_end != Some(start);
    if !closes_word {
        return false;
    }
    let after = &text[end..];
    let run: Vec<(usize, char)> = after.char_indices().take(3).collect();
    (0..run.len()).any(|k| {
        let (at, _) = run[k];
        run[..k].iter().all(|&(_, c)| is_han(c)) && LOCAL_ENDS.iter().any(|w| after[at..].starts_with(w))
    })
}

/// Whether a country's name is followed by 族 (`朝鲜族`, `俄罗斯族`): a
/// people of China, not the country.
pub(super) fn is_people(text: &str, end: usize) -> bool {
    text[end..].starts_with('族')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, name: &str) -> (usize, usize) {
        let start = text.find(name).unwrap_or_else(|| panic!("{name} not in {text}"));
        (start, start + name.len())
    }

    #[test]
    fn a_surname_and_a_title_make_a_person() {
        let t = "省政协副秘书长张广东出席";
        let (s, e) = at(t, "广东");
        assert!(in_person_name(t, s, e));
        let t = "见张江西。";
        let (s, e) = at(t, "江西");
        assert!(!in_person_name(t, s, e), "no title and no word after the name");
        let t = "据张江西介绍";
        let (s, e) = at(t, "江西");
        assert!(in_person_name(t, s, e));
        let t = "王湖北说";
        let (s, e) = at(t, "湖北");
        assert!(in_person_name(t, s, e));
    }

    #[test]
    fn a_preposition_that_is_also_a_surname_is_no_person() {
        for (t, name) in [("向广东捐赠物资", "广东"), ("于广东召开", "广东"), ("在广东工作", "广东")]
        {
            let (s, e) = at(t, name);
            assert!(!in_person_name(t, s, e), "{t}");
        }
    }

    #[test]
    fn a_name_inside_a_town_and_community_name() {
        let t = "遵化店镇平东社区";
        let (s, e) = at(t, "镇平");
        assert!(inside_longer_name(t, s, e, None));
        // The suffix closes a place name matched before it: 江苏|镇江.
        let t = "江苏镇江村民";
        let (s, e) = at(t, "镇江");
        assert!(!inside_longer_name(t, s, e, Some(s)));
        // No community name after it.
        let t = "支援镇江市";
        let (s, e) = at(t, "镇江");
        assert!(!inside_longer_name(t, s, e, None));
        let t = "，镇平东社区";
        let (s, e) = at(t, "镇平");
        assert!(!inside_longer_name(t, s, e, None), "nothing before the 镇");
    }

    #[test]
    fn nationalities_are_not_countries() {
        assert!(is_people("朝鲜族群众", "朝鲜".len()));
        assert!(!is_people("朝鲜半岛", "朝鲜".len()));
    }
}
