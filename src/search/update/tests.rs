//! Updates checked against the whole index of the edited site.

use super::*;
use crate::search::index;

fn basic() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
    crate::render::prepare(&root, None).unwrap().site
}

/// `before`'s index updated for `after`'s `changed` articles, as files,
/// or why not.
fn updated(before: &Site, after: &Site, changed: &[usize]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let old = index(before);
    let mut files: BTreeMap<String, Vec<u8>> = old.files.into_iter().collect();
    let changed = changed.iter().map(|&i| after.articles[i].aligned.article.id.to_string()).collect();
    let made = Mutex::new(Vec::new());
    let read = |path: &str| files.get(path).cloned();
    let sink = |path: String, bytes: Vec<u8>| {
        made.lock().unwrap().push((path, bytes));
        Ok(())
    };
    let all = match update(&read, old.stats.totals, after, &changed, &sink).unwrap() {
        Update::Done { files, .. } => files,
        Update::Whole(why) => return Err(why),
    };
    files.extend(made.into_inner().unwrap());
    files.retain(|path, _| all.contains(path));
    Ok(files)
}

fn assert_same(updated: &BTreeMap<String, Vec<u8>>, site: &Site) {
    let whole: BTreeMap<String, Vec<u8>> = index(site).files.into_iter().collect();
    assert_eq!(updated.keys().collect::<Vec<_>>(), whole.keys().collect::<Vec<_>>());
    for (path, bytes) in &whole {
        assert!(updated[path] == *bytes, "{path} differs from a whole index's");
    }
}

#[test]
fn an_updated_index_is_the_whole_index_of_the_edited_site() {
    let before = basic();
    let mut after = basic();
    // Chinese the corpus has, in a new order; an English word form
    // added, one taken out; a title changed.
    after.articles[1].aligned.rows[0].zh.markdown.push_str("负压救护车");
    let en = after.articles[0].aligned.rows[0].en.as_mut().unwrap();
    *en = en.replace("received them", "welcomed zebras");
    after.articles[2].aligned.article.front.title.push_str("复工");
    assert_same(&updated(&before, &after, &[0, 1, 2]).unwrap(), &after);
    // Nothing changed: the same files.
    assert_same(&updated(&after, &after, &[1]).unwrap(), &after);
}

#[test]
fn what_renumbers_docs_or_the_folding_table_needs_the_whole_index() {
    let before = basic();
    let mut after = basic();
    let row = after.articles[1].aligned.rows[0].clone();
    after.articles[1].aligned.rows.push(row);
    assert!(updated(&before, &after, &[1]).unwrap_err().contains("number of blocks changed"));
    let mut after = basic();
    after.articles[1].aligned.rows[0].zh.markdown.push('龍');
    assert!(updated(&before, &after, &[1]).unwrap_err().contains("folding table"));
}

/// Sixteen articles of four blocks made from the fixture's first, with
/// `edit` applied to article i's title and blocks. 疫 is in ¶1 and ¶2 of
/// articles 0–11 and in ¶1 of 12–15: its lead's page is articles 0–9; 平
/// is in ¶3 of all but article 3: its page is 0–2 and 4–10.
fn sixteen(edit: impl Fn(usize, &mut String, &mut [String])) -> Site {
    let mut site = basic();
    let model = site.articles[0].clone();
    site.articles = (0..16)
        .map(|i| {
            let mut a = model.clone();
            a.aligned.article.id = crate::model::ArticleId::parse(&format!("a-{i}")).unwrap();
            a.aligned.translation = None;
            let mut title = "报道".to_string();
            let second = if i < 12 { "疫苗" } else { "天气" };
            let third = if i == 3 { "安定" } else { "平安" };
            let mut blocks = ["疫情", second, third, "无事"].map(String::from);
            edit(i, &mut title, &mut blocks);
            a.aligned.article.front.title = title;
            let row = a.aligned.rows[0].clone();
            a.aligned.rows = blocks
                .into_iter()
                .map(|b| {
                    let mut r = row.clone();
                    r.zh.markdown = b;
                    r.en = None;
                    r
                })
                .collect();
            a
        })
        .collect();
    site
}

/// `sixteen` edited as `edit` says, updated for the articles `changed`,
/// is the whole index of the edited site.
fn edited(changed: &[usize], edit: impl Fn(usize, &mut String, &mut [String])) {
    let before = sixteen(|_, _, _| {});
    let after = sixteen(edit);
    assert_same(&updated(&before, &after, changed).unwrap(), &after);
}

#[test]
fn an_edit_that_moves_an_article_onto_or_off_a_lead_s_page_updates_it_as_a_whole_index_has_it() {
    // Onto the page: article 13 with more hits than the last entry.
    edited(&[13], |i, _, b| {
        if i == 13 {
            b[2].insert(0, '疫');
            b[3].insert(0, '疫');
        }
    });
    // Onto it first, by a title hit.
    edited(&[15], |i, title, _| {
        if i == 15 {
            title.insert(0, '疫');
        }
    });
    // Off the page: article 2 down to one hit; article 14 without 疫.
    edited(&[2, 14], |i, _, b| {
        if i == 2 || i == 14 {
            b[i / 14] = "天气".into();
        }
    });
}

#[test]
fn an_edit_that_keeps_a_lead_s_page_keeps_ties_in_site_order_and_shows_the_new_text() {
    // Article 13 ties the last entry (9) and stays below it; article 5,
    // on the page, keeps its hits but its text and which blocks hold 疫
    // change; article 11, off the page, changes its text only.
    edited(&[5, 11, 13], |i, _, b| match i {
        13 => b[2].insert(0, '疫'),
        5 => {
            b[0].push_str("平安");
            b[1] = "天气".into();
            b[3].insert(0, '疫');
        }
        11 => b[2].push('事'),
        _ => {}
    });
    // A tie above the last entry: article 3 comes to hold 平 once, as
    // the last entry (10) does, and comes before it.
    edited(&[3], |i, _, b| {
        if i == 3 {
            b[2] = "平安".into();
        }
    });
    // Article 8 down to one hit and back.
    edited(&[8], |i, _, b| {
        if i == 8 {
            b[1] = "天气".into();
            b[2].insert(0, '疫');
        }
    });
}
