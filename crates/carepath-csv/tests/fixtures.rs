//! Every example plan of the repository, through the real reader and planning engine, as CSV.

mod common;

use carepath_csv::{CsvExporter, TABLES};
use carepath_export::Exporter;
use carepath_model::{Format, ResolvedPlan};

use common::{fixtures, read_back, resolve, resolve_fixture};

/// Every table, by name, as `--to csv` makes them: one file each, in the order of [`TABLES`].
fn export_all(plan: &ResolvedPlan) -> Vec<(String, Vec<u8>)> {
    let exported = CsvExporter::default().export(plan).unwrap();
    let tables: Vec<(String, Vec<u8>)> = exported
        .files
        .into_iter()
        .map(|f| (f.part.expect("a CSV file is a table"), f.bytes))
        .collect();
    let names: Vec<&str> = tables.iter().map(|(t, _)| t.as_str()).collect();
    // The eight tables, then the network's when the plan has a series or people.
    assert_eq!(names[..8], TABLES[..8]);
    let network = |name: &str| match name {
        "occurrences" => plan
            .schedule
            .milestones
            .iter()
            .any(|m| !m.occurrences.is_empty()),
        "people" => !plan.schedule.people.is_empty(),
        _ => true,
    };
    let expected: Vec<&str> = TABLES.iter().copied().filter(|t| network(t)).collect();
    assert_eq!(names, expected);
    tables
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

#[test]
fn the_ten_thousand_milestone_plan_has_one_row_per_milestone() {
    let plan = resolve(
        carepath_model::generate::big_plan(10_000).as_bytes(),
        Format::Toml,
        "big plan",
    );
    assert_eq!(plan.schedule.milestones.len(), 10_000);
    // Speed is measured in `cargo bench -p carepath-cli --bench export`, not here.
    let tables = export_all(&plan);
    let milestones = &tables[0].1;
    assert_eq!(read_back(milestones, b',').len(), 10_001);
}
