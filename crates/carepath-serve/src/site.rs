//! The pages, server-rendered HTML built with `format!` and one escaping function ([`esc`]):
//! no template engine, no build step, nothing a fresh clone must generate. Every page is made
//! from the plan file as it is on disk at that moment, checked and resolved by the model exactly
//! as `carepath check` and `show` do.

use std::fmt::Write as _;

use carepath_catalog::Catalog;
use carepath_export::Registry;
use carepath_model::{Format, Knowledge, ResolvedPlan, Status};
use jiff::civil::Date;

use std::sync::Arc;
use std::time::Duration;

use crate::forms;
use crate::live::Changes;
use crate::server::{Handler, Method, Reply, Request};

/// How the site reads and writes the plan file. The CLI implements it with its locked, atomic,
/// change-checked file code; the site never touches the file system itself.
pub trait PlanFile: Send + Sync + 'static {
    /// The file's name as the person knows it.
    fn name(&self) -> String;
    fn read(&self) -> Result<Vec<u8>, String>;
    /// Replaces the file with `new` if it still holds `expected`; if it holds something else,
    /// [`WriteError::Changed`] with what it holds, and nothing is written.
    fn replace(&self, expected: &[u8], new: Vec<u8>) -> Result<(), WriteError>;
    /// Whether the file is there (`carepath serve --new` waits for the person to create it).
    fn exists(&self) -> bool {
        true
    }
    /// Gives the checked plan what lives beside the file, as every command gets it: the CLI
    /// reads the plan's roster file (`capacity.roster.file`) here, so the page schedules around
    /// the same shifts as `carepath show`. Nothing by default.
    fn attach(&self, checked: &mut carepath_model::Checked) {
        let _ = checked;
    }
    /// Writes a new file, refusing to replace one that is there.
    fn create(&self, bytes: Vec<u8>) -> Result<(), WriteError> {
        let _ = bytes;
        Err(WriteError::Failed(
            "this plan file cannot be created here".into(),
        ))
    }
}

/// The answers of the start form (`carepath serve --new`), as `carepath init` asks them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartAnswers {
    pub name: String,
    pub role: String,
    pub target: String,
    pub hours: String,
    pub values: String,
}

/// Makes a starter plan from the answers, as `carepath init` does (the CLI gives it).
pub type Starter = Box<dyn Fn(&StartAnswers) -> Result<Vec<u8>, String> + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file no longer holds the bytes the page was built from.
    Changed(Vec<u8>),
    Failed(String),
}

/// Everything the pages need, fixed for the session.
pub struct Site {
    pub file: Box<dyn PlanFile>,
    pub format: Format,
    pub as_of: Date,
    pub catalog: Catalog,
    /// The built-in exporters, as `carepath export` sets them up by default.
    pub exporters: Registry,
    /// Told of every change of the file; `/events` waits on it.
    pub changes: Arc<Changes>,
    /// Set for `carepath serve --new`: the plan is made from the start form.
    pub starter: Option<Starter>,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("file", &self.file.name())
            .field("as_of", &self.as_of)
            .finish_non_exhaustive()
    }
}

/// HTML text: the five specials escaped, control characters dropped but line breaks kept (a
/// textarea shows a list one entry a line, and a note's lines).
pub fn esc(text: &str) -> String {
    text.split('\n')
        .map(carepath_pdf::svg::escape)
        .collect::<Vec<_>>()
        .join("\n")
}

const CSS: &str = include_str!("../assets/site.css");

/// The plan as read: its bytes, and the checked and resolved plan when it is valid.
pub struct Snapshot {
    pub bytes: Vec<u8>,
    pub text: String,
    pub checked: carepath_model::Checked,
    pub resolved: Option<ResolvedPlan>,
}

/// A short fingerprint of the file's bytes (FNV-1a, 64 bits): the page sends it back with an
/// edit so that an edit made on an older version is refused. Not a security measure.
pub fn version(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Site {
    pub fn new(
        file: Box<dyn PlanFile>,
        format: Format,
        as_of: Date,
        catalog: Catalog,
        exporters: Registry,
    ) -> Site {
        Site {
            file,
            format,
            as_of,
            catalog,
            exporters,
            changes: Arc::new(Changes::new()),
            starter: None,
        }
    }

    fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(&self.catalog)
    }

    /// Reads and resolves the plan as it is now.
    pub fn snapshot(&self) -> Result<Snapshot, String> {
        let bytes = self.file.read()?;
        Ok(self.snapshot_of(bytes))
    }

    pub fn snapshot_of(&self, bytes: Vec<u8>) -> Snapshot {
        let mut checked = carepath_model::check(&bytes, self.format, self.knowledge());
        self.file.attach(&mut checked);
        let resolved = checked
            .plan
            .as_ref()
            .map(|p| carepath_model::resolve(p, self.as_of, self.knowledge()));
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Snapshot {
            bytes,
            text,
            checked,
            resolved,
        }
    }

    /// The overview page's HTML.
    pub fn overview(&self, csrf: &str) -> Reply {
        match self.snapshot() {
            Ok(s) => Reply::html(200, self.page("Overview", csrf, &s, &overview_body(&s))),
            Err(e) => Reply::html(500, self.error_page(&e)),
        }
    }

    pub fn error_page(&self, message: &str) -> String {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>carepath: cannot read the plan</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main><h1>The plan cannot be read</h1><p>{}</p></main></body></html>",
            esc(message)
        )
    }

    /// A whole page around `body`: the navigation, the version the page was built from (for
    /// live updates and crossing edits) and the CSRF token for its forms.
    pub fn page(&self, title: &str, csrf: &str, snap: &Snapshot, body: &str) -> String {
        let plan_title = snap
            .resolved
            .as_ref()
            .map(|r| r.plan.title.clone())
            .unwrap_or_else(|| self.file.name());
        let mut nav = String::new();
        for (href, name) in [
            ("/", "Overview"),
            ("/edit", "Edit"),
            ("/log", "Log"),
            ("/explore", "Explore"),
            ("/downloads", "Downloads"),
        ] {
            let current = if name == title {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(nav, "<li><a href=\"{href}\"{current}>{name}</a></li>");
        }
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} · {plan} · carepath</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head>\n<body data-version=\"{version}\" data-csrf=\"{csrf}\"><a class=\"skip\" href=\"#main\">Skip to the content</a><header><p class=\"brand\">carepath · <span>{file}</span></p><nav aria-label=\"Pages\"><ul>{nav}</ul></nav></header>\n<div id=\"changed\" role=\"status\" aria-live=\"polite\"></div>\n<main id=\"main\" tabindex=\"-1\"><h1>{h1}</h1>\n{body}</main><script src=\"/assets/live.js\"></script></body></html>\n",
            title = esc(title),
            plan = esc(&plan_title),
            version = version(&snap.bytes),
            csrf = esc(csrf),
            file = esc(&self.file.name()),
            h1 = esc(&plan_title),
        )
    }

    /// The downloads page: every built-in export, as `carepath export` makes it.
    fn downloads(&self, csrf: &str) -> Reply {
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let mut body = String::from("<h2>Downloads</h2>");
        if snap.resolved.is_none() {
            body.push_str(&invalid_notice(&self.file.name(), &snap));
        } else {
            body.push_str("<p>Each file is made now from the plan as it is on disk, exactly as <code>carepath export</code> makes it.</p><ul class=\"downloads\">");
            for e in self.exporters.iter() {
                let _ = write!(
                    body,
                    "<li><a href=\"/download/{name}\" download>{upper} (.{ext})</a> <span>{desc}</span></li>",
                    name = esc(e.name()),
                    upper = esc(&e.name().to_uppercase()),
                    ext = esc(e.extension()),
                    desc = esc(e.description())
                );
            }
            body.push_str("</ul>");
        }
        Reply::html(200, self.page("Downloads", csrf, &snap, &body))
    }

    /// One export's bytes; several files (CSV's tables) need `?part=`.
    fn download(&self, name: &str, part: Option<&str>) -> Reply {
        let Some(exporter) = self.exporters.get(name) else {
            return Reply::text(404, format!("there is no exporter `{name}`\n"));
        };
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::text(500, e),
        };
        let Some(resolved) = &snap.resolved else {
            return Reply::text(
                409,
                format!(
                    "{} has errors; run `carepath check {}` or fix them in the page first\n",
                    self.file.name(),
                    self.file.name()
                ),
            );
        };
        let exported = match exporter.export(resolved) {
            Ok(x) => x,
            Err(e) => return Reply::text(500, format!("{name}: {e}\n")),
        };
        let stem = std::path::Path::new(&self.file.name())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        let several = exported.files.len() > 1;
        if several && part.is_none() {
            let mut body = format!(
                "<h2>{} files</h2><ul class=\"downloads\">",
                esc(&name.to_uppercase())
            );
            for f in &exported.files {
                let p = f.part.clone().unwrap_or_default();
                let _ = write!(
                    body,
                    "<li><a href=\"/download/{n}?part={p}\" download>{p}.{ext}</a></li>",
                    n = esc(name),
                    p = esc(&p),
                    ext = esc(&f.extension)
                );
            }
            body.push_str("</ul>");
            return Reply::html(200, self.page("Downloads", "", &snap, &body));
        }
        let file = exported
            .files
            .into_iter()
            .find(|f| part.is_none() || f.part.as_deref() == part);
        let Some(f) = file else {
            return Reply::text(404, "there is no such part\n");
        };
        let filename = match (&f.part, several) {
            (Some(p), true) => format!("{p}.{}", f.extension),
            (Some(p), false) => format!("{stem}-{p}.{}", f.extension),
            (None, _) => format!("{stem}.{}", f.extension),
        };
        let media = media_type(&f.extension);
        Reply::bytes(200, media, f.bytes).header(
            "Content-Disposition",
            format!(
                "attachment; filename=\"{}\"",
                filename.replace(['"', '\\', '\r', '\n'], "_")
            ),
        )
    }
}

fn media_type(ext: &str) -> &'static str {
    match ext {
        "pdf" => "application/pdf",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

/// What the page says when the file on disk does not pass `check`: every error, in `check`'s
/// words, with its place.
fn invalid_notice(name: &str, snap: &Snapshot) -> String {
    let mut s = format!(
        "<section class=\"invalid\" aria-labelledby=\"invalid-h\"><h2 id=\"invalid-h\">{} has errors</h2><p>Fix them in the file (or run <code>carepath check {}</code>); this page follows the file.</p><ul>",
        esc(name),
        esc(name)
    );
    for d in snap.checked.diagnostics.iter().filter(|d| d.is_error()) {
        let place = if d.path.is_empty() {
            String::new()
        } else {
            format!("<code>{}</code>: ", esc(&d.path))
        };
        let _ = write!(s, "<li>{place}{}</li>", esc(&d.message));
    }
    s.push_str("</ul></section>");
    s
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Done => "done",
        Status::Late => "late",
        Status::OnTrack => "on track",
        Status::AtRisk => "at risk",
        _ => s.as_str(),
    }
}

fn status_class(s: Status) -> &'static str {
    s.as_str()
}

fn hours(h: f64) -> String {
    let n = carepath_model::numbers::plain(h);
    if n == "1" {
        "1 hour".into()
    } else {
        format!("{n} hours")
    }
}

/// The overview: forecast against target, the timeline, SMART, why late, the next 90 days,
/// credentials needing attention, the gap.
pub fn overview_body(snap: &Snapshot) -> String {
    let Some(r) = &snap.resolved else {
        return invalid_notice("The plan", snap);
    };
    let mut s = String::new();
    // Forecast against the target.
    s.push_str("<section aria-labelledby=\"forecast-h\"><h2 id=\"forecast-h\">Forecast</h2>");
    let _ = write!(
        s,
        "<p>As of {}, the plan finishes on <strong>{}</strong>",
        r.as_of, r.schedule.finish.finish
    );
    match &r.schedule.target {
        Some(t) => {
            let verdict = if t.met {
                format!(
                    "on time for the target <strong>{}</strong> by {}",
                    esc(r.display_name(&t.role)),
                    t.by
                )
            } else {
                format!(
                    "<span class=\"bad\">after</span> the target <strong>{}</strong> by {} ({} days late)",
                    esc(r.display_name(&t.role)),
                    t.by,
                    carepath_model::calendar::days_between(t.by, t.finish)
                )
            };
            let _ = write!(s, ", {verdict}.</p>");
        }
        None => s.push_str(". The plan names no target role.</p>"),
    }
    let t = &r.schedule.totals;
    let _ = write!(
        s,
        "<p>{} of {} milestones done; {} of {} hours of work left.</p></section>",
        t.done,
        t.milestones,
        carepath_model::numbers::grouped(t.remaining_hours),
        carepath_model::numbers::grouped(t.effort_hours)
    );
    // The timeline, drawn from the PDF's layout.
    s.push_str("<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Timeline</h2><div class=\"timeline\">");
    let layout = carepath_pdf::layout(r, &carepath_pdf::PdfOptions::default());
    let svgs = carepath_pdf::svg::timeline(
        &layout.document,
        &format!("Timeline of {} milestones", r.schedule.milestones.len()),
    );
    if svgs.is_empty() {
        s.push_str("<p>Nothing to draw yet.</p>");
    }
    for svg in svgs {
        s.push_str(&svg);
    }
    s.push_str("</div></section>");
    // SMART.
    s.push_str("<section aria-labelledby=\"goals-h\"><h2 id=\"goals-h\">Goals, by SMART</h2>");
    if r.schedule.goals.is_empty() {
        s.push_str("<p>The plan has no goals.</p>");
    }
    for g in &r.schedule.goals {
        let _ = write!(
            s,
            "<article class=\"goal\"><h3>{} <span class=\"score\">SMART {}/5</span></h3><ul class=\"smart\">",
            esc(&g.title),
            g.score
        );
        for (name, c) in g.smart.criteria() {
            let mark = if c.pass { "pass" } else { "fail" };
            let _ = write!(
                s,
                "<li class=\"{mark}\"><strong>{}</strong> {}</li>",
                name.replace('_', "-"),
                esc(&c.document())
            );
        }
        s.push_str("</ul></article>");
    }
    s.push_str("</section>");
    // Why late.
    if !r.schedule.explanations.is_empty() {
        s.push_str("<section aria-labelledby=\"late-h\"><h2 id=\"late-h\">Why it is late</h2><ul>");
        for e in &r.schedule.explanations {
            let _ = write!(s, "<li>{}</li>", esc(&e.text.document()));
        }
        s.push_str("</ul></section>");
    }
    // The next 90 days.
    s.push_str("<section aria-labelledby=\"next-h\"><h2 id=\"next-h\">Next 90 days</h2>");
    let next = r.next_actions(90);
    if next.is_empty() {
        s.push_str("<p>Nothing scheduled.</p>");
    } else {
        s.push_str("<table><thead><tr><th scope=\"col\">Milestone</th><th scope=\"col\">Start</th><th scope=\"col\">Finish</th><th scope=\"col\">Left</th><th scope=\"col\">Status</th></tr></thead><tbody>");
        for m in next {
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"date\">{}</td><td class=\"date\">{}</td><td class=\"num\">{}</td><td class=\"status-{}\">{}</td></tr>",
                esc(&m.title),
                m.forecast.start,
                m.forecast.finish,
                hours(m.remaining_hours),
                status_class(m.status),
                status_word(m.status)
            );
        }
        s.push_str("</tbody></table>");
    }
    s.push_str("</section>");
    // Credentials that need attention.
    let attention: Vec<_> = r
        .schedule
        .credentials
        .iter()
        .filter(|c| c.status.needs_attention() && c.attention.is_some())
        .collect();
    if !attention.is_empty() {
        s.push_str("<section aria-labelledby=\"cred-h\"><h2 id=\"cred-h\">Credentials that need attention</h2><ul>");
        for c in attention {
            let what = c
                .attention
                .as_ref()
                .map(|m| m.document())
                .unwrap_or_default();
            let _ = write!(
                s,
                "<li><strong>{}</strong> <span class=\"badge\">{}</span> {}</li>",
                esc(&c.name),
                c.status.as_str(),
                esc(&what)
            );
        }
        s.push_str("</ul></section>");
    }
    // The gap.
    if let Some(gap) = &r.gap {
        let _ = write!(
            s,
            "<section aria-labelledby=\"gap-h\"><h2 id=\"gap-h\">The gap to {}</h2><ul class=\"gap\">",
            esc(&gap.target_name)
        );
        for item in &gap.items {
            let state = if item.held {
                "held"
            } else if item.covered_by.is_empty() {
                "missing"
            } else {
                "planned"
            };
            let unverified = if item.verified { "" } else { " (unverified)" };
            // The requirement's text often repeats the name ("RN license (required)").
            let requirement = item
                .requirement
                .strip_prefix(item.name.as_str())
                .map(str::trim)
                .unwrap_or(&item.requirement);
            let _ = write!(
                s,
                "<li class=\"{state}\"><strong>{}</strong> <span class=\"badge\">{state}</span> {} <small>Source: {}{unverified}</small></li>",
                esc(&item.name),
                esc(requirement),
                esc(&item.source)
            );
        }
        s.push_str("</ul></section>");
    }
    s
}

/// How long `/events` holds a request before answering with the same version (the page asks
/// again at once); short enough that Ctrl-C never waits on one for long.
const HOLD: Duration = Duration::from_secs(20);
/// How often a held `/events` looks at the file itself, besides being woken by the watcher.
const LOOK: Duration = Duration::from_secs(1);

const LIVE_JS: &str = include_str!("../assets/live.js");

impl Site {
    /// `/events?v=VERSION`: the file's version, as soon as it is not `VERSION`.
    fn events(&self, seen: &str) -> Reply {
        let deadline = std::time::Instant::now() + HOLD;
        loop {
            let count = self.changes.count();
            let now = self.file.read().map(|b| version(&b)).unwrap_or_default();
            if now != seen || std::time::Instant::now() >= deadline {
                return Reply::text(200, now);
            }
            self.changes.wait_past(count, LOOK);
        }
    }

    /// The start form of `carepath serve --new`: the questions of `carepath init`.
    fn start_page(&self, csrf: &str, answers: &StartAnswers, problem: Option<&str>) -> Reply {
        let mut roles: Vec<(&str, &str)> = self
            .catalog
            .roles
            .iter()
            .map(|r| (r.id.as_str(), r.name.as_str()))
            .collect();
        roles.sort_by_key(|r| r.1.to_lowercase());
        let select = |name: &str, chosen: &str| {
            let mut s = format!(
                "<select id=\"start-{name}\" name=\"{name}\"><option value=\"\">(not in the list, or not sure)</option>"
            );
            for (id, n) in &roles {
                let sel = if *id == chosen { " selected" } else { "" };
                let _ = write!(s, "<option value=\"{}\"{sel}>{}</option>", esc(id), esc(n));
            }
            s.push_str("</select>");
            s
        };
        let mut body = String::new();
        if let Some(p) = problem {
            let _ = write!(
                body,
                "<p class=\"error\" role=\"alert\">Not created: {}</p>",
                esc(p)
            );
        }
        let hours = if answers.hours.is_empty() {
            "6"
        } else {
            &answers.hours
        };
        let values = if answers.values.is_empty() {
            "patient-care"
        } else {
            &answers.values
        };
        let _ = write!(
            body,
            "<h2>Start a plan</h2><p>A few questions, as <code>carepath init</code> asks them. The answers make a first plan in <code>{file}</code>, on this computer; you can change everything afterwards.</p><form method=\"post\" action=\"/start\" class=\"edit\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
<div class=\"field\"><label for=\"start-name\">Your name</label><input type=\"text\" id=\"start-name\" name=\"name\" value=\"{name}\" autocomplete=\"name\"></div>\
<div class=\"field\"><label for=\"start-role\">Your current role</label>{role}</div>\
<div class=\"field\"><label for=\"start-target\">The role you aim at</label>{target}</div>\
<div class=\"field\"><label for=\"start-hours\">Hours a week you can give to study and development, outside shifts</label><input type=\"text\" inputmode=\"decimal\" id=\"start-hours\" name=\"hours\" value=\"{hours}\"></div>\
<div class=\"field\"><label for=\"start-values\">What drives you, separated by commas</label><input type=\"text\" id=\"start-values\" name=\"values\" value=\"{values}\" aria-describedby=\"start-values-hint\"><p class=\"hint\" id=\"start-values-hint\">For example: patient-care, leadership, family, teaching.</p></div>\
<button type=\"submit\">Create my plan</button></form>",
            file = esc(&self.file.name()),
            csrf = esc(csrf),
            name = esc(&answers.name),
            role = select("role", &answers.role),
            target = select("target", &answers.target),
            hours = esc(hours),
            values = esc(values),
        );
        let html = format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Start a plan · carepath</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head>\n<body><a class=\"skip\" href=\"#main\">Skip to the content</a><header><p class=\"brand\">carepath · <span>{}</span></p></header>\n<main id=\"main\" tabindex=\"-1\"><h1>Welcome to carepath</h1>\n{body}</main></body></html>\n",
            esc(&self.file.name())
        );
        Reply::html(if problem.is_some() { 422 } else { 200 }, html)
    }

    fn start(&self, req: &Request) -> Reply {
        let Some(starter) = &self.starter else {
            return Reply::text(404, "there is no such form\n");
        };
        if self.file.exists() {
            return Reply::see_other("/");
        }
        let get = |k: &str| req.field(k).unwrap_or("").trim().to_string();
        let answers = StartAnswers {
            name: get("name"),
            role: get("role"),
            target: get("target"),
            hours: get("hours"),
            values: get("values"),
        };
        let bytes = match starter(&answers) {
            Ok(b) => b,
            Err(e) => return self.start_page(&req.csrf, &answers, Some(&e)),
        };
        match self.file.create(bytes) {
            Ok(()) => {
                self.changes.notify();
                Reply::see_other("/")
            }
            Err(WriteError::Changed(_)) => Reply::see_other("/"),
            Err(WriteError::Failed(e)) => self.start_page(&req.csrf, &answers, Some(&e)),
        }
    }
}

impl Site {
    /// Explore: the roles the person could move to, ranked against the plan as
    /// `carepath explore` ranks them, each with its reason, pay, time and route.
    fn explore(&self, csrf: &str) -> Reply {
        use carepath_catalog::explore::{self, Options, Seeker};
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let mut body = String::from("<h2>Explore roles</h2>");
        let Some(plan) = &snap.checked.plan else {
            body.push_str(&invalid_notice(&self.file.name(), &snap));
            return Reply::html(200, self.page("Explore", csrf, &snap, &body));
        };
        let seeker = Seeker::from_person(&plan.plan().person);
        match explore::explore(&self.catalog, &seeker, &Options::default()) {
            None => body.push_str("<p>Your current role is not in the catalog, so carepath cannot say where it leads. Choose it from the list in <a href=\"/edit/profile\">Profile</a>.</p>"),
            Some(found) if found.roles.is_empty() => {
                let _ = write!(body, "<p>The catalog knows no route from {} to another role.</p>", esc(&found.from_name));
            }
            Some(found) => {
                let _ = write!(
                    body,
                    "<p>The {} roles that fit you best of the {} reachable from {}, as <code>carepath explore</code> ranks them: by your values, interests and skills, the pay, the outlook and the distance. Score out of 100. Check two to four roles and press Compare to see them side by side.</p><form class=\"pick-roles\" method=\"get\" action=\"/compare\"><table class=\"explore\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Role</th><th scope=\"col\">Score</th><th scope=\"col\">Why</th><th scope=\"col\">Pay</th><th scope=\"col\">Time</th></tr></thead><tbody>",
                    found.roles.len(),
                    found.matched,
                    esc(&found.from_name)
                );
                for r in &found.roles {
                    // The figure, then where it comes from (its source, year and region).
                    let pay = r
                        .pay
                        .as_ref()
                        .map(|p| {
                            format!(
                                "{} {}<small>{}</small>",
                                carepath_model::numbers::grouped(p.amount),
                                esc(&p.currency),
                                esc(&p.text)
                            )
                        })
                        .unwrap_or_default();
                    let names: Vec<&str> = r
                        .route
                        .iter()
                        .map(|id| self.catalog.role(id).map_or(id.as_str(), |x| x.name.as_str()))
                        .collect();
                    let route = if names.len() > 1 {
                        format!("<small>Route: {}</small>", esc(&names.join(" → ")))
                    } else {
                        String::new()
                    };
                    let _ = write!(
                        body,
                        "<tr><td class=\"num\">{}</td><td><label class=\"pick\"><input type=\"checkbox\" name=\"role\" value=\"{}\"> <strong>{}</strong></label>{route}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                        r.rank,
                        esc(&r.id),
                        esc(&r.name),
                        r.score,
                        esc(&r.reason),
                        pay,
                        carepath_model::words::plural(i64::from(r.months), "month", "months")
                    );
                }
                body.push_str("</tbody></table><button type=\"submit\">Compare the checked roles</button></form>");
            }
        }
        Reply::html(200, self.page("Explore", csrf, &snap, &body))
    }

    /// Compare: the roles checked on the Explore page side by side, every field for the plan's
    /// region and the route from the person's role, as `carepath compare --plan` gives them
    /// (the catalog's [`carepath_catalog::explore::compare`] makes the figures for both).
    fn compare(&self, req: &Request) -> Reply {
        use carepath_catalog::explore::compare::{self, Viewpoint};
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let mut body = String::from("<h2>Compare roles</h2>");
        let Some(plan) = &snap.checked.plan else {
            body.push_str(&invalid_notice(&self.file.name(), &snap));
            return Reply::html(200, self.page("Compare", &req.csrf, &snap, &body));
        };
        let ids: Vec<&str> = req
            .query
            .iter()
            .filter(|(k, _)| k == "role")
            .map(|(_, v)| v.as_str())
            .collect();
        let mut roles = Vec::new();
        for id in &ids {
            match self.catalog.role(id) {
                Some(r) if !roles.iter().any(|x: &&carepath_catalog::Role| x.id == r.id) => {
                    roles.push(r);
                }
                Some(_) => {}
                None => {
                    let _ = write!(
                        body,
                        "<p class=\"error\" role=\"alert\">The catalog has no role <code>{}</code>. <a href=\"/explore\">Choose the roles on the Explore page</a>.</p>",
                        esc(id)
                    );
                    return Reply::html(404, self.page("Compare", &req.csrf, &snap, &body));
                }
            }
        }
        if !(2..=4).contains(&roles.len()) {
            let _ = write!(
                body,
                "<p class=\"error\" role=\"alert\">{} checked: compare needs two to four roles. <a href=\"/explore\">Check them on the Explore page</a>.</p>",
                carepath_model::words::plural(roles.len() as i64, "role", "roles")
            );
            return Reply::html(400, self.page("Compare", &req.csrf, &snap, &body));
        }
        let person = &plan.plan().person;
        let view = Viewpoint {
            region: person.region.clone(),
            role: person.role.clone(),
            credentials: person.credential_ids().map(str::to_owned).collect(),
            plan: true,
        };
        let compared = compare::compare(&self.catalog, &roles, &view);
        let _ = write!(
            body,
            "<p>Figures for {}, routes from your role, as <code>carepath compare --plan</code> gives them. <a href=\"/explore\">Back to Explore</a>.</p><table class=\"compare\"><thead><tr><th scope=\"col\">Role</th>",
            esc(view.region.as_deref().unwrap_or("US"))
        );
        for r in &compared {
            let _ = write!(body, "<th scope=\"col\">{}</th>", esc(&r.name));
        }
        body.push_str("</tr></thead><tbody>");
        let mut rows = compare::rows(&compared, true);
        // The page also says which roles' catalog data is unverified.
        if let Some(sources) = rows.iter_mut().find(|r| r.label == "sources") {
            for (cell, r) in sources.cells.iter_mut().zip(&compared) {
                if !r.verified {
                    cell.push_str(" (unverified)");
                }
            }
        }
        for row in rows {
            let _ = write!(body, "<tr><th scope=\"row\">{}</th>", row.title);
            for c in row.cells {
                let _ = write!(body, "<td>{}</td>", esc(&c));
            }
            body.push_str("</tr>");
        }
        body.push_str("</tbody></table>");
        Reply::html(200, self.page("Compare", &req.csrf, &snap, &body))
    }
}

/// `/edit/milestones/3/delete` as its part, item and action.
fn edit_route(rest: &str) -> Option<(&'static forms::Part, Option<&str>, Option<&str>)> {
    let mut it = rest.split('/');
    let part = forms::part(it.next()?)?;
    let item = it.next();
    let action = it.next();
    if it.next().is_some() {
        return None;
    }
    Some((part, item, action))
}

impl Handler for Site {
    fn handle(&self, req: &Request) -> Reply {
        use crate::edit::Which;
        let path = req.path.as_str();
        match (req.method, path) {
            (Method::Get, "/assets/site.css") => {
                return Reply::bytes(200, "text/css; charset=utf-8", CSS.as_bytes().to_vec());
            }
            (Method::Get, "/assets/live.js") => {
                return Reply::bytes(
                    200,
                    "text/javascript; charset=utf-8",
                    LIVE_JS.as_bytes().to_vec(),
                );
            }
            (Method::Get, "/assets/dejavu-sans.ttf") => {
                return Reply::bytes(200, "font/ttf", dejavu::sans::regular().to_vec());
            }
            (Method::Get, "/assets/dejavu-sans-bold.ttf") => {
                return Reply::bytes(200, "font/ttf", dejavu::sans::bold().to_vec());
            }
            (Method::Get, "/events") => return self.events(req.field("v").unwrap_or("")),
            _ => {}
        }
        if self.starter.is_some() && !self.file.exists() {
            return match (req.method, path) {
                (Method::Get, "/start") => {
                    self.start_page(&req.csrf, &StartAnswers::default(), None)
                }
                (Method::Post, "/start") => self.start(req),
                _ => Reply::see_other("/start"),
            };
        }
        match (req.method, path) {
            (Method::Get, "/") => self.overview(&req.csrf),
            (Method::Get, "/start") | (Method::Post, "/start") => Reply::see_other("/"),
            (Method::Get, "/downloads") => self.downloads(&req.csrf),
            (Method::Get, p) if p.starts_with("/download/") => {
                self.download(&p["/download/".len()..], req.field("part"))
            }
            (Method::Get, "/edit") => self.edit_index(&req.csrf),
            (Method::Get, "/explore") => self.explore(&req.csrf),
            (Method::Get, "/compare") => self.compare(req),
            (Method::Get, "/log") => match self.snapshot() {
                Ok(s) => {
                    let notice = match req.field("logged") {
                        Some("progress") => {
                            Some("<p class=\"ok\" role=\"status\">Progress logged.</p>".to_string())
                        }
                        Some("ce") => {
                            Some("<p class=\"ok\" role=\"status\">Activity logged.</p>".to_string())
                        }
                        _ => None,
                    };
                    self.log_page(&req.csrf, &s, None, &[], notice)
                }
                Err(e) => Reply::html(500, self.error_page(&e)),
            },
            (Method::Post, "/log/progress") => self.log(req, "progress"),
            (Method::Post, "/log/ce") => self.log(req, "ce"),
            (method, p) if p.starts_with("/edit/") => {
                let Some((part, item, action)) = edit_route(&p["/edit/".len()..]) else {
                    return Reply::text(404, "there is no such page\n");
                };
                let which = match item {
                    None => Which::Whole,
                    Some("new") if part.list => Which::New,
                    Some(i) if part.list => match i.parse() {
                        Ok(i) => Which::Item(i),
                        Err(_) => return Reply::text(404, "there is no such page\n"),
                    },
                    Some(_) => return Reply::text(404, "there is no such page\n"),
                };
                match (method, which, action) {
                    (Method::Get, Which::Whole, None) => self.part_page(req, part),
                    (Method::Get, w, None) => match self.snapshot() {
                        Ok(s) => self.form_page(&req.csrf, &s, part, w, None, &[], None),
                        Err(e) => Reply::html(500, self.error_page(&e)),
                    },
                    (Method::Post, Which::Whole, None) if !part.list => self.save(req, part, which),
                    (Method::Post, Which::Item(_) | Which::New, None) => {
                        self.save(req, part, which)
                    }
                    (Method::Post, Which::Item(i), Some("delete")) => self.delete(req, part, i),
                    _ => Reply::text(404, "there is no such page\n"),
                }
            }
            (Method::Get, _) => Reply::text(404, "there is no such page\n"),
            (Method::Post, _) => Reply::text(404, "there is no such form\n"),
        }
    }
}
