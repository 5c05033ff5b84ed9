//! The read-only views: `next`, `list`, `log` and `progress`. They take no lock and create nothing.

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{Ctx, ReadLadder, print_buffered, print_json, shown_to_person};
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

/// The ladder, with its text made safe to show when it is for a person rather than for `--json`.
fn load(ctx: &Ctx, for_person: bool) -> Result<ReadLadder> {
    Ok(shown_if(super::read(ctx)?, for_person))
}

fn shown_if(mut ladder: ReadLadder, for_person: bool) -> ReadLadder {
    if for_person {
        shown_to_person(&mut ladder);
    }
    ladder
}

pub fn next(ctx: &mut Ctx, args: &NextArgs) -> Result<ExitCode> {
    let NextArgs { json: as_json, quiet, review } = *args;
    // The prompt's path: an up-to-date snapshot already knows the answer for most moments (see `Quick`); at
    // others the ladder is read from the snapshot; one out of date is not looked at again.
    let ladder = if quiet && !review {
        let quick = store::quick(&ctx.location);
        match quick.as_ref().map(|quick| quick.at(ctx.now)) {
            Some(Some(answer)) => {
                let Some(ask) = answer else { return Ok(ExitCode::from(1)) };
                super::say(ctx, &say::ask_alone(&shown::line(ask)))?;
                return Ok(ExitCode::SUCCESS);
            }
            Some(None) => load(ctx, true)?,
            None => shown_if(super::or_new(ctx, store::read_afresh(&ctx.location)?)?, true),
        }
    } else {
        load(ctx, quiet || !as_json)?
    };
    if !quiet {
        super::mention_waiting(ctx);
    }
    let states = plan::survey(&ladder);
    let step = if review {
        Step { state: plan::review(&states), down: false, resting: Vec::new(), any_time: Vec::new() }
    } else {
        care::step(&ladder, &states, ctx.now)
    };
    let Some(state) = step.state else {
        if quiet {
            // Nothing at all: a prompt shows no step rather than a sentence.
        } else if as_json {
            super::say(ctx, say::NULL)?;
        } else if review {
            super::say(ctx, render::NOTHING_TO_REVIEW)?;
        } else if !step.resting.is_empty() {
            super::say(ctx, &render::care::nothing_offered(&step, &states, &ladder))?;
        } else {
            super::say(ctx, &render::nothing_next(&ladder))?;
        }
        return Ok(ExitCode::from(1));
    };
    if quiet {
        super::say(ctx, &say::ask_alone(&state.rung.ask))?;
        return Ok(ExitCode::SUCCESS);
    }
    // A review is a victory lap, and a step down a rest: the hints are for the climb.
    let hints = if review || step.down { Vec::new() } else { hints::hints(&ladder, &states, state) };
    if as_json {
        print_json(ctx, &json::next(state, &step, &hints, &ladder.settings, ctx.now.date_naive()))?;
    } else if review {
        super::say(ctx, &render::review(state, ctx.paint))?;
    } else {
        let today = ctx.now.date_naive();
        super::say(ctx, &render::next(state, &step, &hints, &ladder.settings, today, ctx.paint))?;
        if let Some(n) = plan::settled(&states) {
            super::say(ctx, &say::settled(n))?;
        }
        if let n @ 1.. = ladder.conflicts.iter().filter(|c| c.sets_aside_something()).count() {
            super::say(ctx, &say::conflicts_waiting(n))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(ctx: &mut Ctx, args: &ListArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = load(ctx, !as_json)?;
    super::mention_waiting(ctx);
    let states = plan::survey(&ladder);
    if as_json {
        print_buffered(ctx, |out| list_json::write(out, &states))?;
    } else {
        super::say(ctx, &render::list(&states, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn log(ctx: &mut Ctx, args: &LogArgs) -> Result<ExitCode> {
    let as_json = args.json;
    let ladder = load(ctx, !as_json)?;
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
    let ladder = load(ctx, !as_json)?;
    super::mention_waiting(ctx);
    let states = plan::survey(&ladder);
    if as_json {
        print_json(ctx, &json::progress(&ladder, &states, ctx.now))?;
    } else {
        super::say(ctx, &render::progress(&ladder, &states, ctx.now, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
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
