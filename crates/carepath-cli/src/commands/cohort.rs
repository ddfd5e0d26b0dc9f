//! `carepath cohort ROSTER`: every plan of a roster at once (docs/cohort.md). The roster is read
//! here, each plan is read, checked and resolved on its own rayon task, the lines and expiries
//! come from the model ([`carepath_model::cohort`]) and the tables from the CSV crate; every
//! output goes through one [`files::Batch`], so a run leaves either the new files or the old ones.
//!
//! The order of every output is the roster's (rayon's `collect` keeps it), so the bytes are the
//! same for any `--jobs`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use carepath_catalog::Remembered;
use carepath_export::{Exporter, PluginSettings};
use carepath_model::cohort::{self, Cohort, Member, Problem};
use carepath_model::words::plural;
use carepath_model::{Format, Knowledge, codes, diag};
use rayon::prelude::*;

use crate::files;
use crate::session::{
    Env, Failure, Outcome, emit, errors_of, render_diagnostics_omitting, terminal_safe,
};

pub struct Options {
    pub roster: PathBuf,
    pub output: PathBuf,
    pub to: Vec<String>,
    pub jobs: Option<usize>,
    pub expiring_within: i64,
    pub redact: bool,
    pub keep_key: bool,
}

/// One line of the roster.
struct Entry {
    /// The plan's path as the roster gives it.
    shown: String,
    path: PathBuf,
    unit: String,
    group: String,
    extra: Vec<String>,
}

struct Roster {
    extra_columns: Vec<String>,
    entries: Vec<Entry>,
    warnings: Vec<String>,
}

/// What one plan gives.
struct Done {
    member: Member,
    problems: Vec<Problem>,
    /// For stderr: the findings of a plan with errors, as `check` prints them.
    report: String,
    exports: Vec<(PathBuf, Vec<u8>)>,
    export_error: Option<String>,
}

pub fn cohort(env: &Env, o: &Options, out: &mut dyn Write) -> Outcome {
    let roster = read_roster(&o.roster)?;
    for w in &roster.warnings {
        eprintln!("warning: {}", terminal_safe(w, false));
    }
    let exporters = exporters(&o.to)?;
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = o.jobs {
            b = b.num_threads(n);
        }
        b.build()
            .map_err(|e| Failure::usage(format!("cannot start the worker threads: {e}")))?
    };
    let bar = progress(roster.entries.len());
    // One route search per distinct (role, target, credentials) of the roster, not per plan.
    let remembered = Remembered::new(env.catalog());
    let done: Vec<Done> = pool.install(|| {
        roster
            .entries
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let d = one(env, &remembered, o, &exporters, i, e);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                d
            })
            .collect()
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }

    let mut c = Cohort {
        extra_columns: roster.extra_columns.clone(),
        ..Cohort::default()
    };
    let mut person_files = Vec::new();
    for d in done {
        if !d.report.is_empty() {
            eprint!("{}", d.report);
        }
        if let Some(e) = d.export_error {
            return Err(Failure::usage(e));
        }
        c.members.push(d.member);
        c.problems.extend(d.problems);
        person_files.extend(d.exports);
    }

    let csv = |r: Result<Vec<u8>, carepath_export::ExportError>| {
        r.map_err(|e| Failure::usage(format!("cannot write the cohort's CSV: {e}")))
    };
    let dir = &o.output;
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            dir.join("cohort.csv"),
            csv(carepath_csv::cohort::cohort_csv(&c))?,
        ),
        (
            dir.join("expiries.csv"),
            csv(carepath_csv::cohort::expiries_csv(&c))?,
        ),
        (
            dir.join("problems.csv"),
            csv(carepath_csv::cohort::problems_csv(&c))?,
        ),
        (dir.join("cohort.jsonl"), jsonl(&c)?),
    ];
    let pdf = carepath_pdf::cohort::dashboard(
        &c,
        env.as_of,
        carepath_export::Paper::Letter,
        carepath_export::GENERATOR,
    );
    for w in &pdf.warnings {
        eprintln!("warning: cohort.pdf: {}", terminal_safe(w, false));
    }
    outputs.push((dir.join("cohort.pdf"), pdf.bytes));
    if o.keep_key {
        outputs.push((dir.join("key.csv"), key_csv(&roster)?));
    }
    let people = person_files.len();
    outputs.extend(person_files.into_iter().map(|(p, b)| (dir.join(p), b)));

    let mut batch = files::Batch::derived();
    for e in &roster.entries {
        batch.protect(&e.path);
    }
    batch.protect(&o.roster);
    for (p, bytes) in outputs {
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Failure::usage(format!(
                    "cannot create {}: {}",
                    files::shown(parent),
                    files::io_reason(&e)
                ))
            })?;
        }
        batch.add(&p, bytes)?;
    }
    let written = batch.commit()?;
    let invalid = c
        .members
        .iter()
        .filter(|m| m.status() == cohort::PlanStatus::Invalid)
        .count();
    let mut text = String::new();
    for w in written.iter().take(written.len() - people) {
        text.push_str(&format!("wrote {w}\n"));
    }
    if people > 0 {
        text.push_str(&format!(
            "wrote {} of people's own exports into {}\n",
            plural(people as i64, "file", "files"),
            files::shown(&dir.join("people"))
        ));
    }
    text.push_str(&format!(
        "{}: {} processed, {} with errors\n",
        files::shown(&o.roster),
        plural(c.members.len() as i64, "plan", "plans"),
        invalid
    ));
    emit(out, &text)?;
    if invalid > 0 {
        return Err(Failure::plan(format!(
            "{} of {} have errors; they are in problems.csv",
            invalid,
            plural(c.members.len() as i64, "plan", "plans")
        )));
    }
    Ok(())
}

/// The exporters `--to` names, each once, chosen as `carepath export` chooses them.
fn exporters(to: &[String]) -> Result<Vec<Arc<dyn Exporter>>, Failure> {
    let options = super::export::Options::default();
    super::export::choose(
        &super::export::registry(&options),
        to,
        &PluginSettings::default(),
    )
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress(n: usize) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || n < 2 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} plans {elapsed}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn problem(plan: &str, code: &str, message: String) -> Problem {
    Problem {
        plan: plan.to_string(),
        line: None,
        column: None,
        code: code.to_string(),
        message,
    }
}

/// Reads, checks and resolves the `i`-th plan of the roster.
fn one(
    env: &Env,
    catalog: &Remembered<'_>,
    o: &Options,
    exporters: &[Arc<dyn Exporter>],
    i: usize,
    e: &Entry,
) -> Done {
    let knowledge: Option<&dyn Knowledge> = Some(catalog);
    // With --redact, the plan is known by its pseudonym everywhere but on stderr.
    let pseudonym = cohort::pseudonym(i);
    let label = if o.redact { &pseudonym } else { &e.shown };
    let mut member = Member {
        plan: label.clone(),
        person: if o.redact {
            pseudonym.clone()
        } else {
            String::new()
        },
        unit: e.unit.clone(),
        group: e.group.clone(),
        extra: e.extra.clone(),
        summary: None,
        expiries: Vec::new(),
        errors: 0,
        warnings: 0,
        credentials: Vec::new(),
    };
    let failed = |member: Member, message: String| {
        member_failed(
            member,
            label,
            &e.shown,
            codes::COHORT_PLAN_UNREADABLE,
            message,
        )
    };
    let Some(format) = Format::from_path(&e.shown) else {
        return failed(
            member,
            "carepath reads plans in .toml or .json files".into(),
        );
    };
    let bytes = match files::read_bounded(&e.path, files::MAX_PLAN_BYTES, "plans") {
        Ok(b) => b,
        // The message names the file by the roster's path (or not at all, with --redact).
        Err(f) => {
            let full = files::shown(&e.path);
            let message = f.message.replace(&full, "the plan");
            return failed(member, message);
        }
    };
    let checked = carepath_model::check(&bytes, format, knowledge);
    let text = String::from_utf8_lossy(&bytes);
    let Some(plan) = checked.plan else {
        let errors = errors_of(&checked.diagnostics);
        member.errors = errors.len() + checked.omitted.errors();
        member.warnings = checked.diagnostics.len() - errors.len() + checked.omitted.warnings();
        let index = diag::LineIndex::new(&text);
        let problems = errors
            .iter()
            .map(|d| {
                let (line, column) = match &d.span {
                    Some(s) => {
                        let (l, c) = index.line_col(&text, s.start);
                        (Some(l), Some(c))
                    }
                    None => (None, None),
                };
                Problem {
                    plan: label.clone(),
                    line,
                    column,
                    code: d.code.to_string(),
                    message: d.message.clone(),
                }
            })
            .collect();
        let report = render_diagnostics_omitting(
            env.color_err,
            &e.shown,
            &text,
            &errors,
            &diag::Omitted::default(),
        );
        return Done {
            member,
            problems,
            report,
            exports: Vec::new(),
            export_error: None,
        };
    };
    let resolved = carepath_model::resolve(&plan, env.as_of, knowledge);
    let warnings = checked.diagnostics.len()
        + checked.omitted.count()
        + carepath_model::findings(&plan, &resolved).len();
    let resolved = if o.redact {
        carepath_model::resolve(
            &carepath_model::redact::redact(&plan, &pseudonym),
            env.as_of,
            knowledge,
        )
    } else {
        resolved
    };
    member.person = resolved.plan.person.name.clone();
    member.warnings = warnings;
    let mut summary = cohort::summarize(&resolved);
    let mut expiries = cohort::expiries(&resolved, o.expiring_within);
    short_names(catalog.catalog(), &resolved, &mut summary, &mut expiries);
    member.summary = Some(summary);
    member.expiries = expiries;
    member.credentials = resolved.schedule.credentials.clone();

    let mut exports = Vec::new();
    let mut export_error = None;
    let stem = if o.redact {
        pseudonym.clone()
    } else {
        Path::new(&e.shown).file_stem().map_or_else(
            || format!("plan-{}", i + 1),
            |s| s.to_string_lossy().into_owned(),
        )
    };
    let folder = PathBuf::from("people").join(&stem);
    if !exporters.is_empty() {
        match super::export::export_plan(exporters, &resolved, &stem) {
            Ok(files) => {
                exports = files
                    .into_iter()
                    .map(|f| (folder.join(f.path), f.bytes))
                    .collect();
            }
            Err(f) => export_error = Some(format!("{}: {}", e.shown, f.message)),
        }
    }
    Done {
        member,
        problems: Vec::new(),
        report: String::new(),
        exports,
        export_error,
    }
}

/// An educator's tables name credentials as people write them (BLS, ACLS), where the catalog
/// has the short form: a column of "Advanced Cardiovascular Life Support provider course" is
/// hard to scan. The credentials of `cohort.jsonl` keep their full names.
fn short_names(
    catalog: &carepath_catalog::Catalog,
    resolved: &carepath_model::ResolvedPlan,
    summary: &mut cohort::Summary,
    expiries: &mut [cohort::Expiry],
) {
    let short = |id: &str| catalog.credential(id).map(|c| c.short_name().to_string());
    for e in expiries.iter_mut() {
        if let Some(s) = short(&e.id) {
            e.credential = s;
        }
    }
    if let Some(next) = resolved.schedule.credentials.iter().find(|c| {
        summary.next_expiry_credential.as_ref() == Some(&c.name)
            && c.expires == summary.next_expiry_date
    }) && let Some(s) = short(&next.id)
    {
        summary.next_expiry_credential = Some(s);
    }
}

fn member_failed(member: Member, label: &str, shown: &str, code: &str, message: String) -> Done {
    let report = format!("error[{code}]: {}: {}\n", shown, message);
    Done {
        member: Member {
            errors: 1,
            ..member
        },
        problems: vec![problem(label, code, message)],
        report: terminal_safe(&report, false).into_owned(),
        exports: Vec::new(),
        export_error: None,
    }
}

/// `cohort.jsonl`: one compact JSON object per plan, the row of cohort.csv plus the credentials.
fn jsonl(c: &Cohort) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    for m in &c.members {
        let mut v = serde_json::to_value(m)
            .map_err(|e| Failure::usage(format!("cannot encode JSON: {e}")))?;
        if let serde_json::Value::Object(map) = &mut v {
            map.insert(
                "status".into(),
                serde_json::Value::String(m.status().as_str().into()),
            );
            for (k, x) in c.extra_columns.iter().zip(&m.extra) {
                map.entry(k.clone())
                    .or_insert_with(|| serde_json::Value::String(x.clone()));
            }
            map.insert(
                "credentials".into(),
                serde_json::to_value(&m.credentials)
                    .map_err(|e| Failure::usage(format!("cannot encode JSON: {e}")))?,
            );
        }
        let line = serde_json::to_string(&v)
            .map_err(|e| Failure::usage(format!("cannot encode JSON: {e}")))?;
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    Ok(out)
}

/// `key.csv`: pseudonym to plan, for the one who keeps the key.
fn key_csv(r: &Roster) -> Result<Vec<u8>, Failure> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: csv::Error| Failure::usage(format!("cannot write key.csv: {e}"));
    w.write_record(["pseudonym", "plan"]).map_err(err)?;
    for (i, e) in r.entries.iter().enumerate() {
        w.write_record([cohort::pseudonym(i).as_str(), e.shown.as_str()])
            .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Failure::usage(format!("cannot write key.csv: {e}")))
}

/// The roster: a folder of plans, or a CSV file with a `plan` column.
fn read_roster(path: &Path) -> Result<Roster, Failure> {
    let name = files::shown(path);
    let meta = std::fs::metadata(path).map_err(|e| {
        Failure::usage(format!(
            "cannot read the roster {name}: {}",
            files::io_reason(&e)
        ))
    })?;
    if meta.is_dir() {
        let mut found = Vec::new();
        walk(path, path, &mut found)?;
        found.sort();
        if found.is_empty() {
            return Err(Failure::usage(format!(
                "the roster folder {name} has no plans (.toml or .json files, in it or its subfolders)\n  hint: point carepath cohort at the folder of plans, or at a CSV roster with a `plan` column"
            )));
        }
        return Ok(Roster {
            extra_columns: Vec::new(),
            entries: found
                .into_iter()
                .map(|rel| Entry {
                    shown: rel.clone(),
                    path: path.join(&rel),
                    unit: String::new(),
                    group: String::new(),
                    extra: Vec::new(),
                })
                .collect(),
            warnings: Vec::new(),
        });
    }
    let bytes = files::read_bounded(path, files::MAX_PLAN_BYTES, "rosters")?;
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let bad = |e: csv::Error| {
        let at = e
            .position()
            .map(|p| format!(" (line {})", p.line()))
            .unwrap_or_default();
        Failure::usage(format!(
            "{name}{at}: the roster is not a CSV file carepath can read: {e}"
        ))
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
    let Some(plan_col) = col("plan") else {
        return Err(Failure::usage(format!(
            "{name}: the roster has no `plan` column; its columns are {}\n  hint: the first line names the columns, one of them `plan` (each plan's path, relative to the roster)",
            headers
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    let (unit_col, group_col) = (col("unit"), col("group"));
    let extra_cols: Vec<usize> = (0..headers.len())
        .filter(|i| Some(*i) != unit_col && Some(*i) != group_col && *i != plan_col)
        .collect();
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: std::collections::HashMap<String, u64> = Default::default();
    for record in reader.records() {
        let record = record.map_err(bad)?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let plan = cell(Some(plan_col));
        if plan.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(plan.clone(), line) {
            warnings.push(format!(
                "[{}] {name}: {plan} is on the roster twice (lines {first} and {line}); both are processed",
                codes::COHORT_PLAN_TWICE
            ));
        }
        entries.push(Entry {
            path: base.join(&plan),
            shown: plan,
            unit: cell(unit_col),
            group: cell(group_col),
            extra: extra_cols.iter().map(|i| cell(Some(*i))).collect(),
        });
    }
    if entries.is_empty() {
        return Err(Failure::usage(format!(
            "the roster {name} names no plans\n  hint: one line per person, with the plan's path in the `plan` column"
        )));
    }
    Ok(Roster {
        extra_columns: extra_cols.iter().map(|i| headers[*i].clone()).collect(),
        entries,
        warnings,
    })
}

/// Every plan under `dir`, as paths relative to `root` with `/` between parts.
fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Failure> {
    let list = std::fs::read_dir(dir).map_err(|e| {
        Failure::usage(format!(
            "cannot read the roster folder {}: {}",
            files::shown(dir),
            files::io_reason(&e)
        ))
    })?;
    for entry in list.flatten() {
        let p = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(root, &p, out)?;
        } else if p.to_str().and_then(Format::from_path).is_some() {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}
