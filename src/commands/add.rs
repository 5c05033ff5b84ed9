use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use super::{Ctx, short_text, tags};
use crate::model::shown;
use crate::model::{Change, Rung};
use crate::output::render;
use crate::rules::ideas;
use crate::rules::{asks, care, plan};
use crate::store::Session;

pub struct Input {
    pub ask: String,
    pub stakes: Option<u8>,
    pub idea: Option<u32>,
    pub who: Option<String>,
    pub tags: Vec<String>,
    pub fear: Option<String>,
    pub chance: Option<u8>,
    pub safety: Vec<String>,
    /// Add it even when a rung with the same words is on the ladder.
    pub anyway: bool,
}

pub fn run(ctx: &mut Ctx, input: Input) -> Result<ExitCode> {
    let idea = input
        .idea
        .map(|id| ideas::find(id).ok_or_else(|| anyhow!("there is no idea with ID {id}; `ladder ideas` lists them")))
        .transpose()?;
    let ask = short_text(idea.map_or(input.ask.as_str(), |i| i.ask.as_str()), "ask")?;
    // clap asks for --stakes unless an idea brings its own.
    let stakes = input.stakes.or(idea.map(|i| i.stakes)).ok_or_else(|| anyhow!("give the stakes: --stakes N"))?;
    let who = input.who.map(|w| short_text(&w, "name")).transpose()?;
    let fear = input.fear.map(|f| short_text(&f, "fear")).transpose()?;
    let tags = tags(idea.map(|i| i.tag.clone()).into_iter().chain(input.tags))?;
    let safety = super::texts(input.safety, "safety behaviour")?;
    let session = Session::open(&ctx.location, ctx.now)?;
    super::note_new_file(ctx, &session);
    let before = session.ladder();
    if let Some(rung) = idea.and_then(|i| ideas::on_ladder(before, i)) {
        bail!("that idea is already on your ladder as #{rung}");
    }
    let twin = asks::twin(&before.rungs, &ask);
    if let (Some(twin), false) = (twin, input.anyway) {
        let anyway = "To add a second rung with these words anyway, add --anyway.";
        bail!("{}", shown::line(&render::twin_refused(twin, "nothing was added", anyway)));
    }
    let id = super::new_id(before.next_rung_id(), "rung")?;
    let created = Some(ctx.now.date_naive());
    // Said after the rung is added: a nudge for a vague ask.
    let word = twin.is_none().then(|| asks::vague(&ask, who.as_deref()).then(|| render::vague_nudge(id))).flatten();
    let rung = Rung {
        uid: crate::store::new_uid(),
        who,
        tags,
        created,
        fear,
        chance: input.chance,
        safety,
        ..Rung::new(id, ask, stakes)
    };
    let (below, above) = plan::neighbours(&before.rungs, stakes);
    let place = shown::line(&render::placement(below, above)).into_owned();
    let ladder = super::keep(session.commit(&[Change::AddRung(rung)], &format!("added rung {id}"))?);
    writeln!(ctx.out, "{} #{id} at stakes {stakes}, {place}.", ctx.paint.bold("Added"))?;
    if let Some(word) = word {
        writeln!(ctx.out, "{word}")?;
    }
    if let Some(next) = care::next_rung(&ladder, ctx.now) {
        writeln!(ctx.out, "{} #{} {}", ctx.paint.bold("Next:"), next.id, shown::line(&next.ask))?;
    }
    Ok(ExitCode::SUCCESS)
}
