//! One plan, many outputs. An [`Exporter`] turns the [`ResolvedPlan`] into the files it makes
//! ([`Exported`]); it is pure: no files, no clock, no re-scheduling. The as-of date is the plan's
//! own ([`ResolvedPlan::as_of`]); an exporter's options are its own type, given to its
//! constructor (`CsvExporter::new(CsvOptions)`); the generator string is [`GENERATOR`].
//!
//! External exporters (`carepath-export-NAME` on PATH) are exporters too
//! ([`plugin::PluginExporter`]), and one [`Registry`] finds both kinds by name.

use std::ffi::OsStr;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use carepath_model::ResolvedPlan;
use serde::Serialize;

pub mod json;
pub mod plugin;

use plugin::{Limits, Plugin, PluginExporter};

/// The version of the external-exporter protocol (docs/plugins.md). Additive changes keep it.
pub const PROTOCOL_VERSION: u32 = 1;

/// Who made a file: the calendar's `PRODID`, the PDF's Creator and Producer, and the
/// `generator` field of the document a plugin receives. Every crate of the workspace shares one
/// version, so this crate's is carepath's.
pub const GENERATOR: &str = concat!("carepath ", env!("CARGO_PKG_VERSION"));

/// A page size (the PDF's `--paper`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

/// One file an export makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Which part of a multi-file export this is (`"milestones"` for a CSV table), or `None`
    /// for the one file of a single-file format.
    pub part: Option<String>,
    /// File extension without the dot (`csv`; a plugin's name for a plugin's output).
    pub extension: String,
    pub media_type: String,
    /// Binary output is never written to a terminal.
    pub binary: bool,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// The one file of a single-file format.
    pub fn single(extension: &str, media_type: &str, binary: bool, bytes: Vec<u8>) -> Self {
        OutputFile {
            part: None,
            extension: extension.to_string(),
            media_type: media_type.to_string(),
            binary,
            bytes,
        }
    }
}

/// What an export made: its files, in a stable order, and what the user should be told about
/// them (text the format could not show, for example).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<String>,
}

impl Exported {
    /// One file, nothing to say.
    pub fn file(file: OutputFile) -> Self {
        Exported {
            files: vec![file],
            warnings: Vec::new(),
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

/// An output format: built in, or an external program ([`plugin::PluginExporter`]).
pub trait Exporter: Send + Sync {
    /// The name used with `--to` (`csv`, `ics`, `pdf`, `json`, a plugin's name).
    fn name(&self) -> &str;
    /// One line for `carepath exporters`.
    fn description(&self) -> &str;
    /// File extension without the dot.
    fn extension(&self) -> &str;
    /// The resolved plan as this format's files. The as-of date is `plan.as_of`.
    fn export(&self, plan: &ResolvedPlan) -> Result<Exported, ExportError>;
    /// Work that needs no plan, done ahead on a thread that may run this exporter: the CLI calls
    /// it on each of its worker threads while the plan is still being read, so `export` starts
    /// with it done. It changes no output; the default does nothing. (The PDF loads its fonts
    /// and sets up the thread's compressor.)
    fn prepare(&self) {}
}

/// What a plugin found by [`Registry::find`] is given.
#[derive(Debug, Clone, Default)]
pub struct PluginSettings {
    pub limits: Limits,
    /// The `options` object of the document the plugin receives (docs/plugins.md).
    pub options: serde_json::Value,
}

/// A name given to `--to` that is neither built in nor a plugin on PATH. Its `Display` is the
/// message for the user: "did you mean", the known names, and the hint for a program that sits in
/// the current directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownExporter {
    pub name: String,
    /// The nearest known name, built in or plugin.
    pub suggestion: Option<String>,
    /// Every known name: the built-ins in registration order, then the plugins by name.
    pub known: Vec<String>,
    /// An executable `carepath-export-NAME` in the current directory, which is never run.
    pub in_current_dir: Option<PathBuf>,
}

impl fmt::Display for UnknownExporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.name;
        write!(f, "there is no exporter `{name}`: ")?;
        if let Some(s) = &self.suggestion {
            write!(f, "did you mean `{s}`? ")?;
        }
        write!(
            f,
            "The exporters are {}; an external one is a program named `carepath-export-{name}` \
             on PATH (is it installed?)",
            self.known.join(", ")
        )?;
        if let Some(here) = &self.in_current_dir {
            // A terminal shows it: control characters in the path are made visible.
            write!(
                f,
                "\n  hint: {} sits in the current directory, but carepath runs external exporters \
                 only from PATH entries that are absolute; add its folder to PATH by its full path",
                carepath_model::text::visible(&here.display().to_string())
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownExporter {}

/// A plugin that [`Registry::list`] found on PATH.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPlugin {
    pub plugin: Plugin,
    /// A built-in exporter has the same name, so `--to NAME` never runs this program.
    pub shadowed: bool,
}

/// What `carepath exporters` shows.
pub struct Listing<'a> {
    /// In registration order.
    pub builtin: Vec<&'a dyn Exporter>,
    /// By name; the first on PATH for each name.
    pub plugins: Vec<ListedPlugin>,
}

/// The exporters carepath knows: the built-in ones registered here, and the plugins on PATH,
/// looked up by [`Registry::find`]. A built-in wins over a plugin of the same name.
#[derive(Default)]
pub struct Registry {
    exporters: Vec<Arc<dyn Exporter>>,
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

    /// Adds a built-in exporter; one of the same name registered before is replaced.
    pub fn register(&mut self, e: Box<dyn Exporter>) {
        self.exporters.retain(|x| x.name() != e.name());
        self.exporters.push(Arc::from(e));
    }

    /// The built-in exporter of this name.
    pub fn get(&self, name: &str) -> Option<&dyn Exporter> {
        self.exporters
            .iter()
            .find(|e| e.name() == name)
            .map(|e| e.as_ref())
    }

    /// The built-in exporters, in registration order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Exporter> {
        self.exporters.iter().map(|e| e.as_ref())
    }

    pub fn names(&self) -> Vec<&str> {
        self.exporters.iter().map(|e| e.name()).collect()
    }

    /// The exporter `--to name` means: the built-in one of that name, else the plugin
    /// `carepath-export-NAME` in an absolute directory of `path_var` (see [`plugin::find`]), set
    /// up with `settings`. Otherwise "did you mean" over the names of both kinds.
    pub fn find(
        &self,
        name: &str,
        path_var: Option<&OsStr>,
        settings: &PluginSettings,
    ) -> Result<Arc<dyn Exporter>, UnknownExporter> {
        if let Some(e) = self.exporters.iter().find(|e| e.name() == name) {
            return Ok(Arc::clone(e));
        }
        if let Some(p) = plugin::find(name, path_var) {
            return Ok(Arc::new(PluginExporter::new(
                p,
                settings.limits,
                settings.options.clone(),
            )));
        }
        let mut known: Vec<String> = self.names().into_iter().map(str::to_string).collect();
        known.extend(plugin::discover(path_var).into_iter().map(|p| p.name));
        let suggestion =
            carepath_model::suggest::did_you_mean(name, known.iter().map(String::as_str))
                .map(str::to_string);
        Err(UnknownExporter {
            name: name.to_string(),
            suggestion,
            known,
            in_current_dir: plugin::in_current_dir(name),
        })
    }

    /// The built-in exporters, then every plugin in the absolute directories of `path_var`,
    /// marking those a built-in shadows.
    pub fn list(&self, path_var: Option<&OsStr>) -> Listing<'_> {
        let plugins = plugin::discover(path_var)
            .into_iter()
            .map(|plugin| ListedPlugin {
                shadowed: self.get(&plugin.name).is_some(),
                plugin,
            })
            .collect();
        Listing {
            builtin: self.iter().collect(),
            plugins,
        }
    }
}
