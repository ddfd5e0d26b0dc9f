//! The PDF as real tools see it: qpdf checks its structure, pdffonts its font, pdftotext its
//! text. The tools come from the Debian/Ubuntu packages `qpdf` and `poppler-utils`. Without them
//! these tests say SKIPPED on a developer's machine and fail in CI (`CI=true`).

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use carepath_export::Exporter;
use carepath_model::ResolvedPlan;
use carepath_pdf::PdfExporter;
use support::*;

/// Whether `tool` can be run; panics in CI when it can't, so a missing tool never passes there.
fn have(tool: &str) -> bool {
    let arg = if tool == "qpdf" { "--version" } else { "-v" };
    if Command::new(tool).arg(arg).output().is_ok() {
        return true;
    }
    let msg = format!("{tool} not installed (apt-get install qpdf poppler-utils)");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}: CI must run the PDF tool tests");
    }
    // Straight to the process's stderr: libtest would swallow `eprintln!` of a passing test.
    let _ = writeln!(std::io::stderr(), "SKIPPED: {msg}");
    false
}

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carepath-pdf-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_pdf(dir: &Path, name: &str, plan: &ResolvedPlan) -> PathBuf {
    let bytes = PdfExporter::default()
        .export(plan)
        .unwrap()
        .files
        .remove(0)
        .bytes;
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(tool: &str, args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn plans() -> Vec<(&'static str, ResolvedPlan)> {
    vec![
        ("realistic", realistic()),
        ("nasty", resolve_toml(NASTY, AS_OF)),
        (
            "minimal",
            resolve(
                &read(&fixture("minimal.toml"), carepath_model::Format::Toml),
                AS_OF,
            ),
        ),
        ("big400", resolve_toml(&big(400), AS_OF)),
        ("credentials", credentials_plan()),
        ("credentials30", many_credentials(30)),
    ]
}

#[test]
fn qpdf_finds_no_errors() {
    if !have("qpdf") {
        return;
    }
    let dir = scratch("qpdf");
    for (name, plan) in plans() {
        let file = write_pdf(&dir, name, &plan);
        let (ok, out) = run("qpdf", &["--check"], &file);
        assert!(ok, "qpdf --check {name}:\n{out}");
        assert!(
            out.contains("No syntax or stream encoding errors"),
            "{name}: {out}"
        );
    }
}

#[test]
fn pdffonts_shows_an_embedded_unicode_subset() {
    if !have("pdffonts") {
        return;
    }
    let dir = scratch("pdffonts");
    for (name, plan) in plans() {
        let file = write_pdf(&dir, name, &plan);
        let (ok, out) = run("pdffonts", &[], &file);
        assert!(ok, "{out}");
        // name  type  encoding  emb sub uni  object ID
        let fonts: Vec<Vec<&str>> = out
            .lines()
            .skip(2)
            .map(|l| l.split_whitespace().collect())
            .filter(|f: &Vec<&str>| !f.is_empty())
            .collect();
        assert!(!fonts.is_empty(), "{name}: no fonts:\n{out}");
        for f in &fonts {
            let (tag, face) = f[0].split_once('+').unwrap_or(("", f[0]));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{name}: {f:?} has no subset tag"
            );
            assert!(face.starts_with("DejaVuSans"), "{name}: {f:?}");
            let n = f.len();
            assert_eq!(
                &f[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{name}: emb sub uni in {out}"
            );
        }
    }
}

/// Text with every space, line break and the like removed, so wrapped lines compare equal.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdftotext_gives_back_the_name_and_every_milestone_title() {
    if !have("pdftotext") {
        return;
    }
    let dir = scratch("pdftotext");
    let f = carepath_pdf::font::fonts();
    for (name, plan) in plans() {
        let file = write_pdf(&dir, name, &plan);
        let (ok, layout) = run("pdftotext", &["-layout"], &file);
        assert!(ok, "{layout}");
        let person = plan.plan.person.name.trim();
        assert!(
            layout.contains(person),
            "{name}: no {person:?} in pdftotext -layout"
        );
        // Content order keeps each table cell together, so a wrapped title reads in one piece.
        let (ok, raw) = run("pdftotext", &["-raw"], &file);
        assert!(ok, "{raw}");
        let text = squash(&raw);
        for m in &plan.schedule.milestones {
            // What the PDF can show of it: characters the font lacks are a replacement mark.
            let shown = f.clean(&m.title, &mut Default::default());
            assert!(
                text.contains(&squash(&shown)),
                "{name}: pdftotext lost the title {:?}",
                m.title
            );
        }
    }
}

#[test]
fn pdftotext_gives_a_failed_criterion_with_the_milestones_title_and_no_id() {
    if !have("pdftotext") {
        return;
    }
    let dir = scratch("reasons");
    let plan = realistic();
    let file = write_pdf(&dir, "realistic", &plan);
    let (ok, raw) = run("pdftotext", &["-raw"], &file);
    assert!(ok, "{raw}");
    let text = squash(&raw);
    let want =
        "✗ Achievable fails: “Sit the CCRN (Adult) exam” would finish after its own due date";
    assert!(text.contains(&squash(want)), "no {want:?} in:\n{raw}");
    assert!(!raw.contains('`'), "a backtick in:\n{raw}");
    assert!(!raw.contains("ccrn-exam"), "the milestone's id in:\n{raw}");
}

/// What a reader copies out of the Credentials and renewals page: every figure, the renewal
/// by its title, and never the license number the plan carries.
#[test]
fn pdftotext_gives_back_every_credential_figure_and_no_license_number() {
    if !have("pdftotext") {
        return;
    }
    let dir = scratch("credentials");
    let file = write_pdf(&dir, "credentials", &credentials_plan());
    let (ok, raw) = run("pdftotext", &["-raw"], &file);
    assert!(ok, "{raw}");
    let section = raw
        .split("Credentials and renewals\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no section in:\n{raw}"));
    let text = squash(section);
    for want in [
        "CCRN (Adult): acute/critical care nursing certification at risk",
        "Expires 2027-06-30 (9 months away)",
        "This cycle 2024-07-01 → 2027-06-30 · submit by 2027-05-31",
        "CE in total: 54 of 100 CERPs 46 left",
        "Category A: 38 of 60 CERPs 22 left",
        "Category B: 10 of 10 CERPs met",
        "Category C: 6 of 10 CERPs 4 left",
        "Practice: 380 of 432 hours 52 left, 470 by the expiry",
        "Renewal “Renew CCRN: 46 CERPs of CE” · due 2027-05-31 · forecast finish 2027-07-19 \
         (49 days late)",
        "BLS Provider current",
        "Expires 2027-03-31",
        "Renewal course: 0 of 4 hours",
        "Registered nurse license current",
        "US-CA · Expires 2027-06-30",
        "California BRN: RN license renewal (test data) · unverified:",
        "CE in total: 12 of 30 contact hours 18 left",
        "TNCC (Trauma Nursing Core Course) unknown",
        "Expiry unknown",
    ] {
        assert!(text.contains(&squash(want)), "no {want:?} in:\n{section}");
    }
    for (ok, out) in [
        run("pdftotext", &["-raw"], &file),
        run("pdftotext", &["-layout"], &file),
    ] {
        assert!(ok);
        assert!(!out.contains("95123456"), "the license number in:\n{out}");
        assert!(!out.contains("renew-ccrn"), "a renewal's id in:\n{out}");
    }
}

#[test]
fn the_names_of_four_scripts_come_back_as_text() {
    if !have("pdftotext") {
        return;
    }
    let dir = scratch("scripts");
    let file = write_pdf(&dir, "nasty", &resolve_toml(NASTY, AS_OF));
    let (_, text) = run("pdftotext", &["-layout"], &file);
    for s in ["Zoë Nguyễn", "Łukasz Żółć", "Ψυχολόγος", "Ирина"] {
        assert!(text.contains(s), "{s} not in:\n{text}");
    }
}

#[test]
fn snapshot_extracted_text_of_the_nasty_plan() {
    if !have("pdftotext") {
        return;
    }
    let dir = scratch("snapshot");
    let file = write_pdf(&dir, "nasty", &resolve_toml(NASTY, AS_OF));
    let (_, raw) = run("pdftotext", &["-raw"], &file);
    // Whitespace inside a line depends on the poppler version; the words and their order don't.
    let text: String = raw
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|l| l + "\n")
        .collect();
    insta::assert_snapshot!("nasty_extracted_text", text);
}
