//! Several devices: the README's sync line, a waiting conflict copy in `conflicts`, the words of undoing a fold,
//! which entry keeps a shared ID, and the Markdown export's peak, safety behaviours and lessons (newuser13).

use std::fs;
use std::path::Path;

use crate::common::{Fixture, Sandbox, on, two_clones};

/// The README's sync line: the shell block after "sync with this one line:".
fn readme_sync_line() -> String {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = &readme[readme.find("sync with this one line:\n\n```sh\n").expect("the README gives a sync line")..];
    after.lines().nth(3).expect("the line").to_string()
}

/// Runs a shell line in `dir` as a person would, with git and `ladder` on the PATH: its exit code and output.
fn shell(s: &Sandbox, dir: &Path, line: &str) -> (i32, String) {
    let out =
        crate::common::isolated(s, "sh", dir).stdin(std::process::Stdio::null()).args(["-c", line]).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

fn asks(s: &Sandbox, clone: &str) -> Vec<String> {
    on(s, clone, &["list"]).lines().map(|l| l.split_whitespace().skip(2).collect::<Vec<_>>().join(" ")).collect()
}

/// newuser13 item 6: `git commit -am … && git pull …` stopped at "nothing to commit" on a device with nothing new,
/// so it never pulled. The README's line must pull and push whatever there is to commit, and run the merge.
#[test]
fn the_readme_sync_line_pulls_on_a_device_with_nothing_to_commit_and_merges_when_both_have_work() {
    let line = readme_sync_line();
    assert_eq!(line, "git commit -am \"ladder\"; git pull --no-rebase --no-edit && git push");
    let s = two_clones(&Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").text());
    let (laptop, phone) = (s.path("laptop"), s.path("phone"));

    // The laptop records and syncs; the phone has nothing to commit, and must still get it.
    on(&s, "laptop", &["done", "1", "--note", "from the laptop"]);
    assert_eq!(shell(&s, &laptop, &line).0, 0);
    assert!(!on(&s, "phone", &["log"]).contains("from the laptop"));
    let (code, said) = shell(&s, &phone, &line);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("nothing to commit"), "{said}");
    assert_eq!(on(&s, "phone", &["log"]).lines().nth(1), Some("     from the laptop"));

    // Both record offline: the phone's line commits, pulls (running `ladder merge`) and pushes; the laptop's,
    // with nothing new of its own since, still brings the phone's work.
    on(&s, "laptop", &["add", "Ask Ana for a lift", "--stakes", "40"]);
    on(&s, "phone", &["add", "Ask Bo to swap shifts", "--stakes", "45"]);
    assert_eq!(shell(&s, &laptop, &line).0, 0);
    let (code, said) = shell(&s, &phone, &line);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("ladder: rung 2 \u{201c}"), "the merge ran: {said}");
    assert_eq!(shell(&s, &laptop, &line).0, 0);
    assert_eq!(fs::read(laptop.join("ladder.toml")).unwrap(), fs::read(phone.join("ladder.toml")).unwrap());
    assert_eq!(
        asks(&s, "laptop"),
        ["Ask Tries Status", "Ask Sam 1 practising", "Ask Ana for a lift 0 new", "Ask Bo to swap shifts 0 new"]
    );
    // Nothing anywhere: the line still succeeds.
    assert_eq!(shell(&s, &phone, &line).0, 0);
}

const COPY: &str = "ladder.sync-conflict-20261122-120000-BBBBBBB.toml";

/// newuser13 item 8: `conflicts` said "every merge so far went cleanly" while a copy that will set a value aside
/// waited (and `conflicts --clear` refused for that reason). It names the copy and what folding it in will do,
/// and changes nothing.
#[test]
fn conflicts_names_a_waiting_copy_and_what_folding_it_in_will_set_aside() {
    let start = Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").text();
    let s = Sandbox::with(&start);
    s.ok(&["edit", "1", "--stakes", "27"]);
    fs::write(s.path(COPY), start.replace("stakes = 30", "stakes = 28")).unwrap();
    let before = s.read_raw();
    assert_eq!(
        s.ok(&["conflicts"]),
        format!(
            "No conflicts from the merges so far.\n\
             A conflict copy from another device is waiting beside the ladder: {COPY}.\n\
             `ladder sync` (or any change) folds it in, and that keeps one value and sets the other aside:\n  \
             rung 1 \u{201c}Ask Sam\u{201d}, stakes: will keep \u{201c}28\u{201d}, set aside \u{201c}27\u{201d}\n\
             Run `ladder sync`, edit what needs it, then `ladder conflicts --clear`.\n"
        )
    );
    assert_eq!(s.read_raw(), before, "nothing written");
    assert!(s.path(COPY).exists(), "the copy still waits");
    s.ok(&["sync"]);
    assert_eq!(
        s.ok(&["conflicts"]),
        "Changed differently on two devices; ladder kept one value and set the other aside:\n  \
         rung 1 \u{201c}Ask Sam\u{201d}, stakes: kept \u{201c}28\u{201d}, set aside \u{201c}27\u{201d}\n\
         Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n"
    );

    // A copy that only adds sets nothing aside, and the conflicts there are still listed first.
    let added = s.read_raw() + &Fixture::new().attempt(1, 1, "2026-11-22T11:00:00+01:00").uid("attcopy001").text();
    fs::write(s.path(COPY), added).unwrap();
    assert_eq!(
        s.ok(&["conflicts"]),
        format!(
            "Changed differently on two devices; ladder kept one value and set the other aside:\n  \
             rung 1 \u{201c}Ask Sam\u{201d}, stakes: kept \u{201c}28\u{201d}, set aside \u{201c}27\u{201d}\n\
             Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n\
             A conflict copy from another device is waiting beside the ladder: {COPY}.\n\
             `ladder sync` (or any change) folds it in; that sets no value aside.\n"
        )
    );

    // A copy that cannot be folded in is named on stderr, with why, and not promised to fold.
    let bad = "ladder.sync-conflict-20261122-130000-CCCCCCC.toml";
    fs::write(s.path(bad), "garbage [[\n").unwrap();
    let out = s.ladder(&["conflicts"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "Changed differently on two devices; ladder kept one value and set the other aside:\n  \
             rung 1 \u{201c}Ask Sam\u{201d}, stakes: kept \u{201c}28\u{201d}, set aside \u{201c}27\u{201d}\n\
             Edit what needs it (`ladder edit`), then `ladder conflicts --clear`.\n\
             2 conflict copies from other devices are waiting beside the ladder: {COPY}, {bad}.\n\
             `ladder sync` (or any change) folds in {COPY}; that sets no value aside.\n"
        )
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: the conflict copy {bad} was left where it is: it holds nothing of a ladder (none of its keys or \
             tables); look at it, and move it away if it is not a ladder\n"
        )
    );
}

/// newuser13 item 4: Syncthing kept the other device's file and made this device's own version the copy; undoing
/// the fold said it took out "what the other device had added", when it was this device's own attempt.
#[test]
fn undoing_a_fold_names_what_the_copy_brought_in_not_a_device() {
    let start = Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").text();
    let mine = start.clone()
        + &Fixture::new().attempt(1, 1, "2026-11-22T10:00:00+01:00").uid("attmine001").outcome("yes").text();
    let theirs =
        start + &Fixture::new().attempt(1, 1, "2026-11-22T11:00:00+01:00").uid("attfromb01").outcome("yes").text();
    let s = Sandbox::with(&theirs);
    fs::write(s.path("ladder.sync-conflict-20261122-120000-AAAAAAA.toml"), mine).unwrap();
    s.ok(&["sync"]);
    assert_eq!(
        s.ok(&["undo"]),
        "Undone: folded in the conflict copy ladder.sync-conflict-20261122-120000-AAAAAAA.toml.\n\
         It took out what the copy had brought in: 1 attempt.\n\
         The copy is back beside the ladder as ladder.sync-conflict-20261122-120000-AAAAAAA.toml; `ladder sync` \
         folds it in again.\n"
    );
}

/// A rung of stakes 40, made on `day`, to append to a ladder's text.
fn rung_on(id: u32, uid: &str, ask: &str, day: &str) -> String {
    Fixture::new().rung(id, ask, 40).uid(uid).created(day).text()
}

/// newuser13 item 9: the README said "the earlier one" keeps a shared ID, but a rung's `created` is a day. What
/// the code does, and the README now says: the earlier day; on the same day the uid that sorts first, in either
/// direction of the merge.
#[test]
fn a_shared_rung_id_goes_to_the_earlier_day_else_to_the_uid_that_sorts_first_in_either_direction() {
    let base = Fixture::version(2).rung(1, "Ask Sam", 30).uid("rungone001").text();
    for (bo_uid, bo_day, cy_uid, cy_day, moves) in [
        // Same day: the uid that sorts first keeps it, whoever added first.
        ("zzzzzrung2", "2026-11-22", "aaaaarung2", "2026-11-22", "Ask Bo"),
        ("aaaaarung2", "2026-11-22", "zzzzzrung2", "2026-11-22", "Ask Cy"),
        // An earlier day wins over the uid.
        ("zzzzzrung2", "2026-11-21", "aaaaarung2", "2026-11-22", "Ask Cy"),
    ] {
        let bo = base.clone() + &rung_on(2, bo_uid, "Ask Bo", bo_day);
        let cy = base.clone() + &rung_on(2, cy_uid, "Ask Cy", cy_day);
        for (ours, theirs) in [(&bo, &cy), (&cy, &bo)] {
            let s = Sandbox::with(ours);
            fs::write(s.path("base.toml"), &base).unwrap();
            fs::write(s.path("theirs.toml"), theirs).unwrap();
            let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
            assert_eq!(out.status.code(), Some(0));
            assert_eq!(
                String::from_utf8(out.stderr).unwrap(),
                format!("ladder: rung 2 \u{201c}{moves}\u{201d} is now rung 3: both devices had used ID 2\n")
            );
        }
    }
}

/// newuser13 item 7: the Markdown export (the default, "everything ... for a therapist") left out the peak, the
/// safety behaviours and what was learned, which the CSV and the report have.
#[test]
fn the_markdown_export_shows_the_peak_the_safety_behaviours_and_what_was_learned() {
    let s = Sandbox::with(&Fixture::version(2).rung(1, "Ask Sam", 30).rung(2, "Ask Jo", 40).text());
    s.ok(&[
        "done",
        "1",
        "--before",
        "40",
        "--peak",
        "70",
        "--after",
        "20",
        "--learned",
        "People are kind",
        "--used",
        "rehearsed script",
        "--used",
        "notes",
        "--dropped",
        "looking away",
    ]);
    s.ok(&["done", "2", "--outcome", "no"]);
    let md = s.ok(&["export", "-o", "-"]);
    let table: Vec<&str> =
        md.lines().skip_while(|l| *l != "## Attempts").skip(2).take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        table,
        [
            "| Date | Rung | Outcome | Before | Peak | After | Fear came true | Thanked | Safety behaviours | Learned | Note |",
            "|---|---:|---|---:|---:|---:|---|---|---|---|---|",
            "| 2026-11-22 18:30 | #1 | yes | 40 | 70 | 20 |  |  | relied on: rehearsed script, notes; did without: looking \
             away | People are kind |  |",
            "| 2026-11-22 18:30 | #2 | no |  |  |  |  |  |  |  |  |",
        ]
    );
    // A ladder that records none of them keeps the narrow table.
    let s = Sandbox::with(&Fixture::version(2).rung(1, "Ask Sam", 30).text());
    s.ok(&["done", "1", "--before", "40", "--after", "20"]);
    let md = s.ok(&["export", "-o", "-"]);
    let table: Vec<&str> =
        md.lines().skip_while(|l| *l != "## Attempts").skip(2).take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        table,
        [
            "| Date | Rung | Outcome | Before | After | Fear came true | Thanked | Note |",
            "|---|---:|---|---:|---:|---|---|---|",
            "| 2026-11-22 18:30 | #1 | yes | 40 | 20 |  |  |  |",
        ]
    );
}
