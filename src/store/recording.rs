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
                            cache::save_appended(dir, &session.shown, written, snapshot, (kept, 1), session.answers);
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
