//! `carepath catalog list|show|search`, `gap` and `path`: the catalog's commands.

use std::io::Write;

use carepath_catalog::{HitKind, render};
use carepath_model::{CheckedPlan, ResolvedPlan};

use crate::args::{CatalogCommand, OutputFormat};
use crate::session::{Env, Failure, Outcome, emit, json, num};

pub(crate) fn unknown(env: &Env, id: &str, what: &str) -> Failure {
    let ids = env
        .catalog()
        .roles
        .iter()
        .map(|r| r.id.as_str())
        .chain(env.catalog().credentials.iter().map(|c| c.id.as_str()));
    let hint = match carepath_model::suggest::did_you_mean(id, ids) {
        Some(s) => format!("did you mean `{s}`?"),
        None => match env.catalog().search(id).first() {
            Some(h) => format!(
                "did you mean `{}` ({})? `carepath catalog search WORDS` finds others",
                h.id, h.name
            ),
            None => "`carepath catalog list` shows every role".into(),
        },
    };
    Failure::usage(format!("the catalog has no {what} `{id}`: {hint}"))
}

pub fn catalog(env: &Env, command: CatalogCommand, out: &mut dyn Write) -> Outcome {
    let c = env.catalog();
    match command {
        CatalogCommand::List => match env.format {
            OutputFormat::Json => {
                let roles: Vec<_> = c.roles.iter().map(|r| serde_json::json!({"id": r.id, "name": r.name, "track": r.track, "pay": r.pay, "outlook": r.outlook})).collect();
                emit(out, &json(&roles)?)
            }
            OutputFormat::Text => emit(out, &render::render_list(c)),
        },
        CatalogCommand::Show { id } => {
            if let Some(r) = c.role(&id) {
                match env.format {
                    OutputFormat::Json => emit(out, &json(r)?),
                    OutputFormat::Text => emit(out, &render::render_role(r, c)),
                }
            } else if let Some(cr) = c.credential(&id) {
                match env.format {
                    OutputFormat::Json => emit(out, &json(cr)?),
                    OutputFormat::Text => emit(out, &render::render_credential(cr, c)),
                }
            } else {
                Err(unknown(env, &id, "role or credential"))
            }
        }
        CatalogCommand::Search { words } => {
            let hits = c.search(&words.join(" "));
            match env.format {
                OutputFormat::Json => emit(out, &json(&hits)?),
                OutputFormat::Text if hits.is_empty() => emit(
                    out,
                    &format!(
                        "nothing in the catalog matches \"{}\"; `carepath catalog list` shows every role\n",
                        words.join(" ")
                    ),
                ),
                OutputFormat::Text => emit(out, &render::render_search(&hits)),
            }
        }
    }
}

pub fn gap(
    env: &Env,
    checked: &CheckedPlan,
    resolved: &ResolvedPlan,
    out: &mut dyn Write,
) -> Outcome {
    let plan = checked.plan();
    let Some(target) = &plan.target else {
        return Err(Failure::usage(
            "the plan has no [target]; add one with the role you aim at (role = \"…\", by = YYYY-MM-DD)",
        ));
    };
    let Some(gap) = &resolved.gap else {
        return Err(unknown(env, &target.role, "role"));
    };
    if env.format == OutputFormat::Json {
        return emit(out, &json(gap)?);
    }
    let mut t = String::new();
    let from = plan.person.role.as_deref().map(|r| {
        env.catalog()
            .role(r)
            .map_or(r.to_string(), |x| x.name.clone())
    });
    t.push_str(&format!(
        "{}: from {} to {} ({})\n\n",
        plan.person.name,
        from.as_deref().unwrap_or("your current role"),
        gap.target_name,
        gap.target_role
    ));
    t.push_str("What the role needs:\n");
    let mut open = 0;
    for item in &gap.items {
        let (mark, status) = if item.held {
            ("✓", "held".to_string())
        } else if !item.covered_by.is_empty() {
            ("→", format!("planned: {}", item.covered_by.join(", ")))
        } else {
            open += 1;
            ("✗", "NOT COVERED by any milestone yet".to_string())
        };
        let unverified = if item.verified { "" } else { " [unverified]" };
        t.push_str(&format!(
            "  {mark} {:<15} {}{unverified}\n",
            item.kind, item.requirement
        ));
        t.push_str(&format!("      {status}\n      source: {}\n", item.source));
    }
    if !gap.path.is_empty() {
        t.push_str("\nThe usual route from where you are:\n");
        if let Some(s) = &gap.start {
            let pay = match (s.median_pay, &s.pay_source) {
                (Some(p), Some(src)) => format!(
                    "pay {} a year, {src}",
                    carepath_catalog::money_text(p, s.pay_currency.as_deref().unwrap_or("USD"))
                ),
                _ => match plan.person.region.as_deref() {
                    Some(r) => format!("no pay known for {r}"),
                    None => "pay not known".into(),
                },
            };
            t.push_str(&format!("  now: {}; {pay}\n", s.name));
        }
        for s in &gap.path {
            let months = s
                .months
                .map(|m| format!("~{} months", num(m)))
                .unwrap_or_default();
            let money = |p: f64| {
                carepath_catalog::money_text(p, s.pay_currency.as_deref().unwrap_or("USD"))
            };
            let pay = match (s.median_pay, &s.pay_source) {
                (Some(p), Some(src)) => format!("pay {} a year, {src}", money(p)),
                (Some(p), None) => format!("pay {} a year", money(p)),
                _ => match plan.person.region.as_deref() {
                    Some(r) => format!("no pay known for {r}"),
                    None => "pay not known".into(),
                },
            };
            let unverified = if s.verified {
                ""
            } else {
                " [some figures unverified]"
            };
            t.push_str(&format!("  → {} ({months}); {pay}{unverified}\n", s.name));
        }
    }
    t.push_str(&format!(
        "\n{} of {} requirements are neither held nor planned.\n",
        open,
        gap.items.len()
    ));
    emit(out, &t)
}

pub fn path(
    env: &Env,
    from: &str,
    to: &str,
    region: Option<&str>,
    emit_milestones: bool,
    out: &mut dyn Write,
) -> Outcome {
    let c = env.catalog();
    for id in [from, to] {
        if c.role(id).is_none() && id != carepath_catalog::ENTRY {
            return Err(unknown(env, id, "role"));
        }
    }
    if let Some(r) = region {
        super::explore::check_region(env, r)?;
    }
    // No route is an answer (exit 1, like a plan with errors); a search that gave up at its
    // budget is not one, so it is an input the catalog commands cannot handle (exit 2).
    let budget = carepath_catalog::SearchBudget::DEFAULT;
    let route = match c.find_route_in(from, to, &[], region, budget) {
        carepath_catalog::RouteSearch::Found { route, .. } => route,
        carepath_catalog::RouteSearch::NoRoute { .. } => {
            let place = region.map_or(String::new(), |r| format!(" in {r}"));
            return Err(Failure::plan(format!(
                "the catalog knows no route from {from} to {to}{place}; `carepath catalog show {to}` lists what the role needs"
            )));
        }
        carepath_catalog::RouteSearch::GaveUp { stats } => {
            return Err(Failure::usage(format!(
                "the route search from {from} to {to} {stats}: the catalog has too many combinations of credentials to search, and a route may still exist; try a nearer target, or a catalog whose credentials need one another"
            )));
        }
    };
    if emit_milestones {
        return emit(out, &route.to_milestones_toml(to));
    }
    match env.format {
        OutputFormat::Json => emit(out, &json(&route)?),
        OutputFormat::Text => emit(out, &render::render_route(&route)),
    }
}

/// Catalog roles matching what a person typed, best first (for `init`).
pub fn role_choices(env: &Env, text: &str) -> Vec<(String, String)> {
    if let Some(r) = env.catalog().role(text.trim()) {
        return vec![(r.id.clone(), r.name.clone())];
    }
    env.catalog()
        .search(text)
        .into_iter()
        .filter(|h| matches!(h.kind, HitKind::Role))
        .take(6)
        .map(|h| (h.id, h.name))
        .collect()
}
