//! A new user's trial of the README, from the top: each test is a defect found, kept fixed.

use crate::common::{Fixture, Sandbox};

/// A one-rung ladder under the learning rule (what `ladder init` writes), made on Mon 16 Nov 2026 (the clock
/// of every test is Sun 22 Nov).
fn one_rung() -> Sandbox {
    Sandbox::with(
        &Fixture::version(2)
            .setting("mastery", "learning")
            .rung(1, "Ask a stranger for the time", 15)
            .created("2026-11-16")
            .text(),
    )
}

/// A second ask on a day that already had its rep, recorded for yesterday, said the rung "already has a rep
/// today": the day it has a rep on is the day of the attempt, not today.
#[test]
fn a_second_ask_on_an_earlier_day_says_that_day_not_today() {
    let s = one_rung();
    s.ok(&["done", "1", "--date", "yesterday"]);
    let out = s.ok(&["done", "1", "--date", "yesterday", "--outcome", "no"]);
    let lines: Vec<&str> = out.lines().take(2).collect();
    assert_eq!(
        lines,
        [
            "Recorded attempt 2 on #1 “Ask a stranger for the time”, on Sat 21 Nov 2026, yesterday: no.",
            "It counts as practice: #1 already has a rep that day, and one a day is what counts. Still 1 of 2 reps.",
        ]
    );
    // Today it is still "today": tests/it/scenarios.rs says so.
}
