//! Small defects a person would meet (helper brief "gaps"): each test failed before its fix.

use std::fs;

use crate::common::{Fixture, Sandbox, plain};

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// `ladder ARGS` at `columns` wide (through `COLUMNS`, as on a terminal that size), which must succeed.
fn at(s: &Sandbox, columns: &str, args: &[&str]) -> String {
    let out = s.ladder(args).env("COLUMNS", columns).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `mastered` of `rungs` rungs mastered, each with two yeses.
fn mastered(mastered: u32, rungs: u32) -> Sandbox {
    let mut ladder = Fixture::version(2).setting("mastery", "learning");
    for id in 1..=rungs {
        ladder = ladder.rung(id, &format!("Ask person {id} for a small favour"), 20).created("2026-11-01");
    }
    for id in 1..=mastered {
        ladder = ladder
            .attempt(2 * id - 1, id, "2026-11-10T12:00:00+01:00")
            .outcome("yes")
            .attempt(2 * id, id, "2026-11-11T12:00:00+01:00")
            .outcome("yes");
    }
    Sandbox::with(&ladder.text())
}

/// 9 of 20 rungs mastered: 45%. On a terminal that leaves the bar 10 cells, it showed 4 of them (40%) beside
/// "45%": the bar rounded down, the number did not. Both now round to the nearest, a half up.
#[test]
fn the_progress_bar_and_its_percentage_round_alike() {
    let s = mastered(9, 20);
    let first = |columns| at(&s, columns, &["progress"]).lines().take(2).map(String::from).collect::<Vec<_>>();
    assert_eq!(first("38"), ["Mastered 9 of 20 rungs  █████░░░░░ 45%", "18 asks made"]);
    assert_eq!(first("40"), ["Mastered 9 of 20 rungs  █████░░░░░░░ 45%", "18 asks made"]);
    assert_eq!(first("80")[0], "Mastered 9 of 20 rungs  █████████░░░░░░░░░░░ 45% · 18 asks made");
    // 3 of 20 at 40 columns: 15% of 12 cells is 1.8, shown as 2 (it was 1, 8%).
    let s = mastered(3, 20);
    assert_eq!(lines(&at(&s, "40", &["progress"]))[0], "Mastered 3 of 20 rungs  ██░░░░░░░░░░ 15%");
    // 1 of 3: a third of 20 cells is 6.7, shown as 7 beside "33%" (it was 6, 30%).
    let s = mastered(1, 3);
    assert_eq!(lines(&at(&s, "80", &["progress"]))[0], "Mastered 1 of 3 rungs  ███████░░░░░░░░░░░░░ 33% · 2 asks made");
    // Never a full bar, nor 100%, before every rung is mastered; never an empty one once one is.
    let s = mastered(199, 200);
    assert_eq!(
        lines(&at(&s, "120", &["progress"]))[0],
        "Mastered 199 of 200 rungs  ███████████████████░ 99% · 398 asks made"
    );
    let s = mastered(1, 200);
    assert_eq!(
        lines(&at(&s, "120", &["progress"]))[0],
        "Mastered 1 of 200 rungs  █░░░░░░░░░░░░░░░░░░░ 1% · 2 asks made"
    );
}

/// `LADDER_FILE` naming `x.toml.age` after `ladder decrypt` left only `x.toml`: `ladder path` refused, as
/// every command does. It prints where the ladder lives now, and says why on standard error.
#[test]
fn path_names_the_plain_ladder_after_decrypt() {
    let (s, _) = crate::crypt::encrypted();
    let sealed = s.path("ladder.toml.age");
    s.ladder(&["decrypt"]).env("LADDER_FILE", &sealed).assert().success();
    assert!(!sealed.exists() && s.file().exists());
    let out = s.ladder(&["path"]).env("LADDER_FILE", &sealed).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (plain, sealed) = (s.file().display().to_string(), sealed.display().to_string());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{plain}\n"));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: {sealed} (chosen by the LADDER_FILE environment variable) is not there, but {plain} is: the \
             ladder is plain text now (`ladder decrypt` made it so?); name that one (--file or LADDER_FILE), as the \
             other commands ask\n"
        )
    );
    let out = s.ladder(&["--file", &sealed, "path"]).output().unwrap();
    assert_eq!((out.status.code(), String::from_utf8(out.stdout).unwrap()), (Some(0), format!("{plain}\n")));
    // The other commands still refuse, and change nothing.
    let out = s.ladder(&["list"]).env("LADDER_FILE", &sealed).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The folder of the sandbox's undo history (the only one there).
fn undo_folder(s: &Sandbox) -> std::path::PathBuf {
    let state = s.path("home").join("state").join("ladder");
    let found = fs::read_dir(&state)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("undo-") && e.path().join("key.secret").exists());
    found.expect("an undo history with its key").path()
}

/// A passphrase ladder's undo history whose key was tampered with: undo said the last record was damaged, and
/// history that there was nothing to undo, neither naming the remedy the README gives (delete the folder).
#[test]
fn a_passphrase_history_with_a_broken_key_names_its_remedy() {
    use crate::common::on_a_terminal;
    use crate::crypt::with_passphrase;
    let s = Sandbox::new();
    with_passphrase(&s, &Fixture::version(2).rung(1, "Ask Sam for a lift", 30).uid("rungone001").text());
    let Some((code, said)) = on_a_terminal(&s, &["add", "Ask Jo", "--stakes", "20"], "correct horse\n") else {
        return;
    };
    assert_eq!(code, 0, "{said}");
    let dir = undo_folder(&s);
    let secret = dir.join("key.secret");
    let kept = fs::read(&secret).unwrap();
    let sealed = fs::read(s.path("ladder.toml.age")).unwrap();
    let expected = format!(
        "ladder: the undo history in {} is damaged: its key (key.secret, key.pub) no longer opens its records with \
         this passphrase (changed outside ladder, or tampered with); delete that folder to start the history again; \
         nothing was changed",
        dir.display()
    );
    let mut tampered = kept.clone();
    tampered.push(b'x');
    fs::write(&secret, &tampered).unwrap();
    for command in ["undo", "history"] {
        let (code, said) = on_a_terminal(&s, &["--color", "never", command], "correct horse\n").unwrap();
        assert_eq!(code, 2, "{said}");
        assert_eq!(said.lines().last(), Some(expected.as_str()), "{said}");
    }
    assert_eq!(fs::read(s.path("ladder.toml.age")).unwrap(), sealed);
    // A key.pub replaced by another key: records written to it would never open.
    fs::write(&secret, &kept).unwrap();
    let (_, other) = crate::crypt::key();
    fs::write(dir.join("key.pub"), format!("{other}\n")).unwrap();
    let (code, said) = on_a_terminal(&s, &["--color", "never", "undo"], "correct horse\n").unwrap();
    assert_eq!(code, 2, "{said}");
    assert_eq!(said.lines().last(), Some(expected.as_str()), "{said}");
    // Deleting the folder, as it says, starts the history again.
    fs::remove_dir_all(&dir).unwrap();
    let (code, said) = on_a_terminal(&s, &["--color", "never", "history"], "correct horse\n").unwrap();
    assert_eq!(code, 0, "{said}");
    assert_eq!(
        said.lines().last(),
        Some("Nothing to undo: ladder has made no change to this file that it can take back.")
    );
}

fn climbing() -> Sandbox {
    Sandbox::with(
        &Fixture::version(2)
            .setting("mastery", "learning")
            .rung(1, "Ask a stranger for directions to the station", 20)
            .created("2026-11-22")
            .rung(2, "Ask my manager to move a deadline because I am overwhelmed", 60)
            .created("2026-11-22")
            .rung(3, "Ask Sam for a lift", 30)
            .created("2026-11-22")
            .attempt(1, 1, "2026-11-21T18:30:00+01:00")
            .outcome("yes")
            .before(50)
            .after(20)
            .text(),
    )
}

/// `next`, `done` and `progress` at `columns`, plain and in colour: the same lines either way (escapes take no
/// room), and none wider than the terminal but a command to copy, kept whole.
fn prose_at(columns: &str) -> Vec<String> {
    let mut said = String::new();
    for colour in ["never", "always"] {
        let s = climbing();
        let mut text = String::new();
        for args in [&["next"][..], &["done", "3", "--before", "60", "--after", "30"], &["progress"]] {
            let mut all = vec!["--color", colour];
            all.extend_from_slice(args);
            text += &at(&s, columns, &all);
        }
        if colour == "never" {
            assert!(!text.contains('\x1b'));
            said = text;
        } else {
            assert!(text.contains("\x1b[1mNext:\x1b[0m"), "{text:?}");
            assert_eq!(plain(&text), said);
        }
    }
    let width: usize = columns.parse().unwrap();
    for line in said.lines() {
        let shown = unicode_width::UnicodeWidthStr::width(line);
        assert!(shown <= width || line.starts_with("ladder "), "{shown} wide at {columns}: {line:?}");
    }
    said.lines().map(String::from).collect()
}

/// At 40 columns the sentences of `next`, `done` and `progress` ran past the edge, for the terminal to break
/// inside words; tables already fitted. They are folded at spaces now, a command to copy never broken.
#[test]
fn sentences_fold_to_a_narrow_terminal_and_commands_stay_whole() {
    assert_eq!(
        prose_at("40"),
        [
            "Next: Ask a stranger for directions to",
            "the station",
            "#1 · stakes 20 · 1 of 2 reps",
            "Nothing is mastered yet, and this rung",
            "is at 20. If that is too big a step for",
            "now, an easier ask around 10 could come",
            "first: “Ask a stranger for directions”",
            "(ladder add --idea 1) or “Ask a stranger",
            "for the time” (ladder add --idea 2).",
            "Recorded attempt 2 on #3 “Ask Sam for a",
            "lift”: yes.",
            "It counted as a rep: you made the ask.",
            "Now 1 of 2 reps.",
            "A yes: thank them, and tell them what",
            "their help changed. Once you have:",
            "ladder thank 2",
            "What did you learn from it? To keep it",
            "with the attempt:",
            "ladder fix 2 --learned \"...\"",
            "Next: #1 Ask a stranger for directions",
            "to the station",
            "Mastered 0 of 3 rungs  ░░░░░░░░░░░░░░ 0%",
            "2 asks made",
            // A number stays with its word ("0 no answer"), a year with its month.
            "2 attempts: 2 yes · 0 partial · 0 no ·",
            "0 no answer",
            "This week: practice on 2 of 3 days",
            "Distress, attempt by attempt:",
            "  #1     Ask a stranger for…          ▂",
            "  #3     Ask Sam for a lift           ▃",
            "Next: #1 Ask a stranger for directions",
            "to the station (stakes 20)",
        ]
    );
    let wide = prose_at("80");
    assert_eq!(
        wide[2..5],
        [
            "Nothing is mastered yet, and this rung is at 20. If that is too big a step for",
            "now, an easier ask around 10 could come first: “Ask a stranger for directions”",
            "(ladder add --idea 1) or “Ask a stranger for the time” (ladder add --idea 2).",
        ]
    );
    // With no width known (a pipe, as here), the lines are as they always were.
    let s = climbing();
    assert_eq!(
        lines(&s.ok(&["next"]))[2],
        "Nothing is mastered yet, and this rung is at 20. If that is too big a step for now, an easier ask around \
         10 could come first: “Ask a stranger for directions” (ladder add --idea 1) or “Ask a stranger for the \
         time” (ladder add --idea 2)."
    );
}

/// The file without its `uid = ...` lines, as a hand edit that deleted them all leaves it.
fn without_uids(s: &Sandbox) {
    let text = s.read_raw();
    s.write(&text.split_inclusive('\n').filter(|l| !l.starts_with("uid = ")).collect::<String>());
}

/// A hand edit deleted every `uid = ...` line; `ladder undo` then said "Undone: added rung 2." while the rung
/// stayed (undo matches entries by uid). An entry otherwise as ladder wrote it is now found by its ID, and
/// gets its uid back; one changed as well is refused in one line, exit 2, nothing changed.
#[test]
fn undo_after_the_uid_lines_were_deleted_tells_the_truth() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask a stranger for the time", "--stakes", "20"]);
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    let uids: Vec<String> = s.read_raw().lines().filter(|l| l.starts_with("uid = ")).map(String::from).collect();
    without_uids(&s);
    assert_eq!(
        s.ok(&["undo"]),
        "Undone: added rung 2.\nThe file had changed since (a pull, or an edit): what came since is kept.\n"
    );
    assert_eq!(
        lines(&s.ok(&["list"])),
        [
            " ID  Stakes  Ask                          Tries  Status",
            "  1      20  Ask a stranger for the time      0  new"
        ]
    );
    // Rung 1 has its own uid again, as other devices know it.
    let now: Vec<String> = s.read_raw().lines().filter(|l| l.starts_with("uid = ")).map(String::from).collect();
    assert_eq!(now, uids[..1]);

    // Changed as well as stripped of its uid: undo cannot tell it is the rung the change added.
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    let uid = s.read_raw().lines().filter(|l| l.starts_with("uid = ")).nth(1).unwrap().to_string();
    without_uids(&s);
    s.write(&s.read_raw().replace("Ask Sam for a lift", "Ask Sam for a lift home"));
    let before = s.read_raw();
    let err = s.fails(&["undo"], 2);
    assert_eq!(
        err,
        format!(
            "ladder: cannot undo: rung 2 lost its uid line since ladder's last change and is not as ladder wrote it, \
             and undo finds entries by their uid; put the line {uid} back in it, or make the change by hand; \
             nothing was changed\n"
        )
    );
    assert_eq!(s.read_raw(), before);
    // With the line put back as it says, undo knows the rung, and says what stops it: the ask changed since.
    s.write(&before.replace("ask = \"Ask Sam for a lift home\"", &format!("{uid}\nask = \"Ask Sam for a lift home\"")));
    let err = s.fails(&["undo"], 2);
    assert!(lines(&err).contains(&"ladder:   #2 “Ask Sam for a lift home”: its ask was changed since"), "{err}");
}

/// A hesitation written as the moment ("Wanted to ask Sam for a lift home") became a rung in those words, which
/// read oddly as a step to take. The words stay the person's; a note says how to word it as an ask, if they like.
#[test]
fn promote_notes_words_that_look_back_and_keeps_them() {
    let s = Sandbox::with(
        &Fixture::version(2)
            .rung(1, "Ask a stranger for the time", 20)
            .hesitation(1, "2026-11-21T12:00:00+01:00", "Wanted to ask Sam for a lift home")
            .stakes(35)
            .hesitation(2, "2026-11-21T13:00:00+01:00", "Ask Jo to feed the cat")
            .stakes(25)
            .text(),
    );
    assert_eq!(
        lines(&s.ok(&["promote", "1"])),
        [
            "Promoted hesitation #1 “Wanted to ask Sam for a lift home” to rung #2 at stakes 35, at the top, above #1 \
             “Ask a stranger for the time” (20).",
            "These words tell of the moment you held back; a rung reads best as the ask to make (“Ask Sam for a lift \
             home”). To put it so, if you like: ladder edit 2 --ask \"...\"",
            "Next: #1 Ask a stranger for the time",
        ]
    );
    assert!(s.read().contains("ask = \"Wanted to ask Sam for a lift home\"\n"));
    let said = s.ok(&["promote", "2"]);
    assert_eq!(lines(&said)[1..], ["Next: #1 Ask a stranger for the time"]);
}

/// Decided, not changed: a peak below the distress before is taken as it is (README): the dread before an ask is
/// often bigger than the ask, and that is what exposure teaches.
#[test]
fn a_peak_below_the_distress_before_is_taken_as_it_is() {
    let s = Sandbox::with(&Fixture::version(2).rung(1, "Ask Sam for a lift", 30).text());
    s.ok(&["done", "1", "--before", "50", "--peak", "30", "--after", "20"]);
    let text = s.read();
    let attempt = &text[text.find("[[attempt]]").unwrap()..];
    assert!(attempt.contains("\nbefore = 50\nafter = 20\n") && attempt.contains("\npeak = 30\n"), "{attempt}");
}

/// `history` at 40 columns: its sentence folds, its list of changes keeps its columns lined up, a change's words
/// folding under themselves.
#[test]
fn history_folds_its_sentence_and_keeps_its_list() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    assert_eq!(
        lines(&at(&s, "40", &["history"])),
        [
            "Changes ladder can take back, newest",
            "first (`ladder undo N` takes back the",
            "first N):",
            "  1  2026-11-22 18:30  added rung 1",
            "  2  2026-11-22 18:30  created the",
            "                       ladder file",
        ]
    );
}

#[test]
fn the_crisis_line_and_an_ask_with_quotes_in_it_fold_to_a_narrow_terminal_too() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Priya to pair on the flaky test", "-s", "40", "--who", "Priya"]);
    let first =
        ["done", "--outcome", "yes", "--before", "40", "--after", "60", "--date", "2026-11-21", "--confirm-date"];
    s.ok(&first);
    let said = at(&s, "40", &["done", "--outcome", "partial", "--before", "50", "--after", "70"]);
    assert!(said.lines().all(|line| line.chars().count() <= 40), "{said}");
    assert!(
        said.lines().collect::<Vec<_>>().join(" ").contains(
            "ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local \
             emergency services or a crisis line now."
        ),
        "{said}"
    );
    let said = at(&s, "40", &["hesitated", "Ask a colleague: \"Can I pick your brain for five minutes?\""]);
    assert!(said.lines().all(|line| line.chars().count() <= 40), "{said}");
}

#[test]
fn an_empty_file_where_ladder_last_wrote_a_ladder_is_never_written_over() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    // An editor saving the file truncates it first, then writes it again.
    s.write("");
    let err = s.fails(&["add", "Ask Jo for the time", "--stakes", "20"], 2);
    assert_eq!(
        err,
        format!(
            "ladder: {} is empty, though ladder last wrote a ladder into it (an editor or a sync saving it?); nothing \
             was written: try again once it is saved, or remove the file to start a new ladder\n",
            s.file().display()
        )
    );
    assert_eq!(s.read_raw(), "");
    // Removed, a new ladder starts.
    fs::remove_file(s.file()).unwrap();
    s.ok(&["add", "Ask Jo for the time", "--stakes", "20"]);
}

#[test]
fn entries_whose_uid_lines_were_deleted_by_hand_keep_their_uids_through_the_next_save() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    s.ok(&["done", "1"]);
    s.ok(&["hesitated", "Wanted to ask Jo"]);
    let uids =
        |text: &str| -> Vec<String> { text.lines().filter(|l| l.starts_with("uid = ")).map(str::to_string).collect() };
    let before = uids(&s.read_raw());
    assert_eq!(before.len(), 3);
    s.write(&s.read_raw().split_inclusive('\n').filter(|l| !l.starts_with("uid = ")).collect::<String>());
    s.ok(&["add", "Ask Ana the way", "--stakes", "20"]);
    // Another device knows these entries by their uids: a fold of its copy must find them, not add them again.
    let after = uids(&s.read_raw());
    assert!(before.iter().all(|uid| after.contains(uid)), "{before:?} {after:?}");
    assert_eq!(after.len(), 4);
}

#[test]
fn conflicts_and_sync_fold_to_a_narrow_terminal_too() {
    let ladder = Fixture::version(2).rung(1, "Ask Sam to look over one slide before the meeting", 30).uid("rungone001");
    let conflict = ladder.table("conflict").set("rung", "rungone001").set("field", "stakes").set("kept", "30");
    let s = Sandbox::with(&conflict.set("other", "25").text());
    for args in [&["conflicts"][..], &["sync"], &["conflicts", "--clear"]] {
        let said = at(&s, "40", args);
        assert!(said.lines().all(|line| line.chars().count() <= 40), "{args:?}:\n{said}");
    }
}

#[test]
fn with_the_uid_lines_deleted_by_hand_every_command_still_finds_its_entries() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    s.ok(&["add", "Ask Jo for the time", "--stakes", "20"]);
    s.ok(&["done", "2"]);
    s.ok(&["plan", "1", "--on", "2026-11-25"]);
    let uids =
        |text: &str| -> Vec<String> { text.lines().filter(|l| l.starts_with("uid = ")).map(str::to_string).collect() };
    let before = uids(&s.read_raw());
    let strip = |s: &Sandbox| {
        s.write(&s.read_raw().split_inclusive('\n').filter(|l| !l.starts_with("uid = ")).collect::<String>());
    };
    for args in [
        &["done", "1"][..],
        &["fix", "1", "--note", "Went fine"],
        &["edit", "2", "--stakes", "25"],
        &["split", "1", "Ask Sam what time he leaves"],
        &["forget", "1"],
    ] {
        strip(&s);
        s.ok(args);
        let now = uids(&s.read_raw());
        assert!(before.iter().all(|uid| now.contains(uid) || args[0] == "forget"), "{args:?}: {before:?} {now:?}");
    }
    // The easier step is linked to its rung by the rung's own uid.
    let ladder = ladder::model::Ladder::parse(&s.read_raw()).unwrap();
    let hard = ladder.rung(1).unwrap();
    assert!(ladder.rungs.iter().any(|r| r.before.as_deref() == Some(hard.uid.as_str())), "{}", s.read_raw());
}
