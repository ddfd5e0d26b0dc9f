//! A plugin is bounded: in time, in output, in the stderr it can show, and in what it leaves
//! behind. Each plugin is a small shell script in a scratch folder.
#![cfg(unix)]

mod support;

use std::time::Duration;

use carepath_export::ExportError;
use carepath_export::plugin::{Limits, run};
use support::{gone_soon, kill, options, pids, plan, plugin, scratch};

fn stderr_of(err: &ExportError) -> &str {
    match err {
        ExportError::Plugin { stderr, .. } => stderr,
        other => panic!("expected a plugin error, got {other:?}"),
    }
}

fn quiet_limits() -> Limits {
    // Long enough that a test failing by timeout cannot pass for the behaviour under test.
    Limits {
        timeout: Duration::from_secs(30),
        ..Limits::default()
    }
}

#[test]
fn default_limits_are_two_minutes_and_256_mib() {
    let limits = Limits::default();
    assert_eq!(limits.timeout, Duration::from_secs(120));
    assert_eq!(limits.max_output_bytes, 256 * 1024 * 1024);
}

#[test]
fn plugin_gets_the_document_and_its_stdout_is_the_output() {
    let dir = scratch("echo");
    let p = plugin(&dir, "echo", "exec cat");
    let out = run(&p, &plan(), &options(), &quiet_limits()).expect("the echo plugin succeeds");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("the output is the document");
    assert_eq!(doc["protocol"], 1);
    assert_eq!(doc["exporter"], "echo");
    assert_eq!(doc["as_of"], "2026-11-22");
}

#[test]
fn plugin_hanging_is_ended_after_timeout() {
    let dir = scratch("hanging");
    let file = dir.join("pids");
    let p = plugin(
        &dir,
        "hang",
        &format!("sleep 30 &\necho \"$$ $!\" > '{}'\nwait", file.display()),
    );
    let limits = Limits {
        timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let err = run(&p, &plan(), &options(), &limits).expect_err("a hanging plugin fails");
    let found = pids(&file, 2);
    let gone: Vec<bool> = found.iter().map(|&pid| gone_soon(pid)).collect();
    found.iter().for_each(|&pid| kill(pid));
    assert!(
        err.to_string().contains(
            "`carepath-export-hang` did not finish within 1 s; it was stopped and nothing was written"
        ),
        "{err}"
    );
    assert_eq!(
        gone,
        [true, true],
        "the plugin ({}) and its child ({}) are ended",
        found[0],
        found[1]
    );
}

#[test]
fn plugin_whose_child_holds_stdout_does_not_stall() {
    let dir = scratch("child-holds-stdout");
    let file = dir.join("pids");
    let p = plugin(
        &dir,
        "daemon",
        &format!(
            "cat > /dev/null\nsleep 30 &\necho $! > '{}'\necho '# the plan'",
            file.display()
        ),
    );
    let result = run(&p, &plan(), &options(), &quiet_limits());
    let child = pids(&file, 1)[0];
    let gone = gone_soon(child);
    kill(child);
    assert_eq!(
        result.expect("the plugin exited with 0, so its output is used"),
        b"# the plan\n"
    );
    assert!(gone, "the child left holding stdout ({child}) is ended");
}

#[test]
fn plugin_whose_child_holds_stderr_does_not_stall() {
    let dir = scratch("child-holds-stderr");
    let file = dir.join("pids");
    let p = plugin(
        &dir,
        "daemon",
        &format!(
            "cat > /dev/null\nsleep 30 > /dev/null &\necho $! > '{}'\necho '# the plan'",
            file.display()
        ),
    );
    let result = run(&p, &plan(), &options(), &quiet_limits());
    let child = pids(&file, 1)[0];
    let gone = gone_soon(child);
    kill(child);
    assert_eq!(result.expect("the output is used"), b"# the plan\n");
    assert!(gone, "the child left holding stderr ({child}) is ended");
}

#[test]
fn plugin_output_over_the_cap_fails_and_is_stopped() {
    let dir = scratch("endless-output");
    let file = dir.join("pids");
    let p = plugin(
        &dir,
        "endless",
        &format!("echo $$ > '{}'\nexec yes carepath", file.display()),
    );
    let limits = Limits {
        max_output_bytes: 1024 * 1024,
        ..quiet_limits()
    };
    let err = run(&p, &plan(), &options(), &limits).expect_err("endless output fails");
    let pid = pids(&file, 1)[0];
    let gone = gone_soon(pid);
    kill(pid);
    assert!(
        err.to_string().contains(
            "`carepath-export-endless` wrote more than 1 MiB on standard output; it was stopped and nothing was written"
        ),
        "{err}"
    );
    assert!(gone, "the plugin ({pid}) is ended");
}

#[test]
fn output_of_exactly_the_cap_is_kept() {
    let dir = scratch("cap-exact");
    let p = plugin(&dir, "exact", "cat > /dev/null\nhead -c 4096 /dev/zero");
    let limits = Limits {
        max_output_bytes: 4096,
        ..quiet_limits()
    };
    let out = run(&p, &plan(), &options(), &limits).expect("4096 bytes are within a cap of 4096");
    assert_eq!(out.len(), 4096);
}

#[test]
fn output_one_byte_over_the_cap_fails() {
    let dir = scratch("cap-over");
    let p = plugin(&dir, "over", "cat > /dev/null\nhead -c 4097 /dev/zero");
    let limits = Limits {
        max_output_bytes: 4096,
        ..quiet_limits()
    };
    let err = run(&p, &plan(), &options(), &limits).expect_err("4097 bytes are over the cap");
    assert!(
        err.to_string()
            .contains("wrote more than 4 KiB on standard output; it was stopped"),
        "{err}"
    );
}

#[test]
fn huge_stderr_is_cut_to_its_tail() {
    let dir = scratch("huge-stderr");
    let p = plugin(
        &dir,
        "noisy",
        "cat > /dev/null\nseq 1 300000 | sed 's/^/noise /' >&2\necho 'noisy: the last words' >&2\nexit 3",
    );
    let err = run(&p, &plan(), &options(), &quiet_limits()).expect_err("exit 3 fails");
    assert!(
        err.to_string()
            .contains("failed with exit code 3; nothing was written"),
        "{err}"
    );
    let lines: Vec<&str> = stderr_of(&err).lines().collect();
    assert_eq!(
        lines.len(),
        21,
        "one line about the rest, then 20: {lines:?}"
    );
    assert_eq!(lines[0], "[… 299,981 earlier lines left out]");
    assert_eq!(lines[1], "noise 299982");
    assert_eq!(lines[19], "noise 300000");
    assert_eq!(lines[20], "noisy: the last words");
}

#[test]
fn stderr_of_one_endless_line_is_cut() {
    let dir = scratch("long-stderr-line");
    let p = plugin(
        &dir,
        "long",
        "cat > /dev/null\nhead -c 1000000 /dev/zero | tr '\\000' e >&2\nexit 1",
    );
    let err = run(&p, &plan(), &options(), &quiet_limits()).expect_err("exit 1 fails");
    let stderr = stderr_of(&err);
    assert!(
        stderr.len() < 2000,
        "{} bytes of stderr shown",
        stderr.len()
    );
    assert!(
        stderr.starts_with("eeee") && stderr.trim_end().ends_with("more characters]"),
        "{stderr}"
    );
}

#[test]
fn failing_plugin_shows_all_of_a_short_stderr() {
    let dir = scratch("broken");
    let p = plugin(
        &dir,
        "broken",
        "cat > /dev/null\necho 'broken: cannot render the plan' >&2\necho 'second line' >&2\nexit 3",
    );
    let err = run(&p, &plan(), &options(), &quiet_limits()).expect_err("exit 3 fails");
    assert_eq!(
        err.to_string(),
        "the external exporter `carepath-export-broken` failed with exit code 3; nothing was written\n\
         its error output was:\n\
         broken: cannot render the plan\n\
         second line"
    );
}

#[test]
fn plugin_killed_by_a_signal_says_which() {
    let dir = scratch("killed");
    let p = plugin(&dir, "killed", "cat > /dev/null\nkill -9 $$");
    let err = run(&p, &plan(), &options(), &quiet_limits()).expect_err("a killed plugin fails");
    assert!(
        err.to_string()
            .contains("`carepath-export-killed` was stopped by SIGKILL; nothing was written"),
        "{err}"
    );
}

#[test]
fn plugin_with_no_output_fails() {
    let dir = scratch("silent");
    let p = plugin(&dir, "silent", "cat > /dev/null");
    let err = run(&p, &plan(), &options(), &quiet_limits()).expect_err("no output fails");
    assert!(
        err.to_string()
            .contains("wrote no output; nothing was written"),
        "{err}"
    );
}

#[test]
fn plugin_that_cannot_be_started_says_so() {
    let dir = scratch("missing");
    let p = carepath_export::plugin::Plugin {
        name: "missing".into(),
        path: dir.join("carepath-export-missing"),
    };
    let err = run(&p, &plan(), &options(), &quiet_limits()).expect_err("no program, no export");
    assert!(err.to_string().contains("could not be started"), "{err}");
}
