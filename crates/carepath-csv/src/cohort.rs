//! The tables of `carepath cohort` (docs/cohort.md): `cohort.csv`, `expiries.csv` and
//! `problems.csv`, written by the same rules as the plan's own tables (CRLF, quotes only where
//! needed, text cells neutralised, plain numbers, ISO dates), so a spreadsheet reads the same
//! types in both.

use std::borrow::Cow;

use carepath_export::ExportError;
use carepath_model::cohort::Cohort;

use super::{CellType, csv_error, date, neutralise, number, text};

/// The columns of `cohort.csv`, before the roster's own columns.
pub const COHORT_COLUMNS: &[&str] = &[
    "plan",
    "person",
    "unit",
    "group",
    "current_role",
    "target_role",
    "target_by",
    "forecast_finish",
    "days_late",
    "status",
    "smart_average",
    "milestones_done",
    "milestones_total",
    "percent",
    "next_expiry_credential",
    "next_expiry_date",
    "ce_remaining",
    "errors",
    "warnings",
];

/// The columns of `expiries.csv`.
pub const EXPIRY_COLUMNS: &[&str] = &[
    "person",
    "unit",
    "credential",
    "expires",
    "days_left",
    "status",
    "ce_remaining",
    "renewal_forecast_finish",
];

/// The type of each of [`COHORT_COLUMNS`].
const COHORT_TYPES: &[CellType] = &[
    CellType::Text,
    CellType::Text,
    CellType::Text,
    CellType::Text,
    CellType::Text,
    CellType::Text,
    CellType::Date,
    CellType::Date,
    CellType::Number,
    CellType::Text,
    CellType::Number,
    CellType::Number,
    CellType::Number,
    CellType::Number,
    CellType::Text,
    CellType::Date,
    CellType::Number,
    CellType::Number,
    CellType::Number,
];

/// The type of each of [`EXPIRY_COLUMNS`].
const EXPIRY_TYPES: &[CellType] = &[
    CellType::Text,
    CellType::Text,
    CellType::Text,
    CellType::Date,
    CellType::Number,
    CellType::Text,
    CellType::Number,
    CellType::Date,
];

/// How a spreadsheet should read a column of `cohort.csv`: the roster's own columns are text,
/// as written.
pub fn cohort_cell_type(column: &str) -> CellType {
    COHORT_COLUMNS
        .iter()
        .position(|c| *c == column)
        .map_or(CellType::Text, |i| COHORT_TYPES[i])
}

/// How a spreadsheet should read a column of `expiries.csv`; `None` for a column it lacks.
pub fn expiry_cell_type(column: &str) -> Option<CellType> {
    EXPIRY_COLUMNS
        .iter()
        .position(|c| *c == column)
        .map(|i| EXPIRY_TYPES[i])
}

/// The columns of `problems.csv`.
pub const PROBLEM_COLUMNS: &[&str] = &["plan", "line", "column", "code", "message"];

fn writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

fn opt_number(x: Option<f64>) -> Cow<'static, str> {
    x.map(number).unwrap_or_default()
}

fn int(x: impl ToString) -> Cow<'static, str> {
    Cow::Owned(x.to_string())
}

/// `cohort.csv`: one row per person, in roster order.
pub fn cohort_csv(cohort: &Cohort) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    {
        let mut w = writer(&mut out);
        let header: Vec<&str> = COHORT_COLUMNS
            .iter()
            .copied()
            .chain(cohort.extra_columns.iter().map(String::as_str))
            .collect();
        w.write_record(&header).map_err(csv_error)?;
        for m in &cohort.members {
            let s = m.summary.as_ref();
            let mut row: Vec<Cow<'_, str>> = vec![
                text(&m.plan),
                text(&m.person),
                text(&m.unit),
                text(&m.group),
                s.and_then(|s| s.current_role.as_deref())
                    .map(neutralise)
                    .unwrap_or_default(),
                s.and_then(|s| s.target_role.as_deref())
                    .map(neutralise)
                    .unwrap_or_default(),
                date(s.and_then(|s| s.target_by)),
                date(s.map(|s| s.forecast_finish)),
                s.and_then(|s| s.days_late).map(int).unwrap_or_default(),
                Cow::Borrowed(m.status().as_str()),
                opt_number(s.and_then(|s| s.smart_average)),
                s.map(|s| int(s.milestones_done)).unwrap_or_default(),
                s.map(|s| int(s.milestones_total)).unwrap_or_default(),
                s.map(|s| number(s.percent)).unwrap_or_default(),
                s.and_then(|s| s.next_expiry_credential.as_deref())
                    .map(neutralise)
                    .unwrap_or_default(),
                date(s.and_then(|s| s.next_expiry_date)),
                opt_number(s.and_then(|s| s.ce_remaining)),
                int(m.errors),
                int(m.warnings),
            ];
            row.extend(m.extra.iter().map(|e| text(e)));
            w.write_record(row.iter().map(|c| c.as_bytes()))
                .map_err(csv_error)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// `expiries.csv`: every expiry of the cohort in the window, by date.
pub fn expiries_csv(cohort: &Cohort) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    {
        let mut w = writer(&mut out);
        w.write_record(EXPIRY_COLUMNS).map_err(csv_error)?;
        for e in cohort.expiries() {
            let x = e.expiry;
            let row: [Cow<'_, str>; 8] = [
                text(&e.member.person),
                text(&e.member.unit),
                text(&x.credential),
                date(Some(x.expires)),
                int(x.days_left),
                Cow::Borrowed(x.status.as_str()),
                opt_number(x.ce_remaining),
                date(x.renewal_forecast_finish),
            ];
            w.write_record(row.iter().map(|c| c.as_bytes()))
                .map_err(csv_error)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// `problems.csv`: every finding of every plan that has errors, in roster order.
pub fn problems_csv(cohort: &Cohort) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    {
        let mut w = writer(&mut out);
        w.write_record(PROBLEM_COLUMNS).map_err(csv_error)?;
        for p in &cohort.problems {
            let row: [Cow<'_, str>; 5] = [
                text(&p.plan),
                p.line.map(int).unwrap_or_default(),
                p.column.map(int).unwrap_or_default(),
                text(&p.code),
                text(&p.message),
            ];
            w.write_record(row.iter().map(|c| c.as_bytes()))
                .map_err(csv_error)?;
        }
        w.flush()?;
    }
    Ok(out)
}
