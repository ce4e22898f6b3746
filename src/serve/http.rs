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
//! `tiny_http` reads each connection on a thread of its own and queues the
//! requests; a few workers answer them, and each event stream gets a thread.
//! With `DUIZHAO_SERVE_LOG` set, each request is logged on stderr as it
//! comes and as it is answered (to find a request that hangs).

use super::hub::{Hub, State};
use super::resolve::{Target, resolve};
use crate::error::{Error, Result};
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// The live-reload script, served at [`SCRIPT_PATH`]: it reloads the page
/// after a good build, keeping scroll position and view, and shows a
/// failed build's message over the page.
pub const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// Where the server answers with [`RELOAD_SCRIPT`]; no site file starts with `__duizhao`.
pub const SCRIPT_PATH: &str = "/__duizhao/reload.js";

/// Where the server answers with the event stream.
pub const EVENTS_PATH: &str = "/__duizhao/events";

const WORKERS: usize = 4;

/// A response whose body is in memory.
type Page = Response<std::io::Cursor<Vec<u8>>>;

/// How often a worker looks whether the server stops.
const POLL: Duration = Duration::from_millis(200);

/// A comment sent on a quiet event stream, so that a closed page's stream ends.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// A running server; [`Server::stop`] ends it.
pub struct Server {
    addr: SocketAddr,
    hub: Arc<Hub>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl Server {
    /// Listens on `addr` (port 0: any free port) and serves the site in the
    /// folder `site`, telling its pages what `hub` says.
    pub fn start(addr: SocketAddr, site: PathBuf, hub: Arc<Hub>) -> Result<Server> {
        let http = tiny_http::Server::http(addr).map_err(|e| {
            Error::Other(format!(
                "could not listen on {addr}: {e}: choose another port with --port (0 takes any free one)"
            ))
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(addr);
        let http = Arc::new(http);
        let site = Arc::new(site);
        let stopping = Arc::new(AtomicBool::new(false));
        let log = std::env::var_os("DUIZHAO_SERVE_LOG").is_some();
        let workers = (0..WORKERS)
            .map(|worker| {
                let (http, site, hub, stopping) =
                    (Arc::clone(&http), Arc::clone(&site), Arc::clone(&hub), Arc::clone(&stopping));
                std::thread::spawn(move || {
                    while !stopping.load(Ordering::Relaxed) {
                        if let Ok(Some(request)) = http.recv_timeout(POLL) {
                            answer_logged(request, &site, &hub, log.then_some(worker));
                        }
                    }
                })
            })
            .collect();
        Ok(Server { addr, hub, stopping, workers })
    }

    /// The address it listens on, with the port it was given.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Ends the event streams and the workers, and closes the socket.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::Relaxed);
        self.hub.stop();
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

/// [`answer`], logged on stderr by `worker` if given.
fn answer_logged(request: Request, site: &Path, hub: &Arc<Hub>, worker: Option<usize>) {
    let Some(worker) = worker else {
        answer(request, site, hub);
        return;
    };
    let asked = format!("{} {}", request.method(), request.url());
    eprintln!("serve: worker {worker} took {asked}");
    let started = std::time::Instant::now();
    let done = match answer(request, site, hub) {
        Answered::Status(status) => format!("answered {status}"),
        Answered::Stream => "opened a stream for".to_string(),
        Answered::Failed(e) => format!("could not answer ({e})"),
    };
    eprintln!("serve: worker {worker} {done} {asked} in {:?}", started.elapsed());
}

/// How [`answer`] answered, for the log.
enum Answered {
    Status(u16),
    Stream,
    Failed(std::io::Error),
}

/// Answers one request; a client that went away is no concern of ours.
fn answer(request: Request, site: &Path, hub: &Arc<Hub>) -> Answered {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with(text_response(405, "only GET and HEAD\n"), "Allow", "GET, HEAD");
        let _ = request.respond(response);
        return Answered::Status(405);
    }
    let path = request.url().split(['?', '#']).next().unwrap_or_default().to_string();
    if path == EVENTS_PATH {
        let hub = Arc::clone(hub);
        std::thread::spawn(move || stream_events(request, &hub));
        return Answered::Stream;
    }
    let response = if path == SCRIPT_PATH {
        file_response(200, RELOAD_SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8")
    } else {
        site_response(site, request.url(), &hub.state())
    };
    let status = response.status_code().0;
    match request.respond(response) {
        Ok(()) => Answered::Status(status),
        Err(e) => Answered::Failed(e),
    }
}

/// The site's file that `url` names, a redirect, or why not.
fn site_response(site: &Path, url: &str, state: &State) -> Page {
    if state.generation == 0 {
        let page = with_reload_script(WAITING_PAGE.as_bytes(), 0);
        return file_response(503, page, "text/html; charset=utf-8");
    }
    match resolve(site, url) {
        Target::File(path) => match std::fs::read(&path) {
            Ok(bytes) => page_or_file(200, &path, bytes, state.generation),
            Err(e) => text_response(500, &format!("could not read {}: {e}\n", path.display())),
        },
        Target::Redirect(to) => with(text_response(302, "moved\n"), "Location", &to),
        Target::Forbidden => text_response(403, "forbidden: that path leads out of the site\n"),
        Target::NotFound => match std::fs::read(site.join("404.html")) {
            Ok(bytes) => page_or_file(404, Path::new("404.html"), bytes, state.generation),
            Err(_) => text_response(404, "not found\n"),
        },
    }
}

/// The file with its MIME type; an HTML page gets the reload script.
fn page_or_file(status: u16, path: &Path, bytes: Vec<u8>, generation: u64) -> Page {
    let mime = content_type(path);
    let bytes = if mime.starts_with("text/html") { with_reload_script(&bytes, generation) } else { bytes };
    file_response(status, bytes, &mime)
}

fn file_response(status: u16, bytes: Vec<u8>, mime: &str) -> Page {
    let response = Response::from_data(bytes).with_status_code(StatusCode(status));
    let response = with(response, "Content-Type", mime);
    let response = with(response, "Cache-Control", "no-store");
    with(response, "X-Content-Type-Options", "nosniff")
}

fn text_response(status: u16, text: &str) -> Page {
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
fn stream_events(request: Request, hub: &Hub) {
    let mut out = request.into_writer();
    let mut state = hub.state();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if out.write_all(head.as_bytes()).and_then(|()| send(&mut out, &state)).is_err() {
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
                send(&mut out, &told)
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

/// `response` with a header; ours are plain ASCII, but a value that is
/// not (a redirect to a path with a NUL) is left out rather than sent.
fn with(mut response: Page, name: &str, value: &str) -> Page {
    if let Ok(header) = Header::from_bytes(name, value) {
        response.add_header(header);
    }
    response
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
