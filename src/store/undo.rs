//! Taking changes back: the undo chain of the history, onto the file as it was or as it is now.

use std::fs;
use std::io;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, FixedOffset};

use std::fmt;

use crate::file::merge;
use crate::model::Ladder;

use super::cache::{self, Fingerprint};
use super::fold::FOLDED;
use super::history::{History, Record};
use super::save::write_atomic;
use super::{Location, Raced, Session, copies, resolve_links, split_bom};

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
        begin(history, text.as_deref(), &chain[..count], text.as_deref())?;
        #[cfg(debug_assertions)]
        super::session::abort_for_test("undo-noted");
        match &text {
            Some(restored) => {
                // The next command reads the restored text from its snapshot, as after any other change: the
                // one it had before, when it is still there (then the text was read once already, unchanged).
                let file = Fingerprint::of(restored);
                if !cache::restore(self.cache.as_deref(), &self.shown, file) {
                    let parsed =
                        std::str::from_utf8(restored).ok().and_then(|t| Ladder::parse_file(split_bom(t).1).ok());
                    let Some((ladder, layout)) = parsed else {
                        bail!("undoing would give back a file ladder cannot read; nothing was changed");
                    };
                    cache::save(self.cache.as_deref(), &self.shown, file, (&ladder, layout), self.answers);
                }
                write_atomic(&self.target, &[restored], true, &|| self.unchanged())
                    .map_err(|err| if err.is::<Raced>() { err } else { err.context(format!("cannot save {shown}")) })
                    .inspect_err(|_| history.abandon_undo())?;
            }
            None => fs::remove_file(&self.target)
                .with_context(|| format!("cannot remove {shown}"))
                .inspect_err(|_| history.abandon_undo())?,
        }
        #[cfg(debug_assertions)]
        super::session::abort_for_test("undo-written");
        self.happened.saved_now();
        self.happened.changed(super::hooks::undid(&undone));
        self.forget_undone(history, &chain[..count], &mut undone);
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
        if new == now {
            // Nothing of the changes is left to take out: saying "Undone" would claim a change that did not
            // happen. The history still moves past them, so the next undo goes on from the change before.
            for u in &mut undone {
                u.already_gone = true;
            }
            begin(history, Some(raw), &chain[..count], text.as_deref())?;
            self.forget_undone(history, &chain[..count], &mut undone);
            history.end_undo();
            return Ok(undone);
        }
        let Ok((ladder, layout)) = Ladder::parse_file(split_bom(&new).1) else {
            bail!("undoing would give back a file ladder cannot read; nothing was changed");
        };
        cache::save(
            self.cache.as_deref(),
            &self.shown,
            Fingerprint::of(new.as_bytes()),
            (&ladder, layout),
            self.answers,
        );
        // The records left chain from the text before the changes taken back.
        begin(history, Some(new.as_bytes()), &chain[..count], text.as_deref())?;
        write_atomic(&self.target, &[new.as_bytes()], true, &|| self.unchanged())
            .map_err(|err| if err.is::<Raced>() { err } else { err.context(format!("cannot save {shown}")) })
            .inspect_err(|_| history.abandon_undo())?;
        self.happened.saved_now();
        self.happened.changed(super::hooks::undid(&undone));
        self.forget_undone(history, &chain[..count], &mut undone);
        history.end_undo();
        Ok(undone)
    }
}

/// Notes, before the ladder is written, what an undo takes back and the text it writes (`History::begin_undo`).
fn begin(history: &History, restored: Option<&[u8]>, records: &[Record], latest: Option<&[u8]>) -> Result<()> {
    let restored = restored.map(|text| Fingerprint::of(text).hex());
    let seqs: Vec<u64> = records.iter().map(|r| r.seq).collect();
    history
        .begin_undo(restored.as_deref(), &seqs, latest)
        .context("cannot note the undo in its history; nothing was changed")
}

/// The last text `ladder` wrote and the records that chain from it, when the file changed otherwise since
/// and that text is known: then a change can be taken back onto the file three-way. `None` when the copy
/// is not of the newest record (a save that never landed, or a copy from before this was kept).
pub(super) fn onto_changed(history: &History) -> Option<(Vec<u8>, Vec<Record>)> {
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

/// The text before the last `count` changes of `chain`, taken back one by one from `text` (the last one ladder
/// wrote), and what each took back; `None` when the first of them created the file. `onto_changed` when they
/// will be taken back onto a file that changed since.
pub(super) fn restore_chain(
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
            already_gone: false,
        });
        text = restored;
    }
    Ok((text, undone))
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
