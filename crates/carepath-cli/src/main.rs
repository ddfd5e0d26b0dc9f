//! `carepath`: a thin layer over the carepath libraries. It parses arguments, reads files, reads
//! the clock once, talks to the terminal and picks the exit code; every plan rule lives in the
//! library crates.

mod args;
mod catalog;
mod commands;
mod exporters;
mod files;
mod init;
mod render;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

/// An outcome that ends the run: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad usage, or input that cannot be read: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
    /// The plan has errors: exit 1 (the findings were printed already).
    pub fn plan(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

pub type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = commands::run(cli, &mut out);
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: could not write the output: {e}");
        return ExitCode::from(2);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if f.message == files::BROKEN_PIPE {
                return ExitCode::SUCCESS;
            }
            if !f.message.is_empty() {
                let color =
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                let (red, reset) = if color {
                    ("\x1b[1;31m", "\x1b[0m")
                } else {
                    ("", "")
                };
                let message = commands::terminal_safe(&f.message, false);
                let _ = writeln!(std::io::stderr(), "{red}error{reset}: {message}");
            }
            ExitCode::from(f.code)
        }
    }
}
