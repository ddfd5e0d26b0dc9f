//! Text that breaks naive exporters comes back intact through a strict CSV reader, and text a
//! spreadsheet would run as a formula comes back with exactly one documented `'` in front.

mod common;

use carepath_csv::{neutralise, restore};
use carepath_model::ResolvedPlan;
use common::{context, hostile_texts, read_back, sample, try_export};
use proptest::prelude::*;

/// The written cell for `original`: itself, or `'` + itself when it would read as a formula.
fn expected_cell(original: &str) -> String {
    let risky = original
        .trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky {
        format!("'{original}")
    } else {
        original.to_owned()
    }
}

/// A table, some of its text columns, and per row the original text of each.
type TextColumns = (&'static str, &'static [&'static str], Vec<Vec<String>>);

/// Every free-text cell of every table, by (table, column): what was written and what was meant.
fn text_cells(plan: &ResolvedPlan, delimiter: char) -> Vec<(String, String)> {
    let mut ctx = context();
    ctx.delimiter = delimiter;
    let mut ctx_bom = ctx.clone();
    ctx_bom.bom = true;
    let mut cells = Vec::new();
    let s = &plan.schedule;
    let wanted: [TextColumns; 4] = [
        (
            "milestones",
            &["title", "unit"],
            s.milestones
                .iter()
                .map(|m| vec![m.title.clone(), m.unit.clone()])
                .collect(),
        ),
        (
            "goals",
            &["title", "specific_reason", "time_bound_reason"],
            s.goals
                .iter()
                .map(|g| {
                    vec![
                        g.title.clone(),
                        g.smart.specific.terminal(),
                        g.smart.time_bound.terminal(),
                    ]
                })
                .collect(),
        ),
        (
            "progress",
            &["note"],
            s.progress
                .iter()
                .map(|p| vec![p.note.clone().unwrap_or_default()])
                .collect(),
        ),
        (
            "renewals",
            &["name", "source"],
            s.renewals
                .iter()
                .map(|r| vec![r.name.clone(), r.source.clone()])
                .collect(),
        ),
    ];
    for (table, columns, originals) in wanted {
        let bytes = try_export(plan, &ctx, table).unwrap();
        let with_bom = try_export(plan, &ctx_bom, table).unwrap();
        assert_eq!(with_bom.strip_prefix(b"\xEF\xBB\xBF"), Some(&bytes[..]));
        let rows = read_back(&bytes, delimiter as u8);
        assert_eq!(rows.len(), originals.len() + 1, "{table}: one row per item");
        let at: Vec<usize> = columns
            .iter()
            .map(|c| rows[0].iter().position(|h| h == c).unwrap())
            .collect();
        for (row, want) in rows[1..].iter().zip(originals) {
            assert_eq!(row.len(), rows[0].len(), "{table}: every row is complete");
            for (&i, original) in at.iter().zip(want) {
                cells.push((row[i].clone(), original));
            }
        }
    }
    cells
}

fn check_plan(plan: &ResolvedPlan, delimiter: char) {
    for (cell, original) in text_cells(plan, delimiter) {
        assert_eq!(cell, expected_cell(&original), "delimiter {delimiter:?}");
        assert_eq!(restore(&cell), original, "delimiter {delimiter:?}");
    }
}

#[test]
fn hostile_text_round_trips_intact() {
    let mut plan = common::hostile();
    // Text a spreadsheet would turn into a line break or a date; a CSV reader keeps it exact.
    for extra in [
        "\r=carriage return first",
        "Line one\r\nline two\rline three",
        "2026-01-05",
        "",
    ] {
        let mut m = plan.schedule.milestones[0].clone();
        m.title = extra.into();
        plan.schedule.milestones.push(m);
    }
    for d in [',', ';', '\t', '|'] {
        check_plan(&plan, d);
    }
}

#[test]
fn only_formula_triggers_are_prefixed() {
    let cells = text_cells(&common::hostile(), ',');
    let prefixed: Vec<&str> = cells
        .iter()
        .filter(|(cell, original)| cell != original)
        .map(|(_, original)| original.as_str())
        .collect();
    for t in hostile_texts() {
        let risky = ["=", "+", "-", "@", "\t", "'="]
            .iter()
            .any(|p| t.starts_with(p));
        assert_eq!(prefixed.contains(&t.as_str()), risky, "{t:?}");
    }
    assert!(prefixed.contains(&"=1+2"));
    assert!(!prefixed.contains(&"a=b, not a formula"));
    assert!(!prefixed.contains(&"'apostrophe first"));
}

#[test]
fn numbers_are_never_prefixed() {
    let plan = common::hostile();
    let rows = read_back(&try_export(&plan, &context(), "milestones").unwrap(), b',');
    let late = rows[0].iter().position(|c| c == "late_days").unwrap();
    let values: Vec<&str> = rows[1..].iter().map(|r| r[late].as_str()).collect();
    assert!(values.contains(&"-11"));
    assert!(values.contains(&"-20"));
    for v in values {
        assert!(
            v.is_empty() || v.parse::<i64>().is_ok(),
            "{v:?} is a number"
        );
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Biased towards what the rule is about: triggers, apostrophes, quotes and line breaks.
        "['=+@\t\r\n\",;\\- a]{0,6}.{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_reads_back_modulo_the_prefix(
        title in text_strategy(),
        note in text_strategy(),
        delimiter in prop::sample::select(vec![',', ';', '\t', '|']),
    ) {
        let mut plan = sample();
        plan.schedule.milestones[0].title = title.clone();
        plan.schedule.progress[0].note = Some(note.clone());
        plan.schedule.renewals[0].source = title.clone();
        for (cell, original) in text_cells(&plan, delimiter) {
            prop_assert_eq!(restore(&cell), original.as_str());
        }
        for t in [&title, &note] {
            let cell = neutralise(t);
            prop_assert_eq!(restore(&cell), t.as_str());
        }
    }
}
