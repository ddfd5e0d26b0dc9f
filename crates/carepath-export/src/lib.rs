//! One plan, many outputs. An [`Exporter`] turns the [`ResolvedPlan`] into bytes; it is pure: no
//! files, no clock, no re-scheduling. Everything that may vary between runs (the as-of date, the
//! generator string, options) arrives in the [`ExportContext`].

use std::fmt;
use std::io::Write;

use carepath_model::ResolvedPlan;
use jiff::civil::Date;
use serde::Serialize;

pub mod json;
pub mod plugin;

/// The version of the external-exporter protocol (docs/plugins.md). Additive changes keep it.
pub const PROTOCOL_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

/// Options from the command line. Each exporter reads the ones that concern it; all of them are
/// passed to external exporters too.
#[derive(Debug, Clone, Serialize)]
pub struct ExportOptions {
    /// Reminder offsets in days before an event (iCalendar). Default 14 and 1.
    pub remind: Vec<u32>,
    /// Also write milestones as VTODO tasks (iCalendar).
    pub todo: bool,
    /// Write a UTF-8 byte-order mark (CSV).
    pub bom: bool,
    /// Field delimiter (CSV), `,` by default.
    pub delimiter: char,
    /// One CSV table instead of all of them.
    pub table: Option<String>,
    /// Page size (PDF); None means Letter for region US and A4 elsewhere.
    pub paper: Option<Paper>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            remind: vec![14, 1],
            todo: false,
            bom: false,
            delimiter: ',',
            table: None,
            paper: None,
        }
    }
}

/// Every source of variation an exporter may use.
#[derive(Debug, Clone, Serialize)]
pub struct ExportContext {
    pub as_of: Date,
    /// "carepath 0.1.0": the PRODID of calendars, the Creator of PDFs.
    pub generator: String,
    pub options: ExportOptions,
}

impl ExportContext {
    pub fn new(as_of: Date) -> Self {
        ExportContext {
            as_of,
            generator: format!("carepath {}", env!("CARGO_PKG_VERSION")),
            options: ExportOptions::default(),
        }
    }
}

#[derive(Debug)]
pub enum ExportError {
    Io(std::io::Error),
    /// An option or input the exporter cannot use, in words for the user.
    Invalid(String),
    /// An external exporter failed: its name, what happened, and its stderr.
    Plugin {
        name: String,
        message: String,
        stderr: String,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Io(e) => write!(f, "could not write the output: {e}"),
            ExportError::Invalid(m) => f.write_str(m),
            ExportError::Plugin {
                name,
                message,
                stderr,
            } => {
                write!(
                    f,
                    "the external exporter `carepath-export-{name}` {message}"
                )?;
                if !stderr.trim().is_empty() {
                    write!(f, "\nits error output was:\n{}", stderr.trim_end())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ExportError {}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

/// An output format.
pub trait Exporter: Send + Sync {
    /// The name used with `--to` (`csv`, `ics`, `pdf`, `json`).
    fn name(&self) -> &str;
    /// One line for `carepath exporters`.
    fn description(&self) -> &str;
    /// File extension without the dot.
    fn extension(&self) -> &str;
    fn media_type(&self) -> &str;
    /// Binary output is never written to a terminal.
    fn is_binary(&self) -> bool {
        false
    }
    /// The named parts this exporter writes for these options: one unnamed part (`None`) for
    /// single-file formats; CSV has one per table (written as `NAME.csv` into a directory).
    fn parts(&self, _ctx: &ExportContext) -> Vec<Option<String>> {
        vec![None]
    }
    /// Writes one part of the output.
    fn write(
        &self,
        plan: &ResolvedPlan,
        ctx: &ExportContext,
        part: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError>;

    /// Writes one part and returns what the user should be told about it (text the format
    /// could not show, for example). Exporters with nothing to say keep this default.
    fn write_reporting(
        &self,
        plan: &ResolvedPlan,
        ctx: &ExportContext,
        part: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<Vec<String>, ExportError> {
        self.write(plan, ctx, part, out).map(|()| Vec::new())
    }
}

/// The exporters the CLI knows, in one place.
#[derive(Default)]
pub struct Registry {
    exporters: Vec<Box<dyn Exporter>>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.exporters.iter().map(|e| e.name()))
            .finish()
    }
}

impl Registry {
    pub fn new() -> Self {
        Registry::default()
    }

    pub fn register(&mut self, e: Box<dyn Exporter>) {
        self.exporters.retain(|x| x.name() != e.name());
        self.exporters.push(e);
    }

    pub fn get(&self, name: &str) -> Option<&dyn Exporter> {
        self.exporters
            .iter()
            .find(|e| e.name() == name)
            .map(|e| e.as_ref())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Exporter> {
        self.exporters.iter().map(|e| e.as_ref())
    }

    pub fn names(&self) -> Vec<&str> {
        self.exporters.iter().map(|e| e.name()).collect()
    }
}
