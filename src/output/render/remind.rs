//! The words of a nudge (`ladder remind`): a title for a notification, then a line or two that name the ask
//! and, when there is one, the plan's place, ending with the command that has the rest. Never a count of what
//! did not happen.

use std::fmt::Write as _;

use crate::model::Rung;
use crate::rules::remind::Nudge;

/// A nudge in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// A notification's summary.
    pub title: String,
    /// The lines under it; printed as they are.
    pub lines: Vec<String>,
}

impl Said {
    /// The nudge as plain text, one line each.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

/// The ask, with where it was planned when it was.
fn ask(rung: &Rung) -> String {
    match &rung.place {
        Some(place) => format!("{} ({place})", rung.ask),
        None => rung.ask.clone(),
    }
}

pub fn said(nudge: &Nudge) -> Said {
    let (title, first, then) = match *nudge {
        Nudge::Planned { rung, today: true } => {
            ("Planned for today", format!("Planned for today: {}", ask(rung)), "When you are ready: ladder next")
        }
        Nudge::Planned { rung, today: false } => {
            let day = rung.planned.map(|d| d.format("%a %-d %b").to_string()).unwrap_or_default();
            (
                "Still on your plan",
                format!("Still on your plan from {day}: {}. Any day is a fine day for it.", ask(rung)),
                "When you are ready: ladder next",
            )
        }
        Nudge::Week { rung, days, target } => {
            let so_far = match days {
                0 => "This week is still open".to_string(),
                1 => "One day of practice so far this week".to_string(),
                n => format!("{n} days of practice so far this week"),
            };
            (
                "An ask today",
                format!("{so_far}; an ask today keeps your target of {target} days in reach: {}", ask(rung)),
                "When you are ready: ladder next",
            )
        }
        Nudge::Pause { rung, days } => (
            "When you are ready",
            format!(
                "It has been {days} days since your last ask. No catching up to do, just the next small one: {}",
                ask(rung)
            ),
            "When you are ready: ladder next",
        ),
        Nudge::Review { rung, .. } => (
            "A step to revisit",
            format!("A step you mastered, to revisit so what you learned lasts: {}", ask(rung)),
            "When you are ready: ladder next --review",
        ),
    };
    Said { title: title.to_string(), lines: vec![first, then.to_string()] }
}

/// Said before the nudge is printed when no notification could be sent.
pub fn no_notifier(tried: &str) -> String {
    format!("No notification service answered ({tried}), so here it is as text:")
}

/// Said when a notification was sent.
pub fn sent(with: &str) -> String {
    format!("Sent as a notification with {with}.")
}

/// The first line of every file `ladder remind --install` writes: `--uninstall` removes a file only when it
/// starts with it.
pub const MARKER: &str = "# Written by `ladder remind --install`; `ladder remind --uninstall` removes it.";

/// The systemd user units that run `ladder remind --notify` daily at `at`, for the ladder at `file`: the
/// service, then the timer. `Persistent=true`: a run missed while the machine was off comes once at start.
pub fn units(program: &str, file: &str, at: chrono::NaiveTime) -> [(&'static str, String); 2] {
    let service = format!(
        "{MARKER}\n[Unit]\nDescription=A gentle nudge from ladder\n\n[Service]\nType=oneshot\n\
         ExecStart={} remind --notify --file {}\n# Exit 1 is \"nothing worth saying\", not a failure.\n\
         SuccessExitStatus=1\n",
        unit_word(program),
        unit_word(file)
    );
    let timer = format!(
        "{MARKER}\n[Unit]\nDescription=A gentle nudge from ladder, daily at {}\n\n[Timer]\n\
         OnCalendar=*-*-* {}:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n",
        at.format("%H:%M"),
        at.format("%H:%M")
    );
    [("ladder-remind.service", service), ("ladder-remind.timer", timer)]
}

/// A word of a unit's command line: quoted, with `\`, `"` and systemd's `%` and `$` escaped.
fn unit_word(word: &str) -> String {
    let escaped = word.replace('\\', "\\\\").replace('"', "\\\"").replace('%', "%%").replace('$', "$$");
    format!("\"{escaped}\"")
}

/// A word for the shell: single-quoted.
fn sh_word(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// A word for a crontab line: single-quoted for the shell, and `%` escaped for cron (it ends the command).
fn shell_word(word: &str) -> String {
    sh_word(word).replace('%', "\\%")
}

/// What `--install` says after writing the units into `dir`.
pub fn installed(dir: &str, at: chrono::NaiveTime) -> String {
    format!(
        "Wrote ladder-remind.service and ladder-remind.timer in {dir}: a nudge each day at {}, as a notification.\n\
         Turn it on with:\n  systemctl --user daemon-reload && systemctl --user enable --now ladder-remind.timer\n",
        at.format("%H:%M")
    )
}

/// What `--install` says where there is no systemd: the crontab line to add, written nowhere.
pub fn crontab(program: &str, file: &str, at: chrono::NaiveTime) -> String {
    format!(
        "No systemd here. To be nudged each day at {}, add this line with `crontab -e`:\n\
         {} {} * * * {} remind --notify --file {} >/dev/null 2>&1\n",
        at.format("%H:%M"),
        at.format("%-M"),
        at.format("%-H"),
        shell_word(program),
        shell_word(file)
    )
}

/// What `--uninstall` says when there was nothing of its own to remove.
pub const NOTHING_INSTALLED: &str = "Nothing to remove: `ladder remind --install` wrote no timer here.";

/// What `--uninstall` says: what it removed, and what it left because ladder did not write it.
pub fn uninstalled(removed: &[std::path::PathBuf], left: &[std::path::PathBuf]) -> String {
    let mut text = uninstalled_files(removed, left);
    if !removed.is_empty() {
        text.push_str("If the timer was on, `systemctl --user daemon-reload` lets systemd know it is gone.\n");
    }
    text
}

/// Termux's job for the nudge, by its id ("ladder" on a phone's keypad): `--install` schedules it again under
/// the same id, replacing its own, and `--uninstall` cancels it.
pub const TERMUX_JOB: &str = "523337";

/// How often Termux runs the script, in milliseconds: about every hour (Android allows 15 minutes at least).
pub const TERMUX_PERIOD_MS: &str = "3600000";

/// The script `--install` writes in Termux, which termux-job-scheduler runs about every hour: from `at` on,
/// `ladder remind --notify` for the ladder at `file` (which nudges once a day at most, never in the quiet
/// hours). No `#!` line: Termux runs a script without one with its own `sh`, and the first line is the marker.
pub fn termux_script(program: &str, file: &str, at: chrono::NaiveTime) -> String {
    format!(
        "{MARKER}\n# termux-job-scheduler runs it about every hour; it nudges at most once a day, from {} on.\n\
         [ \"$(date +%H%M)\" -ge {} ] || exit 0\nexec {} remind --notify --file {} >/dev/null 2>&1\n",
        at.format("%H:%M"),
        at.format("%-H%M"),
        sh_word(program),
        sh_word(file)
    )
}

/// The arguments that schedule `script` with termux-job-scheduler: about every hour, kept across restarts.
pub fn termux_schedule(script: &str) -> [String; 8] {
    ["--job-id", TERMUX_JOB, "--script", script, "--period-ms", TERMUX_PERIOD_MS, "--persisted", "true"]
        .map(str::to_string)
}

/// What `--install` says in Termux once termux-job-scheduler took the job.
pub fn termux_scheduled(script: &str, at: chrono::NaiveTime) -> String {
    format!(
        "Wrote {script} and scheduled it with termux-job-scheduler (job {TERMUX_JOB}, about every hour, kept \
         across restarts): a nudge each day from {}, as a notification.\n",
        at.format("%H:%M")
    )
}

/// What `--install` says in Termux when termux-job-scheduler is not there (or did not take the job): the
/// command to run.
pub fn termux_to_schedule(script: &str, at: chrono::NaiveTime) -> String {
    let args: Vec<String> =
        termux_schedule(script).iter().map(|a| if a == script { sh_word(a) } else { a.clone() }).collect();
    format!(
        "Wrote {script}. For a nudge each day from {}, as a notification, install the Termux:API app and \
         `pkg install termux-api`, then run:\n  termux-job-scheduler {}\n",
        at.format("%H:%M"),
        args.join(" ")
    )
}

/// Said on stderr when termux-job-scheduler is there but did not take the job.
pub const TERMUX_NOT_SCHEDULED: &str =
    "termux-job-scheduler did not schedule the nudge (is the Termux:API app installed?).";

/// What `--uninstall` says in Termux: what it removed, what it left, and whether the job was cancelled.
pub fn termux_uninstalled(removed: &[std::path::PathBuf], left: &[std::path::PathBuf], cancelled: bool) -> String {
    let mut text = uninstalled_files(removed, left);
    if !removed.is_empty() {
        if cancelled {
            let _ = writeln!(text, "Cancelled its job ({TERMUX_JOB}) with termux-job-scheduler.");
        } else {
            let _ = writeln!(text, "To cancel its job too: termux-job-scheduler --cancel --job-id {TERMUX_JOB}");
        }
    }
    text
}

/// The files `--uninstall` removed and left, one line each, or that there was nothing to remove.
fn uninstalled_files(removed: &[std::path::PathBuf], left: &[std::path::PathBuf]) -> String {
    let mut text = String::new();
    for path in removed {
        let _ = writeln!(text, "Removed {}", path.display());
    }
    for path in left {
        let _ = writeln!(text, "Left {}: ladder did not write it.", path.display());
    }
    if removed.is_empty() && left.is_empty() {
        text.push_str(NOTHING_INSTALLED);
        text.push('\n');
    }
    text
}
