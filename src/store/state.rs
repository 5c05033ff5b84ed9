//! The small records `ladder` keeps about a ladder file in the state folder, never beside the ladder, so that a
//! sync does not carry one device's to another (`nudged`, `reported`, `exported`): a file a record, named for
//! its kind and the ladder, whose first line names its format. One that is missing or damaged is no record.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Location, history, private, resolve_links};

/// The file of the record `kind` for the ladder at `location`, if there is a state folder that is ladder's own.
pub(super) fn path(location: &Location, kind: &str) -> Option<PathBuf> {
    let state = location.places.state.as_deref()?;
    let target = resolve_links(&location.path).ok()?;
    (private::create_private_dir(state).is_ok() && private::is_private_dir(state))
        .then(|| state.join(format!("{kind}-{:016x}", history::key(&target))))
}

/// The text of the record `kind` after its first line, when that line is `header` and the file is no larger
/// than `limit` bytes.
pub(super) fn read(location: &Location, kind: &str, header: &str, limit: usize) -> Option<String> {
    let bytes = private::read_regular(&path(location, kind)?, Some(limit)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    (first.strip_suffix('\r').unwrap_or(first) == header).then(|| rest.to_string())
}

/// Replaces the record `kind` with `text` atomically (a temp file beside it, renamed over it). Without a state
/// folder of ladder's own, nothing is kept.
pub(super) fn write(location: &Location, kind: &str, text: &str) -> io::Result<()> {
    let Some(path) = path(location, kind) else { return Ok(()) };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(&format!(".{kind}.")).tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}
