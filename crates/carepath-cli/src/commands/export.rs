//! `carepath export` and `carepath exporters`: one registry, one path for every exporter.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use carepath_export::{ExportContext, ExportOptions, Exporter, Paper, Registry};

use crate::args::{FormatOptions, PaperArg, PluginOptions};
use crate::files::{self, BROKEN_PIPE};
use crate::session::{Env, Failure, Outcome, emit, load_resolved, terminal_safe};

pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(Box::new(carepath_export::json::JsonExporter));
    crate::exporters::register_builtin(&mut r);
    r
}

pub fn exporters(out: &mut dyn Write) -> Outcome {
    let reg = registry();
    let mut text = String::from("Built-in exporters:\n");
    for e in reg.iter() {
        text.push_str(&format!(
            "  {:<8} .{:<5} {}\n",
            e.name(),
            e.extension(),
            e.description()
        ));
    }
    let plugins = carepath_export::plugin::discover(std::env::var_os("PATH").as_deref());
    text.push_str("\nExternal exporters (carepath-export-NAME on PATH):\n");
    if plugins.is_empty() {
        text.push_str("  none found\n");
    }
    for p in plugins {
        let shadowed = if reg.get(&p.name).is_some() {
            " (shadowed by the built-in one)"
        } else {
            ""
        };
        text.push_str(&format!("  {:<8} {}{shadowed}\n", p.name, p.path.display()));
    }
    emit(out, &text)
}

enum Chosen<'a> {
    Builtin(&'a dyn Exporter),
    External(carepath_export::plugin::Plugin),
}

/// One output file to write.
struct Output {
    path: Option<PathBuf>,
    bytes: Vec<u8>,
    binary: bool,
}

pub fn export(
    env: &Env,
    path: &Path,
    to: &[String],
    output: Option<&str>,
    formats: &FormatOptions,
    plugins: &PluginOptions,
    out: &mut dyn Write,
) -> Outcome {
    let options = export_options(formats);
    let limits = &carepath_export::plugin::Limits {
        timeout: std::time::Duration::from_secs(plugins.plugin_timeout),
        max_output_bytes: plugins.plugin_max_bytes,
    };
    let reg = registry();
    let path_var = std::env::var_os("PATH");
    let mut chosen = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for name in to.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        // `--to json,json` asks for one JSON file.
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(e) = reg.get(name) {
            chosen.push((name.to_string(), Chosen::Builtin(e)));
        } else if let Some(p) = carepath_export::plugin::find(name, path_var.as_deref()) {
            chosen.push((name.to_string(), Chosen::External(p)));
        } else {
            let mut known: Vec<String> = reg.names().iter().map(|s| s.to_string()).collect();
            known.extend(
                carepath_export::plugin::discover(path_var.as_deref())
                    .into_iter()
                    .map(|p| p.name),
            );
            let hint =
                match carepath_model::suggest::did_you_mean(name, known.iter().map(String::as_str))
                {
                    Some(s) => format!("did you mean `{s}`? "),
                    None => String::new(),
                };
            let mut message = format!(
                "there is no exporter `{name}`: {hint}The exporters are {}; an external one is a program named `carepath-export-{name}` on PATH (is it installed?)",
                known.join(", ")
            );
            if let Some(here) = carepath_export::plugin::in_current_dir(name) {
                message.push_str(&format!(
                    "\n  hint: {} sits in the current directory, but carepath runs external exporters only from PATH entries that are absolute; add its folder to PATH by its full path",
                    files::shown(&here)
                ));
            }
            return Err(Failure::usage(message));
        }
    }
    if chosen.is_empty() {
        return Err(Failure::usage(
            "--to needs at least one format, such as --to pdf,csv,ics,json",
        ));
    }
    let (_, resolved) = load_resolved(env, path)?;
    let ctx = ExportContext {
        options,
        ..ExportContext::new(env.as_of)
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());

    enum Target {
        Stdout,
        File(PathBuf),
        Dir(PathBuf),
    }
    let target = match output {
        Some("") => {
            return Err(Failure::usage(
                "-o needs a place: a directory (out/), a file (plan.pdf), or - for stdout",
            ));
        }
        Some("-") => Target::Stdout,
        Some(o)
            if o.ends_with('/')
                || o.ends_with(std::path::MAIN_SEPARATOR)
                || Path::new(o).is_dir() =>
        {
            Target::Dir(PathBuf::from(o))
        }
        Some(o) => Target::File(PathBuf::from(o)),
        None => Target::Dir(PathBuf::from(".")),
    };

    // Every output is made in memory first: one failing exporter leaves nothing written.
    let mut outputs: Vec<Output> = Vec::new();
    // Nothing is written if the plan itself was named as the output.
    if let Target::File(f) = &target
        && files::file_id(f).is_some()
        && files::file_id(f) == files::file_id(path)
    {
        return Err(Failure::usage(format!(
            "{} is the plan itself; carepath never writes over the plan\n  hint: choose another output, such as -o out/",
            files::shown(f)
        )));
    }
    for (name, c) in &chosen {
        match c {
            Chosen::Builtin(e) => {
                let parts = e.parts(&ctx);
                for part in &parts {
                    let mut bytes = Vec::new();
                    let warnings = e
                        .write_reporting(&resolved, &ctx, part.as_deref(), &mut bytes)
                        .map_err(|err| Failure::usage(format!("{name}: {err}")))?;
                    for w in warnings {
                        eprintln!("warning: {name}: {}", terminal_safe(&w, false));
                    }
                    let file = match part {
                        Some(p) if parts.len() > 1 || ctx.options.table.is_none() => {
                            format!("{p}.{}", e.extension())
                        }
                        Some(p) => format!("{stem}-{p}.{}", e.extension()),
                        None => format!("{stem}.{}", e.extension()),
                    };
                    outputs.push(Output {
                        path: Some(PathBuf::from(file)),
                        bytes,
                        binary: e.is_binary(),
                    });
                }
            }
            Chosen::External(p) => {
                let bytes = carepath_export::plugin::run(p, &resolved, &ctx, limits)
                    .map_err(|err| Failure::usage(err.to_string()))?;
                let binary = std::str::from_utf8(&bytes).is_err();
                outputs.push(Output {
                    path: Some(PathBuf::from(format!("{stem}.{name}"))),
                    bytes,
                    binary,
                });
            }
        }
    }

    match target {
        Target::Stdout | Target::File(_) if outputs.len() > 1 => Err(Failure::usage(format!(
            "these formats make {} files; write them into a directory with -o DIR/{}",
            outputs.len(),
            if chosen.len() == 1 {
                " (or pick one CSV table with --table NAME)"
            } else {
                ""
            }
        ))),
        Target::Stdout => {
            let o = &outputs[0];
            if o.binary && std::io::stdout().is_terminal() {
                return Err(Failure::usage(
                    "this output is binary and stdout is a terminal; redirect it to a file or use -o FILE",
                ));
            }
            // An export is the exact bytes, wherever it goes.
            out.write_all(&o.bytes).map_err(|e| {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    Failure::usage(BROKEN_PIPE)
                } else {
                    Failure::usage(format!("could not write the output: {e}"))
                }
            })
        }
        Target::File(f) => {
            let mut batch = files::Batch::new();
            batch.protect(path);
            let o = outputs.pop().expect("one output");
            batch.add(&f, o.bytes)?;
            let written = batch.commit()?;
            emit(out, &wrote(&written))
        }
        Target::Dir(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| {
                Failure::usage(format!(
                    "cannot create {}: {}",
                    files::shown(&dir),
                    files::io_reason(&e)
                ))
            })?;
            let mut batch = files::Batch::new();
            batch.protect(path);
            for o in outputs {
                let name = o.path.unwrap_or_else(|| PathBuf::from("out"));
                let mut p = dir.join(&name);
                // A name carepath picks is never the plan's: `plan.json` exported to JSON into
                // the plan's own folder becomes `plan.export.json`.
                if batch.is_protected(&p) {
                    let stem = name.file_stem().map(|s| s.to_string_lossy().into_owned());
                    let ext = name.extension().map(|s| s.to_string_lossy().into_owned());
                    p = dir.join(match (stem, ext) {
                        (Some(s), Some(e)) => format!("{s}.export.{e}"),
                        _ => format!("{}.export", name.display()),
                    });
                }
                batch.add(&p, o.bytes)?;
            }
            let written = batch.commit()?;
            emit(out, &wrote(&written))
        }
    }
}

fn wrote(names: &[String]) -> String {
    names.iter().map(|n| format!("wrote {n}\n")).collect()
}

fn export_options(f: &FormatOptions) -> ExportOptions {
    let mut options = ExportOptions {
        todo: f.todo,
        bom: f.bom,
        table: f.table.clone(),
        paper: f.paper.map(|p| match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }),
        ..ExportOptions::default()
    };
    if let Some(r) = &f.remind {
        options.remind = r.clone();
    }
    if let Some(d) = f.delimiter {
        options.delimiter = d;
    }
    options
}
