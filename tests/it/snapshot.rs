//! The parse snapshot in the cache directory: a speed-up that is never a source of truth.

use std::fs;
use std::path::PathBuf;

use crate::common::{Fixture, Sandbox};

fn one_rung() -> String {
    Fixture::version(1).rung(1, "Ask a coworker a quick question", 30).text()
}

fn snapshots(s: &Sandbox) -> Vec<PathBuf> {
    match fs::read_dir(s.path("home/cache/ladder")) {
        Ok(entries) => {
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "snapshot")).collect()
        }
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_hand_edit_is_seen_at_once_even_when_the_size_stays_the_same() {
    let s = Sandbox::with(&one_rung());
    assert_eq!(s.json(&["next", "--json"])["stakes"], 30);
    assert_eq!(snapshots(&s).len(), 1, "the first read leaves a snapshot");
    s.write(&one_rung().replace("stakes = 30", "stakes = 45"));
    assert_eq!(s.json(&["next", "--json"])["stakes"], 45);
    s.write(&one_rung().replace("quick", "short"));
    assert_eq!(s.json(&["next", "--json"])["ask"], "Ask a coworker a short question");
    s.ok(&["done"]);
    s.write(&s.read().replace("outcome = \"yes\"", "outcome = \"no\" "));
    assert_eq!(s.json(&["log", "--json"])[0]["outcome"], "no");
}

/// A cold read writes its snapshot on a second thread while the command goes on: the process ends only once
/// the snapshot is whole, and of the file as it is.
#[test]
fn the_snapshot_a_read_leaves_is_whole_when_the_command_ends() {
    use std::fmt::Write;
    let journal =
        (1..=3000).fold(Fixture::new(), |ladder, id| ladder.attempt(id, 1, "2026-11-20T10:00:00+01:00").note("fine"));
    let mut text = one_rung() + &Fixture::new().rung(2, "Ask for more", 50).text() + &journal.text();
    let s = Sandbox::with(&text);
    for (n, args) in [&["next", "-q"][..], &["next"], &["list", "--json"], &["progress"], &["log"]].iter().enumerate() {
        let _ = writeln!(text, "# edited by hand, {n}");
        s.write(&text);
        s.ok(args);
        let data = fs::read(snapshots(&s).pop().unwrap()).unwrap();
        // The head: magic 8, schema 4, build 8, the file's hash 16 and length 8, quick length 4, checksums 8 + 8.
        assert_eq!(data[20..36], xxhash_rust::xxh3::xxh3_128(text.as_bytes()).to_le_bytes(), "{args:?}");
        let quick_len = usize::try_from(u32::from_le_bytes(data[44..48].try_into().unwrap())).unwrap();
        let rest = xxhash_rust::xxh3::xxh3_64(&data[64 + quick_len..]);
        assert_eq!(data[56..64], rest.to_le_bytes(), "{args:?}: the snapshot is whole");
    }
}

#[test]
fn a_damaged_or_foreign_snapshot_is_ignored() {
    let s = Sandbox::with(&one_rung());
    s.ok(&["next"]);
    let snapshot = snapshots(&s).pop().unwrap();
    for (done, garbage) in [&b""[..], b"ladsnap\n", &[0xff; 200][..]].into_iter().enumerate() {
        fs::write(&snapshot, garbage).unwrap();
        assert_eq!(s.json(&["progress", "--json"])["attempts"], done);
        s.ok(&["done", "1", "--note", "still here"]);
    }
    let mut damaged = fs::read(&snapshot).unwrap();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x55;
    damaged.truncate(last - 3);
    fs::write(&snapshot, damaged).unwrap();
    assert_eq!(s.json(&["progress", "--json"])["attempts"], 3);
}

#[test]
fn snapshots_are_private_and_reads_make_nothing_else() {
    let s = Sandbox::with(&one_rung());
    s.ok(&["list"]);
    let names: Vec<_> = fs::read_dir(s.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(names.iter().all(|n| n == "ladder.toml" || n == "home"), "{names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&snapshots(&s)[0]), 0o600);
        assert_eq!(mode(&s.path("home/cache/ladder")), 0o700);
    }
}

#[test]
fn the_fast_path_writes_the_same_file_as_the_careful_one() {
    // Two sandboxes run the same commands; one loses its snapshot before every command, so it always
    // takes the careful path. Their files must match byte for byte.
    let fast = Sandbox::with(include_str!("../edits/handwritten.toml"));
    let careful = Sandbox::with(include_str!("../edits/handwritten.toml"));
    let commands: &[&[&str]] = &[
        &["add", "Ask Jo for a lift", "--stakes", "35"],
        &["done", "1", "--note", "ok"],
        &["add", "Ask Priya for feedback", "--stakes", "60", "--who", "Priya"],
        &["hesitated", "Ask about the budget", "--stakes", "50"],
        &["gave", "Reviewed a doc", "--to", "Priya"],
        &["add", "Ask my manager for a day off", "--stakes", "70"],
        &["done", "4", "--outcome", "no", "--before", "70"],
    ];
    for args in commands {
        fast.ok(args);
        let _ = fs::remove_dir_all(careful.path("home/cache"));
        careful.ok(args);
        assert_eq!(fast.read(), careful.read(), "after ladder {args:?}");
    }
}

#[test]
fn the_prompt_s_quick_answer_follows_every_change() {
    let s = Sandbox::with(&(one_rung() + &Fixture::new().rung(2, "Ask for a lift", 40).text()));
    assert_eq!(s.ok(&["next", "-q"]), "Ask a coworker a quick question\n");
    // The same answer again (trust.rs shows the second one really comes from the snapshot).
    assert_eq!(snapshots(&s).len(), 1);
    assert_eq!(s.ok(&["next", "-q"]), "Ask a coworker a quick question\n");
    // Rated comfortable (a file without `mastery` keeps the calm rule), and one rep a day.
    s.ok(&["done", "1", "--after", "20", "--date", "yesterday"]);
    s.ok(&["done", "1", "--after", "20"]);
    assert_eq!(s.ok(&["next", "-q"]), "Ask for a lift\n", "a write refreshes the answer");
    s.write(&s.read().replace("Ask for a lift", "Ask for a ride"));
    assert_eq!(s.ok(&["next", "-q"]), "Ask for a ride\n", "a hand edit is seen");
    s.ok(&["done", "2", "--after", "20", "--date", "yesterday"]);
    s.ok(&["done", "2", "--after", "20"]);
    let out = s.ladder(&["next", "-q"]).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.len()), (Some(1), 0), "nothing left: nothing printed, exit 1");
}

/// `done` writes its snapshot from the one it read, with the new attempt's bytes added (`cache::save_appended`):
/// byte for byte the snapshot a first read of the same text writes.
#[test]
fn a_done_leaves_the_snapshot_a_first_read_of_its_text_would() {
    let journal = (1..=1500).fold(Fixture::new(), |ladder, id| {
        let attempt = ladder.attempt(id, 1 + id % 2, "2026-11-20T10:00:00+01:00");
        if id % 3 == 0 { attempt.note("fine, «merci»") } else { attempt }
    });
    let text = one_rung() + &Fixture::new().rung(2, "Ask for more", 50).text() + &journal.text();
    let s = Sandbox::with(&text);
    s.ok(&["next", "-q"]);
    for args in [&["done", "1", "--note", "asked at lunch"][..], &["done", "2", "--before", "40", "--after", "20"]] {
        s.ok(args);
        let appended = fs::read(snapshots(&s).pop().unwrap()).unwrap();
        for entry in fs::read_dir(s.path("home/cache/ladder")).unwrap().flatten() {
            fs::remove_file(entry.path()).unwrap();
        }
        s.ok(&["next", "-q"]);
        assert!(appended == fs::read(snapshots(&s).pop().unwrap()).unwrap(), "{args:?}");
    }
    assert_eq!(s.json(&["log", "--json"])[0]["id"], 1502);
}

/// The snapshot `done` reads before the file is of the text before a hand edit of the same size: the file's
/// own text is what is recorded on.
#[test]
fn a_done_after_a_hand_edit_of_the_same_size_records_on_the_text_as_edited() {
    let journal = (1..=3).fold(Fixture::new(), |ladder, id| ladder.attempt(id, 1, "2026-11-20T10:00:00+01:00"));
    let text = one_rung() + &journal.text();
    let s = Sandbox::with(&text);
    s.ok(&["next", "-q"]);
    s.write(&text.replace("id = 3\n", "id = 8\n").replace("stakes = 30", "stakes = 45"));
    s.ok(&["done", "1"]);
    assert_eq!(s.json(&["log", "--json"])[0]["id"], 9);
    assert_eq!(s.json(&["list", "--json"])[0]["stakes"], 45);
}
