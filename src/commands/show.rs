//! The read-only views: `next`, `list`, `log` and `progress`. They take no lock and create nothing.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{Ctx, print_json, read_shown, shown_if};
use crate::cli::{ListArgs, LogArgs, NextArgs, ProgressArgs};
use crate::error::{Error, Result, Thing};
use crate::model::{Ladder, shown};
use crate::output::{json, list_json};
use crate::output::{render, say};
use crate::rules::care::{self, Step};
use crate::rules::{hints, plan};
use crate::store::{
    self,
    cache::{self, Quick},
};

pub fn next(ctx: &mut Ctx, args: &NextArgs) -> Result<ExitCode> {
    let NextArgs { json: as_json, quiet, review } = *args;
    if !quiet {
        let view = format!("next json={as_json} review={review} {:?}", ctx.paint);
        return remembered(ctx, &view, !as_json, |ctx, ladder, out| next_view(ctx, ladder, args, out));
    }
    // The prompt's path: an up-to-date snapshot already knows the answer for most moments (see `Quick`); at
    // others the ladder is read from the snapshot; one out of date is not looked at again.
    let ladder = if review {
        read_shown(ctx, true)?
    } else {
        let quick = store::quick(&ctx.location);
        match quick.as_ref().map(|quick| quick.at(ctx.now)) {
            Some(Some(answer)) => {
                let Some(ask) = answer else { return Ok(ExitCode::from(1)) };
                super::say(ctx, &say::line(&shown::line(ask)))?;
                return Ok(ExitCode::SUCCESS);
            }
            Some(None) => read_shown(ctx, true)?,
            None => shown_if(super::or_new(ctx, store::read_afresh(&ctx.location)?)?, true),
        }
    };
    let mut out = Vec::new();
    let code = next_view(ctx, &ladder, args, &mut out)?;
    ctx.out.write_all(&out)?;
    Ok(ExitCode::from(code))
}

/// What `next` prints on the ladder, into `out`, and its exit code.
fn next_view(ctx: &Ctx, ladder: &Ladder, args: &NextArgs, out: &mut Vec<u8>) -> Result<u8> {
    let NextArgs { json: as_json, quiet, review } = *args;
    // Sentences for a person are folded to the terminal's width (`render::prose`); the JSON and `-q`'s ask are not.
    let width = if as_json || quiet { None } else { ctx.paint.width };
    let mut say = |text: &str| out.extend_from_slice(render::prose::wrap(text, width).as_bytes());
    let states = plan::survey(ladder);
    let step = if review {
        Step { state: plan::review(&states), down: false, resting: Vec::new(), any_time: Vec::new() }
    } else {
        care::step(ladder, &states, ctx.now)
    };
    let Some(state) = step.state else {
        if quiet {
            // Nothing at all: a prompt shows no step rather than a sentence.
        } else if as_json {
            say(say::NULL);
        } else if review {
            say(render::NOTHING_TO_REVIEW);
        } else if !step.resting.is_empty() {
            say(&render::care::nothing_offered(&step, &states, ladder));
        } else {
            say(&render::nothing_next(ladder));
        }
        return Ok(1);
    };
    if quiet {
        say(&say::line(&state.rung.ask));
        return Ok(0);
    }
    // A review is a victory lap, and a step down a rest: the hints are for the climb.
    let hints = if review || step.down { Vec::new() } else { hints::hints(ladder, &states, state) };
    if as_json {
        json::write(out, &json::next(state, &step, &hints, &ladder.settings, ctx.now.date_naive()))?;
    } else if review {
        say(&render::review(state, ctx.paint));
    } else {
        let today = ctx.now.date_naive();
        say(&render::next(state, &step, &hints, &ladder.settings, today, ctx.paint));
        if let Some(n) = plan::settled(&states) {
            say(&say::line(&render::settled(n)));
        }
        if let n @ 1.. = crate::rules::merge::conflicts_now(ladder).len() {
            say(&say::conflicts_waiting(n));
        }
    }
    Ok(0)
}

/// A read command's view, printed from what it printed before when that holds for the file as it is now and
/// for this moment (see `store::cache::Shown`), else worked out from the ladder (`show`) and kept for next
/// time. Conflict copies waiting beside the ladder are looked for afresh either way.
fn remembered(
    ctx: &mut Ctx,
    view: &str,
    for_person: bool,
    show: impl FnOnce(&Ctx, &Ladder, &mut Vec<u8>) -> Result<u8>,
) -> Result<ExitCode> {
    let file = match store::shown(&ctx.location, view, ctx.now) {
        store::Seen::Shown(shown) => {
            super::mention_waiting(ctx);
            ctx.out.write_all(shown.text.as_bytes())?;
            return Ok(ExitCode::from(shown.code));
        }
        store::Seen::Unseen(file) => file,
    };
    let (found, file) = store::read_known(&ctx.location, file)?;
    let ladder = shown_if(super::or_new(ctx, found)?, for_person);
    super::mention_waiting(ctx);
    let mut out = Vec::new();
    let code = show(ctx, &ladder, &mut out)?;
    ctx.out.write_all(&out)?;
    // What the views write is text (`String`s and JSON): kept as text.
    if let (Some(file), Ok(text)) = (file, String::from_utf8(out)) {
        let (from, until) = holds(&ladder, ctx.now);
        let offset = ctx.now.offset().local_minus_utc();
        store::keep_shown(
            &ctx.location,
            file,
            cache::Shown { view: view.to_string(), from, until, offset, code, text },
        );
    }
    Ok(ExitCode::from(code))
}

/// The stretch of time around `now` (seconds since 1970, from and until) through which `next` and `progress`
/// print the same for the ladder: they read the clock only as today's date (and its week) seen from `now`'s
/// UTC offset, and as what `next` offers, which changes only when a rest begins or ends (`care::rest_ends`).
fn holds(ladder: &Ladder, now: DateTime<FixedOffset>) -> (i64, i64) {
    let offset = i64::from(now.offset().local_minus_utc());
    let midnight = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc().timestamp() - offset;
    let (mut from, mut until) = (midnight, midnight + 24 * 60 * 60);
    let ends = care::rest_ends(ladder);
    let i = ends.partition_point(|end| *end <= now);
    if let Some(end) = i.checked_sub(1).and_then(|j| ends.get(j)) {
        from = from.max(end.timestamp());
    }
    if let Some(end) = ends.get(i) {
        until = until.min(end.timestamp());
    }
    (from, until)
}

pub fn list(ctx: &mut Ctx, args: &ListArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = read_shown(ctx, !as_json)?;
    super::mention_waiting(ctx);
    let states = plan::survey(&ladder);
    if as_json {
        list_json::write(ctx.out, &states)?;
    } else {
        super::say(ctx, &render::list(&states, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn log(ctx: &mut Ctx, args: &LogArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = read_shown(ctx, !as_json)?;
    let rung = args.id.as_ref().map(|given| super::rung_id(&ladder, given, ctx.now.date_naive())).transpose()?;
    if let Some(id) = rung {
        ladder.rung(id).ok_or(Error::NoSuch(Thing::Rung, id))?;
    }
    let mut attempts: Vec<_> = ladder.attempts.iter().filter(|a| rung.is_none_or(|id| a.rung == id)).collect();
    attempts.sort_by_key(|a| std::cmp::Reverse((a.at, a.id)));
    if as_json {
        print_json(ctx, &json::log(&ladder, &attempts))?;
    } else {
        super::say(ctx, &render::log(&ladder, &attempts, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn progress(ctx: &mut Ctx, args: &ProgressArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let view = format!("progress json={as_json} {:?}", ctx.paint);
    remembered(ctx, &view, !as_json, |ctx, ladder, out| {
        let states = plan::survey(ladder);
        if as_json {
            json::write(out, &json::progress(ladder, &states, ctx.now))?;
        } else {
            let text = render::progress(ladder, &states, ctx.now, ctx.paint);
            out.extend_from_slice(render::prose::wrap(&text, ctx.paint.width).as_bytes());
        }
        Ok(0)
    })
}

/// The answers a snapshot keeps for `next -q` (see `store::cache::Quick`): what `next` offers through the
/// stretch of time holding `now` (a prompt is read after the snapshot is made), a few after it, and the last.
pub fn quick_answers(ladder: &Ladder, now: DateTime<FixedOffset>) -> Quick {
    let seconds = |moment: Option<DateTime<FixedOffset>>| moment.map(|m| m.timestamp());
    let stretches = care::offers_from(ladder, Some(now), cache::MORE_STRETCHES)
        .into_iter()
        .map(|s| (seconds(s.from), seconds(s.until), s.rung.map(|r| r.ask.clone())))
        .collect();
    Quick::new(stretches)
}
