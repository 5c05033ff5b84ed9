//! `report`, `progress --chart` and `agenda --ics`: the ladder shown to someone else, or drawn.

use std::process::ExitCode;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use super::Ctx;
use crate::cli::{AgendaArgs, NamesArg, ReportArgs, Since};
use crate::error::{Error, Result};
use crate::model::Ladder;
use crate::output::report::{self, Names};
use crate::output::say;
use crate::rules::plan;
use crate::store;
use crate::store::reported::Reported;

/// A report covers, unless `--since` says otherwise, the days since the last report written before today (from the
/// day it was written, so that what was done later that day is not lost; reports written today do not move it,
/// whatever their `--since`, so that one written again the same day covers what the first did), or since the
/// ladder began when that is later or there was none. `--since last` is that same day.
pub fn report(ctx: &mut Ctx, args: &ReportArgs) -> Result<ExitCode> {
    let today = ctx.now.date_naive();
    let names = match args.names {
        NamesArg::Full => Names::Full,
        NamesArg::Initials => Names::Initials,
        NamesArg::None => Names::None,
    };
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let reported = store::reported::read(&ctx.location);
    let last = reported.and_then(|r| r.last(today));
    let since = match args.since {
        Some(Since::Day(day)) => day.on(today),
        Some(Since::Weeks(n)) => {
            plan::week_of(ctx.now, *ctx.now.offset()) - Days::new(7 * u64::from(n.saturating_sub(1)))
        }
        Some(Since::Last) => match last {
            Some(day) => day,
            None if reported.is_some() => return Err(Error::said(say::NO_REPORT_BEFORE_TODAY)),
            None => return Err(Error::said(say::NO_REPORT_YET)),
        },
        None => last.map_or(began(&ladder, ctx), |day| day.max(began(&ladder, ctx))),
    };
    if since > today {
        return Err(Error::said(say::report_in_future(since)));
    }
    let html = report::report(&ladder, since, names, ctx.now);
    let code = super::shell::write_output(ctx, &html, args.output.as_deref())?;
    if let Err(err) = store::reported::write(&ctx.location, Reported::then(reported, today)) {
        crate::output::note(&say::report_not_remembered(&say::error::os_words(&err)));
    }
    Ok(code)
}

/// The day the ladder began: its first rung's, attempt's, hesitation's or gift's, or today for an empty one.
fn began(ladder: &Ladder, ctx: &Ctx) -> NaiveDate {
    let day = |at: DateTime<FixedOffset>| at.with_timezone(ctx.now.offset()).date_naive();
    (ladder.rungs.iter().filter_map(|r| r.created))
        .chain(ladder.attempts.iter().map(|a| day(a.at)))
        .chain(ladder.hesitations.iter().map(|h| day(h.at)))
        .chain(ladder.gifts.iter().map(|g| day(g.at)))
        .min()
        .unwrap_or(ctx.now.date_naive())
        .min(ctx.now.date_naive())
}

/// `ladder agenda --ics`.
pub fn calendar(ctx: &mut Ctx, args: &AgendaArgs) -> Result<ExitCode> {
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let sent = store::exported::read(&ctx.location);
    let (ics, events) = report::calendar(&ladder, args.with_names, ctx.now, &sent);
    let code = super::shell::write_output(ctx, &ics, args.output.as_deref())?;
    // Remembered once written, so that the next export cancels what this one held and is no longer planned.
    if let Err(err) = store::exported::write(&ctx.location, &events) {
        crate::output::note(&say::calendar_not_remembered(&say::error::os_words(&err)));
    }
    Ok(code)
}

pub fn chart(ctx: &mut Ctx) -> Result<ExitCode> {
    let ladder = store::read(&ctx.location)?.unwrap_or_default();
    let width = ctx.paint.width.map_or(80, usize::from);
    super::say(ctx, &report::distress_charts(&ladder, width, ctx.now.date_naive(), ctx.paint))?;
    Ok(ExitCode::SUCCESS)
}
