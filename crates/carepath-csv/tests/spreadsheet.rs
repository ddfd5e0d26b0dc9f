//! A real spreadsheet opens the tables: LibreOffice Calc, headless, converts every CSV file to a
//! flat OpenDocument spreadsheet (FODS, plain XML), and every cell is checked: date columns hold
//! dates, number columns numbers, boolean columns booleans, text columns the text as written, and
//! no cell anywhere is a formula, though the import evaluates formulas as a user's would.
//!
//! Needs `soffice` (Debian: `libreoffice-calc-nogui`). Without it the test says SKIPPED and
//! passes, except under `CI=true`, where it fails.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use carepath_csv::{CellType, Table};
use common::{context, read_back, try_export};

/// CSV import options, by position: field separator (ASCII code), text delimiter `"`, UTF-8
/// (76), start at line 1, no column formats, language English (USA), quoted fields not forced
/// to text, detect special numbers (dates) ON, then three export-only tokens, no sheet, and
/// evaluate formulas ON: the defaults a person double-clicking the file gets, at their worst.
fn infilter(separator: u8) -> String {
    format!("CSV:{separator},34,76,1,,1033,false,true,false,false,false,,true")
}

#[test]
fn libreoffice_reads_dates_numbers_booleans_and_text_never_formulas() {
    let Some(soffice) = soffice() else { return };
    let started = Instant::now();
    let dir = TempDir::new("tables");
    let plan = common::hostile();

    let mut files = Vec::new();
    for t in Table::ALL {
        let path = dir.0.join(format!("{}.csv", t.name()));
        std::fs::write(&path, try_export(&plan, &context(), t.name()).unwrap()).unwrap();
        files.push((t, path));
    }
    // The example plans, through the real planning engine.
    for path in common::fixtures() {
        let (stem, fixture) = common::resolve_fixture(&path);
        for t in Table::ALL {
            let path = dir.0.join(format!("{stem}-{}.csv", t.name()));
            std::fs::write(&path, try_export(&fixture, &context(), t.name()).unwrap()).unwrap();
            files.push((t, path));
        }
    }
    // The harness must be able to see a formula, or "no formula" proves nothing.
    let control = dir.0.join("control.csv");
    std::fs::write(&control, "a,b\r\n=1+2,=SUM(1;2)\r\n").unwrap();

    let mut inputs: Vec<&Path> = files.iter().map(|(_, p)| p.as_path()).collect();
    inputs.push(&control);
    let out = convert(&soffice, &dir.0, b',', &inputs);

    let control = parse_fods(&read(&out.join("control.fods")));
    assert!(
        control[1].iter().all(|c| c.formula.is_some()),
        "the control file's formulas are formulas: {control:?}"
    );

    for (table, csv_path) in &files {
        let stem = csv_path.file_stem().unwrap().to_string_lossy();
        let xml = read(&out.join(format!("{stem}.fods")));
        assert!(
            !xml.contains("table:formula"),
            "{stem}: no cell became a formula"
        );
        check_sheet(
            &stem,
            &|c| table.cell_type(c),
            &std::fs::read(csv_path).unwrap(),
            b',',
            &xml,
        );
    }
    eprintln!(
        "LibreOffice converted {} tables in {:?}",
        files.len(),
        started.elapsed()
    );
}

/// `--delimiter ';' --bom`: what a person in a decimal-comma locale would use with older Excel.
#[test]
fn libreoffice_reads_semicolons_and_the_bom() {
    let Some(soffice) = soffice() else { return };
    let dir = TempDir::new("semicolon");
    let plan = common::hostile();
    let mut ctx = context();
    ctx.delimiter = ';';
    ctx.bom = true;
    let mut inputs = Vec::new();
    let mut written = Vec::new();
    for t in [Table::Milestones, Table::Goals] {
        let path = dir.0.join(format!("{}.csv", t.name()));
        let bytes = try_export(&plan, &ctx, t.name()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        inputs.push(path);
        written.push((t, bytes));
    }
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let out = convert(&soffice, &dir.0, b';', &inputs);
    for (t, bytes) in written {
        let xml = read(&out.join(format!("{}.fods", t.name())));
        assert!(!xml.contains("table:formula"));
        let sheet = parse_fods(&xml);
        assert_eq!(
            sheet[0][0].text,
            t.columns()[0],
            "the BOM is not part of a cell"
        );
        check_sheet(t.name(), &|c| t.cell_type(c), &bytes[3..], b';', &xml);
    }
}

/// The credential tables of the sample plan in Calc: every cell typed as its column says, and
/// named cells checked one by one (CCRN's expiry a date, its CERPs numbers, `met` a boolean), so
/// the check cannot pass on an empty table.
#[test]
fn libreoffice_reads_credential_dates_and_ce_numbers() {
    let Some(soffice) = soffice() else { return };
    let dir = TempDir::new("credentials");
    let plan = common::sample();
    let tables = [Table::Credentials, Table::CeRequirements, Table::Ce];
    let mut inputs = Vec::new();
    let mut written = Vec::new();
    for t in tables {
        let path = dir.0.join(format!("{}.csv", t.name()));
        let bytes = try_export(&plan, &context(), t.name()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        inputs.push(path);
        written.push((t, bytes));
    }
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let out = convert(&soffice, &dir.0, b',', &inputs);
    let mut sheets = Vec::new();
    for (t, bytes) in &written {
        let xml = read(&out.join(format!("{}.fods", t.name())));
        assert!(!xml.contains("table:formula"), "{}", t.name());
        check_sheet(t.name(), &|c| t.cell_type(c), bytes, b',', &xml);
        sheets.push(parse_fods(&xml));
    }
    let cell = |sheet: &Vec<Vec<Cell>>, table: Table, row: usize, column: &str| {
        let c = table.columns().iter().position(|c| *c == column).unwrap();
        let cell = sheet[row][c].clone();
        (
            cell.value_type.unwrap_or_default(),
            cell.value.unwrap_or(cell.text),
        )
    };
    let (credentials, requirements, ce) = (&sheets[0], &sheets[1], &sheets[2]);
    assert_eq!(credentials.len(), 4, "a header and three cycles");
    let ccrn = 3;
    assert_eq!(
        cell(credentials, Table::Credentials, ccrn, "credential"),
        ("string".into(), "ccrn".into())
    );
    for (column, want) in [
        ("earned", "2024-07-01"),
        ("cycle_start", "2024-07-01"),
        ("expires", "2027-06-30"),
        ("submit_by", "2027-05-31"),
        ("renewal_forecast_finish", "2027-07-19"),
    ] {
        assert_eq!(
            cell(credentials, Table::Credentials, ccrn, column),
            ("date".into(), want.into()),
            "{column}"
        );
    }
    for (column, want) in [
        ("ce_required", "100"),
        ("ce_counted", "54"),
        ("ce_remaining", "46"),
    ] {
        assert_eq!(
            cell(credentials, Table::Credentials, ccrn, column),
            ("float".into(), want.into()),
            "{column}"
        );
    }
    assert_eq!(
        cell(credentials, Table::Credentials, 1, "ce_counted"),
        ("float".into(), "6.5".into()),
        "the RN license's contact hours"
    );
    assert_eq!(
        cell(credentials, Table::Credentials, ccrn, "rule_verified"),
        ("boolean".into(), "true".into())
    );
    // ccrn's category:A row and its practice row.
    let (a, practice) = (4, 7);
    assert_eq!(
        cell(requirements, Table::CeRequirements, a, "requirement"),
        ("string".into(), "category:A".into())
    );
    assert_eq!(
        cell(requirements, Table::CeRequirements, a, "expires"),
        ("date".into(), "2027-06-30".into())
    );
    for (column, want) in [("required", "60"), ("counted", "38"), ("remaining", "22")] {
        assert_eq!(
            cell(requirements, Table::CeRequirements, a, column),
            ("float".into(), want.into()),
            "{column}"
        );
    }
    assert_eq!(
        cell(requirements, Table::CeRequirements, a, "met"),
        ("boolean".into(), "false".into())
    );
    assert_eq!(
        cell(requirements, Table::CeRequirements, practice, "forecast"),
        ("float".into(), "470".into())
    );
    assert_eq!(
        cell(ce, Table::Ce, 4, "hours"),
        ("float".into(), "1.5".into())
    );
    assert_eq!(
        cell(ce, Table::Ce, 6, "title"),
        ("string".into(), "'=Vasopressors: what changed".into()),
        "a formula-looking title stays text"
    );
}

/// Every cell of one converted CSV file against the type its column's header names.
fn check_sheet(
    name: &str,
    types: &dyn Fn(&str) -> Option<CellType>,
    csv: &[u8],
    delimiter: u8,
    xml: &str,
) {
    let rows = read_back(csv, delimiter);
    let sheet = parse_fods(xml);
    assert_eq!(
        sheet.len(),
        rows.len(),
        "{name}: one spreadsheet row per CSV record"
    );
    for (r, (row, cells)) in rows.iter().zip(&sheet).enumerate() {
        assert!(
            cells[row.len().min(cells.len())..]
                .iter()
                .all(|c| c.value_type.is_none()),
            "{name} row {r}: nothing beyond the last column"
        );
        for (c, field) in row.iter().enumerate() {
            let cell = cells.get(c).cloned().unwrap_or_default();
            let at = format!("{name} row {r} column {} ({field:?}): {cell:?}", c + 1);
            assert!(cell.formula.is_none(), "{at}: a formula");
            // By the header's name: a plan with shifts has more weekly-load columns.
            let ty = types(&rows[0][c])
                .unwrap_or_else(|| panic!("{name}: no type for column {:?}", rows[0][c]));
            if r == 0 || ty == CellType::Text {
                // Calc shows a lone CR or a CRLF as a line break; everything else is exact.
                let want = field.replace("\r\n", "\n").replace('\r', "\n");
                if want.is_empty() {
                    assert_eq!(cell.value_type, None, "{at}");
                } else {
                    assert_eq!(cell.value_type.as_deref(), Some("string"), "{at}");
                    assert_eq!(cell.text, want, "{at}");
                }
                continue;
            }
            if field.is_empty() {
                assert_eq!(cell.value_type, None, "{at}: empty stays empty");
                continue;
            }
            match ty {
                CellType::Date => {
                    assert_eq!(cell.value_type.as_deref(), Some("date"), "{at}");
                    assert_eq!(cell.value.as_deref(), Some(field.as_str()), "{at}");
                }
                CellType::Number => {
                    assert_eq!(cell.value_type.as_deref(), Some("float"), "{at}");
                    let got: f64 = cell.value.as_deref().unwrap().parse().unwrap();
                    assert_eq!(got, field.parse::<f64>().unwrap(), "{at}");
                }
                CellType::Boolean => {
                    assert_eq!(cell.value_type.as_deref(), Some("boolean"), "{at}");
                    let want = if field == "TRUE" { "true" } else { "false" };
                    assert_eq!(cell.value.as_deref(), Some(want), "{at}");
                }
                CellType::Text => unreachable!(),
            }
        }
    }
}

/// Runs the conversion with a fresh LibreOffice profile (two instances sharing one would lock
/// each other out), and returns the output directory.
fn convert(soffice: &Path, dir: &Path, separator: u8, inputs: &[&Path]) -> PathBuf {
    let out = dir.join("out");
    let profile = dir.join("profile");
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore", "--nolockcheck"])
    .arg(format!("--infilter={}", infilter(separator)))
    .args(["--convert-to", "fods", "--outdir"])
    .arg(&out)
    .args(inputs)
    .env("HOME", dir)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("soffice starts");
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("soffice did not finish within 3 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "soffice failed: {log}");
    for input in inputs {
        let stem = input.file_stem().unwrap().to_string_lossy();
        assert!(
            out.join(format!("{stem}.fods")).exists(),
            "soffice wrote no {stem}.fods: {log}"
        );
    }
    out
}

fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|d| ["soffice", "libreoffice"].map(|n| d.join(n)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "LibreOffice is not installed, and CI must run the spreadsheet test: \
                 apt-get install -y libreoffice-calc-nogui"
            );
        }
        // Straight to stderr: the test harness hides `eprintln!` of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: LibreOffice not installed (apt-get install libreoffice-calc-nogui); \
             the CSV files were not opened in a real spreadsheet"
        );
    }
    found
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "carepath-csv-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// One cell of a FODS sheet, as Calc typed it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Cell {
    /// `office:value-type`: string, float, date, boolean, percentage…; None for an empty cell.
    value_type: Option<String>,
    /// `office:value`, `office:date-value` or `office:boolean-value`.
    value: Option<String>,
    formula: Option<String>,
    /// The displayed text, paragraphs joined with `\n`.
    text: String,
}

/// The first sheet's rows, read with just enough XML to follow Calc's own output: rows, cells
/// (with their repeat counts), paragraphs, `text:s`, `text:tab`, `text:line-break` and the five
/// predefined entities. Trailing empty rows and cells are left out.
fn parse_fods(xml: &str) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut tables = 0;
    let mut cell: Option<(Cell, usize, usize)> = None; // cell, repeat, paragraphs so far
    let mut in_paragraph = false;
    let mut row_repeat = 1;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        if in_paragraph && let Some((c, _, _)) = cell.as_mut() {
            c.text.push_str(&unescape(&rest[..lt]));
        }
        let gt = rest[lt..].find('>').expect("tags close") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match (name, closing) {
            ("table:table", false) => tables += 1,
            ("table:table", true) if tables == 1 => break,
            _ if tables != 1 => {}
            ("table:table-row", false) => {
                row_repeat =
                    attr(tag, "table:number-rows-repeated").map_or(1, |n| n.parse().unwrap());
                rows.push(Vec::new());
            }
            ("table:table-row", true) => {
                let row = rows.last().cloned().unwrap_or_default();
                let empty = row.iter().all(|c| c.value_type.is_none());
                if empty {
                    // Calc pads the sheet with huge repeated empty rows; they hold nothing.
                    row_repeat = 1;
                }
                for _ in 1..row_repeat {
                    rows.push(row.clone());
                }
            }
            ("table:table-cell" | "table:covered-table-cell", false) => {
                let c = Cell {
                    value_type: attr(tag, "office:value-type").map(unescape),
                    value: attr(tag, "office:value")
                        .or_else(|| attr(tag, "office:date-value"))
                        .or_else(|| attr(tag, "office:boolean-value"))
                        .map(unescape),
                    formula: attr(tag, "table:formula").map(unescape),
                    text: String::new(),
                };
                let repeat =
                    attr(tag, "table:number-columns-repeated").map_or(1, |n| n.parse().unwrap());
                if self_closing {
                    push_cell(rows.last_mut().unwrap(), c, repeat);
                } else {
                    cell = Some((c, repeat, 0));
                }
            }
            ("table:table-cell" | "table:covered-table-cell", true) => {
                if let Some((c, repeat, _)) = cell.take() {
                    push_cell(rows.last_mut().unwrap(), c, repeat);
                }
            }
            ("text:p", false) => {
                if let Some((c, _, paragraphs)) = cell.as_mut() {
                    if *paragraphs > 0 {
                        c.text.push('\n');
                    }
                    *paragraphs += 1;
                    in_paragraph = !self_closing;
                }
            }
            ("text:p", true) => in_paragraph = false,
            ("text:s", false) if in_paragraph => {
                let n = attr(tag, "text:c").map_or(1, |n| n.parse().unwrap());
                if let Some((c, _, _)) = cell.as_mut() {
                    c.text.extend(std::iter::repeat_n(' ', n));
                }
            }
            ("text:tab", false) if in_paragraph => {
                if let Some((c, _, _)) = cell.as_mut() {
                    c.text.push('\t');
                }
            }
            ("text:line-break", false) if in_paragraph => {
                if let Some((c, _, _)) = cell.as_mut() {
                    c.text.push('\n');
                }
            }
            _ => {}
        }
    }
    while rows
        .last()
        .is_some_and(|r| r.iter().all(|c| c.value_type.is_none()))
    {
        rows.pop();
    }
    rows
}

fn push_cell(row: &mut Vec<Cell>, cell: Cell, repeat: usize) {
    // Repeated empty cells pad the row to the sheet's width; only real cells matter.
    let repeat = if cell.value_type.is_none() {
        repeat.min(64)
    } else {
        repeat
    };
    for _ in 0..repeat {
        row.push(cell.clone());
    }
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_fods_reader_reads_what_calc_writes() {
    let xml = r#"<office:body><table:table table:name="t">
    <table:table-row>
     <table:table-cell office:value-type="date" office:date-value="2026-01-05" calcext:value-type="date">
      <text:p>2026-01-05</text:p>
     </table:table-cell>
     <table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="-3">
      <text:p>-3</text:p>
     </table:table-cell>
     <table:table-cell/>
     <table:table-cell office:value-type="string"><text:p><text:s text:c="2"/>a<text:tab/>&apos;=b&amp;</text:p><text:p/><text:p>c</text:p>
     </table:table-cell>
     <table:table-cell table:formula="of:=1+2" office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>
    </table:table-row>
    <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
   </table:table><table:table table:name="second"><table:table-row/></table:table>"#;
    let rows = parse_fods(xml);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.len(), 6);
    assert_eq!(r[0].value.as_deref(), Some("2026-01-05"));
    assert_eq!(r[1], r[2]);
    assert_eq!(r[2].value.as_deref(), Some("-3"));
    assert_eq!(r[3], Cell::default());
    assert_eq!(r[4].text, "  a\t'=b&\n\nc");
    assert_eq!(r[4].formula, None);
    assert_eq!(r[5].formula.as_deref(), Some("of:=1+2"));
}

/// The fixture roster's `cohort.csv` and `expiries.csv`, made as `carepath cohort` makes them
/// (each plan checked and resolved with the embedded catalog as of 2026-11-22, the model's line
/// and expiries, these writers; the command's short credential names left out, text either
/// way), in Calc: dates are dates, days, hours and percent numbers, and
/// text (a name, a unit, the roster's `2026-03` start month) stays text. Named cells are checked
/// one by one, so the check cannot pass on an empty table.
#[test]
fn libreoffice_reads_the_cohort_tables() {
    use carepath_model::cohort::{self, Cohort, Member};
    let Some(soffice) = soffice() else { return };
    let catalog = carepath_catalog::Catalog::embedded();
    let as_of = jiff::civil::date(2026, 11, 22);
    let roster = carepath_test_support::fixtures_dir().join("cohort");
    let list = read(&roster.join("roster.csv"));
    let mut lines = list.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut c = Cohort {
        extra_columns: header[3..].iter().map(|s| s.to_string()).collect(),
        ..Cohort::default()
    };
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let mut member = Member {
            plan: cells[0].into(),
            person: String::new(),
            unit: cells[1].into(),
            group: cells[2].into(),
            extra: cells[3..].iter().map(|s| s.to_string()).collect(),
            summary: None,
            expiries: Vec::new(),
            errors: 1,
            warnings: 0,
            credentials: Vec::new(),
        };
        if let Ok(bytes) = std::fs::read(roster.join(cells[0]))
            && let Some(plan) =
                carepath_model::check(&bytes, carepath_model::Format::Toml, Some(catalog)).plan
        {
            let resolved = carepath_model::resolve(&plan, as_of, Some(catalog));
            member.person = resolved.plan.person.name.clone();
            member.errors = 0;
            member.summary = Some(cohort::summarize(&resolved));
            member.expiries = cohort::expiries(&resolved, 90);
        }
        c.members.push(member);
    }
    let dir = TempDir::new("cohort");
    let cohort_csv = carepath_csv::cohort::cohort_csv(&c).unwrap();
    let expiries_csv = carepath_csv::cohort::expiries_csv(&c).unwrap();
    let (a, b) = (dir.0.join("cohort.csv"), dir.0.join("expiries.csv"));
    std::fs::write(&a, &cohort_csv).unwrap();
    std::fs::write(&b, &expiries_csv).unwrap();
    let out = convert(&soffice, &dir.0, b',', &[a.as_path(), b.as_path()]);

    let xml = read(&out.join("cohort.fods"));
    assert!(!xml.contains("table:formula"));
    let types = |c: &str| Some(carepath_csv::cohort::cohort_cell_type(c));
    check_sheet("cohort", &types, &cohort_csv, b',', &xml);
    let people = parse_fods(&xml);
    let head: Vec<String> = people[0].iter().map(|c| c.text.clone()).collect();
    let cell = |sheet: &Vec<Vec<Cell>>, head: &[String], row: usize, column: &str| {
        let i = head.iter().position(|h| h == column).unwrap();
        let cell = sheet[row].get(i).cloned().unwrap_or_default();
        (
            cell.value_type.unwrap_or_default(),
            cell.value.unwrap_or(cell.text),
        )
    };
    assert_eq!(
        people.len(),
        c.members.len() + 1,
        "a header and a row a plan"
    );
    let ana = 1;
    assert_eq!(cell(&people, &head, ana, "unit").0, "string");
    assert_eq!(cell(&people, &head, ana, "target_by").0, "date");
    assert_eq!(cell(&people, &head, ana, "forecast_finish").0, "date");
    assert_eq!(cell(&people, &head, ana, "percent").0, "float");
    assert_eq!(cell(&people, &head, ana, "days_late").0, "float");
    let carla = 3;
    assert_eq!(
        cell(&people, &head, carla, "ce_remaining"),
        ("float".into(), "30".into()),
        "the RN license's CE hours left"
    );
    assert_eq!(
        cell(&people, &head, ana, "start_cohort"),
        ("string".into(), "2026-03".into()),
        "the roster's month stays text"
    );

    let xml = read(&out.join("expiries.fods"));
    assert!(!xml.contains("table:formula"));
    check_sheet(
        "expiries",
        &carepath_csv::cohort::expiry_cell_type,
        &expiries_csv,
        b',',
        &xml,
    );
    let expiries = parse_fods(&xml);
    let head: Vec<String> = expiries[0].iter().map(|c| c.text.clone()).collect();
    assert!(expiries.len() > 2, "the fixture roster has expiries");
    for row in 1..expiries.len() {
        assert_eq!(cell(&expiries, &head, row, "expires").0, "date");
        assert_eq!(cell(&expiries, &head, row, "days_left").0, "float");
    }
    assert!(
        (1..expiries.len())
            .any(|r| cell(&expiries, &head, r, "renewal_forecast_finish").0 == "date"),
        "a renewal's forecast finish is a date"
    );
}
