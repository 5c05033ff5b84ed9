//! How a ladder file's text becomes a ladder.
//!
//! Strict about meaning (ranges, IDs, references) and lenient about form: unknown keys are ignored here
//! and kept by the editor, so a person's notes in the file never stop `ladder`. Every value is read with
//! its span, so that every complaint can name the line.

use std::collections::HashSet;
use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;
use toml::Spanned;
use toml::value::{Datetime, Offset};

use super::unknown::{self, Ignored};
use super::{Journal, Layout};
use crate::model::{
    Attempt, Conflict, Gift, Hesitation, Ladder, MAX_NOTE, MAX_SHORT_TEXT, Outcome, Rung, Settings, VERSION,
    check_text, uid,
};

impl Ladder {
    /// Reads a ladder from the text of a ladder file.
    pub fn parse(text: &str) -> Result<Ladder, FileError> {
        Ladder::parse_file(text).map(|(ladder, _)| ladder)
    }

    /// Reads a ladder, and where new entries can be spliced into its text without another parse.
    pub fn parse_file(text: &str) -> Result<(Ladder, Layout), FileError> {
        Ladder::parse_noting(text).map(|(ladder, layout, _)| (ladder, layout))
    }

    /// Reads a ladder as `parse_file` does, and also notes the names in it that `ladder` does not know: a
    /// warning for each, found in the same parse.
    pub fn parse_noting(text: &str) -> Result<(Ladder, Layout, Vec<FileError>), FileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut ignored = Vec::new();
        let parsed = toml::Deserializer::parse(text)
            .and_then(|de| serde_ignored::deserialize(de, |path| ignored.extend(Ignored::of(&path))));
        let raw: RawFile = match parsed {
            Ok(raw) => raw,
            Err(err) => return Err(newer_version(text).unwrap_or_else(|| FileError::from_toml(&err, text))),
        };
        let warnings = unknown::warnings(&ignored, &|name| name_span(text, &raw, name));
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
    if !text[start..].starts_with("[[") {
        return None;
    }
    // The table goes on until the next table `ladder` knows, or the end. Tables it does not know are only
    // read past: a rung placed after one is still a rung.
    let next = [
        first_after(raw.attempt.as_ref(), start),
        first_after(raw.hesitation.as_ref(), start),
        first_after(raw.gave.as_ref(), start),
        raw.settings.as_ref().map(|s| s.span().start).filter(|&s| s > start),
    ];
    let region = &text[start..next.into_iter().flatten().min().unwrap_or(text.len())];
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
    end.filter(|&end| !rung_table_follows(&text[end..]))
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

fn entries<T>(tables: Option<&Spanned<Vec<Spanned<T>>>>) -> impl Iterator<Item = &T> {
    tables.into_iter().flat_map(|t| t.get_ref().iter().map(Spanned::get_ref))
}

/// Where the first of `tables` after `start` begins.
fn first_after<T>(tables: Option<&Spanned<Vec<Spanned<T>>>>, start: usize) -> Option<usize> {
    tables?.get_ref().iter().map(|t| t.span().start).find(|&s| s > start)
}

/// Where in a ladder file something is wrong, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl FileError {
    fn at(span: Range<usize>, message: impl Into<String>) -> FileError {
        FileError { span: Some(span), message: message.into() }
    }
}

impl FileError {
    /// The parser's error, in plain words. A file nested too deeply can come without a place: then the
    /// most deeply nested line is named.
    fn from_toml(err: &toml::de::Error, text: &str) -> FileError {
        let message = plain(err.message().trim());
        let span = err.span().or_else(|| (message == TOO_DEEP).then(|| deepest_line(text)));
        FileError { span, message }
    }
}

const TOO_DEEP: &str = "this is nested too deeply to read";

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

/// The parser's words for a type mismatch, in the words of a person editing the file.
fn plain(message: &str) -> String {
    if message.contains("as i128") {
        return "this number is far too big".to_string();
    }
    if message.contains("max recursion depth") || message.contains("recursion limit") {
        return TOO_DEEP.to_string();
    }
    message
        .replace("invalid type: ", "wrong kind of value: ")
        .replace("floating point", "a decimal number")
        .replace("expected i64", "expected a whole number")
        .replace("expected a sequence", "expected a list, like [\"a\", \"b\"]")
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

fn too_new(version: &Spanned<i64>) -> FileError {
    FileError::at(
        version.span(),
        format!(
            "this file is version {}, written by a newer ladder; this one reads version {VERSION}, \
             so it will not touch the file (please upgrade ladder)",
            version.get_ref()
        ),
    )
}

// The file as written, before its meaning is checked. Spans let every complaint name a line.

#[derive(Deserialize)]
struct RawFile {
    version: Option<Spanned<i64>>,
    last_rung_id: Option<Spanned<i64>>,
    last_attempt_id: Option<Spanned<i64>>,
    settings: Option<Spanned<RawSettings>>,
    #[serde(default)]
    rung: Vec<Spanned<RawRung>>,
    attempt: Option<Spanned<Vec<Spanned<RawAttempt>>>>,
    hesitation: Option<Spanned<Vec<Spanned<RawHesitation>>>>,
    gave: Option<Spanned<Vec<Spanned<RawGift>>>>,
    #[serde(default)]
    conflict: Vec<RawConflict>,
}

#[derive(Deserialize)]
struct RawConflict {
    rung: Option<String>,
    field: String,
    #[serde(default)]
    kept: String,
    #[serde(default)]
    other: String,
}

#[derive(Deserialize)]
struct RawSettings {
    repeat: Option<Spanned<i64>>,
    comfortable: Option<Spanned<i64>>,
    habituation: Option<Spanned<i64>>,
    max_step: Option<Spanned<i64>>,
    weekly_target: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
struct RawRung {
    id: Spanned<i64>,
    uid: Option<Spanned<String>>,
    ask: Spanned<String>,
    stakes: Spanned<i64>,
    who: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    created: Option<Spanned<Datetime>>,
    fear: Option<Spanned<String>>,
    chance: Option<Spanned<i64>>,
    planned: Option<Spanned<Datetime>>,
    #[serde(rename = "where")]
    place: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawAttempt {
    id: Spanned<i64>,
    uid: Option<Spanned<String>>,
    rung: Spanned<i64>,
    at: Spanned<Datetime>,
    outcome: Option<Spanned<String>>,
    before: Option<Spanned<i64>>,
    after: Option<Spanned<i64>>,
    note: Option<Spanned<String>>,
    fear_happened: Option<bool>,
    thanked: Option<bool>,
}

#[derive(Deserialize)]
struct RawHesitation {
    id: Spanned<i64>,
    uid: Option<Spanned<String>>,
    at: Spanned<Datetime>,
    text: Spanned<String>,
    story: Option<Spanned<String>>,
    stakes: Option<Spanned<i64>>,
    rung: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
struct RawGift {
    id: Spanned<i64>,
    uid: Option<Spanned<String>>,
    at: Spanned<Datetime>,
    to: Spanned<String>,
    text: Spanned<String>,
}

impl RawGift {
    fn check(&self) -> Result<Gift, FileError> {
        let (id, at) = (id(&self.id, "gave")?, moment(&self.at)?);
        let (to, text) = (short_text(&self.to, "name")?, short_text(&self.text, "help given")?);
        let uid = uid_or(self.uid.as_ref(), || uid::derived("gave", &[&id.to_string(), &at.to_rfc3339(), &to, &text]))?;
        Ok(Gift { id, uid, at, to, text })
    }
}

impl RawHesitation {
    fn check(&self) -> Result<Hesitation, FileError> {
        let (number, at) = (id(&self.id, "hesitation")?, moment(&self.at)?);
        let text = short_text(&self.text, "hesitation")?;
        let uid =
            uid_or(self.uid.as_ref(), || uid::derived("hesitation", &[&number.to_string(), &at.to_rfc3339(), &text]))?;
        Ok(Hesitation {
            id: number,
            uid,
            at,
            text,
            story: self.story.as_ref().map(note).transpose()?,
            stakes: self.stakes.as_ref().map(|s| suds(s, "stakes")).transpose()?,
            rung: self.rung.as_ref().map(|r| id(r, "rung")).transpose()?,
        })
    }
}

impl RawFile {
    /// Whether the file is in this version's form: the version written, and a uid on every entry.
    fn is_current(&self) -> bool {
        self.version.as_ref().is_none_or(|v| *v.get_ref() == VERSION)
            && self.rung.iter().all(|r| r.get_ref().uid.is_some())
            && entries(self.attempt.as_ref()).all(|a| a.uid.is_some())
            && entries(self.hesitation.as_ref()).all(|h| h.uid.is_some())
            && entries(self.gave.as_ref()).all(|g| g.uid.is_some())
    }

    fn check(self) -> Result<Ladder, FileError> {
        if let Some(version) = &self.version {
            match *version.get_ref() {
                1..=VERSION => {}
                v if v > VERSION => return Err(too_new(version)),
                v => {
                    return Err(FileError::at(
                        version.span(),
                        format!("unknown version {v} (this ladder reads version {VERSION})"),
                    ));
                }
            }
        }
        let settings = match self.settings {
            Some(raw) => raw.into_inner().check()?,
            None => Settings::default(),
        };
        let mut ids = HashSet::new();
        let mut rungs = Vec::with_capacity(self.rung.len());
        for raw in self.rung.iter().map(Spanned::get_ref) {
            let rung = raw.check()?;
            if !ids.insert(rung.id) {
                return Err(FileError::at(raw.id.span(), format!("two rungs share the ID {}", rung.id)));
            }
            rungs.push(rung);
        }
        let mut attempt_ids = HashSet::new();
        let raw_attempts = self.attempt.map(Spanned::into_inner).unwrap_or_default();
        let mut attempts = Vec::with_capacity(raw_attempts.len());
        for raw in raw_attempts.into_iter().map(Spanned::into_inner) {
            let span = raw.id.span();
            let rung_span = raw.rung.span();
            let attempt = raw.check()?;
            if !attempt_ids.insert(attempt.id) {
                return Err(FileError::at(span, format!("two attempts share the ID {}", attempt.id)));
            }
            if !ids.contains(&attempt.rung) {
                return Err(FileError::at(
                    rung_span,
                    format!("attempt {} is on rung {}, and there is no rung with that ID", attempt.id, attempt.rung),
                ));
            }
            attempts.push(attempt);
        }
        let mut hesitation_ids = HashSet::new();
        let raw_hesitations = self.hesitation.map(Spanned::into_inner).unwrap_or_default();
        let mut hesitations = Vec::with_capacity(raw_hesitations.len());
        for raw in raw_hesitations.iter().map(Spanned::get_ref) {
            let hesitation = raw.check()?;
            if !hesitation_ids.insert(hesitation.id) {
                return Err(FileError::at(raw.id.span(), format!("two hesitations share the ID {}", hesitation.id)));
            }
            hesitations.push(hesitation);
        }
        let mut gift_ids = HashSet::new();
        let raw_gifts = self.gave.map(Spanned::into_inner).unwrap_or_default();
        let mut gifts = Vec::with_capacity(raw_gifts.len());
        for raw in raw_gifts.iter().map(Spanned::get_ref) {
            let gift = raw.check()?;
            if !gift_ids.insert(gift.id) {
                return Err(FileError::at(raw.id.span(), format!("two [[gave]] entries share the ID {}", gift.id)));
            }
            gifts.push(gift);
        }
        let last = |value: &Option<Spanned<i64>>, what: &str| -> Result<u32, FileError> {
            value.as_ref().map_or(Ok(0), |v| {
                let v = ranged(v, 0, i64::from(u32::MAX), what)?;
                Ok(u32::try_from(v).unwrap_or(u32::MAX))
            })
        };
        same_uid("rungs", rungs.iter().map(|r| &r.uid))?;
        same_uid("attempts", attempts.iter().map(|a| &a.uid))?;
        same_uid("hesitations", hesitations.iter().map(|h| &h.uid))?;
        same_uid("[[gave]] entries", gifts.iter().map(|g| &g.uid))?;
        Ok(Ladder {
            settings,
            rungs,
            attempts,
            hesitations,
            gifts,
            last_rung_id: last(&self.last_rung_id, "last_rung_id")?,
            last_attempt_id: last(&self.last_attempt_id, "last_attempt_id")?,
            conflicts: self
                .conflict
                .into_iter()
                .map(|c| Conflict { rung: c.rung, field: c.field, kept: c.kept, other: c.other })
                .collect(),
        })
    }
}

impl RawSettings {
    fn check(self) -> Result<Settings, FileError> {
        let defaults = Settings::default();
        Ok(Settings {
            repeat: count(self.repeat, "settings.repeat", defaults.repeat)?,
            comfortable: percent(self.comfortable, "settings.comfortable", defaults.comfortable)?,
            habituation: percent(self.habituation, "settings.habituation", defaults.habituation)?,
            max_step: percent(self.max_step, "settings.max_step", defaults.max_step)?,
            weekly_target: count(self.weekly_target, "settings.weekly_target", defaults.weekly_target)?,
        })
    }
}

impl RawRung {
    fn check(&self) -> Result<Rung, FileError> {
        let (id, ask) = (id(&self.id, "rung")?, short_text(&self.ask, "ask")?);
        let uid = uid_or(self.uid.as_ref(), || uid::derived("rung", &[&id.to_string(), &ask]))?;
        Ok(Rung {
            id,
            uid,
            ask,
            stakes: suds(&self.stakes, "stakes")?,
            who: self.who.as_ref().map(|w| short_text(w, "who")).transpose()?,
            tags: self.tags.iter().map(|t| short_text(t, "tag")).collect::<Result<_, _>>()?,
            created: self.created.as_ref().map(|d| date(d, "created")).transpose()?,
            fear: self.fear.as_ref().map(|f| short_text(f, "fear")).transpose()?,
            chance: self.chance.as_ref().map(|c| suds(c, "chance")).transpose()?,
            planned: self.planned.as_ref().map(|d| date(d, "planned")).transpose()?,
            place: self.place.as_ref().map(|w| short_text(w, "where")).transpose()?,
        })
    }
}

impl RawAttempt {
    fn check(self) -> Result<Attempt, FileError> {
        let outcome = match &self.outcome {
            Some(o) => o.get_ref().parse().map_err(|e: String| FileError::at(o.span(), e))?,
            None => Outcome::Yes,
        };
        let (id, rung, at) = (id(&self.id, "attempt")?, id(&self.rung, "rung")?, moment(&self.at)?);
        let uid = uid_or(self.uid.as_ref(), || {
            uid::derived("attempt", &[&id.to_string(), &rung.to_string(), &at.to_rfc3339()])
        })?;
        Ok(Attempt {
            id,
            uid,
            rung,
            at,
            outcome,
            before: self.before.as_ref().map(|v| suds(v, "before")).transpose()?,
            after: self.after.as_ref().map(|v| suds(v, "after")).transpose()?,
            note: self.note.as_ref().map(note).transpose()?,
            fear_happened: self.fear_happened,
            thanked: self.thanked,
        })
    }
}

/// Two entries with one uid are one entry copied by hand: a merge could not tell them apart.
fn same_uid<'a>(what: &str, uids: impl Iterator<Item = &'a String>) -> Result<(), FileError> {
    let mut seen = HashSet::new();
    for uid in uids {
        if !seen.insert(uid) {
            return Err(FileError {
                span: None,
                message: format!(
                    "two {what} share the uid \"{uid}\" (copied by hand? remove the uid line from the copy \
                     and ladder gives it a new one)"
                ),
            });
        }
    }
    Ok(())
}

/// The entry's uid as written, or, in a file from before uids, the one derived from the entry.
fn uid_or(value: Option<&Spanned<String>>, derive: impl FnOnce() -> String) -> Result<String, FileError> {
    match value {
        Some(v) if uid::valid(v.get_ref()) => Ok(v.get_ref().clone()),
        Some(v) => Err(FileError::at(
            v.span(),
            "a uid is one short word of letters and digits (remove the line and ladder gives the entry a new one)",
        )),
        None => Ok(derive()),
    }
}

fn count(value: Option<Spanned<i64>>, what: &str, default: u32) -> Result<u32, FileError> {
    match value {
        Some(v) => Ok(u32::try_from(ranged(&v, 1, 100, what)?).unwrap_or(default)),
        None => Ok(default),
    }
}

fn percent(value: Option<Spanned<i64>>, what: &str, default: u8) -> Result<u8, FileError> {
    value.map_or(Ok(default), |v| suds(&v, what))
}

fn ranged(value: &Spanned<i64>, min: i64, max: i64, what: &str) -> Result<i64, FileError> {
    let v = *value.get_ref();
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(FileError::at(value.span(), format!("{what} must be a whole number from {min} to {max}, not {v}")))
    }
}

fn suds(value: &Spanned<i64>, what: &str) -> Result<u8, FileError> {
    let v = ranged(value, 0, 100, what)?;
    Ok(u8::try_from(v).unwrap_or(u8::MAX))
}

fn id(value: &Spanned<i64>, what: &str) -> Result<u32, FileError> {
    let v = ranged(value, 1, i64::from(u32::MAX), &format!("a {what} ID"))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

fn short_text(value: &Spanned<String>, what: &str) -> Result<String, FileError> {
    check_text(value.get_ref(), what, MAX_SHORT_TEXT).map_err(|e| FileError::at(value.span(), e))
}

fn note(value: &Spanned<String>) -> Result<String, FileError> {
    check_text(value.get_ref(), "note", MAX_NOTE).map_err(|e| FileError::at(value.span(), e))
}

fn date(value: &Spanned<Datetime>, what: &str) -> Result<NaiveDate, FileError> {
    let dt = value.get_ref();
    match (dt.date, dt.time) {
        (Some(d), None) => naive_date(d).ok_or_else(|| FileError::at(value.span(), "not a real date")),
        _ => Err(FileError::at(value.span(), format!("{what} must be a date like 2026-11-21"))),
    }
}

fn naive_date(d: toml::value::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// An attempt's time: an offset date-time, or a bare date (taken as noon UTC).
fn moment(value: &Spanned<Datetime>) -> Result<DateTime<FixedOffset>, FileError> {
    let bad = |msg: &str| FileError::at(value.span(), msg.to_string());
    let dt = value.get_ref();
    let day =
        dt.date.and_then(naive_date).ok_or_else(|| bad("at must be a date and time like 2026-11-22T09:30:00+01:00"))?;
    let (time, offset_minutes) = match (dt.time, dt.offset) {
        (None, _) => (NaiveTime::from_hms_opt(12, 0, 0), Some(0)),
        (Some(t), Some(offset)) => {
            let time = NaiveTime::from_hms_nano_opt(
                u32::from(t.hour),
                u32::from(t.minute),
                u32::from(t.second.unwrap_or(0)),
                t.nanosecond.unwrap_or(0),
            );
            let minutes = match offset {
                Offset::Z => 0,
                Offset::Custom { minutes } => i32::from(minutes),
            };
            (time, Some(minutes))
        }
        (Some(_), None) => return Err(bad("at needs a UTC offset, like 2026-11-22T09:30:00+01:00")),
    };
    let offset = offset_minutes.and_then(|m| FixedOffset::east_opt(m * 60));
    match (time, offset) {
        (Some(time), Some(offset)) => {
            offset.from_local_datetime(&day.and_time(time)).single().ok_or_else(|| bad("not a real time"))
        }
        _ => Err(bad("not a real time")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;

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
        assert!(
            error("[[rung]]\nid=1\nask='a'\nstakes=101\n")
                .message
                .contains("stakes must be a whole number from 0 to 100")
        );
        assert!(error("[[rung]]\nid=0\nask='a'\nstakes=1\n").message.contains("rung ID"));
        assert!(error("[[rung]]\nid=1\nask='  '\nstakes=1\n").message.contains("ask is empty"));
        assert!(error("version = 3\n[[rung]]\nnew_shape = true\n").message.contains("newer ladder"));
        assert!(error("version = 0\n").message.contains("unknown version"));
        assert!(error("[settings]\nrepeat = 0\n").message.contains("settings.repeat"));
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        assert_eq!(
            error("[[rung]]\nid=1\nask='a'\nstakes='high'\n").message,
            "wrong kind of value: string \"high\", expected a whole number"
        );
        assert_eq!(
            error("[[rung]]\nid=1\nask='a'\nstakes=99999999999999999999\n").message,
            "this number is far too big"
        );
    }

    #[test]
    fn refuses_broken_references() {
        let dup = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[rung]]\nid=1\nask='b'\nstakes=2\n";
        let err = error(dup);
        assert!(err.message.contains("two rungs share the ID 1"), "{err:?}");
        assert_eq!(&dup[err.span.unwrap()], "1");
        let orphan = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=2\nat=2026-01-02\n";
        assert!(error(orphan).message.contains("no rung with that ID"));
        let bad_outcome =
            "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=1\nat=2026-01-02\noutcome='maybe'\n";
        assert!(error(bad_outcome).message.contains("unknown outcome \"maybe\""));
        let local_time = "[[rung]]\nid=1\nask='a'\nstakes=1\n[[attempt]]\nid=1\nrung=1\nat=2026-01-02T10:00:00\n";
        assert!(error(local_time).message.contains("needs a UTC offset"));
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
