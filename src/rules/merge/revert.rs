//! Taking a change back onto a file that has changed since: a three-way revert. The change turned `before`
//! into `after`; the file is `now` (a pull or a fold brought other entries, or a hand edit). What the change
//! did is undone in `now`, entry by entry and field by field, by uid; everything else in `now` stays. Where
//! `now` changed what the change had set (a field since edited, a rung with attempts recorded since), the
//! revert clashes instead, and says with what.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{ATTEMPT_FIELDS, Field, GIFT_FIELDS, HESITATION_FIELDS, RUNG_FIELDS, SETTINGS_FIELDS};
use crate::model::merged::Clash;
use crate::model::{Attempt, Ladder};

/// `now` with the change from `before` to `after` taken back; the clashes when it cannot be.
pub fn revert(after: &Ladder, now: &Ladder, before: &Ladder) -> Result<Ladder, Vec<Clash>> {
    let mut clashes = Vec::new();
    let mut result = now.clone();
    let settings = (&after.settings, &mut result.settings, &before.settings);
    revert_fields(&SETTINGS_FIELDS, ("settings", 0), settings, &mut clashes);

    // Rungs: a rung the change added goes, unless attempts on it were recorded since; one it removed comes back.
    let rung_uid = |ladder: &Ladder, id: u32| ladder.rungs.iter().find(|r| r.id == id).map(|r| r.uid.clone());
    let (after_rungs, before_rungs) = (by_uid(&after.rungs, |r| &r.uid), by_uid(&before.rungs, |r| &r.uid));
    let mut gone_rungs = HashSet::default();
    for rung in &mut result.rungs {
        match (after_rungs.get(rung.uid.as_str()), before_rungs.get(rung.uid.as_str())) {
            (Some(a), Some(b)) => revert_fields(&RUNG_FIELDS, ("rung", rung.id), (a, rung, b), &mut clashes),
            (Some(a), None) => {
                let added_since =
                    now.attempts.iter().any(|t| t.rung == rung.id && !after.attempts.iter().any(|o| o.uid == t.uid));
                if added_since {
                    clashes.push(Clash { what: "rung", id: rung.id, field: None });
                } else if let Some(field) = first_difference(&RUNG_FIELDS, a, rung) {
                    clashes.push(Clash { what: "rung", id: rung.id, field: Some(field) });
                } else {
                    gone_rungs.insert(rung.uid.clone());
                }
            }
            _ => {}
        }
    }
    result.rungs.retain(|r| !gone_rungs.contains(&r.uid));
    let mut taken: HashSet<u32> = result.rungs.iter().map(|r| r.id).collect();
    let mut next_rung = result.last_rung_id().max(after.last_rung_id()) + 1;
    for rung in &before.rungs {
        if !after_rungs.contains_key(rung.uid.as_str()) && !result.rungs.iter().any(|r| r.uid == rung.uid) {
            let mut back = rung.clone();
            back.id = fresh_id(rung.id, &mut taken, &mut next_rung);
            result.rungs.push(back);
        }
    }
    // Where each rung is now, by uid, for the entries that point at one.
    let rung_ids: HashMap<String, u32> = result.rungs.iter().map(|r| (r.uid.clone(), r.id)).collect();
    let result_rung = |uid: &Option<String>| uid.as_ref().and_then(|uid| rung_ids.get(uid).copied());

    // An entry another device forgot since (in `now`'s `[[forgotten]]` but not the change's) never comes back.
    let forgotten_since: HashSet<&str> = now
        .forgotten
        .iter()
        .filter(|f| !after.forgotten.iter().any(|a| a.uid == f.uid))
        .map(|f| f.uid.as_str())
        .collect();
    let comes_back = |uid: &str| !forgotten_since.contains(uid);

    // Attempts.
    let (after_attempts, before_attempts) = (by_uid(&after.attempts, |a| &a.uid), by_uid(&before.attempts, |a| &a.uid));
    let mut gone = HashSet::default();
    for attempt in &mut result.attempts {
        let a = after_attempts.get(attempt.uid.as_str());
        let b = before_attempts.get(attempt.uid.as_str());
        match (a, b) {
            (Some(a), Some(b)) => {
                let id = attempt.id;
                revert_fields(&ATTEMPT_FIELDS, ("attempt", id), (a, &mut *attempt, b), &mut clashes);
                revert_fields(&[THANKED], ("attempt", id), (a, &mut *attempt, b), &mut clashes);
                let (ar, nr, br) = (rung_uid(after, a.rung), rung_uid(now, attempt.rung), rung_uid(before, b.rung));
                if ar != br {
                    if nr == ar {
                        attempt.rung = result_rung(&br).unwrap_or(b.rung);
                    } else if nr != br {
                        clashes.push(Clash { what: "attempt", id: attempt.id, field: Some("rung") });
                    }
                }
            }
            (Some(a), None) => {
                let mut compared = (*a).clone();
                compared.id = attempt.id;
                compared.rung = attempt.rung;
                if compared == *attempt {
                    gone.insert(attempt.uid.clone());
                } else {
                    let field = first_difference(&ATTEMPT_FIELDS, a, attempt)
                        .or_else(|| first_difference(&[THANKED], a, attempt));
                    clashes.push(Clash { what: "attempt", id: attempt.id, field });
                }
            }
            _ => {}
        }
    }
    result.attempts.retain(|a| !gone.contains(&a.uid));
    let mut taken: HashSet<u32> = result.attempts.iter().map(|a| a.id).collect();
    let mut next_attempt = result.last_attempt_id().max(after.last_attempt_id()) + 1;
    for attempt in &before.attempts {
        if !after_attempts.contains_key(attempt.uid.as_str())
            && !result.attempts.iter().any(|a| a.uid == attempt.uid)
            && comes_back(&attempt.uid)
        {
            let mut back = attempt.clone();
            back.id = fresh_id(attempt.id, &mut taken, &mut next_attempt);
            back.rung = result_rung(&rung_uid(before, attempt.rung)).unwrap_or(attempt.rung);
            result.attempts.push(back);
        }
    }

    // Hesitations and gifts.
    let (after_h, before_h) = (by_uid(&after.hesitations, |h| &h.uid), by_uid(&before.hesitations, |h| &h.uid));
    let mut gone = HashSet::default();
    for h in &mut result.hesitations {
        match (after_h.get(h.uid.as_str()), before_h.get(h.uid.as_str())) {
            (Some(a), Some(b)) => {
                let (ar, nr, br) = (
                    a.rung.and_then(|id| rung_uid(after, id)),
                    h.rung.and_then(|id| rung_uid(now, id)),
                    b.rung.and_then(|id| rung_uid(before, id)),
                );
                revert_fields(&HESITATION_FIELDS, ("hesitation", h.id), (a, &mut *h, b), &mut clashes);
                if a.rung != b.rung || ar != br {
                    if nr == ar && h.rung.is_some() == a.rung.is_some() {
                        h.rung = b.rung.map(|id| result_rung(&br).unwrap_or(id));
                    } else if nr != br || h.rung.is_some() != b.rung.is_some() {
                        clashes.push(Clash { what: "hesitation", id: h.id, field: Some("rung") });
                    }
                }
            }
            (Some(a), None) => {
                let mut compared = (*a).clone();
                compared.id = h.id;
                compared.rung = h.rung;
                if compared == *h {
                    gone.insert(h.uid.clone());
                } else {
                    clashes.push(Clash { what: "hesitation", id: h.id, field: None });
                }
            }
            _ => {}
        }
    }
    result.hesitations.retain(|h| !gone.contains(&h.uid));
    let mut taken: HashSet<u32> = result.hesitations.iter().map(|h| h.id).collect();
    let mut next = taken.iter().max().copied().unwrap_or(0) + 1;
    for h in &before.hesitations {
        if !after_h.contains_key(h.uid.as_str())
            && !result.hesitations.iter().any(|o| o.uid == h.uid)
            && comes_back(&h.uid)
        {
            let mut back = h.clone();
            back.id = fresh_id(h.id, &mut taken, &mut next);
            back.rung = h.rung.map(|id| result_rung(&rung_uid(before, id)).unwrap_or(id));
            result.hesitations.push(back);
        }
    }
    let (after_g, before_g) = (by_uid(&after.gifts, |g| &g.uid), by_uid(&before.gifts, |g| &g.uid));
    let mut gone = HashSet::default();
    for g in &mut result.gifts {
        match (after_g.get(g.uid.as_str()), before_g.get(g.uid.as_str())) {
            (Some(a), Some(b)) => revert_fields(&GIFT_FIELDS, ("gift", g.id), (a, &mut *g, b), &mut clashes),
            (Some(a), None) => {
                let mut compared = (*a).clone();
                compared.id = g.id;
                if compared == *g {
                    gone.insert(g.uid.clone());
                } else {
                    clashes.push(Clash { what: "gift", id: g.id, field: None });
                }
            }
            _ => {}
        }
    }
    result.gifts.retain(|g| !gone.contains(&g.uid));
    let mut taken: HashSet<u32> = result.gifts.iter().map(|g| g.id).collect();
    let mut next = taken.iter().max().copied().unwrap_or(0) + 1;
    for g in &before.gifts {
        if !after_g.contains_key(g.uid.as_str()) && !result.gifts.iter().any(|o| o.uid == g.uid) && comes_back(&g.uid) {
            let mut back = g.clone();
            back.id = fresh_id(g.id, &mut taken, &mut next);
            result.gifts.push(back);
        }
    }

    // Traces, notes and values set aside: sets.
    revert_set(&after.forgotten, &mut result.forgotten, &before.forgotten, |f| f.uid.clone());
    revert_set(&after.moved, &mut result.moved, &before.moved, Clone::clone);
    revert_set(&after.conflicts, &mut result.conflicts, &before.conflicts, Clone::clone);
    // The highest IDs given: back to before's when nothing since gave a higher one.
    result.last_rung_id = if now.last_rung_id == after.last_rung_id { before.last_rung_id } else { now.last_rung_id };
    result.last_attempt_id =
        if now.last_attempt_id == after.last_attempt_id { before.last_attempt_id } else { now.last_attempt_id };

    if clashes.is_empty() {
        Ok(result)
    } else {
        clashes.dedup();
        Err(clashes)
    }
}

/// The entry's ID in `before` when no other entry has it now, else the next free one.
fn fresh_id(wanted: u32, taken: &mut HashSet<u32>, next: &mut u32) -> u32 {
    let id = if taken.contains(&wanted) {
        while taken.contains(next) {
            *next += 1;
        }
        *next
    } else {
        wanted
    };
    taken.insert(id);
    id
}

fn by_uid<T>(items: &[T], uid: fn(&T) -> &String) -> HashMap<&str, &T> {
    items.iter().map(|item| (uid(item).as_str(), item)).collect()
}

/// `now` less what the change added, with what it took out back.
fn revert_set<T: Clone + PartialEq, K: PartialEq>(after: &[T], now: &mut Vec<T>, before: &[T], key: fn(&T) -> K) {
    let added: Vec<K> = after.iter().filter(|a| !before.iter().any(|b| key(b) == key(a))).map(key).collect();
    now.retain(|n| !added.contains(&key(n)));
    for b in before {
        if !after.iter().any(|a| key(a) == key(b)) && !now.iter().any(|n| key(n) == key(b)) {
            now.push(b.clone());
        }
    }
}

/// Sets each field the change set (`after` differs from `before`) back to its value before, when `now` still
/// holds the value the change set; a field `now` holds a third value of is a clash. The fields are the merge's
/// own lists, so that a field the merge knows the revert knows too.
fn revert_fields<T>(
    fields: &[Field<T>],
    (what, id): (&'static str, u32),
    (after, now, before): (&T, &mut T, &T),
    clashes: &mut Vec<Clash>,
) {
    for (name, get, set) in fields {
        let (set_to, was) = (get(after), get(before));
        if set_to == was {
            continue;
        }
        let held = get(now);
        if held == set_to {
            set(now, before);
        } else if held != was {
            clashes.push(Clash { what, id, field: Some(short(name)) });
        }
    }
}

/// The first field, as the file names it, that differs between `a` and `b`.
fn first_difference<T>(fields: &[Field<T>], a: &T, b: &T) -> Option<&'static str> {
    fields.iter().find(|(_, get, _)| get(a) != get(b)).map(|(name, _, _)| short(name))
}

/// A field's name as the file has it in its table: "note" of "attempt.note".
fn short(name: &'static str) -> &'static str {
    name.split_once('.').map_or(name, |(_, field)| field)
}

/// An attempt's thanks: never undone by a merge (not among the merge's fields), but taken back by an undo of
/// `ladder thank`.
const THANKED: Field<Attempt> =
    ("attempt.thanked", |a| a.thanked.map(|t| t.to_string()).unwrap_or_default(), |a, from| a.thanked = from.thanked);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Forgotten, Outcome, Rung};
    use chrono::DateTime;

    fn attempt(id: u32, uid: &str, rung: u32) -> Attempt {
        let at = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+01:00").unwrap();
        Attempt { uid: uid.into(), ..Attempt::new(id, rung, at, Outcome::Yes) }
    }

    fn rung(id: u32, uid: &str, stakes: u8) -> Rung {
        Rung { uid: uid.into(), ..Rung::new(id, format!("ask {uid}"), stakes) }
    }

    #[test]
    fn a_removed_rung_comes_back_with_its_attempts_under_free_ids() {
        let before = Ladder {
            rungs: vec![rung(1, "r1", 10), rung(2, "r2", 20)],
            attempts: vec![attempt(1, "a1", 1), attempt(2, "a2", 2)],
            ..Ladder::default()
        };
        // `rm 2`, then a pull brought rung 3 and an attempt that took ID 2.
        let after = Ladder {
            rungs: vec![rung(1, "r1", 10)],
            attempts: vec![attempt(1, "a1", 1)],
            last_rung_id: 2,
            last_attempt_id: 2,
            ..Ladder::default()
        };
        let mut now = after.clone();
        now.rungs.push(rung(2, "x2", 30));
        now.attempts.push(attempt(2, "x1", 2));
        let back = revert(&after, &now, &before).unwrap();
        let rungs: Vec<_> = back.rungs.iter().map(|r| (r.id, r.uid.as_str())).collect();
        assert_eq!(rungs, [(1, "r1"), (2, "x2"), (3, "r2")]);
        let attempts: Vec<_> = back.attempts.iter().map(|a| (a.id, a.uid.as_str(), a.rung)).collect();
        assert_eq!(attempts, [(1, "a1", 1), (2, "x1", 2), (3, "a2", 3)], "its attempt follows it to its new ID");
    }

    #[test]
    fn a_forget_taken_back_brings_the_entry_back_and_drops_its_trace() {
        let before =
            Ladder { rungs: vec![rung(1, "r1", 10)], attempts: vec![attempt(1, "a1", 1)], ..Ladder::default() };
        let after = Ladder {
            rungs: vec![rung(1, "r1", 10)],
            forgotten: vec![Forgotten { uid: "a1".into(), on: None }],
            last_attempt_id: 1,
            ..Ladder::default()
        };
        let mut now = after.clone();
        now.attempts.push(attempt(2, "x1", 1));
        let back = revert(&after, &now, &before).unwrap();
        assert!(back.forgotten.is_empty());
        assert_eq!(back.attempts.iter().map(|a| a.uid.as_str()).collect::<Vec<_>>(), ["x1", "a1"]);
    }

    #[test]
    fn what_changed_since_clashes_and_is_named() {
        let before = Ladder { rungs: vec![rung(1, "r1", 10)], ..Ladder::default() };
        let mut after = before.clone();
        after.rungs.push(rung(2, "r2", 20));
        after.rungs[0].stakes = 15;
        let mut now = after.clone();
        now.rungs[0].stakes = 12;
        now.attempts.push(attempt(1, "x1", 2));
        let clashes = revert(&after, &now, &before).unwrap_err();
        assert_eq!(
            clashes,
            [Clash { what: "rung", id: 1, field: Some("stakes") }, Clash { what: "rung", id: 2, field: None },]
        );
        // The same edit on both: nothing to take back there, and no clash.
        now.rungs[0].stakes = 10;
        now.attempts.clear();
        let back = revert(&after, &now, &before).unwrap();
        assert_eq!((back.rungs.len(), back.rungs[0].stakes), (1, 10));
    }
}
