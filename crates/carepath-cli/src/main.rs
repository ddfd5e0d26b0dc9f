//! `carepath`: a thin layer over the carepath libraries. It parses arguments, reads files, reads
//! the clock once, talks to the terminal and picks the exit code; every plan rule lives in the
//! library crates.

mod args;
mod commands;
mod exporters;
mod files;
mod render;
mod session;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use session::{Failure, Outcome};

/// mimalloc instead of the system allocator: reading a plan makes many small allocations (a
/// node, a span and a string per value) and frees them all at the end; with glibc's allocator
/// that bookkeeping was about a quarter of `check` on a 100,000-milestone plan.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Before anything else: nearly every command needs the embedded catalog, and it is built on
    // a thread of its own while the arguments are parsed and the plan is read.
    let embedded = session::Embedded::start(std::env::args_os());
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
    let result = commands::run(cli, embedded, &mut out);
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
                let (red, reset) = if session::stderr_color() {
                    ("\x1b[1;31m", "\x1b[0m")
                } else {
                    ("", "")
                };
                let message = session::terminal_safe(&f.message, false);
                let _ = writeln!(std::io::stderr(), "{red}error{reset}: {message}");
            }
            ExitCode::from(f.code)
        }
    }
}
