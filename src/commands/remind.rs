//! `ladder remind`: one gentle nudge, or nothing (exit 1). Once a day per ladder, never in the quiet hours.

use std::env;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context as _, Result};
use chrono::NaiveTime;

use super::Ctx;
use crate::output::render::remind::{self as words, Said};
use crate::rules::remind;
use crate::store::nudged;

pub fn run(ctx: &mut Ctx, notify: bool) -> Result<ExitCode> {
    let mut ladder = super::read(ctx)?;
    super::shown_to_person(&mut ladder);
    let today = ctx.now.date_naive();
    if remind::quiet(&ladder, ctx.now) || nudged::last(&ctx.location) == Some(today) {
        return Ok(ExitCode::from(1));
    }
    let Some(nudge) = remind::nudge(&ladder, ctx.now) else { return Ok(ExitCode::from(1)) };
    let said = words::said(&nudge);
    if notify {
        match send(&said) {
            Ok(with) => writeln!(ctx.out, "{}", words::sent(with))?,
            Err(tried) => {
                crate::output::note(&words::no_notifier(&tried));
                write!(ctx.out, "{}", said.text())?;
            }
        }
    } else {
        write!(ctx.out, "{}", said.text())?;
    }
    // Only a nudge that reached the person uses up the day's: a full or closed output is an error first.
    ctx.out.flush().context("cannot print to standard output")?;
    if let Err(err) = nudged::mark(&ctx.location, today) {
        crate::output::note(&format!("ladder could not note today's nudge ({err}), so it may nudge again today."));
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
pub fn install(ctx: &mut Ctx, at: NaiveTime) -> Result<ExitCode> {
    let program = env::current_exe().context("cannot tell where this ladder program is")?;
    let file = std::path::absolute(&ctx.location.path)
        .with_context(|| format!("cannot tell where {} is", ctx.location.path.display()))?;
    let (program, file) = (program.to_string_lossy(), file.to_string_lossy());
    if termux() {
        return install_termux(ctx, &program, &file, at);
    }
    let Some(dir) = units_dir() else {
        write!(ctx.out, "{}", words::crontab(&program, &file, at))?;
        return Ok(ExitCode::SUCCESS);
    };
    nudged::install(&dir, &words::units(&program, &file, at), words::MARKER)?;
    write!(ctx.out, "{}", words::installed(&dir.to_string_lossy(), at))?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder remind --uninstall`: removes the units `--install` wrote (and the link `systemctl enable` made to
/// its timer), nothing else.
pub fn uninstall(ctx: &mut Ctx) -> Result<ExitCode> {
    if termux() {
        return uninstall_termux(ctx);
    }
    let Some(dir) = dirs::config_dir().map(|d| d.join("systemd").join("user")) else {
        writeln!(ctx.out, "{}", words::NOTHING_INSTALLED)?;
        return Ok(ExitCode::SUCCESS);
    };
    let timer = dir.join(UNITS[1]);
    let enabled = dir.join("timers.target.wants").join(UNITS[1]);
    let (removed, left) = nudged::uninstall(&dir, &UNITS, words::MARKER);
    if removed.contains(&timer) && std::fs::read_link(&enabled).is_ok_and(|to| to == timer) {
        let _ = std::fs::remove_file(&enabled);
    }
    write!(ctx.out, "{}", words::uninstalled(&removed, &left))?;
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
    dirs::config_dir().map(|d| d.join("ladder")).context("cannot find your config folder (set HOME)")
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
            .with_context(|| format!("cannot make {} runnable", script.display()))?;
    }
    let script = script.to_string_lossy();
    let Some(scheduler) = on_path("termux-job-scheduler") else {
        write!(ctx.out, "{}", words::termux_to_schedule(&script, at))?;
        return Ok(ExitCode::SUCCESS);
    };
    let status = Command::new(scheduler)
        .args(words::termux_schedule(&script))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if status.is_ok_and(|s| s.success()) {
        write!(ctx.out, "{}", words::termux_scheduled(&script, at))?;
    } else {
        crate::output::note(words::TERMUX_NOT_SCHEDULED);
        write!(ctx.out, "{}", words::termux_to_schedule(&script, at))?;
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
    write!(ctx.out, "{}", words::termux_uninstalled(&removed, &left, cancelled))?;
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
