//! Helpers for the plugin tests: scratch folders under Cargo's target tmp dir, shell-script
//! plugins, a resolved plan, and whether a process is gone.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use carepath_export::plugin::Plugin;
use carepath_model::{Format, ResolvedPlan};
use jiff::civil::date;

/// An empty folder for one test, under Cargo's tmp dir for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("carepath-export-plugins")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch folder");
    dir
}

/// Writes an executable shell script. A child `sh` writes it, so that no file descriptor of this
/// process is open for writing on it: a plugin started by another test thread at that moment
/// would otherwise inherit one and the script could not be run ("text file busy").
pub fn script(path: &Path, body: &str) -> PathBuf {
    let status = Command::new("sh")
        .arg("-c")
        .arg(r#"printf '%s\n' "$1" > "$2" && chmod 755 "$2""#)
        .arg("sh")
        .arg(format!("#!/bin/sh\n{body}"))
        .arg(path)
        .status()
        .expect("run sh");
    assert!(status.success(), "could not write {}", path.display());
    path.to_path_buf()
}

/// The plugin `carepath-export-NAME` in `dir`, with that script body.
pub fn plugin(dir: &Path, name: &str, body: &str) -> Plugin {
    let path = script(&dir.join(format!("carepath-export-{name}")), body);
    Plugin {
        name: name.to_string(),
        path,
    }
}

/// fixtures/minimal.toml, resolved as of 2026-11-22.
pub fn plan() -> ResolvedPlan {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/minimal.toml");
    let text = std::fs::read_to_string(path).expect("read fixtures/minimal.toml");
    let checked = carepath_model::check(text.as_bytes(), Format::Toml, None);
    let plan = checked.plan.expect("minimal.toml checks");
    carepath_model::resolve(&plan, date(2026, 11, 22), None)
}

/// The `options` object a plugin gets when no option is given on the command line (the CLI
/// builds it from the built-in exporters' option structs; docs/plugins.md lists it).
pub fn options() -> serde_json::Value {
    serde_json::json!({
        "remind": [14, 1],
        "todo": false,
        "remind_expiry": [90, 60, 30, 7],
        "bom": false,
        "delimiter": ",",
        "table": null,
        "paper": null,
    })
}

/// The pids a plugin wrote into `file` (space or newline separated), once it has written
/// `count` of them; waits up to 5 s.
pub fn pids(file: &Path, count: usize) -> Vec<i32> {
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let found: Vec<i32> = std::fs::read_to_string(file)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|s| s.parse().ok())
            .collect();
        if found.len() >= count || Instant::now() > until {
            assert_eq!(found.len(), count, "pids in {}", file.display());
            return found;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether the process is gone: no such process, or a zombie (it has ended and only waits for
/// its parent to collect it).
pub fn is_gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state is the first field after the command name in parentheses.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state == "Z" || state == "X"),
        Err(_) if Path::new("/proc/self").exists() => true,
        Err(_) => nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_err(),
    }
}

/// Waits up to 2 s for the process to be gone (a killed process ends asynchronously).
pub fn gone_soon(pid: i32) -> bool {
    let until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < until {
        if is_gone(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    is_gone(pid)
}

/// Ends a process a test left behind (a failed test should not leave a `sleep` running).
pub fn kill(pid: i32) {
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    );
}
