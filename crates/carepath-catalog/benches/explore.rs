//! What `carepath explore` costs: a route search to every role in the catalog, then the score.
//!
//! `cargo bench -p carepath-catalog --bench explore`. The seeker is the lab technician of
//! `fixtures/lab-to-data-analytics.json` (about 40 reachable roles) and an Ontario RN.

use carepath_catalog::Catalog;
use carepath_catalog::explore::{Options, Seeker, explore};
use divan::Bencher;

fn main() {
    divan::main();
}

fn seeker(role: &str, region: &str, values: &[&str], interests: &[&str]) -> Seeker {
    Seeker {
        role: Some(role.to_string()),
        region: Some(region.to_string()),
        credentials: vec!["associate-degree".into()],
        values: values.iter().map(|v| v.to_string()).collect(),
        interests: interests.iter().map(|v| v.to_string()).collect(),
        skills: vec![("SQL".into(), 4), ("Statistics".into(), 4)],
    }
}

#[divan::bench(sample_count = 20)]
fn explore_lab_technician(bencher: Bencher) {
    let catalog = Catalog::embedded();
    let who = seeker(
        "medical-laboratory-technician",
        "US",
        &["precision"],
        &["data visualization", "laboratory informatics"],
    );
    bencher.bench(|| explore(catalog, &who, &Options::default()).map(|e| e.matched));
}

#[divan::bench(sample_count = 20)]
fn explore_ontario_rn(bencher: Bencher) {
    let catalog = Catalog::embedded();
    let who = seeker(
        "registered-nurse",
        "CA-ON",
        &["teaching", "leadership"],
        &["nursing education"],
    );
    bencher.bench(|| explore(catalog, &who, &Options::default()).map(|e| e.matched));
}
