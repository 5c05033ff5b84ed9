//! The undo history: many levels, `ladder history`, and never a wrong or unreadable restore; a file that
//! changes under a save is never overwritten with what was read before.

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

use crate::common::{Fixture, Sandbox, gates, paused_at};

fn two_rungs() -> String {
    Fixture::version(2).rung(1, "Ask Sam", 30).rung(2, "Ask Jo", 40).text()
}

fn records(s: &Sandbox) -> Vec<PathBuf> {
    // The undo folder, beside the lock in the state folder.
    let history = fs::read_dir(s.path("home/state/ladder"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("undo-"))
        .unwrap()
        .path();
    let mut records: Vec<PathBuf> = fs::read_dir(history)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "undo"))
        .collect();
    records.sort();
    records
}

#[test]
fn a_removed_rung_comes_back_after_later_changes_and_history_lists_them() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["rm", "2"]);
    s.ok(&["done", "--before", "40", "--after", "20"]);
    assert_eq!(
        s.ok(&["history"]),
        "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
         1  2026-11-22 18:30  recorded attempt 1 on rung 1\n  \
         2  2026-11-22 18:30  removed rung 2\n"
    );
    let json = s.json(&["history", "--json"]);
    assert_eq!(json[1]["change"], "removed rung 2");
    assert_eq!(json[1]["at"], crate::common::NOW);
    assert_eq!(s.ok(&["undo", "2"]), "Undone: recorded attempt 1 on rung 1.\nUndone: removed rung 2.\n");
    assert_eq!(s.read(), two_rungs());
    assert_eq!(s.ok(&["history"]), "Nothing to undo: ladder has made no change to this file that it can take back.\n");
}

#[test]
fn undo_refuses_more_than_it_has_and_after_a_hand_edit() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    s.refused(&["undo", "2"], "");
    assert_eq!(
        s.fails(&["undo", "2"], 2),
        "ladder: only 1 change can be undone (`ladder history` lists them); nothing was changed\n"
    );
    // A hand edit of the very attempt the change recorded: undo would lose it.
    s.write(&s.read_raw().replace("outcome = \"yes\"", "outcome = \"no\""));
    s.refused(&["undo"], "undo cannot take back \u{201c}recorded attempt 1 on rung 1\u{201d}");
}

#[test]
fn twenty_changes_can_be_taken_back() {
    let s = Sandbox::with(&two_rungs());
    for n in 0..25 {
        s.ok(&["done", "1", "--note", &format!("try {n}")]);
    }
    s.ok(&["undo", "25"]);
    assert_eq!(s.read(), two_rungs());
}

#[test]
fn a_damaged_record_is_refused_and_nothing_is_written() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["edit", "1", "--stakes", "35"]);
    let record = records(&s).pop().unwrap();
    let good = fs::read(&record).unwrap();
    // A changed byte anywhere in the text it would restore.
    let mut bytes = good.clone();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    fs::write(&record, &bytes).unwrap();
    s.refused(&["undo"], "");
    assert_eq!(
        s.fails(&["undo"], 2),
        "ladder: the undo record of ladder's last change is damaged, so undo cannot take it back safely; nothing was changed\n"
    );
    // Numbers that still read, but would cut the file in the wrong place: the checksum covers them too.
    let text = String::from_utf8(good).unwrap();
    let lens = text.lines().nth(5).unwrap().to_string();
    let [prefix, suffix, forward]: [&str; 3] = lens.split(' ').collect::<Vec<_>>().try_into().unwrap();
    let moved = format!("{} {} {forward}", prefix.parse::<usize>().unwrap() - 1, suffix.parse::<usize>().unwrap() + 1);
    fs::write(&record, text.replacen(&format!("\n{lens}\n"), &format!("\n{moved}\n"), 1)).unwrap();
    assert_eq!(
        s.fails(&["undo"], 2),
        "ladder: the undo record of ladder's last change is damaged, so undo cannot take it back safely; nothing was changed\n"
    );
    assert!(s.read().contains("stakes = 35"));
}

#[cfg(unix)]
#[test]
fn a_failed_save_keeps_the_history_of_the_last_real_change() {
    let s = Sandbox::with(&(two_rungs() + &"# a long note to make the file bigger than the limit\n".repeat(40)));
    s.ok(&["add", "Ask Ana", "-s", "50"]);
    // A file size limit the small undo record fits under and the ladder does not: its save fails.
    let mut sh = std::process::Command::new("sh");
    sh.args(["-c", "trap '' XFSZ; ulimit -f 2; exec \"$0\" done", env!("CARGO_BIN_EXE_ladder")]);
    for (key, value) in s.process(&[]).get_envs() {
        if let Some(value) = value {
            sh.env(key, value);
        }
    }
    let out = sh.current_dir(s.dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!s.read().contains("[[attempt]]"));
    assert_eq!(s.ok(&["undo"]), "Undone: added rung 3.\n");
}

#[cfg(unix)]
#[test]
fn a_history_folder_others_can_write_to_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    let state = s.path("home/state/ladder");
    fs::set_permissions(&state, fs::Permissions::from_mode(0o777)).unwrap();
    let out = s.ladder(&["done"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let why =
        format!("{} can be changed by others (chmod 700 it), so ladder will not use it for undo", state.display());
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("ladder: this change cannot be undone: {why}\n"));
    assert_eq!(s.fails(&["undo"], 2), format!("ladder: cannot undo: {why}\n"));
}

/// What a command says when the file changed on disk while it was changing it, twice.
#[cfg(unix)]
fn raced(s: &Sandbox) -> String {
    format!(
        "ladder: {} changed on disk while ladder was changing it (an editor or a sync saving it?); nothing was \
         written, so try again once it is saved\n",
        s.file().display()
    )
}

/// `ladder ARGS`, paused just before each of its two renames until the test lets it go (debug builds only):
/// meanwhile the test plays an editor saving the file in place.
#[cfg(unix)]
fn paused(s: &Sandbox, args: &[&str], between: impl FnMut(usize)) -> std::process::Output {
    paused_at(s, "LADDER_TEST_PAUSE", 2, args, between)
}

#[cfg(unix)]
#[test]
fn a_file_saved_in_place_during_a_change_is_read_again_and_kept() {
    let s = Sandbox::with(&two_rungs());
    let edited = two_rungs() + &Fixture::new().rung(3, "Ask Ana", 50).text();
    let out = paused(&s, &["done"], |pause| {
        if pause == 0 {
            s.write(&edited);
        }
    });
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(s.read().starts_with(&edited), "the editor's rung is kept:\n{}", s.read());
    assert!(s.read().contains("[[attempt]]\nid = 1\nrung = 1\n"), "and the attempt made:\n{}", s.read());
}

#[cfg(unix)]
#[test]
fn a_file_that_keeps_changing_is_never_overwritten() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["add", "Ask Ana", "-s", "50"]);
    let out = paused(&s, &["done"], |pause| s.write(&format!("{}# saved by an editor, {pause}\n", two_rungs())));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), raced(&s));
    assert_eq!(s.read(), format!("{}# saved by an editor, 1\n", two_rungs()));
}

/// A file written in the instant after the save found it unchanged (an editor, or a script appending to it) is
/// not lost: the new text and the file swap places, and when the old one turns out written to since the check,
/// they swap back and the command starts over on what is there now, as after a write before the check.
#[cfg(target_os = "linux")]
#[test]
fn a_file_written_just_after_the_check_is_read_again_and_kept() {
    let s = Sandbox::with(&two_rungs());
    let edited = two_rungs() + &Fixture::new().rung(3, "Ask Ana", 50).text();
    let out = paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 2, &["done"], |pause| {
        if pause == 0 {
            s.write(&edited);
        }
    });
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(s.read().starts_with(&edited), "the rung written meanwhile is kept:\n{}", s.read());
    assert!(s.read().contains("[[attempt]]\nid = 1\nrung = 1\n"), "and the attempt made:\n{}", s.read());
    assert_eq!(s.ok(&["undo"]), "Undone: recorded attempt 1 on rung 1.\n");
    assert_eq!(s.read(), edited, "the undo takes back only the attempt");
}

/// Written in place just after the check, as long as it was, by a writer that then set the file's time back
/// (attack13): the inode's change time, which cannot be set back, says it was written.
#[cfg(target_os = "linux")]
#[test]
fn a_file_written_in_place_just_after_the_check_with_its_time_set_back_is_kept() {
    let s = Sandbox::with(&two_rungs());
    let edited = two_rungs().replace("Ask Sam", "Ask Max");
    let out = paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 2, &["done"], |pause| {
        if pause == 0 {
            let modified = fs::metadata(s.file()).unwrap().modified().unwrap();
            let mut file = fs::OpenOptions::new().write(true).open(s.file()).unwrap();
            file.write_all(edited.as_bytes()).unwrap();
            file.set_modified(modified).unwrap();
        }
    });
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(s.read().starts_with(&edited), "the edit made meanwhile is kept:\n{}", s.read());
    assert!(s.read().contains("[[attempt]]\nid = 1\nrung = 1\n"), "and the attempt made:\n{}", s.read());
}

/// Its details alone changed just after the check (a chmod; a sync tool setting an extended attribute), the file
/// is read again rather than taken for written to (attack14: twice in a row, the change failed).
#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_details_alone_change_just_after_the_check_is_saved_over() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::with(&two_rungs());
    let out = paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 1, &["done"], |_| {
        fs::set_permissions(s.file(), fs::Permissions::from_mode(0o640)).unwrap();
    });
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(s.read().contains("[[attempt]]\nid = 1\nrung = 1\n"), "the attempt made:\n{}", s.read());
    assert_eq!(fs::metadata(s.file()).unwrap().permissions().mode() & 0o777, 0o640, "and the mode kept");
}

/// Written to just after the check twice over: nothing is saved, exit 2, and the file is as the writer left it.
#[cfg(target_os = "linux")]
#[test]
fn a_file_written_after_the_check_twice_is_left_as_written() {
    let s = Sandbox::with(&two_rungs());
    let out = paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 2, &["done"], |pause| {
        let mut file = fs::OpenOptions::new().append(true).open(s.file()).unwrap();
        writeln!(file, "# appended by a script, {pause}").unwrap();
    });
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), raced(&s));
    assert_eq!(s.read(), format!("{}# appended by a script, 0\n# appended by a script, 1\n", two_rungs()));
}

/// `undo` too: written to just after its check, it starts over on the file as written, and takes its change
/// back three-way onto it (the writer's rung stays).
#[cfg(target_os = "linux")]
#[test]
fn an_undo_raced_just_after_its_check_starts_over_and_keeps_what_was_written() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    let edited = s.read() + &Fixture::new().rung(3, "Ask Ana", 50).text();
    let out = paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 2, &["undo"], |pause| {
        if pause == 0 {
            s.write(&edited);
        }
    });
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Undone: recorded attempt 1 on rung 1.\nThe file had changed since (a pull, or an edit): what came since is \
         kept.\n"
    );
    assert_eq!(s.read(), two_rungs() + &Fixture::new().rung(3, "Ask Ana", 50).text());
}

/// The tests above wait at the command's pauses: one that never comes (here, a rung that is not there) fails
/// the test instead of leaving it waiting.
#[cfg(unix)]
#[test]
#[should_panic(expected = "the command ended before pause 1: ")]
fn a_pause_that_never_comes_fails_the_test() {
    let s = Sandbox::with(&two_rungs());
    paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 1, &["done", "9"], |_| {});
}

/// Nothing written after the check: nothing is kept, and nothing is left beside the ladder.
#[cfg(unix)]
#[test]
fn a_save_leaves_nothing_beside_the_ladder() {
    let s = Sandbox::with(&two_rungs());
    let out = paused_at(&s, "LADDER_TEST_PAUSE_SWAP", 1, &["done"], |_| {});
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let beside: Vec<String> = fs::read_dir(s.file().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "gates" && name != "home")
        .collect();
    assert_eq!(beside, [s.file().file_name().unwrap().to_string_lossy().into_owned()]);
}

/// While a change is written and synced (the longest part of a save, where a kill is most likely to land), the
/// new text has no name beside the ladder: a save killed then leaves nothing there for a sync tool to carry off.
#[cfg(target_os = "linux")]
#[test]
fn a_change_being_written_has_no_name_beside_the_ladder() {
    let s = Sandbox::with(&two_rungs());
    let beside = || -> Vec<String> {
        let names = fs::read_dir(s.file().parent().unwrap()).unwrap();
        let names = names.map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
        names.filter(|name| name != "gates" && name != "home").collect()
    };
    let mut seen = Vec::new();
    let out = paused_at(&s, "LADDER_TEST_PAUSE", 1, &["done"], |_| seen.push(beside()));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(seen, [["ladder.toml"]], "at the check before the swap");
    assert_eq!(beside(), ["ladder.toml"]);
}

/// The check before the rename compares the bytes themselves: an editor that writes the same number of bytes in
/// place, as fast as it can (so that the file's size, name and perhaps even its time stamp look the same), is
/// still seen.
#[cfg(unix)]
#[test]
fn a_file_saved_in_place_with_as_many_bytes_is_never_overwritten() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    let read = s.read();
    let out = paused(&s, &["done"], |pause| {
        let text = s.read();
        let edited =
            if pause == 0 { text.replacen("Ask Jo", "Ask Al", 1) } else { text.replacen("Ask Al", "Ask Bo", 1) };
        assert_eq!(edited.len(), text.len());
        s.write(&edited);
    });
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(s.read(), read.replacen("Ask Jo", "Ask Bo", 1), "the editor's last save, and nothing else");
}

#[test]
fn history_and_undo_create_nothing_for_a_file_that_is_not_there() {
    let s = Sandbox::new();
    let missing = s.path("typo/deep/x.toml");
    let missing = missing.to_str().unwrap();
    assert_eq!(
        s.ok(&["--file", missing, "history"]),
        "Nothing to undo: ladder has made no change to this file that it can take back.\n"
    );
    assert_eq!(
        s.fails(&["--file", missing, "undo"], 2),
        format!("ladder: nothing to undo: {missing} does not exist\n")
    );
    assert!(!s.path("typo").exists() && !s.path("home/state").exists(), "nothing made");
}

#[test]
fn history_after_a_hand_edit_says_undo_takes_changes_back_onto_it() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    s.write(&format!("{}# mine\n", s.read()));
    assert_eq!(
        s.ok(&["history"]),
        "The file has changed since ladder's last change (a pull, or an edit): undo takes a change back onto it \
         as it is now, keeping what came since.\n\
         Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
         1  2026-11-22 18:30  recorded attempt 1 on rung 1\n"
    );
}

#[test]
fn history_says_edited_by_hand_when_the_last_text_ladder_wrote_is_not_known() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    for record in fs::read_dir(records(&s)[0].parent().unwrap()).unwrap().flatten() {
        if record.path().extension().is_some_and(|e| e == "toml") {
            fs::remove_file(record.path()).unwrap();
        }
    }
    s.write(&format!("{}# mine\n", s.read()));
    assert_eq!(
        s.ok(&["history"]),
        "The file has changed since ladder's last change (edited by hand?), so undo would lose that: nothing can be taken back.\n"
    );
}

#[cfg(unix)]
#[test]
fn a_save_killed_before_its_rename_leaves_every_earlier_change_undoable() {
    use std::io::Read as _;
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done"]);
    s.ok(&["done"]);
    let gates = gates(&s);
    let mut killed = s.process(&["done", "--note", "never saved"]).env("LADDER_TEST_PAUSE", &gates).spawn().unwrap();
    // Its undo record is written; it waits just before the rename, and dies there.
    fs::File::open(gates.join("here")).unwrap().read_exact(&mut [0; 1]).unwrap();
    killed.kill().unwrap();
    killed.wait().unwrap();
    assert!(!s.read().contains("never saved"));
    s.ok(&["add", "Ask Ana", "-s", "50"]);
    assert_eq!(s.json(&["history", "--json"]).as_array().unwrap().len(), 3);
    s.ok(&["undo", "3"]);
    assert_eq!(s.read(), two_rungs());
}

/// A change that landed is never taken for a killed save's: after the file was put back by hand to the text
/// before it, an undo of the change before leaves its record, and putting the file forward again finds it.
#[test]
fn an_undo_after_the_file_was_put_back_keeps_the_later_change_s_record() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["add", "Ask Ana", "-s", "50"]);
    let after_ana = s.read_raw();
    s.ok(&["add", "Ask Bo", "-s", "60"]);
    let after_bo = s.read_raw();
    s.write(&after_ana);
    assert_eq!(s.ok(&["undo"]), "Undone: added rung 3.\n");
    assert_eq!(s.read(), two_rungs());
    s.write(&after_bo);
    assert_eq!(s.ok(&["undo"]), "Undone: added rung 4.\n");
    assert_eq!(s.read_raw(), after_ana);
}

/// An undo right after a save that was killed before its rename: the killed save's record (of a change that never
/// landed) is forgotten with the change taken back, so every earlier change stays undoable.
#[cfg(unix)]
#[test]
fn an_undo_after_a_killed_save_leaves_every_earlier_change_undoable() {
    use std::io::Read as _;
    let s = Sandbox::with(&two_rungs());
    s.ok(&["add", "Ask Ana", "-s", "50"]);
    s.ok(&["add", "Ask Bo", "-s", "60"]);
    let gates = gates(&s);
    let mut killed = s.process(&["add", "Never saved", "-s", "70"]).env("LADDER_TEST_PAUSE", &gates).spawn().unwrap();
    fs::File::open(gates.join("here")).unwrap().read_exact(&mut [0; 1]).unwrap();
    killed.kill().unwrap();
    killed.wait().unwrap();
    assert_eq!(s.ok(&["undo"]), "Undone: added rung 4.\n");
    assert_eq!(
        s.ok(&["history"]),
        "Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  1  2026-11-22 18:30  \
         added rung 3\n"
    );
    s.ok(&["undo"]);
    assert_eq!(s.read(), two_rungs());
}

/// The undo record is added while the new text is written and synced: when it cannot be, nothing is saved,
/// and nothing is left beside the ladder.
#[test]
fn a_change_whose_undo_record_cannot_be_added_saves_nothing() {
    let s = Sandbox::with(&two_rungs());
    s.ok(&["done", "1"]);
    let text = s.read();
    let history = records(&s)[0].parent().unwrap().to_path_buf();
    fs::write(history.join("9999999999.undo"), "").unwrap();
    let said = s.fails(&["done", "1", "--note", "not kept"], 2);
    let expected = format!(
        "ladder: cannot add to the undo history: the undo history in {} is full; delete that folder to start it again\n",
        history.display()
    );
    assert_eq!(said, expected);
    assert_eq!(s.read(), text);
    let beside: Vec<_> = fs::read_dir(s.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(beside.iter().all(|n| n == "ladder.toml" || n == "home"), "{beside:?}");
    assert_eq!(records(&s).len(), 2, "the full history as it was");
}
