//! The speed of `carepath serve` (docs: the serve spec's "Speed"), in process, without the
//! browser or the socket:
//!
//! - `edit_to_updated_overview`: a saved edit of the realistic RN fixture, from the posted form
//!   to the HTML of the updated overview: the form compared with the plan, the change made on the
//!   text (toml_edit), the new text checked as `carepath check` does, written (to memory), then
//!   read, checked, scheduled and drawn again (the timeline from the PDF's layout). Target: under
//!   100 ms.
//! - `request/*`: the server's own work for one request of each page, the gate included. Target:
//!   under 20 ms each.
//!
//! `cargo bench -p carepath-serve --bench serve` (add `-- --sample-count 10` for a short run).

use std::sync::Mutex;

use carepath_serve::gate::{Gate, Seen, Verdict};
use carepath_serve::{Handler, Method, PlanFile, Request, Site, WriteError};
use divan::Bencher;

fn main() {
    divan::main();
}

const RN: &str = include_str!("../../../fixtures/rn-to-acnp.toml");

struct Memory(Mutex<Vec<u8>>);

impl PlanFile for Memory {
    fn name(&self) -> String {
        "rn-to-acnp.toml".into()
    }
    fn read(&self) -> Result<Vec<u8>, String> {
        Ok(self.0.lock().map_err(|e| e.to_string())?.clone())
    }
    fn replace(&self, expected: &[u8], new: Vec<u8>) -> Result<(), WriteError> {
        let mut held = self
            .0
            .lock()
            .map_err(|e| WriteError::Failed(e.to_string()))?;
        if *held != expected {
            return Err(WriteError::Changed(held.clone()));
        }
        *held = new;
        Ok(())
    }
}

fn site() -> Site {
    let mut exporters = carepath_export::Registry::new();
    exporters.register(Box::new(carepath_export::json::JsonExporter));
    exporters.register(Box::new(carepath_pdf::PdfExporter::default()));
    Site::new(
        Box::new(Memory(Mutex::new(RN.as_bytes().to_vec()))),
        carepath_model::Format::Toml,
        jiff::civil::date(2026, 11, 22),
        carepath_catalog::Catalog::embedded_owned(),
        exporters,
    )
}

fn get(path: &str) -> Request {
    Request {
        method: Method::Get,
        path: path.into(),
        query: Vec::new(),
        form: Vec::new(),
        csrf: "c".into(),
    }
}

/// A saved edit of one milestone's effort, alternating between two values so every run changes
/// the file, then the overview the page shows next.
#[divan::bench(sample_count = 20)]
fn edit_to_updated_overview(bencher: Bencher) {
    let site = site();
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let version = carepath_serve::site::version(&site.file.read().expect("the plan"));
        let form = vec![
            ("version".to_string(), version),
            (
                "milestones[2].effort_hours".to_string(),
                if flip { "16" } else { "15" }.to_string(),
            ),
        ];
        let saved = site.handle(&Request {
            method: Method::Post,
            path: "/edit/milestones/2".into(),
            query: Vec::new(),
            form,
            csrf: "c".into(),
        });
        assert_eq!(saved.status, 303, "the edit is saved");
        let page = site.handle(&get("/"));
        assert_eq!(page.status, 200);
        page
    });
}

/// The gate and the page for one GET of each page.
#[divan::bench(
    sample_count = 20,
    args = ["/", "/edit", "/edit/milestones", "/edit/milestones/2", "/edit/profile", "/log", "/downloads", "/download/pdf"]
)]
fn request(bencher: Bencher, path: &str) {
    let site = site();
    let gate = Gate::with_tokens(4000, None, "t".into(), "c".into());
    bencher.bench_local(|| {
        let verdict = gate.judge(Seen {
            method: "GET",
            url: path,
            host: Some("127.0.0.1:4000"),
            cookie: Some("carepath-4000=t"),
        });
        assert_eq!(verdict, Verdict::Pass);
        let reply = site.handle(&get(path));
        assert_eq!(reply.status, 200, "{path}");
        reply
    });
}
