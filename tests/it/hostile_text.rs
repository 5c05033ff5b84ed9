//! Hostile text in the file never reaches the terminal as it is: terminal escapes (ESC, OSC 52, OSC 8),
//! BEL, C1 controls and bidirectional overrides are shown escaped by every command, in errors that quote a
//! line, and in the Markdown and CSV exports; JSON keeps the exact text, and so does the file.

use crate::common::Sandbox;

/// Every text field holds something a terminal would obey.
const HOSTILE: &str = r#"version = 2

[[rung]]
id = 1
ask = "Ask \u001b[31mSam\u001b[0m \u001b]52;c;aGFjaw==\u0007 for \u202eplh\u202c help"
stakes = 20
who = "Sam\u001b]8;;http://evil.example\u001b\\"
tags = ["work\u0007", "\u2066home\u2069"]
fear = "They\u009b2J laugh\u200f"
chance = 40
planned = 2026-11-26
where = "desk\u001b[2K\u061c"

[[rung]]
id = 2
ask = "Ask a friend\u001b[8m for a lift"
stakes = 40

[[attempt]]
id = 1
rung = 1
at = 2026-11-20T10:00:00+01:00
outcome = "yes"
before = 40
after = 10
note = "fine\u001b[1A\n#99  2026-11-22 18:30  yes  #1 forged line\rover"

[[hesitation]]
id = 1
at = 2026-11-21T09:00:00+01:00
text = "Ask \u202eboss\u202c for time"
story = "I'd bother\u0007 her\nsecond line"
stakes = 30

[[gave]]
id = 1
at = 2026-11-21T12:00:00+01:00
to = "Sam\u001b]8;;http://evil.example\u001b\\"
text = "Helped \u001b[5mmove"
"#;

/// The characters a terminal must never be handed from the file: controls other than the line feed that
/// ends a line (and, in CSV, the CR before it), and bidirectional controls.
fn unsafe_chars(text: &str, crlf: bool) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    text.char_indices()
        .filter(|&(i, c)| match c {
            '\n' => false,
            '\r' => !(crlf && bytes.get(i + 1) == Some(&b'\n')),
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => true,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
            _ => false,
        })
        .collect()
}

/// Runs `ladder ARGS`, and checks that neither stdout nor stderr holds a raw control or bidi character.
fn clean(s: &Sandbox, args: &[&str], code: i32) -> String {
    let out = s.ladder(args).output().expect("run ladder");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(out.status.code(), Some(code), "ladder {args:?}: {stderr}");
    let csv = args.contains(&"csv");
    assert_eq!(unsafe_chars(&stdout, csv), [], "ladder {args:?} printed raw controls:\n{stdout:?}");
    assert_eq!(unsafe_chars(&stderr, false), [], "ladder {args:?} printed raw controls on stderr:\n{stderr:?}");
    stdout + &stderr
}

#[test]
fn every_read_command_shows_hostile_text_escaped() {
    let s = Sandbox::with(HOSTILE);
    // Twice: once parsing the file, once from its snapshot (the prompt's fast path).
    for _ in 0..2 {
        let quiet = clean(&s, &["next", "-q"], 0);
        assert_eq!(quiet, "Ask \\u{1b}[31mSam\\u{1b}[0m \\u{1b}]52;c;aGFjaw==\\u{7} for \\u{202e}plh\\u{202c} help\n");
    }
    let next = clean(&s, &["next"], 0);
    for shown in
        ["Sam\\u{1b}]8;;http://evil.example\\u{1b}\\", "They\\u{9b}2J laugh\\u{200f}", "desk\\u{1b}[2K\\u{61c}"]
    {
        assert!(next.contains(shown), "next should show {shown}: {next}");
    }
    for args in [
        &["list"][..],
        &["log"],
        &["log", "1"],
        &["progress"],
        &["circle"],
        &["agenda"],
        &["hesitations"],
        &["next", "--review"],
        &["export", "--format", "markdown"],
        &["export", "--format", "csv"],
    ] {
        let code = i32::from(args == ["next", "--review"]);
        clean(&s, args, code);
    }
    let log = clean(&s, &["log"], 0);
    // The log wraps a note at its spaces, one space between words.
    assert!(log.contains("fine\\u{1b}[1A #99 2026-11-22 18:30 yes #1 forged line\\rover"), "{log}");
    assert!(!log.lines().any(|l| l.starts_with("#99")), "a note cannot forge a line of the log: {log}");
    let hesitations = clean(&s, &["hesitations"], 0);
    assert!(hesitations.contains("You told yourself: I'd bother\\u{7} her second line"), "{hesitations}");
}

#[test]
fn list_in_colour_paints_only_ladders_own_escapes() {
    let s = Sandbox::with(HOSTILE);
    let out = s.ok(&["list", "--color", "always"]);
    // ladder's own SGR codes are ESC [ digits m; the file's ESC sequences are shown as \u{1b}.
    let foreign = out.split('\u{1b}').skip(1).filter(|rest| {
        let code: String = rest.chars().take_while(|c| *c != 'm').collect();
        !(rest.starts_with('[') && code[1..].chars().all(|c| c.is_ascii_digit() || c == ';'))
    });
    assert_eq!(foreign.count(), 0, "{out:?}");
    assert!(out.contains("\\u{1b}[31mSam"), "{out}");
}

#[test]
fn messages_of_write_commands_show_hostile_text_escaped() {
    let s = Sandbox::with(HOSTILE);
    clean(&s, &["done", "1", "--note", "again"], 0);
    clean(&s, &["add", "Ask for directions", "--stakes", "30"], 0);
    clean(&s, &["hesitated", "Ask for the salt", "--story", "rude", "--stakes", "35"], 0);
    clean(&s, &["gave", "Carried boxes", "--to", "Sam\u{1b}]8;;http://evil.example\u{1b}\\"], 0);
    clean(&s, &["thank", "1"], 0);
    clean(&s, &["plan", "1", "--on", "2026-11-27"], 0);
    clean(&s, &["edit", "1", "--ask", "Ask Sam for help"], 0);
    clean(&s, &["undo"], 0);
    clean(&s, &["promote", "1"], 0);
    clean(&s, &["rm", "2"], 0);
}

#[test]
fn json_and_the_file_keep_the_exact_text() {
    let s = Sandbox::with(HOSTILE);
    let list = s.json(&["list", "--json"]);
    assert_eq!(list[0]["who"], "Sam\u{1b}]8;;http://evil.example\u{1b}\\");
    let export = s.json(&["export", "--format", "json"]);
    assert_eq!(
        export["rungs"][0]["attempts"][0]["note"],
        "fine\u{1b}[1A\n#99  2026-11-22 18:30  yes  #1 forged line\rover"
    );
    s.ok(&["done", "2"]);
    assert!(s.read().starts_with(HOSTILE), "the file's own bytes are never escaped");
}

#[test]
fn an_error_quoting_a_hostile_line_shows_it_escaped() {
    let s =
        Sandbox::with("version = 2\n\n[[rung]]\nid = 1\nask = \"\u{1b}]52;c;aGFjaw==\u{7}\u{202e}\"\nstakes = 20\n");
    for args in [&["list"][..], &["next", "-q"], &["done"], &["export"]] {
        let err = clean(&s, args, 2);
        assert!(err.starts_with("ladder: "), "{err}");
        assert!(err.contains("\\u{1b}]52;c;aGFjaw==\\u{7}\\u{202e}"), "the line is quoted, escaped: {err}");
    }
}
