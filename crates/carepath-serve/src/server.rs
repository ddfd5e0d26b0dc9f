//! The HTTP loop: `tiny_http` accepts connections, every request passes the [`Gate`], and the
//! ones let through go to a [`Handler`] on a thread of their own (an event stream holds its
//! thread for as long as the page is open; one person's browser opens a handful).
//!
//! The loop polls a stop flag ten times a second, so Ctrl-C (which sets it) ends the server
//! within 100 ms; requests already being answered are given up to two seconds to finish, and an
//! edit is written atomically either way, so nothing is half-written.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::gate::{self, Gate, Seen, Verdict};

/// The largest form a page may post: a plan edit is a few kilobytes.
pub const MAX_FORM_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// A request that passed the gate.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// The posted form (empty for a GET).
    pub form: Vec<(String, String)>,
    /// The session's CSRF token, for the forms of the page being built.
    pub csrf: String,
}

impl Request {
    /// The first value of `name` in the form, else in the query.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .chain(&self.query)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a handler answers.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

pub enum Body {
    Bytes(Vec<u8>),
    /// Read until it ends (an event stream), sent chunked.
    Stream(Box<dyn Read + Send>),
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reply")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

impl Reply {
    pub fn html(status: u16, body: String) -> Reply {
        Reply::bytes(status, "text/html; charset=utf-8", body.into_bytes())
    }

    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply::bytes(
            status,
            "text/plain; charset=utf-8",
            body.into().into_bytes(),
        )
    }

    pub fn bytes(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: Body::Bytes(body),
        }
    }

    /// 303 See Other: after a POST, the browser GETs `location`.
    pub fn see_other(location: &str) -> Reply {
        let mut r = Reply::text(303, "");
        r.headers.push(("Location".into(), location.into()));
        r
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// The pages: everything after the gate.
pub trait Handler: Send + Sync + 'static {
    fn handle(&self, request: &Request) -> Reply;
}

/// A bound server, not yet answering.
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    gate: Arc<Gate>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl Server {
    /// Binds `addr` (port 0: a free one) with fresh tokens. An address other than 127.0.0.1
    /// (`--listen`) is accepted as a Host besides 127.0.0.1 and localhost.
    pub fn bind(addr: SocketAddr) -> std::io::Result<Server> {
        let http = tiny_http::Server::http(addr).map_err(std::io::Error::other)?;
        let addr = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("the server has no IP address"))?;
        let listen = match addr {
            SocketAddr::V4(a) if a.ip().octets() == [127, 0, 0, 1] => None,
            SocketAddr::V4(a) => Some(a.ip().to_string()),
            SocketAddr::V6(a) => Some(format!("[{}]", a.ip())),
        };
        let gate = Arc::new(Gate::new(addr.port(), listen.as_deref())?);
        Ok(Server { http, addr, gate })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn gate(&self) -> &Gate {
        &self.gate
    }

    /// The address to open: `http://127.0.0.1:PORT/?token=...`.
    pub fn url(&self) -> String {
        let host = match self.addr {
            SocketAddr::V4(a) => a.ip().to_string(),
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
        };
        format!(
            "http://{host}:{}/?token={}",
            self.addr.port(),
            self.gate.token()
        )
    }

    /// Answers requests until `stop` is set.
    pub fn run<H: Handler>(self, handler: Arc<H>, stop: &AtomicBool) {
        let busy = Arc::new(AtomicUsize::new(0));
        while !stop.load(Ordering::Relaxed) {
            let request = match self.http.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(_) => continue,
            };
            let gate = Arc::clone(&self.gate);
            let handler = Arc::clone(&handler);
            let busy = Arc::clone(&busy);
            busy.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                answer(&gate, &*handler, request, &busy);
            });
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while busy.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn header<'a>(request: &'a tiny_http::Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// Passes one request through the gate and the handler, and sends the reply.
fn answer(gate: &Gate, handler: &dyn Handler, mut request: tiny_http::Request, busy: &AtomicUsize) {
    let reply = decide(gate, handler, &mut request);
    let streaming = matches!(reply.body, Body::Stream(_));
    if streaming {
        // A page left open must not hold up Ctrl-C.
        busy.fetch_sub(1, Ordering::SeqCst);
    }
    send(request, reply);
    if !streaming {
        busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The reply to a request: the gate's refusal, or the handler's answer.
fn decide(gate: &Gate, handler: &dyn Handler, request: &mut tiny_http::Request) -> Reply {
    let method = request.method().as_str().to_string();
    let url = request.url().to_string();
    let verdict = gate.judge(Seen {
        method: &method,
        url: &url,
        host: header(request, "Host"),
        cookie: header(request, "Cookie"),
    });
    let set_cookie = match verdict {
        Verdict::Pass => false,
        Verdict::SetCookieAndPass => true,
        Verdict::SetCookieAndRedirect { location } => {
            return Reply::see_other(&location).header("Set-Cookie", gate.set_cookie());
        }
        Verdict::Forbidden(why) => return refused(403, why),
        Verdict::MethodNotAllowed => {
            return refused(405, "only GET and POST are answered").header("Allow", "GET, POST");
        }
    };
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (url.clone(), String::new()),
    };
    let query: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "token")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let (method, form) = if method == "POST" {
        let mut body = Vec::new();
        if request
            .as_reader()
            .take(MAX_FORM_BYTES + 1)
            .read_to_end(&mut body)
            .is_err()
        {
            return refused(400, "the form could not be read");
        }
        if body.len() as u64 > MAX_FORM_BYTES {
            return refused(413, "the form is larger than 1 MB");
        }
        let form: Vec<(String, String)> = form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if !gate.csrf_ok(&form) {
            return refused(403, gate::BAD_CSRF);
        }
        (Method::Post, form)
    } else {
        (Method::Get, Vec::new())
    };
    let reply = handler.handle(&Request {
        method,
        path,
        query,
        form,
        csrf: gate.csrf().to_string(),
    });
    if set_cookie {
        reply.header("Set-Cookie", gate.set_cookie())
    } else {
        reply
    }
}

fn refused(status: u16, why: &str) -> Reply {
    Reply::text(status, format!("{why}\n"))
}

/// Headers every reply carries: nothing cached, nothing framed, nothing loaded from elsewhere.
const ALWAYS: [(&str, &str); 5] = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    ),
];

fn send(request: tiny_http::Request, reply: Reply) {
    let mut headers: Vec<tiny_http::Header> = Vec::new();
    let mut push = |k: &str, v: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            headers.push(h);
        }
    };
    push("Content-Type", reply.content_type);
    for (k, v) in ALWAYS {
        push(k, v);
    }
    for (k, v) in &reply.headers {
        push(k, v);
    }
    let status = tiny_http::StatusCode(reply.status);
    // A browser that went away is not an error of the server.
    let _ = match reply.body {
        Body::Bytes(b) => {
            let len = b.len();
            request.respond(tiny_http::Response::new(
                status,
                headers,
                std::io::Cursor::new(b),
                Some(len),
                None,
            ))
        }
        Body::Stream(r) => {
            request.respond(tiny_http::Response::new(status, headers, r, None, None))
        }
    };
}
