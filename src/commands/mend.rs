//! `fix` and `forget`: mend the record, one entry at a time, on every device.

use std::process::ExitCode;

use chrono::TimeZone;

use super::Ctx;
use crate::cli::{FixArgs, ForgetArgs};
use crate::error::{Error, Result, Thing};
use crate::model::{Change, Entry, Ladder, MAX_NOTE, check_text};
use crate::output::render::mend;
use crate::output::say;
use crate::rules::plan::{self, Status};
use crate::store::Session;

/// `ladder fix`: each value given replaces the attempt's (a `Level` of none: not recorded); one not given stays.
pub fn fix(ctx: &mut Ctx, fixes: &FixArgs) -> Result<ExitCode> {
    let date = fixes.date.map(|d| d.on(ctx.now.date_naive()));
    // `Some(None)` clears the text: "" was given.
    let text = |given: &Option<String>, what: &str| -> Result<Option<Option<String>>> {
        Ok(match given {
            Some(n) if n.trim().is_empty() => Some(None),
            Some(n) => Some(Some(check_text(n, what, MAX_NOTE).map_err(Error::said)?)),
            None => None,
        })
    };
    let (note, learned) = (text(&fixes.note, "note")?, text(&fixes.learned, "learned")?);
    let today = ctx.now.date_naive();
    if let Some(day) = date.filter(|day| *day > today) {
        return Err(Error::said(say::fix_in_future(day)));
    }
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::attempt_id(ladder, &fixes.attempt, ctx.now.date_naive())?;
    let old = ladder.attempt(id).cloned().ok_or_else(|| no_attempt(id))?;
    let rung = ladder.rung(old.rung);
    let mut new = old.clone();
    if let Some(day) = date.filter(|day| *day != old.at.date_naive()) {
        super::check_day(ladder, rung, Some(&old.uid), Some(day), ctx.now, fixes.confirm_date, "nothing was changed")?;
        // The same time of day, on the day given (never later than now).
        let moment = old.at.offset().from_local_datetime(&day.and_time(old.at.time())).single();
        new.at = moment.filter(|at| *at <= ctx.now).map_or_else(|| super::when(Some(day), ctx.now), Ok)?;
    }
    new.outcome = fixes.outcome().unwrap_or(old.outcome);
    new.before = fixes.before.map_or(old.before, |l| l.0);
    new.after = fixes.after.map_or(old.after, |l| l.0);
    new.note = note.unwrap_or_else(|| old.note.clone());
    new.learned = learned.unwrap_or_else(|| old.learned.clone());
    new.fear_happened = fixes.fear_happened().or(old.fear_happened);
    new.thanked = fixes.thanked().or(old.thanked);
    new.how = fixes.how().or(old.how);
    let subject = say::attempt_subject(ladder.rung(old.rung));
    if new == old {
        let given = fixes.date.is_some()
            || fixes.outcome.is_some()
            || fixes.before.is_some()
            || fixes.after.is_some()
            || fixes.note.is_some()
            || fixes.learned.is_some()
            || fixes.fear_happened().is_some()
            || fixes.thanked().is_some()
            || fixes.how.is_some();
        super::prose(ctx, &say::fix_unchanged(id, given))?;
        return Ok(ExitCode::SUCCESS);
    }
    let changes = mend::attempt_changes(&old, &new);
    let day = if new.at.date_naive() == old.at.date_naive() {
        mend::on_day(new.at.date_naive(), today)
    } else {
        String::new()
    };
    let rung = old.rung;
    let was = standing(ladder, rung);
    let after = session.commit(&[Change::EditAttempt(new)], &say::change::fixed(id))?;
    super::prose(ctx, &say::fixed(id, &subject, &day, &changes, ctx.paint))?;
    say_standing(ctx, &after, rung, was)?;
    Ok(ExitCode::SUCCESS)
}

pub fn forget(ctx: &mut Ctx, args: &ForgetArgs) -> Result<ExitCode> {
    let ForgetArgs { ref attempt, hesitation, gift } = *args;
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let today = ctx.now.date_naive();
    let attempt = attempt.as_ref().map(|given| super::attempt_id(ladder, given, ctx.now.date_naive())).transpose()?;
    let (entry, uid, what, description) = match (attempt, hesitation, gift) {
        (Some(id), ..) => {
            let a = ladder.attempt(id).ok_or_else(|| no_attempt(id))?;
            let what = say::forgot_attempt(id, ladder.rung(a.rung), a.at.date_naive(), today, a.outcome.as_str());
            (Entry::Attempt, a.uid.clone(), what, say::change::forgot_attempt(id))
        }
        (None, Some(id), _) => {
            let h = ladder.hesitation(id).ok_or(Error::NoSuch(Thing::Hesitation, id))?;
            // A promoted hesitation is what ties the rungs two devices made of it into one: forgetting it
            // would let a merge keep both.
            if let Some(rung) = h.rung {
                return Err(Error::said(say::hesitation_stays(id, rung)));
            }
            let what = say::forgot_hesitation(id, &h.text, h.at.date_naive(), today);
            (Entry::Hesitation, h.uid.clone(), what, say::change::forgot_hesitation(id))
        }
        (None, None, Some(id)) => {
            let g = ladder.gifts.iter().find(|g| g.id == id).ok_or(Error::NoSuch(Thing::Gift, id))?;
            let what = say::forgot_gift(id, &g.to, &g.text, g.at.date_naive(), today);
            (Entry::Gift, g.uid.clone(), what, say::change::forgot_gift(id))
        }
        (None, None, None) => return Err(Error::said(say::FORGET_WHAT)),
    };
    let rung = attempt.and_then(|id| ladder.attempt(id)).map(|a| a.rung);
    let was = rung.and_then(|rung| standing(ladder, rung));
    let change = Change::Forget { entry, uid, on: today, last_attempt_id: ladder.last_attempt_id() };
    let after = session.commit(&[change], &description)?;
    super::prose(ctx, &say::forgot(&what, ctx.paint))?;
    if let Some(rung) = rung {
        say_standing(ctx, &after, rung, was)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How many reps rung `id` has counted, and whether it is mastered.
fn standing(ladder: &Ladder, id: u32) -> Option<(u32, Status)> {
    ladder.rung(id).map(|rung| {
        let state = plan::state_of(ladder, rung);
        (state.counted, state.status)
    })
}

/// Where rung `id` stands now, when the change moved it.
fn say_standing(ctx: &mut Ctx, after: &Ladder, id: u32, was: Option<(u32, Status)>) -> Result<()> {
    if let Some(rung) = after.rung(id).filter(|_| standing(after, id) != was) {
        let state = plan::state_of(after, rung);
        super::prose(ctx, &say::line(&mend::standing(&state, &after.settings)))?;
    }
    Ok(())
}

fn no_attempt(id: u32) -> Error {
    Error::NoSuch(Thing::Attempt, id)
}
