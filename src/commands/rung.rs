//! `edit`, `rm` and `split`: change a rung in place, take it off the ladder, or add an easier step before it.

use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::{Ctx, short_text};
use crate::cli::{EditArgs, RmArgs, SplitArgs};
use crate::model::{Change, Ladder, Rung};
use crate::output::{render, say};
use crate::rules::hard;
use crate::store::Session;

fn find(ladder: &Ladder, id: u32) -> Result<Rung> {
    ladder.rung(id).cloned().ok_or_else(|| anyhow!(say::no_rung(id)))
}

/// An optional text where "" means "none".
fn clearable(text: &str, what: &str) -> Result<Option<String>> {
    if text.trim().is_empty() { Ok(None) } else { short_text(text, what).map(Some) }
}

/// `ladder edit`: each field given replaces the rung's; one not given stays as it is.
pub fn edit(ctx: &mut Ctx, args: &EditArgs) -> Result<ExitCode> {
    let (edits, fields) = (args, &args.rung);
    let session = Session::open(&ctx.location, ctx.now)?;
    let id = super::rung_id(session.ladder(), &args.id, ctx.now.date_naive())?;
    let old = find(session.ladder(), id)?;
    let mut rung = old.clone();
    if let Some(ask) = &edits.ask {
        rung.ask = short_text(ask, "ask")?;
    }
    if let Some(stakes) = edits.stakes {
        rung.stakes = stakes;
    }
    if let Some(who) = &fields.who {
        rung.who = clearable(who, "name")?;
    }
    if !fields.tags.is_empty() {
        rung.tags = super::tags(fields.tags.iter().filter(|t| !t.trim().is_empty()).cloned())?;
    }
    if let Some(fear) = &fields.fear {
        rung.fear = clearable(fear, "fear")?;
    }
    if let Some(chance) = fields.chance {
        rung.chance = Some(chance);
    }
    if !fields.safety.is_empty() {
        rung.safety = super::texts(fields.safety.iter().filter(|t| !t.trim().is_empty()).cloned(), "safety behaviour")?;
    }
    let changes = differences(&old, &rung);
    if changes.is_empty() {
        // Values given that it already has want a different answer from no values at all.
        let given = edits.ask.is_some()
            || edits.stakes.is_some()
            || fields.who.is_some()
            || !fields.tags.is_empty()
            || fields.fear.is_some()
            || fields.chance.is_some()
            || !fields.safety.is_empty();
        session.finish()?;
        super::say(ctx, &say::edit_unchanged(id, given))?;
        return Ok(ExitCode::SUCCESS);
    }
    let edited = say::edited(&old, &rung, &changes, ctx.paint);
    session.commit(&[Change::EditRung(rung)], &format!("changed rung {id}"))?;
    super::say(ctx, &edited)?;
    Ok(ExitCode::SUCCESS)
}

/// "stakes 40 → 35", "ask “Ask Sam” → “Ask Sam today”": one for each field that changed, texts quoted.
fn differences(old: &Rung, new: &Rung) -> Vec<String> {
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let text = |v: Option<&String>| v.map(|t| render::quoted(t));
    let tags = |r: &Rung| {
        Some(r.tags.iter().map(|t| render::quoted(t)).collect::<Vec<_>>().join(", ")).filter(|t| !t.is_empty())
    };
    let fields = [
        ("ask", text(Some(&old.ask)), text(Some(&new.ask))),
        ("stakes", Some(old.stakes.to_string()), Some(new.stakes.to_string())),
        ("who", text(old.who.as_ref()), text(new.who.as_ref())),
        ("tags", tags(old), tags(new)),
        ("fear", text(old.fear.as_ref()), text(new.fear.as_ref())),
        ("chance", old.chance.map(|c| format!("{c}%")), new.chance.map(|c| format!("{c}%"))),
        (
            "safety behaviours",
            Some(old.safety.join(", ")).filter(|t| !t.is_empty()),
            Some(new.safety.join(", ")).filter(|t| !t.is_empty()),
        ),
    ];
    fields
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(name, a, b)| format!("{name} {} → {}", show(a), show(b)))
        .collect()
}

pub fn remove(ctx: &mut Ctx, args: &RmArgs) -> Result<ExitCode> {
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::rung_id(ladder, &args.id, ctx.now.date_naive())?;
    let rung = find(ladder, id)?;
    let attempts = ladder.attempts.iter().filter(|a| a.rung == id).count();
    let removal = ladder.removal(id);
    let (taken, _) = say::removed_taken(attempts);
    session.commit(&[removal], &format!("removed rung {id}{taken}"))?;
    super::say(ctx, &say::removed(&rung, attempts, ctx.paint))?;
    Ok(ExitCode::SUCCESS)
}

/// `ladder split`: an easier step before a rung that was harder than planned, linked to it (`before`).
pub fn split(ctx: &mut Ctx, args: &SplitArgs) -> Result<ExitCode> {
    let ask = short_text(&args.ask.join(" "), "ask")?;
    let who = args.who.as_ref().map(|w| short_text(w, "name")).transpose()?;
    let session = Session::open(&ctx.location, ctx.now)?;
    let ladder = session.ladder();
    let id = super::rung_id(ladder, &args.id, ctx.now.date_naive())?;
    let hard = find(ladder, id)?;
    let stakes = args.stakes.unwrap_or_else(|| hard::easier_stakes(ladder, &hard));
    if stakes >= hard.stakes {
        anyhow::bail!(
            "an easier step needs stakes below #{id}'s {}, not {stakes}; nothing was added (ladder split {id} \"...\" --stakes N)",
            hard.stakes
        );
    }
    let new_id = super::new_id(ladder.next_rung_id(), "rung")?;
    let rung = Rung {
        who,
        created: Some(ctx.now.date_naive()),
        before: Some(hard.uid.clone()),
        ..Rung::new(new_id, ask, stakes)
    };
    let added = say::split(new_id, stakes, crate::rules::plan::neighbours(&ladder.rungs, stakes), &hard, ctx.paint);
    let ladder =
        super::keep(session.commit(&[Change::AddRung(rung)], &format!("added rung {new_id} before rung {id}"))?);
    super::say(ctx, &added)?;
    if let Some(next) = crate::rules::care::next_rung(&ladder, ctx.now) {
        super::say(ctx, &say::next_rung(next, ctx.paint))?;
    }
    Ok(ExitCode::SUCCESS)
}
