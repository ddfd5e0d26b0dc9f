//! Writes every document the tests make into a directory, to look at them as a person would:
//! `cargo run -p carepath-pdf --example write-test-pdfs -- /tmp/pdfs`, then
//! `pdftoppm -png -r 60 /tmp/pdfs/realistic.pdf /tmp/pdfs/realistic`.

#[path = "../tests/support/mod.rs"]
mod support;

use carepath_export::{Exporter, Paper};
use carepath_pdf::{PdfExporter, PdfOptions};
use support::*;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "pdfs".into());
    std::fs::create_dir_all(&dir).expect("output directory");
    let mut plans = fixtures();
    plans.push(("realistic".into(), realistic()));
    plans.push(("nasty".into(), resolve_toml(NASTY, AS_OF)));
    plans.push(("big40".into(), resolve_toml(&big(40), AS_OF)));
    plans.push(("big400".into(), resolve_toml(&big(400), AS_OF)));
    plans.push(("huge".into(), resolve_toml(&huge(), AS_OF)));
    plans.push(("credentials".into(), credentials_plan()));
    plans.push(("credentials30".into(), many_credentials(30)));
    for (name, plan) in plans {
        let stem = name.split('.').next().unwrap_or(&name).to_string();
        for paper in [None, Some(Paper::A4)] {
            let bytes = PdfExporter::new(PdfOptions { paper })
                .export(&plan)
                .expect("export")
                .files
                .remove(0)
                .bytes;
            let suffix = if paper.is_some() { "-a4" } else { "" };
            let path = format!("{dir}/{stem}{suffix}.pdf");
            println!("{path}: {} bytes", bytes.len());
            std::fs::write(path, bytes).expect("write");
        }
    }
}
