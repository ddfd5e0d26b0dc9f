//! `--to json`: the resolved plan document, the same one external exporters receive.

use std::io::Write;

use carepath_model::ResolvedPlan;

use crate::{ExportContext, ExportError, Exporter};

#[derive(Debug, Default)]
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &str {
        "json"
    }
    fn description(&self) -> &str {
        "the resolved plan (schedules, SMART, progress, gap) as JSON for other programs"
    }
    fn extension(&self) -> &str {
        "json"
    }
    fn media_type(&self) -> &str {
        "application/json"
    }
    fn write(
        &self,
        plan: &ResolvedPlan,
        _ctx: &ExportContext,
        _part: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        serde_json::to_writer_pretty(&mut *out, plan).map_err(|e| ExportError::Io(e.into()))?;
        out.write_all(b"\n")?;
        Ok(())
    }
}
