//! JSON for scripts. These shapes are documented in the README and kept stable: fields may be added,
//! never renamed or removed. Absent optional values are `null`. Each entry's `uid` (the identity that
//! survives two devices) follows its `id`.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use serde::Serialize;

use crate::model::{Attempt, Hesitation, How, Ladder, Rung, Settings};
use crate::output::hints::words;
use crate::rules::care::{self, Rest, Step};
use crate::rules::circle::Person;
use crate::rules::hints::{self, Hint};
use crate::rules::plan::{self, RungState, Status};

#[derive(Serialize)]
pub struct NextJson<'a> {
    id: u32,
    uid: &'a str,
    ask: &'a str,
    stakes: u8,
    who: Option<&'a str>,
    tags: &'a [String],
    fear: Option<&'a str>,
    chance: Option<u8>,
    status: &'static str,
    attempts: usize,
    counted: u32,
    needed: u32,
    hints: Vec<HintJson>,
    planned: Option<String>,
    #[serde(rename = "where")]
    place: Option<&'a str>,
    overdue: bool,
    // Added later: after the fields above, which keep their shape.
    step_down: bool,
    resting: Vec<RestingJson<'a>>,
    any_time: Vec<AnyTimeJson<'a>>,
}

/// A rung passed over because it rests: `why` is `very-hard` (two very hard tries in a row) or `said-no` (the
/// person it asks said no), `until` the day it is offered again.
#[derive(Serialize)]
pub struct RestingJson<'a> {
    id: u32,
    ask: &'a str,
    who: Option<&'a str>,
    why: &'static str,
    until: String,
}

/// A rung tagged `health`, offered any time.
#[derive(Serialize)]
pub struct AnyTimeJson<'a> {
    id: u32,
    ask: &'a str,
    stakes: u8,
}

#[derive(Serialize)]
pub struct HintJson {
    kind: &'static str,
    text: String,
}

pub fn next<'a>(
    state: &RungState<'a>,
    step: &Step<'_, 'a>,
    hints: &[Hint],
    settings: &Settings,
    today: NaiveDate,
) -> NextJson<'a> {
    let rung = state.rung;
    NextJson {
        id: rung.id,
        uid: &rung.uid,
        ask: &rung.ask,
        stakes: rung.stakes,
        who: rung.who.as_deref(),
        tags: &rung.tags,
        fear: rung.fear.as_deref(),
        chance: rung.chance,
        status: state.status.as_str(),
        attempts: state.attempts.len(),
        counted: state.counted,
        needed: settings.repeat,
        hints: hints.iter().map(|h| HintJson { kind: h.kind().as_str(), text: words(h) }).collect(),
        planned: rung.planned.map(|d| d.to_string()),
        place: rung.place.as_deref(),
        overdue: plan::overdue(rung, today),
        step_down: step.down,
        resting: step
            .resting
            .iter()
            .map(|(s, rest)| RestingJson {
                id: s.rung.id,
                ask: &s.rung.ask,
                who: s.rung.who.as_deref(),
                why: match rest {
                    Rest::Strain { .. } => "very-hard",
                    Rest::Refused { .. } => "said-no",
                },
                until: rest.until().date_naive().to_string(),
            })
            .collect(),
        any_time: step
            .any_time
            .iter()
            .map(|s| AnyTimeJson { id: s.rung.id, ask: &s.rung.ask, stakes: s.rung.stakes })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct RungJson<'a> {
    id: u32,
    uid: &'a str,
    ask: &'a str,
    stakes: u8,
    who: Option<&'a str>,
    tags: &'a [String],
    created: Option<String>,
    fear: Option<&'a str>,
    chance: Option<u8>,
    status: &'static str,
    counted: u32,
    attempts: Vec<AttemptJson<'a>>,
    // Added later: after the fields above, which keep their shape.
    safety: &'a [String],
}

/// A moment as `DateTime::to_rfc3339` writes it, without an allocation or the formatting machinery each
/// time: `list --json` writes tens of thousands (10k ladder: about 10 ms of its 40 with chrono's, measured
/// again for issue 14).
struct Rfc3339(DateTime<FixedOffset>);

impl Serialize for Rfc3339 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match rfc3339(self.0) {
            Some(text) => serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default()),
            // Outside what a ladder file can hold: the general way.
            None => serializer.collect_str(&self.0.to_rfc3339()),
        }
    }
}

/// `at` as `DateTime::to_rfc3339` writes it, when its year has four digits and it falls on a whole second
/// in a whole-minute offset (all a ladder file holds); `None` otherwise.
pub fn rfc3339(at: DateTime<FixedOffset>) -> Option<[u8; 25]> {
    let local = at.naive_local();
    let offset = at.offset().local_minus_utc();
    let year = u32::try_from(local.year()).ok().filter(|y| *y <= 9999);
    let (Some(year), 0, 0) = (year, local.nanosecond(), offset % 60) else { return None };
    let mut text = *b"0000-00-00T00:00:00+00:00";
    let fields = [
        (0, year, 4),
        (5, local.month(), 2),
        (8, local.day(), 2),
        (11, local.hour(), 2),
        (14, local.minute(), 2),
        (17, local.second(), 2),
        (20, offset.unsigned_abs() / 3600, 2),
        (23, offset.unsigned_abs() / 60 % 60, 2),
    ];
    for (at, mut value, width) in fields {
        for digit in text[at..at + width].iter_mut().rev() {
            *digit = b'0' + u8::try_from(value % 10).unwrap_or(0);
            value /= 10;
        }
    }
    if offset < 0 {
        text[19] = b'-';
    }
    Some(text)
}

/// An attempt. In `log` it names its rung (`rung`, `ask`); inside a rung in `list` it need not.
#[derive(Serialize)]
pub struct AttemptJson<'a> {
    id: u32,
    uid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rung: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ask: Option<&'a str>,
    at: Rfc3339,
    outcome: &'static str,
    before: Option<u8>,
    after: Option<u8>,
    note: Option<&'a str>,
    fear_happened: Option<bool>,
    thanked: Option<bool>,
    learned: Option<&'a str>,
    // Added later: after the fields above, which keep their shape.
    used: &'a [String],
    dropped: &'a [String],
    peak: Option<u8>,
    likely_before: Option<u8>,
    bad_before: Option<u8>,
    likely_after: Option<u8>,
    bad_after: Option<u8>,
    how: Option<&'static str>,
}

fn attempt<'a>(attempt: &'a Attempt, ask: Option<&'a str>) -> AttemptJson<'a> {
    AttemptJson {
        id: attempt.id,
        uid: &attempt.uid,
        rung: ask.map(|_| attempt.rung),
        ask,
        at: Rfc3339(attempt.at),
        outcome: attempt.outcome.as_str(),
        before: attempt.before,
        after: attempt.after,
        note: attempt.note.as_deref(),
        fear_happened: attempt.fear_happened,
        thanked: attempt.thanked,
        learned: attempt.learned.as_deref(),
        used: &attempt.used,
        dropped: &attempt.dropped,
        peak: attempt.peak,
        likely_before: attempt.expected.likely_before,
        bad_before: attempt.expected.bad_before,
        likely_after: attempt.expected.likely_after,
        bad_after: attempt.expected.bad_after,
        how: attempt.how.map(How::as_str),
    }
}

pub fn list<'a>(states: &[RungState<'a>]) -> Vec<RungJson<'a>> {
    states
        .iter()
        .map(|state| RungJson {
            id: state.rung.id,
            uid: &state.rung.uid,
            ask: &state.rung.ask,
            stakes: state.rung.stakes,
            who: state.rung.who.as_deref(),
            tags: &state.rung.tags,
            created: state.rung.created.map(|d| d.to_string()),
            fear: state.rung.fear.as_deref(),
            chance: state.rung.chance,
            status: state.status.as_str(),
            counted: state.counted,
            attempts: state.attempts.iter().map(|a| attempt(a, None)).collect(),
            safety: &state.rung.safety,
        })
        .collect()
}

/// Attempts as `log --json` gives them, each naming its rung.
pub fn log<'a>(ladder: &'a Ladder, attempts: &[&'a Attempt]) -> Vec<AttemptJson<'a>> {
    let rungs = ladder.rungs_by_id();
    attempts.iter().map(|a| attempt(a, Some(rungs.get(&a.rung).map_or("", |r| r.ask.as_str())))).collect()
}

#[derive(Serialize)]
pub struct ProgressJson<'a> {
    rungs: usize,
    mastered: usize,
    attempts: usize,
    outcomes: Outcomes,
    next: Option<NextJson<'a>>,
    fear_recorded: usize,
    fear_happened: usize,
    predicted_yes: Option<u32>,
    actual_yes: Option<u32>,
    helpers: Vec<Helper>,
    this_week: usize,
    days_this_week: usize,
    weekly_target: u32,
    streak_weeks: u32,
    trends: Vec<Trend>,
    hesitations_this_week: usize,
    /// Asks made: attempts that were answered (`plan::made`), as `progress` and `report` count them.
    asks_made: usize,
}

#[derive(Serialize)]
struct Outcomes {
    yes: usize,
    partial: usize,
    no: usize,
    no_answer: usize,
}

#[derive(Serialize)]
struct Helper {
    who: String,
    count: usize,
}

/// The distress recorded on a rung's attempts, oldest first.
#[derive(Serialize)]
struct Trend {
    id: u32,
    distress: Vec<u8>,
}

pub fn progress<'a>(ladder: &'a Ladder, states: &[RungState<'a>], now: DateTime<FixedOffset>) -> ProgressJson<'a> {
    let [yes, partial, no, no_answer] = plan::outcome_counts(ladder);
    let lessons = plan::lessons(ladder);
    let rhythm = plan::rhythm_of(ladder, states, now);
    let today = now.date_naive();
    let step = care::step(ladder, states, now);
    let hints = |s| if step.down { Vec::new() } else { hints::hints(ladder, states, s) };
    let next = step.state.map(|s| next(s, &step, &hints(s), &ladder.settings, today));
    ProgressJson {
        rungs: states.len(),
        mastered: states.iter().filter(|s| s.status == Status::Mastered).count(),
        attempts: ladder.attempts.len(),
        outcomes: Outcomes { yes, partial, no, no_answer },
        next,
        fear_recorded: lessons.fear_recorded,
        fear_happened: lessons.fear_happened,
        predicted_yes: lessons.predicted_yes,
        actual_yes: lessons.actual_yes,
        helpers: plan::helpers(ladder).into_iter().map(|(who, count)| Helper { who, count }).collect(),
        this_week: rhythm.this_week,
        days_this_week: rhythm.days_this_week,
        weekly_target: rhythm.weekly_target,
        streak_weeks: rhythm.streak_weeks,
        trends: states
            .iter()
            .map(|s| Trend { id: s.rung.id, distress: plan::distress(s) })
            .filter(|t| !t.distress.is_empty())
            .collect(),
        hesitations_this_week: plan::hesitations_this_week(ladder, now),
        asks_made: plan::asks(&ladder.attempts).made,
    }
}

#[derive(Serialize)]
pub struct HesitationJson<'a> {
    id: u32,
    uid: &'a str,
    at: Rfc3339,
    text: &'a str,
    story: Option<&'a str>,
    stakes: Option<u8>,
    rung: Option<u32>,
}

pub fn hesitations<'a>(noticed: &[&'a Hesitation]) -> Vec<HesitationJson<'a>> {
    noticed
        .iter()
        .map(|h| HesitationJson {
            id: h.id,
            uid: &h.uid,
            at: Rfc3339(h.at),
            text: &h.text,
            story: h.story.as_deref(),
            stakes: h.stakes,
            rung: h.rung,
        })
        .collect()
}

#[derive(Serialize)]
pub struct PersonJson<'a> {
    who: &'a str,
    asks: usize,
    yes: usize,
    partial: usize,
    no: usize,
    thanked: usize,
    unthanked: usize,
    gave: usize,
    last: Option<String>,
}

pub fn circle(people: &[Person]) -> Vec<PersonJson<'_>> {
    people
        .iter()
        .map(|p| PersonJson {
            who: &p.who,
            asks: p.asks,
            yes: p.yes,
            partial: p.partial,
            no: p.no,
            thanked: p.thanked,
            unthanked: p.unthanked,
            gave: p.gave,
            last: p.last.map(|d| d.to_string()),
        })
        .collect()
}

#[derive(Serialize)]
pub struct PlannedJson<'a> {
    id: u32,
    uid: &'a str,
    ask: &'a str,
    planned: Option<String>,
    #[serde(rename = "where")]
    place: Option<&'a str>,
    overdue: bool,
}

pub fn agenda<'a>(planned: &[&'a Rung], today: NaiveDate) -> Vec<PlannedJson<'a>> {
    planned
        .iter()
        .map(|r| PlannedJson {
            id: r.id,
            uid: &r.uid,
            ask: &r.ask,
            planned: r.planned.map(|d| d.to_string()),
            place: r.place.as_deref(),
            overdue: plan::overdue(r, today),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn moments_are_written_as_chrono_writes_them() {
        let mut checked = 0;
        for minutes in (-12 * 60..=14 * 60).step_by(45) {
            let offset = FixedOffset::east_opt(minutes * 60).unwrap();
            for secs in (-2_000_000_000_i64..4_000_000_000).step_by(86_413 * 97) {
                let at = offset.timestamp_opt(secs, 0).unwrap();
                assert_eq!(serde_json::to_value(Rfc3339(at)).unwrap(), at.to_rfc3339(), "{secs} {minutes}");
                checked += 1;
            }
        }
        assert!(checked > 10_000);
        let odd = FixedOffset::east_opt(5 * 3600 + 17).unwrap().timestamp_opt(1_000_000_000, 5).unwrap();
        assert_eq!(serde_json::to_value(Rfc3339(odd)).unwrap(), odd.to_rfc3339(), "second offsets, nanoseconds");
    }

    #[test]
    fn indented_json_is_serde_jsons_pretty_json() {
        let mut deep = serde_json::json!(["bottom", {}, []]);
        for level in 0..40 {
            deep = serde_json::json!({ "level": level, "list": [1, "two", null, [], {}], "inner": deep });
        }
        let mut out = Vec::new();
        deep.serialize(&mut serde_json::Serializer::with_formatter(&mut out, Indented::default())).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string_pretty(&deep).unwrap());
    }
}

/// `value` as every `--json` prints it: `serde_json`'s pretty layout (written by `Indented`), then a newline.
pub fn write(out: &mut impl std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    // As an io::Error, so that a closed pipe is seen as one (`Error::is_broken_pipe`).
    value
        .serialize(&mut serde_json::Serializer::with_formatter(&mut *out, Indented::default()))
        .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// `serde_json`'s pretty layout (two spaces a level), writing each line break and its indentation in one
/// piece rather than a space at a time: megabytes of `list --json` are mostly indentation.
#[derive(Default)]
pub struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn line(&self, out: &mut (impl std::io::Write + ?Sized), first: bool) -> std::io::Result<()> {
        const BREAKS: &[u8] = b",\n                                                                ";
        let from = usize::from(first);
        if let Some(piece) = BREAKS.get(from..2 + 2 * self.level) {
            return out.write_all(piece);
        }
        out.write_all(&BREAKS[from..2])?;
        (0..self.level).try_for_each(|_| out.write_all(b"  "))
    }

    fn open(&mut self, out: &mut (impl std::io::Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close(&mut self, out: &mut (impl std::io::Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(out, true)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
