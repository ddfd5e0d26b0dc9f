//! The encoded PDF, without external tools: the exporter's contract, same bytes for the same
//! input, and the file size a subset font allows.

mod support;

use carepath_export::{ExportContext, Exporter};
use carepath_pdf::PdfExporter;
use support::*;

fn export(plan: &carepath_model::ResolvedPlan) -> Vec<u8> {
    let mut c = ExportContext::new(plan.as_of);
    c.generator = "carepath test".into();
    let mut out = Vec::new();
    PdfExporter.write(plan, &c, None, &mut out).expect("export");
    out
}

#[test]
fn the_exporter_describes_itself() {
    let e = PdfExporter;
    assert_eq!(e.name(), "pdf");
    assert_eq!(e.extension(), "pdf");
    assert_eq!(e.media_type(), "application/pdf");
    assert!(e.is_binary());
    assert_eq!(e.parts(&ExportContext::new(AS_OF)), vec![None]);
}

#[test]
fn same_input_same_bytes() {
    let plan = realistic();
    let a = export(&plan);
    let b = export(&plan);
    assert!(a.starts_with(b"%PDF-"));
    assert!(a == b, "two exports of one plan differ");
    // And another as-of date is another document.
    let mut later = plan.clone();
    later.as_of = jiff::civil::date(2027, 1, 31);
    assert_ne!(export(&later), a);
}

#[test]
fn no_wall_clock_or_random_ids_in_the_file() {
    let plan = realistic();
    let bytes = export(&plan);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("D:20261231000000+00'00'"), "dates from as_of");
    assert!(!text.contains("D:1970"), "no epoch placeholder");
}

#[test]
fn a_forty_milestone_plan_is_small() {
    let plan = resolve_toml(&big(40), AS_OF);
    let bytes = export(&plan);
    eprintln!("40 milestones: {} bytes", bytes.len());
    assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
}
