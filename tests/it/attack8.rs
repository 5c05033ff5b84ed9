//! Attacks on this session's changes (encryption's confirmed keys, its recipients file): each test is a defect
//! found, kept fixed.

use crate::common::{Fixture, Sandbox};
use crate::crypt::{encrypted, key};
use std::fs;

/// A key taken out of the recipients file is forgotten even when the file names another key twice (it was
/// compared by count, so `[mine, mine]` kept `theirs` confirmed, and putting it back needed no confirming).
#[test]
fn a_key_taken_out_is_forgotten_when_the_file_names_another_twice() {
    let (s, mine) = encrypted();
    let keys = s.path("ladder.toml.age-recipients");
    let (_, theirs) = key();
    fs::write(&keys, format!("{mine}\n{theirs}\n")).unwrap();
    s.ok(&["encrypt", "--confirm-keys"]);
    s.ok(&["done", "1"]);
    fs::write(&keys, format!("{mine}\n{mine}\n")).unwrap();
    s.ok(&["done", "1"]);
    fs::write(&keys, format!("{mine}\n{theirs}\n")).unwrap();
    let before = fs::read(s.path("ladder.toml.age")).unwrap();
    let short: String = theirs.chars().take(24).collect();
    assert_eq!(
        s.fails(&["done", "1"], 2),
        format!(
            "ladder: {} holds a key this device has not confirmed ({short}\u{2026}), so ladder will not encrypt \
             your records to it: if you added it, `ladder encrypt --confirm-keys` confirms it; if not, remove it \
             from that file; nothing was changed\n",
            keys.display()
        )
    );
    assert_eq!(fs::read(s.path("ladder.toml.age")).unwrap(), before);
}

/// A FIFO (or a folder) put where the recipients file goes is refused in one line, exit 2: it hung every
/// command, reads included, waiting for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_or_folder_as_the_recipients_file_is_refused_in_one_line() {
    let (s, _) = encrypted();
    let keys = s.path("ladder.toml.age-recipients");
    let before = fs::read(s.path("ladder.toml.age")).unwrap();
    fs::remove_file(&keys).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&keys).status().unwrap();
    assert!(made.success());
    let fifo = format!(
        "ladder: {} is a FIFO (named pipe), not a regular file; ladder reads and writes only regular files\n",
        keys.display()
    );
    assert_eq!(s.fails(&["done", "1"], 2), fifo);
    assert_eq!(s.fails(&["encrypt", "--confirm-keys"], 2), fifo);
    s.ok(&["list"]);
    fs::remove_file(&keys).unwrap();
    fs::create_dir(&keys).unwrap();
    assert_eq!(
        s.fails(&["done", "1"], 2),
        format!(
            "ladder: {} is a folder, not a regular file; ladder reads and writes only regular files\n",
            keys.display()
        )
    );
    assert_eq!(fs::read(s.path("ladder.toml.age")).unwrap(), before);
}

/// `ladder undo 2` killed while forgetting its records (after it wrote the ladder), then the ladder edited by
/// hand before any other command: the undo is finished as if the edit came after it. The records of the changes
/// it took back and the copy of the text from before it were kept, so every later undo said the file was edited
/// by hand and nothing could be taken back, for good.
#[test]
fn an_undo_killed_while_forgetting_then_a_hand_edit_leaves_the_rest_undoable() {
    let s = Sandbox::with(&Fixture::version(2).rung(1, "Ask Sam for a lift", 30).uid("rungone001").text());
    s.ok(&["add", "Ask Jo for a coffee", "--stakes", "20"]);
    s.ok(&["add", "Ask Kim for a pen", "--stakes", "10"]);
    s.ok(&["done", "3"]);
    let out = s.ladder(&["undo", "2"]).env("LADDER_TEST_ABORT", "undo-forgetting").output().unwrap();
    assert_eq!(out.status.code(), None, "killed");
    s.write(&s.read_raw().replace("stakes = 30", "stakes = 35"));
    assert_eq!(
        s.ok(&["history"]),
        "The file has changed since ladder's last change (a pull, or an edit): undo takes a change back onto it as \
         it is now, keeping what came since.\n\
         Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
         1  2026-11-22 18:30  added rung 2\n"
    );
    assert_eq!(
        s.ok(&["undo"]),
        "Undone: added rung 2.\nThe file had changed since (a pull, or an edit): what came since is kept.\n"
    );
    assert_eq!(
        s.ok(&["list"]),
        " ID  Stakes  Ask                 Tries  Status\n  1      35  Ask Sam for a lift      0  new\n"
    );
}

/// `LADDER_FILE` naming `ladder.toml.age` after `ladder decrypt` made it `ladder.toml`: reads said "Your ladder is
/// empty" and changes said it "became ladder.toml while this command waited; run it again", forever. Now both
/// say what happened, in one line, exit 2, nothing written.
#[test]
fn naming_the_encrypted_ladder_after_it_was_decrypted_says_so() {
    let (s, _) = encrypted();
    s.ok(&["decrypt"]);
    let before = s.read_raw();
    let sealed = s.path("ladder.toml.age");
    let said = format!(
        "ladder: {} is not there, but {} is: the ladder is plain text now (`ladder decrypt` made it so?); name that \
         one (--file or LADDER_FILE), and `ladder encrypt` it again if you want it encrypted; nothing was changed\n",
        sealed.display(),
        s.file().display()
    );
    for args in [&["list"][..], &["add", "Ask Jo", "--stakes", "20"], &["done", "1"]] {
        let out = s.ladder(args).env("LADDER_FILE", &sealed).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), said, "{args:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "", "{args:?}");
    }
    assert_eq!(s.read_raw(), before);
    assert!(!sealed.exists());
}

/// A change to an encrypted ladder named but not there (`LADDER_FILE=ladder.toml.age`, nothing yet) said
/// "Started a new ladder at ladder.toml.age." and then failed on the undo history's passphrase, in two lines.
/// Only `ladder encrypt` makes an encrypted ladder: it is said in one line, nothing written.
#[test]
fn a_change_to_an_encrypted_ladder_not_there_is_refused_in_one_line() {
    let s = Sandbox::new();
    let sealed = s.path("ladder.toml.age");
    let said = format!(
        "ladder: {} is not there, and ladder starts a ladder only in plain text: start it at {} (--file or \
         LADDER_FILE), then `ladder encrypt` it; nothing was changed\n",
        sealed.display(),
        s.file().display()
    );
    let (_, public) = key();
    for args in [&["init"][..], &["add", "Ask Jo", "--stakes", "20"], &["encrypt", "--recipient", &public]] {
        let out = s.ladder(args).env("LADDER_FILE", &sealed).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), said, "{args:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "", "{args:?}");
    }
    assert!(!sealed.exists());
    assert!(!s.file().exists());
}

/// `ladder undo 2` after another device forgot the attempt recorded by one of the two changes, but not the rung
/// added by the other: each change is said as it went. It said "Undone" of both, claiming the forgotten attempt.
#[test]
fn undo_of_several_changes_names_the_one_already_gone() {
    let s = Sandbox::with(&Fixture::version(2).rung(1, "Ask Sam for a lift", 30).uid("rungone001").text());
    s.ok(&["add", "Ask Jo for a coffee", "--stakes", "20"]);
    s.ok(&["done", "1"]);
    // Another device forgets that attempt; the sync brings its file here.
    let other = s.path("other.toml");
    fs::write(&other, s.read_raw()).unwrap();
    s.ok(&["--file", other.to_str().unwrap(), "forget", "1"]);
    s.write(&fs::read_to_string(&other).unwrap());
    assert_eq!(
        s.ok(&["undo", "2"]),
        "Already gone: recorded attempt 1 on rung 1.\n\
         Undone: added rung 2.\n\
         The file had changed since (a pull, or an edit): what came since is kept.\n"
    );
    assert_eq!(
        s.ok(&["list"]),
        " ID  Stakes  Ask                 Tries  Status\n  1      30  Ask Sam for a lift      0  new\n"
    );
}

/// An empty conflict copy (a sync cut short) was folded in as a ladder with no settings: the ladder's mastery
/// rule went back to the default without a word. It is named and left where it is, nothing changed.
#[test]
fn an_empty_conflict_copy_is_left_where_it_is() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask Sam for a lift", "--stakes", "30"]);
    let before = s.read_raw();
    assert!(before.contains("mastery = \"learning\""), "{before}");
    let copy = "ladder.sync-conflict-20261121-120000-EMPTY12.toml";
    fs::write(s.path(copy), "").unwrap();
    let left = format!(
        "ladder: the conflict copy {copy} was left where it is: it is empty (a sync cut short?), so it holds nothing \
         to fold in; remove it\n"
    );
    assert_eq!(s.fails(&["sync"], 2), format!("{left}ladder: no conflict copy was folded in; nothing was changed\n"));
    assert_eq!(s.read_raw(), before);
    assert!(s.path(copy).exists());
    let out = s.ladder(&["edit", "1", "--who", "Sam"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), left);
    assert!(s.read_raw().contains("mastery = \"learning\""));
}

/// An editor that leaves the file empty (the way a git message is given up) or removes it: `edit-file` saved an
/// empty ladder, every rung gone, and said "Saved". It is taken as giving the edit up: one line, exit 2, the
/// ladder as it was.
#[cfg(unix)]
#[test]
fn edit_file_emptied_or_removed_in_the_editor_gives_the_edit_up() {
    use std::os::unix::fs::PermissionsExt;
    let (s, _) = encrypted();
    let before = fs::read(s.path("ladder.toml.age")).unwrap();
    let runtime = s.path("runtime");
    fs::create_dir(&runtime).unwrap();
    fs::set_permissions(&runtime, fs::Permissions::from_mode(0o700)).unwrap();
    for (name, script) in
        [("empties", ": > \"$1\"\n"), ("removes", "rm -f \"$1\"\n"), ("blanks", "printf '\\n \\n' > \"$1\"\n")]
    {
        let editor = s.path(name);
        fs::write(&editor, format!("#!/bin/sh\n{script}")).unwrap();
        fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
        let out = s
            .process(&["edit-file"])
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("EDITOR", &editor)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "ladder: the editor left the file empty (or removed it), which gives the edit up; nothing was changed, \
             your ladder is as it was\n",
            "{name}"
        );
        assert_eq!(fs::read(s.path("ladder.toml.age")).unwrap(), before, "{name}");
    }
    assert_eq!(
        s.ok(&["list"]),
        " ID  Stakes  Ask                      Tries  Status\n  1      30  ask Zanzibar-unique-ask      0  new\n"
    );
}

/// A passphrase ladder's history whose `key.pub` went (a clean-up, a sync of the state folder) while `key.secret`
/// stayed: the next change made a new pair, overwriting the secret, and every record before it could never be
/// taken back. The public key is made again from the secret, and all of them still can.
#[test]
fn a_passphrase_history_whose_public_key_went_keeps_its_records() {
    use crate::common::on_a_terminal;
    use crate::crypt::with_passphrase;
    let s = Sandbox::new();
    with_passphrase(&s, &Fixture::version(2).rung(1, "Ask Sam for a lift", 30).uid("rungone001").text());
    let Some((code, said)) = on_a_terminal(&s, &["add", "Ask Jo", "--stakes", "20"], "correct horse\n") else {
        return;
    };
    assert_eq!(code, 0, "{said}");
    let state = s.path("home").join("state").join("ladder");
    let undo_dir =
        fs::read_dir(&state).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with("undo-"));
    let undo_dir = undo_dir.expect("an undo history").path();
    fs::remove_file(undo_dir.join("key.pub")).unwrap();
    let (code, said) = on_a_terminal(&s, &["add", "Ask Kim", "--stakes", "25"], "correct horse\n").unwrap();
    assert_eq!(code, 0, "{said}");
    let (code, said) = on_a_terminal(&s, &["--color", "never", "undo", "2"], "correct horse\n").unwrap();
    assert_eq!(code, 0, "{said}");
    assert!(said.ends_with("Undone: added rung 3.\nUndone: added rung 2.\n"), "{said}");
}
