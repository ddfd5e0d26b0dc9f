//! The edit and log pages: a form per part of the plan ([`crate::forms`]), and the path every
//! change takes: made on the text by the model's edit module, checked by the model exactly as
//! `carepath check` does, and written only when it passes, with the findings shown at the
//! fields that caused them otherwise. An edit made on a page older than the file (the file
//! changed on disk meanwhile) is refused and the page shows the new version.

use std::fmt::Write as _;

use carepath_model::Diagnostic;
use carepath_model::edit::fields::{self, Change};
use carepath_model::edit::{NewCe, NewEntry, append_ce, append_progress};

use crate::forms::{self, Choices, FieldError, Filled, PARTS, Part};
use crate::server::{Reply, Request};
use crate::site::{Site, Snapshot, WriteError, esc, version};

/// Why a change was not written.
pub enum Refusal {
    /// The page was made from another version of the file; here is the file as it is.
    Changed(Box<Snapshot>),
    /// The changed plan does not pass `check`: these findings, new with the change.
    Invalid(Vec<Diagnostic>),
    /// The change could not be made or written.
    Failed(String),
}

/// Where a form's item is: the whole part, item `i` of a list, or a new item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Whole,
    Item(usize),
    New,
}

const CHANGED: &str = "The file changed on disk since this page was made; here is the new version. Nothing was saved: make your change again.";

fn key(d: &Diagnostic) -> (&'static str, &str, &str) {
    (d.code, d.path.as_str(), d.message.as_str())
}

impl Site {
    /// Checks `new` as `carepath check` would and writes it if it passes, unless the file is no
    /// longer the version the page was made from.
    pub fn commit(&self, snap: &Snapshot, form_version: &str, new: String) -> Result<(), Refusal> {
        if form_version != version(&snap.bytes) {
            return Err(Refusal::Changed(Box::new(
                self.snapshot_of(snap.bytes.clone()),
            )));
        }
        let checked = carepath_model::check(new.as_bytes(), self.format, Some(&self.catalog));
        let before: Vec<_> = snap.checked.diagnostics.iter().map(key).collect();
        let fresh: Vec<Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && !before.contains(&key(d)))
            .cloned()
            .collect();
        if !fresh.is_empty() || (checked.has_errors() && !snap.checked.has_errors()) {
            return Err(Refusal::Invalid(fresh));
        }
        match self.file.replace(&snap.bytes, new.into_bytes()) {
            Ok(()) => {
                self.changes.notify();
                Ok(())
            }
            Err(WriteError::Changed(now)) => Err(Refusal::Changed(Box::new(self.snapshot_of(now)))),
            Err(WriteError::Failed(e)) => Err(Refusal::Failed(e)),
        }
    }

    /// The edit page: every part of the plan, with what it holds.
    pub fn edit_index(&self, csrf: &str) -> Reply {
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let root = forms::tree(&snap.text, self.format);
        let mut body = String::from(
            "<h2>Edit the plan</h2><p>Each part has its own form. A change is checked as <code>carepath check</code> checks the file, and saved to the file only when it passes.</p><ul class=\"parts\">",
        );
        for part in PARTS {
            let count = match (&root, part.list) {
                (Some(r), true) => {
                    let n = forms::items(r, part.path).len();
                    format!(" <span class=\"count\">({n})</span>")
                }
                _ => String::new(),
            };
            let _ = write!(
                body,
                "<li><a href=\"/edit/{}\">{}</a>{count} <span>{}</span></li>",
                part.slug,
                esc(part.title),
                esc(part.intro)
            );
        }
        body.push_str("</ul>");
        Reply::html(200, self.page("Edit", csrf, &snap, &body))
    }

    /// A part's page: its form (a table of fields), or its list of items.
    pub fn part_page(&self, req: &Request, part: &Part) -> Reply {
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        if !part.list {
            let notice = req.field("saved").map(|_| saved_notice());
            return self.form_page(&req.csrf, &snap, part, Which::Whole, None, &[], notice);
        }
        let root = forms::tree(&snap.text, self.format);
        let mut body = String::new();
        if let Some(what) = req.field("saved") {
            let _ = write!(
                body,
                "<p class=\"ok\" role=\"status\">Saved: {}.</p>",
                esc(what)
            );
        }
        let _ = write!(
            body,
            "<h2>{}</h2><p>{}</p>",
            esc(part.title),
            esc(part.intro)
        );
        let items = root
            .as_ref()
            .map(|r| forms::items(r, part.path))
            .unwrap_or(&[]);
        if items.is_empty() {
            let _ = write!(body, "<p>No {}s yet.</p>", part.item);
        } else {
            body.push_str("<ol class=\"items\">");
            for (i, item) in items.iter().enumerate() {
                let _ = write!(
                    body,
                    "<li><a href=\"/edit/{}/{i}\">{}</a></li>",
                    part.slug,
                    esc(&forms::item_name(part, item))
                );
            }
            body.push_str("</ol>");
        }
        let _ = write!(
            body,
            "<p><a class=\"button\" href=\"/edit/{}/new\">Add a {}</a></p>",
            part.slug, part.item
        );
        Reply::html(200, self.page("Edit", &req.csrf, &snap, &body))
    }

    /// The form of a part or an item, filled from the plan or (after a refusal) from what was
    /// posted, with the findings at their fields.
    #[allow(clippy::too_many_arguments)]
    pub fn form_page(
        &self,
        csrf: &str,
        snap: &Snapshot,
        part: &Part,
        which: Which,
        posted: Option<&[(String, String)]>,
        errors: &[Diagnostic],
        notice: Option<String>,
    ) -> Reply {
        let root = forms::tree(&snap.text, self.format);
        let (index, action, heading) = match which {
            Which::Whole => (None, format!("/edit/{}", part.slug), part.title.to_string()),
            Which::Item(i) => (
                Some(i),
                format!("/edit/{}/{i}", part.slug),
                format!("{}: {}", part.title, {
                    root.as_ref()
                        .and_then(|r| forms::items(r, part.path).get(i))
                        .map(|n| forms::item_name(part, n))
                        .unwrap_or_default()
                }),
            ),
            Which::New => {
                let n = root
                    .as_ref()
                    .map_or(0, |r| forms::items(r, part.path).len());
                (
                    Some(n),
                    format!("/edit/{}/new", part.slug),
                    format!("Add a {}", part.item),
                )
            }
        };
        let item = match (which, &root) {
            (Which::Whole, Some(r)) => forms::node_at(r, part.path),
            (Which::Item(i), Some(r)) => {
                let Some(n) = forms::items(r, part.path).get(i) else {
                    return Reply::html(
                        404,
                        self.page("Edit", csrf, snap, &format!("<h2>Not found</h2><p>The plan has no {} number {}. <a href=\"/edit/{}\">All {}s</a></p>", part.item, i + 1, part.slug, part.item)),
                    );
                };
                Some(n)
            }
            _ => None,
        };
        let filled = match posted {
            Some(p) => Filled::Posted(p),
            None => Filled::Plan(item),
        };
        let field_errors: Vec<FieldError> = errors
            .iter()
            .map(|d| FieldError {
                path: d.path.clone(),
                message: d.message.clone(),
                hint: d.hint.clone(),
            })
            .collect();
        let mut body = String::new();
        if let Some(n) = notice {
            body.push_str(&n);
        }
        if !errors.is_empty() {
            body.push_str("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"problems\"><h2>Not saved: the plan would not pass <code>carepath check</code></h2><ul>");
            let shown: Vec<String> = part
                .fields
                .iter()
                .map(|f| forms::field_path(part, index, f))
                .collect();
            for d in errors {
                // A link to the field when the form has it (`after[0]` is the `after` field).
                let field = shown.iter().find(|p| {
                    d.path == **p
                        || d.path
                            .strip_prefix(p.as_str())
                            .is_some_and(|rest| rest.starts_with('['))
                });
                let place = match (field, d.path.is_empty()) {
                    (Some(p), _) => format!(
                        "<a href=\"#{}\"><code>{}</code></a>: ",
                        forms::dom_id(p),
                        esc(&d.path)
                    ),
                    (None, false) => format!("<code>{}</code>: ", esc(&d.path)),
                    (None, true) => String::new(),
                };
                let _ = write!(body, "<li>{place}{}</li>", esc(&d.message));
            }
            body.push_str("</ul><p>The file was not changed.</p></div>");
        }
        let _ = write!(
            body,
            "<h2>{}</h2><p>{}</p><form method=\"post\" action=\"{action}\" class=\"edit\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">",
            esc(&heading),
            esc(part.intro),
            esc(csrf),
            version(&snap.bytes)
        );
        let choices = Choices {
            catalog: &self.catalog,
            root: root.as_ref(),
        };
        forms::render_fields(&mut body, part, index, &filled, &field_errors, &choices);
        let label = if which == Which::New {
            format!("Add the {}", part.item)
        } else {
            "Save".to_string()
        };
        let _ = write!(body, "<button type=\"submit\">{label}</button></form>");
        if let Which::Item(i) = which {
            let _ = write!(
                body,
                "<form method=\"post\" action=\"/edit/{}/{i}/delete\" class=\"delete\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\"><button type=\"submit\" class=\"danger\">Delete this {}</button></form>",
                part.slug,
                esc(csrf),
                version(&snap.bytes),
                part.item
            );
        }
        if part.list {
            let _ = write!(
                body,
                "<p><a href=\"/edit/{}\">Back to all {}s</a></p>",
                part.slug, part.item
            );
        }
        let status = if !errors.is_empty() { 422 } else { 200 };
        Reply::html(status, self.page("Edit", csrf, snap, &body))
    }

    /// A posted form of a part or item.
    pub fn save(&self, req: &Request, part: &Part, which: Which) -> Reply {
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let Some(root) = forms::tree(&snap.text, self.format) else {
            return self.refused_page(
                req,
                &snap,
                part,
                which,
                Refusal::Failed(format!(
                    "{} cannot be read as a plan; fix it in the file first",
                    self.file.name()
                )),
            );
        };
        let form_version = req.field("version").unwrap_or("");
        let (changes, name) = match which {
            Which::Whole => (
                forms::changes(&root, part, None, &req.form),
                part.title.to_string(),
            ),
            Which::Item(i) => {
                if forms::items(&root, part.path).get(i).is_none()
                    && form_version == version(&snap.bytes)
                {
                    return Reply::text(404, "there is no such item\n");
                }
                let name = forms::items(&root, part.path)
                    .get(i)
                    .map(|n| forms::item_name(part, n))
                    .unwrap_or_default();
                (forms::changes(&root, part, Some(i), &req.form), name)
            }
            Which::New => {
                let n = forms::items(&root, part.path).len();
                let mut c = vec![Change::Push(
                    part.path.to_string(),
                    forms::new_item(part, n, &req.form),
                )];
                c.extend(forms::new_item_nested(part, n, &req.form));
                (c, String::new())
            }
        };
        let result = fields::apply(&snap.text, self.format, &changes)
            .map_err(Refusal::Failed)
            .and_then(|new| self.commit(&snap, form_version, new));
        match result {
            Ok(()) => {
                let name = if which == Which::New {
                    forms::tree(
                        &self.snapshot().map(|s| s.text).unwrap_or_default(),
                        self.format,
                    )
                    .and_then(|r| {
                        forms::items(&r, part.path)
                            .last()
                            .map(|n| forms::item_name(part, n))
                    })
                    .unwrap_or_default()
                } else {
                    name
                };
                let q = form_urlencoded::Serializer::new(String::new())
                    .append_pair("saved", &name)
                    .finish();
                Reply::see_other(&format!("/edit/{}?{q}", part.slug))
            }
            Err(r) => self.refused_page(req, &snap, part, which, r),
        }
    }

    fn refused_page(
        &self,
        req: &Request,
        snap: &Snapshot,
        part: &Part,
        which: Which,
        why: Refusal,
    ) -> Reply {
        match why {
            Refusal::Changed(now) => {
                let which = if which == Which::New {
                    Which::New
                } else {
                    which
                };
                let mut r = self.form_page(
                    &req.csrf,
                    &now,
                    part,
                    which,
                    None,
                    &[],
                    Some(format!(
                        "<p class=\"changed-notice\" role=\"alert\">{}</p>",
                        esc(CHANGED)
                    )),
                );
                r.status = 409;
                r
            }
            Refusal::Invalid(errors) => {
                self.form_page(&req.csrf, snap, part, which, Some(&req.form), &errors, None)
            }
            Refusal::Failed(e) => {
                let mut r = self.form_page(
                    &req.csrf,
                    snap,
                    part,
                    which,
                    Some(&req.form),
                    &[],
                    Some(format!(
                        "<p class=\"error\" role=\"alert\">Not saved: {}</p>",
                        esc(&e)
                    )),
                );
                r.status = 422;
                r
            }
        }
    }

    /// Deletes item `i` of a list.
    pub fn delete(&self, req: &Request, part: &Part, i: usize) -> Reply {
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let name = forms::tree(&snap.text, self.format)
            .and_then(|r| {
                forms::items(&r, part.path)
                    .get(i)
                    .map(|n| forms::item_name(part, n))
            })
            .unwrap_or_default();
        let form_version = req.field("version").unwrap_or("");
        let result = fields::apply(
            &snap.text,
            self.format,
            &[Change::Delete(part.path.to_string(), i)],
        )
        .map_err(Refusal::Failed)
        .and_then(|new| self.commit(&snap, form_version, new));
        match result {
            Ok(()) => {
                let q = form_urlencoded::Serializer::new(String::new())
                    .append_pair("saved", &format!("{name} deleted"))
                    .finish();
                Reply::see_other(&format!("/edit/{}?{q}", part.slug))
            }
            Err(r) => self.refused_page(req, &snap, part, Which::Item(i), r),
        }
    }

    /// The log page: progress on a milestone, and a CE activity, as `carepath log` and
    /// `carepath ce` add them.
    pub fn log_page(
        &self,
        csrf: &str,
        snap: &Snapshot,
        posted: Option<(&str, &[(String, String)])>,
        errors: &[Diagnostic],
        notice: Option<String>,
    ) -> Reply {
        let root = forms::tree(&snap.text, self.format);
        let n_progress = root
            .as_ref()
            .map_or(0, |r| forms::items(r, "progress").len());
        let n_ce = root.as_ref().map_or(0, |r| forms::items(r, "ce").len());
        let mut body = String::new();
        if let Some(n) = notice {
            body.push_str(&n);
        }
        let value = |form: &str, name: &str, default: &str| -> String {
            match posted {
                Some((f, p)) if f == form => p
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                _ => default.to_string(),
            }
        };
        let errors_for = |form: &str, path: &str| -> Vec<&Diagnostic> {
            match posted {
                Some((f, _)) if f == form => errors
                    .iter()
                    .filter(|d| {
                        d.path == path
                            || d.path.starts_with(&format!("{path}["))
                            || d.path.starts_with(&format!("{path}."))
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        if !errors.is_empty() {
            body.push_str("<div class=\"error-summary\" role=\"alert\"><h2>Not logged: the plan would not pass <code>carepath check</code></h2><ul>");
            for d in errors {
                let _ = write!(
                    body,
                    "<li><code>{}</code>: {}</li>",
                    esc(&d.path),
                    esc(&d.message)
                );
            }
            body.push_str("</ul><p>The file was not changed.</p></div>");
        }
        let today = self.as_of.to_string();
        let v = version(&snap.bytes);
        // Progress.
        let _ = write!(
            body,
            "<h2 id=\"progress-h\">Log progress</h2><p>As <code>carepath log</code> does: the hours (or the measure's units) done on a milestone.</p><form method=\"post\" action=\"/log/progress\" class=\"edit\" aria-labelledby=\"progress-h\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{v}\">",
            esc(csrf)
        );
        let p = format!("progress[{n_progress}]");
        let field =
            |body: &mut String, form: &str, path: &str, key: &str, label: &str, html: String| {
                let id = format!("{form}-{key}");
                let errs = errors_for(form, path);
                let mut below = String::new();
                let mut ids = Vec::new();
                for (n, d) in errs.iter().enumerate() {
                    let eid = format!("{id}-e{n}");
                    let _ = write!(
                        below,
                        "<p class=\"error\" id=\"{eid}\">{}</p>",
                        esc(&d.message)
                    );
                    ids.push(eid);
                }
                let aria = if ids.is_empty() {
                    String::new()
                } else {
                    format!(
                        " aria-describedby=\"{}\" aria-invalid=\"true\"",
                        ids.join(" ")
                    )
                };
                let _ = write!(
                    body,
                    "<div class=\"field\"><label for=\"{id}\">{label}</label>{}{below}</div>",
                    html.replace("{ID}", &id).replace("{ARIA}", &aria)
                );
            };
        field(
            &mut body,
            "progress",
            &format!("{p}.date"),
            "date",
            "Date",
            format!(
                "<input type=\"date\" id=\"{{ID}}\" name=\"date\" value=\"{}\"{{ARIA}}>",
                esc(&value("progress", "date", &today))
            ),
        );
        let chosen = value("progress", "milestone", "");
        let mut select = String::from(
            "<select id=\"{ID}\" name=\"milestone\"{ARIA}><option value=\"\">(choose one)</option>",
        );
        if let Some(resolved) = &snap.resolved {
            for m in &resolved.schedule.milestones {
                if m.status == carepath_model::Status::Done {
                    continue;
                }
                let sel = if chosen == m.id { " selected" } else { "" };
                let _ = write!(
                    select,
                    "<option value=\"{}\"{sel}>{}</option>",
                    esc(&m.id),
                    esc(&m.title)
                );
            }
        }
        select.push_str("</select>");
        field(
            &mut body,
            "progress",
            &format!("{p}.milestone"),
            "milestone",
            "Milestone",
            select,
        );
        field(
            &mut body,
            "progress",
            &format!("{p}.amount"),
            "amount",
            "Amount done (hours, or the measure's units)",
            format!(
                "<input type=\"text\" inputmode=\"decimal\" id=\"{{ID}}\" name=\"amount\" value=\"{}\"{{ARIA}}>",
                esc(&value("progress", "amount", ""))
            ),
        );
        field(
            &mut body,
            "progress",
            &format!("{p}.note"),
            "note",
            "Note",
            format!(
                "<input type=\"text\" id=\"{{ID}}\" name=\"note\" value=\"{}\"{{ARIA}}>",
                esc(&value("progress", "note", ""))
            ),
        );
        body.push_str("<button type=\"submit\">Log progress</button></form>");
        // CE.
        let _ = write!(
            body,
            "<h2 id=\"ce-h\">Log continuing education</h2><p>As <code>carepath ce</code> does: a course, conference or module, with its hours.</p><form method=\"post\" action=\"/log/ce\" class=\"edit\" aria-labelledby=\"ce-h\"><input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{v}\">",
            esc(csrf)
        );
        let c = format!("ce[{n_ce}]");
        field(
            &mut body,
            "ce",
            &format!("{c}.date"),
            "date",
            "Date",
            format!(
                "<input type=\"date\" id=\"{{ID}}\" name=\"date\" value=\"{}\"{{ARIA}}>",
                esc(&value("ce", "date", &today))
            ),
        );
        field(
            &mut body,
            "ce",
            &format!("{c}.title"),
            "title",
            "Title",
            format!(
                "<input type=\"text\" id=\"{{ID}}\" name=\"title\" value=\"{}\"{{ARIA}}>",
                esc(&value("ce", "title", ""))
            ),
        );
        field(
            &mut body,
            "ce",
            &format!("{c}.hours"),
            "hours",
            "Hours",
            format!(
                "<input type=\"text\" inputmode=\"decimal\" id=\"{{ID}}\" name=\"hours\" value=\"{}\"{{ARIA}}>",
                esc(&value("ce", "hours", ""))
            ),
        );
        field(
            &mut body,
            "ce",
            &format!("{c}.category"),
            "category",
            "Category (optional)",
            format!(
                "<input type=\"text\" id=\"{{ID}}\" name=\"category\" value=\"{}\"{{ARIA}}>",
                esc(&value("ce", "category", ""))
            ),
        );
        field(
            &mut body,
            "ce",
            &format!("{c}.provider"),
            "provider",
            "Provider (optional)",
            format!(
                "<input type=\"text\" id=\"{{ID}}\" name=\"provider\" value=\"{}\"{{ARIA}}>",
                esc(&value("ce", "provider", ""))
            ),
        );
        field(
            &mut body,
            "ce",
            &format!("{c}.counts_for"),
            "counts_for",
            "Counts for (credential ids, separated by commas; optional)",
            format!(
                "<input type=\"text\" id=\"{{ID}}\" name=\"counts_for\" value=\"{}\"{{ARIA}}>",
                esc(&value("ce", "counts_for", ""))
            ),
        );
        body.push_str("<button type=\"submit\">Log the activity</button></form>");
        // The log so far.
        if let Some(resolved) = &snap.resolved {
            let entries = &resolved.plan.progress;
            if !entries.is_empty() {
                body.push_str("<h2>The progress log</h2><table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Milestone</th><th scope=\"col\">Amount</th><th scope=\"col\">Note</th></tr></thead><tbody>");
                for e in entries.iter().rev().take(20) {
                    let _ = write!(
                        body,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        e.date,
                        esc(&e.milestone),
                        carepath_model::numbers::plain(e.amount),
                        esc(e.note.as_deref().unwrap_or(""))
                    );
                }
                body.push_str("</tbody></table>");
            }
        }
        let status = if errors.is_empty() { 200 } else { 422 };
        Reply::html(status, self.page("Log", csrf, snap, &body))
    }

    /// A posted progress entry or CE activity.
    pub fn log(&self, req: &Request, which: &str) -> Reply {
        let snap = match self.snapshot() {
            Ok(s) => s,
            Err(e) => return Reply::html(500, self.error_page(&e)),
        };
        let field = |k: &str| req.field(k).unwrap_or("").trim().to_string();
        let opt = |k: &str| Some(field(k)).filter(|s| !s.is_empty());
        let problem = |msg: String| {
            let mut r = self.log_page(
                &req.csrf,
                &snap,
                Some((which, &req.form)),
                &[],
                Some(format!(
                    "<p class=\"error\" role=\"alert\">Not logged: {}</p>",
                    esc(&msg)
                )),
            );
            r.status = 422;
            r
        };
        let date = match field("date").parse::<jiff::civil::Date>() {
            Ok(d) => d,
            Err(_) => {
                return problem(format!(
                    "“{}” is not a date; give it as YYYY-MM-DD",
                    field("date")
                ));
            }
        };
        let number = |k: &str, what: &str| -> Result<f64, String> {
            let t = field(k);
            t.parse::<f64>()
                .map_err(|_| format!("{what}: “{t}” is not a number"))
        };
        let edited = if which == "progress" {
            if field("milestone").is_empty() {
                return problem("choose the milestone the progress is on".into());
            }
            let amount = match number("amount", "the amount") {
                Ok(a) => a,
                Err(e) => return problem(e),
            };
            append_progress(
                &snap.text,
                self.format,
                &NewEntry {
                    date,
                    milestone: field("milestone"),
                    amount,
                    note: opt("note"),
                    // The page's log form has no "with" yet: `carepath log --with` has it.
                    with: Vec::new(),
                },
            )
        } else {
            let hours = match number("hours", "the hours") {
                Ok(a) => a,
                Err(e) => return problem(e),
            };
            if field("title").is_empty() {
                return problem("give the activity a title".into());
            }
            append_ce(
                &snap.text,
                self.format,
                &NewCe {
                    date,
                    title: field("title"),
                    hours,
                    category: opt("category"),
                    topics: Vec::new(),
                    counts_for: field("counts_for")
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    provider: opt("provider"),
                    note: None,
                },
            )
        };
        let new = match edited {
            Ok(t) => t,
            Err(e) => return problem(e),
        };
        match self.commit(&snap, req.field("version").unwrap_or(""), new) {
            Ok(()) => Reply::see_other(&format!("/log?logged={which}")),
            Err(Refusal::Changed(now)) => {
                let mut r = self.log_page(
                    &req.csrf,
                    &now,
                    None,
                    &[],
                    Some(format!(
                        "<p class=\"changed-notice\" role=\"alert\">{}</p>",
                        esc(CHANGED)
                    )),
                );
                r.status = 409;
                r
            }
            Err(Refusal::Invalid(errors)) => {
                self.log_page(&req.csrf, &snap, Some((which, &req.form)), &errors, None)
            }
            Err(Refusal::Failed(e)) => problem(e),
        }
    }
}

fn saved_notice() -> String {
    "<p class=\"ok\" role=\"status\">Saved.</p>".into()
}
