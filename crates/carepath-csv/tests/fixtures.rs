//! Every example plan of the repository, through the real reader and planning engine, as CSV.

mod common;

use std::time::{Duration, Instant};

use carepath_csv::{CsvExporter, TABLES};
use carepath_export::{ExportContext, Exporter};
use carepath_model::{Format, ResolvedPlan};

use common::{FIXTURE_AS_OF, fixtures, read_back, resolve, resolve_fixture};

fn export_all(plan: &ResolvedPlan) -> Vec<(&'static str, Vec<u8>)> {
    let ctx = ExportContext::new(FIXTURE_AS_OF);
    TABLES
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            CsvExporter.write(plan, &ctx, Some(t), &mut out).unwrap();
            (*t, out)
        })
        .collect()
}

#[test]
fn every_fixture_every_table() {
    for path in fixtures() {
        let (stem, plan) = resolve_fixture(&path);
        let tables = export_all(&plan);
        for (table, csv) in &tables {
            let rows = read_back(csv, b',');
            if *table == "milestones" {
                assert_eq!(rows.len() - 1, plan.plan.milestones.len(), "{stem}");
            }
            let text = std::str::from_utf8(csv).unwrap().replace("\r\n", "\n");
            insta::assert_snapshot!(format!("fixture-{stem}-{table}"), text);
        }
        let again = export_all(&resolve_fixture(&path).1);
        assert_eq!(tables, again, "{stem}: the same input gives the same bytes");
    }
}

/// The same shape as `gen-big-plan.py 10000`: a random DAG of 10,000 milestones with a fixed
/// seed, 400 goals, some durations and due dates.
fn big_plan(n: usize) -> String {
    let mut seed: u64 = 20261122;
    let mut next = move |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    let kinds = [
        "education",
        "certification",
        "exam",
        "training",
        "continuing-education",
        "networking",
        "mentorship",
        "shadowing",
        "volunteering",
        "leadership",
        "research",
    ];
    let goals = (n / 25).max(1);
    let mut s = format!(
        "format = 1\ntitle = \"Generated plan with {n} milestones\"\nstart = 2026-01-05\n\n\
         [person]\nname = \"Generated Person\"\nvalues = [\"patient-care\", \"research\"]\n\n\
         [capacity]\nhours_per_week = 40\nmax_parallel = 8\n\n"
    );
    for g in 0..goals {
        s += &format!(
            "[[goals]]\nid = \"g{g}\"\ntitle = \"Goal number {g} with a concrete outcome\"\n\
             due = {}-12-31\nvalues = [\"patient-care\"]\n\n",
            2030 + g % 10
        );
    }
    for i in 0..n {
        s += &format!(
            "[[milestones]]\nid = \"m{i}\"\ntitle = \"Milestone {i}\"\nkind = \"{}\"\ngoal = \"g{}\"\n",
            kinds[next(kinds.len())],
            next(goals)
        );
        if i > 0 {
            let mut deps: Vec<usize> = (0..next(3))
                .map(|_| i.saturating_sub(50) + next(i - i.saturating_sub(50)))
                .collect();
            deps.sort_unstable();
            deps.dedup();
            if !deps.is_empty() {
                let list: Vec<String> = deps.iter().map(|d| format!("\"m{d}\"")).collect();
                s += &format!("after = [{}]\n", list.join(", "));
            }
        }
        s += &format!("effort_hours = {}\n", 1 + next(39));
        if next(10) < 3 {
            s += &format!("duration = \"{} weeks\"\n", 1 + next(11));
        }
        if next(10) < 2 {
            s += &format!("due = {}-0{}-15\n", 2027 + next(13), 1 + next(9));
        }
        s += "\n";
    }
    s
}

#[test]
fn the_ten_thousand_milestone_plan_exports_well_under_a_second() {
    let plan = resolve(big_plan(10_000).as_bytes(), Format::Toml, "big plan");
    assert_eq!(plan.schedule.milestones.len(), 10_000);
    let start = Instant::now();
    let tables = export_all(&plan);
    let took = start.elapsed();
    let bytes: usize = tables.iter().map(|(_, b)| b.len()).sum();
    eprintln!("10,000 milestones: {bytes} bytes of CSV in {took:?}");
    // Debug build on a shared 2-core machine; a release build takes a fraction of this.
    assert!(took < Duration::from_millis(500), "took {took:?}");
    let milestones = &tables[0].1;
    assert_eq!(read_back(milestones, b',').len(), 10_001);
}
