//! Taking changes back: the undo chain of the history, onto the file as it was or as it is now.

use std::fs;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::error::{Context, Doing, Error, Result, Store};
use crate::file::merge;
use crate::model::Ladder;
use crate::model::merged::{Merges, Renumbered};

use super::cache::{self, Fingerprint};
use super::fold::FOLDED;
use super::history::{History, Record};
use super::{Location, Session, copies, resolve_links, split_bom};

/// What `ladder history` shows: the changes `ladder undo` can take back, newest first, and whether the file
/// was changed by hand since `ladder`'s last change (then nothing can be).
pub struct Past {
    pub changes: Vec<Undoable>,
    pub edited_since: bool,
    /// Whether the file changed since `ladder`'s last change (a pull, a fold, a hand edit) while the changes
    /// can still be taken back onto it, three-way.
    pub changed_since: bool,
    /// Entries a merge (or an edit) gave another ID since `ladder` last wrote the file: the changes listed name
    /// them by the IDs they had (see `model::merged::renumbered`).
    pub renumbered: Vec<Renumbered>,
}

/// The undo history of the ladder file, read without a lock and without creating anything.
pub fn history(location: &Location) -> Result<Past> {
    let none = Past { changes: Vec::new(), edited_since: false, changed_since: false, renumbered: Vec::new() };
    let target = resolve_links(&location.path)?;
    let current = match Fingerprint::of_file(&target) {
        Ok(file) => file.hex(),
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(none),
        Err(err) => return Err(err.into()),
    };
    let Some(state) = &location.places.state else { return Ok(none) };
    let Some(history) = History::existing(state, &target).map_err(Store::NoHistory)? else {
        return Ok(none);
    };
    if let Some(dir) = history.key_broken() {
        return Err(Store::HistoryKeyBroken(dir.to_path_buf()).into());
    }
    let mut chain = history.chain(&current);
    let mut onto = false;
    let mut renumbered = Vec::new();
    if chain.is_empty()
        && let Some((latest, from_latest)) = onto_changed(&history)
    {
        (chain, onto) = (from_latest, true);
        // Read only when the file changed since: a merge may have renumbered what the changes name. Its plain
        // text, as every read of the ladder (an encrypted one decrypted, a file that is not regular refused).
        if let Ok(Some(now)) = super::read_raw(&target) {
            renumbered = renumbered_since(&latest, None, now.as_bytes());
        }
    }
    let edited_since = chain.is_empty() && history.newest().is_some();
    let changes = chain.into_iter().map(|r| Undoable { description: r.description, at: r.at }).collect();
    Ok(Past { changes, edited_since, changed_since: onto, renumbered })
}

/// Takes back the last `count` changes `ladder` made to the file (see `Session::undo`). A file that is not
/// there has nothing to undo, and nothing is created for it.
pub fn undo(location: &Location, now: DateTime<FixedOffset>, count: usize) -> Result<Vec<Undone>> {
    if !location.path.exists() {
        return Err(Store::NothingToUndo(location.path.clone()).into());
    }
    Session::open_text(location, now)?.undo_folds(count)
}

/// A change `ladder undo` took back: what it was, and for a fold of conflict copies, what the fold had brought
/// in and where each of its copies is now (`Ok`: back beside the ladder; `Err`: still in `ladder-merged/`).
pub struct Undone {
    pub description: String,
    pub fold: Option<(Taken, Vec<std::result::Result<PathBuf, PathBuf>>)>,
    /// Whether it was taken back onto a file that had changed otherwise since (a pull, a hand edit).
    pub onto_changed: bool,
    /// Whether that file no longer held anything of it (another device forgot the attempt since, say), so
    /// nothing in the file changed: only the undo history moved past it.
    pub already_gone: bool,
    /// Entries the file holds under another ID than the change named them by (a merge renumbered them since).
    pub renumbered: Vec<Renumbered>,
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
    pub(super) fn between(written: &[u8], restored: Option<&[u8]>) -> Taken {
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
pub(super) fn new_uids<'a>(after: impl Iterator<Item = &'a str>, before: impl Iterator<Item = &'a str>) -> usize {
    let before: std::collections::HashSet<&str> = before.collect();
    after.filter(|uid| !before.contains(uid)).count()
}

/// One change `ladder` made, as `ladder history` lists it.
pub struct Undoable {
    pub description: String,
    pub at: String,
}

impl Session {
    /// Takes back the last `count` changes `ladder` made, in one save, returning their descriptions, newest
    /// first. Each must apply to the text the one after it gives back, and each restored text must be
    /// exactly the text that was there; otherwise nothing is changed.
    pub fn undo(self, count: usize) -> Result<Vec<String>> {
        Ok(self.undo_folds(count)?.into_iter().map(|undone| undone.description).collect())
    }

    /// As `undo`, telling for each fold taken back what it had brought in, and putting its copies back beside
    /// the ladder.
    pub fn undo_folds(self, count: usize) -> Result<Vec<Undone>> {
        let history =
            self.history.as_ref().map_err(|why| Store::CannotUndo(io::Error::new(why.kind(), why.to_string())))?;
        if let Some(dir) = history.key_broken() {
            return Err(Store::HistoryKeyBroken(dir.to_path_buf()).into());
        }
        let shown = &self.shown;
        let current = self.text.as_ref().map(|(raw, file, _)| (raw.as_bytes(), file.hex()));
        let Some((raw, fingerprint)) = current else {
            return Err(Store::NothingToUndo(shown.clone()).into());
        };
        let chain = history.chain_of(&fingerprint, count);
        if chain.is_empty()
            && let Some((latest, chain)) = onto_changed(history)
        {
            return self.undo_onto(history, &latest, &chain, count, raw);
        }
        if chain.is_empty() {
            if history.damaged() {
                return Err(Store::LastRecordDamaged.into());
            }
            if history.newest().is_none() {
                return Err(Store::NoRecordOf(shown.clone()).into());
            }
            return Err(Store::ChangedSince(shown.clone()).into());
        }
        let (text, mut undone) = restore_chain(raw, &chain, count, false)?;
        let text = text.as_ref().map(Restored::pieces);
        // Records newer than the last change that landed are of saves that never did (killed before their
        // rename): made from the text this undo takes back, they would stand in the way of every record older
        // than it. They go with it.
        let never_landed = history.never_landed_after(chain[0].seq);
        begin(history, text.as_deref(), (&chain[..count], &never_landed), text.as_deref())?;
        #[cfg(debug_assertions)]
        super::session::abort_for_test("undo-noted");
        match &text {
            Some(restored) => {
                // The next command reads the restored text from its snapshot, as after any other change: the
                // one it had before, when it is still there (then the text was read once already, unchanged).
                let file = Fingerprint::of_parts(restored);
                if !cache::restore(self.cache.as_deref(), &self.shown, file) {
                    let restored = restored.concat();
                    let parsed =
                        std::str::from_utf8(&restored).ok().and_then(|t| Ladder::parse_file(split_bom(t).1).ok());
                    let Some((ladder, layout)) = parsed else {
                        return Err(Store::UndoUnreadable.into());
                    };
                    cache::save(self.cache.as_deref(), &self.shown, file, (&ladder, layout), self.answers);
                }
                self.write_ladder(restored)
                    .doing_with(|| Doing::Save(shown.clone()))
                    .inspect_err(|_| history.abandon_undo())?;
            }
            None => fs::remove_file(&self.target)
                .doing_with(|| Doing::Remove(shown.clone()))
                .inspect_err(|_| history.abandon_undo())?,
        }
        #[cfg(debug_assertions)]
        super::session::abort_for_test("undo-written");
        self.happened.saved_now();
        self.happened.changed(super::hooks::undid(&undone));
        self.forget_undone(history, &chain[..count], &mut undone);
        history.forget_seqs(&never_landed);
        #[cfg(debug_assertions)]
        super::session::abort_for_test("undo-forgot");
        history.end_undo();
        Ok(undone)
    }

    /// Forgets the records of the changes taken back, putting each undone fold's copies back beside the ladder.
    pub(super) fn forget_undone(&self, history: &History, chain: &[Record], undone: &mut [Undone]) {
        for (record, undone) in chain.iter().zip(undone) {
            #[cfg(debug_assertions)]
            if record.seq != chain[0].seq {
                super::session::abort_for_test("undo-forgetting");
            }
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
    pub(super) fn undo_onto(
        &self,
        history: &History,
        latest: &[u8],
        chain: &[Record],
        count: usize,
        raw: &[u8],
    ) -> Result<Vec<Undone>> {
        let shown = &self.shown;
        let (text, mut undone) = restore_chain(latest, chain, count, true)?;
        let text = text.map(Restored::into_whole);
        let utf8 = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).ok();
        let (Some(after), Some(now)) = (utf8(latest), utf8(raw)) else {
            return Err(Store::UndoNotUtf8(shown.clone()).into());
        };
        let before = match &text {
            Some(before) => Some(utf8(before).ok_or(Store::HistoryDamaged)?),
            None => None,
        };
        let (after, before, adopted) = uids_by_id(after, &now, before)?;
        let reverted =
            merge::revert_texts(&after, &now, before.as_deref(), self.merges()?).map_err(Store::RevertFailed)?;
        let new = match reverted {
            // The entries that lost their uid line get back the uid they had, as ladder wrote it.
            merge::Reverted::Text(new) => adopted.iter().fold(new, |new, (had, derived)| new.replace(derived, had)),
            merge::Reverted::Clashes(clashes, ladder) => {
                return Err(Error::Clashed {
                    changes: undone.into_iter().map(|u| u.description).collect(),
                    clashes: clashes.into_iter().map(|c| (c.what, c.id, c.field)).collect(),
                    ladder,
                });
            }
        };
        if new == now {
            // Nothing of the changes is left to take out: saying "Undone" would claim a change that did not
            // happen. The history still moves past them, so the next undo goes on from the change before.
            for u in &mut undone {
                u.already_gone = true;
            }
            let latest = text.as_deref().map(|t| [t]);
            begin(history, Some(&[raw]), (&chain[..count], &[]), latest.as_ref().map(|t| &t[..]))?;
            self.forget_undone(history, &chain[..count], &mut undone);
            history.end_undo();
            return Ok(undone);
        }
        mark_gone(&after, &now, &chain[..count], &mut undone, self.merges()?);
        let renumbered = renumbered_since(after.as_bytes(), before.as_deref().map(str::as_bytes), now.as_bytes());
        for u in &mut undone {
            u.renumbered.clone_from(&renumbered);
        }
        let Ok((ladder, layout)) = Ladder::parse_file(split_bom(&new).1) else {
            return Err(Store::UndoUnreadable.into());
        };
        cache::save(
            self.cache.as_deref(),
            &self.shown,
            Fingerprint::of(new.as_bytes()),
            (&ladder, layout),
            self.answers,
        );
        // The records left chain from the text before the changes taken back.
        let latest = text.as_deref().map(|t| [t]);
        begin(history, Some(&[new.as_bytes()]), (&chain[..count], &[]), latest.as_ref().map(|t| &t[..]))?;
        self.write_ladder(&[new.as_bytes()])
            .doing_with(|| Doing::Save(shown.clone()))
            .inspect_err(|_| history.abandon_undo())?;
        self.happened.saved_now();
        self.happened.changed(super::hooks::undid(&undone));
        self.forget_undone(history, &chain[..count], &mut undone);
        history.end_undo();
        Ok(undone)
    }
}

/// `after` and `before` with the uids of entries that lost their `uid` line in `now` (a hand edit that removed
/// them: the file gives them uids derived from what they are) given those derived uids, when the entry with
/// that ID is otherwise as `ladder` wrote it: so that taking a change back onto the file, which matches entries
/// by uid, finds them. Refused when such an entry is not as written and the changes touched it: undo cannot
/// tell whether it is the same entry, and saying "Undone" while it stays would not be true.
/// Also returns the `uid = "..."` lines swapped: each as written, and as derived.
fn uids_by_id(after: String, now: &str, before: Option<String>) -> Result<(String, Option<String>, Adopted)> {
    let parse = |text: &str| Ladder::parse_file(split_bom(text).1).ok().map(|(ladder, _)| ladder);
    let (Some(written), Some(current)) = (parse(&after), parse(now)) else { return Ok((after, before, Vec::new())) };
    let was = before.as_deref().and_then(parse).unwrap_or_default();
    let mut adopted = Vec::new();
    let lost = |uid: &str| !now.contains(uid);
    lost_uids(&written.rungs, &current.rungs, &was.rungs, &lost, &mut adopted)?;
    lost_uids(&written.attempts, &current.attempts, &was.attempts, &lost, &mut adopted)?;
    lost_uids(&written.hesitations, &current.hesitations, &was.hesitations, &lost, &mut adopted)?;
    lost_uids(&written.gifts, &current.gifts, &was.gifts, &lost, &mut adopted)?;
    let mut after = after;
    let mut before = before;
    let lines: Adopted = adopted
        .into_iter()
        .map(|(had, derived)| (format!("uid = \"{had}\""), format!("uid = \"{derived}\"")))
        .collect();
    for (had, derived) in &lines {
        after = after.replace(had, derived);
        before = before.map(|text| text.replace(had, derived));
    }
    Ok((after, before, lines))
}

/// The `uid = "..."` lines of entries that lost theirs: as written, and as derived.
type Adopted = Vec<(String, String)>;

/// For one kind of entry: each entry of `now` whose uid was `lost` (not written in the file) and is not one of
/// `after`'s, beside the entry of `after` with its ID whose uid `now` lacks: the pair of uids to adopt when the
/// two are otherwise the same, else `UidLost` when the changes taken back touched that entry (`before` differs).
fn lost_uids<T: Entry>(
    after: &[T],
    now: &[T],
    before: &[T],
    lost: &dyn Fn(&str) -> bool,
    adopted: &mut Vec<(String, String)>,
) -> std::result::Result<(), Store> {
    let uids =
        |entries: &[T]| entries.iter().map(|e| e.uid().to_string()).collect::<std::collections::HashSet<String>>();
    let (in_after, in_now) = (uids(after), uids(now));
    for entry in now {
        if in_after.contains(entry.uid()) || !lost(entry.uid()) {
            continue;
        }
        let Some(written) = after.iter().find(|a| a.id() == entry.id() && !in_now.contains(a.uid())) else {
            continue;
        };
        let mut same = written.clone();
        *same.uid_mut() = entry.uid().to_string();
        if same == *entry {
            adopted.push((written.uid().to_string(), entry.uid().to_string()));
        } else if before.iter().find(|b| b.uid() == written.uid()) != Some(written) {
            return Err(Store::UidLost { what: T::WHAT, id: entry.id(), uid: written.uid().to_string() });
        }
    }
    Ok(())
}

/// What `lost_uids` needs of an entry.
trait Entry: Clone + PartialEq {
    const WHAT: &'static str;
    fn id(&self) -> u32;
    fn uid(&self) -> &str;
    fn uid_mut(&mut self) -> &mut String;
}

macro_rules! entry {
    ($type:ty, $what:literal) => {
        impl Entry for $type {
            const WHAT: &'static str = $what;
            fn id(&self) -> u32 {
                self.id
            }
            fn uid(&self) -> &str {
                &self.uid
            }
            fn uid_mut(&mut self) -> &mut String {
                &mut self.uid
            }
        }
    };
}

entry!(crate::model::Rung, "rung");
entry!(crate::model::Attempt, "attempt");
entry!(crate::model::Hesitation, "hesitation");
entry!(crate::model::Gift, "gift");

/// Notes, before the ladder is written, what an undo takes back and the text it writes (`History::begin_undo`).
fn begin(
    history: &History,
    restored: Option<&[&[u8]]>,
    (records, also): (&[Record], &[u64]),
    latest: Option<&[&[u8]]>,
) -> Result<()> {
    let restored = restored.map(|text| Fingerprint::of_parts(text).hex());
    let seqs: Vec<u64> = records.iter().map(|r| r.seq).chain(also.iter().copied()).collect();
    history.begin_undo(restored.as_deref(), &seqs, latest).doing(Doing::NoteUndo)
}

/// The last text `ladder` wrote and the records that chain from it, when the file changed otherwise since
/// and that text is known: then a change can be taken back onto the file three-way. `None` when the copy
/// is not of the newest record (a save that never landed, or a copy from before this was kept).
pub(super) fn onto_changed(history: &History) -> Option<(Vec<u8>, Vec<Record>)> {
    let latest = history.latest()?;
    let chain = history.chain(&Fingerprint::of(&latest).hex());
    let newest = history.newest().map(|r| r.seq);
    (chain.first().map(|r| r.seq) == newest && newest.is_some()).then_some((latest, chain))
}

/// The entries of `after` (the last text `ladder` wrote) and `before` (the one the changes taken back give) that
/// the file `now` holds under other IDs: a merge renumbered them since.
fn renumbered_since(after: &[u8], before: Option<&[u8]>, now: &[u8]) -> Vec<Renumbered> {
    let parse = |text: &[u8]| {
        std::str::from_utf8(text).ok().and_then(|t| Ladder::parse(split_bom(t).1).ok()).unwrap_or_default()
    };
    let then: Vec<Ladder> = std::iter::once(after).chain(before).map(parse).collect();
    crate::model::merged::renumbered(&then.iter().collect::<Vec<_>>(), &parse(now))
}

/// Of several changes taken back together onto a file changed since (`now`; `after` is the last text `ladder`
/// wrote), marks those the file no longer held anything of, taking them back one at a time: so that a change
/// another device already took out is said to be gone, not undone, beside one that was. Only the words depend
/// on it: the file written is the one the changes taken back together give.
fn mark_gone(after: &str, now: &str, chain: &[Record], undone: &mut [Undone], merges: Merges) {
    if chain.len() < 2 {
        return;
    }
    let (mut written, mut current) = (after.to_string(), now.to_string());
    for (record, undone) in chain.iter().zip(undone.iter_mut()) {
        let Ok(restored) = record.restore(written.as_bytes()) else { return };
        let Some(before) = restored.map(String::from_utf8).transpose().ok() else { return };
        let Ok(merge::Reverted::Text(next)) = merge::revert_texts(&written, &current, before.as_deref(), merges) else {
            return;
        };
        undone.already_gone = next == current;
        let Some(before) = before else { break };
        (written, current) = (before, next);
    }
    // The changes together changed the file (the caller knows): one at a time, something must have.
    if undone.iter().all(|u| u.already_gone) {
        for u in undone.iter_mut() {
            u.already_gone = false;
        }
    }
}

/// The text before the last `count` changes of `chain`, taken back one by one from `text` (the last one ladder
/// wrote), and what each took back; `None` when the first of them created the file. `onto_changed` when they
/// will be taken back onto a file that changed since.
pub(super) fn restore_chain<'a>(
    text: &'a [u8],
    chain: &'a [Record],
    count: usize,
    onto_changed: bool,
) -> Result<(Option<Restored<'a>>, Vec<Undone>)> {
    if chain.len() < count {
        return Err(Store::OnlyCan(chain.len()).into());
    }
    let mut text = Some(Restored::Read(text));
    let mut undone = Vec::new();
    for record in &chain[..count] {
        let Some(written) = text.take() else { break };
        let restored = match &written {
            // The change made last, taken back from the text as it was read: its pieces, not a copy of them.
            Restored::Read(written) => record.restore_pieces(written).map(|r| r.map(Restored::Pieces)),
            other => record.restore(&other.whole()).map(|r| r.map(Restored::Whole)),
        }
        .map_err(|()| Store::RecordDamaged(record.description.clone()))?;
        let taken = record.description.starts_with(FOLDED).then(|| {
            let before = restored.as_ref().map(Restored::whole);
            Taken::between(&written.whole(), before.as_deref())
        });
        undone.push(Undone {
            description: record.description.clone(),
            fold: taken.map(|taken| (taken, Vec::new())),
            onto_changed,
            already_gone: false,
            renumbered: Vec::new(),
        });
        text = restored;
    }
    Ok((text, undone))
}

/// A text an undo gives back: pieces of the text it took the change back from (the last change, the usual
/// undo: on years of use two copies of 1.4 MB fewer), or a text of its own.
pub(super) enum Restored<'a> {
    /// The text read, before anything is taken back.
    Read(&'a [u8]),
    Pieces([&'a [u8]; 3]),
    Whole(Vec<u8>),
}

impl Restored<'_> {
    /// The pieces to write one after another.
    fn pieces(&self) -> Vec<&[u8]> {
        match self {
            Restored::Read(text) => vec![text],
            Restored::Pieces(pieces) => pieces.to_vec(),
            Restored::Whole(text) => vec![text],
        }
    }

    /// The text in one piece.
    fn whole(&self) -> std::borrow::Cow<'_, [u8]> {
        match self {
            Restored::Read(text) => (*text).into(),
            Restored::Pieces(pieces) => pieces.concat().into(),
            Restored::Whole(text) => text.into(),
        }
    }

    fn into_whole(self) -> Vec<u8> {
        match self {
            Restored::Read(text) => text.to_vec(),
            Restored::Pieces(pieces) => pieces.concat(),
            Restored::Whole(text) => text,
        }
    }
}
