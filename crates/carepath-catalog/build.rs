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
    let mut out = String::from(
        "// Written by build.rs from data/catalog.toml: the catalog as static data.\n\
         static CATALOG: Node = ",
    );
    write_table(&mut out, &table).map_err(|e| vec![format!("{DATA}: {e}")])?;
    out.push_str(";\n");
    let dir = std::env::var_os("OUT_DIR").ok_or_else(|| vec!["OUT_DIR is not set".to_owned()])?;
    std::fs::write(Path::new(&dir).join("embedded_catalog.rs"), out)
        .map_err(|e| vec![format!("writing the embedded catalog: {e}")])
}

fn write_table(out: &mut String, table: &toml::Table) -> Result<(), String> {
    out.push_str("Node::Table(&[");
    for (key, value) in table {
        let _ = write!(out, "({key:?}, ");
        write_value(out, value)?;
        out.push_str("), ");
    }
    out.push_str("])");
    Ok(())
}

fn write_value(out: &mut String, value: &toml::Value) -> Result<(), String> {
    match value {
        toml::Value::String(text) => {
            let _ = write!(out, "Node::Str({text:?})");
        }
        toml::Value::Integer(n) => {
            let _ = write!(out, "Node::Int({n})");
        }
        toml::Value::Float(x) if x.is_nan() => out.push_str("Node::Float(f64::NAN)"),
        toml::Value::Float(x) if x.is_infinite() => {
            let sign = if *x < 0.0 { "NEG_" } else { "" };
            let _ = write!(out, "Node::Float(f64::{sign}INFINITY)");
        }
        toml::Value::Float(x) => {
            // Debug prints the shortest text that reads back as the same f64.
            let _ = write!(out, "Node::Float({x:?})");
        }
        toml::Value::Boolean(b) => {
            let _ = write!(out, "Node::Bool({b})");
        }
        toml::Value::Datetime(d) => {
            return Err(format!("dates ({d}) are not part of the catalog format"));
        }
        toml::Value::Array(items) => {
            out.push_str("Node::Array(&[");
            for item in items {
                write_value(out, item)?;
                out.push_str(", ");
            }
            out.push_str("])");
        }
        toml::Value::Table(table) => write_table(out, table)?,
    }
    Ok(())
}
