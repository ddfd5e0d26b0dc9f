//! A large roster of generated plans, for profiling and trying `carepath cohort` at scale: the
//! same plans as the cohort benchmark ([`carepath_model::generate::cohort_plan`]).
//!
//! `cargo run -p carepath-model --example cohort_roster -- 10000 big/` writes `big/roster.csv`
//! and `big/plans/nurse-NNNNN.toml`; then `carepath cohort big/roster.csv`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next(),
    ) else {
        eprintln!("usage: cohort_roster N DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let plans = dir.join("plans");
    if let Err(e) = std::fs::create_dir_all(&plans) {
        eprintln!("cannot create {}: {e}", plans.display());
        std::process::exit(2);
    }
    let mut csv = String::from("plan,unit,group\n");
    for i in 0..n {
        let (text, unit, group) = carepath_model::generate::cohort_plan(i);
        if let Err(e) = std::fs::write(plans.join(format!("nurse-{i:05}.toml")), text) {
            eprintln!("cannot write a plan: {e}");
            std::process::exit(2);
        }
        let _ = writeln!(csv, "plans/nurse-{i:05}.toml,{unit},{group}");
    }
    if let Err(e) = std::fs::write(dir.join("roster.csv"), csv) {
        eprintln!("cannot write roster.csv: {e}");
        std::process::exit(2);
    }
}
