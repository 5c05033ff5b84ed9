//! The people side of asking: help given back, thanks after the fact, the circle, and planned asks.

use std::process::ExitCode;

use super::{Ctx, print_json, short_text};
use crate::cli::{AgendaArgs, CircleArgs, GaveArgs, PlanArgs, PlanDay, ThankArgs};
use crate::error::{Error, Result, Thing};
use crate::model::shown;
use crate::model::{Change, Gift, Outcome, Rung};
use crate::output::json;
use crate::output::{render, say};
use crate::rules::circle;
use crate::rules::plan::name_key;
use crate::store::Session;

pub fn gave(ctx: &mut Ctx, args: &GaveArgs) -> Result<ExitCode> {
    let (date, confirm_date) = (args.date.map(|d| d.on(ctx.now.date_naive())), args.confirm_date);
    let text = short_text(&args.text.join(" "), "help given")?;
    let to = short_text(&args.to, "name")?;
    let at = super::when(date, ctx.now)?;
    let session = Session::open(&ctx.location, ctx.now)?;
    super::check_day(session.ladder(), None, None, date, ctx.now, confirm_date, "nothing was noted")?;
    super::note_new_file(ctx, &session);
    // The name as first written, so that the file, the circle and this reply agree.
    let to = circle::circle(session.ladder(), *ctx.now.offset())
        .into_iter()
        .find(|p| name_key(&p.who) == name_key(&to))
        .map_or(to, |p| p.who);
    let id = super::new_id(session.ladder().next_gift_id(), "gift")?;
    let gift = Gift { id, uid: crate::store::new_uid(), at, to: to.clone(), text };
    let ladder = session.commit(&[Change::AddGift(gift.clone())], &say::change::noted_gift(id))?;
    let today = ctx.now.date_naive();
    let people = circle::circle(&ladder, *ctx.now.offset());
    let balance =
        people.iter().find(|p| name_key(&p.who) == name_key(&to)).and_then(|p| render::people::balance(p, today));
    super::prose(ctx, &say::gave(&to, &gift.text, at.date_naive(), today, balance.as_deref(), ctx.paint))?;
    Ok(ExitCode::SUCCESS)
}

pub fn thank(ctx: &mut Ctx, args: &ThankArgs) -> Result<ExitCode> {
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::attempt_id(ladder, &args.attempt, ctx.now.date_naive())?;
    let attempt = ladder.attempt(id).ok_or(Error::NoSuch(Thing::Attempt, id))?;
    let who = ladder.rung(attempt.rung).and_then(|r| r.who.clone()).unwrap_or_else(|| "them".into());
    if attempt.thanked == Some(true) {
        session.finish()?;
        super::prose(ctx, &say::already_thanked(id))?;
        return Ok(ExitCode::SUCCESS);
    }
    if attempt.outcome == Outcome::NoAnswer {
        return Err(Error::said(say::no_one_to_thank(id)));
    }
    let today = ctx.now.date_naive();
    let no = attempt.outcome == Outcome::No;
    let marked = say::thanked(id, ladder.rung(attempt.rung), attempt.at.date_naive(), today, &who, no, ctx.paint);
    session.commit(&[Change::Thank(id)], &say::change::thanked(id))?;
    super::prose(ctx, &marked)?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(ctx: &mut Ctx, args: &CircleArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = super::read(ctx)?;
    let mut people = circle::circle(&ladder, *ctx.now.offset());
    if as_json {
        print_json(ctx, &json::circle(&people))?;
    } else {
        // Named after the people are matched, so that what is shown never changes who is who.
        for person in &mut people {
            person.who = shown::line(&person.who).into_owned();
        }
        super::say(ctx, &render::circle(&people, ctx.now.date_naive(), ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn plan(ctx: &mut Ctx, args: &PlanArgs) -> Result<ExitCode> {
    let today = ctx.now.date_naive();
    let on = match &args.on {
        Some(PlanDay::NotADay(text)) => return Err(Error::said(say::not_a_plan_day(text, today))),
        Some(PlanDay::Day(day)) => Some(day.on(today)),
        None => None,
    };
    let place = args.place.as_ref().map(|p| short_text(p, "where")).transpose()?;
    if let Some(day) = on.filter(|day| *day < ctx.now.date_naive()) {
        return Err(Error::said(say::plan_passed(day)));
    }
    let session = Session::open(&ctx.location, ctx.now)?;
    let id = super::rung_id(session.ladder(), &args.id, ctx.now.date_naive())?;
    let old = session.ladder().rung(id).cloned().ok_or(Error::NoSuch(Thing::Rung, id))?;
    // Re-planning for another day keeps the place unless a new one is given.
    let rung = Rung { planned: on, place: on.and(place.or_else(|| old.place.clone())), ..old.clone() };
    if rung == old {
        session.finish()?;
        super::prose(ctx, &say::plan_unchanged(id, on.is_some()))?;
        return Ok(ExitCode::SUCCESS);
    }
    session.commit(&[Change::EditRung(rung.clone())], &say::change::planned(id, on.is_some()))?;
    super::prose(ctx, &say::planned(&rung, ctx.now.date_naive(), ctx.paint))?;
    Ok(ExitCode::SUCCESS)
}

pub fn agenda(ctx: &mut Ctx, args: &AgendaArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = super::read_shown(ctx, !as_json)?;
    let mut planned: Vec<&Rung> = ladder.rungs.iter().filter(|r| r.planned.is_some()).collect();
    planned.sort_by_key(|r| (r.planned, r.id));
    let today = ctx.now.date_naive();
    if as_json {
        print_json(ctx, &json::agenda(&planned, today))?;
    } else {
        super::say(ctx, &render::agenda(&planned, today, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}
