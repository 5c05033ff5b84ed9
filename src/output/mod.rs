//! What a person or a script reads: words and tables (`render`), JSON (`json`), exports (`export`) and the report,
//! chart and calendar (`report`). Pure: imports nothing of the crate but `model` and `rules`.

pub mod export;
pub mod hints;
pub mod json;
pub mod list_json;
pub mod render;
pub mod report;
pub mod say;

use std::io::Write;

/// Writes one line on standard error. A standard error that cannot be written to (closed, or `2>/dev/full`)
/// costs nothing else: a notice is never worth a panic, nor a change that was asked for.
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
