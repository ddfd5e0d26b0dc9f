//! The edit forms: every part of the plan as a list of fields, each named by its path in the plan
//! (`milestones[3].due`), the same path `carepath check` gives with a finding, so a finding is
//! shown at the field that caused it.
//!
//! A posted form is compared with the plan as it is on disk, field by field; only the fields the
//! person changed become [`Change`]s, so the bytes of everything else stay as they were.

use std::fmt::Write as _;

use carepath_catalog::Catalog;
use carepath_model::edit::fields::{Change, Value};
use carepath_model::node::{Node, NodeKind};
use carepath_model::{Format, Kind};

use crate::site::esc;

/// What a field holds and how it is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    LongText,
    /// A whole or decimal number, typed (what is not a number reaches `check`, which says so).
    Number,
    Date,
    /// yes / no / not set.
    YesNo,
    /// A list of text, one entry a line in a textarea (an entry may itself hold a comma).
    Words,
    /// Short codes separated by spaces (a rotation's days: `- - D D N N -`).
    Codes,
    /// A rotation's named shifts, one a line: `D 07:00 12.5` (code, start, hours); each line
    /// becomes `D = { start = "07:00", hours = 12.5 }`.
    Shifts,
    Choice(Options),
    /// Several of a list, as checkboxes.
    Many(Options),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Options {
    Roles,
    Credentials,
    Kinds,
    Horizons,
    Goals,
    /// The plan's milestones other than the one being edited.
    Milestones,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key, or a dotted path inside the item (`measure.target`).
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub hint: &'static str,
}

const fn f(key: &'static str, label: &'static str, kind: FieldKind, hint: &'static str) -> Field {
    Field {
        key,
        label,
        kind,
        hint,
    }
}

use FieldKind as K;

/// A part of the plan with its own form: a table of fields (`list: false`) or a list of items.
#[derive(Debug)]
pub struct Part {
    pub slug: &'static str,
    pub title: &'static str,
    /// One item's name ("milestone").
    pub item: &'static str,
    /// The path in the plan: `""` for the top level, `person`, `milestones`.
    pub path: &'static str,
    pub list: bool,
    pub fields: &'static [Field],
    pub intro: &'static str,
}

pub const PARTS: &[Part] = &[
    Part {
        slug: "plan",
        title: "The plan",
        item: "plan",
        path: "",
        list: false,
        intro: "The plan's title, when it starts, and the currency of its costs.",
        fields: &[
            f("title", "Title", K::Text, ""),
            f(
                "start",
                "Start",
                K::Date,
                "The first day the plan schedules work on.",
            ),
            f(
                "currency",
                "Currency",
                K::Text,
                "Three letters, such as USD, CAD or GBP.",
            ),
        ],
    },
    Part {
        slug: "profile",
        title: "Profile",
        item: "profile",
        path: "person",
        list: false,
        intro: "Who you are and what drives you. Your name stays on this computer unless you export it.",
        fields: &[
            f("name", "Name", K::Text, ""),
            f("role", "Current role", K::Choice(Options::Roles), ""),
            f(
                "region",
                "Region",
                K::Text,
                "A country, or country and state: US, US-CA, CA-ON, GB.",
            ),
            f("values", "Values", K::Words, "What drives you, one a line."),
            f(
                "interests",
                "Interests",
                K::Words,
                "What you like to work on, one a line.",
            ),
        ],
    },
    Part {
        slug: "credentials",
        title: "Credentials",
        item: "credential",
        path: "person.credentials",
        list: true,
        intro: "The licenses, certifications and degrees you hold, with their dates.",
        fields: &[
            f("id", "Credential", K::Choice(Options::Credentials), ""),
            f("earned", "Earned", K::Date, ""),
            f("expires", "Expires", K::Date, ""),
            f(
                "jurisdiction",
                "Jurisdiction",
                K::Text,
                "Where a license was issued, such as US-CA.",
            ),
            f(
                "number",
                "Number",
                K::Text,
                "For your records only: never exported.",
            ),
        ],
    },
    Part {
        slug: "skills",
        title: "Skills",
        item: "skill",
        path: "person.skills",
        list: true,
        intro: "Skills with your level now and the level you aim for (1 = beginner, 5 = expert).",
        fields: &[
            f("name", "Skill", K::Text, ""),
            f("level", "Level now", K::Number, "1 to 5."),
            f(
                "target",
                "Target level",
                K::Number,
                "1 to 5; leave empty when you are happy where you are.",
            ),
        ],
    },
    Part {
        slug: "experience",
        title: "Experience",
        item: "job",
        path: "person.experience",
        list: true,
        intro: "The roles you have worked in.",
        fields: &[
            f("role", "Role", K::Choice(Options::Roles), ""),
            f(
                "setting",
                "Setting",
                K::Text,
                "The unit or place, such as med-surg, 5 West.",
            ),
            f("from", "From", K::Date, ""),
            f("to", "To", K::Date, "Leave empty if you still work there."),
            f("hours_per_week", "Hours a week", K::Number, ""),
        ],
    },
    Part {
        slug: "capacity",
        title: "Capacity",
        item: "capacity",
        path: "capacity",
        list: false,
        intro: "The hours you can really give to the plan. Your shifts are under Shift rotation and Roster file.",
        fields: &[
            f(
                "hours_per_week",
                "Hours a week for the plan",
                K::Number,
                "Outside your shifts.",
            ),
            f(
                "max_parallel",
                "Things at once",
                K::Number,
                "How many milestones may run at the same time.",
            ),
            f(
                "max_week_hours",
                "Most hours in a week, shifts included",
                K::Number,
                "",
            ),
            f(
                "rest_after_night",
                "Rest the day after a night shift",
                K::YesNo,
                "",
            ),
            f("study_on_shift_days", "Study on shift days", K::YesNo, ""),
        ],
    },
    Part {
        slug: "rotation",
        title: "Shift rotation",
        item: "rotation",
        path: "capacity.rotation",
        list: false,
        intro: "The shifts you work, as a cycle that repeats: carepath plans study around them.",
        fields: &[
            f(
                "start",
                "First day of the cycle",
                K::Date,
                "The day the first entry of the days below falls on.",
            ),
            f(
                "days",
                "Days of the cycle",
                K::Codes,
                "One entry a day, separated by spaces: a shift's code, or - for a day off. For example: D D D - - - - N N N - - - -",
            ),
            f(
                "shifts",
                "Shifts",
                K::Shifts,
                "One shift a line: its code, when it starts (HH:MM) and its hours. For example: D 07:00 12.5",
            ),
        ],
    },
    Part {
        slug: "roster",
        title: "Roster file",
        item: "roster",
        path: "capacity.roster",
        list: false,
        intro: "A calendar file (.ics) your employer's scheduling system exports: its shifts come before the rotation's.",
        fields: &[
            f(
                "file",
                "File",
                K::Text,
                "Its path, from the folder of the plan, such as roster/shifts.ics.",
            ),
            f(
                "match",
                "Only events named",
                K::Text,
                "Leave empty to count every timed event as a shift.",
            ),
        ],
    },
    Part {
        slug: "breaks",
        title: "Breaks",
        item: "break",
        path: "capacity.breaks",
        list: true,
        intro: "Times with no work on the plan: holidays, parental leave, exams at work.",
        fields: &[
            f("from", "From", K::Date, ""),
            f("to", "To", K::Date, ""),
            f("reason", "Reason", K::Text, ""),
        ],
    },
    Part {
        slug: "target",
        title: "Target",
        item: "target",
        path: "target",
        list: false,
        intro: "The role you aim at, and by when.",
        fields: &[
            f("role", "Target role", K::Choice(Options::Roles), ""),
            f("by", "By", K::Date, ""),
            f(
                "alternatives",
                "Alternatives",
                K::Words,
                "Other roles you would take, as catalog ids, one a line.",
            ),
        ],
    },
    Part {
        slug: "goals",
        title: "Goals",
        item: "goal",
        path: "goals",
        list: true,
        intro: "Goals that are specific, measurable, achievable, relevant and time-bound.",
        fields: &[
            f(
                "id",
                "Id",
                K::Text,
                "A short name milestones refer to, such as ccrn.",
            ),
            f("title", "Goal", K::Text, ""),
            f("due", "Due", K::Date, ""),
            f("horizon", "Horizon", K::Choice(Options::Horizons), ""),
            f("values", "Values it serves", K::Words, "One a line."),
            f(
                "measure.metric",
                "Measured by",
                K::Text,
                "What you count, such as supervised clinical hours.",
            ),
            f("measure.target", "Target number", K::Number, ""),
            f("measure.unit", "Unit", K::Text, "hours, exams, meetings…"),
        ],
    },
    Part {
        slug: "milestones",
        title: "Milestones",
        item: "milestone",
        path: "milestones",
        list: true,
        intro: "The steps of the plan. carepath schedules them within your hours.",
        fields: &[
            f("id", "Id", K::Text, "A short name, such as ccrn-exam."),
            f("title", "Title", K::Text, ""),
            f("kind", "Kind", K::Choice(Options::Kinds), ""),
            f("goal", "Goal", K::Choice(Options::Goals), ""),
            f(
                "after",
                "After",
                K::Many(Options::Milestones),
                "Milestones that must be done first.",
            ),
            f("not_before", "Not before", K::Date, ""),
            f(
                "duration",
                "Duration",
                K::Text,
                "Such as 8 weeks or 12 months; leave empty to go by the hours.",
            ),
            f("effort_hours", "Effort (hours)", K::Number, ""),
            f("due", "Due", K::Date, ""),
            f("cost", "Cost", K::Number, ""),
            f(
                "earns",
                "Earns",
                K::Choice(Options::Credentials),
                "The credential it leads to.",
            ),
            f("measure.target", "Measure: target", K::Number, ""),
            f("measure.unit", "Measure: unit", K::Text, ""),
            f("measure.per_week", "Measure: per week", K::Number, ""),
            f("done", "Done on", K::Date, ""),
            f("notes", "Notes", K::LongText, ""),
        ],
    },
];

pub fn part(slug: &str) -> Option<&'static Part> {
    PARTS.iter().find(|p| p.slug == slug)
}

/// The plan's value tree (format-neutral, with spans), or nothing when it does not parse.
pub fn tree(text: &str, format: Format) -> Option<Node> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Toml => carepath_model::node::parse_toml(text).ok(),
        Format::Json => carepath_model::node::parse_json(text).ok(),
    }
}

/// The node at a dotted path with `[i]` steps.
pub fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    if path.is_empty() {
        return Some(node);
    }
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            node = match (&node.kind, key) {
                // A credential written as its id alone.
                (NodeKind::Str(_), "id") => node,
                (NodeKind::Str(_), _) => return None,
                _ => node.get(key)?,
            };
        }
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let i: usize = r[..end].parse().ok()?;
            node = match &node.kind {
                NodeKind::Array(items) => items.get(i)?,
                _ => return None,
            };
            rest = &r[end + 1..];
        }
    }
    Some(node)
}

/// The items of the list at `path` (none when it is missing).
pub fn items<'a>(root: &'a Node, path: &str) -> &'a [Node] {
    match node_at(root, path).map(|n| &n.kind) {
        Some(NodeKind::Array(items)) => items,
        _ => &[],
    }
}

/// A value as a form shows it.
pub fn shown(node: &Node) -> String {
    match &node.kind {
        NodeKind::Null => String::new(),
        NodeKind::Bool(true) => "yes".into(),
        NodeKind::Bool(false) => "no".into(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::Float(x) => carepath_model::numbers::plain(*x),
        NodeKind::Str(s) | NodeKind::DateLit(s) => s.clone(),
        NodeKind::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        NodeKind::Table(_) => String::new(),
    }
}

fn list_of(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.kind) {
        Some(NodeKind::Array(items)) => items.iter().map(shown).collect(),
        Some(_) => node
            .map(shown)
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        None => Vec::new(),
    }
}

/// The codes of a rotation's days, separated by spaces.
fn codes(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// A rotation's shifts as a form shows them: `D 07:00 12.5`, one a line.
fn shifts_shown(node: Option<&Node>) -> Vec<(String, String, String)> {
    match node.map(|n| &n.kind) {
        Some(NodeKind::Table(entries)) => entries
            .iter()
            .map(|(k, n)| {
                let part = |key: &str| n.get(key).map(shown).unwrap_or_default();
                (k.name.clone(), part("start"), part("hours"))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The shifts typed, one a line: code, start, hours (what is missing stays empty, and `check`
/// says so at the field).
fn shifts_typed(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let code = w.next()?.to_string();
            let start = w.next().unwrap_or("").to_string();
            let hours = w.collect::<Vec<_>>().join(" ");
            Some((code, start, hours))
        })
        .collect()
}

/// The entries of a list field: one a line, blank lines left out.
fn words(text: &str) -> Vec<String> {
    text.lines()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The path of a field of an item: `milestones[3].due`, or `capacity.hours_per_week`.
pub fn field_path(part: &Part, index: Option<usize>, field: &Field) -> String {
    let base = match index {
        Some(i) => format!("{}[{i}]", part.path),
        None => part.path.to_string(),
    };
    if base.is_empty() {
        field.key.to_string()
    } else {
        format!("{base}.{}", field.key)
    }
}

/// What a typed text becomes: a number or a date when it reads as one, else text (which
/// `check` then refuses in its own words, at this field).
fn typed(kind: FieldKind, text: &str) -> Value {
    match kind {
        K::Number => {
            let t = text.trim();
            if let Ok(i) = t.parse::<i64>() {
                Value::Int(i)
            } else if let Ok(x) = t
                .parse::<f64>()
                .map_err(|_| ())
                .and_then(|x| if x.is_finite() { Ok(x) } else { Err(()) })
            {
                Value::Float(x)
            } else {
                Value::Str(t.to_string())
            }
        }
        K::Date => match text.trim().parse::<jiff::civil::Date>() {
            Ok(d) => Value::Date(d),
            Err(_) => Value::Str(text.trim().to_string()),
        },
        K::YesNo => Value::Bool(text == "yes"),
        K::Words => Value::List(words(text)),
        _ => Value::Str(text.trim().to_string()),
    }
}

/// All values posted under `name`.
fn posted<'a>(form: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    form.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The changes a posted form asks for, against the plan as it is: only the fields changed.
pub fn changes(
    root: &Node,
    part: &Part,
    index: Option<usize>,
    form: &[(String, String)],
) -> Vec<Change> {
    let mut out = Vec::new();
    for field in part.fields {
        let path = field_path(part, index, field);
        // A field the form did not send is left as it is (a form only ever sends all of its
        // fields; a list of checkboxes sends an empty marker first).
        if !form.iter().any(|(k, _)| *k == path) {
            continue;
        }
        let now = node_at(root, &path);
        match field.kind {
            K::Shifts => {
                let want = shifts_typed(posted(form, &path).first().copied().unwrap_or(""));
                let have = shifts_shown(now);
                if want == have {
                    continue;
                }
                if want.is_empty() {
                    out.push(Change::Remove(path));
                    continue;
                }
                for (code, ..) in &have {
                    if !want.iter().any(|(c, ..)| c == code) {
                        out.push(Change::Remove(format!("{path}.{code}")));
                    }
                }
                for (code, start, hours) in &want {
                    let old = have.iter().find(|(c, ..)| c == code);
                    for (key, value, kind) in
                        [("start", start, K::Text), ("hours", hours, K::Number)]
                    {
                        let before = old.map(|o| if key == "start" { &o.1 } else { &o.2 });
                        if before == Some(value) {
                            continue;
                        }
                        let at = format!("{path}.{code}.{key}");
                        if value.is_empty() {
                            out.push(Change::Remove(at));
                        } else {
                            out.push(Change::Set(at, typed(kind, value)));
                        }
                    }
                }
            }
            K::Many(_) | K::Words | K::Codes => {
                let want: Vec<String> = match field.kind {
                    K::Many(_) => posted(form, &path)
                        .into_iter()
                        .filter(|v| !v.is_empty())
                        .map(str::to_string)
                        .collect(),
                    K::Codes => codes(posted(form, &path).first().copied().unwrap_or("")),
                    _ => words(posted(form, &path).first().copied().unwrap_or("")),
                };
                if want == list_of(now) {
                    continue;
                }
                if want.is_empty() {
                    out.push(Change::Remove(path));
                } else {
                    out.push(Change::Set(path, Value::List(want)));
                }
            }
            _ => {
                let want = posted(form, &path).first().copied().unwrap_or("").trim();
                let have = now.map(shown).unwrap_or_default();
                if want == have {
                    continue;
                }
                if want.is_empty() {
                    out.push(Change::Remove(path));
                } else {
                    out.push(Change::Set(path, typed(field.kind, want)));
                }
            }
        }
    }
    out
}

/// The fields of a new item, from a posted form (its fields named with index `index`).
pub fn new_item(part: &Part, index: usize, form: &[(String, String)]) -> Vec<(String, Value)> {
    let mut fields: Vec<(String, Value)> = Vec::new();
    for field in part.fields.iter().filter(|f| !f.key.contains('.')) {
        let path = field_path(part, Some(index), field);
        let value = match field.kind {
            K::Many(_) => {
                let v: Vec<String> = posted(form, &path)
                    .into_iter()
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect();
                if v.is_empty() {
                    continue;
                }
                Value::List(v)
            }
            _ => {
                let v = posted(form, &path).first().copied().unwrap_or("").trim();
                if v.is_empty() || (field.kind == K::Words && words(v).is_empty()) {
                    continue;
                }
                typed(field.kind, v)
            }
        };
        fields.push((field.key.to_string(), value));
    }
    fields
}

/// The measure fields of a new item, set after it is added.
pub fn new_item_nested(part: &Part, index: usize, form: &[(String, String)]) -> Vec<Change> {
    let mut out = Vec::new();
    for field in part.fields.iter().filter(|f| f.key.contains('.')) {
        let path = field_path(part, Some(index), field);
        let v = posted(form, &path).first().copied().unwrap_or("").trim();
        if !v.is_empty() {
            out.push(Change::Set(path, typed(field.kind, v)));
        }
    }
    out
}

/// The text a field shows: what was posted (after a refused edit), else what the plan holds.
pub enum Filled<'a> {
    Plan(Option<&'a Node>),
    Posted(&'a [(String, String)]),
}

/// A finding placed at a field.
pub struct FieldError {
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

pub struct Choices<'a> {
    pub catalog: &'a Catalog,
    pub root: Option<&'a Node>,
}

impl Choices<'_> {
    fn list(&self, options: Options, own: Option<&str>) -> Vec<(String, String)> {
        match options {
            Options::Roles => {
                let mut v: Vec<(String, String)> = self
                    .catalog
                    .roles
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect();
                v.sort_by_key(|a| a.1.to_lowercase());
                v
            }
            Options::Credentials => {
                let mut v: Vec<(String, String)> = self
                    .catalog
                    .credentials
                    .iter()
                    .map(|c| {
                        let name = match &c.abbreviation {
                            Some(a) if a != &c.name => format!("{} ({a})", c.name),
                            _ => c.name.clone(),
                        };
                        (c.id.clone(), name)
                    })
                    .collect();
                v.sort_by_key(|a| a.1.to_lowercase());
                v
            }
            Options::Kinds => Kind::ALL
                .iter()
                .map(|k| (k.as_str().to_string(), k.as_str().replace('-', " ")))
                .collect(),
            Options::Horizons => vec![
                ("short".into(), "short (within 2 years)".into()),
                ("long".into(), "long".into()),
            ],
            Options::Goals | Options::Milestones => {
                let path = if options == Options::Goals {
                    "goals"
                } else {
                    "milestones"
                };
                let Some(root) = self.root else {
                    return Vec::new();
                };
                items(root, path)
                    .iter()
                    .filter_map(|n| {
                        let id = n.get("id").map(shown)?;
                        let title = n.get("title").map(shown).unwrap_or_else(|| id.clone());
                        Some((id, title))
                    })
                    .filter(|(id, _)| Some(id.as_str()) != own)
                    .collect()
            }
        }
    }
}

/// The HTML id of the field at `path`.
pub fn dom_id(path: &str) -> String {
    let mut s = String::from("f-");
    for c in path.chars() {
        s.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    s
}

/// The HTML of one item's fields.
pub fn render_fields(
    out: &mut String,
    part: &Part,
    index: Option<usize>,
    filled: &Filled<'_>,
    errors: &[FieldError],
    choices: &Choices<'_>,
) {
    // An item is not offered as its own dependency.
    let own_id = match filled {
        Filled::Plan(Some(n)) => n.get("id").map(shown),
        Filled::Plan(None) => None,
        Filled::Posted(form) => {
            let id = field_path(part, index, &f("id", "", K::Text, ""));
            posted(form, &id).first().map(|s| s.to_string())
        }
    };
    for field in part.fields {
        let path = field_path(part, index, field);
        let id = dom_id(&path);
        let (value, list): (String, Vec<String>) = match filled {
            Filled::Plan(item) => {
                let node = item.and_then(|n| node_at(n, field.key));
                let list = list_of(node);
                let value = match field.kind {
                    K::Words => list.join("\n"),
                    K::Codes => list.join(" "),
                    K::Shifts => shifts_shown(node)
                        .into_iter()
                        .map(|(c, s, h)| format!("{c} {s} {h}").trim_end().to_string())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    _ => node.map(shown).unwrap_or_default(),
                };
                (value, list)
            }
            Filled::Posted(form) => {
                let all = posted(form, &path);
                (
                    all.first().copied().unwrap_or("").to_string(),
                    all.iter()
                        .filter(|s| !s.is_empty())
                        .map(|s| s.to_string())
                        .collect(),
                )
            }
        };
        let mine: Vec<&FieldError> = errors
            .iter()
            .filter(|e| {
                e.path == path
                    || e.path.strip_prefix(path.as_str()).is_some_and(|rest| {
                        rest.starts_with('[') || (field.kind == K::Shifts && rest.starts_with('.'))
                    })
            })
            .collect();
        let mut described = Vec::new();
        let mut below = String::new();
        for (n, e) in mine.iter().enumerate() {
            let eid = format!("{id}-e{n}");
            let _ = write!(
                below,
                "<p class=\"error\" id=\"{eid}\">{}</p>",
                esc(&e.message)
            );
            described.push(eid.clone());
            if let Some(h) = &e.hint {
                let _ = write!(
                    below,
                    "<p class=\"hint\" id=\"{eid}-hint\">Hint: {}</p>",
                    esc(h)
                );
                described.push(format!("{eid}-hint"));
            }
        }
        if !field.hint.is_empty() {
            let hid = format!("{id}-hint");
            let _ = write!(
                below,
                "<p class=\"hint\" id=\"{hid}\">{}</p>",
                esc(field.hint)
            );
            described.push(hid);
        }
        let aria = if described.is_empty() {
            String::new()
        } else {
            format!(" aria-describedby=\"{}\"", described.join(" "))
        };
        let invalid = if mine.is_empty() {
            ""
        } else {
            " aria-invalid=\"true\""
        };
        let name = esc(&path);
        let label = esc(field.label);
        out.push_str("<div class=\"field\">");
        match field.kind {
            K::Many(options) => {
                let _ = write!(
                    out,
                    "<fieldset id=\"{id}\"{aria}><legend>{label}</legend><input type=\"hidden\" name=\"{name}\" value=\"\">"
                );
                let opts = choices.list(options, own_id.as_deref());
                if opts.is_empty() {
                    out.push_str("<p>None to choose from yet.</p>");
                }
                for (n, (v, text)) in opts.iter().enumerate() {
                    let checked = if list.contains(v) { " checked" } else { "" };
                    let _ = write!(
                        out,
                        "<label class=\"check\"><input type=\"checkbox\" id=\"{id}-{n}\" name=\"{name}\" value=\"{}\"{checked}> {}</label>",
                        esc(v),
                        esc(text)
                    );
                }
                // Chosen ids no longer in the list stay chosen (check names them).
                for v in list.iter().filter(|v| !opts.iter().any(|(o, _)| o == *v)) {
                    let _ = write!(
                        out,
                        "<label class=\"check\"><input type=\"checkbox\" name=\"{name}\" value=\"{0}\" checked> {0} (not in the plan)</label>",
                        esc(v)
                    );
                }
                out.push_str("</fieldset>");
            }
            K::Choice(options) => {
                let _ = write!(
                    out,
                    "<label for=\"{id}\">{label}</label><select id=\"{id}\" name=\"{name}\"{aria}{invalid}><option value=\"\">(none)</option>"
                );
                let opts = choices.list(options, own_id.as_deref());
                if !value.is_empty() && !opts.iter().any(|(v, _)| *v == value) {
                    let _ = write!(
                        out,
                        "<option value=\"{0}\" selected>{0} (not in the catalog)</option>",
                        esc(&value)
                    );
                }
                for (v, text) in &opts {
                    let sel = if *v == value { " selected" } else { "" };
                    let _ = write!(
                        out,
                        "<option value=\"{}\"{sel}>{}</option>",
                        esc(v),
                        esc(text)
                    );
                }
                out.push_str("</select>");
            }
            K::YesNo => {
                let _ = write!(
                    out,
                    "<label for=\"{id}\">{label}</label><select id=\"{id}\" name=\"{name}\"{aria}{invalid}>"
                );
                for (v, text) in [("", "(not set)"), ("yes", "yes"), ("no", "no")] {
                    let sel = if v == value { " selected" } else { "" };
                    let _ = write!(out, "<option value=\"{v}\"{sel}>{text}</option>");
                }
                out.push_str("</select>");
            }
            K::Words | K::Shifts => {
                let rows = value.lines().count().clamp(2, 12) + 1;
                let _ = write!(
                    out,
                    "<label for=\"{id}\">{label}</label><textarea id=\"{id}\" name=\"{name}\" rows=\"{rows}\"{aria}{invalid}>{}</textarea>",
                    esc(&value)
                );
            }
            K::LongText => {
                let _ = write!(
                    out,
                    "<label for=\"{id}\">{label}</label><textarea id=\"{id}\" name=\"{name}\" rows=\"3\"{aria}{invalid}>{}</textarea>",
                    esc(&value)
                );
            }
            _ => {
                let ty = match field.kind {
                    K::Date => " type=\"date\"",
                    K::Number => " type=\"text\" inputmode=\"decimal\"",
                    _ => " type=\"text\"",
                };
                let _ = write!(
                    out,
                    "<label for=\"{id}\">{label}</label><input{ty} id=\"{id}\" name=\"{name}\" value=\"{}\"{aria}{invalid}>",
                    esc(&value)
                );
            }
        }
        out.push_str(&below);
        out.push_str("</div>");
    }
}

/// A short name for an item of a list, for its link.
pub fn item_name(part: &Part, item: &Node) -> String {
    let first = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| node_at(item, k).map(shown).filter(|s| !s.is_empty()))
    };
    let name = match part.slug {
        "credentials" => first(&["id"]),
        "skills" => first(&["name"]),
        "experience" => first(&["setting", "role"]),
        "breaks" => {
            let from = first(&["from"]).unwrap_or_default();
            let to = first(&["to"]).unwrap_or_default();
            let reason = first(&["reason"])
                .map(|r| format!(": {r}"))
                .unwrap_or_default();
            Some(format!("{from} to {to}{reason}"))
        }
        _ => first(&["title", "id"]),
    };
    name.unwrap_or_else(|| format!("(a {} without a name)", part.item))
}
