//! The lock every change holds for its whole read-change-write cycle, so that parallel commands queue.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::thread;

use std::time::{Duration, Instant};

use super::private::private_options;
use super::{history, parent, private};
use crate::error::{Context, Doing, LockWhy, Result, Store};

/// How long a change waits for another `ladder` command to finish before giving up.
pub(super) const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Where the lock for `target` lives: in the state folder, keyed by the file's canonical path so that every
/// writer of the same file, by whatever path, takes the same lock, and nothing but the ladder is written in the
/// ladder's folder (a synced folder then syncs only the ladder). Without a state folder of the user's own
/// (one others can write to could hold a planted lock), `.NAME.lock` beside the file.
pub(super) fn lock_path(target: &Path, state: Option<&Path>) -> PathBuf {
    let own = |state: &&Path| private::create_private_dir(state).is_ok() && private::is_private_dir(state);
    if let Some(state) = state.filter(own) {
        return state.join(format!("lock-{:016x}", history::key(target)));
    }
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    parent(target).join(format!(".{name}.lock"))
}

pub(super) fn lock(target: &Path, state: Option<&Path>) -> Result<File> {
    let path = lock_path(target, state);
    let mut options = private_options();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        // A lock file is ladder's own: never follow a link planted in its place, never wait on a FIFO.
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
    }
    let file = options.open(&path).map_err(|err| {
        let symlink = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        let why = if symlink { LockWhy::Symlink } else { LockWhy::Io(err) };
        Store::LockUnopenable { path: path.clone(), why }
    })?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(Store::LockNotAFile(path).into());
    }
    let deadline = Instant::now() + LOCK_WAIT;
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Store::Busy { target: target.to_path_buf(), seconds: LOCK_WAIT.as_secs() }.into());
            }
            Err(fs::TryLockError::Error(err)) => {
                return Err(err).doing_with(|| Doing::Lock(path.clone()));
            }
        }
    }
}
