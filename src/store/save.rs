//! Writing a file atomically: a finished temp file renamed over it, and the temps a killed save left.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::{parent, resolve_links};

/// Writes `parts` to `target` by renaming a finished temp file over it, once `check` allows. `durable` syncs
/// the data and the rename to disk before returning.
pub(super) fn write_atomic(
    target: &Path,
    parts: &[&[u8]],
    durable: bool,
    check: &dyn Fn() -> Result<()>,
) -> Result<()> {
    let dir = parent(target);
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // tempfile creates it readable by its owner only, and removes it again on every error path.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}.ladder-"))
        .rand_bytes(TEMP_RANDOM)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    for part in parts {
        temp.write_all(part)?;
    }
    if let Ok(meta) = fs::metadata(target) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    if durable {
        temp.as_file().sync_data()?;
    } else {
        // Renaming over an existing file makes ext4 start writing the new one to disk at once (its guard
        // for files saved without fsync): a record that need not survive a power cut goes first instead.
        let _ = fs::remove_file(target);
    }
    check()?;
    temp.persist(target).map_err(|err| err.error)?;
    if durable {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Writes a file of `ladder`'s own (an export) atomically; a new one is readable by its owner only.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(&resolve_links(path)?, &[bytes], true, &|| Ok(()))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Temp files left by a save that was killed midway, and an earlier version's undo record. Only called with
/// the lock held, when no other save can be under way.
pub(super) fn remove_stale_temps(target: &Path) {
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let Ok(entries) = fs::read_dir(parent(target)) else { return };
    // The undo record earlier versions kept beside the file: the history is in the state folder now.
    let old_undo = format!(".{name}.undo");
    for entry in entries.flatten() {
        let file = entry.file_name();
        if is_temp_of(&name, &file.to_string_lossy()) || file.to_string_lossy() == old_undo {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Random characters in a temp file's name, between `.NAME.ladder-` and `.tmp`.
pub(super) const TEMP_RANDOM: usize = 6;

/// Whether `file` is one of `name`'s own temp files, `.NAME.ladder-XXXXXX.tmp`, and not another file's (the
/// temps of `NAME.old` start the same way but have a dot in the middle) nor the person's own.
pub(super) fn is_temp_of(name: &str, file: &str) -> bool {
    let middle = file.strip_prefix('.').and_then(|f| f.strip_prefix(name)).and_then(|f| f.strip_prefix(".ladder-"));
    let middle = middle.and_then(|f| f.strip_suffix(".tmp"));
    middle.is_some_and(|m| m.len() == TEMP_RANDOM && m.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_file_s_own_temps_are_stale() {
        assert!(is_temp_of("a.toml", ".a.toml.ladder-x1Y2z3.tmp"));
        assert!(!is_temp_of("a.toml", ".a.toml.old.ladder-x1Y2z3.tmp"), "another file's temp");
        assert!(!is_temp_of("a.toml", ".a.toml.backup.tmp"), "the person's own file");
        assert!(!is_temp_of("a.toml", ".a.toml.ladder-x1Y2z.tmp"));
        assert!(!is_temp_of("a.toml", "a.toml.ladder-x1Y2z3.tmp"));
        assert!(!is_temp_of("a.toml", ".a.toml.ladder-x1Y2z3"));
        assert!(!is_temp_of("a", ".ab.toml.ladder-x1Y2z3.tmp"));
    }
}
