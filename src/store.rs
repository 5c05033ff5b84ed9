//! The ladder file on disk: where it is, reading it, and changing it without ever losing a line.
//!
//! - Reads take no lock: every save is an atomic rename, so a reader sees one whole version.
//! - A change holds an exclusive lock on `.NAME.lock` beside the file for its whole
//!   read-change-write cycle, so parallel commands queue instead of overwriting each other.
//! - A save writes a temp file in the same directory, syncs it and renames it over the file; a
//!   crash at any instant leaves the old file or the new one, never a mix.
//! - A symlinked file stays a symlink: the change goes to its target, with the target's permissions.
//! - Before each save, `.NAME.undo` records how to get the old text back, for `ladder undo`.
//! - A file that does not read cleanly is never written.

use std::env;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::cache::{self, Fingerprint, Layout, Quick};
use crate::edit;
use crate::ladder::{Change, FileError, Ladder};

/// How long a change waits for another `ladder` command to finish before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const UNDO_MAGIC: &str = "ladder-undo 3";
const BOM: &str = "\u{feff}";

/// Where the ladder file is, and why there.
pub struct Location {
    pub path: PathBuf,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    DataDir,
}

impl Source {
    pub fn describe(self) -> &'static str {
        match self {
            Source::Flag => "chosen with --file",
            Source::Env => "chosen by the LADDER_FILE environment variable",
            Source::DataDir => "the default, in your data directory (set LADDER_FILE or pass --file to change it)",
        }
    }
}

/// `--file`, else `LADDER_FILE`, else `ladder/ladder.toml` in the platform's data directory.
pub fn locate(flag: Option<&Path>) -> Result<Location> {
    if let Some(path) = flag {
        return Ok(Location { path: path.to_path_buf(), source: Source::Flag });
    }
    if let Some(path) = env::var_os("LADDER_FILE").filter(|p| !p.is_empty()) {
        return Ok(Location { path: PathBuf::from(path), source: Source::Env });
    }
    let data = dirs::data_dir().context("cannot find your data directory; set LADDER_FILE or pass --file")?;
    Ok(Location { path: data.join("ladder").join("ladder.toml"), source: Source::DataDir })
}

/// The ladder in the file, or `None` when there is no file yet. Creates nothing but a cache snapshot.
pub fn read(path: &Path) -> Result<Option<Ladder>> {
    // On an unchanged file the snapshot answers, and the file is only streamed through the hash.
    match Fingerprint::of_file(path) {
        Ok(file) => {
            if let Some((ladder, _)) = cache::load(path, file) {
                return Ok(Some(ladder));
            }
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) => {} // read_text says what is wrong
    }
    // The snapshot was just found wanting: no need to look again.
    Ok(read_text(path, false)?.map(|text| text.ladder))
}

/// The quick answers for the file, when its snapshot is up to date; `None` means "ask the slow way".
pub fn quick(path: &Path) -> Option<Quick> {
    cache::quick(path, Fingerprint::of_file(path).ok()?)
}

/// The file as read: its text, the ladder in it, and what is known about where text can be added.
struct Text {
    raw: String,
    ladder: Ladder,
    layout: Layout,
}

/// Reads the file, from its snapshot when `check_snapshot` and the snapshot is up to date, else by parsing it
/// (and then keeping a snapshot for next time).
fn read_text(path: &Path, check_snapshot: bool) -> Result<Option<Text>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let file = Fingerprint::of(&bytes);
    let snapshot = if check_snapshot { cache::load(path, file) } else { None };
    let raw = String::from_utf8(bytes).map_err(|err| {
        let line = err.as_bytes()[..err.utf8_error().valid_up_to()].split(|b| *b == b'\n').count();
        anyhow!("{}:{line}: this is not UTF-8 text (a binary file, or saved in another encoding?)", path.display())
    })?;
    if let Some((ladder, layout)) = snapshot {
        return Ok(Some(Text { raw, ladder, layout }));
    }
    let body = split_bom(&raw).1;
    let (ladder, layout) = Ladder::parse_file(body).map_err(|err| located(path, body, &err))?;
    // Read after it changed, so once per hand edit: the snapshot answers until the next one.
    for warning in crate::ladder::unknown_names(body) {
        eprintln!("ladder: warning: {}", located(path, body, &warning));
    }
    cache::save(path, file, &ladder, layout);
    Ok(Some(Text { raw, ladder, layout }))
}

/// A text's byte order mark, if it has one, and the rest.
fn split_bom(raw: &str) -> (&str, &str) {
    match raw.strip_prefix(BOM) {
        Some(body) => (BOM, body),
        None => ("", raw),
    }
}

/// `path:line:column: message: ` followed by the line itself in backticks, all on one line.
fn located(path: &Path, text: &str, err: &FileError) -> anyhow::Error {
    let Some(span) = &err.span else {
        return anyhow!("{}: {}", path.display(), err.message);
    };
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let source: String = text[line_start..line_end].trim().chars().take(80).collect();
    anyhow!("{}:{line}:{column}: {}: `{source}`", path.display(), err.message)
}

/// A ladder opened for a change: locked until dropped.
pub struct Session {
    shown: PathBuf,
    target: PathBuf,
    _lock: File,
    /// The file's text and layout; `None` when there is no file yet.
    text: Option<(String, Layout)>,
    /// The ladder in it (empty when there is no file yet).
    ladder: Ladder,
}

impl Session {
    /// Locks the file (creating its directory if needed) and reads it.
    pub fn open(path: &Path) -> Result<Session> {
        let target = resolve_links(path)?;
        let dir = parent(&target);
        private_dir(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
        let lock = lock(&target)?;
        let (text, ladder) = match read_text(path, true)? {
            Some(Text { raw, ladder, layout }) => (Some((raw, layout)), ladder),
            None => (None, Ladder::default()),
        };
        Ok(Session { shown: path.to_path_buf(), target, _lock: lock, text, ladder })
    }

    pub fn exists(&self) -> bool {
        self.text.is_some()
    }

    /// The ladder as it is now (empty when there is no file yet).
    pub fn ladder(&self) -> &Ladder {
        &self.ladder
    }

    /// Makes `changes` in the file, in order, in one save, and returns the ladder as it now is.
    ///
    /// A single change that can be spliced into the text as it stands (appending to the journal, or a rung
    /// where the last one ended) is, without parsing; otherwise the text is edited in place and must read
    /// back as exactly the intended ladder before it is written.
    pub fn commit(mut self, changes: &[Change], description: &str) -> Result<Ladder> {
        let mut expected = std::mem::take(&mut self.ladder);
        for change in changes {
            expected.apply(change);
        }
        let spliced = match (&self.text, changes) {
            (Some((raw, layout)), [change]) => edit::splice(split_bom(raw).1, change, *layout),
            _ => None,
        };
        match spliced {
            Some((insertion, layout)) => self.insert(&insertion, description, (&expected, layout))?,
            None => self.rewrite(changes, &expected, description)?,
        }
        Ok(expected)
    }

    /// Edits the text the careful way and writes it whole.
    fn rewrite(&self, changes: &[Change], expected: &Ladder, description: &str) -> Result<()> {
        let (bom, body) = self.text.as_ref().map_or(("", ""), |(raw, _)| split_bom(raw));
        let new_file = edit::new_file();
        let body = if self.text.is_none() { new_file.as_str() } else { body };
        let (new_body, layout) = self.edit(body, changes, expected)?;
        self.replace(&format!("{bom}{new_body}"), description, Some((expected, layout)))
    }

    /// The careful way: edit the text in place, then check that it reads back as `expected`.
    fn edit(&self, body: &str, changes: &[Change], expected: &Ladder) -> Result<(String, Layout)> {
        let unsafe_edit = |why: String| {
            anyhow!(
                "cannot make this change to {} without disturbing what is there ({why}); nothing was written",
                self.shown.display()
            )
        };
        let mut new_body = body.to_string();
        for change in changes {
            new_body = edit::apply(&new_body, change).map_err(unsafe_edit)?;
        }
        match Ladder::parse_file(&new_body) {
            Ok((ladder, layout)) if ladder == *expected => Ok((new_body, layout)),
            Ok(_) => Err(unsafe_edit("it would read back differently".into())),
            Err(err) => Err(unsafe_edit(err.message)),
        }
    }

    /// Writes the whole file, first noting in the undo record how to get the old one back.
    pub fn write(&self, new: &str, description: &str) -> Result<()> {
        self.replace(new, description, None)
    }

    /// Writes the whole file, unless it would not change, and the snapshot of the ladder in it, if given.
    fn replace(&self, new: &str, description: &str, snapshot: Option<(&Ladder, Layout)>) -> Result<()> {
        let old = self.text.as_ref().map(|(raw, _)| raw.as_str());
        if old == Some(new) {
            return Ok(());
        }
        self.save(&[new.as_bytes()], UndoRecord::between(old, new, description), snapshot)
    }

    /// Writes the file with `insertion` made to its text (after any byte order mark). The file is written
    /// from its two halves and the new text, and the undo record needs no comparison: nothing the size of
    /// the file is copied in memory.
    fn insert(&self, insertion: &edit::Insertion, description: &str, snapshot: (&Ladder, Layout)) -> Result<()> {
        let raw = self.text.as_ref().map_or("", |(raw, _)| raw.as_str());
        let (before, after) = raw.as_bytes().split_at(split_bom(raw).0.len() + insertion.at);
        let undo = UndoRecord::inserted(before.len(), after.len(), description);
        self.save(&[before, insertion.text.as_bytes(), after], undo, Some(snapshot))
    }

    /// Saves the new text, given in `parts`, and first the undo record for it.
    ///
    /// The snapshot of the new ladder, if given, is written on a second thread meanwhile: a save spends most
    /// of its time waiting for the disk. Until the new text is in place the snapshot matches no file, so
    /// nothing reads it early; should the save fail, it never will.
    fn save(&self, parts: &[&[u8]], mut undo: UndoRecord, snapshot: Option<(&Ladder, Layout)>) -> Result<()> {
        let written = Fingerprint::of_parts(parts);
        undo.written = written.hex();
        thread::scope(|scope| {
            if let Some((ladder, layout)) = snapshot {
                let keep = move || cache::save(&self.shown, written, ladder, layout);
                // Without a second thread, the snapshot is written first: it is only a cache.
                if thread::Builder::new().spawn_scoped(scope, keep).is_err() {
                    keep();
                }
            }
            self.write_with_undo(parts, &undo)
        })
    }

    fn write_with_undo(&self, parts: &[&[u8]], undo: &UndoRecord) -> Result<()> {
        remove_stale_temps(&self.target);
        // Written first: should the save fail, the record no longer matches the file and is refused.
        write_atomic(&sidecar(&self.target, "undo"), &[&undo.to_bytes()], false)
            .with_context(|| format!("cannot save the undo record beside {}", self.shown.display()))?;
        write_atomic(&self.target, parts, true).with_context(|| format!("cannot save {}", self.shown.display()))
    }

    /// Takes back the last change `ladder` made, returning its description.
    pub fn undo(self) -> Result<String> {
        let record_path = sidecar(&self.target, "undo");
        let record = match fs::read(&record_path) {
            Ok(bytes) => UndoRecord::parse(&bytes),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", record_path.display())),
        };
        let Some(record) = record else {
            bail!("nothing to undo: ladder has no record of a change to {}", self.shown.display())
        };
        let current = self.text.as_ref().map_or(&b""[..], |(raw, _)| raw.as_bytes());
        if Fingerprint::of(current).hex() != record.written {
            bail!(
                "{} has changed since ladder's last change (edited by hand?), so undo would lose that; nothing was changed",
                self.shown.display()
            );
        }
        if record.was_absent {
            fs::remove_file(&self.target).with_context(|| format!("cannot remove {}", self.shown.display()))?;
        } else {
            let restored =
                record.restore(current).context("the undo record does not fit the file; nothing was changed")?;
            write_atomic(&self.target, &[&restored], true)
                .with_context(|| format!("cannot save {}", self.shown.display()))?;
        }
        fs::remove_file(&record_path).with_context(|| format!("cannot remove {}", record_path.display()))?;
        Ok(record.description)
    }
}

/// How to turn the text `ladder` wrote back into the text before it: the written text's first `prefix_len`
/// bytes, then `middle`, then its last `suffix_len` bytes. Changes are a few lines, so an append or an
/// inserted rung leaves `middle` empty and the record small, however long the file.
struct UndoRecord {
    description: String,
    /// The fingerprint of the text `ladder` wrote, to tell whether the file is still that text.
    written: String,
    prefix_len: usize,
    suffix_len: usize,
    was_absent: bool,
    middle: Vec<u8>,
}

impl UndoRecord {
    /// The record for a change from `old` to `new`; `written` is filled in once the new text is known whole.
    fn between(old: Option<&str>, new: &str, description: &str) -> UndoRecord {
        let was_absent = old.is_none();
        let old = old.unwrap_or("").as_bytes();
        let new = new.as_bytes();
        let prefix_len = common_prefix(old, new);
        // The suffix may not overlap the prefix in either text.
        let room = old.len().min(new.len()) - prefix_len;
        let suffix_len = common_suffix(&old[prefix_len..], &new[prefix_len..]).min(room);
        UndoRecord {
            description: description.replace('\n', " "),
            written: String::new(),
            prefix_len,
            suffix_len,
            was_absent,
            middle: old[prefix_len..old.len() - suffix_len].to_vec(),
        }
    }

    /// The record for new text inserted between the old text's first `before` and last `after` bytes.
    fn inserted(before: usize, after: usize, description: &str) -> UndoRecord {
        UndoRecord {
            description: description.replace('\n', " "),
            written: String::new(),
            prefix_len: before,
            suffix_len: after,
            was_absent: false,
            middle: Vec::new(),
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        let head = format!(
            "{UNDO_MAGIC}\n{}\n{}\n{} {} {}\n",
            self.description,
            self.written,
            self.prefix_len,
            self.suffix_len,
            u8::from(self.was_absent)
        );
        [head.as_bytes(), &self.middle].concat()
    }

    fn parse(bytes: &[u8]) -> Option<UndoRecord> {
        let mut rest = bytes;
        let mut line = || {
            let end = rest.iter().position(|b| *b == b'\n')?;
            let text = std::str::from_utf8(&rest[..end]).ok()?;
            rest = &rest[end + 1..];
            Some(text)
        };
        if line()? != UNDO_MAGIC {
            return None;
        }
        let description = line()?.to_string();
        let written = line()?.to_string();
        let mut numbers = line()?.split(' ');
        let (prefix_len, suffix_len, was_absent) = (numbers.next()?, numbers.next()?, numbers.next()?);
        Some(UndoRecord {
            description,
            written,
            prefix_len: prefix_len.parse().ok()?,
            suffix_len: suffix_len.parse().ok()?,
            was_absent: was_absent == "1",
            middle: rest.to_vec(),
        })
    }

    /// The text before the change, from the text `ladder` wrote.
    fn restore(&self, written: &[u8]) -> Option<Vec<u8>> {
        let prefix = written.get(..self.prefix_len)?;
        let suffix = written.get(written.len().checked_sub(self.suffix_len)?..)?;
        (self.prefix_len + self.suffix_len <= written.len()).then(|| [prefix, &self.middle, suffix].concat())
    }
}

/// Blocks compared at once when looking for what two texts share: a file can be megabytes.
const BLOCK: usize = 4096;

/// How many bytes `a` and `b` share at the start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let same_blocks = a.chunks_exact(BLOCK).zip(b.chunks_exact(BLOCK)).take_while(|(x, y)| x == y).count();
    let start = same_blocks * BLOCK;
    start + a[start..].iter().zip(&b[start..]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` share at the end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let same_blocks = a.rchunks_exact(BLOCK).zip(b.rchunks_exact(BLOCK)).take_while(|(x, y)| x == y).count();
    let end = same_blocks * BLOCK;
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    end + a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// The file a path finally names, following symlinks even when the target does not exist yet.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).with_context(|| format!("cannot follow {}", current.display()))?;
                current = parent(&current).join(target);
            }
            _ => return Ok(current),
        }
    }
    bail!("{} is a loop of symlinks", path.display())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `.NAME.what` beside the file.
fn sidecar(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    parent(target).join(format!(".{name}.{what}"))
}

fn lock(target: &Path) -> Result<File> {
    let path = sidecar(target, "lock");
    let file = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    let deadline = Instant::now() + LOCK_WAIT;
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => bail!(
                "another ladder command has been changing {} for over {} seconds; try again when it is done",
                target.display(),
                LOCK_WAIT.as_secs()
            ),
            Err(fs::TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
    }
}

/// Writes `bytes` to `target` by renaming a finished temp file over it. `durable` syncs the data and
/// the rename to disk before returning.
fn write_atomic(target: &Path, parts: &[&[u8]], durable: bool) -> io::Result<()> {
    let dir = parent(target);
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // tempfile creates it readable by its owner only, and removes it again on every error path.
    let mut temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
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
    temp.persist(target).map_err(|err| err.error)?;
    if durable {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Writes a file of `ladder`'s own (an export) atomically; a new one is readable by its owner only.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(&resolve_links(path)?, &[bytes], true).with_context(|| format!("cannot write {}", path.display()))
}

/// Whether two paths name the same file, following symlinks; a path that does not exist is no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Temp files left by a save that was killed midway. Only called with the lock held, when no other
/// save can be under way.
fn remove_stale_temps(target: &Path) {
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // The file's own temps, `.NAME.*.tmp`, and its undo record's, `..NAME.undo.*.tmp`.
    let prefixes = [format!(".{name}."), format!("..{name}.undo.")];
    let Ok(entries) = fs::read_dir(parent(target)) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if prefixes.iter().any(|p| file.starts_with(p.as_str())) && file.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn private_options() -> OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = OpenOptions::new();
    options.mode(0o600);
    options
}

#[cfg(not(unix))]
fn private_options() -> OpenOptions {
    OpenOptions::new()
}

/// Creates the folder (and any missing parents) readable by its owner only.
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_record_round_trips_and_restores() {
        let old = "version = 1\n# mine\n";
        let new = "version = 1\n# mine\n\n[[attempt]]\nid = 1\n";
        let mut record = UndoRecord::between(Some(old), new, "recorded attempt 1");
        record.written = Fingerprint::of(new.as_bytes()).hex();
        let record = UndoRecord::parse(&record.to_bytes()).unwrap();
        assert_eq!(record.description, "recorded attempt 1");
        assert_eq!(record.written, Fingerprint::of(new.as_bytes()).hex());
        assert!(record.middle.is_empty(), "an append needs no copy of the old text");
        assert_eq!(record.restore(new.as_bytes()).unwrap(), old.as_bytes());
    }

    #[test]
    fn undo_record_restores_any_change() {
        for (old, new) in [
            ("a\nc\n", "a\nb\nc\n"),
            ("aaaa", "aa"),
            ("aa", "aaaa"),
            ("", "x"),
            ("abc", "xyz"),
            ("a\nb\nb\n", "a\nb\n"),
        ] {
            let record = UndoRecord::between(Some(old), new, "x");
            let record = UndoRecord::parse(&record.to_bytes()).unwrap();
            assert_eq!(record.restore(new.as_bytes()).unwrap(), old.as_bytes(), "{old:?} -> {new:?}");
        }
        let inserted = UndoRecord::between(Some("head\ntail\n"), "head\nnew rung\ntail\n", "x");
        assert!(inserted.middle.is_empty(), "an insertion needs no copy of the old text either");
        let known = UndoRecord::inserted(5, 5, "x");
        assert_eq!((known.prefix_len, known.suffix_len, &known.middle), (5, 5, &inserted.middle));
        assert_eq!(known.restore(b"head\nnew rung\ntail\n").unwrap(), b"head\ntail\n");
    }

    #[test]
    fn the_common_prefix_is_found_across_blocks() {
        let a = "x".repeat(10_000);
        assert_eq!(common_prefix(a.as_bytes(), a.as_bytes()), 10_000);
        let mut b = a.clone().into_bytes();
        b[5_000] = b'y';
        assert_eq!(common_prefix(a.as_bytes(), &b), 5_000);
        assert_eq!(common_prefix(&a.as_bytes()[..4096], a.as_bytes()), 4096);
        assert_eq!(common_prefix(b"", b"abc"), 0);
        assert_eq!(common_prefix(b"abcd", b"abxd"), 2);
        let mut c = a.clone().into_bytes();
        c[1_000] = b'y';
        assert_eq!(common_suffix(a.as_bytes(), &c), 8_999);
        assert_eq!(common_suffix(a.as_bytes(), &a.as_bytes()[1..]), 9_999);
        assert_eq!(common_suffix(b"xabc", b"yabc"), 3);
    }

    #[test]
    fn a_damaged_undo_record_is_no_record() {
        assert!(UndoRecord::parse(b"something else\n").is_none());
        assert!(UndoRecord::parse(b"ladder-undo 3\nx\nabc\nnot numbers\n").is_none());
    }

    #[test]
    fn errors_point_at_the_line() {
        let text = "version = 1\n[[rung]]\nid = 1\nask = 'a'\nstakes = 120\n";
        let err = Ladder::parse(text).unwrap_err();
        let shown = located(Path::new("l.toml"), text, &err).to_string();
        assert!(shown.starts_with("l.toml:5:10: stakes must be"), "{shown}");
        assert!(shown.ends_with("`stakes = 120`"), "{shown}");
    }
}
