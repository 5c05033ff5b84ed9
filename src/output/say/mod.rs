//! The sentences the commands say, one function each: a command hands over the values it decided on and prints
//! what comes back as it is. A line for standard output ends with its newline; a note for standard error (said
//! through the store's `note`) and an error's message have none. Text from the file is made safe to show here.

use std::path::Path;

use chrono::{DateTime, NaiveDate};

use super::render::{self, Paint};
use crate::model::Rung;
use crate::model::shown;

pub mod change;
mod crypt;
pub mod error;
mod record;
mod rung;
mod show;
mod sync;

pub use crypt::*;
pub use record::*;
pub use rung::*;
pub use show::*;
pub use sync::*;

/// The rise that makes an attempt very hard, as the export and the report state the rule: "to 75 or more, or by
/// 10 or more to 50 or more" (`rules::care::rose`).
pub fn very_hard_rise() -> String {
    use crate::rules::care::{ANXIOUS, HIGH, RISE};
    format!("to {HIGH} or more, or by {RISE} or more to {ANXIOUS} or more")
}

/// An error's message: no rung has this ID.
pub fn no_rung(id: u32) -> String {
    format!("there is no rung with ID {id}; `ladder list` shows them all")
}

/// An error's message: no attempt has this ID.
pub fn no_attempt(id: u32) -> String {
    format!("there is no attempt with ID {id}; `ladder log` shows them")
}

/// An error's message: no hesitation has this ID.
pub fn no_hesitation(id: u32) -> String {
    format!("there is no hesitation with ID {id}; `ladder hesitations` shows them all")
}

/// "Next: #4 Ask Sam", after a change that added a rung.
pub fn next_rung(next: &Rung, paint: Paint) -> String {
    format!("{} #{} {}\n", paint.bold("Next:"), next.id, shown::line(&next.ask))
}

/// A line worded elsewhere in `output`, ended for standard output.
pub fn line(text: &str) -> String {
    format!("{text}\n")
}

/// A line of a failure or a warning for standard error, after `ladder: `, its text made safe to show.
pub fn note(line: &str) -> String {
    format!("ladder: {}", shown::line(line))
}

/// A rung with the same words is on the ladder: `nothing` says what was not done, `anyway` how to do it anyway.
pub fn twin_refused(twin: &Rung, nothing: &str, anyway: &str) -> String {
    shown::line(&render::twin_refused(twin, nothing, anyway)).into_owned()
}

/// Standard output could not be written to.
pub const CANNOT_PRINT: &str = "cannot print to standard output";

/// Two flags given as `-` both asked for standard input.
pub fn both_from_stdin(first: &str, second: &str) -> String {
    format!("{first} and {second} both asked to read standard input; only one of them can")
}

/// Standard input could not be read for a flag given as `-`.
pub fn stdin_unreadable(flag: &str) -> String {
    format!("cannot read {flag} from standard input")
}

/// Standard input was not text, for a flag given as `-`.
pub fn stdin_not_text(flag: &str) -> String {
    format!("{flag} -: standard input is not UTF-8 text")
}

/// A new entry's ID, once the file has used the highest there is.
pub fn no_id_left(what: &str) -> String {
    format!(
        "no {what} ID is left: the file already uses {}, the highest ladder can give; nothing was written",
        u32::MAX
    )
}

/// `LADDER_NOW` does not name a moment.
pub fn bad_now(text: &str) -> String {
    format!("LADDER_NOW=\"{text}\" is not a time like 2026-11-22T09:30:00+01:00")
}

/// `--file` names a file that is not there, for a command that reads.
pub fn no_ladder_at(path: &Path) -> String {
    let path = path.display();
    format!("there is no ladder at {path}; `ladder init --file {path}` creates one")
}

/// No entry of this kind ("rung", "attempt") has a uid that starts so.
pub fn no_uid(what: &str, start: &str) -> String {
    let list = if what == "rung" { "list --json" } else { "log --json" };
    format!("no {what} has a uid that starts with \"{start}\"; `ladder {list}` shows them")
}

/// Several entries' uids start so: their IDs, with `mark` before each ("#" for rungs).
pub fn uid_ambiguous(what: &str, start: &str, ids: &[u32], mark: &str) -> String {
    let ids: Vec<String> = ids.iter().map(|id| format!("{mark}{id}")).collect();
    format!("\"{start}\" starts the uids of {what}s {}; give more of it", ids.join(", "))
}

/// How a rung is named when a merge moved its ID: its ask, quoted.
pub fn rung_label(ask: &str) -> String {
    format!("\u{201c}{}\u{201d}", shown::line(ask))
}

/// How an attempt is named when a merge moved its ID: when it was made.
pub fn attempt_label(at: DateTime<chrono::FixedOffset>) -> String {
    format!("(made {})", at.format("%Y-%m-%d %H:%M"))
}

/// A day given for something that happened is still to come.
pub fn record_in_future(day: NaiveDate) -> String {
    format!("{day} is in the future; record it once it has happened")
}

/// A day that has no noon in this offset.
pub fn not_recordable(day: NaiveDate) -> String {
    format!("{day} is not a day ladder can record")
}

/// An export's file could not be made private.
pub fn cannot_make_private(path: &Path) -> String {
    format!("cannot make {} readable by you alone", path.display())
}

/// Why an export, a report or a calendar will not be written to `path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWritten {
    Ladder,
    SharedSymlink,
    Folder,
    NotAFile,
}

/// An export, a report or a calendar refused its `--output`.
pub fn not_written(path: &Path, why: NotWritten) -> String {
    let shown = path.display();
    match why {
        NotWritten::Ladder => format!("{shown} is your ladder file; write to another file"),
        NotWritten::SharedSymlink => format!(
            "{shown} is a symlink in a folder others can write to; export to the file it points to by its own path"
        ),
        NotWritten::Folder => format!("{shown} is a folder; give the export a file name inside it"),
        NotWritten::NotAFile => {
            format!("{shown} is not a regular file (a device, a pipe or a socket); write to a file, or use --output -")
        }
    }
}

/// A file could not be read.
pub fn cannot_read(path: &Path) -> String {
    format!("cannot read {}", path.display())
}

/// A folder could not be found.
pub fn cannot_find(path: &Path) -> String {
    format!("cannot find {}", path.display())
}

/// A file could not be written.
pub fn cannot_write(path: &Path) -> String {
    format!("cannot write {}", path.display())
}

/// A file could not be put back as it was.
pub fn cannot_put_back(path: &Path) -> String {
    format!("cannot put back {}", path.display())
}
