//! What `next` and `progress` printed, kept beside the snapshot so that a warm read prints without decoding the
//! ladder: a speed-up that must print exactly what working it out afresh prints, at every moment.

use std::fs;
use std::path::PathBuf;

use crate::common::Sandbox;

/// Sam said no a week ago (rung 1 rests until 20:00 on the test's day), rung 2 is planned for the test's day,
/// and there is practice this week and a hesitation, so the clock changes what both commands print: at the
/// end of the rest, at midnight (a plan overdue, a new week) and with another UTC offset.
const LADDER: &str = "version = 2\n\n\
    [[rung]]\nid = 1\nask = \"Ask Sam for a lift\"\nstakes = 30\nwho = \"Sam\"\n\n\
    [[rung]]\nid = 2\nask = \"Ask Jo to lunch\"\nstakes = 40\nplanned = 2026-11-22\n\n\
    [[rung]]\nid = 3\nask = \"Ask for a raise\"\nstakes = 80\n\n\
    [[attempt]]\nid = 1\nrung = 1\nat = 2026-11-15T20:00:00+01:00\noutcome = \"no\"\nbefore = 60\nafter = 40\n\n\
    [[attempt]]\nid = 2\nrung = 3\nat = 2026-11-20T10:00:00+01:00\noutcome = \"yes\"\nbefore = 70\nafter = 30\n\n\
    [[hesitation]]\nid = 1\nat = 2026-11-21T09:00:00+01:00\ntext = \"Did not ask about the budget\"\n";

const VIEWS: &[&[&str]] =
    &[&["next"], &["next", "--json"], &["next", "--review"], &["progress"], &["progress", "--json"]];

/// Moments of the test's day and around it, in the order they are visited.
const MOMENTS: &[&str] = &[
    "2026-11-22T18:30:00+01:00",
    "2026-11-22T18:45:00+01:00",
    "2026-11-22T19:59:59+01:00",
    "2026-11-22T20:00:00+01:00",
    "2026-11-22T23:59:59+01:00",
    "2026-11-23T00:00:00+01:00",
    "2026-11-22T23:30:00+00:00",
    "2026-11-22T18:30:00+01:00",
    "2026-11-29T18:30:00+01:00",
];

fn shown_file(s: &Sandbox) -> Option<PathBuf> {
    let found = fs::read_dir(s.path("home/cache/ladder")).ok()?;
    found.flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "shown"))
}

/// Exit code and standard output of `ladder ARGS` at `now`.
fn run(s: &Sandbox, args: &[&str], now: &str, color: bool) -> (Option<i32>, String) {
    let mut cmd = s.process(args);
    cmd.env("LADDER_NOW", now);
    if color {
        cmd.args(["--color", "always"]);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn what_is_kept_is_what_working_it_out_afresh_prints_at_every_moment() {
    let kept = Sandbox::with(LADDER);
    let afresh = Sandbox::with(LADDER);
    let mut outputs = std::collections::HashSet::new();
    // Twice through: the first read of each view works it out and keeps it, the next ones may print it.
    for _ in 0..2 {
        for now in MOMENTS {
            for view in VIEWS {
                for color in [false, true] {
                    let _ = fs::remove_dir_all(afresh.path("home/cache"));
                    let expected = run(&afresh, view, now, color);
                    assert_eq!(run(&kept, view, now, color), expected, "ladder {view:?} at {now}, color {color}");
                    outputs.insert(expected);
                }
            }
        }
    }
    assert!(shown_file(&kept).is_some(), "a warm read keeps what it printed");
    // The moments matter: the rest's end changes the step, midnight the week, and both show it.
    let at = |view: &[&str], now| run(&afresh, view, now, false).1;
    assert_ne!(at(&["next"], MOMENTS[2]), at(&["next"], MOMENTS[3]));
    assert_ne!(at(&["progress"], MOMENTS[4]), at(&["progress"], MOMENTS[5]));
    assert_ne!(at(&["progress", "--json"], MOMENTS[4]), at(&["progress", "--json"], MOMENTS[5]));
    assert!(outputs.len() >= 16, "{}", outputs.len());
}

/// The text kept, changed as someone who knows the format would (its checksum mended): proof that it is what a
/// warm read prints, and that it is printed for that file's text alone.
fn tamper(s: &Sandbox) {
    let path = shown_file(s).expect("a kept view");
    let mut data = fs::read(&path).unwrap();
    let at: Vec<usize> = data.windows(5).enumerate().filter(|(_, w)| *w == b"Next:").map(|(i, _)| i).collect();
    assert!(!at.is_empty(), "the next step");
    for i in at {
        data[i..i + 5].copy_from_slice(b"NEXT:");
    }
    // The head: magic 8, schema 4, build 8, the file's hash 16 and length 8, then the checksum of the rest.
    let sum = xxhash_rust::xxh3::xxh3_64(&data[52..]);
    data[44..52].copy_from_slice(&sum.to_le_bytes());
    fs::write(&path, data).unwrap();
}

#[test]
fn a_hand_edit_is_seen_at_once_by_a_kept_view() {
    let s = Sandbox::with(LADDER);
    let first = s.ok(&["next"]);
    assert_eq!(s.ok(&["next"]), first);
    tamper(&s);
    // The control: the kept text is what is printed.
    assert_eq!(s.ok(&["next"]), first.replace("Next:", "NEXT:"));
    // The same length, another ask.
    s.write(&LADDER.replace("Ask Jo to lunch", "Ask Al to lunch"));
    let edited = s.ok(&["next"]);
    assert_eq!(edited, first.replace("Ask Jo to lunch", "Ask Al to lunch"));
    assert_eq!(s.ok(&["next"]), edited);
    s.ok(&["done", "2"]);
    assert_ne!(s.ok(&["next"]), edited, "a change made with ladder is seen too");
}

#[test]
fn a_damaged_or_foreign_kept_view_is_ignored() {
    let s = Sandbox::with(LADDER);
    let first = s.ok(&["next"]);
    s.ok(&["next"]);
    let path = shown_file(&s).expect("a kept view");
    let good = fs::read(&path).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    let mut other_build = good.clone();
    other_build[12] ^= 1;
    for garbage in [&b""[..], b"ladshow\n", &[0xff; 200][..], &good[..good.len() - 3], &flipped, &other_build] {
        fs::write(&path, garbage).unwrap();
        assert_eq!(s.ok(&["next"]), first);
        assert_eq!(s.ok(&["next"]), first, "and kept again");
    }
    // The control: a view kept again is the one a warm read prints.
    tamper(&s);
    assert_eq!(s.ok(&["next"]), first.replace("Next:", "NEXT:"));
}

#[cfg(unix)]
#[test]
fn a_kept_view_in_a_folder_others_can_write_to_is_never_read() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::with(LADDER);
    let first = s.ok(&["next"]);
    s.ok(&["next"]);
    tamper(&s);
    let folder = s.path("home/cache/ladder");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(s.ok(&["next"]), first);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn an_encrypted_ladder_keeps_no_view() {
    let s = Sandbox::with(LADDER);
    s.ok(&["next"]);
    s.ok(&["next"]);
    assert!(shown_file(&s).is_some());
    let identity = age::x25519::Identity::generate();
    let secret = age::secrecy::ExposeSecret::expose_secret(&identity.to_string()).to_string();
    let identity_file = s.path("home/config/ladder/identity.txt");
    fs::create_dir_all(identity_file.parent().unwrap()).unwrap();
    fs::write(&identity_file, format!("{secret}\n")).unwrap();
    s.ok(&["encrypt", "--recipient", &identity.to_public().to_string()]);
    assert!(shown_file(&s).is_none(), "forgotten with the snapshot");
    s.ok(&["next"]);
    s.ok(&["next"]);
    assert!(shown_file(&s).is_none());
}

#[test]
fn conflict_copies_are_looked_for_even_when_a_kept_view_answers() {
    let views = [&["next"][..], &["progress"]];
    let s = Sandbox::with(LADDER);
    let keep = || {
        for view in views {
            s.ok(view);
            s.ok(view);
        }
        tamper(&s);
    };
    keep();
    fs::write(s.path("ladder.sync-conflict-20261121-120000-PHONE12.toml"), LADDER).unwrap();
    for view in views {
        let kept = s.ladder(view).output().unwrap();
        assert!(String::from_utf8_lossy(&kept.stdout).contains("NEXT:"), "{view:?}: the control, from what is kept");
        let _ = fs::remove_dir_all(s.path("home/cache"));
        let afresh = s.ladder(view).output().unwrap();
        assert!(!afresh.stderr.is_empty(), "{view:?}: the copy is mentioned");
        assert_eq!(String::from_utf8(kept.stderr).unwrap(), String::from_utf8(afresh.stderr).unwrap(), "{view:?}");
        keep();
    }
}
