//! `carepath credentials`, and the credentials that need attention in `show` and `status`, on
//! the realistic fixtures (as-of date 2026-11-22).

use crate::{carepath, run, scratch, skip_or_fail};

fn credentials(plan: &str, json: bool) -> String {
    let mut cmd = carepath();
    if json {
        cmd.args(["--format", "json"]);
    }
    let r = run(cmd.args(["credentials", plan]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    r.stdout
}

/// The RN plan, read as a nurse educator would: the California license needs 30 contact hours,
/// the log gives 14.5, the plan places the other 15.5 by 2027-03-28, well before the
/// 2027-05-31 submission date; the AHA cards expire at the end of their month; CCRN, earned by
/// the exam, renews three years later with 100 CERPs and its practice hours.
#[test]
fn rn_plan_credentials() {
    let text = credentials("fixtures/rn-to-acnp.toml", false);
    for line in [
        "Registered nurse license (NCLEX-RN) (rn-license)  current",
        "  expires 2027-06-30 · US-CA · earned 2021-06-15",
        "  cycle 2025-07-01 to 2027-06-30, renewal work due 2027-05-31",
        "  total              30      14.5      15.5  h",
        "  renewal: renew-rn-license-2027-06-30, forecast to finish 2027-03-28",
        "  expires 2027-03-31 · earned 2025-03-14",
        "  expires 2030-11-10 · earned by ccrn-exam, forecast 2027-11-10",
        "  Category A                   60         0        60  CERPs",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    assert!(
        !text.contains("95123456"),
        "the license number is private:\n{text}"
    );
    insta::assert_snapshot!("rn_plan_credentials", text);
}

/// The NP plan: AANPCB's 25 pharmacology hours are inside the 100, so the 19 logged count
/// toward both; practice hours come from the NP experience (24 hours a week since 2022-09-06);
/// the same CE log counts for the Texas license too.
#[test]
fn np_plan_credentials() {
    let text = credentials("fixtures/fnp-renewal.toml", false);
    for line in [
        "  total                100        57        43  h",
        "  pharmacology          25        19         6  h",
        "  practice hours     1,000  5,276.57         0  h met forecast 6,185.14 by the expiry",
        "  total                           20         7        13  h",
        "  jurisprudence-and-ethics         2         2         0  h met",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    insta::assert_snapshot!("np_plan_credentials", text);
    let v: serde_json::Value =
        serde_json::from_str(&credentials("fixtures/fnp-renewal.toml", true)).unwrap();
    let fnp = v["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fnp-bc")
        .unwrap();
    assert_eq!(fnp["status"], "current");
    assert_eq!(
        fnp["cycles"][0]["renewal_milestone"],
        "renew-fnp-bc-2027-08-14"
    );
    assert_eq!(
        fnp["cycles"][0]["requirements"][1]["requirement"],
        "topic:pharmacology"
    );
    assert_eq!(fnp["cycles"][0]["requirements"][1]["counted"], 19.0);
    assert!(!v.to_string().contains("F0822123"));
}

/// `status` and `show` end with the credentials that need attention, and only then.
#[test]
fn status_and_show_point_at_credentials_that_need_attention() {
    for cmd in ["status", "show"] {
        let r = run(carepath().args([cmd, "fixtures/bad/renewal-at-risk.toml"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let tail = r
            .stdout
            .split("Credentials that need attention")
            .nth(1)
            .unwrap_or_else(|| panic!("{cmd}: no attention block:\n{}", r.stdout));
        let words = tail.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("at-risk `ccrn` expires 2027-06-30; 80 CERPs of CE (Category A: 40, Category B: 10, Category C: 10) are missing"),
            "{cmd}:\n{tail}"
        );
        let r = run(carepath().args([cmd, "fixtures/fnp-renewal.toml"]));
        assert!(
            !r.stdout.contains("Credentials that need attention"),
            "{cmd}: nothing needs attention:\n{}",
            r.stdout
        );
    }
}

/// The private license and certificate numbers are in no output of any command or format.
#[test]
fn numbers_are_in_no_output() {
    let dir = scratch("numbers-everywhere");
    let secrets = ["95123456", "812345", "F0822123"];
    for plan in ["fixtures/rn-to-acnp.toml", "fixtures/fnp-renewal.toml"] {
        let out = dir.join(
            plan.trim_start_matches("fixtures/")
                .trim_end_matches(".toml"),
        );
        let r = run(carepath()
            .args(["export", plan, "--to", "json,csv,ics,pdf", "-o"])
            .arg(format!("{}/", out.display())));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut texts = Vec::new();
        for f in std::fs::read_dir(&out).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "pdf") {
                match std::process::Command::new("pdftotext")
                    .arg(&f)
                    .arg("-")
                    .output()
                {
                    Ok(o) => {
                        texts.push((f.clone(), String::from_utf8_lossy(&o.stdout).into_owned()))
                    }
                    Err(_) => skip_or_fail("pdftotext", "apt install poppler-utils"),
                }
            }
            texts.push((
                f.clone(),
                String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned(),
            ));
        }
        for args in [
            vec!["check", plan],
            vec!["show", plan],
            vec!["status", plan],
            vec!["credentials", plan],
            vec!["--format", "json", "credentials", plan],
            vec!["--format", "json", "status", plan],
        ] {
            let r = run(carepath().args(&args));
            texts.push((args.join(" ").into(), r.stdout + &r.stderr));
        }
        assert!(texts.len() > 10, "{texts:?}");
        for (from, text) in &texts {
            for s in secrets {
                assert!(!text.contains(s), "{} shows {s}", from.display());
            }
        }
    }
}

/// The RN plan's calendar, read by Python's `icalendar`: one expiry event per credential cycle
/// of the JSON document, each with the four default reminders, all UIDs distinct.
#[test]
fn one_expiry_event_per_cycle_with_four_alarms() {
    let py = std::env::var("CAREPATH_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_icalendar = std::process::Command::new(&py)
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_icalendar {
        skip_or_fail("python icalendar", "scripts/test creates .venv with it");
        return;
    }
    let dir = scratch("expiry-events");
    let ics = dir.join("plan.ics");
    let r = run(carepath()
        .args(["export", "fixtures/rn-to-acnp.toml", "--to", "ics", "-o"])
        .arg(&ics));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&credentials("fixtures/rn-to-acnp.toml", true)).unwrap();
    let mut cycles: Vec<String> = v["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cycles"].as_array().unwrap().iter())
        .map(|c| c["expires"].as_str().unwrap().to_string())
        .collect();
    cycles.sort();
    let out = std::process::Command::new(py)
        .arg("-c")
        .arg(
            "import icalendar, sys\n\
             cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
             ev = list(cal.walk('VEVENT'))\n\
             assert len({str(e['UID']) for e in ev}) == len(ev)\n\
             for e in ev:\n\
             \x20   if str(e['SUMMARY']).startswith('Expires: '):\n\
             \x20       days = sorted(-a['TRIGGER'].dt.days for a in e.walk('VALARM'))\n\
             \x20       print(e['DTSTART'].dt, days)\n",
        )
        .arg(&ics)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut got: Vec<&str> = text.lines().collect();
    got.sort();
    assert_eq!(got.len(), cycles.len(), "{text}");
    assert_eq!(
        cycles.len(),
        10,
        "3 license, 3 BLS, 3 ACLS and 1 CCRN cycle: {cycles:?}"
    );
    for (line, expires) in got.iter().zip(&cycles) {
        assert_eq!(*line, format!("{expires} [7, 30, 60, 90]"));
    }
}

/// The PDF's "Credentials and renewals" pages for the RN plan, as pdftotext reads them: the same
/// figures as `carepath credentials`.
#[test]
fn rn_plan_pdf_credentials_pages() {
    let dir = scratch("pdf-credentials");
    let pdf = dir.join("plan.pdf");
    let r = run(carepath()
        .args(["export", "fixtures/rn-to-acnp.toml", "--to", "pdf", "-o"])
        .arg(&pdf));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let Ok(out) = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        skip_or_fail("pdftotext", "apt install poppler-utils");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| p.trim_start().starts_with("Credentials and renewals"))
        .collect();
    assert!(!pages.is_empty(), "no credentials page:\n{text}");
    let section = pages.join("\n---- page break ----\n");
    let words = section.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "US-CA · Expires 2027-06-30 (7 months away) · earned 2021-06-15 · renews every 24 months",
        "Renewal rule for US-CA: California BRN (not retrieved) (2026) · unverified",
        "This cycle 2025-07-01 → 2027-06-30 · submit by 2027-05-31",
        "CE in total: 14.5 of 30 contact hours 15.5 left",
        "due 2027-05-31 · forecast finish 2027-03-28 (64 days spare)",
        "Expires 2027-03-31 (4 months away) · earned 2025-03-14",
        "Renewal course: 0 of 3 hours 3 left",
        "earned 2027-11-10 by “Sit the CCRN (Adult) exam” (forecast)",
        "Category A: 0 of 60 CERPs 60 left",
        "Practice: 0 of 432 hours 432 left, 5,641.71 by the expiry",
    ] {
        assert!(words.contains(want), "missing {want:?} in:\n{section}");
    }
    assert!(!section.contains("95123456"));
    insta::assert_snapshot!("rn_plan_pdf_credentials", section);
}
