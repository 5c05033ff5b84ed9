//! A snapshot of the parsed ladder, so that a command on an unchanged file skips the parse.
//!
//! One snapshot per ladder file, in the user's cache directory, keyed by a hash of the file's exact bytes:
//! a hand edit changes the bytes, so the snapshot stops matching and the file is read afresh. The TOML file
//! is the only truth. A snapshot that is missing, stale, damaged or from another version of `ladder` is not
//! used, and failing to write one is not an error: the next command just parses again.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::thread;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use crate::file::Layout;
use crate::model::Ladder;
use crate::store::format::{LadderDef, attempt_block};
use crate::store::private;

mod early;
mod shown;
pub use early::{Coming, Early, Kept, load_early, save_appended};
use shown::shown_path;
pub use shown::{Shown, keep_shown, shown};

const MAGIC: &[u8; 8] = b"ladsnap\n";
/// Bumped whenever the model's shape changes; `the_snapshot_schema_is_pinned` below says when.
const SCHEMA: u32 = 15;
/// Magic, schema, the program's version, the file's hash and length, the length of the quick answers that
/// follow, and a checksum of the quick answers and of the rest.
const HEAD: usize = MAGIC.len() + 4 + 8 + 16 + 8 + 4 + 8 + 8;
/// Where the two checksums start in the head.
const SUMS: usize = HEAD - 16;
/// Enough to read the head and the quick answers without the rest (an ask is at most 300 characters, of
/// up to 4 bytes, and at most `MORE_STRETCHES + 2` are kept).
const QUICK_READ: usize = 8192;

/// The program's version and build key (a hash of its source, from `build.rs`): a build whose rules changed
/// never answers from a snapshot another build made, even under the same version number.
fn build() -> u64 {
    xxh3_64(concat!(env!("CARGO_PKG_VERSION"), "+", env!("LADDER_BUILD")).as_bytes())
}

/// Answers worked out when the snapshot is made, so that a shell prompt need not read the ladder at all.
/// Only answers that depend on the file alone belong here: what `next` offers changes with the clock only
/// when a rest (see `rules::care`) begins or ends, so the answers kept are for stretches of time between
/// those moments: the one holding the moment the snapshot is made (a prompt is read after it), the few after
/// it, and the last.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quick {
    /// From, until (seconds since 1970; none: the beginning or end of time), and what `ladder next -q` prints
    /// through that stretch: the next ask, if any.
    stretches: Vec<Stretch>,
}

/// Stretches kept after the one holding the moment the snapshot is made, besides the last. Measured on the 10k
/// ladder of `bench/`, whose latest week holds rests: with none, `next -q` read the whole ladder (24 ms, not 2).
pub const MORE_STRETCHES: usize = 3;

/// From, until (seconds since 1970; none: the beginning or end of time), and the next ask through that time.
pub type Stretch = (Option<i64>, Option<i64>, Option<String>);

/// How the command works out the quick answers for a ladder (the store knows nothing of the method), and the
/// moment from which they are wanted (the command's now).
#[derive(Debug, Clone, Copy)]
pub struct Answers {
    pub work_out: fn(&Ladder, chrono::DateTime<chrono::FixedOffset>) -> Quick,
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

impl Quick {
    /// At most `MORE_STRETCHES + 2` stretches, in time order.
    pub fn new(stretches: Vec<Stretch>) -> Quick {
        Quick { stretches }
    }

    /// What `next -q` prints at `now`, when it is known without the ladder: `Some(None)` is "nothing to offer";
    /// `None` means "work it out".
    pub fn at(&self, now: chrono::DateTime<chrono::FixedOffset>) -> Option<Option<&str>> {
        let now = now.timestamp();
        self.stretches
            .iter()
            .find(|(from, until, _)| from.is_none_or(|f| f <= now) && until.is_none_or(|u| now < u))
            .map(|(_, _, next)| next.as_deref())
    }
}

#[derive(Serialize)]
struct SnapshotRef<'a> {
    #[serde(with = "LadderDef")]
    ladder: &'a Ladder,
    layout: Layout,
}

#[derive(Deserialize)]
struct Snapshot {
    #[serde(with = "LadderDef")]
    ladder: Ladder,
    layout: Layout,
}

/// A file's fingerprint: its exact bytes, hashed, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    hash: u128,
    len: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint { hash: xxh3_128(bytes), len: bytes.len() as u64 }
    }

    /// The fingerprint of `parts` one after another, without joining them.
    pub fn of_parts(parts: &[&[u8]]) -> Fingerprint {
        let mut hasher = Xxh3::new();
        for part in parts {
            hasher.update(part);
        }
        Fingerprint { hash: hasher.digest128(), len: parts.iter().map(|p| p.len() as u64).sum() }
    }

    /// The fingerprint of the file at `path`, read in pieces: nothing the size of the file is held.
    pub fn of_file(path: &Path) -> io::Result<Fingerprint> {
        // An encrypted ladder's fingerprint is its plain text's, as the undo history and a save compare it.
        if super::crypt::is_sealed_path(path) {
            let mut bytes = Vec::new();
            crate::store::private::open_regular(path, true)?.read_to_end(&mut bytes)?;
            let plain = super::crypt::open(path, bytes, false)
                .map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err.to_string()))?;
            return Ok(Fingerprint::of(&plain));
        }
        let mut file = crate::store::private::open_regular(path, true)?;
        let mut hasher = Xxh3::new();
        let mut buffer = vec![0; 64 * 1024];
        let mut len = 0;
        loop {
            match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(&buffer[..n]);
                    len += n as u64;
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(Fingerprint { hash: hasher.digest128(), len })
    }

    /// As text, for the undo record.
    pub fn hex(self) -> String {
        format!("{:032x}-{}", self.hash, self.len)
    }

    /// The head of a snapshot of this file, up to the checksums.
    fn head(self, quick_len: u32) -> Vec<u8> {
        let mut head = self.made_by(MAGIC, HEAD);
        head.extend_from_slice(&quick_len.to_le_bytes());
        head
    }

    /// The start of the head of a file of `ladder`'s own about this file (a snapshot, the views kept):
    /// `made_by`, then this fingerprint; room for `len` bytes.
    fn made_by(self, magic: &[u8; 8], len: usize) -> Vec<u8> {
        let mut head = made_by(magic, len);
        head.extend_from_slice(&self.hash.to_le_bytes());
        head.extend_from_slice(&self.len.to_le_bytes());
        head
    }
}

/// The first bytes of the head of a file of `ladder`'s own: its kind, and the schema and build that wrote it;
/// room for `len` bytes.
fn made_by(magic: &[u8; 8], len: usize) -> Vec<u8> {
    let mut head = Vec::with_capacity(len);
    head.extend_from_slice(magic);
    head.extend_from_slice(&SCHEMA.to_le_bytes());
    head.extend_from_slice(&build().to_le_bytes());
    head
}

/// Whether a snapshot's head up to its checksums (`Parts::head`) is that of a snapshot of `file`.
fn is_head_of(head: &[u8], file: Fingerprint) -> bool {
    let quick_len = head.get(SUMS - 4..SUMS).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes);
    quick_len.is_some_and(|quick_len| head == file.head(quick_len))
}

/// What a snapshot or a kept view is checked against: a file's fingerprint, or a `Print` that takes it only
/// when the file's length is that of the text a snapshot or view was made of.
pub trait Sight: Copy {
    /// The file's length.
    fn length(&self) -> u64;
    /// The file's fingerprint; `None` when it cannot be taken.
    fn get(&self) -> Option<Fingerprint>;
}

impl Sight for Fingerprint {
    fn length(&self) -> u64 {
        self.len
    }

    fn get(&self) -> Option<Fingerprint> {
        Some(*self)
    }
}

/// The fingerprint of the file at a path, taken only when it is needed: the file's length is known at once
/// (one `stat`), and a snapshot or a view kept of a text of another length is out of date without reading the
/// file. After a hand edit that adds or takes away bytes, hashing a years-of-use ladder (1.4 MB read in 64 KB
/// pieces) came before the parse could start: 1.1 million instructions and 22 reads.
#[derive(Debug)]
pub struct Print {
    path: PathBuf,
    len: u64,
    taken: OnceLock<Option<Fingerprint>>,
}

impl Print {
    /// The file at `path` (a symlink there is followed), its length known and its bytes not yet read.
    pub fn of_file(path: &Path) -> io::Result<Print> {
        let len = fs::metadata(path)?.len();
        Ok(Print { path: path.to_path_buf(), len, taken: OnceLock::new() })
    }

    /// The fingerprint, if it was taken.
    pub fn taken(&self) -> Option<Fingerprint> {
        self.taken.get().copied().flatten()
    }
}

impl Sight for &Print {
    fn length(&self) -> u64 {
        self.len
    }

    fn get(&self) -> Option<Fingerprint> {
        *self.taken.get_or_init(|| Fingerprint::of_file(&self.path).ok())
    }
}

/// Removes the snapshot of the ladder at `target`, if any (a ladder just encrypted keeps none).
pub fn forget(dir: Option<&Path>, target: &Path) {
    if let Some(dir) = dir {
        let current = snapshot_path(dir, target);
        let _ = fs::remove_file(previous_path(&current));
        let _ = fs::remove_file(shown_path(&current));
        let _ = fs::remove_file(current);
    }
}

/// Where the snapshot of the ladder file at `target` lives in the cache folder `dir`.
fn snapshot_path(dir: &Path, target: &Path) -> PathBuf {
    let name = fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let key = xxh3_64(name.as_os_str().as_encoded_bytes());
    dir.join(format!("{key:016x}.snapshot"))
}

/// Where the snapshot a new one replaced is kept, for `restore`.
fn previous_path(current: &Path) -> PathBuf {
    current.with_extension("previous")
}

/// Makes the snapshot that the last one replaced current again, if it is of exactly the file `file`: after
/// `ladder undo` gives back the text before a change, its snapshot is still there, and the text need not be
/// parsed again nor a snapshot written (undo of a `done` on years of use: 5.2x the save floor, and more memory
/// than the `done`, with the parse). Whether it did.
pub fn restore(dir: Option<&Path>, target: &Path, file: Fingerprint) -> bool {
    let dir = dir.filter(|_| !super::crypt::is_sealed_path(target));
    let Some(dir) = dir.filter(|dir| private::is_private_dir(dir)) else { return false };
    let current = snapshot_path(dir, target);
    let previous = previous_path(&current);
    let Ok(snapshot) = private::open_regular(&previous, false) else { return false };
    let mut head = Vec::with_capacity(HEAD);
    let same = SUMS - 4;
    let matches =
        snapshot.take(HEAD as u64).read_to_end(&mut head).is_ok() && head.get(..same) == Some(&file.head(0)[..same]);
    matches && fs::rename(&previous, &current).is_ok()
}

/// The bytes of the snapshot of `file` (up to `limit`), and the file's fingerprint, if there is one in a folder
/// only the user can change: a snapshot planted by someone else is never read. Its head is read first, so a
/// snapshot of the file as it was before a hand edit (the usual cold read) costs one small read, not the whole
/// snapshot; and when that head is of a text of another length, the file is not hashed either.
fn read_snapshot(
    dir: Option<&Path>,
    target: &Path,
    file: impl Sight,
    limit: Option<usize>,
) -> Option<(Vec<u8>, Fingerprint)> {
    let dir = dir.filter(|dir| private::is_private_dir(dir))?;
    let mut snapshot = private::open_regular(&snapshot_path(dir, target), false).ok()?;
    let mut data = Vec::with_capacity(limit.unwrap_or(HEAD));
    (&mut snapshot).take(HEAD as u64).read_to_end(&mut data).ok()?;
    // Up to the length of the quick answers, which `open` checks: the file's length first.
    let same = SUMS - 4;
    if data.get(same - 8..same) != Some(&file.length().to_le_bytes()[..]) {
        return None;
    }
    let file = file.get()?;
    if data.get(..same) != Some(&file.head(0)[..same]) {
        return None;
    }
    match limit {
        Some(limit) => snapshot.take(limit.saturating_sub(HEAD) as u64).read_to_end(&mut data),
        None => snapshot.read_to_end(&mut data),
    }
    .ok()?;
    Some((data, file))
}

/// A snapshot's parts, once its head says it is a snapshot of `file` by this version of `ladder`.
struct Parts<'a> {
    /// The head up to the checksums: what it is a snapshot of.
    head: &'a [u8],
    quick: &'a [u8],
    quick_sum: u64,
    rest: &'a [u8],
    rest_sum: u64,
}

/// Splits a snapshot's bytes into its quick answers and the rest, if it is a snapshot of `file`. The rest may
/// be cut short when only the start was read; the checksums say whether each part is whole and unchanged.
fn open(data: &[u8], file: Fingerprint) -> Option<Parts<'_>> {
    open_any(data).filter(|parts| parts.is_of(file))
}

/// `open`, whatever file the snapshot is of, as long as this version of `ladder` made it.
fn open_any(data: &[u8]) -> Option<Parts<'_>> {
    let (head, rest) = data.split_at_checked(HEAD)?;
    let quick_len = u32::from_le_bytes(head[SUMS - 4..SUMS].try_into().ok()?);
    let ours = made_by(MAGIC, HEAD);
    if !head.starts_with(&ours) {
        return None;
    }
    let sum = |at: usize| head[at..at + 8].try_into().ok().map(u64::from_le_bytes);
    let (quick, rest) = rest.split_at_checked(usize::try_from(quick_len).ok()?)?;
    Some(Parts { head: &head[..SUMS], quick, quick_sum: sum(SUMS)?, rest, rest_sum: sum(SUMS + 8)? })
}

impl Parts<'_> {
    /// Whether these are the parts of a snapshot of `file`.
    fn is_of(&self, file: Fingerprint) -> bool {
        is_head_of(self.head, file)
    }

    /// Whether the quick answers and the rest are whole and unchanged.
    fn whole(&self) -> bool {
        xxh3_64(self.rest) == self.rest_sum && xxh3_64(self.quick) == self.quick_sum
    }
}

/// The ladder and layout of the file at `target`, if there is a whole, unchanged snapshot of exactly that file.
pub fn load(dir: Option<&Path>, target: &Path, file: impl Sight) -> Option<(Ladder, Layout)> {
    // An encrypted ladder has no snapshot: it would be its plain text on disk.
    let dir = dir.filter(|_| !super::crypt::is_sealed_path(target));
    let (data, file) = read_snapshot(dir, target, file, None)?;
    decode(open(&data, file).filter(Parts::whole)?.rest)
}

/// The rest of a snapshot (after its quick answers): the ladder but its attempts, and the layout, as postcard
/// writes them, then the attempts' block (`attempt_block`), written by hand straight after them.
fn encode(ladder: &Ladder, layout: Layout, room: Vec<u8>) -> postcard::Result<Vec<u8>> {
    let mut rest = postcard::to_extend(&SnapshotRef { ladder, layout }, room)?;
    attempt_block::encode(&ladder.attempts, &mut rest);
    Ok(rest)
}

/// The ladder and layout of `encode`, if that is what `rest` is.
fn decode(rest: &[u8]) -> Option<(Ladder, Layout)> {
    let (mut snapshot, block) = postcard::take_from_bytes::<Snapshot>(rest).ok()?;
    snapshot.ladder.attempts = attempt_block::decode(block)?;
    Some((snapshot.ladder, snapshot.layout))
}

/// The quick answers for the file at `target`, reading only the start of its snapshot.
pub fn quick(dir: Option<&Path>, target: &Path, file: impl Sight) -> Option<Quick> {
    let dir = dir.filter(|_| !super::crypt::is_sealed_path(target));
    let (data, file) = read_snapshot(dir, target, file, Some(QUICK_READ))?;
    let parts = open(&data, file)?;
    (xxh3_64(parts.quick) == parts.quick_sum).then(|| postcard::from_bytes(parts.quick).ok())?
}

/// Keeps a snapshot of `ladder` as the file with fingerprint `file`. Best effort: errors are ignored.
pub fn save(
    dir: Option<&Path>,
    target: &Path,
    file: Fingerprint,
    snapshot: (&Ladder, Layout),
    answers: Option<Answers>,
) {
    let work_out = || {
        let quick = answers.map_or_else(Quick::default, |answers| (answers.work_out)(snapshot.0, answers.at));
        (postcard::to_stdvec(&quick), file)
    };
    keep(dir, target, file.len, &work_out, true, snapshot);
}

/// A snapshot of the ladder just read from a text, written beside the command (`store::read_afresh`). Its
/// quick answers and the text's fingerprint (for the snapshot's key) are worked out by whichever thread comes
/// to them first: the writer, once the rest is encoded, or the command's own thread, once the command is done
/// and it would only wait (`help`). A third thread for them started late, after the encoding, on two cores
/// already busy with the command and the writer.
pub struct Writing {
    dir: PathBuf,
    target: PathBuf,
    raw: String,
    ladder: Arc<Ladder>,
    layout: Layout,
    answers: Option<Answers>,
    worked_out: OnceLock<(postcard::Result<Vec<u8>>, Fingerprint)>,
}

impl std::fmt::Debug for Writing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writing").field("target", &self.target).finish_non_exhaustive()
    }
}

impl Writing {
    /// A snapshot to write of `ladder`, read from the text `raw` of the file at `target`, into the cache
    /// folder `dir`.
    pub fn new(
        dir: PathBuf,
        target: PathBuf,
        raw: String,
        snapshot: (Arc<Ladder>, Layout),
        answers: Option<Answers>,
    ) -> Writing {
        let (ladder, layout) = snapshot;
        Writing { dir, target, raw, ladder, layout, answers, worked_out: OnceLock::new() }
    }

    /// Works out the quick answers and the fingerprint, unless another thread has (or is at it: then waits).
    pub fn help(&self) {
        self.worked_out();
    }

    fn worked_out(&self) -> &(postcard::Result<Vec<u8>>, Fingerprint) {
        self.worked_out.get_or_init(|| {
            let quick =
                self.answers.map_or_else(Quick::default, |answers| (answers.work_out)(&self.ladder, answers.at));
            (postcard::to_stdvec(&quick), Fingerprint::of(self.raw.as_bytes()))
        })
    }

    /// Encodes and writes the snapshot. Best effort: errors are ignored.
    pub fn write(&self) {
        let (ladder, len) = (&*self.ladder, self.raw.len() as u64);
        let work_out = || self.worked_out().clone();
        keep(Some(&self.dir), &self.target, len, &work_out, false, (ladder, self.layout));
    }
}

/// `save`, with the quick answers and the file's fingerprint from `work_out`, on a thread of their own while
/// the rest is encoded when `beside`; `len` is the file's length.
fn keep(
    dir: Option<&Path>,
    target: &Path,
    len: u64,
    work_out: &(dyn Fn() -> (postcard::Result<Vec<u8>>, Fingerprint) + Sync),
    beside: bool,
    snapshot: (&Ladder, Layout),
) {
    let (ladder, layout) = snapshot;
    let dir = dir.filter(|_| !super::crypt::is_sealed_path(target));
    let Some(path) = dir.map(|dir| snapshot_path(dir, target)) else { return };
    // A snapshot is about half the size of its file (years of use: 0.70 MB for 1.40): room for all of it
    // at once, so that megabytes are not copied again each time the buffer grows.
    let encode = || {
        let room = Vec::with_capacity(usize::try_from(len / 3 * 2).unwrap_or(0) + 4096);
        encode(ladder, layout, room)
    };
    // The quick answers are worked out on a thread of their own while the rest is encoded: on years of use
    // they were 3.0 of the 8.9 million instructions of writing a snapshot (callgrind).
    let (quick, rest) = if beside {
        thread::scope(|scope| {
            let quick = thread::Builder::new().spawn_scoped(scope, work_out);
            let rest = encode();
            let quick = match quick {
                Ok(thread) => thread.join().ok(),
                Err(_) => Some(work_out()),
            };
            (quick, rest)
        })
    } else {
        let rest = encode();
        (Some(work_out()), rest)
    };
    let (Some((Ok(quick), file)), Ok(rest)) = (quick, rest) else { return };
    let Ok(quick_len) = u32::try_from(quick.len()) else { return };
    let mut head = file.head(quick_len);
    head.extend_from_slice(&xxh3_64(&quick).to_le_bytes());
    head.extend_from_slice(&xxh3_64(&rest).to_le_bytes());
    let _ = write(&path, &[&head, &quick, &rest]);
}

fn write(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    write_aside(path, parts, true)
}

/// Writes `data` to `path` in the private cache folder, through a temp file; the file it replaces is kept
/// as the previous snapshot when `keep_previous`, else removed.
///
/// Keeping the previous one, the snapshot before it goes, and a file given up costs its pages and blocks
/// freed there and then: renaming over the previous snapshot of a years-of-use ladder (0.7 MB) took 0.75 ms,
/// on the way to the end of a cold read, which waits for its snapshot. So that file is written over instead:
/// moved aside under a temp name (no reader opens it there), its bytes replaced and its length set, then
/// renamed into place as a new one would be. A reader that opened it before it moved aside and reads on
/// meets the checksums of the head (`open`), as it would a damaged snapshot.
fn write_aside(path: &Path, parts: &[&[u8]], keep_previous: bool) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::NotFound)?;
    if !private::private_dir(dir)? {
        return Err(io::ErrorKind::PermissionDenied.into());
    }
    remove_abandoned(dir);
    let reused = keep_previous.then(|| reuse(dir, &previous_path(path), parts)).and_then(Result::ok);
    let temp = if let Some(temp) = reused {
        temp
    } else {
        let mut temp = tempfile::Builder::new().prefix(".snapshot.").tempfile_in(dir)?;
        for part in parts {
            temp.write_all(part)?;
        }
        temp
    };
    // Renaming over an existing file makes ext4 start writing the new one to disk at once (its guard for
    // files saved without fsync), which a cache does not need: the old snapshot moves aside first, kept for
    // an undo (`restore`). A reader in between finds no snapshot, and parses.
    let _ = if keep_previous { fs::rename(path, previous_path(path)) } else { fs::remove_file(path) };
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The file at `previous`, moved aside to a temp name in `dir` (only where nothing is there yet) and written
/// over with `parts`; on any failure the temp name is removed, and the caller writes a new file.
fn reuse(dir: &Path, previous: &Path, parts: &[&[u8]]) -> io::Result<tempfile::NamedTempFile> {
    let temp = tempfile::Builder::new().prefix(".snapshot.").make_in(dir, |temp| {
        move_to_new(previous, temp)?;
        let mut options = OpenOptions::new();
        options.write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW;
            options.custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
        }
        // Not left behind when it cannot be written over (a symlink, say).
        options.open(temp).inspect_err(|_| drop(fs::remove_file(temp)))
    })?;
    let mut file = temp.as_file();
    let meta = file.metadata()?;
    // Never written through to another name of the same file (a hard link planted beside).
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) != 1 {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    if !meta.is_file() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    // New under its temp name: an old time would make it look abandoned to another process's clean-up.
    file.set_modified(std::time::SystemTime::now())?;
    let mut len = 0;
    for part in parts {
        file.write_all(part)?;
        len += part.len() as u64;
    }
    file.set_len(len)?;
    Ok(temp)
}

/// Renames `from` to `to`, where nothing is yet: an error if something is (or where that cannot be asked for).
fn move_to_new(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE).map_err(io::Error::from)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (from, to);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Temp files of snapshots whose writer was killed midway. Snapshots are written without a lock, so only
/// old ones go: a young one may be another command's, about to be renamed into place.
fn remove_abandoned(dir: &Path) {
    const ABANDONED: std::time::Duration = std::time::Duration::from_secs(600);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let old =
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age > ABANDONED));
        if old && entry.file_name().to_string_lossy().starts_with(".snapshot.") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::Journal;
    use crate::model::{Attempt, Forgotten, Gift, Hesitation, MovedId, Outcome, Rung};
    use chrono::{DateTime, FixedOffset, NaiveDate};

    fn sample() -> Ladder {
        let at = DateTime::parse_from_rfc3339("2026-11-22T09:30:00-05:00").unwrap();
        let odd = DateTime::parse_from_rfc3339("2026-11-22T10:00:00.5+01:00").unwrap();
        let odd = odd.with_timezone(&FixedOffset::east_opt(3600 + 30).unwrap());
        Ladder {
            rungs: vec![Rung {
                who: Some("Sam".into()),
                tags: vec!["work".into()],
                created: NaiveDate::from_ymd_opt(2026, 11, 21),
                fear: Some("a".into()),
                chance: Some(30),
                planned: NaiveDate::from_ymd_opt(2026, 12, 1),
                place: Some("b".into()),
                uid: "rungthree".into(),
                ..Rung::new(3, "Ask", 40)
            }],
            attempts: vec![Attempt {
                id: 1,
                uid: "attemptone".into(),
                rung: 3,
                at,
                outcome: Outcome::NoAnswer,
                before: Some(50),
                after: None,
                note: Some("n".into()),
                fear_happened: Some(false),
                thanked: Some(true),
                learned: Some("asking was fine".into()),
                used: vec!["texting".into()],
                dropped: vec!["apologising".into()],
                peak: Some(70),
                expected: crate::model::Expectancy {
                    likely_before: Some(60),
                    bad_before: Some(80),
                    likely_after: Some(10),
                    bad_after: None,
                },
                how: Some(crate::model::How::Phone),
            }],
            hesitations: vec![Hesitation {
                id: 1,
                uid: "held".into(),
                at: odd,
                text: "t".into(),
                story: None,
                stakes: Some(5),
                rung: Some(3),
            }],
            gifts: vec![Gift { id: 1, uid: "gift".into(), at, to: "Sam".into(), text: "g".into() }],
            last_rung_id: 4,
            last_attempt_id: 2,
            forgotten: vec![Forgotten { uid: "gone".into(), on: NaiveDate::from_ymd_opt(2026, 11, 22) }],
            moved: vec![MovedId { what: "rung".into(), from: 2, to: 3, on: NaiveDate::from_ymd_opt(2026, 11, 22) }],
            ..Ladder::default()
        }
    }

    #[test]
    fn only_old_abandoned_temp_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let make = |name: &str, age: u64| {
            let file = fs::File::create(dir.path().join(name)).unwrap();
            let then = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
            file.set_modified(then).unwrap();
        };
        make(".snapshot.old", 3600);
        make(".snapshot.young", 5);
        make("0123456789abcdef.snapshot", 3600);
        remove_abandoned(dir.path());
        let mut left: Vec<String> =
            fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, [".snapshot.young", "0123456789abcdef.snapshot"]);
    }

    #[test]
    fn the_snapshot_a_change_replaced_comes_back_for_its_own_text_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        private::create_private_dir(&cache).unwrap();
        let target = dir.path().join("ladder.toml");
        let (before, after) = (Fingerprint::of(b"before"), Fingerprint::of(b"after"));
        let mut changed = sample();
        changed.rungs.truncate(1);
        save(Some(&cache), &target, before, (&sample(), Layout::default()), None);
        save(Some(&cache), &target, after, (&changed, Layout::default()), None);
        assert!(load(Some(&cache), &target, before).is_none(), "replaced");
        assert!(!restore(Some(&cache), &target, Fingerprint::of(b"other")), "not the text it was of");
        assert!(load(Some(&cache), &target, after).is_some(), "and the current one is left alone");
        assert!(restore(Some(&cache), &target, before));
        assert_eq!(load(Some(&cache), &target, before).map(|(l, _)| l), Some(sample()));
        assert!(!restore(Some(&cache), &target, after), "once only: the replaced one is gone");
    }

    /// A new snapshot is written over the file of the one before the last, moved aside first: the one it
    /// replaces is kept whole for `restore`, a longer old file is cut to length, and a `.previous` that is
    /// not a regular file is never written through.
    #[cfg(unix)]
    #[test]
    fn a_snapshot_is_written_over_the_one_before_the_last() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        private::create_private_dir(&cache).unwrap();
        let target = dir.path().join("ladder.toml");
        let current = snapshot_path(&cache, &target);
        let mut big = sample();
        big.rungs[0].ask = "Ask ".repeat(5000);
        let prints = [Fingerprint::of(b"one"), Fingerprint::of(b"two"), Fingerprint::of(b"three")];
        save(Some(&cache), &target, prints[0], (&big, Layout::default()), None);
        let first = fs::metadata(&current).unwrap().ino();
        save(Some(&cache), &target, prints[1], (&sample(), Layout::default()), None);
        save(Some(&cache), &target, prints[2], (&sample(), Layout::default()), None);
        assert_eq!(fs::metadata(&current).unwrap().ino(), first, "the first one's file, written over");
        assert!(fs::metadata(&current).unwrap().len() < 20_000, "and cut to length");
        assert_eq!(load(Some(&cache), &target, prints[2]).map(|(l, _)| l), Some(sample()));
        assert!(restore(Some(&cache), &target, prints[1]), "the one it replaced is kept");
        assert_eq!(load(Some(&cache), &target, prints[1]).map(|(l, _)| l), Some(sample()));
        let names = fs::read_dir(&cache).unwrap().count();
        assert_eq!(names, 1, "no temp file left behind");

        let outside = dir.path().join("outside");
        fs::write(&outside, "mine").unwrap();
        std::os::unix::fs::symlink(&outside, previous_path(&current)).unwrap();
        save(Some(&cache), &target, prints[0], (&sample(), Layout::default()), None);
        assert_eq!(fs::read_to_string(&outside).unwrap(), "mine");
        assert_eq!(load(Some(&cache), &target, prints[0]).map(|(l, _)| l), Some(sample()));
        assert_eq!(fs::read_dir(&cache).unwrap().count(), 2, "the snapshot and the one it replaced, nothing else");

        // Nor through a hard link to a file elsewhere.
        fs::remove_file(previous_path(&current)).unwrap();
        fs::hard_link(&outside, previous_path(&current)).unwrap();
        save(Some(&cache), &target, prints[1], (&big, Layout::default()), None);
        assert_eq!(fs::read_to_string(&outside).unwrap(), "mine");
        assert_eq!(load(Some(&cache), &target, prints[1]).map(|(l, _)| l), Some(big));
    }

    #[test]
    fn a_file_of_another_length_than_its_snapshot_s_text_is_not_hashed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        private::create_private_dir(&cache).unwrap();
        let target = dir.path().join("ladder.toml");
        fs::write(&target, "one").unwrap();
        save(Some(&cache), &target, Fingerprint::of(b"one"), (&sample(), Layout::default()), None);
        let print = Print::of_file(&target).unwrap();
        assert_eq!(load(Some(&cache), &target, &print).map(|(l, _)| l), Some(sample()));
        assert_eq!(print.taken(), Some(Fingerprint::of(b"one")));
        fs::write(&target, "one, edited").unwrap();
        let print = Print::of_file(&target).unwrap();
        assert!(load(Some(&cache), &target, &print).is_none() && quick(Some(&cache), &target, &print).is_none());
        assert_eq!(print.taken(), None, "out of date by its length alone");
        fs::write(&target, "two").unwrap();
        let print = Print::of_file(&target).unwrap();
        assert!(load(Some(&cache), &target, &print).is_none(), "as many bytes, but others");
        assert_eq!(print.taken(), Some(Fingerprint::of(b"two")));
    }

    #[test]
    fn a_snapshot_round_trips_exactly() {
        let snapshot = Snapshot {
            ladder: sample(),
            layout: Layout {
                rung_end: Some(7),
                journal: Journal { attempt: true, hesitation: false, gave: true },
                current: true,
            },
        };
        let bytes = encode(&snapshot.ladder, snapshot.layout, Vec::new()).unwrap();
        let (ladder, layout) = decode(&bytes).unwrap();
        assert_eq!(ladder, snapshot.ladder);
        assert_eq!(layout, snapshot.layout);
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
    }

    /// If this fails, the model changed shape: bump `SCHEMA` so old snapshots are not misread, then update
    /// the fingerprint here.
    #[test]
    fn the_snapshot_schema_is_pinned() {
        let bytes = encode(&sample(), Layout::default(), Vec::new()).unwrap();
        assert_eq!((SCHEMA, format!("{:016x}", xxh3_64(&bytes))), (15, "60abb438379ba47c".to_string()));
    }

    #[test]
    fn a_snapshot_is_read_only_for_the_file_it_was_made_from() {
        let file = Fingerprint::of(b"some text");
        let data = {
            let quick = postcard::to_stdvec(&Quick { stretches: vec![(None, None, Some("Ask".into()))] }).unwrap();
            let body = encode(&sample(), Layout::default(), Vec::new()).unwrap();
            let sums = [xxh3_64(&quick).to_le_bytes(), xxh3_64(&body).to_le_bytes()].concat();
            [file.head(u32::try_from(quick.len()).unwrap()), sums, quick, body].concat()
        };
        assert!(open(&data, file).is_some());
        assert!(open(&data, Fingerprint::of(b"some text!")).is_none());
        assert!(open(&data, Fingerprint::of(b"other text")).is_none());
        assert!(open(&data[..HEAD - 1], file).is_none());
        let mut other_version = data.clone();
        other_version[MAGIC.len() + 4] ^= 1;
        assert!(open(&other_version, file).is_none(), "another release's snapshot");
    }

    #[test]
    fn a_text_in_parts_has_the_fingerprint_of_the_whole() {
        let whole = "ab".repeat(300_000);
        let (a, b) = whole.as_bytes().split_at(123_457);
        assert_eq!(Fingerprint::of_parts(&[a, b"", b]), Fingerprint::of(whole.as_bytes()));
        assert_ne!(Fingerprint::of_parts(&[a]), Fingerprint::of(whole.as_bytes()));
    }
}
