//! Which events a calendar export holds, given the events the last export held: an event keeps its UID for
//! life; its SEQUENCE goes up each time what it says changes; and an event whose plan is gone (done, cleared,
//! or its rung removed) is written once more, cancelled, so that a calendar that imported it removes it on the
//! next import (RFC 5545 3.8.1.11 `STATUS:CANCELLED`, 3.8.7.4 `SEQUENCE`).

use chrono::{Days, NaiveDate};

/// How long after its day a cancelled event is still written: a calendar imported within a month of it
/// learns it is gone; after that the day has long passed.
pub const CANCELLED_KEPT_DAYS: u64 = 30;

pub use crate::model::Sent;

/// An event planned now, as this export would write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned<'a> {
    pub uid: &'a str,
    pub day: NaiveDate,
    pub digest: u64,
}

/// The events this export writes, in the order given, then the cancelled ones by day: what the next export
/// compares against. A planned event keeps its sequence while it says the same, and goes one up when it
/// changes or comes back after being cancelled; an event no longer planned goes one up once, as it is
/// cancelled, and is kept until `CANCELLED_KEPT_DAYS` after its day.
pub fn events(planned: &[Planned], sent: &[Sent], today: NaiveDate) -> Vec<Sent> {
    let before = |uid: &str| sent.iter().find(|s| s.uid == uid);
    let mut events: Vec<Sent> = planned
        .iter()
        .map(|p| {
            let sequence = match before(p.uid) {
                None => 0,
                Some(s) if s.digest == p.digest && !s.cancelled => s.sequence,
                Some(s) => s.sequence.saturating_add(1),
            };
            Sent { uid: p.uid.to_string(), day: p.day, sequence, digest: p.digest, cancelled: false }
        })
        .collect();
    let mut gone: Vec<Sent> = sent
        .iter()
        .filter(|s| !planned.iter().any(|p| p.uid == s.uid))
        .filter(|s| s.day.checked_add_days(Days::new(CANCELLED_KEPT_DAYS)).is_none_or(|last| last >= today))
        .map(|s| Sent {
            sequence: if s.cancelled { s.sequence } else { s.sequence.saturating_add(1) },
            cancelled: true,
            ..s.clone()
        })
        .collect();
    gone.sort_by(|a, b| (a.day, &a.uid).cmp(&(b.day, &b.uid)));
    events.extend(gone);
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn sent(uid: &str, d: u32, sequence: u32, digest: u64, cancelled: bool) -> Sent {
        Sent { uid: uid.to_string(), day: day(d), sequence, digest, cancelled }
    }

    #[test]
    fn a_changed_event_goes_up_and_a_gone_one_is_cancelled_once() {
        let first = events(
            &[Planned { uid: "a", day: day(20), digest: 1 }, Planned { uid: "b", day: day(21), digest: 2 }],
            &[],
            day(19),
        );
        assert_eq!(first, [sent("a", 20, 0, 1, false), sent("b", 21, 0, 2, false)]);
        let second = events(&[Planned { uid: "b", day: day(22), digest: 3 }], &first, day(19));
        assert_eq!(second, [sent("b", 22, 1, 3, false), sent("a", 20, 1, 1, true)]);
        let third = events(&[Planned { uid: "b", day: day(22), digest: 3 }], &second, day(19));
        assert_eq!(third, second, "nothing changed: the same sequences");
        // Planned again: back, one up.
        let fourth = events(&[Planned { uid: "a", day: day(20), digest: 1 }], &third, day(19));
        assert_eq!(fourth[0], sent("a", 20, 2, 1, false));
    }

    #[test]
    fn a_cancelled_event_is_kept_for_a_month_after_its_day() {
        let gone = [sent("a", 1, 1, 1, true)];
        assert_eq!(events(&[], &gone, day(1).checked_add_days(Days::new(30)).unwrap()), gone);
        assert_eq!(events(&[], &gone, day(1).checked_add_days(Days::new(31)).unwrap()), []);
    }
}
