//! Mistakes on the command line: one line in the project's style, plain words, exit 2, nothing written
//! (issue 13, items 1 and 7).

use crate::common::{Fixture, Sandbox};

fn ask_sam() -> String {
    Fixture::version(1).rung(1, "Ask Sam for help", 30).who("Sam").text()
}

/// `ladder ARGS` must exit 2 with exactly `line` on stderr, nothing on stdout, and the file unchanged.
fn says(args: &[&str], line: &str) {
    let s = Sandbox::with(&ask_sam());
    let out = s.ladder(args).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "ladder {args:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: {line}\n"), "ladder {args:?}");
    assert_eq!(out.stdout, b"", "ladder {args:?}");
    assert_eq!(s.read(), ask_sam(), "ladder {args:?} changed the file");
}

#[test]
fn words_after_a_flags_value_are_refused_with_the_quoted_form() {
    says(
        &["add", "Ask", "Ana", "-s", "20", "--fear", "She", "will", "say", "no"],
        "\"will say no\" came after --fear \"She\"; put quotes around a value with spaces: --fear \"She will say no\"",
    );
    says(
        &["add", "Ask", "for", "a", "lift", "-s", "20", "--who", "Mr", "Patel"],
        "\"Patel\" came after --who \"Mr\"; put quotes around a value with spaces: --who \"Mr Patel\"",
    );
    says(
        &["hesitated", "Ask", "Sam", "--story", "She", "will", "be", "annoyed"],
        "\"will be annoyed\" came after --story \"She\"; put quotes around a value with spaces: --story \"She will be \
         annoyed\"",
    );
    says(
        &["gave", "Fed", "the", "cat", "--to", "Sam", "Jones"],
        "\"Jones\" came after --to \"Sam\"; put quotes around a value with spaces: --to \"Sam Jones\"",
    );
    says(
        &["done", "--note", "Asked", "too", "late"],
        "\"too late\" came after --note \"Asked\"; put quotes around a value with spaces: --note \"Asked too late\"",
    );
}

#[test]
fn the_words_of_the_ask_may_still_go_unquoted() {
    let s = Sandbox::new();
    let out = s.ok(&["add", "Ask", "Sam", "for", "help", "-s", "30", "--who", "Sam"]);
    assert_eq!(out, "Added #1 at stakes 30, as the first rung.\nNext: #1 Ask Sam for help\n");
    s.ok(&["add", "-s", "35", "--fear", "She will say no", "Ask", "Ana", "for", "a", "lift", "on", "Friday"]);
    assert_eq!(s.json(&["list", "--json"])[1]["ask"], "Ask Ana for a lift on Friday");
}

#[test]
fn clap_errors_are_one_line_in_plain_words() {
    says(&["done", "0"], "an ID is a whole number from 1 up, not \"0\"");
    says(&["log", "x"], "an ID is a whole number from 1 up, or the start of a uid (3 characters or more), not \"x\"");
    says(&["ideas", "--limit", "lots"], "--limit: give how many to show as a whole number from 1 up, not \"lots\"");
    says(&["done", "--outcome", "maybe"], "--outcome is one of yes, partial, no, no-answer, not \"maybe\"");
    says(&["add", "Ask", "-s", "101"], "--stakes: 101 is outside the 0-100 scale");
    says(&["nxt"], "\"nxt\" is not a command; did you mean \"next\"? ladder --help lists them");
    says(&["next", "--jsn"], "--jsn is not an option here; did you mean --json? ladder help next lists them");
    says(&["add", "-s", "20"], "add needs ASK; ladder help add shows how");
    says(&["next", "--json", "-q"], "--json and --quiet cannot be used together");
    says(&["--color", "never", "done", "--outcome", "x"], "--outcome is one of yes, partial, no, no-answer, not \"x\"");
    says(&["--color", "always", "rm"], "rm needs ID; ladder help rm shows how");
    says(&["add", "Ask", "-s"], "--stakes needs a value");
    says(&["done", "--outcome"], "--outcome needs a value: one of yes, partial, no, no-answer");
    says(&["add", "Ask", "-s", "20", "-s", "30"], "--stakes was given more than once; give it once");
}

#[test]
fn impossible_and_relative_days() {
    says(
        &["done", "--date", "2026-11-31"],
        "--date: 2026-11-31 is not a day on the calendar: November 2026 has 30 days, not 31",
    );
    says(&["done", "--date", "2026-13-01"], "--date: 2026-13-01 is not a day on the calendar: there is no month 13");
    says(&["done", "--date", "soon"], "--date: \"soon\" is not a day like 2026-11-21, today or yesterday");
    let s = Sandbox::with(&ask_sam());
    s.ok(&["done", "--date", "Yesterday", "--outcome", "No"]);
    // Sam said no yesterday, so `done` has no suggested rung now (issue 30): the rung is named.
    s.ok(&["done", "1", "--date", "today", "--outcome", "NO-ANSWER"]);
    let log = s.json(&["log", "--json"]);
    assert_eq!((&log[0]["outcome"], &log[0]["at"]), (&"no-answer".into(), &"2026-11-22T18:30:00+01:00".into()));
    assert_eq!((&log[1]["outcome"], &log[1]["at"]), (&"no".into(), &"2026-11-21T12:00:00+01:00".into()));
    assert_eq!(s.ok(&["plan", "1", "--on", "tomorrow"]), "Planned #1 Ask Sam for help: Mon 23 Nov 2026.\n");
}

#[test]
fn export_formats_ignore_case_and_md_is_markdown() {
    let s = Sandbox::with(&ask_sam());
    assert!(s.ok(&["export", "--format", "CSV"]).starts_with("rung_id,"));
    assert_eq!(s.ok(&["export", "--format", "md"]), s.ok(&["export", "--format", "markdown"]));
}

#[test]
fn an_operating_system_error_is_said_in_plain_words() {
    let s = Sandbox::with(&ask_sam());
    let missing = s.path("no-such-folder").join("report.md");
    let err = s.fails(&["export", "--output", missing.to_str().unwrap()], 2);
    assert_eq!(err, format!("ladder: cannot write {}: the folder or file does not exist\n", missing.display()));
}

#[test]
fn help_for_a_command_and_help_and_version_exit_zero() {
    let s = Sandbox::new();
    assert_eq!(s.ok(&["help", "add"]), s.ok(&["add", "--help"]));
    assert!(s.ok(&["--version"]).starts_with("ladder "));
    let help = s.ok(&["--help"]);
    let global = help.lines().position(|l| l == "Global options:").expect("a Global options heading");
    assert!(help.lines().nth(global + 1).unwrap().trim_start().starts_with("--file <PATH>"), "{help}");
    let add = s.ok(&["add", "--help"]);
    assert!(add.lines().any(|l| l == "Global options:"), "{add}");
    assert!(
        !add.lines()
            .skip_while(|l| *l != "Options:")
            .take_while(|l| *l != "Global options:")
            .any(|l| l.contains("--color"))
    );
}

#[test]
fn help_is_coloured_only_as_color_says() {
    let s = Sandbox::new();
    assert!(s.ok(&["--help", "--color", "always"]).contains('\x1b'));
    assert!(s.ok(&["add", "--help", "--color=Always"]).contains('\x1b'));
    assert!(!s.ok(&["--help", "--color", "never"]).contains('\x1b'));
    assert!(!s.ok(&["--help"]).contains('\x1b'), "not a terminal");
}
