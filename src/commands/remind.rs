//! `ladder remind`: one gentle nudge, or nothing (exit 1). Once a day per ladder, never in the quiet hours.

use std::env;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context as _, Result};
use chrono::NaiveTime;

use super::Ctx;
use crate::cli::RemindArgs;
use crate::output::render::remind::{self as words, Said};
use crate::output::say;
use crate::rules::remind;
use crate::store::{self, nudged};

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
            Ok(with) => super::say(ctx, &say::line(&words::sent(with)))?,
            Err(tried) => {
                store::note(&words::no_notifier(&tried));
                super::say(ctx, &said.text())?;
            }
        }
    } else {
        super::say(ctx, &said.text())?;
    }
    // Only a nudge that reached the person uses up the day's: a full or closed output is an error first.
    ctx.out.flush().context(say::CANNOT_PRINT)?;
    if let Err(err) = nudged::mark(&ctx.location, today) {
        store::note(&say::nudge_not_noted(&err.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The notifiers tried, in order: the freedesktop one, then Termux's.
const NOTIFIERS: [&str; 2] = ["notify-send", "termux-notification"];

/// Sends the nudge with the first notifier on the PATH that takes it; which one, or the ones tried.
fn send(said: &Said) -> Result<&'static str, String> {
    let body = said.lines.join("\n");
    for name in NOTIFIERS {
        let Some(program) = on_path(name) else { continue };
        let mut command = Command::new(program);
        if name == "notify-send" {
            // The body may hold markup for the notification server: the ask's own <, > and & stay text.
            let body = body.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            command.args(["--app-name=ladder", &said.title, &body]);
        } else {
            command.args(["--title", &said.title, "--content", &body]);
        }
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
    let program = env::current_exe().context(say::WHERE_AM_I)?;
    let file = std::path::absolute(&ctx.location.path).with_context(|| say::cannot_tell_where(&ctx.location.path))?;
    let (program, file) = (program.to_string_lossy(), file.to_string_lossy());
    let Some(dir) = units_dir() else {
        super::say(ctx, &words::crontab(&program, &file, at))?;
        return Ok(ExitCode::SUCCESS);
    };
    nudged::install(&dir, &words::units(&program, &file, at), words::MARKER)?;
    super::say(ctx, &words::installed(&dir.to_string_lossy(), at))?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder remind --uninstall`: removes the units `--install` wrote (and the link `systemctl enable` made to
/// its timer), nothing else.
fn uninstall(ctx: &mut Ctx) -> Result<ExitCode> {
    let Some(dir) = dirs::config_dir().map(|d| d.join("systemd").join("user")) else {
        super::say(ctx, &say::line(words::NOTHING_INSTALLED))?;
        return Ok(ExitCode::SUCCESS);
    };
    let timer = dir.join(UNITS[1]);
    let enabled = dir.join("timers.target.wants").join(UNITS[1]);
    let (removed, left) = nudged::uninstall(&dir, &UNITS, words::MARKER);
    if removed.contains(&timer) && std::fs::read_link(&enabled).is_ok_and(|to| to == timer) {
        let _ = std::fs::remove_file(&enabled);
    }
    super::say(ctx, &words::uninstalled(&removed, &left))?;
    Ok(ExitCode::SUCCESS)
}

/// Where systemd looks for the user's own units, when systemd is there (`systemctl` on the PATH).
fn units_dir() -> Option<PathBuf> {
    on_path("systemctl")?;
    dirs::config_dir().map(|d| d.join("systemd").join("user"))
}
