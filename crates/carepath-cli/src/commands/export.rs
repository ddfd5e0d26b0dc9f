//! `carepath export` and `carepath exporters`: one registry, one path for every exporter.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use carepath_csv::CsvOptions;
use carepath_export::plugin::Limits;
use carepath_export::{ExportError, Exporter, Paper, PluginSettings, Registry};
use carepath_ics::IcsOptions;
use carepath_pdf::PdfOptions;
use rayon::prelude::*;

use crate::args::{FormatOptions, PaperArg, PluginOptions, RedactOptions};
use crate::files::{self, BROKEN_PIPE};
use crate::session::{Env, Failure, Outcome, emit, load_resolved, terminal_safe};

/// The options of the three built-in exporters that have any, from the command line.
#[derive(Default)]
pub(crate) struct Options {
    ics: IcsOptions,
    csv: CsvOptions,
    pdf: PdfOptions,
}

impl Options {
    pub(crate) fn from_args(f: &FormatOptions) -> Options {
        let ics_default = IcsOptions::default();
        let csv_default = CsvOptions::default();
        Options {
            ics: IcsOptions {
                remind: f.remind.clone().unwrap_or(ics_default.remind),
                todo: f.todo,
                remind_expiry: f.remind_expiry.clone().unwrap_or(ics_default.remind_expiry),
            },
            csv: CsvOptions {
                bom: f.bom,
                delimiter: f.delimiter.unwrap_or(csv_default.delimiter),
                table: f.table.clone(),
            },
            pdf: PdfOptions {
                paper: f.paper.map(|p| match p {
                    PaperArg::A4 => Paper::A4,
                    PaperArg::Letter => Paper::Letter,
                }),
            },
        }
    }

    /// The `options` object of the document a plugin receives (docs/plugins.md, protocol 1):
    /// every option of every built-in exporter, in this order: remind, todo, remind_expiry
    /// (iCalendar), bom, delimiter, table (CSV), paper (PDF).
    fn for_plugins(&self) -> Result<serde_json::Value, Failure> {
        let mut all = serde_json::Map::new();
        let parts = [
            serde_json::to_value(&self.ics),
            serde_json::to_value(&self.csv),
            serde_json::to_value(self.pdf),
        ];
        for part in parts {
            match part {
                Ok(serde_json::Value::Object(fields)) => all.extend(fields),
                Ok(_) => {}
                Err(e) => {
                    return Err(Failure::usage(format!("cannot encode the options: {e}")));
                }
            }
        }
        Ok(serde_json::Value::Object(all))
    }
}

/// Every built-in exporter, set up with these options. The order is the one `carepath
/// exporters` lists and "did you mean" names them in.
pub(crate) fn registry(options: &Options) -> Registry {
    let mut r = Registry::new();
    r.register(Box::new(carepath_export::json::JsonExporter));
    crate::exporters::register_builtin(
        &mut r,
        options.csv.clone(),
        options.ics.clone(),
        options.pdf,
    );
    r
}

pub fn exporters(out: &mut dyn Write) -> Outcome {
    let reg = registry(&Options::default());
    let listing = reg.list(std::env::var_os("PATH").as_deref());
    let mut text = String::from("Built-in exporters:\n");
    for e in listing.builtin {
        text.push_str(&format!(
            "  {:<8} .{:<5} {}\n",
            e.name(),
            e.extension(),
            e.description()
        ));
    }
    text.push_str("\nExternal exporters (carepath-export-NAME on PATH):\n");
    if listing.plugins.is_empty() {
        text.push_str("  none found\n");
    }
    for p in listing.plugins {
        let shadowed = if p.shadowed {
            " (shadowed by the built-in one)"
        } else {
            ""
        };
        text.push_str(&format!(
            "  {:<8} {}{shadowed}\n",
            p.plugin.name,
            p.plugin.path.display()
        ));
    }
    emit(out, &text)
}

/// One output file to write.
pub(crate) struct Output {
    /// The file's name, as [`export_plan`] names it.
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
    binary: bool,
}

/// The exporters `to` names, each once (`--to json,json` asks for one JSON file).
pub(crate) fn choose(
    reg: &Registry,
    to: &[String],
    settings: &PluginSettings,
) -> Result<Vec<Arc<dyn Exporter>>, Failure> {
    let path_var = std::env::var_os("PATH");
    let mut chosen: Vec<Arc<dyn Exporter>> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for name in to.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        chosen.push(
            reg.find(name, path_var.as_deref(), settings)
                .map_err(|u| Failure::usage(u.to_string()))?,
        );
    }
    Ok(chosen)
}

/// One plan through the chosen exporters, every file in memory (one failing exporter leaves
/// nothing to write): `carepath export`'s work for one plan, and `carepath cohort --to`'s for
/// each person. Several files of one exporter are named by their part (`milestones.csv`); a
/// single file after the plan (`plan.pdf`, `plan-milestones.csv` for one CSV table).
pub(crate) fn export_plan(
    chosen: &[Arc<dyn Exporter>],
    resolved: &carepath_model::ResolvedPlan,
    stem: &str,
) -> Result<Vec<Output>, Failure> {
    // The exporters are independent and each is a pure function of the resolved plan, so they
    // run at once (the PDF, most of an export's work, beside the others); their results are then
    // taken in the order `--to` gave, so the files, the warnings and the first failure are
    // what running them one after another gives.
    // One exporter alone runs here: starting rayon's threads would only add to its time.
    let results: Vec<_> = if chosen.len() > 1 {
        chosen.par_iter().map(|e| e.export(resolved)).collect()
    } else {
        chosen.iter().map(|e| e.export(resolved)).collect()
    };
    let mut outputs = Vec::new();
    for (e, result) in chosen.iter().zip(results) {
        let name = e.name();
        let exported = result.map_err(|err| match err {
            // A plugin's failure names the program itself.
            ExportError::Plugin { .. } => Failure::usage(err.to_string()),
            _ => Failure::usage(format!("{name}: {err}")),
        })?;
        for w in &exported.warnings {
            eprintln!("warning: {name}: {}", terminal_safe(w, false));
        }
        let several = exported.files.len() > 1;
        for f in exported.files {
            let file = match &f.part {
                Some(p) if several => format!("{p}.{}", f.extension),
                Some(p) => format!("{stem}-{p}.{}", f.extension),
                None => format!("{stem}.{}", f.extension),
            };
            outputs.push(Output {
                path: PathBuf::from(file),
                bytes: f.bytes,
                binary: f.binary,
            });
        }
    }
    Ok(outputs)
}

#[allow(clippy::too_many_arguments)] // one per group of command-line options
pub fn export(
    env: &Env,
    path: &Path,
    to: &[String],
    output: Option<&str>,
    formats: &FormatOptions,
    plugins: &PluginOptions,
    privacy: &RedactOptions,
    out: &mut dyn Write,
) -> Outcome {
    let options = Options::from_args(formats);
    let settings = PluginSettings {
        limits: Limits {
            timeout: std::time::Duration::from_secs(plugins.plugin_timeout),
            max_output_bytes: plugins.plugin_max_bytes,
        },
        options: options.for_plugins()?,
    };
    let chosen = choose(&registry(&options), to, &settings)?;
    if chosen.is_empty() {
        return Err(Failure::usage(
            "--to needs at least one format, such as --to pdf,csv,ics,json",
        ));
    }
    // The exporters' own set-up, on each of rayon's threads as soon as it is free (the catalog
    // is being built on them), while this thread reads and resolves the plan.
    let ahead = chosen.clone();
    rayon::spawn_broadcast(move |_| ahead.iter().for_each(|e| e.prepare()));
    let (checked, resolved) = load_resolved(env, path)?;
    // Redaction happens on the checked plan, before it is resolved: every exporter (a plugin
    // too) receives the redacted plan and has no other road to the private fields.
    let resolved = if privacy.redact {
        let pseudonym = privacy
            .pseudonym
            .clone()
            .unwrap_or_else(|| carepath_model::redact::initials(&checked.plan().person.name));
        crate::session::resolve(env, &carepath_model::redact::redact(&checked, &pseudonym))
    } else {
        resolved
    };
    let mut stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    // A plan file named after the person (`zoe-nguyen.toml`) gives outputs named without it.
    if privacy.redact {
        let name = &checked.plan().person.name;
        stem = carepath_model::redact::redacted_id(&stem, name, &resolved.plan.person.name);
    }

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
    // The warnings about the plan's shifts and its roster file go to stderr with every export,
    // as the exporters' own warnings do: the outputs are only as right as the shifts they were
    // planned around.
    for w in &resolved.schedule.shift_warnings {
        eprintln!("warning[{}]: {}", w.code, terminal_safe(&w.text, false));
    }
    let mut outputs = export_plan(&chosen, &resolved, &stem)?;

    let result = match target {
        Target::Stdout | Target::File(_) if outputs.len() > 1 => Err(Failure::usage(format!(
            "these formats make {} files; write them into a directory with -o DIR/{}",
            outputs.len(),
            if chosen.len() == 1 {
                " (or pick one CSV table with --table NAME)"
            } else {
                ""
            }
        ))),
        // Every exporter returns at least one file; a plugin's empty answer is still one (empty)
        // file. Said here rather than assumed by the arms below.
        Target::Stdout | Target::File(_) if outputs.is_empty() => Err(Failure::usage(
            "the exporter returned no output; nothing was written",
        )),
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
            let mut batch = files::Batch::derived();
            batch.protect(path);
            if let Some(o) = outputs.pop() {
                batch.add(&f, o.bytes)?;
            }
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
            let mut batch = files::Batch::derived();
            batch.protect(path);
            for o in outputs {
                let name = o.path;
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
    };
    // Left to the operating system at exit, as the session is (see `commands::run`).
    std::mem::forget((checked, resolved));
    result
}

fn wrote(names: &[String]) -> String {
    names.iter().map(|n| format!("wrote {n}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Protocol 1: every option, with its default, in this order (docs/plugins.md).
    #[test]
    fn plugins_get_every_option_in_the_documented_order() {
        let Ok(options) = Options::default().for_plugins() else {
            panic!("the default options encode");
        };
        assert_eq!(
            serde_json::to_string(&options).ok().as_deref(),
            Some(
                r#"{"remind":[14,1],"todo":false,"remind_expiry":[90,60,30,7],"bom":false,"delimiter":",","table":null,"paper":null}"#
            )
        );
    }
}
