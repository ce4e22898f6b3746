//! The files kept beside a raw source in `sources/`: a source's path in,
//! the paths of its sidecar and its editorial fixes out. The one naming
//! rule that ingest, the sources page and `check` share.

use std::path::{Path, PathBuf};

/// Where the companions of one source are, and are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Companions {
    /// `sources/x.txt` → `sources/x.toml`: what a reader should know.
    pub sidecar: PathBuf,
    /// `sources/x.txt` → `sources/x.fixes.toml`: the editorial fixes.
    pub fixes: PathBuf,
}

impl Companions {
    /// The companions of `source`.
    ///
    /// ```
    /// use duizhao::model::Companions;
    /// use std::path::Path;
    /// let c = Companions::of(Path::new("sources/x.txt"));
    /// assert_eq!((c.sidecar.as_path(), c.fixes.as_path()),
    ///     (Path::new("sources/x.toml"), Path::new("sources/x.fixes.toml")));
    /// ```
    pub fn of(source: &Path) -> Companions {
        Companions { sidecar: beside(source, "toml"), fixes: beside(source, "fixes.toml") }
    }

    /// Names a companion might wrongly be given, the source's extension
    /// kept (`x.txt.toml`, `x.txt.fixes.toml`), each with its right name.
    /// Such files are never read: whoever finds one warns with
    /// [`misnamed_message`].
    pub fn misnamed(source: &Path) -> Vec<(PathBuf, PathBuf)> {
        let right = Companions::of(source);
        let mut name = source.file_name().unwrap_or(source.as_os_str()).to_os_string();
        name.push(".");
        let wrong = |extension: &str| {
            let mut name = name.clone();
            name.push(extension);
            source.with_file_name(name)
        };
        [(wrong("toml"), right.sidecar), (wrong("fixes.toml"), right.fixes)]
            .into_iter()
            .filter(|(wrong, right)| wrong != right)
            .collect()
    }
}

/// The warning for a companion under the wrong name, said of that file:
/// `sources/x.txt.toml: <message>`.
pub fn misnamed_message(right: &Path) -> String {
    format!(
        "not read: a source's companion file drops the source's extension; rename it to {}",
        right.display()
    )
}

/// `source`'s file name with its last extension replaced by `extension`.
/// Built from the file name, so an odd name stays a file name (`..txt` →
/// `..toml`), where `Path::with_extension` gives the folder `..`.
fn beside(source: &Path, extension: &str) -> PathBuf {
    let mut name = source.file_stem().unwrap_or(source.as_os_str()).to_os_string();
    name.push(".");
    name.push(extension);
    source.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_of_odd_names_are_files_beside_the_source() {
        let sidecar = |s: &str| Companions::of(Path::new(s)).sidecar;
        assert_eq!(sidecar("sources/x.txt"), Path::new("sources/x.toml"));
        assert_eq!(sidecar("sources/..txt"), Path::new("sources/..toml"));
        assert_eq!(sidecar("sources/...txt"), Path::new("sources/...toml"));
        assert_eq!(sidecar("sources/a.b.txt"), Path::new("sources/a.b.toml"));
        assert_eq!(sidecar("sources/x"), Path::new("sources/x.toml"));
        assert_eq!(Companions::of(Path::new("sources/..txt")).fixes, Path::new("sources/..fixes.toml"));
    }

    #[test]
    fn the_other_spelling_keeps_the_extension() {
        assert_eq!(
            Companions::misnamed(Path::new("sources/x.txt")),
            [
                (PathBuf::from("sources/x.txt.toml"), PathBuf::from("sources/x.toml")),
                (PathBuf::from("sources/x.txt.fixes.toml"), PathBuf::from("sources/x.fixes.toml")),
            ]
        );
        assert!(Companions::misnamed(Path::new("sources/x")).is_empty());
    }
}
