//! The built-in exporters, registered in one place, each with its own options.

use carepath_csv::{CsvExporter, CsvOptions};
use carepath_export::Registry;
use carepath_ics::{IcsExporter, IcsOptions};
use carepath_pdf::{PdfExporter, PdfOptions};

pub fn register_builtin(r: &mut Registry, csv: CsvOptions, ics: IcsOptions, pdf: PdfOptions) {
    r.register(Box::new(PdfExporter::new(pdf)));
    r.register(Box::new(CsvExporter::new(csv)));
    r.register(Box::new(IcsExporter::new(ics)));
}
