//! End-to-end export speed: the work of `carepath export PLAN --to pdf,csv,ics,json` in process
//! (read and check the plan, schedule it, then every exporter), without process start-up.
//!
//! `cargo bench -p carepath-cli --bench export`. Targets: the realistic RN fixture to all four
//! formats in under 50 ms; the 10,000-milestone plan to CSV and iCalendar well under a second.
//!
//! `whole_command` runs the built `carepath` binary itself, as a user does: process start, the
//! embedded catalog, reading, scheduling, every exporter, and the files staged, synced and
//! renamed into place. Its wall time includes the disk's `fsync`s, which on a virtual disk can
//! be most of it; `--version` is there for the cost of a process start alone.

use carepath_export::Exporter;
use carepath_model::{Format, ResolvedPlan, check, resolve};
use divan::Bencher;
use jiff::civil::date;

fn main() {
    divan::main();
}

const RN: &str = include_str!("../../../fixtures/rn-to-acnp.toml");

fn resolved(text: &str) -> ResolvedPlan {
    let catalog = carepath_catalog::Catalog::embedded();
    let c = check(text.as_bytes(), Format::Toml, Some(catalog));
    let plan = c.plan.expect("the plan checks");
    resolve(&plan, date(2026, 11, 22), Some(catalog))
}

fn write_all(e: &dyn Exporter, r: &ResolvedPlan) -> usize {
    let exported = e.export(r).expect("export");
    exported.files.iter().map(|f| f.bytes.len()).sum()
}

/// The realistic fixture, from text to the four outputs.
#[divan::bench(sample_count = 30)]
fn rn_fixture_to_pdf_csv_ics_json(bencher: Bencher) {
    let exporters: Vec<Box<dyn Exporter>> = vec![
        Box::new(carepath_pdf::PdfExporter::default()),
        Box::new(carepath_csv::CsvExporter::default()),
        Box::new(carepath_ics::IcsExporter::default()),
        Box::new(carepath_export::json::JsonExporter),
    ];
    bencher.bench(|| {
        let r = resolved(RN);
        exporters
            .iter()
            .map(|e| write_all(e.as_ref(), &r))
            .sum::<usize>()
    });
}

/// The same work, phase by phase: the embedded catalog alone, reading and scheduling the plan,
/// then each exporter on the resolved plan. Their sum is the in-process part of
/// `whole_command`.
#[divan::bench(
    args = ["catalog", "check+resolve", "pdf", "csv", "ics", "json"],
    sample_count = 30
)]
fn rn_fixture_phase(bencher: Bencher, phase: &str) {
    match phase {
        "catalog" => bencher.bench(|| carepath_catalog::Catalog::embedded_owned().roles.len()),
        "check+resolve" => bencher.bench(|| resolved(RN).plan_id.len()),
        format => {
            let r = resolved(RN);
            let e: Box<dyn Exporter> = match format {
                "pdf" => Box::new(carepath_pdf::PdfExporter::default()),
                "csv" => Box::new(carepath_csv::CsvExporter::default()),
                "ics" => Box::new(carepath_ics::IcsExporter::default()),
                _ => Box::new(carepath_export::json::JsonExporter),
            };
            bencher.bench(|| write_all(e.as_ref(), &r));
        }
    }
}

/// The 10,000-milestone plan, already resolved, to CSV and to iCalendar.
#[divan::bench(args = ["csv", "ics"], sample_count = 10)]
fn big_plan_10k(bencher: Bencher, format: &str) {
    let r = resolved(&carepath_model::generate::big_plan(10_000));
    let e: Box<dyn Exporter> = match format {
        "csv" => Box::new(carepath_csv::CsvExporter::default()),
        _ => Box::new(carepath_ics::IcsExporter::default()),
    };
    bencher.bench(|| write_all(e.as_ref(), &r));
}

/// The binary as a user runs it, to a fresh directory each time.
#[divan::bench(args = ["--version", "json", "pdf", "pdf,csv,ics,json"], sample_count = 40)]
fn whole_command(bencher: Bencher, to: &str) {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/rn-to-acnp.toml"
    );
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"));
        if to == "--version" {
            cmd.arg("--version");
        } else {
            let out = dir.path().join(format!("run-{n}/"));
            cmd.args(["--as-of", "2026-11-22", "export", fixture, "--to", to, "-o"])
                .arg(&out);
        }
        let status = cmd
            .stdout(std::process::Stdio::null())
            .status()
            .expect("carepath runs");
        assert!(status.success());
    });
}
