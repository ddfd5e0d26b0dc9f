//! One function per command. Each loads what it needs, calls the libraries, and prints.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use carepath_export::{ExportContext, ExportOptions, Exporter, Paper, Registry};
use carepath_model::diag::{self, Source, Style};
use carepath_model::{CheckedPlan, Diagnostic, Format, Knowledge, ResolvedPlan};
use jiff::civil::Date;

use crate::args::{Cli, ColorChoice, Command, OutputFormat, PaperArg};
use crate::files::{self, BROKEN_PIPE};
use crate::{Failure, Outcome};
use carepath_model::text::{visible, visible_line};

/// What every command may need: read once, at the start.
pub struct Env {
    pub as_of: Date,
    pub color: bool,
    pub format: OutputFormat,
    pub catalog: carepath_catalog::Catalog,
}

impl Env {
    /// What the plan model may ask of the catalog.
    pub fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(&self.catalog)
    }
}

/// Whether this run colours its output; set once, in [`run`].
static COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes text for people to stdout. Control characters that came from a plan or a catalog are
/// made visible (`\u{1b}`); the only escape sequences that pass are carepath's own colours (SGR,
/// `ESC [ … m`), and only when colour is on.
pub fn emit(out: &mut dyn Write, text: &str) -> Outcome {
    let color = COLOR.load(std::sync::atomic::Ordering::Relaxed);
    write_out(out, &terminal_safe(text, color))
}

/// `text` with every unsafe character made visible, keeping SGR sequences when `keep_sgr`.
pub fn terminal_safe(text: &str, keep_sgr: bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(carepath_model::text::is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' && keep_sgr {
            let tail = &rest[1..];
            let params = tail.strip_prefix('[').map(|t| {
                t.bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b';')
                    .count()
            });
            if let Some(n) = params
                && tail.as_bytes().get(1 + n) == Some(&b'm')
            {
                safe.push_str(&rest[..n + 3]);
                rest = &rest[n + 3..];
                continue;
            }
        }
        safe.push_str(&visible(&rest[..c.len_utf8()]));
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(safe)
}

fn write_out(out: &mut dyn Write, text: &str) -> Outcome {
    out.write_all(text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::usage(BROKEN_PIPE)
        } else {
            Failure::usage(format!("could not write the output: {e}"))
        }
    })
}

fn as_of(cli_value: Option<&str>) -> Result<Date, Failure> {
    if let Some(v) = cli_value {
        return carepath_model::read::parse_date(v)
            .map_err(|why| Failure::usage(format!("--as-of {v}: {why}")));
    }
    // The clock is read here, once; everything below gets the date as an argument.
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch.trim().parse().map_err(|_| {
            Failure::usage(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds, not {epoch:?}"
            ))
        })?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|_| Failure::usage(format!("SOURCE_DATE_EPOCH {secs} is out of range")))?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Zoned::now().date())
}

pub fn run(cli: Cli, out: &mut dyn Write) -> Outcome {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    COLOR.store(color, std::sync::atomic::Ordering::Relaxed);
    // Commands that need neither the clock nor the catalog.
    match &cli.command {
        Command::Schema => return emit(out, carepath_model::SCHEMA),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "carepath", &mut buf);
            return emit(out, &String::from_utf8_lossy(&buf));
        }
        _ => {}
    }
    let env = Env {
        as_of: as_of(cli.as_of.as_deref())?,
        color,
        format: cli.format,
        catalog: crate::catalog::load(cli.catalog.as_deref(), color)?,
    };
    match cli.command {
        Command::Check { plan, strict } => check(&env, &plan, strict, out),
        Command::Show { plan } => {
            let (_, resolved) = load_resolved(&env, &plan)?;
            emit(out, &crate::render::show(&resolved, &render_options(&env)))
        }
        Command::Status { plan } => {
            let (_, resolved) = load_resolved(&env, &plan)?;
            match env.format {
                OutputFormat::Json => emit(out, &json(&status_json(&resolved))?),
                OutputFormat::Text => emit(
                    out,
                    &crate::render::status(&resolved, &render_options(&env)),
                ),
            }
        }
        Command::Log {
            plan,
            milestone,
            amount,
            date,
            note,
        } => log(&env, &plan, &milestone, &amount, date.as_deref(), note, out),
        Command::Export {
            plan,
            to,
            output,
            remind,
            todo,
            bom,
            delimiter,
            table,
            paper,
            plugin_timeout,
            plugin_max_bytes,
        } => {
            let limits = carepath_export::plugin::Limits {
                timeout: std::time::Duration::from_secs(plugin_timeout),
                max_output_bytes: plugin_max_bytes,
            };
            let mut options = ExportOptions {
                todo,
                bom,
                table,
                ..ExportOptions::default()
            };
            if let Some(r) = remind {
                options.remind = r;
            }
            if let Some(d) = delimiter {
                options.delimiter = parse_delimiter(&d)?;
            }
            options.paper = paper.map(|p| match p {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            });
            export(&env, &plan, &to, output.as_deref(), options, &limits, out)
        }
        Command::Exporters => exporters(out),
        Command::Catalog { command } => crate::catalog::catalog(&env, command, out),
        Command::Gap { plan } => {
            let (checked, resolved) = load_resolved(&env, &plan)?;
            crate::catalog::gap(&env, &checked, &resolved, out)
        }
        Command::Path {
            from,
            to,
            emit_milestones,
        } => crate::catalog::path(&env, &from, &to, emit_milestones, out),
        Command::Init {
            output,
            role,
            target,
            name,
            hours,
            values,
            force,
        } => crate::init::init(
            &env,
            crate::init::Answers {
                output,
                role,
                target,
                name,
                hours,
                values,
                force,
            },
            out,
        ),
        Command::Schema | Command::Completions { .. } => Ok(()),
    }
}

/// Pretty JSON for stdout. serde_json leaves DEL, C1 controls and bidi overrides raw; they are
/// written as `\uXXXX` escapes, which mean the same text to any JSON reader and nothing to a
/// terminal.
pub fn json<T: serde::Serialize>(v: &T) -> Result<String, Failure> {
    let text = serde_json::to_string_pretty(v)
        .map_err(|e| Failure::usage(format!("cannot encode JSON: {e}")))?;
    let mut safe = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if carepath_model::text::is_unsafe(c) {
            safe.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            safe.push(c);
        }
    }
    safe.push('\n');
    Ok(safe)
}

fn render_options(env: &Env) -> crate::render::RenderOptions {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
        .clamp(60, 200);
    crate::render::RenderOptions {
        color: env.color,
        width,
    }
}

fn parse_delimiter(d: &str) -> Result<char, Failure> {
    let c = match d {
        "\\t" | "tab" | "\t" => '\t',
        _ => {
            let mut chars = d.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(Failure::usage(format!(
                        "--delimiter takes one character, such as ';' or tab, not {d:?}"
                    )));
                }
            }
        }
    };
    Ok(c)
}

/// A plan file read and checked.
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub checked: carepath_model::Checked,
}

pub fn load(env: &Env, path: &Path) -> Result<Loaded, Failure> {
    let name = path.display().to_string();
    let format = Format::from_path(&name).ok_or_else(|| {
        Failure::usage(format!("{name}: carepath reads plans in .toml or .json files; rename the file with one of these extensions"))
    })?;
    let bytes = files::read_bounded(path, files::MAX_PLAN_BYTES, "plans")?;
    let checked = carepath_model::check(&bytes, format, env.knowledge());
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Loaded {
        name,
        text,
        checked,
    })
}

fn style(env: &Env) -> Style {
    if env.color { Style::ANSI } else { Style::PLAIN }
}

pub fn render_diagnostics(env: &Env, name: &str, text: &str, diags: &[Diagnostic]) -> String {
    let src = Source { name, text };
    let text: String = diags
        .iter()
        .map(|d| diag::render(src, d, style(env)) + "\n")
        .collect();
    terminal_safe(&text, env.color).into_owned()
}

/// Loads, checks and resolves; on errors prints them to stderr and fails with exit 1.
pub fn load_resolved(env: &Env, path: &Path) -> Result<(CheckedPlan, ResolvedPlan), Failure> {
    let loaded = load(env, path)?;
    let Some(checked) = loaded.checked.plan else {
        let errors: Vec<Diagnostic> = loaded
            .checked
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        eprint!(
            "{}",
            render_diagnostics(env, &loaded.name, &loaded.text, &errors)
        );
        return Err(Failure::plan(format!(
            "{}: {} {}; run `carepath check {}` for details",
            loaded.name,
            errors.len(),
            plural(errors.len(), "error", "errors"),
            loaded.name
        )));
    };
    let resolved = resolve(env, &checked);
    Ok((checked, resolved))
}

pub fn resolve(env: &Env, checked: &CheckedPlan) -> ResolvedPlan {
    let mut resolved = carepath_model::resolve(checked, env.as_of, env.knowledge());
    resolved.gap = crate::catalog::gap_of(env, checked.plan());
    resolved
}

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn check(env: &Env, path: &Path, strict: bool, out: &mut dyn Write) -> Outcome {
    let loaded = load(env, path)?;
    let mut diags = loaded.checked.diagnostics.clone();
    let resolved = loaded.checked.plan.as_ref().map(|checked| {
        let resolved = resolve(env, checked);
        diags.extend(carepath_model::findings(checked, &resolved));
        resolved
    });
    if strict {
        // Late milestones and failed SMART criteria become errors.
        for d in &mut diags {
            if matches!(d.code, "W010" | "W011") {
                d.severity = carepath_model::Severity::Error;
            }
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let valid = loaded.checked.plan.is_some();
    match env.format {
        OutputFormat::Json => {
            let src = Source {
                name: &loaded.name,
                text: &loaded.text,
            };
            let located: Vec<_> = diags.iter().map(|d| diag::locate(src, d)).collect();
            let goals = resolved.as_ref().map(|r| &r.schedule.goals);
            let doc = serde_json::json!({
                "file": loaded.name,
                "as_of": env.as_of.to_string(),
                "valid": valid,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": located,
                "goals": goals,
            });
            emit(out, &json(&doc)?)?;
        }
        OutputFormat::Text => {
            let mut text = render_diagnostics(env, &loaded.name, &loaded.text, &diags);
            if let Some(r) = &resolved {
                text.push_str(&smart_summary(r));
            }
            let verdict = if errors > 0 { "has errors" } else { "is valid" };
            text.push_str(&format!(
                "{}: the plan {verdict} ({errors} {}, {warnings} {})\n",
                loaded.name,
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            ));
            emit(out, &text)?;
        }
    }
    if errors > 0 {
        Err(Failure::plan(""))
    } else {
        Ok(())
    }
}

fn status_json(r: &ResolvedPlan) -> serde_json::Value {
    serde_json::json!({
        "as_of": r.as_of,
        "plan_id": r.plan_id,
        "target": r.schedule.target,
        "finish": r.schedule.finish,
        "totals": r.schedule.totals,
        "milestones": r.schedule.milestones,
        "goals": r.schedule.goals,
    })
}

fn log(
    env: &Env,
    path: &Path,
    milestone: &str,
    amount: &str,
    date: Option<&str>,
    note: Option<String>,
    out: &mut dyn Write,
) -> Outcome {
    let amount: f64 = match amount.trim().parse::<f64>() {
        Ok(a) if a.is_finite() && a > 0.0 => a,
        _ => {
            return Err(Failure::usage(format!(
                "the amount must be a positive number (hours, or the milestone's unit), not {}",
                visible_line(&format!("{amount:?}"))
            )));
        }
    };
    let date = match date {
        Some(d) => carepath_model::read::parse_date(d)
            .map_err(|why| Failure::usage(format!("--date {d}: {why}")))?,
        None => env.as_of,
    };
    let name = files::shown(path);
    let format = Format::from_path(&path.display().to_string()).ok_or_else(|| {
        Failure::usage(format!("{name}: carepath reads plans in .toml or .json files; rename the file with one of these extensions"))
    })?;
    let entry = carepath_model::edit::NewEntry {
        date,
        milestone: milestone.to_string(),
        amount,
        note,
    };
    // What the message says, from the plan as it was when the entry landed.
    let mut logged: Option<(String, f64)> = None;
    let edited = files::edit_locked(path, files::MAX_PLAN_BYTES, &mut |bytes| {
        let checked = carepath_model::check(bytes, format, env.knowledge());
        let text = String::from_utf8_lossy(bytes);
        let Some(checked) = &checked.plan else {
            let errors: Vec<Diagnostic> = checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            eprint!("{}", render_diagnostics(env, &name, &text, &errors));
            return Err(Failure::plan(format!(
                "{name}: fix the errors above first; nothing was written"
            )));
        };
        let plan = checked.plan();
        let Some(index) = checked.milestone(milestone) else {
            let ids = plan.milestones.iter().map(|m| m.id.as_str());
            let hint = match carepath_model::suggest::did_you_mean(milestone, ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("`carepath status {name}` lists the milestones"),
            };
            return Err(Failure::usage(format!(
                "{name}: there is no milestone `{}`; nothing was written\n  hint: {hint}",
                visible_line(milestone)
            )));
        };
        let new_text =
            carepath_model::edit::append_progress(&text, format, &entry).map_err(|e| {
                Failure::usage(format!(
                    "{name}: cannot add the entry: {e}; nothing was written"
                ))
            })?;
        // Never write a file that would not read back.
        let again = carepath_model::check(new_text.as_bytes(), format, env.knowledge());
        if let Some(again) = &again.plan {
            if again.plan().progress.len() != plan.progress.len() + 1 {
                return Err(Failure::usage(format!(
                    "{name}: the entry could not be added cleanly; nothing was written (please report this)"
                )));
            }
        } else {
            let why: Vec<String> = again
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.message.clone())
                .collect();
            return Err(Failure::usage(format!(
                "{name}: with this entry the plan would not read back ({}); nothing was written",
                why.join("; ")
            )));
        }
        let m = &plan.milestones[index];
        let unit = m
            .measure
            .as_ref()
            .and_then(|x| x.unit.clone())
            .unwrap_or_else(|| "hours".into());
        let total: f64 = plan
            .progress
            .iter()
            .filter(|p| p.milestone == milestone)
            .map(|p| p.amount)
            .sum::<f64>()
            + amount;
        logged = Some((unit, total));
        Ok(new_text.into_bytes())
    })?;
    let (unit, total) = logged.unwrap_or_else(|| ("hours".into(), amount));
    let mut text = format!(
        "logged {} {} for `{milestone}` on {date} (total {} {})\n",
        num(amount),
        unit_for(&unit, amount),
        num(total),
        unit_for(&unit, total),
    );
    if edited.reapplied > 0 {
        text.push_str(&format!(
            "note: {name} changed while carepath was writing it; the entry was added to the new version\n"
        ));
    }
    emit(out, &text)
}

/// "1 hour", "2 hours": the default unit agrees with its number; a unit the plan names is shown
/// as written.
fn unit_for(unit: &str, amount: f64) -> &str {
    match unit {
        "hours" if amount == 1.0 => "hour",
        u => u,
    }
}

pub use carepath_model::numbers::plain as num;

pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(Box::new(carepath_export::json::JsonExporter));
    crate::exporters::register_builtin(&mut r);
    r
}

fn exporters(out: &mut dyn Write) -> Outcome {
    let reg = registry();
    let mut text = String::from("Built-in exporters:\n");
    for e in reg.iter() {
        text.push_str(&format!(
            "  {:<8} .{:<5} {}\n",
            e.name(),
            e.extension(),
            e.description()
        ));
    }
    let plugins = carepath_export::plugin::discover(std::env::var_os("PATH").as_deref());
    text.push_str("\nExternal exporters (carepath-export-NAME on PATH):\n");
    if plugins.is_empty() {
        text.push_str("  none found\n");
    }
    for p in plugins {
        let shadowed = if reg.get(&p.name).is_some() {
            " (shadowed by the built-in one)"
        } else {
            ""
        };
        text.push_str(&format!("  {:<8} {}{shadowed}\n", p.name, p.path.display()));
    }
    emit(out, &text)
}

enum Chosen<'a> {
    Builtin(&'a dyn Exporter),
    External(carepath_export::plugin::Plugin),
}

/// One output file to write.
struct Output {
    path: Option<PathBuf>,
    bytes: Vec<u8>,
    binary: bool,
}

fn export(
    env: &Env,
    path: &Path,
    to: &[String],
    output: Option<&str>,
    options: ExportOptions,
    limits: &carepath_export::plugin::Limits,
    out: &mut dyn Write,
) -> Outcome {
    let reg = registry();
    let path_var = std::env::var_os("PATH");
    let mut chosen = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for name in to.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        // `--to json,json` asks for one JSON file.
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(e) = reg.get(name) {
            chosen.push((name.to_string(), Chosen::Builtin(e)));
        } else if let Some(p) = carepath_export::plugin::find(name, path_var.as_deref()) {
            chosen.push((name.to_string(), Chosen::External(p)));
        } else {
            let mut known: Vec<String> = reg.names().iter().map(|s| s.to_string()).collect();
            known.extend(
                carepath_export::plugin::discover(path_var.as_deref())
                    .into_iter()
                    .map(|p| p.name),
            );
            let hint =
                match carepath_model::suggest::did_you_mean(name, known.iter().map(String::as_str))
                {
                    Some(s) => format!("did you mean `{s}`? "),
                    None => String::new(),
                };
            let mut message = format!(
                "there is no exporter `{name}`: {hint}The exporters are {}; an external one is a program named `carepath-export-{name}` on PATH (is it installed?)",
                known.join(", ")
            );
            if let Some(here) = carepath_export::plugin::in_current_dir(name) {
                message.push_str(&format!(
                    "\n  hint: {} sits in the current directory, but carepath runs external exporters only from PATH entries that are absolute; add its folder to PATH by its full path",
                    files::shown(&here)
                ));
            }
            return Err(Failure::usage(message));
        }
    }
    if chosen.is_empty() {
        return Err(Failure::usage(
            "--to needs at least one format, such as --to pdf,csv,ics,json",
        ));
    }
    let (_, resolved) = load_resolved(env, path)?;
    let ctx = ExportContext {
        options,
        ..ExportContext::new(env.as_of)
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());

    enum Target {
        Stdout,
        File(PathBuf),
        Dir(PathBuf),
    }
    let target = match output {
        Some("") => {
            return Err(Failure::usage(
                "-o needs a place: a directory (out/), a file (plan.pdf), or - for stdout",
            ));
        }
        Some("-") => Target::Stdout,
        Some(o)
            if o.ends_with('/')
                || o.ends_with(std::path::MAIN_SEPARATOR)
                || Path::new(o).is_dir() =>
        {
            Target::Dir(PathBuf::from(o))
        }
        Some(o) => Target::File(PathBuf::from(o)),
        None => Target::Dir(PathBuf::from(".")),
    };

    // Every output is made in memory first: one failing exporter leaves nothing written.
    let mut outputs: Vec<Output> = Vec::new();
    // Nothing is written if the plan itself was named as the output.
    if let Target::File(f) = &target
        && files::file_id(f).is_some()
        && files::file_id(f) == files::file_id(path)
    {
        return Err(Failure::usage(format!(
            "{} is the plan itself; carepath never writes over the plan\n  hint: choose another output, such as -o out/",
            files::shown(f)
        )));
    }
    for (name, c) in &chosen {
        match c {
            Chosen::Builtin(e) => {
                let parts = e.parts(&ctx);
                for part in &parts {
                    let mut bytes = Vec::new();
                    let warnings = e
                        .write_reporting(&resolved, &ctx, part.as_deref(), &mut bytes)
                        .map_err(|err| Failure::usage(format!("{name}: {err}")))?;
                    for w in warnings {
                        eprintln!("warning: {name}: {}", terminal_safe(&w, false));
                    }
                    let file = match part {
                        Some(p) if parts.len() > 1 || ctx.options.table.is_none() => {
                            format!("{p}.{}", e.extension())
                        }
                        Some(p) => format!("{stem}-{p}.{}", e.extension()),
                        None => format!("{stem}.{}", e.extension()),
                    };
                    outputs.push(Output {
                        path: Some(PathBuf::from(file)),
                        bytes,
                        binary: e.is_binary(),
                    });
                }
            }
            Chosen::External(p) => {
                let bytes = carepath_export::plugin::run(p, &resolved, &ctx, limits)
                    .map_err(|err| Failure::usage(err.to_string()))?;
                let binary = std::str::from_utf8(&bytes).is_err();
                outputs.push(Output {
                    path: Some(PathBuf::from(format!("{stem}.{name}"))),
                    bytes,
                    binary,
                });
            }
        }
    }

    match target {
        Target::Stdout | Target::File(_) if outputs.len() > 1 => Err(Failure::usage(format!(
            "these formats make {} files; write them into a directory with -o DIR/{}",
            outputs.len(),
            if chosen.len() == 1 {
                " (or pick one CSV table with --table NAME)"
            } else {
                ""
            }
        ))),
        Target::Stdout => {
            let o = &outputs[0];
            if o.binary && std::io::stdout().is_terminal() {
                return Err(Failure::usage(
                    "this output is binary and stdout is a terminal; redirect it to a file or use -o FILE",
                ));
            }
            // An export is the exact bytes, wherever it goes.
            out.write_all(&o.bytes).map_err(|e| {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    Failure::usage(BROKEN_PIPE)
                } else {
                    Failure::usage(format!("could not write the output: {e}"))
                }
            })
        }
        Target::File(f) => {
            let mut batch = files::Batch::new();
            batch.protect(path);
            let o = outputs.pop().expect("one output");
            batch.add(&f, o.bytes)?;
            let written = batch.commit()?;
            emit(out, &wrote(&written))
        }
        Target::Dir(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| {
                Failure::usage(format!(
                    "cannot create {}: {}",
                    files::shown(&dir),
                    files::io_reason(&e)
                ))
            })?;
            let mut batch = files::Batch::new();
            batch.protect(path);
            for o in outputs {
                let name = o.path.unwrap_or_else(|| PathBuf::from("out"));
                let mut p = dir.join(&name);
                // A name carepath picks is never the plan's: `plan.json` exported to JSON into
                // the plan's own folder becomes `plan.export.json`.
                if batch.is_protected(&p) {
                    let stem = name.file_stem().map(|s| s.to_string_lossy().into_owned());
                    let ext = name.extension().map(|s| s.to_string_lossy().into_owned());
                    p = dir.join(match (stem, ext) {
                        (Some(s), Some(e)) => format!("{s}.export.{e}"),
                        _ => format!("{}.export", name.display()),
                    });
                }
                batch.add(&p, o.bytes)?;
            }
            let written = batch.commit()?;
            emit(out, &wrote(&written))
        }
    }
}

fn wrote(names: &[String]) -> String {
    names.iter().map(|n| format!("wrote {n}\n")).collect()
}

/// SMART results at a glance, for `check`.
fn smart_summary(r: &ResolvedPlan) -> String {
    if r.schedule.goals.is_empty() {
        return String::new();
    }
    let width = r
        .schedule
        .goals
        .iter()
        .map(|g| g.id.chars().count())
        .max()
        .unwrap_or(4)
        .min(24);
    let mut t = format!("SMART goals (as of {}):\n", r.as_of);
    for g in &r.schedule.goals {
        let marks: Vec<String> = g
            .smart
            .criteria()
            .iter()
            .map(|(name, c)| {
                format!(
                    "{}{}",
                    name[..1].to_uppercase(),
                    if c.pass { "✓" } else { "✗" }
                )
            })
            .collect();
        t.push_str(&format!(
            "  {:<width$}  {}  {}/5  {}\n",
            g.id,
            marks.join(" "),
            g.score,
            g.title
        ));
        for (name, c) in g.smart.criteria() {
            if !c.pass {
                t.push_str(&format!(
                    "  {:<width$}    {}: {}\n",
                    "",
                    name.replace('_', "-"),
                    c.reason
                ));
            }
        }
    }
    t.push('\n');
    t
}
