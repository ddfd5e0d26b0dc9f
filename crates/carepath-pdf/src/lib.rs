//! The carepath PDF exporter: the career plan as a document to print and bring to a mentor or a
//! manager.
//!
//! Two steps, kept apart so the first can be tested without reading PDF:
//! - [`layout()`]: the resolved plan becomes pages of positioned text runs, lines and boxes (pure
//!   data, serialisable, snapshot-tested), measured with the embedded font's real advance widths;
//! - [`encode`](mod@encode): printpdf draws those pages, embedding a subset of DejaVu Sans, with
//!   bytes that depend only on the plan, the as-of date and the generator string.

use std::io::Write;

use carepath_export::{ExportContext, ExportError, Exporter};
use carepath_model::ResolvedPlan;

pub mod encode;
pub mod font;
pub mod layout;

pub use layout::{Document, Item, Layout, Page, layout};

/// The PDF exporter (`--to pdf`).
#[derive(Debug, Default, Clone, Copy)]
pub struct PdfExporter;

/// A rendered document and everything the user should hear about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Characters the font lacks (printed as a replacement mark), and printpdf's own warnings.
    pub warnings: Vec<String>,
    pub pages: usize,
}

/// Lays out and encodes the plan. The CLI may call this instead of [`Exporter::write`] to
/// show the warnings.
pub fn render(plan: &ResolvedPlan, ctx: &ExportContext) -> Rendered {
    let Layout {
        document,
        mut warnings,
    } = layout(plan, ctx);
    let person = plan.plan.person.name.trim();
    let meta = encode::Meta {
        title: format!("{} · {}", plan.plan.title.trim(), person),
        author: person.to_string(),
        subject: format!("Career plan as of {}", ctx.as_of),
        generator: ctx.generator.clone(),
        plan_id: plan.plan_id.clone(),
        as_of: ctx.as_of,
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
        "the career plan as a printable document: summary, timeline, goals, milestones, profile"
    }

    fn extension(&self) -> &str {
        "pdf"
    }

    fn media_type(&self) -> &str {
        "application/pdf"
    }

    fn is_binary(&self) -> bool {
        true
    }

    fn write(
        &self,
        plan: &ResolvedPlan,
        ctx: &ExportContext,
        part: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        self.write_reporting(plan, ctx, part, out).map(|_| ())
    }

    fn write_reporting(
        &self,
        plan: &ResolvedPlan,
        ctx: &ExportContext,
        part: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<Vec<String>, ExportError> {
        if let Some(p) = part {
            return Err(ExportError::Invalid(format!(
                "the PDF exporter writes one file; there is no part `{p}`"
            )));
        }
        let r = render(plan, ctx);
        if r.bytes.is_empty() {
            return Err(ExportError::Invalid(format!(
                "the PDF could not be written: {}",
                r.warnings.join("; ")
            )));
        }
        out.write_all(&r.bytes)?;
        Ok(r.warnings)
    }
}
