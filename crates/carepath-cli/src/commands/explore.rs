//! `carepath explore PLAN`: the roles the person could move to, ranked against their plan
//! (the ranking is the catalog's [`carepath_catalog::explore`]; this prints it).

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use carepath_catalog::explore::{self, Exploration, Options, Part, Seeker};

use crate::args::OutputFormat;
use crate::session::{Env, Failure, Outcome, emit, json, load_resolved};

/// The width explore's text is wrapped to.
const WIDTH: usize = 100;

pub fn explore(
    env: &Env,
    plan: &Path,
    region: Option<String>,
    options: &Options,
    out: &mut dyn Write,
) -> Outcome {
    let (checked, _) = load_resolved(env, plan)?;
    let person = &checked.plan().person;
    let mut seeker = Seeker::from_person(person);
    if region.is_some() {
        seeker.region = region;
    }
    if let Some(r) = seeker.region.as_deref() {
        check_region(env, r)?;
    }
    let Some(found) = explore::explore(env.catalog(), &seeker, options) else {
        let role = seeker.role.as_deref().unwrap_or_default();
        return Err(super::catalog::unknown(env, role, "role"));
    };
    if found.roles.is_empty() {
        return Err(Failure::plan(empty_message(&found)));
    }
    match env.format {
        OutputFormat::Json => emit(out, &json(&found)?),
        OutputFormat::Text => emit(out, &render(&found, &person.name)),
    }
}

/// A region the catalog has no figures for is refused, naming the ones it has.
pub(crate) fn check_region(env: &Env, region: &str) -> Outcome {
    let regions = env.catalog().regions();
    let country = region.split_once('-').map_or(region, |(c, _)| c);
    let known = regions
        .iter()
        .any(|r| r.eq_ignore_ascii_case(region) || r.eq_ignore_ascii_case(country));
    if known {
        Ok(())
    } else {
        Err(Failure::usage(format!(
            "the catalog has no figures for region {region}; it has {}",
            regions.join(", ")
        )))
    }
}

fn empty_message(found: &Exploration) -> String {
    if found.candidates == 0 {
        return format!(
            "the catalog knows no route from {} to another role{}; `carepath catalog list` shows every role",
            found.from_name,
            found
                .region
                .as_deref()
                .map(|r| format!(" in {r}"))
                .unwrap_or_default()
        );
    }
    match found.main_filter() {
        Some((filter, n)) => format!(
            "no role is left of the {} reachable: {filter} removed the most ({n}); loosen it",
            found.candidates
        ),
        None => "no role is left".to_string(),
    }
}

fn render(found: &Exploration, name: &str) -> String {
    let mut t = String::new();
    let region = found
        .region
        .as_deref()
        .map(|r| format!(", figures for {r}"))
        .unwrap_or_default();
    let head = format!(
        "Roles {name} could move to from {}{region}: the {} best of {} reachable",
        found.from_name,
        found.roles.len(),
        found.matched
    );
    for line in textwrap::wrap(&head, WIDTH) {
        let _ = writeln!(t, "{line}");
    }
    let weights: Vec<String> = Part::ALL
        .iter()
        .map(|p| {
            let w = found.weights.get(p.name()).copied().unwrap_or(1.0);
            if w == 1.0 {
                format!("{} {}", p.name(), p.max_points())
            } else {
                format!("{} {} x{w}", p.name(), p.max_points())
            }
        })
        .collect();
    let legend = format!(
        "Score out of 100 = {}; the parts below add up to it.",
        weights.join(" + ")
    );
    for line in textwrap::wrap(&legend, WIDTH) {
        let _ = writeln!(t, "{line}");
    }
    t.push('\n');
    let _ = writeln!(
        t,
        "{:>3} {:>5}  {:<43} {:>6} {:>9} {:>6} {:>4} {:>7} {:>8}",
        "#", "score", "role", "values", "interests", "skills", "pay", "outlook", "distance"
    );
    let indent = " ".repeat(10);
    for r in &found.roles {
        let points = |part: Part| {
            r.parts
                .iter()
                .find(|p| p.part == part)
                .map_or(0, |p| p.points)
        };
        let _ = writeln!(
            t,
            "{:>3} {:>5}  {:<43} {:>6} {:>9} {:>6} {:>4} {:>7} {:>8}",
            r.rank,
            r.score,
            truncate(&r.name, 43),
            points(Part::Values),
            points(Part::Interests),
            points(Part::Skills),
            points(Part::Pay),
            points(Part::Outlook),
            points(Part::Distance)
        );
        let options = textwrap::Options::new(WIDTH)
            .initial_indent(&indent)
            .subsequent_indent(&indent);
        for line in textwrap::wrap(&r.reason, options) {
            let _ = writeln!(t, "{line}");
        }
    }
    t.push_str(
        "\nRoutes: `carepath path --from ROLE --to ROLE`; side by side: `carepath compare ROLE ROLE`.\n",
    );
    t
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(width - 1).collect();
        s.push('…');
        s
    }
}
