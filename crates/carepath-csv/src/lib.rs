#![doc = include_str!("../README.md")]

use std::borrow::Cow;
use std::io::Write;

use carepath_export::{ExportError, Exported, Exporter, OutputFile};
use carepath_model::{CeEntry, CredentialCycle, Requirement, ResolvedPlan};
use jiff::civil::Date;
use serde::Serialize;

pub mod cohort;

/// The table names, in the order an export lists them; each is written as `NAME.csv`.
///
/// `renewals` is the older table of renewal due dates (`schedule.renewals`), kept as an alias
/// for scripts that read it; `credentials`, `ce-requirements` and `ce` are the credential cycles,
/// what each cycle requires, and the CE log.
pub const TABLES: &[&str] = &[
    "milestones",
    "goals",
    "progress",
    "weekly-load",
    "renewals",
    "credentials",
    "ce-requirements",
    "ce",
    "occurrences",
    "people",
];

/// What a spreadsheet should make of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellType {
    /// Free text; neutralised against formulas (see [`neutralise`]).
    Text,
    /// `YYYY-MM-DD`.
    Date,
    /// Dot decimal, at most 2 decimals, no thousands separator, no trailing zeros; may be
    /// negative (`late_days`). Never neutralised.
    Number,
    /// `TRUE` or `FALSE`, which spreadsheets read as booleans.
    Boolean,
}

/// Declares a table's column names and types side by side so they can't drift apart.
macro_rules! columns {
    ($names:ident, $types:ident: $($name:literal $ty:ident),+ $(,)?) => {
        const $names: &[&str] = &[$($name),+];
        const $types: &[CellType] = &[$(CellType::$ty),+];
    };
}

columns!(MILESTONE_COLUMNS, MILESTONE_TYPES:
    "id" Text, "title" Text, "kind" Text, "goal" Text,
    "baseline_start" Date, "baseline_finish" Date, "forecast_start" Date, "forecast_finish" Date,
    "due" Date, "late_days" Number, "status" Text, "percent" Number, "expected_percent" Number,
    "critical" Boolean, "effort_hours" Number, "remaining_hours" Number, "cost" Number,
    "logged" Number, "unit" Text,
);
columns!(GOAL_COLUMNS, GOAL_TYPES:
    "id" Text, "title" Text, "due" Date, "finish" Date, "status" Text, "score" Number,
    "percent" Number,
    "specific" Boolean, "specific_reason" Text,
    "measurable" Boolean, "measurable_reason" Text,
    "achievable" Boolean, "achievable_reason" Text,
    "relevant" Boolean, "relevant_reason" Text,
    "time_bound" Boolean, "time_bound_reason" Text,
);
columns!(PROGRESS_COLUMNS, PROGRESS_TYPES:
    "date" Date, "milestone" Text, "amount" Number, "unit" Text, "total" Number,
    "percent" Number, "note" Text,
);
columns!(WEEKLY_LOAD_COLUMNS, WEEKLY_LOAD_TYPES:
    "week" Date, "baseline_hours" Number, "forecast_hours" Number,
);
// The weekly load of a plan with shifts (a rotation or a roster): three more columns, so the
// table of every other plan stays as it was.
columns!(WEEKLY_LOAD_SHIFT_COLUMNS, WEEKLY_LOAD_SHIFT_TYPES:
    "week" Date, "baseline_hours" Number, "forecast_hours" Number,
    "shift_hours" Number, "free_days" Number, "total_hours" Number,
);
columns!(RENEWAL_COLUMNS, RENEWAL_TYPES:
    "credential" Text, "name" Text, "due" Date, "ce_hours" Number, "every_months" Number,
    "source" Text, "verified" Boolean,
);
columns!(CREDENTIAL_COLUMNS, CREDENTIAL_TYPES:
    "credential" Text, "name" Text, "jurisdiction" Text, "earned" Date, "cycle_start" Date,
    "expires" Date, "submit_by" Date, "status" Text, "ce_required" Number, "ce_counted" Number,
    "ce_remaining" Number, "renewal_forecast_finish" Date, "ce_unit" Text,
    "renewal_milestone" Text, "rule_source" Text, "rule_verified" Boolean,
);
columns!(CE_REQUIREMENT_COLUMNS, CE_REQUIREMENT_TYPES:
    "credential" Text, "expires" Date, "requirement" Text, "required" Number, "counted" Number,
    "remaining" Number, "met" Boolean, "unit" Text, "forecast" Number,
);
columns!(OCCURRENCE_COLUMNS, OCCURRENCE_TYPES:
    "milestone" Text, "date" Date, "done" Date, "forecast" Date,
);
// `name` is private: under `--redact` it is the pseudonym (`contact 1`), never the name.
columns!(PEOPLE_COLUMNS, PEOPLE_TYPES:
    "id" Text, "name" Text, "relation" Text, "role" Text, "last_contact" Date,
    "next_contact" Date, "overdue" Boolean,
);
columns!(CE_COLUMNS, CE_TYPES:
    "date" Date, "title" Text, "hours" Number, "category" Text, "topics" Text,
    "counted_for" Text, "provider" Text,
);

/// One CSV table of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Milestones,
    Goals,
    Progress,
    WeeklyLoad,
    Renewals,
    Credentials,
    CeRequirements,
    Ce,
    /// A recurring milestone's occurrences (docs/network.md); written when the plan has one.
    Occurrences,
    /// The person's network; written when the plan has people.
    People,
}

impl Table {
    pub const ALL: [Table; 10] = [
        Table::Milestones,
        Table::Goals,
        Table::Progress,
        Table::WeeklyLoad,
        Table::Renewals,
        Table::Credentials,
        Table::CeRequirements,
        Table::Ce,
        Table::Occurrences,
        Table::People,
    ];

    /// The name used with `--table` and as the file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Milestones => "milestones",
            Table::Goals => "goals",
            Table::Progress => "progress",
            Table::WeeklyLoad => "weekly-load",
            Table::Renewals => "renewals",
            Table::Credentials => "credentials",
            Table::CeRequirements => "ce-requirements",
            Table::Ce => "ce",
            Table::Occurrences => "occurrences",
            Table::People => "people",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The header row, in its stable order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Milestones => MILESTONE_COLUMNS,
            Table::Goals => GOAL_COLUMNS,
            Table::Progress => PROGRESS_COLUMNS,
            Table::WeeklyLoad => WEEKLY_LOAD_COLUMNS,
            Table::Renewals => RENEWAL_COLUMNS,
            Table::Credentials => CREDENTIAL_COLUMNS,
            Table::CeRequirements => CE_REQUIREMENT_COLUMNS,
            Table::Ce => CE_COLUMNS,
            Table::Occurrences => OCCURRENCE_COLUMNS,
            Table::People => PEOPLE_COLUMNS,
        }
    }

    /// The type of each column, parallel to [`Table::columns`].
    pub fn cell_types(self) -> &'static [CellType] {
        match self {
            Table::Milestones => MILESTONE_TYPES,
            Table::Goals => GOAL_TYPES,
            Table::Progress => PROGRESS_TYPES,
            Table::WeeklyLoad => WEEKLY_LOAD_TYPES,
            Table::Renewals => RENEWAL_TYPES,
            Table::Credentials => CREDENTIAL_TYPES,
            Table::CeRequirements => CE_REQUIREMENT_TYPES,
            Table::Ce => CE_TYPES,
            Table::Occurrences => OCCURRENCE_TYPES,
            Table::People => PEOPLE_TYPES,
        }
    }
}

impl Table {
    /// The header row of this table for `plan`: [`Table::columns`], and for `weekly-load` of a
    /// plan with shifts, `shift_hours`, `free_days` and `total_hours` after them.
    pub fn columns_for(self, plan: &ResolvedPlan) -> &'static [&'static str] {
        if self == Table::WeeklyLoad && has_shifts(plan) {
            WEEKLY_LOAD_SHIFT_COLUMNS
        } else {
            self.columns()
        }
    }

    /// The type of the column with this header name, in any header this table may have.
    pub fn cell_type(self, column: &str) -> Option<CellType> {
        let (names, types) = if self == Table::WeeklyLoad {
            (WEEKLY_LOAD_SHIFT_COLUMNS, WEEKLY_LOAD_SHIFT_TYPES)
        } else {
            (self.columns(), self.cell_types())
        };
        names.iter().position(|c| *c == column).map(|i| types[i])
    }

    /// The type of each column of [`Table::columns_for`].
    pub fn cell_types_for(self, plan: &ResolvedPlan) -> &'static [CellType] {
        if self == Table::WeeklyLoad && has_shifts(plan) {
            WEEKLY_LOAD_SHIFT_TYPES
        } else {
            self.cell_types()
        }
    }
}

/// Whether the plan has shifts (its weekly load carries shift hours).
fn has_shifts(plan: &ResolvedPlan) -> bool {
    plan.schedule
        .weekly_load
        .first()
        .is_some_and(|w| w.shift_hours.is_some())
}

/// The header row of the table with this name, or None for a name that is not one of [`TABLES`].
pub fn columns(table: &str) -> Option<&'static [&'static str]> {
    Table::parse(table).map(Table::columns)
}

/// The CSV exporter's options: `--bom`, `--delimiter`, `--table`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvOptions {
    /// Write a UTF-8 byte-order mark (for older Excel).
    pub bom: bool,
    /// Field delimiter, `,` by default.
    pub delimiter: char,
    /// One table instead of all of them.
    pub table: Option<String>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            bom: false,
            delimiter: ',',
            table: None,
        }
    }
}

/// `--to csv`. Pure: it writes what the resolved plan says and never recomputes anything.
#[derive(Debug, Default, Clone)]
pub struct CsvExporter {
    options: CsvOptions,
}

impl CsvExporter {
    pub fn new(options: CsvOptions) -> Self {
        CsvExporter { options }
    }

    pub fn options(&self) -> &CsvOptions {
        &self.options
    }

    /// The tables this export writes: the one chosen with `--table`, else every table but the
    /// network's. Apart from those, the list depends on the options only, never on the plan:
    /// `renewals`, `credentials`, `ce-requirements` and `ce` are always there, header-only when
    /// the plan has none, so a script reading the output directory always finds the same eight
    /// files. `occurrences` and `people` (docs/network.md) come in addition, see
    /// [`CsvExporter::tables_for`].
    pub fn tables(&self) -> Result<Vec<Table>, ExportError> {
        match &self.options.table {
            Some(t) => Ok(vec![parse_table(t)?]),
            None => Ok(Table::ALL
                .into_iter()
                .filter(|t| !matches!(t, Table::Occurrences | Table::People))
                .collect()),
        }
    }

    /// The tables an export of `plan` writes: [`CsvExporter::tables`], and without `--table`
    /// `occurrences` when the plan has a recurring milestone and `people` when it has people,
    /// so that the export of a plan without them is the eight files it always was.
    pub fn tables_for(&self, plan: &ResolvedPlan) -> Result<Vec<Table>, ExportError> {
        let mut tables = self.tables()?;
        if self.options.table.is_none() {
            if plan
                .schedule
                .milestones
                .iter()
                .any(|m| !m.occurrences.is_empty())
            {
                tables.push(Table::Occurrences);
            }
            if !plan.schedule.people.is_empty() {
                tables.push(Table::People);
            }
        }
        Ok(tables)
    }

    /// One table, as the bytes of its file.
    pub fn table(&self, plan: &ResolvedPlan, table: Table) -> Result<Vec<u8>, ExportError> {
        let settings = Settings::from_options(&self.options)?;
        let mut out = Vec::new();
        write_table(plan, table, settings, &mut out)?;
        Ok(out)
    }
}

impl Exporter for CsvExporter {
    fn name(&self) -> &str {
        "csv"
    }
    fn description(&self) -> &str {
        "milestones, goals, progress, weekly load, credentials and CE as CSV tables for spreadsheets"
    }
    fn extension(&self) -> &str {
        "csv"
    }

    /// One file per table of [`CsvExporter::tables`], each with the table's name as its part.
    fn export(&self, plan: &ResolvedPlan) -> Result<Exported, ExportError> {
        let settings = Settings::from_options(&self.options)?;
        let mut files = Vec::new();
        for table in self.tables_for(plan)? {
            let mut bytes = Vec::new();
            write_table(plan, table, settings, &mut bytes)?;
            files.push(OutputFile {
                part: Some(table.name().to_string()),
                extension: "csv".into(),
                media_type: "text/csv".into(),
                binary: false,
                bytes,
            });
        }
        Ok(Exported {
            files,
            warnings: Vec::new(),
        })
    }
}

/// How the bytes are laid out, validated from [`CsvOptions`].
#[derive(Debug, Clone, Copy)]
struct Settings {
    delimiter: u8,
    bom: bool,
}

impl Settings {
    fn from_options(options: &CsvOptions) -> Result<Settings, ExportError> {
        Ok(Settings {
            delimiter: delimiter_byte(options.delimiter)?,
            bom: options.bom,
        })
    }
}

/// Checks the options (`delimiter`, `table`) so a caller can refuse them before writing
/// anything.
pub fn check_options(options: &CsvOptions) -> Result<(), ExportError> {
    delimiter_byte(options.delimiter)?;
    if let Some(t) = &options.table {
        parse_table(t)?;
    }
    Ok(())
}

fn parse_table(name: &str) -> Result<Table, ExportError> {
    Table::parse(name).ok_or_else(|| {
        let hint = carepath_model::suggest::did_you_mean(name, TABLES.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        ExportError::Invalid(format!(
            "there is no CSV table `{name}`{hint}; the tables are {}",
            TABLES.join(", ")
        ))
    })
}

/// A delimiter must be one ASCII byte that cannot also occur inside an unquoted number or date
/// (`.`, `-`, `+`, digits) or be mistaken for quoting, a line break or the `'` that neutralised
/// text begins with. `,` `;` tab `|` and the like are fine.
fn delimiter_byte(c: char) -> Result<u8, ExportError> {
    let ok = c == '\t'
        || c == ' '
        || (c.is_ascii_punctuation() && !matches!(c, '"' | '\'' | '.' | '-' | '+'));
    if ok {
        Ok(c as u8)
    } else {
        Err(ExportError::Invalid(format!(
            "{} can't be a CSV delimiter: it would make cells ambiguous; use one ASCII \
             punctuation character such as `,` (the default), `;` or `|`, or `\\t` for tab \
             (not a quote, an apostrophe, `.`, `-`, `+`, a letter, a digit or a line break)",
            describe(c)
        )))
    }
}

fn describe(c: char) -> String {
    match c {
        '\n' => "a line feed".into(),
        '\r' => "a carriage return".into(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

fn write_table(
    plan: &ResolvedPlan,
    table: Table,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    if settings.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(settings.delimiter)
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    w.write_record(table.columns_for(plan)).map_err(csv_error)?;
    let mut record = |cells: &[Cow<'_, str>]| {
        w.write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(csv_error)
    };
    let s = &plan.schedule;
    match table {
        Table::Milestones => {
            for m in &s.milestones {
                record(&[
                    text(&m.id),
                    text(&m.title),
                    text(m.kind.as_str()),
                    opt_text(m.goal.as_deref()),
                    date(Some(m.baseline.start)),
                    date(Some(m.baseline.finish)),
                    date(Some(m.forecast.start)),
                    date(Some(m.forecast.finish)),
                    date(m.due),
                    m.late_days
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                        .into(),
                    text(m.status.as_str()),
                    number(m.percent),
                    number(m.expected_percent),
                    boolean(m.critical),
                    number(m.effort_hours),
                    number(m.remaining_hours),
                    m.cost.map(number).unwrap_or_default(),
                    number(m.logged),
                    text(&m.unit),
                ])?;
            }
        }
        Table::Goals => {
            for g in &s.goals {
                let mut row = vec![
                    text(&g.id),
                    text(&g.title),
                    date(g.due),
                    date(g.finish),
                    text(g.status.as_str()),
                    g.score.to_string().into(),
                    number(g.percent),
                ];
                for (_, c) in g.smart.criteria() {
                    row.push(boolean(c.pass));
                    row.push(text(&c.terminal()).into_owned().into());
                }
                record(&row)?;
            }
        }
        Table::Progress => {
            for p in &s.progress {
                record(&[
                    date(Some(p.date)),
                    text(&p.milestone),
                    number(p.amount),
                    text(&p.unit),
                    number(p.total),
                    number(p.percent),
                    opt_text(p.note.as_deref()),
                ])?;
            }
        }
        Table::WeeklyLoad => {
            for l in &s.weekly_load {
                let mut row = vec![
                    date(Some(l.week)),
                    number(l.baseline_hours),
                    l.forecast_hours.map(number).unwrap_or_default(),
                ];
                if let (Some(shift), Some(free), Some(total)) =
                    (l.shift_hours, l.free_days, l.total_hours)
                {
                    row.extend([number(shift), free.to_string().into(), number(total)]);
                }
                record(&row)?;
            }
        }
        Table::Renewals => {
            for r in &s.renewals {
                record(&[
                    text(&r.credential),
                    text(&r.name),
                    date(Some(r.due)),
                    r.ce_hours.map(number).unwrap_or_default(),
                    r.every_months.to_string().into(),
                    text(&r.source),
                    boolean(r.verified),
                ])?;
            }
        }
        Table::Credentials => {
            for c in &s.credentials {
                let rule = c.rule.as_ref();
                let mut row = |cycle: Option<&CredentialCycle>| {
                    let total = cycle.and_then(|y| requirement(y, "total"));
                    record(&[
                        text(&c.id),
                        text(&c.name),
                        opt_text(c.jurisdiction.as_deref()),
                        date(c.earned),
                        date(cycle.and_then(|y| y.start)),
                        date(cycle.map(|y| y.expires).or(c.expires)),
                        date(cycle.map(|y| y.submit_by)),
                        text(c.status.as_str()),
                        total.map(|r| number(r.required)).unwrap_or_default(),
                        total.map(|r| number(r.counted)).unwrap_or_default(),
                        total.map(|r| number(r.remaining)).unwrap_or_default(),
                        date(cycle.and_then(|y| y.forecast_finish)),
                        opt_text(total.map(|r| r.unit.as_str())),
                        opt_text(cycle.and_then(|y| y.renewal_milestone.as_deref())),
                        opt_text(rule.map(|r| r.source.as_str())),
                        rule.map(|r| boolean(r.verified)).unwrap_or_default(),
                    ])
                };
                if c.cycles.is_empty() {
                    // Still listed, so the table shows every credential and its status
                    // (`unknown` asks for `expires`).
                    row(None)?;
                }
                for cycle in &c.cycles {
                    row(Some(cycle))?;
                }
            }
        }
        Table::CeRequirements => {
            for c in &s.credentials {
                for cycle in &c.cycles {
                    for r in &cycle.requirements {
                        record(&[
                            text(&c.id),
                            date(Some(cycle.expires)),
                            text(&r.requirement),
                            number(r.required),
                            number(r.counted),
                            number(r.remaining),
                            boolean(r.met),
                            text(&r.unit),
                            r.forecast.map(number).unwrap_or_default(),
                        ])?;
                    }
                }
            }
        }
        Table::Occurrences => {
            for m in &s.milestones {
                for o in &m.occurrences {
                    record(&[
                        text(&m.id),
                        date(Some(o.date)),
                        date(o.done),
                        date(o.forecast),
                    ])?;
                }
            }
        }
        Table::People => {
            for c in &s.people {
                record(&[
                    text(&c.id),
                    text(&c.name),
                    text(c.relation.as_str()),
                    opt_text(c.role.as_deref()),
                    date(c.last_contact),
                    date(c.next_contact),
                    boolean(c.overdue),
                ])?;
            }
        }
        Table::Ce => {
            for e in &plan.plan.ce {
                let topics = e
                    .topics
                    .iter()
                    .map(|(t, h)| format!("{t}={}", format_number(*h)))
                    .collect::<Vec<_>>()
                    .join("; ");
                let counted = counted_for(plan, e).join("; ");
                // The entry's `note` is private (cohort redaction): it is never written.
                record(&[
                    date(Some(e.date)),
                    text(&e.title),
                    number(e.hours),
                    opt_text(e.category.as_deref()),
                    text(&topics),
                    text(&counted),
                    opt_text(e.provider.as_deref()),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// The ids of the credentials whose cycles count a CE activity, in the order of
/// `schedule.credentials`: an activity counts toward a credential when its date falls inside one
/// of that credential's cycles (`start..=expires`) and either its `counts_for` names the
/// credential, or it names none and that cycle's rule takes CE (it has a `total`, `category:`
/// or `topic:` requirement). Read from the resolved plan only; nothing is recomputed.
pub fn counted_for<'a>(plan: &'a ResolvedPlan, entry: &CeEntry) -> Vec<&'a str> {
    plan.schedule
        .credentials
        .iter()
        .filter(|c| {
            c.cycles.iter().any(|y| {
                let inside = y.start.is_none_or(|s| s <= entry.date) && entry.date <= y.expires;
                let chosen = if entry.counts_for.is_empty() {
                    y.requirements.iter().any(|r| takes_ce(&r.requirement))
                } else {
                    entry.counts_for.contains(&c.id)
                };
                inside && chosen
            })
        })
        .map(|c| c.id.as_str())
        .collect()
}

/// Whether a requirement is one that CE activities count toward.
fn takes_ce(requirement: &str) -> bool {
    requirement == "total"
        || requirement.starts_with("category:")
        || requirement.starts_with("topic:")
}

fn requirement<'a>(cycle: &'a CredentialCycle, name: &str) -> Option<&'a Requirement> {
    cycle.requirements.iter().find(|r| r.requirement == name)
}

fn csv_error(e: csv::Error) -> ExportError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => ExportError::Io(e),
        other => ExportError::Invalid(format!("could not write CSV: {other:?}")),
    }
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Makes a text cell safe to open in a spreadsheet: text that begins with `=`, `+`, `-`, `@`,
/// tab or carriage return, possibly after apostrophes of its own, gets one `'` in front. The
/// spreadsheet then shows it as text, with the `'` visible; [`restore`] takes it off again.
/// Only text cells pass through here: numbers and dates are never touched, so `-3` stays a
/// number.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(is_trigger) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a cell held before [`neutralise`]: one leading `'` less where one was added. Every
/// text survives the pair exactly, including text that starts with `'` itself.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(is_trigger) => rest,
        _ => cell,
    }
}

fn text(s: &str) -> Cow<'_, str> {
    neutralise(s)
}

fn opt_text(s: Option<&str>) -> Cow<'_, str> {
    s.map(neutralise).unwrap_or_default()
}

fn date(d: Option<Date>) -> Cow<'static, str> {
    d.map(|d| Cow::Owned(d.to_string())).unwrap_or_default()
}

fn boolean(b: bool) -> Cow<'static, str> {
    Cow::Borrowed(if b { "TRUE" } else { "FALSE" })
}

/// A plain number: rounded to 2 decimals, dot decimal, no thousands separator, no exponent at
/// any size and no trailing zeros (`12`, `12.5`, `0.33`, `100000000000000000000`). Not-a-number
/// and infinities, which a resolved plan never holds, give an empty cell rather than text a
/// spreadsheet would misread.
pub fn format_number(x: f64) -> String {
    carepath_model::numbers::digits(x)
}

fn number(x: f64) -> Cow<'static, str> {
    Cow::Owned(format_number(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain() {
        let cases = [
            (12.0, "12"),
            (12.5, "12.5"),
            (12.50001, "12.5"),
            (0.333333, "0.33"),
            (2.0 / 3.0, "0.67"),
            (100.0, "100"),
            (1750.0, "1750"),
            (1234567.891, "1234567.89"),
            (0.0, "0"),
            (-0.0, "0"),
            (-0.001, "0"),
            (-3.0, "-3"),
            (-2.25, "-2.25"),
            (1e20, "100000000000000000000"),
            (-2.5e20, "-250000000000000000000"),
            (0.004, "0"),
            (0.006, "0.01"),
            (f64::NAN, ""),
            (f64::INFINITY, ""),
        ];
        for (x, want) in cases {
            assert_eq!(format_number(x), want, "{x}");
        }
    }

    #[test]
    fn formula_triggers_get_one_apostrophe() {
        for t in ["=1+2", "+1", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x"] {
            assert_eq!(neutralise(t), format!("'{t}"), "{t:?}");
            assert_eq!(restore(&neutralise(t)), t);
        }
        for t in [
            "",
            "plain",
            "'",
            "'quoted'",
            " =leading space",
            "\n=x",
            "a=b",
            "＝1",
        ] {
            assert_eq!(neutralise(t), t, "{t:?}");
            assert_eq!(restore(t), t);
        }
    }

    #[test]
    fn column_names_and_types_line_up() {
        assert_eq!(
            Table::ALL.map(Table::name).as_slice(),
            TABLES,
            "TABLES and Table::ALL list the same tables in the same order"
        );
        for t in Table::ALL {
            assert_eq!(t.columns().len(), t.cell_types().len(), "{}", t.name());
            assert_eq!(
                WEEKLY_LOAD_SHIFT_COLUMNS.len(),
                WEEKLY_LOAD_SHIFT_TYPES.len()
            );
            assert_eq!(WEEKLY_LOAD_SHIFT_COLUMNS[..3], *WEEKLY_LOAD_COLUMNS);
            assert_eq!(Table::parse(t.name()), Some(t));
            assert_eq!(columns(t.name()), Some(t.columns()));
            for c in t.columns() {
                assert!(
                    c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{c} is snake_case"
                );
            }
        }
        assert_eq!(columns("milestone"), None);
    }

    #[test]
    fn delimiters() {
        for ok in [',', ';', '\t', '|', ':', ' '] {
            assert!(delimiter_byte(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            '"', '\'', '\n', '\r', '.', '-', '+', 'a', '7', 'é', '\0', '；',
        ] {
            let Err(ExportError::Invalid(m)) = delimiter_byte(bad) else {
                panic!("{bad:?} accepted");
            };
            assert!(m.contains("delimiter"), "{m}");
        }
    }
}
