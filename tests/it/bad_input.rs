//! Bad command-line input: a clear message, exit 2, and the file byte-for-byte unchanged.

use crate::common::Sandbox;

const LADDER: &str = "# my ladder\nversion = 1\n\n[[rung]]\nid = 1\nask = \"Ask a coworker\"\nstakes = 30\n";

fn refused(args: &[&str], words: &str) {
    Sandbox::with(LADDER).refused(args, words);
}

#[test]
fn stakes_must_be_on_the_scale() {
    refused(&["add", "Ask", "--stakes", "101"], "outside the 0-100 scale");
    refused(&["add", "Ask", "--stakes", "-3"], "--stakes");
    refused(&["add", "Ask", "--stakes", "lots"], "not a whole number from 0 to 100");
    refused(&["add", "Ask"], "--stakes");
    refused(&["done", "--before", "150"], "outside the 0-100 scale");
    refused(&["done", "--after", "x"], "not a whole number");
}

#[test]
fn an_ask_needs_words() {
    refused(&["add", "   ", "--stakes", "20"], "the ask is empty");
    refused(&["add", "--stakes", "20"], "add needs ASK");
    refused(&["add", "Ask", "--stakes", "20", "--who", " "], "the name is empty");
    let long = "word ".repeat(100);
    refused(&["add", &long, "--stakes", "20"], "keep it to 300 at most");
}

#[test]
fn unknown_ids_and_outcomes_are_named() {
    refused(&["done", "9"], "no rung with ID 9");
    refused(&["done", "0"], "0");
    refused(&["done", "--outcome", "maybe"], "maybe");
    refused(&["done", "--outcome", "maybe"], "no-answer");
}

#[test]
fn dates_must_be_real_and_not_ahead() {
    refused(&["done", "--date", "last week"], "is not a day like 2026-11-21, today or yesterday");
    refused(&["done", "--date", "2026-02-30"], "February 2026 has 28 days, not 30");
    refused(&["done", "--date", "2026-11-23"], "in the future");
}

#[test]
fn a_bad_clock_is_refused() {
    let s = Sandbox::with(LADDER);
    let out = s.ladder(&["next"]).env("LADDER_NOW", "soon").assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8(out).unwrap().contains("LADDER_NOW"));
}

#[test]
fn an_empty_ladder_has_nothing_to_record() {
    let s = Sandbox::new();
    let err = s.fails(&["done"], 2);
    assert!(err.contains("your ladder is empty"), "{err}");
    assert!(!s.file().exists());
}
