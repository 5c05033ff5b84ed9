//! `ladder`: get better at asking for help, one small ask at a time.
//!
//! A pure core with I/O at the edges, and imports that run one way only (`tests/layout.rs` keeps it so):
//!
//! - `model`: the ladder and its types, IDs, text checks. Imports nothing of the crate; no clock, no randomness,
//!   no disk format.
//! - `rules`: the method: climbing, mastery, progress, the circle, the idea bank. Imports `model`.
//! - `file`: the TOML format: parsing, layout facts, edits and splices, the text merge, worksheets to import.
//!   Imports `model`; says what is wrong as values (`error::Bad`, `Edit`, `Merge`, `Unimportable`), never in
//!   sentences (`tests/it/layout.rs` looks for any).
//! - `store`: the disk: lock, atomic save, snapshot, undo history, folds, private folders. Imports `model` and
//!   `file`; prints nothing (what it did comes back as `store::Notice`s).
//! - `output`: words, tables, JSON, exports, the report. Imports `model` and `rules`. With `main.rs`, the only
//!   printer.
//! - `error`: the one error type, failures as values, carried to `main`. Imports `model`; every layer may use
//!   it, and `output` words it.
//! - `cli` and `usage` (the command line; import `model`) and `commands` (glue) at the top; nothing imports
//!   `commands` but `main.rs`.

pub mod cli;
pub mod commands;
pub mod error;
pub mod file;
pub mod model;
pub mod output;
pub mod rules;
pub mod store;
pub mod usage;
