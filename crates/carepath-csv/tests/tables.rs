//! The tables as a user gets them: columns, layout, options, errors, determinism, speed.

mod common;

use carepath_csv::{CsvExporter, CsvOptions, TABLES, Table, check_options, columns};
use carepath_export::{ExportError, Exporter};
use common::{context, export, read_back, sample, try_export};

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("CSV is UTF-8")
}

/// Snapshots show records one per line; the CRLF terminator has its own test below.
fn snapshot_text(bytes: &[u8]) -> String {
    text(bytes).replace("\r\n", "\n")
}

#[test]
fn every_table_of_the_sample() {
    let plan = sample();
    for t in TABLES {
        insta::assert_snapshot!(format!("sample-{t}"), snapshot_text(&export(&plan, t)));
    }
}

#[test]
fn header_rows_are_the_documented_columns() {
    let plan = sample();
    for t in Table::ALL {
        let rows = read_back(&export(&plan, t.name()), b',');
        assert_eq!(rows[0], t.columns(), "{}", t.name());
        assert_eq!(columns(t.name()), Some(t.columns()));
    }
}

#[test]
fn records_end_with_crlf_and_nothing_else() {
    let plan = sample();
    for t in TABLES {
        let bytes = export(&plan, t);
        let records = read_back(&bytes, b',').len();
        let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        assert!(bytes.ends_with(b"\r\n"), "{t}");
        assert_eq!(crlf, records, "{t}: one CRLF per record");
        assert_eq!(lf, crlf, "{t}: no bare LF outside quoted text");
    }
}

#[test]
fn milestones_have_exactly_one_row_each_in_plan_order() {
    let plan = common::hostile();
    let rows = read_back(&export(&plan, "milestones"), b',');
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = plan
        .schedule
        .milestones
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn negative_late_days_stay_numbers() {
    let plan = sample();
    let rows = read_back(&export(&plan, "milestones"), b',');
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let (late, id, title) = (col("late_days"), col("id"), col("title"));
    let precept = rows.iter().find(|r| r[id] == "precept").unwrap();
    assert_eq!(precept[late], "-11", "slack is a plain negative number");
    let exam = rows.iter().find(|r| r[id] == "cnl-exam").unwrap();
    assert_eq!(exam[late], "16");
    assert_eq!(
        exam[title], "'=Sit the CNL exam",
        "while text is neutralised"
    );
    let reflect = rows.iter().find(|r| r[id] == "reflect").unwrap();
    assert_eq!(reflect[late], "", "no due date, no late_days");
    assert_eq!(reflect[title], "'-journal weekly, 15 minutes");
}

/// fuzz/seeds/csv_roundtrip/number-cell-exponent: a number of 1e15 or more was written with an
/// exponent (`9.07777164127512e223`), though a number cell is documented as digits only; since
/// every amount a plan holds is at most 1e9, only a hand-built resolved plan gets there.
#[test]
fn number_cell_exponent() {
    let mut plan = sample();
    let m = &mut plan.schedule.milestones[1];
    m.cost = Some(1e20);
    m.effort_hours = -2.5e20;
    m.remaining_hours = 9.07777164127512e223;
    let rows = read_back(&export(&plan, "milestones"), b',');
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let msn = &rows[2];
    assert_eq!(msn[col("id")], "msn-core");
    assert_eq!(msn[col("cost")], "100000000000000000000");
    assert_eq!(msn[col("effort_hours")], "-250000000000000000000");
    let remaining = &msn[col("remaining_hours")];
    assert!(
        remaining.len() == 224 && remaining.bytes().all(|b| b.is_ascii_digit()),
        "{remaining}"
    );
    assert_eq!(remaining.parse::<f64>(), Ok(9.07777164127512e223));
}

#[test]
fn cells_are_plain_iso_dates_and_numbers() {
    let rows = read_back(&export(&sample(), "milestones"), b',');
    let msn = &rows[2];
    assert_eq!(msn[0], "msn-core");
    let get = |name: &str| &msn[rows[0].iter().position(|c| c == name).unwrap()];
    assert_eq!(get("baseline_start"), "2026-01-05");
    assert_eq!(get("forecast_finish"), "2027-01-22");
    assert_eq!(get("percent"), "18.5");
    assert_eq!(get("expected_percent"), "25.33");
    assert_eq!(get("effort_hours"), "180");
    assert_eq!(get("cost"), "5400.5");
    assert_eq!(get("critical"), "TRUE");
    let reflect = &rows[4];
    assert_eq!(
        reflect[rows[0].iter().position(|c| c == "cost").unwrap()],
        ""
    );
}

#[test]
fn bom_only_when_asked() {
    let plan = sample();
    let mut ctx = context();
    for t in TABLES {
        let plain = try_export(&plan, &ctx, t).unwrap();
        assert!(plain.starts_with(Table::parse(t).unwrap().columns()[0].as_bytes()));
    }
    ctx.bom = true;
    for t in TABLES {
        let with = try_export(&plan, &ctx, t).unwrap();
        assert_eq!(&with[..3], b"\xEF\xBB\xBF", "{t}");
        assert_eq!(
            &with[3..],
            export(&plan, t),
            "{t}: the BOM is the only difference"
        );
    }
}

#[test]
fn semicolon_and_tab_delimiters() {
    let plan = common::hostile();
    for (d, b) in [(';', b';'), ('\t', b'\t'), ('|', b'|')] {
        let mut ctx = context();
        ctx.delimiter = d;
        for t in TABLES {
            let bytes = try_export(&plan, &ctx, t).unwrap();
            let header = Table::parse(t).unwrap().columns().join(&d.to_string());
            assert!(
                text(&bytes).starts_with(&format!("{header}\r\n")),
                "{d:?} {t}"
            );
            assert_eq!(
                read_back(&bytes, b),
                read_back(&export(&plan, t), b','),
                "{d:?} {t}: the same cells"
            );
        }
    }
    let mut ctx = context();
    ctx.delimiter = ';';
    let semi = try_export(&sample(), &ctx, "milestones").unwrap();
    assert!(
        text(&semi).contains(";\"Precept two new graduates, \"\"by the book\"\"; then debrief\";"),
        "a cell holding the delimiter is quoted"
    );
    assert!(
        text(&semi).contains(";'-journal weekly, 15 minutes;"),
        "a comma needs no quotes when it isn't the delimiter"
    );
}

#[test]
fn ambiguous_delimiters_are_refused() {
    for bad in ['"', '\n', '\r', '\'', '.', '-', '+', 'x', '0', 'é'] {
        let mut ctx = context();
        ctx.delimiter = bad;
        let err = try_export(&sample(), &ctx, "milestones").unwrap_err();
        let ExportError::Invalid(message) = &err else {
            panic!("{bad:?}: {err}");
        };
        assert!(message.contains("delimiter"), "{message}");
        assert!(check_options(&ctx).is_err());
    }
    let mut options = CsvOptions::default();
    assert!(check_options(&options).is_ok());
    options.delimiter = ';';
    options.table = Some("weekly-load".into());
    assert!(check_options(&options).is_ok());
}

#[test]
fn same_input_same_bytes() {
    let mut ctx = context();
    ctx.bom = true;
    ctx.delimiter = ';';
    for t in TABLES {
        let a = try_export(&common::hostile(), &ctx, t).unwrap();
        let b = try_export(&common::hostile(), &ctx, t).unwrap();
        assert_eq!(a, b, "{t}");
    }
}

#[test]
fn every_table_or_the_chosen_one() {
    let all = CsvExporter::default().export(&sample()).unwrap();
    let parts: Vec<Option<&str>> = all.files.iter().map(|f| f.part.as_deref()).collect();
    assert_eq!(
        parts,
        [
            "milestones",
            "goals",
            "progress",
            "weekly-load",
            "renewals",
            "credentials",
            "ce-requirements",
            "ce"
        ]
        .map(Some)
    );
    for f in &all.files {
        let table = f.part.as_deref().unwrap();
        assert_eq!(f.bytes, export(&sample(), table), "{table}");
        assert_eq!(
            (f.extension.as_str(), f.media_type.as_str()),
            ("csv", "text/csv")
        );
        assert!(!f.binary);
    }
    assert!(all.warnings.is_empty());
    let mut empty = sample();
    empty.schedule.renewals.clear();
    let renewals = export(&empty, "renewals");
    assert_eq!(
        text(&renewals),
        "credential,name,due,ce_hours,every_months,source,verified\r\n",
        "no renewals: the file is there, with its header"
    );
    empty.schedule.credentials.clear();
    empty.plan.ce.clear();
    for t in ["credentials", "ce-requirements", "ce"] {
        let header = Table::parse(t).unwrap().columns().join(",");
        assert_eq!(
            text(&export(&empty, t)),
            format!("{header}\r\n"),
            "no credentials, no CE: {t}.csv is there, with its header"
        );
    }

    let one = CsvExporter::new(CsvOptions {
        table: Some("progress".into()),
        ..CsvOptions::default()
    })
    .export(&sample())
    .unwrap();
    assert_eq!(one.files.len(), 1, "--table progress: one file");
    assert_eq!(one.files[0].part.as_deref(), Some("progress"));
    assert_eq!(one.files[0].bytes, export(&sample(), "progress"));
}

#[test]
fn unknown_tables_are_explained() {
    let ctx = context();
    let Err(ExportError::Invalid(m)) = try_export(&sample(), &ctx, "milestone") else {
        panic!("an unknown table is refused");
    };
    assert!(m.contains("`milestone`"), "{m}");
    assert!(m.contains("did you mean `milestones`?"), "{m}");
    assert!(
        m.contains(
            "milestones, goals, progress, weekly-load, renewals, credentials, ce-requirements, ce"
        ),
        "{m}"
    );
    let options = CsvOptions {
        table: Some("weekly_load".into()),
        ..CsvOptions::default()
    };
    assert!(check_options(&options).is_err());
}

#[test]
fn exporter_identity() {
    let e = CsvExporter::default();
    assert_eq!(e.name(), "csv");
    assert_eq!(e.extension(), "csv");
    assert!(!e.description().is_empty());
    assert_eq!(e.options(), &CsvOptions::default());
    assert_eq!(CsvOptions::default().delimiter, ',');
}

/// The README is the column reference people read; it must list what the code writes.
#[test]
fn readme_documents_every_column_in_order() {
    let readme = include_str!("../README.md");
    for t in Table::ALL {
        let heading = format!("### `{}.csv`", t.name());
        let section = readme
            .split(&heading)
            .nth(1)
            .unwrap_or_else(|| panic!("README has no section {heading}"));
        let section = section.split("\n#").next().unwrap();
        let documented: Vec<&str> = section
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        assert_eq!(documented, t.columns(), "README section {heading}");
    }
}

/// A plan the size of `gen-big-plan.py 10000`: every table well under a second, in a debug build.
#[test]
fn ten_thousand_milestones_are_all_written() {
    let mut plan = sample();
    let template = plan.schedule.milestones[1].clone();
    plan.schedule.milestones = (0..10_000)
        .map(|i| {
            let mut m = template.clone();
            m.id = format!("m{i:05}");
            m.title = format!("Milestone {i}, with a comma and \"quotes\"");
            m
        })
        .collect();
    let week = plan.schedule.weekly_load[3].clone();
    plan.schedule.weekly_load = (0..1000).map(|_| week.clone()).collect();
    let row = plan.schedule.progress[1].clone();
    plan.schedule.progress = (0..10_000).map(|_| row.clone()).collect();

    let exported = CsvExporter::default().export(&plan).unwrap();
    let bytes: usize = exported.files.iter().map(|f| f.bytes.len()).sum();
    assert!(bytes > 10_000 * 40, "every row is written ({bytes} bytes)");
    let rows = read_back(&export(&plan, "milestones"), b',');
    assert_eq!(rows.len(), 10_001);
}

/// One row per credential cycle, the CE columns from the cycle's `total` requirement (BLS renews
/// by a course, so they are empty), rule source and whether it was checked.
#[test]
fn credentials_table_exact_bytes() {
    assert_eq!(
        text(&export(&sample(), "credentials")),
        "credential,name,jurisdiction,earned,cycle_start,expires,submit_by,status,ce_required,\
         ce_counted,ce_remaining,renewal_forecast_finish,ce_unit,renewal_milestone,rule_source,\
         rule_verified\r\n\
         rn-license,Registered nurse license (NCLEX-RN),US-CA,2021-06-15,2025-07-01,2027-06-30,\
         2027-05-31,current,30,6.5,23.5,2027-03-12,contact hours,renew-rn-license-2027-06-30,\
         California Board of Registered Nursing: continuing education (2025),FALSE\r\n\
         bls,Basic Life Support provider course,,2025-03-14,2025-03-14,2027-03-31,2027-03-01,\
         current,,,,2027-02-19,,renew-bls-2027-03-31,\
         American Heart Association: BLS provider course (2025),TRUE\r\n\
         ccrn,\"Critical care registered nurse certification (adult, pediatric or neonatal)\",,\
         2024-07-01,2024-07-01,2027-06-30,2027-05-31,at-risk,100,54,46,2027-07-19,CERPs,\
         renew-ccrn-2027-06-30,AACN: CCRN renewal (2025),TRUE\r\n"
    );
}

#[test]
fn ce_requirements_table_exact_bytes() {
    assert_eq!(
        text(&export(&sample(), "ce-requirements")),
        "credential,expires,requirement,required,counted,remaining,met,unit,forecast\r\n\
         rn-license,2027-06-30,total,30,6.5,23.5,FALSE,contact hours,\r\n\
         bls,2027-03-31,course,4,0,4,FALSE,hours,\r\n\
         ccrn,2027-06-30,total,100,54,46,FALSE,CERPs,\r\n\
         ccrn,2027-06-30,category:A,60,38,22,FALSE,CERPs,\r\n\
         ccrn,2027-06-30,category:B,10,10,0,TRUE,CERPs,\r\n\
         ccrn,2027-06-30,category:C,10,6,4,FALSE,CERPs,\r\n\
         ccrn,2027-06-30,practice,432,288,144,FALSE,hours,470\r\n"
    );
}

/// The CE log: topics as `name=hours` pairs, `counted_for` worked out from the cycles (the 2024
/// refresher predates every cycle; the sepsis update names no credential, so it counts for the
/// two whose rule takes CE and not for BLS, whose renewal is a course), formula text
/// neutralised, and the private note never written.
#[test]
fn ce_table_exact_bytes() {
    let bytes = export(&sample(), "ce");
    assert_eq!(
        text(&bytes),
        "date,title,hours,category,topics,counted_for,provider\r\n\
         2024-05-20,ACLS skills refresher,4,,,,\r\n\
         2025-02-11,\"NTI 2025: hemodynamics, from the monitor to the bedside\",30,A,,ccrn,AACN\r\n\
         2025-09-16,Sepsis bundle update,2,A,pharmacology=0.5,rn-license; ccrn,\r\n\
         2026-01-20,\"Ethics in end-of-life care, part 1\",1.5,B,end-of-life=0.25; ethics=1,\
         rn-license,CA BRN provider CEP 12345\r\n\
         2026-02-02,\"BLS HeartCode, online part\",2,,,bls,American Heart Association\r\n\
         2026-03-03,'=Vasopressors: what changed,3,C,pharmacology=3,rn-license; ccrn,\
         '-unit educator\r\n"
    );
    assert!(!text(&bytes).contains("CE folder"), "the note is private");
}

#[test]
fn counted_for_follows_the_cycles_and_counts_for() {
    let mut plan = sample();
    let ids = |plan: &carepath_model::ResolvedPlan, i: usize| {
        carepath_csv::counted_for(plan, &plan.plan.ce[i])
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&plan, 2), ["rn-license", "ccrn"]);
    // The last day of a cycle still counts; the day after does not.
    plan.plan.ce[2].date = jiff::civil::date(2027, 6, 30);
    assert_eq!(ids(&plan, 2), ["rn-license", "ccrn"]);
    plan.plan.ce[2].date = jiff::civil::date(2027, 7, 1);
    assert!(ids(&plan, 2).is_empty());
    // A named credential counts even when its rule is a course; an unnamed one does not.
    plan.plan.ce[2].date = jiff::civil::date(2026, 2, 2);
    plan.plan.ce[2].counts_for = vec!["bls".into(), "ccrn".into()];
    assert_eq!(ids(&plan, 2), ["bls", "ccrn"]);
}

/// The private `number` of a credential is in no table (the resolved plan never carries it;
/// this holds the bytes to that).
#[test]
fn the_credential_number_is_in_no_table() {
    let plan = sample();
    assert_eq!(
        plan.plan.person.credentials[0].number.as_deref(),
        Some("RN 95123456"),
        "the plan holds the number"
    );
    for t in TABLES {
        let bytes = export(&plan, t);
        assert!(!text(&bytes).contains("95123456"), "{t}");
    }
}
