//! The day `ladder remind` last gave a nudge for a ladder file, kept in the state folder (never beside the
//! ladder, so a sync does not carry one device's nudges to another): at most one nudge a day per ladder.
//!
//! One line: the day, `YYYY-MM-DD`, after a first line naming the format. A file that is missing or damaged
//! is no nudge yet.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Location, private, state};
use crate::error::{Context as _, Doing, Error, Store};

const KIND: &str = "nudged";
const HEADER: &str = "ladder nudged 1";

/// The day of the last nudge, if any.
pub fn last(location: &Location) -> Option<NaiveDate> {
    let text = state::read(location, KIND, HEADER, 1 << 10)?;
    NaiveDate::parse_from_str(text.lines().next()?, "%Y-%m-%d").ok()
}

/// Keeps `day` as the day of the last nudge. Without a state folder of ladder's own, nothing is kept, and the
/// error says why: then every run may nudge.
pub fn mark(location: &Location, day: NaiveDate) -> io::Result<()> {
    let Some(path) = state::path(location, KIND) else {
        return Err(io::Error::other(Error::Store(Store::NoStateFolder)));
    };
    super::write_private(&path, format!("{HEADER}\n{day}\n").as_bytes()).map_err(io::Error::other)
}

/// Writes `files` (name, text) into `dir`, made when missing. Refuses, writing nothing, when a file of that
/// name is there and does not start with `marker`: it is someone else's.
pub fn install(dir: &Path, files: &[(&str, String)], marker: &str) -> crate::error::Result<()> {
    for (name, _) in files {
        let path = dir.join(name);
        if let Ok(bytes) = private::read_regular(&path, Some(1 << 16)) {
            if !bytes.starts_with(marker.as_bytes()) {
                return Err(Store::NotOurs { path, file: true }.into());
            }
        } else if fs::symlink_metadata(&path).is_ok() {
            return Err(Store::NotOurs { path, file: false }.into());
        }
    }
    fs::create_dir_all(dir).doing_with(|| Doing::MakeFolder(dir.to_path_buf()))?;
    for (name, text) in files {
        super::write_private(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

/// Removes each of `names` in `dir` that starts with `marker`: the files removed, and those left because
/// ladder did not write them.
pub fn uninstall(dir: &Path, names: &[&str], marker: &str) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut removed, mut left) = (Vec::new(), Vec::new());
    for name in names {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let ours = private::read_regular(&path, Some(1 << 16)).is_ok_and(|b| b.starts_with(marker.as_bytes()));
        if ours && fs::remove_file(&path).is_ok() {
            removed.push(path);
        } else {
            left.push(path);
        }
    }
    (removed, left)
}
