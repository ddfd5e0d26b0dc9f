//! The calendar as a user's client sees it: structure, reminders, UIDs, determinism, and
//! snapshots of the hand-written plan, the nasty-text plan and every fixture.

mod common;

use std::collections::BTreeSet;

use carepath_export::{Exporter, GENERATOR};
use carepath_ics::writer::{unescape, unfold};
use carepath_ics::{IcsExporter, IcsOptions, goal_uid, milestone_uid, task_uid};
use common::{export, options};
use jiff::civil::{Date, date};

const AS_OF: Date = date(2026, 3, 1);

/// The snapshot form: CRLF shown as a newline. Asserts first that there is no other kind of
/// line end, and that no physical line is longer than 75 octets.
fn readable(ics: &str) -> String {
    carepath_test_support::assert_ics_wire_format(ics);
    ics.replace("\r\n", "\n")
}

/// A component: its name, its own properties in order, and its subcomponents.
#[derive(Debug, Default)]
struct Component {
    name: String,
    props: Vec<(String, String)>,
    children: Vec<Component>,
    /// Whether a property came after the first subcomponent.
    prop_after_child: bool,
}

impl Component {
    fn get(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == name || k.starts_with(&format!("{name};")))
            .map(|(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<&Component> {
        self.children.iter().filter(|c| c.name == name).collect()
    }
}

fn parse(ics: &str) -> Component {
    let mut stack = vec![Component::default()];
    for line in unfold(ics) {
        let (key, value) = line.split_once(':').expect("every line has a colon");
        match key {
            "BEGIN" => stack.push(Component {
                name: value.into(),
                ..Component::default()
            }),
            "END" => {
                let c = stack.pop().unwrap();
                assert_eq!(c.name, value, "END matches BEGIN");
                stack.last_mut().unwrap().children.push(c);
            }
            _ => {
                let top = stack.last_mut().unwrap();
                top.prop_after_child |= !top.children.is_empty();
                top.props.push((key.into(), value.into()));
            }
        }
    }
    assert_eq!(stack.len(), 1, "every BEGIN has an END");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one VCALENDAR");
    root.children.pop().unwrap()
}

fn uids(ics: &str) -> BTreeSet<String> {
    let cal = parse(ics);
    cal.children
        .iter()
        .map(|c| c.get("UID").expect("every component has a UID").to_string())
        .collect()
}

fn parse_date(v: &str) -> Date {
    Date::strptime("%Y%m%d", v).unwrap()
}

#[test]
fn the_exporter_names_itself() {
    let e = IcsExporter::default();
    assert_eq!(e.name(), "ics");
    assert_eq!(e.extension(), "ics");
    assert_eq!(e.options(), &IcsOptions::default());
    let exported = e.export(&common::plan(AS_OF)).unwrap();
    assert_eq!(exported.files.len(), 1, "one calendar file");
    let f = &exported.files[0];
    assert_eq!(f.part, None);
    assert_eq!(
        (f.extension.as_str(), f.media_type.as_str()),
        ("ics", "text/calendar")
    );
    assert!(!f.binary);
    assert!(exported.warnings.is_empty());
    let text = String::from_utf8(f.bytes.clone()).unwrap();
    assert!(
        text.contains(&format!("PRODID:-//carepath//{GENERATOR}//EN\r\n")),
        "the PRODID names the generator"
    );
}

#[test]
fn snapshot_of_the_hand_written_plan() {
    let mut ctx = options();
    ctx.todo = true;
    insta::assert_snapshot!(readable(&export(&common::plan(AS_OF), &ctx)));
}

#[test]
fn snapshot_of_the_nasty_text_plan() {
    insta::assert_snapshot!(readable(&export(&common::nasty_plan(AS_OF), &options())));
}

#[test]
fn snapshots_of_every_fixture() {
    for (name, plan) in common::fixtures(AS_OF) {
        let ics = export(&plan, &options());
        insta::assert_snapshot!(format!("fixture-{name}"), readable(&ics));
    }
}

#[test]
fn a_goal_event_names_the_milestone_that_fails_it_by_its_title() {
    let plan = common::plan(AS_OF);
    let ecmo = plan.schedule.goals.iter().find(|g| g.id == "ecmo").unwrap();
    assert!(
        ecmo.smart.measurable.terminal().contains("`ecmo-course`"),
        "the terminal names the milestone by its id: {}",
        ecmo.smart.measurable.terminal()
    );
    let cal = parse(&export(&plan, &options()));
    let event = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some(goal_uid(&plan.plan_id, "ecmo").as_str()))
        .expect("the goal's event");
    let description = unescape(event.get("DESCRIPTION").unwrap());
    let line = description
        .lines()
        .find(|l| l.starts_with("Not yet measurable: "))
        .unwrap_or_else(|| panic!("no failed criterion in {description:?}"));
    assert_eq!(
        line,
        "Not yet measurable: no numeric measure, and “ECMO specialist course: 40 h, \"hands-on\" \
         wet lab” has no clear completion (add a measure)"
    );
    for m in &plan.schedule.milestones {
        assert!(
            !description.contains(&m.id),
            "the milestone id {:?} in {description:?}",
            m.id
        );
    }
    assert!(!description.contains('`'), "{description:?}");
}

#[test]
fn the_calendar_header_says_what_it_is() {
    let cal = parse(&export(&common::plan(AS_OF), &options()));
    assert_eq!(cal.name, "VCALENDAR");
    assert_eq!(cal.get("VERSION"), Some("2.0"));
    assert_eq!(cal.get("PRODID"), Some("-//carepath//carepath 0.1.0//EN"));
    assert_eq!(cal.get("CALSCALE"), Some("GREGORIAN"));
    assert_eq!(cal.get("METHOD"), Some("PUBLISH"));
    assert_eq!(
        cal.get("X-WR-CALNAME"),
        Some("carepath: Respiratory therapist to ECMO specialist")
    );
}

#[test]
fn every_event_is_all_day_with_dtend_the_next_day_and_alarms_last() {
    let mut plans = vec![common::plan(AS_OF), common::nasty_plan(AS_OF)];
    plans.extend(common::fixtures(AS_OF).into_iter().map(|(_, p)| p));
    let mut ctx = options();
    ctx.todo = true;
    for plan in &plans {
        let ics = export(plan, &ctx);
        carepath_test_support::assert_ics_wire_format(&ics);
        let cal = parse(&ics);
        let events = cal.all("VEVENT");
        let goals_with_due = plan.schedule.goals.iter().filter(|g| g.due.is_some());
        let cycles: usize = plan
            .schedule
            .credentials
            .iter()
            .map(|c| c.cycles.len())
            .sum();
        // One keep-in-touch reminder per person whose next contact falls inside the plan.
        let finish = plan.schedule.finish;
        let contacts = plan
            .schedule
            .people
            .iter()
            .filter(|c| {
                c.next_contact
                    .is_some_and(|n| n >= finish.start && n <= finish.finish)
            })
            .count();
        assert_eq!(
            events.len(),
            plan.schedule.milestones.len() + goals_with_due.count() + cycles + contacts,
            "{}",
            plan.plan_id
        );
        for ev in events {
            for name in ["UID", "DTSTAMP", "SUMMARY", "DESCRIPTION", "CATEGORIES"] {
                assert!(ev.get(name).is_some(), "{name} in {ev:?}");
            }
            assert_eq!(ev.get("DTSTAMP"), Some("20260301T000000Z"));
            let (start_key, start) = ev
                .props
                .iter()
                .find(|(k, _)| k.starts_with("DTSTART"))
                .unwrap();
            let (end_key, end) = ev
                .props
                .iter()
                .find(|(k, _)| k.starts_with("DTEND"))
                .unwrap();
            assert_eq!(start_key, "DTSTART;VALUE=DATE");
            assert_eq!(end_key, "DTEND;VALUE=DATE");
            assert_eq!(parse_date(end), parse_date(start).tomorrow().unwrap());
            // Outlook refuses an event with a property after its first VALARM.
            assert!(!ev.prop_after_child, "a property after a VALARM: {ev:?}");
            for alarm in ev.all("VALARM") {
                assert_eq!(alarm.get("ACTION"), Some("DISPLAY"));
                assert!(alarm.get("DESCRIPTION").is_some());
                let trigger = alarm.get("TRIGGER").unwrap();
                assert!(trigger == "PT0S" || trigger.starts_with("-P"), "{trigger}");
            }
        }
    }
}

#[test]
fn reminders_follow_the_remind_option() {
    let plan = common::plan(AS_OF);
    let mut ctx = options();
    ctx.remind = vec![1, 30, 7, 7];
    let cal = parse(&export(&plan, &ctx));
    let rrt = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some(&milestone_uid("sam-rt-to-ecmo", "rrt")))
        .unwrap();
    let triggers: Vec<&str> = rrt
        .all("VALARM")
        .iter()
        .map(|a| a.get("TRIGGER").unwrap())
        .collect();
    assert_eq!(
        triggers,
        ["-P30D", "-P7D", "-P1D"],
        "furthest first, each once"
    );

    ctx.remind = Vec::new();
    let cal = parse(&export(&plan, &ctx));
    for ev in cal.all("VEVENT") {
        let expiry = ev.get("CATEGORIES") == Some("credential");
        assert_eq!(
            ev.all("VALARM").is_empty(),
            !expiry,
            "--remind sets the reminders of every event but the expiries: {ev:?}"
        );
    }
    ctx.remind_expiry = Vec::new();
    assert!(!export(&plan, &ctx).contains("BEGIN:VALARM"));
}

#[test]
fn default_reminders_are_14_days_and_1_day_before() {
    let cal = parse(&export(&common::plan(AS_OF), &IcsOptions::default()));
    let goal = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some(&goal_uid("sam-rt-to-ecmo", "ecmo")))
        .unwrap();
    let alarms: Vec<(&str, &str)> = goal
        .all("VALARM")
        .iter()
        .map(|a| (a.get("TRIGGER").unwrap(), a.get("DESCRIPTION").unwrap()))
        .collect();
    assert_eq!(
        alarms,
        [
            (
                "-P14D",
                "In 14 days: Goal deadline: Run ECMO circuits in the CVICU by mid-2027"
            ),
            (
                "-P1D",
                "Tomorrow: Goal deadline: Run ECMO circuits in the CVICU by mid-2027"
            )
        ]
    );
}

#[test]
fn done_milestones_and_past_reminders_get_no_alarm() {
    let plan = common::plan(date(2026, 3, 25));
    let cal = parse(&export(&plan, &options()));
    let event = |id: &str| {
        cal.all("VEVENT")
            .into_iter()
            .find(|e| e.get("UID") == Some(&milestone_uid("sam-rt-to-ecmo", id)))
            .unwrap()
    };
    // Done on 2026-02-20, due 2026-03-31.
    assert!(event("acls").all("VALARM").is_empty());
    let acls = event("acls");
    assert!(acls.get("DESCRIPTION").unwrap().contains("Status: done"));
    // Due 2026-09-30: both reminders are still ahead.
    assert_eq!(event("rrt").all("VALARM").len(), 2);

    // Six days before a due date, the 14-day reminder would only pop up as missed.
    let plan = common::plan(date(2026, 9, 24));
    let cal = parse(&export(&plan, &options()));
    let rrt = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some(&milestone_uid("sam-rt-to-ecmo", "rrt")))
        .unwrap();
    let triggers: Vec<&str> = rrt
        .all("VALARM")
        .iter()
        .map(|a| a.get("TRIGGER").unwrap())
        .collect();
    assert_eq!(triggers, ["-P1D"]);
}

#[test]
fn a_milestone_without_a_due_date_sits_on_its_forecast_finish_as_tentative() {
    let plan = common::plan(AS_OF);
    let course = plan
        .schedule
        .milestones
        .iter()
        .find(|m| m.id == "ecmo-course")
        .unwrap();
    assert!(course.due.is_none());
    let cal = parse(&export(&plan, &options()));
    let ev = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some(&milestone_uid("sam-rt-to-ecmo", "ecmo-course")))
        .unwrap();
    assert_eq!(
        parse_date(ev.get("DTSTART").unwrap()),
        course.forecast.finish
    );
    assert_eq!(ev.get("STATUS"), Some("TENTATIVE"));
    assert_eq!(ev.get("CATEGORIES"), Some("training"));
    assert_eq!(
        unescape(ev.get("SUMMARY").unwrap()),
        "ECMO specialist course: 40 h, \"hands-on\" wet lab"
    );
}

#[test]
fn todo_adds_one_task_per_milestone() {
    let plan = common::plan(AS_OF);
    let mut ctx = options();
    assert!(!export(&plan, &ctx).contains("VTODO"));
    ctx.todo = true;
    let cal = parse(&export(&plan, &ctx));
    let tasks = cal.all("VTODO");
    assert_eq!(tasks.len(), plan.schedule.milestones.len());
    let task = |id: &str| {
        tasks
            .iter()
            .find(|t| t.get("UID") == Some(&task_uid("sam-rt-to-ecmo", id)))
            .unwrap()
    };
    let acls = task("acls");
    assert_eq!(acls.get("STATUS"), Some("COMPLETED"));
    assert_eq!(acls.get("PERCENT-COMPLETE"), Some("100"));
    assert_eq!(acls.get("COMPLETED"), Some("20260220T120000Z"));
    assert_eq!(acls.get("DUE;VALUE=DATE"), Some("20260331"));
    let rrt = task("rrt");
    assert_eq!(rrt.get("STATUS"), Some("IN-PROCESS"));
    assert_eq!(rrt.get("PERCENT-COMPLETE"), Some("25"), "20 of 80 hours");
    let mentor = task("mentor");
    assert_eq!(mentor.get("STATUS"), Some("NEEDS-ACTION"));
    for t in &tasks {
        assert!(t.children.is_empty(), "tasks carry no alarms of their own");
        assert!(
            t.get("DTSTART").is_none(),
            "DUE alone: DTSTART would have to precede it"
        );
    }
    let events: BTreeSet<&str> = cal
        .all("VEVENT")
        .iter()
        .map(|e| e.get("UID").unwrap())
        .collect();
    assert!(
        tasks
            .iter()
            .all(|t| !events.contains(t.get("UID").unwrap()))
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let mut ctx = options();
    ctx.todo = true;
    let a = export(&common::plan(AS_OF), &ctx);
    let b = export(&common::plan(AS_OF), &ctx);
    assert_eq!(a, b);
    let written = IcsExporter::new(ctx.clone())
        .export(&common::plan(AS_OF))
        .unwrap();
    assert_eq!(
        written.files[0].bytes,
        a.as_bytes(),
        "the trait writes exactly the calendar"
    );
}

#[test]
fn uids_survive_a_newer_export_with_more_progress() {
    let mut ctx = options();
    ctx.todo = true;
    let before = export(&common::plan(AS_OF), &ctx);
    let later = date(2026, 11, 15);
    let mut newer = common::plan(later);
    newer.schedule.milestones[1].percent = 80.0;
    let mut ctx_later = options();
    ctx_later.todo = true;
    let after = export(&newer, &ctx_later);
    assert_ne!(before, after, "the newer export says something new");
    assert_eq!(uids(&before), uids(&after));
    let n = parse(&before).children.len();
    assert_eq!(uids(&before).len(), n, "no two components share a UID");
}

#[test]
fn two_plans_share_no_uid() {
    let mut ctx = options();
    ctx.todo = true;
    let a = common::plan(AS_OF);
    let mut b = a.clone();
    b.plan_id = "someone-else".into();
    let (ua, ub) = (uids(&export(&a, &ctx)), uids(&export(&b, &ctx)));
    assert_eq!(ua.len(), ub.len());
    assert!(ua.is_disjoint(&ub));

    let mut all = BTreeSet::new();
    let mut count = 0;
    for (_, plan) in common::fixtures(AS_OF) {
        let u = uids(&export(&plan, &ctx));
        count += u.len();
        all.extend(u);
    }
    assert_eq!(all.len(), count, "the fixtures share no UID");
}

#[test]
fn uids_of_different_kinds_never_collide() {
    // A milestone called `goal-x` against a goal `x`, and a plan id with a dot in it.
    assert_ne!(milestone_uid("p", "goal-x"), goal_uid("p", "x"));
    assert_ne!(milestone_uid("a.goal.p", "x"), goal_uid("p", "x"));
    assert_ne!(milestone_uid("p", "x"), task_uid("p", "x"));
    assert_eq!(
        milestone_uid("zoe-rn-to-acnp", "ccrn-exam"),
        "ccrn-exam.zoe-rn-to-acnp@carepath"
    );
    assert_eq!(
        goal_uid("zoe-rn-to-acnp", "ccrn"),
        "ccrn.goal.zoe-rn-to-acnp@carepath"
    );
    assert_eq!(
        carepath_ics::expiry_uid("zoe-rn-to-acnp", "bls", date(2027, 2, 28)),
        "bls-20270228.expiry.zoe-rn-to-acnp@carepath"
    );
}

#[test]
fn nasty_titles_come_back_intact() {
    let plan = common::nasty_plan(AS_OF);
    let cal = parse(&export(&plan, &options()));
    let summaries: Vec<String> = cal
        .all("VEVENT")
        .iter()
        .filter(|e| e.get("CATEGORIES") == Some("other"))
        .map(|e| unescape(e.get("SUMMARY").unwrap()))
        .collect();
    let mut expected = common::nasty_titles();
    expected.extend(
        common::carriage_return_titles()
            .into_iter()
            .map(|(_, read)| read),
    );
    assert_eq!(summaries, expected);
    let goal = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("CATEGORIES") == Some("goal"))
        .unwrap();
    assert_eq!(
        unescape(goal.get("SUMMARY").unwrap()),
        "Goal deadline: Goal, with; specials\\ and 🩺"
    );
}

/// A large plan still gives a well-formed calendar with every event. Its speed is measured in
/// the benchmark (`cargo bench -p carepath-cli --bench export`), not here.
#[test]
fn ten_thousand_milestones_give_a_well_formed_calendar() {
    let large = common::large_plan(10_000, AS_OF);
    let mut ctx = options();
    ctx.todo = true;
    let ics = export(&large, &ctx);
    carepath_test_support::assert_ics_wire_format(&ics);
    assert_eq!(
        parse(&ics).all("VEVENT").len(),
        10_001,
        "every milestone and the goal"
    );
}

/// The `VEVENT` with this UID, exactly as written (CRLF shown as newlines).
fn event_text(ics: &str, uid: &str) -> String {
    let text = readable(ics);
    let at = text
        .find(&format!("BEGIN:VEVENT\nUID:{uid}\n"))
        .unwrap_or_else(|| panic!("no event {uid}"));
    let end = text[at..].find("END:VEVENT\n").unwrap() + at + "END:VEVENT\n".len();
    text[at..end].to_string()
}

/// What a nurse sees on the day CCRN expires: what is still missing per requirement, what is
/// met, the renewal milestone and how its forecast compares with the submission date, the rule
/// and its verification, and reminders 90, 60, 30 and 7 days ahead.
#[test]
fn the_expiry_event_of_a_ccrn_cycle() {
    let plan = common::plan(AS_OF);
    let uid = carepath_ics::expiry_uid("sam-rt-to-ecmo", "ccrn", date(2027, 6, 30));
    assert_eq!(uid, "ccrn-20270630.expiry.sam-rt-to-ecmo@carepath");
    assert_eq!(
        event_text(&export(&plan, &options()), &uid),
        "\
BEGIN:VEVENT
UID:ccrn-20270630.expiry.sam-rt-to-ecmo@carepath
DTSTAMP:20260301T000000Z
DTSTART;VALUE=DATE:20270630
DTEND;VALUE=DATE:20270701
SUMMARY:Expires: Critical care registered nurse certification (adult\\, pedi
 atric or neonatal)
DESCRIPTION:Critical care registered nurse certification (adult\\, pediatric
  or neonatal) (ccrn) expires on 2027-06-30: the last day it is valid\\nStat
 us on 2026-03-01: at-risk\\nCycle: 2024-07-01 to 2027-06-30\\; finish the re
 newal by 2027-05-31\\nStill needed:\\n- CE in total: 46 of 100 CERPs left (5
 4 counted so far)\\n- Category A: 22 of 60 CERPs left (38 counted so far)\\n
 - Category C: 4 of 10 CERPs left (6 counted so far)\\n- Practice: 144 of 43
 2 hours left (288 worked so far)\\, 470 forecast by the expiry\\nMet: Catego
 ry B (10 CERPs)\\nRenewal: “Renewal of CCRN: 46 CERPs of CE (Category A: 
 22)”\\, forecast to finish 2027-07-19\\, 49 days after the submission date
 \\nRule: AACN: CCRN renewal (2025)\\, every 36 months\\nNot yet verified agai
 nst the source: check with the issuer\\nPlan: Respiratory therapist to ECMO
  specialist (as of 2026-03-01)
CATEGORIES:credential
STATUS:CONFIRMED
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:In 90 days: Expires: Critical care registered nurse certificati
 on (adult\\, pediatric or neonatal)
TRIGGER:-P90D
END:VALARM
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:In 60 days: Expires: Critical care registered nurse certificati
 on (adult\\, pediatric or neonatal)
TRIGGER:-P60D
END:VALARM
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:In 30 days: Expires: Critical care registered nurse certificati
 on (adult\\, pediatric or neonatal)
TRIGGER:-P30D
END:VALARM
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:In 7 days: Expires: Critical care registered nurse certificatio
 n (adult\\, pediatric or neonatal)
TRIGGER:-P7D
END:VALARM
END:VEVENT
"
    );
}

#[test]
fn one_expiry_event_per_cycle_and_none_without_cycles() {
    let plan = common::plan(AS_OF);
    let cal = parse(&export(&plan, &options()));
    let expiries: Vec<(&str, &str)> = cal
        .all("VEVENT")
        .into_iter()
        .filter(|e| e.get("CATEGORIES") == Some("credential"))
        .map(|e| (e.get("UID").unwrap(), e.get("DTSTART;VALUE=DATE").unwrap()))
        .collect();
    assert_eq!(
        expiries,
        [
            ("bls-20260430.expiry.sam-rt-to-ecmo@carepath", "20260430"),
            ("bls-20280430.expiry.sam-rt-to-ecmo@carepath", "20280430"),
            ("ccrn-20270630.expiry.sam-rt-to-ecmo@carepath", "20270630"),
        ],
        "BLS has two cycles in the horizon, CCRN one, ACLS (expiry unknown) none"
    );
    let ics = export(&plan, &options());
    assert!(!ics.contains("acls-"), "no expiry event without a cycle");
    assert!(
        !ics.contains("55512"),
        "the private card number is in no event"
    );
    assert!(
        !ics.contains(".renewal."),
        "the older renewal events are replaced by the expiries"
    );

    // 60 days before the BLS expiry, the 90-day reminder would only pop up as missed.
    let bls = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some("bls-20260430.expiry.sam-rt-to-ecmo@carepath"))
        .unwrap();
    let triggers: Vec<&str> = bls
        .all("VALARM")
        .iter()
        .map(|a| a.get("TRIGGER").unwrap())
        .collect();
    assert_eq!(triggers, ["-P60D", "-P30D", "-P7D"]);

    let mut ctx = options();
    ctx.remind_expiry = vec![7, 180];
    let cal = parse(&export(&plan, &ctx));
    let ccrn = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some("ccrn-20270630.expiry.sam-rt-to-ecmo@carepath"))
        .unwrap();
    let triggers: Vec<&str> = ccrn
        .all("VALARM")
        .iter()
        .map(|a| a.get("TRIGGER").unwrap())
        .collect();
    assert_eq!(triggers, ["-P180D", "-P7D"], "--remind-expiry 7,180");
}

/// A renewal milestone is an ordinary milestone event whose description starts with what it
/// renews.
#[test]
fn a_renewal_milestone_says_what_it_renews() {
    let plan = common::plan(AS_OF);
    let cal = parse(&export(&plan, &options()));
    let ev = cal
        .all("VEVENT")
        .into_iter()
        .find(|e| e.get("UID") == Some(&milestone_uid("sam-rt-to-ecmo", "renew-ccrn-2027-06-30")))
        .unwrap();
    assert_eq!(
        unescape(ev.get("SUMMARY").unwrap()),
        "Renewal of CCRN: 46 CERPs of CE (Category A: 22)"
    );
    assert_eq!(ev.get("CATEGORIES"), Some("continuing-education"));
    assert_eq!(
        ev.get("DTSTART;VALUE=DATE"),
        Some("20270531"),
        "on its due date"
    );
    let description = unescape(ev.get("DESCRIPTION").unwrap());
    assert_eq!(
        description.lines().next(),
        Some(
            "Renews Critical care registered nurse certification (adult, pediatric or \
             neonatal), which expires on 2027-06-30; finish by 2027-05-31"
        )
    );
    assert!(
        description.contains("Forecast finish: 2027-07-19, 49 days late"),
        "{description}"
    );
    assert_eq!(ev.all("VALARM").len(), 2, "the --remind reminders");
}
