//! Names `ladder` does not know in a hand-edited file are kept but warned about, and a `--file` that is not
//! there is named as missing (issue 13, item 5).

use crate::common::Sandbox;

const TYPOS: &str = "version = 1\n\n[settings]\ncomfortible = 20\n\n[[rungs]]\nid = 1\nask = \"Ask Sam\"\nstakes = 10\n\n\
                     [[rung]]\nid = 2\nask = \"Ask Ana\"\nstakes = 20\n\n[[atempt]]\nid = 1\nrung = 2\n\
                     at = 2026-11-20T10:00:00Z\n\n[[atempt]]\nid = 2\nrung = 2\nat = 2026-11-21T10:00:00Z\n";

#[test]
fn typos_are_warned_once_with_file_line_and_a_near_miss_and_kept() {
    let s = Sandbox::with(TYPOS);
    let out = s.ladder(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let file = s.file().display().to_string();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!(
                "ladder: warning: {file}:4:1: \"comfortible\" in [settings] is not a name ladder knows; did you mean \
                 \"comfortable\"? It stays in the file, and ladder ignores it: `comfortible = 20`"
            ),
            format!(
                "ladder: warning: {file}:6:3: \"rungs\" is not a name ladder knows; did you mean \"rung\"? It stays \
                 in the file, and ladder ignores it: `[[rungs]]`"
            ),
            format!(
                "ladder: warning: {file}:16:3: \"atempt\" is not a name ladder knows; did you mean \"attempt\"? It \
                 stays in the file, and ladder ignores it: `[[atempt]]`"
            ),
        ]
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        " ID  Stakes  Ask      Tries  Status\n  2      20  Ask Ana      0  new\n"
    );
    // Said once: the file has not changed since.
    assert_eq!(s.ladder(&["list"]).output().unwrap().stderr, b"");
    // Kept through a change `ladder` makes.
    s.ok(&["add", "Ask Jo to look over my slides by Friday", "-s", "30", "--who", "Jo"]);
    let text = s.read();
    assert!(text.contains("comfortible = 20") && text.contains("[[rungs]]") && text.contains("[[atempt]]"), "{text}");
}

#[test]
fn a_missing_file_named_with_file_is_an_error_for_read_commands() {
    let s = Sandbox::new();
    let missing = s.path("ladderr.toml");
    let path = missing.to_str().unwrap();
    for command in ["list", "next", "log", "progress", "circle", "agenda", "hesitations", "ideas", "export"] {
        let err = s.fails(&[command, "--file", path], 2);
        assert_eq!(err, format!("ladder: there is no ladder at {path}; `ladder init --file {path}` creates one\n"));
    }
    assert!(!missing.exists(), "nothing created");
}

#[test]
fn a_new_user_without_a_file_is_guided_kindly() {
    let s = Sandbox::new();
    let out = s.ladder(&["next"]).env_remove("LADDER_FILE").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Your ladder is empty. Start with `ladder init --example`, or add your own first ask:\n  \
         ladder add \"Ask a coworker a quick question\" --stakes 30\n"
    );
    assert_eq!(out.stderr, b"");
}

#[test]
fn a_change_that_starts_a_new_file_says_so() {
    let s = Sandbox::new();
    let path = s.path("new.toml");
    let out = s
        .ladder(&["add", "Ask Sam for help by Friday", "-s", "20", "--who", "Sam", "--file", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("Started a new ladder at {}.\n", path.display()));
    let again = s
        .ladder(&["add", "Ask Ana for a lift on Monday", "-s", "25", "--who", "Ana", "--file", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.stderr, b"");
}
