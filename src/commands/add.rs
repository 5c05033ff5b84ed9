use std::process::ExitCode;

use super::{Ctx, short_text};
use crate::cli::AddArgs;
use crate::error::{Error, Result};
use crate::model::{Change, Rung};
use crate::output::say;
use crate::rules::ideas;
use crate::rules::{asks, care, plan};
use crate::store::Session;

pub fn run(ctx: &mut Ctx, input: &AddArgs) -> Result<ExitCode> {
    let asked = input.ask.join(" ");
    let idea = input.idea.map(|id| ideas::find(id).ok_or_else(|| Error::said(say::no_idea(id)))).transpose()?;
    let ask = short_text(idea.map_or(asked.as_str(), |i| i.ask.as_str()), "ask")?;
    // clap asks for --stakes unless an idea brings its own.
    let stakes = input.stakes.or(idea.map(|i| i.stakes)).ok_or_else(|| Error::said(say::GIVE_STAKES))?;
    let mut rung =
        Rung { uid: crate::store::new_uid(), created: Some(ctx.now.date_naive()), ..Rung::new(0, ask, stakes) };
    input.rung.set(&mut rung, false).map_err(Error::said)?;
    // An idea's area comes first among the tags.
    if let Some(idea) = idea {
        let given = std::mem::take(&mut rung.tags);
        rung.tags = std::iter::once(idea.tag.clone()).chain(given.into_iter().filter(|t| *t != idea.tag)).collect();
    }
    let session = Session::open(&ctx.location, ctx.now)?;
    super::note_new_file(ctx, &session);
    let before = session.ladder();
    if let Some(rung) = idea.and_then(|i| ideas::on_ladder(before, i)) {
        return Err(Error::said(say::idea_on_ladder(rung)));
    }
    let twin = asks::twin(&before.rungs, &rung.ask);
    if let (Some(twin), false) = (twin, input.anyway) {
        return Err(Error::said(say::twin_not_added(twin)));
    }
    rung.id = super::new_id(before.next_rung_id(), "rung")?;
    let id = rung.id;
    // Said after the rung is added: a nudge for a vague ask.
    let vague = twin.is_none() && asks::vague(&rung.ask, rung.who.as_deref());
    let added = say::added(id, stakes, plan::neighbours(&before.rungs, stakes), ctx.paint);
    let ladder = super::keep(session.commit(&[Change::AddRung(rung)], &say::change::added_rung(id))?);
    super::prose(ctx, &added)?;
    if vague {
        super::prose(ctx, &say::line(&crate::output::render::vague_nudge(id)))?;
    }
    if let Some(next) = care::next_rung(&ladder, ctx.now) {
        super::prose(ctx, &say::next_rung(next, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}
