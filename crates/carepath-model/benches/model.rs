//! How fast the model reads, checks and schedules big plans.
//!
//! `cargo bench -p carepath-model` (divan). The plans are generated in-process with the same
//! shape as `gen-big-plan.py` in the shared tools (N milestones in a random DAG, each after up to
//! two of the 50 before it, 1 to 39 effort hours, 30% with a duration of 1 to 11 weeks, 20% with
//! a due date; 40 h a week on at most 8 at once; a goal per 25 milestones), from a fixed seed.
//!
//! The targets: a 10,000-milestone plan resolves in under 200 ms, and 10x the milestones costs no
//! more than about 12x the time; checking 100,000 milestones takes under 2 s; a JSON object with
//! 100,000 keys and a TOML file with 80,000 unknown fields are checked and their (capped) message
//! rendered in under 1 s each; the 10,000-milestone plan with 20 credentials and 2,000 CE
//! activities resolves within 1.3x of the same plan without them; the 10,000-milestone plan with
//! a two-week rotation of day and night shifts (and `max_week_hours`) resolves within 1.5x of the
//! same plan without one.

use carepath_model::diag::{self, Source, Style};
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

/// The 10,000-milestone plan with 20 credentials and 2,000 CE activities, and the same plan
/// without them, both with the credentials' rules known: the target is within 1.3x.
#[divan::bench(args = [false, true], sample_count = 20)]
fn resolve_with_credentials(bencher: Bencher, with: bool) {
    use carepath_model::generate::{CredentialRules, with_credentials};
    let text = if with {
        with_credentials(&big_plan(10_000), 20, 2_000)
    } else {
        big_plan(10_000)
    };
    let c = check(text.as_bytes(), Format::Toml, Some(&CredentialRules));
    assert!(!c.has_errors(), "{:?}", c.diagnostics.first());
    let plan = c.plan.expect("the generated plan checks");
    let r = resolve(&plan, date(2026, 11, 22), Some(&CredentialRules));
    let renewals = r.schedule.milestones.iter().filter(|m| m.renewal).count();
    let counted: f64 = r
        .schedule
        .credentials
        .iter()
        .flat_map(|c| &c.cycles)
        .flat_map(|c| &c.requirements)
        .map(|q| q.counted)
        .sum();
    assert!(
        !with || (renewals > 100 && counted > 0.0),
        "{renewals} renewals, {counted} counted"
    );
    println!("with credentials: {with}; renewal milestones: {renewals}");
    bencher.bench(|| {
        resolve(
            divan::black_box(&plan),
            date(2026, 11, 22),
            Some(&CredentialRules),
        )
    });
}

/// A JSON plan whose top-level object has `n` keys (all but one unknown).
fn many_keys_json(n: usize) -> String {
    let mut s = String::from("{\"format\": 1");
    for i in 0..n {
        s.push_str(&format!(",\n  \"k{i}\": {i}"));
    }
    s.push_str("\n}\n");
    s
}

/// A TOML plan with `n` unknown top-level fields.
fn unknown_keys_toml(n: usize) -> String {
    let mut s = String::from("format = 1\ntitle = \"t\"\nstart = 2026-01-05\n");
    for i in 0..n {
        s.push_str(&format!("field{i} = 1\n"));
    }
    s.push_str("[person]\nname = \"n\"\n");
    s
}

fn check_and_render(text: &str, format: Format) -> String {
    let c = check(text.as_bytes(), format, None);
    let src = Source { name: "plan", text };
    diag::render_all_with_omitted(src, &c.diagnostics, &c.omitted, Style::PLAIN)
}

/// Checking a 100,000-key JSON object and rendering its capped message.
#[divan::bench(sample_count = 10)]
fn json_100k_keys(bencher: Bencher) {
    let text = many_keys_json(100_000);
    bencher.bench(|| check_and_render(divan::black_box(&text), Format::Json));
}

/// Checking a TOML file with 80,000 unknown fields and rendering its capped message.
#[divan::bench(sample_count = 10)]
fn toml_80k_unknown_keys(bencher: Bencher) {
    let text = unknown_keys_toml(80_000);
    bencher.bench(|| check_and_render(divan::black_box(&text), Format::Toml));
}

/// The generated plan with a two-week rotation of 12.5-hour day and night shifts and a weekly
/// limit (`with`), or as generated. Its hours a week are 40 here, so the 10,000 milestones run
/// for decades: every week of the rotation is walked through.
fn rotation_plan(with: bool) -> CheckedPlan {
    let text = big_plan(10_000);
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
    assert!(!c.has_errors(), "{:?}", c.diagnostics.first());
    let plan = c.plan.expect("the generated plan checks");
    assert_eq!(plan.plan().capacity.rotation.is_some(), with);
    plan
}

/// The 10,000-milestone plan with a two-week rotation vs the same plan without one: the target
/// is within 1.5x.
#[divan::bench(args = [false, true], sample_count = 20)]
fn resolve_with_rotation(bencher: Bencher, with: bool) {
    let plan = rotation_plan(with);
    let r = resolve(&plan, date(2026, 11, 22), None);
    let weeks = r.schedule.weekly_load.len();
    assert!(weeks > 520, "over 10 years of weeks: {weeks}");
    assert_eq!(
        r.schedule
            .weekly_load
            .iter()
            .any(|w| w.shift_hours.is_some()),
        with
    );
    println!("with rotation: {with}; weeks: {weeks}");
    bencher.bench(|| resolve(divan::black_box(&plan), date(2026, 11, 22), None));
}
