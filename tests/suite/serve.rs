//! `duizhao serve` as an editor uses it: started on a free port, read over
//! HTTP with a plain `TcpStream` client, an article edited (and broken, and
//! mended) while a page's event stream listens, then stopped with Ctrl+C.

use crate::common::EditionTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const ARTICLE: &str = "content/2020-02-27-guang-xi-juan-zeng.md";
const PAGE: &str = "/articles/2020-02-27-guang-xi-juan-zeng.html";
const WAIT: Duration = Duration::from_secs(30);

/// A running `duizhao serve --port 0`; killed if a test fails before stopping it.
struct Served {
    child: Child,
    addr: SocketAddr,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    fn start(edition: &EditionTest, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
            .arg("-C")
            .arg(edition.path(""))
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (send, stdout) = channel();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| drop(send.send(l))));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (mut from, into) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = from.read(&mut buf) {
                into.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut served = Served { child, addr: "0.0.0.0:0".parse().unwrap(), stdout, stderr };
        let line = served.line_with("serving http://");
        let url = line.split("http://").nth(1).unwrap().split('/').next().unwrap();
        served.addr = url.parse().unwrap();
        served
    }

    /// The next line on stdout that holds `text` (earlier ones are passed over).
    fn line_with(&self, text: &str) -> String {
        loop {
            match self.stdout.recv_timeout(WAIT) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with {text:?} on stdout ({e}); stderr:\n{}", self.stderr()),
            }
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Stderr once it holds `text`.
    fn stderr_with(&self, text: &str) -> String {
        for _ in 0..300 {
            let stderr = self.stderr();
            if stderr.contains(text) {
                return stderr;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("no {text:?} on stderr:\n{}", self.stderr());
    }

    /// Ctrl+C, then the exit status.
    fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = rustix::process::Pid::from_child(&self.child);
        rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100)); // the last of stderr
                return (status.code(), self.stderr());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("serve did not stop within 10 s of Ctrl+C; stderr:\n{}", self.stderr());
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET path` as sent (no normalising): status, headers and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// A page's event stream: the `data:` of each `build` event, in order.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "GET /__duizhao/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut events = Events(BufReader::new(stream));
        let status = events.line();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        events
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.0.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "the event stream ended");
        line.trim_end().to_string()
    }

    fn next(&mut self) -> serde_json::Value {
        loop {
            if let Some(data) = self.line().strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
    }
}

/// The temporary site folder the summary line names (`… → /tmp/duizhao-serve-…/site`).
fn site_folder(built: &str) -> PathBuf {
    PathBuf::from(built.rsplit(" → ").next().unwrap())
}

#[test]
fn serves_on_loopback_rebuilds_an_edited_article_reloads_pages_and_stops_on_ctrl_c() {
    let edition = EditionTest::site("basic");
    let served = Served::start(&edition, &[]);
    assert!(served.addr.ip().is_loopback(), "{}", served.addr);
    let folder = site_folder(&served.line_with("built 18 pages"));
    assert!(folder.join("index.html").is_file() && !edition.path("public").exists(), "{folder:?}");

    let (status, head, body) = get(served.addr, "/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(body.contains(r#"<script src="/__duizhao/reload.js" data-generation="1"></script>"#), "{body}");
    let (status, head, script) = get(served.addr, "/__duizhao/reload.js");
    assert!(status == 200 && head.contains("content-type: text/javascript"), "{head}");
    assert!(script.contains("new EventSource(\"/__duizhao/events\")"));
    assert!(get(served.addr, "/static/style.css").1.contains("content-type: text/css; charset=utf-8"));
    assert_eq!(
        get(served.addr, "/timeline").1.lines().find(|l| l.starts_with("location")),
        Some("location: /timeline/")
    );
    assert_eq!(get(served.addr, "/timeline/").0, 200);

    let mut events = Events::open(served.addr);
    assert_eq!(events.next(), serde_json::json!({"generation": 1, "error": null}));
    assert!(!get(served.addr, PAGE).2.contains("抵达十堰市，"));
    let text = edition.read(ARTICLE).replace("抵达十堰，", "抵达十堰市，");
    edition.write(ARTICLE, text);
    // The article's own page first, named so that other pages need not reload.
    let reload = events.next();
    assert_eq!(
        (&reload["error"], &reload["since"]),
        (&serde_json::Value::Null, &serde_json::json!(1)),
        "{reload}"
    );
    assert!(reload["pages"].as_array().unwrap().contains(&serde_json::json!(PAGE)), "{reload}");
    let (status, _, page) = get(served.addr, PAGE);
    assert!(
        status == 200 && page.contains("抵达十堰市，") && page.contains(r#"data-generation=""#),
        "{page}"
    );
    served.stderr_with(&format!("changed: {ARTICLE}\n"));

    for path in [
        "/../edition/edition.toml",
        "/%2e%2e/site/index.html",
        "/%2E%2E%2Fsite%2Findex.html",
        "/static/..%5c..%5cx",
    ] {
        assert_eq!(get(served.addr, path).0, 403, "{path}");
    }
    assert_eq!(get(served.addr, "/.duizhao-site").0, 404);
    assert_eq!(get(served.addr, "/nothing.html").0, 404);

    let (code, stderr) = served.interrupt();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.ends_with("stopped\n"), "{stderr}");
    assert!(!folder.exists(), "the temporary site is removed: {folder:?}");
}

#[test]
fn a_broken_front_matter_shows_in_the_pages_at_its_line_and_the_last_good_site_stays() {
    let edition = EditionTest::site("basic");
    let served = Served::start(&edition, &[]);
    served.line_with("built 18 pages");
    let mut events = Events::open(served.addr);
    assert_eq!(events.next()["generation"], 1);
    let good = edition.read(ARTICLE);
    edition.write(ARTICLE, good.replacen("救护车\"", "救护车", 1));

    let failed = events.next();
    assert_eq!(failed["generation"], 1, "{failed}");
    let error = failed["error"].as_str().unwrap();
    assert!(error.contains(&format!("--> {ARTICLE}:2:")), "{error}");
    assert!(error.contains("2 | title = \"广西"), "the line itself: {error}");
    assert!(error.ends_with("build failed: 1 error(s), 2 warning(s); nothing written"), "{error}");
    served.stderr_with("nothing written; the last good site is still served\n");
    let (status, _, page) = get(served.addr, PAGE);
    assert!(status == 200 && page.contains("抵达十堰，"), "the last good page is served");

    edition.write(ARTICLE, good);
    assert_eq!(events.next(), serde_json::json!({"generation": 2, "error": null}));
    served.interrupt();
}

#[test]
fn a_port_in_use_is_said_at_once() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let edition = EditionTest::site("basic");
    let run = edition.dz(&["serve", "--port", &port]);
    run.code(2).stderr_has(&format!("error: could not listen on 127.0.0.1:{port}: "));
    run.stderr_has("choose another port with --port (0 takes any free one)");
    assert!(!run.stderr.contains("built"), "{}", run.stderr);
}

#[test]
fn an_address_the_machine_does_not_have_is_said_so() {
    // 192.0.2.1 is kept for documentation (RFC 5737): no machine has it.
    let edition = EditionTest::site("basic");
    let run = edition.dz(&["serve", "--bind", "192.0.2.1", "--port", "0"]);
    run.code(2).stderr_has("error: could not listen on 192.0.2.1:0: ");
    run.stderr_has("this machine has no such address: choose one of its own with --bind");
    assert!(!run.stderr.contains("choose another port"), "{}", run.stderr);
}

/// Waits for the line that ends the rebuild after an edit: the search index
/// after an incremental one, the summary after a full one.
fn rebuilt(served: &Served, incremental: bool) -> String {
    if incremental {
        let line = served.line_with("rebuilt ");
        served.line_with("search index updated");
        line
    } else {
        let line = served.line_with("built ");
        assert!(line.starts_with("built "), "a full build, not {line:?}");
        line
    }
}

#[test]
fn after_a_sequence_of_edits_the_served_folder_is_a_clean_builds_byte_for_byte() {
    let edition = EditionTest::site("basic");
    let folder = edition.outside("served");
    let served = Served::start(&edition, &["--out", folder.to_str().unwrap()]);
    served.line_with("built 18 pages");
    let mut events = Events::open(served.addr);
    assert_eq!(events.next()["generation"], 1);
    let other = "content/2020-02-28-yun-yang-fu-gong.md";

    // A paragraph, then a title: only the pages that show the article.
    edition.write(ARTICLE, edition.read(ARTICLE).replace("抵达十堰，", "抵达十堰市，"));
    let line = rebuilt(&served, true);
    assert!(line.starts_with("rebuilt 2020-02-27-guang-xi-juan-zeng: "), "{line}");
    assert!(events.next()["pages"].as_array().unwrap().contains(&serde_json::json!(PAGE)));
    assert!(get(served.addr, PAGE).2.contains("抵达十堰市，"));
    edition.write(other, edition.read(other).replace("有序复工复产\"", "有序复工\""));
    rebuilt(&served, true);
    // A translation.
    let translation = "translations/en/2020-02-28-yun-yang-fu-gong.md";
    edition.write(translation, edition.read(translation).replace("in good order", "in order"));
    let line = rebuilt(&served, true);
    assert!(line.starts_with("rebuilt 2020-02-28-yun-yang-fu-gong: "), "{line}");
    // An article added, renamed, deleted; a template changed: the whole site.
    let added = "content/2020-02-29-xin-wen.md";
    edition
        .write(added, edition.read(other).replace("郧阳区企业", "新闻").replace("2020-02-28", "2020-02-29"));
    rebuilt(&served, false);
    std::fs::rename(edition.path(added), edition.path("content/2020-02-29-gai-ming.md")).unwrap();
    rebuilt(&served, false);
    std::fs::remove_file(edition.path("content/2020-02-29-gai-ming.md")).unwrap();
    served.line_with("built 18 pages");
    let template = crate::common::repo().join("themes/default/templates/404.html");
    let template = std::fs::read_to_string(template).unwrap().replace("</h1>", "!</h1>");
    edition.write("themes/default/templates/404.html", template);
    rebuilt(&served, false);
    // And an edit after the full builds is incremental again.
    edition.write(ARTICLE, edition.read(ARTICLE).replace("抵达十堰市，", "抵达十堰，"));
    rebuilt(&served, true);

    let clean = edition.outside("clean");
    edition.dz(&["build", "--no-cache", "--out", clean.to_str().unwrap()]).success();
    let (served_sums, clean_sums) = (crate::common::sums(&folder), crate::common::sums(&clean));
    let differ = crate::common::changed(&clean_sums, &served_sums);
    assert!(differ.is_empty(), "the served folder differs from a clean build in {differ:?}");
    assert!(std::fs::read_to_string(clean.join("404.html")).unwrap().contains("!</h1>"));
    served.interrupt();
}
