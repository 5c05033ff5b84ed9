//! Hints for the next step, as kinds with the facts they rest on: which hints apply is the method's call;
//! how they are worded is `output`'s.

use chrono::{DateTime, FixedOffset, Offset, Utc};

use crate::model::{Ladder, Outcome};
use crate::rules::asks::asks_a_stranger;
use crate::rules::care;
use crate::rules::circle;
use crate::rules::ideas::{self, Idea};
use crate::rules::plan::{Counted, RungState, highest_mastered, unthanked_latest};

/// What kind of hint, most useful for the next step first: the order `next` shows them in. Whether the step
/// is too big comes first; thanks and giving back come last, as `done` already said them once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HintKind {
    Care,
    Below,
    Gap,
    Rejection,
    Repeat,
    Specific,
    Reciprocity,
    Thank,
}

impl HintKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HintKind::Care => "care",
            HintKind::Below => "below",
            HintKind::Thank => "thank",
            HintKind::Reciprocity => "reciprocity",
            HintKind::Rejection => "rejection",
            HintKind::Repeat => "repeat",
            HintKind::Gap => "gap",
            HintKind::Specific => "specific",
        }
    }
}

/// A hint and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// The last two attempts on this rung were very hard (the highest distress rated on each): its rest is
    /// over, and it is offered again, gently. `health` when the rung is tagged `health`: it never rests or
    /// waits, so help with it is offered rather than a pause.
    Care { felt: [Option<u8>; 2], health: bool },
    /// This rung, not tried yet, is more than `max_step` below the highest mastered rung (`base`): why `next`
    /// goes back down.
    Below { base: u8, rung: u32 },
    /// The step from the highest mastered rung (`base`, 0 when none is) to this one is `step`, more than
    /// `max_step`: an ask around `middle` would fill it, such as `ideas` from the bank.
    Gap { step: u8, base: u8, middle: u8, ideas: Vec<&'static Idea> },
    /// The last attempt on this rung (`attempt`) was a no, and still a rep; `noted` when the person wrote down
    /// what they learned (`done --learned`).
    Rejection { attempt: u32, noted: bool },
    /// The last attempt did not count: it still felt uncomfortable (`felt`), under `mastery = "calm"`.
    Repeat { felt: Option<u8> },
    /// Under `mastery = "calm"`, `tries` attempts on this rung (at least `STALLED`) and not one rep: the
    /// learning rule would count what was done.
    Stalled { tries: usize },
    /// The last attempt was practice, not a rep, for another reason (`why`): what makes the next one a rep.
    /// `used` are the safety behaviours it relied on; `health` when the rung is tagged `health` (as for `Care`).
    Practice { why: Counted, used: Vec<String>, health: bool },
    /// The rung names no one, and is not of a stranger: who, what, when?
    Specific { rung: u32 },
    /// `who` has said yes `yes` times and has not been helped back.
    Reciprocity { who: String, yes: usize },
    /// The latest attempt, `attempt` at `at`, was a yes (or, `partial`, some help) not yet thanked; `who` is
    /// its rung's person; `stranger` when it names no one and its ask is of a stranger.
    Thank { attempt: u32, at: DateTime<FixedOffset>, who: Option<String>, partial: bool, stranger: bool },
}

impl Hint {
    pub fn kind(&self) -> HintKind {
        match self {
            Hint::Care { .. } => HintKind::Care,
            Hint::Below { .. } => HintKind::Below,
            Hint::Gap { .. } => HintKind::Gap,
            Hint::Rejection { .. } => HintKind::Rejection,
            Hint::Repeat { .. } | Hint::Practice { .. } | Hint::Stalled { .. } => HintKind::Repeat,
            Hint::Specific { .. } => HintKind::Specific,
            Hint::Reciprocity { .. } => HintKind::Reciprocity,
            Hint::Thank { .. } => HintKind::Thank,
        }
    }
}

/// Tries on a rung without a rep, under the calm rule, after which the `repeat` hint offers the learning rule.
pub const STALLED: usize = 5;

/// The hints that apply to the suggested rung `state`, most useful first.
pub fn hints(ladder: &Ladder, states: &[RungState], state: &RungState) -> Vec<Hint> {
    let mut hints = Vec::new();
    if let Some(yes) = unthanked_latest(ladder) {
        let who = ladder.rung(yes.rung).and_then(|r| r.who.clone());
        let stranger = who.is_none() && ladder.rung(yes.rung).is_some_and(|r| super::asks::asks_a_stranger(&r.ask));
        let partial = yes.outcome == Outcome::Partial;
        hints.push(Hint::Thank { attempt: yes.id, at: yes.at, who, partial, stranger });
    }
    let strained = care::strained(state);
    let health = care::health(state.rung);
    // Helping in return is for a calm moment: not beside "go gently" after very hard tries, nor on an ask for
    // help with one's health (often of a professional, whom no one owes a favour).
    // Whose names appear only shapes the wording; UTC is as good an offset as any here.
    if strained.is_none()
        && !health
        && let Some(person) = circle::owed(&circle::circle(ladder, Utc.fix()))
    {
        hints.push(Hint::Reciprocity { who: person.who.clone(), yes: person.yes });
    }
    if let Some([first, second]) = strained {
        hints.push(Hint::Care { felt: [first.felt(), second.felt()], health });
    }
    if let Some(last) = state.last() {
        if last.outcome == Outcome::No {
            hints.push(Hint::Rejection { attempt: last.id, noted: last.learned.is_some() });
        }
        // "Repeat it" is never said after very hard tries, nor after a no from the person the rung names.
        let refused = last.outcome == Outcome::No && state.rung.who.is_some();
        match state.last_verdict() {
            _ if strained.is_some() || refused => {}
            Some(Counted::Not(_)) if state.counted == 0 && state.attempts.len() >= STALLED => {
                hints.push(Hint::Stalled { tries: state.attempts.len() });
            }
            Some(Counted::Not(felt)) => hints.push(Hint::Repeat { felt: Some(felt) }),
            Some(why) if !why.is_rep() => {
                hints.push(Hint::Practice { why, used: last.used.clone(), health });
            }
            _ => {}
        }
    }
    let base = highest_mastered(states);
    if state.attempts.is_empty() && state.rung.stakes.saturating_add(ladder.settings.max_step) < base {
        hints.push(Hint::Below { base, rung: state.rung.id });
    }
    let step = state.rung.stakes.saturating_sub(base);
    // Professional help never waits for an easier ask first.
    if step > ladder.settings.max_step && !health {
        let middle = base + step / 2;
        hints.push(Hint::Gap { step, base, middle, ideas: fillers(ladder, base, state.rung.stakes, middle) });
    }
    if state.rung.who.is_none() && !asks_a_stranger(&state.rung.ask) {
        hints.push(Hint::Specific { rung: state.rung.id });
    }
    hints.sort_by_key(Hint::kind);
    hints
}

/// One or two ideas from the bank between `low` and `high`, nearest `middle`.
fn fillers(ladder: &Ladder, low: u8, high: u8, middle: u8) -> Vec<&'static Idea> {
    ideas::choose(ladder, None, Some(middle))
        .into_iter()
        .filter(|i| i.stakes > low && i.stakes < high)
        .take(2)
        .collect()
}

/// An idea from the bank a step above the highest rung: for when the whole ladder is mastered.
pub fn harder_idea(ladder: &Ladder) -> Option<&'static Idea> {
    let top = ladder.rungs.iter().map(|r| r.stakes).max().unwrap_or(0);
    ideas::choose(ladder, None, Some(top.saturating_add(10).min(100))).into_iter().find(|i| i.stakes > top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attempt, Rung};
    use crate::rules::plan::{next, survey};

    use crate::rules::fixtures::{attempt, ladder, rep, rung};

    fn kinds(l: &Ladder) -> Vec<HintKind> {
        let states = survey(l);
        let state = next(&states).unwrap();
        hints(l, &states, state).into_iter().map(|h| h.kind()).collect()
    }

    #[test]
    fn each_hint_fires_when_it_applies_and_not_otherwise() {
        let mut l = ladder(vec![rung(1, 10)], vec![]);
        assert_eq!(kinds(&l), [HintKind::Specific]);
        l.rungs[0].who = Some("Sam".into());
        assert_eq!(kinds(&l), []);

        l.attempts.push(attempt(1, 1, Outcome::No, Some(60), None));
        assert_eq!(kinds(&l), [HintKind::Rejection], "never \"repeat it\" after a no from the person named");
        l.rungs[0].who = None;
        l.rungs[0].ask = "Ask a stranger the time".into();
        assert_eq!(kinds(&l), [HintKind::Rejection, HintKind::Repeat]);

        l.attempts.push(attempt(2, 1, Outcome::Yes, Some(60), None));
        assert_eq!(kinds(&l), [HintKind::Repeat, HintKind::Thank], "the latest yes, not yet thanked");
        l.attempts[1].thanked = Some(true);
        assert_eq!(kinds(&l), [HintKind::Repeat]);
    }

    #[test]
    fn the_reciprocity_hint_names_who_to_help_back() {
        let mut l = ladder(vec![Rung { who: Some("sam".into()), ..rung(1, 10) }], vec![]);
        for id in 1..=2 {
            l.attempts.push(Attempt { thanked: Some(true), ..rep(id, 1) });
        }
        let states = survey(&l);
        let hints = hints(&l, &states, &states[0]);
        assert_eq!(hints, [Hint::Reciprocity { who: "sam".into(), yes: 2 }]);
        // Not on an ask for help with one's health (often of a professional)...
        l.rungs[0].tags = vec!["health".into()];
        assert_eq!(super::hints(&l, &survey(&l), &survey(&l)[0]), []);
        // ... nor beside "go gently" after two very hard tries.
        l.rungs[0].tags.clear();
        for a in &mut l.attempts {
            a.before = Some(90);
        }
        let states = survey(&l);
        let said: Vec<HintKind> = super::hints(&l, &states, &states[0]).iter().map(Hint::kind).collect();
        assert_eq!(said, [HintKind::Care]);
    }

    #[test]
    fn the_thank_hint_names_the_person_and_the_attempt() {
        let mut l = ladder(vec![rung(1, 20)], vec![attempt(4, 1, Outcome::Yes, None, None)]);
        l.rungs[0].who = Some("Ana".into());
        let states = survey(&l);
        let hints = hints(&l, &states, &states[0]);
        let at = l.attempts[0].at;
        assert_eq!(
            hints.last(),
            Some(&Hint::Thank { attempt: 4, at, who: Some("Ana".into()), partial: false, stranger: false })
        );
    }

    #[test]
    fn a_gap_is_measured_from_the_highest_mastered_rung() {
        let done = |id, rung| Attempt { thanked: Some(true), ..rep(id, rung) };
        let mut l = ladder(vec![rung(1, 20), rung(2, 36)], vec![done(1, 1), done(2, 1)]);
        for r in &mut l.rungs {
            r.who = Some("Sam".into());
        }
        let at = l.attempts[0].at;
        l.gifts.push(crate::model::Gift {
            id: 1,
            uid: "g1".into(),
            at,
            to: "Sam".into(),
            text: "Covered his shift".into(),
        });
        assert_eq!(kinds(&l), [HintKind::Gap], "36 - 20 > 15");
        let states = survey(&l);
        assert!(matches!(hints(&l, &states, &states[1])[0], Hint::Gap { step: 16, base: 20, middle: 28, .. }));
        l.rungs[1].stakes = 35;
        assert_eq!(kinds(&l), [], "a step of exactly max_step is fine");
        l.settings.max_step = 10;
        assert_eq!(kinds(&l), [HintKind::Gap]);
        let first = ladder(vec![Rung { who: Some("Sam".into()), ..rung(1, 40) }], vec![]);
        assert_eq!(kinds(&first), [HintKind::Gap], "nothing mastered: measured from 0");
    }
}
