//! A ladder opened for a change: locked, read, changed in one save, with its record in the undo history.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;

use chrono::{DateTime, FixedOffset};

use std::cell::{Cell, OnceCell};
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{Context, Doing, Edit, Error, Result, Store};
use crate::file::{Layout, edit};
use crate::model::merged::Merges;
use crate::model::{Change, Ladder};

use super::cache::{self, Fingerprint};
use super::history::{History, Record};
use super::lock::lock;
use super::recording::Recording;
use super::save::{Identity, Watched, remove_stale_temps};
use super::{
    Fold, Happened, Location, Notice, Saved, Text, copies, parent, private, read_text, resolve_links, split_bom,
    text_of,
};

/// A ladder opened for a change: locked until dropped.
pub struct Session {
    pub(super) shown: PathBuf,
    pub(super) target: PathBuf,
    pub(super) _lock: File,
    /// The text the command works on, its fingerprint and layout: the file's, with any conflict copies folded
    /// in (`fold`); `None` when there is no file yet.
    pub(super) text: Option<(String, Fingerprint, Layout)>,
    /// The ladder in it (empty when there is no file yet).
    pub(super) ladder: Ladder,
    pub(super) cache: Option<PathBuf>,
    /// The undo history, or why there is none.
    pub(super) history: io::Result<History>,
    pub(super) now: DateTime<FixedOffset>,
    /// Conflict copies folded into `text` but not saved yet.
    pub(super) fold: Option<Fold>,
    /// What the store did, for the command to tell.
    pub(super) happened: Arc<Happened>,
    pub(super) answers: Option<cache::Answers>,
    pub(super) merges: Option<Merges>,
    /// The command's own work on the ladder as it will be once saved, done while the save waits for the disk
    /// (`commit_beside`).
    pub(super) beside: Mutex<Option<Beside>>,
    /// The ladder's attempts, while they are still being decoded (`Session::open_to_record`); `ladder` has
    /// none until they are put in (`complete`).
    pub(super) coming: Option<cache::Coming>,
}

/// What a session reads of the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// The ladder in it.
    Ladder,
    /// The ladder, its attempts decoded on a thread of their own when they come from the snapshot.
    LadderAttemptsComing,
    /// Its text alone (`open_text`).
    Text,
}

/// Work on the new ladder, run beside a save.
pub(super) type Beside = Box<dyn FnOnce(&Ladder) + Send>;

impl Session {
    /// The merge handed in (`Location::merges`): without it nothing is folded or undone onto a changed file.
    pub(super) fn merges(&self) -> Result<Merges> {
        self.merges.ok_or_else(|| Store::NoMerges.into())
    }

    /// Locks the file (creating its directory if needed), reads it, and folds in any conflict copies a sync
    /// tool left beside it (see `copies.rs`), in memory: the fold is saved with the command's change. `now`
    /// dates the change in the history.
    pub fn open(location: &Location, now: DateTime<FixedOffset>) -> Result<Session> {
        let mut session = Session::open_only(location, now)?;
        session.fold_copies()?;
        Ok(session)
    }

    /// Locks the file and reads it, leaving any conflict copies beside it alone (for undo and history).
    pub fn open_only(location: &Location, now: DateTime<FixedOffset>) -> Result<Session> {
        Session::open_locked(location, now, Want::Ladder)
    }

    /// Locks the file and reads it to add one entry to its journal (`done`): as `open`, but when the ladder
    /// comes from its snapshot, its attempts are decoded on a thread of their own, while the command works out
    /// its entry from the rest and saves it (`Recording`).
    pub fn open_to_record(location: &Location, now: DateTime<FixedOffset>) -> Result<Recording> {
        let mut session = Session::open_locked(location, now, Want::LadderAttemptsComing)?;
        // A fold merges whole ladders.
        if !copies::find(&session.target).is_empty() {
            session.complete()?;
            session.fold_copies()?;
        }
        Ok(Recording { session })
    }

    /// Puts in the attempts still being decoded, if any; should they not decode (a mistake of `ladder`'s own:
    /// the snapshot's checksum held), the file is parsed instead.
    pub(super) fn complete(&mut self) -> Result<()> {
        let Some(coming) = self.coming.take() else { return Ok(()) };
        match coming.wait().0 {
            Some(attempts) => self.ladder.attempts = attempts,
            None => self.ladder = self.parsed()?,
        }
        Ok(())
    }

    /// The ladder in the text read, parsed.
    pub(super) fn parsed(&self) -> Result<Ladder> {
        let raw = self.raw().unwrap_or_default();
        Ok(super::parse(&self.shown, raw, &self.happened)?.0)
    }

    /// Locks the file and reads its text alone, for `undo`: it needs the text and the history, never the ladder
    /// in it (decoding that was a third of an undo on years of use, and its memory). The text to take a change
    /// back from must be one `ladder` wrote (or it reads it then, three-way), so it is never one it cannot read.
    pub(super) fn open_text(location: &Location, now: DateTime<FixedOffset>) -> Result<Session> {
        Session::open_locked(location, now, Want::Text)
    }

    fn open_locked(location: &Location, now: DateTime<FixedOffset>, want: Want) -> Result<Session> {
        let path = &location.path;
        // A command on a copy would change it, or fold it into itself: the ladder is the file to change.
        if let Some(ladder) = copies::original_of(path) {
            return Err(Store::IsACopy { path: path.clone(), ladder }.into());
        }
        let target = resolve_links(path)?;
        // A save encrypts by the name of the file it writes: a link must not lead an encrypted ladder to a plain
        // name, nor the other way.
        if super::crypt::is_sealed_path(path) != super::crypt::is_sealed_path(&target) {
            return Err(Store::MixedLink { path: path.clone(), target }.into());
        }
        // Nothing is made beside a device, a FIFO or a folder: not even a lock file.
        match fs::metadata(&target) {
            Ok(meta) if !meta.is_file() => return Err(private::not_a_file(path, &meta).into()),
            _ => {}
        }
        let dir = parent(&target);
        private::create_private_dir(dir).doing_with(|| Doing::CreateFolder(dir.to_path_buf()))?;
        let lock = lock(&target, location.places.state.as_deref())?;
        let cache = location.places.cache.clone();
        let mut coming = None;
        let read = if want == Want::Text {
            match super::read_raw(path)? {
                Some(raw) => {
                    let file = Fingerprint::of(raw.as_bytes());
                    // A text with a snapshot was read cleanly before; any other is parsed now (not read again:
                    // an encrypted one, which has no snapshot, would be decrypted twice), so that a file ladder
                    // cannot read is refused here, naming its line, as by every command.
                    if cache::quick(location.places.cache.as_deref(), path, file).is_none() {
                        Some(text_of(location, raw, file)?)
                    } else {
                        Some(Text { raw, file, ladder: Ladder::default(), layout: Layout::default() })
                    }
                }
                None => None,
            }
        } else {
            read_text(location, want == Want::LadderAttemptsComing)?.map(|(text, attempts)| {
                coming = attempts;
                text
            })
        };
        let (text, ladder) = if let Some(Text { raw, file, ladder, layout }) = read {
            (Some((raw, file, layout)), ladder)
        } else {
            // Encrypted or decrypted by another command while this one waited for the lock (each name has a
            // lock of its own): the ladder is there under its other name, and a new one is never started.
            let other = if super::crypt::is_sealed_path(path) {
                super::crypt::plain_path(path)
            } else {
                super::crypt::sealed_path(path)
            };
            if fs::symlink_metadata(&other).is_ok() {
                return Err(Store::Became { path: path.clone(), other }.into());
            }
            // A new ladder is never started encrypted: there are no keys (nor passphrase) to encrypt it to.
            if super::crypt::is_sealed_path(path) {
                return Err(Store::NoSealedLadder { sealed: path.clone(), plain: other }.into());
            }
            (None, edit::new_ladder())
        };
        // An encrypted ladder is saved to its keys: a keys file that is missing or broken, or that holds a key
        // this device has not confirmed, stops the change here, in one line, before anything else is said or done.
        if text.is_some() && super::crypt::is_sealed_path(path) {
            let recipients = super::crypt::recipients_of(path)?;
            if let (super::crypt::Recipients::Keys(keys), Some(state)) = (recipients, &location.places.state) {
                super::crypt::refuse_unconfirmed(path, &super::crypt::unconfirmed(state, &target, &keys))?;
            }
        }
        let history = match &location.places.state {
            Some(state) => History::of(state, &target),
            None => Err(io::Error::new(io::ErrorKind::NotFound, Error::from(Store::NoStateForHistory))),
        };
        // An undo killed midway is finished, or found never to have happened, before anything else.
        if let Ok(history) = &history {
            history.settle(text.as_ref().map(|(raw, _, _)| raw.as_bytes()));
            // An empty file where ladder last wrote a ladder is most likely one being saved this instant (an
            // editor truncates, then writes): a change saved over it would take the place of all it is about to
            // hold again.
            let empty = text.as_ref().is_some_and(|(raw, _, _)| split_bom(raw).1.trim().is_empty());
            if empty && history.latest().is_some_and(|latest| !latest.trim_ascii().is_empty()) {
                return Err(Store::EmptiedSince(path.clone()).into());
            }
        }
        let happened = Arc::clone(&location.happened);
        let mut session = Session {
            shown: path.clone(),
            target,
            _lock: lock,
            text,
            ladder,
            cache,
            history,
            now,
            fold: None,
            happened,
            answers: location.answers,
            merges: location.merges,
            beside: Mutex::new(None),
            coming,
        };
        // An entry whose uid line a hand edit deleted is read with a derived uid: it gets back the one the last
        // text ladder wrote gave it, before the command builds its changes on it (the first save writes it).
        let known = match (&session.history, &session.text) {
            (Ok(history), Some((_, _, layout))) if want != Want::Text && !layout.current => {
                let read =
                    |text: &[u8]| std::str::from_utf8(text).ok().and_then(|t| Ladder::parse(split_bom(t).1).ok());
                history.latest().as_deref().and_then(read)
            }
            _ => None,
        };
        if let Some(known) = known {
            session.complete()?;
            session.ladder.restore_uids(&known);
        }
        Ok(session)
    }

    /// Whether conflict copies were folded into the text, to be saved with the command's change.
    pub fn folding(&self) -> bool {
        self.fold.is_some()
    }

    /// The conflict copies folded into the text (none when nothing was folded in).
    pub fn folded_copies(&self) -> Vec<&Path> {
        self.fold.as_ref().map(|fold| fold.copies.iter().map(PathBuf::as_path).collect()).unwrap_or_default()
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
                Some(edit::upgrade(split_bom(raw).1, &self.ladder).map_err(|why| self.unsafe_edit(why))?)
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

    /// `commit`, with `work` done on the ladder as it will be once saved, on a thread of its own while the save
    /// waits for the disk, and its result given back with the ladder. On years of use, what `done` says after
    /// it records an attempt (the survey for the next step, the nudges, the text made safe to show) was 4.5 of
    /// its 18.5 million instructions (callgrind), done after a wait for the disk of 1.5-2 ms.
    /// `work` is given the ladder before the change, on the command's own thread, and gives back the work on
    /// the ladder after it.
    pub fn commit_beside<F, T>(
        self,
        changes: &[Change],
        description: &str,
        work: impl FnOnce(&Ladder) -> F,
    ) -> Result<(Ladder, T)>
    where
        F: Fn(&Ladder) -> T + Send + Sync + 'static,
        T: Send + 'static,
    {
        let work = Arc::new(work(&self.ladder));
        let done: Arc<Mutex<Option<T>>> = Arc::new(Mutex::new(None));
        let (run, into) = (Arc::clone(&work), Arc::clone(&done));
        let beside: Beside = Box::new(move |ladder: &Ladder| {
            *into.lock().unwrap_or_else(PoisonError::into_inner) = Some(run(ladder));
        });
        *self.beside.lock().unwrap_or_else(PoisonError::into_inner) = Some(beside);
        let ladder = self.commit(changes, description)?;
        // Not done beside the save (no thread for it, or nothing to save): done now.
        let done = done.lock().unwrap_or_else(PoisonError::into_inner).take().unwrap_or_else(|| work(&ladder));
        Ok((ladder, done))
    }

    pub(super) fn unsafe_edit(&self, why: Edit) -> Error {
        Store::UnsafeEdit { shown: self.shown.clone(), why }.into()
    }

    /// Edits the text (or its `upgraded` form) the careful way and writes it whole.
    pub(super) fn rewrite(
        &self,
        changes: &[Change],
        expected: &Ladder,
        description: &str,
        upgraded: Option<&str>,
    ) -> Result<()> {
        let (bom, body) = self.raw().map_or(("", ""), split_bom);
        let new_file = edit::new_file();
        let body = if self.text.is_none() { new_file.as_str() } else { upgraded.unwrap_or(body) };
        let (new_body, layout) = self.edit(body, changes, expected)?;
        self.replace(&format!("{bom}{new_body}"), description, Some((expected, layout)))
    }

    /// The careful way: edit the text in place, then check that it reads back as `expected`.
    pub(super) fn edit(&self, body: &str, changes: &[Change], expected: &Ladder) -> Result<(String, Layout)> {
        let unsafe_edit = |why: Edit| self.unsafe_edit(why);
        let new_body = edit::apply_all(body, changes).map_err(unsafe_edit)?;
        match Ladder::parse_file(&new_body) {
            Ok((ladder, layout)) if ladder == *expected => Ok((new_body, layout)),
            Ok(_) => Err(unsafe_edit(Edit::ReadsBackDifferently)),
            Err(err) => Err(unsafe_edit(Edit::Unreadable(err.why))),
        }
    }

    /// Writes the whole file, first noting in the undo history how to get the old one back.
    pub fn write(&self, new: &str, description: &str) -> Result<()> {
        self.replace(new, description, None)
    }

    /// Writes the whole file, unless it would not change, and the snapshot of the ladder in it, if given.
    pub(super) fn replace(&self, new: &str, description: &str, snapshot: Option<(&Ladder, Layout)>) -> Result<()> {
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
    pub(super) fn insert(
        &self,
        insertion: &edit::Insertion,
        description: &str,
        snapshot: (&Ladder, Layout),
    ) -> Result<()> {
        let (parts, written, record) = self.inserted(insertion);
        self.save_known(&parts, written, record, description, Some(snapshot))
    }

    /// The text with `insertion` made, in three parts (before, the insertion, after), its fingerprint, and its
    /// undo record.
    pub(super) fn inserted<'a>(&'a self, insertion: &'a edit::Insertion) -> ([&'a [u8]; 3], Fingerprint, Record) {
        let raw = self.raw().unwrap_or("");
        let (before, after) = raw.as_bytes().split_at(split_bom(raw).0.len() + insertion.at);
        let parts = [before, insertion.text.as_bytes(), after];
        let sums = (self.text.as_ref().map(|(_, file, _)| *file), Fingerprint::of_parts(&parts));
        let record = Record::known(Some(raw.as_bytes()), &parts, Some((before.len(), after.len())), sums);
        (parts, sums.1, record)
    }

    /// Saves the new text, given in `parts`, after adding its record to the undo history.
    ///
    /// The snapshot of the new ladder, if given, is written on a second thread meanwhile: a save spends most
    /// of its time waiting for the disk. Until the new text is in place the snapshot matches no file, so
    /// nothing reads it early; should the save fail, it never will.
    pub(super) fn save(
        &self,
        parts: &[&[u8]],
        record: Record,
        description: &str,
        snapshot: Option<(&Ladder, Layout)>,
    ) -> Result<()> {
        self.save_known(parts, Fingerprint::of_parts(parts), record, description, snapshot)
    }

    /// `save`, with the fingerprint of the new text known (`written`).
    pub(super) fn save_known(
        &self,
        parts: &[&[u8]],
        written: Fingerprint,
        mut record: Record,
        description: &str,
        snapshot: Option<(&Ladder, Layout)>,
    ) -> Result<()> {
        record.description = description.to_string();
        record.at = self.now.to_rfc3339();
        thread::scope(|scope| {
            if let Some((ladder, layout)) = snapshot {
                let keep =
                    move || cache::save(self.cache.as_deref(), &self.shown, written, (ladder, layout), self.answers);
                // Without a second thread, the snapshot is written first: it is only a cache.
                if thread::Builder::new().spawn_scoped(scope, keep).is_err() {
                    keep();
                }
                // Should no thread start for it, `commit_beside` does the command's work once the save is done.
                if let Some(beside) = self.beside.lock().unwrap_or_else(PoisonError::into_inner).take() {
                    let _ = thread::Builder::new().spawn_scoped(scope, move || beside(ladder));
                }
            }
            self.write_recorded(parts, Some(record))
        })
    }

    /// Adds the record to the history (after the fold's, if there is a fold), then writes the file; records whose
    /// save failed are taken back, so the history's newest record is always the last change that really
    /// happened. Once the file is saved, the folded copies are put away.
    pub(super) fn write_recorded(&self, parts: &[&[u8]], record: Option<Record>) -> Result<()> {
        remove_stale_temps(&self.target);
        let said = record.as_ref().map_or(Saved::Fold, |r| Saved::Change(r.description.clone()));
        let (records, folding) = match &self.history {
            Ok(_) => {
                let fold = self.fold.as_ref().and_then(|fold| self.fold_record(fold));
                let folding = fold.is_some();
                (fold.into_iter().chain(record).collect(), folding)
            }
            Err(why) => {
                self.happened.note(Notice::NotUndoable(why.to_string()));
                (Vec::new(), false)
            }
        };
        // The texts the records go from and to, and how many they are: for the copy of the last text.
        let ends = (records.first().map(|r: &Record| r.before.clone()), records.last().map(|r| r.written.clone()));
        let made = match ends {
            (Some(from), Some(written)) => Some((from, written, records.len())),
            _ => None,
        };
        // The records are added to the history while the new text is written and synced, and are there before
        // it takes the file's place (on years of use, 0.25-0.6 ms of a `done` before, strace).
        let records = Mutex::new(Some(records));
        let push = || records.lock().unwrap_or_else(PoisonError::into_inner).take().map(|r| self.push_all(r, folding));
        let (written, pushed) = thread::scope(|scope| {
            let thread = Cell::new(thread::Builder::new().spawn_scoped(scope, push).ok());
            // Joined once: before the check, or after a write that failed before it.
            let pushed = OnceCell::new();
            let joined = || {
                pushed.get_or_init(|| match thread.take().map(thread::ScopedJoinHandle::join) {
                    Some(Ok(done)) => done,
                    Some(Err(panic)) => std::panic::resume_unwind(panic),
                    None => push(),
                })
            };
            let written = self.write_ladder_after(parts, &|| match joined() {
                // Nothing is saved; the push's own error is told below.
                Some(Err(_)) => Err(io::Error::from(io::ErrorKind::Other).into()),
                _ => Ok(()),
            });
            joined();
            (written, pushed.into_inner().flatten())
        });
        let (pushed, fold_record) = match pushed {
            Some(Ok(pushed)) => pushed,
            Some(Err(err)) => return Err(err.during(Doing::AddToHistory)),
            None => (Vec::new(), None),
        };
        match written {
            Ok(()) => {
                self.happened.saved_now();
                self.happened.changed(said);
                if let Ok(history) = &self.history {
                    match &made {
                        Some((from, written, added)) => history.saved(parts, from.as_deref(), written, *added),
                        None => {
                            history.keep_latest(parts);
                        }
                    }
                }
                if let Some(fold) = &self.fold {
                    self.put_away(fold, fold_record.as_deref());
                }
                Ok(())
            }
            Err(err) => {
                remove_all(&pushed);
                Err(err.during(Doing::Save(self.shown.clone())))
            }
        }
    }

    /// Whether the file on disk is still the bytes that were read: checked under the lock, just before the
    /// new text is put in its place. How the file looked then, for `write_watched`; `None` when there is none.
    pub(super) fn unchanged(&self) -> Result<Option<Identity>> {
        #[cfg(debug_assertions)]
        pause_for_test("LADDER_TEST_PAUSE");
        let raced = || Error::Raced { shown: self.shown.clone() };
        // The bytes read are at hand: compared as they are read again, rather than hashed (on years of use
        // 1.1 million instructions less of a `done`'s 19, callgrind). An encrypted ladder's text is its plain
        // text, which only its fingerprint stands for.
        let bytes = match &self.fold {
            Some(fold) => fold.before.as_ref().map(|(raw, _)| raw),
            None => self.text.as_ref().map(|(raw, _, _)| raw),
        };
        if let Some(bytes) = bytes.filter(|_| !super::crypt::is_sealed_path(&self.target)) {
            return match same_bytes(&self.target, bytes.as_bytes()) {
                Ok(Some(seen)) => Ok(Some(seen)),
                Ok(None) => Err(raced()),
                Err(err) if err.kind() == io::ErrorKind::NotFound => Err(raced()),
                Err(err) => Err(err.into()),
            };
        }
        // Looked at before it is read: a write after that changes what the swap finds.
        let seen = fs::metadata(&self.target).map(|meta| Identity::of(&meta));
        let now = match Fingerprint::of_file(&self.target) {
            Ok(file) => Some(file),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(err.into()),
        };
        let read = match &self.fold {
            Some(fold) => fold.before.as_ref().map(|(_, file)| *file),
            None => self.text.as_ref().map(|(_, file, _)| *file),
        };
        if now != read {
            return Err(raced());
        }
        Ok(now.and(seen.ok()))
    }

    /// Adds `records` to the history, in order; should one fail, those added are taken back. The paths added,
    /// and that of the fold's record, when the first is one (`fold_record`).
    fn push_all(&self, records: Vec<Record>, folding: bool) -> Result<(Vec<PathBuf>, Option<PathBuf>)> {
        let Ok(history) = &self.history else { return Ok((Vec::new(), None)) };
        let mut pushed = Vec::new();
        for record in records {
            match history.push(record) {
                Ok(path) => pushed.push(path),
                Err(err) => {
                    remove_all(&pushed);
                    return Err(err);
                }
            }
        }
        let fold_record = pushed.first().filter(|_| folding).cloned();
        Ok((pushed, fold_record))
    }

    /// Writes the ladder with `parts`, once it is found unchanged; a write to the file in the instant after that
    /// check is a race too (`write_watched`): the file is left as that write left it.
    pub(super) fn write_ladder(&self, parts: &[&[u8]]) -> Result<()> {
        self.write_ladder_after(parts, &|| Ok(()))
    }

    /// `write_ladder`, once `first` (called after the new text is written, before the check) allows.
    fn write_ladder_after(&self, parts: &[&[u8]], first: &dyn Fn() -> Result<()>) -> Result<()> {
        let check = || {
            first()?;
            self.unchanged()
        };
        match super::save::write_watched(&self.target, parts, &check)? {
            Watched::Saved(replaced) => {
                if let Some(replaced) = replaced {
                    self.happened.later(replaced);
                }
                Ok(())
            }
            Watched::Raced => Err(Error::Raced { shown: self.shown.clone() }),
        }
    }
}

/// Whether the regular file at `path` (a symlink to one is followed) holds exactly `expected`, read in pieces:
/// nothing the size of the file is held. How it looked as it was opened, when it does.
fn same_bytes(path: &std::path::Path, expected: &[u8]) -> io::Result<Option<Identity>> {
    use std::io::Read;
    let mut file = private::open_regular(path, true)?;
    let seen = Identity::of(&file.metadata()?);
    if seen.len() != expected.len() as u64 {
        return Ok(None);
    }
    let mut buffer = vec![0; 64 * 1024];
    let mut rest = expected;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Ok(rest.is_empty().then_some(seen)),
            Ok(n) => match rest.split_at_checked(n) {
                Some((piece, after)) if piece == &buffer[..n] => rest = after,
                _ => return Ok(None),
            },
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

/// Takes back the undo records of a save that failed.
pub(super) fn remove_all(records: &[PathBuf]) {
    for path in records {
        let _ = fs::remove_file(path);
    }
}

/// In tests only: ends the process at once, as `kill -9` would, at the step named by `LADDER_TEST_ABORT`.
#[cfg(debug_assertions)]
pub(super) fn abort_for_test(step: &str) {
    if std::env::var_os("LADDER_TEST_ABORT").is_some_and(|at| at == step) {
        std::process::abort();
    }
}

/// In tests only: before the check that precedes a rename, says so through the FIFO `here` in the folder
/// named by `LADDER_TEST_PAUSE`, then waits for a byte on the FIFO `go` there, so that a test can play an
/// editor saving the file at exactly that moment.
#[cfg(debug_assertions)]
pub(super) fn pause_for_test(var: &str) {
    use std::io::{Read, Write};
    if let Some(dir) = std::env::var_os(var).map(PathBuf::from) {
        let _ = fs::OpenOptions::new().write(true).open(dir.join("here")).and_then(|mut f| f.write_all(b"x"));
        let _ = File::open(dir.join("go")).and_then(|mut f| f.read(&mut [0; 1]));
    }
}
