//! Several devices: uids, merging, and the set-up for git.

use crate::common::{Fixture, Sandbox, git, git_sandbox};

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

/// A rung at stakes 40, to append to a ladder's text.
fn rung(id: u32, uid: &str, ask: &str) -> String {
    Fixture::new().rung(id, ask, 40).uid(uid).text()
}

/// A yes, to append to a ladder's text.
fn attempt(id: u32, uid: &str, rung: u32, at: &str) -> String {
    Fixture::new().attempt(id, rung, at).uid(uid).outcome("yes").text()
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
    let ladder = ladder::model::Ladder::parse(&merged).unwrap();
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
    assert_eq!(s.ok(&["conflicts", "--clear"]), "Cleared 1 merge conflict. (`ladder undo` brings it back.)\n");
    assert_eq!(s.ok(&["conflicts"]), "No conflicts: every merge so far went cleanly.\n");
    assert!(!s.read_raw().contains("[[conflict]]"));

    // Merging the result again with their side changes nothing.
    let again = s.read_raw();
    std::fs::write(s.path("again.toml"), &again).unwrap();
    s.ok(&["merge", "base.toml", "again.toml", "theirs.toml"]);
    let twice = std::fs::read_to_string(s.path("again.toml")).unwrap();
    assert_eq!(ladder::model::Ladder::parse(&twice).unwrap().attempts.len(), 2);
}

#[test]
fn a_side_that_does_not_read_is_not_merged_and_ours_is_left_alone() {
    let s = Sandbox::with(BASE);
    std::fs::write(s.path("theirs.toml"), "<<<<<<< HEAD\n").unwrap();
    let err = s.fails(&["merge", "missing-base.toml", "ladder.toml", "theirs.toml"], 2);
    assert!(err.starts_with("ladder: theirs.toml: their side does not read as a ladder: "), "{err}");
    assert_eq!(s.read_raw(), BASE);
}

/// `ladder ARGS` on the ladder in `clone`; the phone's changes are made the next morning.
fn on(s: &Sandbox, clone: &str, args: &[&str]) -> String {
    let now = if clone == "phone" { "2026-11-23T08:00:00+01:00" } else { crate::common::NOW };
    let out =
        s.process(args).env("LADDER_FILE", s.path(clone).join("ladder.toml")).env("LADDER_NOW", now).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "ladder {args:?} in {clone}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn two_clones_that_changed_the_ladder_offline_pull_each_other_s_work_whole() {
    let s = git_sandbox();

    on(&s, "laptop", &["add", "Ask Sam for feedback", "--stakes", "20"]);
    on(&s, "laptop", &["add", "Ask Jo to pair", "--stakes", "35"]);
    on(&s, "laptop", &["add", "Ask for a day off", "--stakes", "60"]);
    on(&s, "laptop", &["done", "1"]);
    let said = on(&s, "laptop", &["sync", "setup"]);
    let attributes = s.path("laptop").join(".gitattributes");
    assert_eq!(
        said,
        format!(
            "Added to {}: ladder.toml merge=ladder  (commit it, so every clone merges the same way)\n\
             Set in this repository's config: merge.ladder.driver = ladder merge %O %A %B\n\
             Each clone needs `ladder sync setup` once; `ladder` must be on the PATH git runs with.\n",
            std::fs::canonicalize(&attributes).unwrap().display()
        )
    );
    assert!(on(&s, "laptop", &["sync", "setup"]).contains("Already in "), "idempotent");
    assert_eq!(std::fs::read_to_string(&attributes).unwrap(), "ladder.toml merge=ladder\n");
    let laptop = s.path("laptop");
    git(&s, &laptop, &["add", "."]);
    git(&s, &laptop, &["commit", "-qm", "my ladder"]);
    git(&s, &laptop, &["push", "-q", "origin", "main"]);

    git(&s, s.dir.path(), &["clone", "-q", "origin.git", "phone"]);
    let phone = s.path("phone");
    assert!(on(&s, "phone", &["sync", "setup"]).starts_with("Already in "));

    // Offline, on both.
    on(&s, "laptop", &["add", "Ask Ana for a lift", "--stakes", "40"]);
    on(&s, "laptop", &["done", "2", "--outcome", "no"]);
    on(&s, "laptop", &["edit", "1", "--stakes", "25"]);
    on(&s, "laptop", &["gave", "Reviewed slides", "--to", "Sam"]);
    on(&s, "phone", &["add", "Ask Bo to swap shifts", "--stakes", "45"]);
    on(&s, "phone", &["done", "1", "--note", "On the bus"]);
    on(&s, "phone", &["done", "3"]);
    on(&s, "phone", &["rm", "2"]);
    on(&s, "phone", &["hesitated", "Wanted to ask for directions"]);
    on(&s, "phone", &["edit", "3", "--who", "Lee"]);
    git(&s, &laptop, &["commit", "-qam", "laptop"]);
    git(&s, &phone, &["commit", "-qam", "phone"]);

    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    let merged = git(&s, &phone, &["pull", "-q", "origin", "main"]);
    assert!(merged.contains("ladder: rung 4 \u{201c}Ask Bo to swap shifts\u{201d} is now rung 5"), "{merged}");
    git(&s, &phone, &["push", "-q", "origin", "main"]);
    git(&s, &laptop, &["pull", "-q", "origin", "main"]);

    let text = std::fs::read_to_string(laptop.join("ladder.toml")).unwrap();
    assert_eq!(text, std::fs::read_to_string(phone.join("ladder.toml")).unwrap(), "both clones agree");
    assert!(!text.contains("<<<<<<<"), "{text}");
    let ladder = ladder::model::Ladder::parse(&text).unwrap();
    let mut asks: Vec<_> = ladder.rungs.iter().map(|r| (r.id, r.ask.as_str())).collect();
    asks.sort_unstable();
    // Rung 2 was removed on the phone but practised on the laptop: it comes back.
    assert_eq!(
        asks,
        [
            (1, "Ask Sam for feedback"),
            (2, "Ask Jo to pair"),
            (3, "Ask for a day off"),
            (4, "Ask Ana for a lift"),
            (5, "Ask Bo to swap shifts")
        ],
        "{text}"
    );
    let on_rung = |id: u32| ladder.rung(id).unwrap().ask.as_str();
    let attempts: Vec<_> = ladder.attempts.iter().map(|a| (on_rung(a.rung), a.note.as_deref())).collect();
    assert_eq!(attempts.len(), 4, "{text}");
    for expected in [
        ("Ask Sam for feedback", None),
        ("Ask Jo to pair", None),
        ("Ask Sam for feedback", Some("On the bus")),
        ("Ask for a day off", None),
    ] {
        assert!(attempts.contains(&expected), "{expected:?} in {attempts:?}");
    }
    let mut ids: Vec<_> = ladder.attempts.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4, "attempt IDs are unique");
    assert_eq!(ladder.rung(1).unwrap().stakes, 25);
    assert_eq!(ladder.rung(3).unwrap().who.as_deref(), Some("Lee"));
    assert_eq!((ladder.gifts.len(), ladder.hesitations.len()), (1, 1));
    on(&s, "laptop", &["list"]);
    on(&s, "phone", &["list"]);
}

#[test]
fn setup_outside_a_git_repository_says_what_to_do() {
    let s = Sandbox::with(BASE);
    let out =
        s.ladder(&["sync", "setup"]).env("GIT_CEILING_DIRECTORIES", s.dir.path().parent().unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "ladder: {} is not in a git repository; `git init` there first, or sync it with Syncthing: ",
            s.file().display()
        )),
        "{err}"
    );
    assert!(!s.path(".gitattributes").exists());
}

#[test]
fn conflict_copies_beside_the_ladder_are_folded_in_by_the_next_change_and_put_away() {
    let ours = BASE.to_string() + &attempt(1, "oursatt001", 1, "2026-11-21T10:00:00+01:00");
    let syncthing = BASE.to_string() + &attempt(1, "phoneatt01", 1, "2026-11-21T12:00:00+01:00");
    let dropbox = BASE.replace("30 # a guess", "30") + &rung(2, "tabletrung", "Ask Bo");
    let s = Sandbox::with(&ours);
    let copy = "ladder.sync-conflict-20261121-120000-PHONE12.toml";
    let other = "ladder (Sam's conflicted copy 2026-11-21).toml";
    std::fs::write(s.path(copy), &syncthing).unwrap();
    std::fs::write(s.path(other), &dropbox).unwrap();
    std::fs::write(s.path("ladder (copy).toml"), "not a conflict copy").unwrap();

    let out = s.ladder(&["done", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: attempt 1 (made 2026-11-21 12:00) is now attempt 2: both devices had used ID 1\n\
             ladder: folded the conflict copies {other}, {copy} into {} and moved them to {}\n\
             ladder: no version both devices had is in the undo history, so every entry of either was kept (a \
             rung removed on one device comes back)\n",
            s.file().display(),
            s.path("ladder-merged").display()
        )
    );
    let ladder = ladder::model::Ladder::parse(&s.read_raw()).unwrap();
    let attempts: Vec<_> = ladder.attempts.iter().map(|a| (a.id, a.uid.as_str())).collect();
    assert_eq!(attempts[..2], [(1, "oursatt001"), (2, "phoneatt01")]);
    assert_eq!(attempts.len(), 3, "and the new one");
    assert_eq!(ladder.rungs.len(), 2);
    assert!(s.read_raw().contains("stakes = 30 # a guess\n"), "ours' comments kept");
    for name in [copy, other] {
        assert!(!s.path(name).exists(), "{name} moved away");
        assert!(s.path("ladder-merged").join(name).exists(), "{name} kept in ladder-merged/");
    }
    assert!(s.path("ladder (copy).toml").exists());

    assert_eq!(
        s.ok(&["sync"]),
        format!("No conflict copies beside the ladder in {}: nothing to fold in.\n", s.dir.path().display())
    );
    s.ok(&["undo"]);
    assert_eq!(ladder::model::Ladder::parse(&s.read_raw()).unwrap().attempts.len(), 2, "the fold is its own change");
}

#[cfg(unix)]
#[test]
fn only_the_ladder_is_written_in_its_folder_and_every_path_to_it_takes_one_lock() {
    let s = Sandbox::with(BASE);
    std::os::unix::fs::symlink(s.dir.path(), s.path("link")).unwrap();
    s.ok(&["done", "1"]);
    s.ok(&["done", "1", "--file", s.path("link").join("ladder.toml").to_str().unwrap()]);
    let mut beside: Vec<_> =
        std::fs::read_dir(s.dir.path()).unwrap().flatten().map(|e| e.file_name().into_string().unwrap()).collect();
    beside.sort();
    assert_eq!(beside, ["home", "ladder.toml", "link"]);
    let locks = std::fs::read_dir(s.path("home/state/ladder"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("lock-"))
        .count();
    assert_eq!(locks, 1, "one lock for the file, whichever path names it");
}

#[test]
fn a_merge_that_only_adds_leaves_ours_byte_for_byte_and_splices_theirs_in() {
    let base = BASE.to_string() + &attempt(1, "baseatt001", 1, "2026-11-20T09:00:00+01:00");
    let ours = base.clone() + "# from the laptop\n" + &attempt(2, "oursatt002", 1, "2026-11-21T10:00:00+01:00");
    let theirs = base.clone() + &rung(2, "theirrung2", "Ask Bo") + &attempt(2, "theiratt02", 2, "2026-11-21T11:00:00Z");
    let s = Sandbox::with(&ours);
    std::fs::write(s.path("base.toml"), &base).unwrap();
    std::fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ladder: attempt 2 (made 2026-11-21 11:00) is now attempt 3: both devices had used ID 2\n"
    );
    let (head, journal) = ours.split_at(BASE.len());
    assert_eq!(
        s.read_raw(),
        format!(
            "{head}\n[[rung]]\nid = 2\nuid = \"theirrung2\"\nask = \"Ask Bo\"\nstakes = 40\n{journal}\n[[attempt]]\n\
             id = 3\nuid = \"theiratt02\"\nrung = 2\nat = 2026-11-21T11:00:00+00:00\noutcome = \"yes\"\n\n\
             [[moved]]\nwhat = \"attempt\"\nfrom = 2\nto = 3\non = 2026-11-22\n"
        )
    );
}
