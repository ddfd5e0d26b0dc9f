//! SIGINT or SIGTERM to carepath while a plugin runs ends the plugin's process group, then
//! carepath itself by the same signal. The plugin runs in a process group of its own, so a
//! terminal's Ctrl-C does not reach it: only carepath can end it.
//!
//! The process that gets the signal must not be this test process (the signal would end it), so
//! each test starts this same test binary again, running only [`stand_in_for_carepath`] with
//! `CAREPATH_TEST_RUN_PLUGIN` set: it runs the plugin as the CLI does. Being this binary, it is
//! never a stale build.
#![cfg(unix)]

mod support;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use carepath_export::plugin::{Limits, Plugin, run};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use support::{gone_soon, options, pids, plan, plugin, scratch};

const RUN_PLUGIN: &str = "CAREPATH_TEST_RUN_PLUGIN";
const THEN_WAIT: &str = "CAREPATH_TEST_THEN_WAIT";
/// Starts each line the stand-in says, apart from what the test harness prints.
const SAYS: &str = "stand-in: ";

/// The stand-in for carepath that the tests below start and signal. Without
/// `CAREPATH_TEST_RUN_PLUGIN` (a normal test run) it does nothing. With it, it runs that plugin
/// with the default limits and prints `stand-in: ok N bytes` or `stand-in: error: …`; with
/// `CAREPATH_TEST_THEN_WAIT` it then prints `stand-in: finished` and sleeps for 30 s. It exits 0 or 2, unless a signal ends it.
#[test]
fn stand_in_for_carepath() {
    let Some(path) = std::env::var_os(RUN_PLUGIN) else {
        return;
    };
    let p = Plugin {
        name: "test".into(),
        path: path.into(),
    };
    let code = match run(&p, &plan(), &options(), &Limits::default()) {
        Ok(bytes) => {
            println!("\n{SAYS}ok {} bytes", bytes.len());
            0
        }
        Err(e) => {
            println!("\n{SAYS}error: {e}");
            2
        }
    };
    if std::env::var_os(THEN_WAIT).is_some() {
        println!("\n{SAYS}finished");
        let _ = std::io::stdout().flush();
        std::thread::sleep(Duration::from_secs(30));
    }
    std::process::exit(code);
}

/// Starts the stand-in for carepath on `plugin`.
fn carepath(p: &Plugin, then_wait: bool) -> Child {
    let mut command = Command::new(std::env::current_exe().expect("the path of this test binary"));
    command
        .args([
            "--exact",
            "stand_in_for_carepath",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(RUN_PLUGIN, &p.path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if then_wait {
        command.env(THEN_WAIT, "1");
    }
    command.spawn().expect("start the stand-in for carepath")
}

/// Waits up to 10 s for the child to exit; kills it if it does not.
fn exit_of(mut child: Child) -> Option<ExitStatus> {
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn send(child: &Child, signal: Signal) {
    let pid = i32::try_from(child.id()).expect("a pid fits i32");
    kill(Pid::from_raw(pid), signal).expect("signal the stand-in for carepath");
}

/// Runs a plugin that starts a child and waits; once both run, sends `signal` to carepath only.
/// Returns how carepath ended and whether the plugin and its child are gone.
fn signal_while_plugin_runs(name: &str, signal: Signal) -> (Option<ExitStatus>, Vec<bool>) {
    let dir = scratch(name);
    let file = dir.join("pids");
    let p = plugin(
        &dir,
        "wait",
        &format!(
            "cat > /dev/null\nsleep 30 &\necho \"$$ $!\" > '{}'\nwait",
            file.display()
        ),
    );
    let child = carepath(&p, false);
    let found = pids(&file, 2);
    send(&child, signal);
    let status = exit_of(child);
    let gone = found.iter().map(|&pid| gone_soon(pid)).collect();
    found.iter().for_each(|&pid| support::kill(pid));
    (status, gone)
}

#[test]
fn sigterm_to_carepath_ends_the_plugin_process_group() {
    let (status, gone) = signal_while_plugin_runs("sigterm", Signal::SIGTERM);
    assert_eq!(gone, [true, true], "the plugin and its child are ended");
    let status = status.expect("carepath ends");
    assert_eq!(
        status.signal(),
        Some(Signal::SIGTERM as i32),
        "carepath ends by SIGTERM (143 in a shell): {status:?}"
    );
}

#[test]
fn sigint_to_carepath_ends_the_plugin_process_group() {
    let (status, gone) = signal_while_plugin_runs("sigint", Signal::SIGINT);
    assert_eq!(gone, [true, true], "the plugin and its child are ended");
    let status = status.expect("carepath ends");
    assert_eq!(
        status.signal(),
        Some(Signal::SIGINT as i32),
        "carepath ends by SIGINT (130 in a shell): {status:?}"
    );
}

/// signal-hook cannot give a signal its default action back: a handler left behind by a plugin
/// run would make carepath ignore SIGTERM from then on.
#[test]
fn sigterm_after_a_plugin_finished_still_ends_carepath() {
    let dir = scratch("sigterm-after");
    let p = plugin(&dir, "quick", "exec cat");
    let mut child = carepath(&p, true);
    let stdout = child.stdout.take().expect("piped stdout");
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| l.strip_prefix(SAYS).map(str::to_string))
        .take(2)
        .collect();
    send(&child, Signal::SIGTERM);
    let status = exit_of(child);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("ok "), "the plugin ran: {lines:?}");
    assert_eq!(lines[1], "finished");
    let status = status.expect("SIGTERM still ends carepath after a plugin has finished");
    assert_eq!(status.signal(), Some(Signal::SIGTERM as i32), "{status:?}");
}
