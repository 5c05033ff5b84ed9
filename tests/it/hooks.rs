//! Hooks: executables in `$XDG_CONFIG_HOME/ladder/hooks/`, run after a change is saved and its lock released.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::common::Sandbox;
use crate::import::{blocks, readme_section};

/// The sandbox's hooks folder, made as the README says (only its owner can change it).
fn hooks_dir(s: &Sandbox) -> PathBuf {
    let config = s.dir.path().join("home").join("config");
    let dir = config.join("ladder").join("hooks");
    fs::create_dir_all(&dir).unwrap();
    for d in [config.join("ladder"), dir.clone()] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o700)).unwrap();
    }
    dir
}

fn hook(s: &Sandbox, name: &str, script: &str) -> PathBuf {
    let path = hooks_dir(s).join(name);
    fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).unwrap();
    path
}

/// `ladder ARGS` with the system's PATH (hooks here use `cat`, `grep` and `sleep`): exit code, stdout, stderr.
fn run(s: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = s.process(args);
    command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn ladder_with_two_rungs() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask", "a", "stranger", "the", "time", "--stakes", "20"]);
    s.ok(&["add", "Ask", "Sam", "for", "a", "lift", "--stakes", "40"]);
    s
}

#[test]
fn the_readme_hook_example_runs_as_written() {
    let s = ladder_with_two_rungs();
    let home = s.dir.path().join("home");
    let section = readme_section("Hooks");
    let script = blocks(&section, "sh").into_iter().next().expect("the README shows a hook").join("\n");
    // With XDG_CONFIG_HOME set elsewhere, as some systems do: the script puts the hook where ladder looks.
    let config = s.dir.path().join("elsewhere").display().to_string();
    let made = std::process::Command::new("sh")
        .args(["-c", &script])
        .env_clear()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &config)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .status()
        .unwrap();
    assert!(made.success());
    let (code, _, err) = run(&s, &["done", "1"], &[("XDG_CONFIG_HOME", &config)]);
    assert_eq!((code, err.as_str()), (0, ""));
    run(&s, &["done", "2", "--outcome", "no"], &[("XDG_CONFIG_HOME", &config)]);
    let journal = fs::read_to_string(home.join("asks.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = journal.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "one line each: {journal}");
    let mut log = s.json_with_uids(&["log", "--json"]);
    log.as_array_mut().unwrap().reverse();
    assert_eq!(serde_json::Value::Array(lines), log, "each as `log --json` gives it");
}

#[test]
fn a_hook_writes_a_file_with_the_entry_and_its_environment() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    hook(&s, "on-change", &format!("cat > '{dir}/change.json'\necho \"$LADDER_HOOK $LADDER_FILE\" > '{dir}/env'"));
    hook(&s, "on-attempt", &format!("cat > '{dir}/attempt.json'"));
    let (code, out, err) = run(&s, &["done", "1"], &[]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("Recorded attempt 1"), "ladder's own output is untouched: {out}");
    let read =
        |name: &str| -> serde_json::Value { serde_json::from_str(&fs::read_to_string(s.path(name)).unwrap()).unwrap() };
    assert_eq!(
        read("change.json"),
        serde_json::json!({ "change": "recorded attempt 1 on rung 1", "at": crate::common::NOW })
    );
    assert_eq!(read("attempt.json"), s.json_with_uids(&["log", "--json"])[0]);
    assert_eq!(fs::read_to_string(s.path("env")).unwrap(), format!("1 {}\n", s.file().display()));
}

/// An undo, and a sync that only folds in a conflict copy, are changes too: `on-change` hears of each.
#[test]
fn on_change_hears_of_an_undo_and_of_a_fold_alone() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    hook(&s, "on-change", &format!("cat >> '{dir}/changes.json'"));
    s.ok(&["done", "1"]);
    s.ok(&["undo", "2"]);
    let read = || -> Vec<serde_json::Value> {
        let text = fs::read_to_string(s.path("changes.json")).unwrap();
        serde_json::Deserializer::from_str(&text).into_iter().map(Result::unwrap).collect()
    };
    let change = |text: &str| serde_json::json!({ "change": text, "at": crate::common::NOW });
    assert_eq!(
        read(),
        [change("recorded attempt 1 on rung 1"), change("undid recorded attempt 1 on rung 1; added rung 2")]
    );
    let copy = s.path("ladder.sync-conflict-20261121-120000-PHONE12.toml");
    fs::write(&copy, s.read_raw().replace("the time", "the way")).unwrap();
    let (code, out, err) = run(&s, &["sync"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(s.read_raw().contains("Ask a stranger the way"));
    assert_eq!(read().get(2), Some(&change("folded in conflict copies")), "{out}{err}");
}

#[test]
fn a_rung_mastered_runs_on_mastered_with_the_rung() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    hook(&s, "on-mastered", &format!("cat >> '{dir}/mastered.json'; echo on-mastered >> '{dir}/order'"));
    s.ok(&["done", "1", "--date", "2026-11-21", "--confirm-date"]);
    assert!(!s.path("mastered.json").exists(), "one rep of two");
    hook(&s, "on-attempt", &format!("cat > /dev/null; echo on-attempt >> '{dir}/order'"));
    hook(&s, "on-change", &format!("cat > /dev/null; echo on-change >> '{dir}/order'"));
    s.ok(&["done", "1"]);
    assert_eq!(fs::read_to_string(s.path("order")).unwrap(), "on-attempt\non-mastered\non-change\n");
    let mastered: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(s.path("mastered.json")).unwrap()).unwrap();
    assert_eq!(mastered, s.json_with_uids(&["list", "--json"])[0]);
    assert_eq!(mastered["status"], "mastered");
}

#[test]
fn a_hook_that_calls_ladder_done_works_and_starts_no_hook() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    let bin = env!("CARGO_BIN_EXE_ladder");
    hook(&s, "on-attempt", &format!("echo ran >> '{dir}/ran'\n'{bin}' done 2 --note 'from a hook' > /dev/null"));
    let (code, _, err) = run(&s, &["done", "1"], &[]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(fs::read_to_string(s.path("ran")).unwrap(), "ran\n", "the hook's own `ladder done` ran no hook");
    let log = s.json(&["log", "--json"]);
    let notes: Vec<(u64, Option<&str>)> =
        log.as_array().unwrap().iter().map(|a| (a["rung"].as_u64().unwrap(), a["note"].as_str())).collect();
    assert_eq!(notes, [(2, Some("from a hook")), (1, None)]);
}

#[test]
fn two_concurrent_dones_with_a_slow_hook_neither_waits_for_the_others_hook() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    let file = s.file().display().to_string();
    // Each hook waits (up to a minute) until both attempts are in the file: if a hook held the lock, the other
    // `done` could not save, and neither hook would see both.
    hook(
        &s,
        "on-attempt",
        &format!(
            "n=0\nwhile [ \"$(grep -c '^\\[\\[attempt\\]\\]' '{file}')\" -lt 2 ]; do\n  n=$((n + 1)); [ $n -gt 600 ] && exit 1\n  sleep 0.1\ndone\ntouch '{dir}/saw-both-'$$"
        ),
    );
    let start = |id: &str| {
        let mut command = s.process(&["done", id]);
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default()).env("LADDER_HOOK_TIMEOUT", "120");
        command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap()
    };
    let (first, second) = (start("1"), start("2"));
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8(out.stderr).unwrap(), "", "no hook failed or waited too long");
    }
    let saw = fs::read_dir(s.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("saw-both-"))
        .count();
    assert_eq!(saw, 2);
    assert_eq!(s.json(&["log", "--json"]).as_array().unwrap().len(), 2, "both attempts saved");
}

#[test]
fn a_failing_hook_is_a_warning_and_the_change_stays() {
    let s = ladder_with_two_rungs();
    hook(&s, "on-change", "exit 3");
    let (code, out, err) = run(&s, &["add", "Call", "the", "GP", "--stakes", "70"], &[]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Added #3 at stakes 70"), "{out}");
    assert_eq!(err, "ladder: the hook on-change failed (exit status 3); your change is saved all the same\n");
    assert_eq!(s.json(&["list", "--json"]).as_array().unwrap().len(), 3);

    hook(&s, "on-change", "echo from the hook");
    let (code, out, err) = run(&s, &["edit", "3", "--stakes", "65"], &[]);
    assert_eq!(code, 0);
    assert!(!out.contains("from the hook"), "ladder's standard output is its own: {out}");
    assert_eq!(err, "from the hook\n", "what a hook prints goes to standard error");

    let path = hook(&s, "on-change", "exit 0");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, err) = run(&s, &["rm", "3"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "ladder: the hook on-change could not be started: it is not executable (chmod u+x it); your change is saved all the same\n"
    );
}

#[test]
fn a_hook_that_runs_too_long_is_stopped_with_a_warning() {
    let s = ladder_with_two_rungs();
    // What it started is stopped too: a `sleep` left running would hold ladder's stderr open for ten minutes.
    hook(&s, "on-change", "sleep 600 &\nsleep 600");
    let (code, _, err) = run(&s, &["done", "1"], &[("LADDER_HOOK_TIMEOUT", "1")]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "ladder: the hook on-change ran longer than 1 second and was stopped; your change is saved all the same (LADDER_HOOK_TIMEOUT sets the limit, in seconds)\n"
    );
    assert_eq!(s.json(&["log", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn hooks_others_can_change_are_not_run_and_said_once() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    let change = hook(&s, "on-change", &format!("echo ran >> '{dir}/ran'"));
    hook(&s, "on-attempt", &format!("echo ran >> '{dir}/ran'"));
    let hooks = hooks_dir(&s);
    fs::set_permissions(&hooks, fs::Permissions::from_mode(0o777)).unwrap();
    let (code, _, err) = run(&s, &["done", "1"], &[]);
    assert_eq!(code, 0);
    let shown = hooks.display();
    assert_eq!(
        err,
        format!("ladder: {shown} can be changed by others (chmod 700 it), so the hooks in {shown} were not run\n")
    );

    fs::set_permissions(&hooks, fs::Permissions::from_mode(0o700)).unwrap();
    fs::set_permissions(&change, fs::Permissions::from_mode(0o722)).unwrap();
    let (code, _, err) = run(&s, &["done", "2"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        format!("ladder: {} can be changed by others (chmod go-w it), so no hook was run\n", change.display())
    );
    assert!(!s.path("ran").exists(), "no hook ran");

    // The folder it is in, too: whoever can change it can put another `hooks` in its place.
    fs::set_permissions(&change, fs::Permissions::from_mode(0o700)).unwrap();
    let parent = hooks.parent().unwrap();
    fs::set_permissions(parent, fs::Permissions::from_mode(0o777)).unwrap();
    let (code, _, err) = run(&s, &["done", "2", "--note", "again"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        format!(
            "ladder: {} can be changed by others (chmod 700 it), so the hooks in {shown} were not run\n",
            parent.display()
        )
    );
    fs::set_permissions(parent, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(!s.path("ran").exists(), "no hook ran");

    // Owned by someone else: only root can make that so.
    fs::set_permissions(&change, fs::Permissions::from_mode(0o700)).unwrap();
    if std::os::unix::fs::chown(&hooks, Some(65534), None).is_ok() {
        let (code, _, err) = run(&s, &["add", "Call", "the", "GP", "--stakes", "70"], &[]);
        assert_eq!(code, 0);
        assert_eq!(err, format!("ladder: {shown} belongs to someone else, so the hooks in {shown} were not run\n"));
        assert!(!s.path("ran").exists(), "no hook ran");
    }
}

#[test]
fn no_hook_runs_inside_a_hook() {
    let s = ladder_with_two_rungs();
    let dir = s.dir.path().display().to_string();
    hook(&s, "on-change", &format!("echo ran >> '{dir}/ran'"));
    let (code, _, err) = run(&s, &["done", "1"], &[("LADDER_HOOK", "1")]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(!s.path("ran").exists());
    run(&s, &["undo"], &[]);
    assert_eq!(fs::read_to_string(s.path("ran")).unwrap(), "ran\n", "undo is a change too");
}
