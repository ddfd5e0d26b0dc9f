//! The rules every request passes before any page sees it (docs/serve.md, "Starting it"):
//!
//! 1. **Host**: the `Host` header must be `127.0.0.1:PORT` or `localhost:PORT` (or the address
//!    given with `--listen`). A page on another site that rebinds its own name to 127.0.0.1 sends
//!    its own name as Host, and is refused (DNS-rebinding defence).
//! 2. **Token**: the URL that `carepath serve` prints carries a random token. A request with the
//!    right `?token=` gets a cookie holding it (and, for a GET, a redirect to the same page
//!    without the token, so it stays out of the address bar and history); later requests carry
//!    the cookie. Anything else gets 403.
//! 3. **Changes**: only POST changes anything, and a POST must carry the per-session CSRF token
//!    in its form (`csrf`), which only pages served by this session contain.
//!
//! Tokens are compared in constant time. The cookie's name carries the port, since browsers
//! share cookies between ports of one host and two servers must not overwrite each other's.

/// Which of the rules a request broke, or what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Let it through to the pages.
    Pass,
    /// The right token in the query of a GET: set the cookie and send the browser to
    /// `location` (the same path and query without the token).
    SetCookieAndRedirect { location: String },
    /// The right token in the query of a POST: set the cookie and go on.
    SetCookieAndPass,
    /// Refused with 403 and this reason.
    Forbidden(&'static str),
    /// Neither GET, HEAD nor POST.
    MethodNotAllowed,
}

pub const BAD_HOST: &str = "this server answers only to 127.0.0.1 or localhost with its port (a page elsewhere cannot use it)";
pub const NO_TOKEN: &str =
    "open the address that `carepath serve` printed (it carries the session's token)";
pub const BAD_CSRF: &str =
    "this change did not come from a page of this session; reload the page and try again";

/// The secrets and names of one server session.
#[derive(Debug, Clone)]
pub struct Gate {
    token: String,
    csrf: String,
    hosts: Vec<String>,
    cookie: String,
}

/// What the gate needs to know of a request.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    pub method: &'a str,
    /// The path and query as sent (`/milestones?token=...`).
    pub url: &'a str,
    pub host: Option<&'a str>,
    pub cookie: Option<&'a str>,
}

impl Gate {
    /// A gate for a server on `port`, with fresh random tokens. `listen` is an address other than
    /// 127.0.0.1 that `--listen` asked for; it is accepted as a Host too.
    pub fn new(port: u16, listen: Option<&str>) -> std::io::Result<Gate> {
        Ok(Gate::with_tokens(
            port,
            listen,
            random_token()?,
            random_token()?,
        ))
    }

    /// A gate with given tokens (tests and benchmarks).
    pub fn with_tokens(port: u16, listen: Option<&str>, token: String, csrf: String) -> Gate {
        let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")];
        if let Some(l) = listen {
            let h = format!("{l}:{port}");
            if !hosts.contains(&h) {
                hosts.push(h);
            }
        }
        Gate {
            token,
            csrf,
            hosts,
            cookie: format!("carepath-{port}"),
        }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The token pages put in every form that changes something.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    /// The `Set-Cookie` value that carries the token: for this server only, never sent by
    /// another site's page (SameSite=Strict), never read by a script (HttpOnly).
    pub fn set_cookie(&self) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            self.cookie, self.token
        )
    }

    /// Checks the Host and the token. The CSRF rule needs the body, so it is [`Gate::csrf_ok`].
    pub fn judge(&self, seen: Seen<'_>) -> Verdict {
        let host_ok = seen
            .host
            .is_some_and(|h| self.hosts.iter().any(|a| a.eq_ignore_ascii_case(h.trim())));
        if !host_ok {
            return Verdict::Forbidden(BAD_HOST);
        }
        let (path, query) = match seen.url.split_once('?') {
            Some((p, q)) => (p, q),
            None => (seen.url, ""),
        };
        let method = seen.method;
        if !matches!(method, "GET" | "HEAD" | "POST") {
            // Still only for someone who holds the token: say nothing more to others.
            if !self.cookie_ok(seen.cookie) {
                return Verdict::Forbidden(NO_TOKEN);
            }
            return Verdict::MethodNotAllowed;
        }
        if self.cookie_ok(seen.cookie) {
            return Verdict::Pass;
        }
        let query_token = form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.into_owned());
        match query_token {
            Some(t) if same(&t, &self.token) => {
                if method == "POST" {
                    Verdict::SetCookieAndPass
                } else {
                    let rest: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                        .filter(|(k, _)| k != "token")
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect();
                    let location = if rest.is_empty() {
                        path.to_string()
                    } else {
                        let q = form_urlencoded::Serializer::new(String::new())
                            .extend_pairs(rest)
                            .finish();
                        format!("{path}?{q}")
                    };
                    Verdict::SetCookieAndRedirect { location }
                }
            }
            _ => Verdict::Forbidden(NO_TOKEN),
        }
    }

    /// Whether a posted form carries this session's CSRF token.
    pub fn csrf_ok(&self, form: &[(String, String)]) -> bool {
        form.iter()
            .find(|(k, _)| k == "csrf")
            .is_some_and(|(_, v)| same(v, &self.csrf))
    }

    fn cookie_ok(&self, header: Option<&str>) -> bool {
        let Some(header) = header else { return false };
        header.split(';').any(|pair| {
            pair.trim()
                .split_once('=')
                .is_some_and(|(k, v)| k == self.cookie && same(v, &self.token))
        })
    }
}

/// Equality that takes the same time wherever the first difference is.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 32 random bytes from the operating system, as 64 hex digits.
pub fn random_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> Gate {
        Gate::with_tokens(4000, None, "t0k".into(), "c5rf".into())
    }

    fn seen<'a>(method: &'a str, url: &'a str, host: &'a str, cookie: Option<&'a str>) -> Seen<'a> {
        Seen {
            method,
            url,
            host: Some(host),
            cookie,
        }
    }

    #[test]
    fn a_foreign_host_is_refused_even_with_the_token() {
        let v = gate().judge(seen("GET", "/?token=t0k", "evil.example:4000", None));
        assert_eq!(v, Verdict::Forbidden(BAD_HOST));
        let v = gate().judge(seen("GET", "/?token=t0k", "127.0.0.1:4001", None));
        assert_eq!(v, Verdict::Forbidden(BAD_HOST));
        let no_host = Seen {
            host: None,
            ..seen("GET", "/", "", Some("carepath-4000=t0k"))
        };
        assert_eq!(gate().judge(no_host), Verdict::Forbidden(BAD_HOST));
    }

    #[test]
    fn the_token_in_the_query_sets_the_cookie_and_leaves_the_address() {
        let v = gate().judge(seen("GET", "/plan?x=1&token=t0k", "localhost:4000", None));
        assert_eq!(
            v,
            Verdict::SetCookieAndRedirect {
                location: "/plan?x=1".into()
            }
        );
        assert_eq!(
            gate().set_cookie(),
            "carepath-4000=t0k; Path=/; HttpOnly; SameSite=Strict"
        );
    }

    #[test]
    fn a_wrong_or_missing_token_is_refused() {
        let g = gate();
        for (url, cookie) in [
            ("/", None),
            ("/?token=t0K", None),
            ("/?token=", None),
            ("/", Some("carepath-4000=wrong")),
            ("/", Some("carepath-4001=t0k")),
        ] {
            assert_eq!(
                g.judge(seen("GET", url, "127.0.0.1:4000", cookie)),
                Verdict::Forbidden(NO_TOKEN),
                "{url} {cookie:?}"
            );
        }
        assert_eq!(
            g.judge(seen(
                "GET",
                "/",
                "127.0.0.1:4000",
                Some("a=b; carepath-4000=t0k")
            )),
            Verdict::Pass
        );
    }

    #[test]
    fn a_post_needs_the_csrf_token() {
        let g = gate();
        assert!(g.csrf_ok(&[("csrf".into(), "c5rf".into())]));
        assert!(!g.csrf_ok(&[("csrf".into(), "t0k".into())]));
        assert!(!g.csrf_ok(&[]));
        assert_eq!(
            g.judge(seen(
                "PUT",
                "/",
                "127.0.0.1:4000",
                Some("carepath-4000=t0k")
            )),
            Verdict::MethodNotAllowed
        );
    }
}
