//! The pages, server-rendered HTML built with `format!` and one escaping function ([`esc`]):
//! no template engine, no build step, nothing a fresh clone must generate. Every page is made
//! from the plan file as it is on disk at that moment, checked and resolved by the model exactly
//! as `carepath check` and `show` do.

use std::fmt::Write as _;

use carepath_catalog::Catalog;
use carepath_export::Registry;
use carepath_model::{Format, Knowledge, ResolvedPlan, Status};
use jiff::civil::Date;

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
}

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
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("file", &self.file.name())
            .field("as_of", &self.as_of)
            .finish_non_exhaustive()
    }
}

/// HTML text: the five specials escaped.
pub fn esc(text: &str) -> String {
    carepath_pdf::svg::escape(text)
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
    fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(&self.catalog)
    }

    /// Reads and resolves the plan as it is now.
    pub fn snapshot(&self) -> Result<Snapshot, String> {
        let bytes = self.file.read()?;
        Ok(self.snapshot_of(bytes))
    }

    pub fn snapshot_of(&self, bytes: Vec<u8>) -> Snapshot {
        let checked = carepath_model::check(&bytes, self.format, self.knowledge());
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

    fn error_page(&self, message: &str) -> String {
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
        for (href, name) in [("/", "Overview"), ("/downloads", "Downloads")] {
            let current = if name == title {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(nav, "<li><a href=\"{href}\"{current}>{name}</a></li>");
        }
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} · {plan} · carepath</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head>\n<body data-version=\"{version}\" data-csrf=\"{csrf}\"><a class=\"skip\" href=\"#main\">Skip to the content</a><header><p class=\"brand\">carepath · <span>{file}</span></p><nav aria-label=\"Pages\"><ul>{nav}</ul></nav></header>\n<main id=\"main\" tabindex=\"-1\"><h1>{h1}</h1>\n{body}</main></body></html>\n",
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
        _ => s.as_str(),
    }
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
        "<p>{} of {} milestones done; {} of {} left.</p></section>",
        t.done,
        t.milestones,
        hours(t.remaining_hours),
        hours(t.effort_hours)
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
                "<li class=\"{mark}\"><strong>{name}</strong> {}</li>",
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
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"status-{}\">{}</td></tr>",
                esc(&m.title),
                m.forecast.start,
                m.forecast.finish,
                hours(m.remaining_hours),
                status_word(m.status),
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
            let _ = write!(
                s,
                "<li class=\"{state}\"><strong>{}</strong> <span class=\"badge\">{state}</span> {} <small>Source: {}{unverified}</small></li>",
                esc(&item.name),
                esc(&item.requirement),
                esc(&item.source)
            );
        }
        s.push_str("</ul></section>");
    }
    s
}

impl Handler for Site {
    fn handle(&self, req: &Request) -> Reply {
        match (req.method, req.path.as_str()) {
            (Method::Get, "/") => self.overview(&req.csrf),
            (Method::Get, "/downloads") => self.downloads(&req.csrf),
            (Method::Get, p) if p.starts_with("/download/") => {
                self.download(&p["/download/".len()..], req.field("part"))
            }
            (Method::Get, "/assets/site.css") => {
                Reply::bytes(200, "text/css; charset=utf-8", CSS.as_bytes().to_vec())
            }
            (Method::Get, "/assets/dejavu-sans.ttf") => {
                Reply::bytes(200, "font/ttf", dejavu::sans::regular().to_vec())
            }
            (Method::Get, "/assets/dejavu-sans-bold.ttf") => {
                Reply::bytes(200, "font/ttf", dejavu::sans::bold().to_vec())
            }
            (Method::Post, "/" | "/downloads") | (Method::Get, _) => {
                Reply::text(404, "there is no such page\n")
            }
            (Method::Post, _) => Reply::text(404, "there is no such form\n"),
        }
    }
}
