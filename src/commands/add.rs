use std::process::ExitCode;

use anyhow::Result;

use super::{Ctx, short_text, tags};
use crate::ladder::{Change, Rung};
use crate::plan;
use crate::store::Session;

pub struct Input {
    pub ask: String,
    pub stakes: u8,
    pub who: Option<String>,
    pub tags: Vec<String>,
    pub fear: Option<String>,
    pub chance: Option<u8>,
}

pub fn run(ctx: &mut Ctx, input: Input) -> Result<ExitCode> {
    let ask = short_text(&input.ask, "ask")?;
    let who = input.who.map(|w| short_text(&w, "name")).transpose()?;
    let fear = input.fear.map(|f| short_text(&f, "fear")).transpose()?;
    let tags = tags(input.tags)?;
    let session = Session::open(&ctx.location.path)?;
    let id = session.ladder().next_rung_id();
    let stakes = input.stakes;
    let created = Some(ctx.now.date_naive());
    let rung = Rung { id, ask, stakes, who, tags, created, fear, chance: input.chance };
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
