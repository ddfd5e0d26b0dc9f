//! Builds the resolved plan (being written).

use jiff::civil::Date;

use crate::{CheckedPlan, Diagnostic, Knowledge, ResolvedPlan};

/// Schedules a checked plan (baseline and forecast), judges its goals and tracks progress.
pub fn resolve(_plan: &CheckedPlan, _as_of: Date, _knowledge: Option<&dyn Knowledge>) -> ResolvedPlan {
    unimplemented!("the planning engine is being written")
}

/// Warnings for `check`: late milestones and failed SMART criteria, located in the plan file.
pub fn findings(_plan: &CheckedPlan, _resolved: &ResolvedPlan) -> Vec<Diagnostic> {
    Vec::new()
}
