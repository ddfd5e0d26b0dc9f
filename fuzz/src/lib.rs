//! What the carepath fuzz targets share: reading a plan the way the CLI does, exporting a
//! resolved plan in every format, a check of CSV number cells, a small valid plan that the
//! exporter targets fill with fuzzed text, and fuzzed SMART criteria. The iCalendar wire-format
//! check and the reading of a plan that must be valid are `carepath-test-support`'s, shared with
//! the exporters' tests.

use std::sync::OnceLock;

use carepath_csv::{CsvExporter, Table};
use carepath_export::Exporter;
use carepath_export::json::JsonExporter;
use carepath_ics::{IcsExporter, IcsOptions};
use carepath_model::diag::{self, Diagnostic, Source, Style};
use carepath_model::{Format, ResolvedPlan, Smart};
use jiff::civil::{Date, date};

pub use carepath_test_support::assert_ics_wire_format as assert_wire_format;

/// The as-of date every target plans with (the day the rn-to-acnp fixture describes).
pub const AS_OF: Date = date(2026, 11, 22);

/// Reads bytes as a plan file (`carepath check`), renders every finding the way the terminal
/// and `--format json` show it, and when a plan comes out, resolves it and exports it in every
/// built-in format. Nothing here may panic, whatever the bytes.
pub fn read_plan(data: &[u8], format: Format) {
    let checked = carepath_model::check(data, format, None);
    assert_eq!(
        checked.plan.is_some(),
        !checked.has_errors(),
        "check gives a plan exactly when it found no errors: {:#?}",
        checked.diagnostics
    );
    // The CLI shows findings against the lossy text of the file.
    let text = String::from_utf8_lossy(data);
    let name = match format {
        Format::Toml => "plan.toml",
        Format::Json => "plan.json",
    };
    let src = Source { name, text: &text };
    render_all(src, data.len(), &checked.diagnostics);
    if let Some(plan) = &checked.plan {
        let resolved = carepath_model::resolve(plan, AS_OF, None);
        let findings = carepath_model::findings(plan, &resolved);
        render_all(src, data.len(), &findings);
        export_everything(&resolved);
    }
}

/// Renders findings plain and in colour, and locates them, as `check` does.
pub fn render_all(src: Source<'_>, file_len: usize, diags: &[Diagnostic]) {
    for d in diags {
        if let Some(s) = &d.span {
            assert!(
                s.start <= s.end && s.end <= file_len,
                "the span {s:?} is not inside the {file_len} bytes of the file: {d:#?}"
            );
        }
        let plain = diag::render(src, d, Style::PLAIN);
        assert!(
            plain.starts_with(match d.severity {
                carepath_model::Severity::Error => "error[",
                carepath_model::Severity::Warning => "warning[",
            }),
            "{plain:?}"
        );
        let _ = diag::render(src, d, Style::ANSI);
        let _ = diag::locate(src, d);
    }
}

/// Every built-in text exporter over a resolved plan (its as-of date is `plan.as_of`), through
/// the one method the CLI calls: the CSV tables, the calendar (with tasks) and the JSON
/// document. Errors are allowed (a day past what a calendar can hold); panics are not; what is
/// written is the documented files, and the calendar keeps to the wire format.
pub fn export_everything(plan: &ResolvedPlan) {
    let exporter = CsvExporter::default();
    if let Ok(csv) = exporter.export(plan) {
        let parts: Vec<Option<&str>> = csv.files.iter().map(|f| f.part.as_deref()).collect();
        // The eight tables of every plan, then `occurrences` and `people` for a plan with a
        // series or people (`tables_for` says which).
        let written = exporter
            .tables_for(plan)
            .expect("the default options are accepted");
        let eight = &Table::ALL[..8];
        assert_eq!(
            &written[..8],
            eight,
            "every plan gets the eight tables first"
        );
        let series = plan
            .schedule
            .milestones
            .iter()
            .any(|m| !m.occurrences.is_empty());
        assert_eq!(written.contains(&Table::Occurrences), series);
        assert_eq!(
            written.contains(&Table::People),
            !plan.schedule.people.is_empty()
        );
        let tables: Vec<Option<&str>> = written.iter().map(|t| Some(t.name())).collect();
        assert_eq!(
            parts, tables,
            "the CSV export is one file per table, in order"
        );
    }
    let ics = IcsExporter::new(IcsOptions {
        todo: true,
        ..IcsOptions::default()
    });
    if let Ok(exported) = ics.export(plan) {
        let [file] = &exported.files[..] else {
            panic!("the calendar is one file, not {}", exported.files.len());
        };
        let text = std::str::from_utf8(&file.bytes).expect("a calendar is UTF-8");
        assert_wire_format(text);
    }
    if let Ok(exported) = JsonExporter.export(plan) {
        assert_eq!(exported.files.len(), 1, "the JSON document is one file");
    }
}

/// A CSV number cell as carepath-csv documents it: empty for no value or a non-finite one,
/// else dot decimal rounded to 2 decimals, no exponent, no thousands separator, no trailing
/// zeros, no `-0`.
pub fn assert_number_cell(cell: &str, x: f64) {
    if !x.is_finite() {
        assert_eq!(cell, "", "a non-finite number ({x}) gives an empty cell");
        return;
    }
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 2
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !frac.ends_with('0')
        && digits.contains('.') == !frac.is_empty()
        && cell != "-0";
    assert!(ok, "the number {x} is written {cell:?}");
    let back: f64 = cell.parse().expect("a number cell parses");
    // Rounding to 2 decimals moves a value by at most half a cent, plus the binary error of a
    // large magnitude.
    let tolerance = 0.005 + x.abs() * 1e-15;
    assert!(
        (back - x).abs() <= tolerance,
        "the number {x} is written {cell:?}"
    );
}

/// A small, valid plan through the real reader and planning engine: the skeleton the exporter
/// targets put fuzzed text into.
pub fn base_plan() -> &'static ResolvedPlan {
    static BASE: OnceLock<ResolvedPlan> = OnceLock::new();
    BASE.get_or_init(|| {
        carepath_test_support::resolved(BASE_PLAN.as_bytes(), Format::Toml, "the base plan", AS_OF)
    })
}

/// Puts fuzzed reasons and verdicts into the five SMART criteria, in their order (specific,
/// measurable, achievable, relevant, time-bound).
pub fn set_smart(smart: &mut Smart, reasons: &[String; 5], passes: [bool; 5]) {
    for (c, (reason, pass)) in [
        &mut smart.specific,
        &mut smart.measurable,
        &mut smart.achievable,
        &mut smart.relevant,
        &mut smart.time_bound,
    ]
    .into_iter()
    .zip(reasons.iter().zip(passes))
    {
        c.reason = carepath_model::message::Message::plain(reason.clone());
        c.pass = pass;
    }
}

const BASE_PLAN: &str = r#"
format = 1
id = "fuzz-base"
title = "Bedside RN to CCRN"
start = 2026-01-05

[person]
name = "Sam Rivera"
role = "registered-nurse"
credentials = ["rn-license", "bls"]
values = ["patient-safety"]

[capacity]
hours_per_week = 6
max_parallel = 2

[[goals]]
id = "ccrn"
title = "Earn the CCRN certification by the end of 2027"
due = 2027-12-31
values = ["patient-safety"]

[[goals]]
id = "grow"
title = "Improve my career"

[[milestones]]
id = "icu-hours"
title = "Accumulate 1,750 ICU hours"
kind = "experience"
goal = "ccrn"
effort_hours = 0
measure = { target = 1750, unit = "hours", per_week = 36 }
notes = "Night shifts count."

[[milestones]]
id = "ccrn-study"
title = "CCRN review course"
kind = "training"
goal = "ccrn"
effort_hours = 60
due = 2026-06-30
done = 2026-06-01

[[milestones]]
id = "ccrn-exam"
title = "Sit the CCRN exam"
kind = "exam"
goal = "ccrn"
after = ["icu-hours", "ccrn-study"]
effort_hours = 10
due = 2027-09-30
cost = 365

[[milestones]]
id = "journal"
title = "Journal weekly"
kind = "wellbeing"
goal = "grow"
measure = { target = 52, unit = "entries" }

[[progress]]
date = 2026-03-31
milestone = "icu-hours"
amount = 432
note = "Q1"

[[progress]]
date = 2026-04-12
milestone = "journal"
amount = 15
"#;
