//! Reading the roster a hospital's scheduling system exports, an iCalendar file (RFC 5545), into
//! the shifts the scheduler plans around ([`Roster`]). [`read`] is pure: text in, shifts out; the
//! CLI reads the file (`capacity.roster.file`) and renders the findings against it.
//!
//! What is a shift, and when (the rules `docs/roster-file.md` gives the person):
//! - Every timed `VEVENT` is a shift; an all-day one (`VALUE=DATE`: vacation, a training day)
//!   is not, and neither is one without length (no `DTEND` or `DURATION`, or a zero one).
//!   `STATUS:CANCELLED` events, and cancelled instances of a recurring one, are dropped.
//! - `match_`: only events whose `SUMMARY` contains it are shifts, ignoring case (Unicode
//!   lowercase on both sides: "Night SHIFT" matches "shift"), since exports differ in case
//!   ("ICU Day Shift", "NIGHT SHIFT") and the person writes the word as she reads it. An empty
//!   `match_` matches every event. Each instance is matched on its own SUMMARY, so an override
//!   that renames one night is matched by its new name.
//! - Times: `DTSTART`/`DTEND` in UTC (`Z`), floating (read in the roster's zone) or with a
//!   `TZID`. A TZID is an IANA name (`America/Chicago`); a Mozilla-style
//!   `/mozilla.org/…/America/Chicago` and a `VTIMEZONE` with `X-LIC-LOCATION` are read as the
//!   name they end in or give. The `VTIMEZONE` rules themselves are not read: the bundled IANA
//!   database (jiff's, the same on every machine) says what the name means.
//! - The roster's zone, the one shifts are given in: the calendar's `X-WR-TIMEZONE`; else the
//!   TZID that most events' `DTSTART` use (a tie: the one met first); else UTC (with a warning
//!   when times are given in UTC: shifts then show in UTC, which is rarely the ward's clock).
//! - `hours` is the real elapsed time between start and end: a single 19:00 to 07:30 night on
//!   the night the clocks go forward is 11.5 hours, on the night they go back 13.5.
//! - Recurring events: `RRULE` (any number), `RDATE` (date-times, days, periods) and `EXDATE`
//!   expanded by the `rrule` crate in the wall-clock time of `DTSTART`'s zone (RFC 5545: a
//!   weekly 07:00 shift stays at 07:00 across a clock change; a time the change skips is moved
//!   forward by the gap). Each instance lasts exactly as long as the first one when the length is
//!   given by `DTEND` (RFC 5545 3.8.5.3, and what khal shows): a weekly 12.5-hour night that
//!   falls on the night the clocks go forward ends at 08:30, not 07:30; a roster that means
//!   07:30 says so with an override for that night. A `DURATION` in days or weeks is calendar
//!   days, in hours exact (RFC 5545 3.3.6).
//! - `RECURRENCE-ID` overrides replace the instance they name (by the instant), or cancel it;
//!   an override that names no instance is read as an event of its own. `RANGE=THISANDFUTURE`
//!   is not supported (the override applies to its own instance only).
//! - Bounds, so the cost stays linear in the file: a rule without `UNTIL` or `COUNT` is expanded
//!   for [`UNBOUNDED_YEARS`] years after its `DTSTART`, and no event gives more than
//!   [`MAX_PER_EVENT`] instances (both with a warning, W030); a roster with more than
//!   [`MAX_SHIFTS`] shifts in all is an error (R003), and so is a component nested deeper than
//!   [`MAX_DEPTH`] (R001).
//! - The shifts come sorted by start (then end, then label); `covers` runs from the first
//!   shift's day to the last day a shift touches (a shift ending at midnight does not touch the
//!   next day).
//!
//! Bad input is a located [`Diagnostic`] (codes R001-R003), never a panic: not iCalendar (the
//! line the parser stopped at), a date, time, zone or duration that cannot be read, a recurrence
//! rule the `rrule` crate rejects. All of a file's problems are reported at once.
//!
//! Why these crates (all MIT or Apache-2.0, like carepath):
//! - `icalendar` (its `parser` feature only): the maintained RFC 5545 parser of the Rust
//!   ecosystem, already the independent reader in our exporter's tests and fuzz target. It hands
//!   back slices of the text it parsed, which is how the findings point into the file. (The
//!   `ical` crate was the alternative; its last release is older and its licence is not stated
//!   in its package.)
//! - `rrule`: a complete RFC 5545 recurrence implementation (every BY* part, BYSETPOS, WKST),
//!   with validation and iteration limits against rules that never match. It works in chrono
//!   types; it is handed wall-clock times as if they were UTC, so it does calendar arithmetic
//!   only and never consults a time zone itself (its `Tz::LOCAL` would read the machine's zone).
//!   The workspace builds it without its constant for every zone, and chrono-tz with UTC only
//!   (`vendor/rrule/PATCHED.md`): every zone's tables cost each command a megabyte of
//!   relocated pages at start-up.
//! - jiff with `tzdb-bundle-always`: the workspace's date library, and one tz database compiled
//!   in ([`TimeZoneDatabase::bundled`]), so the same file gives the same shifts on every machine.

use std::collections::HashMap;

use carepath_model::codes;
use carepath_model::diag::Diagnostic;
use carepath_model::node::Span;
use carepath_model::roster::{Roster, Shift, ShiftWarning};
use chrono::TimeZone as _;
use icalendar::parser::{Component, Property, read_calendar_simple};
use jiff::civil::{Date, DateTime};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{SignedDuration, Timestamp, Zoned};

mod source;
mod when;

use source::Unfolded;
use when::{When, parse_date, parse_date_time, parse_duration};

/// A recurring event without `UNTIL` or `COUNT` is expanded for this many years after its start.
pub const UNBOUNDED_YEARS: i16 = 3;
/// At most this many instances of one recurring event (27 years of daily shifts).
pub const MAX_PER_EVENT: usize = 10_000;
/// At most this many shifts in a roster (more is an error).
pub const MAX_SHIFTS: usize = 100_000;
/// Components nested deeper than this (VCALENDAR > VEVENT > VALARM is 3) are not iCalendar.
pub const MAX_DEPTH: usize = 16;

/// What a roster file could not be read for: located findings (errors, and the warnings met on
/// the way), spans being byte ranges of the roster text.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterError {
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for RosterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{}: {}", d.code, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for RosterError {}

/// A roster read, with what the person should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRead {
    pub roster: Roster,
    /// The IANA name of the zone the shifts are given in (`UTC` when the roster names none).
    pub zone: String,
    /// Warnings (W030-W032), located in the roster text.
    pub warnings: Vec<Diagnostic>,
}

/// The shifts of a roster file. See the module doc for the rules; [`read_detailed`] also gives
/// the zone and the warnings.
pub fn read(text: &str, match_: Option<&str>) -> Result<Roster, RosterError> {
    read_detailed(text, match_).map(|r| r.roster)
}

/// [`read`], with the roster's zone and its warnings.
pub fn read_detailed(text: &str, match_: Option<&str>) -> Result<RosterRead, RosterError> {
    let src = Unfolded::new(text);
    let mut r = Reader {
        src: &src,
        db: TimeZoneDatabase::bundled(),
        zones: HashMap::new(),
        aliases: HashMap::new(),
        local: TimeZone::UTC,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let roots = match r.parse() {
        Ok(roots) => roots,
        Err(d) => {
            return Err(RosterError {
                diagnostics: vec![*d],
            });
        }
    };
    let shifts = r.shifts(&roots, match_);
    if !r.errors.is_empty() {
        r.errors
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        let mut diagnostics = r.errors;
        diagnostics.append(&mut r.warnings);
        return Err(RosterError { diagnostics });
    }
    let zone = r.local.iana_name().unwrap_or("UTC").to_string();
    let covers = match (shifts.first(), shifts.iter().map(last_day).max()) {
        (Some(first), Some(last)) => Some((first.start.date(), last)),
        _ => None,
    };
    Ok(RosterRead {
        roster: Roster {
            shifts,
            covers,
            warnings: r.warnings.iter().map(ShiftWarning::of).collect(),
        },
        zone,
        warnings: r.warnings,
    })
}

/// The last day a shift touches: a shift ending at midnight does not touch the day it ends on.
fn last_day(s: &Shift) -> Date {
    if s.end.time() == jiff::civil::Time::midnight() && s.end > s.start {
        s.end.date().yesterday().unwrap_or(s.end.date())
    } else {
        s.end.date()
    }
}

struct Reader<'s, 'a> {
    src: &'s Unfolded<'a>,
    db: TimeZoneDatabase,
    /// TZID as written -> the zone, or None when it is unknown.
    zones: HashMap<String, Option<TimeZone>>,
    /// VTIMEZONE TZID -> its X-LIC-LOCATION.
    aliases: HashMap<String, String>,
    /// The roster's zone.
    local: TimeZone,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// How long an event lasts, from its DTEND or DURATION.
#[derive(Debug, Clone)]
enum Length {
    /// From DTEND: the elapsed time, the same for every instance.
    Exact(SignedDuration),
    /// From DURATION: days and weeks are calendar days in the event's zone.
    Nominal(jiff::Span),
}

/// A VEVENT's own start, length and text, read and checked.
struct Timing {
    start: When,
    start_ts: Timestamp,
    /// The zone of DTSTART: the one its recurrence is computed in.
    zone: TimeZone,
    /// None: no DTEND and no DURATION.
    length: Option<Length>,
    summary: String,
    cancelled: bool,
}

/// One occurrence before it is put into the roster's zone.
struct Occurrence {
    start: Timestamp,
    end: Timestamp,
    label: String,
}

fn name_is(p: &Property<'_>, name: &str) -> bool {
    p.name.as_str().eq_ignore_ascii_case(name)
}

fn prop<'c>(c: &'c Component<'c>, name: &str) -> Option<&'c Property<'c>> {
    c.properties.iter().find(|p| name_is(p, name))
}

fn param<'p>(p: &'p Property<'_>, key: &str) -> Option<&'p str> {
    p.params
        .iter()
        .find(|q| q.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|q| q.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

fn is(c: &Component<'_>, name: &str) -> bool {
    c.name.as_str().eq_ignore_ascii_case(name)
}

/// The VEVENTs of the calendars, in file order.
fn events<'c>(roots: &'c [Component<'c>]) -> Vec<&'c Component<'c>> {
    roots
        .iter()
        .flat_map(|cal| cal.components.iter().filter(|c| is(c, "VEVENT")))
        .collect()
}

/// Wall-clock time as `rrule` is given it: the same digits, labelled UTC.
fn to_rrule(t: DateTime) -> Option<chrono::DateTime<rrule::Tz>> {
    let secs = t.to_zoned(TimeZone::UTC).ok()?.timestamp().as_second();
    rrule::Tz::UTC.timestamp_opt(secs, 0).single()
}

fn from_rrule(t: &chrono::DateTime<rrule::Tz>) -> Option<DateTime> {
    let ts = Timestamp::from_second(t.timestamp()).ok()?;
    Some(TimeZone::UTC.to_datetime(ts))
}

impl<'s, 'a> Reader<'s, 'a> {
    /// The span in the file of a slice of the unfolded text, else the start of the file.
    fn span(&self, s: &str) -> Span {
        self.src.span_of(s).unwrap_or(0..0)
    }

    /// Where a property is: its value, or its name when the value is empty or was copied.
    fn at_value(&self, p: &Property<'_>) -> Span {
        match self.src.span_of(p.val.as_str()) {
            Some(s) if !s.is_empty() => s,
            _ => self.span(p.name.as_str()),
        }
    }

    fn error(&mut self, code: &'static str, span: Span, path: String, msg: String, hint: &str) {
        self.errors.push(
            Diagnostic::error(code, msg)
                .at(Some(span), path)
                .hint(hint.to_string()),
        );
    }

    fn bad_time(&mut self, p: &Property<'_>, path: &str, msg: String, hint: &str) {
        let span = self.at_value(p);
        let label = "cannot be read";
        self.errors.push(
            Diagnostic::error(codes::ROSTER_BAD_TIME, msg)
                .at(
                    Some(span),
                    format!("{path}.{}", p.name.as_str().to_ascii_uppercase()),
                )
                .label(label)
                .hint(hint.to_string()),
        );
    }

    /// Checks the shape (the first line, the nesting) and parses; a failure is one R001.
    fn parse(&mut self) -> Result<Vec<Component<'s>>, Box<Diagnostic>> {
        let text = self.src.text.as_str();
        let not_ical = |span: Span, msg: String, label: &str, hint: &str| {
            Box::new(
                Diagnostic::error(codes::ROSTER_NOT_ICALENDAR, msg)
                    .at(Some(span), "")
                    .label(label.to_string())
                    .hint(hint.to_string()),
            )
        };
        let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
            return Err(not_ical(
                0..0,
                "the roster file is empty".into(),
                "nothing here",
                "export the roster again from the scheduling system, as an iCalendar (.ics) file",
            ));
        };
        if !first.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR") {
            let span = self.src.line_at(self.span(first).start);
            return Err(not_ical(
                span,
                "this is not an iCalendar file: it does not begin with BEGIN:VCALENDAR".into(),
                "expected BEGIN:VCALENDAR",
                "export the roster from the scheduling system as an iCalendar (.ics) file, the kind a calendar app subscribes to",
            ));
        }
        // The shape, line by line, before the parser: it names the first line that is not
        // `NAME[;PARAM=…]:value` and the BEGIN that lacks its END, where the parser's own error
        // points at the start of the component it gave up on; and it bounds the nesting, which
        // the parser follows by recursion.
        let mut open: Vec<&str> = Vec::new();
        for line in text.split('\n') {
            if line.trim().is_empty() {
                continue;
            }
            let here = || self.src.line_at(self.span(line).start);
            if !content_line_ok(line) {
                return Err(not_ical(
                    here(),
                    "this is not valid iCalendar: this line cannot be read".into(),
                    "not NAME:value",
                    "every line of an iCalendar file is NAME:value or NAME;PARAM=x:value; a long line goes on in the next one only when that one starts with a space",
                ));
            }
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            if name.eq_ignore_ascii_case("BEGIN") {
                if open.is_empty() && !value.trim().eq_ignore_ascii_case("VCALENDAR") {
                    return Err(not_ical(
                        here(),
                        format!(
                            "this is not a roster: a {} outside of any VCALENDAR",
                            value.trim()
                        ),
                        "outside the calendar",
                        "the events of a roster are between BEGIN:VCALENDAR and END:VCALENDAR",
                    ));
                }
                open.push(value.trim());
                if open.len() > MAX_DEPTH {
                    return Err(not_ical(
                        here(),
                        format!(
                            "this is not a roster carepath can read: components nested more than {MAX_DEPTH} deep"
                        ),
                        "nested too deep",
                        "a roster is a VCALENDAR of VEVENTs; check that every BEGIN has its END",
                    ));
                }
            } else if name.eq_ignore_ascii_case("END") {
                match open.pop() {
                    Some(b) if b.eq_ignore_ascii_case(value.trim()) => {}
                    Some(b) => {
                        return Err(not_ical(
                            here(),
                            format!(
                                "this is not valid iCalendar: END:{} where END:{b} was expected",
                                value.trim()
                            ),
                            &format!("expected END:{b}"),
                            "every BEGIN:X has its END:X, inner ones first",
                        ));
                    }
                    None => {
                        return Err(not_ical(
                            here(),
                            format!(
                                "this is not valid iCalendar: END:{} without its BEGIN",
                                value.trim()
                            ),
                            "no BEGIN for this",
                            "every END:X closes a BEGIN:X before it",
                        ));
                    }
                }
            } else if open.is_empty() {
                return Err(not_ical(
                    here(),
                    "this is not a roster: a line outside of the VCALENDAR".into(),
                    "outside the calendar",
                    "everything in a roster is between BEGIN:VCALENDAR and END:VCALENDAR",
                ));
            }
        }
        if let Some(b) = open.last() {
            let end = self.src.original.len();
            let span = self.src.line_at(end.saturating_sub(1));
            return Err(not_ical(
                span,
                format!("this is not valid iCalendar: the file ends before END:{b}"),
                &format!("END:{b} missing"),
                "the file may be cut short: export it again",
            ));
        }
        let roots = read_calendar_simple(text).map_err(|e| {
            let at = text.len() - e.input.len().min(text.len());
            let span = self.src.line_at(self.src.to_original(at));
            let line = &self.src.original[span.clone()];
            let (msg, hint) = if line.trim().is_empty() {
                (
                    "this is not valid iCalendar: the file ends before every BEGIN has its END"
                        .to_string(),
                    "the file may be cut short; export it again",
                )
            } else {
                (
                    "this is not valid iCalendar: this line cannot be read".to_string(),
                    "every line is NAME:value or NAME;PARAM=x:value, and every BEGIN:X has its END:X; a long line goes on in the next one only when that one starts with a space",
                )
            };
            not_ical(span, msg, "here", hint)
        })?;
        if let Some(other) = roots.iter().find(|c| !is(c, "VCALENDAR")) {
            let span = self.src.line_at(self.span(other.name.as_str()).start);
            return Err(not_ical(
                span,
                format!(
                    "this is not a roster: a {} outside of any VCALENDAR",
                    other.name.as_str()
                ),
                "outside the calendar",
                "the events of a roster are between BEGIN:VCALENDAR and END:VCALENDAR",
            ));
        }
        Ok(roots)
    }

    /// A TZID as a zone: the IANA name, a Mozilla-style path ending in one, or a VTIMEZONE's
    /// X-LIC-LOCATION.
    fn zone(&mut self, tzid: &str) -> Option<TimeZone> {
        if let Some(z) = self.zones.get(tzid) {
            return z.clone();
        }
        let mut found = self.db.get(tzid.trim()).ok();
        if found.is_none() {
            // "/mozilla.org/20050126_1/America/New_York", "/freeassociation.sourceforge.net/
            // Tzfile/America/Argentina/Buenos_Aires": the longest tail that is a name.
            let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
            for k in (1..parts.len().min(4)).rev() {
                let tail = parts[parts.len() - k..].join("/");
                if let Ok(z) = self.db.get(&tail) {
                    found = Some(z);
                    break;
                }
            }
        }
        if found.is_none()
            && let Some(loc) = self.aliases.get(tzid)
        {
            found = self.db.get(loc).ok();
        }
        self.zones.insert(tzid.to_string(), found.clone());
        found
    }

    /// Reads one date or date-time value of `p` (a DTSTART, DTEND, RECURRENCE-ID, or one item
    /// of an EXDATE/RDATE list).
    fn when(&mut self, p: &Property<'_>, value: &str, path: &str) -> Option<When> {
        let value = value.trim();
        let is_date =
            param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || value.len() == 8;
        if is_date {
            if let Some(d) = parse_date(value) {
                return Some(When::Day(d));
            }
            self.bad_time(
                p,
                path,
                format!("`{value}` is not a date carepath can read"),
                "a date is written YYYYMMDD, such as 20260308, and must exist",
            );
            return None;
        }
        let Some((t, utc)) = parse_date_time(value) else {
            let shaped = value.len() >= 15
                && value.bytes().enumerate().take(15).all(|(i, c)| {
                    if i == 8 {
                        c == b'T'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            let msg = if shaped {
                format!("`{value}` names a day or a time of day that does not exist")
            } else {
                format!("`{value}` is not a date and time carepath can read")
            };
            self.bad_time(
                p,
                path,
                msg,
                "a date and time is written YYYYMMDDTHHMMSS, such as 20260308T190000, with a Z after it for UTC",
            );
            return None;
        };
        if utc {
            return Some(When::Utc(t));
        }
        let Some(tzid) = param(p, "TZID") else {
            return Some(When::Floating(t));
        };
        let tzid = tzid.to_string();
        match self.zone(&tzid) {
            Some(z) => Some(When::Zoned(t, z)),
            None => {
                self.bad_time(
                    p,
                    path,
                    format!("the time zone `{tzid}` is not one carepath knows"),
                    "carepath reads IANA time zone names, such as TZID=America/Chicago; export the roster with them (a Windows name such as \"Central Standard Time\" is not one)",
                );
                None
            }
        }
    }

    /// The instant of a value: a floating time in `floating`'s zone.
    fn instant(
        &mut self,
        w: &When,
        floating: &TimeZone,
        p: &Property<'_>,
        path: &str,
    ) -> Option<Timestamp> {
        let tz = w.zone(floating);
        match tz.to_ambiguous_timestamp(w.civil()).compatible() {
            Ok(ts) => Some(ts),
            Err(_) => {
                self.bad_time(
                    p,
                    path,
                    "this time is outside the years carepath can place".into(),
                    "check the year",
                );
                None
            }
        }
    }

    /// The roster's zone: X-WR-TIMEZONE, else the TZID most DTSTARTs use, else UTC.
    fn choose_zone(&mut self, roots: &[Component<'_>], events: &[&Component<'_>]) {
        for cal in roots {
            for vtz in cal.components.iter().filter(|c| is(c, "VTIMEZONE")) {
                if let (Some(id), Some(loc)) = (prop(vtz, "TZID"), prop(vtz, "X-LIC-LOCATION")) {
                    self.aliases
                        .insert(id.val.as_str().to_string(), loc.val.as_str().to_string());
                }
            }
        }
        for cal in roots {
            if let Some(p) = prop(cal, "X-WR-TIMEZONE") {
                let name = p.val.as_str().trim().to_string();
                match self.zone(&name) {
                    Some(z) => {
                        self.local = z;
                        return;
                    }
                    None => {
                        let span = self.at_value(p);
                        self.error(
                            codes::ROSTER_BAD_TIME,
                            span,
                            "X-WR-TIMEZONE".into(),
                            format!("the calendar's time zone `{name}` is not one carepath knows"),
                            "carepath reads IANA time zone names, such as X-WR-TIMEZONE:America/Chicago",
                        );
                        return;
                    }
                }
            }
        }
        // Count TZIDs in file order, so a tie goes to the one met first.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for e in events {
            let Some(p) = prop(e, "DTSTART") else {
                continue;
            };
            let Some(tzid) = param(p, "TZID") else {
                continue;
            };
            if p.val.as_str().trim().len() == 8 {
                continue;
            }
            match counts.iter_mut().find(|(t, _)| t == tzid) {
                Some((_, n)) => *n += 1,
                None => counts.push((tzid.to_string(), 1)),
            }
        }
        let mut best: Option<(String, usize)> = None;
        for (t, n) in counts {
            if best.as_ref().is_none_or(|(_, b)| n > *b) {
                best = Some((t, n));
            }
        }
        if let Some((tzid, _)) = best
            && let Some(z) = self.zone(&tzid)
        {
            self.local = z;
        }
    }

    /// DTSTART, DTEND or DURATION, SUMMARY and STATUS of a VEVENT: `Ok(None)` for an all-day
    /// event, `Err` when a finding was reported.
    fn timing(&mut self, e: &Component<'_>, path: &str) -> Result<Option<Timing>, ()> {
        let summary = prop(e, "SUMMARY")
            .map(|p| p.val.as_str().to_string())
            .unwrap_or_default();
        let cancelled = prop(e, "STATUS")
            .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED"));
        let Some(ps) = prop(e, "DTSTART") else {
            let span = self.src.line_at(self.span(e.name.as_str()).start);
            self.error(
                codes::ROSTER_BAD_TIME,
                span,
                path.to_string(),
                format!("this event has no DTSTART{}", describe(&summary)),
                "every event of a roster has a DTSTART, its start",
            );
            return Err(());
        };
        let start = self.when(ps, ps.val.as_str(), path).ok_or(())?;
        if matches!(start, When::Day(_)) {
            return Ok(None);
        }
        let local = self.local.clone();
        let zone = start.zone(&local);
        let start_ts = self.instant(&start, &local, ps, path).ok_or(())?;
        let length = if let Some(pe) = prop(e, "DTEND") {
            let end = self.when(pe, pe.val.as_str(), path).ok_or(())?;
            if matches!(end, When::Day(_)) {
                self.bad_time(
                    pe,
                    path,
                    "this event starts at a time of day but DTEND is a whole day".into(),
                    "write DTEND as a date and time, like DTSTART",
                );
                return Err(());
            }
            let end_ts = self.instant(&end, &local, pe, path).ok_or(())?;
            let d = end_ts.duration_since(start_ts);
            if d.is_negative() {
                self.bad_time(
                    pe,
                    path,
                    format!("this event ends before it starts{}", describe(&summary)),
                    "DTEND is when the shift ends: after DTSTART (a night shift ends the next day)",
                );
                return Err(());
            }
            Some(Length::Exact(d))
        } else if let Some(pd) = prop(e, "DURATION") {
            match parse_duration(pd.val.as_str()) {
                Some(span) if span.is_negative() => {
                    self.bad_time(
                        pd,
                        path,
                        "this event's DURATION is negative".into(),
                        "a duration such as PT12H30M (12.5 hours)",
                    );
                    return Err(());
                }
                Some(span) => Some(Length::Nominal(span)),
                None => {
                    let v = pd.val.as_str().to_string();
                    self.bad_time(
                        pd,
                        path,
                        format!("`{v}` is not a duration carepath can read"),
                        "a duration such as PT12H30M (12.5 hours), P1D (a day) or PT8H",
                    );
                    return Err(());
                }
            }
        } else {
            None
        };
        Ok(Some(Timing {
            start,
            start_ts,
            zone,
            length,
            summary,
            cancelled,
        }))
    }

    /// The end of an occurrence starting at `start`; None: it has no length.
    fn end_of(
        &self,
        start: Timestamp,
        length: &Option<Length>,
        zone: &TimeZone,
    ) -> Option<Timestamp> {
        let end = match length.as_ref()? {
            Length::Exact(d) => start.checked_add(*d).ok()?,
            Length::Nominal(span) => Zoned::new(start, zone.clone())
                .checked_add(*span)
                .ok()?
                .timestamp(),
        };
        (end > start).then_some(end)
    }

    /// The start instants of a master event, and extra ends for RDATE periods; EXDATEs removed.
    fn instances(
        &mut self,
        e: &Component<'_>,
        t: &Timing,
        path: &str,
    ) -> Result<Vec<(Timestamp, Option<Timestamp>)>, ()> {
        let zone = t.zone.clone();
        let local = self.local.clone();
        let wall0 = t.start.civil();
        let rules: Vec<&Property<'_>> = e
            .properties
            .iter()
            .filter(|p| name_is(p, "RRULE"))
            .collect();
        let rdates: Vec<&Property<'_>> = e
            .properties
            .iter()
            .filter(|p| name_is(p, "RDATE"))
            .collect();
        let exdates: Vec<&Property<'_>> = e
            .properties
            .iter()
            .filter(|p| name_is(p, "EXDATE"))
            .collect();
        if rules.is_empty() && rdates.is_empty() {
            return Ok(vec![(t.start_ts, None)]);
        }
        let mut ok = true;
        // To the wall clock of DTSTART's zone.
        let to_wall = |r: &mut Self, w: &When, p: &Property<'_>| -> Option<DateTime> {
            match w {
                When::Floating(c) => Some(*c),
                When::Day(_) => None,
                _ => {
                    let ts = r.instant(w, &local, p, path)?;
                    Some(zone.to_datetime(ts))
                }
            }
        };
        let mut ex_walls = Vec::new();
        let mut ex_days = Vec::new();
        for p in &exdates {
            for v in p.val.as_str().split(',') {
                match self.when(p, v, path) {
                    Some(When::Day(d)) => ex_days.push(d),
                    Some(w) => match to_wall(self, &w, p) {
                        Some(c) => ex_walls.push(c),
                        None => ok = false,
                    },
                    None => ok = false,
                }
            }
        }
        let mut walls = vec![wall0];
        let mut periods: Vec<(Timestamp, Timestamp)> = Vec::new();
        for p in &rdates {
            let is_period = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
            for v in p.val.as_str().split(',') {
                if is_period || v.contains('/') {
                    match self.period(p, v, path) {
                        Some(pair) => periods.push(pair),
                        None => ok = false,
                    }
                    continue;
                }
                match self.when(p, v, path) {
                    Some(When::Day(d)) => walls.push(d.to_datetime(wall0.time())),
                    Some(w) => match to_wall(self, &w, p) {
                        Some(c) => walls.push(c),
                        None => ok = false,
                    },
                    None => ok = false,
                }
            }
        }
        let Some(start) = to_rrule(wall0) else {
            self.bad_rule(
                rules.first().copied().unwrap_or(&e.properties[0]),
                path,
                "its DTSTART is outside the years the recurrence can be computed in".into(),
            );
            return Err(());
        };
        let mut set = rrule::RRuleSet::new(start).limit();
        let mut bounded = true;
        for p in &rules {
            match self.rule(p, start, &zone, path) {
                Some((rule, b)) => {
                    bounded &= b;
                    set = set.rrule(rule);
                }
                None => ok = false,
            }
        }
        if !ok {
            return Err(());
        }
        for w in walls {
            if let Some(c) = to_rrule(w) {
                set = set.rdate(c);
            }
        }
        for w in ex_walls {
            if let Some(c) = to_rrule(w) {
                set = set.exdate(c);
            }
        }
        let horizon = wall0
            .checked_add(jiff::Span::new().years(UNBOUNDED_YEARS))
            .unwrap_or(DateTime::MAX);
        let mut out: Vec<(Timestamp, Option<Timestamp>)> = Vec::new();
        let mut last: Option<DateTime> = None;
        let mut cut = None;
        for c in &set {
            let Some(w) = from_rrule(&c) else { break };
            if !bounded && w >= horizon {
                cut = Some(format!(
                    "it repeats without end (no UNTIL or COUNT); carepath reads its first {UNBOUNDED_YEARS} years, to {}",
                    horizon.date()
                ));
                break;
            }
            if out.len() >= MAX_PER_EVENT {
                cut = Some(format!(
                    "it repeats more than {MAX_PER_EVENT} times; carepath reads the first {MAX_PER_EVENT}"
                ));
                break;
            }
            if last == Some(w) || ex_days.contains(&w.date()) {
                continue;
            }
            last = Some(w);
            match zone.to_ambiguous_timestamp(w).compatible() {
                Ok(ts) => out.push((ts, None)),
                Err(_) => break,
            }
        }
        if let Some(why) = cut {
            let span = rules.first().map_or(0..0, |p| self.at_value(p));
            self.warnings.push(
                Diagnostic::warning(
                    codes::ROSTER_RECURRENCE_CUT,
                    format!(
                        "a recurring event{} is read only in part: {why}",
                        describe(&t.summary)
                    ),
                )
                .at(Some(span), format!("{path}.RRULE"))
                .label("read in part")
                .hint("export the roster for the months you need, or give the rule an UNTIL"),
            );
        }
        for (s, end) in periods {
            if !has_start(&out, s) {
                out.push((s, Some(end)));
            }
        }
        out.sort_by_key(|&(s, _)| s);
        Ok(out)
    }

    /// An RDATE period `start/end` or `start/duration`.
    fn period(&mut self, p: &Property<'_>, v: &str, path: &str) -> Option<(Timestamp, Timestamp)> {
        let local = self.local.clone();
        let (a, b) = v.split_once('/')?;
        let start = self.when(p, a, path)?;
        let s = self.instant(&start, &local, p, path)?;
        let end = if b.trim_start().starts_with(['P', '+', '-']) {
            let span = parse_duration(b)?;
            Zoned::new(s, start.zone(&local))
                .checked_add(span)
                .ok()?
                .timestamp()
        } else {
            let end = self.when(p, b, path)?;
            self.instant(&end, &local, p, path)?
        };
        Some((s, end))
    }

    fn bad_rule(&mut self, p: &Property<'_>, path: &str, why: String) {
        let span = self.at_value(p);
        self.errors.push(
            Diagnostic::error(
                codes::ROSTER_BAD_RECURRENCE,
                format!("this recurrence rule cannot be expanded: {why}"),
            )
            .at(
                Some(span),
                format!("{path}.{}", p.name.as_str().to_ascii_uppercase()),
            )
            .label("this rule")
            .hint(
                "an RRULE such as FREQ=WEEKLY;BYDAY=MO,TU;UNTIL=20261231T235959Z (RFC 5545 3.3.10)",
            ),
        );
    }

    /// An RRULE, with its UNTIL put into the wall clock of DTSTART's zone. The bool: it ends
    /// (UNTIL or COUNT).
    fn rule(
        &mut self,
        p: &Property<'_>,
        start: chrono::DateTime<rrule::Tz>,
        zone: &TimeZone,
        path: &str,
    ) -> Option<(rrule::RRule, bool)> {
        // A rule is ASCII (RFC 5545 3.3.10); `rrule` slices its parts by bytes and would panic
        // on a character of more than one.
        if !p.val.as_str().is_ascii() {
            self.bad_rule(
                p,
                path,
                "it has characters a rule cannot have (letters, digits and = ; , + - only)".into(),
            );
            return None;
        }
        let mut parts = Vec::new();
        let mut until = None;
        for part in p.val.as_str().trim().split(';') {
            let Some((k, v)) = part.split_once('=') else {
                parts.push(part);
                continue;
            };
            if k.trim().eq_ignore_ascii_case("UNTIL") {
                let wall = if let Some((t, utc)) = parse_date_time(v.trim()) {
                    if utc {
                        match t.to_zoned(TimeZone::UTC) {
                            Ok(z) => zone.to_datetime(z.timestamp()),
                            Err(_) => {
                                self.bad_rule(p, path, format!("its UNTIL `{v}` is out of range"));
                                return None;
                            }
                        }
                    } else {
                        t
                    }
                } else if let Some(d) = parse_date(v.trim()) {
                    d.to_datetime(jiff::civil::Time::MAX)
                } else {
                    self.bad_rule(
                        p,
                        path,
                        format!("its UNTIL `{v}` is not a date or date and time"),
                    );
                    return None;
                };
                until = Some(wall);
            } else {
                parts.push(part);
            }
        }
        let text = parts.join(";");
        let parsed: rrule::RRule<rrule::Unvalidated> = match text.parse() {
            Ok(r) => r,
            Err(e) => {
                self.bad_rule(p, path, e.to_string());
                return None;
            }
        };
        let bounded = until.is_some() || parsed.get_count().is_some();
        let parsed = match until {
            Some(w) => match to_rrule(w.min(DateTime::MAX)) {
                Some(u) => parsed.until(u),
                None => {
                    self.bad_rule(p, path, "its UNTIL is out of range".into());
                    return None;
                }
            },
            None => parsed,
        };
        match parsed.validate(start) {
            Ok(r) => Some((r, bounded)),
            Err(e) => {
                self.bad_rule(p, path, e.to_string());
                None
            }
        }
    }

    /// Every shift of the roster, in its zone, sorted.
    fn shifts(&mut self, roots: &[Component<'_>], match_: Option<&str>) -> Vec<Shift> {
        let events = events(roots);
        self.choose_zone(roots, &events);
        let needle = match_.map(str::to_lowercase).filter(|m| !m.is_empty());
        let wanted = |summary: &str| {
            needle
                .as_ref()
                .is_none_or(|n| summary.to_lowercase().contains(n.as_str()))
        };
        // Overrides by UID: (RECURRENCE-ID instant, its day, its timing, used).
        struct Override {
            id: Timestamp,
            day: Option<Date>,
            timing: Option<Timing>,
            index: usize,
            used: bool,
        }
        let mut overrides: HashMap<String, Vec<Override>> = HashMap::new();
        let mut masters = Vec::new();
        let mut timed = 0usize;
        let mut utc_at: Option<Span> = None;
        for (index, e) in events.iter().enumerate() {
            let path = format!("VEVENT[{index}]");
            let uid = prop(e, "UID")
                .map(|p| p.val.as_str().trim().to_string())
                .unwrap_or_default();
            if let Some(ps) = prop(e, "DTSTART")
                && utc_at.is_none()
                && ps.val.as_str().trim().ends_with(['Z', 'z'])
            {
                utc_at = Some(self.at_value(ps));
            }
            match prop(e, "RECURRENCE-ID") {
                None => masters.push((index, *e, uid)),
                Some(pr) => {
                    let local = self.local.clone();
                    let Some(w) = self.when(pr, pr.val.as_str(), &path) else {
                        continue;
                    };
                    let day = match w {
                        When::Day(d) => Some(d),
                        _ => None,
                    };
                    let Some(id) = self.instant(&w, &local, pr, &path) else {
                        continue;
                    };
                    let Ok(timing) = self.timing(e, &path) else {
                        continue;
                    };
                    overrides.entry(uid).or_default().push(Override {
                        id,
                        day,
                        timing,
                        index,
                        used: false,
                    });
                }
            }
        }
        let mut occ: Vec<Occurrence> = Vec::new();
        let mut too_many = false;
        for (index, e, uid) in masters {
            let path = format!("VEVENT[{index}]");
            let Ok(timing) = self.timing(e, &path) else {
                continue;
            };
            let Some(t) = timing else { continue };
            timed += 1;
            let Ok(starts) = self.instances(e, &t, &path) else {
                continue;
            };
            let mut ovs = overrides.get_mut(&uid);
            for (s, period_end) in starts {
                // The override for this instance, if any.
                let ov = ovs.as_deref_mut().and_then(|v| {
                    v.iter_mut().find(|o| {
                        !o.used
                            && (o.id == s
                                || o.day.is_some_and(|d| t.zone.to_datetime(s).date() == d))
                    })
                });
                if let Some(o) = ov {
                    o.used = true;
                    if t.cancelled {
                        continue;
                    }
                    let Some(ot) = &o.timing else { continue };
                    if ot.cancelled || !wanted(&ot.summary) {
                        continue;
                    }
                    let length = ot.length.as_ref().or(t.length.as_ref()).cloned();
                    if let Some(end) = self.end_of(ot.start_ts, &length, &ot.zone) {
                        occ.push(Occurrence {
                            start: ot.start_ts,
                            end,
                            label: ot.summary.clone(),
                        });
                    }
                    continue;
                }
                if t.cancelled || !wanted(&t.summary) {
                    continue;
                }
                let end = match period_end {
                    Some(e) => (e > s).then_some(e),
                    None => self.end_of(s, &t.length, &t.zone),
                };
                if let Some(end) = end {
                    occ.push(Occurrence {
                        start: s,
                        end,
                        label: t.summary.clone(),
                    });
                }
            }
            if occ.len() > MAX_SHIFTS {
                too_many = true;
                let span = self.src.line_at(self.span(e.name.as_str()).start);
                self.error(
                    codes::ROSTER_BAD_RECURRENCE,
                    span,
                    path,
                    format!("the roster expands to more than {MAX_SHIFTS} shifts"),
                    "export the roster for the months you need; a roster of a few years has a few thousand shifts",
                );
                break;
            }
        }
        // Overrides that name no instance (or whose master is missing) are events of their own.
        let mut rest: Vec<&Override> = overrides.values().flatten().filter(|o| !o.used).collect();
        rest.sort_by_key(|o| o.index);
        for o in rest {
            if too_many {
                break;
            }
            let Some(ot) = &o.timing else { continue };
            timed += 1;
            if ot.cancelled || !wanted(&ot.summary) {
                continue;
            }
            if let Some(end) = self.end_of(ot.start_ts, &ot.length, &ot.zone) {
                occ.push(Occurrence {
                    start: ot.start_ts,
                    end,
                    label: ot.summary.clone(),
                });
            }
        }
        let local = self.local.clone();
        let mut shifts: Vec<Shift> = occ
            .into_iter()
            .map(|o| {
                let elapsed = o.end.duration_since(o.start);
                let start = local.to_datetime(o.start);
                let mut end = local.to_datetime(o.end);
                // A shift that ends in the hour the clocks repeat, before the clock time it
                // started at (01:30 CDT to 01:10 CST): its end is put after its start, as much
                // after it as the real time.
                if end <= start {
                    end = start.checked_add(elapsed).unwrap_or(DateTime::MAX);
                }
                Shift {
                    start,
                    end,
                    hours: elapsed.as_secs_f64() / 3600.0,
                    label: o.label,
                }
            })
            .collect();
        shifts.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        if self.errors.is_empty() {
            if let Some(span) = utc_at
                && self.local == TimeZone::UTC
                && !shifts.is_empty()
            {
                self.warnings.push(
                    Diagnostic::warning(
                        codes::ROSTER_NO_ZONE,
                        "the roster gives its times in UTC and names no time zone, so its shifts are read in UTC",
                    )
                    .at(Some(span), "")
                    .label("UTC")
                    .hint("export the roster with the ward's time zone (TZID, or X-WR-TIMEZONE in the calendar), or the shifts' hours of the day will be off"),
                );
            }
            if shifts.is_empty() {
                let msg = match (&needle, timed) {
                    (_, 0) => "the roster has no shifts: it has no events with a time of day (all-day events are not shifts)".to_string(),
                    (Some(_), n) => format!(
                        "the roster has no shifts: none of its {n} timed event{} has \"{}\" in its title",
                        if n == 1 { "" } else { "s" },
                        match_.unwrap_or_default()
                    ),
                    (None, _) => "the roster has no shifts: its timed events are cancelled or have no length".to_string(),
                };
                self.warnings.push(
                    Diagnostic::warning(codes::ROSTER_NO_SHIFTS, msg)
                        .at(None, "")
                        .hint("check `match` in [capacity.roster] against the titles the roster gives its shifts"),
                );
            }
        }
        shifts
    }
}

fn has_start(out: &[(Timestamp, Option<Timestamp>)], s: Timestamp) -> bool {
    out.iter().any(|&(t, _)| t == s)
}

/// Whether an (unfolded) line is an RFC 5545 content line: a name of letters, digits and `-`
/// (and `_` or `.`, which some producers write), parameters `;KEY=value[,value]` with values
/// plain or in double quotes, then `:` and the value.
fn content_line_ok(line: &str) -> bool {
    let b = line.as_bytes();
    let name_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.');
    let name = |mut i: usize| {
        let s = i;
        while i < b.len() && name_char(b[i]) {
            i += 1;
        }
        (i > s).then_some(i)
    };
    let Some(mut i) = name(0) else { return false };
    loop {
        match b.get(i) {
            Some(b':') => return true,
            Some(b';') => {
                let Some(j) = name(i + 1) else { return false };
                if b.get(j) != Some(&b'=') {
                    return false;
                }
                i = j + 1;
                loop {
                    if b.get(i) == Some(&b'"') {
                        match b[i + 1..].iter().position(|&c| c == b'"') {
                            Some(k) => i += k + 2,
                            None => return false,
                        }
                    } else {
                        while i < b.len() && !matches!(b[i], b';' | b':' | b',' | b'"') {
                            i += 1;
                        }
                    }
                    if b.get(i) == Some(&b',') {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            _ => return false,
        }
    }
}

/// ` ("Night Shift")`, or nothing for an event without a title.
fn describe(summary: &str) -> String {
    if summary.is_empty() {
        String::new()
    } else {
        format!(" (\"{summary}\")")
    }
}

#[cfg(test)]
mod tests;
