//! The carepath PDF exporter: the career plan as a document to print and bring to a mentor or a
//! manager.
//!
//! Two steps, kept apart so the first can be tested without reading PDF:
//! - [`layout()`]: the resolved plan becomes pages of positioned text runs, lines and boxes (pure
//!   data, serialisable, snapshot-tested), measured with the embedded font's real advance widths;
//! - [`encode`](mod@encode): pdf-writer writes those pages, embedding a subset of DejaVu Sans, with
//!   bytes that depend only on the plan (with its as-of date), the options and [`GENERATOR`].

use carepath_export::{ExportError, Exported, Exporter, GENERATOR, OutputFile};
use carepath_model::ResolvedPlan;
use serde::Serialize;

pub mod cohort;
pub mod encode;
pub mod font;
pub mod layout;
pub mod svg;

pub use carepath_export::Paper;
pub use layout::{Document, Item, Layout, Page, layout};

/// The PDF exporter's options: `--paper`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PdfOptions {
    /// Page size; `None` means Letter for region US and A4 elsewhere.
    pub paper: Option<Paper>,
}

/// The PDF exporter (`--to pdf`).
#[derive(Debug, Default, Clone, Copy)]
pub struct PdfExporter {
    options: PdfOptions,
}

impl PdfExporter {
    pub fn new(options: PdfOptions) -> Self {
        PdfExporter { options }
    }

    pub fn options(&self) -> &PdfOptions {
        &self.options
    }
}

/// A rendered document and everything the user should hear about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Characters the font lacks (printed as a replacement mark), and any problem encoding the font.
    pub warnings: Vec<String>,
    pub pages: usize,
}

/// Lays out and encodes the plan, as of `plan.as_of`.
pub fn render(plan: &ResolvedPlan, options: &PdfOptions) -> Rendered {
    let Layout {
        document,
        mut warnings,
    } = layout(plan, options);
    let person = plan.plan.person.name.trim();
    let meta = encode::Meta {
        title: format!("{} · {}", plan.plan.title.trim(), person),
        author: person.to_string(),
        subject: format!("Career plan as of {}", plan.as_of),
        generator: GENERATOR.to_string(),
        plan_id: plan.plan_id.clone(),
        as_of: plan.as_of,
    };
    let (bytes, more) = encode::encode(&document, &meta);
    warnings.extend(more);
    Rendered {
        bytes,
        warnings,
        pages: document.pages.len(),
    }
}

impl Exporter for PdfExporter {
    fn name(&self) -> &str {
        "pdf"
    }

    fn description(&self) -> &str {
        "the career plan as a printable document: summary, timeline, goals, milestones, profile, credentials"
    }

    fn extension(&self) -> &str {
        "pdf"
    }

    /// The fonts loaded and this thread's compressor set up (about 300 KB of new memory).
    fn prepare(&self) {
        font::fonts();
        encode::prepare_thread();
    }

    /// One binary file, and a warning for each character the font cannot draw.
    fn export(&self, plan: &ResolvedPlan) -> Result<Exported, ExportError> {
        let r = render(plan, &self.options);
        if r.bytes.is_empty() {
            return Err(ExportError::Invalid(format!(
                "the PDF could not be written: {}",
                r.warnings.join("; ")
            )));
        }
        Ok(Exported {
            files: vec![OutputFile::single("pdf", "application/pdf", true, r.bytes)],
            warnings: r.warnings,
        })
    }
}
