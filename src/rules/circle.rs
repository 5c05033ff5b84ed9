//! Your circle: the people you ask and the people you help. Pure functions of a ladder.
//!
//! Thanking a helper makes them likelier to help again (Grant & Gino, 2010), and help given back keeps a
//! relationship balanced; so `ladder` counts both, and says so gently, never as a score.

use rustc_hash::FxHashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::model::{Ladder, Outcome};
use crate::rules::plan::name_key;

/// One person, with everything asked of them and given to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name as first written.
    pub who: String,
    pub asks: usize,
    pub yes: usize,
    pub partial: usize,
    pub no: usize,
    pub thanked: usize,
    /// Yes and partial answers not yet marked thanked.
    pub unthanked: usize,
    pub gave: usize,
    /// The day of the last exchange either way, in the current offset.
    pub last: Option<NaiveDate>,
    /// The day you last helped them.
    pub last_gave: Option<NaiveDate>,
}

impl Person {
    fn new(who: &str) -> Person {
        Person {
            who: who.trim().to_string(),
            asks: 0,
            yes: 0,
            partial: 0,
            no: 0,
            thanked: 0,
            unthanked: 0,
            gave: 0,
            last: None,
            last_gave: None,
        }
    }

    /// Times they said yes or helped in part.
    pub fn helped(&self) -> usize {
        self.yes + self.partial
    }
}

/// Everyone named on a rung (`who`) or helped (`gave --to`): names match ignoring case and surrounding spaces.
/// Most recent exchange first; people with none yet last, by name.
pub fn circle<'a>(ladder: &'a Ladder, offset: FixedOffset) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    // Names as written, so that a name met again (on many rungs) is not normalised again.
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    let mut person = |name: &'a str| -> usize {
        *seen.entry(name).or_insert_with(|| {
            *index.entry(name_key(name)).or_insert_with(|| {
                people.push(Person::new(name));
                people.len() - 1
            })
        })
    };
    let day = |at: DateTime<FixedOffset>| at.with_timezone(&offset).date_naive();
    let mut asks = FxHashMap::default();
    for rung in &ladder.rungs {
        if let Some(who) = &rung.who {
            asks.insert(rung.id, person(who));
        }
    }
    let gifts: Vec<(usize, NaiveDate)> = ladder.gifts.iter().map(|g| (person(&g.to), day(g.at))).collect();
    let mut last_asked: Vec<Option<DateTime<FixedOffset>>> = vec![None; people.len()];
    for attempt in &ladder.attempts {
        let Some(&i) = asks.get(&attempt.rung) else { continue };
        let p = &mut people[i];
        p.asks += 1;
        match attempt.outcome {
            Outcome::Yes => p.yes += 1,
            Outcome::Partial => p.partial += 1,
            Outcome::No => p.no += 1,
            Outcome::NoAnswer => {}
        }
        let thanked = attempt.thanked == Some(true);
        p.thanked += usize::from(thanked);
        p.unthanked += usize::from(super::plan::owes_thanks(attempt.outcome) && !thanked);
        last_asked[i] = last_asked[i].max(Some(attempt.at));
    }
    // The latest moment is on the latest day: one conversion per person, not one per attempt.
    for (p, at) in people.iter_mut().zip(last_asked) {
        p.last = at.map(day);
    }
    for (i, on) in gifts {
        let p = &mut people[i];
        p.gave += 1;
        p.last = p.last.max(Some(on));
        p.last_gave = p.last_gave.max(Some(on));
    }
    people.sort_by(|a, b| b.last.cmp(&a.last).then_with(|| name_key(&a.who).cmp(&name_key(&b.who))));
    people
}

/// The person most in need of help given back: two or more yes answers, nothing given yet.
pub fn owed(people: &[Person]) -> Option<&Person> {
    people.iter().filter(|p| p.yes >= 2 && p.gave == 0).max_by_key(|p| (p.yes, std::cmp::Reverse(name_key(&p.who))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attempt, Gift, Rung};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn attempt(id: u32, rung: u32, outcome: Outcome, when: &str, thanked: bool) -> Attempt {
        Attempt { thanked: thanked.then_some(true), ..Attempt::new(id, rung, at(when), outcome) }
    }

    fn ladder() -> Ladder {
        Ladder {
            rungs: vec![
                Rung { who: Some("Sam".into()), ..Rung::new(1, "Ask Sam for feedback", 30) },
                Rung { who: Some("  sam ".into()), ..Rung::new(2, "Ask Sam to pair", 40) },
                Rung { who: Some("Ana".into()), ..Rung::new(3, "Ask Ana for a lift", 35) },
                Rung { who: Some("Jo".into()), ..Rung::new(4, "Ask Jo for advice", 60) },
                Rung::new(5, "Ask a stranger the time", 10),
            ],
            attempts: vec![
                attempt(1, 1, Outcome::Yes, "2026-11-02T10:00:00+01:00", true),
                attempt(2, 2, Outcome::Yes, "2026-11-09T10:00:00+01:00", false),
                attempt(3, 2, Outcome::Partial, "2026-11-10T10:00:00+01:00", false),
                attempt(4, 3, Outcome::No, "2026-11-12T10:00:00+01:00", false),
                attempt(5, 5, Outcome::Yes, "2026-11-13T10:00:00+01:00", false),
            ],
            gifts: vec![Gift {
                id: 1,
                uid: "g1".into(),
                at: at("2026-05-20T23:30:00Z"),
                to: "ANA".into(),
                text: "Fed her cat".into(),
            }],
            ..Ladder::default()
        }
    }

    #[test]
    fn names_match_ignoring_case_and_spaces_and_keep_their_first_spelling() {
        let people = circle(&ladder(), *at("2026-11-22T10:00:00+01:00").offset());
        let names: Vec<&str> = people.iter().map(|p| p.who.as_str()).collect();
        assert_eq!(names, ["Ana", "Sam", "Jo"], "most recent exchange first; Jo has none yet");
        let sam = &people[1];
        assert_eq!((sam.asks, sam.yes, sam.partial, sam.no), (3, 2, 1, 0));
        assert_eq!((sam.thanked, sam.unthanked, sam.gave), (1, 2, 0), "a partial is owed a thank too");
        assert_eq!(sam.last.map(|d| d.to_string()).as_deref(), Some("2026-11-10"));
        let ana = &people[0];
        assert_eq!((ana.asks, ana.no, ana.gave), (1, 1, 1));
        assert_eq!(ana.last_gave.map(|d| d.to_string()).as_deref(), Some("2026-05-21"), "the gift's day in +01:00");
        assert_eq!(people[2].last, None);
    }

    #[test]
    fn help_is_owed_after_two_yeses_with_nothing_given() {
        let people = circle(&ladder(), *at("2026-11-22T10:00:00+01:00").offset());
        assert_eq!(owed(&people).map(|p| p.who.as_str()), Some("Sam"));
        let mut l = ladder();
        l.gifts.push(Gift {
            id: 2,
            uid: "g2".into(),
            at: at("2026-11-20T10:00:00Z"),
            to: "sam".into(),
            text: "Reviewed his doc".into(),
        });
        assert_eq!(owed(&circle(&l, *at("2026-11-22T10:00:00Z").offset())), None);
    }
}
