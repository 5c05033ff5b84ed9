"""Reads calendars written by `ladder agenda --ics`, in order, with two iCalendar libraries (icalendar and
ical), as a calendar app imports them one after another: an event replaces the one with its UID unless its
SEQUENCE is lower, and a cancelled one removes it. Prints, for each library, every event of each file and then
what the calendar holds. Exits 3 when a library is not installed."""
import sys

try:
    import icalendar
    from ical.calendar_stream import IcsCalendarStream
except ImportError:
    sys.exit(3)


def with_icalendar(raw):
    for event in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
        yield (
            str(event["UID"]),
            event.decoded("DTSTART"),
            str(event["SUMMARY"]),
            str(event.get("LOCATION", "-")),
            str(event.get("STATUS", "-")),
            int(event.get("SEQUENCE", 0)),
        )


def with_ical(raw):
    for event in IcsCalendarStream.calendar_from_ics(raw.decode("utf-8")).events:
        status = event.status.value if event.status else "-"
        yield (event.uid, event.dtstart, event.summary, event.location or "-", status, event.sequence or 0)


for name, read in [("icalendar", with_icalendar), ("ical", with_ical)]:
    held = {}
    for number, path in enumerate(sys.argv[1:], 1):
        with open(path, "rb") as f:
            raw = f.read()
        for uid, day, summary, location, status, sequence in read(raw):
            print(f"{name} {number}: {day} | {summary} | {location} | {status} | {sequence}")
            if uid in held and held[uid][-1] > sequence:
                continue
            if status == "CANCELLED":
                held.pop(uid, None)
            else:
                held[uid] = (day, summary, location, sequence)
    for day, summary, location, sequence in sorted(held.values()):
        print(f"{name} holds: {day} | {summary} | {location}")
