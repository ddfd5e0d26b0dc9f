//! External exporters: an executable `carepath-export-NAME` on PATH is the exporter `NAME`. It
//! gets the resolved plan as JSON on stdin (with the protocol version and the options) and writes
//! the output on stdout. A plan's content never decides which program runs: only `--to` does.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use carepath_model::ResolvedPlan;
use serde_json::{Map, Value};

use crate::{ExportContext, ExportError, PROTOCOL_VERSION};

pub const PREFIX: &str = "carepath-export-";

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

/// The exporter `name` on the given PATH value, if installed.
pub fn find(name: &str, path_var: Option<&std::ffi::OsStr>) -> Option<Plugin> {
    let file = format!("{PREFIX}{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(path_var?)
        .map(|dir| dir.join(&file))
        .find(|p| is_executable(p))
        .map(|path| Plugin {
            name: name.to_string(),
            path,
        })
}

/// Every external exporter on PATH, by name; the first on PATH wins, as a shell would pick it.
pub fn discover(path_var: Option<&std::ffi::OsStr>) -> Vec<Plugin> {
    let mut found: Vec<Plugin> = Vec::new();
    let Some(path_var) = path_var else {
        return found;
    };
    for dir in std::env::split_paths(path_var) {
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

/// The JSON document a plugin receives: `protocol`, `exporter`, `options`, then the resolved
/// plan's fields.
pub fn document(
    name: &str,
    plan: &ResolvedPlan,
    ctx: &ExportContext,
) -> Result<Value, ExportError> {
    let invalid =
        |e: serde_json::Error| ExportError::Invalid(format!("cannot encode the plan: {e}"));
    let mut doc = Map::new();
    doc.insert("protocol".into(), Value::from(PROTOCOL_VERSION));
    doc.insert("exporter".into(), Value::from(name));
    doc.insert("generator".into(), Value::from(ctx.generator.clone()));
    doc.insert(
        "options".into(),
        serde_json::to_value(&ctx.options).map_err(invalid)?,
    );
    if let Value::Object(fields) = serde_json::to_value(plan).map_err(invalid)? {
        doc.extend(fields);
    }
    Ok(Value::Object(doc))
}

/// Runs a plugin and returns its stdout. Stdin is written on its own thread so that a plugin which
/// writes before it has read everything cannot deadlock against us.
pub fn run(
    plugin: &Plugin,
    plan: &ResolvedPlan,
    ctx: &ExportContext,
) -> Result<Vec<u8>, ExportError> {
    let fail = |message: String, stderr: String| ExportError::Plugin {
        name: plugin.name.clone(),
        message,
        stderr,
    };
    let input = serde_json::to_vec(&document(&plugin.name, plan, ctx)?)
        .map_err(|e| ExportError::Invalid(format!("cannot encode the plan: {e}")))?;
    let mut child = Command::new(&plugin.path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            fail(
                format!("could not be started ({e}); is it installed and executable?"),
                String::new(),
            )
        })?;
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            // A plugin may exit without reading everything; that is its choice, not our error.
            let _ = s.write_all(&input);
        }
        drop(stdin);
    });
    let mut stderr_pipe = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(e) = stderr_pipe.as_mut() {
            let _ = e.read_to_end(&mut buf);
        }
        buf
    });
    let mut stdout = Vec::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_end(&mut stdout)
            .map_err(|e| fail(format!("could not be read ({e})"), String::new()))?;
    }
    let status = child
        .wait()
        .map_err(|e| fail(format!("did not finish ({e})"), String::new()))?;
    let _ = writer.join();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    if !status.success() {
        let how = match status.code() {
            Some(c) => format!("failed with exit code {c}"),
            None => "was stopped by a signal".to_string(),
        };
        return Err(fail(format!("{how}; nothing was written"), stderr));
    }
    if stdout.is_empty() {
        return Err(fail("wrote no output; nothing was written".into(), stderr));
    }
    Ok(stdout)
}
