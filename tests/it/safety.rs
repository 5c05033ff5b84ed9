//! Never lose an attempt: the user's text survives, parallel commands queue, a killed write leaves a
//! whole file, symlinks and permissions are kept, and undo takes back exactly one change.

use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{Fixture, NOW, Sandbox, exists};

const HANDWRITTEN: &str = include_str!("../edits/handwritten.toml");
const AFTER_ADD: &str = include_str!("../edits/handwritten.after-add.toml");
const AFTER_DONE: &str = include_str!("../edits/handwritten.after-done.toml");

fn attempts(s: &Sandbox) -> usize {
    let progress = s.json(&["progress", "--json"]);
    usize::try_from(progress["attempts"].as_u64().unwrap()).unwrap()
}

#[test]
fn a_hand_written_file_keeps_every_comment_through_add_done_and_undo() {
    let s = Sandbox::with(HANDWRITTEN);
    s.ok(&["add", "Ask my lead for feedback on the design doc", "--stakes", "55", "--who", "Jo", "--tag", "work"]);
    assert_eq!(s.read(), AFTER_ADD);
    s.ok(&[
        "done",
        "1",
        "--outcome",
        "no",
        "--before",
        "30",
        "--after",
        "20",
        "--note",
        "They were \"in a meeting\"; try mornings",
    ]);
    assert_eq!(s.read(), AFTER_DONE);

    assert_eq!(s.ok(&["undo"]), "Undone: recorded attempt 2 on rung 1.\n");
    assert_eq!(s.read(), AFTER_ADD);
    assert_eq!(s.ok(&["undo"]), "Undone: added rung 4.\n");
    assert_eq!(s.read(), HANDWRITTEN);
    let err = s.fails(&["undo"], 2);
    assert_eq!(err, format!("ladder: nothing to undo: ladder has no record of a change to {}\n", s.file().display()));
    assert_eq!(s.read(), HANDWRITTEN);
}

#[test]
fn undo_of_an_add_in_the_middle_restores_the_file_exactly() {
    let s = Sandbox::with(HANDWRITTEN);
    s.ok(&["add", "Ask my lead for feedback on the design doc", "--stakes", "55", "--who", "Jo", "--tag", "work"]);
    assert!(s.ok(&["undo"]).contains("added rung 4"));
    assert_eq!(s.read(), HANDWRITTEN);
}

#[test]
fn undo_never_overwrites_a_hand_edit() {
    let s = Sandbox::with(HANDWRITTEN);
    let before_done = s.read();
    s.ok(&["done", "1"]);
    let edited = s.read_raw().replace("# she answered in a minute", "# she answered in a minute, and smiled");
    s.write(&edited);
    // Undo takes the attempt back onto the file as it is now: the edit stays (in the file's new version).
    s.ok(&["undo"]);
    let expected = before_done.replace("# she answered in a minute", "# she answered in a minute, and smiled");
    assert_eq!(s.read(), expected.replace("version = 1", "version = 2"));
    // An edit of what the change to undo made is never overwritten.
    s.ok(&["done", "1"]);
    let edited = s.read_raw().replace("outcome = \"yes\"\n", "outcome = \"yes\"\nnote = \"By hand\"\n");
    s.write(&edited);
    let err = s.fails(&["undo"], 2);
    assert!(err.contains("what changed clashes with it"), "{err}");
    assert_eq!(s.read_raw(), edited);
}

#[test]
fn undo_of_the_first_add_removes_the_file_it_created() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask", "--stakes", "10"]);
    s.ok(&["undo"]);
    assert!(!exists(&s.file()));
    s.ladder(&["next"]).assert().code(1);
}

#[test]
fn parallel_done_commands_record_every_attempt() {
    const N: usize = 32;
    let s = Sandbox::with(&ask().text());
    let children: Vec<_> = (0..N)
        .map(|i| {
            s.process(&["done", "1", "--note", &format!("parallel {i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let list = s.json(&["list", "--json"]);
    let mut ids: Vec<u64> = list[0]["attempts"].as_array().unwrap().iter().map(|a| a["id"].as_u64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=N as u64).collect::<Vec<_>>());
    let mut notes: Vec<String> =
        list[0]["attempts"].as_array().unwrap().iter().map(|a| a["note"].as_str().unwrap().to_string()).collect();
    notes.sort();
    notes.dedup();
    assert_eq!(notes.len(), N, "each command's own attempt is there");
}

/// One rung, "Ask", at stakes 10.
fn ask() -> Fixture {
    Fixture::version(1).rung(1, "Ask", 10)
}

/// A ladder with a journal of some size, so that a kill often lands while the file is being written.
fn sizeable() -> Sandbox {
    let note = "x".repeat(80);
    let ladder = (1..=400).fold(ask(), |ladder, id| ladder.attempt(id, 1, NOW).outcome("no").note(&note));
    Sandbox::with(&ladder.text())
}

fn rungs(s: &Sandbox) -> usize {
    s.json(&["list", "--json"]).as_array().unwrap().len()
}

/// Runs `ladder ARGS` `rounds` times, killing it at a different moment each time, from before it starts
/// writing until after it is done. After every kill the file must read, and `count` must have moved by
/// `step` or not at all. Returns how many rounds made the change and how many were cut short.
fn kill_rounds(s: &Sandbox, args: &[&str], rounds: u64, step: isize, count: fn(&Sandbox) -> usize) -> (u32, u32) {
    // How long one whole command takes here (warm: the first reads the file cold), so that kills spread
    // over before, during and after the save.
    s.ok(args);
    let started = Instant::now();
    s.ok(args);
    let whole = u64::try_from(started.elapsed().as_micros()).unwrap();
    let mut before = count(s);
    let (mut kept, mut cut_short) = (0, 0);
    for round in 0..rounds {
        let mut child = s.process(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        // Not a wait for anything: the kill lands at a different instant each round, from 0 to 1.5 times
        // the length of a whole command.
        let until = Instant::now() + Duration::from_micros(round * 7919 % 1000 * whole * 3 / 2000);
        while Instant::now() < until {
            std::hint::spin_loop();
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = count(s);
        let moved = now.cast_signed() - before.cast_signed();
        assert!(moved == 0 || moved == step, "ladder {args:?}, round {round}: {before} became {now}");
        if moved == 0 {
            cut_short += 1;
        } else {
            kept += 1;
        }
        before = now;
    }
    (kept, cut_short)
}

#[test]
fn a_write_killed_at_any_moment_leaves_a_whole_file() {
    let s = sizeable();
    let (kept, cut_short) = kill_rounds(&s, &["done", "1", "--note", "killed?"], 200, 1, attempts);
    assert!(
        kept > 0 && cut_short > 0,
        "kills landed both before and after the save: {kept} kept, {cut_short} cut short"
    );
    let recorded = attempts(&s);
    s.ok(&["done", "1"]);
    assert_eq!(attempts(&s), recorded + 1);
    let temps: Vec<_> = fs::read_dir(s.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "a later save cleans up after killed ones: {temps:?}");
}

#[test]
fn an_add_killed_at_any_moment_leaves_a_whole_file() {
    let s = sizeable();
    kill_rounds(&s, &["add", "Ask again", "--stakes", "20", "--anyway"], 60, 1, rungs);
    s.ok(&["done", "1"]);
}

#[test]
fn an_undo_killed_at_any_moment_leaves_a_whole_file() {
    let s = sizeable();
    for round in 0..40 {
        s.ok(&["done", "1"]);
        let before = attempts(&s);
        let mut child = s.process(&["undo"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        // Not a wait for anything: kills land at different moments of the undo.
        let until = Instant::now() + Duration::from_micros(round * 397 % 12_000);
        while Instant::now() < until {
            std::hint::spin_loop();
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = attempts(&s);
        assert!(now == before || now + 1 == before, "round {round}: {before} became {now}");
    }
}

#[test]
fn a_symlinked_file_stays_a_symlink() {
    let s = Sandbox::new();
    let dotfiles = s.path("dotfiles");
    fs::create_dir(&dotfiles).unwrap();
    let target = dotfiles.join("ladder.toml");
    fs::write(&target, "# in my dotfiles\nversion = 1\n").unwrap();
    std::os::unix::fs::symlink(&target, s.file()).unwrap();

    s.ok(&["add", "Ask", "--stakes", "10"]);
    s.ok(&["done"]);
    assert!(fs::symlink_metadata(s.file()).unwrap().file_type().is_symlink());
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# in my dotfiles\n") && written.contains("[[attempt]]"), "{written}");
    s.ok(&["undo"]);
    assert!(fs::symlink_metadata(s.file()).unwrap().file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_new_file_is_private_and_an_existing_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;

    let s = Sandbox::new();
    s.ok(&["init", "--example"]);
    assert_eq!(mode(&s.file()), 0o600);
    s.ok(&["done"]);
    let state: Vec<_> = fs::read_dir(s.path("home/state/ladder")).unwrap().flatten().map(|e| e.path()).collect();
    let history = state.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("undo-")).unwrap();
    let lock = state.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("lock-")).unwrap();
    assert_eq!(mode(lock), 0o600);
    assert_eq!((mode(&s.path("home/state/ladder")), mode(history)), (0o700, 0o700));
    for record in fs::read_dir(history).unwrap().flatten() {
        assert_eq!(mode(&record.path()), 0o600);
    }
    let beside: Vec<_> = fs::read_dir(s.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(beside.len(), 2, "the ladder and the sandbox's home, nothing else: {beside:?}");
    s.ladder(&["add", "Ask", "--stakes", "5"]).env_remove("LADDER_FILE").assert().success();
    assert_eq!(mode(&s.path("home/data/ladder/ladder.toml")), 0o600);
    assert_eq!(mode(&s.path("home/data/ladder")), 0o700);

    let shared = Sandbox::with(&ask().text());
    fs::set_permissions(shared.file(), fs::Permissions::from_mode(0o640)).unwrap();
    shared.ok(&["done"]);
    assert_eq!(mode(&shared.file()), 0o640);
}

#[test]
fn an_empty_file_or_a_missing_version_is_a_version_1_ladder() {
    let s = Sandbox::with("");
    s.ladder(&["next"]).assert().code(1);
    s.ok(&["add", "Ask", "--stakes", "10"]);
    assert!(s.read().contains("[[rung]]"));

    let s = Sandbox::with("[[rung]]\nid = 1\nask = 'Ask'\nstakes = 10\n");
    s.ok(&["done"]);
    assert!(!s.read().contains("version"), "ladder adds no keys the person did not write");
}

#[test]
fn a_held_lock_times_out_with_a_clear_message_and_reads_still_work() {
    let s = Sandbox::with(&ask().text());
    s.ok(&["add", "Ask Jo", "--stakes", "20"]);
    // The lock lives in the state folder, not beside the ladder.
    let state = s.path("home").join("state").join("ladder");
    let locks: Vec<_> = fs::read_dir(&state)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("lock-"))
        .map(|e| e.path())
        .collect();
    assert_eq!(locks.len(), 1, "{locks:?}");
    assert!(!s.path(".ladder.toml.lock").exists());
    let lock = fs::File::open(&locks[0]).unwrap();
    lock.lock().unwrap();
    s.ok(&["next"]);
    let err = s.fails(&["done"], 2);
    assert!(err.contains("another ladder command"), "{err}");
    assert!(!s.read().contains("[[attempt]]"));
    drop(lock);
    s.ok(&["done"]);
}

#[test]
fn a_windows_file_keeps_its_byte_order_mark_and_line_ends_through_every_path() {
    let text = "\u{feff}# saved on Windows\r\nversion = 1\r\n\r\n[[rung]]\r\nid = 1\r\nask = 'Ask'\r\nstakes = 10\r\n";
    let s = Sandbox::with(text);
    s.ok(&["done", "1"]); // cold: parsed, then appended
    s.ok(&["edit", "1", "--stakes", "15"]); // the careful path
    s.ok(&["add", "Ask two", "--stakes", "20"]); // spliced where the last rung ended
    s.ok(&["add", "Ask three", "--stakes", "30"]); // and again, from the snapshot
    s.ok(&["done", "2"]); // appended from the snapshot
    let written = s.read();
    assert!(written.starts_with("\u{feff}# saved on Windows\r\n"), "{written:?}");
    assert_eq!(written.matches('\n').count(), written.matches("\r\n").count(), "every line ends in CRLF: {written:?}");
    let list = s.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(s.json(&["progress", "--json"])["attempts"], 2);
    s.ok(&["undo"]);
    assert_eq!(s.json(&["progress", "--json"])["attempts"], 1);
    assert!(s.read().starts_with('\u{feff}'));
}
