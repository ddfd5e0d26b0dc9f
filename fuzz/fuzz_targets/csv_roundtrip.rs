//! The CSV exporter on a resolved plan whose text (ids, titles, goals, units, SMART reasons,
//! notes, renewal names and sources) and numbers come from the fuzzer, with any delimiter and
//! with or without a byte-order mark. Each table is read back with the `csv` crate:
//! - a delimiter is refused exactly as documented, else every table is written;
//! - the BOM is there exactly when asked for;
//! - the header row is the table's columns, one row per item, every row complete;
//! - every text cell is the text neutralised (`'` in front of a formula trigger), and
//!   `restore` gives the original back exactly;
//! - every number cell is a plain number within half a cent, or empty when there is none;
//!   booleans are TRUE or FALSE, dates YYYY-MM-DD.
#![no_main]

use arbitrary::Arbitrary;
use carepath_csv::{CsvExporter, CsvOptions, Table, neutralise, restore};
use carepath_export::{ExportError, Exporter};
use carepath_fuzz::{AS_OF, assert_number_cell, base_plan, set_smart};
use carepath_model::{Kind, Renewal, ResolvedPlan, Status};
use libfuzzer_sys::fuzz_target;

const MAX_ROWS: usize = 6;

const STATUSES: [Status; 5] = [
    Status::Done,
    Status::OnTrack,
    Status::AtRisk,
    Status::Late,
    Status::NotStarted,
];

#[derive(Arbitrary, Debug)]
struct MilestoneText {
    id: String,
    title: String,
    goal: Option<String>,
    unit: String,
    kind: u8,
    status: u8,
    late_days: Option<i64>,
    /// percent, expected_percent, effort_hours, remaining_hours, logged
    numbers: [f64; 5],
    cost: Option<f64>,
    critical: bool,
}

#[derive(Arbitrary, Debug)]
struct GoalText {
    id: String,
    title: String,
    reasons: [String; 5],
    passes: [bool; 5],
    score: u8,
    percent: f64,
}

#[derive(Arbitrary, Debug)]
struct ProgressText {
    milestone: String,
    unit: String,
    note: Option<String>,
    amount: f64,
    total: f64,
    percent: f64,
}

#[derive(Arbitrary, Debug)]
struct RenewalText {
    credential: String,
    name: String,
    source: String,
    ce_hours: Option<f64>,
    every_months: u32,
    verified: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// An ASCII byte, `,` for zero (see [`Input::delimiter`]).
    delimiter: u8,
    bom: bool,
    milestones: Vec<MilestoneText>,
    goals: Vec<GoalText>,
    progress: Vec<ProgressText>,
    renewals: Vec<RenewalText>,
}

impl Input {
    fn delimiter(&self) -> char {
        char::from((self.delimiter ^ b',') & 0x7f)
    }
}

fn build(input: &Input) -> ResolvedPlan {
    let mut plan = base_plan().clone();
    let base = &base_plan().schedule;
    let s = &mut plan.schedule;
    s.milestones = input
        .milestones
        .iter()
        .take(MAX_ROWS)
        .enumerate()
        .map(|(i, t)| {
            let mut m = base.milestones[i % base.milestones.len()].clone();
            m.id = t.id.clone();
            m.title = t.title.clone();
            m.goal = t.goal.clone();
            m.unit = t.unit.clone();
            m.kind = Kind::ALL[usize::from(t.kind) % Kind::ALL.len()];
            m.status = STATUSES[usize::from(t.status) % STATUSES.len()];
            m.late_days = t.late_days;
            [
                m.percent,
                m.expected_percent,
                m.effort_hours,
                m.remaining_hours,
                m.logged,
            ] = t.numbers;
            m.cost = t.cost;
            m.critical = t.critical;
            m
        })
        .collect();
    s.goals = input
        .goals
        .iter()
        .take(MAX_ROWS)
        .enumerate()
        .map(|(i, t)| {
            let mut g = base.goals[i % base.goals.len()].clone();
            g.id = t.id.clone();
            g.title = t.title.clone();
            g.score = t.score;
            g.percent = t.percent;
            set_smart(&mut g.smart, &t.reasons, t.passes);
            g
        })
        .collect();
    s.progress = input
        .progress
        .iter()
        .take(MAX_ROWS)
        .enumerate()
        .map(|(i, t)| {
            let mut p = base.progress[i % base.progress.len()].clone();
            p.milestone = t.milestone.clone();
            p.unit = t.unit.clone();
            p.note = t.note.clone();
            p.amount = t.amount;
            p.total = t.total;
            p.percent = t.percent;
            p
        })
        .collect();
    s.renewals = input
        .renewals
        .iter()
        .take(MAX_ROWS)
        .map(|t| Renewal {
            credential: t.credential.clone(),
            name: t.name.clone(),
            due: AS_OF,
            ce_hours: t.ce_hours,
            every_months: t.every_months,
            source: t.source.clone(),
            verified: t.verified,
        })
        .collect();
    plan
}

/// What one cell must be.
enum Want<'a> {
    Text(&'a str),
    /// Text the exporter renders (a SMART criterion: its verdict and reason).
    Rendered(String),
    OptText(Option<&'a str>),
    Number(f64),
    OptNumber(Option<f64>),
    Integer(Option<i64>),
    Bool(bool),
    Date(Option<jiff::civil::Date>),
}

fn check_cell(table: &str, column: &str, cell: &str, want: &Want<'_>) {
    let at = || format!("{table}.{column}: {cell:?}");
    match *want {
        Want::Rendered(ref t) => {
            assert_eq!(cell, neutralise(t), "{} is the neutralised text", at());
            assert_eq!(restore(cell), *t, "{} gives the text back", at());
        }
        Want::Text(t) | Want::OptText(Some(t)) => {
            assert_eq!(cell, neutralise(t), "{} is the neutralised text", at());
            assert_eq!(restore(cell), t, "{} gives the text back", at());
        }
        Want::OptText(None) | Want::OptNumber(None) | Want::Integer(None) | Want::Date(None) => {
            assert_eq!(cell, "", "{} is empty", at())
        }
        Want::Number(x) | Want::OptNumber(Some(x)) => assert_number_cell(cell, x),
        Want::Integer(Some(n)) => assert_eq!(cell, n.to_string(), "{}", at()),
        Want::Bool(b) => assert_eq!(cell, if b { "TRUE" } else { "FALSE" }, "{}", at()),
        Want::Date(Some(d)) => assert_eq!(cell, d.to_string(), "{}", at()),
    }
}

/// The cells every row of `table` must hold, in column order.
fn expected(plan: &ResolvedPlan, table: Table) -> Vec<Vec<Want<'_>>> {
    let s = &plan.schedule;
    match table {
        Table::Milestones => s
            .milestones
            .iter()
            .map(|m| {
                vec![
                    Want::Text(&m.id),
                    Want::Text(&m.title),
                    Want::Text(m.kind.as_str()),
                    Want::OptText(m.goal.as_deref()),
                    Want::Date(Some(m.baseline.start)),
                    Want::Date(Some(m.baseline.finish)),
                    Want::Date(Some(m.forecast.start)),
                    Want::Date(Some(m.forecast.finish)),
                    Want::Date(m.due),
                    Want::Integer(m.late_days),
                    Want::Text(m.status.as_str()),
                    Want::Number(m.percent),
                    Want::Number(m.expected_percent),
                    Want::Bool(m.critical),
                    Want::Number(m.effort_hours),
                    Want::Number(m.remaining_hours),
                    Want::OptNumber(m.cost),
                    Want::Number(m.logged),
                    Want::Text(&m.unit),
                ]
            })
            .collect(),
        Table::Goals => s
            .goals
            .iter()
            .map(|g| {
                let mut row = vec![
                    Want::Text(&g.id),
                    Want::Text(&g.title),
                    Want::Date(g.due),
                    Want::Date(g.finish),
                    Want::Text(g.status.as_str()),
                    Want::Integer(Some(i64::from(g.score))),
                    Want::Number(g.percent),
                ];
                for (_, c) in g.smart.criteria() {
                    row.push(Want::Bool(c.pass));
                    row.push(Want::Rendered(c.terminal()));
                }
                row
            })
            .collect(),
        Table::Progress => s
            .progress
            .iter()
            .map(|p| {
                vec![
                    Want::Date(Some(p.date)),
                    Want::Text(&p.milestone),
                    Want::Number(p.amount),
                    Want::Text(&p.unit),
                    Want::Number(p.total),
                    Want::Number(p.percent),
                    Want::OptText(p.note.as_deref()),
                ]
            })
            .collect(),
        Table::WeeklyLoad => s
            .weekly_load
            .iter()
            .map(|l| {
                vec![
                    Want::Date(Some(l.week)),
                    Want::Number(l.baseline_hours),
                    Want::OptNumber(l.forecast_hours),
                ]
            })
            .collect(),
        Table::Renewals => s
            .renewals
            .iter()
            .map(|r| {
                vec![
                    Want::Text(&r.credential),
                    Want::Text(&r.name),
                    Want::Date(Some(r.due)),
                    Want::OptNumber(r.ce_hours),
                    Want::Integer(Some(i64::from(r.every_months))),
                    Want::Text(&r.source),
                    Want::Bool(r.verified),
                ]
            })
            .collect(),
        // The fuzzed plan has no credentials and no CE log (their text is covered by the
        // hostile plan of carepath-csv's tests): the tables are their header alone.
        Table::Occurrences | Table::People => {
            unreachable!("not written for a plan without series or people")
        }
        Table::Credentials | Table::CeRequirements | Table::Ce => {
            assert!(s.credentials.is_empty() && plan.plan.ce.is_empty());
            Vec::new()
        }
    }
}

/// The delimiters the exporter documents as refused; everything else ASCII punctuation, space
/// and tab is accepted.
fn documented_ok(c: char) -> bool {
    c == '\t'
        || c == ' '
        || (c.is_ascii_punctuation() && !matches!(c, '"' | '\'' | '.' | '-' | '+'))
}

fuzz_target!(|input: Input| {
    let plan = build(&input);
    let delimiter = input.delimiter();
    let options = CsvOptions {
        bom: input.bom,
        delimiter,
        table: None,
    };
    let checked = carepath_csv::check_options(&options);
    let exporter = CsvExporter::new(options);
    let exported = exporter.export(&plan);
    if !documented_ok(delimiter) {
        assert!(
            matches!(exported, Err(ExportError::Invalid(_))),
            "the delimiter {delimiter:?} must be refused"
        );
        assert!(
            matches!(checked, Err(ExportError::Invalid(_))),
            "check_options must refuse the delimiter {delimiter:?} too"
        );
        return;
    }
    checked.unwrap_or_else(|e| panic!("check_options refuses the delimiter {delimiter:?}: {e}"));
    let exported =
        exported.unwrap_or_else(|e| panic!("the delimiter {delimiter:?} is refused: {e}"));
    // The fuzzed plan has no series and no people: the eight tables every plan gets.
    let tables = exporter
        .tables_for(&plan)
        .unwrap_or_else(|e| panic!("the tables of an accepted export: {e}"));
    assert_eq!(
        tables,
        Table::ALL[..8],
        "no occurrences or people tables without them"
    );
    assert_eq!(exported.files.len(), tables.len(), "every table is written");
    for (table, file) in tables.into_iter().zip(&exported.files) {
        let name = table.name();
        assert_eq!(
            file.part.as_deref(),
            Some(name),
            "the tables in their order"
        );
        assert_eq!(
            (file.extension.as_str(), file.binary),
            ("csv", false),
            "{name}"
        );
        let out = &file.bytes;
        let body = match out.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => {
                assert!(input.bom, "{name}: a BOM that was not asked for");
                rest
            }
            None => {
                assert!(!input.bom, "{name}: no BOM although asked for");
                &out[..]
            }
        };
        assert!(
            body.ends_with(b"\r\n"),
            "{name}: the last record ends with CRLF"
        );
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter as u8)
            .from_reader(body);
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: the csv crate cannot read it back: {e}"));
        let columns = table.columns();
        assert_eq!(
            rows.first().map(|r| r.iter().collect::<Vec<_>>()),
            Some(columns.to_vec()),
            "{name}: the header row"
        );
        let want = expected(&plan, table);
        assert_eq!(rows.len(), want.len() + 1, "{name}: one row per item");
        for (row, want) in rows[1..].iter().zip(&want) {
            assert_eq!(row.len(), columns.len(), "{name}: a complete row: {row:?}");
            for ((cell, column), w) in row.iter().zip(columns).zip(want) {
                check_cell(name, column, cell, w);
            }
        }
    }
});
