//! What `add`, `edit`, `rm` and `split` say.

use super::twin_refused;
use crate::model::Rung;
use crate::model::shown;
use crate::output::render::{self, Paint, mend};

/// Where a new rung went: "at stakes 35, between #2 … and #3 …".
pub(super) fn placed(stakes: u8, below: Option<&Rung>, above: Option<&Rung>) -> String {
    format!("at stakes {stakes}, {}", shown::line(&render::placement(below, above)))
}

/// `add`: the rung added and where it went, with the nudge for a vague ask if one is due.
pub fn added(id: u32, stakes: u8, (below, above): (Option<&Rung>, Option<&Rung>), paint: Paint) -> String {
    format!("{} #{id} {}.\n", paint.bold("Added"), placed(stakes, below, above))
}

/// `split`: the easier step added before the harder rung (named once when it lands just below it, as it
/// nearly always does).
pub fn split(id: u32, stakes: u8, (below, above): (Option<&Rung>, Option<&Rung>), hard: &Rung, paint: Paint) -> String {
    let subject = mend::subject(hard);
    let hard_named = shown::line(&subject);
    if above.is_some_and(|above| above.uid == hard.uid) {
        return format!(
            "{} #{id} at stakes {stakes}, just below {hard_named} ({}): an easier step before it.\n",
            paint.bold("Added"),
            hard.stakes
        );
    }
    format!(
        "{} #{id} {}: an easier step before {hard_named} (stakes {}).\n",
        paint.bold("Added"),
        placed(stakes, below, above),
        hard.stakes
    )
}

/// "stakes 40 → 35", "ask “Ask Sam” → “Ask Sam today”": one for each field that changed, texts quoted.
pub fn rung_changes(old: &Rung, new: &Rung) -> Vec<String> {
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

/// `edit` when nothing changed: the values given were the rung's already, or none were given.
pub fn edit_unchanged(id: u32, given: bool) -> String {
    let why = if given { "it already has those values" } else { "give a new value, such as --stakes 35" };
    format!("Nothing to change on #{id}: {why}.\n")
}

/// `edit`: the rung changed (named by its ask unless the ask is what changed), and each change, old → new.
pub fn edited(old: &Rung, new: &Rung, changes: &[String], paint: Paint) -> String {
    let named = if new.ask == old.ask { mend::subject(new) } else { format!("#{}", new.id) };
    format!("{} {}: {}.\n", paint.bold("Changed"), shown::line(&named), shown::line(&changes.join("; ")))
}

/// `rm`: the rung removed, with how many attempts went with it.
pub fn removed(rung: &Rung, attempts: usize, paint: Paint) -> String {
    let (taken, back) = removed_taken(attempts);
    format!(
        "{} #{} \u{201c}{}\u{201d}{taken}. (`ladder undo` brings {back} back.)\n",
        paint.bold("Removed"),
        rung.id,
        shown::line(&rung.ask)
    )
}

/// " and its 3 attempts" (or nothing), and what `undo` brings back: the words `rm` says and keeps in its history.
pub(super) fn removed_taken(attempts: usize) -> (String, &'static str) {
    match attempts {
        0 => (String::new(), "it"),
        n => (format!(" and its {}", render::counted(n, "attempt")), "them"),
    }
}

/// `add --idea` with an ID the bank does not have.
pub fn no_idea(id: u32) -> String {
    format!("there is no idea with ID {id}; `ladder ideas` lists them")
}

/// `add` with neither stakes nor an idea that brings its own.
pub const GIVE_STAKES: &str = "give the stakes: --stakes N";

/// `add --idea` for an idea already on the ladder.
pub fn idea_on_ladder(rung: u32) -> String {
    format!("that idea is already on your ladder as #{rung}")
}

/// `add` of a rung with the same words as one on the ladder.
pub fn twin_not_added(twin: &Rung) -> String {
    twin_refused(twin, "nothing was added", "To add a second rung with these words anyway, add --anyway.")
}

/// `split` with stakes not below the harder rung's.
pub fn split_not_easier(id: u32, hard: u8, stakes: u8) -> String {
    format!(
        "an easier step needs stakes below #{id}'s {hard}, not {stakes}; nothing was added (ladder split {id} \"...\" --stakes N)"
    )
}

/// `import` ran out of IDs for `what` ("rung", "attempt").
pub fn import_ran_out(what: &str) -> String {
    format!(
        "no {what} ID is left: the file already uses {}, the highest ladder can give; nothing was imported",
        u32::MAX
    )
}

/// `import -` asks for the worksheet, when standard input is a terminal.
/// `import` of a worksheet over its limit (64 MiB), said after its name.
pub const WORKSHEET_TOO_LARGE: &str = "it is larger than 64 MiB, more than any worksheet should hold";

pub const PASTE_WORKSHEET: &str = "Paste or type the worksheet, then press Ctrl-D on a line of its own:";
