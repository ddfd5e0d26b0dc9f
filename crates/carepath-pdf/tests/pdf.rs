//! The encoded PDF, without external tools: the exporter's contract, same bytes for the same
//! input, and the file size a subset font allows.

mod support;

use carepath_export::{Exporter, Paper};
use carepath_pdf::{PdfExporter, PdfOptions};
use support::*;

fn export(plan: &carepath_model::ResolvedPlan) -> Vec<u8> {
    let mut exported = PdfExporter::default().export(plan).expect("export");
    exported.files.remove(0).bytes
}

#[test]
fn the_exporter_describes_itself() {
    let e = PdfExporter::default();
    assert_eq!(e.name(), "pdf");
    assert_eq!(e.extension(), "pdf");
    assert_eq!(e.options(), &PdfOptions::default());
    let exported = e.export(&realistic()).expect("export");
    assert_eq!(exported.files.len(), 1, "one PDF file");
    let f = &exported.files[0];
    assert_eq!(f.part, None);
    assert_eq!(
        (f.extension.as_str(), f.media_type.as_str()),
        ("pdf", "application/pdf")
    );
    assert!(f.binary, "a PDF is never written to a terminal");
}

#[test]
fn the_paper_option_is_the_exporters_own() {
    let plan = realistic();
    let a4 = PdfExporter::new(PdfOptions {
        paper: Some(Paper::A4),
    });
    let letter = PdfExporter::new(PdfOptions {
        paper: Some(Paper::Letter),
    });
    let (a4, letter) = (
        a4.export(&plan).unwrap().files.remove(0).bytes,
        letter.export(&plan).unwrap().files.remove(0).bytes,
    );
    assert_ne!(a4, letter, "the paper is another document");
    let default = export(&plan);
    assert!(
        default == a4 || default == letter,
        "no paper given: the exporter picks one of the two"
    );
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

/// `prepare` only sets things up: a PDF made on threads that prepared is the same file as
/// one made on threads that never did (each `export` here runs on a thread of its own, whose
/// compressor is new unless `prepare` made it).
#[test]
fn prepare_changes_no_byte() {
    let plan = realistic();
    let fresh = std::thread::scope(|s| s.spawn(|| export(&plan)).join().unwrap());
    let prepared = std::thread::scope(|s| {
        s.spawn(|| {
            let e = PdfExporter::default();
            e.prepare();
            e.prepare();
            e.export(&plan).unwrap().files.remove(0).bytes
        })
        .join()
        .unwrap()
    });
    assert!(prepared == fresh, "a prepared thread made another PDF");
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
