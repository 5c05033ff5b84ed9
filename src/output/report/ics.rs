//! `ladder agenda --ics`: planned asks as all-day iCalendar events (RFC 5545), for any calendar app.

use std::fmt::Write as _;

use chrono::{DateTime, Days, FixedOffset, Utc};

use super::{Masker, Names};
use crate::model::{Ladder, Rung};

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            // A bidi override would reorder what a calendar shows after it: shown, never obeyed.
            c if crate::model::shown::is_unsafe(c) => out.push_str(&crate::model::shown::line(&c.to_string())),
            c => out.push(c),
        }
    }
    out
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
fn uid(rung: &Rung) -> String {
    format!("ladder-rung-{}@ladder.invalid", rung.uid)
}

/// Every planned ask as an all-day event on its day, at its place. Names are left out unless `with_names`.
pub fn calendar(ladder: &Ladder, with_names: bool, now: DateTime<FixedOffset>) -> String {
    let masker = Masker::new(ladder, if with_names { Names::Full } else { Names::None });
    let stamp = now.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
    let mut planned: Vec<&Rung> = ladder.rungs.iter().filter(|r| r.planned.is_some()).collect();
    planned.sort_by_key(|r| (r.planned, r.id));
    let mut out = String::new();
    for text in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ladder//ladder//EN", "CALSCALE:GREGORIAN"] {
        line(&mut out, text);
    }
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, "X-WR-CALNAME:Ladder: planned asks");
    for rung in planned {
        let Some(day) = rung.planned else { continue };
        let mut description = format!("Stakes {}.", rung.stakes);
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
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(rung)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
        let end = day.checked_add_days(Days::new(1)).unwrap_or(day);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        line(&mut out, &format!("SUMMARY:{}", escape(&masker.text(&rung.ask))));
        if let Some(place) = &rung.place {
            line(&mut out, &format!("LOCATION:{}", escape(&masker.text(place))));
        }
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
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
