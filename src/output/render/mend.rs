//! Words for mending the record: the day an entry was made, what a command acted on, and what a fix changed.

use chrono::NaiveDate;

use super::quoted;
use crate::model::{Attempt, Ladder, MovedId, Rung, Settings};
use crate::rules::dates::{LONG_AGO_DAYS, Unusual};
use crate::rules::plan::{RungState, Status};

/// The flag that confirms an unusual day.
pub const CONFIRM: &str = "--confirm-date";

/// "Wed 25 Nov 2025"
pub fn day(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// How long ago `day` was, or how far off: "today", "yesterday", "3 days ago", "2 weeks ago", "a year ago",
/// "in 3 days".
pub fn ago(day: NaiveDate, today: NaiveDate) -> String {
    let days = (today - day).num_days();
    let plural = |n: i64, unit: &str| if n == 1 { format!("a {unit}") } else { format!("{n} {unit}s") };
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        -1 => "tomorrow".into(),
        d if d < 0 => format!("in {} days", -d),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} ago", plural(days / 7, "week")),
        60..=334 => format!("{} ago", plural(days / 30, "month")),
        _ => format!("{} ago", plural(((days + 182) / 365).max(1), "year")),
    }
}

/// ", on Wed 25 Nov 2025, a year ago" for a day that is not today; "" for today.
pub fn on_day(when: NaiveDate, today: NaiveDate) -> String {
    if when == today { String::new() } else { format!(", on {}, {}", day(when), ago(when, today)) }
}

/// "#4 “Ask for a lift” (Ana)": the rung, and the person when one is named and the ask does not name them.
pub fn subject(rung: &Rung) -> String {
    format!("#{} {}{}", rung.id, quoted(&rung.ask), person(rung))
}

/// " (Ana)" for a rung whose ask does not already name who it is for; "" otherwise.
pub fn person(rung: &Rung) -> String {
    match &rung.who {
        Some(who) if !words(&rung.ask).contains(&words(who)) => format!(" ({who})"),
        _ => String::new(),
    }
}

/// Lowercase words, one space apart: "Ask  Mrs Okafor" and "mrs okafor" match.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Where a rung stands after a fix or a forget changed what counts: "Now #4 has 1 of 2 comfortable reps."
pub fn standing(state: &RungState, settings: &Settings) -> String {
    let mastered = if state.status == Status::Mastered { ": it is mastered" } else { "" };
    format!("Now #{} has {}{mastered}.", state.rung.id, super::reps(state, settings))
}

/// Why a day was not recorded, and how to record it anyway. `nothing` ends it: "nothing was recorded".
pub fn unusual_day(when: NaiveDate, today: NaiveDate, why: Unusual, rung: Option<u32>, nothing: &str) -> String {
    let what = match (why, rung) {
        (Unusual::BeforeRung(created), Some(id)) => {
            format!("{} ({}) is before rung #{id} was added, on {}", day(when), ago(when, today), day(created))
        }
        (Unusual::BeforeRung(created), None) => {
            format!("{} ({}) is before its rung was added, on {}", day(when), ago(when, today), day(created))
        }
        (Unusual::BeforeLadder(first), _) => {
            format!("{} ({}) is before your ladder's first entry, on {}", day(when), ago(when, today), day(first))
        }
        (Unusual::LongAgo, _) => format!("{} is {}, more than {LONG_AGO_DAYS} days back", day(when), ago(when, today)),
    };
    format!("{what}. A typo? If that is the day you mean, add {CONFIRM}; {nothing}")
}

/// Why an ID a merge moved lately is not acted on, with the new ID and how to name each entry for sure:
/// `named` holds the entries as they are now (ID, how to recognise it, uid).
pub fn moved_id(moved: &MovedId, named: &[(u32, String, String)]) -> String {
    let MovedId { what, from, to, on } = moved;
    let when = on.map(|on| format!(" on {}", day(on))).unwrap_or_default();
    let mut text = format!(
        "{what} {from} was renumbered by a merge{when}: both devices had used ID {from}, and one of them is now \
         {what} {to}. So that nothing is done to the wrong one, name it by the start of its uid"
    );
    let names: Vec<String> = named
        .iter()
        .map(|(id, label, uid)| format!("{what} {id} {label} is {}", uid.chars().take(5).collect::<String>()))
        .collect();
    if !names.is_empty() {
        text.push_str(": ");
        text.push_str(&names.join(", "));
    }
    text
}

/// "date Fri 20 Nov 2026 → Sat 21 Nov 2026; outcome yes → no", one for each field a fix changed.
pub fn attempt_changes(old: &Attempt, new: &Attempt) -> Vec<String> {
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let yes_no = |v: Option<bool>, yes: &str, no: &str| v.map(|v| if v { yes.to_string() } else { no.to_string() });
    let fields = [
        ("date", Some(day(old.at.date_naive())), Some(day(new.at.date_naive()))),
        ("outcome", Some(old.outcome.to_string()), Some(new.outcome.to_string())),
        ("before", old.before.map(|n| n.to_string()), new.before.map(|n| n.to_string())),
        ("after", old.after.map(|n| n.to_string()), new.after.map(|n| n.to_string())),
        ("note", old.note.as_deref().map(quoted), new.note.as_deref().map(quoted)),
        ("learned", old.learned.as_deref().map(quoted), new.learned.as_deref().map(quoted)),
        (
            "fear",
            yes_no(old.fear_happened, "happened", "did not happen"),
            yes_no(new.fear_happened, "happened", "did not happen"),
        ),
        ("thanked", yes_no(old.thanked, "yes", "no"), yes_no(new.thanked, "yes", "no")),
        ("how", old.how.map(|h| h.to_string()), new.how.map(|h| h.to_string())),
    ];
    fields
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(name, a, b)| format!("{name} {} → {}", show(a), show(b)))
        .collect()
}

/// What `done` says when an ask felt well above its rung's stakes: harder than planned, which is common, and
/// the two ways on, each with its command (`easier`: the stakes to suggest for a smaller ask or a step before).
pub fn too_hard(rung: &Rung, felt: u8, easier: u8) -> String {
    let id = rung.id;
    format!(
        "That was harder than planned: you felt {felt}, and #{id} is at stakes {}. That is common, and worth \
         knowing: stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit {id} --ask \"...\" --stakes {easier}), \
         or add an easier step before it (ladder split {id} \"...\" --stakes {easier}).\n",
        rung.stakes
    )
}

/// Why `ladder undo` took nothing back: what changed since clashes with the change. `clashes` names each
/// entry as the file has it now (kind, ID, the field changed since; no field: attempts recorded on a rung
/// since, or an entry changed since).
pub fn undo_clashes(changes: &[String], clashes: &[(&str, u32, Option<&str>)], ladder: &Ladder) -> Vec<String> {
    let changes: Vec<String> = changes.iter().map(|c| quoted(c)).collect();
    let mut lines = vec![format!(
        "undo cannot take back {}: the file has changed since, and what changed clashes with it:",
        changes.join(" and ")
    )];
    for &(what, id, field) in clashes {
        let rungs = ladder.rungs_by_id();
        let label = match what {
            "rung" => rungs.get(&id).map_or_else(|| format!("rung #{id}"), |r| subject(r)),
            "attempt" => match ladder.attempt(id).and_then(|a| rungs.get(&a.rung).map(|r| (a, r))) {
                Some((a, r)) => format!("attempt {id} on {} ({})", subject(r), day(a.at.date_naive())),
                None => format!("attempt {id}"),
            },
            "hesitation" => format!("hesitation {id}"),
            "gift" => format!("help given {id}"),
            _ => "your settings".to_string(),
        };
        let since = match (what, field) {
            ("rung", None) => "attempts were recorded on it since".to_string(),
            (_, None) => "it was changed since".to_string(),
            ("settings", Some(field)) => format!("the setting {field} was changed since"),
            (_, Some(field)) => format!("its {} was changed since", field_words(what, field)),
        };
        lines.push(format!("  {label}: {since}"));
    }
    lines.push(
        "Nothing was changed. Mend those by hand (or with `ladder fix`, `ladder edit`, `ladder forget`) instead."
            .into(),
    );
    lines
}

/// How a person reads a field's name in the file, on an entry of kind `what`.
fn field_words<'a>(what: &str, field: &'a str) -> &'a str {
    match (what, field) {
        // A rung's `before` is the harder rung it is a step before (`ladder split`), not a rating.
        ("rung", "before") => "place as a step before a harder rung",
        (_, "at") => "date",
        (_, "before") => "distress before",
        (_, "after") => "distress after",
        (_, "fear_happened") => "note of whether the fear came true",
        (_, "thanked") => "thanked mark",
        (_, "learned") => "lesson learned",
        (_, "created") => "day added",
        (_, "chance") => "predicted chance",
        (_, "planned") => "planned day",
        (_, "likely_before") => "rating of how likely the fear seemed",
        (_, "bad_before") => "rating of how bad it would be",
        (_, "likely_after") => "rating afterwards of how likely it seems",
        (_, "bad_after") => "rating afterwards of how bad it would be",
        (_, other) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn how_long_ago_reads_plainly() {
        let today = d("2026-12-04");
        let cases = [
            ("2026-12-04", "today"),
            ("2026-12-03", "yesterday"),
            ("2026-12-01", "3 days ago"),
            ("2026-11-20", "2 weeks ago"),
            ("2026-10-20", "6 weeks ago"),
            ("2026-10-01", "2 months ago"),
            ("2026-08-01", "4 months ago"),
            ("2025-11-25", "a year ago"),
            ("2023-11-25", "3 years ago"),
            ("2026-12-05", "tomorrow"),
            ("2026-12-08", "in 4 days"),
        ];
        for (day, words) in cases {
            assert_eq!(ago(d(day), today), words, "{day}");
        }
        assert_eq!(on_day(d("2025-11-25"), today), ", on Tue 25 Nov 2025, a year ago");
        assert_eq!(on_day(today, today), "");
    }
}
