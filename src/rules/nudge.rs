//! What `done` may add once the attempt is recorded, when nothing more pressing is said: a wider circle, and a
//! day for the next ask. Each is said once, never on every command; care (`care`) always comes first.
//!
//! - **One person.** When `MOST` of the last `WINDOW` asks made to a named person went to the same person, and
//!   the ask just recorded is the one that made it so, `done` suggests asking someone new. The method's aim is a
//!   circle of people one can ask, not one safe person. Rungs tagged `health` are left out: seeing the same GP
//!   is no narrowing.
//! - **Plan the next one.** A specific day makes an ask likelier to happen; `done` names the command to plan the
//!   next rung's ask, only when the ladder holds no plan at all, the person has practised on at least
//!   `PLAN_DAYS` different days, this is the first attempt recorded for its day (so at most once a day), and
//!   the attempt was not very hard.

use rustc_hash::FxHashSet;

use crate::model::{Attempt, Ladder, Rung};
use crate::rules::care;
use crate::rules::plan::name_key;

/// How many of the latest asks to a named person are looked at.
pub const WINDOW: usize = 5;
/// How many of them going to one person is "most".
pub const MOST: usize = 4;
/// On how many different days the person must have practised before `done` offers to plan.
pub const PLAN_DAYS: usize = 2;

/// The person most recent asks went to: the rung of the latest ask to a named person, and how many of the last
/// `WINDOW` such asks went to that person, when at least `MOST` did. `skip` leaves one attempt out.
fn leaning(ladder: &Ladder, skip: Option<u32>) -> Option<(&Rung, &Attempt, usize)> {
    let rungs = ladder.rungs_by_id();
    // The latest `WINDOW` asks to a named person, oldest first, as sorting them all by time and ID would leave
    // them, kept while going through the journal from its end: one written in time order costs a comparison an
    // attempt (collecting and sorting all of them twice was 1.9 of a years-of-use `done`'s 21 million
    // instructions, callgrind).
    let key = |a: &Attempt| (a.at, a.id);
    let mut last: Vec<(&Attempt, &Rung)> = Vec::with_capacity(WINDOW + 1);
    for a in ladder.attempts.iter().rev().filter(|a| Some(a.id) != skip) {
        if last.len() == WINDOW && last.first().is_some_and(|(first, _)| key(a) <= key(first)) {
            continue;
        }
        let Some(&rung) = rungs.get(&a.rung) else { continue };
        if rung.who.is_none() || care::health(rung) {
            continue;
        }
        // Before those with the same key: they come later in the journal, as a stable sort leaves them.
        let at = last.partition_point(|(b, _)| key(b) < key(a));
        last.insert(at, (a, rung));
        if last.len() > WINDOW {
            last.remove(0);
        }
    }
    if last.len() < WINDOW {
        return None;
    }
    let key = |r: &Rung| name_key(r.who.as_deref().unwrap_or_default());
    let &(attempt, rung) = last.last()?;
    let count = last.iter().filter(|(_, r)| key(r) == key(rung)).count();
    (count >= MOST).then_some((rung, attempt, count))
}

/// After recording `attempt`: the rung naming the person most recent asks went to, and how many of the last
/// `WINDOW` went to them, when `attempt` is the latest of them and the one that made it most.
pub fn one_person<'a>(ladder: &'a Ladder, attempt: &Attempt) -> Option<(&'a Rung, usize)> {
    let (rung, latest, count) = leaning(ladder, None)?;
    (latest.id == attempt.id && leaning(ladder, Some(attempt.id)).is_none()).then_some((rung, count))
}

/// After recording `attempt` (not very hard): whether to offer to plan the next ask, on `next`.
pub fn offer_plan(ladder: &Ladder, attempt: &Attempt) -> bool {
    let day = attempt.at.date_naive();
    // Days are counted only until there are enough: collecting every attempt's day was 1.0 of a years-of-use
    // `done`'s 21 million instructions (callgrind).
    let mut days: FxHashSet<_> = FxHashSet::default();
    let mut practised =
        || PLAN_DAYS == 0 || ladder.attempts.iter().any(|a| days.insert(a.at.date_naive()) && days.len() >= PLAN_DAYS);
    !care::very_hard(attempt)
        && ladder.rungs.iter().all(|r| r.planned.is_none())
        && !ladder.attempts.iter().any(|a| a.id != attempt.id && a.at.date_naive() == day)
        && practised()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;
    use chrono::{DateTime, Duration};

    fn ladder(asked: &[&str]) -> Ladder {
        let mut ladder = Ladder::default();
        for (id, who) in [(1, "Mum"), (2, "mum "), (3, "Sam")] {
            let mut rung = Rung::new(id, "ask", 30);
            rung.who = Some(who.into());
            ladder.rungs.push(rung);
        }
        let start = DateTime::parse_from_rfc3339("2026-11-02T12:00:00+00:00").unwrap();
        for (id, who) in (1u32..).zip(asked) {
            let rung = if *who == "Sam" { 3 } else { 1 + id % 2 };
            ladder.attempts.push(Attempt::new(id, rung, start + Duration::days(i64::from(id)), Outcome::Yes));
        }
        ladder
    }

    #[test]
    fn four_of_the_last_five_to_one_person_is_said_when_it_begins() {
        let l = ladder(&["Sam", "Mum", "Mum", "Mum", "Mum"]);
        assert_eq!(one_person(&l, &l.attempts[4]).map(|(r, n)| (r.id, n)), Some((2, 4)));
        let l = ladder(&["Sam", "Mum", "Mum", "Mum", "Mum", "Mum"]);
        assert_eq!(one_person(&l, &l.attempts[5]), None, "said once, not again");
        let l = ladder(&["Mum", "Mum", "Mum", "Mum"]);
        assert_eq!(one_person(&l, &l.attempts[3]), None, "four asks are too few to tell");
        let l = ladder(&["Mum", "Sam", "Mum", "Sam", "Mum"]);
        assert_eq!(one_person(&l, &l.attempts[4]), None, "three of five is not most");
    }

    /// `leaning` as it was: every ask to a named person, sorted by time and ID, the last `WINDOW` of them.
    fn leaning_by_sorting(ladder: &Ladder, skip: Option<u32>) -> Option<(u32, u32, usize)> {
        let rungs = ladder.rungs_by_id();
        let mut named: Vec<(&Attempt, &Rung)> = (ladder.attempts.iter())
            .filter(|a| Some(a.id) != skip)
            .filter_map(|a| Some((a, *rungs.get(&a.rung)?)).filter(|(_, r)| r.who.is_some() && !care::health(r)))
            .collect();
        named.sort_by_key(|(a, _)| (a.at, a.id));
        let last = &named[named.len().saturating_sub(WINDOW)..];
        if last.len() < WINDOW {
            return None;
        }
        let key = |r: &Rung| name_key(r.who.as_deref().unwrap_or_default());
        let &(attempt, rung) = last.last()?;
        let count = last.iter().filter(|(_, r)| key(r) == key(rung)).count();
        (count >= MOST).then_some((rung.id, attempt.id, count))
    }

    #[test]
    fn the_latest_asks_are_found_in_a_journal_in_any_order() {
        let names = ["Sam", "Mum", "Mum", "Mum", "Sam", "Mum", "Mum", "Sam", "Mum", "Mum", "Mum", "Mum"];
        let mut l = ladder(&names);
        l.rungs[2].tags = vec!["health".into()];
        // Moments that tie, and a rung with nobody named.
        l.attempts[3].at = l.attempts[6].at;
        l.attempts[9].at = l.attempts[10].at;
        l.attempts.push(Attempt::new(40, 9, l.attempts[11].at, crate::model::Outcome::Yes));
        let mut seed = 7u64;
        for round in 0..200 {
            for i in (1..l.attempts.len()).rev() {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                l.attempts.swap(i, (seed >> 33) as usize % (i + 1));
            }
            if round % 2 == 0 {
                l.rungs[2].tags.clear();
            }
            for skip in [None, Some(12), Some(5)] {
                let found = leaning(&l, skip).map(|(r, a, n)| (r.id, a.id, n));
                assert_eq!(found, leaning_by_sorting(&l, skip), "round {round}, skipping {skip:?}");
            }
        }
    }
}
