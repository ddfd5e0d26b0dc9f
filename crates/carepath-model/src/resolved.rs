//! The resolved plan: the plan as read, its baseline and forecast schedules, SMART results,
//! progress and the catalog's gap analysis. It is computed once by the core; every exporter and
//! external plugin receives exactly this (serialised as the JSON document of docs/exporters.md).

use jiff::civil::Date;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::message::{Form, Message};
use crate::plan::{Kind, Plan};

/// The version of the export document. Additive changes keep it; a breaking change bumps it.
pub const DOCUMENT_VERSION: &str = "1";

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedPlan {
    /// The export document's version (`"1"`).
    pub carepath: &'static str,
    pub as_of: Date,
    /// The plan's stable id (as written, or derived from the name and title).
    pub plan_id: String,
    pub plan: Plan,
    pub schedule: Schedule,
    /// What the person lacks for the target role, when the catalog knows it.
    pub gap: Option<Gap>,
    /// Display names of the catalog roles and credentials the plan mentions, by id
    /// (`acute-care-np` -> "Acute care nurse practitioner (adult-gerontology)").
    pub names: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub milestones: Vec<ScheduledMilestone>,
    pub goals: Vec<GoalResult>,
    pub weekly_load: Vec<WeekLoad>,
    pub progress: Vec<ProgressRow>,
    pub renewals: Vec<Renewal>,
    /// The credentials that renew or carry dates: held ones written with dates or a
    /// jurisdiction, held ones the catalog has a renewal rule for, and those a milestone earns.
    /// Left out of the document when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub credentials: Vec<CredentialStatus>,
    pub target: Option<TargetResult>,
    /// When the last milestone finishes, in each schedule.
    pub finish: Window,
    pub totals: Totals,
    /// Plain-language explanations of what is late and why, in milestone order.
    pub explanations: Vec<Explanation>,
    /// For a plan with shifts: the warnings about them (W021, W022) and about its roster file
    /// (W030-W032), in that order. Left out of the document when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shift_warnings: Vec<crate::roster::ShiftWarning>,
    /// The person's network (`[[people]]`): overdue contacts first. Left out of the document
    /// when the plan has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonStatus>,
}

/// One occurrence of a recurring milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OccurrenceRow {
    /// The day of the occurrence: its period runs from here to `period_end`.
    pub date: Date,
    /// The day it was logged done.
    pub done: Option<Date>,
    /// When the forecast has its work done; none when it is done, or missed (its period ended
    /// before the as-of date without it). Later than `period_end`: late.
    pub forecast: Option<Date>,
    /// The last day of its period (the day before the next occurrence).
    pub period_end: Date,
}

impl OccurrenceRow {
    /// Its period ended before `as_of` and nothing was logged for it.
    pub fn missed(&self) -> bool {
        self.done.is_none() && self.forecast.is_none()
    }

    /// The forecast cannot place it in its period.
    pub fn late(&self) -> bool {
        self.forecast.is_some_and(|f| f > self.period_end)
    }
}

/// One person of the network, with their contacts as of the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct PersonStatus {
    pub id: String,
    /// Private (docs/privacy.md): `contact 1`, … in a redacted plan.
    pub name: String,
    pub relation: crate::plan::Relation,
    pub role: Option<String>,
    pub met: Option<Date>,
    pub keep_in_touch: Option<crate::plan::Duration>,
    /// The latest progress entry `with` them, or of a milestone `with` them.
    pub last_contact: Option<Date>,
    /// The last contact (else `met`) plus `keep_in_touch`.
    pub next_contact: Option<Date>,
    /// The next contact is before the as-of date.
    pub overdue: bool,
    /// The milestones `with` them, in file order.
    pub milestones: Vec<String>,
    /// Private: left out of a redacted plan.
    pub note: Option<String>,
}

/// A start and a finish day, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub start: Date,
    pub finish: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Done,
    OnTrack,
    AtRisk,
    Late,
    NotStarted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::Late => "late",
            Status::NotStarted => "not-started",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScheduledMilestone {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub goal: Option<String>,
    pub due: Option<Date>,
    pub baseline: Window,
    pub forecast: Window,
    /// Forecast finish minus due date in days: positive is late, negative is slack. None without
    /// a due date.
    pub late_days: Option<i64>,
    pub status: Status,
    /// 0 to 100.
    pub percent: f64,
    /// Where the baseline says it should be on the as-of date, 0 to 100.
    pub expected_percent: f64,
    /// On the chain of milestones that decides when the plan finishes.
    pub critical: bool,
    pub effort_hours: f64,
    /// Development hours still to work in the forecast.
    pub remaining_hours: f64,
    pub cost: Option<f64>,
    /// Logged amount so far, in `unit`.
    pub logged: f64,
    /// The unit progress is logged in: the measure's unit, else "hours".
    pub unit: String,
    /// A renewal milestone carepath planned for a credential's cycle (not in the plan file).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub renewal: bool,
    /// The credential a renewal milestone renews.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
    /// A recurring milestone's interval. Left out of the document for a one-off milestone, as
    /// are `until` and `occurrences`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every: Option<crate::plan::Duration>,
    /// The last day an occurrence may fall on (as written, or as carepath took it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// A recurring milestone's occurrences, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<OccurrenceRow>,
}

/// One SMART criterion of a goal: whether it passes, and why.
///
/// `reason` is the why alone; the verdict ("passes: ", "fails: ") comes from `pass`, here and
/// nowhere else. The JSON document has `{"pass": …, "reason": "fails: …"}`: the verdict and the
/// reason's terminal text ([`Criterion::terminal`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub pass: bool,
    pub reason: Message,
}

impl Criterion {
    pub fn passes(reason: impl Into<Message>) -> Self {
        Criterion {
            pass: true,
            reason: reason.into(),
        }
    }

    pub fn fails(reason: impl Into<Message>) -> Self {
        Criterion {
            pass: false,
            reason: reason.into(),
        }
    }

    /// "passes" or "fails".
    pub fn verdict(&self) -> &'static str {
        if self.pass { "passes" } else { "fails" }
    }

    /// The verdict and the reason: "fails: `ccrn-exam` would finish after its own due date".
    pub fn terminal(&self) -> String {
        self.render(Form::Terminal)
    }

    /// The verdict and the reason for a document: "fails: “Pass the CCRN exam” would finish
    /// after its own due date".
    pub fn document(&self) -> String {
        self.render(Form::Document)
    }

    pub fn render(&self, form: Form) -> String {
        let mut out = String::with_capacity(80);
        out.push_str(self.verdict());
        out.push_str(": ");
        self.reason.write_to(form, &mut out);
        out
    }
}

impl Serialize for Criterion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Criterion", 2)?;
        st.serialize_field("pass", &self.pass)?;
        st.serialize_field("reason", &self.terminal())?;
        st.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Smart {
    pub specific: Criterion,
    pub measurable: Criterion,
    pub achievable: Criterion,
    pub relevant: Criterion,
    pub time_bound: Criterion,
}

impl Smart {
    /// The five criteria in SMART order, with their names.
    pub fn criteria(&self) -> [(&'static str, &Criterion); 5] {
        [
            ("specific", &self.specific),
            ("measurable", &self.measurable),
            ("achievable", &self.achievable),
            ("relevant", &self.relevant),
            ("time_bound", &self.time_bound),
        ]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalResult {
    pub id: String,
    pub title: String,
    pub due: Option<Date>,
    /// Forecast finish of its last milestone; None when it has no milestones.
    pub finish: Option<Date>,
    pub status: Status,
    /// Criteria passed, 0 to 5.
    pub score: u8,
    pub smart: Smart,
    /// Mean percent of its milestones, 0 to 100.
    pub percent: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekLoad {
    /// The Monday of the week.
    pub week: Date,
    pub baseline_hours: f64,
    /// None for weeks before the as-of week.
    pub forecast_hours: Option<f64>,
    /// Hours of the shifts that start in the week; only for a plan with shifts (a rotation or a
    /// roster), so other plans serialise as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift_hours: Option<f64>,
    /// Days of the week free of shifts, nights' ends and breaks; only for a plan with shifts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_days: Option<u32>,
    /// Shift hours plus the forecast's development hours (the baseline's before the as-of
    /// week); only for a plan with shifts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_hours: Option<f64>,
    /// Which days of the week are free (bit 0 Monday … bit 6 Sunday), for `show`; not in the
    /// JSON (its `free_days` counts them). 0 for a plan without shifts.
    #[serde(skip)]
    pub free_mask: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressRow {
    pub date: Date,
    pub milestone: String,
    pub amount: f64,
    pub unit: String,
    /// Running total for the milestone, up to and including this entry.
    pub total: f64,
    /// The running total as percent of the milestone's target, capped at 100.
    pub percent: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Renewal {
    pub credential: String,
    pub name: String,
    pub due: Date,
    pub ce_hours: Option<f64>,
    pub every_months: u32,
    pub source: String,
    pub verified: bool,
}

/// A credential the person holds (or earns by a milestone), its cycles in the horizon and its
/// status on the as-of date.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CredentialStatus {
    pub id: String,
    /// The catalog's name, else the id.
    pub name: String,
    /// As written, else `person.region` when the catalog's rule has an override for it.
    pub jurisdiction: Option<String>,
    /// As written; for a credential earned by a milestone, that milestone's forecast finish.
    pub earned: Option<Date>,
    /// The end of the current cycle: as written, else `earned` plus the catalog's cycle; `None`
    /// when neither is known.
    pub expires: Option<Date>,
    pub status: CredentialState,
    /// The milestone that earns it, when the person does not hold it yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earned_by: Option<String>,
    /// Where the renewal rule comes from, and whether it was checked; `None` without a rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleSource>,
    /// The current cycle and every later one that ends inside the horizon, in date order.
    pub cycles: Vec<CredentialCycle>,
    /// What needs attention, when the status is not `current` (or `unknown`, which `check`
    /// warns about on its own): what is missing and what would fix it. Serialised as its
    /// terminal text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attention: Option<Message>,
}

/// Where a renewal rule comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RuleSource {
    /// "AACN: CCRN renewal (2025)".
    pub source: String,
    pub verified: bool,
    /// The jurisdiction whose override the rule is, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The cycle in months.
    pub months: u32,
    /// The unit CE is counted in ("contact hours", "CERPs").
    pub unit: String,
}

/// One renewal cycle of a credential: `start..=expires`, what it requires and what counts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CredentialCycle {
    /// The first day of the cycle (the day after the previous expiry, or the day it was earned);
    /// `None` for a credential with an expiry but no rule and no `earned` date.
    pub start: Option<Date>,
    /// The last day it is valid.
    pub expires: Date,
    /// The day the renewal work should be finished: `expires` minus the rule's margin.
    pub submit_by: Date,
    pub requirements: Vec<Requirement>,
    /// The id of the renewal milestone planned for this cycle, if one is.
    pub renewal_milestone: Option<String>,
    /// When the forecast finishes that milestone.
    pub forecast_finish: Option<Date>,
}

/// One requirement of a cycle, counted against the CE log (or the experience, for practice).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Requirement {
    /// `total`, `category:A`, `topic:pharmacology`, `practice`, `practice-recent` or `course`.
    pub requirement: String,
    pub required: f64,
    /// What the CE log (practice: the experience, up to the as-of date) gives the cycle.
    pub counted: f64,
    /// `required - counted`, at least 0.
    pub remaining: f64,
    /// Whether it is met on the as-of date.
    pub met: bool,
    /// The unit of the three amounts: the rule's CE unit, or "hours" for practice and courses.
    pub unit: String,
    /// Practice only: the hours the experience gives by the expiry, the as-of date's counted
    /// hours included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<f64>,
}

/// A credential's state on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialState {
    /// Valid for more than 90 more days, and its renewal fits.
    Current,
    /// Expires within 90 days (the expiry day itself included).
    DueSoon,
    /// Its renewal milestone is forecast to finish after the submission date (or cannot be
    /// scheduled), or its practice hours fall short by the expiry.
    AtRisk,
    /// Expired before the as-of date and not renewed.
    Lapsed,
    /// No expiry written and none known from the catalog.
    Unknown,
}

impl CredentialState {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialState::Current => "current",
            CredentialState::DueSoon => "due-soon",
            CredentialState::AtRisk => "at-risk",
            CredentialState::Lapsed => "lapsed",
            CredentialState::Unknown => "unknown",
        }
    }

    /// Whether `check`, `show` and `status` point it out.
    pub fn needs_attention(self) -> bool {
        self != CredentialState::Current
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    pub role: String,
    pub by: Date,
    /// Forecast finish of the whole plan.
    pub finish: Date,
    pub met: bool,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Totals {
    pub effort_hours: f64,
    pub remaining_hours: f64,
    pub cost: f64,
    pub milestones: usize,
    pub done: usize,
}

/// Why a milestone is late or cannot be scheduled, and what would help. Its `text` serialises as
/// its terminal text.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub milestone: String,
    pub text: Message,
}

/// The gap between the person and the target role, from the catalog.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub target_role: String,
    pub target_name: String,
    pub items: Vec<GapItem>,
    /// The fastest route through the career ladder from the current role, when one is known.
    pub path: Vec<PathStep>,
    /// The current role with its pay, where the path starts (no months or cost), when the
    /// catalog knows the role and a route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PathStep>,
    /// The target and the plan's `target.alternatives` side by side (the PDF's "Options
    /// considered"); empty without alternatives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<RoleOption>,
}

/// A role weighed in the plan (the target or one of `target.alternatives`), as the catalog
/// knows it for the person's region.
#[derive(Debug, Clone, Serialize)]
pub struct RoleOption {
    pub role: String,
    pub name: String,
    /// Whether this is the plan's target role.
    pub target: bool,
    /// "CA$78,000 a year, CA-ON ...", with "(no figure for CA-ON; the US figure is shown)"
    /// when the figure is another region's; `None`: no pay known.
    pub pay_text: Option<String>,
    pub outlook_text: Option<String>,
    pub entry_education: Option<String>,
    /// The credentials the role requires in the region, by short name.
    pub credentials: Vec<String>,
    /// From the current role along the fastest route: "24 months", "36 months, 2 steps",
    /// "no route from ...".
    pub route_text: Option<String>,
    pub clinical: bool,
    pub shift_work: bool,
    pub settings: Vec<String>,
    pub values: Vec<String>,
    /// Labels of the sources cited.
    pub sources: Vec<String>,
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapItem {
    /// credential, experience or education
    pub kind: String,
    pub id: String,
    pub name: String,
    /// What the role needs, in words ("1,750 direct-care hours within 24 months").
    pub requirement: String,
    pub held: bool,
    /// Milestones of the plan that supply it.
    pub covered_by: Vec<String>,
    pub source: String,
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathStep {
    pub role: String,
    pub name: String,
    pub months: Option<f64>,
    pub cost: Option<f64>,
    /// The cost's currency (ISO 4217), when there is a cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_currency: Option<String>,
    pub median_pay: Option<f64>,
    /// The pay figure's currency (ISO 4217: "USD", "CAD", "GBP").
    pub pay_currency: Option<String>,
    /// The pay figure's region (ISO 3166: "US", "CA-ON", "GB").
    pub pay_region: Option<String>,
    /// What the figure is and where from: "US median, BLS May 2024", with "(proxy)" and
    /// "(unverified)" when so and, for another region's figure, "; no figure for CA-ON; the US
    /// figure is shown".
    pub pay_source: Option<String>,
    pub verified: bool,
}

impl ResolvedPlan {
    /// The catalog's name for a role or credential id; free text comes back as written.
    pub fn display_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// Work in the forecast that is under way or starts within `days` of the as-of date.
    pub fn next_actions(&self, days: i64) -> Vec<&ScheduledMilestone> {
        let horizon = self.as_of.saturating_add(jiff::Span::new().days(days));
        let mut v: Vec<&ScheduledMilestone> = self
            .schedule
            .milestones
            .iter()
            .filter(|m| {
                m.status != Status::Done
                    && m.forecast.start <= horizon
                    && m.forecast.finish >= self.as_of
            })
            .collect();
        v.sort_by_key(|m| (m.forecast.start, m.forecast.finish));
        v
    }

    /// The milestone of the plan behind a scheduled one (same index).
    pub fn milestone_notes(&self, index: usize) -> Option<&str> {
        self.plan
            .milestones
            .get(index)
            .and_then(|m| m.notes.as_deref())
    }
}
