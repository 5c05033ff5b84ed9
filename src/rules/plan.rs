//! The exposure rules: where each rung stands, and which ask comes next. Pure functions of a ladder.
//!
//! Graduated exposure climbs in order: the lowest rung that is not yet comfortable is the one to
//! practise, and an attempt counts whatever the answer was, since a "no" is a completed rep.

use rustc_hash::FxHashMap;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, Offset, Utc};

use crate::model::{Attempt, Ladder, Mastery, Outcome, Rung, Settings};
use crate::rules::{care, circle};

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
    /// What each attempt was, by the rule of the ladder: a rep, or practice and why (same order).
    pub verdicts: Vec<Counted>,
    /// How many of them count toward mastery.
    pub counted: u32,
    pub status: Status,
    /// The place in `attempts` of the attempt that mastered the rung, if it is mastered.
    pub mastered_at: Option<usize>,
}

impl RungState<'_> {
    pub fn last(&self) -> Option<&Attempt> {
        self.attempts.last().copied()
    }

    /// The verdict on the last attempt.
    pub fn last_verdict(&self) -> Option<Counted> {
        self.verdicts.last().copied()
    }

    /// The verdict on attempt `id` of this rung.
    pub fn verdict(&self, id: u32) -> Option<Counted> {
        self.attempts.iter().position(|a| a.id == id).and_then(|i| self.verdicts.get(i).copied())
    }

    /// Whether the rung has its rep for `day` already (the day an attempt was made on, in its own time zone):
    /// another ask on it that day is practice (`Counted::SameDay`).
    pub fn rep_on(&self, day: NaiveDate) -> bool {
        self.attempts.iter().zip(&self.verdicts).any(|(a, v)| v.is_rep() && a.at.date_naive() == day)
    }

    /// Whether attempt `id` is a review: made on the rung after it was mastered, and after `REVIEW_AFTER_DAYS`
    /// or more away from it (`toward_target`). A try sooner after the one before is practice on a mastered rung:
    /// too soon to show whether what was learned on it has lasted.
    pub fn reviewed_by(&self, id: u32) -> bool {
        self.attempts.iter().position(|a| a.id == id).is_some_and(|i| self.review_at(i))
    }

    /// `reviewed_by`, for the attempt at place `i` in `attempts`.
    pub fn review_at(&self, i: usize) -> bool {
        self.mastered_at.is_some_and(|m| i > m) && toward_target(self, i)
    }
}

/// Which moment a person is at on the suggested rung, for the words that go with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    FirstTry,
    AfterNo,
    Repeat,
}

/// Why an attempt did or did not count toward mastery: the words after `done` must agree with the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// `mastery = "learning"`: the ask was made, the feared outcome (when the rung names one) was checked, and
    /// no safety behaviour was relied on. `tested` when the fear was checked.
    Learned { tested: bool },
    /// `mastery = "calm"`: it ended at or below `comfortable` (after-distress, else before-distress).
    Comfortable(u8),
    /// `mastery = "calm"`: its distress fell to at most `habituation`% of where it started.
    Halved { before: u8, after: u8 },
    /// Practice, not a rep: nobody answered, so what was feared was not put to the test (`no-answer`).
    NoAnswer,
    /// Practice, not a rep: a safety behaviour was relied on.
    Guarded,
    /// Practice, not a rep (`learning`): it was very hard (`care::very_hard`); exposure is meant to be hard
    /// but bearable, and two such tries in a row rest the rung.
    VeryHard,
    /// Practice, not a rep (`learning`): the rung names a fear, and the attempt did not say whether it came
    /// true.
    Unchecked,
    /// Practice, not a rep (`calm`): no distress was written down, so nothing says it was comfortable.
    Unrated,
    /// Practice, not a rep (`calm`): rated above `comfortable`, and it did not fall enough.
    Not(u8),
    /// It would have counted, but the rung already has a rep that day: at most one a day.
    SameDay,
}

impl Counted {
    pub fn is_rep(self) -> bool {
        matches!(self, Counted::Learned { .. } | Counted::Comfortable(_) | Counted::Halved { .. })
    }
}

/// What one attempt on `rung` was, on its own (the one-a-day limit is `verdicts`'s). Under either rule a
/// `no-answer` and an attempt that relied on a safety behaviour are practice, not reps. Under `learning`, an
/// attempt is a rep when the ask was made and, if the rung names a fear, the attempt says whether it came true;
/// not when it was very hard (the care rule's measure, `care::very_hard`: distress of 85 or more, or a rise
/// of 10 or more to 50 or more).
/// Under `calm`, when it ended comfortable enough (after-distress, else before-distress), or the distress fell
/// by enough during it (after at most `habituation`% of before).
pub fn counted(attempt: &Attempt, rung: &Rung, settings: &Settings) -> Counted {
    if attempt.outcome == Outcome::NoAnswer {
        return Counted::NoAnswer;
    }
    if !attempt.used.is_empty() {
        return Counted::Guarded;
    }
    if settings.mastery == Mastery::Learning {
        if care::very_hard(attempt) {
            return Counted::VeryHard;
        }
        return match (&rung.fear, attempt.fear_happened) {
            (Some(_), None) => Counted::Unchecked,
            (_, checked) => Counted::Learned { tested: checked.is_some() },
        };
    }
    let Some(felt) = attempt.after.or(attempt.before) else { return Counted::Unrated };
    if felt <= settings.comfortable {
        return Counted::Comfortable(felt);
    }
    match (attempt.before, attempt.after) {
        (Some(before), Some(after))
            if u32::from(after) * 100 <= u32::from(before) * u32::from(settings.habituation) =>
        {
            Counted::Halved { before, after }
        }
        _ => Counted::Not(felt),
    }
}

/// The verdict on each of a rung's attempts, given in time order: `counted`, with at most one rep a day (the
/// day in the attempt's own offset). Spacing practice out helps what it teaches last.
pub fn verdicts(attempts: &[&Attempt], rung: &Rung, settings: &Settings) -> Vec<Counted> {
    // The days with a rep so far, and the latest of them. In time order, a rep's day is the latest one or a
    // new one after it: looked for from the end, and not at all when it is later than every day seen. A scan
    // from the start for each rep was 1.4 of a years-of-use survey's 2.4 million instructions (callgrind).
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut latest: Option<NaiveDate> = None;
    attempts
        .iter()
        .map(|a| {
            let verdict = counted(a, rung, settings);
            let day = a.at.date_naive();
            if !verdict.is_rep() {
                verdict
            } else if latest.is_some_and(|l| day <= l) && days.iter().rev().any(|d| *d == day) {
                Counted::SameDay
            } else {
                days.push(day);
                latest = latest.max(Some(day));
                verdict
            }
        })
        .collect()
}

/// Every rung in climbing order: lowest stakes first, ties by lowest ID.
pub fn survey(ladder: &Ladder) -> Vec<RungState<'_>> {
    // Sorted as small keys (stakes, ID, place in the file) rather than as states: cheaper to move. IDs are
    // unique, so this is the climbing order.
    let mut order: Vec<(u8, u32, usize)> = ladder.rungs.iter().enumerate().map(|(i, r)| (r.stakes, r.id, i)).collect();
    order.sort_unstable();
    let mut states: Vec<RungState> =
        (order.iter()).map(|&(_, _, i)| RungState::new(&ladder.rungs[i], Vec::new())).collect();
    let place: FxHashMap<u32, usize> = states.iter().enumerate().map(|(i, s)| (s.rung.id, i)).collect();
    for attempt in &ladder.attempts {
        if let Some(&i) = place.get(&attempt.rung) {
            states[i].attempts.push(attempt);
        }
    }
    for state in &mut states {
        settle(state, &ladder.settings);
    }
    states
}

/// Where one rung stands, without surveying the others: for a command that reports on one rung.
pub fn state_of<'a>(ladder: &'a Ladder, rung: &'a Rung) -> RungState<'a> {
    let attempts = ladder.attempts.iter().filter(|a| a.rung == rung.id).collect();
    let mut state = RungState::new(rung, attempts);
    settle(&mut state, &ladder.settings);
    state
}

impl<'a> RungState<'a> {
    fn new(rung: &'a Rung, attempts: Vec<&'a Attempt>) -> RungState<'a> {
        RungState { rung, attempts, verdicts: Vec::new(), counted: 0, status: Status::New, mastered_at: None }
    }
}

/// Puts a rung's attempts in time order and works out its status from them.
fn settle(state: &mut RungState, settings: &Settings) {
    // The journal is nearly always written in time order already; sorting is for hand edits.
    if !state.attempts.is_sorted_by_key(|a| (a.at, a.id)) {
        state.attempts.sort_by_key(|a| (a.at, a.id));
    }
    state.verdicts = verdicts(&state.attempts, state.rung, settings);
    let mut reps = 0u32;
    for (i, verdict) in state.verdicts.iter().enumerate() {
        if verdict.is_rep() {
            reps = reps.saturating_add(1);
            if reps == settings.repeat.max(1) && state.mastered_at.is_none() {
                state.mastered_at = Some(i);
            }
        }
    }
    state.counted = reps;
    // Never mastered while its last two tries were very hard: it rests, and the step is down (`care`).
    let strained = matches!(state.attempts[..], [.., a, b] if care::very_hard(a) && care::very_hard(b));
    if strained {
        state.mastered_at = None;
    }
    state.status = if state.counted >= settings.repeat && !strained {
        Status::Mastered
    } else if state.attempts.is_empty() {
        Status::New
    } else {
        Status::Practising
    };
}

/// The lowest rung not mastered, by the climbing order alone. What `next` offers also lets rungs rest, steps
/// down and varies the order (`care::step`).
pub fn next_rung(ladder: &Ladder) -> Option<&Rung> {
    next(&survey(ladder)).map(|s| s.rung)
}

/// Which of the `open` rungs (not mastered, not resting, in climbing order) to practise next. Under
/// `mastery = "calm"`, the lowest. Under `learning`, practice varies (Craske et al. 2014): among the open rungs
/// near the person's level (no more than `max_step` above the highest mastered rung, or the lowest open rung
/// when that is higher), the one practised longest ago, rungs never tried first, then the lowest. Decided by
/// the ladder alone, never by chance or the clock: `next`, `done` and the shell prompt agree.
pub fn vary<'s, 'a>(
    states: &[RungState<'a>],
    open: &[&'s RungState<'a>],
    settings: &Settings,
) -> Option<&'s RungState<'a>> {
    let lowest = *open.first()?;
    if settings.mastery == Mastery::Calm {
        return Some(lowest);
    }
    let mut ceiling = highest_mastered(states).saturating_add(settings.max_step).max(lowest.rung.stakes);
    // After a very hard try, nothing harder than that rung is offered until it goes better: even while that
    // rung rests (after a no from the person it names), it is not climbed past.
    let hard = states.iter().filter(|s| s.status != Status::Mastered && s.last().is_some_and(care::very_hard));
    if let Some(hard) = hard.map(|s| s.rung.stakes).min() {
        ceiling = ceiling.min(hard);
    }
    // A rung waits while the easier step made for it (`split`: the step's `before` names it) is not mastered,
    // resting or not: the step is there because the rung was too hard (newuser12: after its rest, the rung came
    // back ahead of its step; attack15: and while the step rested after a no).
    let steps: Vec<&str> =
        states.iter().filter(|s| s.status != Status::Mastered).filter_map(|s| s.rung.before.as_deref()).collect();
    let waiting = |s: &RungState| !s.rung.uid.is_empty() && steps.contains(&s.rung.uid.as_str());
    let longest_ago = |s: &&RungState<'a>| (s.last().map(|a| (a.at, a.id)), s.rung.stakes, s.rung.id);
    let near = || open.iter().copied().filter(|s| s.rung.stakes <= ceiling);
    // Should only waiting rungs be near (their steps rest, or a step was written by hand above its rung), one
    // is offered all the same, gently: nothing else is open.
    near().filter(|s| !waiting(s)).min_by_key(longest_ago).or_else(|| near().min_by_key(longest_ago))
}

/// The lowest rung not yet mastered, by the climbing order alone (`care::step` is what `next` offers).
pub fn next<'s, 'a>(states: &'s [RungState<'a>]) -> Option<&'s RungState<'a>> {
    states.iter().find(|s| s.status != Status::Mastered)
}

/// The mastered rung practised longest ago: revisiting old steps helps what exposure teaches last.
pub fn review<'s, 'a>(states: &'s [RungState<'a>]) -> Option<&'s RungState<'a>> {
    states
        .iter()
        .filter(|s| s.status == Status::Mastered)
        .min_by_key(|s| (s.last().map(|a| (a.at, a.id)), s.rung.stakes, s.rung.id))
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

/// Whether an attempt is an ask made: one that reached someone, who answered (yes, partial or no). A no-answer
/// is an ask not answered yet: practice, but not yet an ask made. `progress`, `report` and `progress --json`
/// count asks made by this rule alone, so that they agree.
pub fn made(outcome: Outcome) -> bool {
    outcome != Outcome::NoAnswer
}

/// The asks made among `attempts`, and those with no answer yet (see `made`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asks {
    pub made: usize,
    pub waiting: usize,
}

pub fn asks<'a>(attempts: impl IntoIterator<Item = &'a Attempt>) -> Asks {
    let mut asks = Asks::default();
    for attempt in attempts {
        if made(attempt.outcome) {
            asks.made += 1;
        } else {
            asks.waiting += 1;
        }
    }
    asks
}

/// The rungs added from `since` on: how many say so (their `created`), and the IDs of those that do not say
/// when they were added (a rung written into the file by hand has no `created`, and `ladder` never adds one
/// behind the person's back) but were first practised from `since` on (`day` gives an attempt's local day)
/// and were not added before a rung added before `since` (IDs only grow). One never practised may be old:
/// nothing says when it came, and the report does not claim it for the period (attack15).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub dated: usize,
    pub undated: Vec<u32>,
}

pub fn added_since(ladder: &Ladder, since: NaiveDate, day: impl Fn(DateTime<FixedOffset>) -> NaiveDate) -> Added {
    let dated = ladder.rungs.iter().filter(|r| r.created.is_some_and(|d| d >= since)).count();
    let older = ladder.rungs.iter().filter(|r| r.created.is_some_and(|d| d < since)).map(|r| r.id).max();
    let mut undated: Vec<u32> =
        ladder.rungs.iter().filter(|r| r.created.is_none() && older.is_none_or(|id| r.id > id)).map(|r| r.id).collect();
    if !undated.is_empty() {
        let mut first: FxHashMap<u32, NaiveDate> = FxHashMap::default();
        for a in &ladder.attempts {
            let on = day(a.at);
            first.entry(a.rung).and_modify(|d| *d = (*d).min(on)).or_insert(on);
        }
        undated.retain(|id| first.get(id).is_some_and(|d| *d >= since));
    }
    undated.sort_unstable();
    Added { dated, undated }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration};

    use crate::rules::fixtures::{attempt, ladder, rep, rung};

    /// `verdicts` as it was: a rep's day looked for among every day with a rep so far.
    fn verdicts_by_scanning(attempts: &[&Attempt], rung: &Rung, settings: &Settings) -> Vec<Counted> {
        let mut days: Vec<NaiveDate> = Vec::new();
        let day_of = |a: &Attempt| a.at.date_naive();
        (attempts.iter())
            .map(|a| match counted(a, rung, settings) {
                verdict if !verdict.is_rep() => verdict,
                _ if days.contains(&day_of(a)) => Counted::SameDay,
                verdict => {
                    days.push(day_of(a));
                    verdict
                }
            })
            .collect()
    }

    #[test]
    fn one_rep_a_day_whatever_the_order_and_offset() {
        let east = FixedOffset::east_opt(13 * 3600).unwrap();
        let mut attempts: Vec<Attempt> = (1..40u32)
            .map(|id| {
                let mut a = rep(id, 1);
                // Some on the same day, some a day back, some seen from far east (a day later there).
                a.at -= Duration::hours(i64::from(id % 7) * 9);
                if id % 5 == 0 {
                    a.at = a.at.with_timezone(&east);
                }
                if id % 11 == 0 {
                    a.outcome = Outcome::NoAnswer;
                }
                a
            })
            .collect();
        let settings = Settings::default();
        let refs: Vec<&Attempt> = attempts.iter().collect();
        assert!(verdicts(&refs, &rung(1, 20), &settings).contains(&Counted::SameDay), "the case is there");
        for round in 0..3 {
            let refs: Vec<&Attempt> = attempts.iter().collect();
            assert_eq!(verdicts(&refs, &rung(1, 20), &settings), verdicts_by_scanning(&refs, &rung(1, 20), &settings));
            let mut sorted = refs.clone();
            sorted.sort_by_key(|a| (a.at, a.id));
            assert_eq!(
                verdicts(&sorted, &rung(1, 20), &settings),
                verdicts_by_scanning(&sorted, &rung(1, 20), &settings)
            );
            attempts.rotate_left(7 + round);
            attempts.reverse();
        }
    }

    fn counts(attempt: &Attempt, settings: &Settings) -> bool {
        counted(attempt, &rung(1, 20), settings).is_rep()
    }

    /// The next rung, asserting that the quick way to find it agrees with the survey.
    fn next_id(ladder: &Ladder) -> Option<u32> {
        let id = next(&survey(ladder)).map(|s| s.rung.id);
        assert_eq!(next_rung(ladder).map(|r| r.id), id, "next_rung and survey disagree");
        id
    }

    #[test]
    fn climbs_from_the_lowest_stakes() {
        let l = ladder(vec![rung(1, 60), rung(2, 20), rung(3, 40)], vec![]);
        let order: Vec<u32> = survey(&l).iter().map(|s| s.rung.id).collect();
        assert_eq!(order, [2, 3, 1]);
        assert_eq!(next_id(&l), Some(2));
    }

    #[test]
    fn attempts_are_in_time_order_however_the_journal_is_written() {
        let mut late = attempt(1, 1, Outcome::Yes, None, None);
        late.at += Duration::days(3);
        let same_time = Attempt { id: 4, ..attempt(2, 1, Outcome::No, None, None) };
        let l = ladder(vec![rung(1, 20)], vec![late, same_time, attempt(2, 1, Outcome::Partial, None, None)]);
        let ids: Vec<u32> = survey(&l)[0].attempts.iter().map(|a| a.id).collect();
        assert_eq!(ids, [2, 4, 1]);
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
        let next_day = |a: Attempt| Attempt { at: a.at + Duration::days(1), ..a };
        let attempts = vec![
            attempt(1, 1, Outcome::No, Some(50), Some(30)),
            next_day(attempt(2, 1, Outcome::NoAnswer, Some(25), None)),
        ];
        let mut l = ladder(vec![rung(1, 20), rung(2, 40)], attempts);
        assert_eq!(survey(&l)[0].counted, 1, "no answer: nothing was put to the test");
        l.attempts.push(next_day(attempt(3, 1, Outcome::Partial, Some(25), None)));
        let states = survey(&l);
        assert_eq!((states[0].counted, states[0].status), (2, Status::Mastered));
        assert_eq!(next_id(&l), Some(2));
    }

    #[test]
    fn after_distress_wins_over_before_and_silence_is_practice() {
        let s = Settings::default();
        assert!(!counts(&attempt(1, 1, Outcome::Yes, None, None), &s), "nothing says it was comfortable");
        assert!(counts(&attempt(1, 1, Outcome::Yes, Some(90), Some(30)), &s));
        assert!(!counts(&attempt(1, 1, Outcome::Yes, Some(10), Some(31)), &s));
        assert!(!counts(&attempt(1, 1, Outcome::Yes, Some(31), None), &s));
    }

    #[test]
    fn repeat_setting_sets_how_many_reps_master_a_rung() {
        let mut l = ladder(vec![rung(1, 20)], vec![rep(1, 1)]);
        assert_eq!(survey(&l)[0].status, Status::Practising);
        l.settings.repeat = 1;
        assert_eq!(survey(&l)[0].status, Status::Mastered);
    }

    #[test]
    fn nothing_to_suggest_when_empty_or_all_mastered() {
        assert_eq!(next_id(&Ladder::default()), None);
        let attempts = vec![rep(1, 1), rep(2, 1)];
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

    #[test]
    fn a_rung_with_no_day_is_added_when_first_practised_in_the_period() {
        let since = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        let dated = |id, day: &str| Rung { created: day.parse().ok(), ..rung(id, 20) };
        let mut l = ladder(
            vec![dated(1, "2026-11-01"), dated(2, "2026-11-10"), rung(3, 30), dated(4, "2026-11-12"), rung(5, 40)],
            vec![],
        );
        let day = |at: DateTime<FixedOffset>| at.date_naive();
        let on = |id, rung, when: &str| Attempt { at: at(when), ..attempt(id, rung, Outcome::Yes, None, None) };
        // Never practised: nothing says when they came (attack15: an old hand-written ladder's rungs were all
        // "added" in every later report).
        assert_eq!(added_since(&l, since, day), Added { dated: 2, undated: vec![] });
        // First practised in the period: there by then, and not before it as far as anything shows.
        l.attempts.push(on(1, 3, "2026-11-10T10:00:00+01:00"));
        l.attempts.push(on(2, 5, "2026-11-11T10:00:00+01:00"));
        assert_eq!(added_since(&l, since, day), Added { dated: 2, undated: vec![3, 5] });
        // Practised before the period too: it was there.
        l.attempts.push(on(3, 5, "2026-11-08T10:00:00+01:00"));
        assert_eq!(added_since(&l, since, day), Added { dated: 2, undated: vec![3] });
        // A rung added before the period with a higher ID: #3 came before it.
        l.rungs.push(dated(6, "2026-11-02"));
        assert_eq!(added_since(&l, since, day), Added { dated: 2, undated: vec![] });
    }

    #[test]
    fn an_ask_made_is_one_that_was_answered() {
        let attempts = [
            attempt(1, 1, Outcome::Yes, None, None),
            attempt(2, 1, Outcome::NoAnswer, None, None),
            attempt(3, 1, Outcome::Partial, None, None),
            attempt(4, 1, Outcome::No, None, None),
            attempt(5, 1, Outcome::NoAnswer, None, None),
        ];
        assert_eq!(asks(&attempts), Asks { made: 3, waiting: 2 });
        assert_eq!(asks(&attempts[..0]), Asks::default());
    }
    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn on(id: u32, rung: u32, when: &str) -> Attempt {
        Attempt { at: at(when), ..attempt(id, rung, Outcome::Yes, Some(20), Some(20)) }
    }

    #[test]
    fn a_big_enough_drop_in_distress_counts_too() {
        let s = Settings::default();
        assert!(counts(&attempt(1, 1, Outcome::Yes, Some(80), Some(40)), &s), "halved: habituation");
        assert!(!counts(&attempt(1, 1, Outcome::Yes, Some(80), Some(41)), &s));
        assert!(!counts(&attempt(1, 1, Outcome::Yes, None, Some(40)), &s), "no before, no drop to measure");
        let strict = Settings { habituation: 25, ..s };
        assert!(!counts(&attempt(1, 1, Outcome::Yes, Some(80), Some(40)), &strict));
    }

    #[test]
    fn an_ask_is_placed_between_the_rungs_around_its_stakes() {
        let l = ladder(vec![rung(1, 20), rung(2, 40), rung(3, 40), rung(4, 60)], vec![]);
        let ids = |(below, above): (Option<&Rung>, Option<&Rung>)| (below.map(|r| r.id), above.map(|r| r.id));
        assert_eq!(ids(neighbours(&l.rungs, 30)), (Some(1), Some(2)));
        assert_eq!(ids(neighbours(&l.rungs, 40)), (Some(3), Some(4)), "after the rungs of the same stakes");
        assert_eq!(ids(neighbours(&l.rungs, 10)), (None, Some(1)));
        assert_eq!(ids(neighbours(&l.rungs, 90)), (Some(4), None));
        assert_eq!(ids(neighbours(&[], 50)), (None, None));
    }

    #[test]
    fn a_plan_is_overdue_only_after_its_day() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let planned = |d| Rung { planned: NaiveDate::from_ymd_opt(2026, 11, d), ..rung(1, 10) };
        assert!(overdue(&planned(21), today));
        assert!(!overdue(&planned(22), today), "today is not overdue");
        assert!(!overdue(&planned(23), today));
        assert!(!overdue(&rung(1, 10), today));
    }

    /// newuser12: after its rest, a rung too hard came back ahead of the easier step made for it with `split`.
    #[test]
    fn a_rung_waits_while_the_easier_step_made_for_it_is_open() {
        let hard = Rung { uid: "hard000001".into(), ..rung(2, 20) };
        let step = Rung { uid: "step000001".into(), before: Some("hard000001".into()), ..rung(16, 17) };
        // Rung 1 mastered; rung 2 tried on the 18th, its step on the 21st: rung 2 was practised longest ago.
        let attempts = vec![rep(1, 1), rep(2, 1), on(3, 2, "2026-11-18T09:00:00Z"), on(4, 16, "2026-11-21T09:00:00Z")];
        let mut l = ladder(vec![rung(1, 15), hard, step], attempts);
        l.settings.mastery = Mastery::Learning;
        let pick = |l: &Ladder| {
            let states = survey(l);
            let open: Vec<&RungState> = states.iter().filter(|s| s.status != Status::Mastered).collect();
            vary(&states, &open, &l.settings).map(|s| s.rung.id)
        };
        assert_eq!(pick(&l), Some(16), "the step first, while it is open");
        let mut unlinked = l.clone();
        unlinked.rungs[2].before = None;
        assert_eq!(pick(&unlinked), Some(2), "without the link, the rung practised longest ago");
        // The step resting (not open, not mastered): another rung first, or the rung itself if none is open.
        let mut other = l.clone();
        other.rungs.push(rung(5, 19));
        other.attempts.push(on(6, 5, "2026-11-20T09:00:00Z"));
        let states = survey(&other);
        let open = |ids: &[u32]| states.iter().filter(|s| ids.contains(&s.rung.id)).collect::<Vec<&RungState>>();
        let picked = |ids: &[u32]| vary(&states, &open(ids), &other.settings).map(|s| s.rung.id);
        assert_eq!(picked(&[2, 5]), Some(5), "attack15: the rung waits while its step rests");
        assert_eq!(picked(&[2]), Some(2), "nothing else open: the rung, gently");
        l.attempts.push(on(5, 16, "2026-11-22T09:00:00Z"));
        assert_eq!(pick(&l), Some(2), "once the step is mastered, the rung it was made for");
    }

    #[test]
    fn review_picks_the_mastered_rung_practised_longest_ago() {
        let l = ladder(
            vec![rung(1, 20), rung(2, 30), rung(3, 40)],
            vec![
                on(1, 1, "2026-11-10T09:00:00Z"),
                on(2, 2, "2026-11-01T09:00:00Z"),
                on(3, 2, "2026-11-02T09:00:00Z"),
                on(4, 1, "2026-11-12T09:00:00Z"),
                on(5, 3, "2026-10-01T09:00:00Z"),
            ],
        );
        let states = survey(&l);
        assert_eq!(review(&states).map(|s| s.rung.id), Some(2), "rung 3 is not mastered, rung 1 was practised later");
        assert_eq!(review(&survey(&ladder(vec![rung(1, 20)], vec![])).clone()).map(|s| s.rung.id), None);
    }

    #[test]
    fn lessons_compare_fear_and_prediction_with_what_happened() {
        let mut l = ladder(
            vec![Rung { chance: Some(30), ..rung(1, 20) }, Rung { chance: Some(45), ..rung(2, 30) }, rung(3, 40)],
            vec![
                attempt(1, 1, Outcome::Yes, None, None),
                attempt(2, 1, Outcome::No, None, None),
                attempt(3, 2, Outcome::Yes, None, None),
                attempt(4, 3, Outcome::No, None, None),
            ],
        );
        l.attempts[0].fear_happened = Some(false);
        l.attempts[1].fear_happened = Some(true);
        l.attempts[2].fear_happened = Some(false);
        let lessons = lessons(&l);
        assert_eq!((lessons.fear_recorded, lessons.fear_happened), (3, 1));
        assert_eq!(lessons.predicted_yes, Some(35), "(30 + 30 + 45) / 3, rounded");
        assert_eq!(lessons.actual_yes, Some(67), "2 of the 3 attempts on rungs with a prediction");
        assert_eq!(super::lessons(&Ladder::default()), Lessons::default());
    }

    #[test]
    fn helpers_match_names_however_they_are_written() {
        let l = ladder(
            vec![
                Rung { who: Some("Sam".into()), ..rung(1, 20) },
                Rung { who: Some(" sam ".into()), ..rung(2, 30) },
                Rung { who: Some("Ana".into()), ..rung(3, 40) },
            ],
            vec![
                attempt(1, 1, Outcome::Yes, None, None),
                attempt(2, 2, Outcome::Partial, None, None),
                attempt(3, 3, Outcome::Yes, None, None),
                attempt(4, 3, Outcome::No, None, None),
            ],
        );
        assert_eq!(helpers(&l), [("Sam".to_string(), 2), ("Ana".to_string(), 1)]);
    }

    /// Attempts at `times`, each on a rung of its own (never mastered): each is practice toward the target.
    fn weekly(times: &[&str]) -> Ladder {
        let ids = 1..=u32::try_from(times.len()).unwrap();
        let attempts = ids.clone().zip(times).map(|(i, t)| on(i, i, t)).collect();
        ladder(ids.map(|i| rung(i, 20)).collect(), attempts)
    }

    #[test]
    fn weeks_are_iso_weeks_in_the_current_offset() {
        // Sunday 23:30 in UTC is already Monday in +01:00: a new week there.
        let l = weekly(&["2026-11-22T23:30:00Z"]);
        assert_eq!(rhythm(&l, at("2026-11-23T09:00:00+01:00")).this_week, 1);
        assert_eq!(rhythm(&l, at("2026-11-22T20:00:00+00:00")).this_week, 1);
        assert_eq!(rhythm(&l, at("2026-11-23T09:00:00+00:00")).this_week, 0);
        assert_eq!(
            week_of(at("2026-11-22T23:30:00Z"), *at("2026-11-23T09:00:00+01:00").offset()).to_string(),
            "2026-11-23"
        );
    }

    #[test]
    fn a_streak_counts_back_from_this_week_or_the_last() {
        let mut times = Vec::new();
        // Three weeks before the week of Monday 16 November.
        // Three days in each, the last twice on one day: days are counted, not asks.
        for day in ["2026-10-27", "2026-10-28", "2026-10-29", "2026-11-03", "2026-11-04", "2026-11-05"] {
            times.push(format!("{day}T09:00:00+01:00"));
        }
        for day in ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-12"] {
            times.push(format!("{day}T09:00:00+01:00"));
        }
        let l = weekly(&times.iter().map(String::as_str).collect::<Vec<_>>());
        let sunday = at("2026-11-22T20:00:00+01:00");
        let r = rhythm(&l, sunday);
        assert_eq!((r.this_week, r.weekly_target, r.streak_weeks), (0, 3, 3), "this week not met yet: ends last week");

        times.extend([
            "2026-11-16T09:00:00+01:00".into(),
            "2026-11-18T09:00:00+01:00".into(),
            "2026-11-20T09:00:00+01:00".into(),
        ]);
        let l = weekly(&times.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(rhythm(&l, sunday).streak_weeks, 4, "this week met: it counts");
        assert_eq!(rhythm(&l, at("2026-12-07T20:00:00+01:00")).streak_weeks, 0, "a missed week ends it");
    }

    #[test]
    fn a_streak_crosses_the_new_year() {
        // ISO week 53 of 2026 runs Monday 28 December to Sunday 3 January 2027.
        let l = weekly(&[
            "2026-12-22T10:00:00-05:00",
            "2026-12-28T10:00:00-05:00",
            "2027-01-03T22:00:00-05:00",
            "2027-01-05T10:00:00-05:00",
        ]);
        let mut l = l;
        l.settings.weekly_target = 1;
        let r = rhythm(&l, at("2027-01-06T10:00:00-05:00"));
        assert_eq!((r.this_week, r.streak_weeks), (1, 3));
        assert_eq!(
            week_of(at("2027-01-03T22:00:00-05:00"), *at("2027-01-06T10:00:00-05:00").offset()).to_string(),
            "2026-12-28"
        );
    }
}

/// The highest stakes among mastered rungs, or 0 when none is mastered yet.
pub fn highest_mastered(states: &[RungState]) -> u8 {
    states.iter().filter(|s| s.status == Status::Mastered).map(|s| s.rung.stakes).max().unwrap_or(0)
}

/// The rungs an ask at `stakes` would sit between in climbing order: the last at or below it (a new rung
/// goes after others of the same stakes), and the first above it.
pub fn neighbours(rungs: &[Rung], stakes: u8) -> (Option<&Rung>, Option<&Rung>) {
    let key = |r: &&Rung| (r.stakes, r.id);
    (
        rungs.iter().filter(|r| r.stakes <= stakes).max_by_key(key),
        rungs.iter().filter(|r| r.stakes > stakes).min_by_key(key),
    )
}

/// Whether a rung's plan is for a day before `today`.
pub fn overdue(rung: &Rung, today: NaiveDate) -> bool {
    rung.planned.is_some_and(|day| day < today)
}

/// Hesitations noticed in the current ISO week: noticing is progress too.
pub fn hesitations_this_week(ladder: &Ladder, now: DateTime<FixedOffset>) -> usize {
    let this = week_of(now, *now.offset());
    ladder.hesitations.iter().filter(|h| week_of(h.at, *now.offset()) == this).count()
}

/// The most recent attempt on the ladder, when it was help (a yes or a partial) not yet marked thanked.
pub fn unthanked_latest(ladder: &Ladder) -> Option<&Attempt> {
    let latest = ladder.attempts.iter().max_by_key(|a| (a.at, a.id))?;
    (owes_thanks(latest.outcome) && latest.thanked != Some(true)).then_some(latest)
}

/// Whether an answer was help worth a thank you: a yes, or a partial (some help is still help).
pub fn owes_thanks(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Yes | Outcome::Partial)
}

/// What a person's own records say about their fears and their predictions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lessons {
    /// Attempts where it was written down whether the feared outcome happened.
    pub fear_recorded: usize,
    /// Of those, how many times it did.
    pub fear_happened: usize,
    /// The mean predicted chance of a yes, in percent, over attempts whose rung has one.
    pub predicted_yes: Option<u32>,
    /// The percent of those same attempts answered yes.
    pub actual_yes: Option<u32>,
}

pub fn lessons(ladder: &Ladder) -> Lessons {
    let recorded: Vec<bool> = ladder.attempts.iter().filter_map(|a| a.fear_happened).collect();
    let rungs = ladder.rungs_by_id();
    let predicted: Vec<(u8, bool)> = ladder
        .attempts
        .iter()
        .filter_map(|a| rungs.get(&a.rung)?.chance.map(|c| (c, a.outcome == Outcome::Yes)))
        .collect();
    let n = u32::try_from(predicted.len()).unwrap_or(u32::MAX);
    let mean = |total: u32| (n > 0).then(|| (total * 2 + n) / (n * 2));
    Lessons {
        fear_recorded: recorded.len(),
        fear_happened: recorded.iter().filter(|h| **h).count(),
        predicted_yes: mean(predicted.iter().map(|(c, _)| u32::from(*c)).sum()),
        actual_yes: mean(predicted.iter().map(|(_, yes)| if *yes { 100 } else { 0 }).sum()),
    }
}

/// A person's name as a key: the same person however the name was spaced or capitalised.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Who has helped: attempts answered yes or partial on rungs with a `who`, most first, each name shown as
/// first written.
pub fn helpers(ladder: &Ladder) -> Vec<(String, usize)> {
    let mut helped: Vec<(String, usize)> = circle::circle(ladder, Utc.fix())
        .into_iter()
        .filter(|p| p.helped() > 0)
        .map(|p| {
            let helped = p.helped();
            (p.who, helped)
        })
        .collect();
    helped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name_key(&a.0).cmp(&name_key(&b.0))));
    helped
}

/// How regularly a person practises, by ISO week (Monday to Sunday) in their current UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rhythm {
    /// Asks recorded this week, of any kind.
    pub this_week: usize,
    /// Days this week with practice that counts toward the target (`Survey::toward_target`).
    pub days_this_week: usize,
    /// Days a week with such practice.
    pub weekly_target: u32,
    /// Consecutive weeks with at least `weekly_target` such days, ending with this week if it has met the
    /// target already, else with last week.
    pub streak_weeks: u32,
}

/// The Monday that starts the ISO week `at` falls in, seen from `offset`.
pub fn week_of(at: DateTime<FixedOffset>, offset: FixedOffset) -> NaiveDate {
    let day = at.with_timezone(&offset).date_naive();
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Days after which going back to a mastered rung is a review, and counts toward the weekly target again.
pub const REVIEW_AFTER_DAYS: i64 = 7;

/// Whether attempt `i` of a rung is practice that meets the weekly target: on a rung not mastered yet when it
/// was made, or a review (the rung mastered, and not practised for `REVIEW_AFTER_DAYS`). Staying on rungs
/// already mastered is not avoided practice, but it is not the climb either.
pub fn toward_target(state: &RungState, i: usize) -> bool {
    match state.mastered_at {
        Some(m) if i > m => {
            let (Some(this), Some(before)) =
                (state.attempts.get(i), i.checked_sub(1).and_then(|p| state.attempts.get(p)))
            else {
                return true;
            };
            // Days on the calendar, as `remind` and `next --review` count them (attack15: 6 days and 13 hours,
            // 15 Nov 20:00 to 22 Nov 09:00, was "7 days" to `remind` and less than a week here).
            let day = |at: DateTime<FixedOffset>| at.with_timezone(this.at.offset()).date_naive();
            (day(this.at) - day(before.at)).num_days() >= REVIEW_AFTER_DAYS
        }
        _ => true,
    }
}

pub fn rhythm(ladder: &Ladder, now: DateTime<FixedOffset>) -> Rhythm {
    rhythm_of(ladder, &survey(ladder), now)
}

/// `rhythm`, from a survey already made.
pub fn rhythm_of(ladder: &Ladder, states: &[RungState], now: DateTime<FixedOffset>) -> Rhythm {
    let offset = *now.offset();
    let this = week_of(now, offset);
    let days = practice_days(states, offset);
    let target = ladder.settings.weekly_target;
    let count = |week: NaiveDate| days.get(&week).map_or(0, Vec::len);
    let met = |week: NaiveDate| u32::try_from(count(week)).unwrap_or(u32::MAX) >= target;
    let mut week = if met(this) { this } else { this - Days::new(7) };
    let mut streak = 0;
    while met(week) {
        streak += 1;
        week = week - Days::new(7);
    }
    let this_week = ladder.attempts.iter().filter(|a| week_of(a.at, offset) == this).count();
    Rhythm { this_week, days_this_week: count(this), weekly_target: target, streak_weeks: streak }
}

/// The days with practice toward the target (`toward_target`), by the Monday of their week, seen from `offset`.
pub fn practice_days(states: &[RungState], offset: FixedOffset) -> FxHashMap<NaiveDate, Vec<NaiveDate>> {
    let mut days: FxHashMap<NaiveDate, Vec<NaiveDate>> = FxHashMap::default();
    let windows = step_downs(states);
    for state in states {
        for (i, attempt) in state.attempts.iter().enumerate() {
            if toward_target(state, i) || stepped_down(&windows, attempt) {
                let day = attempt.at.with_timezone(&offset).date_naive();
                let week = days.entry(week_of(attempt.at, offset)).or_default();
                if !week.contains(&day) {
                    week.push(day);
                }
            }
        }
    }
    days
}

/// The stretches of time in which `next` offered a step down: from a second very hard try in a row on a rung not
/// mastered until its rest ended or it was tried again. Practice on an easier rung then is what the method
/// asks: it counts toward the weekly target, and is never taken for staying on mastered rungs.
fn step_downs(states: &[RungState]) -> Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let mut windows = Vec::new();
    for state in states.iter().filter(|s| s.status != Status::Mastered) {
        for (i, pair) in state.attempts.windows(2).enumerate() {
            if care::very_hard(pair[0]) && care::very_hard(pair[1]) {
                let rest = care::rest_end(pair[1].at);
                let end = state.attempts.get(i + 2).map_or(rest, |next| next.at.min(rest));
                windows.push((pair[1].at, end));
            }
        }
    }
    windows
}

/// Whether `attempt` was made while `next` offered a step down (`step_downs`).
fn stepped_down(windows: &[(DateTime<FixedOffset>, DateTime<FixedOffset>)], attempt: &Attempt) -> bool {
    windows.iter().any(|(from, until)| *from < attempt.at && attempt.at < *until)
}

/// How many recent attempts to look at for `settled`.
pub const RECENT: usize = 5;

/// How many of the last `RECENT` attempts (when there are that many) were on rungs already mastered and were
/// not reviews (`toward_target`), when that is most of them: a kind word that the climb is above.
pub fn settled(states: &[RungState]) -> Option<usize> {
    let mut recent: Vec<(&Attempt, &RungState, usize)> =
        states.iter().flat_map(|s| s.attempts.iter().enumerate().map(move |(i, a)| (*a, s, i))).collect();
    if recent.len() < RECENT || states.iter().all(|s| s.status == Status::Mastered) {
        return None;
    }
    // Only the newest few matter: picked out, not the whole journal sorted (a tenth of a warm `next` on
    // years of use, callgrind).
    recent.select_nth_unstable_by_key(RECENT - 1, |(a, _, _)| std::cmp::Reverse((a.at, a.id)));
    let windows = step_downs(states);
    let on_mastered =
        recent[..RECENT].iter().filter(|(a, s, i)| !toward_target(s, *i) && !stepped_down(&windows, a)).count();
    (on_mastered * 2 > RECENT).then_some(on_mastered)
}

/// How far felt distress may be from a rung's stakes before it is worth re-rating.
pub const RERATE_GAP: u8 = 20;

/// Two attempts on a rung that felt far from its stakes, in the same direction: the ladder's ratings are
/// guesses, and a rung rated 15 that feels like 75 is in the wrong place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rerate {
    /// The distress felt on the two attempts (the highest of before, peak and after), oldest first.
    pub felt: [u8; 2],
    /// Their mean, rounded: the stakes suggested.
    pub suggested: u8,
}

/// Whether attempt `id` is the second on its rung whose felt distress was more than `RERATE_GAP` from the
/// rung's stakes in the same direction: said once, when it happens.
pub fn rerate(state: &RungState, id: u32) -> Option<Rerate> {
    let stakes = state.rung.stakes;
    let felt = Attempt::felt;
    let this = felt(state.attempts.iter().find(|a| a.id == id)?)?;
    let above = this > stakes;
    let far = |d: u8| if above { d > stakes.saturating_add(RERATE_GAP) } else { d.saturating_add(RERATE_GAP) < stakes };
    if !far(this) {
        return None;
    }
    let mut seen = Vec::new();
    for attempt in &state.attempts {
        if let Some(d) = felt(attempt).filter(|d| far(*d)) {
            seen.push(d);
        }
        if attempt.id == id {
            break;
        }
    }
    match seen[..] {
        [first, second] => {
            let suggested = u8::try_from((u32::from(first) + u32::from(second)).div_ceil(2)).unwrap_or(100);
            Some(Rerate { felt: [first, second], suggested })
        }
        _ => None,
    }
}

/// The distress recorded on each attempt of a rung (after, else before), oldest first.
pub fn distress(state: &RungState) -> Vec<u8> {
    state.attempts.iter().filter_map(|a| a.after.or(a.before)).collect()
}
