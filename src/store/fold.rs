//! Folding conflict copies that a sync tool left beside the ladder into it, three-way when a base is known.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::DateTime;

use crate::error::{Error, Result, Store};
use crate::file::edit;
use crate::model::Ladder;
use crate::model::merged::{Dropped, Moved, moved_ids};

use super::cache::Fingerprint;
use super::history::{History, Record};
use super::{Notice, Session, copies, parent, read_regular, split_bom};

/// Conflict copies folded into a session's text in memory. The fold is saved with the command's own change,
/// as a record of its own in the undo history before the change's (so `ladder undo` takes back the change
/// first, then the fold), in one write: a command that fails saves neither, and leaves the copies where they
/// are. A command that succeeds without a change saves the fold alone (`finish`).
pub(super) struct Fold {
    /// The file's text and fingerprint before the fold; `None` when there was no file.
    pub(super) before: Option<(String, Fingerprint)>,
    /// The copies folded in, to put away once the fold is saved.
    pub(super) copies: Vec<PathBuf>,
    /// What the fold moved (an ID both devices had used), to say once it is saved.
    pub(super) moved: Vec<Moved>,
    /// What the fold dropped with an entry one device had forgotten, to say once it is saved.
    pub(super) dropped: Vec<Dropped>,
    /// The copies folded in with no base, as a union, to say once it is saved.
    pub(super) unions: Vec<String>,
}

/// What every fold's record in the undo history starts with.
pub(super) const FOLDED: &str = "folded in ";

impl Session {
    /// Folds the conflict copies beside the file into its text, in memory. A copy that does not read as a
    /// ladder, or that could not be put away afterwards (`ladder-merged` is not a real folder of the user's
    /// own), is named and left where it is.
    pub(super) fn fold_copies(&mut self) -> Result<()> {
        let copies = copies::find(&self.target);
        if copies.is_empty() {
            return Ok(());
        }
        let name = |copy: &PathBuf| copy.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if let Some(why) = copies::why_not_put_away(&self.target) {
            self.happened.note(Notice::NotFolded { names: copies.iter().map(name).collect(), why });
            return Ok(());
        }
        // A text whose uid lines a hand edit deleted is merged as it will be saved: with the uids its entries were
        // given back (else the other device's copy of each would come in as a second entry).
        let mut text = match &self.text {
            Some((raw, _, layout)) if !layout.current => {
                let (bom, body) = (&raw[..raw.len() - split_bom(raw).1.len()], split_bom(raw).1);
                edit::upgrade(body, &self.ladder).map_or_else(|_| raw.clone(), |upgraded| format!("{bom}{upgraded}"))
            }
            Some((raw, _, _)) => raw.clone(),
            None => edit::new_file(),
        };
        let (mut folded, mut moved, mut unions, mut moved_ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut dropped = Vec::new();
        for copy in copies {
            let theirs = read_regular(&copy)
                .map_err(Error::from)
                .and_then(|bytes| super::crypt::open(&copy, bytes, false))
                .and_then(|bytes| String::from_utf8(bytes).map_err(|_| Store::CopyNotText.into()))
                .and_then(|text| {
                    if split_bom(&text).1.trim().is_empty() {
                        Err(Store::CopyEmpty.into())
                    } else if !crate::file::keys::names_a_ladder(&text) {
                        Err(Store::CopyNotALadder.into())
                    } else {
                        Ok(text)
                    }
                });
            let merged = theirs.and_then(|theirs| {
                let base = self.fold_base(&theirs);
                let base_text = base.as_deref().map_or("", |b| split_bom(b).1);
                let merged = crate::file::merge::merge_texts(base_text, &text, &theirs, self.merges()?)
                    .map_err(Store::NotMerged)?;
                Ok((merged, base.is_none()))
            });
            match merged {
                Ok((merged, union)) => {
                    moved.extend(merged.moved.iter().cloned());
                    dropped.extend(merged.dropped);
                    moved_ids.extend(self::moved_ids(&merged.moved, self.now.date_naive()));
                    text = merged.text;
                    if union {
                        unions.push(name(&copy));
                    }
                    folded.push(copy);
                }
                Err(why) => self.happened.note(Notice::CopyLeft { name: name(&copy), why }),
            }
        }
        if folded.is_empty() {
            return Ok(());
        }
        let text = edit::note_moved(&text, &moved_ids).unwrap_or(text);
        let (ladder, layout) = Ladder::parse_file(split_bom(&text).1).map_err(|err| Store::FoldUnreadable(err.why))?;
        let file = Fingerprint::of(text.as_bytes());
        let before = self.text.take().map(|(raw, file, _)| (raw, file));
        self.text = Some((text, file, layout));
        self.ladder = ladder;
        self.fold = Some(Fold { before, copies: folded, moved, dropped, unions });
        Ok(())
    }

    /// The newest version of the ladder that both the file and a copy of it (`theirs`) seem to descend from
    /// (`newest_ancestor`), found among the versions in the undo history: walking back from the file's text;
    /// when the copy is a version this device wrote itself (the sync kept the other device's), from the copy's;
    /// and when neither is (three devices: the sync kept a second device's file, and this copy is a third's),
    /// from the last text this device wrote, for a version both descend from. `None` when no such version is
    /// known: the fold is then a union.
    pub(super) fn fold_base(&self, theirs: &str) -> Option<String> {
        let (Ok(history), Some(ours)) = (&self.history, self.raw()) else { return None };
        let read = |text: &str| Ladder::parse(split_bom(text).1).ok();
        let (their_ladder, our_ladder) = (read(theirs)?, read(ours)?);
        newest_ancestor(history, (ours, &our_ladder), &[&their_ladder], false)
            .or_else(|| newest_ancestor(history, (theirs, &their_ladder), &[&our_ladder], false))
            .or_else(|| {
                // (Most often the last text written is the file itself, walked from already.)
                let latest = String::from_utf8(history.latest()?).ok().filter(|l| l != ours && l != theirs)?;
                let latest_ladder = read(&latest)?;
                newest_ancestor(history, (&latest, &latest_ladder), &[&our_ladder, &their_ladder], true)
            })
    }

    /// Saves the fold alone, for a command that made no change of its own (`ladder sync`, or one that found
    /// nothing to change). Returns how many copies were folded in.
    pub fn finish(self) -> Result<usize> {
        self.save_fold()?;
        Ok(self.fold.as_ref().map_or(0, |fold| fold.copies.len()))
    }

    /// Saves the fold alone, if there is one; a fold that brought nothing new only puts its copies away.
    pub(super) fn save_fold(&self) -> Result<()> {
        let Some(fold) = &self.fold else { return Ok(()) };
        let text = self.raw().unwrap_or_default();
        if fold.before.as_ref().is_some_and(|(raw, _)| raw == text) {
            self.put_away(fold, None);
            return Ok(());
        }
        self.write_recorded(&[text.as_bytes()], None)
    }

    /// The record of the fold in the undo history.
    pub(super) fn fold_record(&self, fold: &Fold) -> Option<Record> {
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
    pub(super) fn put_away(&self, fold: &Fold, record: Option<&Path>) {
        for dropped in &fold.dropped {
            self.happened.note(Notice::Dropped(dropped.clone()));
        }
        for moved in &fold.moved {
            self.happened.note(Notice::Moved(moved.clone()));
        }
        let dir = parent(&self.target).join(copies::MERGED_DIR);
        let mut put = Vec::new();
        for copy in &fold.copies {
            let name = copy.file_name().unwrap_or_default().to_string_lossy().into_owned();
            match copies::put_away(&self.target, copy) {
                Ok((now, kept)) => {
                    put.push((name, kept, now.file_name().unwrap_or_default().to_string_lossy().into_owned()));
                }
                Err(why) => {
                    let still = fs::symlink_metadata(copy).is_ok();
                    self.happened.note(Notice::NotPutAway { name, dir: dir.clone(), why, still });
                }
            }
        }
        if let Some(record) = record.filter(|_| !put.is_empty()) {
            // Put back under the name it has in `ladder-merged/` (an encrypted one, for a plain copy encrypted).
            let moved: Vec<(String, String)> = put.iter().map(|(_, kept, now)| (kept.clone(), now.clone())).collect();
            History::note_moved(record, &moved);
        }
        if !put.is_empty() {
            let names = put.iter().map(|(name, _, _)| name.clone()).collect();
            self.happened.note(Notice::Folded { names, into: self.shown.clone(), dir });
        }
        // Named as it is in `ladder-merged/` (with a number when its name was taken there).
        for (name, _, now) in put.iter().filter(|(name, kept, _)| name != kept) {
            self.happened.note(Notice::CopyEncrypted { name: name.clone(), kept: now.clone() });
        }
        if !fold.unions.is_empty() {
            // Named only when some copies were folded three-way and these were not.
            let all = fold.unions.len() == fold.copies.len();
            self.happened.note(Notice::Union((!all).then(|| fold.unions.clone())));
        }
    }
}

/// The newest version of the ladder, walking back through the undo history from `from`, that each of `others`
/// seems to descend from; `None` when `from` is no version `ladder` wrote, or no version fits. A version fits
/// when each holds every entry it holds, and nothing of any version before it that was changed, removed or
/// cleared here since (`copies::Candidate`): so every version the history gives back is read (up to
/// `history::KEPT`, and only when a copy is folded in), one at a time. Walking from one side of the fold (not
/// `from_may_be_base`), no version is the base for a copy that holds a third value of a field the change that
/// made that version set: a conflict copy is made when both devices changed the ladder, so both set that field
/// at once. Taken for the base, that version would let the copy's value win on this device, and this device's
/// value on the other, where the copy is the other way round; from an older base, both set one aside.
pub(super) fn newest_ancestor(
    history: &History,
    (from, from_ladder): (&str, &Ladder),
    others: &[&Ladder],
    from_may_be_base: bool,
) -> Option<String> {
    let chain = history.chain(&Fingerprint::of(from.as_bytes()).hex());
    if chain.is_empty() {
        return None;
    }
    let read = |text: &[u8]| std::str::from_utf8(text).ok().and_then(|t| Ladder::parse(split_bom(t).1).ok());
    // The versions that fit so far, newest first: each one's place in the walk, with what each of `others`
    // holds otherwise (not its text: were 50 versions to fit, that would be 50 copies of the ladder).
    let mut fits: Vec<(usize, Vec<copies::Candidate>)> = Vec::new();
    let theirs: Vec<copies::Index> = others.iter().map(|other| copies::Index::of(other)).collect();
    let consider = |fits: &mut Vec<_>, place: usize, version: &Ladder, made| {
        let each: Option<Vec<copies::Candidate>> = others
            .iter()
            .zip(&theirs)
            .map(|(other, theirs)| copies::Candidate::of(other, theirs, version, made))
            .collect();
        fits.extend(each.map(|each| (place, each)));
    };
    // The version being walked past: its text, and its ladder once it is an older one than `from`'s.
    let (mut text, mut older_ladder): (Vec<u8>, Option<Ladder>) = (from.as_bytes().to_vec(), None);
    let mut walked = 0;
    for record in &chain {
        let ladder = older_ladder.as_ref().unwrap_or(from_ladder);
        consider(&mut fits, walked, ladder, DateTime::parse_from_rfc3339(&record.at).ok());
        // Older than the file's first version, or a damaged record: the walk ends here.
        let Ok(Some(older)) = record.restore(&text) else { break };
        let Some(older) = read(&older).map(|ladder| (older, ladder)) else { break };
        let index = copies::Index::of(&older.1);
        // The version just walked past (`from` first), whether the copy set a field the change that made it
        // set: then both devices set it at once, and the base is older. Checked only just past `from` before,
        // a copy that set a field this device set two changes back took that version for its base, and its
        // value won without a conflict (attack16).
        fits.retain(|(place, each)| {
            !each.iter().zip(others).any(|(candidate, other)| {
                candidate.made_before(other, &index)
                    || (*place == walked && !from_may_be_base && candidate.set_at_once(other, &index))
            })
        });
        drop(index);
        (text, older_ladder, walked) = (older.0, Some(older.1), walked + 1);
    }
    // The oldest version read, when every record was walked through (else it was considered in the walk).
    if walked == chain.len() {
        consider(&mut fits, walked, older_ladder.as_ref().unwrap_or(from_ladder), None);
    }
    drop((text, older_ladder));
    // The newest that fits, its text given back again from the file's.
    let (place, _) = fits.into_iter().next()?;
    let mut text = from.as_bytes().to_vec();
    for record in &chain[..place] {
        text = record.restore(&text).ok().flatten()?;
    }
    String::from_utf8(text).ok()
}
