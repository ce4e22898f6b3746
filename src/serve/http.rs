//! The preview server: requests in, the site's files out, each HTML page
//! with the live-reload script added; and one event stream per open page.
//!
//! - `/__duizhao/reload.js`: the live-reload script ([`RELOAD_SCRIPT`]), a
//!   file of the server's own origin, so the pages' Content-Security-Policy
//!   (`script-src 'self'`) lets it run;
//! - `/__duizhao/events`: Server-Sent Events, one `build` event with the
//!   [`State`] on connecting and on every change;
//! - any other path: the site's file ([`resolve`]), with its MIME type and
//!   `Cache-Control: no-store`; before a first good build, a page that
//!   waits for one.
//!
//! Each connection is read on a thread of its own ([`conn`](super::conn)),
//! so a browser's idle keep-alive connections never keep a new one waiting;
//! an event stream keeps its connection's thread. With `DUIZHAO_SERVE_LOG`
//! set, each request is logged on stderr as it comes and as it is answered
//! (to find a request that hangs).

use super::conn::{Reader, Request, Response, Unread};
use super::hub::{Hub, State};
use super::resolve::{Target, resolve};
use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The live-reload script, served at [`SCRIPT_PATH`]: it reloads the page
/// after a good build, keeping scroll position and view, and shows a
/// failed build's message over the page.
pub const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// Where the server answers with [`RELOAD_SCRIPT`]; no site file starts with `__duizhao`.
pub const SCRIPT_PATH: &str = "/__duizhao/reload.js";

/// Where the server answers with the event stream.
pub const EVENTS_PATH: &str = "/__duizhao/events";

/// Connections open at once; more are answered 503 and closed.
const MAX_CONNECTIONS: usize = 256;

/// How often a quiet connection looks whether the server stops.
const POLL: Duration = Duration::from_millis(200);

/// A keep-alive connection with no request for this long is closed.
const IDLE: Duration = Duration::from_secs(60);

/// A client that takes no bytes for this long is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// A comment sent on a quiet event stream, so that a closed page's stream ends.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// A running server; [`Server::stop`] ends it.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: JoinHandle<()>,
}

/// What every connection's thread reads.
struct Shared {
    site: PathBuf,
    hub: Arc<Hub>,
    stopping: AtomicBool,
    log: bool,
}

impl Server {
    /// Listens on `addr` (port 0: any free port) and serves the site in the
    /// folder `site`, telling its pages what `hub` says.
    pub fn start(addr: SocketAddr, site: PathBuf, hub: Arc<Hub>) -> Result<Server> {
        let listener = TcpListener::bind(addr).map_err(|e| {
            let what_to_do = if e.kind() == std::io::ErrorKind::AddrNotAvailable {
                "this machine has no such address: choose one of its own with --bind (127.0.0.1 by default)"
            } else {
                "choose another port with --port (0 takes any free one)"
            };
            Error::Other(format!("could not listen on {addr}: {e}: {what_to_do}"))
        })?;
        let addr = listener.local_addr().unwrap_or(addr);
        let log = std::env::var_os("DUIZHAO_SERVE_LOG").is_some();
        let shared = Arc::new(Shared { site, hub, stopping: AtomicBool::new(false), log });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept(&listener, &shared))
        };
        Ok(Server { addr, shared, acceptor })
    }

    /// The address it listens on, with the port it was given.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Ends the event streams and the connections, and closes the socket.
    pub fn stop(self) {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.hub.stop();
        // The acceptor waits in `accept`: a connection of our own wakes it.
        // Should that fail, it is left to end with the process.
        if TcpStream::connect_timeout(&reachable(self.addr), Duration::from_secs(1)).is_ok() {
            let _ = self.acceptor.join();
        }
    }
}

/// `addr` as a client reaches it: a wildcard address by loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// Takes connections until the server stops, each on a thread of its own;
/// then waits for them to end.
fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    let mut open: Vec<JoinHandle<()>> = Vec::new();
    for (number, stream) in (1_u64..).zip(listener.incoming()) {
        if shared.stopping.load(Ordering::Relaxed) {
            break;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait for connections to end.
            std::thread::sleep(POLL);
            continue;
        };
        open.retain(|connection| !connection.is_finished());
        if open.len() >= MAX_CONNECTIONS {
            let busy = text_response(503, "too many connections: close some pages\n");
            let _ = busy.write_to(&mut &stream, false, true);
            continue;
        }
        let shared = Arc::clone(shared);
        open.push(std::thread::spawn(move || serve_connection(stream, &shared, number)));
    }
    for connection in open {
        let _ = connection.join();
    }
}

/// Answers the requests of one connection until the client closes it, it
/// idles for [`IDLE`], a request ends it, or the server stops.
fn serve_connection(stream: TcpStream, shared: &Shared, number: u64) {
    let _ = stream.set_nodelay(true);
    if stream.set_read_timeout(Some(POLL)).is_err() || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    let Ok(incoming) = stream.try_clone() else { return };
    let mut requests = Reader::new(incoming);
    let mut out = BufWriter::new(stream);
    let mut last = Instant::now();
    while !shared.stopping.load(Ordering::Relaxed) {
        let request = match requests.read_request() {
            Ok(request) => request,
            Err(Unread::Quiet) if last.elapsed() < IDLE => continue,
            Err(Unread::Refused(status)) => {
                let refusal = text_response(status, "that is not a request this server takes\n");
                let _ = refusal.write_to(&mut out, false, true);
                return;
            }
            Err(_) => return,
        };
        let answered = if shared.log {
            answer_logged(&request, &mut out, shared, number)
        } else {
            answer(&request, &mut out, shared)
        };
        if !request.keep_alive || !matches!(answered, Answered::Status(_)) {
            return;
        }
        last = Instant::now();
    }
}

/// [`answer`], logged on stderr with the connection's `number`.
fn answer_logged(request: &Request, out: &mut impl Write, shared: &Shared, number: u64) -> Answered {
    let asked = format!("{} {}", request.method, request.target);
    eprintln!("serve: connection {number} took {asked}");
    let started = Instant::now();
    let answered = answer(request, out, shared);
    let done = match &answered {
        Answered::Status(status) => format!("answered {status}"),
        Answered::Stream => "ended the stream of".to_string(),
        Answered::Failed(e) => format!("could not answer ({e})"),
    };
    eprintln!("serve: connection {number} {done} {asked} in {:?}", started.elapsed());
    answered
}

/// How [`answer`] answered.
enum Answered {
    Status(u16),
    /// An event stream, now ended, and its connection with it.
    Stream,
    Failed(std::io::Error),
}

/// Answers one request on `out`; an event stream runs until its page goes
/// or the server stops. A client that went away is no concern of ours.
fn answer(request: &Request, out: &mut impl Write, shared: &Shared) -> Answered {
    let head_only = request.method == "HEAD";
    let close = !request.keep_alive || shared.stopping.load(Ordering::Relaxed);
    let path = request.target.split(['?', '#']).next().unwrap_or_default();
    let response = if !head_only && request.method != "GET" {
        text_response(405, "only GET and HEAD\n").with("Allow", "GET, HEAD")
    } else if path == EVENTS_PATH && !head_only {
        stream_events(out, &shared.hub);
        return Answered::Stream;
    } else if path == SCRIPT_PATH {
        file_response(200, RELOAD_SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8")
    } else {
        site_response(&shared.site, &request.target, &shared.hub.state())
    };
    match response.write_to(out, head_only, close) {
        Ok(()) => Answered::Status(response.status),
        Err(e) => Answered::Failed(e),
    }
}

/// The site's file that `url` names, a redirect, or why not.
fn site_response(site: &Path, url: &str, state: &State) -> Response {
    if state.generation == 0 {
        let page = with_reload_script(WAITING_PAGE.as_bytes(), 0);
        return file_response(503, page, "text/html; charset=utf-8");
    }
    match resolve(site, url) {
        Target::File(path) => match std::fs::read(&path) {
            Ok(bytes) => page_or_file(200, &path, bytes, state.generation),
            Err(e) => text_response(500, &format!("could not read {}: {e}\n", path.display())),
        },
        Target::Redirect(to) => text_response(302, "moved\n").with("Location", &to),
        Target::Forbidden => text_response(403, "forbidden: that path leads out of the site\n"),
        Target::NotFound => match std::fs::read(site.join("404.html")) {
            Ok(bytes) => page_or_file(404, Path::new("404.html"), bytes, state.generation),
            Err(_) => text_response(404, "not found\n"),
        },
    }
}

/// The file with its MIME type; an HTML page gets the reload script.
fn page_or_file(status: u16, path: &Path, bytes: Vec<u8>, generation: u64) -> Response {
    let mime = content_type(path);
    let bytes = if mime.starts_with("text/html") { with_reload_script(&bytes, generation) } else { bytes };
    file_response(status, bytes, &mime)
}

fn file_response(status: u16, bytes: Vec<u8>, mime: &str) -> Response {
    Response::new(status, bytes)
        .with("Content-Type", mime)
        .with("Cache-Control", "no-store")
        .with("X-Content-Type-Options", "nosniff")
}

fn text_response(status: u16, text: &str) -> Response {
    file_response(status, text.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

/// The MIME type by the file's extension; text in UTF-8, as the site writes it.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let text = essence.starts_with("text/")
        || matches!(essence, "application/javascript" | "application/json" | "image/svg+xml");
    if text { format!("{essence}; charset=utf-8") } else { essence.to_string() }
}

/// `html` with the reload script, naming the build it came from, before
/// `</body>` (or at the end, where the minifier left that tag out); and
/// with its Content-Security-Policy letting the script open the event
/// stream to this server (`connect-src 'self'`), which a built page never
/// needs, so the built site keeps `default-src 'none'` for it.
pub fn with_reload_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!(r#"<script src="{SCRIPT_PATH}" data-generation="{generation}"></script>"#);
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let html = [&html[..at], tag.as_bytes(), &html[at..]].concat();
    let policy = [
        (&b"connect-src 'none'"[..], &b"connect-src 'self'"[..]),
        (b"default-src 'none'", b"default-src 'none'; connect-src 'self'"),
    ];
    for (from, to) in policy {
        if let Some(at) = memchr::memmem::find(&html, from) {
            return [&html[..at], to, &html[at + from.len()..]].concat();
        }
        if memchr::memmem::find(&html, b"connect-src").is_some() {
            break;
        }
    }
    html
}

/// Shown for every path until a first build succeeds; the script shows the
/// error over it and reloads once the site is there.
const WAITING_PAGE: &str = "<!DOCTYPE html><html lang=en><meta charset=utf-8>\
<title>duizhao serve: no site yet</title>\
<p>duizhao serve: no site has been built yet. Fix the problem shown here \
(it is also in the terminal); this page reloads when the build succeeds.</p>";

/// The event stream of one page: the state now, then each change, until
/// the page goes or the server stops.
fn stream_events(out: &mut impl Write, hub: &Hub) {
    let mut state = hub.state();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if out.write_all(head.as_bytes()).and_then(|()| send(out, &state)).is_err() {
        return;
    }
    loop {
        let sent = match hub.wait(&state, HEARTBEAT) {
            Some(new) if new.stopped => return,
            Some(new) => {
                let mut told = new.clone();
                // Builds this stream did not tell one by one: the pages of them all.
                if new.generation > state.generation + 1 && told.pages.is_some() {
                    told.pages = hub.pages_between(state.generation, new.generation);
                    told.since = told.pages.as_ref().map(|_| state.generation);
                }
                state = new;
                send(out, &told)
            }
            None => out.write_all(b": still here\n\n").and_then(|()| out.flush()),
        };
        if sent.is_err() {
            return;
        }
    }
}

fn send(out: &mut impl Write, state: &State) -> std::io::Result<()> {
    let data = serde_json::to_string(state).map_err(std::io::Error::other)?;
    write!(out, "event: build\ndata: {data}\n\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag_or_at_the_end() {
        assert_eq!(
            with_reload_script(b"<p>x</body></html>", 3),
            b"<p>x<script src=\"/__duizhao/reload.js\" data-generation=\"3\"></script></body></html>"
        );
        assert!(with_reload_script(b"<p>x", 1).ends_with(b"data-generation=\"1\"></script>"));
    }

    #[test]
    fn the_policy_lets_the_script_open_its_event_stream() {
        let page = |csp: &str| {
            let html = format!(r#"<meta content="{csp}" http-equiv=Content-Security-Policy><p>x"#);
            let served = String::from_utf8(with_reload_script(html.as_bytes(), 1)).unwrap();
            served[15..served.find("\" http-equiv").unwrap()].to_string()
        };
        assert_eq!(
            page("default-src 'none'; script-src 'self'"),
            "default-src 'none'; connect-src 'self'; script-src 'self'"
        );
        assert_eq!(page("default-src 'none'; connect-src 'none'"), "default-src 'none'; connect-src 'self'");
        assert_eq!(page("default-src 'none'; connect-src https:"), "default-src 'none'; connect-src https:");
        assert_eq!(page("script-src 'self'"), "script-src 'self'");
    }

    /// A browser keeps idle connections open and opens several at once;
    /// each new one must be answered while the idle ones wait.
    #[test]
    fn a_new_connection_is_answered_while_others_sit_idle() {
        use std::io::Read;
        use std::net::TcpStream;
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("a.css"), "p{}").unwrap();
        let hub = Arc::new(Hub::new());
        hub.built();
        let server = Server::start("127.0.0.1:0".parse().unwrap(), site.path().to_path_buf(), hub).unwrap();
        let addr = server.addr();
        let asked = move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            stream.write_all(b"GET /a.css HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut buf = [0; 512];
            let answered = matches!(stream.read(&mut buf), Ok(n) if n > 0);
            (stream, answered)
        };
        let mut idle = Vec::new();
        for round in 0..20 {
            let burst: Vec<_> = (0..3).map(|_| std::thread::spawn(asked)).collect();
            for connection in burst {
                let (stream, answered) = connection.join().unwrap();
                assert!(answered, "round {round}: a request on a new connection was not answered in 5 s");
                idle.push(stream);
            }
            if idle.len() > 9 {
                idle.drain(..3);
            }
        }
        server.stop();
    }

    #[test]
    fn files_get_their_mime_type() {
        for (name, mime) in [
            ("a.html", "text/html; charset=utf-8"),
            ("static/style.css", "text/css; charset=utf-8"),
            ("static/view.js", "text/javascript; charset=utf-8"),
            ("search.json", "application/json; charset=utf-8"),
            ("media/map.svg", "image/svg+xml; charset=utf-8"),
            ("media/p.png", "image/png"),
            ("media/p.jpg", "image/jpeg"),
            ("x.unknown", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), mime, "{name}");
        }
    }
}
