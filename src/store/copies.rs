//! Conflict copies a file-sync tool leaves beside the ladder when two devices changed it before seeing each
//! other: Syncthing's `ladder.sync-conflict-<when>-<device>.toml`, Dropbox's `ladder (Sam's conflicted copy
//! 2026-11-22).toml`, Nextcloud's `ladder (conflicted copy 2026-11-22 183000).toml`. They are merged into the
//! ladder (with no base: a union by uid), then moved into `ladder-merged/` beside it, never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::parent;
use crate::store::private;

/// The folder beside the ladder that folded copies are moved into.
pub const MERGED_DIR: &str = "ladder-merged";

/// The conflict copies of `target` in its folder, in name order (oldest first, for Syncthing's names).
pub fn find(target: &Path) -> Vec<PathBuf> {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else { return Vec::new() };
    let Ok(entries) = fs::read_dir(parent(target)) else { return Vec::new() };
    let mut copies: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(|file| is_copy_of(name, file)))
        .map(|e| e.path())
        .collect();
    copies.sort();
    copies
}

/// Whether `file` is a conflict copy of the file called `name`.
fn is_copy_of(name: &str, file: &str) -> bool {
    let (stem, ext) = match name.rfind('.').filter(|&i| i > 0) {
        Some(i) => name.split_at(i),
        None => (name, ""),
    };
    let Some(middle) = file.strip_prefix(stem).and_then(|rest| rest.strip_suffix(ext)) else { return false };
    let syncthing = middle.strip_prefix(".sync-conflict-").is_some_and(|m| !m.is_empty());
    let conflicted = middle.starts_with(" (") && middle.ends_with(')') && middle.contains("conflicted copy");
    syncthing || conflicted
}

/// Moves a folded copy into `ladder-merged/` beside the ladder, under a name not yet taken there.
pub fn put_away(target: &Path, copy: &Path) -> Result<PathBuf> {
    let dir = parent(target).join(MERGED_DIR);
    private::create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = copy.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut destination = dir.join(&name);
    let mut n = 1;
    while fs::symlink_metadata(&destination).is_ok() {
        destination = dir.join(format!("{name}.{n}"));
        n += 1;
    }
    fs::rename(copy, &destination).with_context(|| format!("cannot move {} into {}", copy.display(), dir.display()))?;
    Ok(destination)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copies_of_syncthing_dropbox_and_nextcloud_are_known_by_name() {
        for copy in [
            "ladder.sync-conflict-20261122-183000-ABCDEFG.toml",
            "ladder (Sam's conflicted copy 2026-11-22).toml",
            "ladder (conflicted copy 2026-11-22 183000).toml",
        ] {
            assert!(is_copy_of("ladder.toml", copy), "{copy}");
        }
        for other in [
            "ladder.toml",
            "ladder.sync-conflict-.toml",
            "other.sync-conflict-20261122-183000-ABCDEFG.toml",
            "ladder (copy).toml",
            "ladder.sync-conflict-20261122-183000-ABCDEFG.toml.tmp",
            "ladder2 (conflicted copy 2026-11-22).toml",
        ] {
            assert!(!is_copy_of("ladder.toml", other), "{other}");
        }
        assert!(is_copy_of("ladder", "ladder.sync-conflict-20261122-183000-ABCDEFG"));
    }
}
