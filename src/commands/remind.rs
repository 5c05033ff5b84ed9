//! `ladder remind`: one gentle nudge, or nothing (exit 1). Once a day per ladder, never in the quiet hours.

use std::env;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use anyhow::Result;

use super::Ctx;
use crate::output::render::remind::{self as words, Said};
use crate::rules::remind;
use crate::store::{self, nudged};

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
                store::note(&words::no_notifier(&tried));
                write!(ctx.out, "{}", said.text())?;
            }
        }
    } else {
        write!(ctx.out, "{}", said.text())?;
    }
    if let Err(err) = nudged::mark(&ctx.location, today) {
        store::note(&format!("ladder could not note today's nudge ({err}), so it may nudge again today."));
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
