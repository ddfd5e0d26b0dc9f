//! What every command shares: the session (the as-of date, the output format, colour for each
//! stream, the catalog), how a plan is loaded, and the ways to print. Commands live in
//! [`crate::commands`], one module each, on top of this; nothing here knows any command.

use std::io::Write;
use std::path::Path;

use carepath_catalog::Catalog;
use carepath_model::diag::{self, Source, Style};
use carepath_model::text::visible;
use carepath_model::words::plural;
use carepath_model::{CheckedPlan, Diagnostic, Format, Knowledge, ResolvedPlan, codes};
use jiff::civil::Date;

use crate::args::{Cli, ColorChoice, OutputFormat};
use crate::files::{self, BROKEN_PIPE};

/// An outcome that ends the run: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad usage, or input that cannot be read: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
    /// The plan has errors: exit 1 (the findings were printed already).
    pub fn plan(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

pub type Outcome = Result<(), Failure>;

/// What every command may need: read once, at the start.
#[derive(Clone)]
pub struct Env {
    pub as_of: Date,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr, decided for that stream on its own.
    pub color_err: bool,
    pub format: OutputFormat,
    catalog: CatalogSlot,
}

impl Env {
    /// The session of one run: the clock is read here, once, unless `--as-of` or
    /// `SOURCE_DATE_EPOCH` says the day. `embedded` is the embedded catalog, started by `main`
    /// before the arguments were parsed.
    pub fn new(cli: &Cli, embedded: Embedded) -> Result<Env, Failure> {
        let (color, color_err) = colors(cli.color);
        Ok(Env {
            as_of: as_of(cli.as_of)?,
            color,
            color_err,
            format: cli.format,
            catalog: match cli.catalog.as_deref() {
                // A user's catalog is read, merged and checked now, so its errors come first.
                Some(path) => CatalogSlot::ready(load_catalog(path, color_err, embedded)?),
                None => CatalogSlot::building(embedded),
            },
        })
    }

    /// The catalog: the embedded one, or it merged with `--catalog FILE`.
    pub fn catalog(&self) -> &Catalog {
        self.catalog.get()
    }

    /// What the plan model may ask of the catalog. Reading and parsing the plan asks nothing,
    /// so the embedded catalog is still being built on its own thread while they run; the first
    /// question waits for it.
    pub fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(&self.catalog)
    }
}

/// The embedded catalog, built on rayon's threads from the first thing `main` does.
///
/// Building it (deserialising the static tree the build script wrote) costs more than parsing
/// the arguments, reading and parsing a realistic plan together, and none of them depends on
/// the others: on a machine with two cores, `export` no longer waits for one and then the
/// other. The catalog is the same value either way, so no output changes; if the build on
/// rayon's threads never answers, the catalog is built where it is first needed.
pub struct Embedded(Option<std::sync::mpsc::Receiver<Catalog>>);

impl Embedded {
    /// Starts building the embedded catalog, unless the command line only asks for help, the
    /// version, the schema or shell completions, which never need it. (The guess only decides
    /// whether the work starts early: a command that needs the catalog gets it either way.)
    ///
    /// It is built on rayon's threads, which the exporters use next: they are started once,
    /// now, rather than again after the plan is resolved.
    pub fn start(args: impl Iterator<Item = std::ffi::OsString>) -> Embedded {
        let never = [
            "-h",
            "--help",
            "-V",
            "--version",
            "help",
            "schema",
            "completions",
        ];
        if args.skip(1).any(|a| never.iter().any(|n| a == *n)) {
            return Embedded(None);
        }
        let (send, receive) = std::sync::mpsc::sync_channel(1);
        rayon::spawn(move || {
            // Nobody waits any more only if the command failed first.
            let _ = send.send(Catalog::embedded_owned());
        });
        Embedded(Some(receive))
    }

    /// The catalog: the one built on rayon's threads, or built here if that build never
    /// answered (it cannot fail: the data is checked at build time).
    pub fn take(self) -> Catalog {
        self.0
            .and_then(|r| r.recv().ok())
            .unwrap_or_else(Catalog::embedded_owned)
    }
}

/// The session's catalog: ready (a user's catalog merged in), or still being built
/// ([`Embedded`]), in which case the first question waits for it.
pub struct CatalogSlot(std::sync::LazyLock<Catalog, Box<dyn FnOnce() -> Catalog + Send>>);

impl CatalogSlot {
    fn ready(catalog: Catalog) -> CatalogSlot {
        CatalogSlot(std::sync::LazyLock::new(Box::new(move || catalog)))
    }

    fn building(embedded: Embedded) -> CatalogSlot {
        CatalogSlot(std::sync::LazyLock::new(Box::new(move || embedded.take())))
    }

    fn get(&self) -> &Catalog {
        &self.0
    }
}

impl Clone for CatalogSlot {
    fn clone(&self) -> CatalogSlot {
        CatalogSlot::ready(self.get().clone())
    }
}

/// Every question waits for the catalog, then asks it.
impl Knowledge for CatalogSlot {
    fn has_role(&self, id: &str) -> bool {
        self.get().has_role(id)
    }
    fn has_credential(&self, id: &str) -> bool {
        self.get().has_credential(id)
    }
    fn suggest_role(&self, text: &str) -> Option<String> {
        self.get().suggest_role(text)
    }
    fn suggest_credential(&self, text: &str) -> Option<String> {
        self.get().suggest_credential(text)
    }
    fn name_of(&self, id: &str) -> Option<String> {
        self.get().name_of(id)
    }
    fn role_requirements(&self, role: &str) -> Vec<String> {
        self.get().role_requirements(role)
    }
    fn renewal(
        &self,
        credential: &str,
        jurisdiction: Option<&str>,
    ) -> Option<carepath_model::RenewalRule> {
        self.get().renewal(credential, jurisdiction)
    }
    fn gap(&self, plan: &carepath_model::Plan) -> Option<carepath_model::Gap> {
        self.get().gap(plan)
    }
    fn route_months(
        &self,
        plan: &carepath_model::Plan,
        role: &str,
    ) -> Option<carepath_model::RouteMonths> {
        self.get().route_months(plan, role)
    }
}

/// Colour for stdout and for stderr, each decided for its own stream: `--color always` and
/// `never` as said, `auto` by `anstream` (a terminal, `NO_COLOR` when not empty, `CLICOLOR`,
/// `CLICOLOR_FORCE`, `TERM=dumb`). Also remembered for [`emit`] and for the error line.
pub fn colors(choice: ColorChoice) -> (bool, bool) {
    let global = match choice {
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
        ColorChoice::Auto => anstream::ColorChoice::Auto,
    };
    global.write_global();
    let on = |c: anstream::ColorChoice| c != anstream::ColorChoice::Never;
    let out = on(anstream::AutoStream::choice(&std::io::stdout()));
    let err = on(anstream::AutoStream::choice(&std::io::stderr()));
    COLOR.store(out, std::sync::atomic::Ordering::Relaxed);
    COLOR_ERR.store(err, std::sync::atomic::Ordering::Relaxed);
    (out, err)
}

/// Whether this run colours stdout; set once, in [`colors`].
static COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
/// Whether this run colours stderr; set once, in [`colors`].
static COLOR_ERR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether stderr is coloured, for the final error line.
pub fn stderr_color() -> bool {
    COLOR_ERR.load(std::sync::atomic::Ordering::Relaxed)
}

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

fn as_of(cli_value: Option<Date>) -> Result<Date, Failure> {
    if let Some(d) = cli_value {
        return Ok(d);
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

pub fn render_options(env: &Env) -> crate::render::RenderOptions {
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

/// A plan file read and checked.
pub struct Loaded {
    pub name: String,
    pub text: String,
    pub checked: carepath_model::Checked,
    /// The findings of its roster file (`capacity.roster.file`), located in that file.
    pub roster: Option<RosterFindings>,
}

/// What reading a plan's roster file found, located in the roster file (not the plan).
pub struct RosterFindings {
    pub name: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The roster file's findings for a stream coloured or not; `errors_only` leaves its
    /// warnings out.
    pub fn render_roster(&self, color: bool, errors_only: bool) -> String {
        let Some(r) = &self.roster else {
            return String::new();
        };
        let diags: Vec<Diagnostic> = r
            .diagnostics
            .iter()
            .filter(|d| !errors_only || d.is_error())
            .cloned()
            .collect();
        if diags.is_empty() {
            return String::new();
        }
        render_diagnostics_omitting(color, &r.name, &r.text, &diags, &diag::Omitted::default())
    }

    /// Errors in the roster file.
    pub fn roster_errors(&self) -> usize {
        self.roster
            .as_ref()
            .map_or(0, |r| r.diagnostics.iter().filter(|d| d.is_error()).count())
    }
}

pub fn load(env: &Env, path: &Path) -> Result<Loaded, Failure> {
    let name = path.display().to_string();
    let format = Format::from_path(&name).ok_or_else(|| {
        Failure::usage(format!("{name}: carepath reads plans in .toml or .json files; rename the file with one of these extensions"))
    })?;
    let bytes = files::read_bounded(path, files::MAX_PLAN_BYTES, "plans")?;
    let mut checked = carepath_model::check(&bytes, format, env.knowledge());
    // The text the messages quote: the bytes themselves when they are UTF-8 (no copy), else
    // with U+FFFD where they are not (the check has said where).
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let roster = attach_roster(path, &mut checked);
    Ok(Loaded {
        name,
        text,
        checked,
        roster,
    })
}

/// Roster files larger than this are refused: a year of shifts is a few hundred kilobytes.
const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the plan's roster file (`capacity.roster.file`, relative to the plan's folder) and gives
/// its shifts to the checked plan: the one place where every command gets them. A file that
/// cannot be read is E037 at the plan's `file = ...`; a file that is not a roster has its
/// findings located in the roster file. Either way the plan is not scheduled.
pub fn attach_roster(path: &Path, checked: &mut carepath_model::Checked) -> Option<RosterFindings> {
    let plan = checked.plan.as_ref()?;
    let spec = plan.plan().capacity.roster.clone()?;
    let file = path.parent().unwrap_or(Path::new("")).join(&spec.file);
    let name = file.display().to_string();
    let bytes = match files::read_bounded(&file, MAX_ROSTER_BYTES, "roster files") {
        Ok(b) => b,
        Err(f) => {
            let span = plan.plan().spans.get("capacity.roster.file");
            checked.diagnostics.push(
                Diagnostic::error(
                    codes::ROSTER_UNREADABLE,
                    format!("the roster file cannot be read: {}", f.message),
                )
                .at(span, "capacity.roster.file")
                .hint("`file` is read relative to the plan's folder; give the .ics file your scheduling app exports, or remove [capacity.roster]"),
            );
            checked.plan = None;
            return None;
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match carepath_ics::roster::read_detailed(&text, spec.match_.as_deref()) {
        Ok(read) => {
            let plan = checked.plan.take()?;
            checked.plan = Some(plan.with_roster(read.roster));
            Some(RosterFindings {
                name,
                text,
                diagnostics: read.warnings,
            })
        }
        Err(e) => {
            checked.plan = None;
            Some(RosterFindings {
                name,
                text,
                diagnostics: e.diagnostics,
            })
        }
    }
}

/// The errors among these findings, in their order.
pub fn errors_of(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

/// The plan format of a file a command is about to change, by its extension.
pub fn edited_format(path: &Path) -> Result<Format, Failure> {
    Format::from_path(&path.display().to_string()).ok_or_else(|| {
        Failure::usage(format!(
            "{}: carepath reads plans in .toml or .json files; rename the file with one of these extensions",
            files::shown(path)
        ))
    })
}

/// The plan a command that edits it (`log`, `ce`) starts from, read under its lock: checked,
/// or its errors on stderr as `check` prints them and the refusal to write (exit 1).
pub fn checked_for_edit(
    env: &Env,
    name: &str,
    bytes: &[u8],
    format: Format,
) -> Result<CheckedPlan, Failure> {
    let checked = carepath_model::check(bytes, format, env.knowledge());
    checked.plan.ok_or_else(|| {
        let text = String::from_utf8_lossy(bytes);
        let errors = errors_of(&checked.diagnostics);
        eprint!("{}", render_diagnostics(env, name, &text, &errors));
        Failure::plan(format!(
            "{name}: fix the errors above first; nothing was written"
        ))
    })
}

/// Findings for stderr: the first 200, then a line that counts the rest by code.
pub fn render_diagnostics(env: &Env, name: &str, text: &str, diags: &[Diagnostic]) -> String {
    render_diagnostics_omitting(env.color_err, name, text, diags, &diag::Omitted::default())
}

/// Findings for a stream coloured or not (`color`), also counting the findings the model
/// counted but did not keep.
pub fn render_diagnostics_omitting(
    color: bool,
    name: &str,
    text: &str,
    diags: &[Diagnostic],
    omitted: &diag::Omitted,
) -> String {
    let src = Source { name, text };
    let style = if color { Style::ANSI } else { Style::PLAIN };
    let text = diag::render_all_with_omitted(src, diags, omitted, style);
    terminal_safe(&text, color).into_owned()
}

/// Loads, checks and resolves; on errors prints them to stderr and fails with exit 1.
pub fn load_resolved(env: &Env, path: &Path) -> Result<(CheckedPlan, ResolvedPlan), Failure> {
    let loaded = load(env, path)?;
    let roster_errors = loaded.roster_errors();
    let roster_text = loaded.render_roster(env.color_err, true);
    let Some(checked) = loaded.checked.plan else {
        let errors: Vec<Diagnostic> = loaded
            .checked
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if !errors.is_empty() {
            eprint!(
                "{}",
                render_diagnostics(env, &loaded.name, &loaded.text, &errors)
            );
        }
        eprint!("{roster_text}");
        return Err(Failure::plan(format!(
            "{}: {}; run `carepath check {}` for details",
            loaded.name,
            plural((errors.len() + roster_errors) as i64, "error", "errors"),
            loaded.name
        )));
    };
    let resolved = resolve(env, &checked);
    Ok((checked, resolved))
}

pub fn resolve(env: &Env, checked: &CheckedPlan) -> ResolvedPlan {
    carepath_model::resolve(checked, env.as_of, env.knowledge())
}

pub use carepath_model::numbers::plain as num;

/// The embedded catalog extended or overridden by `--catalog FILE`, checked with the same kind
/// of located messages as plans. The embedded catalog is the one `main` started building
/// ([`Embedded`]).
pub fn load_catalog(path: &Path, color: bool, embedded: Embedded) -> Result<Catalog, Failure> {
    let mut catalog = embedded.take();
    let name = path.display().to_string();
    let bytes = files::read_catalog(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::usage(format!("{name}: the catalog is not UTF-8 text")))?;
    let style = if color { Style::ANSI } else { Style::PLAIN };
    let src = Source {
        name: &name,
        text: &text,
    };
    let user_catalog = Catalog::from_toml_str(&text).map_err(|e| {
        let d = Diagnostic::error(
            codes::CATALOG_UNREADABLE,
            format!("this catalog cannot be read: {}", e.message()))
            .at(Some(e.span().unwrap_or(0..0)), "")
            .hint("a user catalog has [[roles]], [[credentials]], [[transitions]] and [sources.KEY] like the built-in one; see `carepath catalog show ID` for the fields");
        eprint!("{}", diag::render(src, &d, style));
        Failure::usage(format!("{name}: the catalog has errors"))
    })?;
    catalog.merge(user_catalog);
    let mut problems = catalog.check_integrity();
    // Each problem at its offending value in the user's file; one about an embedded entry
    // (not in the file) has no place in it.
    carepath_catalog::locate_problems(&mut problems, &text);
    if !problems.is_empty() {
        for p in &problems {
            let field = if p.field.is_empty() {
                format!("{} `{}`", p.kind.id(), p.id)
            } else {
                format!("{} `{}` {}", p.kind.id(), p.id, p.field)
            };
            // A renewal rule's figures are wrong in themselves, not for want of an id.
            let hint = if p.field.starts_with("renewal")
                && !p.field.ends_with("source")
                && !p.field.ends_with("practice_roles")
            {
                "a renewal rule's figures must fit together (months above 0, minimums within ce_hours); see the catalog README's \"Renewal rules\""
            } else {
                "every id a catalog entry names must exist in the catalog (built-in or yours)"
            };
            let d = Diagnostic::error(codes::CATALOG_UNKNOWN_ID, p.message.clone())
                .at(p.span.clone(), field)
                .hint(hint);
            eprint!("{}", diag::render(src, &d, style));
        }
        return Err(Failure::usage(format!(
            "{name}: the catalog has {}",
            plural(problems.len() as i64, "problem", "problems")
        )));
    }
    Ok(catalog)
}
