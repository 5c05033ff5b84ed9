//! `list --json` written straight to its output: the same bytes as `serde_json`'s pretty printing of
//! [`json::list`](super::json::list), which stays the shape's definition (and `export`'s writer). A test holds
//! the two equal on arbitrary ladders.
//!
//! Why by hand: on the years-of-use ladder `list --json` writes 2.7 MB, and through `serde_json` that cost 35
//! million instructions, more than reading the ladder cold; a third of it escaping every key and value a byte
//! at a time. Here each line's indentation, key and punctuation is one constant, and a text is checked in one
//! pass and copied whole unless it holds something to escape: writing costs about 9 million (callgrind, warm
//! `list --json` 47 to 20 million in all; on the 10k ladder 221 to 101).

use std::io::{self, Write};

use crate::model::{Attempt, How};
use crate::output::json::rfc3339;
use crate::rules::plan::RungState;

/// `states` as `json::write` writes [`json::list`](super::json::list) of them, newline and all.
pub fn write(out: &mut impl Write, states: &[RungState]) -> io::Result<()> {
    if states.is_empty() {
        return out.write_all(b"[]\n");
    }
    for (i, state) in states.iter().enumerate() {
        out.write_all(if i == 0 { b"[\n  {\n    \"id\": " } else { b",\n  {\n    \"id\": " })?;
        let rung = state.rung;
        number(out, rung.id)?;
        out.write_all(b",\n    \"uid\": ")?;
        text(out, &rung.uid)?;
        out.write_all(b",\n    \"ask\": ")?;
        text(out, &rung.ask)?;
        out.write_all(b",\n    \"stakes\": ")?;
        number(out, rung.stakes)?;
        out.write_all(b",\n    \"who\": ")?;
        maybe_text(out, rung.who.as_deref())?;
        out.write_all(b",\n    \"tags\": ")?;
        array(out, &rung.tags, |out, tag| text(out, tag))?;
        out.write_all(b",\n    \"created\": ")?;
        match rung.created {
            Some(day) => write!(out, "\"{day}\"")?,
            None => out.write_all(b"null")?,
        }
        out.write_all(b",\n    \"fear\": ")?;
        maybe_text(out, rung.fear.as_deref())?;
        out.write_all(b",\n    \"chance\": ")?;
        maybe_number(out, rung.chance)?;
        out.write_all(b",\n    \"status\": \"")?;
        out.write_all(state.status.as_str().as_bytes())?;
        out.write_all(b"\",\n    \"counted\": ")?;
        number(out, state.counted)?;
        out.write_all(b",\n    \"attempts\": ")?;
        array(out, &state.attempts, |out, attempt| write_attempt(out, attempt))?;
        out.write_all(b",\n    \"safety\": ")?;
        array(out, &rung.safety, |out, item| text(out, item))?;
        out.write_all(b"\n  }")?;
    }
    out.write_all(b"\n]\n")
}

/// A rung's list (its tags, its attempts), each item written by `item`.
fn array<W: Write, T>(out: &mut W, items: &[T], item: impl FnMut(&mut W, &T) -> io::Result<()>) -> io::Result<()> {
    array_at(out, items, (b"[\n      ", b",\n      ", b"\n    ]"), item)
}

/// A list written with the given opening, separator and closing (which carry its indentation).
fn array_at<W: Write, T>(
    out: &mut W,
    items: &[T],
    (open, between, close): (&[u8], &[u8], &[u8]),
    mut item: impl FnMut(&mut W, &T) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    for (i, value) in items.iter().enumerate() {
        out.write_all(if i == 0 { open } else { between })?;
        item(out, value)?;
    }
    out.write_all(close)
}

/// An attempt's list of texts (its safety behaviours), inside the rung's list of attempts.
fn attempt_texts(out: &mut impl Write, items: &[String]) -> io::Result<()> {
    array_at(out, items, (b"[\n          ", b",\n          ", b"\n        ]"), |out, t| text(out, t))
}

fn write_attempt(out: &mut impl Write, attempt: &Attempt) -> io::Result<()> {
    out.write_all(b"{\n        \"id\": ")?;
    number(out, attempt.id)?;
    out.write_all(b",\n        \"uid\": ")?;
    text(out, &attempt.uid)?;
    out.write_all(b",\n        \"at\": \"")?;
    match rfc3339(attempt.at) {
        Some(moment) => out.write_all(&moment)?,
        None => out.write_all(attempt.at.to_rfc3339().as_bytes())?,
    }
    out.write_all(b"\",\n        \"outcome\": \"")?;
    out.write_all(attempt.outcome.as_str().as_bytes())?;
    out.write_all(b"\",\n        \"before\": ")?;
    maybe_number(out, attempt.before)?;
    out.write_all(b",\n        \"after\": ")?;
    maybe_number(out, attempt.after)?;
    out.write_all(b",\n        \"note\": ")?;
    maybe_text(out, attempt.note.as_deref())?;
    out.write_all(b",\n        \"fear_happened\": ")?;
    maybe_bool(out, attempt.fear_happened)?;
    out.write_all(b",\n        \"thanked\": ")?;
    maybe_bool(out, attempt.thanked)?;
    out.write_all(b",\n        \"learned\": ")?;
    maybe_text(out, attempt.learned.as_deref())?;
    out.write_all(b",\n        \"used\": ")?;
    attempt_texts(out, &attempt.used)?;
    out.write_all(b",\n        \"dropped\": ")?;
    attempt_texts(out, &attempt.dropped)?;
    let e = attempt.expected;
    let numbers: [(&[u8], Option<u8>); 5] = [
        (b",\n        \"peak\": ", attempt.peak),
        (b",\n        \"likely_before\": ", e.likely_before),
        (b",\n        \"bad_before\": ", e.bad_before),
        (b",\n        \"likely_after\": ", e.likely_after),
        (b",\n        \"bad_after\": ", e.bad_after),
    ];
    for (key, value) in numbers {
        out.write_all(key)?;
        maybe_number(out, value)?;
    }
    out.write_all(b",\n        \"how\": ")?;
    maybe_text(out, attempt.how.map(How::as_str))?;
    out.write_all(b"\n      }")
}

/// A JSON string: copied whole when nothing in it needs escaping, else escaped by `serde_json`.
fn text(out: &mut impl Write, text: &str) -> io::Result<()> {
    // No early exit, so that the compiler can check many bytes at once.
    #[allow(clippy::needless_bitwise_bool, reason = "one branch-free pass over the bytes")]
    let plain = text.bytes().fold(true, |plain, b| plain & (b >= 0x20) & (b != b'"') & (b != b'\\'));
    if plain {
        out.write_all(b"\"")?;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\"")
    } else {
        serde_json::to_writer(out, text).map_err(io::Error::from)
    }
}

fn maybe_text(out: &mut impl Write, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) => text(out, value),
        None => out.write_all(b"null"),
    }
}

fn number(out: &mut impl Write, value: impl itoa::Integer) -> io::Result<()> {
    out.write_all(itoa::Buffer::new().format(value).as_bytes())
}

fn maybe_number(out: &mut impl Write, value: Option<u8>) -> io::Result<()> {
    match value {
        Some(value) => number(out, value),
        None => out.write_all(b"null"),
    }
}

fn maybe_bool(out: &mut impl Write, value: Option<bool>) -> io::Result<()> {
    out.write_all(match value {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"null",
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
    use proptest::prelude::*;

    use crate::model::{Attempt, Outcome, Rung};
    use crate::output::json;
    use crate::rules::plan::{RungState, Status};

    fn written(states: &[RungState]) -> String {
        let mut out = Vec::new();
        super::write(&mut out, states).unwrap();
        String::from_utf8(out).unwrap().strip_suffix('\n').expect("a newline after the list").to_string()
    }

    /// Any text, weighted toward what needs escaping: quotes, backslashes, controls, escapes, non-ASCII.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), "[a-z\"\\\\\u{0}-\u{1f}\u{7f}\u{1b}é😀 ]{0,12}"]
    }

    fn moment() -> impl Strategy<Value = DateTime<FixedOffset>> {
        // Offsets in whole minutes and not; whole seconds and not; four-digit years and beyond.
        (
            -86_399..86_400i32,
            any::<bool>(),
            -70_000_000_000..300_000_000_000i64,
            prop_oneof![Just(0u32), 0..1_000_000_000u32],
        )
            .prop_map(|(offset, whole, secs, nanos)| {
                let offset = if whole { offset / 60 * 60 } else { offset };
                FixedOffset::east_opt(offset).unwrap().timestamp_opt(secs, nanos).unwrap()
            })
    }

    fn attempt() -> impl Strategy<Value = Attempt> {
        let opt_u8 = || proptest::option::of(any::<u8>());
        let opt_bool = || proptest::option::of(any::<bool>());
        (
            any::<u32>(),
            text(),
            moment(),
            0..4usize,
            opt_u8(),
            opt_u8(),
            proptest::option::of(text()),
            opt_bool(),
            opt_bool(),
        )
            .prop_map(|(id, uid, at, outcome, before, after, note, fear_happened, thanked)| Attempt {
                peak: before.max(after),
                expected: crate::model::Expectancy {
                    likely_before: before,
                    bad_before: after,
                    likely_after: after.and(before),
                    bad_after: None,
                },
                used: note.iter().cloned().collect(),
                dropped: note.iter().chain(&Some(uid.clone())).cloned().collect(),
                uid,
                before,
                after,
                note,
                fear_happened,
                thanked,
                ..Attempt::new(id, 1, at, Outcome::ALL[outcome])
            })
    }

    fn rung() -> impl Strategy<Value = (Rung, Vec<Attempt>, u32, usize)> {
        let rung = (
            any::<u32>(),
            text(),
            text(),
            any::<u8>(),
            proptest::option::of(text()),
            proptest::collection::vec(text(), 0..3),
            proptest::option::of((-300_000..300_000i32, 1..=365u32)),
            proptest::option::of(text()),
            proptest::option::of(any::<u8>()),
        )
            .prop_map(|(id, uid, ask, stakes, who, tags, created, fear, chance)| Rung {
                uid,
                who,
                safety: tags.iter().rev().cloned().collect(),
                tags,
                created: created.and_then(|(year, day)| NaiveDate::from_yo_opt(year, day)),
                fear,
                chance,
                ..Rung::new(id, ask, stakes)
            });
        (rung, proptest::collection::vec(attempt(), 0..4), any::<u32>(), 0..3usize)
    }

    proptest! {
        #[test]
        fn list_json_is_serde_jsons_pretty_json_of_the_list_shape(rungs in proptest::collection::vec(rung(), 0..4)) {
            let states: Vec<RungState> = rungs
                .iter()
                .map(|(rung, attempts, counted, status)| RungState {
                    rung,
                    attempts: attempts.iter().collect(),
                    verdicts: Vec::new(),
                    counted: *counted,
                    status: [Status::New, Status::Practising, Status::Mastered][*status],
                    mastered_at: None,
                })
                .collect();
            prop_assert_eq!(written(&states), serde_json::to_string_pretty(&json::list(&states)).unwrap());
        }
    }
}
