//! The carepath planning model.
//!
//! Data flows one way: bytes -> [`node`] tree -> [`Plan`] -> [`CheckedPlan`] -> schedule and
//! SMART -> resolved plan, which exporters turn into bytes. This crate is pure: it reads no files,
//! no clock and no terminal; the as-of date and everything else that varies comes in as
//! arguments.

pub mod calendar;
pub mod codes;
pub mod diag;
pub mod edit;
#[doc(hidden)]
pub mod generate;
pub mod message;
pub mod money;
pub mod node;
pub mod numbers;
pub mod plan;
pub mod read;
mod resolve;
pub mod resolved;
pub mod schedule;
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
    /// How a held credential renews, when the catalog knows it.
    fn renewal(&self, _credential: &str) -> Option<RenewalRule> {
        None
    }
    /// The gap between the person and the plan's target role (what the role needs, what the
    /// person holds, which milestones supply the rest), when the catalog knows the role.
    /// [`resolve`] calls it, so the resolved plan is finished when it is returned.
    fn gap(&self, _plan: &Plan) -> Option<Gap> {
        None
    }
}

/// A credential's renewal cycle, from the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct RenewalRule {
    pub every_months: u32,
    pub ce_hours: Option<f64>,
    pub source: String,
    pub verified: bool,
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
        assert_eq!(keys(&p["target"]), sorted(TARGET_FIELDS));
        assert_eq!(keys(&p["goals"]["items"]), sorted(GOAL_FIELDS));
        assert_eq!(keys(&s["$defs"]["measure"]), sorted(MEASURE_FIELDS));
        assert_eq!(keys(&p["milestones"]["items"]), sorted(MILESTONE_FIELDS));
        assert_eq!(keys(&p["progress"]["items"]), sorted(PROGRESS_FIELDS));
        assert_eq!(keys(&p["ce"]["items"]), sorted(CE_FIELDS));
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
