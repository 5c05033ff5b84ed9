//! Hooks: the person's own executables in `$XDG_CONFIG_HOME/ladder/hooks/`, named after what happened, run after
//! a change is saved and its lock released, with the new entry as JSON on standard input.
//!
//! - `on-change`: any change saved (`{"change": ..., "at": ...}`, as an entry of `history --json`);
//! - `on-attempt`: an attempt recorded by `ladder done` (the attempt, as an entry of `log --json`);
//! - `on-mastered`: a rung that `ladder done` made mastered (the rung, as an entry of `list --json`).
//!
//! A hook runs with `LADDER_HOOK=1` and `LADDER_FILE` (the ladder changed) in its environment; a `ladder` that
//! finds `LADDER_HOOK` set runs no hooks, so a hook can call `ladder` without starting itself again. Only a folder
//! and files that nobody else can change are trusted, as for the cache. A hook that fails or runs too long changes
//! nothing of what was saved, nor the exit code. This module finds and runs; the words are `output`'s.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::private;
use crate::error::{Ended, Error, Store, Untrusted};

/// The hooks `ladder` runs, in the order it runs them after a change.
pub const NAMES: [&str; 3] = ["on-attempt", "on-mastered", "on-change"];

/// How long a hook may run before it is stopped, unless `LADDER_HOOK_TIMEOUT` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether this `ladder` runs hooks at all: not when it was started by one (`LADDER_HOOK` set).
pub fn enabled() -> bool {
    std::env::var_os("LADDER_HOOK").is_none_or(|v| v.is_empty())
}

/// `$XDG_CONFIG_HOME/ladder/hooks`, or the platform's equivalent.
pub fn folder() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("ladder").join("hooks"))
}

/// Whether a hook named `name` may be waiting: hooks are on, and it is in the folder. Cheap: one `stat`, so
/// that a command need not make a hook's JSON for nobody.
pub fn wanted(name: &str) -> bool {
    enabled() && folder().is_some_and(|dir| fs::symlink_metadata(dir.join(name)).is_ok())
}

/// The changes taken back, as one change.
pub(super) fn undid(undone: &[super::Undone]) -> super::Saved {
    let renumbered = undone.first().map(|u| u.renumbered.clone()).unwrap_or_default();
    super::Saved::Undid(undone.iter().map(|u| u.description.clone()).collect(), renumbered)
}

/// The hooks to run, found among `names` in `dir`: their paths, or why none may run (said once). A hook that is
/// not there is no hook; one that is not executable is named as one that could not start.
pub fn find(dir: &Path, names: &[&'static str]) -> Result<Vec<(&'static str, PathBuf)>, Error> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(Vec::new());
    }
    let parent = dir.parent().unwrap_or(dir);
    if let Some(why) = [parent, dir].into_iter().find_map(private::why_not_private) {
        return Err(Store::HooksNotRun { dir: dir.to_path_buf(), why: Box::new(why) }.into());
    }
    let mut found = Vec::new();
    for &name in names {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_err() {
            continue;
        }
        if let Some(why) = why_not_trusted(&path) {
            return Err(Store::HookNotRun(Box::new(why)).into());
        }
        found.push((name, path));
    }
    Ok(found)
}

/// Why the hook at `path` (or the file a symlink there leads to) cannot be trusted; `None` when it can.
fn why_not_trusted(path: &Path) -> Option<Error> {
    let why = |why: Untrusted| Some(Error::Untrusted { dir: path.to_path_buf(), why });
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return why(Untrusted::Unreadable(err)),
    };
    if !meta.is_file() {
        return why(Untrusted::Kind(private::kind(&meta)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return why(Untrusted::SomeoneElses);
        }
        if meta.permissions().mode() & 0o022 != 0 {
            return why(Untrusted::OthersCanChange);
        }
        // A link to a file in a folder others can write to (/tmp) leads to whatever they put there next.
        let linked = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let real = fs::canonicalize(path).ok();
        let folder = real.as_deref().and_then(Path::parent).and_then(|dir| fs::metadata(dir).ok());
        if linked && folder.is_none_or(|dir| dir.permissions().mode() & 0o022 != 0) {
            return why(Untrusted::LeadsOut);
        }
    }
    None
}

/// How a hook ended.
#[derive(Debug)]
pub enum Ran {
    Done,
    /// It ended with a failure.
    Failed(Ended),
    /// It ran past the limit and was stopped.
    TooLong,
    /// It could not be started: it is not executable.
    NotExecutable,
    /// It could not be started (a bad `#!` line): what the operating system said.
    NotStarted(io::Error),
}

/// The limit a hook may run for: `LADDER_HOOK_TIMEOUT` seconds (a whole number, at least 1), else 10.
pub fn timeout() -> Duration {
    std::env::var("LADDER_HOOK_TIMEOUT")
        .ok()
        .and_then(|t| t.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// Runs the hook at `path` with `entry` on its standard input, what it prints going to ladder's standard error
/// (ladder's standard output stays ladder's own, for scripts), and `env` added to its environment; stops it (and
/// whatever it started) once it runs longer than `limit`.
pub fn run(path: &Path, entry: &[u8], env: &[(&str, &OsStr)], limit: Duration) -> Ran {
    #[cfg(unix)]
    if fs::metadata(path).is_ok_and(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o100 == 0) {
        return Ran::NotExecutable;
    }
    let mut command = Command::new(path);
    command.env("LADDER_HOOK", "1").stdin(Stdio::piped()).stdout(io::stderr());
    for (key, value) in env {
        command.env(key, value);
    }
    // Its own process group, so that whatever it starts is stopped with it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(err) => return Ran::NotStarted(err),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let entry = entry.to_vec();
        // On its own thread: a hook that never reads its input must not stop ladder writing it.
        let _ = thread::Builder::new().spawn(move || {
            let _ = stdin.write_all(&entry);
        });
    }
    match wait(&mut child, limit) {
        Some(status) if status.success() => Ran::Done,
        Some(status) => Ran::Failed(ended(status)),
        None => {
            stop(&mut child);
            Ran::TooLong
        }
    }
}

/// Waits for the child to end, up to `limit`; `None` when it is still running. Polls, briefly at first.
fn wait(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(_) => return None,
        }
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Stops a hook and everything in its process group.
fn stop(child: &mut Child) {
    #[cfg(unix)]
    let _ = rustix::process::kill_process_group(rustix::process::Pid::from_child(child), rustix::process::Signal::KILL);
    let _ = child.kill();
    let _ = child.wait();
}

fn ended(status: ExitStatus) -> Ended {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return Ended::Signal(signal);
    }
    status.code().map_or(Ended::Abnormally, Ended::Status)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn hook(dir: &Path, name: &str, script: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, script).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).unwrap();
        path
    }

    #[test]
    fn a_hook_gets_its_entry_and_ends() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let path = hook(dir.path(), "on-change", &format!("#!/bin/sh\ncat > '{}'\nexit 3\n", out.display()));
        let ran = run(&path, b"{\"a\":1}", &[], Duration::from_secs(60));
        assert!(matches!(ran, Ran::Failed(Ended::Status(3))), "{ran:?}");
        assert_eq!(fs::read_to_string(&out).unwrap(), "{\"a\":1}");
    }

    #[test]
    fn a_hook_that_runs_too_long_is_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let path = hook(dir.path(), "on-change", "#!/bin/sh\nexec sleep 600\n");
        assert!(matches!(run(&path, b"", &[], Duration::from_millis(100)), Ran::TooLong));
    }

    #[test]
    fn a_folder_others_can_write_to_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let hooks = dir.path().join("hooks");
        private::create_private_dir(&hooks).unwrap();
        hook(&hooks, "on-change", "#!/bin/sh\n");
        assert_eq!(find(&hooks, &NAMES).unwrap().len(), 1);
        fs::set_permissions(&hooks, fs::Permissions::from_mode(0o777)).unwrap();
        assert!(find(&hooks, &NAMES).unwrap_err().to_string().contains("can be changed by others"));
        fs::set_permissions(&hooks, fs::Permissions::from_mode(0o700)).unwrap();
        fs::set_permissions(hooks.join("on-change"), fs::Permissions::from_mode(0o777)).unwrap();
        assert!(find(&hooks, &NAMES).unwrap_err().to_string().contains("chmod go-w it"));
    }

    #[test]
    fn a_hook_linked_into_a_folder_others_can_write_to_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let hooks = dir.path().join("hooks");
        private::create_private_dir(&hooks).unwrap();
        let (shared, own) = (dir.path().join("shared"), dir.path().join("dotfiles"));
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
        private::create_private_dir(&own).unwrap();
        for folder in [&shared, &own] {
            let target = hook(folder, "on-change", "#!/bin/sh\n");
            let _ = fs::remove_file(hooks.join("on-change"));
            std::os::unix::fs::symlink(&target, hooks.join("on-change")).unwrap();
        }
        assert_eq!(find(&hooks, &NAMES).unwrap().len(), 1, "a link into a folder of your own is fine");
        fs::remove_file(hooks.join("on-change")).unwrap();
        std::os::unix::fs::symlink(shared.join("on-change"), hooks.join("on-change")).unwrap();
        assert!(find(&hooks, &NAMES).unwrap_err().to_string().contains("leads to a folder others can change"));
    }
}
