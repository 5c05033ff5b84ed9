//! A new user's month (review 12): a command to copy is never broken over lines, in a sentence (`next`'s overdue
//! plan, `agenda`, `remind` and every other message that carries one) or in `--help`'s examples; every command's
//! sentences fold to 40 columns; `plan --on` names the words it takes, with a day that would work; and the
//! README's `gave` example is what `gave` says.

use clap::CommandFactory;

use crate::common::{Fixture, Sandbox, plain};

/// What `ladder ARGS` printed at `now`, `columns` wide (no width: as in a pipe), in colour or not, its colour
/// escapes taken out; exit 0 or 1 (nothing to say).
fn shown(s: &Sandbox, now: &str, columns: Option<&str>, colour: bool, args: &[&str]) -> String {
    let coloured: Vec<&str> = ["--color", "always"].iter().chain(args).copied().collect();
    let mut command = s.ladder(if colour { &coloured } else { args });
    command.env("LADDER_NOW", now);
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    if !colour {
        command.env("NO_COLOR", "1");
    }
    let out = command.output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "ladder {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    // The sandbox's folder, named alike in every sandbox (the same length, so folded alike).
    plain(&String::from_utf8(out.stdout).unwrap()).replace(&s.dir.path().display().to_string(), "/tmp/.sandbox")
}

/// The lines `ladder ARGS` shows at `columns`, the same with colour and without.
fn lines(s: &Sandbox, now: &str, columns: &str, args: &[&str]) -> Vec<String> {
    let without = shown(s, now, Some(columns), false, args);
    assert_eq!(shown(s, now, Some(columns), true, args), without, "ladder {args:?} in colour at {columns}");
    without.lines().map(String::from).collect()
}

const MON: &str = "2026-11-16T10:00:00+01:00";
const THU: &str = "2026-11-19T10:00:00+01:00";

/// The starter's first two rungs, the first planned for Tuesday 17 November and the second for `second`.
fn planned(second: &str) -> String {
    Fixture::version(2)
        .rung(1, "Ask a stranger for directions or the time", 15)
        .planned("2026-11-17")
        .rung(2, "Ask a shop assistant to recommend something", 20)
        .planned(second)
        .text()
}

#[test]
fn an_overdue_plan_s_command_is_whole_on_a_line_of_its_own() {
    let s = Sandbox::with(&planned("2026-11-30"));
    assert_eq!(
        lines(&s, THU, "40", &["next"]),
        [
            "Next: Ask a stranger for directions or",
            "the time",
            "#1 · stakes 15 · 0 of 2 comfortable reps",
            "You planned this for Tue 17 Nov. No harm",
            "done. To pick a new day:",
            "ladder plan 1 --on DAY",
            "First try. Success is making the ask,",
            "not feeling calm while you do.",
        ]
    );
    assert_eq!(
        lines(&s, THU, "80", &["next"]),
        [
            "Next: Ask a stranger for directions or the time",
            "#1 · stakes 15 · 0 of 2 comfortable reps",
            "You planned this for Tue 17 Nov. No harm done. To pick a new day:",
            "ladder plan 1 --on DAY",
            "First try. Success is making the ask, not feeling calm while you do.",
        ]
    );
    // One form for the day everywhere: `done`'s "Pick a day ... --on DAY", and the help's.
    assert_eq!(
        shown(&s, THU, None, false, &["next"]).lines().nth(2),
        Some("You planned this for Tue 17 Nov. No harm done. To pick a new day: ladder plan 1 --on DAY")
    );
    let help = shown(&s, THU, Some("80"), false, &["plan", "-h"]);
    assert!(help.lines().any(|l| l == "      --on <DAY>      The day to ask: YYYY-MM-DD, today or tomorrow"), "{help}");
    let empty = Sandbox::with(&Fixture::version(2).rung(1, "Ask Sam", 20).text());
    assert_eq!(
        lines(&empty, THU, "40", &["agenda"]),
        ["Nothing planned. Choose a day for an", "ask: ladder plan ID --on DAY"]
    );
}

#[test]
fn remind_folds_to_the_width_and_keeps_its_command_whole() {
    let s = Sandbox::with(&planned("2026-11-30"));
    let remind = |columns: &str| {
        let text = shown(&s, THU, Some(columns), false, &["remind"]);
        // A nudge is given once a day: the stamp goes, so that the next run gives it again.
        std::fs::remove_dir_all(s.dir.path().join("home/state")).unwrap();
        text.lines().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(
        remind("40"),
        [
            "Still on your plan from Tue 17 Nov: Ask",
            "a stranger for directions or the time.",
            "Any day is a fine day for it.",
            "When you are ready: ladder next",
        ]
    );
    assert_eq!(
        remind("80"),
        [
            "Still on your plan from Tue 17 Nov: Ask a stranger for directions or the time.",
            "Any day is a fine day for it.",
            "When you are ready: ladder next",
        ]
    );
    assert_eq!(
        remind("20"),
        [
            "Still on your plan",
            "from Tue 17 Nov: Ask",
            "a stranger for",
            "directions or the",
            "time. Any day is a",
            "fine day for it.",
            "When you are ready:",
            "ladder next",
        ]
    );
    // In colour too (a nudge has none), and with no width known it is a line a sentence, as it was.
    let coloured = shown(&s, THU, Some("40"), true, &["remind"]);
    std::fs::remove_dir_all(s.dir.path().join("home/state")).unwrap();
    assert_eq!(coloured.lines().collect::<Vec<_>>(), remind("40"));
    assert_eq!(
        shown(&s, THU, None, false, &["remind"]),
        "Still on your plan from Tue 17 Nov: Ask a stranger for directions or the time. Any day is a fine day for \
         it.\nWhen you are ready: ladder next\n"
    );
}

#[test]
fn plan_names_the_words_it_takes_with_a_day_to_come() {
    let s = Sandbox::with(&planned("2026-11-30"));
    let before = s.read_raw();
    for (args, said) in [
        (["plan", "1", "--on", "friday"], "--on: \"friday\" is not a day like 2026-11-26, today or tomorrow"),
        (["plan", "1", "--on", "yesterday"], "2026-11-18 has passed; plan the ask for today or a day to come"),
        (
            ["plan", "1", "--on", "2026-11-31"],
            "--on: 2026-11-31 is not a day on the calendar: November 2026 has 30 days, not 31",
        ),
    ] {
        let out = s.ladder(&args).env("LADDER_NOW", THU).env("COLUMNS", "40").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: {said}\n"), "{args:?}");
        assert_eq!(s.read_raw(), before);
    }
    // The example works, and so does each word named.
    for day in ["2026-11-26", "today", "tomorrow"] {
        s.ladder(&["plan", "1", "--on", day]).env("LADDER_NOW", THU).assert().success();
    }
    // `done`, which takes a day that has been, still names `yesterday`.
    let out = s.ladder(&["done", "1", "--date", "friday"]).env("LADDER_NOW", THU).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ladder: --date: \"friday\" is not a day like 2026-11-21, today or yesterday\n"
    );
}

/// The commands to copy in `text`: from `ladder` and a subcommand, after a colon, a bracket or a backtick or at
/// the start of a line, to the end of the line, the closing bracket or the backtick, or words in brackets.
fn commands(text: &str) -> Vec<String> {
    let subcommands: Vec<String> =
        ladder::cli::Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect();
    let mut found = Vec::new();
    for line in text.lines() {
        for (at, _) in line.match_indices("ladder ") {
            let before = line[..at].trim_end();
            let opened = before.chars().last();
            if !(before.is_empty() || matches!(opened, Some(':' | '(' | '`'))) {
                continue;
            }
            let rest = &line[at..];
            let word = rest["ladder ".len()..].split([' ', ')', '`']).next().unwrap_or_default();
            if !subcommands.iter().any(|s| s == word) {
                continue;
            }
            let end = match opened {
                Some('(') => rest.find(')'),
                Some('`') => rest.find('`'),
                // Words in brackets after a command are about it.
                _ => rest.find(" ("),
            };
            found.push(rest[..end.unwrap_or(rest.len())].trim_end().to_string());
        }
    }
    found
}

/// A month with the starter ladder, run in two sandboxes in step: one at 40 columns (without colour, then in
/// colour), one with no width. Every command to copy the second shows is whole on one line of the first, and
/// every line of the first fits in 40 columns or is a command to copy alone. Every message with a command in it
/// that a month of ordinary use meets is met.
#[test]
fn every_sentence_with_a_command_keeps_it_whole_at_40_columns() {
    let (narrow, wide) = (Sandbox::new(), Sandbox::new());
    let steps: &[(&str, &[&str])] = &[
        (MON, &["init", "--example"]),
        (MON, &["next"]),
        (MON, &["add", "Ask Sam to look over my slides before the meeting", "-s", "30", "--who", "Sam"]),
        (MON, &["done", "1", "--note", "He smiled"]),
        (MON, &["plan", "2", "--on", "2026-11-17"]),
        (MON, &["agenda"]),
        (MON, &["hesitated", "Ask my neighbour to help move the sofa on Saturday"]),
        (MON, &["hesitations"]),
        (MON, &["promote", "1", "--stakes", "40"]),
        (MON, &["ideas", "--limit", "2"]),
        (MON, &["circle"]),
        ("2026-11-17T10:00:00+01:00", &["done", "1"]),
        ("2026-11-17T11:00:00+01:00", &["done", "16"]),
        ("2026-11-17T12:00:00+01:00", &["next"]),
        (THU, &["next"]),
        (THU, &["remind"]),
        (THU, &["agenda"]),
        (THU, &["done", "16", "--outcome", "yes", "--thanked"]),
        ("2026-11-20T10:00:00+01:00", &["done", "16"]),
        ("2026-11-20T11:00:00+01:00", &["next"]),
        ("2026-11-20T11:00:00+01:00", &["gave", "Reviewed his slides", "--to", "Sam"]),
        ("2026-11-20T11:00:00+01:00", &["thank", "4"]),
        ("2026-11-20T11:00:00+01:00", &["circle"]),
        ("2026-11-21T10:00:00+01:00", &["done", "3", "--before", "60", "--after", "90"]),
        ("2026-11-22T10:00:00+01:00", &["done", "3", "--before", "88", "--after", "95"]),
        ("2026-11-22T10:00:00+01:00", &["next"]),
        ("2026-11-22T10:00:00+01:00", &["split", "3", "Ask a shop assistant where the bread is"]),
        ("2026-11-22T10:00:00+01:00", &["edit", "17", "--stakes", "22"]),
        ("2026-11-22T10:00:00+01:00", &["fix", "1", "--learned", "Strangers are kind"]),
        ("2026-11-22T10:00:00+01:00", &["log"]),
        ("2026-11-22T10:00:00+01:00", &["list"]),
        ("2026-11-22T10:00:00+01:00", &["progress"]),
        ("2026-11-22T10:00:00+01:00", &["progress", "--chart"]),
        ("2026-11-22T10:00:00+01:00", &["history"]),
        ("2026-11-22T10:00:00+01:00", &["undo"]),
        ("2026-12-01T10:00:00+01:00", &["remind"]),
        ("2026-12-01T10:00:00+01:00", &["next", "--review"]),
        ("2026-12-01T10:00:00+01:00", &["next"]),
        ("2026-12-01T10:00:00+01:00", &["forget", "2"]),
        ("2026-12-01T10:00:00+01:00", &["conflicts"]),
        ("2026-12-01T10:00:00+01:00", &["rm", "15"]),
    ];
    let mut met = Vec::new();
    for (now, args) in steps {
        let copy = Sandbox::new();
        // The coloured run is made on a copy, so that it changes nothing the next step sees.
        if narrow.file().exists() {
            std::fs::copy(narrow.file(), copy.file()).unwrap();
        }
        // (Not for what needs the undo history or the day's nudge, which the copy has not.)
        let coloured =
            (!["remind", "undo", "history"].contains(&args[0])).then(|| shown(&copy, now, Some("40"), true, args));
        let folded = shown(&narrow, now, Some("40"), false, args);
        let whole = shown(&wide, now, None, false, args);
        if let Some(coloured) = coloured {
            assert_eq!(coloured, folded, "ladder {args:?} in colour at 40");
        }
        for command in commands(&whole) {
            assert!(
                folded.lines().any(|line| line.contains(&command)),
                "ladder {args:?} broke `{command}` at 40 columns:\n{folded}"
            );
            met.push(command.split(' ').take(2).collect::<Vec<_>>().join(" "));
        }
        for line in folded.lines() {
            let alone = commands(line).first().is_some_and(|c| c == line.trim_start());
            assert!(line.chars().count() <= 40 || alone, "ladder {args:?} at 40 columns: {line:?}\n{folded}");
        }
    }
    met.sort();
    met.dedup();
    assert_eq!(
        met,
        [
            "ladder add",
            "ladder edit",
            "ladder fix",
            "ladder gave",
            "ladder next",
            "ladder plan",
            "ladder promote",
            "ladder split",
            "ladder thank",
            "ladder undo",
        ]
    );
}

/// The examples at the end of every command's help: each one's command, with what it does when it says.
fn examples() -> Vec<(String, String, Option<String>)> {
    let mut all = Vec::new();
    let cli = ladder::cli::Cli::command();
    for sub in cli.get_subcommands() {
        let Some(text) = sub.get_after_help() else { continue };
        let text = text.to_string();
        let Some(block) = text.split("Examples:\n").nth(1) else { continue };
        for line in block.lines().take_while(|l| l.starts_with("  ")) {
            let line = line.trim_start();
            let (command, what) = match line.split_once("  ") {
                Some((c, w)) if !c.contains('"') || c.matches('"').count() % 2 == 0 => {
                    (c.to_string(), Some(w.trim_start().to_string()))
                }
                _ => (line.to_string(), None),
            };
            all.push((sub.get_name().to_string(), command, what));
        }
    }
    all
}

#[test]
fn every_help_example_is_whole_at_40_and_80_columns_in_colour_or_not() {
    let s = Sandbox::new();
    let all = examples();
    assert!(all.len() > 60, "{}", all.len());
    for (name, command, what) in all {
        for columns in ["40", "80"] {
            let help = lines(&s, MON, columns, &[&name, "--help"]);
            let at = help.iter().position(|l| {
                let l = l.trim_start();
                l == command || l.strip_prefix(&command).is_some_and(|after| after.starts_with("  "))
            });
            let at = at.unwrap_or_else(|| panic!("`{command}` broken in `{name} --help` at {columns}:\n{help:#?}"));
            // What it does follows, beside it or below it, indented past the command.
            if let Some(what) = &what {
                let first = what.split(' ').next().unwrap();
                let beside = help[at].trim_start()[command.len()..].trim_start().starts_with(first);
                let below =
                    help.get(at + 1).is_some_and(|l| l.starts_with("      ") && l.trim_start().starts_with(first));
                assert!(beside || below, "{name} --help at {columns}: {what:?} not with `{command}`:\n{help:#?}");
            }
        }
    }
}

#[test]
fn done_and_next_help_examples_at_40_and_80_columns() {
    let s = Sandbox::new();
    let examples = |columns: &str, name: &str| {
        let help = lines(&s, MON, columns, &[name, "--help"]);
        help.iter().skip_while(|l| *l != "Examples:").cloned().collect::<Vec<_>>()
    };
    assert_eq!(
        examples("80", "done"),
        [
            "Examples:",
            "  ladder done                                  the suggested rung, answered yes",
            "  ladder done 3 --outcome no --before 60 --after 35 --note \"Asked too late in the day\"",
            "  ladder done --outcome no --learned \"A no to the ask was not a no to me\"",
            "  ladder done --date 2026-11-20 --outcome partial",
            "  ladder done --fear-did-not-happen --thanked",
            "  ladder done 4 --used \"texted instead of calling\"",
            "      relied on it: practice, not a rep",
            "  ladder done --likely 70 --bad 80 --likely-after 20 --bad-after 30 --peak 65",
            "  ladder done --how phone",
            "      how you asked: in-person, phone, text, email or other",
        ]
    );
    assert_eq!(
        examples("40", "next"),
        [
            "Examples:",
            "  ladder next",
            "  ladder next -q",
            "      just the ask, for a prompt or a",
            "      status line",
            "  ladder next --review",
            "      a mastered ask to revisit, so the",
            "      gains last",
            "  ladder next --json | jq .ask",
            "",
            "Exits 1 when there is nothing to",
            "suggest.",
        ]
    );
    assert_eq!(
        examples("80", "next"),
        [
            "Examples:",
            "  ladder next",
            "  ladder next -q          just the ask, for a prompt or a status line",
            "  ladder next --review     a mastered ask to revisit, so the gains last",
            "  ladder next --json | jq .ask",
            "",
            "Exits 1 when there is nothing to suggest.",
        ]
    );
    // The long help of `ladder` itself (`--help`, `ladder help`) ends with its examples; `-h` without them.
    let long = lines(&s, MON, "40", &["--help"]);
    assert!(long.iter().any(|l| l == "  ladder done --outcome no --note \"They were busy; try mornings\""));
    assert_eq!(lines(&s, MON, "40", &["help"]), long);
    assert!(!lines(&s, MON, "40", &["-h"]).iter().any(|l| l == "Examples:"));
}

/// The README's example of `gave`, in "Your circle", run as written: its output is the lines shown.
#[test]
fn the_readme_gave_example_is_what_gave_says() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Your circle").unwrap()..];
    let block = section.split("```console\n").nth(1).unwrap().split("```").next().unwrap();
    let (command, expected) = block.strip_prefix("$ ").unwrap().split_once('\n').unwrap();
    assert_eq!(command, "ladder gave \"Reviewed his slides\" --to Sam");
    let mut sam = Fixture::version(2).rung(1, "Ask Sam to look over my slides", 30).who("Sam");
    for (id, day) in [(1, "2026-11-16"), (2, "2026-11-17"), (3, "2026-11-18")] {
        sam = sam.attempt(id, 1, &format!("{day}T10:00:00+01:00")).outcome("yes").thanked();
    }
    let s = Sandbox::with(&sam.text());
    for columns in [None, Some("80")] {
        let copy = Sandbox::with(&s.read_raw());
        let said = shown(&copy, THU, columns, false, &["gave", "Reviewed his slides", "--to", "Sam"]);
        assert_eq!(said, expected, "at {columns:?}");
    }
}

/// `encrypt` and `decrypt` talk to you too: folded to the width, each path whole, in colour or not.
#[test]
fn encrypt_and_decrypt_fold_to_40_columns() {
    for colour in [false, true] {
        let s = Sandbox::with(&planned("2026-11-30"));
        let (identity, public) = crate::crypt::key();
        let file = crate::crypt::identity_file(&s);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, format!("{identity}\n")).unwrap();
        // The ladder named from its folder, so that the lines do not depend on where temporary folders are.
        let said = |args: &[&str]| -> Vec<String> {
            let coloured: Vec<&str> = ["--color", "always"].iter().chain(args).copied().collect();
            let mut command = s.ladder(if colour { &coloured } else { args });
            command.env("LADDER_FILE", "ladder.toml").env("COLUMNS", "40");
            if !colour {
                command.env("NO_COLOR", "1");
            }
            let out = command.output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
            plain(&String::from_utf8(out.stdout).unwrap()).lines().map(String::from).collect()
        };
        assert_eq!(
            said(&["encrypt", "--recipient", &public]),
            [
                "Encrypted ladder.toml into",
                "ladder.toml.age, and removed the plain",
                "file.",
                "It opens with the identity for that key",
                "(listed in ladder.toml.age-recipients).",
                "Keep that identity safe and backed up:",
                "without it nobody, not even ladder, can",
                "read your records.",
            ]
        );
        assert_eq!(
            said(&["decrypt"]),
            ["Decrypted ladder.toml.age into", "ladder.toml; the ladder is plain text", "again."]
        );
    }
}

/// `remind --install` and `--uninstall` fold their sentences too, and print the line to copy into another
/// program (the `systemctl` command, the crontab line) whole, as it is.
#[test]
fn remind_install_folds_its_sentences_and_keeps_the_line_to_copy_whole() {
    let s = Sandbox::new();
    let (systemd, none) = (s.path("bin"), s.path("empty"));
    std::fs::create_dir_all(&systemd).unwrap();
    std::fs::create_dir_all(&none).unwrap();
    std::fs::write(systemd.join("systemctl"), "#!/bin/sh\nexit 0\n").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(systemd.join("systemctl"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let remind = |bin: &std::path::Path, args: &[&str]| -> Vec<String> {
        let out = s.process(&[&["remind"], args].concat()).env("PATH", bin).env("COLUMNS", "40").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect()
    };
    let units = s.path("home/config/systemd/user").display().to_string();
    assert_eq!(
        remind(&systemd, &["--install", "--at", "7:30"]),
        [
            "Wrote ladder-remind.service and",
            "ladder-remind.timer in",
            &format!("{units}:"),
            "a nudge each day at 07:30, as a",
            "notification.",
            "Turn it on with:",
            "  systemctl --user daemon-reload && systemctl --user enable --now ladder-remind.timer",
        ]
    );
    assert_eq!(
        remind(&systemd, &["--uninstall"]),
        [
            "Removed".to_string(),
            format!("{units}/ladder-remind.service"),
            "Removed".to_string(),
            format!("{units}/ladder-remind.timer"),
            "If the timer was on,".to_string(),
            "`systemctl --user daemon-reload` lets".to_string(),
            "systemd know it is gone.".to_string(),
        ]
    );
    assert_eq!(
        remind(&systemd, &["--uninstall"]),
        ["Nothing to remove:", "`ladder remind --install` wrote no timer", "here."]
    );
    assert_eq!(
        remind(&none, &["--install", "--at", "08:05"]),
        [
            "No systemd here. To be nudged each day".to_string(),
            "at 08:05, add this line with".to_string(),
            "`crontab -e`:".to_string(),
            format!(
                "5 8 * * * '{}' remind --notify --file '{}' >/dev/null 2>&1",
                env!("CARGO_BIN_EXE_ladder"),
                s.file().display()
            ),
        ]
    );
}

/// `sync setup`'s sentences fold; the settings it wrote (a `.gitattributes` line, a config value) stay whole.
#[test]
fn sync_setup_folds_its_sentences_and_keeps_the_settings_whole() {
    let s = crate::common::git_sandbox();
    std::fs::write(s.path("laptop").join("ladder.toml"), planned("2026-11-30")).unwrap();
    let out = s
        .process(&["sync", "setup"])
        .env("LADDER_FILE", s.path("laptop").join("ladder.toml"))
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let attributes = s.path("laptop").join(".gitattributes").canonicalize().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().collect::<Vec<_>>(),
        [
            format!(
                "Added to {}: ladder.toml merge=ladder  (commit it, so every clone merges the same way)",
                attributes.display()
            )
            .as_str(),
            "Set in this repository's config: merge.ladder.driver = ladder merge %O %A %B",
            "Each clone needs `ladder sync setup`",
            "once; `ladder` must be on the PATH git",
            "runs with.",
        ]
    );
}
