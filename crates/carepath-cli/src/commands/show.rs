//! `carepath show` and `carepath status`: the plan and its progress in the terminal.

use std::io::Write;
use std::path::Path;

use carepath_model::ResolvedPlan;

use crate::args::OutputFormat;
use crate::session::{Env, Outcome, emit, json, load_resolved, render_options};

pub fn show(env: &Env, plan: &Path, out: &mut dyn Write) -> Outcome {
    let (_, resolved) = load_resolved(env, plan)?;
    emit(out, &crate::render::show(&resolved, &render_options(env)))
}

pub fn status(env: &Env, plan: &Path, out: &mut dyn Write) -> Outcome {
    let (_, resolved) = load_resolved(env, plan)?;
    match env.format {
        OutputFormat::Json => emit(out, &json(&status_json(&resolved))?),
        OutputFormat::Text => emit(out, &crate::render::status(&resolved, &render_options(env))),
    }
}

fn status_json(r: &ResolvedPlan) -> serde_json::Value {
    serde_json::json!({
        "as_of": r.as_of,
        "plan_id": r.plan_id,
        "target": r.schedule.target,
        "finish": r.schedule.finish,
        "totals": r.schedule.totals,
        "milestones": r.schedule.milestones,
        "goals": r.schedule.goals,
    })
}
