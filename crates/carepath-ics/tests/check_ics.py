"""Reads a carepath calendar with an independent parser (the `icalendar` package from PyPI) and
checks it against what the Rust test expects.

    python3 check_ics.py CALENDAR.ics EXPECTED.json

EXPECTED.json holds {"events": {UID: {"summary", "start", "alarms", ["occurrences"]}},
                     "todos": {UID: {"summary", "due", "status", "percent"}}}.
Every problem found is printed; the exit code is 1 if there was any, 2 if the parser is missing.
"""

import datetime
import json
import sys

try:
    import icalendar
except ImportError:
    print("the Python package `icalendar` is not installed (pip install icalendar)", file=sys.stderr)
    sys.exit(2)

problems = []


def reads_escapes_correctly():
    """Old releases (such as 4.0.3, the one Debian bookworm ships) unescape `\\n` as a backslash
    and a line break instead of a backslash and an `n`; such a parser can't judge our files."""
    probe = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\\\\nb\\\\\\,c\r\n"
             b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    event = icalendar.Calendar.from_ical(probe).walk("VEVENT")[0]
    return str(event["SUMMARY"]) == "a\\nb\\,c"


if not reads_escapes_correctly():
    print(f"icalendar {icalendar.__version__} mis-reads a backslash before n or a comma; "
          "install a current release (pip install -U icalendar)", file=sys.stderr)
    sys.exit(3)


def problem(message):
    problems.append(message)


def wire_format(raw):
    """The rules a strict importer applies to the bytes themselves."""
    if not raw.endswith(b"\r\n"):
        problem("the file does not end with CRLF")
    for number, line in enumerate(raw[:-2].split(b"\r\n"), start=1):
        if len(line) > 75:
            problem(f"line {number} has {len(line)} octets")
        if b"\r" in line or b"\n" in line:
            problem(f"line {number} holds a bare CR or LF")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problem(f"line {number} splits a UTF-8 character")


def day(value):
    return datetime.date.fromisoformat(value)


def is_date(value):
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def check_event(uid, event, want):
    if str(event.get("SUMMARY")) != want["summary"]:
        problem(f"{uid}: SUMMARY {str(event.get('SUMMARY'))!r}, expected {want['summary']!r}")
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    if not is_date(start) or not is_date(end):
        problem(f"{uid}: DTSTART and DTEND must be dates (all-day), got {start!r} and {end!r}")
    elif end != start + datetime.timedelta(days=1):
        problem(f"{uid}: DTEND {end} is not the day after DTSTART {start}")
    if is_date(start) and start != day(want["start"]):
        problem(f"{uid}: DTSTART {start}, expected {want['start']}")
    stamp = event.decoded("DTSTAMP")
    if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
        problem(f"{uid}: DTSTAMP {stamp!r} is not a UTC date-time")
    for name in ("DESCRIPTION", "CATEGORIES", "TRANSP"):
        if name not in event:
            problem(f"{uid}: no {name}")
    alarms = [c for c in event.subcomponents if c.name == "VALARM"]
    if len(alarms) != want["alarms"]:
        problem(f"{uid}: {len(alarms)} alarms, expected {want['alarms']}")
    for alarm in alarms:
        if str(alarm.get("ACTION")) != "DISPLAY" or "DESCRIPTION" not in alarm:
            problem(f"{uid}: an alarm without ACTION:DISPLAY and a DESCRIPTION")
        trigger = alarm.decoded("TRIGGER")
        if not isinstance(trigger, datetime.timedelta) or trigger > datetime.timedelta(0):
            problem(f"{uid}: the alarm trigger {trigger!r} is not before the event")


def check_todo(uid, todo, want):
    if str(todo.get("SUMMARY")) != want["summary"]:
        problem(f"{uid}: SUMMARY {str(todo.get('SUMMARY'))!r}, expected {want['summary']!r}")
    due = todo.decoded("DUE")
    if not is_date(due) or due != day(want["due"]):
        problem(f"{uid}: DUE {due!r}, expected the date {want['due']}")
    if str(todo.get("STATUS")) != want["status"]:
        problem(f"{uid}: STATUS {todo.get('STATUS')}, expected {want['status']}")
    if int(todo.get("PERCENT-COMPLETE")) != want["percent"]:
        problem(f"{uid}: PERCENT-COMPLETE {todo.get('PERCENT-COMPLETE')}, expected {want['percent']}")


def check_occurrences(cal, events):
    """A recurring event (an RRULE) expands, with `recurring_ical_events`, to exactly the days
    carepath lists as the series' occurrences."""
    wanted = {uid: want["occurrences"] for uid, want in events.items() if "occurrences" in want}
    if not wanted:
        return
    try:
        import recurring_ical_events
    except ImportError:
        print("the Python package `recurring_ical_events` is not installed "
              "(pip install recurring_ical_events)", file=sys.stderr)
        sys.exit(2)
    got = {}
    for event in recurring_ical_events.of(cal).between(datetime.date(1900, 1, 1),
                                                        datetime.date(2200, 1, 1)):
        uid = str(event.get("UID"))
        if uid in wanted:
            got.setdefault(uid, []).append(event.decoded("DTSTART").isoformat())
    for uid, dates in sorted(wanted.items()):
        expanded = sorted(got.get(uid, []))
        if expanded != dates:
            problem(f"{uid}: the RRULE expands to {expanded}, carepath lists {dates}")


def main():
    path, expected_path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        raw = f.read()
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    wire_format(raw)

    calendars = icalendar.Calendar.from_ical(raw, multiple=True)
    if len(calendars) != 1:
        problem(f"{len(calendars)} calendars in the file, expected 1")
    cal = calendars[0]
    for component in cal.walk():
        for error in getattr(component, "errors", []):
            problem(f"{component.name}: the parser reports {error}")
    for name, value in (("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")):
        if str(cal.get(name)) != value:
            problem(f"the calendar's {name} is {cal.get(name)!r}, expected {value}")
    for name in ("PRODID", "X-WR-CALNAME"):
        if name not in cal:
            problem(f"the calendar has no {name}")

    for kind, want_all, check in (
        ("VEVENT", expected["events"], check_event),
        ("VTODO", expected.get("todos", {}), check_todo),
    ):
        found = {}
        for component in cal.walk(kind):
            uid = str(component.get("UID"))
            if uid in found:
                problem(f"two {kind}s have the UID {uid}")
            found[uid] = component
        for uid in sorted(set(want_all) - set(found)):
            problem(f"no {kind} with the UID {uid}")
        for uid in sorted(set(found) - set(want_all)):
            problem(f"an unexpected {kind} with the UID {uid}")
        for uid in sorted(set(found) & set(want_all)):
            check(uid, found[uid], want_all[uid])

    check_occurrences(cal, expected["events"])

    if problems:
        print(f"{path}: {len(problems)} problems (icalendar {icalendar.__version__})")
        for p in problems:
            print(f"  {p}")
        sys.exit(1)
    events, todos = len(expected["events"]), len(expected.get("todos", {}))
    print(f"{path}: ok, {events} events and {todos} tasks (icalendar {icalendar.__version__})")


main()
