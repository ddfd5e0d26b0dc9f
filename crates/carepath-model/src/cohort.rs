//! One resolved plan as a line of a cohort: what a nurse educator or a manager reads about each
//! person of a roster (`carepath cohort`, docs/cohort.md), and the credential cycles that expire
//! soon. Pure, like the rest of the model: the CLI reads the roster and the files, resolves each
//! plan and writes the tables; this module only says what a plan's line holds.
//!
//! The plan's status, first match wins (renewal milestones are left out of every count: they
//! are carepath's, not the person's):
//! - `done`: it has milestones and every one is done;
//! - `late`: the forecast misses `target.by` (without a target: a milestone is late);
//! - `at-risk`: a milestone or a goal is late or at risk, or a credential is at risk or lapsed;
//! - `on-track`: everything else.
//!
//! A plan that does not check is `invalid` (the CLI says so; there is no resolved plan for it).

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::days_between;
use crate::resolved::{CredentialCycle, CredentialState, CredentialStatus, ResolvedPlan, Status};

/// A plan's status in a cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum PlanStatus {
    Done,
    OnTrack,
    AtRisk,
    Late,
    Invalid,
}

impl PlanStatus {
    /// Every status, in the order the dashboard counts them.
    pub const ALL: [PlanStatus; 5] = [
        PlanStatus::OnTrack,
        PlanStatus::Done,
        PlanStatus::AtRisk,
        PlanStatus::Late,
        PlanStatus::Invalid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Done => "done",
            PlanStatus::OnTrack => "on-track",
            PlanStatus::AtRisk => "at-risk",
            PlanStatus::Late => "late",
            PlanStatus::Invalid => "invalid",
        }
    }
}

/// What a cohort line says about one resolved plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The person's current role: the catalog's name, else as written.
    pub current_role: Option<String>,
    pub target_role: Option<String>,
    pub target_by: Option<Date>,
    /// When the forecast finishes the plan.
    pub forecast_finish: Date,
    /// Forecast finish minus `target.by`, in days: positive is late, negative is to spare.
    pub days_late: Option<i64>,
    pub status: PlanStatus,
    /// The mean SMART score of the goals (0 to 5), to 2 decimals; `None` without goals.
    pub smart_average: Option<f64>,
    pub milestones_done: usize,
    pub milestones_total: usize,
    /// Work done, weighted by effort (by count when no milestone has effort), 0 to 100.
    pub percent: f64,
    /// The credential that expires first (a lapsed one included): its name.
    pub next_expiry_credential: Option<String>,
    pub next_expiry_date: Option<Date>,
    /// The CE total still to earn in that credential's current cycle, in its rule's unit.
    pub ce_remaining: Option<f64>,
}

/// One credential cycle that expires soon (or has lapsed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expiry {
    /// The credential's id and name.
    pub id: String,
    pub credential: String,
    pub expires: Date,
    /// Days from the as-of date to the expiry; negative once lapsed.
    pub days_left: i64,
    pub status: CredentialState,
    pub ce_remaining: Option<f64>,
    pub renewal_forecast_finish: Option<Date>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0 + 0.0
}

/// The CE total left in a cycle, when its rule counts a total.
fn ce_left(cycle: &CredentialCycle) -> Option<f64> {
    cycle
        .requirements
        .iter()
        .find(|r| r.requirement == "total")
        .map(|r| round2(r.remaining))
}

/// The line of a resolved plan.
pub fn summarize(plan: &ResolvedPlan) -> Summary {
    let s = &plan.schedule;
    let own: Vec<_> = s.milestones.iter().filter(|m| !m.renewal).collect();
    let done = own.iter().filter(|m| m.status == Status::Done).count();
    let effort: f64 = own.iter().map(|m| m.effort_hours.max(0.0)).sum();
    let percent = if own.is_empty() {
        0.0
    } else if effort > 0.0 {
        own.iter()
            .map(|m| m.percent * m.effort_hours.max(0.0))
            .sum::<f64>()
            / effort
    } else {
        own.iter().map(|m| m.percent).sum::<f64>() / own.len() as f64
    };
    let any =
        |st: Status| own.iter().any(|m| m.status == st) || s.goals.iter().any(|g| g.status == st);
    let credential_trouble = s
        .credentials
        .iter()
        .any(|c| matches!(c.status, CredentialState::AtRisk | CredentialState::Lapsed));
    let status = if !own.is_empty() && done == own.len() {
        PlanStatus::Done
    } else if match &s.target {
        Some(t) => !t.met,
        None => own.iter().any(|m| m.status == Status::Late),
    } {
        PlanStatus::Late
    } else if any(Status::Late) || any(Status::AtRisk) || credential_trouble {
        PlanStatus::AtRisk
    } else {
        PlanStatus::OnTrack
    };
    let forecast_finish = s.target.as_ref().map_or(s.finish.finish, |t| t.finish);
    let smart_average = (!s.goals.is_empty()).then(|| {
        round2(s.goals.iter().map(|g| f64::from(g.score)).sum::<f64>() / s.goals.len() as f64)
    });
    let next: Option<&CredentialStatus> = s
        .credentials
        .iter()
        .filter(|c| c.expires.is_some())
        .min_by_key(|c| c.expires);
    Summary {
        current_role: plan
            .plan
            .person
            .role
            .as_deref()
            .map(|r| plan.display_name(r).to_string()),
        target_role: s
            .target
            .as_ref()
            .map(|t| plan.display_name(&t.role).to_string()),
        target_by: s.target.as_ref().map(|t| t.by),
        forecast_finish,
        days_late: s
            .target
            .as_ref()
            .map(|t| days_between(t.by, forecast_finish)),
        status,
        smart_average,
        milestones_done: done,
        milestones_total: own.len(),
        percent: round2(percent.clamp(0.0, 100.0)),
        next_expiry_credential: next.map(|c| c.name.clone()),
        next_expiry_date: next.and_then(|c| c.expires),
        ce_remaining: next.and_then(|c| c.cycles.first()).and_then(ce_left),
    }
}

/// Every credential cycle of the plan that expires within `days` days of the as-of date, or has
/// lapsed, in date order (then credential order).
pub fn expiries(plan: &ResolvedPlan, days: i64) -> Vec<Expiry> {
    let mut out = Vec::new();
    for c in &plan.schedule.credentials {
        for cycle in &c.cycles {
            let left = days_between(plan.as_of, cycle.expires);
            if left > days {
                continue;
            }
            out.push(Expiry {
                id: c.id.clone(),
                credential: c.name.clone(),
                expires: cycle.expires,
                days_left: left,
                status: c.status,
                ce_remaining: ce_left(cycle),
                renewal_forecast_finish: cycle.forecast_finish,
            });
        }
    }
    out.sort_by_key(|e| e.expires);
    out
}

/// One person of a roster: who they are, where they work, and their plan's line (none when the
/// plan is invalid or missing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The plan's path as the roster gives it.
    pub plan: String,
    /// The person's name, or the pseudonym with `--redact`; empty for an invalid plan.
    pub person: String,
    pub unit: String,
    pub group: String,
    /// The roster's other columns (manager, and any of its own), in [`Cohort::extra_columns`]
    /// order.
    #[serde(skip)]
    pub extra: Vec<String>,
    #[serde(flatten)]
    pub summary: Option<Summary>,
    #[serde(skip)]
    pub expiries: Vec<Expiry>,
    pub errors: usize,
    pub warnings: usize,
    /// Every credential of the plan, for `cohort.jsonl`.
    #[serde(skip)]
    pub credentials: Vec<CredentialStatus>,
}

impl Member {
    pub fn status(&self) -> PlanStatus {
        self.summary
            .as_ref()
            .map_or(PlanStatus::Invalid, |s| s.status)
    }
}

/// One finding of a plan with errors, where it is: for `problems.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub plan: String,
    /// 1-based; `None` for a finding about the file as a whole (a missing file).
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub code: String,
    pub message: String,
}

/// A whole roster, in roster order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cohort {
    /// The names of the roster's other columns.
    pub extra_columns: Vec<String>,
    pub members: Vec<Member>,
    pub problems: Vec<Problem>,
}

/// One row of `expiries.csv`: an expiry and whose it is.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortExpiry<'a> {
    pub member: &'a Member,
    pub expiry: &'a Expiry,
}

impl Cohort {
    /// Every expiry of the cohort, by date, then roster order, then credential.
    pub fn expiries(&self) -> Vec<CohortExpiry<'_>> {
        let mut out: Vec<(usize, CohortExpiry<'_>)> = self
            .members
            .iter()
            .enumerate()
            .flat_map(|(i, m)| {
                m.expiries.iter().map(move |e| {
                    (
                        i,
                        CohortExpiry {
                            member: m,
                            expiry: e,
                        },
                    )
                })
            })
            .collect();
        out.sort_by(|(i, a), (j, b)| {
            (a.expiry.expires, *i, &a.expiry.id).cmp(&(b.expiry.expires, *j, &b.expiry.id))
        });
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// How many people of each unit have each status, units in name order (the empty unit
    /// last, as "no unit").
    pub fn by_unit(&self) -> Vec<(String, [usize; 5])> {
        let mut units: std::collections::BTreeMap<(bool, &str), [usize; 5]> = Default::default();
        for m in &self.members {
            let counts = units.entry((m.unit.is_empty(), &m.unit)).or_default();
            let k = PlanStatus::ALL
                .iter()
                .position(|s| *s == m.status())
                .unwrap_or(4);
            counts[k] += 1;
        }
        units
            .into_iter()
            .map(|((_, u), c)| (u.to_string(), c))
            .collect()
    }
}

/// The pseudonym of the `index`-th plan (from 0) in path order: `P001`, `P002`, … (`P1000` on).
pub fn pseudonym(index: usize) -> String {
    format!("P{:03}", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, check, resolve};
    use jiff::civil::date;

    const PLAN: &str = "format = 1\ntitle = \"T\"\nstart = 2026-01-05\n[person]\nname = \"A B\"\ncredentials = [{ id = \"bls\", earned = 2025-01-10, expires = 2027-01-31 }, { id = \"x\", expires = 2026-10-01 }]\n[capacity]\nhours_per_week = 5\n[target]\nrole = \"rn\"\nby = 2026-03-01\n[[milestones]]\nid = \"a\"\ntitle = \"Pass the exam\"\nkind = \"exam\"\neffort_hours = 40\n[[milestones]]\nid = \"b\"\ntitle = \"B\"\nkind = \"training\"\neffort_hours = 10\ndone = 2026-02-01\n";

    fn resolved(as_of: Date) -> ResolvedPlan {
        let c = check(PLAN.as_bytes(), Format::Toml, None);
        let p = c
            .plan
            .unwrap_or_else(|| panic!("the test plan checks: {:?}", c.diagnostics));
        resolve(&p, as_of, None)
    }

    #[test]
    fn a_plan_that_misses_its_target_is_late_and_counts_its_work() {
        let r = resolved(date(2026, 11, 22));
        let s = summarize(&r);
        assert_eq!(s.status, PlanStatus::Late);
        assert_eq!((s.milestones_done, s.milestones_total), (1, 2));
        assert_eq!(s.percent, 20.0, "10 of 50 hours of effort done");
        assert!(s.days_late.is_some_and(|d| d > 0));
        assert_eq!(s.smart_average, None);
        assert_eq!(s.next_expiry_date, Some(date(2026, 10, 1)));
        assert_eq!(s.next_expiry_credential.as_deref(), Some("x"));
    }

    #[test]
    fn expiries_within_the_window_and_lapsed_ones_in_date_order() {
        let r = resolved(date(2026, 11, 22));
        let e = expiries(&r, 90);
        let got: Vec<(&str, i64)> = e.iter().map(|e| (e.id.as_str(), e.days_left)).collect();
        assert_eq!(got, [("x", -52), ("bls", 70)]);
        assert_eq!(e[0].status, CredentialState::Lapsed);
        assert_eq!(expiries(&r, 30).len(), 1, "BLS is 70 days away");
    }

    #[test]
    fn pseudonyms_count_from_one() {
        assert_eq!(pseudonym(0), "P001");
        assert_eq!(pseudonym(998), "P999");
        assert_eq!(pseudonym(999), "P1000");
    }
}
