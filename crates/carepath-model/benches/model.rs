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

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// In `lo..hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const KINDS: [&str; 11] = [
    "education",
    "certification",
    "exam",
    "training",
    "continuing-education",
    "networking",
    "mentorship",
    "shadowing",
    "volunteering",
    "leadership",
    "research",
];

/// A valid plan of `n` milestones, as TOML.
fn big_plan(n: usize) -> String {
    use std::fmt::Write;
    let mut rnd = Rng(20_261_122);
    let mut s = String::with_capacity(n * 160);
    let _ = writeln!(
        s,
        "format = 1\ntitle = \"Generated plan with {n} milestones\"\nstart = 2026-01-05\n\n[person]\nname = \"Generated Person\"\nvalues = [\"patient-care\", \"research\"]\n\n[capacity]\nhours_per_week = 40\nmax_parallel = 8\n"
    );
    let goals = (n / 25).max(1);
    for g in 0..goals {
        let _ = writeln!(
            s,
            "[[goals]]\nid = \"g{g}\"\ntitle = \"Goal number {g} with a concrete outcome\"\ndue = {}-12-31\nvalues = [\"patient-care\"]\n",
            2030 + g % 10
        );
    }
    for i in 0..n {
        let kind = KINDS[rnd.range(0, KINDS.len() as u64) as usize];
        let goal = rnd.range(0, goals as u64);
        let _ = writeln!(
            s,
            "[[milestones]]\nid = \"m{i}\"\ntitle = \"Milestone {i}\"\nkind = \"{kind}\"\ngoal = \"g{goal}\""
        );
        if i > 0 {
            let lo = i.saturating_sub(50) as u64;
            let mut deps: Vec<u64> = (0..rnd.range(0, 3))
                .map(|_| rnd.range(lo, i as u64))
                .collect();
            deps.sort_unstable();
            deps.dedup();
            if !deps.is_empty() {
                let list: Vec<String> = deps.iter().map(|d| format!("\"m{d}\"")).collect();
                let _ = writeln!(s, "after = [{}]", list.join(", "));
            }
        }
        let _ = writeln!(s, "effort_hours = {}", rnd.range(1, 40));
        if rnd.chance(0.3) {
            let _ = writeln!(s, "duration = \"{} weeks\"", rnd.range(1, 12));
        }
        if rnd.chance(0.2) {
            let _ = writeln!(
                s,
                "due = {}-0{}-15",
                rnd.range(2027, 2040),
                rnd.range(1, 10)
            );
        }
        s.push('\n');
    }
    s
}

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
