use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::Ctx;
use crate::cli::DoneArgs;
use crate::error::{Error, Result, Thing};
use crate::model::shown;
use crate::model::{Attempt, Change, Ladder, MAX_NOTE, Outcome, Rung, check_text};
use crate::output::render::{self, Paint};
use crate::output::say;
use crate::rules::{care, hard, nudge, plan};
use crate::store::{self as store, Session};

pub fn run(ctx: &mut Ctx, input: &DoneArgs) -> Result<ExitCode> {
    let date = input.date.map(|d| d.on(ctx.now.date_naive()));
    let note = input.note.as_ref().map(|n| check_text(n, "note", MAX_NOTE).map_err(Error::said)).transpose()?;
    let learned = input.learned.as_ref().map(|n| check_text(n, "lesson", MAX_NOTE).map_err(Error::said)).transpose()?;
    let used = super::texts(input.used.iter().cloned(), "safety behaviour")?;
    let dropped = super::texts(input.dropped.iter().cloned(), "safety behaviour")?;
    if let Some(both) = used.iter().find(|u| dropped.contains(u)) {
        return Err(Error::said(say::used_and_dropped(both)));
    }
    let at = super::when(date, ctx.now)?;
    // The attempts already recorded may still be being read (`Recording`): only the next rung, a day given
    // (`check_day`) and whether the rung was mastered before (below) look at them.
    let mut recording = Session::open_to_record(&ctx.location, ctx.now)?;
    let today = ctx.now.date_naive();
    let named = input.id.as_ref().map(|given| super::rung_id(recording.rest(), given, today)).transpose()?;
    let rung = if let Some(id) = named {
        recording.rest().rung(id).map(|r| r.id).ok_or(Error::NoSuch(Thing::Rung, id))?
    } else {
        let ladder = recording.whole()?;
        match care::next_rung(ladder, ctx.now) {
            Some(next) => next.id,
            None => {
                return Err(Error::said(say::nothing_to_record(
                    ladder.rungs.is_empty(),
                    plan::next_rung(ladder).is_some(),
                )));
            }
        }
    };
    if date.is_some() {
        let ladder = recording.whole()?;
        super::check_day(ladder, ladder.rung(rung), None, date, ctx.now, input.confirm_date, "nothing was recorded")?;
    }
    let ladder = recording.rest();
    let attempt = Attempt {
        id: super::new_id(recording.next_attempt_id(), "attempt")?,
        uid: crate::store::new_uid(),
        rung,
        at,
        outcome: input.outcome(),
        before: input.before,
        after: input.after,
        note,
        fear_happened: input.fear_happened(),
        thanked: input.thanked.then_some(true),
        learned,
        used,
        dropped,
        peak: input.peak,
        expected: input.expected(),
        how: input.how(),
    };
    let description = say::change::recorded(attempt.id, rung);
    // Asking on a planned rung fulfils the plan.
    let mut changes = vec![Change::AddAttempt(attempt.clone())];
    if let Some(planned) = ladder.rung(rung).filter(|r| r.planned.is_some() || r.place.is_some()) {
        changes.push(Change::EditRung(Rung { planned: None, place: None, ..planned.clone() }));
    }
    // What is said once it is saved is worked out while the save waits for the disk (`commit_beside`).
    let (now, paint, recorded) = (ctx.now, ctx.paint, attempt.clone());
    let said = move |before: &Ladder| {
        // A try on a rung already mastered is a review (after a week away) or practice on it, and said as one.
        let mastered = before.rung(rung).is_some_and(|r| plan::state_of(before, r).status == plan::Status::Mastered);
        move |after: &Ladder| (mastered, report(after, &recorded, mastered, now, paint))
    };
    let (ladder, (mastered, said)) = recording.commit_beside(&changes, &description, said)?;
    let ladder = super::keep(ladder);
    hooks(ctx, &ladder, &attempt, mastered)?;
    super::say(ctx, &said)?;
    Ok(ExitCode::SUCCESS)
}

/// What `done` says once `attempt` is recorded on the ladder as it now is (`mastered`: on a rung mastered before).
fn report(ladder: &Ladder, attempt: &Attempt, mastered: bool, now: DateTime<FixedOffset>, paint: Paint) -> String {
    // Each part folded to the terminal's width on its own, as `prose` prints it.
    let mut out = String::new();
    let mut say = |text: &str| out.push_str(&render::prose::wrap(text, paint.width));
    // Every text made safe to show; a copy is made only when some text needs it.
    let escaped;
    let ladder = if shown::needed(ladder) {
        let mut copy = ladder.clone();
        shown::ladder(&mut copy);
        escaped = copy;
        &escaped
    } else {
        ladder
    };
    let rung = attempt.rung;
    // Care comes first: after the care message or the rest after a no, nothing else is suggested.
    let mut cared = false;
    if let Some(recorded) = ladder.rung(rung) {
        let state = plan::state_of(ladder, recorded);
        say(&render::recorded(attempt, &state, &ladder.settings, now, paint, mastered));
        // Harder than planned is a lesson about the rung, said unless something else already says what helps:
        // care after the second very hard try, or the rest after a no from the person the rung names. A try
        // whose distress fell to comfortable (or by half) was not too hard.
        let strained = care::strained(&state).is_some_and(|pair| pair.iter().any(|a| a.id == attempt.id));
        let rests = attempt.outcome == Outcome::No
            && recorded.who.is_some()
            && !care::health(recorded)
            && now < care::rest_end(attempt.at);
        // Nor when the re-rating suggestion already says how far from its stakes it felt.
        cared = strained || rests;
        let eased = hard::eased(attempt, &ladder.settings) || plan::rerate(&state, attempt.id).is_some();
        // Said once a rung: the ways on do not change from one hard try to the next.
        let said = ladder
            .attempts
            .iter()
            .any(|a| a.rung == recorded.id && a.id != attempt.id && hard::harder_than_planned(a, recorded).is_some());
        if let (false, false, false, false, Some(felt)) =
            (strained, rests, eased, said, hard::harder_than_planned(attempt, recorded))
        {
            say(&render::mend::too_hard(recorded, felt, hard::easier_stakes(ladder, recorded)));
        }
    }
    let offer = care::offer(ladder, now);
    say(&render::next_line(ladder, offer, false, paint));
    // One suggestion at most: a wider circle before a day for the next ask.
    if let (false, Some((person, count))) = (cared, nudge::one_person(ladder, attempt)) {
        say(&render::nudge::one_person(person, count));
    } else if let (false, false, Some(next)) = (cared, offer.down, offer.rung)
        && nudge::offer_plan(ladder, attempt)
    {
        say(&render::nudge::plan(next.id));
    }
    out
}

/// Queues the attempt for the `on-attempt` hook (as `log --json` gives it), and its rung for `on-mastered` (as
/// `list --json` does) when this attempt mastered it (`mastered`: it was mastered before); only when such a hook
/// is there, with the text as it is.
fn hooks(ctx: &mut Ctx, ladder: &crate::model::Ladder, attempt: &Attempt, mastered: bool) -> Result<()> {
    if store::hooks::wanted("on-attempt") {
        let entry = crate::output::json::log(ladder, &[attempt]);
        ctx.hooks.push(("on-attempt", serde_json::to_vec_pretty(&entry[0]).map_err(std::io::Error::from)?));
    }
    if !mastered
        && store::hooks::wanted("on-mastered")
        && let Some(rung) = ladder.rung(attempt.rung)
    {
        let state = plan::state_of(ladder, rung);
        if state.status == plan::Status::Mastered {
            ctx.hooks.push((
                "on-mastered",
                serde_json::to_vec_pretty(&crate::output::json::list(&[state])[0]).map_err(std::io::Error::from)?,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::when;
    use chrono::{DateTime, FixedOffset, NaiveDate};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T08:15:00+09:00").unwrap()
    }

    #[test]
    fn today_is_now_and_a_past_day_is_noon() {
        assert_eq!(when(None, now()).unwrap(), now());
        assert_eq!(when(NaiveDate::from_ymd_opt(2026, 11, 22), now()).unwrap(), now());
        let past = when(NaiveDate::from_ymd_opt(2026, 11, 2), now()).unwrap();
        assert_eq!(past.to_rfc3339(), "2026-11-02T12:00:00+09:00");
    }

    #[test]
    fn a_future_day_is_refused() {
        let err = when(NaiveDate::from_ymd_opt(2026, 11, 23), now()).unwrap_err();
        assert!(err.to_string().contains("in the future"));
    }
}
