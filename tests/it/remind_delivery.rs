//! `ladder remind --notify` with the real parts (issue 26 item 5): a D-Bus session of its own
//! (`dbus-run-session`), the real `notify-send`, and a notification server on `org.freedesktop.Notifications`
//! (tests/remind/notifications.py, on Python's jeepney) that records what it receives. Where one of them is
//! missing the test skips with a note, unless `CI` is set: then it fails (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Sandbox;
use crate::remind::planned_text;

/// Whether a test that needs an outside tool may skip when it is missing: never in CI.
fn may_skip(what: &str) -> bool {
    assert!(std::env::var_os("CI").is_none(), "CI is set and {what} is missing; .ci/run installs it");
    eprintln!("note: skipping, {what} is missing (CI would fail here)");
    true
}

/// The program `name` on this machine's PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// The Python interpreter itself (not a shim that needs the real HOME), when it has jeepney.
fn python() -> Option<String> {
    let out = Command::new("python3").args(["-c", "import jeepney, sys; print(sys.executable)"]).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// What the recording server saw when `ladder remind --notify` ran at `now` in a session of its own (with no
/// notification service when `server` is false): the JSON it printed.
fn in_a_session(s: &Sandbox, now: &str, server: bool) -> Option<serde_json::Value> {
    let tools = ["dbus-run-session", "notify-send"];
    if let Some(missing) = tools.iter().find(|t| on_path(t).is_none()) {
        may_skip(missing);
        return None;
    }
    let Some(python) = python() else {
        may_skip("python3 with jeepney");
        return None;
    };
    let ladder = s.process(&["remind", "--notify"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/remind/notifications.py");
    let mut cmd = Command::new("timeout");
    cmd.env_clear()
        .envs(ladder.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env("LADDER_NOW", now)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(s.dir.path())
        .args(["120", "dbus-run-session", "--", &python])
        .arg(script)
        .args(if server { None } else { Some("--no-server") })
        .arg("--")
        .arg(ladder.get_program())
        .args(ladder.get_args());
    let out = cmd.output().expect("run dbus-run-session");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the session failed: {stderr}");
    let mut seen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the server's JSON");
    // The hints are notify-send's own (urgency, its process id), and vary with libnotify's version.
    for notification in seen["notifications"].as_array_mut().expect("a list") {
        notification.as_object_mut().expect("an object").remove("hints");
    }
    Some(seen)
}

#[test]
fn notify_reaches_a_notification_server_over_dbus_with_its_summary_and_body_once_a_day() {
    let s = Sandbox::with(&planned_text("Ask Sam & Ana <both> for a slide review", true));
    let Some(seen) = in_a_session(&s, "2026-11-24T10:00:00+01:00", true) else { return };
    assert_eq!(
        seen,
        serde_json::json!({
            "code": 0,
            "stdout": "Sent as a notification with notify-send.\n",
            "stderr": "",
            "notifications": [{
                "app_name": "ladder",
                "replaces_id": 0,
                "app_icon": "",
                "summary": "Planned for today",
                // The server takes markup (as GNOME's, KDE's, dunst and mako do): the ask's own & and < are text.
                "body": "Planned for today: Ask Sam &amp; Ana &lt;both&gt; for a slide review (after stand-up)\n\
                         When you are ready: ladder next",
                "actions": [],
                "expire_timeout": -1,
            }],
        })
    );
    // Once a day: a later run that day sends nothing and says nothing.
    let Some(again) = in_a_session(&s, "2026-11-24T17:00:00+01:00", true) else { return };
    assert_eq!(again, serde_json::json!({"code": 1, "stdout": "", "stderr": "", "notifications": []}));
}

#[test]
fn with_no_notification_service_on_the_bus_the_nudge_is_printed_and_stderr_says_why() {
    let s = Sandbox::with(&planned_text("Ask Sam & Ana <both> for a slide review", true));
    let Some(seen) = in_a_session(&s, "2026-11-24T10:00:00+01:00", false) else { return };
    assert_eq!(
        seen,
        serde_json::json!({
            "code": 0,
            "stdout": "Planned for today: Ask Sam & Ana <both> for a slide review (after stand-up)\n\
                       When you are ready: ladder next\n",
            "stderr": "No notification service answered (notify-send, termux-notification), so here it is as text:\n",
            "notifications": [],
        })
    );
}
