//! Growing the ladder: noticing hesitations, promoting them to rungs, and the idea bank.

use std::process::ExitCode;

use super::{Ctx, print_json, short_text};
use crate::cli::{HesitatedArgs, HesitationsArgs, IdeasArgs, PromoteArgs};
use crate::error::{Error, Result, Thing};
use crate::model::shown;
use crate::model::{Change, Hesitation, MAX_NOTE, Rung, check_text};
use crate::output::json;
use crate::output::{render, say};
use crate::rules::ideas::{self, TAGS};
use crate::rules::{asks, care, plan};
use crate::store::Session;

pub fn hesitated(ctx: &mut Ctx, noticed: &HesitatedArgs) -> Result<ExitCode> {
    let date = noticed.date.map(|d| d.on(ctx.now.date_naive()));
    let text = short_text(&noticed.text.join(" "), "hesitation")?;
    let story = noticed.story.as_ref().map(|s| check_text(s, "story", MAX_NOTE).map_err(Error::said)).transpose()?;
    let at = super::when(date, ctx.now)?;
    let session = Session::open(&ctx.location, ctx.now)?;
    super::note_new_file(ctx, &session);
    let before = session.ladder();
    super::check_day(before, None, None, date, ctx.now, noticed.confirm_date, "nothing was noted")?;
    let twin = asks::twin(&before.rungs, &text);
    if let (Some(twin), false) = (twin, noticed.anyway) {
        return Err(Error::said(say::twin_not_noted(twin)));
    }
    let id = super::new_id(before.next_hesitation_id(), "hesitation")?;
    let rung = twin.map(|t| t.id);
    let hesitation = Hesitation { id, uid: crate::store::new_uid(), at, text, story, stakes: noticed.stakes, rung };
    let mut ladder = session.commit(&[Change::AddHesitation(hesitation)], &say::change::noted_hesitation(id))?;
    shown::ladder(&mut ladder);
    if let Some(hesitation) = ladder.hesitation(id) {
        super::prose(ctx, &render::noticed(hesitation, &ladder.rungs, ctx.now.date_naive(), ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn hesitations(ctx: &mut Ctx, args: &HesitationsArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = super::read_shown(ctx, !as_json)?;
    let mut noticed: Vec<_> = ladder.hesitations.iter().collect();
    noticed.sort_by_key(|h| std::cmp::Reverse((h.at, h.id)));
    if as_json {
        print_json(ctx, &json::hesitations(&noticed))?;
    } else {
        super::say(ctx, &render::hesitations(&ladder, &noticed, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn promote(ctx: &mut Ctx, args: &PromoteArgs) -> Result<ExitCode> {
    let PromoteArgs { id, stakes, anyway, .. } = *args;
    let who = args.who.as_ref().map(|w| short_text(w, "name")).transpose()?;
    let session = Session::open(&ctx.location, ctx.now)?;
    let before = session.ladder();
    let hesitation = before.hesitation(id).ok_or(Error::NoSuch(Thing::Hesitation, id))?;
    if let Some(rung) = hesitation.rung {
        return Err(Error::said(say::already_promoted(id, rung)));
    }
    if let Some(to) = &args.to {
        let rung_id = super::rung_id(before, to, ctx.now.date_naive())?;
        let rung = before.rung(rung_id).ok_or(Error::NoSuch(Thing::Rung, rung_id))?;
        let attached = say::attached(id, &hesitation.text, rung, ctx.paint);
        session.commit(&[Change::Attach { hesitation: id, rung: rung_id }], &say::change::attached(id, rung_id))?;
        super::prose(ctx, &attached)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let (Some(twin), false) = (asks::twin(&before.rungs, &hesitation.text), anyway) {
        return Err(Error::said(say::twin_not_promoted(id, twin)));
    }
    let stakes = stakes.or(hesitation.stakes).ok_or_else(|| Error::said(say::promote_without_stakes(id)))?;
    let rung_id = super::new_id(before.next_rung_id(), "rung")?;
    let rung = Rung {
        uid: crate::store::new_uid(),
        who,
        created: Some(ctx.now.date_naive()),
        ..Rung::new(rung_id, hesitation.text.clone(), stakes)
    };
    // The words stay the person's: a note, when they look back at the moment, of how to word it as an ask.
    let nudge = asks::looks_back(&hesitation.text).then(|| render::looking_back_nudge(rung_id, &hesitation.text));
    let promoted = say::promoted(id, &hesitation.text, &rung, plan::neighbours(&before.rungs, stakes), ctx.paint);
    let ladder = session.commit(&[Change::Promote { hesitation: id, rung }], &say::change::promoted(id))?;
    super::prose(ctx, &promoted)?;
    if let Some(nudge) = nudge {
        super::prose(ctx, &say::line(&nudge))?;
    }
    if let Some(next) = care::next_rung(&ladder, ctx.now) {
        super::prose(ctx, &say::next_rung(next, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn ideas(ctx: &mut Ctx, args: &IdeasArgs) -> Result<ExitCode> {
    let IdeasArgs { near, limit, json: as_json, .. } = *args;
    let tag = args.tag.as_deref();
    if let Some(tag) = tag.filter(|t| !TAGS.contains(t)) {
        return Err(Error::said(say::no_idea_tag(tag, &TAGS)));
    }
    let ladder = super::read(ctx)?;
    let chosen = ideas::choose(&ladder, tag, near);
    let shown = &chosen[..limit.min(chosen.len())];
    if as_json {
        print_json(ctx, &shown)?;
    } else {
        super::say(ctx, &render::ideas(shown, chosen.len(), ctx.paint))?;
        if tag == Some(care::HEALTH) {
            super::prose(ctx, render::care::HEALTH_NEVER_WAITS)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
