//! `ladder remind` (issue 26): one gentle nudge or nothing, the most useful of a plan, the week, a pause and a
//! review; once a day per ladder, never in the quiet hours; printed, or sent to the notifier that is there.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{Fixture, Sandbox};

/// Rung 1, "Ask a neighbour for the time", and rung 2, "Ask Sam to look over one slide": the ladder the reminder
/// tests start from. Rung 2 is the table added last, so a key set on it next is rung 2's.
fn base() -> Fixture {
    base_asking("Ask Sam to look over one slide")
}

fn base_asking(ask: &str) -> Fixture {
    Fixture::version(2).rung(1, "Ask a neighbour for the time", 10).rung(2, ask, 30)
}

/// `ladder` with rung 2 (the table added last) planned for Tuesday 24 November after stand-up.
fn planned(ladder: Fixture) -> Fixture {
    ladder.planned("2026-11-24").place("after stand-up")
}

/// `ladder` with rung 1 mastered early in November.
fn mastered(ladder: Fixture) -> Fixture {
    ladder
        .attempt(1, 1, "2026-11-02T10:00:00+01:00")
        .before(20)
        .after(20)
        .attempt(2, 1, "2026-11-03T10:00:00+01:00")
        .before(20)
        .after(20)
}

/// The base ladder with rung 2 asking `ask` and planned for Tuesday 24 November after stand-up, and rung 1
/// mastered when `mastered`: the ladder the reminder tests of every kind start from.
pub fn planned_text(ask: &str, mastered: bool) -> String {
    let ladder = planned(base_asking(ask));
    if mastered { self::mastered(ladder) } else { ladder }.text()
}

/// `ladder` with an attempt on rung 2 (a no, still anxious: practice) at `at`.
fn tried(ladder: Fixture, id: u32, at: &str) -> Fixture {
    ladder.attempt(id, 2, at).outcome("no").before(60)
}

/// `ladder remind ARGS` at `now`: its exit code, standard output and standard error.
fn remind(s: &Sandbox, now: &str, args: &[&str], path: Option<&Path>) -> (Option<i32>, String, String) {
    let mut cmd = s.process(&[&["remind"], args].concat());
    cmd.env("LADDER_NOW", now);
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    let out = cmd.output().expect("run ladder");
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const NEXT: &str = "When you are ready: ladder next\n";

#[test]
fn each_kind_of_nudge_and_silence_at_its_moment() {
    let cases: Vec<(&str, Fixture, &str, Option<String>)> = vec![
        (
            "a plan for today, with its place",
            mastered(planned(base())),
            "2026-11-24T10:00:00+01:00",
            Some(format!("Planned for today: Ask Sam to look over one slide (after stand-up)\n{NEXT}")),
        ),
        (
            "a plan from a day gone by, without blame",
            mastered(planned(base())),
            "2026-11-26T10:00:00+01:00",
            Some(format!(
                "Still on your plan from Tue 24 Nov: Ask Sam to look over one slide (after stand-up). Any day is a \
                 fine day for it.\n{NEXT}"
            )),
        ),
        (
            "late in the week, the target still in reach",
            tried(mastered(base()), 3, "2026-11-23T10:00:00+01:00"),
            "2026-11-26T10:00:00+01:00",
            Some(format!(
                "One day of practice so far this week; an ask today keeps your target of 3 days in reach: Ask \
                 Sam to look over one slide\n{NEXT}"
            )),
        ),
        (
            "late in the week, the target out of reach: no word about it",
            tried(base(), 3, "2026-11-20T10:00:00+01:00").setting("weekly_target", 5),
            "2026-11-21T10:00:00+01:00",
            None,
        ),
        (
            "early in the week: no word about the target",
            tried(base(), 3, "2026-11-21T10:00:00+01:00"),
            "2026-11-24T10:00:00+01:00",
            None,
        ),
        (
            "a pause of remind_after_days (4 unless set)",
            tried(mastered(base()), 3, "2026-11-18T10:00:00+01:00"),
            "2026-11-23T10:00:00+01:00",
            Some(format!(
                "It has been 5 days since your last ask. No catching up to do, just the next small one: Ask Sam to \
                 look over one slide\n{NEXT}"
            )),
        ),
        (
            "remind_after_days = 7: not a pause yet, so the review",
            tried(mastered(base()), 3, "2026-11-18T10:00:00+01:00").setting("remind_after_days", 7),
            "2026-11-23T10:00:00+01:00",
            Some(
                "A step you mastered, to revisit so what you learned lasts: Ask a neighbour for the time\n\
                 When you are ready: ladder next --review\n"
                    .to_string(),
            ),
        ),
        (
            "a review, when nothing else is worth saying",
            tried(mastered(base()), 3, "2026-11-22T10:00:00+01:00"),
            "2026-11-23T10:00:00+01:00",
            Some(
                "A step you mastered, to revisit so what you learned lasts: Ask a neighbour for the time\n\
                 When you are ready: ladder next --review\n"
                    .to_string(),
            ),
        ),
        (
            "practised today: nothing",
            tried(mastered(base()), 3, "2026-11-26T09:00:00+01:00"),
            "2026-11-26T10:00:00+01:00",
            None,
        ),
        (
            "a rung resting after Sam's no is never named, planned or not",
            tried(mastered(planned(base().who("Sam"))), 3, "2026-11-22T10:00:00+01:00"),
            "2026-11-24T10:00:00+01:00",
            Some(
                "A step you mastered, to revisit so what you learned lasts: Ask a neighbour for the time\n\
                 When you are ready: ladder next --review\n"
                    .to_string(),
            ),
        ),
        (
            "practised today, with a plan still waiting: the plan",
            mastered(planned(base())).attempt(3, 1, "2026-11-24T09:00:00+01:00"),
            "2026-11-24T10:00:00+01:00",
            Some(format!("Planned for today: Ask Sam to look over one slide (after stand-up)\n{NEXT}")),
        ),
        ("an empty ladder: nothing", base(), "2026-11-24T10:00:00+01:00", None),
        (
            "inside the quiet hours (21-8 unless set): nothing",
            mastered(planned(base())),
            "2026-11-24T07:59:00+01:00",
            None,
        ),
        (
            "quiet_hours = \"0-0\": none",
            mastered(planned(base())).setting("quiet_hours", "0-0"),
            "2026-11-24T23:30:00+01:00",
            Some(format!("Planned for today: Ask Sam to look over one slide (after stand-up)\n{NEXT}")),
        ),
        (
            "quiet_hours = \"9-17\": quiet at work",
            mastered(planned(base())).setting("quiet_hours", "9-17"),
            "2026-11-24T16:59:00+01:00",
            None,
        ),
    ];
    for (what, ladder, now, expected) in cases {
        let s = Sandbox::with(&ladder.text());
        let (code, out, err) = remind(&s, now, &[], None);
        assert_eq!(err, "", "{what}");
        match expected {
            Some(words) => assert_eq!((code, out), (Some(0), words), "{what}"),
            None => assert_eq!((code, out), (Some(1), String::new()), "{what}"),
        }
    }
}

#[test]
fn one_nudge_a_day_across_runs_and_none_recorded_in_quiet_hours() {
    let s = Sandbox::with(&mastered(planned(base())).text());
    let nudge = format!("Planned for today: Ask Sam to look over one slide (after stand-up)\n{NEXT}");
    let quiet = remind(&s, "2026-11-24T06:00:00+01:00", &[], None);
    assert_eq!(quiet, (Some(1), String::new(), String::new()), "quiet hours");
    assert_eq!(remind(&s, "2026-11-24T09:00:00+01:00", &[], None), (Some(0), nudge, String::new()));
    for later in ["2026-11-24T09:00:01+01:00", "2026-11-24T18:00:00+01:00", "2026-11-24T20:59:00+01:00"] {
        assert_eq!(remind(&s, later, &[], None), (Some(1), String::new(), String::new()), "{later}");
    }
    let next_day = "Still on your plan from Tue 24 Nov: Ask Sam to look over one slide (after stand-up). Any day \
                    is a fine day for it.\n";
    assert_eq!(
        remind(&s, "2026-11-25T08:00:00+01:00", &[], None),
        (Some(0), format!("{next_day}{NEXT}"), String::new())
    );
    // Another ladder keeps its own day.
    let other = s.path("other.toml");
    fs::copy(s.file(), &other).unwrap();
    let out = s
        .process(&["remind", "--file", other.to_str().unwrap()])
        .env("LADDER_NOW", "2026-11-25T09:00:00+01:00")
        .output()
        .unwrap();
    assert_eq!((out.status.code(), String::from_utf8(out.stdout).unwrap()), (Some(0), format!("{next_day}{NEXT}")));
}

/// A folder holding a stand-in for the notifier `name` that writes its arguments, one a line, to `log`, and
/// exits with `code`.
fn notifier(s: &Sandbox, name: &str, code: i32) -> std::path::PathBuf {
    let bin = s.path("bin");
    fs::create_dir_all(&bin).unwrap();
    let log = s.path(&format!("{name}.log"));
    let script = bin.join(name);
    fs::write(
        &script,
        format!("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\nexit {code}\n", log.display()),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

const TODAY: &str = "2026-11-24T10:00:00+01:00";

fn planned_ladder(ask: &str) -> Sandbox {
    Sandbox::with(&planned_text(ask, true))
}

#[test]
fn notify_sends_through_notify_send_with_the_ask_kept_as_text() {
    let s = planned_ladder("Ask Sam & Ana <both> for a slide review");
    let bin = notifier(&s, "notify-send", 0);
    let (code, out, err) = remind(&s, TODAY, &["--notify"], Some(&bin));
    assert_eq!((code, out.as_str(), err.as_str()), (Some(0), "Sent as a notification with notify-send.\n", ""));
    assert_eq!(
        fs::read_to_string(s.path("notify-send.log")).unwrap(),
        "--app-name=ladder\nPlanned for today\nPlanned for today: Ask Sam &amp; Ana &lt;both&gt; for a slide review \
         (after stand-up)\nWhen you are ready: ladder next\n"
    );
}

#[test]
fn notify_in_termux_uses_termux_notification() {
    let s = planned_ladder("Ask Sam to look over one slide");
    let bin = notifier(&s, "termux-notification", 0);
    let (code, out, err) = remind(&s, TODAY, &["--notify"], Some(&bin));
    assert_eq!((code, out.as_str(), err.as_str()), (Some(0), "Sent as a notification with termux-notification.\n", ""));
    assert_eq!(
        fs::read_to_string(s.path("termux-notification.log")).unwrap(),
        "--title\nPlanned for today\n--content\nPlanned for today: Ask Sam to look over one slide (after stand-up)\n\
         When you are ready: ladder next\n"
    );
}

#[test]
fn notify_with_no_notifier_prints_and_says_so() {
    let s = planned_ladder("Ask Sam to look over one slide");
    let nudge = format!("Planned for today: Ask Sam to look over one slide (after stand-up)\n{NEXT}");
    let said = "No notification service answered (notify-send, termux-notification), so here it is as text:\n";
    let empty = s.path("empty");
    fs::create_dir_all(&empty).unwrap();
    assert_eq!(remind(&s, TODAY, &["--notify"], Some(&empty)), (Some(0), nudge.clone(), said.to_string()));
    // A notifier that fails is no notifier either (a desktop with no notification server).
    let s = planned_ladder("Ask Sam to look over one slide");
    let bin = notifier(&s, "notify-send", 1);
    assert_eq!(remind(&s, TODAY, &["--notify"], Some(&bin)), (Some(0), nudge, said.to_string()));
}

#[test]
fn print_is_the_default_and_text_from_the_file_is_escaped() {
    let s = planned_ladder("Ask Sam\u{1b}[31m to look");
    let (code, out, _) = remind(&s, TODAY, &["--print"], None);
    assert_eq!(
        (code, out),
        (Some(0), format!("Planned for today: Ask Sam\\u{{1b}}[31m to look (after stand-up)\n{NEXT}"))
    );
}

#[test]
fn the_settings_are_checked_and_kept() {
    let s = Sandbox::with(&base().setting("quiet_hours", "21-25").text());
    let err = s.fails(&["remind"], 2);
    assert!(
        err.contains("quiet hours are two hours from 0 to 23, from-to, like \"21-8\" (9 pm to 8 am), not \"21-25\""),
        "{err}"
    );
    let s = Sandbox::with(&base().setting("remind_after_days", 0).text());
    let err = s.fails(&["remind"], 2);
    assert!(err.contains("remind_after_days"), "{err}");
    // A change by ladder keeps them as written.
    let s = Sandbox::with(&base().setting("remind_after_days", 6).setting("quiet_hours", "22-7").text());
    s.ok(&["add", "Ask for directions", "--stakes", "20"]);
    assert!(s.read().contains("[settings]\nremind_after_days = 6\nquiet_hours = \"22-7\"\n"), "{}", s.read());
}

/// `ladder remind ARGS` with `bin` as the whole PATH, expecting exit 0: its standard output.
fn with_path(s: &Sandbox, bin: &Path, args: &[&str]) -> String {
    let out = s.process(&[&["remind"], args].concat()).env("PATH", bin).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn install_writes_a_persistent_timer_that_systemd_accepts_and_uninstall_takes_only_it() {
    let s = Sandbox::with(&base().text());
    let bin = s.path("bin");
    fs::create_dir_all(&bin).unwrap();
    fs::write(bin.join("systemctl"), "#!/bin/sh\nexit 0\n").unwrap();
    let units = s.path("home/config/systemd/user");
    assert_eq!(
        with_path(&s, &bin, &["--install", "--at", "7:30"]),
        format!(
            "Wrote ladder-remind.service and ladder-remind.timer in {}: a nudge each day at 07:30, as a \
             notification.\nTurn it on with:\n  systemctl --user daemon-reload && systemctl --user enable --now \
             ladder-remind.timer\n",
            units.display()
        )
    );
    let marker = "# Written by `ladder remind --install`; `ladder remind --uninstall` removes it.\n";
    assert_eq!(
        fs::read_to_string(units.join("ladder-remind.service")).unwrap(),
        format!(
            "{marker}[Unit]\nDescription=A gentle nudge from ladder\n\n[Service]\nType=oneshot\nExecStart=\"{}\" \
             remind --notify --file \"{}\"\n# Exit 1 is \"nothing worth saying\", not a failure.\nSuccessExitStatus=1\n",
            env!("CARGO_BIN_EXE_ladder"),
            s.file().display()
        )
    );
    assert_eq!(
        fs::read_to_string(units.join("ladder-remind.timer")).unwrap(),
        format!(
            "{marker}[Unit]\nDescription=A gentle nudge from ladder, daily at 07:30\n\n[Timer]\nOnCalendar=*-*-* \
             07:30:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"
        )
    );
    verify(&units);
    // Installing again (another time) replaces its own units.
    with_path(&s, &bin, &["--install"]);
    assert!(fs::read_to_string(units.join("ladder-remind.timer")).unwrap().contains("OnCalendar=*-*-* 18:00:00\n"));
    // As `systemctl --user enable` would link it.
    let wants = units.join("timers.target.wants");
    fs::create_dir_all(&wants).unwrap();
    std::os::unix::fs::symlink(units.join("ladder-remind.timer"), wants.join("ladder-remind.timer")).unwrap();
    let other = units.join("other.timer");
    fs::write(&other, "[Timer]\n").unwrap();
    assert_eq!(
        with_path(&s, &bin, &["--uninstall"]),
        format!(
            "Removed {0}/ladder-remind.service\nRemoved {0}/ladder-remind.timer\nIf the timer was on, `systemctl \
             --user daemon-reload` lets systemd know it is gone.\n",
            units.display()
        )
    );
    let mut left: Vec<_> = fs::read_dir(&units).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["other.timer", "timers.target.wants"], "only what it wrote is gone");
    assert!(!crate::common::exists(&wants.join("ladder-remind.timer")));
    assert_eq!(
        with_path(&s, &bin, &["--uninstall"]),
        "Nothing to remove: `ladder remind --install` wrote no timer here.\n"
    );
}

#[test]
fn install_and_uninstall_never_touch_a_unit_ladder_did_not_write() {
    let s = Sandbox::with(&base().text());
    let bin = s.path("bin");
    fs::create_dir_all(&bin).unwrap();
    fs::write(bin.join("systemctl"), "#!/bin/sh\nexit 0\n").unwrap();
    let units = s.path("home/config/systemd/user");
    fs::create_dir_all(&units).unwrap();
    fs::write(units.join("ladder-remind.timer"), "[Timer]\nOnCalendar=daily\n").unwrap();
    let out = s.process(&["remind", "--install"]).env("PATH", &bin).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "ladder: {}/ladder-remind.timer is there already and was not written by ladder; it is left as it is\n",
            units.display()
        )
    );
    assert!(!crate::common::exists(&units.join("ladder-remind.service")), "nothing written");
    assert_eq!(
        with_path(&s, &bin, &["--uninstall"]),
        format!("Left {}/ladder-remind.timer: ladder did not write it.\n", units.display())
    );
    assert_eq!(fs::read_to_string(units.join("ladder-remind.timer")).unwrap(), "[Timer]\nOnCalendar=daily\n");
}

#[test]
fn without_systemd_install_prints_a_crontab_line_and_writes_nothing() {
    let s = Sandbox::with(&base().text());
    let empty = s.path("empty");
    fs::create_dir_all(&empty).unwrap();
    assert_eq!(
        with_path(&s, &empty, &["--install", "--at", "08:05"]),
        format!(
            "No systemd here. To be nudged each day at 08:05, add this line with `crontab -e`:\n5 8 * * * '{}' \
             remind --notify --file '{}' >/dev/null 2>&1\n",
            env!("CARGO_BIN_EXE_ladder"),
            s.file().display()
        )
    );
    assert!(!crate::common::exists(&s.path("home/config/systemd")));
}

/// `systemd-analyze verify` accepts the units, without a word of warning. Skipped, with a note, where it is
/// missing, unless `CI` is set (`.ci/run` installs it).
fn verify(units: &Path) {
    let paths = ["ladder-remind.service", "ladder-remind.timer"].map(|n| units.join(n));
    let Ok(out) = std::process::Command::new("systemd-analyze").arg("verify").args(&paths).output() else {
        assert!(std::env::var_os("CI").is_none(), "systemd-analyze is missing, and CI is set");
        eprintln!("note: systemd-analyze is missing: the units were not verified");
        return;
    };
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.is_empty(), "systemd-analyze verify: {said}");
}

#[test]
fn a_nudge_that_could_not_be_printed_does_not_use_up_the_day() {
    let s = Sandbox::with(&mastered(planned(base())).text());
    let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = s.process(&["remind"]).env("LADDER_NOW", "2026-11-24T09:00:00+01:00").stdout(full).output().unwrap();
    assert_eq!(
        (out.status.code(), String::from_utf8_lossy(&out.stderr).as_ref()),
        (Some(2), "ladder: cannot print to standard output: the disk is full\n")
    );
    let nudge = format!("Planned for today: Ask Sam to look over one slide (after stand-up)\n{NEXT}");
    assert_eq!(remind(&s, "2026-11-24T09:05:00+01:00", &[], None), (Some(0), nudge, String::new()));
}
