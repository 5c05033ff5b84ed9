//! When the last `ladder report` was written for a ladder file, kept in the state folder (never beside the ladder,
//! so a sync does not carry one device's reports to another): the next report's period starts there.
//!
//! Two lines: one naming the format, then `since on`, the first day the report covered and the day it was
//! written. A file that is missing or damaged is no report yet.

use std::io;

use chrono::NaiveDate;

use super::{Location, state};

const KIND: &str = "reported";
const HEADER: &str = "ladder last report 1";

/// The last report: the first day it covered and the day it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    pub since: NaiveDate,
    pub on: NaiveDate,
}

/// The last report written for this ladder, if one was and its record can be read.
pub fn read(location: &Location) -> Option<Reported> {
    let text = state::read(location, KIND, HEADER, 1 << 12)?;
    let mut days = text.lines().next()?.split(' ').map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (since, on) = (days.next()??, days.next()??);
    Some(Reported { since, on })
}

/// Keeps `reported` as the last report, replacing the record atomically.
pub fn write(location: &Location, reported: Reported) -> io::Result<()> {
    state::write(location, KIND, &format!("{HEADER}\n{} {}\n", reported.since, reported.on))
}
