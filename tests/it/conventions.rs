//! The conventions people expect of a command-line tool (issue 24, items 13-16): mistakes on the command line
//! said for what they are, help that could not be written is an error, no colour where it cannot be shown,
//! text read from standard input with `-`, and a file that is not plain UTF-8 refused where it goes wrong.

use std::fs;

use crate::common::{Fixture, Sandbox, in_terminal};

fn ask_sam() -> String {
    Fixture::version(1).rung(1, "Ask Sam for help", 30).who("Sam").text()
}

/// `ladder ARGS` must exit 2 with exactly `line` on stderr, nothing on stdout, and the file unchanged.
fn says(args: &[&str], line: &str) {
    let s = Sandbox::with(&ask_sam());
    let out = s.ladder(args).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: {line}\n"), "ladder {args:?}");
    assert_eq!(out.status.code(), Some(2), "ladder {args:?}");
    assert_eq!(out.stdout, b"", "ladder {args:?}");
    assert_eq!(s.read(), ask_sam(), "ladder {args:?} changed the file");
}

#[test]
fn a_word_too_many_is_said_to_be_one_not_the_rest_of_a_value() {
    says(
        &["--file", "l.toml", "list", "extra-arg"],
        "list takes no argument, so \"extra-arg\" is not expected; ladder help list shows how",
    );
    says(
        &["list", "extra-arg"],
        "list takes no argument, so \"extra-arg\" is not expected; ladder help list shows how",
    );
    says(&["done", "1", "2"], "\"2\" is one argument more than done takes; ladder help done shows how");
    // What was typed is quoted escaped, never obeyed by the terminal.
    says(
        &["list", "\u{1b}]52;c;aGk=\u{7}"],
        "list takes no argument, so \"\\u{1b}]52;c;aGk=\\u{7}\" is not expected; ladder help list shows how",
    );
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
        let s = Sandbox::with(&ask_sam());
        let full = fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let out = s.process(args).stdout(full).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: could not print {what}: the disk is full\n"));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gets_colour_unless_it_is_dumb_or_no_color_is_set() {
    let s = Sandbox::with(&ask_sam());
    let Some(coloured) = in_terminal(&s, &[("TERM", "xterm-256color")], 60, &["list"]) else { return };
    assert!(coloured.contains("\x1b[1mID\x1b[0m"), "a terminal that shows colour gets it: {coloured:?}");
    let plain = concat!(
        " ID  Stakes  Ask               Who  Tries  Status\n",
        "  1      30  Ask Sam for help  Sam      0  new\n",
    );
    for env in [&[("TERM", "dumb")][..], &[("TERM", "xterm-256color"), ("NO_COLOR", "1")]] {
        assert_eq!(in_terminal(&s, env, 60, &["list"]).unwrap(), plain, "{env:?}");
    }
}

/// no-color.org: `NO_COLOR` with any value but the empty one turns colour off on a terminal; an empty one does not;
/// `--color` said outright wins over it both ways. Each case below fails when `paint` reads the environment
/// wrongly (ignores `NO_COLOR`, takes an empty one as set, lets it beat `--color always`, or colours a pipe).
#[cfg(target_os = "linux")]
#[test]
fn no_color_with_a_value_turns_colour_off_on_a_terminal_and_an_empty_one_does_not() {
    let s = Sandbox::with(&ask_sam());
    let heading = "\x1b[1mID\x1b[0m";
    let plain = concat!(
        " ID  Stakes  Ask               Who  Tries  Status\n",
        "  1      30  Ask Sam for help  Sam      0  new\n",
    );
    let term = ("TERM", "xterm-256color");
    let Some(coloured) = in_terminal(&s, &[term], 60, &["list"]) else { return };
    assert!(coloured.contains(heading), "a terminal gets colour: {coloured:?}");
    assert_ne!(coloured, plain);
    for value in ["1", "0", "false", " "] {
        let seen = in_terminal(&s, &[term, ("NO_COLOR", value)], 60, &["list"]).unwrap();
        assert_eq!(seen, plain, "NO_COLOR={value:?} on a terminal");
    }
    let seen = in_terminal(&s, &[term, ("NO_COLOR", "")], 60, &["list"]).unwrap();
    assert_eq!(seen, coloured, "an empty NO_COLOR is as if unset");
    let seen = in_terminal(&s, &[term, ("NO_COLOR", "1")], 60, &["--color", "always", "list"]).unwrap();
    assert_eq!(seen, coloured, "--color always wins over NO_COLOR");
    let seen = in_terminal(&s, &[term], 60, &["--color", "never", "list"]).unwrap();
    assert_eq!(seen, plain, "--color never on a terminal");
    // Not a terminal: never colour unless asked, whatever NO_COLOR says.
    for env in [&[term][..], &[term, ("NO_COLOR", "")]] {
        let out = s.process(&["list"]).envs(env.iter().copied()).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), plain, "a pipe, {env:?}");
    }
    let out = s.process(&["--color", "always", "list"]).env("NO_COLOR", "1").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(heading), "--color always in a pipe");
}

/// `ladder ARGS` with `input` on standard input.
fn with_input(s: &Sandbox, args: &[&str], input: &[u8]) -> std::process::Output {
    s.ladder(args).write_stdin(input).output().unwrap()
}

#[test]
fn a_text_flag_given_as_a_dash_reads_standard_input() {
    let s = Sandbox::with(&ask_sam());
    let out = with_input(&s, &["done", "--outcome", "no", "--note", "-"], b"They were busy.\nTry mornings.\n");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = with_input(&s, &["fix", "1", "--learned", "-"], b"A no to the ask was not a no to me\n");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = with_input(&s, &["hesitated", "Ask", "Ana", "--story", "-"], b"I'd be bothering her\n");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out =
        with_input(&s, &["add", "Ask", "Ana", "for", "a", "lift", "-s", "40", "--fear", "-"], b"She'll say no\r\n");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let log = s.json(&["log", "--json"]);
    assert_eq!(
        (&log[0]["note"], &log[0]["learned"]),
        (&"They were busy.\nTry mornings.".into(), &"A no to the ask was not a no to me".into())
    );
    assert_eq!(s.json(&["hesitations", "--json"])[0]["story"], "I'd be bothering her");
    assert_eq!(s.json(&["list", "--json"])[1]["fear"], "She'll say no");
}

#[test]
fn one_text_flag_reads_standard_input_and_it_must_be_text() {
    let s = Sandbox::with(&ask_sam());
    for (args, input, line) in [
        (
            &["done", "--note", "-", "--learned", "-"][..],
            &b"x"[..],
            "ladder: --note and --learned both asked to read standard input; only one of them can\n",
        ),
        (&["done", "--note", "-"], b"\xff\n", "ladder: --note -: standard input is not UTF-8 text\n"),
    ] {
        let out = with_input(&s, args, input);
        assert_eq!((out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()), (Some(2), line));
        assert_eq!(s.read(), ask_sam());
    }
}

/// `ladder list` on a file holding `bytes` must exit 2 with exactly `line` on stderr, leaving it as it was.
fn refuses_file(bytes: &[u8], line: &str) {
    let s = Sandbox::new();
    fs::write(s.file(), bytes).unwrap();
    let out = s.ladder(&["list"]).output().unwrap();
    let path = s.file().display().to_string();
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: {path}:{line}\n"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(s.file()).unwrap(), bytes);
}

#[test]
fn a_file_with_two_byte_order_marks_is_refused_at_line_one() {
    refuses_file(
        b"\xef\xbb\xbf\xef\xbb\xbfversion = 1\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 30\n",
        "1:1: the file begins with two byte order marks (invisible marks some editors add); remove one: \
         `\\u{feff}\\u{feff}version = 1`",
    );
    // One is an editor's, and fine.
    let s = Sandbox::new();
    fs::write(s.file(), "\u{feff}version = 1\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 30\n").unwrap();
    assert_eq!(s.json(&["list", "--json"])[0]["ask"], "Ask Sam");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_line_and_column_with_the_line_quoted() {
    refuses_file(
        b"version = 1\n\n[[rung]]\nid = 1\nask = \"Ask Zo\xe9 \xe2\x80\x9cthe boss\xe2\x80\x9d for help\"\nstakes = 30\n",
        "5:14: this is not UTF-8 text (a binary file, or saved in another encoding?): \
         `ask = \"Ask Zo\\xe9 \u{201c}the boss\u{201d} for help\"`",
    );
    // A terminal escape on that line is shown escaped, never obeyed.
    refuses_file(
        b"version = 1\n# \x1b[31m \xff\n",
        "2:9: this is not UTF-8 text (a binary file, or saved in another encoding?): `# \\u{1b}[31m \\xff`",
    );
}

/// Folding sentences knows a command to copy by `ladder` and a subcommand: the list it knows is the command
/// line's own (else "ladder is not a crisis service" would be held whole as a command, or a new subcommand
/// broken over lines).
#[test]
fn the_commands_a_sentence_may_hold_are_the_command_line_s() {
    let mut cli: Vec<String> = <ladder::cli::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .chain(["help".to_string()])
        .collect();
    let mut known: Vec<String> = ladder::output::render::prose::COMMANDS.iter().map(ToString::to_string).collect();
    cli.sort();
    known.sort();
    assert_eq!(known, cli);
}
