"""Reads a calendar written by `ladder agenda --ics` with the icalendar library, checks every event, and
prints one line per event: day | summary | location | uid. Exits 3 when icalendar is not installed."""
import sys

try:
    import icalendar
except ImportError:
    sys.exit(3)

with open(sys.argv[1], "rb") as f:
    raw = f.read()
assert b"\n" not in raw.replace(b"\r\n", b""), "a line ends without CR"
calendar = icalendar.Calendar.from_ical(raw)
assert str(calendar["VERSION"]) == "2.0"
assert calendar["PRODID"]
uids = set()
for event in calendar.walk("VEVENT"):
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start).__name__ == "date", "not an all-day event"
    assert (end - start).days == 1
    assert event["DTSTAMP"]
    assert event["UID"] not in uids, "a UID twice"
    uids.add(str(event["UID"]))
    assert "ladder done" in str(event["DESCRIPTION"])
    location = str(event.get("LOCATION", "-"))
    print(f"{start} | {event['SUMMARY']} | {location} | {event['UID']}")
assert uids, "no events"
