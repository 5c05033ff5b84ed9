//! The man page under the linters (issue 24, item 12): `mandoc -Tlint -W warning` and `groff -man -ww` have
//! nothing to say about what `ladder man` prints, its `.TH` line carries a date both read, and its last section
//! keeps the examples line by line while the prose around them is filled to the reader's width.

use std::path::Path;
use std::process::Command;

use crate::common::{Sandbox, have};

/// `ladder man`, written to a file in the sandbox.
fn page(s: &Sandbox) -> std::path::PathBuf {
    let path = s.path("ladder.1");
    std::fs::write(&path, s.ok(&["man"])).expect("write the page");
    path
}

/// Runs a tool on the page; returns its exit code and everything it printed, standard output then error.
fn run(program: &str, args: &[&str], page: &Path) -> (Option<i32>, String) {
    let out = Command::new(program).args(args).arg(page).output().expect("run the tool");
    let printed = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), printed)
}

#[test]
fn mandoc_finds_nothing_to_warn_about_in_the_man_page() {
    if !have("mandoc") {
        return;
    }
    let s = Sandbox::new();
    let (code, printed) = run("mandoc", &["-Tlint", "-W", "warning"], &page(&s));
    assert_eq!(printed, "");
    assert_eq!(code, Some(0));
}

#[test]
fn groff_finds_nothing_to_warn_about_in_the_man_page() {
    if !have("groff") {
        return;
    }
    let s = Sandbox::new();
    let (code, printed) = run("groff", &["-man", "-ww", "-z"], &page(&s));
    assert_eq!(printed, "");
    assert_eq!(code, Some(0));
}

#[test]
fn the_title_line_has_the_date_kept_in_cargo_toml_and_the_version() {
    let manifest = include_str!("../../Cargo.toml");
    let date = manifest
        .split("[package.metadata.ladder]")
        .nth(1)
        .and_then(|part| part.lines().find_map(|l| l.strip_prefix("man-date = ")))
        .expect("man-date in Cargo.toml");
    let s = Sandbox::new();
    let text = s.ok(&["man"]);
    let title = text.lines().find(|l| l.starts_with(".TH ")).expect("a .TH line");
    assert_eq!(
        title,
        format!(
            ".TH LADDER 1 {} \"ladder {}\" \"General Commands Manual\"",
            date.trim_matches('"'),
            env!("CARGO_PKG_VERSION")
        )
    );
}

/// The page as mandoc sets it at 80 columns, as plain text.
fn rendered(s: &Sandbox) -> String {
    let (code, printed) = run("mandoc", &["-Tascii", "-Owidth=80"], &page(s));
    assert_eq!(code, Some(0), "{printed}");
    // -Tascii shows bold and underline by overstriking: a character, a backspace, then the character shown.
    let mut plain = String::new();
    for c in printed.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

/// The text of `page` from the line `from` up to the line `to`.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page.find(from).unwrap_or_else(|| panic!("{from:?} in the page"));
    let end = page[start..].find(to).unwrap_or_else(|| panic!("{to:?} after {from:?}")) + start;
    &page[start..end]
}

#[test]
fn the_last_section_keeps_examples_as_lines_and_fills_its_prose() {
    if !have("mandoc") {
        return;
    }
    let s = Sandbox::new();
    assert_eq!(
        between(&rendered(&s), "EXIT STATUS AND EXAMPLES\n", "VERSION\n"),
        "EXIT STATUS AND EXAMPLES\n       \
         Examples:\n         \
         ladder init --example\n         \
         ladder next\n         \
         ladder done --outcome no --note \"They were busy; try mornings\"\n         \
         ladder progress\n\n       \
         Exit codes: 0 done; 1 `next` has nothing to suggest, or `remind` nothing\n       \
         to say; 2 an error (bad arguments, unknown ID, unreadable file).\n\n       \
         ladder is not a crisis service. If you are in crisis or might harm\n       \
         yourself, contact your local emergency services or a crisis line now.\n\n"
    );
}

#[test]
fn a_commands_prose_after_its_examples_is_filled_to_the_width() {
    if !have("mandoc") {
        return;
    }
    let s = Sandbox::new();
    let page = rendered(&s);
    let forget = between(&page, "   ladder forget\n", "   ladder list\n");
    assert_eq!(
        forget.find("       Examples:\n").map(|at| &forget[at..]),
        Some(
            "       Examples:\n         \
         ladder forget 12                 attempt 12 (see ladder log)\n         \
         ladder forget --hesitation 3     (see ladder hesitations)\n         \
         ladder forget --gift 2           help given (see ladder export)\n\n       \
         A forgotten entry leaves its uid in [[forgotten]], so that no device\n       \
         brings it back.  To remove a rung and its attempts, use `ladder rm`.\n\n"
        )
    );
}
