//! `ladder`: get better at asking for help, one small ask at a time.
//!
//! A pure core (`ladder`, `plan`, `edit`) with I/O at the edges (`store`, `render`, `commands`).
//! The binary in `main.rs` only parses the command line and maps errors to exit codes.

pub mod cache;
pub mod circle;
pub mod cli;
pub mod commands;
pub mod edit;
pub mod export;
pub mod ideas;
pub mod json;
pub mod ladder;
pub mod merge;
pub mod plan;
pub mod private;
pub mod render;
pub mod report;
pub mod shown;
pub mod store;
