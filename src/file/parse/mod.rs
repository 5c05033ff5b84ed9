//! How a ladder file's text becomes a ladder.
//!
//! Strict about meaning (ranges, IDs, references) and lenient about form: unknown keys are ignored here
//! and kept by the editor, so a person's notes in the file never stop `ladder`. Every value is read with
//! its span, so that every complaint can name the line.

mod quick;
mod raw;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::unknown::{self, Ignored};
use super::{Journal, Layout};
use crate::error::Bad;
use crate::model::{Ladder, VERSION};
use raw::{RawFile, too_new};

impl Ladder {
    /// Reads a ladder from the text of a ladder file.
    pub fn parse(text: &str) -> Result<Ladder, FileError> {
        Ladder::parse_file(text).map(|(ladder, _)| ladder)
    }

    /// Reads a ladder, and where new entries can be spliced into its text without another parse.
    pub fn parse_file(text: &str) -> Result<(Ladder, Layout), FileError> {
        Ladder::parse_noting(text).map(|(ladder, layout, _)| (ladder, layout))
    }

    /// The entries written in `text`, each checked as in a ladder file but not against one another (a
    /// reference to a rung elsewhere is fine): to check that text about to be added to a file says what it
    /// should. `None` for text that is not entries in the shape `ladder` writes them, or holds an error.
    pub fn parse_entries(text: &str) -> Option<Ladder> {
        quick::chunk(text, 0).map(|(file, _)| file.ladder)
    }

    /// Reads a ladder as `parse_file` does, and also notes the names in it that `ladder` does not know: a
    /// warning for each, found in the same parse.
    pub fn parse_noting(text: &str) -> Result<(Ladder, Layout, Vec<FileError>), FileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match quick::read(text) {
            Some((ladder, layout)) => Ok((ladder, layout, Vec::new())),
            None => parse_toml(text),
        }
    }
}

/// Reads the file with the full TOML parser: for any file the quick read passes over, and for every error.
fn parse_toml(text: &str) -> Result<(Ladder, Layout, Vec<FileError>), FileError> {
    let mut ignored = Vec::new();
    let parsed = toml::Deserializer::parse(text)
        .and_then(|de| serde_ignored::deserialize(de, |path| ignored.extend(Ignored::of(&path))));
    let raw: RawFile = match parsed {
        Ok(raw) => raw,
        Err(err) => return Err(newer_version(text).unwrap_or_else(|| FileError::from_toml(&err, text))),
    };
    let warnings = unknown::warnings(&ignored, &|name| name_span(text, &raw, name));
    read(text, raw, warnings)
}

/// The ladder the file holds, once its meaning is checked, with the layout facts from the same read.
fn read(text: &str, raw: RawFile, warnings: Vec<FileError>) -> Result<(Ladder, Layout, Vec<FileError>), FileError> {
    // `[[attempt]]` can follow the end of the file when there are no attempts yet, or when they are
    // written as `[[attempt]]` tables (an inline `attempt = [...]` array cannot take one more).
    let appendable = |span: Option<Range<usize>>| span.is_none_or(|s| text[s].starts_with("[["));
    let journal = Journal {
        attempt: appendable(raw.attempt.as_ref().map(Spanned::span)),
        hesitation: appendable(raw.hesitation.as_ref().map(Spanned::span)),
        gave: appendable(raw.gave.as_ref().map(Spanned::span)),
    };
    let rung_end = rung_end(text, &raw).and_then(|end| u64::try_from(end).ok());
    let current = raw.is_current();
    Ok((raw.check()?, Layout { rung_end, journal, current }, warnings))
}

/// Where a name the parse passed over is written: searched for in the table it belongs to.
fn name_span(text: &str, raw: &RawFile, name: &Ignored) -> Option<Range<usize>> {
    fn entry<T>(tables: Option<&Spanned<Vec<Spanned<T>>>>, index: Option<usize>) -> Option<Range<usize>> {
        tables?.get_ref().get(index?).map(Spanned::span)
    }
    let region = match name.table.as_str() {
        "" => Some(0..text.len()),
        "settings" => raw.settings.as_ref().map(Spanned::span),
        "rung" => name.index.and_then(|i| raw.rung.get(i)).map(Spanned::span),
        "attempt" => entry(raw.attempt.as_ref(), name.index),
        "hesitation" => entry(raw.hesitation.as_ref(), name.index),
        "gave" => entry(raw.gave.as_ref(), name.index),
        _ => None,
    }?;
    let region = region.start.min(text.len())..region.end.min(text.len());
    unknown::find_key(&text[region.clone()], region.start, &name.key)
        .or_else(|| unknown::find_key(&text[region.start..], region.start, &name.key))
}

/// Where the last `[[rung]]` table's last line ends, when the text alone can tell: that is where a new rung
/// is spliced in. It is where the careful edit puts one too, unless a table `ladder` does not know follows the
/// rungs; then the rung lands after that table, which reads the same.
fn rung_end(text: &str, raw: &RawFile) -> Option<usize> {
    let start = raw.rung.last()?.span().start;
    // The table goes on until the next table `ladder` knows, or the end. Tables it does not know are only
    // read past: a rung placed after one is still a rung.
    let next = [
        first_after(raw.attempt.as_ref(), start),
        first_after(raw.hesitation.as_ref(), start),
        first_after(raw.gave.as_ref(), start),
        raw.settings.as_ref().map(|s| s.span().start).filter(|&s| s > start),
    ];
    let end = last_rung_end(text, start, next.into_iter().flatten().min().unwrap_or(text.len()))?;
    (!rung_table_follows(&text[end..])).then_some(end)
}

/// Where the last rung's table, from its header at `start` to the next table `ladder` knows at `next`, has
/// its last line of content, when that is certain from the lines alone.
fn last_rung_end(text: &str, start: usize, next: usize) -> Option<usize> {
    if !text[start..].starts_with("[[") {
        return None;
    }
    let region = &text[start..next];
    // Inside a multi-line string a line can look like a comment or a blank: those are left to the careful edit.
    if region.contains("\"\"\"") || region.contains("'''") {
        return None;
    }
    let mut end = None;
    let mut at = start;
    for line in region.split_inclusive('\n') {
        at += line.len();
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') {
            end = line.ends_with('\n').then_some(at);
        }
    }
    end
}

/// Whether a table header in `text` may belong to the last rung (`[rung.details]` or `[[rung.x]]` after the
/// journal, or a quoted key that may spell `rung`): TOML gives such a table to the last `[[rung]]` above it,
/// so a rung spliced in before it would take it over. A line that only looks like a header (inside a
/// multi-line string) just sends the change the careful way.
fn rung_table_follows(text: &str) -> bool {
    text.lines().any(|line| {
        let Some(key) = line.trim_start().strip_prefix('[') else { return false };
        let key = key.trim_start_matches('[').trim_start();
        key.starts_with(['"', '\'']) || key.strip_prefix("rung").is_some_and(|r| r.trim_start().starts_with(['.', ']']))
    })
}

/// Where the first of `tables` after `start` begins.
fn first_after<T>(tables: Option<&Spanned<Vec<Spanned<T>>>>, start: usize) -> Option<usize> {
    tables?.get_ref().iter().map(|t| t.span().start).find(|&s| s > start)
}

/// Where in a ladder file something is wrong, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub span: Option<Range<usize>>,
    pub why: Bad,
}

impl FileError {
    fn at(span: Range<usize>, why: Bad) -> FileError {
        FileError { span: Some(span), why }
    }

    /// The parser's error, as what happened. A file nested too deeply can come without a place: then the
    /// most deeply nested line is named.
    fn from_toml(err: &toml::de::Error, text: &str) -> FileError {
        let message = err.message().trim();
        let why = if message.contains("as i128") {
            Bad::TooBig
        } else if message.contains("max recursion depth") || message.contains("recursion limit") {
            Bad::TooDeep
        } else {
            Bad::Toml(message.to_string())
        };
        let span = err.span().or_else(|| (why == Bad::TooDeep).then(|| deepest_line(text)));
        FileError { span, why }
    }
}

/// Where the line with the most brackets, braces and dots starts.
fn deepest_line(text: &str) -> Range<usize> {
    let mut at = 0;
    let mut deepest = (0, 0..0);
    for line in text.split_inclusive('\n') {
        let depth = line.bytes().filter(|b| matches!(b, b'[' | b'{' | b'.')).count();
        if depth > deepest.0 {
            deepest = (depth, at..at + line.trim_end().len());
        }
        at += line.len();
    }
    deepest.1
}

/// A file from a newer `ladder` may not fit today's shapes: say so rather than report a type error.
fn newer_version(text: &str) -> Option<FileError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        version: Option<Spanned<i64>>,
    }
    let version = toml::from_str::<VersionOnly>(text).ok()?.version?;
    (*version.get_ref() > VERSION).then(|| too_new(&version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BadText, Change, Choice, Hesitation, NotOne, Outcome, Rung, Settings, TextProblem};
    use chrono::NaiveDate;

    const FULL: &str = r#"
# a comment
version = 1

[settings]
repeat = 3
comfortable = 25

[[rung]]
id = 1
ask = "Ask a colleague for their opinion on one slide"
stakes = 20
who = "Sam"
tags = ["work"]
created = 2026-11-21

[[attempt]]
id = 1
rung = 1
at = 2026-11-22T09:30:00+01:00
outcome = "no-answer"
before = 40
after = 15
note = "They were glad I asked."
"#;

    fn error(text: &str) -> FileError {
        Ladder::parse(text).expect_err("should not parse")
    }

    #[test]
    fn reads_every_field() {
        let ladder = Ladder::parse(FULL).unwrap();
        assert_eq!(ladder.settings, Settings { repeat: 3, comfortable: 25, ..Settings::default() });
        let rung = &ladder.rungs[0];
        assert_eq!((rung.id, rung.stakes, rung.who.as_deref()), (1, 20, Some("Sam")));
        assert_eq!(rung.tags, ["work"]);
        assert_eq!(rung.created, NaiveDate::from_ymd_opt(2026, 11, 21));
        let attempt = &ladder.attempts[0];
        assert_eq!(attempt.outcome, Outcome::NoAnswer);
        assert_eq!(attempt.at.to_rfc3339(), "2026-11-22T09:30:00+01:00");
        assert_eq!((attempt.before, attempt.after), (Some(40), Some(15)));
    }

    #[test]
    fn empty_text_is_an_empty_ladder() {
        assert_eq!(Ladder::parse("").unwrap(), Ladder::default());
        assert_eq!(Ladder::parse("\u{feff}version = 1\n").unwrap(), Ladder::default());
    }

    #[test]
    fn bare_date_is_noon_utc() {
        let text = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=1\nat=2026-01-02\n";
        let ladder = Ladder::parse(text).unwrap();
        assert_eq!(ladder.attempts[0].at.to_rfc3339(), "2026-01-02T12:00:00+00:00");
        assert_eq!(ladder.attempts[0].outcome, Outcome::Yes);
    }

    #[test]
    fn refuses_meaningless_values() {
        let range = |key, min, max, value| Bad::OutOfRange { key, min, max, value };
        assert_eq!(error("[[rung]]\nid=1\nask='a'\nstakes=101\n").why, range("stakes", 0, 100, 101));
        assert_eq!(error("[[rung]]\nid=0\nask='a'\nstakes=1\n").why, Bad::BadId { kind: "rung", value: 0 });
        let empty = BadText { what: "ask".into(), problem: TextProblem::Empty };
        assert_eq!(error("[[rung]]\nid=1\nask='  '\nstakes=1\n").why, Bad::Text(empty));
        assert_eq!(error("version = 3\n[[rung]]\nnew_shape = true\n").why, Bad::TooNew(3));
        assert_eq!(error("version = 0\n").why, Bad::UnknownVersion(0));
        assert_eq!(error("[settings]\nrepeat = 0\n").why, range("settings.repeat", 1, 100, 0));
    }

    #[test]
    fn type_errors_are_the_parser_s_own_and_a_number_too_big_is_named() {
        assert_eq!(
            error("[[rung]]\nid=1\nask='a'\nstakes='high'\n").why,
            Bad::Toml("invalid type: string \"high\", expected i64".into())
        );
        assert_eq!(error("[[rung]]\nid=1\nask='a'\nstakes=99999999999999999999\n").why, Bad::TooBig);
    }

    #[test]
    fn refuses_broken_references() {
        let dup = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[rung]]\nid=1\nask='b'\nstakes=2\n";
        let err = error(dup);
        assert_eq!(err.why, Bad::SameId(crate::error::Thing::Rung, 1));
        assert_eq!(&dup[err.span.unwrap()], "1");
        let orphan = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=2\nat=2026-01-02\n";
        assert_eq!(error(orphan).why, Bad::NoRungFor { attempt: 1, rung: 2 });
        let bad_outcome =
            "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=1\nat=2026-01-02\noutcome='maybe'\n";
        assert_eq!(error(bad_outcome).why, Bad::NotOne(NotOne { choice: Choice::Outcome, given: "maybe".into() }));
        let local_time = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=1\nat=2026-01-02T10:00:00\n";
        assert_eq!(error(local_time).why, Bad::NoOffset);
    }

    #[test]
    fn promoting_a_hesitation_adds_its_rung_and_links_them() {
        let mut ladder = Ladder::parse(FULL).unwrap();
        let at = ladder.attempts[0].at;
        ladder.apply(&Change::AddHesitation(Hesitation {
            id: 1,
            uid: "h1".into(),
            at,
            text: "Ask Jo".into(),
            story: None,
            stakes: Some(35),
            rung: None,
        }));
        let rung = Rung::new(ladder.next_rung_id().unwrap(), "Ask Jo", 35);
        ladder.apply(&Change::Promote { hesitation: 1, rung: rung.clone() });
        assert_eq!(ladder.rungs.last(), Some(&rung));
        assert_eq!(ladder.hesitation(1).and_then(|h| h.rung), Some(2));
    }

    #[test]
    fn a_removed_rung_takes_its_attempts_and_keeps_its_id_taken() {
        let mut ladder = Ladder::parse(FULL).unwrap();
        let removal = ladder.removal(1);
        ladder.apply(&removal);
        assert!(ladder.rungs.is_empty() && ladder.attempts.is_empty());
        assert_eq!((ladder.next_rung_id(), ladder.next_attempt_id()), (Some(2), Some(2)));
    }

    #[test]
    fn next_ids_follow_the_highest() {
        let ladder = Ladder::parse(FULL).unwrap();
        assert_eq!((ladder.next_rung_id(), ladder.next_attempt_id()), (Some(2), Some(2)));
        assert_eq!((Ladder::default().next_rung_id(), Ladder::default().next_attempt_id()), (Some(1), Some(1)));
        let full = Ladder { last_rung_id: u32::MAX, last_attempt_id: u32::MAX, ..Ladder::default() };
        assert_eq!((full.next_rung_id(), full.next_attempt_id()), (None, None), "never a duplicate");
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::file::edit;
    use crate::model::{Change, Rung};

    fn rung_end(text: &str) -> Option<usize> {
        Ladder::parse_file(text).unwrap().1.rung_end.map(|e| usize::try_from(e).unwrap())
    }

    /// Splices a new rung in where the parse says the last one ends, and checks the result reads as intended.
    fn splice_rung(text: &str) -> String {
        let (mut ladder, layout) = Ladder::parse_file(text).unwrap();
        let change = Change::AddRung(Rung::new(9, "Ask anew", 50));
        let (insertion, _) = edit::splice(text, &change, layout).expect("spliced");
        let spliced = insertion.apply(text);
        ladder.apply(&change);
        assert_eq!(Ladder::parse(&spliced).unwrap(), ladder, "{spliced}");
        spliced
    }

    #[test]
    fn the_last_rung_ends_after_its_last_key_before_comments_and_the_journal() {
        let text = "version = 1\n[[rung]]\nid = 1\nask = 'a'\nstakes = 5 # mine\n\n# journal\n[[attempt]]\nid = 1\nrung = 1\nat = 2026-11-20T09:15:00+01:00\n";
        assert_eq!(rung_end(text), Some(text.find("\n\n# journal").unwrap() + 1));
        assert!(splice_rung(text).contains("stakes = 5 # mine\n\n[[rung]]\nid = 9\n"));
    }

    #[test]
    fn settings_after_the_rungs_end_them_too() {
        let text = "[[rung]]\nid = 1\nask = 'a'\nstakes = 5\n\n[settings]\nrepeat = 3\n";
        assert_eq!(rung_end(text), Some(text.find("\n\n[settings]").unwrap() + 1));
        splice_rung(text);
    }

    #[test]
    fn a_table_ladder_does_not_know_is_read_past() {
        let text = "[[rung]]\nid = 1\nask = 'a'\nstakes = 5\n\n[mine]\nnote = 'kept'\n";
        assert_eq!(rung_end(text), Some(text.len()));
        assert!(splice_rung(text).contains("[mine]\nnote = 'kept'\n"));
        // A table inside the last rung stays with it.
        let text = "[[rung]]\nid = 1\nask = 'a'\nstakes = 5\n[rung.mine]\nx = 1\n\n[[attempt]]\nid = 1\nrung = 1\nat = 2026-11-20T09:15:00+01:00\n";
        let spliced = splice_rung(text);
        assert!(spliced.contains("[rung.mine]\nx = 1\n\n[[rung]]\nid = 9\n"), "{spliced}");
    }

    #[test]
    fn a_table_of_the_last_rung_after_the_journal_is_left_to_the_careful_edit() {
        let head = "[[rung]]\nid = 1\nask = 'a'\nstakes = 5\n\n[[attempt]]\nid = 1\nrung = 1\nat = 2026-11-20T09:15:00+01:00\n\n";
        for table in ["[rung.details]", "[[rung.notes]]", "[ rung . details ]", "[\"rung\".details]", "['rung'.x]"] {
            assert_eq!(rung_end(&format!("{head}{table}\nx = 1\n")), None, "{table}");
        }
        assert!(rung_end(&format!("{head}[rungs]\nx = 1\n")).is_some(), "another table");
        assert!(rung_end(&format!("{head}[attempt.extra]\nx = 1\n")).is_some());
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark_are_no_obstacle() {
        let text = "\u{feff}version = 1\r\n[[rung]]\r\nid = 1\r\nask = 'a'\r\nstakes = 5\r\n\r\n[[attempt]]\r\nid = 1\r\nrung = 1\r\nat = 2026-11-20T09:15:00+01:00\r\n";
        let body = text.strip_prefix('\u{feff}').unwrap();
        assert_eq!(rung_end(text), Some(body.find("\r\n\r\n[[attempt]]").unwrap() + 2));
        let spliced = splice_rung(body);
        assert_eq!(spliced.matches('\n').count(), spliced.matches("\r\n").count(), "{spliced:?}");
    }

    #[test]
    fn what_the_text_alone_cannot_tell_is_left_to_the_careful_edit() {
        let multi_line = "[[rung]]\nid = 1\nask = 'a'\nstakes = 5\nmood = '''\nno\n# this line closes the string'''\n";
        assert_eq!(rung_end(multi_line), None);
        assert_eq!(rung_end("[[rung]]\nid = 1\nask = 'a'\nstakes = 5"), None, "no newline at the end");
        assert_eq!(rung_end("rung = [{ id = 1, ask = 'a', stakes = 5 }]\n"), None, "an inline array");
        assert_eq!(rung_end("version = 1\n"), None, "no rungs");
    }
}
