//! Former names: `data/gazetteer/renamings.csv` in, the divisions renamed or
//! abolished since 2000 with their successors out. A former name is found in
//! text like a full name (kind [`NameKind::Former`](super::NameKind::Former))
//! and resolves to its successor: a 2020 text's 郧县 is 十堰市/郧阳区, which
//! took its place in 2014; an older text's 郧县 is the same land, whose
//! division today is 郧阳区 too. Each row cites the notice of the change.

use super::Gazetteer;

/// One renaming or abolition: the division `old_name` (`old_code`) gave way
/// to the division coded `new_code` in `year`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renaming {
    pub old_code: u32,
    pub old_name: &'static str,
    pub year: i32,
    pub new_code: u32,
    /// The official notice of the change.
    pub notice: &'static str,
}

/// The rows of `renamings.csv`, checked one by one.
pub(super) fn read_renamings(data: &'static str) -> Result<Vec<Renaming>, String> {
    let mut lines = data.lines().enumerate();
    match lines.next() {
        Some((_, "old_code,old_name,year,new_code,notice")) => {}
        other => return Err(format!("renamings.csv: unexpected header {other:?}")),
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || format!("renamings.csv line {}: bad row {line:?}", i + 1);
        let f: Vec<&'static str> = line.splitn(5, ',').collect();
        let [old_code, old_name, year, new_code, notice] = f[..] else {
            return Err(bad());
        };
        let row = Renaming {
            old_code: old_code.parse().map_err(|_| bad())?,
            old_name,
            year: year.parse().map_err(|_| bad())?,
            new_code: new_code.parse().map_err(|_| bad())?,
            notice,
        };
        if old_name.is_empty() || notice.is_empty() || !(2000..=2100).contains(&row.year) {
            return Err(bad());
        }
        out.push(row);
    }
    Ok(out)
}

impl Gazetteer {
    /// Every renaming of the table, in its order.
    pub fn renamings(&self) -> &[Renaming] {
        &self.renamings
    }

    /// The renaming whose former name is `name` (`郧县`), if any.
    pub fn renaming(&self, name: &str) -> Option<&Renaming> {
        self.renamings.iter().find(|r| r.old_name == name)
    }
}
