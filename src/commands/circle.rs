//! The people side of asking: help given back, thanks after the fact, the circle, and planned asks.

use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use super::{Ctx, print_json, short_text};
use crate::cli::{AgendaArgs, CircleArgs, GaveArgs, PlanArgs, ThankArgs};
use crate::model::shown;
use crate::model::{Change, Gift, Outcome, Rung, uid};
use crate::output::json;
use crate::output::render;
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
    let what = render::quoted(&shown::line(&text));
    let ladder = session.commit(
        &[Change::AddGift(Gift { id, uid: uid::random(), at, to: to.clone(), text })],
        &format!("noted help given {id}"),
    )?;
    writeln!(
        ctx.out,
        "{} you helped {}: {what}{}. Giving back keeps a circle strong.",
        ctx.paint.bold("Noted:"),
        shown::line(&to),
        render::mend::on_day(at.date_naive(), ctx.now.date_naive())
    )?;
    let people = circle::circle(&ladder, *ctx.now.offset());
    if let Some(line) = people
        .iter()
        .find(|p| name_key(&p.who) == name_key(&to))
        .and_then(|p| render::people::balance(p, ctx.now.date_naive()))
    {
        writeln!(ctx.out, "{}", shown::line(&line))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn thank(ctx: &mut Ctx, args: &ThankArgs) -> Result<ExitCode> {
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::attempt_id(ladder, &args.attempt, ctx.now.date_naive())?;
    let attempt =
        ladder.attempt(id).ok_or_else(|| anyhow!("there is no attempt with ID {id}; `ladder log` shows them"))?;
    let who = ladder.rung(attempt.rung).and_then(|r| r.who.clone()).unwrap_or_else(|| "them".into());
    if attempt.thanked == Some(true) {
        session.finish()?;
        writeln!(ctx.out, "Attempt {id} is already marked thanked.")?;
        return Ok(ExitCode::SUCCESS);
    }
    if attempt.outcome == Outcome::NoAnswer {
        bail!(
            "attempt {id} had no answer, so there is no one to thank for it yet; if they answered since, `ladder \
             fix {id} --outcome yes` (or partial, or no) says so; nothing was changed"
        );
    }
    let on = match ladder.rung(attempt.rung) {
        Some(rung) => format!(" on #{} {}", rung.id, render::quoted(&shown::line(&rung.ask))),
        None => String::new(),
    };
    let day = render::mend::on_day(attempt.at.date_naive(), ctx.now.date_naive());
    session.commit(&[Change::Thank(id)], &format!("marked attempt {id} thanked"))?;
    writeln!(
        ctx.out,
        "{} attempt {id}{on}{day}: you thanked {}. That makes them likelier to help again.",
        ctx.paint.bold("Marked"),
        shown::line(&who)
    )?;
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
        write!(ctx.out, "{}", render::circle(&people, ctx.now.date_naive(), ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn plan(ctx: &mut Ctx, args: &PlanArgs) -> Result<ExitCode> {
    let on = args.on.map(|d| d.on(ctx.now.date_naive()));
    let place = args.place.as_ref().map(|p| short_text(p, "where")).transpose()?;
    if let Some(day) = on.filter(|day| *day < ctx.now.date_naive()) {
        bail!("{day} has passed; plan the ask for today or a day to come");
    }
    let session = Session::open(&ctx.location, ctx.now)?;
    let id = super::rung_id(session.ladder(), &args.id, ctx.now.date_naive())?;
    let old = session
        .ladder()
        .rung(id)
        .cloned()
        .ok_or_else(|| anyhow!("there is no rung with ID {id}; `ladder list` shows them all"))?;
    // Re-planning for another day keeps the place unless a new one is given.
    let rung = Rung { planned: on, place: on.and(place.or_else(|| old.place.clone())), ..old.clone() };
    if rung == old {
        session.finish()?;
        writeln!(
            ctx.out,
            "Nothing to change: #{id} {}.",
            if on.is_some() { "is already planned for that day and place" } else { "has no plan" }
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let what = if on.is_some() { "planned" } else { "cleared the plan of" };
    session.commit(&[Change::EditRung(rung.clone())], &format!("{what} rung {id}"))?;
    match rung.planned {
        Some(day) => writeln!(
            ctx.out,
            "{} #{id} {}{}: {}.",
            ctx.paint.bold("Planned"),
            shown::line(&rung.ask),
            shown::line(&render::mend::person(&rung)),
            shown::line(&render::when_planned(&rung, day, ctx.now.date_naive()))
        )?,
        None => writeln!(ctx.out, "{} the plan for #{id} {}.", ctx.paint.bold("Cleared"), shown::line(&rung.ask))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn agenda(ctx: &mut Ctx, args: &AgendaArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let mut ladder = super::read(ctx)?;
    if !as_json {
        super::shown_to_person(&mut ladder);
    }
    let mut planned: Vec<&Rung> = ladder.rungs.iter().filter(|r| r.planned.is_some()).collect();
    planned.sort_by_key(|r| (r.planned, r.id));
    let today = ctx.now.date_naive();
    if as_json {
        print_json(ctx, &json::agenda(&planned, today))?;
    } else {
        write!(ctx.out, "{}", render::agenda(&planned, today, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}
