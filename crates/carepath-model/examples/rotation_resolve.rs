//! Resolves the benchmark's 10,000-milestone plan, with its two-week rotation (`true`) or
//! without (`false`), a number of times: a small program to profile the scheduler around shifts
//! with (`valgrind --tool=callgrind`, then `callgrind_annotate`), where a benchmark's
//! instruction counts would mix both plans.
//!
//! `cargo run --release -p carepath-model --example rotation_resolve -- true 3`

use carepath_model::generate::big_plan;
use carepath_model::{Format, check, resolve};
use jiff::civil::date;

fn main() {
    let mut args = std::env::args().skip(1);
    let with = args.next().is_some_and(|a| a == "true");
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = big_plan(10_000);
    // The same rotation and limit as the benchmark `resolve_with_rotation`.
    let text = if with {
        text.replacen(
            "max_parallel = 8\n",
            "max_parallel = 8\nmax_week_hours = 80\n\n[capacity.rotation]\nstart = 2026-01-05\n\
             days = [\"D\", \"D\", \"-\", \"-\", \"N\", \"N\", \"-\", \"-\", \"N\", \"N\", \"-\", \"-\", \"-\", \"-\"]\n\
             shifts = { D = { start = \"07:00\", hours = 12.5 }, N = { start = \"19:00\", hours = 12.5 } }\n",
            1,
        )
    } else {
        text
    };
    let c = check(text.as_bytes(), Format::Toml, None);
    let plan = c.plan.expect("the generated plan checks");
    let mut weeks = 0;
    for _ in 0..times {
        let r = resolve(&plan, date(2026, 11, 22), None);
        weeks = r.schedule.weekly_load.len();
    }
    println!("with rotation: {with}; weeks: {weeks}; resolved {times} times");
}
