//! Everything that touches the file system: reading plans, and writing outputs whole or not at
//! all (a temporary file beside the target, then a rename).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Failure;

/// Marks a failure that is a closed pipe (`carepath … | head`): not an error.
pub const BROKEN_PIPE: &str = "\u{0}broken pipe";

/// Plans larger than this are refused before parsing: a real plan is a few hundred kilobytes.
pub const MAX_PLAN_BYTES: u64 = 64 * 1024 * 1024;

pub fn read_plan(path: &Path) -> Result<Vec<u8>, Failure> {
    let shown = path.display();
    let meta = fs::metadata(path)
        .map_err(|e| Failure::usage(format!("cannot read {shown}: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(Failure::usage(format!(
            "{shown} is a directory; give the plan file (plan.toml or plan.json)"
        )));
    }
    if meta.len() > MAX_PLAN_BYTES {
        return Err(Failure::usage(format!(
            "{shown} is {} MB; carepath reads plans up to {} MB (is this the right file?)",
            meta.len() / (1024 * 1024),
            MAX_PLAN_BYTES / (1024 * 1024)
        )));
    }
    fs::read(path).map_err(|e| Failure::usage(format!("cannot read {shown}: {}", io_reason(&e))))
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Writes `bytes` to `target` atomically: a temporary file in the same directory, flushed to
/// disk, then renamed over the target. On any failure the target is untouched and the temporary
/// file removed.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let shown = target.display();
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        if let Ok(meta) = fs::metadata(target) {
            // Keep the permissions of the file being replaced.
            let _ = f.set_permissions(meta.permissions());
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        debug_pause();
        fs::rename(&tmp, target)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Failure::usage(format!("cannot write {shown}: {}", io_reason(&e)))
    })
}

/// A test hook: `CAREPATH_TEST_PAUSE_MS` holds the process between writing the temporary file and
/// the rename, so a test can kill it there and check that the original file survives.
fn debug_pause() {
    if let Some(ms) = std::env::var("CAREPATH_TEST_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
