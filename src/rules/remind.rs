//! Which nudge `ladder remind` gives, if any: at most one, the most useful. Pure: the clock is given.
//!
//! In order: an ask planned for today or a day gone by; the weekly target still in reach late in the week; no
//! ask for a while (`remind_after_days`); a mastered rung due for review. Never toward a rung that rests
//! (`care`), and never about what did not happen: a nudge names what to do, not what was missed.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use crate::model::{Ladder, Quiet, REMIND_AFTER_DAYS, Rung};
use crate::rules::care::{self, Rests};
use crate::rules::plan::{self, REVIEW_AFTER_DAYS, Status};

/// The one thing worth saying now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Nudge<'a> {
    /// An ask planned for `rung.planned`: today, or a day gone by.
    Planned { rung: &'a Rung, today: bool },
    /// Late in the week, the weekly target is still in reach: a day of practice today helps.
    Week { rung: &'a Rung, days: usize, target: u32 },
    /// No ask for `days` days: the next step, gently.
    Pause { rung: &'a Rung, days: i64 },
    /// A mastered rung not practised for `REVIEW_AFTER_DAYS` or more.
    Review { rung: &'a Rung, last: NaiveDate },
}

impl Nudge<'_> {
    /// Its name, for scripts and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            Nudge::Planned { .. } => "planned",
            Nudge::Week { .. } => "week",
            Nudge::Pause { .. } => "pause",
            Nudge::Review { .. } => "review",
        }
    }
}

/// Whether `now` falls in the ladder's quiet hours (`Quiet::DEFAULT` when the file names none).
pub fn quiet(ladder: &Ladder, now: DateTime<FixedOffset>) -> bool {
    ladder.settings.quiet_hours.unwrap_or(Quiet::DEFAULT).holds(now.hour())
}

/// The day from which the week's target is "late": Thursday, with four days left to Sunday.
const LATE_IN_WEEK: u32 = 3;

/// The nudge worth giving at `now`, if any.
pub fn nudge(ladder: &Ladder, now: DateTime<FixedOffset>) -> Option<Nudge<'_>> {
    let today = now.date_naive();
    let states = plan::survey(ladder);
    let rests = Rests::new(ladder, now);
    let open = |s: &&plan::RungState| rests.of(s).is_none();

    // A plan: the earliest day first, then the climbing order; a mastered rung planned is a review planned.
    let planned = states
        .iter()
        .filter(|s| s.rung.planned.is_some_and(|day| day <= today))
        .filter(open)
        .min_by_key(|s| (s.rung.planned, s.rung.stakes, s.rung.id));
    if let Some(state) = planned {
        return Some(Nudge::Planned { rung: state.rung, today: state.rung.planned == Some(today) });
    }

    let last = ladder.attempts.iter().map(|a| a.at.with_timezone(now.offset()).date_naive()).max();
    if last == Some(today) {
        // Practised today: nothing more to ask of today.
        return None;
    }
    let step = care::step(ladder, &states, now).state.map(|s| s.rung);

    let rhythm = plan::rhythm_of(ladder, &states, now);
    let weekday = today.weekday().num_days_from_monday();
    let needed = usize::try_from(rhythm.weekly_target).unwrap_or(usize::MAX).saturating_sub(rhythm.days_this_week);
    let days_left = usize::try_from(7 - weekday).unwrap_or(0);
    // Late in the week, and still in reach: never a nudge toward a target that can no longer be met.
    if let Some(rung) = step
        && weekday >= LATE_IN_WEEK
        && needed > 0
        && needed <= days_left
    {
        return Some(Nudge::Week { rung, days: rhythm.days_this_week, target: rhythm.weekly_target });
    }

    let after = i64::from(ladder.settings.remind_after_days.unwrap_or(REMIND_AFTER_DAYS));
    let since = last.or_else(|| ladder.rungs.iter().filter_map(|r| r.created).max());
    if let (Some(rung), Some(since)) = (step, since) {
        let days = (today - since).num_days();
        if days >= after {
            return Some(Nudge::Pause { rung, days });
        }
    }

    let review = plan::review(&states).filter(|s| s.status == Status::Mastered && rests.of(s).is_none())?;
    let last = review.last()?.at.with_timezone(now.offset()).date_naive();
    ((today - last).num_days() >= REVIEW_AFTER_DAYS).then_some(Nudge::Review { rung: review.rung, last })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;
    use crate::rules::fixtures::{attempt, ladder, rung};
    use chrono::Duration;

    fn now() -> DateTime<FixedOffset> {
        attempt(1, 1, Outcome::Yes, None, None).at
    }

    #[test]
    fn quiet_hours_wrap_past_midnight() {
        let q = Quiet { from: 21, to: 8 };
        assert!(q.holds(21) && q.holds(23) && q.holds(0) && q.holds(7));
        assert!(!q.holds(8) && !q.holds(20));
        assert!(Quiet { from: 9, to: 17 }.holds(9) && !Quiet { from: 9, to: 17 }.holds(17));
        assert!(!(0..24).any(|h| Quiet { from: 5, to: 5 }.holds(h)), "the same hour twice: none");
    }

    #[test]
    fn a_resting_rung_is_never_nudged_toward() {
        let mut l = ladder(vec![rung(1, 10)], vec![attempt(1, 1, Outcome::No, Some(40), None)]);
        l.rungs[0].who = Some("Sam".into());
        l.rungs[0].planned = Some(now().date_naive());
        assert_eq!(nudge(&l, now() + Duration::days(1)), None, "Sam said no: the rung rests, plan or not");
        let later = now() + Duration::days(8);
        assert_eq!(nudge(&l, later).map(|n| n.kind()), Some("planned"));
    }
}
