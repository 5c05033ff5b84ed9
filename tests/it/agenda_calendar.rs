//! The agenda and its calendar (issue 24, items 8-10): the longer text is cut, not the place; the person asked
//! is in the event when names are asked for; and a plan that is gone is cancelled in the next export, read by
//! two iCalendar libraries as a calendar app imports one export after another.

use std::path::Path;
use std::process::Command;

use crate::common::{Fixture, Sandbox};

fn ladder() -> String {
    Fixture::version(2)
        .rung(1, "Ask Sam to look over one slide before Friday's meeting", 30)
        .uid("aaaaaaaaaa")
        .who("Sam")
        .planned("2026-11-24")
        .place("the park at the end of Elm Street")
        .rung(2, "Ask for a glass of water", 20)
        .uid("bbbbbbbbbb")
        .who("Ana")
        .planned("2026-11-25")
        .place("break room")
        .text()
}

fn at(s: &Sandbox, args: &[&str], columns: &str) -> String {
    let out = s.ladder(args).env("COLUMNS", columns).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_agenda_cuts_the_longer_text_and_keeps_the_place_readable() {
    let s = Sandbox::with(&ladder());
    let lines = |columns: &str| at(&s, &["agenda"], columns).lines().map(String::from).collect::<Vec<_>>();
    // The ask is shortened (`list` has it whole); the place is seen only here, so it folds beneath, whole.
    assert_eq!(
        lines("80"),
        [
            "Tue 24 Nov 2026  #1  Ask Sam to look over one…      the park at the end of Elm",
            "                                                    Street",
            "Wed 25 Nov 2026  #2  Ask for a glass of water       break room",
        ]
    );
    assert_eq!(
        lines("60"),
        [
            "Tue 24 Nov 2026  #1  Ask Sam to look…     the park at the",
            "                                          end of Elm Street",
            "Wed 25 Nov 2026  #2  Ask for a glass…     break room",
        ]
    );
    // With no room for a column of its own, the place goes on a line beneath the ask.
    assert_eq!(
        lines("40"),
        [
            "Tue 24 Nov 2026  #1  Ask Sam to look…",
            "     the park at the end of Elm Street",
            "Wed 25 Nov 2026  #2  Ask for a glass…",
            "     break room",
        ]
    );
    // Wide enough, both whole.
    assert_eq!(
        at(&s, &["agenda"], "200"),
        "Tue 24 Nov 2026  #1  Ask Sam to look over one slide before Friday's meeting  the park at the end of Elm Street\n\
         Wed 25 Nov 2026  #2  Ask for a glass of water                                break room\n"
    );
}

#[test]
fn with_names_the_person_asked_is_in_the_event() {
    let s = Sandbox::with(&ladder());
    let ics = s.ok(&["agenda", "--ics", "--with-names"]).replace("\r\n ", "");
    let events: Vec<&str> = ics.split("BEGIN:VEVENT\r\n").skip(1).collect();
    assert_eq!(
        events,
        [
            "UID:ladder-rung-aaaaaaaaaa@ladder.invalid\r\nDTSTAMP:20261122T173000Z\r\n\
             DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\n\
             SUMMARY:Ask Sam to look over one slide before Friday's meeting\r\n\
             LOCATION:the park at the end of Elm Street\r\n\
             DESCRIPTION:Stakes 30. Who: Sam.\\nA no still counts: you asked\\, and that is the rep.\\nAfterwards: \
             ladder done 1\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n",
            "UID:ladder-rung-bbbbbbbbbb@ladder.invalid\r\nDTSTAMP:20261122T173000Z\r\n\
             DTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261126\r\n\
             SUMMARY:Ask for a glass of water (Ana)\r\nLOCATION:break room\r\n\
             DESCRIPTION:Stakes 20. Who: Ana.\\nA no still counts: you asked\\, and that is the rep.\\nAfterwards: \
             ladder done 2\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        ]
    );
    // Without names, no one is named.
    let plain = s.ok(&["agenda", "--ics"]);
    assert!(!plain.contains("Ana") && !plain.contains("Sam"), "{plain}");
}

/// Whether a test that needs an outside tool may skip when it is missing: never in CI.
fn may_skip(what: &str) -> bool {
    assert!(std::env::var_os("CI").is_none(), "CI is set and {what} is missing; .ci/run installs it");
    eprintln!("note: skipping, {what} is missing (CI would fail here)");
    true
}

/// The exports at `files`, imported in order by two iCalendar libraries (`tests/report/calendar_parsers.py`).
fn imported(files: &[&Path]) -> Option<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/report/calendar_parsers.py");
    let Ok(out) = Command::new("python3").arg(&script).args(files).output() else {
        may_skip("python3");
        return None;
    };
    if out.status.code() == Some(3) && may_skip("the Python libraries icalendar and ical") {
        return None;
    }
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn a_plan_done_or_cleared_is_cancelled_in_the_next_export_so_a_calendar_removes_it() {
    let s = Sandbox::with(&ladder());
    let export = |name: &str| {
        let path = s.path(name);
        s.ok(&["agenda", "--ics", "--output", path.to_str().unwrap()]);
        path
    };
    let first = export("1.ics");
    s.ok(&["done", "1"]);
    s.ok(&["plan", "2", "--on", "2026-11-26"]);
    let second = export("2.ics");
    s.ok(&["plan", "2", "--clear"]);
    let third = export("3.ics");
    // Exported again with nothing changed: the same, the cancelled event still there for a calendar that
    // missed the last export.
    let fourth = export("4.ics");
    assert_eq!(std::fs::read(&third).unwrap(), std::fs::read(&fourth).unwrap());
    // What the exports held is remembered in the state folder, readable by its owner alone, with no text.
    let state = s.dir.path().join("home/state/ladder");
    let record = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("exported-"))
        .expect("a record of the exports");
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.starts_with("ladder exported events 1\n") && !text.contains("Ask"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&record).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let Some(read) = imported(&[&first, &second, &third]) else { return };
    let expected = |parser: &str| {
        format!(
            "{parser} 1: 2026-11-24 | Ask someone to look over one slide before Friday's meeting | the park at the end of Elm Street | - | 0\n\
             {parser} 1: 2026-11-25 | Ask for a glass of water | break room | - | 0\n\
             {parser} 2: 2026-11-26 | Ask for a glass of water | break room | - | 1\n\
             {parser} 2: 2026-11-24 | Ask someone to look over one slide before Friday's meeting | - | CANCELLED | 1\n\
             {parser} 3: 2026-11-24 | Ask someone to look over one slide before Friday's meeting | - | CANCELLED | 1\n\
             {parser} 3: 2026-11-26 | Ask for a glass of water | - | CANCELLED | 2\n"
        )
    };
    assert_eq!(read, format!("{}{}", expected("icalendar"), expected("ical")));
    // A calendar that imported only the first export and then the last drops both.
    assert_eq!(
        imported(&[&first, &fourth]).unwrap().lines().filter(|l| l.contains("holds")).count(),
        0,
        "a cancelled event removes the stale one"
    );
}
