//! `carepath cohort` speed, the whole command as a user runs it: the built binary on a CSV
//! roster of generated plans ([`carepath_model::generate::cohort_plan`]: a nurse's year with
//! credentials that expire, a CE log, goals and milestones), on 2 worker threads, writing
//! cohort.csv, expiries.csv, problems.csv, cohort.jsonl and cohort.pdf.
//!
//! `cargo bench -p carepath-cli --bench cohort`. The contract (docs/cohort.md): 1,000 plans in
//! under 2 s on 2 cores, 10,000 in under ten times that (linear).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use divan::Bencher;

fn main() {
    divan::main();
}

/// A roster of `n` plans in a fresh folder: `roster.csv` and `plans/`.
fn roster(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).expect("plans/");
    let mut csv = String::from("plan,unit,group\n");
    for i in 0..n {
        let (text, unit, group) = carepath_model::generate::cohort_plan(i);
        std::fs::write(plans.join(format!("nurse-{i:05}.toml")), text).expect("a plan");
        csv.push_str(&format!("plans/nurse-{i:05}.toml,{unit},{group}\n"));
    }
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, csv).expect("roster.csv");
    (dir, path)
}

fn run(roster: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["--as-of", "2026-11-22", "cohort"])
        .arg(roster)
        .args(["--jobs", "2", "-o"])
        .arg(out)
        .stdout(Stdio::null())
        .status()
        .expect("run carepath");
    assert!(status.success(), "every generated plan checks");
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn cohort_of(bencher: Bencher, n: usize) {
    let (dir, path) = roster(n);
    let out = dir.path().join("out");
    bencher.bench(|| run(&path, &out));
    // What was timed is what the contract names: a row per plan, and the expiries written.
    let rows = std::fs::read_to_string(out.join("cohort.csv")).expect("cohort.csv");
    assert_eq!(rows.lines().count(), n + 1, "a header and one row per plan");
    let expiries = std::fs::read_to_string(out.join("expiries.csv")).expect("expiries.csv");
    assert!(
        expiries.lines().count() > 1,
        "the generated credentials expire"
    );
}
