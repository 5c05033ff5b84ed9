//! `ladder remind`: one gentle nudge, or nothing (exit 1). Once a day per ladder, never in the quiet hours.

use std::env;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use chrono::NaiveTime;

use super::Ctx;
use crate::cli::RemindArgs;
use crate::error::{Context, Doing, Error, Result};
use crate::output::render::remind::{self as words, Said};
use crate::output::say;
use crate::rules::remind;
use crate::store::nudged;

/// `ladder remind`: `--uninstall`, `--install`, or the nudge itself.
pub fn run(ctx: &mut Ctx, args: &RemindArgs) -> Result<ExitCode> {
    if args.uninstall {
        uninstall(ctx)
    } else if args.install {
        install(ctx, args.at)
    } else {
        nudge(ctx, args.notify)
    }
}

fn nudge(ctx: &mut Ctx, notify: bool) -> Result<ExitCode> {
    let ladder = super::read_shown(ctx, true)?;
    let today = ctx.now.date_naive();
    if remind::quiet(&ladder, ctx.now) || nudged::last(&ctx.location) == Some(today) {
        return Ok(ExitCode::from(1));
    }
    let Some(nudge) = remind::nudge(&ladder, ctx.now) else { return Ok(ExitCode::from(1)) };
    let said = words::said(&nudge);
    if notify {
        match send(&said) {
            Ok(with) => super::prose(ctx, &say::line(&words::sent(with)))?,
            Err(tried) => {
                crate::output::note(&words::no_notifier(&tried));
                super::prose(ctx, &said.text())?;
            }
        }
    } else {
        // Folded to the width like every sentence, the command whole; the notification has its own.
        super::prose(ctx, &said.text())?;
    }
    // Only a nudge that reached the person uses up the day's: a full or closed output is an error first.
    ctx.out.flush().doing(Doing::Said(say::CANNOT_PRINT.to_string()))?;
    if let Err(err) = nudged::mark(&ctx.location, today) {
        crate::output::note(&say::nudge_not_noted(&err.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The notifiers tried, in order: the freedesktop one, then Termux's; on macOS, the notification centre's.
#[cfg(not(target_os = "macos"))]
const NOTIFIERS: &[&str] = &["notify-send", "termux-notification"];
#[cfg(target_os = "macos")]
const NOTIFIERS: &[&str] = &["osascript"];

/// The arguments that give the nudge to the notifier `name`.
fn notifier_args(name: &str, said: &Said) -> Vec<String> {
    let (title, body) = (said.title.clone(), said.lines.join("\n"));
    match name {
        // The body may hold markup for the notification server: the ask's own <, > and & stay text.
        "notify-send" => {
            let body = body.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            vec!["--app-name=ladder".to_string(), title, body]
        }
        // The title and the body go as arguments of the script, never inside its text.
        "osascript" => {
            let script =
                ["on run argv", "display notification (item 2 of argv) with title (item 1 of argv)", "end run"];
            script.iter().flat_map(|line| ["-e".to_string(), (*line).to_string()]).chain([title, body]).collect()
        }
        _ => vec!["--title".to_string(), title, "--content".to_string(), body],
    }
}

/// Sends the nudge with the first notifier on the PATH that takes it; which one, or the ones tried.
fn send(said: &Said) -> Result<&'static str, String> {
    for &name in NOTIFIERS {
        let Some(program) = on_path(name) else { continue };
        let mut command = Command::new(program);
        command.args(notifier_args(name, said));
        let status = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status();
        if status.is_ok_and(|s| s.success()) {
            return Ok(name);
        }
    }
    Err(NOTIFIERS.join(", "))
}

/// The program `name` in a folder of the PATH, if there is one.
fn on_path(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?).map(|dir| dir.join(name)).find(|path| path.is_file())
}

/// The unit files `--install` writes, by name.
const UNITS: [&str; 2] = ["ladder-remind.service", "ladder-remind.timer"];

/// `ladder remind --install`: systemd user units when systemd is there, else the crontab line to add.
fn install(ctx: &mut Ctx, at: NaiveTime) -> Result<ExitCode> {
    let program = env::current_exe().doing(Doing::Said(say::WHERE_AM_I.to_string()))?;
    let file = std::path::absolute(&ctx.location.path)
        .doing_with(|| Doing::Said(say::cannot_tell_where(&ctx.location.path)))?;
    let (program, file) = (program.to_string_lossy(), file.to_string_lossy());
    if termux() {
        return install_termux(ctx, &program, &file, at);
    }
    let Some(dir) = units_dir() else {
        super::prose_but(ctx, &words::crontab(&program, &file, at), |line| line.starts_with(char::is_numeric))?;
        return Ok(ExitCode::SUCCESS);
    };
    nudged::install(&dir, &words::units(&program, &file, at), words::MARKER)?;
    super::prose_but(ctx, &words::installed(&dir.to_string_lossy(), at), |line| line.starts_with("  "))?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder remind --uninstall`: removes the units `--install` wrote (and the link `systemctl enable` made to
/// its timer), nothing else.
fn uninstall(ctx: &mut Ctx) -> Result<ExitCode> {
    if termux() {
        return uninstall_termux(ctx);
    }
    let Some(dir) = dirs::config_dir().map(|d| d.join("systemd").join("user")) else {
        super::prose(ctx, &say::line(words::NOTHING_INSTALLED))?;
        return Ok(ExitCode::SUCCESS);
    };
    let timer = dir.join(UNITS[1]);
    let enabled = dir.join("timers.target.wants").join(UNITS[1]);
    let (removed, left) = nudged::uninstall(&dir, &UNITS, words::MARKER);
    if removed.contains(&timer) && std::fs::read_link(&enabled).is_ok_and(|to| to == timer) {
        let _ = std::fs::remove_file(&enabled);
    }
    super::prose(ctx, &words::uninstalled(&removed, &left))?;
    Ok(ExitCode::SUCCESS)
}

/// Where systemd looks for the user's own units, when systemd is there (`systemctl` on the PATH).
fn units_dir() -> Option<PathBuf> {
    on_path("systemctl")?;
    dirs::config_dir().map(|d| d.join("systemd").join("user"))
}

/// Whether this is Termux on Android: it sets `TERMUX_VERSION`, and its `PREFIX` lies in the app's folder.
fn termux() -> bool {
    env::var_os("TERMUX_VERSION").is_some()
        || env::var_os("PREFIX").is_some_and(|p| p.to_string_lossy().contains("com.termux"))
}

/// The script Termux runs, in ladder's config folder (`~/.config/ladder/`).
const TERMUX_SCRIPT: &str = "ladder-remind.sh";

fn termux_dir() -> Result<PathBuf> {
    dirs::config_dir().map(|d| d.join("ladder")).ok_or_else(|| Error::said(say::NO_CONFIG_FOLDER))
}

/// `--install` in Termux: writes the script, and schedules it with termux-job-scheduler when it is there
/// (else prints the command to run).
fn install_termux(ctx: &mut Ctx, program: &str, file: &str, at: NaiveTime) -> Result<ExitCode> {
    let dir = termux_dir()?;
    nudged::install(&dir, &[(TERMUX_SCRIPT, words::termux_script(program, file, at))], words::MARKER)?;
    let script = dir.join(TERMUX_SCRIPT);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700))
            .doing_with(|| Doing::Said(say::cannot_make_runnable(&script)))?;
    }
    let script = script.to_string_lossy();
    let Some(scheduler) = on_path("termux-job-scheduler") else {
        super::prose_but(ctx, &words::termux_to_schedule(&script, at), |line| line.starts_with("  "))?;
        return Ok(ExitCode::SUCCESS);
    };
    let status = Command::new(scheduler)
        .args(words::termux_schedule(&script))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if status.is_ok_and(|s| s.success()) {
        super::prose(ctx, &words::termux_scheduled(&script, at))?;
    } else {
        crate::output::note(words::TERMUX_NOT_SCHEDULED);
        super::prose_but(ctx, &words::termux_to_schedule(&script, at), |line| line.starts_with("  "))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--uninstall` in Termux: removes the script `--install` wrote and cancels its job, nothing else.
fn uninstall_termux(ctx: &mut Ctx) -> Result<ExitCode> {
    let (removed, left) = nudged::uninstall(&termux_dir()?, &[TERMUX_SCRIPT], words::MARKER);
    let cancelled = !removed.is_empty()
        && on_path("termux-job-scheduler").is_some_and(|scheduler| {
            Command::new(scheduler)
                .args(["--cancel", "--job-id", words::TERMUX_JOB])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
    super::prose_but(ctx, &words::termux_uninstalled(&removed, &left, cancelled), |line| {
        line.contains("termux-job-scheduler --")
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_notifier_gets_the_title_and_the_body_as_arguments() {
        let said =
            Said { title: "Planned for today".into(), lines: vec!["Ask \"Sam\" & Ana".into(), "ladder next".into()] };
        assert_eq!(
            notifier_args("notify-send", &said),
            ["--app-name=ladder", "Planned for today", "Ask \"Sam\" &amp; Ana\nladder next"]
        );
        assert_eq!(
            notifier_args("termux-notification", &said),
            ["--title", "Planned for today", "--content", "Ask \"Sam\" & Ana\nladder next"]
        );
        // macOS: the quotes in the ask cannot end AppleScript's string, since the text is no part of the script.
        assert_eq!(
            notifier_args("osascript", &said),
            [
                "-e",
                "on run argv",
                "-e",
                "display notification (item 2 of argv) with title (item 1 of argv)",
                "-e",
                "end run",
                "Planned for today",
                "Ask \"Sam\" & Ana\nladder next"
            ]
        );
    }
}
