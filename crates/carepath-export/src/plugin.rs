//! External exporters: an executable `carepath-export-NAME` on PATH is the exporter `NAME`. It
//! gets the resolved plan as JSON on stdin (with the protocol version and the options) and writes
//! the output on stdout. A plan's content never decides which program runs: only `--to` does.
//!
//! # Where plugins are looked for
//!
//! Only absolute PATH entries count. An empty entry (`PATH=/usr/bin:`) or a relative one (`.`,
//! `bin`) would name the current directory, or a folder below it, so `carepath export` in a
//! downloaded folder could run a program from that folder. Go's `exec.LookPath` refuses this too
//! (`ErrDot`, Go 1.19). [`find`] and [`discover`] skip such entries alike, so `carepath exporters`
//! lists exactly what `--to` can run; [`in_current_dir`] lets the CLI say why a program sitting in
//! the current directory is not used.
//!
//! # A plugin is an exporter
//!
//! [`PluginExporter`] implements [`Exporter`] like the built-in ones: its `export` runs the
//! program with [`run`] and returns one file, with the plugin's name as its extension. The
//! registry ([`crate::Registry::find`]) makes one for a `--to` name that no built-in has.
//!
//! # How a plugin is kept within bounds
//!
//! [`run`] starts the plugin in a process group of its own (std's `CommandExt::process_group(0)`)
//! and ends that whole group, the plugin and everything it started, when:
//!
//! - it is still running after [`Limits::timeout`];
//! - it writes more than [`Limits::max_output_bytes`] on stdout (at most that much is held);
//! - it has exited but something it left behind still holds its stdout or stderr open after a
//!   short grace ([`EXIT_GRACE`]). Its exit is the end of its output: what it wrote is used (if it
//!   exited with 0) and the leftovers are ended, so a background child cannot stall carepath;
//! - carepath gets SIGINT or SIGTERM. Then carepath ends itself by the same signal once the group
//!   is gone (a shell shows status 130 or 143), as it would have without a plugin running.
//!
//! Ending the group is SIGTERM, then SIGKILL as soon as the plugin itself has exited or after
//! [`TERM_GRACE`]. Its stderr is read all along but only the last [`STDERR_KEPT_BYTES`] are kept,
//! and an error shows the last [`STDERR_SHOWN_LINES`] lines of them.
//!
//! The loop that watches the plugin is written here: crates such as `wait-timeout` only bound the
//! wait for the exit, not the reading of two pipes with a byte cap, a process group and signals
//! together. The parts with a well-kept crate use it: `nix` for `killpg` and `waitid`,
//! `signal-hook` for the signal handlers. Three threads move the bytes (stdin, stdout, stderr),
//! so a plugin that writes before it has read everything cannot deadlock against us; the calling
//! thread looks at the exit, the clock and the signals every `TICK`.
//!
//! On Linux the plugin's exit is seen with `waitid(WNOWAIT)`, which leaves it unreaped until the
//! group has been signalled: its pid, and so the group's id, cannot be reused by an unrelated
//! process in the meantime. Elsewhere the exit is reaped when seen (a tiny window).
//!
//! Signal handlers: `signal-hook` cannot give a signal its default action back (unregistering
//! leaves the signal ignored, see `signal_hook_registry::unregister`), so the first [`run`]
//! installs, once, a hook that only records the signal and one that does the default action
//! (ends carepath) whenever no plugin is running. Outside [`run`] carepath thus behaves on SIGINT
//! and SIGTERM exactly as without the hooks.
//!
//! On platforms other than Unix there are no process groups or signals here: the timeout and the
//! cap end only the plugin's own process.

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use carepath_model::ResolvedPlan;
use carepath_model::numbers::grouped;
use serde_json::{Map, Value};

use crate::{ExportError, Exported, Exporter, GENERATOR, OutputFile, PROTOCOL_VERSION};

pub const PREFIX: &str = "carepath-export-";

/// How long a plugin may run when nothing else is said: two minutes.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
/// How much a plugin may write on stdout when nothing else is said: 256 MiB.
pub const DEFAULT_MAX_OUTPUT_BYTES: u64 = 256 * 1024 * 1024;
/// After the plugin has exited, how long carepath waits for its stdout and stderr to close (a
/// child it left behind may hold them) before it ends the plugin's process group.
pub const EXIT_GRACE: Duration = Duration::from_millis(500);
/// Between SIGTERM and SIGKILL when a plugin's process group is ended.
pub const TERM_GRACE: Duration = Duration::from_millis(250);
/// How much of a plugin's stderr is kept: the last 64 KiB.
pub const STDERR_KEPT_BYTES: usize = 64 * 1024;
/// How many of the last lines of a failed plugin's stderr the error shows.
pub const STDERR_SHOWN_LINES: usize = 20;
/// A line of stderr longer than this many characters is cut in the error.
const STDERR_LINE_CHARS: usize = 1000;
/// How often the plugin's exit, the clock and the signals are looked at.
const TICK: Duration = Duration::from_millis(10);
/// After the group has been ended, how long the readers get to pick up the last bytes.
const DRAIN_GRACE: Duration = Duration::from_millis(250);

/// What a plugin may use: time and output. The CLI sets them from `--plugin-timeout SECONDS` and
/// `--plugin-max-bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From the start of the plugin until it has exited; then it is stopped.
    pub timeout: Duration,
    /// The most bytes taken from its stdout; one more and it is stopped.
    pub max_output_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: DEFAULT_TIMEOUT,
            max_output_bytes: DEFAULT_MAX_OUTPUT_BYTES,
        }
    }
}

/// An external exporter found on PATH.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plugin {
    pub name: String,
    pub path: PathBuf,
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}

fn file_name(name: &str) -> String {
    format!("{PREFIX}{name}{}", std::env::consts::EXE_SUFFIX)
}

/// The directories of a PATH value that plugins are looked for in: the absolute ones, in order.
/// Empty and relative entries (which mean the current directory or a folder below it) are skipped.
fn plugin_dirs(path_var: Option<&OsStr>) -> impl Iterator<Item = PathBuf> + '_ {
    path_var
        .into_iter()
        .flat_map(std::env::split_paths)
        .filter(|dir| dir.is_absolute())
}

/// The exporter `name` on the given PATH value, if installed in one of its absolute directories.
pub fn find(name: &str, path_var: Option<&OsStr>) -> Option<Plugin> {
    let file = file_name(name);
    plugin_dirs(path_var)
        .map(|dir| dir.join(&file))
        .find(|p| is_executable(p))
        .map(|path| Plugin {
            name: name.to_string(),
            path,
        })
}

/// Every external exporter in the absolute directories of PATH, by name; the first on PATH wins,
/// as a shell would pick it.
pub fn discover(path_var: Option<&OsStr>) -> Vec<Plugin> {
    let mut found: Vec<Plugin> = Vec::new();
    for dir in plugin_dirs(path_var) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let file = e.file_name().into_string().ok()?;
                let stem = file
                    .strip_suffix(std::env::consts::EXE_SUFFIX)
                    .unwrap_or(&file);
                let name = stem.strip_prefix(PREFIX)?;
                (!name.is_empty()).then(|| (name.to_string(), e.path()))
            })
            .filter(|(_, p)| is_executable(p))
            .collect();
        names.sort();
        for (name, path) in names {
            if !found.iter().any(|p| p.name == name) {
                found.push(Plugin { name, path });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// The full path of an executable `carepath-export-NAME` in the current directory, if there is
/// one. [`find`] never runs it (only absolute PATH entries count), so when `find` gives nothing
/// the CLI can use this for a hint such as: "a carepath-export-NAME sits in the current
/// directory, but carepath runs plugins only from absolute PATH entries; add its folder to PATH
/// by its full path".
pub fn in_current_dir(name: &str) -> Option<PathBuf> {
    let path = std::env::current_dir().ok()?.join(file_name(name));
    is_executable(&path).then_some(path)
}

/// The JSON document a plugin receives: `protocol`, `exporter`, `generator`, `options`, then the
/// resolved plan's fields. `options` is given as it is (the CLI builds it from the built-in
/// exporters' option structs; docs/plugins.md lists its keys).
pub fn document(name: &str, plan: &ResolvedPlan, options: &Value) -> Result<Value, ExportError> {
    let invalid =
        |e: serde_json::Error| ExportError::Invalid(format!("cannot encode the plan: {e}"));
    let mut doc = Map::new();
    doc.insert("protocol".into(), Value::from(PROTOCOL_VERSION));
    doc.insert("exporter".into(), Value::from(name));
    doc.insert("generator".into(), Value::from(GENERATOR));
    doc.insert("options".into(), options.clone());
    if let Value::Object(fields) = serde_json::to_value(plan).map_err(invalid)? {
        doc.extend(fields);
    }
    Ok(Value::Object(doc))
}

/// An external exporter as an [`Exporter`]: the program, its limits, and the `options` object
/// of the document it gets.
#[derive(Debug, Clone)]
pub struct PluginExporter {
    pub plugin: Plugin,
    pub limits: Limits,
    pub options: Value,
    description: String,
}

impl PluginExporter {
    pub fn new(plugin: Plugin, limits: Limits, options: Value) -> Self {
        let description = format!("external exporter {}", plugin.path.display());
        PluginExporter {
            plugin,
            limits,
            options,
            description,
        }
    }
}

impl Exporter for PluginExporter {
    fn name(&self) -> &str {
        &self.plugin.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    /// The plugin's name: `--to markdown` writes `PLANSTEM.markdown`.
    fn extension(&self) -> &str {
        &self.plugin.name
    }

    /// Runs the program ([`run`]); its stdout is the one file. Output that is not UTF-8 is
    /// binary.
    fn export(&self, plan: &ResolvedPlan) -> Result<Exported, ExportError> {
        let bytes = run(&self.plugin, plan, &self.options, &self.limits)?;
        let binary = std::str::from_utf8(&bytes).is_err();
        let media_type = if binary {
            "application/octet-stream"
        } else {
            "text/plain; charset=utf-8"
        };
        Ok(Exported::file(OutputFile::single(
            &self.plugin.name,
            media_type,
            binary,
            bytes,
        )))
    }
}

/// Runs a plugin within `limits` and returns its stdout.
///
/// The plugin gets the [`document`] (with this `options` object) on stdin and runs in a process group of its own. It fails,
/// and nothing of it is returned, when it cannot be started, exits with a non-zero status or by a
/// signal, writes nothing, writes more than `limits.max_output_bytes`, or is still running after
/// `limits.timeout`; in the last two cases its whole process group is ended. When it has exited
/// but a process it left behind holds its stdout or stderr, carepath waits [`EXIT_GRACE`], ends
/// the group and uses what the plugin wrote. The error carries the tail of its stderr.
///
/// On Unix, SIGINT or SIGTERM to carepath while the plugin runs ends the plugin's process group
/// and then carepath itself, by that signal (exit status 130 or 143 in a shell). Only if another
/// thread is running a plugin at that moment does this return an error instead; the last one to
/// finish ends carepath.
pub fn run(
    plugin: &Plugin,
    plan: &ResolvedPlan,
    options: &Value,
    limits: &Limits,
) -> Result<Vec<u8>, ExportError> {
    let fail = |message: String, stderr: String| ExportError::Plugin {
        name: plugin.name.clone(),
        message,
        stderr,
    };
    let input = serde_json::to_vec(&document(&plugin.name, plan, options)?)
        .map_err(|e| ExportError::Invalid(format!("cannot encode the plan: {e}")))?;

    // Armed before the start, so that a signal from now on is seen by the loop below.
    let armed = interrupt::Armed::new();
    let mut command = Command::new(&plugin.path);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let child = command.spawn().map_err(|e| {
        fail(
            format!("could not be started ({e}); is it installed and executable?"),
            String::new(),
        )
    })?;
    let mut proc = Proc::new(child);

    let (tx, rx) = mpsc::channel();
    let out = Arc::new(Mutex::new(Vec::new()));
    let tail = Arc::new(Mutex::new(Tail::default()));
    if let Err(e) = proc.start_io(input, &out, &tail, limits.max_output_bytes, &tx) {
        proc.end_group();
        let _ = proc.wait();
        return Err(fail(
            format!("could not be run ({e}); nothing was written"),
            String::new(),
        ));
    }

    let started = Instant::now();
    let mut open = Open {
        stdout: true,
        stderr: true,
    };
    let mut exited_at: Option<Instant> = None;
    let verdict = loop {
        match rx.recv_timeout(TICK) {
            Ok(Event::Closed(stream)) => open.close(stream),
            Ok(Event::TooMuch) => break Verdict::TooMuch,
            Ok(Event::ReadFailed(e)) => break Verdict::ReadFailed(e),
            // `tx` is kept below, so the channel is never disconnected.
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
        if let Some(signal) = interrupt::pending() {
            break Verdict::Signal(signal);
        }
        if exited_at.is_none() && proc.has_exited() {
            exited_at = Some(Instant::now());
        }
        match exited_at {
            Some(_) if open.none() => break Verdict::Finished,
            Some(at) if at.elapsed() >= EXIT_GRACE => break Verdict::Held,
            Some(_) => {}
            None if started.elapsed() >= limits.timeout => break Verdict::Timeout,
            None => {}
        }
    };
    if !matches!(verdict, Verdict::Finished) {
        proc.end_group();
    }
    let status = proc.wait();
    // The group is gone: whatever still holds the pipes is outside it. Take the last bytes.
    let until = Instant::now() + DRAIN_GRACE;
    while !open.none() && Instant::now() < until {
        if let Ok(Event::Closed(stream)) = rx.recv_timeout(TICK) {
            open.close(stream);
        }
    }
    drop(tx);
    let stderr = lock(&tail).render();
    let stopped = "it was stopped and nothing was written";
    match verdict {
        Verdict::Signal(signal) => {
            interrupt::finish(armed, signal);
            Err(fail(
                format!(
                    "was stopped because carepath received {}; nothing was written",
                    interrupt::name(signal)
                ),
                stderr,
            ))
        }
        Verdict::Timeout => Err(fail(
            format!(
                "did not finish within {} s; {stopped} (--plugin-timeout sets the limit)",
                carepath_model::numbers::plain(limits.timeout.as_secs_f64())
            ),
            stderr,
        )),
        Verdict::TooMuch => Err(fail(
            format!(
                "wrote more than {} on standard output; {stopped} (--plugin-max-bytes sets the limit)",
                amount(limits.max_output_bytes)
            ),
            stderr,
        )),
        Verdict::ReadFailed(e) => Err(fail(format!("could not be read ({e}); {stopped}"), stderr)),
        Verdict::Finished | Verdict::Held => {
            drop(armed);
            let status =
                status.map_err(|e| fail(format!("did not finish ({e})"), stderr.clone()))?;
            if !status.success() {
                return Err(fail(
                    format!("{}; nothing was written", how_it_ended(status)),
                    stderr,
                ));
            }
            let stdout = std::mem::take(&mut *lock(&out));
            if stdout.is_empty() {
                return Err(fail("wrote no output; nothing was written".into(), stderr));
            }
            Ok(stdout)
        }
    }
}

/// Why the watching loop stopped.
enum Verdict {
    /// The plugin exited and closed its stdout and stderr.
    Finished,
    /// The plugin exited, but something it left behind held its stdout or stderr past the grace.
    Held,
    Timeout,
    TooMuch,
    ReadFailed(std::io::Error),
    Signal(i32),
}

#[derive(Debug, Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

enum Event {
    Closed(Stream),
    TooMuch,
    ReadFailed(std::io::Error),
}

struct Open {
    stdout: bool,
    stderr: bool,
}

impl Open {
    fn close(&mut self, stream: Stream) {
        match stream {
            Stream::Stdout => self.stdout = false,
            Stream::Stderr => self.stderr = false,
        }
    }

    fn none(&self) -> bool {
        !self.stdout && !self.stderr
    }
}

/// A lock that a panicked reader cannot make unusable: the bytes it held are still the bytes.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The plugin's process (the leader of its process group) and what is known of its exit.
struct Proc {
    child: Child,
    /// Set once the exit has been seen; on Linux the process is left unreaped until [`Proc::wait`].
    exited: bool,
    /// The status, when seeing the exit reaped it (not on Linux).
    status: Option<ExitStatus>,
}

impl Proc {
    fn new(child: Child) -> Proc {
        Proc {
            child,
            exited: false,
            status: None,
        }
    }

    /// Starts the three threads that move the bytes: stdin is written (a plugin may exit without
    /// reading everything; that is its choice, not an error), stdout is collected up to `max`
    /// bytes, stderr is kept as a tail. They are not joined: one may stay blocked on a pipe held
    /// by a process outside the group, and it ends when that pipe closes.
    fn start_io(
        &mut self,
        input: Vec<u8>,
        out: &Arc<Mutex<Vec<u8>>>,
        tail: &Arc<Mutex<Tail>>,
        max: u64,
        tx: &Sender<Event>,
    ) -> std::io::Result<()> {
        let missing = || std::io::Error::other("a pipe to the plugin is missing");
        let mut stdin = self.child.stdin.take().ok_or_else(missing)?;
        let stdout = self.child.stdout.take().ok_or_else(missing)?;
        let stderr = self.child.stderr.take().ok_or_else(missing)?;
        std::thread::Builder::new()
            .name("plugin-stdin".into())
            .spawn(move || {
                let _ = stdin.write_all(&input);
            })?;
        let (out, out_tx) = (Arc::clone(out), tx.clone());
        std::thread::Builder::new()
            .name("plugin-stdout".into())
            .spawn(move || read_capped(stdout, &out, max, &out_tx))?;
        let (tail, err_tx) = (Arc::clone(tail), tx.clone());
        std::thread::Builder::new()
            .name("plugin-stderr".into())
            .spawn(move || read_tail(stderr, &tail, &err_tx))?;
        Ok(())
    }

    /// Whether the plugin has exited, without waiting.
    fn has_exited(&mut self) -> bool {
        if self.exited {
            return true;
        }
        #[cfg(target_os = "linux")]
        {
            use nix::sys::wait::{Id, WaitPidFlag, WaitStatus, waitid};
            let Some(pid) = self.pid() else {
                return self.reap_if_exited();
            };
            let flags = WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT;
            match waitid(Id::Pid(pid), flags) {
                Ok(WaitStatus::StillAlive) | Err(nix::errno::Errno::EINTR) => false,
                Ok(_) => {
                    self.exited = true;
                    true
                }
                // Not our child any more (it cannot be waited for): take it as gone.
                Err(_) => self.reap_if_exited(),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            self.reap_if_exited()
        }
    }

    fn reap_if_exited(&mut self) -> bool {
        match self.child.try_wait() {
            Ok(Some(status)) => {
                self.status = Some(status);
                self.exited = true;
            }
            Ok(None) => {}
            Err(_) => self.exited = true,
        }
        self.exited
    }

    #[cfg(unix)]
    fn pid(&self) -> Option<nix::unistd::Pid> {
        i32::try_from(self.child.id())
            .ok()
            .map(nix::unistd::Pid::from_raw)
    }

    /// Ends the plugin's process group: SIGTERM, then SIGKILL once the plugin itself has exited
    /// or after [`TERM_GRACE`]. Errors (the group is already empty) are of no interest.
    fn end_group(&mut self) {
        #[cfg(unix)]
        {
            use nix::sys::signal::{Signal, killpg};
            let Some(group) = self.pid() else {
                let _ = self.child.kill();
                return;
            };
            let _ = killpg(group, Signal::SIGTERM);
            let until = Instant::now() + TERM_GRACE;
            while !self.has_exited() && Instant::now() < until {
                std::thread::sleep(TICK);
            }
            let _ = killpg(group, Signal::SIGKILL);
        }
        #[cfg(not(unix))]
        {
            let _ = self.child.kill();
        }
    }

    /// Waits for the plugin to exit and reaps it.
    fn wait(&mut self) -> std::io::Result<ExitStatus> {
        match self.status {
            Some(status) => Ok(status),
            None => self.child.wait(),
        }
    }
}

/// Reads stdout into `out`, `max` bytes at most; one more byte and it stops with [`Event::TooMuch`].
fn read_capped(mut pipe: impl Read, out: &Mutex<Vec<u8>>, max: u64, tx: &Sender<Event>) {
    let mut chunk = vec![0u8; 64 * 1024];
    let event = loop {
        match pipe.read(&mut chunk) {
            Ok(0) => break Event::Closed(Stream::Stdout),
            Ok(n) => {
                let mut out = lock(out);
                if out.len() as u64 + n as u64 > max {
                    break Event::TooMuch;
                }
                out.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => break Event::ReadFailed(e),
        }
    };
    let _ = tx.send(event);
}

/// Reads stderr to its end, keeping only its tail.
fn read_tail(mut pipe: impl Read, tail: &Mutex<Tail>, tx: &Sender<Event>) {
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        match pipe.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => lock(tail).push(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // Stderr only explains; a failure to read it is no reason to fail the export.
            Err(_) => break,
        }
    }
    let _ = tx.send(Event::Closed(Stream::Stderr));
}

/// The last [`STDERR_KEPT_BYTES`] of a stream, and how many lines the whole stream had.
#[derive(Default)]
struct Tail {
    bytes: VecDeque<u8>,
    /// Bytes dropped from the front.
    dropped: u64,
    newlines: u64,
    ends_with_newline: bool,
}

impl Tail {
    fn push(&mut self, data: &[u8]) {
        let Some(&last) = data.last() else {
            return;
        };
        self.newlines += data.iter().filter(|&&b| b == b'\n').count() as u64;
        self.ends_with_newline = last == b'\n';
        self.bytes.extend(data);
        let excess = self.bytes.len().saturating_sub(STDERR_KEPT_BYTES);
        if excess > 0 {
            self.bytes.drain(..excess);
            self.dropped += excess as u64;
        }
    }

    /// The last [`STDERR_SHOWN_LINES`] lines, each cut at [`STDERR_LINE_CHARS`] characters, after
    /// a line that says how many earlier ones were left out.
    fn render(&self) -> String {
        let kept: Vec<u8> = self.bytes.iter().copied().collect();
        let mut from = 0;
        // After a drop the first kept line is a piece of a longer one, unless it is all there is.
        if self.dropped > 0
            && let Some(nl) = kept.iter().position(|&b| b == b'\n')
            && nl + 1 < kept.len()
        {
            from = nl + 1;
        }
        let text = String::from_utf8_lossy(&kept[from..]);
        let lines: Vec<&str> = text.lines().collect();
        let shown = &lines[lines.len().saturating_sub(STDERR_SHOWN_LINES)..];
        let total = self.newlines + u64::from(!self.bytes.is_empty() && !self.ends_with_newline);
        let left_out = total.saturating_sub(shown.len() as u64);
        let mut out = String::new();
        if left_out > 0 {
            out.push_str(&format!(
                "[… {} earlier line{} left out]\n",
                grouped(left_out as f64),
                if left_out == 1 { "" } else { "s" }
            ));
        }
        for line in shown {
            match line.char_indices().nth(STDERR_LINE_CHARS) {
                Some((cut, _)) => {
                    let rest = line[cut..].chars().count();
                    out.push_str(&format!(
                        "{} [… {} more characters]",
                        &line[..cut],
                        grouped(rest as f64)
                    ));
                }
                None => out.push_str(line),
            }
            out.push('\n');
        }
        out
    }
}

/// "256 MiB", "64 KiB", "1,000 bytes".
fn amount(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", grouped((bytes / MIB) as f64))
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", grouped((bytes / KIB) as f64))
    } else if bytes == 1 {
        "1 byte".into()
    } else {
        format!("{} bytes", grouped(bytes as f64))
    }
}

fn how_it_ended(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("failed with exit code {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("was stopped by {}", interrupt::name(signal));
        }
    }
    "was stopped by a signal".to_string()
}

/// SIGINT and SIGTERM while a plugin runs: see the module documentation.
#[cfg(unix)]
mod interrupt {
    use std::sync::Mutex;
    use std::sync::Once;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    use signal_hook::consts::{SIGINT, SIGTERM};

    /// True while no plugin runs: then the signals do their default action.
    static IDLE: AtomicBool = AtomicBool::new(true);
    /// The last of the signals that arrived while a plugin ran; 0 for none.
    static PENDING: AtomicUsize = AtomicUsize::new(0);
    /// How many plugins run now (threads may run several).
    static RUNNING: Mutex<usize> = Mutex::new(0);
    static INSTALL: Once = Once::new();

    /// While one lives, a plugin runs and SIGINT and SIGTERM are only recorded.
    pub struct Armed(());

    impl Armed {
        pub fn new() -> Armed {
            INSTALL.call_once(|| {
                for signal in [SIGINT, SIGTERM] {
                    // In this order: record first, then the default action if no plugin runs.
                    // A failure leaves that signal as it was: no forwarding, but no harm.
                    let _ = signal_hook::flag::register_usize(signal, &PENDING, signal as usize);
                    let _ = signal_hook::flag::register_conditional_default(signal, &IDLE);
                }
            });
            let mut running = super::lock(&RUNNING);
            *running += 1;
            IDLE.store(false, Ordering::SeqCst);
            Armed(())
        }
    }

    impl Drop for Armed {
        fn drop(&mut self) {
            let mut running = super::lock(&RUNNING);
            *running = running.saturating_sub(1);
            if *running == 0 {
                IDLE.store(true, Ordering::SeqCst);
            }
        }
    }

    pub fn pending() -> Option<i32> {
        match PENDING.load(Ordering::SeqCst) {
            0 => None,
            s => i32::try_from(s).ok(),
        }
    }

    /// After the plugin's group is gone: unless another plugin still runs, ends carepath by the
    /// signal, as it would have ended without a plugin running.
    pub fn finish(armed: Armed, signal: i32) {
        drop(armed);
        if IDLE.load(Ordering::SeqCst) {
            let _ = signal_hook::low_level::emulate_default_handler(signal);
        }
    }

    pub fn name(signal: i32) -> String {
        match signal_hook::low_level::signal_name(signal) {
            Some(name) => name.to_string(),
            None => format!("signal {signal}"),
        }
    }
}

/// No signals are handled off Unix.
#[cfg(not(unix))]
mod interrupt {
    pub struct Armed(());

    impl Armed {
        pub fn new() -> Armed {
            Armed(())
        }
    }

    pub fn pending() -> Option<i32> {
        None
    }

    pub fn finish(_armed: Armed, _signal: i32) {}

    pub fn name(signal: i32) -> String {
        format!("signal {signal}")
    }
}
