//! `ladder encrypt`, `ladder decrypt`, `ladder show-plain` and `ladder edit-file`: an encrypted ladder (see
//! `store/crypt.rs`).

use std::env;
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use age::secrecy::{ExposeSecret, SecretString};

use super::Ctx;
use crate::error::{Context, Doing, Error, Result};
use crate::output::say;
use crate::store::{self, Session, crypt};

pub fn encrypt(ctx: &mut Ctx, keys: &[String], passphrase: bool) -> Result<ExitCode> {
    let recipients = if passphrase {
        if !crypt::can_ask() {
            return Err(Error::said(say::PASSPHRASE_NEEDS_A_TERMINAL));
        }
        let typed = |prompt: &str| {
            rpassword::prompt_password(prompt)
                .map(SecretString::from)
                .doing(Doing::Said(say::CANNOT_READ_PASSPHRASE.to_string()))
        };
        let first = typed(say::PASSPHRASE_PROMPT)?;
        let again = typed(say::PASSPHRASE_AGAIN)?;
        if first.expose_secret() != again.expose_secret() {
            return Err(Error::said(say::PASSPHRASES_DIFFER));
        }
        if first.expose_secret().is_empty() {
            return Err(Error::said(say::EMPTY_PASSPHRASE));
        }
        crypt::use_passphrase(first);
        crypt::Recipients::Passphrase
    } else {
        let mut checked = Vec::new();
        for key in keys {
            let key = crypt::check_recipient(key).map_err(|why| Error::said(say::bad_recipient(&why)))?;
            if !checked.contains(&key) {
                checked.push(key);
            }
        }
        crypt::Recipients::Keys(checked)
    };
    let plain = ctx.location.path.clone();
    let sealed = store::encrypt(&ctx.location, &recipients)?;
    let listed = crypt::recipients_path(&sealed);
    let keys = match &recipients {
        crypt::Recipients::Keys(keys) => Some((keys.len(), listed.as_path())),
        crypt::Recipients::Passphrase => None,
    };
    super::prose(ctx, &say::encrypted(&plain, &sealed, keys))?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder encrypt --confirm-keys`: the keys in the encrypted ladder's recipients file are confirmed on this device.
pub fn confirm_keys(ctx: &mut Ctx) -> Result<ExitCode> {
    let (file, new) = store::confirm_keys(&ctx.location)?;
    super::prose(ctx, &say::keys_confirmed(&file, &new))?;
    Ok(ExitCode::SUCCESS)
}

pub fn decrypt(ctx: &mut Ctx) -> Result<ExitCode> {
    let sealed = ctx.location.path.clone();
    let plain = store::decrypt(&ctx.location)?;
    super::prose(ctx, &say::decrypted(&sealed, &plain))?;
    Ok(ExitCode::SUCCESS)
}

/// The plain text of `file` (or of the ladder) on standard output: git's `textconv` for an encrypted ladder.
pub fn show_plain(ctx: &mut Ctx, file: Option<&Path>) -> Result<ExitCode> {
    let path = file.unwrap_or(&ctx.location.path);
    let (text, _) = store::read_any(path)?.ok_or_else(|| Error::said(say::no_file_at(path)))?;
    ctx.out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the ladder's text in `$VISUAL` or `$EDITOR` (else `vi`), from a private folder, and saves it, encrypted
/// again if the ladder is, once it reads as a ladder. The plain copy is removed however the editing ends.
pub fn edit_file(ctx: &mut Ctx) -> Result<ExitCode> {
    let session = Session::open(&ctx.location, ctx.now)?;
    let shown_path = ctx.location.path.clone();
    let Some(raw) = session.raw().map(str::to_string) else {
        return Err(Error::said(say::no_ladder_yet(&shown_path)));
    };
    // Removed with what is in it when dropped: on every return, error or panic.
    let scratch = store::scratch()?;
    let name =
        crypt::plain_path(&shown_path).file_name().map_or_else(|| "ladder.toml".into(), std::ffi::OsStr::to_os_string);
    let file = scratch.path().join(name);
    store::write_private(&file, raw.as_bytes())?;
    let editor = env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| env::var("EDITOR").ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    // From here on, a Ctrl-C (which reaches ladder as well as the editor), a hang-up or a termination does not
    // end ladder before it removes the plain copy: the edit is given up instead, once the editor is closed.
    let stopped = hold_signals();
    let given_up = || stopped.load(Ordering::Relaxed);
    let text = loop {
        // Through the shell, as git runs an editor: `EDITOR="code --wait"` works.
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(&file)
            .status()
            .doing_with(|| Doing::Said(say::cannot_start_editor(&editor)))?;
        if given_up() {
            return Err(Error::said(say::EDIT_INTERRUPTED));
        }
        if !status.success() {
            return Err(Error::said(say::editor_failed(&editor)));
        }
        // Emptied or removed in the editor: the edit is given up, never saved as a ladder with nothing in it.
        let Some(text) = store::read_raw(&file)?.filter(|text| !text.trim_start_matches('\u{feff}').trim().is_empty())
        else {
            return Err(Error::said(say::EDIT_EMPTIED));
        };
        match store::check_text(&ctx.location, &text) {
            Ok(()) => break text,
            Err(why) if crypt::can_ask() => {
                crate::output::note(&say::note(&why.to_string()));
                crate::output::note(say::EDIT_AGAIN);
                let mut answer = String::new();
                io::stdin().lock().read_line(&mut answer)?;
                if given_up() {
                    return Err(Error::said(say::EDIT_INTERRUPTED));
                }
                if answer.trim().eq_ignore_ascii_case("n") {
                    return Err(Error::said(say::EDIT_LEFT));
                }
            }
            Err(why) => return Err(Error::said(say::edit_refused(&why.to_string()))),
        }
    };
    drop(scratch);
    if text == raw {
        session.finish()?;
        super::prose(ctx, &say::file_unchanged(&shown_path))?;
        return Ok(ExitCode::SUCCESS);
    }
    session.write(&text, "edited the file by hand")?;
    super::prose(ctx, &say::file_saved(&shown_path))?;
    Ok(ExitCode::SUCCESS)
}

/// Catches the signals that would end ladder while the editor is open, and says whether one came.
fn hold_signals() -> Arc<AtomicBool> {
    let stopped = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Should one not be caught, that signal ends ladder as before: the next edit removes the copy.
        let _ = signal_hook::flag::register(signal, Arc::clone(&stopped));
    }
    stopped
}

/// Asks on the terminal for the passphrase that opens `what`, not echoed (`store::crypt::ask_with`).
pub fn ask_passphrase(what: &str) -> Option<SecretString> {
    rpassword::prompt_password(say::passphrase_for(what)).ok().map(SecretString::from)
}
