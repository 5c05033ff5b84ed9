//! `ladder merge` by hand and `ladder sync setup`: a merge into the live ladder is a change like any other,
//! odd files and an unreadable base are refused, and the merge core keeps its promises (issue 22).

use std::fs;
use std::process::Stdio;

use crate::common::{Fixture, Sandbox};

/// Rung 1, "Ask Sam", stakes 30: where both devices start. A key set next is the rung's.
fn sam() -> Fixture {
    Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001")
}

/// `ladder` with a yes on rung 1: attempt `id`, with `uid`, at `at`.
fn tried(ladder: Fixture, id: u32, uid: &str, at: &str) -> Fixture {
    ladder.attempt(id, 1, at).uid(uid).outcome("yes")
}

/// The ladder in the sandbox's file.
fn ladder(s: &Sandbox) -> ladder::model::Ladder {
    ladder::model::Ladder::parse(&s.read_raw()).unwrap()
}

#[test]
fn a_merge_into_the_live_ladder_waits_for_every_change_beside_it_and_loses_none() {
    let theirs =
        (1..=200).fold(sam(), |ladder, n| tried(ladder, n, &format!("theirs{n:04}"), "2026-11-21T10:00:00+01:00"));
    let theirs = theirs.text();
    let s = Sandbox::with(&sam().text());
    fs::write(s.path("base.toml"), sam().text()).unwrap();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let spawn = |args: &[&str]| s.process(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut running: Vec<_> = (0..12).map(|_| spawn(&["done", "1"])).collect();
    running.push(spawn(&["merge", "base.toml", "ladder.toml", "theirs.toml"]));
    running.extend((0..12).map(|_| spawn(&["done", "1"])));
    for child in running {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let attempts = ladder(&s).attempts;
    assert_eq!(attempts.len(), 224, "24 attempts recorded beside the merge, and the 200 merged in");
    let mut ids: Vec<u32> = attempts.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 224, "every attempt has its own ID");
}

#[test]
fn a_merge_into_the_live_ladder_is_taken_back_by_undo() {
    let ours = tried(sam(), 1, "oursatt001", "2026-11-21T10:00:00+01:00").text();
    let theirs = tried(sam().stakes(35), 1, "theiratt01", "2026-11-21T11:00:00+01:00").text();
    let s = Sandbox::with(&ours);
    fs::write(s.path("base.toml"), sam().text()).unwrap();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    let merged = ladder(&s);
    assert_eq!((merged.attempts.len(), merged.rungs[0].stakes), (2, 35));
    assert_eq!(s.ok(&["history"]).lines().nth(1).unwrap(), "  1  2026-11-22 18:30  merged in theirs.toml");
    assert_eq!(s.ok(&["undo"]), "Undone: merged in theirs.toml.\n");
    assert_eq!(s.read_raw(), ours, "the ladder as it was before the merge");
}

#[test]
fn a_merge_through_another_path_to_the_live_ladder_is_a_change_too() {
    let ours = tried(sam(), 1, "oursatt001", "2026-11-21T10:00:00+01:00").text();
    let theirs = tried(sam(), 1, "theiratt01", "2026-11-21T11:00:00+01:00").text();
    let s = Sandbox::with(&ours);
    fs::create_dir(s.path("sub")).unwrap();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    s.ok(&["merge", "missing.toml", "sub/../ladder.toml", "theirs.toml"]);
    assert_eq!(s.ok(&["undo"]), "Undone: merged in theirs.toml.\n");
    assert_eq!(s.read_raw(), ours);
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_folder_given_to_merge_is_refused_by_name_and_ours_is_left_alone() {
    let s = Sandbox::with(&sam().text());
    let fifo = s.path("fifo.toml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    fs::create_dir(s.path("folder.toml")).unwrap();
    fs::write(s.path("theirs.toml"), sam().text()).unwrap();
    fs::write(s.path("ours.toml"), sam().text()).unwrap();
    let fifo = fifo.to_str().unwrap();
    let folder = s.path("folder.toml");
    let folder = folder.to_str().unwrap();
    for (odd, kind) in [(fifo, "a FIFO (named pipe)"), ("/dev/zero", "a device"), (folder, "a folder")] {
        for (args, ours) in [
            (["merge", odd, "ours.toml", "theirs.toml"], "ours.toml"),
            (["merge", "theirs.toml", "ours.toml", odd], "ours.toml"),
            (["merge", "theirs.toml", odd, "theirs.toml"], "theirs.toml"),
            (["merge", odd, "ladder.toml", "theirs.toml"], "ladder.toml"),
        ] {
            let before = fs::read(s.path(ours)).unwrap();
            let err = s.fails(&args, 2);
            assert_eq!(
                err,
                format!("ladder: {odd} is {kind}, not a regular file; ladder reads and writes only regular files\n"),
                "{args:?}"
            );
            assert_eq!(fs::read(s.path(ours)).unwrap(), before, "{args:?}");
        }
    }
}

#[test]
fn a_base_that_does_not_read_is_refused_and_never_taken_for_an_empty_one() {
    // Ours changed the stakes and removed rung 2; read against an empty base, the stakes would be a conflict
    // and rung 2 would come back.
    let base = sam().rung(2, "Ask Jo", 40).uid("rungtwo002").text();
    let ours = sam().stakes(25).text();
    let s = Sandbox::with(&ours);
    fs::write(s.path("theirs.toml"), &base).unwrap();
    fs::write(s.path("base.toml"), "version = 2\n[[rung]\nid = 1\n").unwrap();
    let err = s.fails(&["merge", "base.toml", "ladder.toml", "theirs.toml"], 2);
    assert_eq!(
        err,
        "ladder: base.toml: the base does not read as a ladder: unclosed array table, expected `]`; nothing was \
         merged\n"
    );
    assert_eq!(s.read_raw(), ours);

    fs::write(s.path("base.toml"), b"version = 2\n\xff\n").unwrap();
    let err = s.fails(&["merge", "base.toml", "ladder.toml", "theirs.toml"], 2);
    assert_eq!(
        err,
        "ladder: base.toml:2:1: this is not UTF-8 text (a binary file, or saved in another encoding?): `\\xff`\n"
    );
    assert_eq!(s.read_raw(), ours);

    // The real base merges as it should.
    fs::write(s.path("base.toml"), &base).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    assert_eq!(s.read_raw(), ours, "our edit and our removal both kept");
}

#[test]
fn an_empty_or_missing_base_is_a_merge_of_everything_on_both_sides() {
    let ours = tried(sam(), 1, "oursatt001", "2026-11-21T10:00:00+01:00").text();
    let theirs = tried(sam(), 1, "theiratt01", "2026-11-21T11:00:00+01:00").text();
    for base in [None, Some(""), Some("\n  \n")] {
        let s = Sandbox::with(&ours);
        fs::write(s.path("theirs.toml"), &theirs).unwrap();
        if let Some(text) = base {
            fs::write(s.path("base.toml"), text).unwrap();
        }
        s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
        assert_eq!(ladder(&s).attempts.len(), 2, "{base:?}");
    }
}

#[test]
fn every_example_ladder_gets_uids_of_its_own() {
    let (one, two) = (Sandbox::new(), Sandbox::new());
    one.ok(&["init", "--example"]);
    two.ok(&["init", "--example"]);
    let uids = |s: &Sandbox| -> Vec<String> { ladder(s).rungs.into_iter().map(|r| r.uid).collect() };
    let (a, b) = (uids(&one), uids(&two));
    assert!(a.len() > 10 && a.len() == b.len());
    assert!(a.iter().all(|uid| !b.contains(uid)), "no rung shares a uid with the other ladder:\n{a:?}\n{b:?}");
    assert_eq!(one.read(), two.read(), "and the rest is the same starter ladder");
    assert!(one.read_raw().contains(&format!("[[rung]]\nid = 1\nuid = \"{}\"\nask = ", a[0])), "written in the file");
}

/// Two devices that each make the same entry, with the same ID, on the same day still make two entries: every
/// new rung, attempt, hesitation and gift gets a uid of its own, drawn at random.
#[test]
fn the_same_entries_made_on_two_devices_get_uids_of_their_own() {
    let (one, two) = (Sandbox::new(), Sandbox::new());
    for s in [&one, &two] {
        s.ok(&["add", "Ask Sam for feedback", "--stakes", "30", "--who", "Sam"]);
        s.ok(&["add", "Ask Ana for a lift", "--stakes", "20"]);
        s.ok(&["split", "1", "Ask Sam for a small thing", "--stakes", "25"]);
        s.ok(&["done", "1", "--before", "30", "--after", "20"]);
        s.ok(&["hesitated", "Did not ask Jo", "--stakes", "40"]);
        s.ok(&["promote", "1"]);
        s.ok(&["gave", "A lift", "--to", "Ana"]);
    }
    let uids = |s: &Sandbox| -> Vec<String> {
        let l = ladder(s);
        let rungs = l.rungs.into_iter().map(|r| r.uid);
        let entries = l.attempts.into_iter().map(|a| a.uid).chain(l.hesitations.into_iter().map(|h| h.uid));
        rungs.chain(entries).chain(l.gifts.into_iter().map(|g| g.uid)).collect()
    };
    let (a, b) = (uids(&one), uids(&two));
    assert_eq!(a.len(), 7, "{a:?}");
    assert!(a.iter().all(|uid| !b.contains(uid)), "no entry shares a uid with the other ladder:\n{a:?}\n{b:?}");
}

#[test]
fn a_merge_that_would_need_an_id_above_the_highest_is_refused_and_ours_is_left_alone() {
    let ours = tried(sam(), 4_294_967_294, "oursatt001", "2026-11-21T10:00:00+01:00").text();
    let theirs = tried(sam(), 4_294_967_294, "theiratt01", "2026-11-21T11:00:00+01:00");
    let theirs = tried(theirs, 4_294_967_295, "theiratt02", "2026-11-21T12:00:00+01:00").text();
    let s = Sandbox::with(&ours);
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let err = s.fails(&["merge", "base.toml", "ladder.toml", "theirs.toml"], 2);
    assert_eq!(
        err,
        "ladder: both devices used attempt ID 4294967294, and no attempt ID is left to give one of them: the \
         highest ladder can give, 4294967295, is in use; nothing was merged\n"
    );
    assert_eq!(s.read_raw(), ours);

    // With one ID left, the merge takes it.
    let theirs = tried(sam(), 4_294_967_294, "theiratt01", "2026-11-21T11:00:00+01:00").text();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    let ids: Vec<u32> = ladder(&s).attempts.iter().map(|a| a.id).collect();
    assert_eq!(ids, [4_294_967_294, 4_294_967_295]);
}

/// `ladder` with a conflict on rung 1's stakes, set aside by a merge: 35 kept, `other` set aside.
fn conflict(ladder: Fixture, other: &str) -> Fixture {
    ladder.table("conflict").set("rung", "rungone001").set("field", "stakes").set("kept", "35").set("other", other)
}

#[test]
fn a_conflict_that_sets_nothing_aside_is_never_written_nor_listed() {
    let base = sam().who("Jo").text();
    let ours = sam().who("Lee").text();
    let s = Sandbox::with(&ours);
    fs::write(s.path("base.toml"), &base).unwrap();
    fs::write(s.path("theirs.toml"), sam().text()).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!((out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()), (Some(0), ""));
    assert_eq!(s.read_raw(), ours, "the name kept, and no [[conflict]] that sets nothing aside");

    // One written by an earlier version is not listed.
    let s = Sandbox::with(&conflict(sam(), "").text());
    assert_eq!(s.ok(&["conflicts"]), "No conflicts: every merge so far went cleanly.\n");
    assert!(!s.ok(&["next"]).contains("conflicts"));
}

#[test]
fn a_conflict_whose_value_set_aside_is_now_the_rung_s_is_dropped_by_the_next_merge() {
    // The person took up the value set aside (stakes 25); the other device recorded an attempt meanwhile.
    let base = conflict(sam().stakes(35), "25");
    let ours = conflict(sam().stakes(25), "25").text();
    let theirs = tried(base.clone(), 1, "theiratt01", "2026-11-21T11:00:00+01:00").text();
    let s = Sandbox::with(&ours);
    fs::write(s.path("base.toml"), base.text()).unwrap();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    let merged = ladder(&s);
    assert_eq!((merged.rungs[0].stakes, merged.attempts.len()), (25, 1));
    assert!(merged.conflicts.is_empty(), "{}", s.read_raw());
    assert_eq!(s.ok(&["conflicts"]), "No conflicts: every merge so far went cleanly.\n");
}

/// Git in `dir`, isolated from the machine's configuration; what it printed.
fn git(s: &Sandbox, dir: &std::path::Path, args: &[&str]) -> String {
    let home = s.path("home");
    let out = std::process::Command::new("git")
        .env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// What `git check-attr merge -- NAME` says of `name` in the repository at `dir`.
fn merge_attribute(s: &Sandbox, dir: &std::path::Path, name: &str) -> String {
    let said = git(s, dir, &["check-attr", "-z", "merge", "--", name]);
    said.split('\0').nth(2).unwrap().to_string()
}

#[test]
fn sync_setup_writes_a_pattern_that_git_matches_to_the_ladder_s_name_and_no_other() {
    for (name, sibling, pattern) in [
        ("my ladder.toml", "my_ladder.toml", "my[[:space:]]ladder.toml"),
        ("[x].toml", "x.toml", "\\[x\\].toml"),
        ("#ladder.toml", "ladder.toml", "\\#ladder.toml"),
        ("!ladder.toml", "ladder.toml", "\\!ladder.toml"),
        ("a*b?.toml", "aXbY.toml", "a\\*b\\?.toml"),
        ("\"q\".toml", "q.toml", "\\\"q\\\".toml"),
        ("back\\slash.toml", "back/slash.toml", "back\\\\slash.toml"),
    ] {
        let s = Sandbox::new();
        let repo = s.path("repo");
        fs::create_dir(&repo).unwrap();
        git(&s, &repo, &["init", "-q"]);
        let file = repo.join(name);
        fs::write(&file, sam().text()).unwrap();
        let out = s.process(&["sync", "setup"]).env("LADDER_FILE", &file).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let attributes = fs::canonicalize(repo.join(".gitattributes")).unwrap();
        let line = format!("{pattern} merge=ladder");
        assert_eq!(fs::read_to_string(&attributes).unwrap(), format!("{line}\n"), "{name}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().lines().next().unwrap(),
            format!("Added to {}: {line}  (commit it, so every clone merges the same way)", attributes.display())
        );
        assert_eq!(merge_attribute(&s, &repo, name), "ladder", "{name}");
        assert_eq!(merge_attribute(&s, &repo, sibling), "unspecified", "{name} against {sibling}");
        let again = s.process(&["sync", "setup"]).env("LADDER_FILE", &file).output().unwrap();
        let said = String::from_utf8(again.stdout).unwrap();
        assert_eq!(said.lines().next().unwrap(), format!("Already in {}: {line}", attributes.display()));
    }
}

#[cfg(unix)]
#[test]
fn sync_setup_refuses_a_name_no_pattern_can_match_and_says_why() {
    use std::os::unix::ffi::OsStrExt;
    let s = Sandbox::new();
    let repo = s.path("repo");
    fs::create_dir(&repo).unwrap();
    git(&s, &repo, &["init", "-q"]);
    for (name, why) in [
        (&b"ladder\xff.toml"[..], "is not UTF-8 text"),
        (b"lad\tder.toml", "holds a control character (a tab or a line break)"),
    ] {
        let file = repo.join(std::ffi::OsStr::from_bytes(name));
        fs::write(&file, sam().text()).unwrap();
        let out = s.process(&["sync", "setup"]).env("LADDER_FILE", &file).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let shown = String::from_utf8_lossy(name).replace('\t', "\\t");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "ladder: the ladder's path \"{shown}\" {why}, so .gitattributes cannot name it and git would never \
                 merge it with ladder; rename it (letters, digits, spaces and most punctuation are fine)\n"
            )
        );
        assert!(!repo.join(".gitattributes").exists());
    }
}

#[test]
fn sync_setup_says_when_another_line_keeps_git_from_using_ladder_and_changes_nothing() {
    let s = Sandbox::new();
    let repo = s.path("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    git(&s, &repo, &["init", "-q"]);
    fs::write(repo.join(".git/info/attributes"), "*.toml merge=binary\n").unwrap();
    let file = repo.join("ladder.toml");
    fs::write(&file, sam().text()).unwrap();
    fs::write(repo.join(".gitattributes"), "*.png binary").unwrap();
    let out = s.process(&["sync", "setup"]).env("LADDER_FILE", &file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ladder: git would still not merge ladder.toml with ladder (`git check-attr merge` says \"binary\"): \
         another line in .gitattributes or .git/info/attributes sets `merge` for it; remove that line, then run \
         this again; nothing was changed\n"
    );
    assert_eq!(fs::read_to_string(repo.join(".gitattributes")).unwrap(), "*.png binary", "put back as it was");
}

#[test]
fn ours_with_inline_settings_keeps_its_text_through_a_merge() {
    let base = "# mine\nversion = 2\nsettings = { repeat = 3 } # inline\nextra = \"keep me\"\n\n[[rung]]\nid = 1\n\
                uid = \"rungone001\"\nask = \"Ask Sam\"\nstakes = 30 # a guess\n";
    let theirs = base.replace("stakes = 30 # a guess", "stakes = 35").replace("repeat = 3 }", "repeat = 4 }");
    let s = Sandbox::with(base);
    fs::write(s.path("base.toml"), base).unwrap();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    assert_eq!(s.read_raw(), base.replace("stakes = 30", "stakes = 35").replace("repeat = 3 }", "repeat = 4 }"));
}

#[test]
fn an_id_once_used_is_never_given_to_another_rung_by_a_merge() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam", "-s", "20"]);
    s.ok(&["add", "Ask Jo", "-s", "30"]);
    s.ok(&["hesitated", "Wanted to ask for directions"]);
    fs::copy(s.file(), s.path("base.toml")).unwrap();
    fs::copy(s.file(), s.path("theirs.toml")).unwrap();
    // Here the hesitation became rung 3, then rung 3 was removed; there, another ask took ID 3.
    s.ok(&["promote", "1", "--stakes", "25"]);
    s.ok(&["rm", "3"]);
    s.ok(&["--file", "theirs.toml", "add", "Ask Bo", "-s", "40"]);
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ladder: rung 3 \u{201c}Ask Bo\u{201d} is now rung 4: ID 3 had been given on one device to a rung it no \
         longer has\n"
    );
    let rungs: Vec<(u32, String)> = ladder(&s).rungs.into_iter().map(|r| (r.id, r.ask)).collect();
    assert_eq!(rungs, [(1, "Ask Sam".into()), (2, "Ask Jo".into()), (4, "Ask Bo".into())]);
    assert_eq!(
        s.ok(&["hesitations"]).lines().last().unwrap(),
        "#1  2026-11-22  Wanted to ask for directions  \u{2192} rung #3 (since removed)"
    );
}

#[test]
fn one_hesitation_promoted_on_both_devices_merges_as_one_rung() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam", "-s", "20"]);
    s.ok(&["hesitated", "Wanted to ask for directions"]);
    fs::copy(s.file(), s.path("base.toml")).unwrap();
    fs::copy(s.file(), s.path("theirs.toml")).unwrap();
    s.ok(&["promote", "1", "--stakes", "25"]);
    s.ok(&["done", "2"]);
    s.ok(&["--file", "theirs.toml", "promote", "1", "--stakes", "30"]);
    s.ok(&["--file", "theirs.toml", "done", "2", "--note", "On the bus"]);
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ladder: attempt 1 (made 2026-11-22 18:30) is now attempt 2: both devices had used ID 1\n\
         ladder: 1 value was changed differently on both devices; one of each is kept, and `ladder conflicts` \
         lists the other\n"
    );
    let merged = ladder(&s);
    let rungs: Vec<(u32, &str, u8)> = merged.rungs.iter().map(|r| (r.id, r.ask.as_str(), r.stakes)).collect();
    assert_eq!(rungs, [(1, "Ask Sam", 20), (2, "Wanted to ask for directions", 30)]);
    assert!(merged.attempts.iter().all(|a| a.rung == 2) && merged.attempts.len() == 2);
    assert_eq!(merged.hesitations[0].rung, Some(2));
    assert_eq!(
        s.ok(&["conflicts"]).lines().nth(1).unwrap(),
        "  rung 2 \u{201c}Wanted to ask for directions\u{201d}, stakes: kept \u{201c}30\u{201d}, set aside \u{201c}25\u{201d}"
    );
}

#[test]
fn a_hesitation_promoted_on_two_devices_whose_rungs_were_both_removed_merges_the_same_in_either_order() {
    let s = Sandbox::new();
    s.ok(&["hesitated", "Wanted to ask for directions"]);
    for name in ["base.toml", "theirs.toml"] {
        fs::copy(s.file(), s.path(name)).unwrap();
    }
    // Ours makes rung 1 of it and removes it; theirs adds a rung first, so its promotion is rung 2.
    s.ok(&["promote", "1", "--stakes", "25"]);
    s.ok(&["rm", "1"]);
    s.ok(&["--file", "theirs.toml", "add", "Ask Sam", "-s", "20"]);
    s.ok(&["--file", "theirs.toml", "promote", "1", "--stakes", "30"]);
    s.ok(&["--file", "theirs.toml", "rm", "2"]);
    fs::copy(s.file(), s.path("ours.toml")).unwrap();
    let mut results = Vec::new();
    for [a, b] in [["ours", "theirs"], ["theirs", "ours"]] {
        fs::copy(s.path(&format!("{a}.toml")), s.file()).unwrap();
        s.ok(&["merge", "base.toml", "ladder.toml", &format!("{b}.toml")]);
        let merged = ladder(&s);
        let rungs: Vec<(u32, String)> = merged.rungs.iter().map(|r| (r.id, r.ask.clone())).collect();
        results.push((rungs, merged.hesitations.iter().map(|h| h.rung).collect::<Vec<_>>(), s.ok(&["list"])));
    }
    // The promotion stands, at the lower of the two removed IDs, and no rung was given either ID.
    assert_eq!(results[0].0, [(3, "Ask Sam".to_string())]);
    assert_eq!(results[0].1, [Some(1)]);
    assert_eq!(results[0], results[1]);
}

#[test]
fn a_hesitation_forgotten_on_one_device_and_promoted_on_two_is_one_rung_in_every_order() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam", "-s", "20"]);
    s.ok(&["hesitated", "Wanted to ask for directions"]);
    for name in ["base.toml", "x.toml", "y.toml", "z.toml"] {
        fs::copy(s.file(), s.path(name)).unwrap();
    }
    s.ok(&["--file", "x.toml", "forget", "--hesitation", "1"]);
    s.ok(&["--file", "y.toml", "promote", "1", "--stakes", "25"]);
    s.ok(&["--file", "z.toml", "promote", "1", "--stakes", "25"]);
    let mut results = Vec::new();
    for [a, b, c] in
        [["x", "y", "z"], ["y", "z", "x"], ["z", "x", "y"], ["x", "z", "y"], ["y", "x", "z"], ["z", "y", "x"]]
    {
        fs::copy(s.path(&format!("{a}.toml")), s.file()).unwrap();
        for other in [b, c] {
            let out = s.ladder(&["merge", "base.toml", "ladder.toml", &format!("{other}.toml")]).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        }
        let merged = ladder(&s);
        let rungs: Vec<(&str, u8)> = merged.rungs.iter().map(|r| (r.ask.as_str(), r.stakes)).collect();
        let promoted = merged.hesitations.iter().map(|h| merged.rung(h.rung.unwrap()).unwrap().ask.clone());
        results.push((
            rungs.iter().map(|(a, s)| format!("{a} {s}")).collect::<Vec<_>>(),
            promoted.collect::<Vec<_>>(),
            merged.forgotten.len(),
        ));
    }
    // The promotion wins: the hesitation stays with its one rung, and its forget is dropped.
    for result in &results {
        assert_eq!(
            result,
            &(
                vec!["Ask Sam 20".to_string(), "Wanted to ask for directions 25".to_string()],
                vec!["Wanted to ask for directions".to_string()],
                0
            )
        );
    }
}

#[cfg(unix)]
#[test]
fn a_merge_whose_notices_cannot_be_printed_still_merges_and_exits_0() {
    let ours = tried(sam(), 1, "oursatt001", "2026-11-21T10:00:00+01:00").text();
    let theirs = tried(sam().stakes(35), 1, "theiratt01", "2026-11-21T11:00:00+01:00").text();
    let s = Sandbox::with(&ours);
    fs::write(s.path("base.toml"), sam().stakes(20).text()).unwrap();
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = s.process(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).stderr(full).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "a moved ID and a conflict to tell, and nowhere to tell them");
    let merged = ladder(&s);
    assert_eq!((merged.attempts.len(), merged.conflicts.len()), (2, 1));
}

#[test]
fn an_attempt_changed_on_both_devices_merges_field_by_field_and_a_thank_is_never_undone() {
    let base = tried(sam(), 1, "attempt001", "2026-11-21T10:00:00+01:00");
    let (base, theirs) = (base.text(), base.note("On the bus").before(60).text());
    let s = Sandbox::with(&base);
    fs::write(s.path("base.toml"), &base).unwrap();
    fs::write(s.path("theirs.toml"), &base).unwrap();
    s.ok(&["thank", "1"]);
    fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!((out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()), (Some(0), ""));
    let merged = ladder(&s).attempts.remove(0);
    assert_eq!(
        (merged.thanked, merged.note.as_deref(), merged.before),
        (Some(true), Some("On the bus"), Some(60)),
        "the thank made here and the note written there"
    );

    // A note written differently on both keeps one and sets the other aside.
    let ours = s.read_raw();
    fs::write(s.path("base.toml"), &ours).unwrap();
    fs::write(s.path("ladder.toml"), ours.replace("On the bus", "On the train")).unwrap();
    fs::write(s.path("theirs.toml"), ours.replace("On the bus", "At lunch").replace("thanked = true\n", "")).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ladder: 1 value was changed differently on both devices; one of each is kept, and `ladder conflicts` \
         lists the other\n"
    );
    let merged = ladder(&s).attempts.remove(0);
    assert_eq!((merged.thanked, merged.note.as_deref()), (Some(true), Some("On the train")));
    assert_eq!(
        s.ok(&["conflicts"]),
        "Changed differently on two devices; ladder kept one value and set the other aside:\n  \
         attempt 1 (made 2026-11-21 10:00), note: kept \u{201c}On the train\u{201d}, set aside \u{201c}At lunch\u{201d}\n\
         Edit what needs it (`ladder fix`), then `ladder conflicts --clear`.\n"
    );
    assert!(s.read_raw().contains("\n[[conflict]]\nentry = \"attempt001\"\nfield = \"attempt.note\"\n"));
}

#[test]
fn a_file_from_before_uids_edited_by_hand_on_one_device_merges_as_one_rung() {
    let base = "version = 1\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 30\n\n[[attempt]]\nid = 1\nrung = 1\n\
                at = 2026-11-20T09:00:00+01:00\n";
    let ours = base.replace("\"Ask Sam\"", "\"Ask Sam about slides\"");
    let s = Sandbox::with(&ours);
    fs::write(s.path("base.toml"), base).unwrap();
    fs::write(s.path("theirs.toml"), base).unwrap();
    s.ok(&["--file", "theirs.toml", "done", "1"]);
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!((out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()), (Some(0), ""));
    let merged = ladder(&s);
    let rungs: Vec<(u32, &str)> = merged.rungs.iter().map(|r| (r.id, r.ask.as_str())).collect();
    assert_eq!(rungs, [(1, "Ask Sam about slides")], "the ask changed here, not a second rung");
    let attempts: Vec<(u32, u32)> = merged.attempts.iter().map(|a| (a.id, a.rung)).collect();
    assert_eq!(attempts, [(1, 1), (2, 1)], "each attempt once");
}

#[test]
fn a_side_with_two_byte_order_marks_is_refused_as_every_command_refuses_it() {
    let twice = format!("\u{feff}\u{feff}{}", sam());
    let s = Sandbox::with(&twice);
    fs::write(s.path("base.toml"), sam().text()).unwrap();
    fs::write(s.path("theirs.toml"), sam().text()).unwrap();
    assert_eq!(
        s.fails(&["merge", "base.toml", "ladder.toml", "theirs.toml"], 2),
        format!(
            "ladder: {}:1:1: the file begins with two byte order marks (invisible marks some editors add); remove \
             one: `\\u{{feff}}\\u{{feff}}version = 2`\n",
            s.file().display()
        )
    );
    assert_eq!(s.read_raw(), twice, "ours is left as it was");
    fs::write(s.path("theirs.toml"), &twice).unwrap();
    s.write(&sam().text());
    assert_eq!(
        s.fails(&["merge", "base.toml", "ladder.toml", "theirs.toml"], 2),
        "ladder: theirs.toml: their side does not read as a ladder: it begins with two byte order marks (invisible \
         marks some editors add); remove one; nothing was merged\n"
    );
}

/// The other device's copy, with what a person wrote there by hand: comments, names `ladder` does not know
/// (at the top, in the settings, in a rung and an attempt) and a table of its own.
const HAND_WRITTEN: &str = "version = 2
# my phone's copy
owner = \"phone\"

[settings]
repeat = 2
colour = \"green\" # my own key

# Sam is my manager
[[rung]]
id = 1
uid = \"rungone001\"
ask = \"Ask Sam\"
stakes = 30
mood = \"hopeful\"

[[attempt]]
id = 1
uid = \"attone0001\"
rung = 1
at = 2026-11-20T10:00:00+01:00
outcome = \"yes\"
weather = \"rain\"

# on the bus
[[attempt]]
id = 2
uid = \"theiratt02\"
rung = 1
at = 2026-11-21T11:00:00+01:00
# how it went
outcome = \"no\"
place = \"bus\"

[phone]
model = \"pixel\"
";

const PLAIN: &str = "version = 2

[settings]
repeat = 2

[[rung]]
id = 1
uid = \"rungone001\"
ask = \"Ask Sam\"
stakes = 30

[[attempt]]
id = 1
uid = \"attone0001\"
rung = 1
at = 2026-11-20T10:00:00+01:00
outcome = \"yes\"
";

#[test]
fn comments_and_unknown_keys_written_on_the_other_device_come_across_and_ours_keeps_its_text() {
    let ours = format!(
        "{PLAIN}\n# at work\n[[attempt]]\nid = 2\nuid = \"oursatt002\"\nrung = 1\nat = 2026-11-21T10:00:00+01:00\n\
         outcome = \"yes\"\n"
    );
    let s = Sandbox::with(&ours);
    fs::write(s.path("base.toml"), PLAIN).unwrap();
    fs::write(s.path("theirs.toml"), HAND_WRITTEN).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        s.read_raw(),
        "version = 2
# my phone's copy
owner = \"phone\"

[settings]
repeat = 2
colour = \"green\" # my own key

# Sam is my manager
[[rung]]
id = 1
uid = \"rungone001\"
ask = \"Ask Sam\"
stakes = 30
mood = \"hopeful\"

[[attempt]]
id = 1
uid = \"attone0001\"
rung = 1
at = 2026-11-20T10:00:00+01:00
outcome = \"yes\"
weather = \"rain\"

# at work
[[attempt]]
id = 2
uid = \"oursatt002\"
rung = 1
at = 2026-11-21T10:00:00+01:00
outcome = \"yes\"

# on the bus
[[attempt]]
id = 3
uid = \"theiratt02\"
rung = 1
at = 2026-11-21T11:00:00+01:00
# how it went
outcome = \"no\"
place = \"bus\"

[phone]
model = \"pixel\"

[[moved]]
what = \"attempt\"
from = 2
to = 3
on = 2026-11-22
"
    );
    // Merging again changes nothing; and what ours removed since the base stays removed.
    fs::copy(s.file(), s.path("merged.toml")).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    assert_eq!(s.read_raw(), fs::read_to_string(s.path("merged.toml")).unwrap());
    let removed = s.read_raw().replace("mood = \"hopeful\"\n", "").replace("# Sam is my manager\n", "");
    s.write(&removed);
    s.ok(&["merge", "theirs.toml", "ladder.toml", "theirs.toml"]);
    assert_eq!(s.read_raw(), removed, "a comment and a key ours removed since the base stay removed");
}

#[test]
fn a_fold_brings_the_other_device_s_comments_and_unknown_keys_across() {
    let s = Sandbox::with(&format!("{PLAIN}\n# ours\n"));
    let copy = "ladder.sync-conflict-20261121-120000-PHONE12.toml";
    fs::write(s.path(copy), HAND_WRITTEN).unwrap();
    s.ok(&["sync"]);
    let text = s.read_raw();
    for line in [
        "# my phone's copy\nowner = \"phone\"\n",
        "colour = \"green\" # my own key\n",
        "# Sam is my manager\n[[rung]]\n",
        "mood = \"hopeful\"\n",
        "weather = \"rain\"\n",
        "# on the bus\n[[attempt]]\nid = 2\n",
        "# how it went\noutcome = \"no\"\nplace = \"bus\"\n",
        "[phone]\nmodel = \"pixel\"\n",
    ] {
        assert!(text.contains(line), "{line:?} should come across:\n{text}");
    }
}
