//! `ladder`: get better at asking for help, one small ask at a time.
//!
//! A pure core with I/O at the edges, and imports that run one way only (`tests/layout.rs` keeps it so):
//!
//! - `model`: the ladder and its types, IDs, text checks, date codecs. Imports nothing of the crate.
//! - `rules`: the method: climbing, mastery, progress, the circle, the idea bank. Imports `model`.
//! - `file`: the TOML format: parsing, layout facts, edits and splices. Imports `model`.
//! - `store`: the disk: lock, atomic save, snapshot, undo history, private folders. Imports `model`, `file`,
//!   and `rules` (only to precompute the prompt's quick answer).
//! - `output`: words, tables, JSON, exports, the report. Imports `model` and `rules`.
//! - `cli`, `usage` and `commands` at the top; nothing imports `commands` but `main.rs`.

pub mod cli;
pub mod commands;
pub mod file;
pub mod model;
pub mod output;
pub mod rules;
pub mod store;
pub mod usage;
