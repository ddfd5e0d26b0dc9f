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
    let site = Arc::new(Site::new(
        Box::new(Memory(Mutex::new(PLAN.as_bytes().to_vec()))),
        carepath_model::Format::Toml,
        jiff::civil::date(2026, 3, 1),
        carepath_catalog::Catalog::embedded_owned(),
        exporters,
    ));
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
        .post(&format!("{}/log/progress", r.base))
        .header("Cookie", &cookie(&r))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send("milestone=x&amount=1")
        .expect("an answer");
    assert_eq!(resp.status().as_u16(), 403);
    let with = agent()
        .post(&format!("{}/log/progress", r.base))
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
    let site = Site::new(
        Box::new(Memory(Mutex::new(PLAN.as_bytes().to_vec()))),
        carepath_model::Format::Toml,
        jiff::civil::date(2026, 3, 1),
        carepath_catalog::Catalog::embedded_owned(),
        carepath_export::Registry::new(),
    );
    let snap = site.snapshot().expect("the plan");
    let resolved = snap.resolved.expect("a valid plan");
    let expected = carepath_pdf::render(&resolved, &carepath_pdf::PdfOptions::default()).bytes;
    assert_eq!(bytes, expected);
}

/// The running server's plan, kept to look at after the requests.
fn start_with(plan: &str) -> (Running, Arc<Mutex<Vec<u8>>>) {
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl PlanFile for Shared {
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
    let bytes = Arc::new(Mutex::new(plan.as_bytes().to_vec()));
    let server = Server::bind("127.0.0.1:0".parse().expect("an address")).expect("a free port");
    let site = Arc::new(Site::new(
        Box::new(Shared(Arc::clone(&bytes))),
        carepath_model::Format::Toml,
        jiff::civil::date(2026, 3, 1),
        carepath_catalog::Catalog::embedded_owned(),
        carepath_export::Registry::new(),
    ));
    let port = server.addr().port();
    let url = server.url();
    let csrf = server.gate().csrf().to_string();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let thread = std::thread::spawn(move || server.run(site, &flag));
    (
        Running {
            url,
            base: format!("http://127.0.0.1:{port}"),
            port,
            csrf,
            stop,
            thread: Some(thread),
        },
        bytes,
    )
}

fn get(r: &Running, path: &str) -> (u16, String) {
    let mut resp = agent()
        .get(&format!("{}{path}", r.base))
        .header("Cookie", &cookie(r))
        .call()
        .expect("an answer");
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

fn post(r: &Running, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf", &r.csrf)
        .extend_pairs(fields)
        .finish();
    let mut resp = agent()
        .post(&format!("{}{path}", r.base))
        .header("Cookie", &cookie(r))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(body)
        .expect("an answer");
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (
        status,
        resp.body_mut().read_to_string().unwrap_or_default(),
        location,
    )
}

/// The hidden `version` of the first form of a page.
fn version_in(html: &str) -> String {
    let key = "name=\"version\" value=\"";
    let at = html.find(key).expect("a version field") + key.len();
    html[at..at + 16].to_string()
}

/// Every field a page's edit form sends, with its value as shown (what a browser would post
/// without the person touching anything).
fn form_fields(html: &str) -> Vec<(String, String)> {
    let form = &html[html
        .find("<form method=\"post\" action=\"/edit")
        .expect("a form")..];
    let form = &form[..form.find("</form>").expect("its end")];
    let mut out = Vec::new();
    for piece in form.split("<input").skip(1) {
        let attr = |name: &str| {
            let key = format!("{name}=\"");
            piece
                .find(&key)
                .map(|i| &piece[i + key.len()..])
                .and_then(|rest| rest.find('"').map(|j| rest[..j].to_string()))
        };
        let Some(name) = attr("name") else { continue };
        if name == "csrf" || name == "version" {
            continue;
        }
        if piece.contains("type=\"checkbox\"") && !piece.contains(" checked") {
            continue;
        }
        out.push((name, attr("value").unwrap_or_default()));
    }
    out
}

#[test]
fn a_saved_form_changes_only_the_field_changed() {
    let (r, file) = start_with(PLAN);
    let (status, html) = get(&r, "/edit/milestones/2");
    assert_eq!(status, 200);
    let v = version_in(&html);
    let mut fields = form_fields(&html);
    assert!(
        fields.iter().any(|(k, _)| k == "milestones[2].title"),
        "{fields:?}"
    );
    for (k, val) in &mut fields {
        if k == "milestones[2].effort_hours" {
            assert_eq!(val, "15");
            *val = "16".into();
        }
    }
    let mut posted: Vec<(&str, &str)> = vec![("version", &v)];
    posted.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let (status, _, location) = post(&r, "/edit/milestones/2", &posted);
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/edit/milestones?saved="),
        "{location}"
    );
    let now = String::from_utf8(file.lock().expect("the plan").clone()).expect("text");
    assert_eq!(
        now,
        PLAN.replace(
            "effort_hours = 15                          # 6 evenings",
            "effort_hours = 16                          # 6 evenings"
        )
    );
}

#[test]
fn an_invalid_edit_is_refused_at_its_field_with_the_file_untouched() {
    let (r, file) = start_with(PLAN);
    let (_, html) = get(&r, "/edit/milestones/0");
    let v = version_in(&html);
    let mut fields = form_fields(&html);
    for (k, val) in &mut fields {
        if k == "milestones[0].effort_hours" {
            *val = "-5".into();
        }
    }
    let mut posted: Vec<(&str, &str)> = vec![("version", &v)];
    posted.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let (status, page, _) = post(&r, "/edit/milestones/0", &posted);
    assert_eq!(status, 422, "{page}");
    let field = &page[page
        .find("name=\"milestones[0].effort_hours\"")
        .expect("the field")..];
    let field = &field[..field.find("</div>").expect("its end")];
    assert!(field.contains("aria-invalid=\"true\""), "{field}");
    assert!(
        field.contains("<p class=\"error\" id=\"f-milestones-0--effort-hours-e0\">effort_hours cannot be negative (-5)</p>"),
        "check's words, at the field: {field}"
    );
    assert!(
        field.contains("value=\"-5\""),
        "what was typed stays: {field}"
    );
    assert_eq!(*file.lock().expect("the plan"), PLAN.as_bytes());
}

#[test]
fn an_edit_made_on_an_older_version_is_refused_with_the_new_one() {
    let (r, file) = start_with(PLAN);
    let (_, html) = get(&r, "/edit/plan");
    let old = version_in(&html);
    let on_disk = PLAN.replace("currency = \"USD\"", "currency = \"CAD\"");
    *file.lock().expect("the plan") = on_disk.clone().into_bytes();
    let (status, page, _) = post(
        &r,
        "/edit/plan",
        &[
            ("version", &old),
            ("title", "Typed in the page"),
            ("start", "2026-01-05"),
            ("currency", "USD"),
        ],
    );
    assert_eq!(status, 409);
    assert!(
        page.contains("The file changed on disk since this page was made; here is the new version")
    );
    assert!(page.contains("value=\"CAD\""), "the new version is shown");
    assert_eq!(*file.lock().expect("the plan"), on_disk.into_bytes());
}

#[test]
fn events_answer_with_the_new_version_when_the_file_changes() {
    let (r, file) = start_with(PLAN);
    let (_, html) = get(&r, "/");
    let v = version_in_body(&html);
    let changer = std::thread::spawn({
        let file = Arc::clone(&file);
        move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            *file.lock().expect("the plan") =
                PLAN.replace("format = 1", "format = 1\n").into_bytes();
        }
    });
    let started = std::time::Instant::now();
    let (status, now) = get(&r, &format!("/events?v={v}"));
    changer.join().expect("the change");
    assert_eq!(status, 200);
    assert_ne!(now.trim(), v);
    assert_eq!(now.trim().len(), 16);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

fn version_in_body(html: &str) -> String {
    let at = html.find("data-version=\"").expect("a version") + 14;
    html[at..at + 16].to_string()
}

#[test]
fn a_milestone_added_and_deleted_leaves_the_file_as_it_was() {
    let (r, file) = start_with(PLAN);
    let (_, html) = get(&r, "/edit/milestones/new");
    let v = version_in(&html);
    let n = PLAN.matches("[[milestones]]").count();
    let id = format!("milestones[{n}].id");
    let title = format!("milestones[{n}].title");
    let effort = format!("milestones[{n}].effort_hours");
    let kind = format!("milestones[{n}].kind");
    let (status, page, _) = post(
        &r,
        "/edit/milestones/new",
        &[
            ("version", &v),
            (&id, "wound-care"),
            (&title, "Wound care course"),
            (&kind, "training"),
            (&effort, "12"),
        ],
    );
    assert_eq!(status, 303, "{page}");
    let added = String::from_utf8(file.lock().expect("the plan").clone()).expect("text");
    assert!(added.contains("\n[[milestones]]\nid = \"wound-care\"\ntitle = \"Wound care course\"\nkind = \"training\"\neffort_hours = 12\n"));
    let (_, overview) = get(&r, "/");
    assert!(
        overview.contains("Wound care course"),
        "the overview shows it"
    );
    let (_, html) = get(&r, &format!("/edit/milestones/{n}"));
    let v = version_in(&html);
    let (status, _, _) = post(
        &r,
        &format!("/edit/milestones/{n}/delete"),
        &[("version", &v)],
    );
    assert_eq!(status, 303);
    assert_eq!(*file.lock().expect("the plan"), PLAN.as_bytes());
}

#[test]
fn compare_shows_the_checked_roles_side_by_side_with_the_route_from_the_plan() {
    let r = start();
    let (status, html) = get(&r, "/explore");
    assert_eq!(status, 200);
    assert!(
        html.contains("<form class=\"pick-roles\" method=\"get\" action=\"/compare\">")
            && html.contains("name=\"role\" value=\"critical-care-nurse\""),
        "{html}"
    );
    let (status, html) = get(&r, "/compare?role=critical-care-nurse&role=oncology-nurse");
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(
            "<th scope=\"col\">Critical care nurse</th><th scope=\"col\">Oncology nurse</th>"
        ),
        "{html}"
    );
    // The same figures as `carepath compare --plan`: pay for the plan's region, the route from
    // the person's role.
    assert!(
        html.contains("<tr><th scope=\"row\">From you</th><td>12 months, US$365 known costs</td><td>24 months</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("US$93,600 a year, US median, BLS May 2024"),
        "{html}"
    );
    let (status, html) = get(&r, "/compare?role=oncology-nurse");
    assert_eq!(status, 400);
    assert!(
        html.contains("1 role checked: compare needs two to four roles"),
        "{html}"
    );
    let (status, html) = get(&r, "/compare?role=oncology-nurse&role=no-such-role");
    assert_eq!(status, 404);
    assert!(
        html.contains("The catalog has no role <code>no-such-role</code>"),
        "{html}"
    );
}

#[test]
fn a_list_entry_holding_a_comma_stays_one_entry() {
    let (r, file) = start_with(PLAN);
    let (status, html) = get(&r, "/edit/profile");
    assert_eq!(status, 200);
    // One entry a line, each whole.
    assert!(
        html.contains(">critical care\nsepsis management\nprecepting new grads\npoint-of-care ultrasound</textarea>"),
        "{html}"
    );
    let v = version_in(&html);
    let interests = "critical care\r\nsepsis management\r\nprecepting new grads, residents\r\n\r\npoint-of-care ultrasound";
    let (status, body, _) = post(
        &r,
        "/edit/profile",
        &[("version", &v), ("person.interests", interests)],
    );
    assert_eq!(status, 303, "{body}");
    let now = String::from_utf8(file.lock().expect("the plan").clone()).expect("text");
    assert_eq!(
        now,
        PLAN.replace(
            "\"precepting new grads\"",
            "\"precepting new grads, residents\""
        )
    );
}

const ROTATION_PLAN: &str = include_str!("../../../fixtures/icu-roster.toml");

#[test]
fn the_shift_rotation_is_edited_in_the_page_keeping_every_other_byte() {
    let (r, file) = start_with(ROTATION_PLAN);
    let (status, html) = get(&r, "/edit/rotation");
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("name=\"capacity.rotation.days\" value=\"- - - N N N - D D D - - - -\""),
        "{html}"
    );
    assert!(
        html.contains(">D 07:00 12.5\nN 19:00 12.5</textarea>"),
        "{html}"
    );
    let v = version_in(&html);
    let (status, body, _) = post(
        &r,
        "/edit/rotation",
        &[
            ("version", &v),
            ("capacity.rotation.shifts", "D 07:00 12.5\r\nN 19:30 12"),
        ],
    );
    assert_eq!(status, 303, "{body}");
    let now = String::from_utf8(file.lock().expect("the plan").clone()).expect("text");
    assert_eq!(
        now,
        ROTATION_PLAN.replace(
            "N = { start = \"19:00\", hours = 12.5 }",
            "N = { start = \"19:30\", hours = 12 }"
        )
    );
    // A start that is not HH:MM: check's words at the shifts field, the file as it was.
    let (_, html) = get(&r, "/edit/rotation");
    let v = version_in(&html);
    let (status, page, _) = post(
        &r,
        "/edit/rotation",
        &[
            ("version", &v),
            ("capacity.rotation.shifts", "D 7am 12.5\nN 19:30 12"),
        ],
    );
    assert_eq!(status, 422, "{page}");
    let field = &page[page
        .find("name=\"capacity.rotation.shifts\"")
        .expect("the field")..];
    let field = &field[..field.find("</div>").expect("its end")];
    assert!(
        field.contains(
            "the shift `D` starts at &quot;7am&quot;, which is not a time of day written as HH:MM"
        ),
        "{field}"
    );
    assert!(
        field.contains("D 7am 12.5"),
        "what was typed stays: {field}"
    );
    assert_eq!(
        String::from_utf8(file.lock().expect("the plan").clone()).expect("text"),
        now
    );
    // A day naming no shift is refused at the days field.
    let (status, page, _) = post(
        &r,
        "/edit/rotation",
        &[("version", &v), ("capacity.rotation.days", "D D X - - - -")],
    );
    assert_eq!(status, 422, "{page}");
    let field = &page[page
        .find("name=\"capacity.rotation.days\"")
        .expect("the field")..];
    let field = &field[..field.find("</div>").expect("its end")];
    assert!(
        field.contains("the rotation names the shift &quot;X&quot;, which is not in its `shifts`"),
        "{field}"
    );
}

#[test]
fn the_roster_file_reference_is_edited_in_the_page() {
    let (r, file) = start_with(ROTATION_PLAN);
    let (status, html) = get(&r, "/edit/roster");
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("name=\"capacity.roster.file\" value=\"roster/shifts.ics\""),
        "{html}"
    );
    let v = version_in(&html);
    let (status, body, _) = post(
        &r,
        "/edit/roster",
        &[
            ("version", &v),
            ("capacity.roster.file", "roster/2027.ics"),
            ("capacity.roster.match", "Shift"),
        ],
    );
    assert_eq!(status, 303, "{body}");
    let now = String::from_utf8(file.lock().expect("the plan").clone()).expect("text");
    assert_eq!(
        now,
        ROTATION_PLAN.replace("file = \"roster/shifts.ics\"", "file = \"roster/2027.ics\"")
    );
}
