//! `carepath export`: outputs, plugins, determinism and atomic files.

use crate::*;

pub fn path_with(dir: &std::path::Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

const GOOD: &[&str] = &[
    "rn-to-acnp.toml",
    "lab-to-data-analytics.json",
    "sonography-student-to-cardiac.toml",
    "cna-to-rn.toml",
    "minimal.toml",
];

#[test]
fn json_document_snapshots() {
    for f in GOOD {
        let r = run(carepath().args([
            "export",
            &format!("fixtures/{f}"),
            "--to",
            "json",
            "-o",
            "-",
        ]));
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["carepath"], "1");
        assert_eq!(v["as_of"], "2026-11-22");
        // The plan's milestones, then the renewal milestones carepath planned for its
        // credentials (each marked, with the credential it renews).
        let scheduled = v["schedule"]["milestones"].as_array().unwrap();
        let own = v["plan"]["milestones"].as_array().unwrap().len();
        assert!(
            scheduled[..own].iter().all(|m| m.get("renewal").is_none()),
            "{f}"
        );
        assert!(
            scheduled[own..]
                .iter()
                .all(|m| m["renewal"] == true && m["credential"].is_string()),
            "{f}"
        );
        insta::assert_snapshot!(format!("json_{f}"), r.stdout);
    }
}

/// The document a plugin receives, exactly.
#[test]
fn plugin_receives_the_documented_json() {
    let plugins = repo().join("tests/plugins");
    let r = run(carepath().env("PATH", path_with(&plugins)).args([
        "export",
        "fixtures/minimal.toml",
        "--to",
        "echo",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["protocol"], 1);
    assert_eq!(v["exporter"], "echo");
    assert_eq!(v["options"]["remind"], serde_json::json!([14, 1]));
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    insta::assert_snapshot!("plugin_input_minimal", pretty);
}

#[test]
fn failing_plugin_shows_its_stderr_and_writes_nothing() {
    let out = scratch("broken-plugin");
    let plugins = repo().join("tests/plugins");
    let r = run(carepath()
        .env("PATH", path_with(&plugins))
        .args([
            "export",
            "fixtures/minimal.toml",
            "--to",
            "json,broken",
            "-o",
        ])
        .arg(format!("{}/", out.display())));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("carepath-export-broken` failed with exit code 3"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("cannot render the plan (test plugin)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing was written, not even the json"
    );
}

#[test]
fn unknown_exporter_gets_did_you_mean() {
    let r = run(carepath().args(["export", "fixtures/minimal.toml", "--to", "jsn", "-o", "-"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `json`?"), "{}", r.stderr);
    assert!(r.stderr.contains("carepath-export-jsn"), "{}", r.stderr);
}

#[test]
fn exporters_lists_builtin_and_external() {
    let plugins = repo().join("tests/plugins");
    let r = run(carepath().env("PATH", path_with(&plugins)).arg("exporters"));
    assert_eq!(r.code, 0);
    for name in ["json", "csv", "ics", "pdf", "echo", "broken"] {
        assert!(
            r.stdout.contains(&format!("  {name} ")),
            "{name} listed:\n{}",
            r.stdout
        );
    }
}

#[test]
fn example_markdown_plugin_runs() {
    let examples = repo().join("examples/plugins");
    let r = run(carepath().env("PATH", path_with(&examples)).args([
        "export",
        "fixtures/rn-to-acnp.toml",
        "--to",
        "markdown",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# "), "{}", r.stdout);
    assert!(r.stdout.contains("Zoë Nguyễn"), "{}", r.stdout);
    assert!(r.stdout.contains("## Milestones"));
}

/// Same plan and as-of date: the same bytes in every format.
#[test]
fn same_input_same_bytes() {
    let a = scratch("same-a");
    let b = scratch("same-b");
    for dir in [&a, &b] {
        let r = run(carepath()
            .args([
                "export",
                "fixtures/rn-to-acnp.toml",
                "--to",
                "pdf,csv,ics,json",
                "-o",
            ])
            .arg(format!("{}/", dir.display())));
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let mut names: Vec<_> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(
        names.len() >= 7,
        "pdf, ics, json and the csv tables: {names:?}"
    );
    for n in names {
        assert_eq!(
            std::fs::read(a.join(&n)).unwrap(),
            std::fs::read(b.join(&n)).unwrap(),
            "{n:?} differs"
        );
    }
}

#[test]
fn output_modes() {
    let dir = scratch("modes");
    let file = dir.join("plan.ics");
    let r = run(carepath()
        .args(["export", "fixtures/minimal.toml", "--to", "ics", "-o"])
        .arg(&file));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
    let r = run(carepath()
        .args(["export", "fixtures/minimal.toml", "--to", "ics,json", "-o"])
        .arg(dir.join("one-file.x")));
    assert_eq!(r.code, 2, "two formats cannot share one file");
    let r = run(carepath().args([
        "export",
        "fixtures/minimal.toml",
        "--to",
        "csv",
        "--table",
        "milestones",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("id,title,kind"), "{}", r.stdout);
    let r = run(carepath()
        .args([
            "export",
            "fixtures/rn-to-acnp.toml",
            "--to",
            "pdf,csv",
            "-o",
        ])
        .arg(format!("{}/new/", dir.display())));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "rn-to-acnp.pdf",
        "milestones.csv",
        "goals.csv",
        "progress.csv",
        "weekly-load.csv",
    ] {
        assert!(dir.join("new").join(f).exists(), "{f} written");
    }
}

/// Text the PDF font cannot draw is shown as a replacement mark and reported, never dropped
/// silently.
#[test]
fn pdf_warns_about_characters_it_cannot_draw() {
    let dir = scratch("emoji");
    let plan = dir.join("emoji.toml");
    std::fs::write(&plan, "format = 1\ntitle = \"Night shift 🚑 plan\"\nstart = 2026-01-05\n[person]\nname = \"Ирина\"\n").unwrap();
    let r = run(carepath()
        .args(["export"])
        .arg(&plan)
        .args(["--to", "pdf", "-o"])
        .arg(dir.join("out.pdf")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning: pdf: the PDF font (DejaVu Sans) has no glyph for '🚑'"),
        "{}",
        r.stderr
    );
    assert!(std::fs::metadata(dir.join("out.pdf")).unwrap().len() > 1000);
}

/// A plan large enough to fill the pipe buffers both ways: stdin is written on its own thread,
/// so a plugin that writes while it reads cannot deadlock the export.
#[test]
fn a_large_plan_through_a_plugin_does_not_deadlock() {
    let dir = scratch("big-plugin");
    let plan = dir.join("big.toml");
    std::fs::write(&plan, carepath_model::generate::big_plan(3_000)).unwrap();
    let plugins = repo().join("tests/plugins");
    let r = run(carepath()
        .env("PATH", path_with(&plugins))
        .arg("export")
        .arg(&plan)
        .args(["--to", "echo", "-o", "-"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schedule"]["milestones"].as_array().unwrap().len(), 3_000);
}

/// Renewals of held credentials reach the calendar and the CSV.
#[test]
fn renewals_of_held_credentials_are_exported() {
    let r = run(carepath().args([
        "export",
        "fixtures/rn-to-acnp.toml",
        "--to",
        "csv",
        "--table",
        "renewals",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert!(
        rows.len() > 1,
        "the RN's held credentials renew:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("rn-license") || r.stdout.contains("bls"),
        "{}",
        r.stdout
    );
    let r = run(carepath().args([
        "export",
        "fixtures/rn-to-acnp.toml",
        "--to",
        "ics",
        "-o",
        "-",
    ]));
    assert!(
        r.stdout.contains("SUMMARY:Renew "),
        "renewal events in the calendar"
    );
}

/// A credential's `number` is private: no export carries it (JSON, every CSV table, the
/// calendar, the PDF), while the credential itself is there.
#[test]
fn a_credential_number_is_in_no_export() {
    let dir = scratch("cred-number");
    let plan = dir.join("numbered.toml");
    std::fs::write(
        &plan,
        "format = 1\ntitle = \"Keep my license\"\nstart = 2026-01-05\n\n[person]\nname = \"Sam Rivera\"\n\
\n\
         [[person.credentials]]\nid = \"rn-license\"\nearned = 2021-06-15\nexpires = 2027-06-30\njurisdiction = \"US-CA\"\nnumber = \"RN 95123456\"\n\n\
         [[person.credentials]]\nid = \"bls\"\nearned = 2025-03-14\nnumber = \"AHA-CARD-4471\"\n\n\
         [capacity]\nhours_per_week = 4\n\n\
         [[milestones]]\nid = \"acls\"\ntitle = \"ACLS course\"\nkind = \"training\"\neffort_hours = 16\nearns = \"acls\"\n\n\
         [[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\ncounts_for = [\"rn-license\"]\n",
    )
    .unwrap();
    let out = dir.join("out");
    let r = run(carepath()
        .arg("export")
        .arg(&plan)
        .args(["--to", "json,csv,ics,pdf", "-o"])
        .arg(format!("{}/", out.display())));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let mut files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for want in [
        "numbered.json",
        "numbered.ics",
        "numbered.pdf",
        "milestones.csv",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["95123456", "AHA-CARD-4471"] {
            assert!(!text.contains(secret), "{} holds {secret}", f.display());
        }
    }
    let json = std::fs::read_to_string(out.join("numbered.json")).unwrap();
    assert!(
        json.contains(r#""jurisdiction": "US-CA""#) || json.contains(r#""jurisdiction":"US-CA""#),
        "the credential itself is exported: {json}"
    );
}

/// With the built-in catalog: each dated credential's expiry (written, or earned plus the
/// catalog's cycle) and status on the as-of date (2026-11-22), in the JSON document; check asks for the one
/// expiry it cannot know.
#[test]
fn credential_expiry_and_status_in_the_json_document() {
    let dir = scratch("cred-status");
    let plan = dir.join("cards.toml");
    std::fs::write(
        &plan,
        "format = 1\ntitle = \"Cards\"\nstart = 2026-01-05\n\n[person]\nname = \"Sam Rivera\"\n\
         credentials = [\"bsn\", { id = \"bls\", earned = 2024-03-14 }, { id = \"ccrn\", jurisdiction = \"US-CA\" }]\n",
    )
    .unwrap();
    let r = run(carepath()
        .arg("export")
        .arg(&plan)
        .args(["--to", "json", "-o", "-"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    // BLS: an AHA card expires at the end of the month two years after it was earned; the
    // cycle is over, so no renewal is planned for it, and it says so.
    assert_eq!(
        v["schedule"]["credentials"],
        serde_json::json!([
            {"id": "bls", "name": "Basic Life Support provider course", "jurisdiction": null,
             "earned": "2024-03-14", "expires": "2026-03-31", "status": "lapsed",
             "rule": {"source": "AHA (not retrieved) (2026)", "verified": false, "months": 24,
                      "unit": "contact hours"},
             "cycles": [{"start": "2024-03-14", "expires": "2026-03-31", "submit_by": "2026-03-01",
                         "requirements": [{"requirement": "course", "required": 3.0, "counted": 0.0,
                                           "remaining": 3.0, "met": false, "unit": "hours"}],
                         "renewal_milestone": null, "forecast_finish": null}],
             "attention": "`bls` expired on 2026-03-31, 236 days before the as-of date 2026-11-22"},
            {"id": "ccrn",
             "name": "Critical care registered nurse certification (adult, pediatric or neonatal)",
             "jurisdiction": "US-CA", "earned": null, "expires": null, "status": "unknown",
             "rule": {"source": "AACN (2026)", "verified": true, "months": 36, "unit": "CERPs"},
             "cycles": []}
        ])
    );
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("warning[W016]: the expiry of `ccrn` is unknown: no `expires` is written and it has no `earned` date to count the catalog's renewal cycle from"),
        "{}",
        r.stdout
    );
}

/// `--remind-expiry` is checked where it is parsed (exit 2 with the flag named), and reaches
/// the exporters' options.
#[test]
fn remind_expiry_is_checked_and_passed_on() {
    for bad in ["90,sixty", "-7", "4000", "7.5"] {
        let r = run(carepath().args([
            "export",
            "fixtures/minimal.toml",
            "--to",
            "ics",
            "-o",
            "-",
            &format!("--remind-expiry={bad}"),
        ]));
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("--remind-expiry"), "{bad}: {}", r.stderr);
        assert!(
            r.stderr.contains("whole number of days") || r.stderr.contains("unexpected argument"),
            "{bad}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{bad}: nothing is written");
    }
    let plugins = repo().join("tests/plugins");
    let r = run(carepath().env("PATH", path_with(&plugins)).args([
        "export",
        "fixtures/minimal.toml",
        "--to",
        "echo",
        "-o",
        "-",
        "--remind-expiry",
        "60,14",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["options"]["remind_expiry"], serde_json::json!([60, 14]));
    assert_eq!(v["options"]["remind"], serde_json::json!([14, 1]));
}

/// The new CSV tables are there by name, with their header row.
#[test]
fn csv_credential_tables_by_name() {
    for (table, header) in [
        (
            "credentials",
            "credential,name,jurisdiction,earned,cycle_start,expires,",
        ),
        (
            "ce-requirements",
            "credential,expires,requirement,required,",
        ),
        (
            "ce",
            "date,title,hours,category,topics,counted_for,provider\r\n",
        ),
    ] {
        let r = run(carepath().args([
            "export",
            "fixtures/minimal.toml",
            "--to",
            "csv",
            "--table",
            table,
            "-o",
            "-",
        ]));
        assert_eq!(r.code, 0, "{table}: {}", r.stderr);
        assert!(r.stdout.starts_with(header), "{table}: {}", r.stdout);
    }
}
