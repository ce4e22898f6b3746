//! Rows of the review about output: what `build` may delete or overwrite.

use crate::common::*;
use std::path::Path;

/// The file by which a build knows a folder as a site it built.
const MARKER: &str = ".duizhao-site";

/// Builds the fresh copy once, so that `public/` holds a marked site.
fn built() -> Fresh {
    let f = Fresh::new();
    f.dz(&["build", "-q"]).code(0);
    assert!(f.path("public").join(MARKER).is_file());
    f
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn o01_out_naming_a_file_is_refused() {
    let f = Fresh::new();
    f.write("notes.txt", "my notes");
    let before = f.sums();
    f.dz(&["build", "--out", "notes.txt"])
        .code(2)
        .stderr_has("edition/notes.txt is a file, not a folder: refusing to replace it");
    assert_eq!(f.read("notes.txt"), "my notes");
    assert_eq!(before, f.sums());
}

#[test]
fn o02_out_root_is_refused_as_holding_the_edition() {
    let f = Fresh::new();
    let before = f.sums();
    f.dz(&["build", "--out", "/"]).code(2).stderr_has("--out / contains the edition's folder");
    assert_eq!(before, f.sums());
}

#[test]
fn o03_out_the_edition_or_its_parent_is_refused_however_written() {
    let f = Fresh::new();
    let before = sums(f.tmp.path());
    for out in ["..", "../"] {
        f.dz_here(&["build", "--out", out]).code(2).stderr_has("contains the edition's folder");
    }
    for out in [".", "./"] {
        f.dz_here(&["build", "--out", out])
            .code(2)
            .stderr_has(&format!("--out {out} is the edition's folder"));
    }
    run_in(&f.path("content"), &["-C", "..", "build", "--out", ".."])
        .code(2)
        .stderr_has("contains the edition's folder");
    assert_eq!(before, sums(f.tmp.path()));
}

#[test]
fn o04_out_a_part_of_the_edition_is_refused() {
    let f = Fresh::new();
    let before = f.sums();
    let cases = [
        ("content", "is the edition's content/ folder"),
        ("content/", "is the edition's content/ folder"),
        ("translations", "is the edition's translations/ folder"),
        ("translations/en", "lies inside the edition's translations/ folder"),
        ("sources", "is the edition's sources/ folder"),
        ("themes", "is the edition's themes/ folder"),
        ("data", "is the edition's data/ folder"),
        ("data/gazetteer", "lies inside the edition's data/ folder"),
    ];
    for (out, message) in cases {
        f.dz_here(&["build", "--out", out]).code(2).stderr_has(&format!("--out {out} {message}"));
    }
    assert_eq!(before, f.sums());
}

#[test]
fn o05a_out_sources_holding_an_index_html_is_refused() {
    let f = Fresh::new();
    f.write("sources/index.html", f.read("sources/002_ca418ce6a18ed07a.txt"));
    let before = f.sums();
    f.dz_here(&["build", "--out", "sources"])
        .code(2)
        .stderr_has("--out sources is the edition's sources/ folder");
    assert_eq!(before, f.sums());
}

#[test]
fn o05b_out_holding_the_edition_is_refused() {
    let f = Fresh::new();
    write_file(&f.outside("index.html"), b"<h1>my home page</h1>");
    let before = sums(f.tmp.path());
    let parent = f.tmp.path().to_str().unwrap();
    f.dz(&["build", "--out", parent])
        .code(2)
        .stderr_has(&format!("--out {parent} contains the edition's folder"));
    assert_eq!(before, sums(f.tmp.path()), "the edition and its neighbours survive");
}

#[test]
fn o05c_an_unrelated_web_folder_is_refused_even_with_force() {
    let f = Fresh::new();
    let www = f.outside("www");
    write_file(&www.join("index.html"), b"<h1>wedding</h1>");
    write_file(&www.join("photos/wedding.jpg"), b"jpeg");
    write_file(&www.join("README.txt"), b"our photos");
    let (before, edition) = (sums(&www), f.sums());
    for args in [&["build", "--out", "../www"][..], &["build", "--force", "--out", "../www"]] {
        f.dz(args)
            .code(2)
            .stderr_has("www: refusing to replace this folder: duizhao did not build it (it has no .duizhao-site file)")
            .stderr_has("README.txt, index.html, photos");
    }
    assert_eq!(before, sums(&www));
    assert_eq!(edition, f.sums());
}

#[test]
fn o06_relative_out_with_dash_c_is_taken_from_the_edition() {
    let f = Fresh::new();
    let before = f.sums();
    f.dz(&["build", "-q", "--out", "site"]).code(0).stdout_has("edition/site");
    assert!(f.path("site/index.html").is_file() && f.path("site").join(MARKER).is_file());
    assert!(!f.outside("site").exists(), "nothing written beside the edition");
    assert_eq!(before, f.sums());
}

#[test]
fn o09b_a_dead_builds_leftovers_are_removed_and_a_live_ones_kept() {
    let f = built();
    write_file(&f.path(".public.tmp-999999/articles/x.html"), b"half a site");
    write_file(&f.path(".public.old-999998/index.html"), b"an old site");
    let alive = format!(".public.tmp-{}", std::process::id());
    write_file(&f.path(&alive).join("index.html"), b"a build still running");
    let before = f.sums();
    f.dz(&["build", "-q"])
        .code(0)
        .stderr_has(".public.tmp-999999, left by a build that was stopped (pid 999999)")
        .stderr_has(".public.old-999998, left by a build that was stopped (pid 999998)");
    assert!(!f.path(".public.tmp-999999").exists() && !f.path(".public.old-999998").exists());
    assert!(f.path(&alive).join("index.html").is_file(), "a live process's folder stays");
    assert_eq!(before, f.sums());
}

#[test]
fn o10_a_build_into_an_output_another_build_holds_fails_at_once() {
    let f = built();
    let lock = std::fs::File::create(f.path(".public.lock")).unwrap();
    fs4::FileExt::try_lock(&lock).unwrap();
    let (before, site) = (f.sums(), sums(&f.path("public")));
    f.dz(&["build", "-q"])
        .code(2)
        .stderr_has("another duizhao build is writing")
        .stderr_has("edition/public: wait for it to finish, then build again");
    assert_eq!(site, sums(&f.path("public")));
    assert_eq!(before, f.sums());
    drop(lock);
    f.dz(&["build", "-q"]).code(0);
}

#[test]
fn o10_concurrent_builds_either_finish_or_say_another_is_writing() {
    let f = built();
    let site = sums(&f.path("public"));
    let builds: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_duizhao"))
                .args(["-C", f.root.to_str().unwrap(), "build", "-q"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for build in builds {
        let out = build.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || stderr.contains("another duizhao build is writing"),
            "{:?}: {stderr}",
            out.status
        );
    }
    assert_eq!(site, sums(&f.path("public")), "the site is whole");
}

#[cfg(unix)]
#[test]
fn o11_a_symlinked_public_is_written_through_and_stays_a_link() {
    let f = Fresh::new();
    let deploy = f.outside("deploy");
    std::fs::create_dir(&deploy).unwrap();
    std::os::unix::fs::symlink(&deploy, f.path("public")).unwrap();
    let before = f.sums();
    for _ in 0..2 {
        f.dz(&["build", "-q"]).code(0);
        assert!(f.path("public").symlink_metadata().unwrap().is_symlink(), "the link stays");
        assert_eq!(std::fs::read_link(f.path("public")).unwrap(), deploy);
        assert!(deploy.join("index.html").is_file() && deploy.join(MARKER).is_file());
    }
    let beside: Vec<_> = std::fs::read_dir(f.tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside.len(), 2, "only edition/ and deploy/, no staging left: {beside:?}");
    assert_eq!(before, f.sums());
}

#[test]
fn o12_public_git_and_cname_survive_a_build() {
    let f = built();
    let public = f.path("public");
    std::fs::write(public.join("CNAME"), "edition.example.org\n").unwrap();
    std::fs::write(public.join(".nojekyll"), "").unwrap();
    git(&public, &["init", "-q"]);
    git(&public, &["add", "-A"]);
    git(&public, &["commit", "-q", "-m", "deploy"]);
    let article = format!("content/{A}.md");
    f.write(&article, f.read(&article) + "\n新段落。\n");
    let (before, repository) = (f.sums(), sums(&public.join(".git")));
    f.dz(&["build", "-q"]).code(0);
    assert_eq!(repository, sums(&public.join(".git")), "the deploy history is untouched");
    assert_eq!(git(&public, &["log", "--format=%s"]), "deploy\n");
    assert!(
        git(&public, &["status", "--short"]).contains(&format!("articles/{A}.html")),
        "the new site is there"
    );
    assert_eq!(std::fs::read_to_string(public.join("CNAME")).unwrap(), "edition.example.org\n");
    assert!(public.join(".nojekyll").is_file());
    assert_eq!(before, f.sums());
}

#[test]
fn o12_names_in_keep_survive_a_build() {
    let f = built();
    f.write("edition.toml", f.read("edition.toml") + "keep = [\"keybase.txt\", \".well-known\"]\n");
    write_file(&f.path("public/keybase.txt"), b"proof");
    write_file(&f.path("public/.well-known/security.txt"), b"contact");
    f.dz(&["build", "-q"]).code(0);
    assert_eq!(std::fs::read_to_string(f.path("public/keybase.txt")).unwrap(), "proof");
    assert_eq!(std::fs::read_to_string(f.path("public/.well-known/security.txt")).unwrap(), "contact");
}

#[test]
fn o12_a_kept_name_the_site_writes_too_is_refused_and_public_untouched() {
    let f = built();
    f.write("edition.toml", f.read("edition.toml") + "keep = [\"static\"]\n");
    let (before, site) = (f.sums(), sums(&f.path("public")));
    f.dz(&["build", "-q"])
        .code(2)
        .stderr_has("edition/public/static: kept from the previous site (keep in edition.toml)")
        .stderr_has("take it out of keep");
    assert_eq!(site, sums(&f.path("public")));
    assert_eq!(before, f.sums());
}

#[test]
fn keep_with_a_path_is_a_located_error() {
    let f = Fresh::new();
    f.write("edition.toml", f.read("edition.toml") + "keep = [\"static/x\"]\n");
    let line = f.read("edition.toml").lines().count();
    f.dz_here(&["build", "-q"])
        .code(2)
        .error_at(&format!("edition.toml:{line}:8"), "invalid edition.toml: keep = [\"static/x\"]");
    assert!(!f.path("public").exists());
}

#[test]
fn o12_a_site_built_before_the_marker_is_replaced_with_a_note() {
    let f = built();
    std::fs::remove_file(f.path("public").join(MARKER)).unwrap();
    std::fs::write(f.path("public/CNAME"), "edition.example.org\n").unwrap();
    f.dz(&["build", "-q"])
        .code(0)
        .stderr_has("has no .duizhao-site file but is a site an earlier duizhao built");
    assert!(f.path("public").join(MARKER).is_file());
    assert_eq!(std::fs::read_to_string(f.path("public/CNAME")).unwrap(), "edition.example.org\n");
}

#[test]
fn force_builds_beside_deploy_files_only() {
    let f = Fresh::new();
    let public = f.path("public");
    std::fs::create_dir_all(&public).unwrap();
    git(&public, &["init", "-q"]);
    std::fs::write(public.join("CNAME"), "edition.example.org\n").unwrap();
    let site = sums(&public);
    f.dz(&["build", "-q"])
        .code(2)
        .stderr_has("edition/public holds only deploy files (.git, CNAME) and no site built by duizhao")
        .stderr_has("--force");
    assert_eq!(site, sums(&public));
    f.dz(&["build", "-q", "--force"]).code(0);
    assert!(public.join("index.html").is_file() && public.join(".git/HEAD").is_file());
    assert_eq!(std::fs::read_to_string(public.join("CNAME")).unwrap(), "edition.example.org\n");
}

#[test]
fn e05_build_outside_an_edition_writes_nothing() {
    let f = Fresh::new();
    let empty = f.outside("empty");
    std::fs::create_dir(&empty).unwrap();
    run_in(f.tmp.path(), &["-C", "empty", "build"]).code(2).stderr_has("empty: no content/ folder");
    assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0);
    if Path::new("/etc").is_dir() && !Path::new("/etc/public").exists() {
        run_in(f.tmp.path(), &["-C", "/etc", "build"])
            .code(2)
            .stderr_has("/etc: no content/ folder: run duizhao in an edition's folder");
        assert!(!Path::new("/etc/public").exists());
    }
}

#[test]
fn a_file_put_into_a_built_site_is_named_when_the_build_removes_it() {
    let f = built();
    write_file(&f.path("public/notes.txt"), b"mine");
    f.dz(&["build", "-q"])
        .code(0)
        .stderr_has(
            "edition/public/notes.txt: was in the previous site but is not in the new one: removed with it",
        )
        .stderr_has("list its name under keep in edition.toml");
    assert!(!f.path("public/notes.txt").exists());
}
