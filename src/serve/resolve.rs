//! A request's path in, the file of the site it names out, or why not: the
//! one place that keeps the preview server inside the site's folder.
//!
//! The path is percent-decoded once, then read segment by segment: `..`
//! (written plainly or as `%2e%2e`), a backslash or a NUL is refused
//! (403); a hidden name (`.duizhao-site`, a kept `.git`) is not served
//! (404). The file found is resolved through symlinks and refused (403)
//! unless it still lies inside the site. A folder serves its `index.html`,
//! after a redirect to the path with a trailing `/` so that the page's
//! relative links resolve.

use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// What a request's path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file inside the site, its path resolved through symlinks.
    File(PathBuf),
    /// A folder asked for without its trailing `/`: go to this path instead.
    Redirect(String),
    /// Nothing of the site, or a hidden file.
    NotFound,
    /// A path that tries to leave the site.
    Forbidden,
}

/// The file of the site at `root` that the request path `url` (as sent,
/// query and all) names.
pub fn resolve(root: &Path, url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Target::Forbidden;
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else { return Target::NotFound };
    if decoded.contains(['\\', '\0']) {
        return Target::Forbidden;
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::Forbidden,
            hidden if hidden.starts_with('.') => return Target::NotFound,
            name => file.push(name),
        }
    }
    let (Ok(real_root), Ok(real)) = (std::fs::canonicalize(root), std::fs::canonicalize(&file)) else {
        return Target::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Target::Forbidden;
    }
    if real.is_dir() {
        if !path.ends_with('/') {
            return Target::Redirect(format!("{path}/"));
        }
        let index = real.join("index.html");
        return if index.is_file() { Target::File(index) } else { Target::NotFound };
    }
    if real.is_file() { Target::File(real) } else { Target::NotFound }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<tmp>/site` with a page, a folder with an index, a hidden file, and
    /// a secret beside the site.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("timeline")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("timeline/index.html"), "timeline").unwrap();
        std::fs::write(root.join("季节 a.html"), "wide").unwrap();
        std::fs::write(root.join(".duizhao-site"), "marker").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        (tmp, root)
    }

    fn served(root: &Path, url: &str) -> String {
        match resolve(root, url) {
            Target::File(path) => std::fs::read_to_string(path).unwrap(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn pages_folders_and_encoded_names_are_served() {
        let (_tmp, root) = site();
        assert_eq!(served(&root, "/"), "home");
        assert_eq!(served(&root, "/index.html?x=1#top"), "home");
        assert_eq!(served(&root, "/timeline/"), "timeline");
        assert_eq!(served(&root, "//timeline/./index.html"), "timeline");
        assert_eq!(served(&root, "/%E5%AD%A3%E8%8A%82%20a.html"), "wide");
        assert_eq!(resolve(&root, "/timeline?q"), Target::Redirect("/timeline/".into()));
    }

    #[test]
    fn traversal_is_refused_however_it_is_written() {
        let (_tmp, root) = site();
        for url in [
            "/../secret.txt",
            "/timeline/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/timeline/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "/%5c..%5csecret.txt",
            "/index.html%00.txt",
            "secret.txt",
        ] {
            assert_eq!(resolve(&root, url), Target::Forbidden, "{url}");
        }
    }

    #[test]
    fn hidden_missing_and_undecodable_names_are_not_found() {
        let (_tmp, root) = site();
        for url in ["/.duizhao-site", "/timeline/.hidden", "/nothing.html", "/timeline/x/", "/%ff%fe.html"] {
            assert_eq!(resolve(&root, url), Target::NotFound, "{url}");
        }
        // A double encoding is decoded once: a file literally named `%2e%2e`.
        assert_eq!(resolve(&root, "/%252e%252e/secret.txt"), Target::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_site_is_refused_and_one_inside_it_followed() {
        let (tmp, root) = site();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("timeline"), root.join("again")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), Target::Forbidden);
        assert_eq!(resolve(&root, "/up/secret.txt"), Target::Forbidden);
        assert_eq!(served(&root, "/again/index.html"), "timeline");
    }
}
