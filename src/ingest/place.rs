//! Places: a cleaned draft (and its date) in, its `regions` and `places`
//! out, read as an editor reads them.
//!
//! The text is folded to simplified characters first ([`crate::hanzi`], for
//! resolution only: the article's text is never changed), so `臺北`, `廣東`
//! resolve like `台北`, `广东`. Names are found and resolved by the gazetteer
//! ([`crate::gazetteer`]), which already leaves out names inside a person's
//! name or a longer word and prefers the longest reading; a former name
//! (`郧县`) resolves to its successor, with a note.
//!
//! The primary region, in order:
//! - the article of a local paper sits in the paper's home region, refined
//!   to the county the headline names, or to the one county the text names
//!   unless the story is city-wide (`全市`, `全城`; `全省` for a province) or
//!   names two or more of the home's counties: then the named counties are
//!   places;
//! - else an article naming four or more Chinese provinces and none in its
//!   headline is national (全国), and one naming four or more countries, no
//!   Chinese place and none in its headline or dateline is foreign news in
//!   general (国外);
//! - else the place its headline names, else the dateline's, else the first
//!   place in the text;
//! - when that place is a visiting team's home (`辽宁援襄医疗队`, `辽宁支援武汉
//!   医疗队`) and the text says where the team went (`抵达襄阳`, `奔赴武汉`),
//!   the destination is primary and the home a place, flagged for review;
//!   a visitors' story without a destination keeps its home, flagged too.
//!
//! The dateline's place (`新华社香港3月5日电`) frames the text like a home
//! region: it supports the short names of its districts (`沙田`).
//!
//! Every other place named is listed under `places`, without the ancestors
//! of another. Foreign countries are places like any other (`国外/法国`) and
//! never count as provinces.

use super::draft::{Draft, NoteKind};
use crate::gazetteer::{ABROAD, Gazetteer, Level, Mention, NameKind};
use chrono::{Datelike, NaiveDate};

/// Words after a place name that make it a visiting team's home (援襄, 支援武汉).
const VISITORS: &[&str] = &["援", "支援", "驰援", "医疗队", "专家组", "援助"];

/// Words before a place name that say where a team went.
const ARRIVAL: &[&str] = &["抵达", "到达", "奔赴", "驰援", "支援", "进驻", "赶赴", "来到", "援助"];

/// `text` in simplified characters, for finding names only.
pub fn fold(text: &str) -> String {
    crate::hanzi::to_simplified(text)
}

/// `regions` (primary first) and `places` of a draft dated `date` (see the
/// module's doc). An article that names no place at all, in a source with no
/// home region, is put under 全国 and flagged for review.
pub fn regions_of(
    draft: &mut Draft,
    home: Option<u32>,
    date: Option<NaiveDate>,
) -> (Vec<String>, Vec<String>) {
    let gazetteer = Gazetteer::embedded();
    let home_context: Vec<u32> = home.into_iter().collect();
    let place = fold(draft.dateline.as_ref().and_then(|d| d.place.as_deref()).unwrap_or(""));
    let in_dateline = gazetteer.resolve(&place, &home_context);
    // The dateline's place frames the text like a home region (新华社香港…电
    // … 沙田 is 香港's 沙田区).
    let context: Vec<u32> = home.into_iter().chain(in_dateline.iter().copied()).collect();
    let headline = fold(&format!("{} {} {}", draft.kicker, draft.title, draft.subtitle));
    // The headline, then the body's units a line each, folded in one buffer.
    let length = draft.body.iter().map(|u| u.text.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(headline.len() + length);
    text.push_str(&headline);
    text.push('\n');
    for (i, unit) in draft.body.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        crate::hanzi::push_simplified(&mut text, &unit.text);
    }
    let body = &text[headline.len() + 1..];
    let mentions = gazetteer.find_mentions(&text);
    let all = gazetteer.resolve_mentions(&mentions, &context);
    let in_title = gazetteer.resolve(&headline, &context);
    note_former_names(draft, &mentions, date);

    let mut primary = match home {
        Some(home) => Some(local_primary(&all, &in_title, body, home)),
        None => other_primary(&all, &in_title, &in_dateline),
    };
    if home.is_none()
        && let Some(code) = primary
    {
        primary = Some(visitors_destination(draft, &text, &mentions, &all, code));
    }

    let regions = if let Some(code) = primary {
        vec![gazetteer.path_string(code)]
    } else {
        if all.is_empty() {
            let line = draft.first_line();
            draft.flag(
                line,
                "the text names no place: region set to 全国; give the right one with a `set` fix",
            );
        }
        vec!["全国".to_string()]
    };
    (regions, other_places(&all, primary))
}

fn is_under(code: u32, ancestor: u32) -> bool {
    Gazetteer::embedded().lineage(code).any(|c| c == ancestor)
}

fn level(code: u32) -> Option<Level> {
    Gazetteer::embedded().get(code).map(|d| d.level)
}

/// The most specific of `codes` (within `within`, if given), the first of
/// equals.
fn deepest(codes: &[u32], within: Option<u32>) -> Option<u32> {
    let depth = |code: u32| level(code).map_or(0, |l| l as u8);
    let mut best: Option<u32> = None;
    for &code in codes {
        if within.is_some_and(|w| !is_under(code, w)) {
            continue;
        }
        if best.is_none_or(|b| depth(code) > depth(b)) {
            best = Some(code);
        }
    }
    best
}

/// A local paper's article: the home region, or the county the story is
/// about (see the module's doc).
fn local_primary(all: &[u32], in_title: &[u32], body: &str, home: u32) -> u32 {
    let counties: Vec<u32> = all
        .iter()
        .copied()
        .filter(|&c| c != home && is_under(c, home) && level(c) == Some(Level::County))
        .collect();
    if let Some(c) = in_title.iter().copied().find(|c| counties.contains(c)) {
        return c;
    }
    let wide: &[&str] =
        if level(home) == Some(Level::Province) { &["全省"] } else { &["全市", "全城"] };
    let city_wide = wide.iter().any(|w| body.contains(w));
    match counties[..] {
        [one] if !city_wide => one,
        _ => deepest(all, Some(home)).filter(|&c| level(c) != Some(Level::County)).unwrap_or(home),
    }
}

/// An article without a home region: national, or the headline's place, the
/// dateline's, the first named.
fn other_primary(all: &[u32], in_title: &[u32], in_dateline: &[u32]) -> Option<u32> {
    let gazetteer = Gazetteer::embedded();
    let provinces: std::collections::BTreeSet<u32> = all
        .iter()
        .filter_map(|&c| gazetteer.lineage(c).last())
        .filter(|&p| gazetteer.get(p).is_some_and(|d| d.name != ABROAD))
        .collect();
    if provinces.len() >= 4 && in_title.is_empty() {
        return None;
    }
    let abroad = gazetteer.by_name(ABROAD).first().map(|d| d.code);
    let countries = all.iter().filter(|&&c| gazetteer.get(c).is_some_and(|d| d.parent == abroad)).count();
    if countries >= 4 && provinces.is_empty() && in_title.is_empty() && in_dateline.is_empty() {
        return abroad;
    }
    deepest(in_title, None)
        .or_else(|| in_dateline.first().and_then(|&d| deepest(all, Some(d)).or(Some(d))))
        .or_else(|| all.first().copied())
}

/// Whether `name` is the name of `code`, full or short.
fn names(code: u32, name: &str) -> bool {
    Gazetteer::embedded().get(code).is_some_and(|d| d.name == name || d.short_name() == name)
}

/// When `primary` is the home of a visiting team, the place the text says
/// the team went to, if it says; else `primary`. A visitors' story is
/// flagged for review either way.
fn visitors_destination(
    draft: &mut Draft,
    text: &str,
    mentions: &[Mention],
    all: &[u32],
    primary: u32,
) -> u32 {
    let gazetteer = Gazetteer::embedded();
    let visiting = mentions
        .iter()
        .any(|m| m.codes.contains(&primary) && VISITORS.iter().any(|w| text[m.end()..].starts_with(w)));
    if !visiting {
        return primary;
    }
    let home = gazetteer.path_string(primary);
    let destination = mentions
        .iter()
        .filter(|m| ARRIVAL.iter().any(|w| text[..m.start].ends_with(w)))
        .find_map(|m| all.iter().copied().find(|&c| names(c, m.text) && !is_under(c, primary)));
    let line = draft.first_line();
    if let Some(code) = destination {
        let to = gazetteer.path_string(code);
        draft.flag(line, format!("region {to}, where the visiting team from {home} went; check"));
        return code;
    }
    draft.flag(line, format!("region {home} is a visiting team's home: give where the story happens"));
    primary
}

/// Every division named other than the primary, without the ancestors of
/// another.
fn other_places(all: &[u32], primary: Option<u32>) -> Vec<String> {
    let gazetteer = Gazetteer::embedded();
    let mut places: Vec<String> = Vec::new();
    for &code in all {
        let covered = primary.is_some_and(|p| is_under(p, code))
            || all.iter().any(|&other| other != code && is_under(other, code));
        let path = gazetteer.path_string(code);
        if Some(code) != primary && !covered && !places.contains(&path) {
            places.push(path);
        }
    }
    places
}

/// Notes each former name the text's `mentions` use (`郧县`) with its successor.
fn note_former_names(draft: &mut Draft, mentions: &[Mention], date: Option<NaiveDate>) {
    let gazetteer = Gazetteer::embedded();
    let mut seen = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == NameKind::Former) {
        let Some(r) = gazetteer.renaming(m.text) else { continue };
        if seen.contains(&r.old_name) {
            continue;
        }
        seen.push(r.old_name);
        let now = gazetteer.path_string(r.new_code);
        let when = match date {
            Some(d) if d.year() < r.year => "its division today",
            _ => "its successor",
        };
        let line = draft.first_line();
        draft.note(
            NoteKind::FormerName,
            line,
            format!("{} ({}) read as {when} {now} ({})", r.old_name, r.year, r.notice),
        );
    }
}

#[cfg(test)]
#[path = "place_tests.rs"]
mod tests;
