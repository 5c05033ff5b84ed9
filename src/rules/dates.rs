//! Whether a day given for an entry looks like a slip of the keyboard: before the ladder began, before its
//! rung was added, or long ago. Such a day is recorded only when the person confirms it.

use chrono::NaiveDate;

use crate::model::{Ladder, Rung};

/// More days back than this, and a day is confirmed before it is recorded.
pub const LONG_AGO_DAYS: i64 = 60;

/// Why a day needs confirming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusual {
    /// Before the day the rung was added (its `created`).
    BeforeRung(NaiveDate),
    /// Before the ladder's first entry: the earliest day a rung was added, or anything was recorded.
    BeforeLadder(NaiveDate),
    /// More than `LONG_AGO_DAYS` days before today.
    LongAgo,
}

/// Why `day` needs confirming for an entry on `rung` (if any), or `None`. `except` is the uid of an entry
/// whose day is being fixed: its own day does not count as the ladder's first.
pub fn unusual(
    ladder: &Ladder,
    rung: Option<&Rung>,
    except: Option<&str>,
    day: NaiveDate,
    today: NaiveDate,
) -> Option<Unusual> {
    if let Some(created) = rung.and_then(|r| r.created).filter(|created| day < *created) {
        return Some(Unusual::BeforeRung(created));
    }
    if let Some(first) = first_day(ladder, except).filter(|first| day < *first) {
        return Some(Unusual::BeforeLadder(first));
    }
    ((today - day).num_days() > LONG_AGO_DAYS).then_some(Unusual::LongAgo)
}

/// The day of the ladder's first entry, if it has any.
fn first_day(ladder: &Ladder, except: Option<&str>) -> Option<NaiveDate> {
    let kept = |uid: &str| except != Some(uid);
    let created = ladder.rungs.iter().filter_map(|r| r.created);
    let attempts = ladder.attempts.iter().filter(|a| kept(&a.uid)).map(|a| a.at.date_naive());
    let hesitations = ladder.hesitations.iter().filter(|h| kept(&h.uid)).map(|h| h.at.date_naive());
    let gifts = ladder.gifts.iter().filter(|g| kept(&g.uid)).map(|g| g.at.date_naive());
    created.chain(attempts).chain(hesitations).chain(gifts).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attempt, Outcome};
    use chrono::DateTime;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_day_before_the_rung_the_ladder_or_long_ago_is_unusual() {
        let rung = Rung { created: Some(day("2026-11-10")), ..Rung::new(1, "Ask", 20) };
        let at = DateTime::parse_from_rfc3339("2026-11-01T12:00:00+01:00").unwrap();
        let attempt = Attempt::new(1, 1, at, Outcome::Yes);
        let ladder = Ladder { rungs: vec![rung.clone()], attempts: vec![attempt.clone()], ..Ladder::default() };
        let today = day("2026-11-22");
        assert_eq!(
            unusual(&ladder, Some(&rung), None, day("2026-11-09"), today),
            Some(Unusual::BeforeRung(day("2026-11-10")))
        );
        assert_eq!(
            unusual(&ladder, None, None, day("2026-10-31"), today),
            Some(Unusual::BeforeLadder(day("2026-11-01")))
        );
        assert_eq!(
            unusual(&ladder, None, Some(&attempt.uid), day("2026-10-31"), today),
            Some(Unusual::BeforeLadder(day("2026-11-10")))
        );
        assert_eq!(unusual(&Ladder::default(), None, None, day("2026-09-23"), today), None, "60 days back");
        assert_eq!(unusual(&Ladder::default(), None, None, day("2026-09-22"), today), Some(Unusual::LongAgo));
        assert_eq!(unusual(&ladder, Some(&rung), None, day("2026-11-10"), today), None);
    }
}
