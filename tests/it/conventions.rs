//! The conventions people expect of a command-line tool (issue 24, items 13-16): mistakes on the command line
//! said for what they are, help that could not be written is an error, no colour where it cannot be shown,
//! text read from standard input with `-`, and a file that is not plain UTF-8 refused where it goes wrong.

use std::fs;

use crate::common::Sandbox;

const LADDER: &str = "version = 1\n\n[[rung]]\nid = 1\nask = \"Ask Sam for help\"\nstakes = 30\nwho = \"Sam\"\n";

/// `ladder ARGS` must exit 2 with exactly `line` on stderr, nothing on stdout, and the file unchanged.
fn says(args: &[&str], line: &str) {
    let s = Sandbox::with(LADDER);
    let out = s.ladder(args).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: {line}\n"), "ladder {args:?}");
    assert_eq!(out.status.code(), Some(2), "ladder {args:?}");
    assert_eq!(out.stdout, b"", "ladder {args:?}");
    assert_eq!(s.read(), LADDER, "ladder {args:?} changed the file");
}

#[test]
fn a_word_too_many_is_said_to_be_one_not_the_rest_of_a_value() {
    says(
        &["--file", "l.toml", "list", "extra-arg"],
        "list takes no argument, so \"extra-arg\" is not expected; ladder help list shows how",
    );
    says(&["list", "extra-arg"], "list takes no argument, so \"extra-arg\" is not expected; ladder help list shows how");
    says(&["done", "1", "2"], "\"2\" is one argument more than done takes; ladder help done shows how");
    // A flag after the command, and words after its value, are still the rest of that value.
    says(
        &["list", "--file", "my", "file.toml"],
        "\"file.toml\" came after --file \"my\"; put quotes around a value with spaces: --file \"my file.toml\"",
    );
}

#[test]
fn a_flag_typed_as_a_command_is_suggested_as_the_flag() {
    says(&["version"], "\"version\" is not a command; did you mean --version? ladder --help lists them");
}

#[test]
fn words_that_begin_with_a_dash_are_shown_how_to_pass_with_two_dashes() {
    says(
        &["add", "-5", "minutes", "early", "-s", "20"],
        "-5 is not an option; if it is part of the ask, put -- before it, after the options: \
         ladder add -s 20 -- -5 minutes early",
    );
    says(
        &["hesitated", "Asking", "-x", "it's", "late"],
        "-x is not an option; if it is part of the text, put -- before it, after the options: \
         ladder hesitated Asking -- -x \"it's\" late",
    );
    // The advice works.
    let s = Sandbox::new();
    s.ok(&["add", "-s", "20", "--", "-5", "minutes", "early"]);
    assert_eq!(s.json(&["list", "--json"])[0]["ask"], "-5 minutes early");
}

#[cfg(target_os = "linux")]
#[test]
fn help_or_a_version_that_cannot_be_written_is_an_error() {
    for (args, what) in [(&["--help"][..], "the help"), (&["add", "-h"], "the help"), (&["--version"], "the version")] {
        let s = Sandbox::with(LADDER);
        let full = fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let out = s.process(args).stdout(full).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: could not print {what}: the disk is full\n"));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
