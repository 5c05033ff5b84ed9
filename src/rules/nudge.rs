//! What `done` may add once the attempt is recorded, when nothing more pressing is said: a wider circle, and a
//! day for the next ask. Each is said once, never on every command; care (`care`) always comes first.
//!
//! - **One person.** When `MOST` of the last `WINDOW` asks made to a named person went to the same person, and
//!   the ask just recorded is the one that made it so, `done` suggests asking someone new. The method's aim is a
//!   circle of people one can ask, not one safe person. Rungs tagged `health` are left out: seeing the same GP
//!   is no narrowing.
//! - **Plan the next one.** A specific day makes an ask likelier to happen, and helps most when practice has
//!   lapsed: `done` names the command to plan the next rung's ask only when the person comes back after a
//!   break, the first attempt recorded for a day at least `PLAN_GAP` days after the last day with practice
//!   (so never on the first day, and never while practice is regular), at most once a week (no other such
//!   return earlier in its week, from Monday), when the ladder holds no plan at all and the attempt was not
//!   very hard. An ordinary month of practice on most days brings it once or twice; a run of days never.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{Attempt, Ladder, Rung};
use crate::rules::care;
use crate::rules::plan::name_key;

/// How many of the latest asks to a named person are looked at.
pub const WINDOW: usize = 5;
/// How many of them going to one person is "most".
pub const MOST: usize = 4;
/// How many days after the last day with practice a return counts as one after a break (3: two whole days
/// without practice between).
pub const PLAN_GAP: u32 = 3;

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

/// After recording `attempt` (not very hard): whether to offer to plan the next ask, on `next`: when this
/// is a return after a break of `PLAN_GAP` days or more, the first of its week (from Monday).
pub fn offer_plan(ladder: &Ladder, attempt: &Attempt) -> bool {
    let day = attempt.at.date_naive();
    if care::very_hard(attempt) || ladder.rungs.iter().any(|r| r.planned.is_some()) {
        return false;
    }
    // The days with practice in the window that decides, and whether there was practice before it; one pass,
    // collecting only the window's few days (a years-of-use journal is long).
    // The week (from Monday) holds at most one offer; the window reaches `PLAN_GAP` days further back, to tell
    // which of the week's days were returns.
    let back_by = |days: u32| day.checked_sub_days(Days::new(u64::from(days)));
    let monday = day.weekday().num_days_from_monday();
    let (Some(from), Some(start)) = (back_by(monday), back_by(monday + PLAN_GAP)) else { return false };
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut earlier = false;
    for a in ladder.attempts.iter().filter(|a| a.id != attempt.id) {
        let on = a.at.date_naive();
        if on >= day {
            // Not the first attempt of its day, or recorded for a day before the latest practice.
            return false;
        }
        if on < start {
            earlier = true;
        } else if !days.contains(&on) {
            days.push(on);
        }
    }
    days.sort_unstable();
    // A day with practice is a return after a break when the day with practice before it is `PLAN_GAP` or
    // more days earlier (with none in the window, practice before it counts, as it is further back still).
    let gap = |on: NaiveDate, last: NaiveDate| (on - last).num_days() >= i64::from(PLAN_GAP);
    let returns = |i: usize, on: NaiveDate| match i.checked_sub(1) {
        Some(j) => gap(on, days[j]),
        None => earlier,
    };
    let back = match days.last() {
        Some(&last) => gap(day, last),
        None => earlier,
    };
    // Once a week: no other return earlier this week.
    let recent = days.iter().enumerate().any(|(i, on)| *on >= from && returns(i, *on));
    back && !recent
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

    /// The days of a month of practice (day numbers from Monday 16 Nov 2026, in order; a day twice is two
    /// attempts) on which `done` offers to plan, as each attempt is recorded in turn.
    fn offers(days: &[i64]) -> Vec<i64> {
        let mut ladder = Ladder::default();
        ladder.rungs.push(Rung::new(1, "ask", 30));
        let start = DateTime::parse_from_rfc3339("2026-11-16T10:00:00+01:00").unwrap();
        let mut offered = Vec::new();
        for (id, day) in (1u32..).zip(days) {
            let attempt =
                Attempt::new(id, 1, start + Duration::days(*day) + Duration::minutes(id.into()), Outcome::Yes);
            ladder.attempts.push(attempt.clone());
            if offer_plan(&ladder, &attempt) {
                offered.push(*day);
            }
        }
        offered
    }

    #[test]
    fn a_day_for_the_next_ask_is_offered_rarely_on_a_return_after_a_break() {
        // A new user's month (newuser12 item 11): practice on 16 days of 16 Nov to 14 Dec, two asks on two of
        // them. The offer came on 14 of those days; now only after the two breaks of two days or more (27 Nov,
        // 14 Dec).
        let month = [0, 1, 2, 4, 5, 6, 7, 8, 8, 11, 12, 13, 14, 15, 16, 18, 20, 21, 22, 23, 24, 28, 28];
        assert_eq!(offers(&month), [11, 28]);
        // Every day of a month: never, practice is regular.
        assert_eq!(offers(&(0..30).collect::<Vec<_>>()), Vec::<i64>::new());
        // Every third day: a return each time, said once a week at most (the first return of each week, from
        // Monday: 16 Nov is a Monday).
        assert_eq!(offers(&[0, 3, 6, 9, 12, 15, 18, 21, 24, 27]), [3, 9, 15, 21]);
        // Once a week: each a return.
        assert_eq!(offers(&[0, 7, 14, 21, 28]), [7, 14, 21, 28]);
        // Two days apart is no break; the first day of all is none either.
        assert_eq!(offers(&[0, 2, 4, 6, 8]), Vec::<i64>::new());
        // Recorded for a day before the latest practice: not offered.
        assert_eq!(offers(&[10, 0]), Vec::<i64>::new());
    }

    #[test]
    fn no_day_is_offered_after_a_very_hard_ask_or_with_a_plan_on_the_ladder() {
        let start = DateTime::parse_from_rfc3339("2026-11-16T10:00:00+01:00").unwrap();
        let mut ladder = Ladder::default();
        ladder.rungs.push(Rung::new(1, "ask", 30));
        ladder.attempts.push(Attempt::new(1, 1, start, Outcome::Yes));
        let back = Attempt::new(2, 1, start + Duration::days(4), Outcome::Yes);
        ladder.attempts.push(back.clone());
        assert!(offer_plan(&ladder, &back));
        let hard = Attempt { before: Some(90), after: Some(90), ..back.clone() };
        assert!(!offer_plan(&ladder, &hard));
        ladder.rungs[0].planned = Some(start.date_naive() + Duration::days(9));
        assert!(!offer_plan(&ladder, &back));
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
