//! How long the PDF takes: the CLI's budget for the realistic fixture to pdf, csv, ics and json
//! in one command is 50 ms, so the PDF must stay well inside it.
//! `cargo bench -p carepath-pdf`

#[path = "../tests/support/mod.rs"]
mod support;

use carepath_export::ExportContext;
use carepath_model::ResolvedPlan;

fn main() {
    divan::main();
}

fn ctx(plan: &ResolvedPlan) -> ExportContext {
    ExportContext::new(plan.as_of)
}

/// Parsing the two embedded faces: paid once per process, on the first export.
#[divan::bench]
fn fonts_parse() -> carepath_pdf::font::Fonts {
    carepath_pdf::font::Fonts::load()
}

#[divan::bench]
fn layout_realistic(b: divan::Bencher) {
    let plan = support::realistic();
    let c = ctx(&plan);
    b.bench(|| carepath_pdf::layout(&plan, &c));
}

#[divan::bench]
fn render_realistic(b: divan::Bencher) {
    let plan = support::realistic();
    let c = ctx(&plan);
    b.bench(|| carepath_pdf::render(&plan, &c).bytes.len());
}

#[divan::bench(sample_count = 10)]
fn render_400_milestones(b: divan::Bencher) {
    let plan = support::resolve_toml(&support::big(400), support::AS_OF);
    let c = ctx(&plan);
    b.bench(|| carepath_pdf::render(&plan, &c).bytes.len());
}
