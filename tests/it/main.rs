//! The end-to-end tests, one binary with a module per subject (as just and tealdeer do): the real `ladder` run
//! in a sandbox (`common`), and property tests over the library.

mod bad_input;
mod circle;
mod common;
mod counter;
mod export;
mod grow;
mod hostile_text;
mod journey;
mod layout;
mod malformed;
mod merge_command;
mod merge_orders;
mod merge_properties;
mod method;
mod mutations;
mod narrow;
mod properties;
mod report;
mod report_browser;
mod safety;
mod shell;
mod snapshot;
mod sync;
mod trust;
mod typos;
mod undo;
mod usage;
mod words;
