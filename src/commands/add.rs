use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::Ctx;
use crate::ladder::{Change, MAX_SHORT_TEXT, Rung, check_text};
use crate::plan;
use crate::store::Session;

pub fn run(ctx: &mut Ctx, ask: &str, stakes: u8, who: Option<String>, tags: Vec<String>) -> Result<ExitCode> {
    let short = |text: &str, what: &str| check_text(text, what, MAX_SHORT_TEXT).map_err(|e| anyhow!(e));
    let ask = short(ask, "ask")?;
    let who = who.map(|w| short(&w, "name")).transpose()?;
    let mut checked_tags: Vec<String> = Vec::new();
    for tag in tags {
        let tag = short(&tag, "tag")?;
        if !checked_tags.contains(&tag) {
            checked_tags.push(tag);
        }
    }
    let session = Session::open(&ctx.location.path)?;
    let id = session.ladder().next_rung_id();
    let rung = Rung { id, ask, stakes, who, tags: checked_tags, created: Some(ctx.now.date_naive()) };
    let ladder = session.commit(&Change::AddRung(rung), &format!("added rung {id}"))?;
    let states = plan::survey(&ladder);
    let place = states.iter().position(|s| s.rung.id == id).map_or(0, |i| i + 1);
    writeln!(
        ctx.out,
        "{} #{id} at stakes {stakes}: rung {place} of {} by stakes.",
        ctx.paint.bold("Added"),
        states.len()
    )?;
    if let Some(next) = plan::next(&states) {
        writeln!(ctx.out, "{} #{} {}", ctx.paint.bold("Next:"), next.rung.id, next.rung.ask)?;
    }
    Ok(ExitCode::SUCCESS)
}
