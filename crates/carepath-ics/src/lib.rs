//! `--to ics`: the plan as an iCalendar file (RFC 5545) for Google Calendar, Apple Calendar,
//! Outlook, Thunderbird and the like.
//!
//! One all-day event per milestone (on its due date, else its forecast finish; renewal
//! milestones included), one recurring event (an `RRULE`) per recurring milestone, one per goal
//! deadline, one per credential cycle's expiry and a "keep in touch" reminder per person of the
//! network whose next contact falls inside the plan, each with reminders; with `--todo`, one
//! task per one-off milestone as well. UIDs derive from the plan id and
//! the item's id only (for an expiry: the credential and the cycle's expiry date), so importing
//! a newer export updates the events it imported before instead of adding copies. The as-of date is the
//! plan's (`plan.as_of`: the events' DTSTAMP, which reminders are still to come), the options are
//! [`IcsOptions`] and the PRODID names [`GENERATOR`]: the same plan, as-of date and options give
//! the same bytes.

use std::collections::HashMap;
use std::fmt::Write as _;

use carepath_export::{ExportError, Exported, Exporter, GENERATOR, OutputFile};
use carepath_model::credentials::{LabelForm, requirement_label};
use carepath_model::message::Form;
use carepath_model::{
    CredentialCycle, CredentialStatus, GoalResult, Milestone, Requirement, ResolvedPlan,
    ScheduledMilestone, Status,
};
use jiff::civil::Date;
use serde::Serialize;

pub mod roster;
pub mod writer;

use writer::Writer;

/// The iCalendar exporter's options: `--remind`, `--todo`, `--remind-expiry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IcsOptions {
    /// Reminder offsets in days before an event. Default 14 and 1.
    pub remind: Vec<u32>,
    /// Also write milestones as VTODO tasks.
    pub todo: bool,
    /// Reminder offsets in days before a credential expires. Default 90, 60, 30 and 7: a
    /// renewal needs months of notice (CE to finish, a course to book, a fee to pay).
    pub remind_expiry: Vec<u32>,
}

impl Default for IcsOptions {
    fn default() -> Self {
        IcsOptions {
            remind: vec![14, 1],
            todo: false,
            remind_expiry: vec![90, 60, 30, 7],
        }
    }
}

/// The iCalendar exporter (`--to ics`).
#[derive(Debug, Default, Clone)]
pub struct IcsExporter {
    options: IcsOptions,
}

impl IcsExporter {
    pub fn new(options: IcsOptions) -> Self {
        IcsExporter { options }
    }

    pub fn options(&self) -> &IcsOptions {
        &self.options
    }
}

impl Exporter for IcsExporter {
    fn name(&self) -> &str {
        "ics"
    }
    fn description(&self) -> &str {
        "milestones, goal deadlines and credential expiries as calendar events with reminders (iCalendar)"
    }
    fn extension(&self) -> &str {
        "ics"
    }
    fn export(&self, plan: &ResolvedPlan) -> Result<Exported, ExportError> {
        let text = calendar(plan, &self.options)?;
        Ok(Exported::file(OutputFile::single(
            "ics",
            "text/calendar",
            false,
            text.into_bytes(),
        )))
    }
}

/// The whole calendar, every line ending in CRLF.
pub fn calendar(plan: &ResolvedPlan, options: &IcsOptions) -> Result<String, ExportError> {
    let s = &plan.schedule;
    let cycles: usize = s.credentials.iter().map(|c| c.cycles.len()).sum();
    let items = s.milestones.len() * if options.todo { 2 } else { 1 } + s.goals.len() + cycles;
    let mut cal = Calendar {
        w: Writer::with_capacity(1024 + 1200 * items),
        plan,
        stamp: plan.as_of,
        reminders: reminders(&options.remind),
        expiry_reminders: reminders(&options.remind_expiry),
        goals: s.goals.iter().map(|g| (g.id.as_str(), g)).collect(),
        milestones: plan
            .plan
            .milestones
            .iter()
            .map(|m| (m.id.as_str(), m))
            .collect(),
        scratch: String::new(),
    };
    cal.header(GENERATOR);
    for m in &s.milestones {
        if m.occurrences.is_empty() {
            cal.milestone_event(m)?;
        } else {
            cal.series_event(m)?;
        }
    }
    for g in &s.goals {
        cal.goal_event(g)?;
    }
    // `schedule.renewals` (the older due dates) is not written: the cycles replace it.
    for c in &s.credentials {
        for cycle in &c.cycles {
            cal.expiry_event(c, cycle)?;
        }
    }
    for person in &s.people {
        cal.contact_event(person)?;
    }
    if options.todo {
        // A series is its calendar event: a task per occurrence would only repeat it.
        for m in s.milestones.iter().filter(|m| m.occurrences.is_empty()) {
            cal.milestone_task(m);
        }
    }
    cal.w.end("VCALENDAR");
    Ok(cal.w.finish())
}

/// The UID of a milestone's event: `<milestone-id>.<plan-id>@carepath`.
pub fn milestone_uid(plan_id: &str, milestone_id: &str) -> String {
    uid(&[milestone_id], plan_id)
}

/// The UID of a person's keep-in-touch reminder: `<person-id>.contact.<plan-id>@carepath`.
pub fn contact_uid(plan_id: &str, person_id: &str) -> String {
    uid(&[person_id, "contact"], plan_id)
}

/// The recurrence rule (RFC 5545) whose expansion from the first occurrence gives exactly
/// carepath's occurrences up to `last` (the last one's day): counted from the first, so a
/// monthly series on a day past the 28th takes the month's last day where the month is shorter
/// (`BYMONTHDAY=28,29,30,31;BYSETPOS=-1`), and a yearly one from 29 February takes 28 February
/// in other years.
pub fn rrule(every: carepath_model::Duration, first: Date, last: Date) -> String {
    use carepath_model::DurationUnit;
    let until = format!("{:04}{:02}{:02}", last.year(), last.month(), last.day());
    let n = every.amount.max(1);
    let (freq, extra) = match every.unit {
        DurationUnit::Days => ("DAILY", String::new()),
        DurationUnit::Weeks => ("WEEKLY", String::new()),
        DurationUnit::Months if first.day() > 28 => (
            "MONTHLY",
            format!(";BYMONTHDAY={};BYSETPOS=-1", month_days(first.day())),
        ),
        DurationUnit::Months => ("MONTHLY", String::new()),
        DurationUnit::Years if first.month() == 2 && first.day() == 29 => (
            "YEARLY",
            ";BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1".to_string(),
        ),
        DurationUnit::Years => ("YEARLY", String::new()),
    };
    format!("FREQ={freq};INTERVAL={n}{extra};UNTIL={until}")
}

/// `28,29` up to `day`: the days of the month a series on `day` may fall on.
fn month_days(day: i8) -> String {
    (28..=day)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The UID of a milestone's task (`--todo`): `<milestone-id>.task.<plan-id>@carepath`.
pub fn task_uid(plan_id: &str, milestone_id: &str) -> String {
    uid(&[milestone_id, "task"], plan_id)
}

/// The UID of a goal's deadline event: `<goal-id>.goal.<plan-id>@carepath`.
pub fn goal_uid(plan_id: &str, goal_id: &str) -> String {
    uid(&[goal_id, "goal"], plan_id)
}

/// The UID of a credential cycle's expiry event:
/// `<credential>-<YYYYMMDD>.expiry.<plan-id>@carepath`, the date being the cycle's expiry. The
/// expiry date, not the cycle's place in the list, identifies a cycle across exports: as time
/// passes the current cycle becomes the first one listed, and after a renewal the new card's
/// expiry is the date the next cycle already had, so the event it imported before is updated.
pub fn expiry_uid(plan_id: &str, credential: &str, expires: Date) -> String {
    let id = format!(
        "{credential}-{:04}{:02}{:02}",
        expires.year(),
        expires.month(),
        expires.day()
    );
    uid(&[&id, "expiry"], plan_id)
}

/// Joins the parts with dots. Ids are `[a-z0-9-]`; anything else is percent-encoded, so no part
/// holds a dot and UIDs of different kinds, items or plans can never coincide.
fn uid(parts: &[&str], plan_id: &str) -> String {
    let mut out = String::with_capacity(64);
    for part in parts.iter().chain([&plan_id]) {
        for b in part.bytes() {
            if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out.push('.');
    }
    out.pop();
    out.push_str("@carepath");
    out
}

/// Reminder offsets in days, furthest first, each once.
fn reminders(days: &[u32]) -> Vec<u32> {
    let mut v = days.to_vec();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

struct Calendar<'a> {
    w: Writer,
    plan: &'a ResolvedPlan,
    stamp: Date,
    reminders: Vec<u32>,
    expiry_reminders: Vec<u32>,
    goals: HashMap<&'a str, &'a GoalResult>,
    milestones: HashMap<&'a str, &'a Milestone>,
    /// Reused for descriptions, so a large plan does not allocate one per event.
    scratch: String,
}

/// What one all-day event says.
struct Event<'a> {
    uid: String,
    day: Date,
    summary: &'a str,
    category: &'a str,
    /// CONFIRMED for a fixed date, TENTATIVE for a forecast that may move.
    status: &'static str,
    /// Reminders are set only for what is still to do.
    remind: Remind,
}

/// Which reminders an event gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Remind {
    None,
    /// `--remind`.
    Event,
    /// `--remind-expiry`.
    Expiry,
}

impl Remind {
    fn unless_done(done: bool) -> Remind {
        if done { Remind::None } else { Remind::Event }
    }
}

impl Calendar<'_> {
    fn header(&mut self, generator: &str) {
        let p = &self.plan.plan;
        self.w.begin("VCALENDAR");
        self.w.raw("VERSION", "2.0");
        self.w
            .text("PRODID", &format!("-//carepath//{generator}//EN"));
        self.w.raw("CALSCALE", "GREGORIAN");
        self.w.raw("METHOD", "PUBLISH");
        self.w
            .text("X-WR-CALNAME", &format!("carepath: {}", p.title));
        self.w.text(
            "X-WR-CALDESC",
            &format!(
                "Career plan of {}: {} (as of {})",
                p.person.name, p.title, self.plan.as_of
            ),
        );
    }

    fn milestone_event(&mut self, m: &ScheduledMilestone) -> Result<(), ExportError> {
        self.milestone_description(m);
        let (day, status) = match m.due {
            Some(due) => (due, "CONFIRMED"),
            None => (m.forecast.finish, "TENTATIVE"),
        };
        self.event(Event {
            uid: milestone_uid(&self.plan.plan_id, &m.id),
            day,
            summary: &m.title,
            category: m.kind.as_str(),
            status,
            remind: Remind::unless_done(m.status == Status::Done),
        })
    }

    /// A recurring milestone: one event with an RRULE from its first occurrence to its last.
    /// Done occurrences stay in it (the calendar keeps its history); the description says which
    /// are done, missed or late.
    fn series_event(&mut self, m: &ScheduledMilestone) -> Result<(), ExportError> {
        let (Some(first), Some(last), Some(every)) =
            (m.occurrences.first(), m.occurrences.last(), m.every)
        else {
            return Ok(());
        };
        let d = &mut self.scratch;
        d.clear();
        goal_and_kind(d, &self.goals, m);
        let done = m.occurrences.iter().filter(|o| o.done.is_some()).count();
        let _ = writeln!(
            d,
            "Every {every}: {} occurrences from {} to {}, {done} done",
            m.occurrences.len(),
            first.date,
            last.date
        );
        if m.effort_hours > 0.0 {
            let _ = writeln!(d, "Each takes {} hours", number(m.effort_hours));
        }
        let _ = writeln!(d, "Status: {}", m.status.as_str());
        let missed: Vec<String> = m
            .occurrences
            .iter()
            .filter(|o| o.missed())
            .map(|o| o.date.to_string())
            .collect();
        if !missed.is_empty() {
            let _ = writeln!(d, "Missed: {}", missed.join(", "));
        }
        let late: Vec<String> = m
            .occurrences
            .iter()
            .filter(|o| o.late())
            .map(|o| o.date.to_string())
            .collect();
        if !late.is_empty() {
            let _ = writeln!(d, "Will not fit their period: {}", late.join(", "));
        }
        if let Some(notes) = self
            .milestones
            .get(m.id.as_str())
            .and_then(|p| p.notes.as_deref())
        {
            let _ = writeln!(d, "Notes: {notes}");
        }
        self.plan_line();
        let next = first.date.tomorrow().map_err(|_| {
            ExportError::Invalid(format!(
                "\"{}\" falls on {}, past the last day a calendar can hold",
                m.title, first.date
            ))
        })?;
        let w = &mut self.w;
        w.begin("VEVENT");
        w.raw("UID", &milestone_uid(&self.plan.plan_id, &m.id));
        w.midnight_utc("DTSTAMP", self.stamp);
        w.date("DTSTART", first.date);
        w.date("DTEND", next);
        w.raw("RRULE", &rrule(every, first.date, last.date));
        w.text("SUMMARY", &m.title);
        w.text("DESCRIPTION", &self.scratch);
        w.text_list("CATEGORIES", [m.kind.as_str()]);
        w.raw("STATUS", "CONFIRMED");
        w.raw("TRANSP", "TRANSPARENT");
        // Each occurrence reminds; a reminder longer than the interval would fire before the
        // occurrence before it, so only the shorter ones are kept.
        if m.status != Status::Done {
            let span = carepath_model::calendar::days_between(
                first.date,
                carepath_model::calendar::nth_occurrence(first.date, every, 1),
            );
            for &n in self.reminders.iter().filter(|&&n| i64::from(n) < span) {
                alarm(w, n, &m.title);
            }
        }
        w.end("VEVENT");
        Ok(())
    }

    /// A "keep in touch" reminder for a person whose next contact falls inside the plan (from
    /// its start to its finish), with an alarm on the day. An overdue contact is reminded on the
    /// as-of date.
    fn contact_event(&mut self, c: &carepath_model::PersonStatus) -> Result<(), ExportError> {
        let Some(next) = c.next_contact else {
            return Ok(());
        };
        let finish = self.plan.schedule.finish;
        if next < finish.start || next > finish.finish {
            return Ok(());
        }
        let day = if c.overdue { self.plan.as_of } else { next };
        let d = &mut self.scratch;
        d.clear();
        let _ = writeln!(d, "Relation: {}", c.relation);
        if let Some(role) = &c.role {
            let _ = writeln!(d, "Role: {role}");
        }
        match c.last_contact {
            Some(l) => {
                let _ = writeln!(d, "Last contact: {l}");
            }
            None => d.push_str("Last contact: none logged\n"),
        }
        if let Some(k) = c.keep_in_touch {
            let _ = writeln!(d, "Keep in touch: every {k}");
        }
        if c.overdue {
            let _ = writeln!(d, "Overdue: contact was due on {next}");
        } else {
            let _ = writeln!(d, "Next contact: {next}");
        }
        if !c.milestones.is_empty() {
            let titles: Vec<&str> = c
                .milestones
                .iter()
                .map(|id| {
                    self.milestones
                        .get(id.as_str())
                        .map_or(id.as_str(), |m| m.title.as_str())
                })
                .collect();
            let _ = writeln!(d, "Together: {}", titles.join("; "));
        }
        if let Some(note) = &c.note {
            let _ = writeln!(d, "Note: {note}");
        }
        self.plan_line();
        let summary = format!("Keep in touch: {}", c.name);
        let next_day = day.tomorrow().map_err(|_| {
            ExportError::Invalid(format!(
                "\"{summary}\" falls past the last day a calendar can hold"
            ))
        })?;
        let w = &mut self.w;
        w.begin("VEVENT");
        w.raw("UID", &contact_uid(&self.plan.plan_id, &c.id));
        w.midnight_utc("DTSTAMP", self.stamp);
        w.date("DTSTART", day);
        w.date("DTEND", next_day);
        w.text("SUMMARY", &summary);
        w.text("DESCRIPTION", &self.scratch);
        w.text_list("CATEGORIES", ["network"]);
        w.raw("STATUS", "CONFIRMED");
        w.raw("TRANSP", "TRANSPARENT");
        alarm(w, 0, &summary);
        w.end("VEVENT");
        Ok(())
    }

    fn goal_event(&mut self, g: &GoalResult) -> Result<(), ExportError> {
        let Some(due) = g.due else {
            return Ok(());
        };
        let d = &mut self.scratch;
        d.clear();
        if g.status == Status::Done {
            d.push_str("Status: done\n");
        } else {
            let _ = writeln!(
                d,
                "Status: {}, {}% done",
                g.status.as_str(),
                percent(g.percent)
            );
        }
        match g.finish {
            Some(finish) => {
                let _ = writeln!(d, "Forecast finish: {finish}");
            }
            None => d.push_str("Forecast finish: none yet, the goal has no milestones\n"),
        }
        let _ = writeln!(d, "SMART: {} of 5", g.score);
        for (name, c) in g.smart.criteria() {
            if !c.pass {
                // "Not yet" says the verdict; the reason names milestones by their titles.
                let _ = write!(d, "Not yet {}: ", name.replace('_', "-"));
                c.reason.write_to(Form::Document, d);
                d.push('\n');
            }
        }
        let summary = format!("Goal deadline: {}", g.title);
        self.plan_line();
        self.event(Event {
            uid: goal_uid(&self.plan.plan_id, &g.id),
            day: due,
            summary: &summary,
            category: "goal",
            status: "CONFIRMED",
            remind: Remind::unless_done(g.status == Status::Done),
        })
    }

    /// The last day a credential's cycle is valid, with what its renewal still needs.
    fn expiry_event(
        &mut self,
        c: &CredentialStatus,
        cycle: &CredentialCycle,
    ) -> Result<(), ExportError> {
        let d = &mut self.scratch;
        d.clear();
        let _ = writeln!(
            d,
            "{} expires on {}: the last day it is valid",
            if c.name == c.id {
                c.id.clone()
            } else {
                format!("{} ({})", c.name, c.id)
            },
            cycle.expires
        );
        if c.cycles.first() == Some(cycle) {
            let _ = writeln!(d, "Status on {}: {}", self.plan.as_of, c.status.as_str());
        }
        match cycle.start {
            Some(start) => {
                let _ = writeln!(
                    d,
                    "Cycle: {start} to {}; finish the renewal by {}",
                    cycle.expires, cycle.submit_by
                );
            }
            None => {
                let _ = writeln!(
                    d,
                    "Cycle ends {}; finish the renewal by {}",
                    cycle.expires, cycle.submit_by
                );
            }
        }
        let (open, met): (Vec<&Requirement>, Vec<&Requirement>) =
            cycle.requirements.iter().partition(|r| !r.met);
        if !open.is_empty() {
            d.push_str("Still needed:\n");
            for r in open {
                let _ = write!(
                    d,
                    "- {}: {} of {} {} left ({} {} so far)",
                    requirement_label(&r.requirement, LabelForm::Heading),
                    number(r.remaining),
                    number(r.required),
                    r.unit,
                    number(r.counted),
                    if r.requirement.starts_with("practice") {
                        "worked"
                    } else {
                        "counted"
                    }
                );
                if let Some(f) = r.forecast {
                    let _ = write!(d, ", {} forecast by the expiry", number(f));
                }
                d.push('\n');
            }
        }
        if !met.is_empty() {
            let list: Vec<String> = met
                .iter()
                .map(|r| {
                    format!(
                        "{} ({} {})",
                        requirement_label(&r.requirement, LabelForm::Heading),
                        number(r.required),
                        r.unit
                    )
                })
                .collect();
            let _ = writeln!(d, "Met: {}", list.join(", "));
        }
        let milestone = cycle
            .renewal_milestone
            .as_deref()
            .and_then(|id| self.plan.schedule.milestones.iter().find(|m| m.id == id));
        match (milestone, cycle.forecast_finish) {
            (Some(m), Some(finish)) => {
                let _ = write!(d, "Renewal: “{}”, forecast to finish {finish}", m.title);
                let slack = (cycle.submit_by - finish).get_days();
                match slack {
                    n if n > 0 => {
                        let _ = write!(d, ", {n} {} before the submission date", days(n.into()));
                    }
                    0 => d.push_str(", on the submission date"),
                    n => {
                        let _ = write!(
                            d,
                            ", {} {} after the submission date",
                            -n,
                            days((-n).into())
                        );
                    }
                }
                d.push('\n');
            }
            (Some(m), None) => {
                let _ = writeln!(d, "Renewal: “{}”, not scheduled yet", m.title);
            }
            (None, Some(finish)) => {
                let _ = writeln!(d, "Renewal: forecast to finish {finish}");
            }
            (None, None) => {}
        }
        if let Some(rule) = &c.rule {
            let _ = writeln!(d, "Rule: {}, every {} months", rule.source, rule.months);
            if !rule.verified {
                d.push_str("Not yet verified against the source: check with the issuer\n");
            }
        }
        let summary = expiry_summary(c);
        self.plan_line();
        self.event(Event {
            uid: expiry_uid(&self.plan.plan_id, &c.id, cycle.expires),
            day: cycle.expires,
            summary: &summary,
            category: "credential",
            status: "CONFIRMED",
            remind: Remind::Expiry,
        })
    }

    fn milestone_task(&mut self, m: &ScheduledMilestone) {
        self.milestone_description(m);
        let done = m.status == Status::Done;
        let w = &mut self.w;
        w.begin("VTODO");
        w.raw("UID", &task_uid(&self.plan.plan_id, &m.id));
        w.midnight_utc("DTSTAMP", self.stamp);
        w.date("DUE", m.due.unwrap_or(m.forecast.finish));
        w.text("SUMMARY", &m.title);
        w.text("DESCRIPTION", &self.scratch);
        w.text_list("CATEGORIES", [m.kind.as_str()]);
        let status = if done {
            "COMPLETED"
        } else if m.status == Status::NotStarted || m.forecast.start > self.plan.as_of {
            "NEEDS-ACTION"
        } else {
            "IN-PROCESS"
        };
        w.raw("STATUS", status);
        // A task at 99.6% is not complete; only a done one says 100.
        let pct = if done {
            100
        } else {
            percent(m.percent).min(99)
        };
        w.integer("PERCENT-COMPLETE", pct);
        if done {
            // Noon UTC is the same calendar day from UTC-11 to UTC+11.
            w.noon_utc("COMPLETED", m.forecast.finish);
        }
        w.end("VTODO");
    }

    /// Leaves the description of a milestone in `scratch`.
    fn milestone_description(&mut self, m: &ScheduledMilestone) {
        let d = &mut self.scratch;
        d.clear();
        if let Some(c) = m.credential.as_deref().filter(|_| m.renewal) {
            let credential = self.plan.schedule.credentials.iter().find(|x| x.id == c);
            let name = credential.map_or(c, |x| x.name.as_str());
            let cycle = credential.and_then(|x| {
                x.cycles
                    .iter()
                    .find(|y| y.renewal_milestone.as_deref() == Some(m.id.as_str()))
            });
            match cycle {
                Some(y) => {
                    let _ = writeln!(
                        d,
                        "Renews {name}, which expires on {}; finish by {}",
                        y.expires, y.submit_by
                    );
                }
                None => {
                    let _ = writeln!(d, "Renews {name}");
                }
            }
        }
        goal_and_kind(d, &self.goals, m);
        if m.status == Status::Done {
            d.push_str("Status: done\n");
        } else {
            let _ = writeln!(
                d,
                "Status: {}, {}% done (expected by now: {}%)",
                m.status.as_str(),
                percent(m.percent),
                percent(m.expected_percent)
            );
        }
        if let Some(due) = m.due {
            let _ = writeln!(d, "Due: {due}");
        }
        let finish = if m.status == Status::Done {
            "Done on"
        } else {
            "Forecast finish"
        };
        let _ = write!(d, "{finish}: {}", m.forecast.finish);
        match m.late_days {
            Some(n) if n > 0 => {
                let _ = write!(d, ", {n} {} late", days(n));
            }
            Some(n) if n < 0 && m.status == Status::Done => {
                let _ = write!(d, ", {} {} early", -n, days(-n));
            }
            Some(n) if n < 0 => {
                let _ = write!(d, ", {} {} to spare", -n, days(-n));
            }
            Some(_) => d.push_str(", on the due date"),
            None => {}
        }
        d.push('\n');
        if m.critical {
            d.push_str("On the critical chain: it decides when the plan finishes\n");
        }
        if let Some(notes) = self
            .milestones
            .get(m.id.as_str())
            .and_then(|p| p.notes.as_deref())
        {
            let _ = writeln!(d, "Notes: {notes}");
        }
        self.plan_line();
    }

    fn plan_line(&mut self) {
        let _ = write!(
            self.scratch,
            "Plan: {} (as of {})",
            self.plan.plan.title, self.plan.as_of
        );
    }

    /// Writes an all-day event whose description is in `scratch`. Its reminders come after all
    /// of its properties: Outlook refuses an event with a property after a VALARM.
    fn event(&mut self, e: Event<'_>) -> Result<(), ExportError> {
        let next = e.day.tomorrow().map_err(|_| {
            ExportError::Invalid(format!(
                "\"{}\" falls on {}, past the last day a calendar can hold",
                e.summary, e.day
            ))
        })?;
        let w = &mut self.w;
        w.begin("VEVENT");
        w.raw("UID", &e.uid);
        w.midnight_utc("DTSTAMP", self.stamp);
        w.date("DTSTART", e.day);
        w.date("DTEND", next);
        w.text("SUMMARY", e.summary);
        w.text("DESCRIPTION", &self.scratch);
        w.text_list("CATEGORIES", [e.category]);
        w.raw("STATUS", e.status);
        w.raw("TRANSP", "TRANSPARENT");
        let reminders = match e.remind {
            Remind::None => &[][..],
            Remind::Event => &self.reminders[..],
            Remind::Expiry => &self.expiry_reminders[..],
        };
        for &n in reminders {
            // An alarm already in the past at the as-of date would only pop up as missed.
            let fires = e.day.checked_sub(jiff::Span::new().days(i64::from(n)));
            if fires.is_ok_and(|f| f >= self.stamp) {
                alarm(w, n, e.summary);
            }
        }
        w.end("VEVENT");
        Ok(())
    }
}

fn alarm(w: &mut Writer, days_before: u32, summary: &str) {
    w.begin("VALARM");
    w.raw("ACTION", "DISPLAY");
    let (trigger, when) = match days_before {
        0 => ("PT0S".to_string(), "Today".to_string()),
        1 => ("-P1D".to_string(), "Tomorrow".to_string()),
        n => (format!("-P{n}D"), format!("In {n} days")),
    };
    w.text("DESCRIPTION", &format!("{when}: {summary}"));
    w.raw("TRIGGER", &trigger);
    w.end("VALARM");
}

/// A percentage as a whole number, 0 to 100.
fn percent(p: f64) -> i64 {
    if p.is_finite() {
        p.clamp(0.0, 100.0).round() as i64
    } else {
        0
    }
}

/// A plain number: at most 2 decimals, none when it is whole.
fn number(x: f64) -> String {
    carepath_model::numbers::digits(x)
}

/// `Expires: NAME`, with the jurisdiction of a license (a travel nurse may hold several): the
/// name a person knows the credential by, not carepath's id, since the summary is what a phone
/// shows. The catalog's name, else the id as written.
fn expiry_summary(c: &CredentialStatus) -> String {
    match &c.jurisdiction {
        Some(j) => format!("Expires: {} ({j})", c.name),
        None => format!("Expires: {}", c.name),
    }
}

fn days(n: i64) -> &'static str {
    if n == 1 { "day" } else { "days" }
}

/// The first lines of a milestone's description: the goal it serves (by title) and its kind.
fn goal_and_kind(d: &mut String, goals: &HashMap<&str, &GoalResult>, m: &ScheduledMilestone) {
    if let Some(goal) = &m.goal {
        let title = goals.get(goal.as_str()).map_or(goal.as_str(), |g| &g.title);
        let _ = writeln!(d, "Goal: {title}");
    }
    let _ = writeln!(d, "Kind: {}", m.kind);
}
