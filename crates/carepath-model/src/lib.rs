//! The carepath planning model.
//!
//! Data flows one way: bytes -> [`node`] tree -> [`Plan`] -> [`CheckedPlan`] -> schedule and
//! SMART -> resolved plan, which exporters turn into bytes. This crate is pure: it reads no files,
//! no clock and no terminal; the as-of date and everything else that varies comes in as
//! arguments.

pub mod calendar;
pub mod codes;
pub mod cohort;
pub mod credentials;
pub mod diag;
pub mod edit;
#[doc(hidden)]
pub mod generate;
pub mod message;
pub mod money;
pub mod network;
pub mod node;
pub mod numbers;
pub mod plan;
pub mod read;
pub mod redact;
mod resolve;
pub mod resolved;
pub mod roster;
pub mod schedule;
pub mod shifts;
pub mod smart;
pub mod suggest;
pub mod text;
mod validate;
pub mod words;

pub use diag::{Diagnostic, Severity, Source};
pub use plan::*;
pub use resolve::{findings, resolve};
pub use resolved::*;
pub use validate::CheckedPlan;

/// What the plan format knows of the healthcare catalog. The catalog crate implements it; the
/// model only asks.
pub trait Knowledge {
    fn has_role(&self, id: &str) -> bool;
    fn has_credential(&self, id: &str) -> bool;
    fn suggest_role(&self, _text: &str) -> Option<String> {
        None
    }
    fn suggest_credential(&self, _text: &str) -> Option<String> {
        None
    }
    /// The display name of a catalog role or credential.
    fn name_of(&self, _id: &str) -> Option<String> {
        None
    }
    /// The credential ids a role requires (for SMART's Relevant: a milestone that supplies one of
    /// them serves the target).
    fn role_requirements(&self, _role: &str) -> Vec<String> {
        Vec::new()
    }
    /// How a held credential renews, when the catalog knows it: the credential's rule with the
    /// override for `jurisdiction` (an ISO 3166 code such as `US-CA`, the credential's own or
    /// else `person.region`) applied when the catalog has one.
    fn renewal(&self, _credential: &str, _jurisdiction: Option<&str>) -> Option<RenewalRule> {
        None
    }
    /// The gap between the person and the plan's target role (what the role needs, what the
    /// person holds, which milestones supply the rest), when the catalog knows the role.
    /// [`resolve`] calls it, so the resolved plan is finished when it is returned.
    fn gap(&self, _plan: &Plan) -> Option<Gap> {
        None
    }
    /// The fastest route the catalog knows from the plan's current role to `role`, in the
    /// plan's region and with what the person holds (for SMART's Achievable: a goal cannot
    /// reach a role sooner than its route allows). `None` when there is no role, no route,
    /// or the person holds the role already.
    fn route_months(&self, _plan: &Plan, _role: &str) -> Option<RouteMonths> {
        None
    }
}

/// How long the fastest route to a role takes, as the catalog knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMonths {
    /// The sum of the steps' typical months.
    pub typical: u32,
    /// The sum of the steps' minimum months (typical where a step gives none).
    pub min: u32,
    /// The roles along the route, start and target included, by name.
    pub roles: Vec<String>,
}

/// How a credential renews: its cycle, how its expiry falls, and what a cycle requires. From the
/// catalog (or a user catalog), with a jurisdiction's override already applied. The engine in
/// `resolve` counts the CE log against it and plans the renewal work backwards from each expiry.
#[derive(Debug, Clone, PartialEq)]
pub struct RenewalRule {
    /// The cycle, in months (more than 0).
    pub months: u32,
    /// How the expiry falls, `months` after the cycle begins.
    pub expires: ExpiryRule,
    /// The CE total a cycle requires, in `ce_unit`; `None` when the rule takes no CE.
    pub ce_hours: Option<f64>,
    /// What the CE amount counts: "contact hours", "CERPs", "credits", "CEUs".
    pub ce_unit: String,
    /// Hours of work one unit of CE takes (1 for contact hours and CERPs, 10 for IACET CEUs):
    /// a renewal milestone's effort is what is missing times this.
    pub hours_per_unit: f64,
    /// The CE categories the rule knows, when it lists them: a CE activity in another category
    /// that counts for this credential is an error. Empty: any category is taken.
    pub categories: Vec<String>,
    /// At least this much CE of each category in a cycle (CCRN: A = 60).
    pub category_minimums: Vec<(String, f64)>,
    /// At least this many hours on a topic in a cycle; topic hours are inside the total (AANPCB:
    /// pharmacology = 25).
    pub topic_minimums: Vec<(String, f64)>,
    /// Hours worked in the role during the cycle.
    pub practice_hours: Option<f64>,
    /// Of the practice hours, at least `hours` in the cycle's last `months` months.
    pub practice_recent: Option<PracticeRecent>,
    /// The roles whose `person.experience` counts as practice; empty: every experience entry.
    pub practice_roles: Vec<String>,
    /// A renewal that is a course (BLS, ACLS) of this many hours instead of CE.
    pub course_hours: Option<f64>,
    /// Finish the renewal work this many days before the expiry (default 30).
    pub submit_before_days: u32,
    /// The jurisdiction whose override was applied, if one was.
    pub jurisdiction: Option<String>,
    /// Where the rule comes from, with its year: "AACN: CCRN renewal (2025)".
    pub source: String,
    /// Whether the rule was checked against its source; an unverified rule is marked as such
    /// wherever it is shown.
    pub verified: bool,
}

impl RenewalRule {
    /// A rule with a cycle and nothing else (no CE, no course), anniversary expiry, 30 days'
    /// margin: the base that catalogs fill in.
    pub fn every(months: u32, source: impl Into<String>, verified: bool) -> Self {
        RenewalRule {
            months,
            expires: ExpiryRule::Anniversary,
            ce_hours: None,
            ce_unit: "contact hours".into(),
            hours_per_unit: 1.0,
            categories: Vec::new(),
            category_minimums: Vec::new(),
            topic_minimums: Vec::new(),
            practice_hours: None,
            practice_recent: None,
            practice_roles: Vec::new(),
            course_hours: None,
            submit_before_days: DEFAULT_SUBMIT_BEFORE_DAYS,
            jurisdiction: None,
            source: source.into(),
            verified,
        }
    }

    /// Whether CE counts toward this rule (a total, or a category or topic minimum).
    pub fn takes_ce(&self) -> bool {
        self.ce_hours.is_some()
            || !self.category_minimums.is_empty()
            || !self.topic_minimums.is_empty()
    }

    /// Whether a CE category is one the rule knows (always, when it lists none).
    pub fn knows_category(&self, category: &str) -> bool {
        self.categories.is_empty()
            || self
                .categories
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case(category.trim()))
    }
}

/// The renewal margin when a rule names none: finish the work 30 days before the expiry.
pub const DEFAULT_SUBMIT_BEFORE_DAYS: u32 = 30;

/// How a credential's expiry falls, `months` after its cycle begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExpiryRule {
    /// On the same day of the month (the last day when the month is shorter).
    #[default]
    Anniversary,
    /// On the last day of that month (AHA cards).
    EndOfMonth,
}

/// Recent practice a rule requires: `hours` in the cycle's last `months` months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PracticeRecent {
    pub hours: f64,
    pub months: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// The format a file name's extension says, if any.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The result of reading and checking a plan: the checked plan when there were no errors, and
/// every finding (errors and warnings) in file order.
///
/// At most [`diag::MAX_KEPT`] findings are kept in `diagnostics`; any beyond that are counted by
/// code in `omitted`, so a hostile file cannot make a check hold millions of findings.
#[derive(Debug)]
pub struct Checked {
    pub plan: Option<CheckedPlan>,
    pub diagnostics: Vec<Diagnostic>,
    /// Findings counted but not kept.
    pub omitted: diag::Omitted,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.omitted.errors() > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Errors found, kept or only counted.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count() + self.omitted.errors()
    }

    /// Warnings found, kept or only counted.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count() + self.omitted.warnings()
    }
}

/// Reads plan bytes in the given format and checks them.
pub fn check(bytes: &[u8], format: Format, knowledge: Option<&dyn Knowledge>) -> Checked {
    let fail = |d: Diagnostic| Checked {
        plan: None,
        diagnostics: vec![d],
        omitted: diag::Omitted::default(),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            return fail(
                Diagnostic::error(codes::NOT_UTF8, "this file is not UTF-8 text; a plan is a text file")
                    .at(Some(at..at + 1), "")
                    .label(format!("byte {at} is not UTF-8"))
                    .hint("save the plan as UTF-8 text (any editor's \"Save as… UTF-8\"), not as a word-processor document"),
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').map_or(text, |t| t);
    let offset = bytes.len() - text.len();
    if text.trim().is_empty() {
        return fail(
            Diagnostic::error(codes::EMPTY_FILE, "this plan file is empty")
                .at(Some(0..0), "")
                .hint("start from `carepath init`, or copy the example in docs/plan-format.md"),
        );
    }
    let parsed = match format {
        Format::Toml => node::parse_toml(text),
        Format::Json => node::parse_json(text),
    };
    let root = match parsed {
        Ok(n) => n,
        Err(e) => {
            let mut d =
                Diagnostic::error(codes::SYNTAX, e.message).at(Some(shift(e.span, offset)), "");
            if let Some(h) = e.hint {
                d = d.hint(h);
            }
            return fail(d);
        }
    };
    let mut reader = read::Reader::new();
    let plan = reader.plan(&root);
    let mut diags = reader.diags;
    let mut spans = reader.spans;
    if offset > 0 {
        spans.shift(offset);
        for d in &mut diags.kept {
            d.span = d.span.take().map(|s| shift(s, offset));
        }
    }
    let checked = match plan {
        Some(mut plan) => {
            plan.spans = spans;
            validate::validate(plan, knowledge, &mut diags)
        }
        _ => None,
    };
    let diag::Collector {
        kept: mut diagnostics,
        omitted,
        ..
    } = diags;
    diagnostics.sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.severity));
    Checked {
        plan: checked,
        diagnostics,
        omitted,
    }
}

fn shift(s: node::Span, by: usize) -> node::Span {
    s.start + by..s.end + by
}

/// The JSON Schema of the plan format (`carepath schema`).
pub const SCHEMA: &str = include_str!("../schema/plan.schema.json");

#[cfg(test)]
mod schema_tests {
    use super::read::*;
    use serde_json::Value;

    fn keys(v: &Value) -> Vec<String> {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    }

    fn sorted(f: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    /// The schema and the reader must accept exactly the same fields.
    #[test]
    fn schema_fields_match_the_reader() {
        let s: Value = serde_json::from_str(super::SCHEMA).unwrap();
        let p = &s["properties"];
        assert_eq!(keys(&s), sorted(TOP_FIELDS));
        assert_eq!(keys(&p["person"]), sorted(PERSON_FIELDS));
        assert_eq!(
            keys(&p["person"]["properties"]["skills"]["items"]),
            sorted(SKILL_FIELDS)
        );
        assert_eq!(
            keys(&p["person"]["properties"]["experience"]["items"]),
            sorted(EXPERIENCE_FIELDS)
        );
        assert_eq!(keys(&p["capacity"]), sorted(CAPACITY_FIELDS));
        assert_eq!(
            keys(&p["capacity"]["properties"]["breaks"]["items"]),
            sorted(BREAK_FIELDS)
        );
        let cap = &p["capacity"]["properties"];
        assert_eq!(keys(&cap["rotation"]), sorted(ROTATION_FIELDS));
        assert_eq!(
            keys(&cap["rotation"]["properties"]["shifts"]["additionalProperties"]),
            sorted(ROTATION_SHIFT_FIELDS)
        );
        assert_eq!(keys(&cap["roster"]), sorted(ROSTER_FIELDS));
        assert_eq!(keys(&p["target"]), sorted(TARGET_FIELDS));
        assert_eq!(keys(&p["goals"]["items"]), sorted(GOAL_FIELDS));
        assert_eq!(keys(&s["$defs"]["measure"]), sorted(MEASURE_FIELDS));
        assert_eq!(keys(&p["milestones"]["items"]), sorted(MILESTONE_FIELDS));
        assert_eq!(keys(&p["progress"]["items"]), sorted(PROGRESS_FIELDS));
        assert_eq!(keys(&p["ce"]["items"]), sorted(CE_FIELDS));
        assert_eq!(keys(&p["people"]["items"]), sorted(PEOPLE_FIELDS));
        assert_eq!(
            keys(&p["person"]["properties"]["credentials"]["items"]["oneOf"][1]),
            sorted(CREDENTIAL_FIELDS)
        );
        let kinds: Vec<&str> = p["milestones"]["items"]["properties"]["kind"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let ours: Vec<&str> = super::Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, ours);
    }
}
