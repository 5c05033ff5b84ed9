//! When the last `ladder report` was written for a ladder file, kept in the state folder (never beside the ladder,
//! so a sync does not carry one device's reports to another): the next report's period starts there.
//!
//! Two lines: one naming the format, then `since on`, the first day the report covered and the day it was
//! written. A file that is missing or damaged is no report yet.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Location, history, private, resolve_links};

const HEADER: &str = "ladder last report 1";

/// The last report: the first day it covered and the day it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    pub since: NaiveDate,
    pub on: NaiveDate,
}

/// The file for the ladder at `location`, if there is a state folder that is ladder's own.
fn path(location: &Location) -> Option<PathBuf> {
    let state = location.places.state.as_deref()?;
    let target = resolve_links(&location.path).ok()?;
    (private::create_private_dir(state).is_ok() && private::is_private_dir(state))
        .then(|| state.join(format!("reported-{:016x}", history::key(&target))))
}

/// The last report written for this ladder, if one was and its record can be read.
pub fn read(location: &Location) -> Option<Reported> {
    let bytes = private::read_regular(&path(location)?, Some(1 << 12)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    let mut days = lines.next()?.split(' ').map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (since, on) = (days.next()??, days.next()??);
    Some(Reported { since, on })
}

/// Keeps `reported` as the last report, replacing the record atomically.
pub fn write(location: &Location, reported: Reported) -> io::Result<()> {
    let Some(path) = path(location) else { return Ok(()) };
    let text = format!("{HEADER}\n{} {}\n", reported.since, reported.on);
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(".reported.").tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}
