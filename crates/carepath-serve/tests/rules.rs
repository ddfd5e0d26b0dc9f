//! The security rules of `carepath serve` through a real socket and a plain HTTP client: no
//! token, a foreign Host, a POST without the CSRF token are refused; the token sets a cookie.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use carepath_serve::{PlanFile, Server, Site, WriteError};

const PLAN: &str = include_str!("rn-to-acnp.toml");

struct Memory(Mutex<Vec<u8>>);

impl PlanFile for Memory {
    fn name(&self) -> String {
        "rn-to-acnp.toml".into()
    }
    fn read(&self) -> Result<Vec<u8>, String> {
        Ok(self.0.lock().map_err(|e| e.to_string())?.clone())
    }
    fn replace(&self, expected: &[u8], new: Vec<u8>) -> Result<(), WriteError> {
        let mut held = self
            .0
            .lock()
            .map_err(|e| WriteError::Failed(e.to_string()))?;
        if *held != expected {
            return Err(WriteError::Changed(held.clone()));
        }
        *held = new;
        Ok(())
    }
}

struct Running {
    url: String,
    base: String,
    port: u16,
    csrf: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn start() -> Running {
    let server = Server::bind("127.0.0.1:0".parse().expect("an address")).expect("a free port");
    let mut exporters = carepath_export::Registry::new();
    exporters.register(Box::new(carepath_export::json::JsonExporter));
    exporters.register(Box::new(carepath_pdf::PdfExporter::default()));
    let site = Arc::new(Site {
        file: Box::new(Memory(Mutex::new(PLAN.as_bytes().to_vec()))),
        format: carepath_model::Format::Toml,
        as_of: jiff::civil::date(2026, 3, 1),
        catalog: carepath_catalog::Catalog::embedded_owned(),
        exporters,
    });
    let port = server.addr().port();
    let url = server.url();
    let csrf = server.gate().csrf().to_string();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let thread = std::thread::spawn(move || server.run(site, &flag));
    Running {
        url,
        base: format!("http://127.0.0.1:{port}"),
        port,
        csrf,
        stop,
        thread: Some(thread),
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

fn cookie(r: &Running) -> String {
    format!(
        "carepath-{}={}",
        r.port,
        r.url.split("token=").nth(1).unwrap_or("")
    )
}

#[test]
fn without_the_token_every_page_is_refused() {
    let r = start();
    for path in ["/", "/downloads", "/download/pdf", "/assets/site.css"] {
        let resp = agent()
            .get(&format!("{}{path}", r.base))
            .call()
            .expect("an answer");
        assert_eq!(resp.status().as_u16(), 403, "{path}");
    }
}

#[test]
fn the_printed_url_sets_a_cookie_and_the_cookie_opens_the_overview() {
    let r = start();
    assert!(r.url.starts_with("http://127.0.0.1:"));
    let resp = agent().get(&r.url).call().expect("an answer");
    assert_eq!(resp.status().as_u16(), 303);
    let set = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(set.starts_with(&cookie(&r)), "{set}");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
    let mut page = agent()
        .get(&format!("{}/", r.base))
        .header("Cookie", &cookie(&r))
        .call()
        .expect("an answer");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.body_mut().read_to_string().expect("text");
    assert!(html.contains("<svg"), "the timeline is drawn");
    assert!(html.contains("Goals, by SMART"));
    assert!(html.contains("Next 90 days"));
    assert!(
        !html.contains(r.url.split("token=").nth(1).unwrap_or("-")),
        "the token stays out of the page"
    );
}

#[test]
fn a_foreign_host_is_refused_even_with_the_cookie() {
    let r = start();
    let resp = agent()
        .get(&format!("{}/", r.base))
        .header("Host", "attacker.example")
        .header("Cookie", &cookie(&r))
        .call()
        .expect("an answer");
    assert_eq!(resp.status().as_u16(), 403);
    let ok = agent()
        .get(&format!("{}/", r.base))
        .header("Host", &format!("localhost:{}", r.port))
        .header("Cookie", &cookie(&r))
        .call()
        .expect("an answer");
    assert_eq!(ok.status().as_u16(), 200);
}

#[test]
fn a_post_without_the_csrf_token_is_refused() {
    let r = start();
    let resp = agent()
        .post(&format!("{}/log", r.base))
        .header("Cookie", &cookie(&r))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send("milestone=x&amount=1")
        .expect("an answer");
    assert_eq!(resp.status().as_u16(), 403);
    let with = agent()
        .post(&format!("{}/log", r.base))
        .header("Cookie", &cookie(&r))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(format!("csrf={}", r.csrf))
        .expect("an answer");
    assert_ne!(
        with.status().as_u16(),
        403,
        "the CSRF token lets it through"
    );
}

#[test]
fn the_pdf_downloads_as_carepath_export_makes_it() {
    let r = start();
    let mut resp = agent()
        .get(&format!("{}/download/pdf", r.base))
        .header("Cookie", &cookie(&r))
        .call()
        .expect("an answer");
    assert_eq!(resp.status().as_u16(), 200);
    let bytes = resp.body_mut().read_to_vec().expect("bytes");
    let site = Site {
        file: Box::new(Memory(Mutex::new(PLAN.as_bytes().to_vec()))),
        format: carepath_model::Format::Toml,
        as_of: jiff::civil::date(2026, 3, 1),
        catalog: carepath_catalog::Catalog::embedded_owned(),
        exporters: carepath_export::Registry::new(),
    };
    let snap = site.snapshot().expect("the plan");
    let resolved = snap.resolved.expect("a valid plan");
    let expected = carepath_pdf::render(&resolved, &carepath_pdf::PdfOptions::default()).bytes;
    assert_eq!(bytes, expected);
}
