//! The read-only views: `next`, `list` and `progress`. They take no lock and create nothing.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use crate::ladder::Ladder;
use crate::plan;
use crate::render;
use crate::store;

fn load(ctx: &Ctx) -> Result<Ladder> {
    Ok(store::read(&ctx.location.path)?.unwrap_or_default())
}

fn json(ctx: &mut Ctx, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *ctx.out, value)?;
    writeln!(ctx.out)?;
    Ok(())
}

pub fn next(ctx: &mut Ctx, as_json: bool, quiet: bool) -> Result<ExitCode> {
    let ladder = load(ctx)?;
    let states = plan::survey(&ladder);
    let Some(state) = plan::next(&states) else {
        if quiet {
            // Nothing at all: a prompt shows no step rather than a sentence.
        } else if as_json {
            writeln!(ctx.out, "null")?;
        } else {
            write!(ctx.out, "{}", render::nothing_next(&ladder))?;
        }
        return Ok(ExitCode::from(1));
    };
    if quiet {
        writeln!(ctx.out, "{}", state.rung.ask)?;
    } else if as_json {
        json(ctx, &render::next_json(state, &ladder.settings))?;
    } else {
        write!(ctx.out, "{}", render::next(state, &ladder.settings, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(ctx: &mut Ctx, as_json: bool) -> Result<ExitCode> {
    let ladder = load(ctx)?;
    let states = plan::survey(&ladder);
    if as_json {
        json(ctx, &render::list_json(&states))?;
    } else {
        write!(ctx.out, "{}", render::list(&states, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn progress(ctx: &mut Ctx, as_json: bool) -> Result<ExitCode> {
    let ladder = load(ctx)?;
    let states = plan::survey(&ladder);
    if as_json {
        json(ctx, &render::progress_json(&ladder, &states))?;
    } else {
        write!(ctx.out, "{}", render::progress(&ladder, &states, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}
