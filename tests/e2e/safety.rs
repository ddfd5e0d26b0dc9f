//! Nothing the user wrote is ever lost, and no input is unbounded: one regression test for each
//! numbered case of the safety issue, named after it.

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::*;

fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(fixture(name), &to).unwrap();
    to
}

fn is_root() -> bool {
    let id = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&id.stdout).trim() == "0"
}

/// Whether a process is still running (a zombie waiting to be reaped is not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

/// Root-only cases (device nodes, other users' files, mounting a small tmpfs) run as root, as CI
/// does; elsewhere they say they were skipped.
fn need_root(what: &str) -> bool {
    if is_root() {
        return true;
    }
    skip_or_fail(what, "run the tests as root, as CI does");
    false
}

fn entries(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .matches("[[progress]]")
        .count()
}

fn sh(script: &str) {
    let s = Command::new("sh").arg("-c").arg(script).status().unwrap();
    assert!(s.success(), "sh -c {script:?} failed");
}

#[test]
fn case1_export_of_a_json_plan_to_json_keeps_the_plan() {
    let dir = scratch("case1-json");
    let plan = dir.join("plan.json");
    std::fs::copy(fixture("lab-to-data-analytics.json"), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath()
        .current_dir(&dir)
        .args(["export", "plan.json", "--to", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is unchanged"
    );
    assert_eq!(r.stdout, "wrote ./plan.export.json\n");
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("plan.export.json")).unwrap()).unwrap();
    assert_eq!(export["carepath"], "1");
}

#[test]
fn case1_export_with_o_onto_the_plan_is_refused() {
    let dir = scratch("case1-o");
    let plan = copy_fixture("minimal.toml", &dir);
    let before = std::fs::read(&plan).unwrap();
    // The plan by its own name, by a symlink, and by a hard link: all the same file.
    std::os::unix::fs::symlink("minimal.toml", dir.join("alias.toml")).unwrap();
    for out in ["minimal.toml", "alias.toml", "./minimal.toml"] {
        let r = run(carepath().current_dir(&dir).args([
            "export",
            "minimal.toml",
            "--to",
            "ics",
            "-o",
            out,
        ]));
        assert_eq!(r.code, 2, "-o {out}: {}", r.stdout);
        assert!(
            r.stderr.contains("is the plan itself"),
            "-o {out}: {}",
            r.stderr
        );
        assert_eq!(std::fs::read(&plan).unwrap(), before, "-o {out}");
    }
    assert!(
        std::fs::symlink_metadata(dir.join("alias.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn case2_parallel_logs_keep_every_entry() {
    let dir = scratch("case2-parallel");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let before = entries(&plan);
    let children: Vec<_> = (0..100)
        .map(|_| {
            carepath()
                .args(["log"])
                .arg(&plan)
                .args(["icu-hours", "1"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(
        entries(&plan),
        before + 100,
        "every log call kept its entry"
    );
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn case2_an_editor_saving_during_log_keeps_its_edit() {
    let dir = scratch("case2-editor");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let before = entries(&plan);
    let child = carepath()
        .env("CAREPATH_TEST_PAUSE_MS", "1500")
        .arg("log")
        .arg(&plan)
        .args(["icu-hours", "7"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // The editor's save, as `echo '# edit' >> plan` would do it.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&plan)
        .unwrap();
    f.write_all(b"# edited while carepath was writing\n")
        .unwrap();
    drop(f);
    let o = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(
        text.contains("# edited while carepath was writing\n"),
        "the editor's save survives"
    );
    assert_eq!(entries(&plan), before + 1, "and so does the entry");
    assert!(
        stdout.contains("changed while carepath was writing it"),
        "{stdout}"
    );
}

#[test]
fn case3_export_into_a_fifo_leaves_a_fifo() {
    let dir = scratch("case3-fifo");
    let fifo = dir.join("f");
    sh(&format!("mkfifo '{}'", fifo.display()));
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let r = run(carepath()
        .args(["export", "fixtures/minimal.toml", "--to", "json", "-o"])
        .arg(&fifo));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = reader.join().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&got).unwrap();
    assert_eq!(v["carepath"], "1", "the reader got the export");
    let ft = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(ft.is_fifo(), "still a FIFO");
}

#[test]
fn case3_export_onto_a_device_node_leaves_the_device() {
    if !need_root("a device node made with mknod") {
        return;
    }
    let dir = scratch("case3-device");
    // A second /dev/null, in a scratch folder: never /dev itself.
    let null = dir.join("null");
    sh(&format!("mknod '{}' c 1 3", null.display()));
    let r = run(carepath()
        .args(["export", "fixtures/minimal.toml", "--to", "json", "-o"])
        .arg(&null));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = std::fs::symlink_metadata(&null).unwrap();
    assert!(meta.file_type().is_char_device(), "still a device");
    assert_eq!(meta.rdev(), std::fs::metadata("/dev/null").unwrap().rdev());
}

#[test]
fn case4_log_through_a_symlink_keeps_the_link_and_edits_its_target() {
    let dir = scratch("case4-symlink");
    let own = copy_fixture("rn-to-acnp.toml", &dir);
    let link = dir.join("link.toml");
    std::os::unix::fs::symlink("rn-to-acnp.toml", &link).unwrap();
    let before = entries(&own);
    let r = run(carepath().arg("log").arg(&link).args(["icu-hours", "2"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "link.toml is still a symlink"
    );
    assert_eq!(entries(&own), before + 1, "its target has the entry");
}

#[test]
fn case5_a_planted_temporary_symlink_is_not_followed() {
    let dir = scratch("case5-planted");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    // The old temporary name was `.NAME.PID.tmp`: plant it, then become carepath with that PID.
    let r = run(Command::new("sh")
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!(
            "ln -s victim.txt .rn-to-acnp.toml.$$.tmp && exec '{}' --as-of 2026-11-22 log rn-to-acnp.toml icu-hours 3",
            env!("CARGO_BIN_EXE_carepath")
        )));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let meta = std::fs::symlink_metadata(&plan).unwrap();
    assert!(meta.file_type().is_file(), "the plan is a regular file");
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("amount = 3")
    );
}

#[test]
fn case6_a_read_only_plan_is_refused_unchanged() {
    let dir = scratch("case6-readonly");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath().arg("log").arg(&plan).args(["icu-hours", "2"]));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("is read-only (mode 0444)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("chmod u+w"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let mode = std::fs::metadata(&plan).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o444);
}

#[test]
fn case6_replacing_keeps_mode_owner_and_group() {
    let dir = scratch("case6-owner");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o640)).unwrap();
    let owner = if is_root() {
        // Another user's plan, edited by root.
        std::os::unix::fs::chown(&plan, Some(4321), Some(4322)).unwrap();
        (4321, 4322)
    } else {
        let m = std::fs::metadata(&plan).unwrap();
        (m.uid(), m.gid())
    };
    let r = run(carepath().arg("log").arg(&plan).args(["icu-hours", "2"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = std::fs::metadata(&plan).unwrap();
    assert_eq!((m.uid(), m.gid()), owner, "owner and group kept");
    assert_eq!(m.permissions().mode() & 0o7777, 0o640, "mode kept");
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("amount = 2")
    );
}

#[test]
fn case6_a_hard_linked_plan_is_refused_not_split() {
    let dir = scratch("case6-hardlink");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let other = dir.join("other-name.toml");
    std::fs::hard_link(&plan, &other).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath().arg("log").arg(&plan).args(["icu-hours", "2"]));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("has 2 hard links"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&plan).unwrap().ino(),
        std::fs::metadata(&other).unwrap().ino(),
        "still one file"
    );
}

/// A small tmpfs, unmounted when the test ends however it ends.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(dir).unwrap();
        sh(&format!(
            "mount -t tmpfs -o size={size} carepath-test '{}'",
            dir.display()
        ));
        SmallDisk(dir.to_path_buf())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn case6_a_full_disk_leaves_every_old_output_and_names_them() {
    if !need_root("mounting a small tmpfs") {
        return;
    }
    let dir = scratch("case6-full-disk");
    let disk = SmallDisk::mount(&dir.join("disk"), "400k");
    let out = disk.0.join("out");
    let first = run(carepath()
        .args([
            "export",
            "fixtures/rn-to-acnp.toml",
            "--to",
            "pdf,csv,ics,json",
            "-o",
        ])
        .arg(format!("{}/", out.display())));
    assert_eq!(first.code, 0, "{}", first.stderr);
    let names: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let old: Vec<Vec<u8>> = names.iter().map(|p| std::fs::read(p).unwrap()).collect();
    // Fill the disk but for a few kilobytes: the new outputs can no longer all be staged.
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=4k", "status=none"])
        .stderr(Stdio::null())
        .arg(format!("of={}", disk.0.join("filler").display()))
        .status();
    let _ = std::fs::remove_file(disk.0.join("small"));
    sh(&format!(
        "truncate -s -16k '{}'",
        disk.0.join("filler").display()
    ));
    let second = run(Command::new(env!("CARGO_BIN_EXE_carepath"))
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .args(["--as-of", "2027-01-04"])
        .args([
            "export",
            "fixtures/rn-to-acnp.toml",
            "--to",
            "pdf,csv,ics,json",
            "-o",
        ])
        .arg(format!("{}/", out.display())));
    assert_eq!(second.code, 2, "{}", second.stdout);
    assert!(
        second.stderr.contains("the disk is full"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("nothing was replaced"),
        "{}",
        second.stderr
    );
    for (p, bytes) in names.iter().zip(&old) {
        assert_eq!(
            &std::fs::read(p).unwrap(),
            bytes,
            "{} is as it was",
            p.display()
        );
        let file = p.file_name().unwrap().to_string_lossy();
        assert!(second.stderr.contains(&*file), "the message names {file}");
    }
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "no temporary files left: {left:?}");
}

/// Runs carepath with `args` under Python's `resource` module, which reports the peak memory of
/// that one child (in KiB on Linux): its exit code and that peak.
fn code_and_peak_kib(args: &[&str]) -> (i32, i64) {
    let script = "import resource, subprocess, sys\n\
        r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)\n\
        print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
    let o = Command::new("python3")
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&o.stdout);
    let mut parts = text.split_whitespace().map(|p| p.parse::<i64>().unwrap());
    (parts.next().unwrap() as i32, parts.next().unwrap())
}

#[test]
fn case7_a_catalog_from_dev_zero_is_refused_with_bounded_memory() {
    let (code, kib) = code_and_peak_kib(&["--catalog", "/dev/zero", "catalog", "list"]);
    assert_eq!(code, 2);
    assert!(kib < 100 * 1024, "peak memory {kib} KiB");
    let r = run(carepath().args(["--catalog", "/dev/zero", "catalog", "list"]));
    assert!(r.stderr.contains("is larger than 16 MB"), "{}", r.stderr);
}

#[test]
fn case7_a_plan_that_is_a_link_to_dev_zero_or_a_fifo_is_bounded() {
    let dir = scratch("case7-plan");
    let plan = dir.join("plan.toml");
    std::os::unix::fs::symlink("/dev/zero", &plan).unwrap();
    let (code, kib) = code_and_peak_kib(&["check", plan.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(kib < 100 * 1024, "peak memory {kib} KiB");
    let r = run(carepath().arg("check").arg(&plan));
    assert!(r.stderr.contains("is larger than 64 MB"), "{}", r.stderr);
}

/// A plan whose every text field tries to drive the terminal.
const HOSTILE: &str = r#"format = 1
title = "Plan \u001b]0;PWNED\u0007 \u001b[2J"
start = 2026-01-05

[person]
name = "Alex \u009b31m Kim \u202egnp.exe"
role = "registered-nurse"

[capacity]
hours_per_week = 6

[target]
role = "acute-care-np"
by = 2030-06-01

[[goals]]
id = "g"
title = "Goal \u001b[31mred\u001b[0m"
due = 2027-06-01
values = ["patient-care"]
measure = { metric = "done", target = 1, unit = "x" }

[[milestones]]
id = "m"
title = "Milestone \u001b]0;PWNED\u0007"
kind = "education"
goal = "g"
effort_hours = 10
due = 2027-01-01
notes = "note \u001b[2J"
"#;

fn assert_no_plan_escapes(output: &str, color: bool, what: &str) {
    let mut rest = output;
    while let Some(i) = rest.find('\u{1b}') {
        let seq = &rest[i + 1..];
        let sgr = seq.strip_prefix('[').is_some_and(|t| {
            let n = t
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b';')
                .count();
            t.as_bytes().get(n) == Some(&b'm')
        });
        assert!(
            color && sgr,
            "{what}: an escape sequence reached the terminal: {:?}",
            &rest[i..(i + 12).min(rest.len())]
        );
        rest = seq;
    }
    for c in ['\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!output.contains(c), "{what}: {c:?} reached the terminal");
    }
}

#[test]
fn case8_no_escape_byte_from_a_plan_reaches_the_terminal() {
    let dir = scratch("case8-terminal");
    let plan = dir.join("hostile.toml");
    std::fs::write(&plan, HOSTILE).unwrap();
    for color in [false, true] {
        for cmd in ["check", "show", "status", "gap"] {
            let mut c = carepath();
            if color {
                c.args(["--color", "always"]);
            }
            let r = run(c.arg(cmd).arg(&plan));
            assert!(r.code == 0 || r.code == 1, "{cmd}: {}", r.stderr);
            assert_no_plan_escapes(&r.stdout, color, cmd);
            assert_no_plan_escapes(&r.stderr, color, cmd);
            if cmd == "show" {
                assert!(
                    r.stdout.contains("\\u{1b}]0;PWNED\\u{7}"),
                    "shown visibly: {}",
                    r.stdout
                );
            }
        }
    }
    // A raw escape byte in the file is a syntax error whose quoted line must be safe too.
    let raw = dir.join("raw.toml");
    std::fs::write(&raw, "format = 1\ntitle = \"a\u{1b}]0;PWNED\u{7}\"\n").unwrap();
    let r = run(carepath().arg("check").arg(&raw));
    assert_eq!(r.code, 1);
    assert_no_plan_escapes(&r.stdout, false, "check raw");
    assert_no_plan_escapes(&r.stderr, false, "check raw");
    // JSON keeps the text exact and escaped.
    let r = run(carepath().args(["--format", "json", "status"]).arg(&plan));
    assert_no_plan_escapes(&r.stdout, false, "status json");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let titles: Vec<&str> = v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Milestone \u{1b}]0;PWNED\u{7}"),
        "{titles:?}"
    );
}

fn plugin_dir(name: &str, plugin: &str, script: &str) -> PathBuf {
    let dir = scratch(name);
    let p = dir.join(format!("carepath-export-{plugin}"));
    std::fs::write(&p, script).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[test]
fn case9_a_hanging_plugin_is_ended_after_the_timeout() {
    let dir = plugin_dir(
        "case9-hang",
        "hang",
        "#!/bin/sh\necho $$ > \"$(dirname \"$0\")/pid\"\nsleep 60\n",
    );
    let out = dir.join("out");
    let start = Instant::now();
    let r = run(carepath()
        .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
        .args([
            "export",
            "fixtures/minimal.toml",
            "--to",
            "hang",
            "--plugin-timeout",
            "1",
            "-o",
        ])
        .arg(format!("{}/", out.display())));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("did not finish within 1 s"),
        "{}",
        r.stderr
    );
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "it did not wait for the plugin's sleep"
    );
    assert!(
        !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
        "nothing written"
    );
    let pid: u32 = std::fs::read_to_string(dir.join("pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(!alive(pid), "the plugin was ended");
}

#[test]
fn case10_a_plugin_in_the_current_directory_is_not_run_through_an_empty_path_entry() {
    let dir = plugin_dir(
        "case10-cwd",
        "markdown",
        "#!/bin/sh\ntouch ran\ncat >/dev/null\necho '# plan'\n",
    );
    std::fs::copy(fixture("minimal.toml"), dir.join("minimal.toml")).unwrap();
    for path in ["/usr/bin:/bin:", "/usr/bin:.:/bin"] {
        let r = run(carepath().current_dir(&dir).env("PATH", path).args([
            "export",
            "minimal.toml",
            "--to",
            "markdown",
            "-o",
            "-",
        ]));
        assert_eq!(r.code, 2, "PATH={path}: {}", r.stdout);
        assert!(!dir.join("ran").exists(), "PATH={path}: the plugin ran");
        assert!(
            r.stderr.contains("current directory"),
            "PATH={path}: {}",
            r.stderr
        );
        let r = run(carepath()
            .current_dir(&dir)
            .env("PATH", path)
            .arg("exporters"));
        assert!(!r.stdout.contains("markdown"), "PATH={path}: {}", r.stdout);
    }
}

#[test]
fn case12_to_json_json_writes_one_file_once() {
    let dir = scratch("case12-json-json");
    let r = run(carepath()
        .args(["export", "fixtures/minimal.toml", "--to", "json,json", "-o"])
        .arg(format!("{}/", dir.display())));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.matches("wrote").count(), 1, "{}", r.stdout);
}

#[test]
fn case12_empty_o_says_what_it_needs() {
    let r = run(carepath().args(["export", "fixtures/minimal.toml", "--to", "json", "-o", ""]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("-o needs a place"), "{}", r.stderr);
}

#[test]
fn case12_init_hours_0_says_more_than_0() {
    let dir = scratch("case12-init");
    let r = run(carepath()
        .args(["init", "--hours", "0", "-o"])
        .arg(dir.join("plan.toml"))
        .stdin(Stdio::null()));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("more than 0 and at most 80"),
        "{}",
        r.stderr
    );
}

#[test]
fn case12_logged_1_hour_not_1_hours() {
    let dir = scratch("case12-hour");
    let plan = copy_fixture("minimal.toml", &dir);
    std::fs::write(
        &plan,
        std::fs::read_to_string(&plan).unwrap()
            + "\n[capacity]\nhours_per_week = 5\n\n[[milestones]]\nid = \"read\"\ntitle = \"Read a chapter\"\nkind = \"education\"\neffort_hours = 4\n",
    )
    .unwrap();
    let r = run(carepath().arg("log").arg(&plan).args(["read", "1"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("logged 1 hour for `read`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("(total 1 hour)"), "{}", r.stdout);
}
