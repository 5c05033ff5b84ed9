//! `report`, `progress --chart` and `agenda --ics`: the ladder shown to someone else, or drawn.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::{Days, NaiveDate};

use super::Ctx;
use crate::output::report::{self, Names};
use crate::rules::plan;
use crate::store;

/// The period a report covers when `--since` is not given: this week and the three before it, a month of
/// practice in whole weeks, so that the weekly rhythm compares like with like.
const DEFAULT_WEEKS: u64 = 4;

pub fn report(ctx: &mut Ctx, since: Option<NaiveDate>, output: Option<&Path>, names: Names) -> Result<ExitCode> {
    let today = ctx.now.date_naive();
    let since = since.unwrap_or_else(|| plan::week_of(ctx.now, *ctx.now.offset()) - Days::new(7 * (DEFAULT_WEEKS - 1)));
    if since > today {
        bail!("{since} is in the future; a report covers days that have happened");
    }
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let html = report::report(&ladder, since, names, ctx.now);
    super::shell::write_output(ctx, &html, output)
}

pub fn calendar(ctx: &mut Ctx, output: Option<&Path>, with_names: bool) -> Result<ExitCode> {
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let sent = store::exported::read(&ctx.location);
    let (ics, events) = report::calendar(&ladder, with_names, ctx.now, &sent);
    let code = super::shell::write_output(ctx, &ics, output)?;
    // Remembered once written, so that the next export cancels what this one held and is no longer planned.
    if let Err(err) = store::exported::write(&ctx.location, &events) {
        store::note(&format!(
            "ladder: warning: could not remember which asks this calendar holds ({}); the next export cannot \
             cancel those whose plan is gone",
            store::private::words(&err)
        ));
    }
    Ok(code)
}

pub fn chart(ctx: &mut Ctx) -> Result<ExitCode> {
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let width = ctx.paint.width.map_or(80, usize::from);
    write!(ctx.out, "{}", report::distress_charts(&ladder, width, ctx.now.date_naive(), ctx.paint))?;
    Ok(ExitCode::SUCCESS)
}
