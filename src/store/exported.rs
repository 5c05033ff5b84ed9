//! The events the last `ladder agenda --ics` wrote for a ladder file, kept in the state folder (never beside
//! the ladder, so a sync does not carry one device's exports to another): what the next export compares
//! against, to cancel an event whose plan is gone and to number a changed one (see `rules::calendar`).
//!
//! One line per event: `uid day sequence digest planned|cancelled`, after a first line naming the format.
//! A file that is missing or damaged is no events: the next export then cancels nothing it cannot know of.

use std::fmt::Write as _;
use std::io;

use chrono::NaiveDate;

use super::{Location, state};
use crate::model::Sent;

const KIND: &str = "exported";
const HEADER: &str = "ladder exported events 1";

/// The events the last export wrote; none when there was none, or its record cannot be read.
pub fn read(location: &Location) -> Vec<Sent> {
    let Some(text) = state::read(location, KIND, HEADER, 1 << 22) else { return Vec::new() };
    text.lines().filter_map(parse).collect()
}

fn parse(line: &str) -> Option<Sent> {
    let mut parts = line.split(' ');
    let uid = parts.next().filter(|u| !u.is_empty())?.to_string();
    let day = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
    let sequence = parts.next()?.parse().ok()?;
    let digest = u64::from_str_radix(parts.next()?, 16).ok()?;
    let cancelled = match parts.next()? {
        "planned" => false,
        "cancelled" => true,
        _ => return None,
    };
    Some(Sent { uid, day, sequence, digest, cancelled })
}

/// Keeps `events` as what this export wrote, replacing the record atomically.
pub fn write(location: &Location, events: &[Sent]) -> io::Result<()> {
    let mut text = format!("{HEADER}\n");
    for e in events {
        let status = if e.cancelled { "cancelled" } else { "planned" };
        let _ = writeln!(text, "{} {} {} {:016x} {status}", e.uid, e.day, e.sequence, e.digest);
    }
    state::write(location, KIND, &text)
}
