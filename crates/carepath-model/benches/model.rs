//! How fast the model reads, checks and schedules big plans.
//!
//! `cargo bench -p carepath-model` (divan). The plans are generated in-process with the same
//! shape as `gen-big-plan.py` in the shared tools (N milestones in a random DAG, each after up to
//! two of the 50 before it, 1 to 39 effort hours, 30% with a duration of 1 to 11 weeks, 20% with
//! a due date; 40 h a week on at most 8 at once; a goal per 25 milestones), from a fixed seed.
//!
//! The target: a 10,000-milestone plan resolves in under 200 ms, and 10x the milestones costs no
//! more than about 12x the time.

use carepath_model::{CheckedPlan, Format, check, resolve};
use divan::Bencher;
use jiff::civil::date;

fn main() {
    divan::main();
}

use carepath_model::generate::big_plan;

fn checked(n: usize) -> CheckedPlan {
    let text = big_plan(n);
    let c = check(text.as_bytes(), Format::Toml, None);
    assert!(!c.has_errors(), "{:?}", c.diagnostics.first());
    c.plan.expect("the generated plan checks")
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Reading and checking: parse, spans, validation.
#[divan::bench(args = SIZES, sample_count = 20)]
fn check_plan(bencher: Bencher, n: usize) {
    let text = big_plan(n);
    bencher.bench(|| check(divan::black_box(text.as_bytes()), Format::Toml, None));
}

/// Scheduling both schedules, SMART, weekly load and explanations.
#[divan::bench(args = SIZES, sample_count = 20)]
fn resolve_plan(bencher: Bencher, n: usize) {
    let plan = checked(n);
    bencher.bench(|| resolve(divan::black_box(&plan), date(2026, 11, 22), None));
}
