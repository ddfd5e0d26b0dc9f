//! End-to-end tests: the real `carepath` executable on the fixtures, as a user would run it.

mod browser;
mod catalog;
mod ce;
mod check;
mod cohort;
mod credentials;
mod explore;
mod export;
mod log;
mod network;
mod privacy;
mod safety;
mod serve;
mod shifts;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures").join(name)
}

/// `carepath` with a pinned as-of date and no colour, so outputs are stable.
pub fn carepath() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_carepath"));
    c.env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .arg("--as-of")
        .arg("2026-11-22");
    c.current_dir(repo());
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run carepath");
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "carepath panicked:\n{}",
        run.stderr
    );
    run
}

/// A fresh scratch directory under the target directory (no temp-dir crate needed).
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Whether an outside tool may be skipped: never under CI.
pub fn skip_or_fail(tool: &str, install: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{tool} is required under CI=true but is not installed ({install})");
    }
    eprintln!("SKIPPED: {tool} is not installed ({install})");
}

pub fn python() -> Option<String> {
    let py = std::env::var("CAREPATH_PYTHON").unwrap_or_else(|_| "python3".into());
    Command::new(&py)
        .arg("-c")
        .arg("import jsonschema")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| py)
}
