//! Trust under attack: odd files at the path, a tampered or planted snapshot, hostile IDs and times, a full
//! standard output, and other files' temps never cost a recorded attempt or reach the wrong place.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Fixture, Sandbox, exists};

/// Rung 1, "Ask Sam", stakes 30.
fn ask_sam_fixture() -> Fixture {
    Fixture::version(2).rung(1, "Ask Sam", 30)
}

fn ask_sam() -> String {
    ask_sam_fixture().text()
}

/// Runs `ladder ARGS` (within `Sandbox::ladder`'s time limit: a FIFO must never make it wait), returning exit
/// code and stderr.
fn run(s: &Sandbox, args: &[&str]) -> (Option<i32>, String) {
    let out = s.ladder(args).output().expect("run ladder");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn snapshot(s: &Sandbox) -> PathBuf {
    let dir = s.path("home/cache/ladder");
    let mut found = fs::read_dir(&dir).expect("a cache folder").flatten().map(|e| e.path());
    found.find(|p| p.extension().is_some_and(|e| e == "snapshot")).expect("a snapshot")
}

#[cfg(unix)]
#[test]
fn a_device_fifo_or_folder_at_the_path_is_refused_and_nothing_is_made_beside_it() {
    use std::os::unix::fs::symlink;
    let s = Sandbox::new();
    let fifo = s.path("fifo.toml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    symlink("/dev/zero", s.path("zero.toml")).unwrap();
    symlink("/dev/null", s.path("null.toml")).unwrap();
    fs::create_dir(s.path("folder.toml")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(s.path("sock.toml")).unwrap();
    let before = names(s.dir.path());
    for (name, kind) in [
        ("fifo.toml", "a FIFO (named pipe)"),
        ("zero.toml", "a device"),
        ("null.toml", "a device"),
        ("folder.toml", "a folder"),
    ] {
        let path = s.path(name);
        let path = path.to_str().unwrap();
        for args in [&["next"][..], &["next", "-q"], &["list"], &["add", "Ask", "-s", "10"], &["done"], &["undo"]] {
            let args: Vec<&str> = ["--file", path].iter().chain(args).copied().collect();
            let (code, err) = run(&s, &args);
            assert_eq!(code, Some(2), "{args:?}");
            assert_eq!(
                err,
                format!("ladder: {path} is {kind}, not a regular file; ladder reads and writes only regular files\n"),
                "{args:?}"
            );
        }
    }
    assert_eq!(names(s.dir.path()), before, "no lock file, temp file or replacement beside them");
    assert!(fs::symlink_metadata(s.path("null.toml")).unwrap().file_type().is_symlink(), "never renamed over");
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn when_no_id_is_left_nothing_is_written() {
    let s = Sandbox::with(&Fixture::version(2).rung(u32::MAX, "Ask Sam", 30).text());
    s.refused(&["add", "Ask Jo", "-s", "40"], "");
    assert_eq!(
        s.fails(&["add", "Ask Jo", "-s", "40"], 2),
        "ladder: no rung ID is left: the file already uses 4294967295, the highest ladder can give; nothing was written\n"
    );
    let s = Sandbox::with(&ask_sam_fixture().attempt(u32::MAX, 1, "2026-11-20T10:00:00+01:00").text());
    s.refused(&["done"], "no attempt ID is left");
    s.ok(&["list"]);
}

/// A snapshot changed after it was written: the same length, a different ask, with or without its checksums
/// mended (as someone who knows the format would).
fn tamper(snapshot: &Path, mend_checksums: bool) {
    let mut data = fs::read(snapshot).unwrap();
    let mut replaced = 0;
    for i in 0..data.len() - 7 {
        if &data[i..i + 7] == b"Ask Sam" {
            data[i..i + 7].copy_from_slice(b"Planted");
            replaced += 1;
        }
    }
    assert_eq!(replaced, 2, "the quick answer and the ladder");
    if mend_checksums {
        // The head: magic 8, schema 4, build 8, file hash 16 and length 8, quick length 4, then the checksums.
        let quick_len = usize::try_from(u32::from_le_bytes(data[44..48].try_into().unwrap())).unwrap();
        let quick = xxhash_rust::xxh3::xxh3_64(&data[64..64 + quick_len]);
        let rest = xxhash_rust::xxh3::xxh3_64(&data[64 + quick_len..]);
        data[48..56].copy_from_slice(&quick.to_le_bytes());
        data[56..64].copy_from_slice(&rest.to_le_bytes());
    }
    fs::write(snapshot, data).unwrap();
}

#[test]
fn a_changed_byte_in_the_snapshot_is_no_snapshot() {
    let s = Sandbox::with(&ask_sam());
    s.ok(&["list"]);
    tamper(&snapshot(&s), false);
    assert_eq!(s.ok(&["next", "-q"]), "Ask Sam\n");
    assert_eq!(s.json(&["list", "--json"])[0]["ask"], "Ask Sam");
    s.ok(&["add", "Ask Jo", "-s", "40"]);
    s.ok(&["done"]);
    assert_eq!(s.json(&["list", "--json"])[0]["attempts"].as_array().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn a_snapshot_in_a_folder_others_can_write_to_is_never_read() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::with(&ask_sam());
    s.ok(&["list"]);
    let planted = snapshot(&s);
    tamper(&planted, true);
    // The control: a snapshot made this way is read when it sits in a private folder, so the test can fail.
    assert_eq!(s.ok(&["next", "-q"]), "Planted\n");
    fs::set_permissions(planted.parent().unwrap(), fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(s.ok(&["next", "-q"]), "Ask Sam\n");
    assert_eq!(s.json(&["next", "--json"])["ask"], "Ask Sam");
    s.ok(&["done"]);
    assert_eq!(fs::read(&planted).map(|d| d.windows(7).any(|w| w == b"Planted")).ok(), Some(true), "left alone");
    assert_eq!(fs::metadata(planted.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o777);
}

#[test]
fn fractions_of_a_second_read_the_same_warm_and_cold() {
    let s = Sandbox::with(&ask_sam_fixture().attempt(1, 1, "2026-11-20T10:00:00.5+01:00").text());
    let cold = s.ok(&["log", "--json"]);
    assert!(cold.contains("\"at\": \"2026-11-20T10:00:00.500+01:00\""), "{cold}");
    assert_eq!(s.ok(&["log", "--json"]), cold, "warm, from the snapshot");
    s.ok(&["thank", "1"]);
    s.ok(&["plan", "1", "--on", "2026-11-30"]);
    s.ok(&["edit", "1", "--who", "Sam"]);
    assert!(s.read().contains("at = 2026-11-20T10:00:00.5+01:00\n"), "{}", s.read());
}

#[cfg(target_os = "linux")]
#[test]
fn a_change_saved_before_output_fails_exits_0_with_a_warning() {
    let s = Sandbox::with(&ask_sam());
    let mut cmd = s.process(&["done", "--note", "went well"]);
    let out = cmd.stdout(fs::File::create("/dev/full").unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ladder: your change was saved, but ladder could not print what it did: cannot print to standard output: the disk is full\n"
    );
    assert!(s.read().contains("note = \"went well\""));
    // Nothing saved, nothing printed: still an error.
    let mut cmd = s.process(&["list"]);
    assert_eq!(cmd.stdout(fs::File::create("/dev/full").unwrap()).output().unwrap().status.code(), Some(2));
}

#[test]
fn a_save_removes_only_its_own_abandoned_temps() {
    let s = Sandbox::with(&ask_sam());
    let own = s.path(".ladder.toml.ladder-Ab12Cd.tmp");
    let other = s.path(".ladder.toml.old.ladder-Xy12Zq.tmp");
    let mine = s.path(".ladder.toml.backup.tmp");
    let old_undo = s.path(".ladder.toml.undo");
    for temp in [&own, &other, &old_undo, &mine] {
        fs::write(temp, "half a save").unwrap();
    }
    s.ok(&["done"]);
    assert!(!exists(&own), "a killed save's temp is cleared");
    assert!(!exists(&old_undo), "an earlier version's undo record beside the file too");
    assert!(exists(&other), "ladder.toml.old's save may be under way");
    assert!(exists(&mine), "a file of the person's own");
}

#[test]
fn a_table_that_belongs_to_the_last_rung_stays_with_it_through_add_and_rm() {
    for table in ["[rung.details]\nnote = \"mine\"\n", "[[rung.steps]]\nnote = \"mine\"\n"] {
        let s = Sandbox::with(&format!("{}\n{table}", ask_sam_fixture().attempt(1, 1, "2026-11-20T10:00:00+01:00")));
        s.ok(&["list"]); // a warm snapshot, as a person's second command would have
        s.ok(&["add", "Ask Jo", "-s", "40"]);
        let owner = |s: &Sandbox| -> Vec<bool> {
            let file: toml::Table = s.read().parse().unwrap();
            let rungs = file["rung"].as_array().unwrap();
            rungs.iter().map(|r| r.get("details").or_else(|| r.get("steps")).is_some()).collect()
        };
        assert_eq!(owner(&s), [true, false], "{}", s.read());
        s.ok(&["rm", "2"]);
        assert_eq!(owner(&s), [true], "{}", s.read());
    }
}

const COMMENTED: &str = "version = 2

[[rung]]
id = 1
ask = \"Ask Sam\"
stakes = 30
# Sam sits by the window
who = \"Sam\" # since March
# the day after payday
planned = 2026-11-30
# in the kitchen
where = \"kitchen\"

[[rung]] # the second
id = 2
ask = \"Ask Jo\" # a note on Jo
# the stakes feel right
stakes = 40
tags = [
  \"work\", # mostly
]
";

#[test]
fn comments_on_a_cleared_key_or_inside_a_removed_rung_are_kept() {
    let s = Sandbox::with(COMMENTED);
    s.ok(&["edit", "1", "--who", ""]);
    let cleared = COMMENTED.replace("who = \"Sam\" # since March\n", "# since March\n");
    assert_eq!(s.read(), cleared);
    s.ok(&["plan", "1", "--clear"]);
    let unplanned = cleared
        .replace("# the day after payday\nplanned = 2026-11-30\n# in the kitchen\nwhere = \"kitchen\"\n", "")
        .replace("# Sam sits by the window\n# since March\n", "")
        .replace(
            "\n[[rung]] # the second",
            "\n# Sam sits by the window\n# since March\n# the day after payday\n# in the kitchen\n[[rung]] # the second",
        );
    assert_eq!(s.read(), unplanned);
    s.ok(&["rm", "2"]);
    let removed = "version = 2\nlast_rung_id = 2\n\n[[rung]]\nid = 1\nask = \"Ask Sam\"\nstakes = 30\n\n\
                   # Sam sits by the window\n# since March\n# the day after payday\n# in the kitchen\n\
                   # the second\n# a note on Jo\n# the stakes feel right\n# mostly\n";
    assert_eq!(s.read(), removed);
}

#[test]
fn a_file_nested_too_deeply_names_its_line() {
    let deep = format!("version = 2\n# fine\n[{}]\n", vec!["a"; 50_000].join("."));
    let s = Sandbox::with(&deep);
    let err = s.fails(&["list"], 2);
    let quoted: String = format!("[{}", vec!["a"; 40].join(".")).chars().take(80).collect();
    assert_eq!(err, format!("ladder: {}:3:1: this is nested too deeply to read: `{quoted}`\n", s.file().display()));
}
