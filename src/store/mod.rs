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
mod history;
pub mod nudged;
pub mod private;
pub mod reported;

use std::env;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, FixedOffset};

use crate::file::FileError;
use crate::file::Layout;
use crate::file::edit;
use crate::file::merge;
use crate::model::shown;
use crate::model::{Change, Ladder};
use cache::{Fingerprint, Quick};
use history::{History, Record};
use private::private_options;

/// How long a change waits for another `ladder` command to finish before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const BOM: &str = "\u{feff}";

/// Set once a change is in place on disk, so that a later failure (a full or closed standard output) is
/// not reported as "nothing was changed".
static SAVED: AtomicBool = AtomicBool::new(false);

/// Whether this process has saved a change to a ladder file.
pub fn saved() -> bool {
    SAVED.load(Ordering::Relaxed)
}

/// Where the ladder file is, and why there; and the folders for `ladder`'s own files about it.
pub struct Location {
    pub path: PathBuf,
    pub source: Source,
    pub places: Places,
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
    let places = Places::from_env();
    if let Some(path) = flag {
        return Ok(Location { path: sealed_instead(path)?, source: Source::Flag, places });
    }
    if let Some(path) = env::var_os("LADDER_FILE").filter(|p| !p.is_empty()) {
        return Ok(Location { path: sealed_instead(Path::new(&path))?, source: Source::Env, places });
    }
    let data = dirs::data_dir().context("cannot find your data directory; set LADDER_FILE or pass --file")?;
    let path = sealed_instead(&data.join("ladder").join("ladder.toml"))?;
    Ok(Location { path, source: Source::DataDir, places })
}

/// The encrypted ladder `x.toml.age` when `path` names `x.toml` and only the encrypted one is there (see
/// `crypt.rs`); else `path` itself. When both are there, which one is the ladder is not guessed.
fn sealed_instead(path: &Path) -> Result<PathBuf> {
    if crypt::is_sealed_path(path) {
        return Ok(path.to_path_buf());
    }
    let sealed = crypt::sealed_path(path);
    let there = |p: &Path| fs::symlink_metadata(p).is_ok();
    match (there(path), there(&sealed)) {
        (false, true) => Ok(sealed),
        (true, true) => bail!(
            "both {} and {} are there, and ladder will not guess which is your ladder: once the encrypted one \
             opens (`ladder --file {} list`), remove the plain one (or `ladder decrypt` would, with the other \
             removed first)",
            path.display(),
            sealed.display(),
            sealed.display()
        ),
        _ => Ok(path.to_path_buf()),
    }
}

/// The ladder in the file, or `None` when there is no file yet. Creates nothing but a cache snapshot.
pub fn read(location: &Location) -> Result<Option<Arc<Ladder>>> {
    let (path, cache) = (&location.path, location.places.cache.as_deref());
    // On an unchanged file the snapshot answers, and the file is only streamed through the hash.
    match Fingerprint::of_file(path) {
        Ok(file) => {
            if let Some((ladder, _)) = cache::load(cache, path, file) {
                return Ok(Some(Arc::new(ladder)));
            }
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) => {} // read_afresh says what is wrong
    }
    // The snapshot was just found wanting: no need to look again.
    read_afresh(location)
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
    let (ladder, layout) = parse(path, &raw)?;
    let ladder = Arc::new(ladder);
    if let Some(cache) = location.places.cache.clone() {
        let (shared, path) = (Arc::clone(&ladder), path.clone());
        // The text is hashed there too, for the snapshot's key: the command does not wait for that either.
        let keep = move || cache::save(Some(&cache), &path, Fingerprint::of(raw.as_bytes()), &shared, layout);
        // Should no thread start, there is no snapshot this time, and the next command parses again.
        if let Ok(writing) = thread::Builder::new().spawn(keep) {
            WRITING.lock().unwrap_or_else(PoisonError::into_inner).push(writing);
        }
    }
    Ok(Some(ladder))
}

/// Snapshots still being written on a second thread (`read_afresh`).
static WRITING: Mutex<Vec<thread::JoinHandle<()>>> = Mutex::new(Vec::new());

/// Waits for the snapshots still being written, so that the process never ends halfway through one. Called
/// once the command is done, before the process ends.
pub fn wait() {
    let writing = std::mem::take(&mut *WRITING.lock().unwrap_or_else(PoisonError::into_inner));
    for thread in writing {
        let _ = thread.join();
    }
}

/// The conflict copies waiting beside the ladder to be folded in (see `copies.rs`), in name order.
pub fn waiting_copies(location: &Location) -> Vec<PathBuf> {
    resolve_links(&location.path).map(|target| copies::find(&target)).unwrap_or_default()
}

/// The quick answers for the file, when its snapshot is up to date; `None` means "ask the slow way". Whether
/// they hold at a given moment is `Quick::holds_at`.
pub fn quick(location: &Location) -> Option<Quick> {
    let path = &location.path;
    cache::quick(location.places.cache.as_deref(), path, Fingerprint::of_file(path).ok()?)
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
fn read_text(path: &Path, cache: Option<&Path>) -> Result<Option<Text>> {
    let Some(raw) = read_raw(path)? else { return Ok(None) };
    let file = Fingerprint::of(raw.as_bytes());
    if let Some((ladder, layout)) = cache::load(cache, path, file) {
        return Ok(Some(Text { raw, file, ladder, layout }));
    }
    let (ladder, layout) = parse(path, &raw)?;
    cache::save(cache, path, file, &ladder, layout);
    Ok(Some(Text { raw, file, ladder, layout }))
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
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let sealed = crypt::is_sealed(&bytes);
    let bytes = crypt::open(path, bytes, any_name)?;
    let raw = String::from_utf8(bytes).map_err(|err| not_utf8(path, err.as_bytes(), err.utf8_error().valid_up_to()))?;
    Ok(Some((raw, sealed)))
}

/// Bytes that are not UTF-8 from `at` on, said as any mistake in the file is: the line and the column of the
/// first bad byte, and the line quoted, each byte that is not text shown as `\xff`.
fn not_utf8(path: &Path, bytes: &[u8], at: usize) -> anyhow::Error {
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
    anyhow!(
        "{}:{line}:{column}: this is not UTF-8 text (a binary file, or saved in another encoding?): `{source}`",
        path.display()
    )
}

/// The ladder in the text of the file at `path`, and its layout. Names `ladder` does not know are warned about
/// here: read after the file changed, so once per hand edit, as the snapshot answers until the next one.
fn parse(path: &Path, raw: &str) -> Result<(Ladder, Layout)> {
    let body = split_bom(raw).1;
    // One byte order mark is an editor's; a second would be stripped by the parser, unseen, and written back.
    if body.starts_with(BOM) {
        let first: String = raw.lines().next().unwrap_or_default().chars().take(80).collect();
        bail!(
            "{}:1:1: the file begins with two byte order marks (invisible marks some editors add); remove one: `{}`",
            path.display(),
            first.replace(BOM, "\\u{feff}")
        );
    }
    let (ladder, layout, warnings) = Ladder::parse_noting(body).map_err(|err| located(path, body, &err))?;
    for warning in warnings {
        let warning = located(path, body, &warning).to_string();
        note(&format!("ladder: warning: {}", shown::line(&warning)));
    }
    Ok((ladder, layout))
}

/// Whether `raw` reads as a ladder; `Err` says where it does not, as for the file at `path`.
pub fn check_text(path: &Path, raw: &str) -> Result<()> {
    parse(path, raw).map(|_| ())
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

/// The file changed on disk between being read and being replaced: something else (an editor saving in
/// place, a sync) wrote it meanwhile. The command may start over from the new text.
#[derive(Debug)]
pub struct Raced {
    shown: PathBuf,
}

impl fmt::Display for Raced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} changed on disk while ladder was changing it (an editor or a sync saving it?); nothing was \
             written, so try again once it is saved",
            self.shown.display()
        )
    }
}

impl std::error::Error for Raced {}

/// What `ladder history` shows: the changes `ladder undo` can take back, newest first, and whether the file
/// was changed by hand since `ladder`'s last change (then nothing can be).
pub struct Past {
    pub changes: Vec<Undoable>,
    pub edited_since: bool,
    /// Whether the file changed since `ladder`'s last change (a pull, a fold, a hand edit) while the changes
    /// can still be taken back onto it, three-way.
    pub changed_since: bool,
}

/// The undo history of the ladder file, read without a lock and without creating anything.
pub fn history(location: &Location) -> Result<Past> {
    let none = Past { changes: Vec::new(), edited_since: false, changed_since: false };
    let target = resolve_links(&location.path)?;
    let current = match Fingerprint::of_file(&target) {
        Ok(file) => file.hex(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(none),
        Err(err) => return Err(err.into()),
    };
    let Some(state) = &location.places.state else { return Ok(none) };
    let Some(history) = History::existing(state, &target).map_err(|why| anyhow!("there is no undo history: {why}"))?
    else {
        return Ok(none);
    };
    let mut chain = history.chain(&current);
    let mut onto = false;
    if chain.is_empty()
        && let Some((_, from_latest)) = onto_changed(&history)
    {
        (chain, onto) = (from_latest, true);
    }
    let edited_since = chain.is_empty() && !history.records().is_empty();
    let changes = chain.into_iter().map(|r| Undoable { description: r.description, at: r.at }).collect();
    Ok(Past { changes, edited_since, changed_since: onto })
}

/// Takes back the last `count` changes `ladder` made to the file (see `Session::undo`). A file that is not
/// there has nothing to undo, and nothing is created for it.
pub fn undo(location: &Location, now: DateTime<FixedOffset>, count: usize) -> Result<Vec<Undone>> {
    if !location.path.exists() {
        bail!("nothing to undo: {} does not exist", location.path.display());
    }
    Session::open_only(location, now)?.undo_folds(count)
}

/// A change `ladder undo` took back: what it was, and for a fold of conflict copies, what the fold had brought
/// in and where each of its copies is now (`Ok`: back beside the ladder; `Err`: still in `ladder-merged/`).
pub struct Undone {
    pub description: String,
    pub fold: Option<(Taken, Vec<std::result::Result<PathBuf, PathBuf>>)>,
    /// Whether it was taken back onto a file that had changed otherwise since (a pull, a hand edit).
    pub onto_changed: bool,
}

/// How many entries of each kind a text had that the text before it did not: what undoing it takes out.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub rungs: usize,
    pub attempts: usize,
    pub hesitations: usize,
    pub gifts: usize,
}

impl Taken {
    fn between(written: &[u8], restored: Option<&[u8]>) -> Taken {
        let ladder = |text: Option<&[u8]>| {
            text.and_then(|t| std::str::from_utf8(t).ok())
                .and_then(|t| Ladder::parse(split_bom(t).1).ok())
                .unwrap_or_default()
        };
        let (after, before) = (ladder(Some(written)), ladder(restored));
        Taken {
            rungs: new_uids(after.rungs.iter().map(|r| r.uid.as_str()), before.rungs.iter().map(|r| r.uid.as_str())),
            attempts: new_uids(
                after.attempts.iter().map(|a| a.uid.as_str()),
                before.attempts.iter().map(|a| a.uid.as_str()),
            ),
            hesitations: new_uids(
                after.hesitations.iter().map(|h| h.uid.as_str()),
                before.hesitations.iter().map(|h| h.uid.as_str()),
            ),
            gifts: new_uids(after.gifts.iter().map(|g| g.uid.as_str()), before.gifts.iter().map(|g| g.uid.as_str())),
        }
    }
}

/// How many of the uids in `after` are not in `before`.
fn new_uids<'a>(after: impl Iterator<Item = &'a str>, before: impl Iterator<Item = &'a str>) -> usize {
    let before: std::collections::HashSet<&str> = before.collect();
    after.filter(|uid| !before.contains(uid)).count()
}

/// One change `ladder` made, as `ladder history` lists it.
pub struct Undoable {
    pub description: String,
    pub at: String,
}

/// A ladder opened for a change: locked until dropped.
pub struct Session {
    shown: PathBuf,
    target: PathBuf,
    _lock: File,
    /// The text the command works on, its fingerprint and layout: the file's, with any conflict copies folded
    /// in (`fold`); `None` when there is no file yet.
    text: Option<(String, Fingerprint, Layout)>,
    /// The ladder in it (empty when there is no file yet).
    ladder: Ladder,
    cache: Option<PathBuf>,
    /// The undo history, or why there is none.
    history: io::Result<History>,
    now: DateTime<FixedOffset>,
    /// Conflict copies folded into `text` but not saved yet.
    fold: Option<Fold>,
}

/// Conflict copies folded into a session's text in memory. The fold is saved with the command's own change,
/// as a record of its own in the undo history before the change's (so `ladder undo` takes back the change
/// first, then the fold), in one write: a command that fails saves neither, and leaves the copies where they
/// are. A command that succeeds without a change saves the fold alone (`finish`).
struct Fold {
    /// The file's text and fingerprint before the fold; `None` when there was no file.
    before: Option<(String, Fingerprint)>,
    /// The copies folded in, to put away once the fold is saved.
    copies: Vec<PathBuf>,
    /// What the fold moved (an ID both devices had used), to say once it is saved.
    moved: Vec<String>,
    /// The copies folded in with no base, as a union, to say once it is saved.
    unions: Vec<String>,
}

/// What every fold's record in the undo history starts with.
const FOLDED: &str = "folded in ";

/// Writes one line on stderr. A standard error that cannot be written to (closed, or `2>/dev/full`) costs
/// nothing else: a notice is never worth a panic, nor a change that was asked for.
pub fn note(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

impl Session {
    /// Locks the file (creating its directory if needed), reads it, and folds in any conflict copies a sync
    /// tool left beside it (see `copies.rs`), in memory: the fold is saved with the command's change. `now`
    /// dates the change in the history.
    pub fn open(location: &Location, now: DateTime<FixedOffset>) -> Result<Session> {
        let mut session = Session::open_only(location, now)?;
        session.fold_copies()?;
        Ok(session)
    }

    /// Folds the conflict copies beside the file into its text, in memory. A copy that does not read as a
    /// ladder, or that could not be put away afterwards (`ladder-merged` is not a real folder of the user's
    /// own), is named and left where it is.
    fn fold_copies(&mut self) -> Result<()> {
        let copies = copies::find(&self.target);
        if copies.is_empty() {
            return Ok(());
        }
        let shown_name =
            |copy: &PathBuf| shown::line(&copy.file_name().unwrap_or_default().to_string_lossy()).into_owned();
        if let Some(why) = copies::why_not_put_away(&self.target) {
            let names: Vec<String> = copies.iter().map(shown_name).collect();
            let (what, it) = if copies.len() == 1 { ("copy", "it") } else { ("copies", "them") };
            note(&format!(
                "ladder: left the conflict {what} {} where {it} {}, not folded in: {}",
                names.join(", "),
                if copies.len() == 1 { "is" } else { "are" },
                shown::line(&why)
            ));
            return Ok(());
        }
        let mut text = self.raw().map_or_else(edit::new_file, str::to_string);
        let (mut folded, mut moved, mut unions, mut moved_ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for copy in copies {
            let theirs = read_regular(&copy)
                .map_err(|e| private::words(&e))
                .and_then(|bytes| crypt::open(&copy, bytes, false).map_err(|e| e.to_string()))
                .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string()));
            let merged = theirs.and_then(|theirs| {
                let base = self.fold_base(&theirs);
                let merged =
                    crate::file::merge::merge_texts(base.as_deref().map_or("", |b| split_bom(b).1), &text, &theirs)?;
                Ok((merged, base.is_none()))
            });
            match merged {
                Ok((merged, union)) => {
                    moved.extend(merged.moved.iter().map(crate::file::merge::moved_line));
                    moved_ids.extend(crate::file::merge::moved_ids(&merged.moved, self.now.date_naive()));
                    text = merged.text;
                    if union {
                        unions.push(shown_name(&copy));
                    }
                    folded.push(copy);
                }
                Err(why) => note(&format!(
                    "ladder: the conflict copy {} was left where it is: {}",
                    shown_name(&copy),
                    shown::line(&why)
                )),
            }
        }
        if folded.is_empty() {
            return Ok(());
        }
        let text = edit::note_moved(&text, &moved_ids).unwrap_or(text);
        let (ladder, layout) = Ladder::parse_file(split_bom(&text).1).map_err(|err| {
            anyhow!(
                "folding in the conflict copies would give a file ladder cannot read ({}); nothing was written",
                err.message
            )
        })?;
        let file = Fingerprint::of(text.as_bytes());
        let before = self.text.take().map(|(raw, file, _)| (raw, file));
        self.text = Some((text, file, layout));
        self.ladder = ladder;
        self.fold = Some(Fold { before, copies: folded, moved, unions });
        Ok(())
    }

    /// The newest version of the ladder that both the file and a copy of it (`theirs`) seem to descend from
    /// (`copies::descends`), found among the versions in the undo history: walking back from the file's text,
    /// or, when the copy is a version this device wrote itself (the sync kept the other device's), from the
    /// copy's. `None` when no such version is known: the fold is then a union.
    fn fold_base(&self, theirs: &str) -> Option<String> {
        let (Ok(history), Some(ours)) = (&self.history, self.raw()) else { return None };
        let read = |text: &str| Ladder::parse(split_bom(text).1).ok();
        let (their_ladder, our_ladder) = (read(theirs)?, read(ours)?);
        newest_ancestor(history, ours, &their_ladder).or_else(|| newest_ancestor(history, theirs, &our_ladder))
    }

    /// Saves the fold alone, for a command that made no change of its own (`ladder sync`, or one that found
    /// nothing to change). Returns how many copies were folded in.
    pub fn finish(self) -> Result<usize> {
        self.save_fold()?;
        Ok(self.fold.as_ref().map_or(0, |fold| fold.copies.len()))
    }

    /// Saves the fold alone, if there is one; a fold that brought nothing new only puts its copies away.
    fn save_fold(&self) -> Result<()> {
        let Some(fold) = &self.fold else { return Ok(()) };
        let text = self.raw().unwrap_or_default();
        if fold.before.as_ref().is_some_and(|(raw, _)| raw == text) {
            self.put_away(fold, None);
            return Ok(());
        }
        self.write_recorded(&[text.as_bytes()], None)
    }

    /// The record of the fold in the undo history.
    fn fold_record(&self, fold: &Fold) -> Option<Record> {
        let before = fold.before.as_ref().map(|(raw, _)| raw.as_bytes());
        if before == self.raw().map(str::as_bytes) {
            // The copies held nothing new: nothing to record, nor to take back.
            return None;
        }
        let mut record = Record::new(before, &[self.raw().unwrap_or_default().as_bytes()], None);
        let n = fold.copies.len();
        record.description = if n == 1 {
            format!("{FOLDED}the conflict copy {}", fold.copies[0].file_name().unwrap_or_default().to_string_lossy())
        } else {
            format!("{FOLDED}{n} conflict copies")
        };
        record.at = self.now.to_rfc3339();
        Some(record)
    }

    /// Once the fold is saved: puts its copies away in `ladder-merged/`, notes where they went beside its
    /// record (`record`), and says so.
    fn put_away(&self, fold: &Fold, record: Option<&Path>) {
        for line in &fold.moved {
            note(&format!("ladder: {}", shown::line(line)));
        }
        let dir = parent(&self.target).join(copies::MERGED_DIR);
        let shown_dir = shown::line(&dir.display().to_string()).into_owned();
        let mut put = Vec::new();
        for copy in &fold.copies {
            let name = copy.file_name().unwrap_or_default().to_string_lossy().into_owned();
            match copies::put_away(&self.target, copy) {
                Ok(now) => put.push((name, now.file_name().unwrap_or_default().to_string_lossy().into_owned())),
                Err(why) => {
                    let still = fs::symlink_metadata(copy).is_ok();
                    note(&format!(
                        "ladder: folded the conflict copy {} in, but could not move it to {shown_dir}: {}{}",
                        shown::line(&name),
                        shown::line(&why.to_string()),
                        if still {
                            "; it stays beside the ladder, and folding it in again changes nothing"
                        } else {
                            ""
                        }
                    ));
                }
            }
        }
        if let Some(record) = record.filter(|_| !put.is_empty()) {
            History::note_moved(record, &put);
        }
        if !put.is_empty() {
            let names: Vec<&str> = put.iter().map(|(name, _)| name.as_str()).collect();
            let (what, it) = if put.len() == 1 { ("the conflict copy", "it") } else { ("the conflict copies", "them") };
            note(&format!(
                "ladder: folded {what} {} into {} and moved {it} to {shown_dir}",
                shown::line(&names.join(", ")),
                shown::line(&self.shown.display().to_string()),
            ));
        }
        if !fold.unions.is_empty() {
            // Named only when some copies were folded three-way and these were not.
            let which = if fold.unions.len() == fold.copies.len() {
                String::new()
            } else {
                format!(" for {}", fold.unions.join(", "))
            };
            note(&format!(
                "ladder: no version both devices had is in the undo history{which}, so every entry of either was \
                 kept (a rung removed on one device comes back)"
            ));
        }
    }

    /// Locks the file and reads it, leaving any conflict copies beside it alone (for undo and history).
    pub fn open_only(location: &Location, now: DateTime<FixedOffset>) -> Result<Session> {
        let path = &location.path;
        // A command on a copy would change it, or fold it into itself: the ladder is the file to change.
        if let Some(ladder) = copies::original_of(path) {
            bail!(
                "{} is a conflict copy of {}, left by a sync tool, and ladder changes only the ladder itself; \
                 `ladder --file {} sync` folds the copy into it; nothing was changed",
                path.display(),
                ladder.display(),
                ladder.display()
            );
        }
        let target = resolve_links(path)?;
        // A save encrypts by the name of the file it writes: a link must not lead an encrypted ladder to a plain
        // name, nor the other way.
        if crypt::is_sealed_path(path) != crypt::is_sealed_path(&target) {
            bail!(
                "{} is a symlink to {}, and only one of the two names ends in .age, so ladder cannot tell whether \
                 to keep it encrypted; link to a file of the same kind of name; nothing was changed",
                path.display(),
                target.display()
            );
        }
        // Nothing is made beside a device, a FIFO or a folder: not even a lock file.
        match fs::metadata(&target) {
            Ok(meta) if !meta.is_file() => return Err(private::not_a_file(path, &meta).into()),
            _ => {}
        }
        let dir = parent(&target);
        private::create_private_dir(dir)
            .map_err(|err| anyhow!("cannot create the folder {}: {}", dir.display(), private::words(&err)))?;
        let lock = lock(&target, location.places.state.as_deref())?;
        let cache = location.places.cache.clone();
        let (text, ladder) = match read_text(path, cache.as_deref())? {
            Some(Text { raw, file, ladder, layout }) => (Some((raw, file, layout)), ladder),
            None => (None, edit::new_ladder()),
        };
        let history = match &location.places.state {
            Some(state) => History::of(state, &target),
            None => Err(io::Error::new(io::ErrorKind::NotFound, "there is no state folder to keep it in")),
        };
        Ok(Session { shown: path.clone(), target, _lock: lock, text, ladder, cache, history, now, fold: None })
    }

    /// Whether conflict copies were folded into the text, to be saved with the command's change.
    pub fn folding(&self) -> bool {
        self.fold.is_some()
    }

    /// Whether there is no ladder file, only conflict copies of one folded in.
    pub fn only_copies(&self) -> bool {
        self.fold.as_ref().is_some_and(|fold| fold.before.is_none())
    }

    pub fn exists(&self) -> bool {
        self.text.is_some()
    }

    /// The ladder as it is now (empty when there is no file yet).
    pub fn ladder(&self) -> &Ladder {
        &self.ladder
    }

    /// The file's text as read under the lock, or `None` when there is no file yet.
    pub fn raw(&self) -> Option<&str> {
        self.text.as_ref().map(|(raw, _, _)| raw.as_str())
    }

    /// Makes `changes` in the file, in order, in one save, and returns the ladder as it now is.
    ///
    /// A single change that can be spliced into the text as it stands (appending to the journal, or a rung
    /// where the last one ended) is, without parsing; otherwise the text is edited in place and must read
    /// back as exactly the intended ladder before it is written.
    pub fn commit(mut self, changes: &[Change], description: &str) -> Result<Ladder> {
        // A file from before uids gets them, and the new version, with its first change: the careful way.
        let upgraded = match &self.text {
            Some((raw, _, layout)) if !layout.current => {
                Some(edit::upgrade(split_bom(raw).1, &self.ladder).map_err(|why| self.unsafe_edit(&why))?)
            }
            _ => None,
        };
        let mut expected = std::mem::take(&mut self.ladder);
        for change in changes {
            expected.apply(change);
        }
        let spliced = match (&self.text, changes, &upgraded) {
            (Some((raw, _, layout)), [change], None) => edit::splice(split_bom(raw).1, change, *layout),
            _ => None,
        };
        match spliced {
            Some((insertion, layout)) => self.insert(&insertion, description, (&expected, layout))?,
            None => self.rewrite(changes, &expected, description, upgraded.as_deref())?,
        }
        Ok(expected)
    }

    fn unsafe_edit(&self, why: &str) -> anyhow::Error {
        anyhow!(
            "cannot make this change to {} without disturbing what is there ({why}); nothing was written",
            self.shown.display()
        )
    }

    /// Edits the text (or its `upgraded` form) the careful way and writes it whole.
    fn rewrite(&self, changes: &[Change], expected: &Ladder, description: &str, upgraded: Option<&str>) -> Result<()> {
        let (bom, body) = self.raw().map_or(("", ""), split_bom);
        let new_file = edit::new_file();
        let body = if self.text.is_none() { new_file.as_str() } else { upgraded.unwrap_or(body) };
        let (new_body, layout) = self.edit(body, changes, expected)?;
        self.replace(&format!("{bom}{new_body}"), description, Some((expected, layout)))
    }

    /// The careful way: edit the text in place, then check that it reads back as `expected`.
    fn edit(&self, body: &str, changes: &[Change], expected: &Ladder) -> Result<(String, Layout)> {
        let unsafe_edit = |why: String| self.unsafe_edit(&why);
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

    /// Writes the whole file, first noting in the undo history how to get the old one back.
    pub fn write(&self, new: &str, description: &str) -> Result<()> {
        self.replace(new, description, None)
    }

    /// Writes the whole file, unless it would not change, and the snapshot of the ladder in it, if given.
    fn replace(&self, new: &str, description: &str, snapshot: Option<(&Ladder, Layout)>) -> Result<()> {
        let old = self.raw();
        if old == Some(new) {
            // Nothing of the command's own to save; a fold, if any, is saved alone.
            return self.save_fold();
        }
        let record = Record::new(old.map(str::as_bytes), &[new.as_bytes()], None);
        self.save(&[new.as_bytes()], record, description, snapshot)
    }

    /// Writes the file with `insertion` made to its text (after any byte order mark). The file is written
    /// from its two halves and the new text, and the undo record needs no comparison: nothing the size of
    /// the file is copied in memory.
    fn insert(&self, insertion: &edit::Insertion, description: &str, snapshot: (&Ladder, Layout)) -> Result<()> {
        let raw = self.raw().unwrap_or("");
        let (before, after) = raw.as_bytes().split_at(split_bom(raw).0.len() + insertion.at);
        let parts = [before, insertion.text.as_bytes(), after];
        let record = Record::new(Some(raw.as_bytes()), &parts, Some((before.len(), after.len())));
        self.save(&parts, record, description, Some(snapshot))
    }

    /// Saves the new text, given in `parts`, after adding its record to the undo history.
    ///
    /// The snapshot of the new ladder, if given, is written on a second thread meanwhile: a save spends most
    /// of its time waiting for the disk. Until the new text is in place the snapshot matches no file, so
    /// nothing reads it early; should the save fail, it never will.
    fn save(
        &self,
        parts: &[&[u8]],
        mut record: Record,
        description: &str,
        snapshot: Option<(&Ladder, Layout)>,
    ) -> Result<()> {
        let written = Fingerprint::of_parts(parts);
        record.description = description.to_string();
        record.at = self.now.to_rfc3339();
        thread::scope(|scope| {
            if let Some((ladder, layout)) = snapshot {
                let keep = move || cache::save(self.cache.as_deref(), &self.shown, written, ladder, layout);
                // Without a second thread, the snapshot is written first: it is only a cache.
                if thread::Builder::new().spawn_scoped(scope, keep).is_err() {
                    keep();
                }
            }
            self.write_recorded(parts, Some(record))
        })
    }

    /// Adds the record to the history (after the fold's, if there is a fold), then writes the file; records whose
    /// save failed are taken back, so the history's newest record is always the last change that really
    /// happened. Once the file is saved, the folded copies are put away.
    fn write_recorded(&self, parts: &[&[u8]], record: Option<Record>) -> Result<()> {
        remove_stale_temps(&self.target);
        let mut pushed = Vec::new();
        let mut fold_record = None;
        match &self.history {
            Ok(history) => {
                let fold = self.fold.as_ref().and_then(|fold| self.fold_record(fold));
                let folding = fold.is_some();
                for (n, record) in fold.into_iter().chain(record).enumerate() {
                    match history.push(record) {
                        Ok(path) => {
                            if folding && n == 0 {
                                fold_record = Some(path.clone());
                            }
                            pushed.push(path);
                        }
                        Err(err) => {
                            remove_all(&pushed);
                            return Err(err.context("cannot add to the undo history"));
                        }
                    }
                }
            }
            Err(why) => note(&format!("ladder: this change cannot be undone: {why}")),
        }
        match write_atomic(&self.target, parts, true, &|| self.unchanged()) {
            Ok(()) => {
                SAVED.store(true, Ordering::Relaxed);
                if let Ok(history) = &self.history {
                    history.keep_latest(Some(&parts.concat()));
                }
                if let Some(fold) = &self.fold {
                    self.put_away(fold, fold_record.as_deref());
                }
                Ok(())
            }
            Err(err) => {
                remove_all(&pushed);
                if err.is::<Raced>() {
                    Err(err)
                } else {
                    Err(err.context(format!("cannot save {}", self.shown.display())))
                }
            }
        }
    }

    /// Whether the file on disk is still the bytes that were read: checked under the lock, just before the
    /// new text is renamed over it.
    fn unchanged(&self) -> Result<()> {
        #[cfg(debug_assertions)]
        pause_for_test();
        let now = match Fingerprint::of_file(&self.target) {
            Ok(file) => Some(file),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(err.into()),
        };
        let read = match &self.fold {
            Some(fold) => fold.before.as_ref().map(|(_, file)| *file),
            None => self.text.as_ref().map(|(_, file, _)| *file),
        };
        if now == read { Ok(()) } else { Err(Raced { shown: self.shown.clone() }.into()) }
    }

    /// Takes back the last `count` changes `ladder` made, in one save, returning their descriptions, newest
    /// first. Each must apply to the text the one after it gives back, and each restored text must be
    /// exactly the text that was there; otherwise nothing is changed.
    pub fn undo(self, count: usize) -> Result<Vec<String>> {
        Ok(self.undo_folds(count)?.into_iter().map(|undone| undone.description).collect())
    }

    /// As `undo`, telling for each fold taken back what it had brought in, and putting its copies back beside
    /// the ladder.
    pub fn undo_folds(self, count: usize) -> Result<Vec<Undone>> {
        let history = self.history.as_ref().map_err(|why| anyhow!("cannot undo: {why}"))?;
        let shown = self.shown.display();
        let current = self.text.as_ref().map(|(raw, file, _)| (raw.as_bytes(), file.hex()));
        let Some((raw, fingerprint)) = current else {
            bail!("nothing to undo: {shown} does not exist");
        };
        let chain = history.chain(&fingerprint);
        if chain.is_empty()
            && let Some((latest, chain)) = onto_changed(history)
        {
            return self.undo_onto(history, &latest, &chain, count, raw);
        }
        if chain.is_empty() {
            if history.damaged() {
                bail!(
                    "the undo record of ladder's last change is damaged, so undo cannot take it back safely; nothing was changed"
                );
            }
            if history.records().is_empty() {
                bail!("nothing to undo: ladder has no record of a change to {shown}");
            }
            bail!(
                "{shown} has changed since ladder's last change (edited by hand?), so undo would lose that; nothing was changed"
            );
        }
        let (text, mut undone) = restore_chain(raw, &chain, count, false)?;
        match &text {
            Some(restored) => {
                let parsed = std::str::from_utf8(restored).ok().and_then(|t| Ladder::parse_file(split_bom(t).1).ok());
                let Some((ladder, layout)) = parsed else {
                    bail!("undoing would give back a file ladder cannot read; nothing was changed");
                };
                // The next command reads the restored text from its snapshot, as after any other change.
                cache::save(self.cache.as_deref(), &self.shown, Fingerprint::of(restored), &ladder, layout);
                write_atomic(&self.target, &[restored], true, &|| self.unchanged())
                    .map_err(|err| if err.is::<Raced>() { err } else { err.context(format!("cannot save {shown}")) })?;
            }
            None => fs::remove_file(&self.target).with_context(|| format!("cannot remove {shown}"))?,
        }
        SAVED.store(true, Ordering::Relaxed);
        history.keep_latest(text.as_deref());
        self.forget_undone(history, &chain[..count], &mut undone);
        Ok(undone)
    }

    /// Forgets the records of the changes taken back, putting each undone fold's copies back beside the ladder.
    fn forget_undone(&self, history: &History, chain: &[Record], undone: &mut [Undone]) {
        for (record, undone) in chain.iter().zip(undone) {
            // An undone fold's copies go back beside the ladder, for the next change (or `ladder sync`) to fold in.
            if let Some((_, places)) = &mut undone.fold {
                for (name, moved) in history.moved(record) {
                    places.push(copies::put_back(&self.target, &name, &moved));
                }
            }
            history.forget(record);
        }
    }

    /// Takes back the last `count` changes of `chain` (the records that chain from `latest`, the last text
    /// `ladder` wrote) onto the file as it is now, `raw`, which changed otherwise since (a pull, a fold, a hand
    /// edit): three-way, entry by entry (see `file::merge::revert`). Refused, nothing changed, when what the
    /// changes set was changed since (`Clashed`).
    fn undo_onto(
        &self,
        history: &History,
        latest: &[u8],
        chain: &[Record],
        count: usize,
        raw: &[u8],
    ) -> Result<Vec<Undone>> {
        let shown = self.shown.display();
        let (text, mut undone) = restore_chain(latest, chain, count, true)?;
        let utf8 = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).ok();
        let (Some(after), Some(now)) = (utf8(latest), utf8(raw)) else {
            bail!("{shown} is not UTF-8 text, so undo cannot take a change back onto it; nothing was changed");
        };
        let before = match &text {
            Some(before) => {
                Some(utf8(before).ok_or_else(|| anyhow!("the undo history is damaged; nothing was changed"))?)
            }
            None => None,
        };
        let reverted = merge::revert_texts(&after, &now, before.as_deref())
            .map_err(|why| anyhow!("undo cannot take the change back: {why}; nothing was changed"))?;
        let new = match reverted {
            merge::Reverted::Text(new) => new,
            merge::Reverted::Clashes(clashes, ladder) => {
                return Err(Clashed {
                    changes: undone.into_iter().map(|u| u.description).collect(),
                    clashes,
                    ladder: *ladder,
                }
                .into());
            }
        };
        let Ok((ladder, layout)) = Ladder::parse_file(split_bom(&new).1) else {
            bail!("undoing would give back a file ladder cannot read; nothing was changed");
        };
        cache::save(self.cache.as_deref(), &self.shown, Fingerprint::of(new.as_bytes()), &ladder, layout);
        write_atomic(&self.target, &[new.as_bytes()], true, &|| self.unchanged())
            .map_err(|err| if err.is::<Raced>() { err } else { err.context(format!("cannot save {shown}")) })?;
        SAVED.store(true, Ordering::Relaxed);
        // The records left chain from the text before the changes taken back.
        history.keep_latest(text.as_deref());
        self.forget_undone(history, &chain[..count], &mut undone);
        Ok(undone)
    }
}

/// The last text `ladder` wrote and the records that chain from it, when the file changed otherwise since
/// and that text is known: then a change can be taken back onto the file three-way. `None` when the copy
/// is not of the newest record (a save that never landed, or a copy from before this was kept).
fn onto_changed(history: &History) -> Option<(Vec<u8>, Vec<Record>)> {
    let latest = history.latest()?;
    let chain = history.chain(&Fingerprint::of(&latest).hex());
    let newest = history.records().first().map(|r| r.seq);
    (chain.first().map(|r| r.seq) == newest && newest.is_some()).then_some((latest, chain))
}

/// Changes that cannot be taken back onto the file as it is now: what changed since clashes with them.
#[derive(Debug)]
pub struct Clashed {
    /// The changes, newest first, as the history names them.
    pub changes: Vec<String>,
    pub clashes: Vec<merge::Clash>,
    /// The ladder as it is now, to name each clash by.
    pub ladder: Ladder,
}

impl fmt::Display for Clashed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the file has changed since, in a way that clashes with the change to undo; nothing was changed")
    }
}

impl std::error::Error for Clashed {}

/// The newest version of the ladder, walking back through the undo history from `from`, that `other` seems to
/// descend from; `None` when `from` is no version `ladder` wrote, or no version fits.
fn newest_ancestor(history: &History, from: &str, other: &Ladder) -> Option<String> {
    let chain = history.chain(&Fingerprint::of(from.as_bytes()).hex());
    if chain.is_empty() {
        return None;
    }
    let read = |text: &[u8]| std::str::from_utf8(text).ok().and_then(|t| Ladder::parse(split_bom(t).1).ok());
    let mut version = from.as_bytes().to_vec();
    let mut ladder = read(&version)?;
    for record in chain {
        // Older than the file's first version, or a damaged record: the walk ends here.
        let Ok(Some(older)) = record.restore(&version) else { break };
        let Some(older_ladder) = read(&older) else { break };
        let made = DateTime::parse_from_rfc3339(&record.at).ok();
        if copies::descends(other, &ladder, Some(&older_ladder), made) {
            return String::from_utf8(version).ok();
        }
        (version, ladder) = (older, older_ladder);
    }
    copies::descends(other, &ladder, None, None).then(|| String::from_utf8(version).ok()).flatten()
}

/// Takes back the undo records of a save that failed.
fn remove_all(records: &[PathBuf]) {
    for path in records {
        let _ = fs::remove_file(path);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// In tests only: before the check that precedes a rename, says so through the FIFO `here` in the folder
/// named by `LADDER_TEST_PAUSE`, then waits for a byte on the FIFO `go` there, so that a test can play an
/// editor saving the file at exactly that moment.
#[cfg(debug_assertions)]
fn pause_for_test() {
    if let Some(dir) = env::var_os("LADDER_TEST_PAUSE").map(PathBuf::from) {
        let _ = fs::OpenOptions::new().write(true).open(dir.join("here")).and_then(|mut f| f.write_all(b"x"));
        let _ = File::open(dir.join("go")).and_then(|mut f| f.read(&mut [0; 1]));
    }
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

/// Where the lock for `target` lives: in the state folder, keyed by the file's canonical path so that every
/// writer of the same file, by whatever path, takes the same lock, and nothing but the ladder is written in the
/// ladder's folder (a synced folder then syncs only the ladder). Without a state folder of the user's own
/// (one others can write to could hold a planted lock), `.NAME.lock` beside the file.
fn lock_path(target: &Path, state: Option<&Path>) -> PathBuf {
    let own = |state: &&Path| private::create_private_dir(state).is_ok() && private::is_private_dir(state);
    if let Some(state) = state.filter(own) {
        return state.join(format!("lock-{:016x}", history::key(target)));
    }
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    parent(target).join(format!(".{name}.lock"))
}

fn lock(target: &Path, state: Option<&Path>) -> Result<File> {
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
        let why = if symlink { "it is a symlink".to_string() } else { private::words(&err) };
        anyhow!("cannot open the lock file {}: {why}; remove it when no ladder is running", path.display())
    })?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        bail!("the lock file {} is not a regular file; remove it when no ladder is running", path.display());
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

/// Writes `parts` to `target` by renaming a finished temp file over it, once `check` allows. `durable` syncs
/// the data and the rename to disk before returning.
fn write_atomic(target: &Path, parts: &[&[u8]], durable: bool, check: &dyn Fn() -> Result<()>) -> Result<()> {
    let dir = parent(target);
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // tempfile creates it readable by its owner only, and removes it again on every error path.
    // An encrypted ladder is encrypted before anything of it is written.
    let sealed;
    let parts = if crypt::is_sealed_path(target) {
        sealed = crypt::seal(target, &parts.concat())?;
        &[sealed.as_slice()][..]
    } else {
        parts
    };
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

/// `ladder encrypt`: turns the plain ladder at the location into `NAME.age`, encrypted to `recipients`, checks
/// that it opens again with the identity (or the passphrase), then removes the plain file, its snapshot and
/// its undo history. Returns the encrypted file's path. On any failure the plain file is left as it was and
/// nothing encrypted is left behind.
pub fn encrypt(location: &Location, recipients: &crypt::Recipients) -> Result<PathBuf> {
    let path = &location.path;
    if crypt::is_sealed_path(path) {
        bail!("{} is encrypted already; nothing was changed", path.display());
    }
    let sealed = crypt::sealed_path(path);
    convertible(path, &sealed)?;
    let _lock = lock(path, location.places.state.as_deref())?;
    let raw = read_raw(path)?.with_context(|| format!("there is no ladder at {} to encrypt", path.display()))?;
    parse(path, &raw)?;
    let keys = crypt::recipients_path(&sealed);
    match recipients {
        crypt::Recipients::Keys(list) => {
            write_atomic(&keys, &[crypt::recipients_file(list).as_bytes()], true, &|| Ok(()))
                .with_context(|| format!("cannot write {}", keys.display()))?;
        }
        crypt::Recipients::Passphrase => {
            if let Err(err) = fs::remove_file(&keys)
                && err.kind() != io::ErrorKind::NotFound
            {
                bail!("cannot remove the old {}: {}; nothing was changed", keys.display(), private::words(&err));
            }
        }
    }
    let undo = |why: anyhow::Error| {
        let _ = fs::remove_file(&sealed);
        let _ = fs::remove_file(&keys);
        why
    };
    let absent = || {
        if fs::symlink_metadata(&sealed).is_ok() {
            bail!("{} appeared meanwhile", sealed.display());
        }
        Ok(())
    };
    write_atomic(&sealed, &[raw.as_bytes()], true, &absent)
        .map_err(|err| undo(err.context(format!("cannot write {}; nothing was changed", sealed.display()))))?;
    // Never lock a person out of their records: the new file must open, and hold exactly the text.
    let opened = private::read_regular(&sealed, None)
        .map_err(anyhow::Error::from)
        .and_then(|bytes| crypt::open_afresh(&sealed, &bytes));
    match opened {
        Ok(plain) if plain == raw.as_bytes() => {}
        Ok(_) => return Err(undo(anyhow!("the encrypted file did not read back the same; nothing was changed"))),
        Err(why) => {
            return Err(undo(anyhow!(
                "the encrypted ladder would not open again with your identity, so you could not read it: {}; \
                 {} stays as it was",
                shown::line(&why.to_string()).trim_end_matches("; nothing was changed"),
                path.display()
            )));
        }
    }
    fs::remove_file(path).with_context(|| {
        format!(
            "{} is written, but the plain {} could not be removed; remove it yourself",
            sealed.display(),
            path.display()
        )
    })?;
    let _ = File::open(parent(path)).and_then(|d| d.sync_all());
    forget_plain(location, path);
    Ok(sealed)
}

/// `ladder decrypt`: turns the encrypted ladder at the location back into the plain `NAME` beside it, and removes
/// the encrypted one, its recipients file and its undo history. Returns the plain file's path.
pub fn decrypt(location: &Location) -> Result<PathBuf> {
    let path = &location.path;
    if !crypt::is_sealed_path(path) {
        bail!("{} is not encrypted (`ladder encrypt` does that); nothing was changed", path.display());
    }
    let plain = crypt::plain_path(path);
    convertible(path, &plain)?;
    let _lock = lock(path, location.places.state.as_deref())?;
    let raw = read_raw(path)?.with_context(|| format!("there is no ladder at {} to decrypt", path.display()))?;
    parse(path, &raw)?;
    let absent = || {
        if fs::symlink_metadata(&plain).is_ok() {
            bail!("{} appeared meanwhile", plain.display());
        }
        Ok(())
    };
    write_atomic(&plain, &[raw.as_bytes()], true, &absent)
        .with_context(|| format!("cannot write {}; nothing was changed", plain.display()))?;
    fs::remove_file(path).with_context(|| {
        format!("{} is written, but {} could not be removed; remove it yourself", plain.display(), path.display())
    })?;
    let _ = fs::remove_file(crypt::recipients_path(path));
    let _ = File::open(parent(path)).and_then(|d| d.sync_all());
    forget_plain(location, path);
    Ok(plain)
}

/// Checks that the ladder at `from` can be turned into `to`: a regular file (not a link: removing a link would
/// leave the file it leads to), no conflict copies waiting beside it, and nothing at `to` yet.
fn convertible(from: &Path, to: &Path) -> Result<()> {
    match fs::symlink_metadata(from) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => bail!("there is no ladder at {}", from.display()),
        Err(err) => bail!("cannot read {}: {}", from.display(), private::words(&err)),
        Ok(meta) if meta.file_type().is_symlink() => bail!(
            "{} is a symlink; run this with --file naming the file it leads to; nothing was changed",
            from.display()
        ),
        Ok(meta) if !meta.is_file() => return Err(private::not_a_file(from, &meta).into()),
        Ok(_) => {}
    }
    if !copies::find(from).is_empty() {
        bail!(
            "conflict copies are waiting beside {}; fold them in first (`ladder sync`); nothing was changed",
            from.display()
        );
    }
    if fs::symlink_metadata(to).is_ok() {
        bail!("{} is there already; move it away first; nothing was changed", to.display());
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

/// Encrypts `plain` for the encrypted ladder at `ladder` (its recipients), for a file written elsewhere (the
/// merge driver's result).
pub fn seal_for(ladder: &Path, plain: &[u8]) -> Result<Vec<u8>> {
    crypt::seal(ladder, plain)
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
    let dir = builder.tempdir_in(&parent).context("cannot make a private folder to edit in")?;
    let mut options = private_options();
    options.write(true).create_new(true);
    let lock = options.open(dir.path().join(SCRATCH_LOCK)).context("cannot make a private folder to edit in")?;
    lock.try_lock().map_err(|_| anyhow!("cannot lock the private folder to edit in"))?;
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

/// Temp files left by a save that was killed midway, and an earlier version's undo record. Only called with
/// the lock held, when no other save can be under way.
fn remove_stale_temps(target: &Path) {
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
const TEMP_RANDOM: usize = 6;

/// Whether `file` is one of `name`'s own temp files, `.NAME.ladder-XXXXXX.tmp`, and not another file's (the
/// temps of `NAME.old` start the same way but have a dot in the middle) nor the person's own.
fn is_temp_of(name: &str, file: &str) -> bool {
    let middle = file.strip_prefix('.').and_then(|f| f.strip_prefix(name)).and_then(|f| f.strip_prefix(".ladder-"));
    let middle = middle.and_then(|f| f.strip_suffix(".tmp"));
    middle.is_some_and(|m| m.len() == TEMP_RANDOM && m.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The text before the last `count` changes of `chain`, taken back one by one from `text` (the last one ladder
/// wrote), and what each took back; `None` when the first of them created the file. `onto_changed` when they
/// will be taken back onto a file that changed since.
fn restore_chain(
    text: &[u8],
    chain: &[Record],
    count: usize,
    onto_changed: bool,
) -> Result<(Option<Vec<u8>>, Vec<Undone>)> {
    if chain.len() < count {
        let can = chain.len();
        bail!("only {can} change{} can be undone (`ladder history` lists them); nothing was changed", plural(can));
    }
    let mut text = Some(text.to_vec());
    let mut undone = Vec::new();
    for record in &chain[..count] {
        let Some(written) = &text else { break };
        let restored = record
            .restore(written)
            .map_err(|()| anyhow!("the undo record of \"{}\" is damaged; nothing was changed", record.description))?;
        let taken = record.description.starts_with(FOLDED).then(|| Taken::between(written, restored.as_deref()));
        undone.push(Undone {
            description: record.description.clone(),
            fold: taken.map(|taken| (taken, Vec::new())),
            onto_changed,
        });
        text = restored;
    }
    Ok((text, undone))
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

    #[test]
    fn errors_point_at_the_line() {
        let text = "version = 1\n[[rung]]\nid = 1\nask = 'a'\nstakes = 120\n";
        let err = Ladder::parse(text).unwrap_err();
        let shown = located(Path::new("l.toml"), text, &err).to_string();
        assert!(shown.starts_with("l.toml:5:10: stakes must be"), "{shown}");
        assert!(shown.ends_with("`stakes = 120`"), "{shown}");
    }
}
