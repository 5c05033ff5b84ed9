//! Writing a file atomically: a finished temp file renamed over it, and the temps a killed save left.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use super::{parent, private, resolve_links};
use crate::error::{Context, Doing, Result};

/// Writes `parts` to `target` by renaming a finished temp file over it, once `check` allows. `durable` syncs
/// the data and the rename to disk before returning.
pub(super) fn write_atomic(
    target: &Path,
    parts: &[&[u8]],
    durable: bool,
    check: &dyn Fn() -> Result<()>,
) -> Result<()> {
    let temp = stage(target, parts, durable)?;
    if !durable {
        // Renaming over an existing file makes ext4 start writing the new one to disk at once (its guard
        // for files saved without fsync): a record that need not survive a power cut goes first instead.
        let _ = fs::remove_file(target);
    }
    check()?;
    temp.named(target, parts, durable)?.persist(target).map_err(|err| err.error)?;
    if durable {
        File::open(parent(target))?.sync_all()?;
    }
    Ok(())
}

/// A file as a check saw it, just before reading it: which file it is, its size, when it was last written and
/// when its inode last changed. A write changes its size or its times (to the file system clock's tick), and
/// the inode's time, unlike the other, cannot be set back (attack13: a same-size write in place whose writer put
/// the time of the last write back was not seen); a rename changes only the inode's time (ext4), so that one is
/// compared only before the swap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Identity {
    file: (u64, u64),
    len: u64,
    modified: Option<std::time::SystemTime>,
    changed: (i64, i64),
}

impl Identity {
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// The same file as a rename leaves it: everything but the inode's change time.
    fn renamed(self) -> Identity {
        Identity { changed: (0, 0), ..self }
    }

    pub(super) fn of(meta: &fs::Metadata) -> Identity {
        #[cfg(unix)]
        let (file, changed) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.dev(), meta.ino()), (meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (file, changed) = ((0, 0), (0, 0));
        Identity { file, len: meta.len(), modified: meta.modified().ok(), changed }
    }
}

/// `write_atomic` (durable) for the ladder itself, whose `check` says how the file looked as it was found
/// unchanged (`None`: there was none). On Linux the new text and the old file swap places in one step, so that
/// what was at the ladder's place is still at hand: when it is not the file the check saw (an editor or a
/// script wrote it in the instant after the check), it is swapped back, nothing is saved, and `Watched::Raced`
/// says so (the command then starts over on it, as after a write before the check). Elsewhere, or where the file
/// system cannot swap, the temp file is renamed over the file as before.
pub(super) fn write_watched(
    target: &Path,
    parts: &[&[u8]],
    check: &dyn Fn() -> Result<Option<Identity>>,
) -> Result<Watched> {
    let temp = stage(target, parts, true)?;
    let seen = check()?;
    #[cfg(debug_assertions)]
    super::session::pause_for_test("LADDER_TEST_PAUSE_SWAP");
    // Looked at once more just before the swap, its inode's change time too, which the swap sets; when that
    // alone changed (a chmod, an extended attribute a sync tool set), it is read again, and a new mode kept
    // (attack14).
    let seen = match seen.map(|seen| (seen, fs::metadata(target))) {
        None => None,
        Some((seen, Ok(meta))) if Identity::of(&meta) == seen => Some(seen),
        Some((seen, Ok(meta))) if Identity::of(&meta).renamed() == seen.renamed() => {
            temp.as_file().set_permissions(meta.permissions())?;
            check()?
        }
        Some(_) => return Ok(Watched::Raced),
    };
    // Held open, so that once it is swapped out its name can go at once and its blocks be freed later.
    let held = seen.and_then(|_| private::open_regular(target, false).ok());
    let temp = temp.named(target, parts, true)?;
    let Some(seen) = seen.filter(|_| swap(&temp, target).is_ok()) else {
        temp.persist(target).map_err(|err| err.error)?;
        File::open(parent(target))?.sync_all()?;
        return Ok(Watched::Saved(None));
    };
    // As the swap left it: its inode's change time is the swap's, and any write after sets it again.
    let swapped = fs::symlink_metadata(&temp).map(|meta| Identity::of(&meta));
    let synced = File::open(parent(target)).and_then(|dir| dir.sync_all());
    // `temp` now names what was at the ladder's place, removed with it unless it changed. Looked at only once
    // the folder is synced, so that a writer that opened the file just before the swap has written by then
    // (an attack appending every 2 ms lost 1 line in 46 saves when it was looked at straight after the swap);
    // and before a failed sync is told, which would remove it unlooked at.
    let now = fs::symlink_metadata(&temp).map(|meta| Identity::of(&meta));
    if let (Ok(now), Ok(swapped)) = (now, swapped)
        && now == swapped
        && now.renamed() == seen.renamed()
    {
        synced?;
        // Its name goes now, so that a kill from here on leaves nothing of it beside the ladder; its blocks
        // are freed when the file held open is closed, which the caller may do on a thread of its own.
        drop(temp);
        let held = held.filter(|file| file.metadata().is_ok_and(|meta| Identity::of(&meta).renamed() == now.renamed()));
        return Ok(Watched::Saved(held));
    }
    // Written to since the check: it goes back in its place, and the new text (at `temp` again) goes.
    if let Err(err) = swap(&temp, target) {
        // Not likely, as the same swap just worked; then what was written stays at `temp` for the person.
        let _ = temp.keep();
        return Err(err.into());
    }
    File::open(parent(target))?.sync_all()?;
    Ok(Watched::Raced)
}

/// What `write_watched` did.
pub(super) enum Watched {
    /// The new text is in place. The file it took the place of, when it was swapped, its name already gone and
    /// still open: closing it frees its blocks, which takes a while (on years of use 0.45-0.5 ms of a `done`,
    /// strace), so the caller may do it on a thread of its own.
    Saved(Option<File>),
    /// The file was written to after the check: it is as that write left it, and nothing was saved.
    Raced,
}

/// Swaps the files at `a` and `b` in one step (both must be there).
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?)
}

#[cfg(not(target_os = "linux"))]
fn swap(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// A finished temp file beside `target`, written (and synced, when `durable`) but not yet in its place.
fn stage(target: &Path, parts: &[&[u8]], durable: bool) -> Result<Staged> {
    // Either way readable by its owner only, and gone again on every error path.
    let temp = match unnamed(parent(target)) {
        Some(file) => Staged::Unnamed(file),
        None => Staged::Named(new_temp(target)?),
    };
    fill(temp.as_file(), target, parts, durable)?;
    Ok(temp)
}

/// Writes `parts` to `file`, a temp file for `target`, with `target`'s permissions, and syncs it when `durable`.
fn fill(mut file: &File, target: &Path, parts: &[&[u8]], durable: bool) -> Result<()> {
    // An encrypted ladder is encrypted before anything of it is written.
    let sealed;
    let parts = if super::crypt::is_sealed_path(target) {
        sealed = super::crypt::seal_ladder(target, &parts.concat())?;
        &[sealed.as_slice()][..]
    } else {
        parts
    };
    for part in parts {
        file.write_all(part)?;
    }
    if let Ok(meta) = fs::metadata(target) {
        file.set_permissions(meta.permissions())?;
    }
    if durable {
        file.sync_data()?;
    }
    Ok(())
}

/// A temp file `stage` wrote. Where the file system can make one (Linux's `O_TMPFILE`: ext4, f2fs, btrfs,
/// xfs, tmpfs), it has no name until just before it takes the file's place: a save killed while it writes and
/// syncs, the longest part of one, leaves nothing beside the ladder for a sync tool to carry off (with a name
/// from the start, a few random kills in a hundred left one, for the next save to remove).
enum Staged {
    Unnamed(File),
    Named(tempfile::NamedTempFile),
}

impl Staged {
    fn as_file(&self) -> &File {
        match self {
            Staged::Unnamed(file) => file,
            Staged::Named(temp) => temp.as_file(),
        }
    }

    /// The temp file under a name beside `target`, given now if it had none. Should naming it fail (a system
    /// without `/proc`), `parts` are written again to a temp file with a name.
    fn named(self, target: &Path, parts: &[&[u8]], durable: bool) -> Result<tempfile::TempPath> {
        let file = match self {
            Staged::Named(temp) => return Ok(temp.into_temp_path()),
            Staged::Unnamed(file) => file,
        };
        if let Ok(path) = link(&file, target) {
            return Ok(path);
        }
        // Its blocks are freed before the text is written again: on a nearly full disk both would not fit
        // (attack15, with no `/proc`).
        drop(file);
        let temp = new_temp(target)?;
        fill(temp.as_file(), target, parts, durable)?;
        Ok(temp.into_temp_path())
    }
}

/// A new empty temp file beside `target`, named as `is_temp_of` knows them: `.NAME.ladder-XXXXXX.tmp`.
fn new_temp(target: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    temp_names(&temp_prefix(target)).tempfile_in(parent(target))
}

fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    format!(".{name}.ladder-")
}

/// Temp files' names, from `prefix` (`temp_prefix`).
fn temp_names(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut names = tempfile::Builder::new();
    names.prefix(prefix).rand_bytes(TEMP_RANDOM).suffix(".tmp");
    names
}

/// A new temp file without a name in `dir`, readable by its owner only, where the file system makes them.
#[cfg(target_os = "linux")]
fn unnamed(dir: &Path) -> Option<File> {
    use rustix::fs::{CWD, Mode, OFlags, openat};
    let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
    openat(CWD, dir, flags, Mode::from_raw_mode(0o600)).ok().map(File::from)
}

#[cfg(not(target_os = "linux"))]
fn unnamed(_: &Path) -> Option<File> {
    None
}

/// Gives `file`, one without a name, a temp file's name beside `target` (another, should one be taken).
#[cfg(target_os = "linux")]
fn link(file: &File, target: &Path) -> std::io::Result<tempfile::TempPath> {
    use rustix::fs::{AtFlags, CWD, linkat};
    use std::os::fd::AsRawFd;
    let from = format!("/proc/self/fd/{}", file.as_raw_fd());
    let prefix = temp_prefix(target);
    let link = |path: &Path| Ok(linkat(CWD, &from, CWD, path, AtFlags::SYMLINK_FOLLOW)?);
    let named = temp_names(&prefix).make_in(parent(target), link)?;
    Ok(named.into_temp_path())
}

#[cfg(not(target_os = "linux"))]
fn link(_: &File, _: &Path) -> std::io::Result<tempfile::TempPath> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Writes a file of `ladder`'s own (an export) atomically; a new one is readable by its owner only.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(&resolve_links(path)?, &[bytes], true, &|| Ok(())).doing_with(|| Doing::Write(path.to_path_buf()))
}

/// Temp files left by a save that was killed midway, and an earlier version's undo record. Only called with
/// the lock held, when no other save can be under way.
pub(super) fn remove_stale_temps(target: &Path) {
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let Ok(entries) = fs::read_dir(parent(target)) else { return };
    // The undo record earlier versions kept beside the file: the history is in the state folder now.
    let old_undo = format!(".{name}.undo");
    // The temps of the ladder's other name (`encrypt` and `decrypt` write one from the other) and of its keys:
    // another lock guards those, so only one a minute old is surely a killed save's. A plain one left beside an
    // encrypted ladder would otherwise stay for a sync tool to carry off.
    let other = if super::crypt::is_sealed_path(target) {
        super::crypt::plain_path(target)
    } else {
        super::crypt::sealed_path(target)
    };
    let others: Vec<String> =
        [other.clone(), super::crypt::recipients_path(&other), super::crypt::recipients_path(target)]
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
    let old = |path: &Path| {
        fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > std::time::Duration::from_secs(60)))
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let sibling = others.iter().any(|o| is_temp_of(o, &file)) && old(&entry.path());
        if is_temp_of(&name, &file) || file == old_undo || sibling {
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

    /// A temp file without a name that cannot be given one (here, made so that no name can be linked to it)
    /// is written again under a name: the save goes on.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_temp_that_cannot_be_named_is_written_again_under_a_name() {
        use rustix::fs::{CWD, Mode, OFlags, openat};
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ladder.toml");
        let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::EXCL | OFlags::CLOEXEC;
        let file = File::from(openat(CWD, dir.path(), flags, Mode::from_raw_mode(0o600)).unwrap());
        assert!(link(&file, &target).is_err(), "no name can be linked to it");
        let path = Staged::Unnamed(file).named(&target, &[b"rung", b" = 1\n"], true).unwrap();
        assert!(is_temp_of("ladder.toml", &path.file_name().unwrap().to_string_lossy()));
        assert_eq!(fs::read_to_string(&path).unwrap(), "rung = 1\n");
    }

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

    #[test]
    fn a_killed_save_s_plain_temp_beside_an_encrypted_ladder_goes_once_it_is_old() {
        let dir = tempfile::tempdir().unwrap();
        let make = |name: &str, age: u64| {
            let file = fs::File::create(dir.path().join(name)).unwrap();
            file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(age)).unwrap();
        };
        make(".ladder.toml.ladder-aB3dE9.tmp", 3600);
        make(".ladder.toml.age-recipients.ladder-aB3dE9.tmp", 3600);
        make(".ladder.toml.ladder-yOuNg1.tmp", 1);
        make(".other.toml.ladder-aB3dE9.tmp", 3600);
        remove_stale_temps(&dir.path().join("ladder.toml.age"));
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, [".ladder.toml.ladder-yOuNg1.tmp", ".other.toml.ladder-aB3dE9.tmp"]);
    }
}
