//! HTTP/1.1 on one connection, as the preview server needs it: request
//! heads read with `httparse` (a request with a body is answered and the
//! connection closed, since no path of ours takes one), responses written
//! whole with their length, so the connection can carry the next request.

use std::io::{ErrorKind, Read, Write};

/// The longest request head read; a browser's is well under 4 KiB.
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

/// One request's head.
#[derive(Debug, PartialEq)]
pub struct Request {
    pub method: String,
    /// The target as sent (`/articles/a.html?q=x`), not yet decoded.
    pub target: String,
    /// Whether the connection may carry another request after this one.
    pub keep_alive: bool,
}

/// Why no request was read.
#[derive(Debug, PartialEq)]
pub enum Unread {
    /// The client closed the connection between requests.
    Closed,
    /// Nothing came for a while: the caller decides whether to wait on.
    Quiet,
    /// Not HTTP we take: answer with this status and close.
    Refused(u16),
    /// The connection failed.
    Failed,
}

/// Reads requests from a stream, keeping bytes that came after a head.
pub struct Reader<R> {
    from: R,
    buffer: Vec<u8>,
}

impl<R: Read> Reader<R> {
    pub fn new(from: R) -> Reader<R> {
        Reader { from, buffer: Vec::new() }
    }

    /// The next request's head. A read that times out with part of a head
    /// read keeps that part for the next call.
    pub fn read_request(&mut self) -> Result<Request, Unread> {
        loop {
            if let Some(parsed) = parse(&self.buffer)? {
                let (request, length) = parsed;
                self.buffer.drain(..length);
                return Ok(request);
            }
            if self.buffer.len() >= MAX_HEAD {
                return Err(Unread::Refused(431));
            }
            let mut chunk = [0; 4096];
            match self.from.read(&mut chunk) {
                Ok(0) if self.buffer.is_empty() => return Err(Unread::Closed),
                Ok(0) => return Err(Unread::Failed),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Err(Unread::Quiet);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return Err(Unread::Failed),
            }
        }
    }
}

/// The request whose head `bytes` begin with, and the head's length; none
/// while the head is incomplete.
fn parse(bytes: &[u8]) -> Result<Option<(Request, usize)>, Unread> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Request::new(&mut headers);
    let length = match head.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(Unread::Refused(431)),
        Err(_) => return Err(Unread::Refused(400)),
    };
    let header = |name: &str| {
        head.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let has_body =
        header("transfer-encoding").is_some() || header("content-length").is_some_and(|n| n.trim() != "0");
    let connection = header("connection").unwrap_or_default();
    let keep_alive = !has_body
        && if head.version == Some(0) {
            connection.contains("keep-alive")
        } else {
            !connection.contains("close")
        };
    let request = Request {
        method: head.method.unwrap_or_default().to_string(),
        target: head.path.unwrap_or_default().to_string(),
        keep_alive,
    };
    Ok(Some((request, length)))
}

/// A whole response: status, headers and body.
pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response { status, headers: Vec::new(), body }
    }

    /// With a header; ours are plain ASCII, but a value that is not (a
    /// redirect to a path with a newline) is left out rather than sent.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: &str) -> Response {
        if value.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            self.headers.push((name, value.to_string()));
        }
        self
    }

    /// Writes it; the body is left out for a HEAD request (`head_only`),
    /// and `Connection: close` is said when the connection ends after it.
    pub fn write_to(&self, out: &mut impl Write, head_only: bool, close: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The reason phrase of the statuses the server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Vec<Result<Request, Unread>> {
        let mut reader = Reader::new(bytes);
        let mut read = Vec::new();
        loop {
            let next = reader.read_request();
            let end = next.is_err();
            read.push(next);
            if end {
                return read;
            }
        }
    }

    fn request(method: &str, target: &str, keep_alive: bool) -> Request {
        Request { method: method.into(), target: target.into(), keep_alive }
    }

    #[test]
    fn requests_sent_together_are_read_one_by_one() {
        let sent =
            b"GET /a.html HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b%20c?q=1 HTTP/1.1\r\nConnection: close\r\n\r\n";
        assert_eq!(
            read_all(sent),
            [
                Ok(request("GET", "/a.html", true)),
                Ok(request("HEAD", "/b%20c?q=1", false)),
                Err(Unread::Closed)
            ]
        );
    }

    #[test]
    fn http_1_0_and_a_body_end_the_connection() {
        assert_eq!(read_all(b"GET / HTTP/1.0\r\n\r\n")[0], Ok(request("GET", "/", false)));
        assert_eq!(
            read_all(b"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")[0],
            Ok(request("GET", "/", true))
        );
        assert_eq!(
            read_all(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")[0],
            Ok(request("POST", "/", false))
        );
    }

    #[test]
    fn what_is_not_http_is_refused_and_a_cut_head_fails() {
        assert_eq!(read_all(b"hello there\r\n\r\n")[0], Err(Unread::Refused(400)));
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(read_all(long.as_bytes())[0], Err(Unread::Refused(431)));
        assert_eq!(read_all(b"GET / HTTP/1.1\r\nHost")[0], Err(Unread::Failed));
    }

    #[test]
    fn a_response_says_its_length_and_a_head_request_gets_no_body() {
        let response = Response::new(404, b"gone\n".to_vec()).with("Location", "/a\r\nX: y");
        let mut out = Vec::new();
        response.write_to(&mut out, false, true).unwrap();
        assert_eq!(out, b"HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nConnection: close\r\n\r\ngone\n");
        let mut out = Vec::new();
        Response::new(200, b"p{}".to_vec())
            .with("Content-Type", "text/css")
            .write_to(&mut out, true, false)
            .unwrap();
        assert_eq!(out, b"HTTP/1.1 200 OK\r\nContent-Type: text/css\r\nContent-Length: 3\r\n\r\n");
    }
}
