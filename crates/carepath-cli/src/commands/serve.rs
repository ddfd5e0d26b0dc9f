//! `carepath serve`: the plan in the browser. The CLI's part is what only the CLI may do: bind
//! the port, print the address, read the clock (once, in [`Env`]), and read and write the plan
//! file through [`crate::files`] (bounded reads; locked, atomic, change-checked writes). The
//! pages live in `carepath-serve`.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use carepath_model::Format;
use carepath_serve::{Changes, PlanFile, Server, Site, StartAnswers, WriteError};

use crate::files;
use crate::session::{Env, Failure, Outcome, emit};

/// The plan file, as the site may use it.
struct File {
    path: PathBuf,
}

impl PlanFile for File {
    fn name(&self) -> String {
        files::shown(&self.path)
    }

    fn read(&self) -> Result<Vec<u8>, String> {
        files::read_bounded(&self.path, files::MAX_PLAN_BYTES, "plans").map_err(|f| f.message)
    }

    fn replace(&self, expected: &[u8], new: Vec<u8>) -> Result<(), WriteError> {
        let mut changed: Option<Vec<u8>> = None;
        let result = files::edit_locked(&self.path, files::MAX_PLAN_BYTES, &mut |bytes| {
            if bytes != expected {
                changed = Some(bytes.to_vec());
                return Err(Failure::usage("the file changed"));
            }
            Ok(new.clone())
        });
        match (result, changed) {
            (_, Some(now)) => Err(WriteError::Changed(now)),
            (Ok(_), None) => Ok(()),
            (Err(f), None) => Err(WriteError::Failed(f.message)),
        }
    }

    fn exists(&self) -> bool {
        self.path.exists()
    }

    /// The roster file's shifts, as every command reads them; a roster file with errors makes
    /// the plan unscheduled, and the page says so at the plan's `file = ...`.
    fn attach(&self, checked: &mut carepath_model::Checked) {
        let span = checked
            .plan
            .as_ref()
            .and_then(|p| p.plan().spans.get("capacity.roster.file"));
        let Some(found) = crate::session::attach_roster(&self.path, checked) else {
            return;
        };
        if checked.plan.is_none()
            && let Some(first) = found
                .diagnostics
                .iter()
                .find(|d| d.severity == carepath_model::Severity::Error)
        {
            checked.diagnostics.push(
                carepath_model::Diagnostic::error(
                    carepath_model::codes::ROSTER_UNREADABLE,
                    format!("the roster file {} cannot be used: {}", found.name, first.message),
                )
                .at(span, "capacity.roster.file")
                .hint("`carepath check` on the plan shows every finding where it is in the roster file"),
            );
        }
    }

    fn create(&self, bytes: Vec<u8>) -> Result<(), WriteError> {
        let mut batch = files::Batch::new();
        batch
            .add_new(&self.path, bytes)
            .map_err(|f| WriteError::Failed(f.message))?;
        match batch.commit() {
            Ok(_) => Ok(()),
            Err(_) if self.path.exists() => {
                Err(WriteError::Changed(self.read().unwrap_or_default()))
            }
            Err(f) => Err(WriteError::Failed(f.message)),
        }
    }
}

/// The start form's answers as `carepath init`'s flags; a role not chosen from the list is left
/// out, as `init` leaves out what is not asked.
fn starter(env: &Env, output: &Path, a: &StartAnswers) -> Result<Vec<u8>, String> {
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let hours = match some(&a.hours) {
        None => None,
        Some(h) => match h.parse::<f64>() {
            Ok(x) if x > 0.0 && x <= 80.0 => Some(x),
            _ => {
                return Err(format!(
                    "the hours a week: “{h}” is not a number of hours more than 0 and at most 80"
                ));
            }
        },
    };
    let values: Vec<String> = a
        .values
        .split(',')
        .map(|v| carepath_model::slug(v.trim()))
        .filter(|v| !v.is_empty())
        .collect();
    let answers = super::init::Answers {
        output: output.to_path_buf(),
        role: some(&a.role),
        target: some(&a.target),
        name: some(&a.name),
        hours,
        values: Some(values),
        force: false,
    };
    super::init::starter_text(env, answers)
        .map(|(t, _)| t.into_bytes())
        .map_err(|f| f.message)
}

/// Tells `changes` whenever the plan file changes on disk. The directory is watched, not the
/// file: editors save by writing a new file and renaming it over the old one, which a watch on
/// the old file would not see. `None` when the system gives no watcher (the page still follows
/// the file, once a second).
fn watch(plan: &Path, changes: Arc<Changes>) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let dir = match plan.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = plan.file_name()?.to_os_string();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event
            && e.paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            changes.notify();
        }
    })
    .ok()?;
    watcher
        .watch(&dir, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

pub fn serve(
    env: &Env,
    plan: &Path,
    new: bool,
    port: u16,
    open: bool,
    listen: Option<IpAddr>,
    out: &mut dyn Write,
) -> Outcome {
    let name = files::shown(plan);
    let format = Format::from_path(&plan.display().to_string()).ok_or_else(|| {
        Failure::usage(format!("{name}: carepath reads plans in .toml or .json files; rename the file with one of these extensions"))
    })?;
    if new {
        if plan.exists() {
            return Err(Failure::usage(format!(
                "{name} already exists; leave out --new to open it, or give a new file name"
            )));
        }
        if format != Format::Toml {
            return Err(Failure::usage(
                "serve --new writes a TOML plan: give a name ending in .toml",
            ));
        }
    } else {
        // Refuse a plan that cannot be read at all before opening a port for it.
        files::read_bounded(plan, files::MAX_PLAN_BYTES, "plans")?;
    }
    let ip = listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if listen.is_some_and(|l| l != IpAddr::V4(Ipv4Addr::LOCALHOST)) {
        eprintln!(
            "warning: listening on {ip}: anyone who can reach this address and has the token can read and change the plan"
        );
    }
    let server = Server::bind(SocketAddr::new(ip, port)).map_err(|e| {
        Failure::usage(format!(
            "cannot listen on {ip}:{port}: {e}\n  hint: leave out --port to take a free one"
        ))
    })?;
    let url = server.url();
    let mut exporters = carepath_export::Registry::new();
    exporters.register(Box::new(carepath_export::json::JsonExporter));
    crate::exporters::register_builtin(
        &mut exporters,
        Default::default(),
        Default::default(),
        Default::default(),
    );
    let mut site = Site::new(
        Box::new(File {
            path: plan.to_path_buf(),
        }),
        format,
        env.as_of,
        env.catalog().clone(),
        exporters,
    );
    if new {
        let env = env.clone();
        let output = plan.to_path_buf();
        site.starter = Some(Box::new(move |a: &StartAnswers| starter(&env, &output, a)));
    }
    let _watcher = watch(plan, Arc::clone(&site.changes));
    let site = Arc::new(site);
    emit(
        out,
        &format!(
            "carepath serve: {name}{new} at\n  {url}\nOpen it in your browser; press Ctrl-C to stop.\n",
            new = if new {
                " (new: the page asks a few questions, then writes it)"
            } else {
                ""
            }
        ),
    )?;
    let _ = out.flush();
    if open {
        open_browser(&url);
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Failure::usage(format!("cannot watch for Ctrl-C: {e}")))?;
    }
    server.run(site, &stop);
    emit(out, "stopped\n")
}

/// The desktop's own opener; a failure only means the person opens the printed address.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("note: could not start a browser ({program}); open the address above");
    }
}
