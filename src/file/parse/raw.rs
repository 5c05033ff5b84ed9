//! The file as written, before its meaning is checked, and the check. Spans let every complaint name a line.

use rustc_hash::FxHashSet as HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;
use toml::Spanned;
use toml::value::{Datetime, Offset};

use super::FileError;
use crate::error::{Bad, Thing};
use crate::model::{
    Attempt, BadText, Conflict, Expectancy, Forgotten, Gift, Hesitation, Ladder, MAX_NOTE, MAX_SHORT_TEXT, MovedId,
    NotOne, Outcome, Rung, Settings, VERSION, check_owned_text, uid,
};

#[derive(Deserialize)]
pub(super) struct RawFile {
    pub(super) version: Option<Spanned<i64>>,
    pub(super) last_rung_id: Option<Spanned<i64>>,
    pub(super) last_attempt_id: Option<Spanned<i64>>,
    pub(super) settings: Option<Spanned<RawSettings>>,
    #[serde(default)]
    pub(super) rung: Vec<Spanned<RawRung>>,
    pub(super) attempt: Option<Spanned<Vec<Spanned<RawAttempt>>>>,
    pub(super) hesitation: Option<Spanned<Vec<Spanned<RawHesitation>>>>,
    pub(super) gave: Option<Spanned<Vec<Spanned<RawGift>>>>,
    #[serde(default)]
    conflict: Vec<RawConflict>,
    #[serde(default)]
    forgotten: Vec<RawForgotten>,
    #[serde(default)]
    moved: Vec<RawMoved>,
}

#[derive(Deserialize)]
struct RawMoved {
    what: String,
    from: Spanned<i64>,
    to: Spanned<i64>,
    on: Option<Spanned<Datetime>>,
}

#[derive(Deserialize)]
struct RawForgotten {
    uid: Spanned<String>,
    on: Option<Spanned<Datetime>>,
}

#[derive(Deserialize)]
struct RawConflict {
    rung: Option<String>,
    entry: Option<String>,
    field: String,
    #[serde(default)]
    kept: String,
    #[serde(default)]
    other: String,
}

#[derive(Deserialize)]
pub(super) struct RawSettings {
    pub(super) repeat: Option<Spanned<i64>>,
    pub(super) comfortable: Option<Spanned<i64>>,
    pub(super) habituation: Option<Spanned<i64>>,
    pub(super) max_step: Option<Spanned<i64>>,
    pub(super) weekly_target: Option<Spanned<i64>>,
    pub(super) crisis_line: Option<Spanned<String>>,
    pub(super) mastery: Option<Spanned<String>>,
    pub(super) remind_after_days: Option<Spanned<i64>>,
    pub(super) quiet_hours: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawRung {
    pub(super) id: Spanned<i64>,
    pub(super) uid: Option<Spanned<String>>,
    pub(super) ask: Spanned<String>,
    pub(super) stakes: Spanned<i64>,
    pub(super) who: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) tags: Vec<Spanned<String>>,
    pub(super) created: Option<Spanned<Datetime>>,
    pub(super) fear: Option<Spanned<String>>,
    pub(super) chance: Option<Spanned<i64>>,
    pub(super) planned: Option<Spanned<Datetime>>,
    #[serde(rename = "where")]
    pub(super) place: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) safety: Vec<Spanned<String>>,
    pub(super) before: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawAttempt {
    pub(super) id: Spanned<i64>,
    pub(super) uid: Option<Spanned<String>>,
    pub(super) rung: Spanned<i64>,
    pub(super) at: Spanned<Datetime>,
    pub(super) outcome: Option<Spanned<String>>,
    pub(super) before: Option<Spanned<i64>>,
    pub(super) after: Option<Spanned<i64>>,
    pub(super) note: Option<Spanned<String>>,
    pub(super) fear_happened: Option<bool>,
    pub(super) thanked: Option<bool>,
    pub(super) learned: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) used: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) dropped: Vec<Spanned<String>>,
    pub(super) peak: Option<Spanned<i64>>,
    pub(super) likely_before: Option<Spanned<i64>>,
    pub(super) bad_before: Option<Spanned<i64>>,
    pub(super) likely_after: Option<Spanned<i64>>,
    pub(super) bad_after: Option<Spanned<i64>>,
    pub(super) how: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawHesitation {
    pub(super) id: Spanned<i64>,
    pub(super) uid: Option<Spanned<String>>,
    pub(super) at: Spanned<Datetime>,
    pub(super) text: Spanned<String>,
    pub(super) story: Option<Spanned<String>>,
    pub(super) stakes: Option<Spanned<i64>>,
    pub(super) rung: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
pub(super) struct RawGift {
    pub(super) id: Spanned<i64>,
    pub(super) uid: Option<Spanned<String>>,
    pub(super) at: Spanned<Datetime>,
    pub(super) to: Spanned<String>,
    pub(super) text: Spanned<String>,
}

impl RawGift {
    pub(super) fn check(self) -> Result<Gift, FileError> {
        let (id, at) = (id(&self.id, "gave")?, moment(&self.at)?);
        let (to, text) = (short_text(self.to, "name")?, short_text(self.text, "help given")?);
        let uid = uid_or(self.uid, || uid::of_gift(id, &at, &to, &text))?;
        Ok(Gift { id, uid, at, to, text })
    }
}

impl RawHesitation {
    pub(super) fn check(self) -> Result<Hesitation, FileError> {
        let (number, at) = (id(&self.id, "hesitation")?, moment(&self.at)?);
        let text = short_text(self.text, "hesitation")?;
        let uid = uid_or(self.uid, || uid::of_hesitation(number, &at, &text))?;
        Ok(Hesitation {
            id: number,
            uid,
            at,
            text,
            story: self.story.map(note).transpose()?,
            stakes: self.stakes.as_ref().map(|s| suds(s, "stakes")).transpose()?,
            rung: self.rung.as_ref().map(|r| id(r, "rung")).transpose()?,
        })
    }
}

impl RawFile {
    /// Whether the file is in this version's form: the version written, and a uid on every entry.
    pub(super) fn is_current(&self) -> bool {
        self.version.as_ref().is_none_or(|v| *v.get_ref() == VERSION)
            && self.rung.iter().all(|r| r.get_ref().uid.is_some())
            && entries(self.attempt.as_ref()).all(|a| a.uid.is_some())
            && entries(self.hesitation.as_ref()).all(|h| h.uid.is_some())
            && entries(self.gave.as_ref()).all(|g| g.uid.is_some())
    }

    pub(super) fn check(self) -> Result<Ladder, FileError> {
        if let Some(version) = &self.version {
            match *version.get_ref() {
                1..=VERSION => {}
                v if v > VERSION => return Err(too_new(version)),
                v => return Err(FileError::at(version.span(), Bad::UnknownVersion(v))),
            }
        }
        let settings = match self.settings {
            Some(raw) => raw.into_inner().check()?,
            None => Settings::default(),
        };
        let mut ids = HashSet::default();
        let mut rungs = Vec::with_capacity(self.rung.len());
        for raw in self.rung.into_iter().map(Spanned::into_inner) {
            let span = raw.id.span();
            let rung = raw.check()?;
            if !ids.insert(rung.id) {
                return Err(FileError::at(span, Bad::SameId(Thing::Rung, rung.id)));
            }
            rungs.push(rung);
        }
        let mut attempt_ids = HashSet::default();
        let raw_attempts = self.attempt.map(Spanned::into_inner).unwrap_or_default();
        let mut attempts = Vec::with_capacity(raw_attempts.len());
        for raw in raw_attempts.into_iter().map(Spanned::into_inner) {
            let span = raw.id.span();
            let rung_span = raw.rung.span();
            let attempt = raw.check()?;
            if !attempt_ids.insert(attempt.id) {
                return Err(FileError::at(span, Bad::SameId(Thing::Attempt, attempt.id)));
            }
            if !ids.contains(&attempt.rung) {
                return Err(FileError::at(rung_span, Bad::NoRungFor { attempt: attempt.id, rung: attempt.rung }));
            }
            attempts.push(attempt);
        }
        let mut hesitation_ids = HashSet::default();
        let raw_hesitations = self.hesitation.map(Spanned::into_inner).unwrap_or_default();
        let mut hesitations = Vec::with_capacity(raw_hesitations.len());
        for raw in raw_hesitations.into_iter().map(Spanned::into_inner) {
            let span = raw.id.span();
            let hesitation = raw.check()?;
            if !hesitation_ids.insert(hesitation.id) {
                return Err(FileError::at(span, Bad::SameId(Thing::Hesitation, hesitation.id)));
            }
            hesitations.push(hesitation);
        }
        let mut gift_ids = HashSet::default();
        let raw_gifts = self.gave.map(Spanned::into_inner).unwrap_or_default();
        let mut gifts = Vec::with_capacity(raw_gifts.len());
        for raw in raw_gifts.into_iter().map(Spanned::into_inner) {
            let span = raw.id.span();
            let gift = raw.check()?;
            if !gift_ids.insert(gift.id) {
                return Err(FileError::at(span, Bad::SameId(Thing::Gift, gift.id)));
            }
            gifts.push(gift);
        }
        let last = |value: &Option<Spanned<i64>>, what: &'static str| -> Result<u32, FileError> {
            value.as_ref().map_or(Ok(0), |v| {
                let v = ranged(v, 0, i64::from(u32::MAX), what)?;
                Ok(u32::try_from(v).unwrap_or(u32::MAX))
            })
        };
        same_uid(Thing::Rung, rungs.iter().map(|r| &r.uid))?;
        same_uid(Thing::Attempt, attempts.iter().map(|a| &a.uid))?;
        same_uid(Thing::Hesitation, hesitations.iter().map(|h| &h.uid))?;
        same_uid(Thing::Gift, gifts.iter().map(|g| &g.uid))?;
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
                .map(|c| Conflict { rung: c.rung, entry: c.entry, field: c.field, kept: c.kept, other: c.other })
                .collect(),
            forgotten: self
                .forgotten
                .into_iter()
                .map(|f| {
                    let uid = uid_or(Some(f.uid), String::new)?;
                    Ok(Forgotten { uid, on: f.on.as_ref().map(|d| date(d, "on")).transpose()? })
                })
                .collect::<Result<_, FileError>>()?,
            moved: self
                .moved
                .into_iter()
                .map(|m| {
                    let (from, to) = (id(&m.from, "moved")?, id(&m.to, "moved")?);
                    Ok(MovedId { what: m.what, from, to, on: m.on.as_ref().map(|d| date(d, "on")).transpose()? })
                })
                .collect::<Result<_, FileError>>()?,
        })
    }
}

impl RawSettings {
    pub(super) fn check(self) -> Result<Settings, FileError> {
        let defaults = Settings::default();
        Ok(Settings {
            repeat: count(self.repeat, "settings.repeat", defaults.repeat)?,
            comfortable: percent(self.comfortable, "settings.comfortable", defaults.comfortable)?,
            habituation: percent(self.habituation, "settings.habituation", defaults.habituation)?,
            max_step: percent(self.max_step, "settings.max_step", defaults.max_step)?,
            weekly_target: count(self.weekly_target, "settings.weekly_target", defaults.weekly_target)?,
            crisis_line: self.crisis_line.map(|c| short_text(c, "crisis line")).transpose()?,
            mastery: match self.mastery {
                Some(m) => m.get_ref().parse().map_err(|e| refused(m.span(), e))?,
                None => defaults.mastery,
            },
            remind_after_days: self
                .remind_after_days
                .map(|d| count(Some(d), "settings.remind_after_days", crate::model::REMIND_AFTER_DAYS))
                .transpose()?,
            quiet_hours: match self.quiet_hours {
                Some(q) => Some(q.get_ref().parse().map_err(|e| refused(q.span(), e))?),
                None => None,
            },
        })
    }
}

impl RawRung {
    pub(super) fn check(self) -> Result<Rung, FileError> {
        let (id, ask) = (id(&self.id, "rung")?, short_text(self.ask, "ask")?);
        let uid = uid_or(self.uid, || uid::of_rung(id, &ask))?;
        Ok(Rung {
            id,
            uid,
            ask,
            stakes: suds(&self.stakes, "stakes")?,
            who: self.who.map(|w| short_text(w, "who")).transpose()?,
            tags: self.tags.into_iter().map(|t| short_text(t, "tag")).collect::<Result<_, _>>()?,
            created: self.created.as_ref().map(|d| date(d, "created")).transpose()?,
            fear: self.fear.map(|f| short_text(f, "fear")).transpose()?,
            chance: self.chance.as_ref().map(|c| suds(c, "chance")).transpose()?,
            planned: self.planned.as_ref().map(|d| date(d, "planned")).transpose()?,
            place: self.place.map(|w| short_text(w, "where")).transpose()?,
            safety: texts(self.safety, "safety behaviour")?,
            before: self.before.map(|b| short_text(b, "before")).transpose()?,
        })
    }
}

impl RawAttempt {
    pub(super) fn check(self) -> Result<Attempt, FileError> {
        let outcome = match &self.outcome {
            Some(o) => o.get_ref().parse().map_err(|e| refused(o.span(), e))?,
            None => Outcome::Yes,
        };
        let how = match &self.how {
            Some(h) => Some(h.get_ref().parse().map_err(|e| refused(h.span(), e))?),
            None => None,
        };
        let (id, rung, at) = (id(&self.id, "attempt")?, id(&self.rung, "rung")?, moment(&self.at)?);
        let uid = uid_or(self.uid, || uid::of_attempt(id, rung, &at))?;
        Ok(Attempt {
            id,
            uid,
            rung,
            at,
            outcome,
            before: self.before.as_ref().map(|v| suds(v, "before")).transpose()?,
            after: self.after.as_ref().map(|v| suds(v, "after")).transpose()?,
            note: self.note.map(note).transpose()?,
            fear_happened: self.fear_happened,
            thanked: self.thanked,
            learned: self.learned.map(learned).transpose()?,
            used: texts(self.used, "safety behaviour")?,
            dropped: texts(self.dropped, "safety behaviour")?,
            peak: self.peak.as_ref().map(|v| suds(v, "peak")).transpose()?,
            expected: Expectancy {
                likely_before: self.likely_before.as_ref().map(|v| suds(v, "likely_before")).transpose()?,
                bad_before: self.bad_before.as_ref().map(|v| suds(v, "bad_before")).transpose()?,
                likely_after: self.likely_after.as_ref().map(|v| suds(v, "likely_after")).transpose()?,
                bad_after: self.bad_after.as_ref().map(|v| suds(v, "bad_after")).transpose()?,
            },
            how,
        })
    }
}

/// A list of short texts, each checked.
fn texts(values: Vec<Spanned<String>>, what: &'static str) -> Result<Vec<String>, FileError> {
    values.into_iter().map(|t| short_text(t, what)).collect()
}

fn entries<T>(tables: Option<&Spanned<Vec<Spanned<T>>>>) -> impl Iterator<Item = &T> {
    tables.into_iter().flat_map(|t| t.get_ref().iter().map(Spanned::get_ref))
}

/// Two entries with one uid are one entry copied by hand: a merge could not tell them apart.
fn same_uid<'a>(what: Thing, uids: impl Iterator<Item = &'a String>) -> Result<(), FileError> {
    let mut seen = HashSet::default();
    for uid in uids {
        if !seen.insert(uid) {
            return Err(FileError { span: None, why: Bad::SameUid(what, uid.clone()) });
        }
    }
    Ok(())
}

/// A word that is none of a choice's.
fn refused(span: std::ops::Range<usize>, why: NotOne) -> FileError {
    FileError::at(span, Bad::NotOne(why))
}

/// A text that is not one.
fn bad_text(span: std::ops::Range<usize>, why: BadText) -> FileError {
    FileError::at(span, Bad::Text(why))
}

/// The entry's uid as written, or, in a file from before uids, the one derived from the entry.
fn uid_or(value: Option<Spanned<String>>, derive: impl FnOnce() -> String) -> Result<String, FileError> {
    match value {
        Some(v) if uid::valid(v.get_ref()) => Ok(v.into_inner()),
        Some(v) => Err(FileError::at(v.span(), Bad::BadUid)),
        None => Ok(derive()),
    }
}

fn count(value: Option<Spanned<i64>>, what: &'static str, default: u32) -> Result<u32, FileError> {
    match value {
        Some(v) => Ok(u32::try_from(ranged(&v, 1, 100, what)?).unwrap_or(default)),
        None => Ok(default),
    }
}

fn percent(value: Option<Spanned<i64>>, what: &'static str, default: u8) -> Result<u8, FileError> {
    value.map_or(Ok(default), |v| suds(&v, what))
}

fn ranged(value: &Spanned<i64>, min: i64, max: i64, what: &'static str) -> Result<i64, FileError> {
    let v = *value.get_ref();
    if (min..=max).contains(&v) { Ok(v) } else { Err(out_of_range(value, min, max, what)) }
}

fn out_of_range(value: &Spanned<i64>, min: i64, max: i64, key: &'static str) -> FileError {
    FileError::at(value.span(), Bad::OutOfRange { key, min, max, value: *value.get_ref() })
}

fn suds(value: &Spanned<i64>, what: &'static str) -> Result<u8, FileError> {
    let v = ranged(value, 0, 100, what)?;
    Ok(u8::try_from(v).unwrap_or(u8::MAX))
}

fn id(value: &Spanned<i64>, kind: &'static str) -> Result<u32, FileError> {
    u32::try_from(*value.get_ref())
        .ok()
        .filter(|&id| id > 0)
        .ok_or_else(|| FileError::at(value.span(), Bad::BadId { kind, value: *value.get_ref() }))
}

fn short_text(value: Spanned<String>, what: &'static str) -> Result<String, FileError> {
    let span = value.span();
    check_owned_text(value.into_inner(), what, MAX_SHORT_TEXT).map_err(|e| bad_text(span, e))
}

fn note(value: Spanned<String>) -> Result<String, FileError> {
    let span = value.span();
    check_owned_text(value.into_inner(), "note", MAX_NOTE).map_err(|e| bad_text(span, e))
}

fn learned(value: Spanned<String>) -> Result<String, FileError> {
    let span = value.span();
    check_owned_text(value.into_inner(), "lesson", MAX_NOTE).map_err(|e| bad_text(span, e))
}

fn date(value: &Spanned<Datetime>, key: &'static str) -> Result<NaiveDate, FileError> {
    let dt = value.get_ref();
    match (dt.date, dt.time) {
        (Some(d), None) => naive_date(d).ok_or_else(|| FileError::at(value.span(), Bad::NotADate)),
        _ => Err(FileError::at(value.span(), Bad::NotJustADate(key))),
    }
}

/// A date alone (no time), as `[[forgotten]]` writes it; `None` for anything else.
pub(super) fn day(value: &Spanned<Datetime>) -> Option<NaiveDate> {
    date(value, "on").ok()
}

fn naive_date(d: toml::value::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// An attempt's time: an offset date-time, or a bare date (taken as noon UTC).
fn moment(value: &Spanned<Datetime>) -> Result<DateTime<FixedOffset>, FileError> {
    let bad = |why: Bad| FileError::at(value.span(), why);
    let dt = value.get_ref();
    let day = dt.date.and_then(naive_date).ok_or_else(|| bad(Bad::NotAMoment))?;
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
        (Some(_), None) => return Err(bad(Bad::NoOffset)),
    };
    let offset = offset_minutes.and_then(|m| FixedOffset::east_opt(m * 60));
    match (time, offset) {
        (Some(time), Some(offset)) => {
            offset.from_local_datetime(&day.and_time(time)).single().ok_or_else(|| bad(Bad::NotATime))
        }
        _ => Err(bad(Bad::NotATime)),
    }
}

pub(super) fn too_new(version: &Spanned<i64>) -> FileError {
    FileError::at(version.span(), Bad::TooNew(*version.get_ref()))
}
