//! What a merge of two devices' ladders gives besides the ladder, and the merge itself as plain functions:
//! `rules::merge` decides it, and the layers below the commands (`file`, `store`) are handed it (`Merges`), as
//! they may not import `rules`.

use super::{Ladder, MovedId};

/// An ID that had to change, for the person to read (`output` words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub what: &'static str,
    pub from: u32,
    pub to: u32,
    /// What it is, to recognise it by.
    pub label: Label,
    /// Why it moved: one device had given its ID to an entry it no longer holds (`true`), rather than both
    /// holding an entry with it.
    pub gone: bool,
}

/// How a moved entry is recognised: by its ask or text, or (an attempt) by when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Text(String),
    Made(chrono::DateTime<chrono::FixedOffset>),
}

/// A change one device made to an entry the other device forgot since both had it: the forget stands, and the
/// change went with the entry (the merge says so, `output` words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// "attempt", "hesitation" or "help given".
    pub what: &'static str,
    /// Its ID on the device that changed it.
    pub id: u32,
    pub uid: String,
    /// When it was made, to recognise it by.
    pub made: chrono::DateTime<chrono::FixedOffset>,
    /// Whether the change was (or held) a thank.
    pub thanked: bool,
    /// Whether it held another change than a thank.
    pub changed: bool,
}

/// An entry whose ID changed between a text `ladder` wrote and the file now (a merge renumbered it): its kind
/// ("rung", "attempt", "hesitation" or "help given"), the ID it had, and the ID it has now.
pub type Renumbered = (&'static str, u32, u32);

/// The entries of `then` (a text `ladder` wrote, or the one before it) that `now` holds under another ID, found
/// by uid: so that what the undo history says of an entry names it as it is now.
pub fn renumbered(then: &[&Ladder], now: &Ladder) -> Vec<Renumbered> {
    use std::collections::HashMap;
    fn ids<'a>(items: impl Iterator<Item = (&'a str, u32)>) -> HashMap<&'a str, u32> {
        items.collect()
    }
    let rungs = ids(now.rungs.iter().map(|r| (r.uid.as_str(), r.id)));
    let attempts = ids(now.attempts.iter().map(|a| (a.uid.as_str(), a.id)));
    let hesitations = ids(now.hesitations.iter().map(|h| (h.uid.as_str(), h.id)));
    let gifts = ids(now.gifts.iter().map(|g| (g.uid.as_str(), g.id)));
    let mut out: Vec<Renumbered> = Vec::new();
    let mut note = |what: &'static str, uid: &str, id: u32, now: &HashMap<&str, u32>| {
        if let Some(&to) = now.get(uid)
            && to != id
            && !out.iter().any(|(w, from, _)| *w == what && *from == id)
        {
            out.push((what, id, to));
        }
    };
    for ladder in then {
        for r in &ladder.rungs {
            note("rung", &r.uid, r.id, &rungs);
        }
        for a in &ladder.attempts {
            note("attempt", &a.uid, a.id, &attempts);
        }
        for h in &ladder.hesitations {
            note("hesitation", &h.uid, h.id, &hesitations);
        }
        for g in &ladder.gifts {
            note("help given", &g.uid, g.id, &gifts);
        }
    }
    out
}

/// The moves as the file notes them (`[[moved]]`), on the day of the merge.
pub fn moved_ids(moved: &[Moved], today: chrono::NaiveDate) -> Vec<MovedId> {
    moved.iter().map(|m| MovedId { what: m.what.to_string(), from: m.from, to: m.to, on: Some(today) }).collect()
}

/// Why a change cannot be taken back onto the file as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// "rung", "attempt", "hesitation", "gift" or "settings".
    pub what: &'static str,
    /// Its ID in the file now (0 for settings).
    pub id: u32,
    /// The field changed since, as the file names it; `None` for a rung with attempts recorded since.
    pub field: Option<&'static str>,
}

/// Why no merge could be made: both devices gave entries of a kind (`what`) the ID `id`, and no ID is left
/// above the highest in use (`u32::MAX`) to move one of them to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoIdLeft {
    pub what: &'static str,
    pub id: u32,
}

/// A merged ladder and the IDs that moved; `Err` when no ID is left to move an entry to.
pub type Merged = Result<(Ladder, Vec<Moved>), NoIdLeft>;

/// The three-way merge of ladders and the three-way revert, as `rules::merge::MERGES` gives them.
#[derive(Debug, Clone, Copy)]
pub struct Merges {
    /// Merges ours and theirs against the base: the merged ladder and the IDs that moved (`Err`: no ID is left
    /// to move an entry to). It may take out of the base (and, for a base from before uids, give the sides the
    /// base's derived uids, `from_version_1`) what it needs no more.
    pub merge: fn(base: &mut Ladder, ours: &mut Ladder, theirs: &mut Ladder, from_version_1: bool) -> Merged,
    /// Takes back onto `now` the change that turned `before` into `after`; the clashes when it cannot be.
    pub revert: fn(after: &Ladder, now: &Ladder, before: &Ladder) -> Result<Ladder, Vec<Clash>>,
    /// What a merge of ours and theirs against the base drops with an entry forgotten on one side that the other
    /// changed since the base (asked before the merge, which may take out of the base what it needs no more).
    pub dropped: fn(base: &Ladder, ours: &Ladder, theirs: &Ladder) -> Vec<Dropped>,
}
