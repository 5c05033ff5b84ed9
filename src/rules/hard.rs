//! A rung that was harder than planned: the distress felt well above its stakes is a lesson about the rung, and
//! an easier step before it (`ladder split`) is one way on.

use crate::model::{Attempt, Ladder, Rung, Settings};

/// How far above a rung's stakes the distress felt must be to call it harder than planned.
pub const HARDER_BY: u8 = 20;

/// The distress felt (the highest of before, peak and after, as `done` says it) when it was `HARDER_BY` or more
/// above the rung's stakes. Without the peak, a try "very hard (distress 95)" at its peak went on "you felt 50".
pub fn harder_than_planned(attempt: &Attempt, rung: &Rung) -> Option<u8> {
    let felt = attempt.felt()?;
    (u16::from(felt) >= u16::from(rung.stakes) + u16::from(HARDER_BY)).then_some(felt)
}

/// Whether the distress eased during the ask, to comfortable or by the habituation share, whichever rule
/// counts reps: a try that eased was not too hard, however it began.
pub fn eased(attempt: &Attempt, settings: &Settings) -> bool {
    let Some(felt) = attempt.after.or(attempt.before) else { return false };
    let halved =
        |(before, after): (u8, u8)| u32::from(after) * 100 <= u32::from(before) * u32::from(settings.habituation);
    felt <= settings.comfortable || attempt.before.zip(attempt.after).is_some_and(halved)
}

/// The stakes for an easier step before `rung`: halfway down to the next rung below it, or half its stakes
/// when there is none.
pub fn easier_stakes(ladder: &Ladder, rung: &Rung) -> u8 {
    let below = ladder.rungs.iter().filter(|r| r.uid != rung.uid && r.stakes < rung.stakes).map(|r| r.stakes).max();
    match below {
        Some(below) => below + (rung.stakes - below) / 2,
        None => rung.stakes / 2,
    }
}

/// The harder rung `rung` is an easier step before (`before`), when it is still on the ladder.
pub fn step_before<'a>(ladder: &'a Ladder, rung: &Rung) -> Option<&'a Rung> {
    let uid = rung.before.as_deref()?;
    ladder.rungs.iter().find(|r| r.uid == uid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::rung;

    #[test]
    fn twenty_above_the_stakes_is_harder_than_planned() {
        let hard = rung(1, 60);
        let felt = |before, after| crate::rules::fixtures::attempt(1, 1, crate::model::Outcome::Yes, before, after);
        assert_eq!(harder_than_planned(&felt(Some(85), Some(40)), &hard), Some(85));
        assert_eq!(harder_than_planned(&felt(None, Some(80)), &hard), Some(80));
        assert_eq!(harder_than_planned(&felt(Some(79), None), &hard), None);
        assert_eq!(harder_than_planned(&felt(None, None), &hard), None);
        let peaked = crate::model::Attempt { peak: Some(95), ..felt(Some(40), Some(50)) };
        assert_eq!(harder_than_planned(&peaked, &hard), Some(95), "its peak");
    }

    #[test]
    fn an_easier_step_goes_halfway_down() {
        let mut ladder = Ladder { rungs: vec![rung(1, 60), rung(2, 30)], ..Ladder::default() };
        assert_eq!(easier_stakes(&ladder, &ladder.rungs[0]), 45);
        assert_eq!(easier_stakes(&ladder, &ladder.rungs[1]), 15);
        ladder.rungs.push(Rung { before: Some(ladder.rungs[0].uid.clone()), ..rung(3, 45) });
        assert_eq!(step_before(&ladder, &ladder.rungs[2]).map(|r| r.id), Some(1));
    }
}
