//! Start-up cost of the catalog: what every carepath command pays before it does anything.
//!
//! `cargo bench -p carepath-catalog --bench catalog`. `Catalog::embedded()` is cached in a
//! `OnceLock`, so the benchmarks time the work behind it: building the embedded catalog from
//! the static data build.rs wrote (`embedded_owned`, the same work), cloning it (what the CLI
//! did before merging a `--catalog`), and the TOML parse of the same text (what the embedded
//! catalog cost before build.rs, and what a user catalog of that size costs).

use carepath_catalog::{Catalog, EMBEDDED_TOML};
use divan::Bencher;

fn main() {
    divan::main();
}

/// Building the embedded catalog from its static data: the work of `Catalog::embedded()`.
#[divan::bench(sample_count = 100)]
fn build_embedded(bencher: Bencher) {
    bencher.bench(|| Catalog::embedded_owned().roles.len());
}

/// Parsing the embedded catalog's TOML text, as a user catalog of that size is parsed.
#[divan::bench(sample_count = 50)]
fn parse_embedded_toml(bencher: Bencher) {
    bencher
        .bench(|| Catalog::from_toml_str(divan::black_box(EMBEDDED_TOML)).map(|c| c.roles.len()));
}

/// A deep copy of the embedded catalog.
#[divan::bench(sample_count = 100)]
fn clone_embedded(bencher: Bencher) {
    let catalog = Catalog::embedded();
    bencher.bench(|| divan::black_box(catalog).clone());
}
