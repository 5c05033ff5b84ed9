//! Several devices, after a merge: what a merge says it dropped with a forgotten entry, what `conflicts` says
//! after an undo, and the IDs `undo`, `history` and `done`'s hints name once a merge renumbered an entry.

use std::fs;

use crate::common::{Fixture, Sandbox};

/// Rung 1, "Ask Sam", with attempt 1 on it (a yes on 21 Nov at 10:00): where both devices start.
fn sam_tried() -> Fixture {
    Fixture::version(2)
        .rung(1, "Ask Sam", 30)
        .uid("rungone001")
        .attempt(1, 1, "2026-11-21T10:00:00+01:00")
        .uid("attone0001")
        .outcome("yes")
}

/// The base, and each device's copy: one forgot attempt 1, the other thanked it.
fn forgot_and_thanked() -> (String, String, String) {
    let base = sam_tried().text();
    let laptop = Sandbox::with(&base);
    laptop.ok(&["forget", "1"]);
    let phone = Sandbox::with(&base);
    phone.ok(&["thank", "1"]);
    (base, laptop.read_raw(), phone.read_raw())
}

const DROPPED: &str = "ladder: attempt 1 (made 2026-11-21 10:00) stays forgotten, as one device asked: the thank \
                       the other device gave it is dropped with it\n";

#[test]
fn a_forget_wins_over_a_thank_from_the_other_device_and_the_merge_says_so_in_either_order() {
    let (base, laptop, phone) = forgot_and_thanked();
    for (ours, theirs) in [(&laptop, &phone), (&phone, &laptop)] {
        let s = Sandbox::new();
        fs::write(s.path("base.toml"), &base).unwrap();
        fs::write(s.path("ours.toml"), ours).unwrap();
        fs::write(s.path("theirs.toml"), theirs).unwrap();
        let said = s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0);
        assert_eq!(said, DROPPED);
        let merged = ladder::model::Ladder::parse(&fs::read_to_string(s.path("ours.toml")).unwrap()).unwrap();
        assert!(merged.attempts.is_empty(), "the forget stands");
        assert_eq!(merged.forgotten.len(), 1);
        // Merged again with the merge as base (as git does next time): nothing is said again.
        let result = fs::read_to_string(s.path("ours.toml")).unwrap();
        fs::write(s.path("base.toml"), &result).unwrap();
        fs::write(s.path("theirs.toml"), &result).unwrap();
        assert_eq!(s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0), "");
    }
}

#[test]
fn a_forget_merged_with_an_untouched_copy_of_the_entry_says_nothing() {
    let (base, laptop, _) = forgot_and_thanked();
    let s = Sandbox::new();
    fs::write(s.path("base.toml"), &base).unwrap();
    fs::write(s.path("ours.toml"), &base).unwrap();
    fs::write(s.path("theirs.toml"), &laptop).unwrap();
    assert_eq!(s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0), "");
}

#[test]
fn undoing_the_forget_after_the_merge_brings_the_attempt_back_as_this_device_had_it() {
    let (base, _, phone) = forgot_and_thanked();
    let s = Sandbox::with(&base);
    s.ok(&["forget", "1"]);
    fs::write(s.path("base.toml"), &base).unwrap();
    fs::write(s.path("theirs.toml"), &phone).unwrap();
    // Merged into the live ladder: the forget stands, so the file is as it was; undo takes the forget back.
    assert_eq!(s.fails(&["merge", "base.toml", "ladder.toml", "theirs.toml"], 0), DROPPED);
    assert_eq!(s.ok(&["undo"]), "Undone: forgot attempt 1.\n");
    let back = ladder::model::Ladder::parse(&s.read_raw()).unwrap();
    assert_eq!((back.attempts.len(), back.attempts[0].thanked), (1, None), "the thank went with the forget");
}
