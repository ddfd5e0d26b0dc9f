//! `carepath show`, `carepath status` and `carepath credentials`: the plan, its progress and its
//! credentials in the terminal. `show` and `status` end with the credentials that need
//! attention.

use std::io::Write;
use std::path::Path;

use carepath_model::ResolvedPlan;

use crate::args::OutputFormat;
use crate::session::{Env, Outcome, emit, json, load_resolved, render_options};

pub fn show(env: &Env, plan: &Path, out: &mut dyn Write) -> Outcome {
    let (_, resolved) = load_resolved(env, plan)?;
    let o = render_options(env);
    emit(
        out,
        &(crate::render::show(&resolved, &o) + &crate::render::attention(&resolved, &o)),
    )
}

pub fn credentials(env: &Env, plan: &Path, out: &mut dyn Write) -> Outcome {
    let (_, resolved) = load_resolved(env, plan)?;
    match env.format {
        OutputFormat::Json => emit(
            out,
            &json(&serde_json::json!({
                "as_of": resolved.as_of,
                "plan_id": resolved.plan_id,
                "credentials": resolved.schedule.credentials,
            }))?,
        ),
        OutputFormat::Text => emit(
            out,
            &crate::render::credentials(&resolved, &render_options(env)),
        ),
    }
}

pub fn status(env: &Env, plan: &Path, out: &mut dyn Write) -> Outcome {
    let (_, resolved) = load_resolved(env, plan)?;
    match env.format {
        OutputFormat::Json => emit(out, &json(&status_json(&resolved))?),
        OutputFormat::Text => {
            let o = render_options(env);
            emit(
                out,
                &(crate::render::status(&resolved, &o) + &crate::render::attention(&resolved, &o)),
            )
        }
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
        "credentials": r.schedule.credentials,
    })
}
