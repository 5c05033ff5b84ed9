//! A ladder opened to add one attempt to its journal (`done`), saved while the attempts already in it are still
//! being decoded from its snapshot (`Session::open_to_record`).
//!
//! On years of use (10,000 attempts) their decoding is about 2 ms, the longest step of a `done` before its save,
//! and nothing of the save needs them: the rung, the next attempt's ID and where its text goes are all known
//! from the rest of the snapshot. The attempts are put in beside the save, for what the command says and for
//! the next snapshot.

use std::sync::{Mutex, PoisonError};
use std::thread;

use crate::error::Result;
use crate::file::{Layout, edit};
use crate::model::{Change, Ladder};

use super::cache::{self, Coming, Kept};
use super::{Session, split_bom};

/// A ladder opened by `Session::open_to_record`.
pub struct Recording {
    pub(super) session: Session,
}

impl Recording {
    /// The ladder but its attempts, which may still be coming: its rungs, settings and the rest.
    pub fn rest(&self) -> &Ladder {
        &self.session.ladder
    }

    /// The ID the next attempt gets; `None` once the highest there can be is taken.
    pub fn next_attempt_id(&self) -> Option<u32> {
        let coming = self.session.coming.as_ref().map_or(0, |coming| coming.last_id);
        self.session.ladder.last_attempt_id().max(coming).checked_add(1)
    }

    /// The whole ladder, once its attempts are in.
    pub fn whole(&mut self) -> Result<&Ladder> {
        self.session.complete()?;
        Ok(&self.session.ladder)
    }

    /// `Session::commit_beside`. An attempt that can be appended to the text as it stands is saved while the
    /// attempts already there are still coming; `work` is done on them, and on the ladder as saved, beside the
    /// save. Anything else waits for them and is saved as any change is.
    pub fn commit_beside<F, T>(
        self,
        changes: &[Change],
        description: &str,
        work: impl FnOnce(&Ladder) -> F + Send,
    ) -> Result<(Ladder, T)>
    where
        F: Fn(&Ladder) -> T + Send + Sync + 'static,
        T: Send + 'static,
    {
        let mut session = self.session;
        let spliced = match (&session.coming, &session.text, changes) {
            (Some(_), Some((raw, _, layout)), [change @ Change::AddAttempt(_)]) if layout.current => {
                edit::splice(split_bom(raw).1, change, *layout)
            }
            _ => None,
        };
        match (spliced, session.coming.take()) {
            (Some((insertion, layout)), Some(coming)) => {
                session.save_first(coming, &insertion, layout, changes, description, work)
            }
            (_, coming) => {
                session.coming = coming;
                session.complete()?;
                session.commit_beside(changes, description, work)
            }
        }
    }
}

impl Session {
    /// Saves `insertion`, the one change in `changes`, while the ladder's attempts are still `coming`; beside
    /// the save they are put in, `work` is done on the ladder before the change and after it, and the snapshot
    /// of the new text is written.
    fn save_first<F, T>(
        mut self,
        coming: Coming,
        insertion: &edit::Insertion,
        layout: Layout,
        changes: &[Change],
        description: &str,
        work: impl FnOnce(&Ladder) -> F + Send,
    ) -> Result<(Ladder, T)>
    where
        F: Fn(&Ladder) -> T,
        T: Send,
    {
        let rest = std::mem::take(&mut self.ladder);
        let session = &self;
        let (parts, written, record) = session.inserted(insertion);
        // The snapshot of the new text: the one read with one attempt more, or, when the attempts did not
        // decode from it, written anew.
        let after = |mut ladder: Ladder, then: F, kept: Option<&Kept>| {
            for change in changes {
                ladder.apply(change);
            }
            let said = thread::scope(|scope| {
                let keep = || {
                    let (dir, snapshot) = (session.cache.as_deref(), (&ladder, layout));
                    match kept {
                        Some(kept) => {
                            cache::save_appended(dir, &session.shown, written, snapshot, kept, session.answers);
                        }
                        None => cache::save(dir, &session.shown, written, snapshot, session.answers),
                    }
                };
                if thread::Builder::new().spawn_scoped(scope, keep).is_err() {
                    keep();
                }
                then(&ladder)
            });
            (ladder, said)
        };
        // Taken by the thread beside the save, or by this one once the save is done, should no thread start.
        let inputs = Mutex::new(Some((coming, rest, work)));
        let beside = || {
            let (coming, rest, work) = inputs.lock().unwrap_or_else(PoisonError::into_inner).take()?;
            Some(match coming.wait() {
                (Some(attempts), kept) => {
                    let ladder = Ladder { attempts, ..rest };
                    let then = work(&ladder);
                    Ok(after(ladder, then, Some(&kept)))
                }
                (None, _) => Err(work),
            })
        };
        let (saved, beside_thread) = thread::scope(|scope| {
            let thread = thread::Builder::new().spawn_scoped(scope, beside);
            let saved = session.save_known(&parts, written, record, description, None);
            (saved, thread.map(thread::ScopedJoinHandle::join))
        });
        saved?;
        let done = match beside_thread {
            Ok(Ok(done)) => done,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => beside(),
        };
        let done = match done {
            Some(Ok(done)) => done,
            // The attempts did not decode: the text read is parsed.
            Some(Err(work)) => {
                let ladder = session.parsed()?;
                let then = work(&ladder);
                after(ladder, then, None)
            }
            // Taken by a thread that never gave them back: one that panicked, which its join passed on.
            None => return Err(std::io::Error::from(std::io::ErrorKind::Other).into()),
        };
        // Freed while the command says what it did (the file's text: on years of use 0.2 ms, strace).
        self.happened.later(self.text.take());
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;
    use std::sync::Arc;

    use chrono::DateTime;

    use super::*;
    use crate::model::{Attempt, Outcome, Rung, Source};
    use crate::store::{Location, Places};

    fn location(dir: &Path) -> Location {
        let places = Places { cache: Some(dir.join("cache")), state: Some(dir.join("state")) };
        let happened = Arc::default();
        Location { path: dir.join("ladder.toml"), source: Source::Flag, places, happened, answers: None, merges: None }
    }

    fn attempt(id: u32) -> Change {
        let at = DateTime::parse_from_rfc3339("2026-11-22T18:30:00+01:00").unwrap();
        Change::AddAttempt(Attempt { uid: format!("uid{id:07}"), ..Attempt::new(id, 1, at, Outcome::Yes) })
    }

    /// Attempts in the snapshot that do not decode, its checksums whole (a mistake of `ladder`'s own, never
    /// seen): the save goes on, and the command's work and the next snapshot are done on the file parsed.
    #[test]
    fn attempts_that_do_not_decode_are_read_from_the_file_once_the_save_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let location = location(dir.path());
        let now = DateTime::parse_from_rfc3339("2026-11-22T18:30:00+01:00").unwrap();
        let rung = Rung { uid: "rung0000001".into(), ..Rung::new(1, "Ask Sam", 30) };
        Session::open(&location, now).unwrap().commit(&[Change::AddRung(rung)], "added").unwrap();
        for id in 1..=3 {
            Session::open(&location, now).unwrap().commit(&[attempt(id)], "recorded").unwrap();
        }
        let mut files = fs::read_dir(dir.path().join("cache")).unwrap().flatten().map(|e| e.path());
        let snapshot = files.find(|p| p.extension().is_some_and(|e| e == "snapshot")).unwrap();
        let mut data = fs::read(&snapshot).unwrap();
        // The last byte is the last attempt's uid, in the block's texts: no longer text, with the rest's
        // checksum (head: magic 8, schema 4, build 8, hash 16, length 8, quick length 4, checksums 8 + 8) whole.
        let last = data.len() - 1;
        data[last] = 0xff;
        let quick_len = usize::try_from(u32::from_le_bytes(data[44..48].try_into().unwrap())).unwrap();
        let sum = xxhash_rust::xxh3::xxh3_64(&data[64 + quick_len..]);
        data[56..64].copy_from_slice(&sum.to_le_bytes());
        fs::write(&snapshot, &data).unwrap();

        let recording = Session::open_to_record(&location, now).unwrap();
        assert_eq!(recording.next_attempt_id(), Some(4));
        let work = |before: &Ladder| {
            let had = before.attempts.len();
            move |after: &Ladder| (had, after.attempts.len())
        };
        let (ladder, counts) = recording.commit_beside(&[attempt(4)], "recorded", work).unwrap();
        assert_eq!((counts, ladder.attempts.len()), ((3, 4), 4));
        let text = fs::read_to_string(&location.path).unwrap();
        assert_eq!(Ladder::parse(&text).unwrap(), ladder);
        let file = cache::Fingerprint::of(text.as_bytes());
        let kept = cache::load(location.places.cache.as_deref(), &location.path, file).map(|(ladder, _)| ladder);
        assert_eq!(kept.as_ref(), Some(&ladder), "the next snapshot is of the text saved");
        location.happened.wait();
    }
}
