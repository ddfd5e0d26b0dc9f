//! The plan as the person wrote it (format 1), after reading but before any planning.

use jiff::civil::Date;
use serde::Serialize;
use std::fmt;

use crate::node::Span;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Plan {
    pub format: u32,
    pub id: Option<String>,
    pub title: String,
    pub start: Date,
    pub currency: Option<String>,
    pub person: Person,
    pub capacity: Capacity,
    pub target: Option<Target>,
    pub goals: Vec<Goal>,
    pub milestones: Vec<Milestone>,
    pub progress: Vec<ProgressEntry>,
    /// The CE log (`[[ce]]`), in file order. Left out of the document when empty, so a plan
    /// without one serialises as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ce: Vec<CeEntry>,
    /// The person's network (`[[people]]`), in file order. Left out of the document when empty,
    /// so a plan without one serialises as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Contact>,
    /// Where each value was read from, by field path (`milestones[3].after[0]`).
    #[serde(skip)]
    pub spans: SpanMap,
}

/// Where each value was read from, by field path (`milestones[3].after[0]`).
///
/// Stored as a tree that mirrors the plan (fields by name, list items by index), not as a map of
/// path strings: a 100,000-milestone plan has over a million paths, and a string and a hash-map
/// entry for each made checking grow faster than the file. A path is parsed when it is looked up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanMap {
    root: SpanNode,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct SpanNode {
    span: Option<Span>,
    /// Fields by name; a table has at most a dozen, so a list is faster than a map.
    fields: Vec<(Box<str>, SpanNode)>,
    items: Vec<SpanNode>,
}

/// One step of a field path.
enum Seg<'a> {
    Field(&'a str),
    Item(usize),
}

/// The steps of `milestones[3].after[0]`: `milestones`, 3, `after`, 0. `None` for a path that is
/// not written that way.
fn segments(path: &str) -> Option<Vec<Seg<'_>>> {
    // One pass over the bytes: every path the reader records goes through here, and the
    // `split`/`find` version spent most of its time setting up searches of a few bytes.
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(4);
    let mut i = 0;
    while i < bytes.len() {
        // A field name, up to `.`, `[` or the end; never empty.
        let start = i;
        while i < bytes.len() && bytes[i] != b'.' && bytes[i] != b'[' {
            i += 1;
        }
        if i == start {
            return None;
        }
        out.push(Seg::Field(&path[start..i]));
        // Its indexes: `[3]`, `[3][0]`.
        while i < bytes.len() && bytes[i] == b'[' {
            let digits = i + 1;
            let mut close = digits;
            while close < bytes.len() && bytes[close] != b']' {
                close += 1;
            }
            if close == bytes.len() {
                return None;
            }
            out.push(Seg::Item(path[digits..close].parse().ok()?));
            i = close + 1;
        }
        // Then the end, or a `.` and the next field.
        if i < bytes.len() {
            if bytes[i] != b'.' {
                return None;
            }
            i += 1;
            if i == bytes.len() {
                return None;
            }
        }
    }
    Some(out)
}

impl SpanNode {
    fn child(&self, seg: &Seg<'_>) -> Option<&SpanNode> {
        match *seg {
            Seg::Field(name) => self
                .fields
                .iter()
                .find(|(n, _)| &**n == name)
                .map(|(_, c)| c),
            Seg::Item(i) => self.items.get(i),
        }
    }

    /// `None` for an index far past the end (items are recorded in order; this keeps a stray
    /// path from allocating a huge list).
    fn child_mut(&mut self, seg: &Seg<'_>) -> Option<&mut SpanNode> {
        match *seg {
            Seg::Field(name) => {
                let at = match self.fields.iter().position(|(n, _)| &**n == name) {
                    Some(at) => at,
                    None => {
                        self.fields.push((name.into(), SpanNode::default()));
                        self.fields.len() - 1
                    }
                };
                Some(&mut self.fields[at].1)
            }
            Seg::Item(i) => {
                if i > self.items.len() + 1024 {
                    return None;
                }
                if self.items.len() <= i {
                    self.items.resize_with(i + 1, SpanNode::default);
                }
                Some(&mut self.items[i])
            }
        }
    }

    fn shift(&mut self, by: usize) {
        if let Some(s) = &mut self.span {
            *s = s.start + by..s.end + by;
        }
        for (_, c) in &mut self.fields {
            c.shift(by);
        }
        for c in &mut self.items {
            c.shift(by);
        }
    }
}

impl SpanMap {
    pub fn get(&self, path: &str) -> Option<Span> {
        let mut node = &self.root;
        for seg in segments(path)? {
            node = node.child(&seg)?;
        }
        node.span.clone()
    }

    /// Records where `path` was read from. A path not written as fields and `[index]`es is not
    /// recorded.
    pub fn insert(&mut self, path: &str, span: Span) {
        let Some(segs) = segments(path) else { return };
        let mut node = &mut self.root;
        for seg in &segs {
            match node.child_mut(seg) {
                Some(c) => node = c,
                None => return,
            }
        }
        node.span = Some(span);
    }

    /// Moves every span `by` bytes later (past a byte-order mark).
    pub fn shift(&mut self, by: usize) {
        self.root.shift(by);
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub region: Option<String>,
    pub credentials: Vec<HeldCredential>,
    pub values: Vec<String>,
    pub interests: Vec<String>,
    pub skills: Vec<Skill>,
    pub experience: Vec<Experience>,
}

impl Person {
    /// The ids of the credentials held, in file order. (A credential that could not be read has
    /// an empty id while its errors are reported; a checked plan has none.)
    pub fn credential_ids(&self) -> impl Iterator<Item = &str> {
        self.credentials.iter().map(|c| c.id.as_str())
    }

    /// Whether a credential with this id is held.
    pub fn holds(&self, id: &str) -> bool {
        self.credentials.iter().any(|c| c.id == id)
    }
}

/// A credential the person holds: `"bls"` in the list, or a table with dates and a jurisdiction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeldCredential {
    pub id: String,
    pub earned: Option<Date>,
    pub expires: Option<Date>,
    /// An ISO 3166 code: `US-CA`, `CA-ON`, `GB`.
    pub jurisdiction: Option<String>,
    /// The license or card number. Private: never serialised, so it appears in no export.
    pub number: Option<String>,
}

impl HeldCredential {
    pub fn new(id: impl Into<String>) -> Self {
        HeldCredential {
            id: id.into(),
            ..Default::default()
        }
    }
}

/// A credential with nothing but its id serialises as the plain string it was before tables
/// were allowed; otherwise as `{id, earned, expires, jurisdiction}` (never the `number`).
impl Serialize for HeldCredential {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.earned.is_none() && self.expires.is_none() && self.jurisdiction.is_none() {
            return s.serialize_str(&self.id);
        }
        let mut st = s.serialize_struct("HeldCredential", 4)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("earned", &self.earned)?;
        st.serialize_field("expires", &self.expires)?;
        st.serialize_field("jurisdiction", &self.jurisdiction)?;
        st.end()
    }
}

/// One continuing-education activity of the CE log (`[[ce]]`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CeEntry {
    pub date: Date,
    pub title: String,
    /// Contact hours (or the credential's unit), more than 0.
    pub hours: f64,
    pub category: Option<String>,
    /// Hours of `hours` spent on a named topic, in the order the reader gives them.
    #[serde(serialize_with = "topics_as_map")]
    pub topics: Vec<(String, f64)>,
    /// The credentials it counts for; empty: every held credential whose rule takes CE.
    pub counts_for: Vec<String>,
    pub provider: Option<String>,
    pub note: Option<String>,
}

impl CeEntry {
    /// Stands in for an entry that could not be read (its errors are reported already), so the
    /// entries after it keep their index in the file.
    pub fn placeholder() -> Self {
        CeEntry {
            date: Date::constant(1900, 1, 1),
            title: String::new(),
            hours: 0.0,
            category: None,
            topics: Vec::new(),
            counts_for: Vec::new(),
            provider: None,
            note: None,
        }
    }
}

fn topics_as_map<S: serde::Serializer>(t: &[(String, f64)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(t.len()))?;
    for (k, v) in t {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skill {
    pub name: String,
    pub level: u8,
    pub target: Option<u8>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Experience {
    pub role: String,
    pub setting: Option<String>,
    pub from: Date,
    pub to: Option<Date>,
    pub hours_per_week: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Capacity {
    pub hours_per_week: f64,
    pub max_parallel: u32,
    pub breaks: Vec<Break>,
    /// Shifts plus development in one week at most (`docs/roster.md`). The fields below are left
    /// out of the document when they have their defaults, so a plan without shifts serialises
    /// as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_week_hours: Option<f64>,
    /// No development on the day a night shift ends (default true).
    #[serde(skip_serializing_if = "is_true")]
    pub rest_after_night: bool,
    /// Development may go on shift days (default false).
    #[serde(skip_serializing_if = "is_false")]
    pub study_on_shift_days: bool,
    /// A repeating pattern of shifts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation: Option<Rotation>,
    /// The iCalendar roster file, read by the CLI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<RosterFile>,
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Capacity {
    /// Whether the plan says where its shifts come from (a rotation or a roster file).
    pub fn has_shifts(&self) -> bool {
        self.rotation.is_some() || self.roster.is_some()
    }
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            hours_per_week: 0.0,
            max_parallel: 2,
            breaks: Vec::new(),
            max_week_hours: None,
            rest_after_night: true,
            study_on_shift_days: false,
            rotation: None,
            roster: None,
        }
    }
}

/// `[capacity.rotation]`: a cycle of days, each off (`-`) or a named shift, repeating from
/// `start` (and, before it, backwards with the same phase).
#[derive(Debug, Clone, PartialEq)]
pub struct Rotation {
    /// The first day of the cycle.
    pub start: Date,
    /// One entry per day of the cycle: the index of its shift in `shifts`, or `None` for off.
    pub days: Vec<Option<usize>>,
    /// The named shifts, in file order.
    pub shifts: Vec<RotationShift>,
}

/// One named shift of a rotation: `D = { start = "07:00", hours = 12.5 }`.
#[derive(Debug, Clone, PartialEq)]
pub struct RotationShift {
    pub code: String,
    /// Minutes after midnight.
    pub start_minute: u16,
    /// Hours worked, more than 0 and at most 24.
    pub hours: f64,
}

impl RotationShift {
    /// The start as written, `HH:MM`.
    pub fn start_text(&self) -> String {
        format!(
            "{:02}:{:02}",
            self.start_minute / 60,
            self.start_minute % 60
        )
    }
}

impl Serialize for Rotation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        struct Days<'a>(&'a Rotation);
        impl Serialize for Days<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(
                    self.0
                        .days
                        .iter()
                        .map(|d| d.map_or("-", |i| self.0.shifts[i].code.as_str())),
                )
            }
        }
        struct Shifts<'a>(&'a [RotationShift]);
        impl Serialize for Shifts<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for sh in self.0 {
                    m.serialize_entry(
                        &sh.code,
                        &serde_json::json!({ "start": sh.start_text(), "hours": sh.hours }),
                    )?;
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("Rotation", 3)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("days", &Days(self))?;
        st.serialize_field("shifts", &Shifts(&self.shifts))?;
        st.end()
    }
}

/// `[capacity.roster]`: the roster file the hospital's scheduling system exports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RosterFile {
    /// Relative to the plan file.
    pub file: String,
    /// Only events whose SUMMARY contains this text are shifts.
    #[serde(rename = "match")]
    pub match_: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Break {
    pub from: Date,
    pub to: Date,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Target {
    pub role: String,
    pub by: Date,
    /// Other roles the person weighs against the target (catalog ids), for the PDF's "Options
    /// considered" page. Left out of the document when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Horizon {
    Short,
    Long,
}

impl Horizon {
    pub fn as_str(self) -> &'static str {
        match self {
            Horizon::Short => "short",
            Horizon::Long => "long",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub due: Option<Date>,
    pub horizon: Option<Horizon>,
    pub values: Vec<String>,
    pub measure: Option<Measure>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measure {
    pub metric: Option<String>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    /// A fixed amount a week; `None` when `per_week_roster` is set.
    pub per_week: Option<f64>,
    /// `per_week = "roster"`: the measure accrues the shift hours worked.
    pub per_week_roster: bool,
}

/// As before, with `per_week` written `"roster"` when the measure accrues shift hours.
impl Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Measure", 4)?;
        st.serialize_field("metric", &self.metric)?;
        st.serialize_field("target", &self.target)?;
        st.serialize_field("unit", &self.unit)?;
        if self.per_week_roster {
            st.serialize_field("per_week", "roster")?;
        } else {
            st.serialize_field("per_week", &self.per_week)?;
        }
        st.end()
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Education,
    Certification,
    Exam,
    License,
    Experience,
    Training,
    ContinuingEducation,
    Networking,
    Mentorship,
    Shadowing,
    Volunteering,
    Leadership,
    Research,
    Application,
    Wellbeing,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::Education,
        Kind::Certification,
        Kind::Exam,
        Kind::License,
        Kind::Experience,
        Kind::Training,
        Kind::ContinuingEducation,
        Kind::Networking,
        Kind::Mentorship,
        Kind::Shadowing,
        Kind::Volunteering,
        Kind::Leadership,
        Kind::Research,
        Kind::Application,
        Kind::Wellbeing,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Education => "education",
            Kind::Certification => "certification",
            Kind::Exam => "exam",
            Kind::License => "license",
            Kind::Experience => "experience",
            Kind::Training => "training",
            Kind::ContinuingEducation => "continuing-education",
            Kind::Networking => "networking",
            Kind::Mentorship => "mentorship",
            Kind::Shadowing => "shadowing",
            Kind::Volunteering => "volunteering",
            Kind::Leadership => "leadership",
            Kind::Research => "research",
            Kind::Application => "application",
            Kind::Wellbeing => "wellbeing",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Kinds whose completion is a clear, checkable event (for SMART's Measurable).
    pub fn has_clear_completion(self) -> bool {
        matches!(
            self,
            Kind::Exam | Kind::Certification | Kind::License | Kind::Education
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    Days,
    Weeks,
    Months,
    Years,
}

/// A minimum elapsed time: "10 days", "6 weeks", "18 months", "2 years".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn parse(text: &str) -> Option<Duration> {
        let mut parts = text.split_whitespace();
        let amount: u32 = parts.next()?.parse().ok()?;
        let unit = match parts.next()?.to_ascii_lowercase().as_str() {
            "day" | "days" => DurationUnit::Days,
            "week" | "weeks" => DurationUnit::Weeks,
            "month" | "months" => DurationUnit::Months,
            "year" | "years" => DurationUnit::Years,
            _ => return None,
        };
        if parts.next().is_some() || amount > 1200 {
            return None;
        }
        Some(Duration { amount, unit })
    }

    /// The day `self` after `start`, with calendar months and years (Jan 31 + 1 month = Feb 28).
    pub fn after(self, start: Date) -> Date {
        let n = i64::from(self.amount);
        let span = match self.unit {
            DurationUnit::Days => jiff::Span::new().days(n),
            DurationUnit::Weeks => jiff::Span::new().weeks(n),
            DurationUnit::Months => jiff::Span::new().months(n),
            DurationUnit::Years => jiff::Span::new().years(n),
        };
        start.saturating_add(span)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DurationUnit::Days => "day",
            DurationUnit::Weeks => "week",
            DurationUnit::Months => "month",
            DurationUnit::Years => "year",
        };
        let s = if self.amount == 1 { "" } else { "s" };
        write!(f, "{} {unit}{s}", self.amount)
    }
}

impl Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub goal: Option<String>,
    pub after: Vec<String>,
    pub not_before: Option<Date>,
    pub duration: Option<Duration>,
    pub effort_hours: f64,
    pub due: Option<Date>,
    pub cost: Option<f64>,
    pub measure: Option<Measure>,
    pub done: Option<Date>,
    pub notes: Option<String>,
    /// The credential this milestone earns (catalog id or text). Left out of the document when
    /// absent, so a plan without it serialises as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earns: Option<String>,
    /// The milestone repeats (`every = "1 month"`): a series of occurrences, each with its own
    /// `effort_hours`. Left out of the document when absent, as are `until` and `with`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every: Option<Duration>,
    /// The last day an occurrence may fall on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Ids of the people of `[[people]]` it involves.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
}

/// How a person of the network stands to the plan's person.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Mentor,
    Sponsor,
    Manager,
    Colleague,
    Preceptor,
    Contact,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::Mentor,
        Relation::Sponsor,
        Relation::Manager,
        Relation::Colleague,
        Relation::Preceptor,
        Relation::Contact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Mentor => "mentor",
            Relation::Sponsor => "sponsor",
            Relation::Manager => "manager",
            Relation::Colleague => "colleague",
            Relation::Preceptor => "preceptor",
            Relation::Contact => "contact",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One person of the network (`[[people]]`). `name` and `note` are private (docs/privacy.md).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub relation: Relation,
    /// A catalog role or free text.
    pub role: Option<String>,
    /// When they first met.
    pub met: Option<Date>,
    /// How often the person wants to be in contact.
    pub keep_in_touch: Option<Duration>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProgressEntry {
    pub date: Date,
    pub milestone: String,
    pub amount: f64,
    pub note: Option<String>,
    /// Ids of the people of `[[people]]` the work was with. Left out of the document when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
}

impl Plan {
    /// The plan's stable id: as written, else a slug of the person's name and the title.
    pub fn effective_id(&self) -> String {
        match &self.id {
            Some(id) => id.clone(),
            None => slug(&format!("{} {}", self.person.name, self.title)),
        }
    }
}

/// Lowercase ASCII letters and digits joined by single hyphens; other letters are folded to their
/// base letter where that is obvious (é -> e), else dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_latin(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "plan".into() } else { out }
}

fn fold_latin(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ę' | 'ě' | 'ế' | 'ề' | 'ễ' | 'ể' | 'ệ' => 'e',
        'ì'..='ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ố' | 'ồ' | 'ộ' | 'ơ' | 'ớ' | 'ờ' | 'ợ' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ư' | 'ứ' | 'ừ' | 'ự' => 'u',
        'ý' | 'ÿ' | 'ỳ' => 'y',
        'ł' => 'l',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'đ' => 'd',
        'ắ'..='ặ' | 'ấ'..='ậ' => 'a',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn calendar_months_clamp_to_month_end() {
        let d = Duration::parse("1 month").unwrap();
        assert_eq!(d.after(date(2026, 1, 31)), date(2026, 2, 28));
        assert_eq!(
            Duration::parse("2 years").unwrap().after(date(2028, 2, 29)),
            date(2030, 2, 28)
        );
    }

    #[test]
    fn durations_refuse_words() {
        assert!(Duration::parse("six months").is_none());
        assert!(Duration::parse("6 fortnights").is_none());
        assert_eq!(
            Duration::parse("18 Months").unwrap().to_string(),
            "18 months"
        );
    }

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slug("Zoë Nguyễn Bedside RN"), "zoe-nguyen-bedside-rn");
        assert_eq!(slug("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(slug("Ирина"), "plan");
    }
}

#[cfg(test)]
mod span_map_tests {
    use super::{Seg, SpanMap, segments};

    /// The steps of a path as text: `milestones`, `3` for `milestones[3]`; `None` if refused.
    fn steps(path: &str) -> Option<Vec<String>> {
        segments(path).map(|segs| {
            segs.iter()
                .map(|s| match s {
                    Seg::Field(f) => f.to_string(),
                    Seg::Item(i) => i.to_string(),
                })
                .collect()
        })
    }

    #[test]
    fn paths_split_into_fields_and_indexes_and_malformed_ones_are_refused() {
        assert_eq!(steps(""), Some(vec![]));
        assert_eq!(
            steps("milestones[3].after[0]"),
            Some(vec![
                "milestones".into(),
                "3".into(),
                "after".into(),
                "0".into()
            ])
        );
        assert_eq!(
            steps("capacity.roster.file"),
            Some(vec!["capacity".into(), "roster".into(), "file".into()])
        );
        assert_eq!(
            steps("grid[1][2]"),
            Some(vec!["grid".into(), "1".into(), "2".into()])
        );
        for bad in [
            "a..b", "a.", ".a", "[3]", "a[3", "a[x]", "a[]", "a[3]x", "a[-1]",
        ] {
            assert_eq!(steps(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_find_their_spans() {
        let mut m = SpanMap::default();
        m.insert("", 0..100);
        m.insert("milestones[3].after[1]", 5..9);
        m.insert("capacity.hours_per_week", 10..12);
        m.insert("person.skills[0].name", 1..2);
        assert_eq!(m.get("milestones[3].after[1]"), Some(5..9));
        assert_eq!(m.get("milestones[3].after[0]"), None);
        assert_eq!(m.get("milestones[3]"), None);
        assert_eq!(m.get("capacity.hours_per_week"), Some(10..12));
        assert_eq!(m.get("person.skills[0].name"), Some(1..2));
        assert_eq!(m.get(""), Some(0..100));
        for odd in [
            "a..b",
            "x[",
            "x[a]",
            "x[1]y",
            ".",
            "milestones[99999999999999999999]",
        ] {
            assert_eq!(m.get(odd), None, "{odd}");
            m.insert(odd, 0..1);
        }
        m.insert("milestones[4000000000]", 0..1);
        assert_eq!(m.get("milestones[4000000000]"), None);
        m.shift(3);
        assert_eq!(m.get("milestones[3].after[1]"), Some(8..12));
    }
}
