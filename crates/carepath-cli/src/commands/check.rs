//! `carepath check`: every finding with its line, and SMART at a glance.

use std::io::Write;
use std::path::Path;

use carepath_model::ResolvedPlan;
use carepath_model::diag::{self, Source};
use carepath_model::words::plural;

use crate::args::OutputFormat;
use crate::session::{
    Env, Failure, Outcome, emit, json, load, render_diagnostics_omitting, resolve,
};

pub fn check(env: &Env, path: &Path, strict: bool, out: &mut dyn Write) -> Outcome {
    let loaded = load(env, path)?;
    let mut diags = loaded.checked.diagnostics.clone();
    let resolved = loaded.checked.plan.as_ref().map(|checked| {
        let resolved = resolve(env, checked);
        diags.extend(carepath_model::findings(checked, &resolved));
        resolved
    });
    if strict {
        // Late milestones, failed SMART criteria and lapsed credentials become errors.
        for d in &mut diags {
            if matches!(d.code, "W010" | "W011" | "W017") {
                d.severity = carepath_model::Severity::Error;
            }
        }
    }
    let omitted = &loaded.checked.omitted;
    let roster_count = loaded.roster.as_ref().map_or(0, |r| r.diagnostics.len());
    let errors =
        diags.iter().filter(|d| d.is_error()).count() + omitted.errors() + loaded.roster_errors();
    let warnings = diags.len() + omitted.count() + roster_count - errors;
    let valid = loaded.checked.plan.is_some();
    match env.format {
        OutputFormat::Json => {
            let src = Source {
                name: &loaded.name,
                text: &loaded.text,
            };
            let located = diag::locate_all(src, &diags);
            let goals = resolved.as_ref().map(|r| &r.schedule.goals);
            let mut doc = serde_json::json!({
                "file": loaded.name,
                "as_of": env.as_of.to_string(),
                "valid": valid,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": located,
                "goals": goals,
            });
            if let Some(r) = &loaded.roster {
                // Only for a plan with a roster file, so other plans' output stays as it was.
                let src = Source {
                    name: &r.name,
                    text: &r.text,
                };
                doc["roster"] = serde_json::json!({
                    "file": r.name,
                    "diagnostics": diag::locate_all(src, &r.diagnostics),
                });
            }
            emit(out, &json(&doc)?)?;
        }
        OutputFormat::Text => {
            let mut text =
                render_diagnostics_omitting(env.color, &loaded.name, &loaded.text, &diags, omitted);
            text.push_str(&loaded.render_roster(env.color, false));
            if let Some(r) = &resolved {
                text.push_str(&smart_summary(r));
            }
            let verdict = if errors > 0 { "has errors" } else { "is valid" };
            text.push_str(&format!(
                "{}: the plan {verdict} ({}, {})\n",
                loaded.name,
                plural(errors as i64, "error", "errors"),
                plural(warnings as i64, "warning", "warnings")
            ));
            emit(out, &text)?;
        }
    }
    if errors > 0 {
        Err(Failure::plan(""))
    } else {
        Ok(())
    }
}

/// SMART results at a glance, for `check`.
fn smart_summary(r: &ResolvedPlan) -> String {
    if r.schedule.goals.is_empty() {
        return String::new();
    }
    let width = r
        .schedule
        .goals
        .iter()
        .map(|g| g.id.chars().count())
        .max()
        .unwrap_or(4)
        .min(24);
    let mut t = format!("SMART goals (as of {}):\n", r.as_of);
    for g in &r.schedule.goals {
        let marks: Vec<String> = g
            .smart
            .criteria()
            .iter()
            .map(|(name, c)| {
                format!(
                    "{}{}",
                    name[..1].to_uppercase(),
                    if c.pass { "✓" } else { "✗" }
                )
            })
            .collect();
        t.push_str(&format!(
            "  {:<width$}  {}  {}/5  {}\n",
            g.id,
            marks.join(" "),
            g.score,
            g.title
        ));
        for (name, c) in g.smart.criteria() {
            if !c.pass {
                t.push_str(&format!(
                    "  {:<width$}    {}: {}\n",
                    "",
                    name.replace('_', "-"),
                    c.terminal()
                ));
            }
        }
    }
    t.push('\n');
    t
}
