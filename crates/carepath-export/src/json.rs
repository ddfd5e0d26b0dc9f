//! `--to json`: the resolved plan document, the same one external exporters receive.

use carepath_model::ResolvedPlan;

use crate::{ExportError, Exported, Exporter, OutputFile};

#[derive(Debug, Default, Clone, Copy)]
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
    fn export(&self, plan: &ResolvedPlan) -> Result<Exported, ExportError> {
        let mut bytes = serde_json::to_vec_pretty(plan)
            .map_err(|e| ExportError::Invalid(format!("cannot encode the plan: {e}")))?;
        bytes.push(b'\n');
        Ok(Exported::file(OutputFile::single(
            "json",
            "application/json",
            false,
            bytes,
        )))
    }
}
