//! The built-in exporters, registered in one place.

use carepath_export::Registry;

pub fn register_builtin(r: &mut Registry) {
    r.register(Box::new(carepath_pdf::PdfExporter));
    r.register(Box::new(carepath_csv::CsvExporter));
    r.register(Box::new(carepath_ics::IcsExporter));
}
