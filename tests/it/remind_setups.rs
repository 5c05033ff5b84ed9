//! The README's set-ups for `ladder remind` (issue 26 items 3 and 5), each as a person would make it: Termux's
//! job scheduler (a fake `termux-job-scheduler` on the PATH records what it is asked), a login file read by a
//! real login shell, and Termux's `~/.bashrc` read by a real interactive bash. (The Linux desktop's timer is in
//! `remind.rs`, its notification over D-Bus in `remind_delivery.rs`.)

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Sandbox;
use crate::remind::planned_text;

const NUDGE: &str =
    "Planned for today: Ask Sam to look over one slide (after stand-up)\nWhen you are ready: ladder next\n";
const TUESDAY: &str = "2026-11-24T10:00:00+01:00";
const MARKER: &str = "# Written by `ladder remind --install`; `ladder remind --uninstall` removes it.";

/// A program `name` in the sandbox's `bin` that writes its arguments, one a line, to `name.log`, then exits
/// with `code`.
fn recorder(s: &Sandbox, name: &str, code: i32) -> PathBuf {
    let bin = s.path("bin");
    fs::create_dir_all(&bin).unwrap();
    let log = s.path(&format!("{name}.log"));
    let script = bin.join(name);
    let text =
        format!("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '{}'\nexit {code}\n", log.display());
    fs::write(&script, text).unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn log(s: &Sandbox, name: &str) -> Option<String> {
    fs::read_to_string(s.path(&format!("{name}.log"))).ok()
}

/// `ladder remind ARGS` in Termux (`TERMUX_VERSION` and Termux's `PREFIX`), with `bin` as the whole PATH:
/// exit code, stdout, stderr.
fn in_termux(s: &Sandbox, bin: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = s
        .process(&[&["remind"], args].concat())
        .env("TERMUX_VERSION", "0.118.1")
        .env("PREFIX", "/data/data/com.termux/files/usr")
        .env("PATH", bin)
        .env("LADDER_NOW", TUESDAY)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn script_path(s: &Sandbox) -> PathBuf {
    s.path("home/config/ladder/ladder-remind.sh")
}

#[test]
fn termux_install_writes_a_script_schedules_it_hourly_and_uninstall_cancels_it() {
    let s = Sandbox::with(&planned_text("Ask Sam to look over one slide", false));
    let bin = recorder(&s, "termux-job-scheduler", 0);
    let script = script_path(&s);
    assert_eq!(
        in_termux(&s, &bin, &["--install", "--at", "08:05"]),
        (
            Some(0),
            format!(
                "Wrote {} and scheduled it with termux-job-scheduler (job 523337, about every hour, kept across \
                 restarts): a nudge each day from 08:05, as a notification.\n",
                script.display()
            ),
            String::new()
        )
    );
    assert_eq!(
        log(&s, "termux-job-scheduler").unwrap(),
        format!("--job-id\n523337\n--script\n{}\n--period-ms\n3600000\n--persisted\ntrue\n", script.display())
    );
    assert_eq!(
        fs::read_to_string(&script).unwrap(),
        format!(
            "{MARKER}\n# termux-job-scheduler runs it about every hour; it nudges at most once a day, from 08:05 on.\n\
             [ \"$(date +%H%M)\" -ge 805 ] || exit 0\n\
             exec '{}' remind --notify --file '{}' >/dev/null 2>&1\n",
            env!("CARGO_BIN_EXE_ladder"),
            s.file().display()
        )
    );
    assert_eq!(fs::metadata(&script).unwrap().permissions().mode() & 0o777, 0o700);

    // Run as Termux runs it (with sh, it has no #! line): before 08:05 it does nothing; from then on it nudges.
    let notifier = recorder(&s, "termux-notification", 0);
    for (clock, sent) in [("0804", false), ("0805", true)] {
        fs::write(notifier.join("date"), format!("#!/bin/sh\necho {clock}\n")).unwrap();
        fs::set_permissions(notifier.join("date"), fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = Command::new("/bin/sh");
        cmd.arg(&script).env_clear().envs(s.process(&[]).get_envs().filter_map(|(k, v)| Some((k, v?))));
        let out = cmd.env("PATH", &notifier).env("LADDER_NOW", TUESDAY).output().unwrap();
        assert_eq!((out.status.code(), out.stdout.is_empty(), out.stderr.is_empty()), (Some(0), true, true));
        assert_eq!(log(&s, "termux-notification").is_some(), sent, "at {clock}");
    }
    assert_eq!(
        log(&s, "termux-notification").unwrap(),
        format!("--title\nPlanned for today\n--content\n{}\n", NUDGE.trim_end())
    );

    fs::remove_file(s.path("termux-job-scheduler.log")).unwrap();
    assert_eq!(
        in_termux(&s, &bin, &["--uninstall"]),
        (
            Some(0),
            format!("Removed {}\nCancelled its job (523337) with termux-job-scheduler.\n", script.display()),
            String::new()
        )
    );
    assert_eq!(log(&s, "termux-job-scheduler").unwrap(), "--cancel\n--job-id\n523337\n");
    assert!(!crate::common::exists(&script));
    assert!(!crate::common::exists(&s.path("home/config/systemd")), "no systemd unit in Termux");
}

#[test]
fn termux_without_the_scheduler_prints_the_command_to_run_and_the_one_to_cancel() {
    let s = Sandbox::with(&planned_text("Ask Sam to look over one slide", false));
    let empty = s.path("empty");
    fs::create_dir_all(&empty).unwrap();
    let script = script_path(&s);
    // Termux is known by its PREFIX too, where TERMUX_VERSION is not set.
    let out = s
        .process(&["remind", "--install"])
        .env("PREFIX", "/data/data/com.termux/files/usr")
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap()),
        (
            Some(0),
            format!(
                "Wrote {0}. For a nudge each day from 18:00, as a notification, install the Termux:API app and \
                 `pkg install termux-api`, then run:\n  termux-job-scheduler --job-id 523337 --script '{0}' \
                 --period-ms 3600000 --persisted true\n",
                script.display()
            ),
            String::new()
        )
    );
    assert!(fs::read_to_string(&script).unwrap().contains("-ge 1800 ]"));
    assert_eq!(
        in_termux(&s, &empty, &["--uninstall"]),
        (
            Some(0),
            format!(
                "Removed {}\nTo cancel its job too: termux-job-scheduler --cancel --job-id 523337\n",
                script.display()
            ),
            String::new()
        )
    );

    // A scheduler that does not take the job (no Termux:API app): said on stderr, and the command printed.
    let failing = recorder(&s, "termux-job-scheduler", 1);
    let (code, out, err) = in_termux(&s, &failing, &["--install"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with(&format!("Wrote {}. For a nudge each day", script.display())), "{out}");
    assert_eq!(err, "termux-job-scheduler did not schedule the nudge (is the Termux:API app installed?).\n");
}

#[test]
fn termux_never_replaces_or_cancels_what_ladder_did_not_write() {
    let s = Sandbox::with(&planned_text("Ask Sam to look over one slide", false));
    let bin = recorder(&s, "termux-job-scheduler", 0);
    let script = script_path(&s);
    fs::create_dir_all(script.parent().unwrap()).unwrap();
    fs::write(&script, "echo mine\n").unwrap();
    assert_eq!(
        in_termux(&s, &bin, &["--install"]),
        (
            Some(2),
            String::new(),
            format!(
                "ladder: {} is there already and was not written by ladder; it is left as it is\n",
                script.display()
            )
        )
    );
    assert_eq!(
        in_termux(&s, &bin, &["--uninstall"]),
        (Some(0), format!("Left {}: ladder did not write it.\n", script.display()), String::new())
    );
    assert_eq!(fs::read_to_string(&script).unwrap(), "echo mine\n");
    assert_eq!(log(&s, "termux-job-scheduler"), None, "no job scheduled or cancelled");
}

/// The sandbox's environment for a shell, with `ladder` (this build) in `~/bin`, which the shell's start-up
/// file puts first on the PATH, as Debian's own `~/.profile` does.
fn shell(s: &Sandbox, program: &str, args: &[&str], now: &str) -> (Option<i32>, String) {
    let home_bin = s.path("home/bin");
    fs::create_dir_all(&home_bin).unwrap();
    let _ = std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ladder"), home_bin.join("ladder"));
    let mut cmd = Command::new(program);
    cmd.args(args).env_clear().envs(s.process(&[]).get_envs().filter_map(|(k, v)| Some((k, v?))));
    let path = format!("{}:/usr/bin:/bin", s.path("bin").display());
    let out = cmd.env("PATH", path).env("LADDER_NOW", now).current_dir(s.dir.path()).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn at_login_the_first_shell_of_the_day_shows_the_nudge_and_the_others_stay_silent() {
    let s = Sandbox::with(&planned_text("Ask Sam to look over one slide", false));
    fs::create_dir_all(s.path("home")).unwrap();
    fs::write(s.path("home/.profile"), "PATH=\"$HOME/bin:$PATH\"\nladder remind || true\n").unwrap();
    let login = |now| shell(&s, "/bin/sh", &["-l", "-c", "echo logged in"], now);
    // In the quiet hours (before 8 am): nothing, and the day's nudge is not used up.
    assert_eq!(login("2026-11-24T07:30:00+01:00"), (Some(0), "logged in\n".to_string()));
    assert_eq!(login(TUESDAY), (Some(0), format!("{NUDGE}logged in\n")));
    assert_eq!(login("2026-11-24T13:00:00+01:00"), (Some(0), "logged in\n".to_string()));
}

#[test]
fn in_termux_the_bashrc_line_sends_the_nudge_to_the_phone_when_a_shell_opens() {
    let s = Sandbox::with(&planned_text("Ask Sam to look over one slide", false));
    recorder(&s, "termux-notification", 0);
    fs::create_dir_all(s.path("home")).unwrap();
    fs::write(s.path("home/.bashrc"), "PATH=\"$HOME/bin:$PATH\"\nladder remind --notify || true\n").unwrap();
    let Ok(_) = Command::new("bash").arg("--version").output() else {
        assert!(std::env::var_os("CI").is_none(), "CI is set and bash is missing");
        return;
    };
    let open = |now| shell(&s, "bash", &["-i", "-c", "echo ready"], now);
    assert_eq!(open(TUESDAY), (Some(0), "Sent as a notification with termux-notification.\nready\n".to_string()));
    assert_eq!(log(&s, "termux-notification").unwrap(), format!("--title\nPlanned for today\n--content\n{NUDGE}"));
    assert_eq!(open("2026-11-24T13:00:00+01:00"), (Some(0), "ready\n".to_string()));
}
