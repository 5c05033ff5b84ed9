//! `ladder agenda --ics`: planned asks as all-day iCalendar events (RFC 5545), for any calendar app.

use std::fmt::Write as _;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use xxhash_rust::xxh3::xxh3_64;

use super::{Masker, Names};
use crate::model::{Ladder, Rung};
use crate::output::render;
use crate::rules;
use crate::rules::calendar::{Planned, Sent};

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    super::escaped(text, |c| match c {
        '\\' => Some("\\\\"),
        ';' => Some("\\;"),
        ',' => Some("\\,"),
        '\n' => Some("\\n"),
        _ => None,
    })
}

/// One content line, folded at 75 octets (never inside a character) and ended with CRLF.
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            // The space that starts a continuation line counts toward its 75 octets.
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A UID that stays the same for a rung whatever its plan says, so that importing again moves or updates the
/// event instead of adding another: the rung's own uid, which also tells apart rung 3 of two ladders.
fn uid(rung_uid: &str) -> String {
    format!("ladder-rung-{rung_uid}@ladder.invalid")
}

/// Every planned ask as an all-day event on its day, at its place, and every event of `sent` (what the last
/// export wrote) whose plan is gone, cancelled: with what this export wrote, for the next one to compare
/// against. Names are left out unless `with_names`; then the person asked is in the event too.
pub fn calendar(ladder: &Ladder, with_names: bool, now: DateTime<FixedOffset>, sent: &[Sent]) -> (String, Vec<Sent>) {
    let masker = Masker::new(ladder, if with_names { Names::Full } else { Names::None });
    let stamp = now.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
    let mut planned: Vec<&Rung> = ladder.rungs.iter().filter(|r| r.planned.is_some()).collect();
    planned.sort_by_key(|r| (r.planned, r.id));
    // Each event's lines but its stamp and sequence: what it says, and so what tells it changed.
    let bodies: Vec<(&Rung, NaiveDate, Vec<String>)> = planned
        .iter()
        .filter_map(|rung| rung.planned.map(|day| (*rung, day, event(rung, day, &masker, with_names))))
        .collect();
    let now_planned: Vec<Planned> = bodies
        .iter()
        .map(|(rung, day, body)| Planned { uid: &rung.uid, day: *day, digest: xxh3_64(body.concat().as_bytes()) })
        .collect();
    let events = rules::calendar::events(&now_planned, sent, now.date_naive());
    let mut out = String::new();
    for text in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ladder//ladder//EN", "CALSCALE:GREGORIAN"] {
        line(&mut out, text);
    }
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, "X-WR-CALNAME:Ladder: planned asks");
    for event in &events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        // 0 is the default (RFC 5545 3.8.7.4): written only once an event has changed.
        if event.sequence > 0 {
            line(&mut out, &format!("SEQUENCE:{}", event.sequence));
        }
        if event.cancelled {
            let rung = ladder.rungs.iter().find(|r| r.uid == event.uid);
            for text in cancelled(rung, event.day, &masker) {
                line(&mut out, &text);
            }
        } else if let Some((_, _, body)) = bodies.iter().find(|(rung, _, _)| rung.uid == event.uid) {
            for text in body {
                line(&mut out, text);
            }
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    (out, events)
}

/// The lines of a planned ask's event, from its day to its transparency.
fn event(rung: &Rung, day: NaiveDate, masker: &Masker, with_names: bool) -> Vec<String> {
    let mut description = format!("Stakes {}.", rung.stakes);
    if let Some(who) = rung.who.as_ref().filter(|_| with_names) {
        let _ = write!(description, " Who: {who}.");
    }
    if let Some(fear) = &rung.fear {
        let _ = write!(description, " You fear: {}.", masker.text(fear));
    }
    if let Some(chance) = rung.chance {
        let _ = write!(description, " Your guess at a yes: {chance}%.");
    }
    let _ = write!(
        description,
        "\nA no still counts: you asked, and that is the rep.\nAfterwards: ladder done {}",
        rung.id
    );
    // The person, with names, when the ask does not name them: what a calendar shows at a glance.
    let person = if with_names { render::mend::person(rung) } else { String::new() };
    let mut lines = days(day);
    lines.push(format!("SUMMARY:{}", escape(&format!("{}{person}", masker.text(&rung.ask)))));
    // A place that holds a name ("Ana Ruiz desk") is left out rather than masked: "someone desk" tells nothing,
    // and the rest of it may still tell whose.
    if let Some(place) = rung.place.as_ref().filter(|place| masker.text(place) == **place) {
        lines.push(format!("LOCATION:{}", escape(place)));
    }
    lines.push(format!("DESCRIPTION:{}", escape(&description)));
    lines.push("TRANSP:TRANSPARENT".to_string());
    lines
}

/// The lines of an event whose plan is gone: on its old day, cancelled, so that a calendar removes it.
fn cancelled(rung: Option<&Rung>, day: NaiveDate, masker: &Masker) -> Vec<String> {
    let mut lines = days(day);
    let summary = rung.map_or_else(|| "A planned ask".to_string(), |r| masker.text(&r.ask));
    lines.push(format!("SUMMARY:{}", escape(&summary)));
    lines.push(format!("DESCRIPTION:{}", escape("No longer planned: done, or the plan was cleared.")));
    lines.push("STATUS:CANCELLED".to_string());
    lines.push("TRANSP:TRANSPARENT".to_string());
    lines
}

/// An all-day event's start and end.
fn days(day: NaiveDate) -> Vec<String> {
    let end = day.checked_add_days(Days::new(1)).unwrap_or(day);
    vec![format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")), format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d"))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        line(&mut out, &"é".repeat(50));
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.len(), 3, "{out:?}");
        assert!(lines.iter().all(|l| l.len() <= 75));
        assert_eq!(lines[0].len(), 74);
        assert_eq!(lines[1].len(), 1 + 13 * 2);
        assert_eq!(out.replace("\r\n ", ""), format!("{}\r\n", "é".repeat(50)));
    }

    #[test]
    fn text_escapes_what_rfc_5545_reserves() {
        assert_eq!(escape("a\\b;c,d\ne\u{7}"), "a\\\\b\\;c\\,d\\ne ");
    }
}
