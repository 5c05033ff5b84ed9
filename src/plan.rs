//! The exposure rules: where each rung stands, and which ask comes next. Pure functions of a ladder.
//!
//! Graduated exposure climbs in order: the lowest rung that is not yet comfortable is the one to
//! practise, and an attempt counts whatever the answer was, since a "no" is a completed rep.

use std::collections::HashMap;

use crate::ladder::{Attempt, Ladder, Outcome, Rung, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    New,
    Practising,
    Mastered,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Practising => "practising",
            Status::Mastered => "mastered",
        }
    }
}

/// One rung with everything the rules say about it.
#[derive(Debug, Clone)]
pub struct RungState<'a> {
    pub rung: &'a Rung,
    /// Its attempts, oldest first.
    pub attempts: Vec<&'a Attempt>,
    /// How many of them count toward mastery.
    pub counted: u32,
    pub status: Status,
}

impl RungState<'_> {
    pub fn last(&self) -> Option<&Attempt> {
        self.attempts.last().copied()
    }
}

/// Which moment a person is at on the suggested rung, for the words that go with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    FirstTry,
    AfterNo,
    Repeat,
}

/// An attempt counts when it ended comfortable enough (after-distress, else before-distress), or
/// when no distress was written down: doing the ask is the rep.
pub fn counts(attempt: &Attempt, settings: &Settings) -> bool {
    attempt.after.or(attempt.before).is_none_or(|suds| suds <= settings.comfortable)
}

/// Every rung in climbing order: lowest stakes first, ties by lowest ID.
pub fn survey(ladder: &Ladder) -> Vec<RungState<'_>> {
    let mut by_rung: HashMap<u32, Vec<&Attempt>> = HashMap::new();
    for attempt in &ladder.attempts {
        by_rung.entry(attempt.rung).or_default().push(attempt);
    }
    let mut states: Vec<RungState> = ladder
        .rungs
        .iter()
        .map(|rung| {
            let mut attempts = by_rung.remove(&rung.id).unwrap_or_default();
            attempts.sort_by_key(|a| (a.at, a.id));
            let counted = attempts.iter().filter(|a| counts(a, &ladder.settings)).count();
            let counted = u32::try_from(counted).unwrap_or(u32::MAX);
            let status = if counted >= ladder.settings.repeat {
                Status::Mastered
            } else if attempts.is_empty() {
                Status::New
            } else {
                Status::Practising
            };
            RungState { rung, attempts, counted, status }
        })
        .collect();
    states.sort_by_key(|s| (s.rung.stakes, s.rung.id));
    states
}

/// The next step: the lowest rung not yet mastered. Nothing higher is offered while it waits.
pub fn next<'s, 'a>(states: &'s [RungState<'a>]) -> Option<&'s RungState<'a>> {
    states.iter().find(|s| s.status != Status::Mastered)
}

pub fn moment(state: &RungState) -> Moment {
    match state.last() {
        None => Moment::FirstTry,
        Some(a) if a.outcome == Outcome::No => Moment::AfterNo,
        Some(_) => Moment::Repeat,
    }
}

/// How many attempts ended each way, in the order of `Outcome::ALL`.
pub fn outcome_counts(ladder: &Ladder) -> [usize; 4] {
    let mut counts = [0; 4];
    for attempt in &ladder.attempts {
        if let Some(i) = Outcome::ALL.iter().position(|o| *o == attempt.outcome) {
            counts[i] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration};

    fn rung(id: u32, stakes: u8) -> Rung {
        Rung { id, ask: format!("ask {id}"), stakes, who: None, tags: vec![], created: None }
    }

    fn attempt(id: u32, rung: u32, outcome: Outcome, before: Option<u8>, after: Option<u8>) -> Attempt {
        let start = DateTime::parse_from_rfc3339("2026-11-02T09:00:00+01:00").unwrap();
        Attempt { id, rung, at: start + Duration::hours(i64::from(id)), outcome, before, after, note: None }
    }

    fn ladder(rungs: Vec<Rung>, attempts: Vec<Attempt>) -> Ladder {
        Ladder { settings: Settings::default(), rungs, attempts }
    }

    fn next_id(ladder: &Ladder) -> Option<u32> {
        next(&survey(ladder)).map(|s| s.rung.id)
    }

    #[test]
    fn climbs_from_the_lowest_stakes() {
        let l = ladder(vec![rung(1, 60), rung(2, 20), rung(3, 40)], vec![]);
        let order: Vec<u32> = survey(&l).iter().map(|s| s.rung.id).collect();
        assert_eq!(order, [2, 3, 1]);
        assert_eq!(next_id(&l), Some(2));
    }

    #[test]
    fn ties_go_to_the_lowest_id() {
        let l = ladder(vec![rung(7, 30), rung(3, 30), rung(5, 30)], vec![]);
        assert_eq!(next_id(&l), Some(3));
    }

    #[test]
    fn a_higher_rung_waits_while_a_lower_one_is_unmastered() {
        let attempts = vec![attempt(1, 1, Outcome::Yes, Some(70), Some(60))];
        let l = ladder(vec![rung(1, 20), rung(2, 40)], attempts);
        let states = survey(&l);
        assert_eq!(states[0].status, Status::Practising);
        assert_eq!(next_id(&l), Some(1));
    }

    #[test]
    fn comfortable_attempts_master_a_rung_whatever_the_answer() {
        let attempts =
            vec![attempt(1, 1, Outcome::No, Some(50), Some(30)), attempt(2, 1, Outcome::NoAnswer, Some(25), None)];
        let l = ladder(vec![rung(1, 20), rung(2, 40)], attempts);
        let states = survey(&l);
        assert_eq!((states[0].counted, states[0].status), (2, Status::Mastered));
        assert_eq!(next_id(&l), Some(2));
    }

    #[test]
    fn after_distress_wins_over_before_and_silence_counts() {
        let s = Settings::default();
        assert!(counts(&attempt(1, 1, Outcome::Yes, None, None), &s));
        assert!(counts(&attempt(1, 1, Outcome::Yes, Some(90), Some(30)), &s));
        assert!(!counts(&attempt(1, 1, Outcome::Yes, Some(10), Some(31)), &s));
        assert!(!counts(&attempt(1, 1, Outcome::Yes, Some(31), None), &s));
    }

    #[test]
    fn repeat_setting_sets_how_many_reps_master_a_rung() {
        let mut l = ladder(vec![rung(1, 20)], vec![attempt(1, 1, Outcome::Yes, None, None)]);
        assert_eq!(survey(&l)[0].status, Status::Practising);
        l.settings.repeat = 1;
        assert_eq!(survey(&l)[0].status, Status::Mastered);
    }

    #[test]
    fn nothing_to_suggest_when_empty_or_all_mastered() {
        assert_eq!(next_id(&Ladder::default()), None);
        let attempts = vec![attempt(1, 1, Outcome::Yes, None, None), attempt(2, 1, Outcome::Yes, None, None)];
        assert_eq!(next_id(&ladder(vec![rung(1, 20)], attempts)), None);
    }

    #[test]
    fn the_moment_follows_the_last_attempt() {
        let mut l = ladder(vec![rung(1, 20)], vec![]);
        assert_eq!(moment(&survey(&l)[0]), Moment::FirstTry);
        l.attempts.push(attempt(2, 1, Outcome::No, Some(60), None));
        assert_eq!(moment(&survey(&l)[0]), Moment::AfterNo);
        l.attempts.push(attempt(3, 1, Outcome::Partial, Some(60), None));
        assert_eq!(moment(&survey(&l)[0]), Moment::Repeat);
    }

    #[test]
    fn outcomes_are_counted_by_kind() {
        let attempts = vec![
            attempt(1, 1, Outcome::Yes, None, None),
            attempt(2, 1, Outcome::No, None, None),
            attempt(3, 1, Outcome::No, None, None),
        ];
        assert_eq!(outcome_counts(&ladder(vec![rung(1, 20)], attempts)), [1, 0, 2, 0]);
    }
}
