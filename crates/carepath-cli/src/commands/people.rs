//! `carepath people`: the person's network, overdue contacts first (docs/network.md).

use std::io::Write;
use std::path::Path;

use crate::args::OutputFormat;
use crate::session::{Env, Outcome, emit, json, load_resolved, render_options};

pub fn people(env: &Env, plan: &Path, out: &mut dyn Write) -> Outcome {
    let (_, resolved) = load_resolved(env, plan)?;
    match env.format {
        OutputFormat::Json => emit(
            out,
            &json(&serde_json::json!({
                "as_of": resolved.as_of,
                "plan_id": resolved.plan_id,
                "people": resolved.schedule.people,
            }))?,
        ),
        OutputFormat::Text => emit(out, &crate::render::people(&resolved, &render_options(env))),
    }
}
