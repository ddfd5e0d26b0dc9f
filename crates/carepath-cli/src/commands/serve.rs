//! `carepath serve`: the plan in the browser. The CLI's part is what only the CLI may do: bind
//! the port, print the address, read the clock (once, in [`Env`]), and read and write the plan
//! file through [`crate::files`] (bounded reads; locked, atomic, change-checked writes). The
//! pages live in `carepath-serve`.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use carepath_model::Format;
use carepath_serve::{PlanFile, Server, Site, WriteError};

use crate::files;
use crate::session::{Env, Failure, Outcome, emit};

/// The plan file, as the site may use it.
struct File {
    path: PathBuf,
}

impl PlanFile for File {
    fn name(&self) -> String {
        files::shown(&self.path)
    }

    fn read(&self) -> Result<Vec<u8>, String> {
        files::read_bounded(&self.path, files::MAX_PLAN_BYTES, "plans").map_err(|f| f.message)
    }

    fn replace(&self, expected: &[u8], new: Vec<u8>) -> Result<(), WriteError> {
        let mut changed: Option<Vec<u8>> = None;
        let result = files::edit_locked(&self.path, files::MAX_PLAN_BYTES, &mut |bytes| {
            if bytes != expected {
                changed = Some(bytes.to_vec());
                return Err(Failure::usage("the file changed"));
            }
            Ok(new.clone())
        });
        match (result, changed) {
            (_, Some(now)) => Err(WriteError::Changed(now)),
            (Ok(_), None) => Ok(()),
            (Err(f), None) => Err(WriteError::Failed(f.message)),
        }
    }
}

pub fn serve(
    env: &Env,
    plan: &Path,
    port: u16,
    open: bool,
    listen: Option<IpAddr>,
    out: &mut dyn Write,
) -> Outcome {
    let name = files::shown(plan);
    let format = Format::from_path(&plan.display().to_string()).ok_or_else(|| {
        Failure::usage(format!("{name}: carepath reads plans in .toml or .json files; rename the file with one of these extensions"))
    })?;
    // Refuse a plan that cannot be read at all before opening a port for it.
    files::read_bounded(plan, files::MAX_PLAN_BYTES, "plans")?;
    let ip = listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if listen.is_some_and(|l| l != IpAddr::V4(Ipv4Addr::LOCALHOST)) {
        eprintln!(
            "warning: listening on {ip}: anyone who can reach this address and has the token can read and change the plan"
        );
    }
    let server = Server::bind(SocketAddr::new(ip, port)).map_err(|e| {
        Failure::usage(format!(
            "cannot listen on {ip}:{port}: {e}\n  hint: leave out --port to take a free one"
        ))
    })?;
    let url = server.url();
    let mut exporters = carepath_export::Registry::new();
    exporters.register(Box::new(carepath_export::json::JsonExporter));
    crate::exporters::register_builtin(
        &mut exporters,
        Default::default(),
        Default::default(),
        Default::default(),
    );
    let site = Arc::new(Site {
        file: Box::new(File {
            path: plan.to_path_buf(),
        }),
        format,
        as_of: env.as_of,
        catalog: env.catalog.clone(),
        exporters,
    });
    emit(
        out,
        &format!(
            "carepath serve: {name} at\n  {url}\nOpen it in your browser; press Ctrl-C to stop.\n"
        ),
    )?;
    let _ = out.flush();
    if open {
        open_browser(&url);
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Failure::usage(format!("cannot watch for Ctrl-C: {e}")))?;
    }
    server.run(site, &stop);
    emit(out, "stopped\n")
}

/// The desktop's own opener; a failure only means the person opens the printed address.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("note: could not start a browser ({program}); open the address above");
    }
}
