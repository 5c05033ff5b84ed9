//! Small ladders for the rules' tests.

use chrono::{DateTime, Duration};

use crate::model::{Attempt, Ladder, Outcome, Rung};

/// A rung at `stakes`, asking "ask ID".
pub fn rung(id: u32, stakes: u8) -> Rung {
    Rung::new(id, format!("ask {id}"), stakes)
}

/// An attempt made `id` hours after 09:00 on 2 November 2026 (+01:00), so that IDs are in time order.
pub fn attempt(id: u32, rung: u32, outcome: Outcome, before: Option<u8>, after: Option<u8>) -> Attempt {
    let start = DateTime::parse_from_rfc3339("2026-11-02T09:00:00+01:00").unwrap();
    Attempt { before, after, ..Attempt::new(id, rung, start + Duration::hours(i64::from(id)), outcome) }
}

pub fn ladder(rungs: Vec<Rung>, attempts: Vec<Attempt>) -> Ladder {
    Ladder { rungs, attempts, ..Ladder::default() }
}

/// A yes rated comfortable (20 before and after), `id` days before the attempts of `attempt`: a rep under
/// either rule, each on a day of its own.
pub fn rep(id: u32, rung: u32) -> Attempt {
    let at = attempt(id, rung, Outcome::Yes, None, None).at - Duration::days(i64::from(id) + 1);
    Attempt { at, ..attempt(id, rung, Outcome::Yes, Some(20), Some(20)) }
}
