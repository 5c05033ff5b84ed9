//! What both sides of a merge hold just as the base does: taken out of the base before merging.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Unchanged;
use crate::model::{Attempt, Ladder};

/// Takes out of `base` the rungs and attempts that both sides hold just as it does, and names them (see
/// `Unchanged`): on most merges, nearly all of the base. The rungs' memory is given back; the attempts
/// themselves (most of a ladder) are handed on, each in the slot of ours's attempt it equals, to be moved into
/// the merge instead of copied from ours.
pub(super) fn take<'a>(base: &mut Ladder, ours: &'a Ladder, theirs: &Ladder) -> (Unchanged<'a>, Vec<Option<Attempt>>) {
    // The rungs themselves are few and small: dropped here, not handed on.
    let (rungs, _) = take_same(&mut base.rungs, &ours.rungs, &theirs.rungs, |r| &r.uid, |a, b| a == b);
    // One moment written with another offset is equal, but not the same text: such an attempt is left.
    let same_attempt = |a: &Attempt, b: &Attempt| a == b && a.at.offset() == b.at.offset();
    let (attempts, spare) = take_same(&mut base.attempts, &ours.attempts, &theirs.attempts, |a| &a.uid, same_attempt);
    (Unchanged { rungs, attempts }, spare)
}

/// Takes out of `base` the entries `ours` and `theirs` hold just as it does (`same`), names them, and hands
/// them on in one slot for each of ours (empty when there are none), each in the slot of the entry of ours it
/// equals. The slots are the base's own list, its entries moved
/// into place one by one: a second list as long would cost as much as it spares.
fn take_same<'a, T>(
    base: &mut Vec<T>,
    ours: &'a [T],
    theirs: &[T],
    uid: fn(&T) -> &String,
    same: fn(&T, &T) -> bool,
) -> (HashSet<&'a str>, Vec<Option<T>>) {
    if base.is_empty() {
        return (HashSet::default(), Vec::new());
    }
    let (our_places, their_places) = (places(ours, uid), places(theirs, uid));
    // The slot of ours an entry of the base goes to, when both sides hold it just as the base does.
    let slot_of = |b: &T| -> Option<usize> {
        let key = uid(b).as_str();
        match (our_places.get(key), their_places.get(key)) {
            (Some(&o), Some(&t)) if same(&ours[o], b) && same(&theirs[t], b) => Some(o),
            _ => None,
        }
    };
    let mut slots: Vec<Option<T>> = std::mem::take(base).into_iter().map(Some).collect();
    let length = slots.len().max(ours.len());
    slots.resize_with(length, || None);
    // Each swap puts one entry in its slot for good (no two entries go to one slot: uids are unique), and an
    // entry that stays in the base leaves its slot empty.
    let mut left = Vec::new();
    for at in 0..slots.len() {
        while let Some(entry) = &slots[at] {
            match slot_of(entry) {
                Some(slot) if slot == at => break,
                // (Two entries of one uid, which a ladder read never holds, would swap for ever: one stays.)
                Some(slot) if slots[slot].as_ref().and_then(&slot_of) != Some(slot) => slots.swap(at, slot),
                _ => left.extend(slots[at].take()),
            }
        }
    }
    slots.truncate(ours.len());
    let names = slots.iter().zip(ours).filter(|(slot, _)| slot.is_some()).map(|(_, o)| uid(o).as_str()).collect();
    *base = left;
    (names, slots)
}

/// Where each entry is in `items`, by uid.
fn places<T>(items: &[T], uid: fn(&T) -> &String) -> HashMap<&str, usize> {
    items.iter().enumerate().map(|(i, item)| (uid(item).as_str(), i)).collect()
}
