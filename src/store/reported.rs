//! When the last `ladder report` was written for a ladder file, kept in the state folder (never beside the ladder,
//! so a sync does not carry one device's reports to another): the next report's period starts there.
//!
//! Two lines: one naming the format, then `before on`: the day of the last report written on an earlier day than
//! `on` (`-` when there was none), and the day the last report was written. Reports written again on the day `on`
//! start from `before`, whatever `--since` each was given, so that no report of the day moves the next. The first
//! format (`ladder last report 1`) kept the first day the last report covered in place of `before`, and is read
//! as such. A file that is missing or damaged is no report yet.

use std::io;

use chrono::NaiveDate;

use super::{Location, state};

const KIND: &str = "reported";
const HEADER: &str = "ladder last report 2";
const FIRST: &str = "ladder last report 1";

/// The last report: the day of the one before it written on an earlier day, and the day it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    pub before: Option<NaiveDate>,
    pub on: NaiveDate,
}

impl Reported {
    /// The day of the last report written before `today`, if any.
    pub fn last(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.on < today { Some(self.on) } else { self.before }
    }

    /// The record after a report written `today`.
    pub fn then(last: Option<Self>, today: NaiveDate) -> Self {
        Self { before: last.and_then(|r| r.last(today)), on: today }
    }
}

/// The last report written for this ladder, if one was and its record can be read.
pub fn read(location: &Location) -> Option<Reported> {
    let (text, first) = match state::read(location, KIND, HEADER, 1 << 12) {
        Some(text) => (text, false),
        None => (state::read(location, KIND, FIRST, 1 << 12)?, true),
    };
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let mut days = text.lines().next()?.split(' ');
    let before = match days.next()? {
        "-" if !first => None,
        d => Some(day(d)?),
    };
    let on = day(days.next()?)?;
    Some(Reported { before, on })
}

/// Keeps `reported` as the last report, replacing the record atomically.
pub fn write(location: &Location, reported: Reported) -> io::Result<()> {
    let before = reported.before.map_or_else(|| "-".to_string(), |d| d.to_string());
    state::write(location, KIND, &format!("{HEADER}\n{before} {}\n", reported.on))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reports_of_one_day_keep_the_day_of_the_report_before() {
        let first = Reported::then(None, d("2026-11-28"));
        assert_eq!(first, Reported { before: None, on: d("2026-11-28") });
        assert_eq!(first.last(d("2026-11-28")), None);
        let next = Reported::then(Some(first), d("2026-12-02"));
        assert_eq!(next, Reported { before: Some(d("2026-11-28")), on: d("2026-12-02") });
        let again = Reported::then(Some(next), d("2026-12-02"));
        assert_eq!(again, next);
        assert_eq!(again.last(d("2026-12-02")), Some(d("2026-11-28")));
        assert_eq!(again.last(d("2026-12-03")), Some(d("2026-12-02")));
    }
}
