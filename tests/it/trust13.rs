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

const DROPPED: &str = "ladder: attempt 1 (made 2026-11-21 10:00) stays forgotten, as asked on one device: the thank \
                       it was given since is dropped with it\n";

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

/// A ladder whose rung 1's fear "They laugh" (set here, and recorded for undo) a merge kept over the other
/// device's "They ignore me", as git's merge driver writes it: outside the undo history.
fn fear_in_conflict() -> Sandbox {
    let base = Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").text();
    let phone = Sandbox::with(&base);
    phone.ok(&["edit", "1", "--fear", "They ignore me"]);
    let s = Sandbox::with(&base);
    s.ok(&["edit", "1", "--fear", "They laugh"]);
    fs::write(s.path("base.toml"), &base).unwrap();
    fs::write(s.path("ours.toml"), s.read_raw()).unwrap();
    fs::write(s.path("theirs.toml"), phone.read_raw()).unwrap();
    s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0);
    s.write(&fs::read_to_string(s.path("ours.toml")).unwrap());
    s
}

const MEND: &str = "Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n";
const HEAD: &str = "Changed differently on two devices; ladder kept one value and set the other aside:\n";

#[test]
fn conflicts_says_the_field_s_value_now_after_an_undo_of_the_value_kept() {
    let s = fear_in_conflict();
    assert_eq!(
        s.ok(&["conflicts"]),
        format!("{HEAD}  rung 1 “Ask Sam”, fear: kept “They laugh”, set aside “They ignore me”\n{MEND}")
    );
    s.ok(&["undo"]);
    assert_eq!(ladder::model::Ladder::parse(&s.read_raw()).unwrap().rungs[0].fear, None);
    // Both values are off the rung now, and both are named before `--clear` can drop the one set aside.
    assert_eq!(
        s.ok(&["conflicts"]),
        format!(
            "{HEAD}  rung 1 “Ask Sam”, fear: now nothing (the merge kept “They laugh”, changed since), set aside \
             “They ignore me”\n{MEND}"
        )
    );
}

#[test]
fn conflicts_follows_a_later_edit_of_the_field_and_forgets_one_set_to_the_value_set_aside() {
    let s = fear_in_conflict();
    s.ok(&["edit", "1", "--fear", "They frown"]);
    assert_eq!(
        s.ok(&["conflicts"]),
        format!(
            "{HEAD}  rung 1 “Ask Sam”, fear: now “They frown” (the merge kept “They laugh”, changed since), set \
             aside “They ignore me”\n{MEND}"
        )
    );
    let waiting = "A merge set 1 value aside that two devices changed differently: `ladder conflicts`.";
    assert!(s.ok(&["next"]).lines().any(|l| l == waiting));
    s.ok(&["edit", "1", "--fear", "They ignore me"]);
    assert_eq!(s.ok(&["conflicts"]), "No conflicts: every merge so far went cleanly.\n");
    assert!(!s.ok(&["next"]).lines().any(|l| l == waiting), "next no longer mentions it");
}

/// This device recorded attempt 1 on rung 1 (at the sandbox's now); the other device's attempt 1, made the day
/// before, kept the ID when git's merge driver merged them, so this device's is attempt 2 now.
fn renumbered_by_a_merge() -> Sandbox {
    let base = Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").text();
    let phone = Fixture::version(2)
        .rung(1, "Ask Sam", 30)
        .uid("rungone001")
        .attempt(1, 1, "2026-11-21T10:00:00+01:00")
        .uid("phoneatt01")
        .outcome("yes")
        .text();
    let s = Sandbox::with(&base);
    s.ok(&["done", "1", "--before", "50", "--after", "30"]);
    fs::write(s.path("base.toml"), &base).unwrap();
    fs::write(s.path("ours.toml"), s.read_raw()).unwrap();
    fs::write(s.path("theirs.toml"), &phone).unwrap();
    let moved = s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0);
    assert_eq!(moved, "ladder: attempt 1 (made 2026-11-22 18:30) is now attempt 2: both devices had used ID 1\n");
    s.write(&fs::read_to_string(s.path("ours.toml")).unwrap());
    s
}

#[test]
fn history_and_undo_name_an_attempt_a_merge_renumbered_by_its_id_then_and_now() {
    let s = renumbered_by_a_merge();
    assert_eq!(
        s.ok(&["history"]),
        "The file has changed since ladder's last change (a pull, or an edit): undo takes a change back onto it as \
         it is now, keeping what came since.\n\
         Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
         1  2026-11-22 18:30  recorded attempt 1 (now 2) on rung 1\n"
    );
    assert_eq!(
        s.ok(&["undo"]),
        "Undone: recorded attempt 1 (now 2) on rung 1.\n\
         The file had changed since (a pull, or an edit): what came since is kept.\n"
    );
    // It took out this device's attempt, attempt 2; the other device's attempt 1 stays.
    let left = ladder::model::Ladder::parse(&s.read_raw()).unwrap();
    assert_eq!(left.attempts.iter().map(|a| (a.id, a.uid.as_str())).collect::<Vec<_>>(), [(1, "phoneatt01")]);
}

#[test]
fn history_names_no_entry_by_a_new_id_when_nothing_was_renumbered() {
    let base = sam_tried().text();
    let s = Sandbox::with(&base);
    s.ok(&["done", "1"]);
    assert_eq!(s.ok(&["history"]).lines().nth(1), Some("  1  2026-11-22 18:30  recorded attempt 2 on rung 1"));
}

#[test]
fn a_fold_that_keeps_a_forget_over_the_copy_s_thank_says_so() {
    let (base, _, phone) = forgot_and_thanked();
    let s = Sandbox::with(&base);
    s.ok(&["forget", "1"]);
    fs::write(s.path("ladder.sync-conflict-20261122-120000-PHONE12.toml"), &phone).unwrap();
    let said = s.fails(&["sync"], 0);
    assert!(said.lines().any(|l| l.to_string() + "\n" == DROPPED), "{said}");
    assert!(ladder::model::Ladder::parse(&s.read_raw()).unwrap().attempts.is_empty(), "the forget stands");
}

/// attack16: a forget merged with a copy of the entry that only a merge renumbered (its rung moved to another ID)
/// drops nothing, and says nothing; a thank and another change dropped together are both named.
#[test]
fn a_renumbered_rung_is_no_change_and_a_thank_with_a_note_is_named_whole() {
    let (base, laptop, _) = forgot_and_thanked();
    // The other device's copy: the attempt's rung moved from ID 1 to ID 2, nothing else.
    let base_ladder = ladder::model::Ladder::parse(&base).unwrap();
    let moved = base.replace("[[rung]]\nid = 1\n", "[[rung]]\nid = 2\n").replace("rung = 1\n", "rung = 2\n");
    assert_ne!(moved, base, "the rung moved");
    assert_eq!(ladder::model::Ladder::parse(&moved).unwrap().rungs[0].uid, base_ladder.rungs[0].uid);
    let s = Sandbox::new();
    for (name, text) in [("base.toml", &base), ("ours.toml", &laptop), ("theirs.toml", &moved)] {
        fs::write(s.path(name), text).unwrap();
    }
    assert_eq!(s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0), "");
    // Thanked and given a note on the other device.
    let phone = Sandbox::with(&base);
    phone.ok(&["thank", "1"]);
    phone.ok(&["fix", "1", "--note", "She smiled"]);
    fs::write(s.path("theirs.toml"), phone.read_raw()).unwrap();
    fs::write(s.path("ours.toml"), &laptop).unwrap();
    assert_eq!(
        s.fails(&["merge", "base.toml", "ours.toml", "theirs.toml"], 0),
        "ladder: attempt 1 (made 2026-11-21 10:00) stays forgotten, as asked on one device: the thank it was given \
         since, and another change made to it, are dropped with it\n"
    );
}
