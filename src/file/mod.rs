//! The TOML format of a ladder file: reading it (`parse`), the facts about its layout that let a change be
//! spliced in without another parse, changes to its text that keep everything the person wrote (`edit`), and
//! the names it knows (`unknown`). Imports nothing of the crate but `model`.

pub mod edit;
pub mod import;
pub mod keys;
pub mod merge;
mod parse;
mod unknown;

pub use parse::FileError;

use serde::{Deserialize, Serialize};

/// What is known about where text can be added to the file without a full edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Layout {
    /// The byte offset (in the text after any BOM) just past the last rung's table, when known exactly.
    pub rung_end: Option<u64>,
    /// Whether a `[[attempt]]`, `[[hesitation]]` or `[[gave]]` table can be appended to the end.
    pub journal: Journal,
    /// Whether the file is already in this version's form (every entry has its uid): only then may new
    /// text be spliced in; an older file is upgraded by a careful edit first.
    pub current: bool,
}

/// For each journal kind: absent from the file, or written as `[[...]]` tables, so that another can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Journal {
    pub attempt: bool,
    pub hesitation: bool,
    pub gave: bool,
}
