//! Several devices: uids, merging, and the set-up for git.

mod common;

use common::Sandbox;

const OLD: &str = "version = 1 # mine\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 30\n\n\
                   [[attempt]]\nid = 1\nrung = 1\nat = 2026-11-20T09:00:00+01:00\n";

/// Every `uid = "..."` value in the text, in order.
fn uids(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.strip_prefix("uid = \"")?.strip_suffix('"').map(str::to_string)).collect()
}

#[test]
fn an_old_file_gains_uids_on_its_first_write_and_two_devices_agree_on_them() {
    let phone = Sandbox::with(OLD);
    let laptop = Sandbox::with(OLD);
    phone.ok(&["done", "1"]);
    laptop.ok(&["add", "Ask Jo", "--stakes", "40"]);
    let (on_phone, on_laptop) = (phone.read_raw(), laptop.read_raw());
    assert!(on_phone.starts_with("version = 2 # mine\n\n[[rung]]\nid = 1\nuid = \""), "{on_phone}");
    let (a, b) = (uids(&on_phone), uids(&on_laptop));
    assert_eq!((a.len(), b.len()), (3, 3), "{on_phone}\n{on_laptop}");
    for uid in a.iter().chain(&b) {
        assert!(uid.len() == 10 && uid.bytes().all(|c| matches!(c, b'a'..=b'z' | b'2'..=b'7')), "{uid}");
    }
    // The phone has rung 1, attempt 1, attempt 2; the laptop rung 1, rung 2, attempt 1.
    assert_eq!((&a[0], &a[1]), (&b[0], &b[2]), "the old rung and attempt get the same uid on both devices");
    assert_ne!(a[2], b[1], "new entries get new ones");
    assert_eq!(
        phone.read(),
        OLD.replace("version = 1", "version = 2")
            + "\n[[attempt]]\nid = 2\nrung = 1\nat = 2026-11-22T18:30:00+01:00\noutcome = \"yes\"\n"
    );
}

#[test]
fn a_copied_entry_is_named_and_nothing_is_written() {
    let s = Sandbox::with(
        "version = 2\n[[rung]]\nid = 1\nuid = \"abc\"\nask = \"A\"\nstakes = 3\n[[rung]]\nid = 2\nuid = \"abc\"\nask = \"B\"\nstakes = 4\n",
    );
    let err = s.fails(&["done", "1"], 2);
    assert!(err.contains("two rungs share the uid \"abc\""), "{err}");
}

const BASE: &str = "# my ladder\nversion = 2\n\n# easy ones\n[[rung]]\nid = 1\nuid = \"rungone001\"\nask = \"Ask Sam\"\nstakes = 30 # a guess\n";

fn rung(id: u32, uid: &str, ask: &str) -> String {
    format!("\n[[rung]]\nid = {id}\nuid = \"{uid}\"\nask = \"{ask}\"\nstakes = 40\n")
}

fn attempt(id: u32, uid: &str, rung: u32, at: &str) -> String {
    format!("\n[[attempt]]\nid = {id}\nuid = \"{uid}\"\nrung = {rung}\nat = {at}\noutcome = \"yes\"\n")
}

#[test]
fn a_merge_keeps_both_sides_moves_shared_ids_and_sets_a_clash_aside() {
    let ours = BASE.replace("30 # a guess", "25 # a guess")
        + &rung(2, "oursrung02", "Ask Ana")
        + &attempt(1, "oursatt001", 2, "2026-11-21T10:00:00+01:00");
    let theirs = BASE.replace("30 # a guess", "35 # a guess")
        + &rung(2, "theirrung2", "Ask Bo")
        + &attempt(1, "theiratt01", 2, "2026-11-21T11:00:00+01:00");
    let s = Sandbox::with(&ours);
    std::fs::write(s.path("base.toml"), BASE).unwrap();
    std::fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ladder: rung 2 \u{201c}Ask Bo\u{201d} is now rung 3: both devices had used ID 2\n\
         ladder: attempt 1 (made 2026-11-21 11:00) is now attempt 2: both devices had used ID 1\n\
         ladder: 1 value was changed differently on both devices; one of each is kept, and `ladder conflicts` \
         lists the other\n"
    );
    let merged = s.read_raw();
    assert!(merged.starts_with(&BASE.replace("30 # a guess", "35 # a guess")), "ours' comments kept:\n{merged}");
    let ladder = ladder::ladder::Ladder::parse(&merged).unwrap();
    let rungs: Vec<_> = ladder.rungs.iter().map(|r| (r.id, r.ask.as_str())).collect();
    assert_eq!(rungs, [(1, "Ask Sam"), (2, "Ask Ana"), (3, "Ask Bo")]);
    let attempts: Vec<_> = ladder.attempts.iter().map(|a| (a.id, a.uid.as_str(), a.rung)).collect();
    assert_eq!(attempts, [(1, "oursatt001", 2), (2, "theiratt01", 3)], "each attempt still on its own rung");

    assert!(
        s.ok(&["next"])
            .ends_with("A merge set 1 value aside that two devices changed differently: `ladder conflicts`.\n")
    );
    assert_eq!(
        s.ok(&["conflicts"]),
        "Changed differently on two devices; ladder kept one value and set the other aside:\n  \
         rung 1 \u{201c}Ask Sam\u{201d}, stakes: kept \u{201c}35\u{201d}, set aside \u{201c}25\u{201d}\n\
         Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n"
    );
    assert_eq!(s.ok(&["conflicts", "--clear"]), "Cleared 1 merge conflict. (`ladder undo` brings them back.)\n");
    assert_eq!(s.ok(&["conflicts"]), "No conflicts: every merge so far went cleanly.\n");
    assert!(!s.read_raw().contains("[[conflict]]"));

    // Merging the result again with their side changes nothing.
    let again = s.read_raw();
    std::fs::write(s.path("again.toml"), &again).unwrap();
    s.ok(&["merge", "base.toml", "again.toml", "theirs.toml"]);
    let twice = std::fs::read_to_string(s.path("again.toml")).unwrap();
    assert_eq!(ladder::ladder::Ladder::parse(&twice).unwrap().attempts.len(), 2);
}

#[test]
fn a_side_that_does_not_read_is_not_merged_and_ours_is_left_alone() {
    let s = Sandbox::with(BASE);
    std::fs::write(s.path("theirs.toml"), "<<<<<<< HEAD\n").unwrap();
    let err = s.fails(&["merge", "missing-base.toml", "ladder.toml", "theirs.toml"], 2);
    assert!(err.starts_with("ladder: their side does not read as a ladder: "), "{err}");
    assert_eq!(s.read_raw(), BASE);
}
