//! `--redact`, `carepath redact` and `cohort --redact`: a plan whose private fields hold marker
//! strings (`fixtures/privacy/markers.toml`, and the same plan in the JSON form,
//! `markers.json`; every marker starts with "mk") leaves no marker in any output byte, PDF
//! streams decompressed and PDF text and metadata extracted.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::export::path_with;
use crate::{carepath, repo, run, scratch, skip_or_fail};

const PLAN: &str = "fixtures/privacy/markers.toml";
/// The same plan in the JSON form (no comments: JSON has none).
const JSON_PLAN: &str = "fixtures/privacy/markers.json";

/// Every marker of the fixture, lower case (the search ignores case).
const MARKERS: &[&str] = &[
    "mkfirst",
    "mklast",
    "mknumber",
    "mksetting",
    "mkreason",
    "mknotes",
    "mkprogress",
    "mkcenote",
    "mkcomment",
    "mkperson",
    "mkpnote",
];

/// The markers found in these bytes.
fn markers_in(bytes: &[u8]) -> Vec<&'static str> {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    MARKERS
        .iter()
        .copied()
        .filter(|m| text.contains(m))
        .collect()
}

/// Each file of the folder (recursively) with the markers found in it; for a PDF also its
/// decompressed form (qpdf), its text (pdftotext) and its metadata (pdfinfo).
fn leaks(dir: &Path) -> Vec<(PathBuf, Vec<&'static str>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut found = Vec::new();
    for f in files {
        let mut views = vec![std::fs::read(&f).unwrap()];
        if f.extension().is_some_and(|e| e == "pdf") {
            let qdf = f.with_extension("qdf");
            match Command::new("qpdf")
                .args(["--qdf", "--object-streams=disable"])
                .arg(&f)
                .arg(&qdf)
                .status()
            {
                Ok(s) => {
                    assert!(s.success(), "qpdf could not read {}", f.display());
                    views.push(std::fs::read(&qdf).unwrap());
                    std::fs::remove_file(&qdf).unwrap();
                }
                Err(_) => skip_or_fail("qpdf", "apt install qpdf"),
            }
            match Command::new("pdftotext")
                .args(["-enc", "UTF-8"])
                .arg(&f)
                .arg("-")
                .output()
            {
                Ok(o) => {
                    assert!(
                        o.status.success(),
                        "pdftotext could not read {}",
                        f.display()
                    );
                    views.push(o.stdout);
                }
                Err(_) => skip_or_fail("pdftotext", "apt install poppler-utils"),
            }
            match Command::new("pdfinfo")
                .args(["-enc", "UTF-8"])
                .arg(&f)
                .output()
            {
                Ok(o) => {
                    assert!(
                        String::from_utf8_lossy(&o.stdout).contains("Author:"),
                        "pdfinfo reads the metadata of {}",
                        f.display()
                    );
                    views.push(o.stdout);
                }
                Err(_) => skip_or_fail("pdfinfo", "apt install poppler-utils"),
            }
        }
        let mut m: Vec<&'static str> = views.iter().flat_map(|v| markers_in(v)).collect();
        m.sort_unstable();
        m.dedup();
        if !m.is_empty() {
            found.push((f, m));
        }
    }
    found
}

/// `plan` exported in every format (the built-in ones and a plugin) into `dir`.
fn export_plan(plan: &str, dir: &Path, redact: bool) {
    let plugins = repo().join("tests/plugins");
    let mut cmd = carepath();
    cmd.env("PATH", path_with(&plugins))
        .args(["export", plan, "--to", "json,csv,ics,pdf,echo", "-o"])
        .arg(format!("{}/", dir.display()));
    if redact {
        cmd.arg("--redact");
    }
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Without `--redact`, every marker that is exported at all is in some output: the checks of
/// the redacted outputs look at the right bytes.
fn unredacted_shows_the_markers(plan: &str, dir: &Path) {
    export_plan(plan, dir, false);
    let all: Vec<&str> = leaks(dir).into_iter().flat_map(|(_, m)| m).collect();
    // A credential's number never leaves the plan, redacted or not; comments are not exported.
    for m in MARKERS
        .iter()
        .filter(|m| !matches!(**m, "mkcomment" | "mknumber"))
    {
        assert!(all.contains(m), "{m} is in some unredacted output: {all:?}");
    }
}

/// With `--redact`, every format is written and no marker is in any byte of any of them.
fn redacted_has_no_marker(plan: &str, dir: &Path) {
    export_plan(plan, dir, true);
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for ext in [".json", ".csv", ".ics", ".pdf", ".echo"] {
        assert!(
            names.iter().any(|n| n.ends_with(ext)),
            "an output {ext} in {names:?}"
        );
    }
    assert_eq!(leaks(dir), Vec::<(PathBuf, Vec<&str>)>::new());
    // The name became the initials, everywhere the name was.
    let ics = std::fs::read_to_string(dir.join("markers.ics")).unwrap();
    assert!(ics.contains("MM"), "the pseudonym is in the calendar");
    let json = std::fs::read_to_string(dir.join("markers.json")).unwrap();
    assert!(json.contains("\"name\": \"MM\""), "{json}");
}

#[test]
fn the_marker_plan_shows_its_markers_without_redact() {
    unredacted_shows_the_markers(PLAN, &scratch("privacy-plain"));
}

#[test]
fn export_redact_leaves_no_private_field_in_any_format() {
    redacted_has_no_marker(PLAN, &scratch("privacy-redacted"));
}

/// The same plan in the JSON form.
#[test]
fn a_json_plan_redacted_leaves_no_private_field_in_any_format() {
    unredacted_shows_the_markers(JSON_PLAN, &scratch("privacy-json-plain"));
    redacted_has_no_marker(JSON_PLAN, &scratch("privacy-json-redacted"));
}

/// `cohort --redact` of the roster with every person's exports into `out`: no marker in any byte.
fn cohort_redacted(roster: &Path, out: &Path) {
    let r = run(carepath()
        .arg("cohort")
        .arg(roster)
        .args(["--redact", "--to", "json,csv,ics,pdf", "-o"])
        .arg(out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("people/P001/P001.pdf").is_file());
    assert_eq!(leaks(out), Vec::<(PathBuf, Vec<&str>)>::new());
}

/// A roster whose plan is the JSON form, through `cohort --redact` with every person's exports.
#[test]
fn cohort_redact_of_a_json_plan_leaves_no_private_field() {
    let dir = scratch("privacy-cohort-json");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(repo().join(JSON_PLAN), plans.join("mkfirst-mklast.json")).unwrap();
    let roster = dir.join("roster.csv");
    std::fs::write(&roster, "plan,unit\nplans/mkfirst-mklast.json,MICU\n").unwrap();
    cohort_redacted(&roster, &dir.join("out"));
    assert!(dir.join("out/people/P001/P001.json").is_file());
    let plain = dir.join("plain");
    let r = run(carepath()
        .arg("cohort")
        .arg(&roster)
        .args(["--to", "json,csv,ics,pdf", "-o"])
        .arg(&plain));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let all: Vec<&str> = leaks(&plain).into_iter().flat_map(|(_, m)| m).collect();
    assert!(
        all.contains(&"mkfirst") && all.contains(&"mknotes"),
        "{all:?}"
    );
}

#[test]
fn export_redact_takes_a_pseudonym() {
    let dir = scratch("privacy-pseudonym");
    let r = run(carepath()
        .args([
            "export",
            PLAN,
            "--to",
            "json",
            "--redact",
            "--pseudonym",
            "Resident 7",
            "-o",
        ])
        .arg(format!("{}/", dir.display())));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = std::fs::read_to_string(dir.join("markers.json")).unwrap();
    assert!(json.contains("\"name\": \"Resident 7\""), "{json}");
    assert_eq!(leaks(&dir), Vec::<(PathBuf, Vec<&str>)>::new());
}

#[test]
fn pseudonym_needs_redact() {
    let r = run(carepath().args([
        "export",
        PLAN,
        "--to",
        "json",
        "--pseudonym",
        "X",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--redact"), "{}", r.stderr);
}

#[test]
fn redact_writes_a_plan_that_checks_and_schedules_the_same() {
    let dir = scratch("privacy-redact-command");
    let share = dir.join("share.toml");
    let r = run(carepath().args(["redact", PLAN, "-o"]).arg(&share));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("private fields left out or replaced"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("person.credentials[0].number"),
        "{}",
        r.stdout
    );
    let bytes = std::fs::read(&share).unwrap();
    assert_eq!(
        markers_in(&bytes),
        Vec::<&str>::new(),
        "{}",
        String::from_utf8_lossy(&bytes)
    );

    let check = run(carepath().arg("check").arg(&share));
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The schedule of the copy is the original's, milestone by milestone: the JSON export's
    // schedule is the same but for the names.
    let schedule = |plan: &Path| -> serde_json::Value {
        let r = run(carepath()
            .arg("export")
            .arg(plan)
            .args(["--to", "json", "-o", "-"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["schedule"].clone()
    };
    let (a, b) = (schedule(&repo().join(PLAN)), schedule(&share));
    assert_eq!(a["milestones"], b["milestones"]);
    assert_eq!(a["credentials"], b["credentials"]);
    assert_eq!(a["finish"], b["finish"]);
}

#[test]
fn redact_never_writes_over_the_plan() {
    let dir = scratch("privacy-redact-self");
    let plan = dir.join("plan.toml");
    std::fs::copy(repo().join(PLAN), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath().arg("redact").arg(&plan).arg("-o").arg(&plan));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the plan itself"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

/// A roster of the marker plan, under a file name that is the person's name, and a plain plan.
fn marker_roster(dir: &Path) -> PathBuf {
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(repo().join(PLAN), plans.join("mkfirst-mklast.toml")).unwrap();
    std::fs::copy(
        repo().join("fixtures/minimal.toml"),
        plans.join("alex.toml"),
    )
    .unwrap();
    let roster = dir.join("roster.csv");
    std::fs::write(
        &roster,
        "plan,unit\nplans/mkfirst-mklast.toml,MICU\nplans/alex.toml,MICU\n",
    )
    .unwrap();
    roster
}

#[test]
fn cohort_redact_leaves_no_private_field_in_any_output() {
    let dir = scratch("privacy-cohort");
    let roster = marker_roster(&dir);
    let out = dir.join("out");
    cohort_redacted(&roster, &out);
    assert!(
        !out.join("key.csv").exists(),
        "the key only with --keep-key"
    );
    let c = std::fs::read_to_string(out.join("cohort.csv")).unwrap();
    assert!(c.contains("\r\nP001,P001,MICU,"), "{c}");
    assert!(c.contains("\r\nP002,P002,MICU,"), "{c}");

    // The same without --redact shows the markers: the test above looks at the right bytes.
    let plain = dir.join("plain");
    let r = run(carepath().arg("cohort").arg(&roster).arg("-o").arg(&plain));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!leaks(&plain).is_empty());
}

#[test]
fn cohort_keep_key_writes_the_map_from_pseudonym_to_plan() {
    let dir = scratch("privacy-cohort-key");
    let roster = marker_roster(&dir);
    let out = dir.join("out");
    let r = run(carepath()
        .arg("cohort")
        .arg(&roster)
        .args(["--redact", "--keep-key", "-o"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("key.csv")).unwrap(),
        "pseudonym,plan\r\nP001,plans/mkfirst-mklast.toml\r\nP002,plans/alex.toml\r\n"
    );
    let r = run(carepath()
        .arg("cohort")
        .arg(&roster)
        .args(["--keep-key", "-o"])
        .arg(&out));
    assert_eq!(r.code, 2, "--keep-key needs --redact");
}
