//! Real calendar software reads our calendars: Python's `icalendar` (an independent parser) and
//! khal (a calendar client that imports into a vdir).
//!
//! A tool that is not installed makes the test fail when `CI=true`, and skip with a visible
//! `SKIPPED:` line otherwise. CI needs:
//!   apt-get install -y khal
//!   python3 -m venv /tmp/venv-ics && /tmp/venv-ics/bin/pip install icalendar
//!   CAREPATH_PYTHON=/tmp/venv-ics/bin/python

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carepath_ics::IcsOptions;
use carepath_ics::{contact_uid, expiry_uid, goal_uid, milestone_uid, task_uid};
use carepath_model::{ResolvedPlan, Status};
use common::{export, options};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

const AS_OF: Date = date(2026, 3, 1);
const LATER: Date = date(2026, 11, 15);

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Fails in CI, skips visibly elsewhere. Returns so that the caller can `return`.
fn missing(what: &str, install: &str) {
    assert!(!in_ci(), "{what}; CI must have it: {install}");
    // Straight to stderr: the test harness captures `eprintln!` of a passing test.
    let _ = writeln!(std::io::stderr(), "SKIPPED: {what} ({install})");
}

fn run(cmd: &mut Command) -> std::io::Result<Output> {
    cmd.output()
}

fn scratch_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("ics-clients")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a calendar reads back for a title: line breaks as LF.
fn read_back(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn alarm_count(day: Date, done: bool, ctx: &IcsOptions, as_of: Date) -> usize {
    if done {
        return 0;
    }
    reminders_ahead(day, &ctx.remind, as_of)
}

/// How many of these reminders (days before `day`) fire on or after the as-of date.
fn reminders_ahead(day: Date, remind: &[u32], as_of: Date) -> usize {
    let days: BTreeSet<u32> = remind.iter().copied().collect();
    days.into_iter()
        .filter(|&n| {
            day.checked_sub(jiff::Span::new().days(i64::from(n)))
                .is_ok_and(|fires| fires >= as_of)
        })
        .count()
}

/// What the calendar of `plan` must hold, worked out from the plan, not from the exporter.
fn expected(plan: &ResolvedPlan, ctx: &IcsOptions) -> Value {
    let id = &plan.plan_id;
    let mut events = serde_json::Map::new();
    let mut todos = serde_json::Map::new();
    for m in &plan.schedule.milestones {
        if let (Some(first), Some(every)) = (m.occurrences.first(), m.every) {
            // A series: one event whose expansion is every occurrence carepath lists; its
            // reminders are the ones shorter than its interval.
            let span = carepath_model::calendar::days_between(
                first.date,
                carepath_model::calendar::nth_occurrence(first.date, every, 1),
            );
            let remind: BTreeSet<u32> = ctx.remind.iter().copied().collect();
            let alarms = if m.status == Status::Done {
                0
            } else {
                remind.iter().filter(|&&n| i64::from(n) < span).count()
            };
            let dates: Vec<String> = m.occurrences.iter().map(|o| o.date.to_string()).collect();
            events.insert(
                milestone_uid(id, &m.id),
                json!({
                    "summary": read_back(&m.title),
                    "start": first.date.to_string(),
                    "alarms": alarms,
                    "instances": dates.len(),
                    "occurrences": dates,
                }),
            );
            continue;
        }
        let day = m.due.unwrap_or(m.forecast.finish);
        let done = m.status == Status::Done;
        events.insert(
            milestone_uid(id, &m.id),
            json!({
                "summary": read_back(&m.title),
                "start": day.to_string(),
                "alarms": alarm_count(day, done, ctx, plan.as_of),
            }),
        );
        let status = if done {
            "COMPLETED"
        } else if m.status == Status::NotStarted || m.forecast.start > plan.as_of {
            "NEEDS-ACTION"
        } else {
            "IN-PROCESS"
        };
        let percent = if done {
            100
        } else {
            (m.percent.round() as i64).min(99)
        };
        todos.insert(
            task_uid(id, &m.id),
            json!({ "summary": read_back(&m.title), "due": day.to_string(),
                    "status": status, "percent": percent }),
        );
    }
    for g in &plan.schedule.goals {
        let Some(due) = g.due else { continue };
        events.insert(
            goal_uid(id, &g.id),
            json!({
                "summary": format!("Goal deadline: {}", read_back(&g.title)),
                "start": due.to_string(),
                "alarms": alarm_count(due, g.status == Status::Done, ctx, plan.as_of),
            }),
        );
    }
    for c in &plan.schedule.credentials {
        let summary = match &c.jurisdiction {
            Some(j) => format!("Expires: {} ({j})", read_back(&c.name)),
            None => format!("Expires: {}", read_back(&c.name)),
        };
        for cycle in &c.cycles {
            events.insert(
                expiry_uid(id, &c.id, cycle.expires),
                json!({
                    "summary": summary,
                    "start": cycle.expires.to_string(),
                    "alarms": reminders_ahead(cycle.expires, &ctx.remind_expiry, plan.as_of),
                }),
            );
        }
    }
    for c in &plan.schedule.people {
        let Some(next) = c.next_contact else { continue };
        if next < plan.schedule.finish.start || next > plan.schedule.finish.finish {
            continue;
        }
        let day = if c.overdue { plan.as_of } else { next };
        events.insert(
            contact_uid(id, &c.id),
            json!({
                "summary": format!("Keep in touch: {}", read_back(&c.name)),
                "start": day.to_string(),
                "alarms": 1,
            }),
        );
    }
    if !ctx.todo {
        todos.clear();
    }
    json!({ "events": events, "todos": todos })
}

/// The calendars every client must read: the hand-written plan, the nasty-text plan and every
/// fixture, with tasks and three reminders.
fn calendars(as_of: Date) -> Vec<(String, ResolvedPlan, IcsOptions)> {
    let mut ctx = options();
    ctx.todo = true;
    ctx.remind = vec![30, 7, 1];
    let mut v = vec![
        ("plan".to_string(), common::plan(as_of), ctx.clone()),
        ("nasty".to_string(), common::nasty_plan(as_of), ctx.clone()),
    ];
    for (name, plan) in common::fixtures(as_of) {
        v.push((format!("fixture-{name}"), plan, ctx.clone()));
    }
    v
}

#[test]
fn python_icalendar_reads_every_export_exactly() {
    let python = std::env::var("CAREPATH_PYTHON").unwrap_or_else(|_| "python3".into());
    let install = "python3 -m venv /tmp/venv-ics && /tmp/venv-ics/bin/pip install icalendar, \
                   then set CAREPATH_PYTHON=/tmp/venv-ics/bin/python";
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check_ics.py");
    let dir = scratch_dir("python");
    for (name, plan, ctx) in calendars(AS_OF) {
        let ics = dir.join(format!("{name}.ics"));
        let want = dir.join(format!("{name}.expected.json"));
        std::fs::write(&ics, export(&plan, &ctx)).unwrap();
        std::fs::write(
            &want,
            serde_json::to_vec_pretty(&expected(&plan, &ctx)).unwrap(),
        )
        .unwrap();
        let out = match run(Command::new(&python).arg(&script).arg(&ics).arg(&want)) {
            Ok(out) => out,
            Err(e) => return missing(&format!("`{python}` does not run: {e}"), install),
        };
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => eprintln!("{}", stdout.trim_end()),
            Some(2 | 3) => {
                return missing(
                    &format!("no usable icalendar for `{python}`: {}", stderr.trim()),
                    install,
                );
            }
            _ => panic!("icalendar rejects {name}.ics:\n{stdout}\n{stderr}"),
        }
    }
}

/// An independent parser finds one all-day expiry event per credential cycle, each with the four
/// default reminders (90, 60, 30 and 7 days before: as of 2026-01-15 every one is still ahead).
#[test]
fn python_icalendar_finds_one_expiry_event_per_cycle_with_four_alarms() {
    let python = std::env::var("CAREPATH_PYTHON").unwrap_or_else(|_| "python3".into());
    let install = "python3 -m venv .venv && .venv/bin/pip install icalendar, \
                   then set CAREPATH_PYTHON=.venv/bin/python";
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check_ics.py");
    let dir = scratch_dir("python-expiry");
    let plan = common::plan(date(2026, 1, 15));
    let ctx = IcsOptions::default();
    assert_eq!(ctx.remind_expiry, [90, 60, 30, 7]);
    let want = expected(&plan, &ctx);
    let mut cycles = 0;
    for c in &plan.schedule.credentials {
        for cycle in &c.cycles {
            let uid = expiry_uid(&plan.plan_id, &c.id, cycle.expires);
            assert_eq!(want["events"][&uid]["alarms"], 4, "{uid}");
            cycles += 1;
        }
    }
    assert_eq!(cycles, 3, "BLS twice, CCRN once, ACLS (no cycle) never");
    let ics = dir.join("expiry.ics");
    let want_path = dir.join("expiry.expected.json");
    std::fs::write(&ics, export(&plan, &ctx)).unwrap();
    std::fs::write(&want_path, serde_json::to_vec_pretty(&want).unwrap()).unwrap();
    let out = match run(Command::new(&python).arg(&script).arg(&ics).arg(&want_path)) {
        Ok(out) => out,
        Err(e) => return missing(&format!("`{python}` does not run: {e}"), install),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {}
        Some(2 | 3) => missing(
            &format!("no usable icalendar for `{python}`: {}", stderr.trim()),
            install,
        ),
        _ => panic!("icalendar finds other expiry events:\n{stdout}\n{stderr}"),
    }
}

/// A khal set up in a directory of its own: a config, one vdir calendar, its database.
struct Khal {
    config: PathBuf,
    vdir: PathBuf,
    home: PathBuf,
}

impl Khal {
    /// None (after reporting it) when khal is not installed.
    fn new(dir: &Path) -> Option<Khal> {
        if run(Command::new("khal").arg("--version")).is_err() {
            missing("khal not installed", "apt-get install khal");
            return None;
        }
        let vdir = dir.join("vdir").join("carepath");
        std::fs::create_dir_all(&vdir).unwrap();
        let config = dir.join("khal.conf");
        std::fs::write(
            &config,
            format!(
                "[calendars]\n[[carepath]]\npath = {}\ntype = calendar\n\n\
                 [locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
                 longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n\
                 longdatetimeformat = %Y-%m-%d %H:%M\n\
                 local_timezone = UTC\ndefault_timezone = UTC\n\n\
                 [sqlite]\npath = {}\n",
                vdir.display(),
                dir.join("khal.db").display()
            ),
        )
        .unwrap();
        Some(Khal {
            config,
            vdir,
            home: dir.to_path_buf(),
        })
    }

    fn khal(&self, args: &[&str]) -> String {
        let out = Command::new("khal")
            .arg("--config")
            .arg(&self.config)
            .args(args)
            // Keep the user's own khal and its caches out of it.
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_CACHE_HOME", self.home.join("cache"))
            .output()
            .expect("khal runs");
        let stdout = String::from_utf8(out.stdout).expect("khal writes UTF-8");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "khal {args:?} failed:\n{stdout}\n{stderr}"
        );
        stdout
    }

    fn import(&self, ics: &Path) {
        self.khal(&["import", "--batch", "-a", "carepath", ics.to_str().unwrap()]);
    }

    /// Every event khal lists over fifty years: UID to titles (more than one title for a UID
    /// would be a duplicate).
    fn events(&self) -> BTreeMap<String, Vec<String>> {
        let out = self.khal(&[
            "list",
            "--format",
            "\u{27ea}{uid}\u{27eb}{title}\u{27ea}end\u{27eb}",
            "2000-01-01",
            "18250d",
        ]);
        let mut events: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for chunk in out.split("\u{27ea}end\u{27eb}") {
            let Some(start) = chunk.find('\u{27ea}') else {
                continue;
            };
            let (uid, title) = chunk[start + '\u{27ea}'.len_utf8()..]
                .split_once('\u{27eb}')
                .expect("the format's delimiters");
            events
                .entry(uid.to_string())
                .or_default()
                .push(title.to_string());
        }
        events
    }

    /// The files of the vdir calendar: one per imported event.
    fn files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&self.vdir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    }
}

/// khal's event titles against the expected ones. Debian bookworm's khal reads through
/// python3-icalendar 4.0.3, which unescapes `\n` before `\\` and so mangles a backslash that
/// comes before n, `,` or `;`; such a title is checked for presence only (the Python test checks
/// it exactly with a current icalendar).
fn assert_titles(khal: &BTreeMap<String, Vec<String>>, expected: &Value, name: &str) {
    let events = expected["events"].as_object().unwrap();
    let want: BTreeSet<&String> = events.keys().collect();
    let got: BTreeSet<&String> = khal.keys().collect();
    assert_eq!(got, want, "{name}: khal lists other events than exported");
    for (uid, titles) in khal {
        // A series is listed once per occurrence, anything else once.
        let instances = events[uid]["instances"].as_u64().unwrap_or(1) as usize;
        assert_eq!(
            titles.len(),
            instances,
            "{name}: khal lists {uid} {} times",
            titles.len()
        );
        let summary = events[uid]["summary"].as_str().unwrap();
        if !summary.contains('\\') {
            for t in titles {
                assert_eq!(t, summary, "{name}: khal's title for {uid}");
            }
        }
    }
}

#[test]
fn khal_imports_every_export() {
    let dir = scratch_dir("khal-every");
    for (name, plan, ctx) in calendars(AS_OF) {
        let Some(khal) = Khal::new(&dir.join(&name)) else {
            return;
        };
        let ics = dir.join(format!("{name}.ics"));
        std::fs::write(&ics, export(&plan, &ctx)).unwrap();
        khal.import(&ics);
        let want = expected(&plan, &ctx);
        assert_titles(&khal.events(), &want, &name);
        assert_eq!(
            khal.files().len(),
            want["events"].as_object().unwrap().len(),
            "{name}: one vdir file per event"
        );
    }
}

#[test]
fn khal_updates_events_from_a_newer_export_instead_of_duplicating_them() {
    let dir = scratch_dir("khal-update");
    let Some(khal) = Khal::new(&dir) else {
        return;
    };
    let mut ctx = options();
    ctx.todo = true;
    let first = common::plan(AS_OF);
    let first_ics = dir.join("first.ics");
    std::fs::write(&first_ics, export(&first, &ctx)).unwrap();
    khal.import(&first_ics);
    let count = khal.files().len();
    assert_eq!(
        count,
        expected(&first, &ctx)["events"].as_object().unwrap().len()
    );

    // Months later, with more progress logged and a milestone done.
    let mut newer = common::plan(LATER);
    newer.schedule.milestones[1].percent = 90.0;
    newer.schedule.milestones[1].status = Status::Done;
    let mut ctx_later = options();
    ctx_later.todo = true;
    let newer_ics = dir.join("newer.ics");
    std::fs::write(&newer_ics, export(&newer, &ctx_later)).unwrap();
    khal.import(&newer_ics);

    assert_eq!(khal.files().len(), count, "the events were duplicated");
    assert_titles(&khal.events(), &expected(&newer, &ctx_later), "newer");
    for file in khal.files() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("DTSTAMP:20261115T000000Z"),
            "{} still holds the older export:\n{text}",
            file.display()
        );
    }
    let rrt = std::fs::read_to_string(
        khal.vdir
            .join(format!("{}.ics", milestone_uid("sam-rt-to-ecmo", "rrt"))),
    )
    .expect("khal names the file after the UID")
    .replace("\r\n ", "")
    .replace("\n ", "");
    assert!(
        rrt.contains("Status: done"),
        "the update reached the event:\n{rrt}"
    );
    assert!(
        !rrt.contains("BEGIN:VALARM"),
        "a done milestone keeps no reminder"
    );

    // One event per expiry UID after both imports, holding the newer export's text.
    let events = khal.events();
    for c in &newer.schedule.credentials {
        for cycle in &c.cycles {
            let uid = expiry_uid(&newer.plan_id, &c.id, cycle.expires);
            assert_eq!(events.get(&uid).map(Vec::len), Some(1), "{uid} once");
        }
    }
    let ccrn = std::fs::read_to_string(khal.vdir.join(format!(
        "{}.ics",
        expiry_uid("sam-rt-to-ecmo", "ccrn", date(2027, 6, 30))
    )))
    .expect("khal names the file after the UID")
    .replace("\r\n ", "")
    .replace("\n ", "");
    assert!(
        ccrn.contains("Status on 2026-11-15: at-risk"),
        "the expiry event was updated:\n{ccrn}"
    );
}

/// The RN fixture's mentor and chapter series: khal expands each to exactly the days carepath
/// lists as its occurrences, and importing a later export (more meetings logged) updates the
/// events instead of adding copies.
#[test]
fn khal_expands_each_series_to_carepaths_occurrences_and_a_newer_export_updates_it() {
    let dir = scratch_dir("khal-series");
    let Some(khal) = Khal::new(&dir) else {
        return;
    };
    let rn = |as_of: Date| {
        common::fixtures(as_of)
            .into_iter()
            .find(|(name, _)| name == "rn-to-acnp")
            .expect("the RN fixture")
            .1
    };
    let ctx = options();
    let mut imported = 0;
    for (k, as_of) in [AS_OF, LATER].into_iter().enumerate() {
        let plan = rn(as_of);
        let ics = dir.join(format!("rn-{k}.ics"));
        std::fs::write(&ics, export(&plan, &ctx)).unwrap();
        khal.import(&ics);
        let out = khal.khal(&[
            "list",
            "--format",
            "\u{27ea}{uid}\u{27eb}{start-date}\u{27ea}end\u{27eb}",
            "2000-01-01",
            "18250d",
        ]);
        let mut days: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for chunk in out.split("\u{27ea}end\u{27eb}") {
            let Some(start) = chunk.find('\u{27ea}') else {
                continue;
            };
            let (uid, day) = chunk[start + '\u{27ea}'.len_utf8()..]
                .split_once('\u{27eb}')
                .unwrap();
            days.entry(uid.to_string())
                .or_default()
                .push(day.to_string());
        }
        let series: Vec<_> = plan
            .schedule
            .milestones
            .iter()
            .filter(|m| !m.occurrences.is_empty())
            .collect();
        assert_eq!(series.len(), 2, "the mentor and the chapter meetings");
        for m in series {
            let want: Vec<String> = m.occurrences.iter().map(|o| o.date.to_string()).collect();
            let mut got = days
                .get(&milestone_uid(&plan.plan_id, &m.id))
                .cloned()
                .unwrap_or_default();
            got.sort();
            assert_eq!(got, want, "{}: khal's days against carepath's", m.id);
        }
        let files = khal.files().len();
        if k == 0 {
            imported = files;
        } else {
            assert_eq!(files, imported, "the newer export was added, not updated");
        }
    }
}
