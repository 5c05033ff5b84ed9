//! The ladder file on disk: where it is, reading it, and changing it without ever losing a line.
//!
//! - Reads take no lock: every save is an atomic rename, so a reader sees one whole version.
//! - A change holds an exclusive lock on `.NAME.lock` beside the file for its whole
//!   read-change-write cycle, so parallel commands queue instead of overwriting each other.
//! - A save writes a temp file in the same directory, syncs it and renames it over the file; a
//!   crash at any instant leaves the old file or the new one, never a mix. Just before the rename, the
//!   file on disk must still be the bytes that were read: an editor saving in place meanwhile is never
//!   overwritten with what was read before it finished.
//! - A symlinked file stays a symlink: the change goes to its target, with the target's permissions.
//! - Each save first adds a record to the undo history (`history.rs`); a save that fails takes it back.
//! - A file that does not read cleanly is never written, and only regular files are read or written.

pub mod cache;
pub mod copies;
pub mod crypt;
pub mod exported;
mod fold;
pub(crate) mod format;
mod history;
pub mod hooks;
mod lock;
pub mod nudged;
pub mod private;
mod recording;
pub mod reported;
mod save;
mod session;
mod state;
mod undo;

use std::env;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use crate::error::{At, Bad, Context, Doing, Error, Result, Store};
use crate::file::FileError;
use crate::file::Layout;
use crate::model::Ladder;
pub use crate::model::Source;
use crate::model::merged::{Dropped, Merges, Moved};
use cache::{Fingerprint, Print, Quick};

use fold::Fold;
use history::History;
use lock::lock;
use private::private_options;
pub use recording::Recording;
pub use save::write_private;
use save::{remove_stale_temps, write_atomic};
pub use session::Session;
pub use undo::{Past, Taken, Undoable, Undone, history, undo};

const BOM: &str = "\u{feff}";

/// Something the store did that the person should hear of. The store never prints: `output` says these.
#[derive(Debug)]
pub enum Notice {
    /// A name in the file that `ladder` does not know, located in the file (an `Error::BadFile`).
    Unknown(Error),
    /// Conflict copies (their file names) left beside the ladder, not folded in, and why.
    NotFolded { names: Vec<String>, why: Error },
    /// A conflict copy that could not be merged, left where it is, and why.
    CopyLeft { name: String, why: Error },
    /// An entry given a new ID by a fold.
    Moved(Moved),
    /// A change the other device made to an entry forgotten here (or there), dropped with it by a fold.
    Dropped(Dropped),
    /// A copy folded in that could not be moved to `dir`, and whether it is still beside the ladder.
    NotPutAway { name: String, dir: PathBuf, why: Error, still: bool },
    /// Copies folded into the ladder at `into` and moved to `dir`.
    Folded { names: Vec<String>, into: PathBuf, dir: PathBuf },
    /// A plain conflict copy folded into an encrypted ladder, kept encrypted in `ladder-merged/` as `kept`.
    CopyEncrypted { name: String, kept: String },
    /// Copies folded in with no base, as a union: those named, or all of them (`None`).
    Union(Option<Vec<String>>),
    /// A change saved without a record in the undo history, and why.
    NotUndoable(String),
    /// Keys in an encrypted ladder's recipients file (`file`) that this device has not confirmed: changes are
    /// refused until they are confirmed or taken out. Told once, by a command that only reads.
    KeysUnconfirmed { file: PathBuf, keys: Vec<String> },
}

/// What the store's calls did, for the caller that made the `Location`: what to tell the person, whether a
/// change was saved (so that a later failure, a full or closed standard output, is not reported as "nothing
/// was changed"), and the snapshots still being written on a second thread (`read_afresh`).
#[derive(Debug, Default)]
pub struct Happened {
    notices: Mutex<Vec<Notice>>,
    saved: AtomicBool,
    writing: Mutex<Vec<(thread::JoinHandle<()>, Arc<cache::Writing>)>>,
    /// What is being put away on threads of its own once a save is done (`later`).
    later: Mutex<Vec<thread::JoinHandle<()>>>,
    /// Each change saved (for the `on-change` hook).
    changes: Mutex<Vec<Saved>>,
}

/// A change saved, for the `on-change` hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// A change, as the undo history describes it.
    Change(String),
    /// Changes taken back by one undo, each as the undo history describes it, in the order taken back, and the
    /// entries they name that a merge renumbered since (see `Undone::renumbered`).
    Undid(Vec<String>, Vec<crate::model::merged::Renumbered>),
    /// Conflict copies folded in, with no change of the command's own.
    Fold,
}

impl Happened {
    fn note(&self, notice: Notice) {
        self.notices.lock().unwrap_or_else(PoisonError::into_inner).push(notice);
    }

    fn saved_now(&self) {
        self.saved.store(true, Ordering::Relaxed);
    }

    /// Notes a change saved.
    fn changed(&self, saved: Saved) {
        self.changes.lock().unwrap_or_else(PoisonError::into_inner).push(saved);
    }

    /// The changes saved and not taken yet.
    pub fn changes(&self) -> Vec<Saved> {
        std::mem::take(&mut *self.changes.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Whether a change to the ladder file was saved.
    pub fn saved(&self) -> bool {
        self.saved.load(Ordering::Relaxed)
    }

    /// The notices not taken yet, in the order they happened.
    pub fn notices(&self) -> Vec<Notice> {
        std::mem::take(&mut *self.notices.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Waits for the snapshots still being written, so that the process never ends halfway through one,
    /// working out their quick answers meanwhile unless their writer has (`cache::Writing::help`). Called
    /// once the command is done, before the process ends.
    pub fn wait(&self) {
        let writing = std::mem::take(&mut *self.writing.lock().unwrap_or_else(PoisonError::into_inner));
        for (thread, snapshot) in writing {
            snapshot.help();
            let _ = thread.join();
        }
        for thread in std::mem::take(&mut *self.later.lock().unwrap_or_else(PoisonError::into_inner)) {
            let _ = thread.join();
        }
    }

    /// Drops `done` (the file a save replaced, removed and still open, whose blocks its closing frees, or the
    /// text the save was made from) on a thread of its own, while the command goes on to say what it did; `wait`
    /// waits for it. Without a thread, at once (the thread's work is dropped with it). On years of use, freeing
    /// the replaced file took 0.45-0.5 ms of a `done`, freeing the text read 0.2 (strace).
    fn later(&self, done: impl Send + 'static) {
        if let Ok(thread) = thread::Builder::new().spawn(move || drop(done)) {
            self.later.lock().unwrap_or_else(PoisonError::into_inner).push(thread);
        }
    }
}

/// A new entry's uid, from the operating system's random source (50 random bits).
pub fn new_uid() -> String {
    let mut bytes = [0u8; 8];
    // Without a random source (never seen in practice) the clock and the process stand in: still unique
    // enough for one person's ladder.
    if getrandom::fill(&mut bytes).is_err() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        bytes =
            xxhash_rust::xxh3::xxh3_64(format!("{}{}", now.as_nanos(), std::process::id()).as_bytes()).to_le_bytes();
    }
    crate::model::uid::encode(u64::from_le_bytes(bytes))
}

/// Where the ladder file is, and why there; and the folders for `ladder`'s own files about it.
pub struct Location {
    pub path: PathBuf,
    pub source: Source,
    pub places: Places,
    /// What the store's calls on this ladder did.
    pub happened: Arc<Happened>,
    /// How the quick answers kept in a snapshot are worked out (`cache::Quick`); none: none are kept.
    pub answers: Option<cache::Answers>,
    /// The three-way merge and revert (`rules::merge::MERGES`), handed in as the store may not import `rules`:
    /// folding conflict copies and undoing onto a changed file need them (refused without).
    pub merges: Option<Merges>,
}

/// The folders `ladder` keeps its own files in: snapshots (a cache) and the undo history (state). Either may
/// be missing on a system without one; `ladder` then works without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub cache: Option<PathBuf>,
    pub state: Option<PathBuf>,
}

impl Places {
    /// `$XDG_CACHE_HOME/ladder` and `$XDG_STATE_HOME/ladder`, or the platform's equivalents.
    pub fn from_env() -> Places {
        Places {
            cache: dirs::cache_dir().map(|d| d.join("ladder")),
            // Where there is no state directory (macOS, Windows), not the data folder the ladder itself is in.
            state: dirs::state_dir()
                .map(|d| d.join("ladder"))
                .or_else(|| dirs::data_local_dir().map(|d| d.join("ladder-state"))),
        }
    }
}

/// `--file`, else `LADDER_FILE`, else `ladder/ladder.toml` in the platform's data directory.
pub fn locate(flag: Option<&Path>) -> Result<Location> {
    let places = Places::from_env();
    if let Some(path) = flag {
        return Ok(Location {
            path: sealed_instead(path)?,
            source: Source::Flag,
            places,
            happened: Arc::default(),
            answers: None,
            merges: None,
        });
    }
    if let Some(path) = env::var_os("LADDER_FILE").filter(|p| !p.is_empty()) {
        return Ok(Location {
            path: sealed_instead(Path::new(&path))?,
            source: Source::Env,
            places,
            happened: Arc::default(),
            answers: None,
            merges: None,
        });
    }
    let data = dirs::data_dir().ok_or(Store::NoDataDir)?;
    Ok(Location {
        path: sealed_instead(&data.join("ladder").join("ladder.toml"))?,
        source: Source::DataDir,
        places,
        happened: Arc::default(),
        answers: None,
        merges: None,
    })
}

/// The encrypted ladder `x.toml.age` when `path` names `x.toml` and only the encrypted one is there (see
/// `crypt.rs`); else `path` itself. When both are there, which one is the ladder is not guessed.
fn sealed_instead(path: &Path) -> Result<PathBuf> {
    let there = |p: &Path| fs::symlink_metadata(p).is_ok();
    if crypt::is_sealed_path(path) {
        // Named, but decrypted since: said, rather than read as an empty ladder (or a change refused as a race).
        let plain = crypt::plain_path(path);
        if !there(path) && there(&plain) {
            return Err(Store::PlainNow { sealed: path.to_path_buf(), plain }.into());
        }
        return Ok(path.to_path_buf());
    }
    let sealed = crypt::sealed_path(path);
    match (there(path), there(&sealed)) {
        (false, true) => Ok(sealed),
        (true, true) => Err(Store::BothThere { plain: path.to_path_buf(), sealed }.into()),
        _ => Ok(path.to_path_buf()),
    }
}

/// The ladder in the file, or `None` when there is no file yet. Creates nothing but a cache snapshot.
pub fn read(location: &Location) -> Result<Option<Arc<Ladder>>> {
    let (path, cache) = (&location.path, location.places.cache.as_deref());
    // An encrypted ladder keeps no snapshot: its fingerprint would decrypt it once for nothing.
    if crypt::is_sealed_path(path) {
        return read_afresh(location);
    }
    // On an unchanged file the snapshot answers, and the file is only streamed through the hash (and not
    // even that when the snapshot is of a text of another length).
    match Print::of_file(path) {
        Ok(file) => {
            if let Some((ladder, _)) = cache::load(cache, path, &file) {
                return Ok(Some(Arc::new(ladder)));
            }
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) => {} // read_afresh says what is wrong
    }
    // The snapshot was just found wanting: no need to look again.
    read_afresh(location)
}

/// What a read command finds before it reads the ladder: what it printed before for the file as it is now,
/// or the file's fingerprint (when its length could be taken; its bytes are hashed only when needed) for
/// `read_known`.
pub enum Seen {
    Shown(cache::Shown),
    Unseen(Option<Print>),
}

/// What the command `view` printed for the file as it is now, when it holds at `at` (see `cache::shown`). An
/// encrypted ladder keeps nothing of the kind.
pub fn shown(location: &Location, view: &str, at: chrono::DateTime<chrono::FixedOffset>) -> Seen {
    let (path, cache) = (&location.path, location.places.cache.as_deref());
    if crypt::is_sealed_path(path) {
        return Seen::Unseen(None);
    }
    let Ok(file) = Print::of_file(path) else { return Seen::Unseen(None) };
    match cache::shown(cache, path, &file, view, at.timestamp(), at.offset().local_minus_utc()) {
        Some(shown) => Seen::Shown(shown),
        None => Seen::Unseen(Some(file)),
    }
}

/// `read`, for a file whose fingerprint `shown` just took (or would have, had it been needed): the ladder, and
/// the fingerprint of exactly the text it is of when it came from that text's snapshot (a ladder parsed afresh
/// may be of a newer text).
pub fn read_known(location: &Location, file: Option<Print>) -> Result<(Option<Arc<Ladder>>, Option<Fingerprint>)> {
    if let Some(file) = file
        && let Some((ladder, _)) = cache::load(location.places.cache.as_deref(), &location.path, &file)
    {
        return Ok((Some(Arc::new(ladder)), file.taken()));
    }
    Ok((read_afresh(location)?, None))
}

/// Keeps what a read command printed for the file with fingerprint `file` (see `cache::keep_shown`).
pub fn keep_shown(location: &Location, file: Fingerprint, shown: cache::Shown) {
    cache::keep_shown(location.places.cache.as_deref(), &location.path, file, shown);
}

/// The ladder in the file, read from its text without looking for a snapshot: for when `quick` has just found
/// the snapshot out of date (after a hand edit), so that the file is not read and hashed once more to learn
/// it again.
///
/// The snapshot of a text just parsed is written on a second thread while the command goes on (`wait`
/// lets it finish before the process ends): writing it was a tenth of a cold read of the years-of-use ladder.
/// So the ladder is shared with that thread until it is done.
pub fn read_afresh(location: &Location) -> Result<Option<Arc<Ladder>>> {
    let path = &location.path;
    let Some(raw) = read_raw(path)? else { return Ok(None) };
    if crypt::is_sealed_path(path) {
        tell_unconfirmed(location);
    }
    let (ladder, layout) = parse(path, &raw, &location.happened)?;
    let ladder = Arc::new(ladder);
    // An encrypted ladder keeps no snapshot (its plain text on disk): nothing to work out for one.
    if let Some(cache) = location.places.cache.clone().filter(|_| !crypt::is_sealed_path(path)) {
        // The text is hashed beside it too, for the snapshot's key: the command does not wait for that either.
        let shared = (Arc::clone(&ladder), layout);
        let snapshot = Arc::new(cache::Writing::new(cache, path.clone(), raw, shared, location.answers));
        let writer = Arc::clone(&snapshot);
        // Should no thread start, there is no snapshot this time, and the next command parses again.
        if let Ok(writing) = thread::Builder::new().spawn(move || writer.write()) {
            location.happened.writing.lock().unwrap_or_else(PoisonError::into_inner).push((writing, snapshot));
        }
    }
    Ok(Some(ladder))
}

/// Tells, once, of keys in the encrypted ladder's recipients file that this device has not confirmed: a command
/// that only reads goes on, and a change is refused until they are confirmed (`Session::open`).
fn tell_unconfirmed(location: &Location) {
    let path = &location.path;
    let (Some(state), Ok(crypt::Recipients::Keys(keys))) = (&location.places.state, crypt::recipients_of(path)) else {
        return;
    };
    let target = resolve_links(path).unwrap_or_else(|_| path.clone());
    let keys = crypt::unconfirmed(state, &target, &keys);
    if !keys.is_empty() && crypt::tell_once(state, &target, &keys) {
        location.happened.note(Notice::KeysUnconfirmed { file: crypt::recipients_path(path), keys });
    }
}

/// The conflict copies waiting beside the ladder to be folded in (see `copies.rs`), in name order.
pub fn waiting_copies(location: &Location) -> Vec<PathBuf> {
    resolve_links(&location.path).map(|target| copies::find(&target)).unwrap_or_default()
}

/// The quick answers for the file, when its snapshot is up to date; `None` means "ask the slow way". Whether
/// they hold at a given moment is `Quick::at`.
pub fn quick(location: &Location) -> Option<Quick> {
    let path = &location.path;
    // An encrypted ladder keeps no snapshot (see `read`).
    if crypt::is_sealed_path(path) {
        return None;
    }
    cache::quick(location.places.cache.as_deref(), path, &Print::of_file(path).ok()?)
}

/// The file as read: its text, its fingerprint, the ladder in it, and where text can be added.
struct Text {
    raw: String,
    file: Fingerprint,
    ladder: Ladder,
    layout: Layout,
}

/// Reads the file, from its snapshot when the snapshot is up to date, else by parsing it (and then keeping a
/// snapshot for next time, before the session goes on: a session changes the file, so it waits for the disk
/// anyway).
/// With `coming`, the attempts of a ladder read from its snapshot are decoded on a thread of their own, and
/// its `ladder` has none until they are put in (`Session::complete`).
fn read_text(location: &Location, coming: bool) -> Result<Option<(Text, Option<cache::Coming>)>> {
    let (path, cache) = (&location.path, location.places.cache.as_deref());
    let early = if coming { cache::load_early(cache, path) } else { None };
    let Some(raw) = read_raw(path)? else { return Ok(None) };
    let file = Fingerprint::of(raw.as_bytes());
    if let Some((ladder, layout, attempts)) = early.and_then(|early| early.of(file)) {
        return Ok(Some((Text { raw, file, ladder, layout }, Some(attempts))));
    }
    text_of(location, raw, file).map(|text| Some((text, None)))
}

/// The ladder in `raw`, the text just read from the file (its fingerprint `file`), as `read_text` finds it.
fn text_of(location: &Location, raw: String, file: Fingerprint) -> Result<Text> {
    let (path, cache) = (&location.path, location.places.cache.as_deref());
    if let Some((ladder, layout)) = cache::load(cache, path, file) {
        return Ok(Text { raw, file, ladder, layout });
    }
    let (ladder, layout) = parse(path, &raw, &location.happened)?;
    cache::save(cache, path, file, (&ladder, layout), location.answers);
    Ok(Text { raw, file, ladder, layout })
}

/// The text of the regular file at `path` (a symlink to one is followed), or `None` when there is no file
/// there. A FIFO, a device or a folder is refused in words that name it, as is a file that is not UTF-8.
pub fn read_raw(path: &Path) -> Result<Option<String>> {
    Ok(read_plain(path, false)?.map(|(raw, _)| raw))
}

/// The plain text of the file at `path`, decrypted if it is an age file whatever its name (git's temp files,
/// for the merge driver and `ladder show-plain`), and whether it was encrypted.
pub fn read_any(path: &Path) -> Result<Option<(String, bool)>> {
    read_plain(path, true)
}

fn read_plain(path: &Path, any_name: bool) -> Result<Option<(String, bool)>> {
    let bytes = match read_regular(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) if err.kind() == io::ErrorKind::InvalidInput => return Err(err.into()),
        Err(err) => return Err(err).doing_with(|| Doing::Read(path.to_path_buf())),
    };
    let sealed = crypt::is_sealed(&bytes);
    let bytes = crypt::open(path, bytes, any_name)?;
    let raw = String::from_utf8(bytes).map_err(|err| not_utf8(path, err.as_bytes(), err.utf8_error().valid_up_to()))?;
    Ok(Some((raw, sealed)))
}

/// Bytes that are not UTF-8 from `at` on, said as any mistake in the file is: the line and the column of the
/// first bad byte, and the line quoted, each byte that is not text shown as `\xff`.
fn not_utf8(path: &Path, bytes: &[u8], at: usize) -> Error {
    let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line_end = bytes[at..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| at + i);
    let line = String::from_utf8_lossy(&bytes[..at]).matches('\n').count() + 1;
    // The bytes before `at` are valid UTF-8.
    let column = String::from_utf8_lossy(&bytes[line_start..at]).chars().count() + 1;
    let mut source = String::new();
    for chunk in bytes[line_start..line_end].utf8_chunks() {
        source.push_str(chunk.valid());
        source.extend(chunk.invalid().iter().map(|b| format!("\\x{b:02x}")));
    }
    let source: String = source.trim().chars().take(80).collect();
    Error::BadFile { path: path.to_path_buf(), at: Some(At { line, column, source }), why: Bad::NotUtf8 }
}

/// The ladder in the text of the file at `path`, and its layout. Names `ladder` does not know are warned about
/// here: read after the file changed, so once per hand edit, as the snapshot answers until the next one.
fn parse(path: &Path, raw: &str, happened: &Happened) -> Result<(Ladder, Layout)> {
    let body = split_bom(raw).1;
    // One byte order mark is an editor's; a second would be stripped by the parser, unseen, and written back.
    if body.starts_with(BOM) {
        let first: String = raw.lines().next().unwrap_or_default().chars().take(80).collect();
        let source = first.replace(BOM, "\\u{feff}");
        let at = At { line: 1, column: 1, source };
        return Err(Error::BadFile { path: path.to_path_buf(), at: Some(at), why: Bad::TwoBoms });
    }
    let (ladder, layout, warnings) = Ladder::parse_noting(body).map_err(|err| located(path, body, &err))?;
    for warning in warnings {
        happened.note(Notice::Unknown(located(path, body, &warning)));
    }
    Ok((ladder, layout))
}

/// Whether `raw` reads as a ladder; `Err` says where it does not, as for the ladder at `location`.
pub fn check_text(location: &Location, raw: &str) -> Result<()> {
    parse(&location.path, raw, &location.happened).map(|_| ())
}

/// The whole of the regular file at `path` (a symlink to one is followed).
fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    private::open_regular(path, true)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A text's byte order mark, if it has one, and the rest.
fn split_bom(raw: &str) -> (&str, &str) {
    match raw.strip_prefix(BOM) {
        Some(body) => (BOM, body),
        None => ("", raw),
    }
}

/// `path:line:column: message: ` followed by the line itself in backticks, all on one line.
fn located(path: &Path, text: &str, err: &FileError) -> Error {
    let why = err.why.clone();
    let Some(span) = &err.span else {
        return Error::BadFile { path: path.to_path_buf(), at: None, why };
    };
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let source: String = text[line_start..line_end].trim().chars().take(80).collect();
    Error::BadFile { path: path.to_path_buf(), at: Some(At { line, column, source }), why }
}

/// The file a path finally names, following symlinks even when the target does not exist yet.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).doing_with(|| Doing::Follow(current.clone()))?;
                current = parent(&current).join(target);
            }
            _ => return Ok(current),
        }
    }
    Err(Error::Symlinked { path: path.to_path_buf(), looped: true })
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `ladder encrypt`: turns the plain ladder at the location into `NAME.age`, encrypted to `recipients`, checks
/// that it opens again with the identity (or the passphrase), then removes the plain file, its snapshot and
/// its undo history. Returns the encrypted file's path. On any failure the plain file is left as it was and
/// nothing encrypted is left behind.
pub fn encrypt(location: &Location, recipients: &crypt::Recipients) -> Result<PathBuf> {
    let path = &location.path;
    if crypt::is_sealed_path(path) {
        // Named, but not there (and neither is its plain form: `sealed_instead` said so): nothing is encrypted yet.
        if fs::symlink_metadata(path).is_err() {
            return Err(Store::NoSealedLadder { sealed: path.clone(), plain: crypt::plain_path(path) }.into());
        }
        return Err(Store::EncryptedAlready(path.clone()).into());
    }
    let sealed = crypt::sealed_path(path);
    let (_lock, raw) = convertible(location, &sealed, true)?;
    let keys = crypt::recipients_path(&sealed);
    match recipients {
        crypt::Recipients::Keys(list) => {
            write_atomic(&keys, &[crypt::recipients_file(list).as_bytes()], true, &|| Ok(()))
                .doing_with(|| Doing::Write(keys.clone()))?;
        }
        crypt::Recipients::Passphrase => {
            if let Err(err) = fs::remove_file(&keys)
                && err.kind() != io::ErrorKind::NotFound
            {
                return Err(Store::CannotRemoveOldKeys { keys, why: err }.into());
            }
        }
    }
    // The keys given here are confirmed on this device: each change is encrypted to them.
    if let (crypt::Recipients::Keys(list), Some(state)) = (recipients, &location.places.state)
        && private::is_private_dir(state)
    {
        crypt::confirm(state, &sealed, list)?;
    }
    let undo = |why: Error| {
        let _ = fs::remove_file(&sealed);
        let _ = fs::remove_file(&keys);
        why
    };
    write_atomic(&sealed, &[raw.as_bytes()], true, &|| still_absent(&sealed)).map_err(|err| match err {
        // An encrypted ladder that appeared meanwhile (a sync) is not ours to remove.
        Error::Store(Store::AppearedMeanwhile(_)) => {
            let _ = fs::remove_file(&keys);
            err.during(Doing::WriteNew(sealed.clone()))
        }
        err => undo(err.during(Doing::WriteNew(sealed.clone()))),
    })?;
    // Never lock a person out of their records: the new file must open, and hold exactly the text.
    let opened =
        private::read_regular(&sealed, None).map_err(Error::from).and_then(|bytes| crypt::open_afresh(&sealed, &bytes));
    match opened {
        Ok(plain) if plain == raw.as_bytes() => {}
        Ok(_) => return Err(undo(Store::ReadBackDiffers.into())),
        Err(why) => {
            return Err(undo(Store::WouldNotOpen { why: Box::new(why), plain: path.clone() }.into()));
        }
    }
    // Its snapshot and undo history go first: killed after this, the plain file is still there to be seen
    // (both are refused until one goes), and no plain copy is left where nobody looks.
    forget_plain(location, path);
    fs::remove_file(path).doing_with(|| Doing::RemoveOld {
        written: sealed.clone(),
        left: path.clone(),
        plain: true,
    })?;
    let _ = File::open(parent(path)).and_then(|d| d.sync_all());
    Ok(sealed)
}

/// `ladder decrypt`: turns the encrypted ladder at the location back into the plain `NAME` beside it, and removes
/// the encrypted one, its recipients file and its undo history. Returns the plain file's path.
pub fn decrypt(location: &Location) -> Result<PathBuf> {
    let path = &location.path;
    if !crypt::is_sealed_path(path) {
        return Err(Store::NotEncrypted(path.clone()).into());
    }
    let plain = crypt::plain_path(path);
    let (_lock, raw) = convertible(location, &plain, false)?;
    write_atomic(&plain, &[raw.as_bytes()], true, &|| still_absent(&plain))
        .doing_with(|| Doing::WriteNew(plain.clone()))?;
    fs::remove_file(path).doing_with(|| Doing::RemoveOld {
        written: plain.clone(),
        left: path.clone(),
        plain: false,
    })?;
    let _ = fs::remove_file(crypt::recipients_path(path));
    let _ = File::open(parent(path)).and_then(|d| d.sync_all());
    forget_plain(location, path);
    Ok(plain)
}

/// `ladder encrypt --confirm-keys`: confirms on this device the keys in the encrypted ladder's recipients file, once
/// the ladder opens with the identity here. Returns the recipients file and the keys not confirmed before.
pub fn confirm_keys(location: &Location) -> Result<(PathBuf, Vec<String>)> {
    let path = &location.path;
    if !crypt::is_sealed_path(path) {
        return Err(Store::NoKeysToConfirm(path.clone()).into());
    }
    let file = crypt::recipients_path(path);
    let crypt::Recipients::Keys(keys) = crypt::recipients_of(path)? else {
        return Err(Store::PassphraseHasNoKeys(path.clone()).into());
    };
    read_raw(path)?.ok_or_else(|| Store::NoLadderAt(path.clone()))?;
    let target = resolve_links(path)?;
    let state = location
        .places
        .state
        .as_deref()
        .filter(|state| private::create_private_dir(state).is_ok() && private::is_private_dir(state));
    let Some(state) = state else {
        return Err(Store::NoStateForKeys.into());
    };
    let new = crypt::confirm(state, &target, &keys)?;
    Ok((file, new))
}

/// Checks that the ladder at the location can be turned into `to` (encrypted, or decrypted): a regular file (not
/// a link: removing a link would leave the file it leads to), no conflict copies waiting beside it, and nothing
/// at `to` yet; then locks it and reads it. Its lock, and its text, which reads as a ladder.
fn convertible(location: &Location, to: &Path, encrypt: bool) -> Result<(File, String)> {
    let from: &Path = &location.path;
    match fs::symlink_metadata(from) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Err(Store::NoLadderAt(from.to_path_buf()).into()),
        Err(err) => return Err(err).doing(Doing::Read(from.to_path_buf())),
        Ok(meta) if meta.file_type().is_symlink() => return Err(Store::IsSymlink(from.to_path_buf()).into()),
        Ok(meta) if !meta.is_file() => return Err(private::not_a_file(from, &meta).into()),
        Ok(_) => {}
    }
    if !copies::find(from).is_empty() {
        return Err(Store::CopiesWaiting(from.to_path_buf()).into());
    }
    if fs::symlink_metadata(to).is_ok() {
        return Err(Store::ThereAlready(to.to_path_buf()).into());
    }
    let lock = lock(from, location.places.state.as_deref())?;
    let raw = read_raw(from)?.ok_or_else(|| Store::NothingToConvert { path: from.to_path_buf(), encrypt })?;
    parse(from, &raw, &location.happened)?;
    Ok((lock, raw))
}

/// The check before a new file is written at `path`: that nothing appeared there meanwhile (a sync).
fn still_absent(path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(Store::AppearedMeanwhile(path.to_path_buf()).into());
    }
    Ok(())
}

/// Forgets the snapshot and the undo history of the ladder's other form, just removed.
fn forget_plain(location: &Location, path: &Path) {
    cache::forget(location.places.cache.as_deref(), path);
    if let Some(state) = &location.places.state {
        History::remove(state, path);
    }
    remove_stale_temps(path);
}

/// A private folder for the plain text of a ladder being edited by hand: in `$XDG_RUNTIME_DIR` (memory-backed
/// on most systems) when it is a folder of the user's own, else in the temp folder. Removed with all in it
/// when dropped. It holds a lock while in use, so that one left by an edit that was killed (`kill -9`) is
/// known for what it is, and removed by the next (`remove_abandoned`).
pub struct Scratch {
    dir: tempfile::TempDir,
    _lock: File,
}

impl Scratch {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

const SCRATCH_PREFIX: &str = "ladder-edit-";
const SCRATCH_LOCK: &str = ".in-use";

pub fn scratch() -> Result<Scratch> {
    let runtime =
        env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|d| d.is_absolute() && private::is_private_dir(d));
    let parent = runtime.unwrap_or_else(env::temp_dir);
    remove_abandoned(&parent);
    let mut builder = tempfile::Builder::new();
    builder.prefix(SCRATCH_PREFIX);
    // Made so, not left to the umask.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let dir = builder.tempdir_in(&parent).doing(Doing::MakeScratch)?;
    let mut options = private_options();
    options.write(true).create_new(true);
    let lock = options.open(dir.path().join(SCRATCH_LOCK)).doing(Doing::MakeScratch)?;
    lock.try_lock().map_err(|_| Store::ScratchUnlocked)?;
    Ok(Scratch { dir, _lock: lock })
}

/// Removes the editing folders in `parent` that no running `ladder` holds: left by an edit that was killed.
fn remove_abandoned(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = entry.file_name().to_str().is_some_and(|n| n.starts_with(SCRATCH_PREFIX));
        if !ours || !private::is_private_dir(&path) {
            continue;
        }
        // A folder without its lock yet is being made this instant: left alone.
        let Ok(lock) = File::open(path.join(SCRATCH_LOCK)) else { continue };
        if lock.try_lock().is_ok() {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether two paths name the same file, following symlinks; a path that does not exist is no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_the_line() {
        let text = "version = 1\n[[rung]]\nid = 1\nask = 'a'\nstakes = 120\n";
        let err = Ladder::parse(text).unwrap_err();
        let shown = located(Path::new("l.toml"), text, &err).to_string();
        assert!(shown.starts_with("l.toml:5:10: stakes must be"), "{shown}");
        assert!(shown.ends_with("`stakes = 120`"), "{shown}");
    }
}
