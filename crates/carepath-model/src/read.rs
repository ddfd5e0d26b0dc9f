//! From a value tree to a [`Plan`], collecting every finding with its place and field path.

use crate::codes;
use crate::diag::{Collector, Diagnostic, Severity};
use crate::node::{Node, NodeKind, Span};
use crate::plan::*;
use crate::suggest::did_you_mean;
use jiff::civil::Date;

pub const TOP_FIELDS: &[&str] = &[
    "format",
    "id",
    "title",
    "start",
    "currency",
    "person",
    "capacity",
    "target",
    "goals",
    "milestones",
    "progress",
    "ce",
    "people",
    "$schema",
];
pub const PERSON_FIELDS: &[&str] = &[
    "name",
    "role",
    "region",
    "credentials",
    "values",
    "interests",
    "skills",
    "experience",
];
pub const SKILL_FIELDS: &[&str] = &["name", "level", "target"];
pub const EXPERIENCE_FIELDS: &[&str] = &["role", "setting", "from", "to", "hours_per_week"];
pub const CAPACITY_FIELDS: &[&str] = &[
    "hours_per_week",
    "max_parallel",
    "breaks",
    "max_week_hours",
    "rest_after_night",
    "study_on_shift_days",
    "rotation",
    "roster",
];
pub const ROTATION_FIELDS: &[&str] = &["start", "days", "shifts"];
pub const ROTATION_SHIFT_FIELDS: &[&str] = &["start", "hours"];
pub const ROSTER_FIELDS: &[&str] = &["file", "match"];
pub const BREAK_FIELDS: &[&str] = &["from", "to", "reason"];
pub const TARGET_FIELDS: &[&str] = &["role", "by", "alternatives"];
pub const GOAL_FIELDS: &[&str] = &["id", "title", "due", "horizon", "values", "measure"];
pub const MEASURE_FIELDS: &[&str] = &["metric", "target", "unit", "per_week"];
pub const MILESTONE_FIELDS: &[&str] = &[
    "id",
    "title",
    "kind",
    "goal",
    "after",
    "not_before",
    "duration",
    "effort_hours",
    "due",
    "cost",
    "measure",
    "done",
    "notes",
    "earns",
    "every",
    "until",
    "with",
];
pub const PROGRESS_FIELDS: &[&str] = &["date", "milestone", "amount", "note", "with"];
pub const PEOPLE_FIELDS: &[&str] = &[
    "id",
    "name",
    "relation",
    "role",
    "met",
    "keep_in_touch",
    "note",
];
pub const CREDENTIAL_FIELDS: &[&str] = &["id", "earned", "expires", "jurisdiction", "number"];
pub const CE_FIELDS: &[&str] = &[
    "date",
    "title",
    "hours",
    "category",
    "topics",
    "counts_for",
    "provider",
    "note",
];

/// The largest amount (hours, cost, progress, measure) carepath accepts.
pub const MAX_AMOUNT: f64 = 1e9;

/// The plan format versions this build reads.
pub const FORMATS: &[i64] = &[1];

pub(crate) struct Reader {
    pub diags: Collector,
    pub spans: SpanMap,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A table being read: unknown keys are reported once, up front.
struct Table<'n> {
    node: &'n Node,
    path: String,
}

impl Reader {
    pub fn new() -> Self {
        Reader {
            diags: Collector::default(),
            spans: SpanMap::default(),
        }
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn table<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        what: &str,
        fields: &[&str],
    ) -> Option<Table<'n>> {
        let NodeKind::Table(entries) = &node.kind else {
            self.wrong_type(node, path, &format!("{what} (a table)"));
            return None;
        };
        for (k, _) in entries {
            if fields.contains(&k.name.as_str()) {
                continue;
            }
            if self.diags.is_full() {
                // Nobody reads the 80,001st suggestion: count it only.
                self.diags.count(codes::UNKNOWN_FIELD, Severity::Error);
                continue;
            }
            let p = join(path, &k.name);
            let mut d = Diagnostic::error(
                codes::UNKNOWN_FIELD,
                format!("unknown field `{}` in {what}", k.name),
            )
            .at(Some(k.span.clone()), p)
            .label("not a field of the plan format");
            d = match did_you_mean(&k.name, fields.iter().copied()) {
                Some(s) => d.hint(format!("did you mean `{s}`?")),
                None => d.hint(format!(
                    "the fields of {what} are: {}",
                    fields
                        .iter()
                        .filter(|f| !f.starts_with('$'))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            self.push(d);
        }
        self.spans.insert(path, node.span.clone());
        Some(Table {
            node,
            path: path.to_string(),
        })
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: &str) {
        let found = match &node.kind {
            NodeKind::Str(s) => format!("the text \"{}\"", shorten(s)),
            _ => node.type_name().to_string(),
        };
        let hint = type_hint(expected);
        let mut d = Diagnostic::error(
            codes::WRONG_TYPE,
            format!("`{}` should be {expected}, but it is {found}", last(path)),
        )
        .at(Some(node.span.clone()), path)
        .label(format!("expected {expected}"));
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.push(d);
    }

    fn get<'n>(&mut self, t: &Table<'n>, key: &str) -> Option<(&'n Node, String)> {
        let node = t.node.get(key)?;
        if matches!(node.kind, NodeKind::Null) {
            return None;
        }
        let p = join(&t.path, key);
        self.spans.insert(&p, node.span.clone());
        Some((node, p))
    }

    fn missing(&mut self, t: &Table<'_>, key: &str, what: &str, example: &str) {
        let p = join(&t.path, key);
        // A missing top-level field is about the file as a whole: point at its start.
        let span = if t.path.is_empty() {
            0..0
        } else {
            header_span(t.node)
        };
        let place = if t.path.is_empty() {
            "the plan".to_string()
        } else {
            format!("`{}`", t.path)
        };
        self.push(
            Diagnostic::error(
                codes::MISSING_FIELD,
                format!("{place} is missing the required field `{key}` ({what})"),
            )
            .at(Some(span), p)
            .hint(format!("add it, for example: {example}")),
        );
    }

    fn text(&mut self, t: &Table<'_>, key: &str) -> Option<String> {
        let (node, p) = self.get(t, key)?;
        self.as_text(node, &p)
    }

    fn as_text(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_type(node, path, "text");
                None
            }
        }
    }

    fn req_text(&mut self, t: &Table<'_>, key: &str, what: &str, example: &str) -> Option<String> {
        if t.node
            .get(key)
            .is_none_or(|n| matches!(n.kind, NodeKind::Null))
        {
            self.missing(t, key, what, example);
            return None;
        }
        self.text(t, key)
    }

    fn id(&mut self, t: &Table<'_>, key: &str, what: &str) -> Option<String> {
        let (node, p) = self.get(t, key)?;
        let s = self.as_text(node, &p)?;
        self.check_id(&s, node, &p, what);
        Some(s)
    }

    fn check_id(&mut self, s: &str, node: &Node, path: &str, what: &str) {
        let ok = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            self.push(
                Diagnostic::error(
                    codes::BAD_ID,
                    format!(
                        "the {what} id \"{}\" may use only a-z, 0-9 and -",
                        shorten(s)
                    ),
                )
                .at(Some(node.span.clone()), path)
                .label("not a valid id")
                .hint(format!("try \"{}\"", slug(s))),
            );
        }
    }

    fn date(&mut self, t: &Table<'_>, key: &str) -> Option<Date> {
        let (node, p) = self.get(t, key)?;
        self.as_date(node, &p)
    }

    fn as_date(&mut self, node: &Node, path: &str) -> Option<Date> {
        let raw = match &node.kind {
            NodeKind::Str(s) | NodeKind::DateLit(s) => s.as_str(),
            _ => {
                self.wrong_type(node, path, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match parse_date(raw) {
            Ok(d) => Some(d),
            Err(why) => {
                self.push(
                    Diagnostic::error(
                        codes::BAD_DATE,
                        format!("`{}` is not a valid date: {why}", last(path)),
                    )
                    .at(Some(node.span.clone()), path)
                    .label("not a date")
                    .hint("write an existing calendar day as YYYY-MM-DD, for example 2026-02-28"),
                );
                None
            }
        }
    }

    fn req_date(&mut self, t: &Table<'_>, key: &str, what: &str, example: &str) -> Option<Date> {
        if t.node
            .get(key)
            .is_none_or(|n| matches!(n.kind, NodeKind::Null))
        {
            self.missing(t, key, what, example);
            return None;
        }
        self.date(t, key)
    }

    /// A number that may be a decimal; negative values are refused.
    fn amount(&mut self, t: &Table<'_>, key: &str, what: &str) -> Option<f64> {
        let (node, p) = self.get(t, key)?;
        self.as_amount(node, &p, what)
    }

    fn as_amount(&mut self, node: &Node, path: &str, what: &str) -> Option<f64> {
        let x = match node.kind {
            NodeKind::Int(i) => i as f64,
            NodeKind::Float(f) => f,
            _ => {
                self.wrong_type(node, path, "a number");
                return None;
            }
        };
        if x < 0.0 {
            self.push(
                Diagnostic::error(
                    codes::OUT_OF_RANGE,
                    format!("{what} cannot be negative ({})", fmt_num(x)),
                )
                .at(Some(node.span.clone()), path)
                .label("negative")
                .hint("use 0 or a positive number"),
            );
            return None;
        }
        if x > MAX_AMOUNT {
            self.push(
                Diagnostic::error(
                    codes::OUT_OF_RANGE,
                    format!("{what} of {} is too large to plan with", fmt_num(x)),
                )
                .at(Some(node.span.clone()), path)
                .hint(format!(
                    "check the number; carepath accepts up to {}",
                    crate::numbers::grouped(MAX_AMOUNT)
                )),
            );
            return None;
        }
        Some(x)
    }

    fn int(&mut self, t: &Table<'_>, key: &str) -> Option<(i64, Span, String)> {
        let (node, p) = self.get(t, key)?;
        match node.kind {
            NodeKind::Int(i) => Some((i, node.span.clone(), p)),
            NodeKind::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                Some((f as i64, node.span.clone(), p))
            }
            _ => {
                self.wrong_type(node, &p, "a whole number");
                None
            }
        }
    }

    fn list<'n>(&mut self, t: &Table<'n>, key: &str, what: &str) -> Vec<(&'n Node, String)> {
        let Some((node, p)) = self.get(t, key) else {
            return Vec::new();
        };
        match &node.kind {
            NodeKind::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let ip = format!("{p}[{i}]");
                    self.spans.insert(&ip, n.span.clone());
                    (n, ip)
                })
                .collect(),
            _ => {
                self.wrong_type(node, &p, what);
                Vec::new()
            }
        }
    }

    fn texts(&mut self, t: &Table<'_>, key: &str) -> Vec<String> {
        let items = self.list(
            t,
            key,
            "a list of text, like [\"patient-care\", \"leadership\"]",
        );
        items
            .into_iter()
            .filter_map(|(n, p)| self.as_text(n, &p))
            .collect()
    }

    fn measure(&mut self, t: &Table<'_>, key: &str) -> Option<Measure> {
        let (node, p) = self.get(t, key)?;
        let mt = self.table(node, &p, "a measure", MEASURE_FIELDS)?;
        Some(
            Measure {
                metric: self.text(&mt, "metric"),
                target: self.amount(&mt, "target", "a measure's target"),
                unit: self.text(&mt, "unit"),
                per_week: None,
                per_week_roster: false,
            }
            .with_per_week(self.per_week(&mt)),
        )
    }

    /// `per_week`: a number, or `"roster"` (the shift hours worked).
    fn per_week(&mut self, t: &Table<'_>) -> (Option<f64>, bool) {
        let Some((node, p)) = self.get(t, "per_week") else {
            return (None, false);
        };
        match &node.kind {
            NodeKind::Str(s) if s.trim().eq_ignore_ascii_case("roster") => (None, true),
            NodeKind::Str(_) => {
                self.wrong_type(node, &p, "a number, or \"roster\"");
                (None, false)
            }
            _ => (self.as_amount(node, &p, "a measure's per_week"), false),
        }
    }

    /// A `true` or `false`.
    fn flag(&mut self, t: &Table<'_>, key: &str, default: bool) -> bool {
        let Some((node, p)) = self.get(t, key) else {
            return default;
        };
        match node.kind {
            NodeKind::Bool(b) => b,
            _ => {
                self.wrong_type(node, &p, "true or false");
                default
            }
        }
    }

    fn rotation(&mut self, node: &Node, path: &str) -> Option<Rotation> {
        let t = self.table(node, path, "the rotation", ROTATION_FIELDS)?;
        let start = self.req_date(
            &t,
            "start",
            "the first day of the cycle",
            "start = 2026-01-05",
        );
        let mut shifts: Vec<RotationShift> = Vec::new();
        match self.get(&t, "shifts") {
            None => self.missing(
                &t,
                "shifts",
                "the shifts the days name",
                "shifts = { D = { start = \"07:00\", hours = 12.5 } }",
            ),
            Some((n, p)) => match &n.kind {
                NodeKind::Table(entries) => {
                    for (k, v) in entries {
                        let sp = join(&p, &k.name);
                        let Some(st) = self.table(v, &sp, "a shift", ROTATION_SHIFT_FIELDS) else {
                            continue;
                        };
                        let start = match self.get(&st, "start") {
                            None => {
                                self.missing(
                                    &st,
                                    "start",
                                    "when the shift begins, as HH:MM",
                                    "start = \"07:00\"",
                                );
                                None
                            }
                            Some((sn, spath)) => match &sn.kind {
                                NodeKind::Str(text) => match parse_hh_mm(text) {
                                    Some(m) => Some(m),
                                    None => {
                                        self.push(
                                            Diagnostic::error(
                                                codes::BAD_SHIFT_START,
                                                format!("the shift `{}` starts at \"{}\", which is not a time of day written as HH:MM", k.name, shorten(text)),
                                            )
                                            .at(Some(sn.span.clone()), spath)
                                            .label("not HH:MM")
                                            .hint("write the 24-hour clock time in quotes, for example start = \"07:00\" or \"19:30\""),
                                        );
                                        None
                                    }
                                },
                                _ => {
                                    self.wrong_type(
                                        sn,
                                        &spath,
                                        "a time of day as text, like \"07:00\"",
                                    );
                                    None
                                }
                            },
                        };
                        let hours = match self.get(&st, "hours") {
                            None => {
                                self.missing(&st, "hours", "how long the shift is", "hours = 12.5");
                                None
                            }
                            Some((hn, hpath)) => {
                                let x = match hn.kind {
                                    NodeKind::Int(i) => Some(i as f64),
                                    NodeKind::Float(f) => Some(f),
                                    _ => {
                                        self.wrong_type(hn, &hpath, "a number");
                                        None
                                    }
                                };
                                match x {
                                    Some(h) if h > 0.0 && h <= 24.0 => Some(h),
                                    Some(h) => {
                                        self.push(
                                            Diagnostic::error(
                                                codes::SHIFT_HOURS,
                                                format!("the shift `{}` lasts {} hours; a shift lasts more than 0 and at most 24 hours", k.name, fmt_num(h)),
                                            )
                                            .at(Some(hn.span.clone()), hpath)
                                            .label(if h <= 0.0 { "not more than 0" } else { "over 24 hours" })
                                            .hint("write the hours of one shift, for example hours = 12.5; two shifts in a row are two days of the rotation"),
                                        );
                                        None
                                    }
                                    None => None,
                                }
                            }
                        };
                        if let (Some(start_minute), Some(hours)) = (start, hours) {
                            shifts.push(RotationShift {
                                code: k.name.clone(),
                                start_minute,
                                hours,
                            });
                        } else {
                            // Kept, so that the days naming it are not reported as unknown too.
                            shifts.push(RotationShift {
                                code: k.name.clone(),
                                start_minute: 0,
                                hours: 0.0,
                            });
                        }
                    }
                }
                _ => self.wrong_type(
                    n,
                    &p,
                    "a table of shifts, like { D = { start = \"07:00\", hours = 12.5 } }",
                ),
            },
        }
        let codes_known: Vec<String> = shifts.iter().map(|s| s.code.clone()).collect();
        let mut days = Vec::new();
        let day_nodes = if t.node.get("days").is_none() {
            self.missing(
                &t,
                "days",
                "one entry per day of the cycle, a shift or \"-\" for off",
                "days = [\"D\", \"D\", \"-\", \"-\", \"N\", \"N\", \"-\"]",
            );
            Vec::new()
        } else {
            self.list(
                &t,
                "days",
                "a list of shift names and \"-\", like [\"D\", \"-\", \"N\"]",
            )
        };
        if let Some(n) = t
            .node
            .get("days")
            .filter(|n| matches!(&n.kind, NodeKind::Array(a) if a.is_empty()))
        {
            self.push(
                Diagnostic::error(codes::OUT_OF_RANGE, "the rotation's `days` is empty")
                    .at(Some(n.span.clone()), join(&t.path, "days"))
                    .label("no days")
                    .hint("list one entry per day of the cycle: a shift's name, or \"-\" for a day off"),
            );
        }
        for (n, p) in day_nodes {
            let Some(d) = self.as_text(n, &p) else {
                days.push(None);
                continue;
            };
            if d == "-" {
                days.push(None);
                continue;
            }
            match codes_known.iter().position(|c| *c == d) {
                Some(i) => days.push(Some(i)),
                None => {
                    let hint = match did_you_mean(&d, codes_known.iter().map(String::as_str)) {
                        Some(s) => format!("did you mean \"{s}\"? Each day is a shift of `shifts` or \"-\" for a day off"),
                        None if codes_known.is_empty() => "add the shift to `shifts`, for example D = { start = \"07:00\", hours = 12.5 }, or write \"-\" for a day off".to_string(),
                        None => format!("each day is a shift of `shifts` ({}) or \"-\" for a day off", codes_known.join(", ")),
                    };
                    self.push(
                        Diagnostic::error(
                            codes::ROTATION_UNKNOWN_SHIFT,
                            format!(
                                "the rotation names the shift \"{}\", which is not in its `shifts`",
                                shorten(&d)
                            ),
                        )
                        .at(Some(n.span.clone()), p)
                        .label("unknown shift")
                        .hint(hint),
                    );
                    days.push(None);
                }
            }
        }
        Some(Rotation {
            start: start?,
            days,
            shifts,
        })
    }

    fn roster_file(&mut self, node: &Node, path: &str) -> Option<RosterFile> {
        let t = self.table(node, path, "the roster", ROSTER_FIELDS)?;
        let file = self.req_text(
            &t,
            "file",
            "the iCalendar file, relative to the plan",
            "file = \"shifts.ics\"",
        );
        let match_ = self.text(&t, "match");
        Some(RosterFile {
            file: file?,
            match_,
        })
    }

    pub fn plan(&mut self, root: &Node) -> Option<Plan> {
        let t = self.table(root, "", "the plan", TOP_FIELDS)?;
        let format = match self.int(&t, "format") {
            None => {
                if t.node.get("format").is_none() {
                    self.missing(&t, "format", "the format version", "format = 1");
                }
                None
            }
            Some((f, span, p)) if !FORMATS.contains(&f) => {
                self.push(
                    Diagnostic::error(codes::UNSUPPORTED_FORMAT, format!("this plan is format {f}, but this version of carepath reads format 1 only"))
                        .at(Some(span), p)
                        .label("unsupported format")
                        .hint("write `format = 1` and the fields of docs/plan-format.md, or install a newer carepath"),
                );
                None
            }
            Some((f, ..)) => Some(f as u32),
        };
        let id = self.id(&t, "id", "plan");
        let title = self.req_text(
            &t,
            "title",
            "a short name for the plan",
            "title = \"Bedside RN to nurse practitioner\"",
        );
        let start = self.req_date(&t, "start", "the day the plan begins", "start = 2026-01-05");
        let currency = self.text(&t, "currency");

        let person = match self.get(&t, "person") {
            Some((n, p)) => self.person(n, &p),
            None => {
                self.missing(
                    &t,
                    "person",
                    "who the plan is for",
                    "[person] name = \"Zoë Nguyễn\"",
                );
                None
            }
        };
        let capacity = match self.get(&t, "capacity") {
            Some((n, p)) => self.capacity(n, &p),
            None => Some(Capacity::default()),
        };
        let target = match self.get(&t, "target") {
            Some((n, p)) => self.target(n, &p),
            None => None,
        };
        let goals: Vec<Goal> = self
            .list(&t, "goals", "a list of goals ([[goals]] tables)")
            .into_iter()
            .filter_map(|(n, p)| self.goal(n, &p))
            .collect();
        let milestones: Vec<Milestone> = self
            .list(
                &t,
                "milestones",
                "a list of milestones ([[milestones]] tables)",
            )
            .into_iter()
            .filter_map(|(n, p)| self.milestone(n, &p))
            .collect();
        let progress: Vec<ProgressEntry> = self
            .list(
                &t,
                "progress",
                "a list of progress entries ([[progress]] tables)",
            )
            .into_iter()
            .filter_map(|(n, p)| self.progress(n, &p))
            .collect();
        let ce: Vec<CeEntry> = self
            .list(&t, "ce", "a list of CE activities ([[ce]] tables)")
            .into_iter()
            .map(|(n, p)| self.ce(n, &p).unwrap_or_else(CeEntry::placeholder))
            .collect();
        let people: Vec<Contact> = self
            .list(&t, "people", "a list of people ([[people]] tables)")
            .into_iter()
            .filter_map(|(n, p)| self.contact(n, &p))
            .collect();

        // Fields that failed are reported already; defaults let the checks of the whole plan run
        // too, so one run shows every finding. The plan is not trusted until no error is left.
        Some(Plan {
            format: format.unwrap_or(1),
            id,
            title: title.unwrap_or_default(),
            start: start.unwrap_or(Date::constant(1900, 1, 1)),
            currency,
            person: person.unwrap_or_default(),
            capacity: capacity.unwrap_or_default(),
            target,
            goals,
            milestones,
            progress,
            ce,
            people,
            spans: Default::default(),
        })
    }

    fn person(&mut self, node: &Node, path: &str) -> Option<Person> {
        let t = self.table(node, path, "the person", PERSON_FIELDS)?;
        let name = self.req_text(&t, "name", "the person's name", "name = \"Zoë Nguyễn\"");
        let role = self.text(&t, "role");
        let region = self.text(&t, "region");
        let credentials = self
            .list(
                &t,
                "credentials",
                "a list of text, like [\"patient-care\", \"leadership\"]",
            )
            .into_iter()
            .map(|(n, p)| {
                self.held_credential(n, &p)
                    .unwrap_or_else(|| HeldCredential::new(""))
            })
            .collect();
        let values = self.texts(&t, "values");
        let interests = self.texts(&t, "interests");
        let skills = self
            .list(&t, "skills", "a list of skills ([[person.skills]] tables)")
            .into_iter()
            .filter_map(|(n, p)| {
                let st = self.table(n, &p, "a skill", SKILL_FIELDS)?;
                let name =
                    self.req_text(&st, "name", "what the skill is", "name = \"IV insertion\"");
                let level = match self.int(&st, "level") {
                    Some(l) => self.level(l),
                    None => {
                        if st.node.get("level").is_none() {
                            self.missing(&st, "level", "your level from 1 to 5", "level = 3");
                        }
                        None
                    }
                };
                let target = match self.int(&st, "target") {
                    Some(l) => Some(self.level(l)?),
                    None => None,
                };
                Some(Skill {
                    name: name?,
                    level: level?,
                    target,
                })
            })
            .collect();
        let experience = self
            .list(
                &t,
                "experience",
                "a list of experience ([[person.experience]] tables)",
            )
            .into_iter()
            .filter_map(|(n, p)| {
                let et = self.table(n, &p, "an experience entry", EXPERIENCE_FIELDS)?;
                let role =
                    self.req_text(&et, "role", "the role held", "role = \"registered-nurse\"");
                let setting = self.text(&et, "setting");
                let from = self.req_date(&et, "from", "when it began", "from = 2021-07-01");
                let to = self.date(&et, "to");
                let hours_per_week = self.amount(&et, "hours_per_week", "hours a week");
                Some(Experience {
                    role: role?,
                    setting,
                    from: from?,
                    to,
                    hours_per_week,
                })
            })
            .collect();
        Some(Person {
            name: name.unwrap_or_default(),
            role,
            region,
            credentials,
            values,
            interests,
            skills,
            experience,
        })
    }

    fn level(&mut self, (l, span, path): (i64, Span, String)) -> Option<u8> {
        if (1..=5).contains(&l) {
            return Some(l as u8);
        }
        self.push(
            Diagnostic::error(
                codes::SKILL_LEVEL,
                format!("a skill level is 1 to 5, but this one is {l}"),
            )
            .at(Some(span), path)
            .label("outside 1..5")
            .hint("1 = beginner, 3 = competent, 5 = expert; self-assessed"),
        );
        None
    }

    fn capacity(&mut self, node: &Node, path: &str) -> Option<Capacity> {
        let t = self.table(node, path, "the capacity", CAPACITY_FIELDS)?;
        let hours_per_week = self
            .amount(&t, "hours_per_week", "hours a week")
            .unwrap_or(0.0);
        let max_parallel = match self.int(&t, "max_parallel") {
            Some((n, _, _)) if (1..=1000).contains(&n) => n as u32,
            Some((n, span, p)) => {
                self.push(
                    Diagnostic::error(
                        codes::OUT_OF_RANGE,
                        format!("`max_parallel` must be at least 1, but it is {n}"),
                    )
                    .at(Some(span), p)
                    .hint("how many milestones you work on at once: 1, 2 or 3 is typical"),
                );
                2
            }
            None => 2,
        };
        let breaks = self
            .list(
                &t,
                "breaks",
                "a list of breaks ([[capacity.breaks]] tables)",
            )
            .into_iter()
            .filter_map(|(n, p)| {
                let bt = self.table(n, &p, "a break", BREAK_FIELDS)?;
                let from = self.req_date(
                    &bt,
                    "from",
                    "the first day of the break",
                    "from = 2026-07-01",
                );
                let to = self.req_date(&bt, "to", "the last day of the break", "to = 2026-07-21");
                let reason = self.text(&bt, "reason");
                Some(Break {
                    from: from?,
                    to: to?,
                    reason,
                })
            })
            .collect();
        let max_week_hours = self.amount(&t, "max_week_hours", "max_week_hours");
        let rest_after_night = self.flag(&t, "rest_after_night", true);
        let study_on_shift_days = self.flag(&t, "study_on_shift_days", false);
        let rotation = match self.get(&t, "rotation") {
            Some((n, p)) => self.rotation(n, &p),
            None => None,
        };
        let roster = match self.get(&t, "roster") {
            Some((n, p)) => self.roster_file(n, &p),
            None => None,
        };
        Some(Capacity {
            hours_per_week,
            max_parallel,
            breaks,
            max_week_hours,
            rest_after_night,
            study_on_shift_days,
            rotation,
            roster,
        })
    }

    fn target(&mut self, node: &Node, path: &str) -> Option<Target> {
        let t = self.table(node, path, "the target", TARGET_FIELDS)?;
        let role = self.req_text(
            &t,
            "role",
            "the role you aim at",
            "role = \"nurse-practitioner\"",
        );
        let by = self.req_date(&t, "by", "when you want to get there", "by = 2031-06-30");
        let alternatives = self.texts(&t, "alternatives");
        Some(Target {
            role: role?,
            by: by?,
            alternatives,
        })
    }

    fn goal(&mut self, node: &Node, path: &str) -> Option<Goal> {
        let t = self.table(node, path, "a goal", GOAL_FIELDS)?;
        let id = if t.node.get("id").is_none() {
            self.missing(&t, "id", "a short unique id", "id = \"ccrn\"");
            None
        } else {
            self.id(&t, "id", "goal")
        };
        let title = self.req_text(
            &t,
            "title",
            "what the goal is",
            "title = \"Earn the CCRN certification\"",
        );
        let due = self.date(&t, "due");
        let horizon = match self.get(&t, "horizon") {
            Some((n, p)) => match self.as_text(n, &p).as_deref() {
                Some("short") => Some(Horizon::Short),
                Some("long") => Some(Horizon::Long),
                Some(other) => {
                    self.push(
                        Diagnostic::error(
                            codes::UNKNOWN_KIND,
                            format!(
                                "the horizon \"{}\" is not one carepath knows",
                                shorten(other)
                            ),
                        )
                        .at(Some(n.span.clone()), p)
                        .hint("a horizon is \"short\" or \"long\""),
                    );
                    None
                }
                None => None,
            },
            None => None,
        };
        let values = self.texts(&t, "values");
        let measure = self.measure(&t, "measure");
        Some(Goal {
            id: id?,
            title: title.unwrap_or_default(),
            due,
            horizon,
            values,
            measure,
        })
    }

    fn milestone(&mut self, node: &Node, path: &str) -> Option<Milestone> {
        let t = self.table(node, path, "a milestone", MILESTONE_FIELDS)?;
        let id = if t.node.get("id").is_none() {
            self.missing(&t, "id", "a short unique id", "id = \"ccrn-exam\"");
            None
        } else {
            self.id(&t, "id", "milestone")
        };
        let title = self.req_text(
            &t,
            "title",
            "what the milestone is",
            "title = \"Pass the CCRN exam\"",
        );
        let kind = match self.get(&t, "kind") {
            None => {
                self.missing(&t, "kind", "what sort of step it is", "kind = \"exam\"");
                None
            }
            Some((n, p)) => match self.as_text(n, &p) {
                Some(k) => match Kind::parse(&k) {
                    Some(kind) => Some(kind),
                    None => {
                        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                        let hint = match did_you_mean(&k, all.iter().copied()) {
                            Some(s) => {
                                format!("did you mean \"{s}\"? The kinds are: {}", all.join(", "))
                            }
                            None => format!("the kinds are: {}", all.join(", ")),
                        };
                        self.push(
                            Diagnostic::error(
                                codes::UNKNOWN_KIND,
                                format!("\"{}\" is not a milestone kind", shorten(&k)),
                            )
                            .at(Some(n.span.clone()), p)
                            .label("unknown kind")
                            .hint(hint),
                        );
                        None
                    }
                },
                None => None,
            },
        };
        let goal = self.text(&t, "goal");
        let after = self
            .list(
                &t,
                "after",
                "a list of milestone ids, like [\"icu-transfer\"]",
            )
            .into_iter()
            .filter_map(|(n, p)| self.as_text(n, &p))
            .collect();
        let not_before = self.date(&t, "not_before");
        let duration = match self.get(&t, "duration") {
            Some((n, p)) => match self.as_text(n, &p) {
                Some(s) => match Duration::parse(&s) {
                    Some(d) => Some(d),
                    None => {
                        self.push(
                            Diagnostic::error(codes::BAD_DURATION, format!("\"{}\" is not a duration carepath understands", shorten(&s)))
                                .at(Some(n.span.clone()), p)
                                .label("not a duration")
                                .hint("write a whole number and a unit: \"10 days\", \"6 weeks\", \"18 months\", \"2 years\""),
                        );
                        None
                    }
                },
                None => None,
            },
            None => None,
        };
        let effort_hours = self
            .amount(&t, "effort_hours", "effort_hours")
            .unwrap_or(0.0);
        let due = self.date(&t, "due");
        let cost = self.amount(&t, "cost", "a cost");
        let measure = self.measure(&t, "measure");
        let done = self.date(&t, "done");
        let notes = self.text(&t, "notes");
        let earns = self.text(&t, "earns");
        let every = self.every(&t, "every", codes::BAD_EVERY, "how often it repeats");
        if every.is_some() {
            for (key, what) in [
                ("duration", "a duration"),
                ("measure", "a measure"),
                ("done", "a done date"),
            ] {
                if let Some(n) = t.node.get(key) {
                    let p = join(&t.path, key);
                    self.push(
                        Diagnostic::error(
                            codes::EVERY_WITH_ONE_OFF,
                            format!("a recurring milestone (`every`) has no {key}: each occurrence is done when it is logged"),
                        )
                        .at(Some(n.span.clone()), p)
                        .label(format!("{what} on a recurring milestone"))
                        .hint(format!("remove `{key}`; give each occurrence its `effort_hours`, and log each one (`carepath log PLAN ID 1 --date D`)")),
                    );
                }
            }
        }
        let until = self.date(&t, "until");
        let with = self.texts(&t, "with");
        Some(Milestone {
            id: id?,
            title: title.unwrap_or_default(),
            kind: kind.unwrap_or(Kind::Other),
            goal,
            after,
            not_before,
            duration,
            effort_hours,
            due,
            cost,
            measure,
            done,
            notes,
            earns,
            every,
            until,
            with,
        })
    }

    /// A repeat or contact interval: a duration of at least one day (`"2 weeks"`, `"1 month"`).
    fn every(
        &mut self,
        t: &Table<'_>,
        key: &str,
        code: &'static str,
        what: &str,
    ) -> Option<Duration> {
        let (n, p) = self.get(t, key)?;
        let s = self.as_text(n, &p)?;
        match Duration::parse(&s) {
            Some(d) if d.amount > 0 => Some(d),
            _ => {
                self.push(
                    Diagnostic::error(
                        code,
                        format!("`{key}` is \"{}\", which is not a duration ({what})", shorten(&s)),
                    )
                    .at(Some(n.span.clone()), p)
                    .label("not a duration")
                    .hint("write a whole number above 0 and a unit: \"2 weeks\", \"1 month\", \"3 months\", \"1 year\""),
                );
                None
            }
        }
    }

    /// One person of the network (`[[people]]`).
    fn contact(&mut self, node: &Node, path: &str) -> Option<Contact> {
        let t = self.table(node, path, "a person of the network", PEOPLE_FIELDS)?;
        let id = if t.node.get("id").is_none() {
            self.missing(&t, "id", "a short unique id", "id = \"sam-lee\"");
            None
        } else {
            self.id(&t, "id", "person")
        };
        let name = self.req_text(&t, "name", "who the person is", "name = \"Sam Lee, ACNP\"");
        let relation = match self.get(&t, "relation") {
            None => {
                self.missing(&t, "relation", "how you know them", "relation = \"mentor\"");
                None
            }
            Some((n, p)) => match self.as_text(n, &p) {
                Some(r) => match Relation::parse(&r) {
                    Some(r) => Some(r),
                    None => {
                        let all: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
                        let hint = match did_you_mean(&r, all.iter().copied()) {
                            Some(s) => format!(
                                "did you mean \"{s}\"? The relations are: {}",
                                all.join(", ")
                            ),
                            None => format!("the relations are: {}", all.join(", ")),
                        };
                        self.push(
                            Diagnostic::error(
                                codes::UNKNOWN_RELATION,
                                format!("\"{}\" is not a relation carepath knows", shorten(&r)),
                            )
                            .at(Some(n.span.clone()), p)
                            .label("unknown relation")
                            .hint(hint),
                        );
                        None
                    }
                },
                None => None,
            },
        };
        let role = self.text(&t, "role");
        let met = self.date(&t, "met");
        let keep_in_touch = self.every(
            &t,
            "keep_in_touch",
            codes::BAD_KEEP_IN_TOUCH,
            "how often to be in contact",
        );
        let note = self.text(&t, "note");
        Some(Contact {
            id: id?,
            name: name.unwrap_or_default(),
            relation: relation.unwrap_or(Relation::Contact),
            role,
            met,
            keep_in_touch,
            note,
        })
    }

    /// A held credential: its id as text, or a table (`{ id = "bls", earned = 2025-03-14 }`).
    fn held_credential(&mut self, node: &Node, path: &str) -> Option<HeldCredential> {
        if !matches!(node.kind, NodeKind::Table(_)) {
            return self.as_text(node, path).map(HeldCredential::new);
        }
        let t = self.table(node, path, "a credential", CREDENTIAL_FIELDS)?;
        let id = self.req_text(&t, "id", "which credential it is", "id = \"rn-license\"");
        let earned = self.date(&t, "earned");
        let expires = self.date(&t, "expires");
        let jurisdiction = match self.get(&t, "jurisdiction") {
            Some((n, p)) => match self.as_text(n, &p) {
                Some(j) if is_iso3166(&j) => Some(j),
                Some(j) => {
                    let hint = match iso3166_guess(&j) {
                        Some(g) => format!("did you mean \"{g}\"? A jurisdiction is an ISO 3166 code: a country (\"GB\") or a country and subdivision (\"US-CA\", \"CA-ON\")"),
                        None => "a jurisdiction is an ISO 3166 code: a country (\"GB\") or a country and subdivision (\"US-CA\", \"CA-ON\")".to_string(),
                    };
                    self.push(
                        Diagnostic::error(
                            codes::BAD_JURISDICTION,
                            format!("\"{}\" is not an ISO 3166 code", shorten(&j)),
                        )
                        .at(Some(n.span.clone()), p)
                        .label("not an ISO 3166 code")
                        .hint(hint),
                    );
                    None
                }
                None => None,
            },
            None => None,
        };
        let number = self.text(&t, "number");
        Some(HeldCredential {
            id: id.unwrap_or_default(),
            earned,
            expires,
            jurisdiction,
            number,
        })
    }

    fn ce(&mut self, node: &Node, path: &str) -> Option<CeEntry> {
        let t = self.table(node, path, "a CE activity", CE_FIELDS)?;
        let date = self.req_date(&t, "date", "the day of the activity", "date = 2026-02-10");
        let title = self.req_text(
            &t,
            "title",
            "what the activity was",
            "title = \"Sepsis bundle update\"",
        );
        let hours = match self.get(&t, "hours") {
            None => {
                self.missing(&t, "hours", "the contact hours it gave", "hours = 2.0");
                None
            }
            Some((n, p)) => match n.kind {
                NodeKind::Int(i) if i <= 0 => {
                    self.ce_hours_not_positive(n, &p, i as f64);
                    None
                }
                NodeKind::Float(f) if f <= 0.0 => {
                    self.ce_hours_not_positive(n, &p, f);
                    None
                }
                _ => self.as_amount(n, &p, "CE hours"),
            },
        };
        let category = self.text(&t, "category");
        let mut topics = Vec::new();
        if let Some((n, p)) = self.get(&t, "topics") {
            match &n.kind {
                NodeKind::Table(entries) => {
                    for (k, v) in entries {
                        let tp = join(&p, &k.name);
                        self.spans.insert(&tp, v.span.clone());
                        if let Some(h) = self.as_amount(v, &tp, "a topic's hours") {
                            topics.push((k.name.clone(), h, v.span.clone(), tp));
                        }
                    }
                }
                _ => self.wrong_type(n, &p, "a table of topic hours, like { pharmacology = 0.5 }"),
            }
        }
        if let Some(h) = hours {
            let mut sum = 0.0;
            let mut over = false;
            for (name, th, span, tp) in &topics {
                sum += th;
                if *th > h {
                    over = true;
                    self.push(
                        Diagnostic::error(
                            codes::CE_TOPIC_HOURS,
                            format!(
                                "the topic `{name}` has {} hours, more than the activity's {} hours",
                                fmt_num(*th),
                                fmt_num(h)
                            ),
                        )
                        .at(Some(span.clone()), tp.clone())
                        .label("over the activity's hours")
                        .hint("topic hours are part of `hours`, not extra: lower the topic's hours or raise `hours`"),
                    );
                }
            }
            if !over && sum > h + 1e-9 {
                let (_, _, span, _) = &topics[topics.len() - 1];
                let tp = join(&t.path, "topics");
                let span = t
                    .node
                    .get("topics")
                    .map_or(span.clone(), |n| n.span.clone());
                self.push(
                    Diagnostic::error(
                        codes::CE_TOPIC_HOURS,
                        format!(
                            "the topics add up to {} hours, more than the activity's {} hours",
                            fmt_num((sum * 1e6).round() / 1e6),
                            fmt_num(h)
                        ),
                    )
                    .at(Some(span), tp)
                    .label("more than `hours`")
                    .hint("topic hours are part of `hours`, not extra: lower the topics' hours or raise `hours`"),
                );
            }
        }
        let counts_for = self
            .list(
                &t,
                "counts_for",
                "a list of credential ids, like [\"ccrn\", \"rn-license\"]",
            )
            .into_iter()
            .filter_map(|(n, p)| self.as_text(n, &p))
            .collect();
        let provider = self.text(&t, "provider");
        let note = self.text(&t, "note");
        Some(CeEntry {
            date: date.unwrap_or(Date::constant(1900, 1, 1)),
            title: title.unwrap_or_default(),
            hours: hours.unwrap_or(0.0),
            category,
            topics: topics.into_iter().map(|(k, h, ..)| (k, h)).collect(),
            counts_for,
            provider,
            note,
        })
    }

    fn ce_hours_not_positive(&mut self, node: &Node, path: &str, x: f64) {
        self.push(
            Diagnostic::error(
                codes::CE_HOURS,
                format!(
                    "a CE activity's hours must be more than 0, but they are {}",
                    fmt_num(x)
                ),
            )
            .at(Some(node.span.clone()), path)
            .label("not more than 0")
            .hint("write the contact hours the certificate shows, for example hours = 1.5"),
        );
    }

    fn progress(&mut self, node: &Node, path: &str) -> Option<ProgressEntry> {
        let t = self.table(node, path, "a progress entry", PROGRESS_FIELDS)?;
        let date = self.req_date(&t, "date", "the day of the work", "date = 2026-05-31");
        let milestone = self.req_text(
            &t,
            "milestone",
            "which milestone it counts for",
            "milestone = \"icu-hours\"",
        );
        let amount = if t.node.get("amount").is_none() {
            self.missing(&t, "amount", "how much was done", "amount = 12");
            None
        } else {
            self.amount(&t, "amount", "a progress amount")
        };
        let note = self.text(&t, "note");
        let with = self.texts(&t, "with");
        Some(ProgressEntry {
            date: date?,
            milestone: milestone?,
            amount: amount?,
            note,
            with,
        })
    }
}

/// An ISO 3166 shape: two capital letters (ISO 3166-1), optionally `-` and one to three capital
/// letters or digits (ISO 3166-2): `GB`, `US-CA`, `CA-ON`, `FR-75`.
pub fn is_iso3166(s: &str) -> bool {
    let (country, sub) = match s.split_once('-') {
        Some((c, r)) => (c, Some(r)),
        None => (s, None),
    };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && sub.is_none_or(|r| {
            (1..=3).contains(&r.len())
                && r.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

/// `us-ca` or `US_CA` written as the code it probably means.
fn iso3166_guess(s: &str) -> Option<String> {
    let g = s.trim().to_ascii_uppercase().replace(['_', ' '], "-");
    is_iso3166(&g).then_some(g)
}

/// Where to point when a table lacks a field: its first line.
fn header_span(node: &Node) -> Span {
    node.span.start..node.span.start + 1
}

fn last(path: &str) -> &str {
    let p = path.rsplit('.').next().unwrap_or(path);
    if p.is_empty() { "the value" } else { p }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A value quoted in a message, exactly as given (see [`crate::numbers::exact`]).
pub(crate) fn fmt_num(x: f64) -> String {
    crate::numbers::exact(x)
}

fn type_hint(expected: &str) -> Option<String> {
    if expected.starts_with("a number") || expected.starts_with("a whole number") {
        Some("write the number without quotes, for example 10 or 12.5".into())
    } else if expected == "text" {
        Some("put text in double quotes, for example \"Pass the CCRN exam\"".into())
    } else if expected.starts_with("a date") {
        Some("write dates as YYYY-MM-DD, for example 2027-09-30".into())
    } else if expected.starts_with("a list") {
        Some(format!("write {expected}"))
    } else {
        None
    }
}

impl Measure {
    fn with_per_week(mut self, (per_week, roster): (Option<f64>, bool)) -> Measure {
        self.per_week = per_week;
        self.per_week_roster = roster;
        self
    }
}

/// `HH:MM` on the 24-hour clock (`07:00`, `19:30`; `7:00` too) as minutes after midnight.
pub fn parse_hh_mm(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Parses YYYY-MM-DD, explaining what is wrong with a date that does not exist.
pub fn parse_date(raw: &str) -> Result<Date, String> {
    let b = raw.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        if raw.len() > 10 && raw.is_char_boundary(10) && parse_date(&raw[..10]).is_ok() {
            return Err(format!(
                "\"{}\" has a time of day; carepath plans whole days",
                shorten(raw)
            ));
        }
        return Err(format!("\"{}\" is not written as YYYY-MM-DD", shorten(raw)));
    }
    let year: i16 = raw[0..4].parse().map_err(|_| "bad year".to_string())?;
    let month: i8 = raw[5..7].parse().map_err(|_| "bad month".to_string())?;
    let day: i8 = raw[8..10].parse().map_err(|_| "bad day".to_string())?;
    if !(1..=12).contains(&month) {
        return Err(format!("{raw} has month {month}; months run from 01 to 12"));
    }
    if !(1900..=2200).contains(&year) {
        return Err(format!(
            "{raw} is outside the years carepath plans (1900 to 2200)"
        ));
    }
    Date::new(year, month, day).map_err(|_| {
        let days = Date::new(year, month, 1)
            .map(|d| d.days_in_month())
            .unwrap_or(31);
        let name = MONTHS[(month - 1) as usize];
        format!("{name} {year} has {days} days")
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
