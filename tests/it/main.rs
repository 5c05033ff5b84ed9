//! The end-to-end tests, one binary with a module per subject (as just and tealdeer do): the real `ladder` run
//! in a sandbox (`common`), and property tests over the library.

mod agenda_calendar;
mod bad_input;
mod care;
mod chart_terminal;
mod circle;
mod common;
mod conventions;
mod counter;
mod evidence;
mod export;
mod fold;
mod grow;
mod hostile_text;
mod journey;
mod layout;
mod malformed;
mod mend;
mod mend2;
mod merge_properties;
mod method;
mod mutations;
mod narrow;
mod package;
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
