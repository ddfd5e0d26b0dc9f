//! How long the PDF takes: the CLI's budget for the realistic fixture to pdf, csv, ics and json
//! in one command is 50 ms, so the PDF must stay well inside it.
//! `cargo bench -p carepath-pdf`

#[path = "../tests/support/mod.rs"]
mod support;

use carepath_pdf::PdfOptions;

fn main() {
    divan::main();
}

/// Reading the two embedded faces for measuring (their character maps and advance widths, in
/// place): paid once per process, by the first layout.
#[divan::bench]
fn fonts_load() -> carepath_pdf::font::Fonts {
    carepath_pdf::font::Fonts::load()
}

#[divan::bench]
fn layout_realistic(b: divan::Bencher) {
    let plan = support::realistic();
    b.bench(|| carepath_pdf::layout(&plan, &PdfOptions::default()));
}

#[divan::bench]
fn render_realistic(b: divan::Bencher) {
    let plan = support::realistic();
    b.bench(|| {
        carepath_pdf::render(&plan, &PdfOptions::default())
            .bytes
            .len()
    });
}

#[divan::bench(sample_count = 10)]
fn render_400_milestones(b: divan::Bencher) {
    let plan = support::resolve_toml(&support::big(400), support::AS_OF);
    b.bench(|| {
        carepath_pdf::render(&plan, &PdfOptions::default())
            .bytes
            .len()
    });
}
