//! Merging two devices' copies of a ladder: a three-way merge against the copy both started from.
//!
//! - Attempts, hesitations and gifts are a union by uid: nothing recorded on either side is dropped, unless
//!   either side forgot it (`[[forgotten]]`, a union too): a forgotten entry never comes back. One that both
//!   sides changed merges field by field, as a rung does; a thank and a promotion on either side stand.
//! - Rungs and settings merge field by field. When both sides changed a field differently, the greater value
//!   (in a fixed order) is kept and the other is set aside in a `Conflict`, so the result is the same
//!   whichever side is "ours", and merging it again with either side changes nothing.
//! - A rung removed on one side comes back when the other side changed it, or recorded or changed attempts on
//!   it: a merge that drops it would lose that work for every later merge, so the order would matter.
//! - A conflict is known by its field and the value set aside; the value it says was kept is the field's value
//!   after the merge, so that three devices merged in any order agree.
//! - Two rungs made from one hesitation, one on each side, merge as one rung.
//! - IDs both sides gave to different entries: the entry that had the ID in the base keeps it, else the
//!   earliest; the others get new IDs above the highest, and every reference follows. An entry new on one
//!   side whose ID the other side used for an entry it has since removed moves too: an ID once used is never
//!   given to another entry.
//!
//! This is the decision; `file::merge` writes the result onto "ours" keeping its comments and layout, handed
//! these functions as `MERGES`.

mod revert;
mod unchanged;

pub use revert::revert;

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt::Debug;

use crate::model::merged::{Dropped, Label, Merges, Moved, NoIdLeft};
use crate::model::{Attempt, Conflict, Forgotten, Gift, Hesitation, Ladder, MovedId, Rung, Settings};

/// Where an entry's rung reference points: the rung's uid when the side that wrote it knew it, else the ID.
/// Borrowed from the sides: a String for each of 60,000 links was a tenth of a merge of two 10k ladders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Link<'a> {
    Uid(&'a str),
    Id(u32),
}

/// The rungs and attempts of the base that both sides hold just as the base does, by uid (borrowed from
/// ours). The merge leaves each as it is, so `merge_texts` takes them out of the base before merging (nearly
/// all of it, most days: a third of a merge's memory) and names them here. A merge given a base without them
/// and their names decides just as it would given the whole base.
struct Unchanged<'a> {
    rungs: HashSet<&'a str>,
    attempts: HashSet<&'a str>,
}

/// The merge and the revert, for the layers that may not import `rules` (`file`, `store`).
pub const MERGES: Merges = Merges { merge: merge_sides, revert, dropped };

/// The merge of ours and theirs against the base (`Merges::merge`), as `file::merge` hands it the three sides it
/// read. Entries keep "ours" order, then "theirs" new ones; an error when an entry must move and no ID is left
/// above the highest in use. A base from before uids gives the sides its
/// derived uids first (`from_version_1`: an entry a side changed by hand before its uids were written is still
/// the base's entry with that ID, not a new one), and what both sides hold as the base does (most of it) is
/// taken out of the base before merging.
fn merge_sides(
    base: &mut Ladder,
    ours: &mut Ladder,
    theirs: &mut Ladder,
    from_version_1: bool,
) -> Result<(Ladder, Vec<Moved>), NoIdLeft> {
    if from_version_1 {
        adopt_base_uids(base, ours);
        adopt_base_uids(base, theirs);
    }
    let (unchanged, spare) = unchanged::take(base, ours, theirs);
    merge_sparing(base, ours, theirs, &unchanged, spare)
}

/// The merge, given a base without the entries `unchanged` names, and (`spare`, empty or one slot for each of
/// ours's attempts) the base's own unchanged attempts, each where ours holds it: moved into the merge, not
/// copied from ours.
fn merge_sparing<'a>(
    base: &'a Ladder,
    ours: &'a Ladder,
    theirs: &'a Ladder,
    unchanged: &Unchanged<'a>,
    spare: Vec<Option<Attempt>>,
) -> Result<(Ladder, Vec<Moved>), NoIdLeft> {
    // The union of the attempts (most of a ladder) needs nothing else: it is taken on a second thread while
    // the rest is merged (a tenth off merging two 10k ladders).
    std::thread::scope(|scope| {
        let union_of_attempts = |spare| {
            let mut conflicts = Vec::new();
            let attempts = union(
                [&base.attempts, &ours.attempts, &theirs.attempts],
                |a| &a.uid,
                |a| &mut a.id,
                (&ATTEMPT_FIELDS, |merged, o, t| merged.thanked = o.thanked.max(t.thanked)),
                spare,
                &mut conflicts,
            );
            (attempts, conflicts)
        };
        // Should no thread start, the union is taken here, copying ours's entries (the closure only borrows,
        // so it can run twice; the spare entries went with the thread that did not start).
        let thread = std::thread::Builder::new().spawn_scoped(scope, move || union_of_attempts(spare)).ok();
        merge_with([base, ours, theirs], unchanged, || match thread {
            Some(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => union_of_attempts(Vec::new()),
        })
    })
}

/// `merge_sparing`, given the union of the attempts when it is needed.
fn merge_with<'a>(
    [base, ours, theirs]: [&'a Ladder; 3],
    unchanged: &Unchanged<'a>,
    attempts: impl FnOnce() -> (Vec<Attempt>, Vec<Conflict>),
) -> Result<(Ladder, Vec<Moved>), NoIdLeft> {
    let mut conflicts = Vec::new();
    let settings = merge_settings(&base.settings, &ours.settings, &theirs.settings, &mut conflicts);

    let twins = promoted_twice(base, ours, theirs);
    // The uid a rung goes by in the merge: of two made from one hesitation, the one kept.
    let merged_uid = |uid: &'a str| -> &'a str { twins.get(uid).map_or(uid, |(o, t)| twin_uid(o, t)) };

    // Journal entries refer to rungs by ID, which is only meaningful on the side that wrote them.
    let mut attempt_links: HashMap<&str, Link> = HashMap::default();
    let mut hesitation_links: HashMap<&str, Link> = HashMap::default();
    for side in [theirs, ours] {
        let rungs = side.rungs_by_id();
        let uid_of = |id: u32| rungs.get(&id).map_or(Link::Id(id), |r| Link::Uid(merged_uid(&r.uid)));
        for a in &side.attempts {
            merge_link(&mut attempt_links, &a.uid, uid_of(a.rung));
        }
        for h in &side.hesitations {
            if let Some(id) = h.rung {
                merge_link(&mut hesitation_links, &h.uid, uid_of(id));
            }
        }
    }

    // Rungs with work a side did since the base: an attempt recorded, or one changed (thanked, noted).
    let base_attempts = by_uid(&base.attempts, |a| &a.uid);
    let mut fresh_work: HashSet<&str> = HashSet::default();
    // What either side forgot stays forgotten, with or without a base: it is no new work either.
    let forgotten = forgotten(base, ours, theirs);
    let gone: HashSet<String> = forgotten.iter().map(|f| f.uid.clone()).collect();
    for a in ours.attempts.iter().chain(&theirs.attempts).filter(|a| !gone.contains(a.uid.as_str())) {
        let fresh = !unchanged.attempts.contains(a.uid.as_str())
            && base_attempts.get(a.uid.as_str()).is_none_or(|b| !same_attempt(b, a));
        if let (true, Some(Link::Uid(rung))) = (fresh, attempt_links.get(a.uid.as_str())) {
            fresh_work.insert(rung);
        }
    }
    // Forgetting one of a rung's attempts is work on it too, by the side that still holds the rung: else a rung
    // removed on one device would come back or not by the order of the merges (back for a note on an attempt
    // that a third device forgot, when that note is merged first).
    let base_rungs_by_id = base.rungs_by_id();
    // A base rung taken out as unchanged is ours's rung with its ID (looked up only for such a forget).
    let mut our_rungs_by_id = None;
    for side in [ours, theirs] {
        let new_forgets = side.forgotten.iter().filter(|f| !base.forgotten.iter().any(|b| b.uid == f.uid));
        for f in new_forgets {
            let rung = base_attempts.get(f.uid.as_str()).and_then(|a| {
                base_rungs_by_id.get(&a.rung).copied().or_else(|| {
                    let ours = our_rungs_by_id.get_or_insert_with(|| ours.rungs_by_id());
                    ours.get(&a.rung).copied().filter(|r| unchanged.rungs.contains(r.uid.as_str()))
                })
            });
            if let Some(rung) = rung.filter(|r| side.rungs.iter().any(|s| s.uid == r.uid)) {
                fresh_work.insert(merged_uid(&rung.uid));
            }
        }
    }

    let mut rungs = Vec::new();
    let base_rungs = by_uid(&base.rungs, |r| &r.uid);
    let their_rungs = by_uid(&theirs.rungs, |r| &r.uid);
    let our_rungs = by_uid(&ours.rungs, |r| &r.uid);
    let mut twins_done: HashSet<&str> = HashSet::default();
    for rung in ours.rungs.iter().chain(theirs.rungs.iter().filter(|r| !our_rungs.contains_key(r.uid.as_str()))) {
        if let Some(&(o, t)) = twins.get(rung.uid.as_str()) {
            // One rung, with what each device wrote into its own merged field by field (no base: both are new).
            let uid = twin_uid(o, t);
            if twins_done.insert(uid) {
                let (mut o, mut t) = (o.clone(), t.clone());
                o.uid = uid.to_string();
                t.uid = uid.to_string();
                rungs.push(merge_rung(None, &o, &t, &mut conflicts));
            }
            continue;
        }
        let base = base_rungs.get(rung.uid.as_str()).copied();
        let (o, t) = (our_rungs.get(rung.uid.as_str()).copied(), their_rungs.get(rung.uid.as_str()).copied());
        match (o, t) {
            (Some(o), Some(t)) => rungs.push(merge_rung(base, o, t, &mut conflicts)),
            // Removed on the other side: it stays removed unless this side recorded new attempts on it or
            // changed it. (Else merging three devices' work would depend on the order: a change dropped with
            // the rung by one merge could not come back when the next merge brings the rung back.)
            (Some(only), None) | (None, Some(only)) => {
                let changed = base.is_some_and(|b| RUNG_FIELDS.iter().any(|(_, get, _)| get(b) != get(only)));
                if base.is_none() || changed || fresh_work.contains(only.uid.as_str()) {
                    rungs.push(only.clone());
                }
            }
            (None, None) => {}
        }
    }
    // What only the rungs needed goes before the rest is merged: on two 100k ladders, each map is megabytes.
    drop((base_rungs, their_rungs, our_rungs, twins_done, fresh_work, base_attempts, base_rungs_by_id));

    let kept: HashSet<&str> = rungs.iter().map(|r| r.uid.as_str()).collect();
    let (mut attempts, attempt_conflicts) = attempts();
    conflicts.extend(attempt_conflicts);
    // Attempts on a rung that stays removed were removed with it.
    attempts.retain(|a| match attempt_links.get(a.uid.as_str()) {
        Some(Link::Uid(rung)) => kept.contains(rung),
        _ => true,
    });
    drop(kept);
    let hesitations = union(
        [&base.hesitations, &ours.hesitations, &theirs.hesitations],
        |h| &h.uid,
        |h| &mut h.id,
        // A promotion on either side stands; `renumber` points it at its rung.
        // (The lower of two, whichever side is ours, should its rung be gone from the merge.)
        (&HESITATION_FIELDS, |merged, o, t| {
            merged.rung = match (o.rung, t.rung) {
                (Some(o), Some(t)) => Some(o.min(t)),
                (one, other) => one.or(other),
            }
        }),
        Vec::new(),
        &mut conflicts,
    );
    let gifts = union(
        [&base.gifts, &ours.gifts, &theirs.gifts],
        |g| &g.uid,
        |g| &mut g.id,
        (&GIFT_FIELDS, |_, _, _| {}),
        Vec::new(),
        &mut conflicts,
    );
    let (mut hesitations, mut gifts) = (hesitations, gifts);
    attempts.retain(|a| !gone.contains(a.uid.as_str()));
    hesitations.retain(|h| !gone.contains(h.uid.as_str()));
    gifts.retain(|g| !gone.contains(g.uid.as_str()));

    let mut merged = Ladder {
        settings,
        rungs,
        attempts,
        hesitations,
        gifts,
        last_rung_id: ours.last_rung_id.max(theirs.last_rung_id),
        last_attempt_id: ours.last_attempt_id.max(theirs.last_attempt_id),
        conflicts: Vec::new(),
        forgotten,
        moved: moved_union(ours, theirs),
    };
    let mut moved = Vec::new();
    renumber(&mut merged, [base, ours, theirs], unchanged, (&attempt_links, &hesitation_links), &mut moved)?;

    // Conflicts recorded on either side stay until cleared (on either side); the new ones join them. A conflict
    // is known by the value it set aside: the value it says was kept is the field's value now, whichever merge
    // came first, and one whose value set aside is the value now, or nothing, has nothing left to say.
    let keys = |l: &'a Ladder| l.conflicts.iter().map(conflict_key).collect::<HashSet<_>>();
    let (in_base, in_ours, in_theirs) = (keys(base), keys(ours), keys(theirs));
    let cleared = |c: &Conflict| {
        let key = conflict_key(c);
        in_base.contains(&key) && !(in_ours.contains(&key) && in_theirs.contains(&key))
    };
    // A value set aside from a forgotten entry went with it, whichever merge set it aside.
    let forgotten_entry = |c: &Conflict| c.entry.as_deref().is_some_and(|uid| gone.contains(uid));
    let carried = ours.conflicts.iter().chain(&theirs.conflicts).filter(|c| !cleared(c)).chain(&conflicts);
    let carried = carried.filter(|c| !forgotten_entry(c));
    // Most merges have no conflict at all: the rungs are looked up only for one.
    let any = !(ours.conflicts.is_empty() && theirs.conflicts.is_empty() && conflicts.is_empty());
    let rungs_now = if any { by_uid(&merged.rungs, |r| &r.uid) } else { HashMap::default() };
    let mut seen = BTreeSet::new();
    let mut open = Vec::new();
    for conflict in carried {
        let mut conflict = conflict.clone();
        // One about a rung merged into its twin is about the twin.
        if let Some((o, t)) = conflict.rung.as_deref().and_then(|uid| twins.get(uid)) {
            conflict.rung = Some(twin_uid(o, t).to_string());
        }
        if let Some(now) = value_now(&merged, &rungs_now, &conflict) {
            if now == conflict.other {
                continue;
            }
            conflict.kept = now;
        }
        if conflict.sets_aside_something() && seen.insert(conflict.clone()) {
            open.push(conflict);
        }
    }
    drop(rungs_now);
    merged.conflicts = open;
    Ok((merged, moved))
}

/// What identifies a conflict: the field, and the value set aside.
fn conflict_key(c: &Conflict) -> (Option<&str>, Option<&str>, &str, &str) {
    (c.rung.as_deref(), c.entry.as_deref(), c.field.as_str(), c.other.as_str())
}

/// The conflicts as they stand in the ladder now, for `ladder conflicts` and the line `next` says: an undo or an
/// edit since the merge may have changed a field, and the value a conflict says was kept is always the field's
/// value now. Each comes with the value the merge kept when the field has another now (`Some`); one whose value
/// set aside is the field's value now, or that sets nothing aside, has nothing left to say and is left out (the
/// next merge drops it from the file).
pub fn conflicts_now(ladder: &Ladder) -> Vec<(Conflict, Option<String>)> {
    if ladder.conflicts.is_empty() {
        return Vec::new();
    }
    let rungs = by_uid(&ladder.rungs, |r| &r.uid);
    let mut open = Vec::new();
    for conflict in ladder.conflicts.iter().filter(|c| c.sets_aside_something()) {
        let mut conflict = conflict.clone();
        let mut was = None;
        if let Some(now) = value_now(ladder, &rungs, &conflict) {
            if now == conflict.other {
                continue;
            }
            if now != conflict.kept {
                was = Some(std::mem::replace(&mut conflict.kept, now));
            }
        }
        open.push((conflict, was));
    }
    open
}

/// The value the conflict's field has now; `None` for an entry no longer there (or a field not known).
fn value_now(ladder: &Ladder, rungs: &HashMap<&str, &Rung>, conflict: &Conflict) -> Option<String> {
    fn field<T>(fields: &[Field<T>], item: &T, name: &str) -> Option<String> {
        fields.iter().find(|(n, ..)| *n == name).map(|(_, get, _)| get(item))
    }
    let name = conflict.field.as_str();
    // Conflicts about entries are few: each is looked for along its list.
    match (&conflict.rung, &conflict.entry) {
        (Some(uid), _) => field(&RUNG_FIELDS, rungs.get(uid.as_str())?, name),
        (None, Some(uid)) => match name.split('.').next() {
            Some("attempt") => field(&ATTEMPT_FIELDS, ladder.attempts.iter().find(|a| &a.uid == uid)?, name),
            Some("hesitation") => field(&HESITATION_FIELDS, ladder.hesitations.iter().find(|h| &h.uid == uid)?, name),
            Some("gave") => field(&GIFT_FIELDS, ladder.gifts.iter().find(|g| &g.uid == uid)?, name),
            _ => None,
        },
        (None, None) => field(&SETTINGS_FIELDS, &ladder.settings, name),
    }
}

/// Rungs the two sides each made from the same hesitation (`ladder promote` on both devices): each is new (in
/// neither the base nor the other side), and the hesitation points at it on its side. Each such rung's uid
/// leads to the pair, ours first; they merge as one rung.
fn promoted_twice<'a>(base: &Ladder, ours: &'a Ladder, theirs: &'a Ladder) -> HashMap<&'a str, (&'a Rung, &'a Rung)> {
    let mut twins = HashMap::default();
    // Only a hesitation promoted on both sides since the base can be one: seldom any, and then the rungs are
    // looked at.
    let promoted_before: HashSet<&str> =
        base.hesitations.iter().filter(|h| h.rung.is_some()).map(|h| h.uid.as_str()).collect();
    let newly = |l: &'a Ladder| -> HashSet<&'a str> {
        l.hesitations
            .iter()
            .filter(|h| h.rung.is_some() && !promoted_before.contains(h.uid.as_str()))
            .map(|h| h.uid.as_str())
            .collect()
    };
    let (ours_new, theirs_new) = (newly(ours), newly(theirs));
    if ours_new.iter().all(|h| !theirs_new.contains(h)) {
        return twins;
    }
    let base_rungs: HashSet<&str> = base.rungs.iter().map(|r| r.uid.as_str()).collect();
    let (our_rungs, their_rungs) = (by_uid(&ours.rungs, |r| &r.uid), by_uid(&theirs.rungs, |r| &r.uid));
    let (our_ids, their_ids) = (ours.rungs_by_id(), theirs.rungs_by_id());
    let their_hesitations = by_uid(&theirs.hesitations, |h| &h.uid);
    for h in &ours.hesitations {
        let Some(t) = their_hesitations.get(h.uid.as_str()) else { continue };
        let (Some(o), Some(t)) = (h.rung.and_then(|id| our_ids.get(&id)), t.rung.and_then(|id| their_ids.get(&id)))
        else {
            continue;
        };
        let new = |r: &Rung| !base_rungs.contains(r.uid.as_str());
        let only_here = !their_rungs.contains_key(o.uid.as_str()) && !our_rungs.contains_key(t.uid.as_str());
        if o.uid != t.uid && new(o) && new(t) && only_here {
            twins.insert(o.uid.as_str(), (*o, *t));
            twins.insert(t.uid.as_str(), (*o, *t));
        }
    }
    twins
}

/// The uid of the one rung two twins merge into: the same whichever side is ours.
fn twin_uid<'a>(ours: &'a Rung, theirs: &'a Rung) -> &'a str {
    ours.uid.as_str().min(theirs.uid.as_str())
}

/// Whether two versions of an attempt say the same, whatever their IDs (an earlier merge may have moved one).
fn same_attempt(a: &Attempt, b: &Attempt) -> bool {
    // Most are the same, IDs and all: no copy needed to see it.
    a == b || Attempt { id: 0, rung: 0, ..a.clone() } == Attempt { id: 0, rung: 0, ..b.clone() }
}

/// Gives `side`'s entries the uid of the base's entry with the same ID, where the side holds an entry with
/// that ID but not the base's uid: for a base from before uids, whose uids were derived from what each entry
/// said, so that an ask changed by hand on one device reads as a change, not as a new rung beside a removed one.
pub fn adopt_base_uids(base: &Ladder, side: &mut Ladder) {
    adopt_each(&base.rungs, &mut side.rungs, |r| &r.uid, |r| r.id, |r| &mut r.uid);
    adopt_each(&base.attempts, &mut side.attempts, |a| &a.uid, |a| a.id, |a| &mut a.uid);
    adopt_each(&base.hesitations, &mut side.hesitations, |h| &h.uid, |h| h.id, |h| &mut h.uid);
    adopt_each(&base.gifts, &mut side.gifts, |g| &g.uid, |g| g.id, |g| &mut g.uid);
}

fn adopt_each<T>(
    base: &[T],
    side: &mut [T],
    uid: fn(&T) -> &String,
    id: fn(&T) -> u32,
    uid_mut: fn(&mut T) -> &mut String,
) {
    let side_uids: HashSet<String> = side.iter().map(|e| uid(e).clone()).collect();
    let base_uids: HashSet<&str> = base.iter().map(|e| uid(e).as_str()).collect();
    let by_id: HashMap<u32, &String> = base.iter().map(|e| (id(e), uid(e))).collect();
    for entry in side.iter_mut() {
        if base_uids.contains(uid(entry).as_str()) {
            continue;
        }
        if let Some(&base_uid) = by_id.get(&id(entry)).filter(|u| !side_uids.contains(u.as_str())) {
            uid_mut(entry).clone_from(base_uid);
        }
    }
}

/// Records where an entry points; should the two sides disagree (a hand edit), the same one wins either way.
fn merge_link<'a>(links: &mut HashMap<&'a str, Link<'a>>, uid: &'a str, link: Link<'a>) {
    let entry = links.entry(uid).or_insert(link);
    if link < *entry {
        *entry = link;
    }
}

fn by_uid<T>(items: &[T], uid: fn(&T) -> &String) -> HashMap<&str, &T> {
    items.iter().map(|item| (uid(item).as_str(), item)).collect()
}

/// Every entry of either side, once. An entry both sides hold but changed (a thank, a promotion, a note) merges
/// field by field against the base, as rungs do: a field both changed differently keeps the greater value and
/// sets the other aside. `fields` are the fields so merged, and `rest` settles the others (a thank is never
/// undone); the ID and the rung are left to `renumber`. `spare` is empty, or holds for each of ours either
/// the very entry to keep (the base's, which both sides hold unchanged: moved, not copied) or nothing.
fn union<T: Clone + PartialEq>(
    [base, ours, theirs]: [&[T]; 3],
    uid: fn(&T) -> &String,
    id: fn(&mut T) -> &mut u32,
    (fields, rest): (&[Field<T>], Rest<T>),
    spare: Vec<Option<T>>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let their = by_uid(theirs, uid);
    let base = if ours.iter().any(|o| their.get(uid(o).as_str()).is_some_and(|t| *t != o)) {
        by_uid(base, uid)
    } else {
        HashMap::default()
    };
    // Each of theirs that ours holds too is taken out of `their` as it is met: those left are theirs alone.
    let mut their = their;
    // One slot for each of ours, in the spare list itself when there is one.
    let mut all = spare;
    all.resize_with(ours.len(), || None);
    for (slot, o) in all.iter_mut().zip(ours) {
        let t = their.remove(uid(o).as_str());
        if slot.is_some() {
            continue;
        }
        *slot = Some(match t {
            // Most entries both sides hold are the same on both.
            Some(t) if t == o => o.clone(),
            Some(t) => {
                let b = base.get(uid(o).as_str()).copied();
                let mut merged = merge_fields(fields, b, o, t, (None, Some(uid(o))), conflicts);
                rest(&mut merged, o, t);
                // Different IDs for one entry come from an earlier merge that moved it: the moved one is higher.
                let (mut o, mut t) = (o.clone(), (*t).clone());
                *id(&mut merged) = (*id(&mut o)).max(*id(&mut t));
                merged
            }
            None => o.clone(),
        });
    }
    // Room for theirs alone (those left in `their`): seldom many, and the spare list has room to spare.
    all.reserve(their.len());
    // Every slot is filled now: the list is taken as it is, where it is (a list of 300,000 attempts is not
    // copied).
    let mut all: Vec<T> = all.into_iter().map_while(|slot| slot).collect();
    all.extend(theirs.iter().filter(|t| their.contains_key(uid(t).as_str())).cloned());
    all
}

/// Every entry either side forgot, once, ours first; but a forget in the base that one side took back (`undo`)
/// stays taken back, and a hesitation promoted on either side is not forgotten: the promotion wins. A promoted
/// hesitation is what ties the rungs two devices made of it into one, so that a forget on a third device would
/// otherwise give one rung or two by the order of the merges (`ladder forget` refuses a promoted one too).
fn forgotten(base: &Ladder, ours: &Ladder, theirs: &Ladder) -> Vec<Forgotten> {
    fn uids(side: &Ladder) -> HashSet<&str> {
        side.forgotten.iter().map(|f| f.uid.as_str()).collect()
    }
    let (in_base, in_ours, in_theirs) = (uids(base), uids(ours), uids(theirs));
    let undone = |uid: &str| in_base.contains(uid) && !(in_ours.contains(uid) && in_theirs.contains(uid));
    // Seldom any: a forget of a hesitation the other side holds promoted.
    let promoted: HashSet<&str> = if ours.forgotten.is_empty() && theirs.forgotten.is_empty() {
        HashSet::default()
    } else {
        ours.hesitations
            .iter()
            .chain(&theirs.hesitations)
            .filter(|h| h.rung.is_some())
            .map(|h| h.uid.as_str())
            .collect()
    };
    let mut seen: HashSet<&str> = HashSet::default();
    ours.forgotten
        .iter()
        .chain(&theirs.forgotten)
        .filter(|f| !undone(&f.uid) && !promoted.contains(f.uid.as_str()) && seen.insert(f.uid.as_str()))
        .cloned()
        .collect()
}

/// The changes a merge drops with the entries it keeps forgotten (`Merges::dropped`): an entry forgotten on one
/// side that the other side, which did not forget it, holds changed since the base. Without the entry in the
/// base nothing can be told changed, and nothing is said. A new ID, or an attempt's rung renumbered (the same
/// rung by its uid), is a merge's doing, not a change (attack16).
fn dropped(base: &Ladder, ours: &Ladder, theirs: &Ladder) -> Vec<Dropped> {
    if ours.forgotten.is_empty() && theirs.forgotten.is_empty() {
        return Vec::new();
    }
    let gone: HashSet<String> = forgotten(base, ours, theirs).into_iter().map(|f| f.uid).collect();
    let rung_uid = |ladder: &Ladder, id: u32| ladder.rungs.iter().find(|r| r.id == id).map(|r| r.uid.clone());
    let mut dropped = Vec::new();
    for side in [ours, theirs] {
        let kept: HashSet<&str> = side.forgotten.iter().map(|f| f.uid.as_str()).collect();
        let lost = |uid: &str| gone.contains(uid) && !kept.contains(uid);
        for a in side.attempts.iter().filter(|a| lost(&a.uid)) {
            let Some(b) = base.attempts.iter().find(|b| b.uid == a.uid) else { continue };
            let same_rung =
                a.rung == b.rung || rung_uid(side, a.rung).is_some_and(|u| Some(u) == rung_uid(base, b.rung));
            let rung = if same_rung { b.rung } else { a.rung };
            let thanked = a.thanked == Some(true) && b.thanked != Some(true);
            let changed = Attempt { id: b.id, rung, thanked: b.thanked, ..a.clone() } != *b;
            if thanked || changed {
                dropped.push(Dropped { what: "attempt", id: a.id, uid: a.uid.clone(), made: a.at, thanked, changed });
            }
        }
        // A hesitation or a help given has no thank: any change is one.
        let other =
            |what, id, uid: &str, made| Dropped { what, id, uid: uid.to_string(), made, thanked: false, changed: true };
        for h in side.hesitations.iter().filter(|h| lost(&h.uid)) {
            if base.hesitations.iter().any(|b| b.uid == h.uid && *b != Hesitation { id: b.id, ..h.clone() }) {
                dropped.push(other("hesitation", h.id, &h.uid, h.at));
            }
        }
        for g in side.gifts.iter().filter(|g| lost(&g.uid)) {
            if base.gifts.iter().any(|b| b.uid == g.uid && *b != Gift { id: b.id, ..g.clone() }) {
                dropped.push(other("help given", g.id, &g.uid, g.at));
            }
        }
    }
    dropped
}

/// Every ID either side noted as moved, once: ours first.
fn moved_union(ours: &Ladder, theirs: &Ladder) -> Vec<MovedId> {
    let mut moved = ours.moved.clone();
    for m in &theirs.moved {
        if !moved.iter().any(|o| (&o.what, o.from, o.to) == (&m.what, m.from, m.to)) {
            moved.push(m.clone());
        }
    }
    moved
}

/// What settles an entry's fields that do not merge as values do: `(merged, ours, theirs)`.
type Rest<T> = fn(&mut T, &T, &T);

pub(super) type Field<T> = (&'static str, fn(&T) -> String, fn(&mut T, &T));

pub(super) const RUNG_FIELDS: [Field<Rung>; 11] = [
    ("ask", |r| r.ask.clone(), |r, from| r.ask.clone_from(&from.ask)),
    ("stakes", |r| r.stakes.to_string(), |r, from| r.stakes = from.stakes),
    ("who", |r| r.who.clone().unwrap_or_default(), |r, from| r.who.clone_from(&from.who)),
    ("tags", |r| r.tags.join(", "), |r, from| r.tags.clone_from(&from.tags)),
    ("created", |r| r.created.map(|d| d.to_string()).unwrap_or_default(), |r, from| r.created = from.created),
    ("fear", |r| r.fear.clone().unwrap_or_default(), |r, from| r.fear.clone_from(&from.fear)),
    ("chance", |r| r.chance.map(|c| c.to_string()).unwrap_or_default(), |r, from| r.chance = from.chance),
    ("planned", |r| r.planned.map(|d| d.to_string()).unwrap_or_default(), |r, from| r.planned = from.planned),
    ("where", |r| r.place.clone().unwrap_or_default(), |r, from| r.place.clone_from(&from.place)),
    ("safety", |r| r.safety.join(", "), |r, from| r.safety.clone_from(&from.safety)),
    ("before", |r| r.before.clone().unwrap_or_default(), |r, from| r.before.clone_from(&from.before)),
];

/// The keys the merge (and undo's revert) merges field by field, as `(table, key)` the file names them: every
/// field but the IDs, uids and rung links (left to `renumber`) and an attempt's thanks (never undone by a merge:
/// see `union`'s callers; undo's revert takes a thank back on its own). `every_key_is_merged` checks that the file writes no other.
pub fn merged_keys() -> impl Iterator<Item = (&'static str, &'static str)> {
    let rungs = RUNG_FIELDS.iter().map(|(name, _, _)| ("rung", *name));
    let others = (ATTEMPT_FIELDS.iter().map(|f| f.0))
        .chain(HESITATION_FIELDS.iter().map(|f| f.0))
        .chain(GIFT_FIELDS.iter().map(|f| f.0))
        .chain(SETTINGS_FIELDS.iter().map(|f| f.0));
    rungs.chain(others.filter_map(|name| name.split_once('.')))
}

pub(super) const ATTEMPT_FIELDS: [Field<Attempt>; 15] = [
    ("attempt.at", |a| a.at.to_rfc3339(), |a, from| a.at = from.at),
    ("attempt.outcome", |a| a.outcome.as_str().to_string(), |a, from| a.outcome = from.outcome),
    ("attempt.before", |a| a.before.map(|n| n.to_string()).unwrap_or_default(), |a, from| a.before = from.before),
    ("attempt.after", |a| a.after.map(|n| n.to_string()).unwrap_or_default(), |a, from| a.after = from.after),
    ("attempt.note", |a| a.note.clone().unwrap_or_default(), |a, from| a.note.clone_from(&from.note)),
    (
        "attempt.fear_happened",
        |a| a.fear_happened.map(|f| f.to_string()).unwrap_or_default(),
        |a, from| a.fear_happened = from.fear_happened,
    ),
    ("attempt.learned", |a| a.learned.clone().unwrap_or_default(), |a, from| a.learned.clone_from(&from.learned)),
    ("attempt.used", |a| a.used.join(", "), |a, from| a.used.clone_from(&from.used)),
    ("attempt.dropped", |a| a.dropped.join(", "), |a, from| a.dropped.clone_from(&from.dropped)),
    ("attempt.peak", |a| a.peak.map(|n| n.to_string()).unwrap_or_default(), |a, from| a.peak = from.peak),
    (
        "attempt.likely_before",
        |a| a.expected.likely_before.map(|n| n.to_string()).unwrap_or_default(),
        |a, from| a.expected.likely_before = from.expected.likely_before,
    ),
    (
        "attempt.bad_before",
        |a| a.expected.bad_before.map(|n| n.to_string()).unwrap_or_default(),
        |a, from| a.expected.bad_before = from.expected.bad_before,
    ),
    (
        "attempt.likely_after",
        |a| a.expected.likely_after.map(|n| n.to_string()).unwrap_or_default(),
        |a, from| a.expected.likely_after = from.expected.likely_after,
    ),
    (
        "attempt.bad_after",
        |a| a.expected.bad_after.map(|n| n.to_string()).unwrap_or_default(),
        |a, from| a.expected.bad_after = from.expected.bad_after,
    ),
    ("attempt.how", |a| a.how.map(|h| h.as_str().to_string()).unwrap_or_default(), |a, from| a.how = from.how),
];

pub(super) const HESITATION_FIELDS: [Field<Hesitation>; 4] = [
    ("hesitation.at", |h| h.at.to_rfc3339(), |h, from| h.at = from.at),
    ("hesitation.text", |h| h.text.clone(), |h, from| h.text.clone_from(&from.text)),
    ("hesitation.story", |h| h.story.clone().unwrap_or_default(), |h, from| h.story.clone_from(&from.story)),
    ("hesitation.stakes", |h| h.stakes.map(|n| n.to_string()).unwrap_or_default(), |h, from| h.stakes = from.stakes),
];

pub(super) const GIFT_FIELDS: [Field<Gift>; 3] = [
    ("gave.at", |g| g.at.to_rfc3339(), |g, from| g.at = from.at),
    ("gave.to", |g| g.to.clone(), |g, from| g.to.clone_from(&from.to)),
    ("gave.text", |g| g.text.clone(), |g, from| g.text.clone_from(&from.text)),
];

pub(super) const SETTINGS_FIELDS: [Field<Settings>; 9] = [
    ("settings.repeat", |s| s.repeat.to_string(), |s, from| s.repeat = from.repeat),
    ("settings.comfortable", |s| s.comfortable.to_string(), |s, from| s.comfortable = from.comfortable),
    ("settings.habituation", |s| s.habituation.to_string(), |s, from| s.habituation = from.habituation),
    ("settings.max_step", |s| s.max_step.to_string(), |s, from| s.max_step = from.max_step),
    ("settings.weekly_target", |s| s.weekly_target.to_string(), |s, from| s.weekly_target = from.weekly_target),
    (
        "settings.crisis_line",
        |s| s.crisis_line.clone().unwrap_or_default(),
        |s, from| s.crisis_line.clone_from(&from.crisis_line),
    ),
    ("settings.mastery", |s| s.mastery.as_str().to_string(), |s, from| s.mastery = from.mastery),
    (
        "settings.remind_after_days",
        |s| s.remind_after_days.map(|d| d.to_string()).unwrap_or_default(),
        |s, from| s.remind_after_days = from.remind_after_days,
    ),
    (
        "settings.quiet_hours",
        |s| s.quiet_hours.map(|q| q.to_string()).unwrap_or_default(),
        |s, from| s.quiet_hours = from.quiet_hours,
    ),
];

/// `ours` with each field three-way merged against `base` (none: a two-way merge); a field both changed
/// differently keeps the greater value and records the other under `whose` (the rung's uid, or the entry's).
fn merge_fields<T: Clone>(
    fields: &[Field<T>],
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    (rung, entry): (Option<&String>, Option<&String>),
    conflicts: &mut Vec<Conflict>,
) -> T {
    let mut merged = ours.clone();
    for (name, get, set) in fields {
        let (o, t) = (get(ours), get(theirs));
        if o == t {
            continue;
        }
        let b = base.map(get);
        if b.as_ref() == Some(&o) {
            set(&mut merged, theirs);
        } else if b.as_ref() != Some(&t) {
            let (kept, other) = if t > o { (t, o) } else { (o, t) };
            if kept == get(theirs) {
                set(&mut merged, theirs);
            }
            conflicts.push(Conflict {
                rung: rung.cloned(),
                entry: entry.cloned(),
                field: (*name).to_string(),
                kept,
                other,
            });
        }
    }
    merged
}

fn merge_rung(base: Option<&Rung>, ours: &Rung, theirs: &Rung, conflicts: &mut Vec<Conflict>) -> Rung {
    if ours == theirs {
        return ours.clone();
    }
    let mut merged = merge_fields(&RUNG_FIELDS, base, ours, theirs, (Some(&ours.uid), None), conflicts);
    // Different IDs for one rung come from an earlier merge that moved it: the moved ID is the higher.
    merged.id = ours.id.max(theirs.id);
    merged
}

fn merge_settings(base: &Settings, ours: &Settings, theirs: &Settings, conflicts: &mut Vec<Conflict>) -> Settings {
    merge_fields(&SETTINGS_FIELDS, Some(base), ours, theirs, (None, None), conflicts)
}

/// Gives every entry a unique ID (see the module's comment) and points every reference at its rung's ID.
fn renumber(
    merged: &mut Ladder,
    [base, ours, theirs]: [&Ladder; 3],
    unchanged: &Unchanged,
    (attempt_links, hesitation_links): (&HashMap<&str, Link>, &HashMap<&str, Link>),
    moved: &mut Vec<Moved>,
) -> Result<(), NoIdLeft> {
    // Only the entries whose ID moves are labelled, once they are known: wording every entry's label and
    // sort key up front was a sixth of merging two 10k ladders.
    for (index, to, gone) in unique_ids(
        (&merged.rungs, |r| (r.id, r.uid.as_str(), (r.created, r.uid.as_str()))),
        (&ids(&base.rungs, |r| (&r.uid, r.id)), &unchanged.rungs),
        &used_elsewhere([base, ours, theirs], |l| &l.rungs, |r| (&r.uid, r.id), Ladder::last_rung_id),
        merged.last_rung_id.max(ours.last_rung_id()).max(theirs.last_rung_id()),
        "rung",
    )? {
        let rung = &mut merged.rungs[index];
        moved.push(Moved { what: "rung", from: rung.id, to, label: Label::Text(rung.ask.clone()), gone });
        rung.id = to;
    }
    for (index, to, gone) in unique_ids(
        (&merged.attempts, |a| (a.id, a.uid.as_str(), (a.at.naive_utc(), a.uid.as_str()))),
        (&ids(&base.attempts, |a| (&a.uid, a.id)), &unchanged.attempts),
        &used_elsewhere([base, ours, theirs], |l| &l.attempts, |a| (&a.uid, a.id), Ladder::last_attempt_id),
        merged.last_attempt_id.max(ours.last_attempt_id()).max(theirs.last_attempt_id()),
        "attempt",
    )? {
        let attempt = &mut merged.attempts[index];
        moved.push(Moved { what: "attempt", from: attempt.id, to, label: Label::Made(attempt.at), gone });
        attempt.id = to;
    }
    let none = HashSet::default();
    for (index, to, gone) in unique_ids(
        (&merged.hesitations, |h| (h.id, h.uid.as_str(), (h.at.naive_utc(), h.uid.as_str()))),
        (&ids(&base.hesitations, |h| (&h.uid, h.id)), &none),
        &none,
        0,
        "hesitation",
    )? {
        let hesitation = &mut merged.hesitations[index];
        let label = Label::Text(hesitation.text.clone());
        moved.push(Moved { what: "hesitation", from: hesitation.id, to, label, gone });
        hesitation.id = to;
    }
    for (index, to, gone) in unique_ids(
        (&merged.gifts, |g| (g.id, g.uid.as_str(), (g.at.naive_utc(), g.uid.as_str()))),
        (&ids(&base.gifts, |g| (&g.uid, g.id)), &none),
        &none,
        0,
        "gift",
    )? {
        let gift = &mut merged.gifts[index];
        moved.push(Moved { what: "gift", from: gift.id, to, label: Label::Text(gift.text.clone()), gone });
        gift.id = to;
    }
    let rung_ids: HashMap<&str, u32> = merged.rungs.iter().map(|r| (r.uid.as_str(), r.id)).collect();
    // A link both sides agree on (`merge_link`), not the ID of whichever side's entry the merge kept: two
    // devices that each promoted one hesitation and removed the rung it made point it at different removed
    // IDs, and the lower one stands, in either order.
    let point = |link: Option<&Link>, id: u32| match link {
        Some(Link::Uid(uid)) => rung_ids.get(uid).copied().unwrap_or(id),
        Some(Link::Id(n)) => *n,
        None => id,
    };
    for a in &mut merged.attempts {
        a.rung = point(attempt_links.get(a.uid.as_str()), a.rung);
    }
    for h in &mut merged.hesitations {
        h.rung = h.rung.map(|id| point(hesitation_links.get(h.uid.as_str()), id));
    }
    let max_rung = merged.rungs.iter().map(|r| r.id).max().unwrap_or(0);
    if merged.last_rung_id != 0 {
        merged.last_rung_id = merged.last_rung_id.max(max_rung);
    }
    Ok(())
}

/// Makes the IDs of one kind of entry unique. Each entry comes as its ID, its order (earliest keeps an ID),
/// its uid and a label. Returns each uid's final ID.
/// Each entry's ID by uid.
fn ids<T>(items: &[T], id: fn(&T) -> (&String, u32)) -> HashMap<&str, u32> {
    items.iter().map(id).map(|(uid, id)| (uid.as_str(), id)).collect()
}

/// The uids of the entries new on one side (not in the base, not on the other side) whose ID the other side
/// has used, up to its `last` ID, for an entry it no longer holds: a removed rung's ID is never given to
/// another, where a reference left to it (a promoted hesitation) would then point at the wrong rung.
fn used_elsewhere<'a, T: 'a>(
    [base, ours, theirs]: [&'a Ladder; 3],
    items: fn(&Ladder) -> &Vec<T>,
    id: fn(&T) -> (&String, u32),
    last: fn(&Ladder) -> u32,
) -> HashSet<&'a str> {
    let mut found = HashSet::default();
    for (side, other) in [(ours, theirs), (theirs, ours)] {
        // IDs first (cheap): an ID the other side used and does not hold now. Seldom any.
        let other_last = last(other);
        let other_ids: HashSet<u32> = items(other).iter().map(|e| id(e).1).collect();
        let candidates: Vec<&str> = items(side)
            .iter()
            .map(id)
            .filter(|(_, n)| *n <= other_last && !other_ids.contains(n))
            .map(|(uid, _)| uid.as_str())
            .collect();
        if candidates.is_empty() {
            continue;
        }
        // Then only those new on this side: in neither the base nor the other side.
        let known: HashSet<&str> = items(base).iter().chain(items(other)).map(|e| id(e).0.as_str()).collect();
        found.extend(candidates.into_iter().filter(|uid| !known.contains(uid)));
    }
    found
}

/// New IDs for the entries that share one (ID, uid, sort key; `base` holds each uid's ID in the base, and
/// names the entries taken out of it unchanged, which had their ID there): the entry that had the ID in the
/// base keeps it, else the earliest; the others move above every ID in use and `floor`, earliest first.
/// Returns each moved entry's place, its new ID and whether it moved for an ID `used_elsewhere`, or why there
/// is none when no ID is left above the highest in use (`what` the entries are): never two entries with one ID.
fn unique_ids<'a, T, K: Ord>(
    (items, entry): (&'a [T], impl Fn(&'a T) -> (u32, &'a str, K)),
    (base, unchanged): (&HashMap<&str, u32>, &HashSet<&str>),
    used_elsewhere: &HashSet<&str>,
    floor: u32,
    what: &'static str,
) -> Result<Vec<(usize, u32, bool)>, NoIdLeft> {
    // Each entry's ID beside its place, in ID order: those that share an ID come together, in the order of
    // their places. (A map of each ID to its holders was a tenth of a merge's memory.)
    let mut movers = Vec::new();
    // Each entry's ID, uid and order, worked out when asked for: a list of them was a twentieth of a merge's
    // memory.
    let entries = |i: usize| entry(&items[i]);
    let mut holders: Vec<(u32, usize)> = Vec::with_capacity(items.len());
    for (index, (id, uid, _)) in items.iter().map(&entry).enumerate() {
        if used_elsewhere.contains(uid) {
            movers.push(index);
        } else {
            holders.push((id, index));
        }
    }
    holders.sort_unstable();
    for group in holders.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let id = group[0].0;
        let mut indexes: Vec<usize> = group.iter().map(|&(_, index)| index).collect();
        indexes.sort_by(|&a, &b| {
            let had = |i: usize| !unchanged.contains(entries(i).1) && base.get(entries(i).1) != Some(&id);
            (had(a), entries(a).2).cmp(&(had(b), entries(b).2))
        });
        movers.extend(indexes.into_iter().skip(1));
    }
    drop(holders);
    movers.sort_by(|&a, &b| entries(a).2.cmp(&entries(b).2));
    let mut next = items.iter().map(|item| entry(item).0).max().unwrap_or(0).max(floor);
    movers
        .into_iter()
        .map(|index| {
            next = next.checked_add(1).ok_or(NoIdLeft { what, id: entries(index).0 })?;
            Ok((index, next, used_elsewhere.contains(entries(index).1)))
        })
        .collect()
}
