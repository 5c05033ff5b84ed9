//! `edit`, `rm` and `split`: change a rung in place, take it off the ladder, or add an easier step before it.

use std::process::ExitCode;

use super::{Ctx, short_text};
use crate::cli::{EditArgs, RmArgs, SplitArgs};
use crate::error::{Error, Result, Thing};
use crate::model::{Change, Ladder, Rung};
use crate::output::say;
use crate::rules::hard;
use crate::store::Session;

fn find(ladder: &Ladder, id: u32) -> Result<Rung> {
    ladder.rung(id).cloned().ok_or(Error::NoSuch(Thing::Rung, id))
}

/// `ladder edit`: each field given replaces the rung's; one not given stays as it is.
pub fn edit(ctx: &mut Ctx, args: &EditArgs) -> Result<ExitCode> {
    let session = Session::open(&ctx.location, ctx.now)?;
    let id = super::rung_id(session.ladder(), &args.id, ctx.now.date_naive())?;
    let old = find(session.ladder(), id)?;
    let mut rung = old.clone();
    if let Some(ask) = &args.ask {
        rung.ask = short_text(ask, "ask")?;
    }
    if let Some(stakes) = args.stakes {
        rung.stakes = stakes;
    }
    args.rung.set(&mut rung, true).map_err(Error::said)?;
    let changes = say::rung_changes(&old, &rung);
    if changes.is_empty() {
        // Values given that it already has want a different answer from no values at all.
        let given = args.ask.is_some() || args.stakes.is_some() || args.rung.any();
        session.finish()?;
        super::prose(ctx, &say::edit_unchanged(id, given))?;
        return Ok(ExitCode::SUCCESS);
    }
    let edited = say::edited(&old, &rung, &changes, ctx.paint);
    session.commit(&[Change::EditRung(rung)], &say::change::changed_rung(id))?;
    super::prose(ctx, &edited)?;
    Ok(ExitCode::SUCCESS)
}

pub fn remove(ctx: &mut Ctx, args: &RmArgs) -> Result<ExitCode> {
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::rung_id(ladder, &args.id, ctx.now.date_naive())?;
    let rung = find(ladder, id)?;
    let attempts = ladder.attempts.iter().filter(|a| a.rung == id).count();
    let removal = ladder.removal(id);
    session.commit(&[removal], &say::change::removed_rung(id, attempts))?;
    super::prose(ctx, &say::removed(&rung, attempts, ctx.paint))?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder split`: an easier step before a rung that was harder than planned, linked to it (`before`).
pub fn split(ctx: &mut Ctx, args: &SplitArgs) -> Result<ExitCode> {
    let ask = short_text(&args.ask.join(" "), "ask")?;
    let who = args.who.as_ref().map(|w| short_text(w, "name")).transpose()?;
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::rung_id(ladder, &args.id, ctx.now.date_naive())?;
    let hard = find(ladder, id)?;
    let stakes = args.stakes.unwrap_or_else(|| hard::easier_stakes(ladder, &hard));
    if stakes >= hard.stakes {
        return Err(Error::said(say::split_not_easier(id, hard.stakes, stakes)));
    }
    let new_id = super::new_id(ladder.next_rung_id(), "rung")?;
    let rung = Rung {
        uid: crate::store::new_uid(),
        who,
        created: Some(ctx.now.date_naive()),
        before: Some(hard.uid.clone()),
        ..Rung::new(new_id, ask, stakes)
    };
    let added = say::split(new_id, stakes, crate::rules::plan::neighbours(&ladder.rungs, stakes), &hard, ctx.paint);
    let ladder = super::keep(session.commit(&[Change::AddRung(rung)], &say::change::added_before(new_id, id))?);
    super::prose(ctx, &added)?;
    if let Some(next) = crate::rules::care::next_rung(&ladder, ctx.now) {
        super::prose(ctx, &say::next_rung(next, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}
