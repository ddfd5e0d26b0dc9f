//! Reads `data/catalog.toml` at build time: parses it into the catalog model, checks its
//! integrity, and writes it as static data for `src/embedded.rs`. A catalog that does not
//! parse, or has an integrity problem, fails the build with the place of each problem.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

// The model and the integrity check are plain Rust over serde and toml: the build script
// compiles the crate's own files, so the check is the one the tests and the CLI run.
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/integrity.rs"]
mod integrity;

const DATA: &str = "data/catalog.toml";

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed={DATA}");
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=src/integrity.rs");
    println!("cargo::rerun-if-changed=build.rs");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprintln!("error: the embedded catalog ({DATA}) is not valid:");
            for problem in problems {
                eprintln!("  {problem}");
            }
            eprintln!("Fix the data (see crates/carepath-catalog/README.md) and build again.");
            // Printed by cargo under `--- stderr` of the failed build script.
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Vec<String>> {
    let text = std::fs::read_to_string(DATA).map_err(|e| vec![format!("{DATA}: {e}")])?;
    let at = |span: Option<std::ops::Range<usize>>| -> String {
        let Some(span) = span else {
            return DATA.to_owned();
        };
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        format!("{DATA}:{line}:{column}")
    };

    let catalog: model::Catalog = toml::from_str(&text)
        .map_err(|e| vec![format!("{}: {}", at(e.span()), e.message().trim_end())])?;
    let mut problems = integrity::check_integrity(&catalog);
    problems.extend(integrity::untagged_roles(&catalog));
    integrity::locate_problems(&mut problems, &text);
    if !problems.is_empty() {
        return Err(problems
            .iter()
            .map(|p| format!("{}: {}", at(p.span.clone()), p.message))
            .collect());
    }

    let table: toml::Table = toml::from_str(&text).map_err(|e| vec![e.to_string()])?;
    let mut flat = Flat::default();
    let root = flat
        .table(&table)
        .map_err(|e| vec![format!("{DATA}: {e}")])?;
    let mut out = String::from(
        "// Written by build.rs from data/catalog.toml: the catalog as static data.\n",
    );
    let _ = writeln!(out, "static TEXT: &str = {:?};", flat.text);
    let _ = writeln!(
        out,
        "static NODES: [Node; {}] = [{}];",
        flat.nodes.len(),
        flat.nodes.join(", ")
    );
    let _ = writeln!(
        out,
        "static ENTRIES: [(u32, u32, Node); {}] = [{}];",
        flat.entries.len(),
        flat.entries.join(", ")
    );
    let _ = writeln!(out, "static ROOT: Node = {root};");
    let dir = std::env::var_os("OUT_DIR").ok_or_else(|| vec!["OUT_DIR is not set".to_owned()])?;
    std::fs::write(Path::new(&dir).join("embedded_catalog.rs"), out)
        .map_err(|e| vec![format!("writing the embedded catalog: {e}")])
}

/// The TOML tree flattened into three tables without pointers (see `src/embedded.rs`): all
/// strings in one text, the items of every array side by side in `nodes`, the entries of
/// every table side by side in `entries`. Each value is written as Rust source.
#[derive(Default)]
struct Flat {
    text: String,
    nodes: Vec<String>,
    entries: Vec<String>,
}

impl Flat {
    /// A string's place in `text`, as `start, len`.
    fn text(&mut self, s: &str) -> Result<String, String> {
        let start =
            u32::try_from(self.text.len()).map_err(|_| "the catalog is too large".to_owned())?;
        self.text.push_str(s);
        Ok(format!("{start}, {}", s.len()))
    }

    fn table(&mut self, table: &toml::Table) -> Result<String, String> {
        // Children first, so that this table's entries end up contiguous.
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table {
            let value = self.value(value)?;
            entries.push((key, value));
        }
        let start = self.entries.len();
        for (key, value) in entries {
            let key = self.text(key)?;
            self.entries.push(format!("({key}, {value})"));
        }
        Ok(format!("Node::Table({start}, {})", table.len()))
    }

    fn value(&mut self, value: &toml::Value) -> Result<String, String> {
        Ok(match value {
            toml::Value::String(text) => format!("Node::Str({})", self.text(text)?),
            toml::Value::Integer(n) => format!("Node::Int({n})"),
            toml::Value::Float(x) if x.is_nan() => "Node::Float(f64::NAN)".to_owned(),
            toml::Value::Float(x) if x.is_infinite() => {
                let sign = if *x < 0.0 { "NEG_" } else { "" };
                format!("Node::Float(f64::{sign}INFINITY)")
            }
            // Debug prints the shortest text that reads back as the same f64.
            toml::Value::Float(x) => format!("Node::Float({x:?})"),
            toml::Value::Boolean(b) => format!("Node::Bool({b})"),
            toml::Value::Datetime(d) => {
                return Err(format!("dates ({d}) are not part of the catalog format"));
            }
            toml::Value::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| self.value(item))
                    .collect::<Result<Vec<_>, _>>()?;
                let start = self.nodes.len();
                let len = items.len();
                self.nodes.extend(items);
                format!("Node::Array({start}, {len})")
            }
            toml::Value::Table(table) => self.table(table)?,
        })
    }
}
