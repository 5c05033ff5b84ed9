//! Care comes before climbing: when a rung rests, when to step down, and which asks never wait.
//!
//! Decided by numbers, outcomes, names and tags alone, never by the words of a note: a rule that reads
//! keywords misses most distress and cannot be predicted. Three rules:
//!
//! - **Step down.** Two attempts in a row on a rung that were each very hard (distress rated `VERY_HIGH` or
//!   more, before, at its peak or after the ask, or a rise during it to `HIGH` or more, or of `RISE` points or
//!   more to `ANXIOUS` or more) make the rung rest for `REST_DAYS`: `next` offers an easier rung instead, never a harder one, and `done` says once, kindly, to pause, step down and
//!   talk it over with a therapist or GP. Exposure is meant to be hard but bearable; distress that stays at
//!   the top of the scale, or rises during the ask, is the signal clinicians use to drop down a step.
//! - **A no rests the person.** After a no from the person a rung names (`who`), no rung asking that person is
//!   offered for `REST_DAYS`, unless they were asked again since: the same stakes with someone else, or another
//!   request, are practice just as good.
//! - **Professional help never waits.** A rung tagged `health` is never held back by the climbing order, never
//!   rests, and never gets an "easier first" hint: `next` offers it any time it is not mastered.

use chrono::{DateTime, Duration, FixedOffset};
use rustc_hash::FxHashMap;

use crate::model::{Attempt, Ladder, Mastery, Outcome, Rung};
use crate::rules::plan::{self, RungState, Status, name_key};

/// Distress at or above this, before, at the peak of or after an ask, is very high.
pub const VERY_HIGH: u8 = 85;
/// A rise in distress during an ask (from before to after) of this many points or more, ending at `ANXIOUS` or
/// more, makes it very hard: more than the 5-10 points between a ladder's steps, so that a rating's wobble is
/// not read as a rise.
pub const RISE: u8 = 10;
/// Distress at which a rise of `RISE` counts: 50 is "clearly anxious" on the SUDS anchors (0 calm, 100 the
/// worst imaginable). A rise that ends below it, at bearable distress, is not very hard.
pub const ANXIOUS: u8 = 50;
/// Distress at which any rise counts: near the top of the scale, distress still climbing (80 to 84) is the
/// signal to step down, however small the rise (attack15).
pub const HIGH: u8 = 75;
/// How long a rung rests, in days: after two very hard attempts in a row, or after a no from its person.
pub const REST_DAYS: i64 = 7;
/// The tag of the asks that never wait: professional help and health.
pub const HEALTH: &str = "health";

/// An attempt that was very hard: rated `VERY_HIGH` or more before, at its peak or after, or its distress rose
/// during the ask (`rose`).
pub fn very_hard(attempt: &Attempt) -> bool {
    hardness(attempt).is_some()
}

/// The distress before and after an ask, when it rose during it to `HIGH` or more, or by `RISE` points or
/// more to `ANXIOUS` or more: the rise that makes an attempt very hard. A smaller rise, or one that ends at
/// bearable distress, is none.
pub fn rose(attempt: &Attempt) -> Option<(u8, u8)> {
    match (attempt.before, attempt.after) {
        (Some(before), Some(after))
            if after > before && (after >= HIGH || (after >= ANXIOUS && after - before >= RISE)) =>
        {
            Some((before, after))
        }
        _ => None,
    }
}

/// What made an attempt very hard, as it is said: its rise (`rose`) when that ended at its highest distress
/// and is worth saying (a rise of `RISE` or more, or one that stayed below `VERY_HIGH`), else its highest
/// distress, of before, peak and after (attack15: a peak of 95 was hidden behind "rose from 40 to 50").
/// `None` when it was not very hard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hardness {
    High(u8),
    Rose(u8, u8),
}

pub fn hardness(attempt: &Attempt) -> Option<Hardness> {
    let felt = attempt.felt()?;
    match rose(attempt) {
        Some((before, after)) if after >= felt && (felt < VERY_HIGH || after - before >= RISE) => {
            Some(Hardness::Rose(before, after))
        }
        _ if felt >= VERY_HIGH => Some(Hardness::High(felt)),
        rise => rise.map(|(before, after)| Hardness::Rose(before, after)),
    }
}

/// The last two attempts on a rung, oldest first, when both were very hard.
pub fn strained<'a>(state: &RungState<'a>) -> Option<[&'a Attempt; 2]> {
    match state.attempts[..] {
        [.., first, second] if very_hard(first) && very_hard(second) => Some([first, second]),
        _ => None,
    }
}

/// Whether a rung asks for professional help or is about health: tagged `health`, in any case.
pub fn health(rung: &Rung) -> bool {
    rung.tags.iter().any(|t| t.eq_ignore_ascii_case(HEALTH))
}

/// Why a rung is not offered for now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rest<'a> {
    /// The last two attempts on it were very hard; it rests until `until`.
    Strain { attempts: [&'a Attempt; 2], until: DateTime<FixedOffset> },
    /// The person it asks said no (attempt `no`, on this rung or another asking them); rungs asking them rest
    /// until `until`.
    Refused { no: &'a Attempt, until: DateTime<FixedOffset> },
}

impl Rest<'_> {
    pub fn until(&self) -> DateTime<FixedOffset> {
        match self {
            Rest::Strain { until, .. } | Rest::Refused { until, .. } => *until,
        }
    }
}

/// The end of a rest that began at `at`.
pub fn rest_end(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at + Duration::days(REST_DAYS)
}

/// What the ladder says about rests, worked out once: the latest answer from each person named on a rung.
pub struct Rests<'a> {
    latest: FxHashMap<String, &'a Attempt>,
    now: DateTime<FixedOffset>,
}

impl<'a> Rests<'a> {
    pub fn new(ladder: &'a Ladder, now: DateTime<FixedOffset>) -> Rests<'a> {
        // Each person named gets a number, and each attempt finds its person's by its rung's ID: hashing the
        // name once an attempt was most of the 1.0 million instructions this took on years of use (callgrind).
        let mut people: FxHashMap<String, usize> = FxHashMap::default();
        let asks: FxHashMap<u32, usize> = (ladder.rungs.iter())
            .filter_map(|r| {
                let key = name_key(r.who.as_deref()?);
                let count = people.len();
                Some((r.id, *people.entry(key).or_insert(count)))
            })
            .collect();
        let mut last: Vec<Option<&Attempt>> = vec![None; people.len()];
        for attempt in &ladder.attempts {
            if let Some(&who) = asks.get(&attempt.rung) {
                match &mut last[who] {
                    Some(last) if (attempt.at, attempt.id) <= (last.at, last.id) => {}
                    slot => *slot = Some(attempt),
                }
            }
        }
        let latest = people.into_iter().filter_map(|(key, who)| Some((key, last[who]?))).collect();
        Rests { latest, now }
    }

    /// Whether the rung of `state` rests now, and why. A rung tagged `health` never rests.
    pub fn of(&self, state: &RungState<'a>) -> Option<Rest<'a>> {
        if health(state.rung) {
            return None;
        }
        if let Some(attempts) = strained(state) {
            let until = rest_end(attempts[1].at);
            if self.now < until {
                return Some(Rest::Strain { attempts, until });
            }
        }
        // Only while the person's latest answer is that no: asked again since (on any rung), they rest no more.
        let no = *self.latest.get(&name_key(state.rung.who.as_deref()?))?;
        let until = rest_end(no.at);
        (no.outcome == Outcome::No && self.now < until).then_some(Rest::Refused { no, until })
    }
}

/// What `next` offers: the rung to practise now, the rungs passed over because they rest, and the asks that
/// never wait.
#[derive(Debug, Clone)]
pub struct Step<'s, 'a> {
    /// The rung to practise now, if any.
    pub state: Option<&'s RungState<'a>>,
    /// Whether it is a step down, offered because the rung above it rests after very hard tries.
    pub down: bool,
    /// The unmastered rungs passed over on the way, lowest first, each with why it rests.
    pub resting: Vec<(&'s RungState<'a>, Rest<'a>)>,
    /// Rungs tagged `health` not mastered yet, other than the one offered: any time, whatever the order.
    pub any_time: Vec<&'s RungState<'a>>,
}

/// The next step at `now`: the lowest rung not mastered that does not rest. A rung resting after a no is
/// passed over for the next one; a rung resting after very hard tries is never climbed past: the nearest
/// easier rung that does not rest (usually one mastered already) is offered instead, as a step down. Under
/// `mastery = "learning"`, the climb varies (`plan::vary`): among the rungs open below that point, near the
/// person's level, the one practised longest ago.
pub fn step<'s, 'a>(ladder: &'a Ladder, states: &'s [RungState<'a>], now: DateTime<FixedOffset>) -> Step<'s, 'a> {
    step_given(ladder, states, &Rests::new(ladder, now))
}

/// `step`, at the moment of `rests` (worked out once for several moments by `offers_from`).
fn step_given<'s, 'a>(ladder: &'a Ladder, states: &'s [RungState<'a>], rests: &Rests<'a>) -> Step<'s, 'a> {
    let mut step = Step { state: None, down: false, resting: Vec::new(), any_time: Vec::new() };
    let mut open: Vec<&'s RungState<'a>> = Vec::new();
    for state in states.iter().filter(|s| s.status != Status::Mastered) {
        match rests.of(state) {
            None => open.push(state),
            Some(rest @ Rest::Refused { .. }) if open.is_empty() => step.resting.push((state, rest)),
            Some(Rest::Refused { .. }) => {}
            Some(rest @ Rest::Strain { .. }) => {
                if open.is_empty() {
                    step.resting.push((state, rest));
                    let key = (state.rung.stakes, state.rung.id);
                    step.state = states
                        .iter()
                        .filter(|s| s.rung.stakes < key.0 && rests.of(s).is_none())
                        .max_by_key(|s| (s.rung.stakes, s.rung.id));
                    step.down = step.state.is_some();
                }
                break;
            }
        }
        // The climbing order needs only the first; varying it, every open rung below a strained one.
        if ladder.settings.mastery == Mastery::Calm && !open.is_empty() {
            break;
        }
    }
    if !step.down {
        // Professional help is offered any time, beside the climb, rather than as a varied step.
        let climb: Vec<&'s RungState<'a>> =
            open.iter().copied().enumerate().filter(|(i, s)| *i == 0 || !health(s.rung)).map(|(_, s)| s).collect();
        step.state = plan::vary(states, &climb, &ladder.settings);
    }
    let offered = step.state.map(|s| s.rung.id);
    step.any_time = states
        .iter()
        .filter(|s| s.status != Status::Mastered && health(s.rung) && Some(s.rung.id) != offered)
        .collect();
    step
}

/// What `next` offers, in short: for the commands that end with a line about it.
#[derive(Debug, Clone, Copy)]
pub struct Offer<'a> {
    pub rung: Option<&'a Rung>,
    /// Whether it is a step down (see `Step`).
    pub down: bool,
    /// Whether some rung not mastered rests.
    pub resting: bool,
}

impl<'a> From<&Step<'_, 'a>> for Offer<'a> {
    fn from(step: &Step<'_, 'a>) -> Offer<'a> {
        Offer { rung: step.state.map(|s| s.rung), down: step.down, resting: !step.resting.is_empty() }
    }
}

/// What `next` offers at `now`. While no rung can rest, under `mastery = "calm"`, that is the climbing order's.
pub fn offer(ladder: &Ladder, now: DateTime<FixedOffset>) -> Offer<'_> {
    if ladder.settings.mastery == Mastery::Calm && rests_until(ladder).is_none_or(|until| now >= until) {
        return Offer { rung: crate::rules::plan::next_rung(ladder), down: false, resting: false };
    }
    let states = crate::rules::plan::survey(ladder);
    Offer::from(&step(ladder, &states, now))
}

/// The rung `next` offers at `now`, for the commands that only need its ID and ask.
pub fn next_rung(ladder: &Ladder, now: DateTime<FixedOffset>) -> Option<&Rung> {
    offer(ladder, now).rung
}

/// When every rest the ladder could hold is over: from then on, what `next` offers no longer depends on the
/// clock (until the next change to the file). `None` when nothing in it can make a rung rest.
pub fn rests_until(ladder: &Ladder) -> Option<DateTime<FixedOffset>> {
    let named: rustc_hash::FxHashSet<u32> = ladder.rungs.iter().filter(|r| r.who.is_some()).map(|r| r.id).collect();
    ladder
        .attempts
        .iter()
        .filter(|a| very_hard(a) || (a.outcome == Outcome::No && named.contains(&a.rung)))
        .map(|a| rest_end(a.at))
        .max()
}

/// The moments, earliest first, at which what `next` offers can change with the clock alone: the end of every
/// rest the ladder could hold. Between two of them, and after the last, the offer stays the same.
pub fn rest_ends(ladder: &Ladder) -> Vec<DateTime<FixedOffset>> {
    let named: rustc_hash::FxHashSet<u32> = ladder.rungs.iter().filter(|r| r.who.is_some()).map(|r| r.id).collect();
    let mut ends: Vec<DateTime<FixedOffset>> = ladder
        .attempts
        .iter()
        .filter(|a| very_hard(a) || (a.outcome == Outcome::No && named.contains(&a.rung)))
        .map(|a| rest_end(a.at))
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// A stretch of time in which no rest begins or ends, and the rung `next` offers all through it. `None` for
/// `from` is the beginning of time, for `until` its end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stretch<'a> {
    pub from: Option<DateTime<FixedOffset>>,
    pub until: Option<DateTime<FixedOffset>>,
    pub rung: Option<&'a Rung>,
}

/// What `next` offers through the stretch of time that holds `at`, the `more` stretches after it and the last
/// one (once every rest is over): so that a shell prompt can be answered without reading the ladder, at any
/// moment within them. Neighbouring stretches with the same offer are joined.
pub fn offers_from(ladder: &Ladder, at: Option<DateTime<FixedOffset>>, more: usize) -> Vec<Stretch<'_>> {
    let ends = rest_ends(ladder);
    let states = plan::survey(ladder);
    // Who said what last is the same at every moment: worked out once, not once a stretch (each a pass over
    // every attempt: 1.1 of the 4.2 million instructions of a years-of-use snapshot's answers, callgrind).
    let mut rests = Rests::new(ladder, DateTime::UNIX_EPOCH.fixed_offset());
    // Stretch i runs from the end before it (if any) to the end at i (if any).
    let first = at.map_or(0, |at| ends.partition_point(|end| *end <= at));
    let last = ends.len();
    let mut stretches: Vec<Stretch<'_>> = Vec::new();
    for i in (first..=last).take(more + 1).chain((first + more < last).then_some(last)) {
        let (from, until) = (i.checked_sub(1).map(|j| ends[j]), ends.get(i).copied());
        let moment = from.or(until.map(|u| u - Duration::seconds(1))).unwrap_or(DateTime::UNIX_EPOCH.fixed_offset());
        rests.now = moment;
        let rung = step_given(ladder, &states, &rests).state.map(|s| s.rung);
        match stretches.last_mut() {
            Some(before) if before.until == from && before.rung.map(|r| r.id) == rung.map(|r| r.id) => {
                before.until = until;
            }
            _ => stretches.push(Stretch { from, until, rung }),
        }
    }
    stretches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{attempt, ladder, rep, rung};
    use crate::rules::plan::survey;

    /// A day after the attempts of the fixtures.
    fn now() -> DateTime<FixedOffset> {
        attempt(1, 1, Outcome::Yes, None, None).at + Duration::days(1)
    }

    fn offered(l: &Ladder, now: DateTime<FixedOffset>) -> (Option<u32>, bool, Vec<u32>) {
        let states = survey(l);
        let step = step(l, &states, now);
        assert_eq!(next_rung(l, now).map(|r| r.id), step.state.map(|s| s.rung.id), "next_rung and step disagree");
        (step.state.map(|s| s.rung.id), step.down, step.resting.iter().map(|(s, _)| s.rung.id).collect())
    }

    #[test]
    fn very_hard_is_high_distress_or_distress_that_rose() {
        let hard = |before, after| very_hard(&attempt(1, 1, Outcome::Yes, before, after));
        assert!(hard(Some(85), None));
        assert!(hard(None, Some(90)));
        assert!(hard(Some(40), Some(50)), "rose by 10 to 50");
        assert!(!hard(Some(84), Some(84)));
        assert!(!hard(Some(25), Some(30)), "a wobble at comfortable distress");
        assert!(!hard(Some(55), Some(60)), "a rise of 5 is within a rating's wobble");
        assert!(hard(Some(90), Some(40)), "90 before is very high, however it ended");
        assert!(!hard(None, None));
        assert!(!hard(Some(60), Some(30)));
    }

    #[test]
    fn the_boundaries_of_very_hard() {
        let hard = |before, after| very_hard(&attempt(1, 1, Outcome::Yes, before, after));
        // A rise of 9 is not enough, 10 is; ending at 49 is not enough, 50 is.
        assert!(!hard(Some(41), Some(50)), "a rise of 9, to 50");
        assert!(hard(Some(40), Some(50)), "a rise of 10, to 50");
        assert!(!hard(Some(39), Some(49)), "a rise of 10, to 49");
        assert!(hard(Some(0), Some(50)), "a rise of 50, to 50");
        assert!(!hard(Some(0), Some(49)), "a rise of 49, to 49");
        // Near the top of the scale (75 or more), any rise: distress still climbing (attack15: 80 to 84 twice
        // mastered a rung).
        assert!(hard(Some(80), Some(84)), "a rise of 4, to 84");
        assert!(hard(Some(74), Some(75)), "a rise of 1, to 75");
        assert!(!hard(Some(66), Some(74)), "a rise of 8, to 74");
        assert!(hard(Some(64), Some(74)), "a rise of 10, to 74");
        assert!(!hard(Some(84), Some(84)), "no rise at 84");
        // 85 is very hard without any rise, however it is rated; 84 alone is not.
        assert!(hard(Some(85), Some(85)), "85 before and after");
        assert!(hard(Some(85), Some(60)), "85 before, then a fall");
        assert!(hard(Some(30), Some(85)), "85 after");
        assert!(!hard(Some(84), None));
        let mut peak = attempt(1, 1, Outcome::Yes, Some(40), Some(40));
        peak.peak = Some(85);
        assert!(very_hard(&peak), "85 at the peak");
        peak.peak = Some(84);
        assert!(!very_hard(&peak), "84 at the peak, no rise");
        // The rise is before to after, not to the peak.
        peak.peak = Some(70);
        assert!(!very_hard(&peak), "a peak of 70 that came back to 40");
        assert_eq!(rose(&attempt(1, 1, Outcome::Yes, Some(40), Some(50))), Some((40, 50)));
        assert_eq!(rose(&attempt(1, 1, Outcome::Yes, Some(80), Some(86))), Some((80, 86)));
        let said = |before, peak, after| hardness(&Attempt { peak, ..attempt(1, 1, Outcome::Yes, before, after) });
        assert_eq!(said(Some(80), None, Some(86)), Some(Hardness::High(86)), "very high, said as such");
        assert_eq!(said(Some(40), Some(95), Some(50)), Some(Hardness::High(95)), "the peak, not the rise under it");
        assert_eq!(said(Some(40), None, Some(50)), Some(Hardness::Rose(40, 50)));
        assert_eq!(said(Some(60), None, Some(85)), Some(Hardness::Rose(60, 85)), "a rise to the top, said as one");
        assert_eq!(said(Some(40), Some(80), Some(55)), Some(Hardness::Rose(40, 55)), "a peak below 85");
        assert_eq!(said(Some(40), None, Some(45)), None);
        assert_eq!(rose(&attempt(1, 1, Outcome::Yes, None, Some(90))), None);
    }

    #[test]
    fn two_very_hard_tries_rest_a_rung_and_step_down_never_up() {
        let mut l = ladder(
            vec![rung(1, 10), rung(2, 20), rung(3, 30)],
            vec![rep(1, 1), rep(2, 1), attempt(3, 2, Outcome::No, Some(100), Some(100))],
        );
        assert_eq!(offered(&l, now()), (Some(2), false, vec![]), "one very hard try is not yet a pattern");
        l.attempts.push(attempt(4, 2, Outcome::No, Some(100), Some(100)));
        assert_eq!(offered(&l, now()), (Some(1), true, vec![2]), "the mastered rung below, not rung 3 above");
        assert_eq!(offered(&l, now() + Duration::days(7)), (Some(2), false, vec![]), "a week's rest, then offered");
        l.rungs[1].tags = vec!["Health".into()];
        assert_eq!(offered(&l, now()), (Some(2), false, vec![]), "professional help never rests");
        l.rungs[1].tags.clear();
        l.rungs.remove(0);
        l.attempts.drain(..2);
        assert_eq!(offered(&l, now()), (None, false, vec![2]), "nothing easier: nothing offered");
    }

    #[test]
    fn a_no_from_a_named_person_rests_every_rung_that_asks_them() {
        let mut l =
            ladder(vec![rung(1, 10), rung(2, 20), rung(3, 30)], vec![attempt(1, 1, Outcome::No, Some(40), None)]);
        assert_eq!(offered(&l, now()), (Some(1), false, vec![]), "nobody named: the same ask again is fine");
        l.rungs[0].who = Some("Sam".into());
        l.rungs[1].who = Some(" sam".into());
        assert_eq!(offered(&l, now()), (Some(3), false, vec![1, 2]));
        assert_eq!(offered(&l, now() + Duration::days(7)), (Some(1), false, vec![]));
        assert_eq!(rests_until(&l), Some(l.attempts[0].at + Duration::days(7)));
        l.attempts.push(attempt(2, 2, Outcome::Yes, None, None));
        assert_eq!(offered(&l, now()), (Some(1), false, vec![]), "asked again since, on any rung: a yes");
    }

    #[test]
    fn health_rungs_are_offered_any_time() {
        let mut l = ladder(vec![rung(1, 10), rung(2, 85)], vec![]);
        l.rungs[1].tags = vec!["health".into()];
        let states = survey(&l);
        let step = step(&l, &states, now());
        assert_eq!(step.state.map(|s| s.rung.id), Some(1));
        assert_eq!(step.any_time.iter().map(|s| s.rung.id).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn the_offers_kept_for_a_prompt_are_what_next_offers_at_every_moment_in_them() {
        // Two people who said no a day apart, and a rung strained twice: rests end on three different days.
        let mut l = ladder(
            vec![rung(1, 10), rung(2, 20), rung(3, 30), rung(4, 40)],
            vec![
                attempt(1, 1, Outcome::No, Some(40), None),
                attempt(25, 2, Outcome::No, Some(40), None),
                attempt(50, 3, Outcome::No, Some(95), Some(95)),
                attempt(51, 3, Outcome::No, Some(95), Some(95)),
            ],
        );
        l.rungs[0].who = Some("Sam".into());
        l.rungs[1].who = Some("Ana".into());
        let first = l.attempts[0].at;
        for more in 0..4 {
            for at in [None, Some(first), Some(first + Duration::days(8))] {
                let stretches = offers_from(&l, at, more);
                assert_eq!(stretches.last().map(|s| s.until), Some(None), "the last stretch never ends");
                for s in &stretches {
                    let start = s.from.unwrap_or(first - Duration::days(30));
                    let end = s.until.unwrap_or(first + Duration::days(60));
                    for moment in [start, start + (end - start) / 2, end - Duration::seconds(1)] {
                        let offered = next_rung(&l, moment).map(|r| r.id);
                        assert_eq!(offered, s.rung.map(|r| r.id), "at {moment}, kept {s:?}");
                    }
                }
            }
        }
        assert!(offers_from(&l, Some(first), 0).len() >= 2, "the latest attempt's stretch and the last");
    }
}
