//! Folding conflict copies a sync tool left beside the ladder: a fold is saved only with the command's own work,
//! never costs data when a notice cannot be printed, uses only a real folder of the person's own, shows a
//! copy's name escaped, is mentioned by the read commands while it waits, and is taken back by undo whole.

use std::fs;

use crate::common::{Fixture, Sandbox, paused_at};

/// Rung 1, "Ask Sam", with attempt 1 (`uid`, at `at`) on it: a yes.
fn sam_tried(uid: &str, at: &str) -> Fixture {
    Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").attempt(1, 1, at).uid(uid).outcome("yes")
}

/// This device's ladder.
fn ours() -> String {
    sam_tried("oursatt001", "2026-11-21T10:00:00+01:00").text()
}

/// The other device's copy: the same rung, and an attempt of its own.
fn theirs() -> String {
    sam_tried("phoneatt01", "2026-11-21T12:00:00+01:00").text()
}

const COPY: &str = "ladder.sync-conflict-20261121-120000-PHONE12.toml";
const MOVED: &str = "ladder: attempt 1 (made 2026-11-21 12:00) is now attempt 2: both devices had used ID 1\n";
/// What a fold says when the undo history holds no version both devices had (a ladder written by hand here).
const UNION: &str = "ladder: no version both devices had is in the undo history, so every entry of either was kept \
                     (a rung removed on one device comes back)\n";

/// A ladder with the other device's copy waiting beside it.
fn with_copy() -> Sandbox {
    let s = Sandbox::with(&ours());
    fs::write(s.path(COPY), theirs()).unwrap();
    s
}

/// The attempts' uids in the ladder file.
fn attempts(s: &Sandbox) -> Vec<String> {
    ladder::model::Ladder::parse(&s.read_raw()).unwrap().attempts.into_iter().map(|a| a.uid).collect()
}

/// The lines every fold of `COPY` into a ladder with no history ends with.
fn folded(s: &Sandbox) -> String {
    format!(
        "ladder: folded the conflict copy {COPY} into {} and moved it to {}\n{UNION}",
        s.file().display(),
        s.path("ladder-merged").display()
    )
}

/// The copy is still beside the ladder, as it was, and nothing was put away.
fn waiting(s: &Sandbox) {
    assert_eq!(fs::read_to_string(s.path(COPY)).unwrap(), theirs());
    assert!(!s.path("ladder-merged").exists());
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn a_command_that_fails_after_a_copy_was_found_saves_nothing_and_leaves_the_copy() {
    let s = with_copy();
    let err = s.fails(&["done", "99"], 2);
    assert_eq!(err, "ladder: there is no rung with ID 99; `ladder list` shows them all\n");
    assert_eq!(s.read_raw(), ours());
    waiting(&s);
    assert_eq!(s.ok(&["history"]), "Nothing to undo: ladder has made no change to this file that it can take back.\n");

    let err = s.fails(&["init"], 2);
    assert_eq!(
        err,
        format!(
            "ladder: {} already exists, and ladder never overwrites a ladder; `ladder list` shows what is in it\n",
            s.file().display()
        )
    );
    assert_eq!(s.read_raw(), ours());
    waiting(&s);

    // The next change that succeeds folds it in, with its own work, and exit 0 means both were saved.
    let out = s.ladder(&["done", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), format!("{MOVED}{}", folded(&s)));
    assert_eq!(attempts(&s)[..2], ["oursatt001", "phoneatt01"]);
    assert_eq!(attempts(&s).len(), 3);
    assert!(!s.path(COPY).exists());
    assert_eq!(fs::read_to_string(s.path("ladder-merged").join(COPY)).unwrap(), theirs());
    // The fold and the attempt are two changes, saved at once: undo takes back the attempt first.
    let history = s.ok(&["history"]);
    let lines: Vec<&str> = history.lines().map(|l| l.split("  ").last().unwrap()).collect();
    assert_eq!(lines[1..], ["recorded attempt 3 on rung 1", &format!("folded in the conflict copy {COPY}")]);
}

#[test]
fn a_command_that_changes_nothing_still_saves_the_fold() {
    let s = with_copy();
    let out = s.ladder(&["plan", "1", "--clear"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Nothing to change: #1 has no plan.\n");
    assert_eq!(stderr(&out), format!("{MOVED}{}", folded(&s)));
    assert_eq!(attempts(&s), ["oursatt001", "phoneatt01"]);
}

#[test]
fn a_copy_that_cannot_be_put_away_is_not_folded_and_the_command_s_own_work_is_saved() {
    // A file in the way of the folder.
    let s = with_copy();
    fs::write(s.path("ladder-merged"), "mine").unwrap();
    let out = s.ladder(&["done", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "ladder: left the conflict copy {COPY} where it is, not folded in: {} is a file, not a folder\n",
            s.path("ladder-merged").display()
        )
    );
    assert_eq!(attempts(&s).len(), 2, "the attempt asked for, and not the copy's");
    assert!(!attempts(&s).contains(&"phoneatt01".to_string()));
    assert_eq!(fs::read_to_string(s.path(COPY)).unwrap(), theirs());
    assert_eq!(fs::read_to_string(s.path("ladder-merged")).unwrap(), "mine");

    // A copy of the same name put away before: this one gets a name of its own beside it.
    let s = with_copy();
    fs::create_dir(s.path("ladder-merged")).unwrap();
    fs::write(s.path("ladder-merged").join(COPY), "an older copy").unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), format!("{MOVED}{}", folded(&s)));
    assert_eq!(fs::read_to_string(s.path("ladder-merged").join(COPY)).unwrap(), "an older copy");
    assert_eq!(fs::read_to_string(s.path("ladder-merged").join(format!("{COPY}.1"))).unwrap(), theirs());
}

#[cfg(unix)]
#[test]
fn a_copy_the_sync_tool_removes_while_it_is_folded_in_is_said_to_be_gone_and_the_attempt_is_saved() {
    let s = with_copy();
    // Just before the save: the sync tool takes the copy away.
    let out = paused_at(&s, "LADDER_TEST_PAUSE", 1, &["done", "1"], |_| fs::remove_file(s.path(COPY)).unwrap());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "{MOVED}ladder: folded the conflict copy {COPY} in, but could not move it to {}: it is gone already \
             (did the sync tool remove it?)\n{UNION}",
            s.path("ladder-merged").display()
        )
    );
    assert_eq!(attempts(&s).len(), 3, "ours, the copy's, and the one asked for");
}

#[test]
fn a_command_on_a_conflict_copy_is_refused_and_names_the_ladder() {
    let s = with_copy();
    let copy = s.path(COPY);
    let err = s.fails(&["--file", copy.to_str().unwrap(), "done", "4"], 2);
    assert_eq!(
        err,
        format!(
            "ladder: {} is a conflict copy of {}, left by a sync tool, and ladder changes only the ladder itself; \
             `ladder --file {} sync` folds the copy into it; nothing was changed\n",
            copy.display(),
            s.file().display(),
            s.file().display()
        )
    );
    assert_eq!(s.read_raw(), ours());
    waiting(&s);
    s.fails(&["--file", copy.to_str().unwrap(), "undo"], 2);
    s.fails(&["--file", copy.to_str().unwrap(), "sync"], 2);
    waiting(&s);
    // Reading it is harmless: it shows what the other device had.
    assert!(s.ok(&["--file", copy.to_str().unwrap(), "list"]).contains("Ask Sam"));
    // Without the ladder beside it, a file of that name is a ladder like any other.
    fs::remove_file(s.file()).unwrap();
    s.ok(&["--file", copy.to_str().unwrap(), "done", "1"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_standard_error_that_cannot_be_written_costs_no_data_and_never_panics() {
    let full = || fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let s = with_copy();
    let out = s.process(&["done", "1"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(attempts(&s)[..2], ["oursatt001", "phoneatt01"]);
    assert_eq!(attempts(&s).len(), 3, "the attempt asked for is saved");
    assert!(s.path("ladder-merged").join(COPY).exists());

    let out = s.process(&["done", "99"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));

    // A merge run by git with its standard error closed or full.
    fs::write(s.path("theirs.toml"), theirs().replace("phoneatt01", "tabletat01")).unwrap();
    let out = s.process(&["merge", "missing-base.toml", "ladder.toml", "theirs.toml"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(attempts(&s).len(), 4, "{}", s.read_raw());

    // A name the file does not know is warned about on stderr.
    s.write(&ours().replace("version = 2\n", "version = 2\nmystery = 1\n"));
    let out = s.process(&["list"]).stderr(full()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_copy_s_name_is_shown_escaped() {
    let s = Sandbox::with(&ours());
    let name = "ladder.sync-conflict-\u{1b}]52;c;aGk=\u{7}-X.toml";
    let shown = "ladder.sync-conflict-\\u{1b}]52;c;aGk=\\u{7}-X.toml";
    fs::write(s.path(name), theirs()).unwrap();
    let out = s.ladder(&["list"]).output().unwrap();
    assert_eq!(
        stderr(&out),
        format!(
            "ladder: a conflict copy from another device is waiting beside the ladder, not shown here: {shown}; \
             `ladder sync` folds it in.\n"
        )
    );
    let out = s.ladder(&["done", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "{MOVED}ladder: folded the conflict copy {shown} into {} and moved it to {}\n{UNION}",
            s.file().display(),
            s.path("ladder-merged").display()
        )
    );
    assert_eq!(
        s.ok(&["undo", "2"]),
        format!(
            "Undone: recorded attempt 3 on rung 1.\nUndone: folded in the conflict copy {shown}.\n\
             It took out what the copy had brought in: 1 attempt.\n\
             The copy is back beside the ladder as {shown}; `ladder sync` folds it in again.\n"
        )
    );
    // One that does not read is left where it is, and named escaped too.
    fs::write(s.path(name), "<<<<<<< HEAD\n").unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    let err = stderr(&out);
    assert!(err.starts_with(&format!("ladder: the conflict copy {shown} was left where it is: ")), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

#[cfg(unix)]
#[test]
fn a_ladder_merged_that_is_a_symlink_is_not_followed_and_the_copy_stays() {
    let s = with_copy();
    let elsewhere = s.path("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, s.path("ladder-merged")).unwrap();
    let out = s.ladder(&["done", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "ladder: left the conflict copy {COPY} where it is, not folded in: {} is a symlink, and could lead \
             anywhere (make it a real folder)\n",
            s.path("ladder-merged").display()
        )
    );
    assert_eq!(attempts(&s).len(), 2, "the attempt asked for, and not the copy's");
    assert!(!attempts(&s).contains(&"phoneatt01".to_string()));
    assert_eq!(fs::read_to_string(s.path(COPY)).unwrap(), theirs());
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing moved out of the folder");
    // `ladder sync`, asked only to fold, folds nothing and says so.
    let err = s.fails(&["sync"], 2);
    assert_eq!(
        err,
        format!(
            "ladder: left the conflict copy {COPY} where it is, not folded in: {} is a symlink, and could lead \
             anywhere (make it a real folder)\nladder: no conflict copy was folded in; nothing was changed\n",
            s.path("ladder-merged").display()
        )
    );
    assert_eq!(fs::read_to_string(s.path(COPY)).unwrap(), theirs());
}

#[test]
fn the_read_commands_mention_a_waiting_copy_in_one_line() {
    let s = with_copy();
    let line = format!(
        "ladder: a conflict copy from another device is waiting beside the ladder, not shown here: {COPY}; \
         `ladder sync` folds it in.\n"
    );
    for args in [&["next"][..], &["next", "--json"], &["list"], &["list", "--json"], &["progress"]] {
        let out = s.ladder(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&out), line, "{args:?}");
    }
    // Not in a prompt: `next -q` prints its one line and nothing else.
    let out = s.ladder(&["next", "-q"]).output().unwrap();
    assert_eq!(stderr(&out), "");
    // Named with --file, the command to fold says so too.
    let file = s.file();
    let out = s.ladder(&["--file", file.to_str().unwrap(), "list"]).output().unwrap();
    assert!(stderr(&out).ends_with(&format!("`ladder --file {} sync` folds it in.\n", file.display())));
    waiting(&s);
    s.ok(&["sync"]);
    let out = s.ladder(&["list"]).output().unwrap();
    assert_eq!(stderr(&out), "");
}

#[test]
fn undoing_a_fold_takes_out_what_it_brought_and_puts_the_copy_back_for_sync_to_fold_again() {
    let s = with_copy();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), format!("{MOVED}{}", folded(&s)));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let after_fold = s.read_raw();

    assert_eq!(
        s.ok(&["undo"]),
        format!(
            "Undone: folded in the conflict copy {COPY}.\n\
             It took out what the copy had brought in: 1 attempt.\n\
             The copy is back beside the ladder as {COPY}; `ladder sync` folds it in again.\n"
        )
    );
    assert_eq!(s.read_raw(), ours());
    assert_eq!(fs::read_to_string(s.path(COPY)).unwrap(), theirs());
    assert_eq!(fs::read_dir(s.path("ladder-merged")).unwrap().count(), 0);

    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(stderr(&out), format!("{MOVED}{}", folded(&s)));
    assert_eq!(s.read_raw(), after_fold, "folded again, the same");

    // Another file of that name beside the ladder by then: the copy stays put away, and undo says where.
    s.ok(&["done", "1"]);
    fs::write(s.path(COPY), "not a ladder").unwrap();
    let out = s.ladder(&["undo", "2"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "Undone: recorded attempt 3 on rung 1.\nUndone: folded in the conflict copy {COPY}.\n\
             It took out what the copy had brought in: 1 attempt.\n\
             The copy is still at {}, as a file of its name is already beside the ladder; once `ladder sync` has \
             folded that one in, move the copy back beside the ladder and it folds in again.\n",
            s.path("ladder-merged").join(COPY).display()
        )
    );
    assert_eq!(s.read_raw(), ours());
}

/// The ladder in the sandbox's file.
fn parsed(s: &Sandbox) -> ladder::model::Ladder {
    ladder::model::Ladder::parse(&s.read_raw()).unwrap()
}

/// Leaves `copy` beside the ladder as the sync tool's conflict copy and folds it in with `ladder sync`, which
/// must find a base: its one line says nothing of a union.
fn fold_three_way(s: &Sandbox, copy: &str) {
    fs::write(s.path(COPY), copy).unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "ladder: folded the conflict copy {COPY} into {} and moved it to {}\n",
            s.file().display(),
            s.path("ladder-merged").display()
        )
    );
}

/// What the other device had when the two last saw each other (`synced`), with `args` run on it there.
fn other_device(synced: &str, args: &[&str]) -> String {
    let other = Sandbox::with(synced);
    other.ok(args);
    other.read_raw()
}

#[test]
fn a_fold_is_three_way_from_the_version_both_devices_had_so_a_plan_cleared_here_stays_cleared() {
    let s = Sandbox::with(&ours());
    s.ok(&["plan", "1", "--on", "2026-11-25"]);
    let synced = s.read_raw();
    // The other device records an attempt; this one records the planned ask, which clears the plan.
    let theirs = other_device(&synced, &["done", "1", "--note", "on the phone"]);
    s.ok(&["done", "1"]);
    fs::write(s.path(COPY), &theirs).unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "ladder: attempt 2 (made 2026-11-22 18:30) is now attempt 3: both devices had used ID 2\n\
             ladder: folded the conflict copy {COPY} into {} and moved it to {}\n",
            s.file().display(),
            s.path("ladder-merged").display()
        )
    );
    let ladder = parsed(&s);
    assert_eq!((ladder.rungs[0].planned, ladder.rungs[0].place.as_deref()), (None, None), "{}", s.read_raw());
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
    let notes: Vec<_> = ladder.attempts.iter().map(|a| a.note.as_deref()).collect();
    assert_eq!(notes, [None, None, Some("on the phone")]);
}

#[test]
fn a_change_made_here_after_the_devices_last_met_is_not_taken_for_the_base() {
    let s = Sandbox::with(&ours());
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let synced = s.read_raw();
    let theirs = other_device(&synced, &["hesitated", "Wanted to ask for directions"]);
    // Only a value changes here: the copy has every entry of this version, yet was made before it.
    s.ok(&["edit", "2", "--stakes", "45"]);
    fold_three_way(&s, &theirs);
    let ladder = parsed(&s);
    assert_eq!(ladder.rung(2).unwrap().stakes, 45, "the change made here stands:\n{}", s.read_raw());
    assert_eq!(ladder.hesitations.len(), 1);
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
}

#[test]
fn when_the_sync_kept_the_other_device_s_version_the_base_is_found_from_the_copy() {
    let s = Sandbox::with(&ours());
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let synced = s.read_raw();
    let theirs = other_device(&synced, &["edit", "2", "--stakes", "45"]);
    s.ok(&["plan", "2", "--on", "2026-11-25"]);
    // The sync tool kept the other device's file and set this device's own version aside as the copy.
    let mine = s.read_raw();
    s.write(&theirs);
    fold_three_way(&s, &mine);
    let ladder = parsed(&s);
    let rung = ladder.rung(2).unwrap();
    assert_eq!((rung.stakes, rung.planned.map(|d| d.to_string())), (45, Some("2026-11-25".to_string())));
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
}

#[test]
fn conflicts_are_not_cleared_while_a_copy_waits_that_could_set_more_aside() {
    let s = with_copy();
    let conflict = sam_tried("oursatt001", "2026-11-21T10:00:00+01:00").table("conflict");
    s.write(&conflict.set("rung", "rungone001").set("field", "stakes").set("kept", "30").set("other", "25").text());
    let before = s.read_raw();
    let err = s.fails(&["conflicts", "--clear"], 2);
    assert_eq!(
        err,
        "ladder: a conflict copy from another device is waiting beside the ladder, and folding it in may set more \
         values aside; run `ladder sync`, look at `ladder conflicts`, then clear; nothing was changed\n"
    );
    assert_eq!(s.read_raw(), before);
    waiting(&s);
}

#[test]
fn a_copy_that_holds_nothing_new_is_put_away_without_a_change_to_undo() {
    let s = Sandbox::with(&ours());
    fs::write(s.path(COPY), ours()).unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), folded(&s));
    assert_eq!(s.read_raw(), ours());
    assert!(s.path("ladder-merged").join(COPY).exists());
    assert_eq!(s.ok(&["history"]), "Nothing to undo: ladder has made no change to this file that it can take back.\n");
}

#[test]
fn a_plan_the_other_device_cleared_by_recording_the_ask_stays_cleared() {
    let s = Sandbox::with(&ours());
    s.ok(&["plan", "1", "--on", "2026-11-25"]);
    let synced = s.read_raw();
    let theirs = other_device(&synced, &["done", "1", "--note", "on the phone"]);
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    fold_three_way(&s, &theirs);
    let ladder = parsed(&s);
    assert_eq!((ladder.rungs[0].planned, ladder.rungs.len()), (None, 2), "{}", s.read_raw());
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
    assert_eq!(ladder.attempts.len(), 2);
}

#[test]
fn undoing_a_fold_that_only_changed_values_says_so() {
    let s = Sandbox::with(&ours());
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let synced = s.read_raw();
    fs::write(s.path(COPY), other_device(&synced, &["edit", "2", "--stakes", "45"])).unwrap();
    s.ok(&["sync"]);
    assert_eq!(parsed(&s).rung(2).unwrap().stakes, 45, "taken three-way, with no conflict");
    assert!(parsed(&s).conflicts.is_empty());
    assert_eq!(
        s.ok(&["undo"]),
        format!(
            "Undone: folded in the conflict copy {COPY}.\n\
             It had brought in no new entries from the copy, only values that differed; those are taken out.\n\
             The copy is back beside the ladder as {COPY}; `ladder sync` folds it in again.\n"
        )
    );
    assert_eq!(s.read_raw(), synced);
}

#[test]
fn init_beside_a_copy_of_a_ladder_that_is_gone_points_at_sync() {
    let s = Sandbox::new();
    fs::write(s.path(COPY), theirs()).unwrap();
    let err = s.fails(&["init"], 2);
    assert_eq!(
        err,
        format!(
            "ladder: there is no ladder at {}, but a sync tool left a conflict copy of one beside it; `ladder sync` \
             makes the ladder from it; nothing was changed\n",
            s.file().display()
        )
    );
    assert!(!s.file().exists());
    waiting(&s);
    s.ok(&["sync"]);
    assert_eq!(attempts(&s), ["phoneatt01"]);
}

/// What the other device had when the two last saw each other (`synced`), with each of `commands` run on it.
fn other_device_ran(synced: &str, commands: &[&[&str]]) -> String {
    let other = Sandbox::with(synced);
    for args in commands {
        other.ok(args);
    }
    other.read_raw()
}

/// Folds the other device's ladder (`theirs`) in three-way, as the sync tool left it: beside this device's
/// file, or (when it kept the other device's file, not `kept_ours`) as the file, with this device's beside it.
fn fold_as_synced(s: &Sandbox, theirs: String, kept_ours: bool) {
    let copy = if kept_ours {
        theirs
    } else {
        let mine = s.read_raw();
        s.write(&theirs);
        mine
    };
    fold_three_way(s, &copy);
}

#[test]
fn a_change_made_here_before_the_last_change_both_devices_made_is_not_taken_back_by_a_fold() {
    for sync_kept_ours in [true, false] {
        let s = Sandbox::with(&ours());
        s.ok(&["add", "Ask Jo", "--stakes", "40"]);
        let synced = s.read_raw();
        // Here: a rung edited, then attempt 1 thanked. There: the same thank, and an attempt of its own.
        s.ok(&["edit", "2", "--stakes", "45"]);
        s.ok(&["thank", "1"]);
        let theirs = other_device_ran(&synced, &[&["thank", "1"], &["done", "1", "--note", "on the phone"]]);
        fold_as_synced(&s, theirs, sync_kept_ours);
        let ladder = parsed(&s);
        assert_eq!(ladder.rung(2).unwrap().stakes, 45, "the edit made here stands:\n{}", s.read_raw());
        assert_eq!(ladder.attempts.len(), 2);
        assert!(ladder.attempts[0].thanked == Some(true) && ladder.conflicts.is_empty(), "{}", s.read_raw());
        fs::remove_dir_all(s.path("ladder-merged")).unwrap();
    }
}

#[test]
fn an_attempt_fixed_here_before_the_last_change_both_devices_made_keeps_its_fix_through_a_fold() {
    let s = Sandbox::with(&ours());
    let synced = s.read_raw();
    s.ok(&["fix", "1", "--note", "Written here", "--before", "40"]);
    s.ok(&["thank", "1"]);
    let theirs = other_device_ran(&synced, &[&["thank", "1"], &["done", "1"]]);
    fold_three_way(&s, &theirs);
    let ladder = parsed(&s);
    let fixed = &ladder.attempts[0];
    assert_eq!((fixed.note.as_deref(), fixed.before, fixed.thanked), (Some("Written here"), Some(40), Some(true)));
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
}

#[test]
fn a_rung_removed_here_stays_removed_through_a_fold_of_a_copy_made_before() {
    for sync_kept_ours in [true, false] {
        let s = Sandbox::with(&ours());
        s.ok(&["add", "Ask Jo", "--stakes", "40"]);
        s.ok(&["done", "2"]);
        let synced = s.read_raw();
        s.ok(&["rm", "2"]);
        let theirs = other_device_ran(&synced, &[&["done", "1"]]);
        fold_as_synced(&s, theirs, sync_kept_ours);
        let ladder = parsed(&s);
        let rungs: Vec<&str> = ladder.rungs.iter().map(|r| r.ask.as_str()).collect();
        assert_eq!(rungs, ["Ask Sam"], "{}", s.read_raw());
        assert_eq!(ladder.attempts.len(), 2, "{}", s.read_raw());
        fs::remove_dir_all(s.path("ladder-merged")).unwrap();
    }
}

#[test]
fn conflicts_cleared_here_stay_cleared_through_a_fold_of_a_copy_made_before() {
    let conflict = sam_tried("oursatt001", "2026-11-21T10:00:00+01:00").table("conflict");
    let s = Sandbox::with(
        &conflict.set("rung", "rungone001").set("field", "stakes").set("kept", "30").set("other", "25").text(),
    );
    s.ok(&["plan", "1", "--on", "2026-11-25"]);
    let synced = s.read_raw();
    s.ok(&["conflicts", "--clear"]);
    let theirs = other_device_ran(&synced, &[&["hesitated", "Wanted to ask for directions"]]);
    fold_three_way(&s, &theirs);
    let ladder = parsed(&s);
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
    assert_eq!(ladder.hesitations.len(), 1);
}

#[test]
fn a_copy_that_forgot_an_attempt_is_folded_three_way_and_the_attempt_stays_forgotten() {
    let s = Sandbox::with(&ours());
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let synced = s.read_raw();
    s.ok(&["edit", "2", "--stakes", "45"]);
    let theirs = other_device_ran(&synced, &[&["forget", "1"], &["edit", "1", "--stakes", "35"]]);
    fold_three_way(&s, &theirs);
    let ladder = parsed(&s);
    let stakes: Vec<u8> = ladder.rungs.iter().map(|r| r.stakes).collect();
    assert_eq!(stakes, [35, 45], "{}", s.read_raw());
    assert!(ladder.attempts.is_empty() && ladder.conflicts.is_empty(), "{}", s.read_raw());
}

#[test]
fn with_three_devices_a_third_device_s_copy_is_folded_from_the_version_all_three_had() {
    let s = Sandbox::with(&ours());
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let synced = s.read_raw();
    s.ok(&["edit", "2", "--stakes", "45"]);
    let second = other_device_ran(&synced, &[&["done", "1", "--note", "on the phone"]]);
    let third = other_device_ran(&synced, &[&["hesitated", "Wanted to ask for directions"]]);
    // The sync tool kept the second device's file, and set this device's own and the third's beside it.
    let mine = s.read_raw();
    s.write(&second);
    fs::write(s.path("ladder.sync-conflict-20261122-090000-LAPTOP1.toml"), mine).unwrap();
    fs::write(s.path("ladder.sync-conflict-20261122-090000-TABLET1.toml"), third).unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("no version both devices had"), "{}", stderr(&out));
    let ladder = parsed(&s);
    assert_eq!(ladder.rung(2).unwrap().stakes, 45, "{}", s.read_raw());
    assert_eq!((ladder.attempts.len(), ladder.hesitations.len()), (2, 1));
    assert!(ladder.conflicts.is_empty(), "{}", s.read_raw());
}

#[test]
fn a_copy_that_names_nothing_of_a_ladder_is_left_where_it_is() {
    let s = Sandbox::with(&ours());
    for foreign in ["[server]\nhost = \"a\"\n", "title = \"x\"\n", "# only a comment\n"] {
        fs::write(s.path(COPY), foreign).unwrap();
        let out = s.ladder(&["sync"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!(
                "ladder: the conflict copy {COPY} was left where it is: it holds nothing of a ladder (none of its keys \
                 or tables); look at it, and move it away if it is not a ladder\n\
                 ladder: no conflict copy was folded in; nothing was changed\n"
            )
        );
        assert_eq!((s.read_raw(), fs::read_to_string(s.path(COPY)).unwrap()), (ours(), foreign.to_string()));
    }
}

#[test]
fn a_copy_folded_into_a_ladder_whose_uid_lines_were_deleted_adds_nothing_twice() {
    let s = Sandbox::with(&ours());
    s.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let synced = s.read_raw();
    let theirs = other_device_ran(&synced, &[&["done", "2"]]);
    s.write(&s.read_raw().split_inclusive('\n').filter(|l| !l.starts_with("uid = ")).collect::<String>());
    // The hand-edited text is no version ladder wrote: the fold is a union, by uid.
    fs::write(s.path(COPY), &theirs).unwrap();
    s.ok(&["sync"]);
    let ladder = parsed(&s);
    let asks: Vec<&str> = ladder.rungs.iter().map(|r| r.ask.as_str()).collect();
    assert_eq!((asks, ladder.attempts.len()), (vec!["Ask Sam", "Ask Jo"], 2), "{}", s.read_raw());
}

/// A rung removed on the other device, folded in with no base (this device's history does not reach back to
/// the version the other device had): it comes back, as documented for a union, under a new ID, and the line
/// says why truly: the ID was the other device's for a rung it has since removed, not a second rung's.
#[test]
fn a_rung_removed_on_the_other_device_comes_back_with_the_true_reason_for_its_new_id() {
    let synced = Fixture::version(2).rung(1, "Ask Sam", 30).rung(2, "Ask Bo", 40).rung(3, "Ask Jo", 50).text();
    let theirs = other_device(&synced, &["rm", "2"]);
    let s = Sandbox::with(&synced);
    fs::write(s.path(COPY), &theirs).unwrap();
    let out = s.ladder(&["sync"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        format!(
            "ladder: rung 2 \u{201c}Ask Bo\u{201d} is now rung 4: ID 2 had been given on one device to a rung it \
             no longer has\n\
             ladder: folded the conflict copy {COPY} into {} and moved it to {}\n\
             ladder: no version both devices had is in the undo history, so every entry of either was kept (a rung \
             removed on one device comes back)\n",
            s.file().display(),
            s.path("ladder-merged").display()
        )
    );
}

/// attack16: this device set a field, then made another change; the other device set the same field otherwise.
/// Folding its copy in, the version between this device's two changes is no base for it (the copy set the field
/// that version's change set): the two values are a conflict, one kept and one set aside, and this device's is
/// never lost without a word under the copy's.
#[test]
fn a_field_set_on_both_devices_two_changes_back_is_a_conflict_not_a_silent_loss() {
    let s = Sandbox::new();
    s.ok(&["init", "--example"]);
    let other = Sandbox::with(&s.read_raw());
    s.ok(&["edit", "5", "--fear", "They laugh"]);
    s.ok(&["edit", "3", "--stakes", "26"]);
    other.ok(&["edit", "5", "--fear", "They ignore"]);
    fs::write(s.path(COPY), other.read_raw()).unwrap();
    s.ok(&["sync"]);
    assert_eq!(
        s.ok(&["conflicts"]),
        "Changed differently on two devices; ladder kept one value and set the other aside:\n  \
         rung 5 \u{201c}Ask a friend to recommend a book, a plumber or a doctor\u{201d}, fear: kept \u{201c}They \
         laugh\u{201d}, set aside \u{201c}They ignore\u{201d}\n\
         Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n"
    );
}
