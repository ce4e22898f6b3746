//! Reading the table: `divisions.csv` in, a [`Gazetteer`] out, with its
//! indexes by code, full name, parent and the name matcher.

use super::{Division, Gazetteer, Level, NameKind, Pattern};
use std::collections::HashMap;

/// The tables embedded in the binary, read as one: the GB/T 2260 divisions,
/// the districts of Hong Kong, Macao and Taiwan, and the countries of the
/// world under 国外 (see `data/gazetteer/ORIGIN.md`).
pub(super) const TABLES: &[&str] = &[
    include_str!("../../data/gazetteer/divisions.csv"),
    include_str!("../../data/gazetteer/sar-taiwan.csv"),
    include_str!("../../data/gazetteer/countries.csv"),
];

/// The former names of renamed or abolished divisions (see
/// `data/gazetteer/renamings.csv`).
pub(super) const RENAMINGS: &str = include_str!("../../data/gazetteer/renamings.csv");

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "province" => Some(Level::Province),
            "prefecture" => Some(Level::Prefecture),
            "county" => Some(Level::County),
            _ => None,
        }
    }
}

impl Gazetteer {
    pub(super) fn from_csv(tables: &[&'static str], renamings: &'static str) -> Result<Gazetteer, String> {
        let mut divisions = Vec::new();
        for data in tables {
            divisions.extend(read_rows(data)?);
        }
        divisions.sort_by_key(|d| d.code);

        let mut by_code = HashMap::new();
        let mut by_full: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            if by_code.insert(d.code, i).is_some() {
                return Err(format!("duplicate code {}", d.code));
            }
            by_full.entry(d.name).or_default().push(i);
        }
        for d in &divisions {
            if let Some(p) = d.parent
                && !by_code.contains_key(&p)
            {
                return Err(format!("{} {}: unknown parent {p}", d.code, d.name));
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
        // The root 国外 is no name to find in a text: its countries are.
        let mut patterns: Vec<Pattern> = by_full
            .iter()
            .filter(|(text, _)| **text != super::ABROAD)
            .map(|(&text, c)| Pattern { text, kind: NameKind::Full, candidates: c.clone() })
            .chain(by_short.iter().map(|(&text, c)| Pattern {
                text,
                kind: NameKind::Short,
                candidates: c.clone(),
            }))
            .collect();
        let renamings = super::former::read_renamings(renamings)?;
        for r in &renamings {
            if by_full.contains_key(r.old_name) || by_short.contains_key(r.old_name) {
                return Err(format!("former name {} is also a current name", r.old_name));
            }
            let Some(&i) = by_code.get(&r.new_code) else {
                return Err(format!("former name {}: unknown successor {}", r.old_name, r.new_code));
            };
            patterns.push(Pattern { text: r.old_name, kind: NameKind::Former, candidates: vec![i] });
        }
        patterns.sort_by(|a, b| a.text.cmp(b.text));
        let pattern_ids = patterns.iter().enumerate().map(|(i, p)| (p.text, i)).collect();
        if patterns.iter().any(|p| p.text.is_empty()) {
            return Err("a division or former name is empty".into());
        }
        let matcher = super::scan::Scanner::new(patterns.iter().map(|p| p.text).collect());

        if divisions.windows(2).any(|w| w[0].code >= w[1].code) {
            return Err("divisions.csv must be sorted by code, without repeats".into());
        }
        Ok(Gazetteer { divisions, by_full, patterns, pattern_ids, matcher, renamings })
    }
}

/// The rows of the CSV, checked one by one: a code, a name, a level, and a
/// parent exactly when the division is not a province.
fn read_rows(data: &'static str) -> Result<Vec<Division>, String> {
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
        let parent = if parent.is_empty() { None } else { Some(parent.parse::<u32>().map_err(|_| bad())?) };
        if name.is_empty() || (level == Level::Province) != parent.is_none() {
            return Err(bad());
        }
        divisions.push(Division { code, name, level, parent });
    }
    Ok(divisions)
}
