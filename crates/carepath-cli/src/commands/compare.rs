//! `carepath compare ROLE ROLE [ROLE...] [--plan PLAN]`: roles side by side, as a table that
//! fits 100 columns (roles as columns, each cell wrapped with `textwrap`) or as JSON.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use carepath_catalog::explore::compare::{self, Compared, Viewpoint};

use crate::args::OutputFormat;
use crate::session::{Env, Outcome, emit, json, load_resolved};

/// The table's width, and its first column's.
const WIDTH: usize = 100;
const LABEL: usize = 14;

pub fn compare(env: &Env, ids: &[String], plan: Option<&Path>, out: &mut dyn Write) -> Outcome {
    let mut roles = Vec::new();
    for id in ids {
        match env.catalog().role(id) {
            Some(r) => roles.push(r),
            None => return Err(super::catalog::unknown(env, id, "role")),
        }
    }
    let mut view = Viewpoint::default();
    let mut who = None;
    if let Some(path) = plan {
        let (checked, _) = load_resolved(env, path)?;
        let person = &checked.plan().person;
        view = Viewpoint {
            region: person.region.clone(),
            role: person.role.clone(),
            credentials: person.credential_ids().map(str::to_owned).collect(),
            plan: true,
        };
        who = Some(person.name.clone());
        if let Some(r) = view.region.as_deref() {
            super::explore::check_region(env, r)?;
        }
    }
    let compared = compare::compare(env.catalog(), &roles, &view);
    match env.format {
        OutputFormat::Json => emit(
            out,
            &json(&serde_json::json!({
                "region": view.region,
                "from": view.role,
                "roles": compared,
            }))?,
        ),
        OutputFormat::Text => emit(out, &render(&compared, &view, who.as_deref())),
    }
}

fn render(roles: &[Compared], view: &Viewpoint, who: Option<&str>) -> String {
    let mut t = String::new();
    let region = view.region.as_deref().unwrap_or("US");
    match who {
        Some(name) => {
            let _ = writeln!(
                t,
                "Compared for {name}: figures for {region}, routes from your role.\n"
            );
        }
        None => {
            let _ = writeln!(
                t,
                "Compared with US figures (give --plan PLAN for your region and routes from your role).\n"
            );
        }
    }
    let column = (WIDTH - LABEL) / roles.len() - 2;
    let mut rows: Vec<(&str, Vec<String>)> = vec![
        ("", roles.iter().map(|r| r.name.clone()).collect()),
        ("id", roles.iter().map(|r| r.id.clone()).collect()),
    ];
    rows.extend(
        carepath_catalog::explore::compare::rows(roles, view.plan)
            .into_iter()
            .map(|r| (r.label, r.cells)),
    );
    for (i, (label, cells)) in rows.iter().enumerate() {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|c| {
                // No breaks at hyphens: "CA-ON" and role ids stay whole where they fit.
                let options = textwrap::Options::new(column)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation);
                textwrap::wrap(c, options)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect()
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line in 0..height {
            let mut row = format!("{:<LABEL$}", if line == 0 { *label } else { "" });
            for cell in &wrapped {
                let text = cell.get(line).map_or("", String::as_str);
                let _ = write!(row, "{text:<column$}  ");
            }
            let _ = writeln!(t, "{}", row.trim_end());
        }
        if i == 0 {
            let _ = writeln!(t, "{}", "-".repeat(LABEL + roles.len() * (column + 2) - 2));
        }
    }
    t
}
