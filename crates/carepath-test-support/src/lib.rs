//! What the tests of carepath's crates (a dev-dependency of carepath-csv and carepath-ics) and
//! the fuzz targets (`fuzz/`) share: a plan that must be valid, read and resolved the way the
//! CLI does it; the repository's example plans; and the iCalendar wire format as a strict
//! importer applies it. Not published.

use std::path::{Path, PathBuf};

use carepath_model::{CheckedPlan, Format, ResolvedPlan};
use jiff::civil::Date;

/// Reads and checks plan bytes that must be a valid plan (warnings are fine); panics with the
/// errors otherwise. `name` says which plan in the message.
pub fn checked(bytes: &[u8], format: Format, name: &str) -> CheckedPlan {
    let checked = carepath_model::check(bytes, format, None);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{d:?}"))
        .collect();
    match checked.plan {
        Some(plan) if !checked.has_errors() => plan,
        _ => panic!("{name} does not check: {errors:#?}"),
    }
}

/// [`checked`], then resolved by the planning engine as of `as_of`, without a catalog (so no
/// renewals and no gap).
pub fn resolved(bytes: &[u8], format: Format, name: &str, as_of: Date) -> ResolvedPlan {
    carepath_model::resolve(&checked(bytes, format, name), as_of, None)
}

/// The repository's `fixtures/` folder.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The repository's example plans (`fixtures/*.toml` and `fixtures/*.json`, not the bad ones in
/// `fixtures/bad/`), in name order.
pub fn fixture_paths() -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file() && p.to_str().and_then(Format::from_path).is_some())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 5,
        "the example plans went missing: {paths:?}"
    );
    paths
}

/// One example plan: its file stem, format and bytes.
pub fn fixture(path: &Path) -> (String, Format, Vec<u8>) {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 file name")
        .to_string();
    let format = path
        .to_str()
        .and_then(Format::from_path)
        .expect("a .toml or .json file");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (stem, format, bytes)
}

/// [`checked`], with the shifts of the plan's roster file (`capacity.roster.file`, relative to
/// `path`'s folder) read as the CLI reads them; panics when the roster cannot be read.
pub fn checked_at(path: &Path, bytes: &[u8], format: Format) -> CheckedPlan {
    let name = path.display().to_string();
    let plan = checked(bytes, format, &name);
    let Some(spec) = plan.plan().capacity.roster.clone() else {
        return plan;
    };
    let file = path.parent().unwrap_or(Path::new("")).join(&spec.file);
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{name}: roster {}: {e}", file.display()));
    let roster = carepath_ics::roster::read(&text, spec.match_.as_deref())
        .unwrap_or_else(|e| panic!("{name}: roster {}: {e}", file.display()));
    plan.with_roster(roster)
}

/// One example plan resolved as of `as_of` (its roster file read, as the CLI does), with its
/// file stem.
pub fn resolved_fixture(path: &Path, as_of: Date) -> (String, ResolvedPlan) {
    let (stem, format, bytes) = fixture(path);
    let plan = carepath_model::resolve(&checked_at(path, &bytes, format), as_of, None);
    (stem, plan)
}

/// Every example plan resolved as of `as_of`, with its file stem, in name order.
pub fn fixtures(as_of: Date) -> Vec<(String, ResolvedPlan)> {
    fixture_paths()
        .iter()
        .map(|p| resolved_fixture(p, as_of))
        .collect()
}

/// The longest physical line of an iCalendar file, in octets, CRLF not counted (RFC 5545 §3.1).
pub const ICS_MAX_LINE_OCTETS: usize = 75;

/// RFC 5545 §3.1 as a strict importer applies it: CRLF after every line and nowhere else, no
/// empty line, no physical line longer than 75 octets.
pub fn assert_ics_wire_format(ics: &str) {
    assert!(ics.ends_with("\r\n"), "the calendar must end with CRLF");
    let body = &ics[..ics.len() - 2];
    for (i, line) in body.split("\r\n").enumerate() {
        assert!(
            line.len() <= ICS_MAX_LINE_OCTETS,
            "line {} has {} octets: {line:?}",
            i + 1,
            line.len()
        );
        assert!(
            !line.contains(['\r', '\n']),
            "line {} holds a bare CR or LF: {line:?}",
            i + 1
        );
        assert!(!line.is_empty(), "line {} is empty", i + 1);
    }
}
