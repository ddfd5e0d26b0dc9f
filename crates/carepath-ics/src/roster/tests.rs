use super::*;
use jiff::civil::date;

/// A calendar around `body` (lines joined with CRLF, as exports write them).
fn cal(head: &[&str], events: &[&[&str]]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//roster//EN",
    ];
    lines.extend_from_slice(head);
    for (i, e) in events.iter().enumerate() {
        lines.push("BEGIN:VEVENT");
        if !e.iter().any(|l| l.starts_with("UID")) {
            lines.push(["UID:e1@t", "UID:e2@t", "UID:e3@t", "UID:e4@t", "UID:e5@t"][i % 5]);
        }
        lines.push("DTSTAMP:20260101T000000Z");
        lines.extend_from_slice(e);
        lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    let mut s = lines.join("\r\n");
    s.push_str("\r\n");
    s
}

const CHICAGO: &str = "X-WR-TIMEZONE:America/Chicago";

fn ok(text: &str, m: Option<&str>) -> RosterRead {
    match read_detailed(text, m) {
        Ok(r) => r,
        Err(e) => panic!("roster did not read: {e}\n{:#?}", e.diagnostics),
    }
}

fn err(text: &str) -> Vec<Diagnostic> {
    match read_detailed(text, None) {
        Ok(r) => panic!("read a bad roster: {:?}", r.roster),
        Err(e) => e.diagnostics.into_iter().filter(|d| d.is_error()).collect(),
    }
}

/// (start, end, hours) of each shift, with times as `YYYY-MM-DD HH:MM`.
fn times(r: &Roster) -> Vec<(String, String, f64)> {
    r.shifts
        .iter()
        .map(|s| {
            (
                s.start.strftime("%Y-%m-%d %H:%M").to_string(),
                s.end.strftime("%Y-%m-%d %H:%M").to_string(),
                s.hours,
            )
        })
        .collect()
}

fn t(s: &str, e: &str, h: f64) -> (String, String, f64) {
    (s.to_string(), e.to_string(), h)
}

#[test]
fn utc_times_are_shown_in_the_calendars_zone() {
    let text = cal(
        &[CHICAGO],
        &[&[
            "SUMMARY:Day Shift",
            "DTSTART:20260105T130000Z",
            "DTEND:20260106T013000Z",
        ]],
    );
    let r = ok(&text, None);
    assert_eq!(r.zone, "America/Chicago");
    assert_eq!(
        times(&r.roster),
        [t("2026-01-05 07:00", "2026-01-05 19:30", 12.5)]
    );
    assert_eq!(r.roster.shifts[0].label, "Day Shift");
    assert_eq!(r.roster.covers, Some((date(2026, 1, 5), date(2026, 1, 5))));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn utc_times_without_a_zone_are_read_in_utc_with_a_warning() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART:20260105T130000Z",
            "DTEND:20260106T013000Z",
        ]],
    );
    let r = ok(&text, None);
    assert_eq!(r.zone, "UTC");
    assert_eq!(
        times(&r.roster),
        [t("2026-01-05 13:00", "2026-01-06 01:30", 12.5)]
    );
    let codes: Vec<&str> = r.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, [codes::ROSTER_NO_ZONE]);
    let span = r.warnings[0].span.clone().unwrap();
    assert_eq!(&text[span], "20260105T130000Z");
}

#[test]
fn floating_times_are_read_as_written() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART:20260105T070000",
            "DTEND:20260105T193000",
        ]],
    );
    let r = ok(&text, None);
    assert_eq!(
        times(&r.roster),
        [t("2026-01-05 07:00", "2026-01-05 19:30", 12.5)]
    );
    assert!(r.warnings.is_empty());
}

#[test]
fn a_tzid_time_is_converted_to_the_rosters_zone() {
    let text = cal(
        &[CHICAGO],
        &[&[
            "SUMMARY:Shift",
            "DTSTART;TZID=America/New_York:20260105T080000",
            "DTEND;TZID=America/New_York:20260105T203000",
        ]],
    );
    assert_eq!(
        times(&ok(&text, None).roster),
        [t("2026-01-05 07:00", "2026-01-05 19:30", 12.5)]
    );
}

#[test]
fn the_zone_is_the_tzid_most_events_use() {
    let ny = [
        "SUMMARY:Shift",
        "DTSTART;TZID=America/New_York:20260106T080000",
        "DTEND;TZID=America/New_York:20260106T200000",
    ];
    let chi = [
        "SUMMARY:Shift",
        "DTSTART;TZID=America/Chicago:20260107T070000",
        "DTEND;TZID=America/Chicago:20260107T190000",
    ];
    let chi2 = [
        "SUMMARY:Shift",
        "DTSTART;TZID=America/Chicago:20260108T070000",
        "DTEND;TZID=America/Chicago:20260108T190000",
    ];
    let r = ok(&cal(&[], &[&ny, &chi, &chi2]), None);
    assert_eq!(r.zone, "America/Chicago");
    assert_eq!(r.roster.shifts[0].start, date(2026, 1, 6).at(7, 0, 0, 0));
    // A tie goes to the zone met first.
    let r = ok(&cal(&[], &[&ny, &chi]), None);
    assert_eq!(r.zone, "America/New_York");
    assert_eq!(r.roster.shifts[1].start, date(2026, 1, 7).at(8, 0, 0, 0));
}

#[test]
fn a_night_crosses_midnight_and_covers_both_days() {
    let text = cal(
        &[CHICAGO],
        &[&[
            "SUMMARY:Night Shift",
            "DTSTART;TZID=America/Chicago:20260109T190000",
            "DTEND;TZID=America/Chicago:20260110T073000",
        ]],
    );
    let r = ok(&text, None).roster;
    assert_eq!(times(&r), [t("2026-01-09 19:00", "2026-01-10 07:30", 12.5)]);
    assert_eq!(r.covers, Some((date(2026, 1, 9), date(2026, 1, 10))));
}

#[test]
fn a_shift_ending_at_midnight_does_not_cover_the_next_day() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Late",
            "DTSTART:20260109T160000",
            "DTEND:20260110T000000",
        ]],
    );
    let r = ok(&text, None).roster;
    assert_eq!(r.shifts[0].hours, 8.0);
    assert_eq!(r.covers, Some((date(2026, 1, 9), date(2026, 1, 9))));
}

#[test]
fn nights_on_a_clock_change_last_the_real_elapsed_time() {
    let spring = [
        "SUMMARY:Night Shift",
        "DTSTART;TZID=America/Chicago:20260307T190000",
        "DTEND;TZID=America/Chicago:20260308T073000",
    ];
    let autumn = [
        "SUMMARY:Night Shift",
        "DTSTART;TZID=America/Chicago:20261031T190000",
        "DTEND;TZID=America/Chicago:20261101T073000",
    ];
    let r = ok(&cal(&[], &[&spring, &autumn]), None).roster;
    assert_eq!(
        times(&r),
        [
            t("2026-03-07 19:00", "2026-03-08 07:30", 11.5),
            t("2026-10-31 19:00", "2026-11-01 07:30", 13.5),
        ]
    );
}

#[test]
fn a_recurring_night_keeps_its_exact_length_across_the_change() {
    // RFC 5545 3.8.5.3, and what khal shows: each instance lasts as long as the first.
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Night Shift",
            "DTSTART;TZID=America/Chicago:20260228T190000",
            "DTEND;TZID=America/Chicago:20260301T073000",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        ]],
    );
    assert_eq!(
        times(&ok(&text, None).roster),
        [
            t("2026-02-28 19:00", "2026-03-01 07:30", 12.5),
            t("2026-03-07 19:00", "2026-03-08 08:30", 12.5),
            t("2026-03-14 19:00", "2026-03-15 07:30", 12.5),
        ]
    );
}

#[test]
fn a_weekly_rule_stays_at_its_wall_clock_time_and_exdates_drop_instances() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Day Shift",
            "DTSTART;TZID=America/Chicago:20260302T070000",
            "DTEND;TZID=America/Chicago:20260302T193000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260318T235959Z",
            "EXDATE;TZID=America/Chicago:20260304T070000",
            "EXDATE:20260316T120000Z",
        ]],
    );
    assert_eq!(
        times(&ok(&text, None).roster),
        [
            t("2026-03-02 07:00", "2026-03-02 19:30", 12.5),
            // 03-04 excluded; the clocks went forward on 03-08: still 07:00.
            t("2026-03-09 07:00", "2026-03-09 19:30", 12.5),
            t("2026-03-11 07:00", "2026-03-11 19:30", 12.5),
            // 03-16 07:00 CDT is 12:00 UTC: excluded.
            t("2026-03-18 07:00", "2026-03-18 19:30", 12.5),
        ]
    );
}

#[test]
fn until_in_utc_is_compared_as_an_instant() {
    // UNTIL 13:00 UTC is 07:00 Chicago (CST): the instance on the 19th is the last.
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Day Shift",
            "DTSTART;TZID=America/Chicago:20260115T070000",
            "DTEND;TZID=America/Chicago:20260115T190000",
            "RRULE:FREQ=DAILY;UNTIL=20260119T130000Z",
        ]],
    );
    let r = ok(&text, None).roster;
    assert_eq!(r.shifts.len(), 5);
    assert_eq!(r.shifts[4].start, date(2026, 1, 19).at(7, 0, 0, 0));
}

#[test]
fn recurrence_id_overrides_move_and_cancel_instances() {
    let master = [
        "UID:nights@t",
        "SUMMARY:Night Shift",
        "DTSTART;TZID=America/Chicago:20260105T190000",
        "DTEND;TZID=America/Chicago:20260106T073000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
    ];
    let moved = [
        "UID:nights@t",
        "RECURRENCE-ID;TZID=America/Chicago:20260112T190000",
        "SUMMARY:Night Shift (swapped)",
        "DTSTART;TZID=America/Chicago:20260113T190000",
        "DTEND;TZID=America/Chicago:20260114T073000",
    ];
    let cancelled = [
        "UID:nights@t",
        "RECURRENCE-ID:20260120T010000Z",
        "SUMMARY:Night Shift",
        "STATUS:CANCELLED",
        "DTSTART;TZID=America/Chicago:20260119T190000",
        "DTEND;TZID=America/Chicago:20260120T073000",
    ];
    let r = ok(&cal(&[], &[&master, &moved, &cancelled]), Some("shift")).roster;
    assert_eq!(
        times(&r),
        [
            t("2026-01-05 19:00", "2026-01-06 07:30", 12.5),
            t("2026-01-13 19:00", "2026-01-14 07:30", 12.5),
            t("2026-01-26 19:00", "2026-01-27 07:30", 12.5),
        ]
    );
    assert_eq!(r.shifts[1].label, "Night Shift (swapped)");
}

#[test]
fn an_override_without_its_own_end_keeps_the_masters_length() {
    let master = [
        "UID:d@t",
        "SUMMARY:Day Shift",
        "DTSTART:20260105T070000",
        "DTEND:20260105T193000",
        "RRULE:FREQ=DAILY;COUNT=2",
    ];
    let later = [
        "UID:d@t",
        "RECURRENCE-ID:20260106T070000",
        "SUMMARY:Day Shift",
        "DTSTART:20260106T090000",
    ];
    assert_eq!(
        times(&ok(&cal(&[], &[&master, &later]), None).roster),
        [
            t("2026-01-05 07:00", "2026-01-05 19:30", 12.5),
            t("2026-01-06 09:00", "2026-01-06 21:30", 12.5),
        ]
    );
}

#[test]
fn all_day_cancelled_and_unmatched_events_are_not_shifts() {
    let vacation = [
        "SUMMARY:Vacation",
        "DTSTART;VALUE=DATE:20260110",
        "DTEND;VALUE=DATE:20260117",
    ];
    let meeting = [
        "SUMMARY:Staff meeting",
        "DTSTART:20260108T140000",
        "DTEND:20260108T150000",
    ];
    let shift = [
        "SUMMARY:ICU DAY SHIFT",
        "DTSTART:20260107T070000",
        "DTEND:20260107T193000",
    ];
    let cancelled = [
        "SUMMARY:Day Shift",
        "STATUS:CANCELLED",
        "DTSTART:20260109T070000",
        "DTEND:20260109T193000",
    ];
    let text = cal(&[], &[&vacation, &meeting, &shift, &cancelled]);
    let r = ok(&text, Some("Shift")).roster;
    assert_eq!(times(&r), [t("2026-01-07 07:00", "2026-01-07 19:30", 12.5)]);
    assert_eq!(r.shifts[0].label, "ICU DAY SHIFT");
    // Without `match`, the meeting is a shift too; the vacation never is.
    let r = ok(&text, None).roster;
    assert_eq!(r.shifts.len(), 2);
    assert_eq!(r.shifts[1].label, "Staff meeting");
    // An empty match matches everything.
    assert_eq!(ok(&text, Some("")).roster.shifts.len(), 2);
}

#[test]
fn a_roster_without_matching_shifts_warns() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Dienst",
            "DTSTART:20260107T070000",
            "DTEND:20260107T193000",
        ]],
    );
    let r = ok(&text, Some("Shift"));
    assert!(r.roster.shifts.is_empty());
    assert_eq!(r.roster.covers, None);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, codes::ROSTER_NO_SHIFTS);
    assert!(
        r.warnings[0]
            .message
            .contains("none of its 1 timed event has \"Shift\"")
    );
}

#[test]
fn duration_instead_of_dtend() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART;TZID=America/Chicago:20260307T190000",
            "DURATION:PT12H30M",
        ]],
    );
    // Exact hours: 12.5 elapsed hours after 19:00 on the spring-forward night is 08:30.
    assert_eq!(
        times(&ok(&text, None).roster),
        [t("2026-03-07 19:00", "2026-03-08 08:30", 12.5)]
    );
}

#[test]
fn an_event_without_length_is_not_a_shift() {
    let text = cal(
        &[],
        &[&["SUMMARY:Shift reminder", "DTSTART:20260107T070000"]],
    );
    assert!(ok(&text, None).roster.shifts.is_empty());
}

#[test]
fn rdates_add_instances() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART:20260105T070000",
            "DTEND:20260105T190000",
            "RDATE:20260107T070000,20260109T080000",
            "RDATE;VALUE=PERIOD:20260111T190000/PT12H",
        ]],
    );
    assert_eq!(
        times(&ok(&text, None).roster),
        [
            t("2026-01-05 07:00", "2026-01-05 19:00", 12.0),
            t("2026-01-07 07:00", "2026-01-07 19:00", 12.0),
            t("2026-01-09 08:00", "2026-01-09 20:00", 12.0),
            t("2026-01-11 19:00", "2026-01-12 07:00", 12.0),
        ]
    );
}

#[test]
fn a_rule_without_end_is_read_for_three_years_with_a_warning() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART:20260105T070000",
            "DTEND:20260105T190000",
            "RRULE:FREQ=WEEKLY",
        ]],
    );
    let r = ok(&text, None);
    // The Mondays from 2026-01-05 to 2029-01-05 (excluded): 157, the last on 2029-01-01.
    assert_eq!(r.roster.shifts.len(), 157);
    assert_eq!(
        r.roster.shifts.last().unwrap().start,
        date(2029, 1, 1).at(7, 0, 0, 0)
    );
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, codes::ROSTER_RECURRENCE_CUT);
    assert_eq!(&text[r.warnings[0].span.clone().unwrap()], "FREQ=WEEKLY");
}

#[test]
fn mozilla_tzids_and_x_lic_location_name_iana_zones() {
    let text = cal(
        &[
            "BEGIN:VTIMEZONE",
            "TZID:Central Standard Time",
            "X-LIC-LOCATION:America/Chicago",
            "END:VTIMEZONE",
        ],
        &[
            &[
                "SUMMARY:Shift",
                "DTSTART;TZID=Central Standard Time:20260105T070000",
                "DTEND;TZID=Central Standard Time:20260105T190000",
            ],
            &[
                "SUMMARY:Shift",
                "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260106T080000",
                "DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20260106T200000",
            ],
        ],
    );
    let r = ok(&text, None);
    assert_eq!(r.zone, "America/Chicago");
    assert_eq!(
        times(&r.roster),
        [
            t("2026-01-05 07:00", "2026-01-05 19:00", 12.0),
            t("2026-01-06 07:00", "2026-01-06 19:00", 12.0),
        ]
    );
}

#[test]
fn shifts_are_sorted_by_start() {
    let late = [
        "SUMMARY:B",
        "DTSTART:20260110T070000",
        "DTEND:20260110T190000",
    ];
    let early = [
        "SUMMARY:A",
        "DTSTART:20260103T070000",
        "DTEND:20260103T190000",
    ];
    let r = ok(&cal(&[], &[&late, &early]), None).roster;
    let labels: Vec<&str> = r.shifts.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["A", "B"]);
    assert_eq!(r.covers, Some((date(2026, 1, 3), date(2026, 1, 10))));
}

#[test]
fn folded_lines_and_lf_endings_are_read() {
    let text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nSUMMARY:ICU Night\n  Shift\nDTSTART:20260105T190000\nDTEND:20260106T070000\nEND:VEVENT\nEND:VCALENDAR\n";
    let r = ok(text, Some("night shift")).roster;
    assert_eq!(r.shifts.len(), 1);
    assert_eq!(r.shifts[0].label, "ICU Night Shift");
}

// --- bad input: located findings, never a panic ---

fn one(text: &str) -> Diagnostic {
    let mut e = err(text);
    assert_eq!(e.len(), 1, "{e:#?}");
    e.remove(0)
}

fn at<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.span.clone().expect("a located finding")]
}

#[test]
fn not_icalendar_names_the_first_line() {
    let text = "title,start,end\nDay,2026-01-05 07:00,2026-01-05 19:30\n";
    let d = one(text);
    assert_eq!(d.code, codes::ROSTER_NOT_ICALENDAR);
    assert_eq!(at(text, &d), "title,start,end");
    assert!(d.hint.is_some());
    let d = one("");
    assert_eq!(d.code, codes::ROSTER_NOT_ICALENDAR);
    assert!(d.message.contains("empty"));
}

#[test]
fn a_broken_line_is_named() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nthis line is not iCalendar\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let d = one(text);
    assert_eq!(d.code, codes::ROSTER_NOT_ICALENDAR);
    assert_eq!(at(text, &d), "this line is not iCalendar");
}

#[test]
fn a_missing_end_is_not_icalendar() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260105T070000\r\nEND:VCALENDAR\r\n";
    let d = one(text);
    assert_eq!(d.code, codes::ROSTER_NOT_ICALENDAR);
    assert!(d.span.is_some());
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let mut text = String::from("BEGIN:VCALENDAR\n");
    for _ in 0..100_000 {
        text.push_str("BEGIN:X\n");
    }
    let d = one(&text);
    assert_eq!(d.code, codes::ROSTER_NOT_ICALENDAR);
    assert!(d.message.contains("nested"));
}

#[test]
fn an_unreadable_time_is_located_at_its_value() {
    let text = cal(
        &[],
        &[
            &[
                "SUMMARY:Shift",
                "DTSTART:2026-01-05 07:00",
                "DTEND:20260105T190000",
            ],
            &[
                "SUMMARY:Shift",
                "DTSTART:20260230T070000",
                "DTEND:20260105T190000",
            ],
        ],
    );
    let e = err(&text);
    assert_eq!(e.len(), 2, "both events are reported: {e:#?}");
    assert!(e.iter().all(|d| d.code == codes::ROSTER_BAD_TIME));
    assert_eq!(at(&text, &e[0]), "2026-01-05 07:00");
    assert_eq!(e[0].path, "VEVENT[0].DTSTART");
    assert_eq!(at(&text, &e[1]), "20260230T070000");
}

#[test]
fn an_unknown_tzid_is_an_error_with_a_hint() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART;TZID=Mars/Olympus_Mons:20260105T070000",
            "DTEND;TZID=Mars/Olympus_Mons:20260105T190000",
        ]],
    );
    let d = &err(&text)[0];
    assert_eq!(d.code, codes::ROSTER_BAD_TIME);
    assert!(d.message.contains("Mars/Olympus_Mons"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("IANA"));
}

#[test]
fn an_end_before_the_start_is_an_error() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Night",
            "DTSTART:20260105T190000",
            "DTEND:20260105T073000",
        ]],
    );
    let d = one(&text);
    assert_eq!(d.code, codes::ROSTER_BAD_TIME);
    assert_eq!(at(&text, &d), "20260105T073000");
    assert!(d.message.contains("ends before it starts"));
}

#[test]
fn a_rule_the_crate_rejects_is_located() {
    for rule in [
        "FREQ=FORTNIGHTLY",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;UNTIL=soon",
    ] {
        let line = format!("RRULE:{rule}");
        let text = cal(
            &[],
            &[&[
                "SUMMARY:Shift",
                "DTSTART:20260105T070000",
                "DTEND:20260105T190000",
                &line,
            ]],
        );
        let d = one(&text);
        assert_eq!(d.code, codes::ROSTER_BAD_RECURRENCE, "{rule}");
        assert_eq!(at(&text, &d), rule);
    }
}

#[test]
fn a_bad_duration_is_located() {
    let text = cal(
        &[],
        &[&[
            "SUMMARY:Shift",
            "DTSTART:20260105T070000",
            "DURATION:twelve hours",
        ]],
    );
    let d = one(&text);
    assert_eq!(d.code, codes::ROSTER_BAD_TIME);
    assert_eq!(at(&text, &d), "twelve hours");
}

#[test]
fn a_shift_ending_in_the_repeated_hour_still_ends_after_it_starts() {
    // 01:30 CDT to 01:10 CST is 40 minutes; by the clock it would end before it starts.
    let text = cal(
        &[CHICAGO],
        &[&[
            "SUMMARY:Shift",
            "DTSTART:20261101T063000Z",
            "DTEND:20261101T071000Z",
        ]],
    );
    let r = ok(&text, None).roster;
    let s = &r.shifts[0];
    assert_eq!(s.start, date(2026, 11, 1).at(1, 30, 0, 0));
    assert!(s.end > s.start);
    assert!((s.hours - 40.0 / 60.0).abs() < 1e-9);
}

/// fuzz/seeds/roster_read/rrule-byday-not-ascii: `rrule` slices BYDAY by bytes and panicked on
/// a character of three bytes; the reader refuses a rule that is not ASCII.
#[test]
fn rrule_byday_not_ascii() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Shift\r\nDTSTART:20260105T070000\r\nDTEND:20260105T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=\u{20ac}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        text.as_bytes(),
        include_bytes!("../../../../fuzz/seeds/roster_read/rrule-byday-not-ascii")
    );
    let d = one(text);
    assert_eq!(d.code, codes::ROSTER_BAD_RECURRENCE);
    assert!(
        d.message.contains("characters a rule cannot have"),
        "{}",
        d.message
    );
}
