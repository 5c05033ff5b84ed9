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
    let mut named: Vec<(&Attempt, &Rung)> = ladder
        .attempts
        .iter()
        .filter(|a| Some(a.id) != skip)
        .filter_map(|a| {
            let rung = *rungs.get(&a.rung)?;
            (rung.who.is_some() && !care::health(rung)).then_some((a, rung))
        })
        .collect();
    named.sort_by_key(|(a, _)| (a.at, a.id));
    let last = &named[named.len().saturating_sub(WINDOW)..];
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
    let days: FxHashSet<_> = ladder.attempts.iter().map(|a| a.at.date_naive()).collect();
    !care::very_hard(attempt)
        && ladder.rungs.iter().all(|r| r.planned.is_none())
        && days.len() >= PLAN_DAYS
        && !ladder.attempts.iter().any(|a| a.id != attempt.id && a.at.date_naive() == day)
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
}
