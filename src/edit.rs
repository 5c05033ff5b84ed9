//! Changes to a ladder file's text that leave everything the person wrote where it was.
//!
//! An attempt is appended to the end as text, so recording one never rewrites the rest of the file.
//! A rung goes in through `toml_edit`, which keeps comments, blank lines and key order, and places
//! it after the last rung, ahead of the journal.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::ladder::{Attempt, Change, Rung, VERSION};

/// The text of a new, empty ladder file.
pub fn new_file() -> String {
    format!(
        "# My ladder of asks. Lowest stakes first; ladder keeps anything you write here.\n\
         # Stakes are SUDS, 0-100: the distress you expect (0 calm, 50 clearly anxious, 100 the worst imaginable).\n\
         # Add a rung with: ladder add \"Ask ...\" --stakes 30\n\
         version = {VERSION}\n"
    )
}

/// The file's text with `change` made to it.
pub fn apply(text: &str, change: &Change) -> Result<String, String> {
    match change {
        Change::AddAttempt(attempt) => Ok(append(text, &entry("attempt", attempt_table(attempt)))),
        Change::AddRung(rung) => add_rung(text, rung),
    }
}

fn add_rung(text: &str, rung: &Rung) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let rungs = doc
        .entry("rung")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or("its rungs are not written as [[rung]] tables")?;
    let mut table = rung_table(rung);
    table.decor_mut().set_prefix("\n");
    rungs.push(table);
    Ok(doc.to_string())
}

/// `text` with `addition` after it, one blank line between.
fn append(text: &str, addition: &str) -> String {
    let gap = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    format!("{text}{gap}{addition}")
}

/// One `[[name]]` table on its own, as text.
fn entry(name: &str, table: Table) -> String {
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    let mut doc = DocumentMut::new();
    doc.insert(name, Item::ArrayOfTables(tables));
    doc.to_string()
}

fn rung_table(rung: &Rung) -> Table {
    let mut t = Table::new();
    t["id"] = value(i64::from(rung.id));
    t["ask"] = value(&rung.ask);
    t["stakes"] = value(i64::from(rung.stakes));
    if let Some(who) = &rung.who {
        t["who"] = value(who);
    }
    if !rung.tags.is_empty() {
        t["tags"] = value(rung.tags.iter().collect::<Array>());
    }
    if let Some(created) = rung.created {
        t["created"] = value(toml_date(created));
    }
    t
}

fn attempt_table(attempt: &Attempt) -> Table {
    let mut t = Table::new();
    t["id"] = value(i64::from(attempt.id));
    t["rung"] = value(i64::from(attempt.rung));
    t["at"] = value(toml_moment(attempt.at));
    t["outcome"] = value(attempt.outcome.as_str());
    if let Some(before) = attempt.before {
        t["before"] = value(i64::from(before));
    }
    if let Some(after) = attempt.after {
        t["after"] = value(i64::from(after));
    }
    if let Some(note) = &attempt.note {
        t["note"] = value(note);
    }
    t
}

fn toml_date(day: NaiveDate) -> toml_edit::Date {
    toml_edit::Date {
        year: u16::try_from(day.year()).unwrap_or(0),
        month: u8::try_from(day.month()).unwrap_or(1),
        day: u8::try_from(day.day()).unwrap_or(1),
    }
}

/// An offset date-time to the second, as people write them.
fn toml_moment(at: DateTime<FixedOffset>) -> toml_edit::Datetime {
    let minutes = at.offset().local_minus_utc() / 60;
    toml_edit::Datetime {
        date: Some(toml_date(at.date_naive())),
        time: Some(toml_edit::Time {
            hour: u8::try_from(at.hour()).unwrap_or(0),
            minute: u8::try_from(at.minute()).unwrap_or(0),
            second: Some(u8::try_from(at.second()).unwrap_or(0)),
            nanosecond: None,
        }),
        offset: Some(toml_edit::Offset::Custom { minutes: i16::try_from(minutes).unwrap_or(0) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{Ladder, Outcome};

    fn rung(id: u32) -> Rung {
        Rung {
            id,
            ask: "Ask \"Sam\" for help".into(),
            stakes: 30,
            who: Some("Sam".into()),
            tags: vec!["work".into()],
            created: NaiveDate::from_ymd_opt(2026, 11, 21),
        }
    }

    fn attempt(id: u32) -> Attempt {
        Attempt {
            id,
            rung: 1,
            at: DateTime::parse_from_rfc3339("2026-11-22T09:30:00-05:00").unwrap(),
            outcome: Outcome::NoAnswer,
            before: Some(40),
            after: None,
            note: Some("line one\nline \"two\"".into()),
        }
    }

    #[test]
    fn a_new_file_is_an_empty_ladder() {
        assert_eq!(Ladder::parse(&new_file()).unwrap(), Ladder::default());
    }

    #[test]
    fn an_attempt_is_appended_and_nothing_else_moves() {
        let before = "# mine\nversion = 1 # keep\n\n[[rung]]\nid = 1\nask = 'a'\nstakes = 5";
        let after = apply(before, &Change::AddAttempt(attempt(1))).unwrap();
        assert!(after.starts_with(&format!("{before}\n\n[[attempt]]\nid = 1\nrung = 1\n")), "{after}");
        assert!(after.contains("at = 2026-11-22T09:30:00-05:00\n"), "{after}");
        assert_eq!(Ladder::parse(&after).unwrap().attempts, [attempt(1)]);
    }

    #[test]
    fn a_rung_lands_after_the_last_rung_and_before_the_journal() {
        let before = "version = 1\n\n# first\n[[rung]] # one\nid = 1\nask = 'a'\nstakes = 5\n\n\
                      [[attempt]]\nid = 1\nrung = 1\nat = 2026-01-01\n";
        let after = apply(before, &Change::AddRung(rung(2))).unwrap();
        let expected = "version = 1\n\n# first\n[[rung]] # one\nid = 1\nask = 'a'\nstakes = 5\n\n\
                        [[rung]]\nid = 2\nask = 'Ask \"Sam\" for help'\nstakes = 30\nwho = \"Sam\"\n\
                        tags = [\"work\"]\ncreated = 2026-11-21\n\n\
                        [[attempt]]\nid = 1\nrung = 1\nat = 2026-01-01\n";
        assert_eq!(after, expected);
    }

    #[test]
    fn the_first_rung_goes_into_a_new_file() {
        let after = apply(&new_file(), &Change::AddRung(rung(1))).unwrap();
        assert_eq!(Ladder::parse(&after).unwrap().rungs, [rung(1)]);
        assert!(after.starts_with(&new_file()));
    }

    #[test]
    fn rungs_written_another_way_are_left_alone() {
        assert!(apply("rung = 3\n", &Change::AddRung(rung(1))).is_err());
    }
}
