//! Where a worksheet's entries land on a ladder (`ladder import`): an ask already there (the same words, however
//! spaced, capitalised or punctuated) is skipped, and everything else gets a new uid and a new ID after the
//! highest the ladder ever gave, so that no ID is reused. Pure: the ladder and the entries found in, the changes
//! out, in one list, saved as one change.

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Change, Ladder, Rung};
use crate::rules::asks;

/// The import, planned: the changes to make, and what each found rung became.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub changes: Vec<Change>,
    /// The rungs to add, with their new IDs, in the order found, beside where each was found.
    pub added: Vec<(Rung, usize)>,
    /// The rungs skipped (by index in the rungs found) and the rung already there (or added before it) with the
    /// same words.
    pub skipped: Vec<(usize, Rung)>,
    /// Attempts left out because their rung was skipped: a count the lists cannot give, as they hold only what
    /// is brought in.
    pub attempts_skipped: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many attempts, hesitations and notes of help given it brings along.
    pub fn brought(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for change in &self.changes {
            match change {
                Change::AddAttempt(_) => counts[0] += 1,
                Change::AddHesitation(_) => counts[1] += 1,
                Change::AddGift(_) => counts[2] += 1,
                _ => {}
            }
        }
        counts
    }
}

/// Plans bringing `found` into `ladder`, each entry with a uid from `new_uid`. A rung found without the day it was
/// made was made `today`. `Err` says which kind of ID has run out.
pub fn plan(
    ladder: &Ladder,
    found: &Ladder,
    today: NaiveDate,
    new_uid: &mut dyn FnMut() -> String,
) -> Result<Plan, &'static str> {
    let mut plan = Plan { changes: Vec::new(), added: Vec::new(), skipped: Vec::new(), attempts_skipped: 0 };
    let mut next_rung = ladder.last_rung_id();
    // The found rung's ID and uid, to the ID and uid it has on the ladder (added or its twin).
    let mut ids: FxHashMap<u32, u32> = FxHashMap::default();
    let mut uids: FxHashMap<String, String> = FxHashMap::default();
    let mut added_ids: FxHashSet<u32> = FxHashSet::default();
    // Each ask's words, to the rung that has them: the first on the ladder, else the first added.
    let mut known: FxHashMap<Vec<String>, Rung> = FxHashMap::default();
    for rung in ladder.rungs.iter().rev() {
        known.insert(asks::plain(&rung.ask), rung.clone());
    }
    for (index, rung) in found.rungs.iter().enumerate() {
        let words = asks::plain(&rung.ask);
        if let Some(twin) = known.get(&words) {
            ids.insert(rung.id, twin.id);
            uids.insert(rung.uid.clone(), twin.uid.clone());
            plan.skipped.push((index, twin.clone()));
            continue;
        }
        next_rung = next_rung.checked_add(1).ok_or("rung")?;
        let new = Rung { id: next_rung, uid: new_uid(), created: rung.created.or(Some(today)), ..rung.clone() };
        ids.insert(rung.id, new.id);
        uids.insert(rung.uid.clone(), new.uid.clone());
        added_ids.insert(new.id);
        known.insert(words, new.clone());
        plan.added.push((new, index));
    }
    for (rung, _) in &mut plan.added {
        // A step before a harder rung stays linked to it when that rung came too, or was there already.
        rung.before = rung.before.as_ref().and_then(|old| uids.get(old)).cloned();
    }
    plan.changes.extend(plan.added.iter().map(|(r, _)| Change::AddRung(r.clone())));

    let mut attempts: Vec<_> = found.attempts.iter().collect();
    attempts.sort_by_key(|a| (a.at, a.id));
    let mut next_attempt = ladder.last_attempt_id();
    for attempt in attempts {
        match ids.get(&attempt.rung).filter(|id| added_ids.contains(id)) {
            Some(&rung) => {
                next_attempt = next_attempt.checked_add(1).ok_or("attempt")?;
                let new = crate::model::Attempt { id: next_attempt, uid: new_uid(), rung, ..attempt.clone() };
                plan.changes.push(Change::AddAttempt(new));
            }
            None => plan.attempts_skipped += 1,
        }
    }

    let mut next_hesitation = ladder.next_hesitation_id();
    let mut hesitations: Vec<_> = found.hesitations.iter().collect();
    hesitations.sort_by_key(|h| (h.at, h.id));
    let noted: FxHashSet<_> = ladder.hesitations.iter().map(|h| (h.at, h.text.as_str())).collect();
    for hesitation in hesitations {
        if noted.contains(&(hesitation.at, hesitation.text.as_str())) {
            continue;
        }
        let id = next_hesitation.ok_or("hesitation")?;
        next_hesitation = id.checked_add(1);
        let rung = hesitation.rung.and_then(|r| ids.get(&r).copied());
        let new = crate::model::Hesitation { id, uid: new_uid(), rung, ..hesitation.clone() };
        plan.changes.push(Change::AddHesitation(new));
    }

    let mut next_gift = ladder.next_gift_id();
    let mut gifts: Vec<_> = found.gifts.iter().collect();
    gifts.sort_by_key(|g| (g.at, g.id));
    let given: FxHashSet<_> = ladder.gifts.iter().map(|g| (g.at, g.to.as_str(), g.text.as_str())).collect();
    for gift in gifts {
        if given.contains(&(gift.at, gift.to.as_str(), gift.text.as_str())) {
            continue;
        }
        let id = next_gift.ok_or("gift")?;
        next_gift = id.checked_add(1);
        plan.changes.push(Change::AddGift(crate::model::Gift { id, uid: new_uid(), ..gift.clone() }));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attempt, Outcome};
    use chrono::DateTime;

    #[test]
    fn twins_are_skipped_and_ids_are_never_reused() {
        let mut ladder = Ladder::default();
        ladder.rungs.push(Rung::new(1, "Ask Sam for a lift", 40));
        ladder.last_rung_id = 7;
        ladder.last_attempt_id = 3;
        let mut found = Ladder::default();
        found.rungs.push(Rung::new(1, "ask sam -- for a LIFT!", 30));
        found.rungs.push(Rung::new(2, "Call the GP", 70));
        found.rungs.push(Rung::new(3, "Call  the GP.", 60));
        let at = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
        found.attempts.push(Attempt::new(1, 1, at, Outcome::Yes));
        found.attempts.push(Attempt::new(2, 2, at, Outcome::No));
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut n = 0;
        let plan = plan(&ladder, &found, today, &mut || {
            n += 1;
            format!("new{n}")
        })
        .unwrap();
        let added: Vec<(u32, &str)> = plan.added.iter().map(|(r, _)| (r.id, r.ask.as_str())).collect();
        assert_eq!(added, [(8, "Call the GP")]);
        assert_eq!(plan.skipped.iter().map(|(i, r)| (*i, r.id)).collect::<Vec<_>>(), [(0, 1), (2, 8)]);
        assert_eq!((plan.brought(), plan.attempts_skipped), ([1, 0, 0], 1));
        let Some(Change::AddAttempt(attempt)) = plan.changes.last() else { panic!("an attempt") };
        assert_eq!((attempt.id, attempt.rung), (4, 8));
        assert_ne!(plan.added[0].0.uid, found.rungs[1].uid, "a fresh uid");
    }
}
