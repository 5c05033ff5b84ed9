use std::process::ExitCode;

use super::Ctx;
use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::file::edit;
use crate::model::Ladder;
use crate::output::say;
use crate::store::Session;

/// The starter ladder, the same text as `examples/asking-for-help.toml`.
pub const EXAMPLE: &str = include_str!("../../examples/asking-for-help.toml");

pub fn run(ctx: &mut Ctx, args: &InitArgs) -> Result<ExitCode> {
    let path = &ctx.location.path;
    let session = Session::open(&ctx.location, ctx.now)?;
    if session.only_copies() {
        return Err(Error::said(say::init_only_copies(path)));
    }
    if session.exists() {
        return Err(Error::said(say::init_exists(path)));
    }
    let text = if args.example { example_text(ctx.now.date_naive())? } else { edit::new_file() };
    session.write(&text, say::change::CREATED)?;
    let rungs = Ladder::parse(&text).map_or(0, |l| l.rungs.len());
    let created = say::created(path, rungs);
    super::prose(ctx, &created)?;
    Ok(ExitCode::SUCCESS)
}

/// The starter ladder with a fresh random uid for each rung: two people's ladders (and their calendar
/// exports) never share one. Only a version-1 file's derived uids are the same everywhere, on purpose. Each
/// rung was added `today`.
fn example_text(today: chrono::NaiveDate) -> Result<String> {
    let (mut ladder, _) = Ladder::parse_file(EXAMPLE).map_err(|err| Error::said(err.why.to_string()))?;
    for rung in &mut ladder.rungs {
        rung.uid = crate::store::new_uid();
    }
    let text = edit::upgrade(EXAMPLE, &ladder).map_err(|why| Error::said(why.to_string()))?;
    edit::stamp_created(&text, today).map_err(|why| Error::said(why.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::plan;

    #[test]
    fn the_starter_ladder_climbs_gently() {
        let ladder = Ladder::parse(EXAMPLE).unwrap();
        assert!((12..=16).contains(&ladder.rungs.len()));
        let stakes: Vec<u8> = plan::survey(&ladder).iter().map(|s| s.rung.stakes).collect();
        assert!(stakes.windows(2).all(|w| (5..=10).contains(&(w[1] - w[0]))), "{stakes:?}");
        assert!(ladder.attempts.is_empty());
    }
}
