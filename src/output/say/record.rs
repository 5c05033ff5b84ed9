//! What `done`, `fix`, `forget`, `thank`, `gave`, `plan`, `hesitated` and `promote` say.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::twin_refused;
use crate::model::Rung;
use crate::model::shown;
use crate::output::render::{self, Paint, mend, people};

/// `fix` when nothing changed.
pub fn fix_unchanged(id: u32, given: bool) -> String {
    let why = if given { "it already has those values" } else { "give a new value, such as --date 2026-11-20" };
    format!("Nothing to change on attempt {id}: {why}.\n")
}

/// `fix`: the attempt and each change, old → new (`subject` and `day` as `attempt_subject` and `mend::on_day`).
pub fn fixed(id: u32, subject: &str, day: &str, changes: &[String], paint: Paint) -> String {
    let changes: Vec<String> = changes.iter().map(|c| shown::line(c).into_owned()).collect();
    format!("{} attempt {id}{subject}{day}: {}.\n", paint.bold("Fixed"), changes.join("; "))
}

/// " on #4 “Ask Sam” with Sam", safe to show; "" should the rung be gone.
pub fn attempt_subject(rung: Option<&Rung>) -> String {
    rung.map(|r| format!(" on {}", shown::line(&mend::subject(r)))).unwrap_or_default()
}

/// `forget`: what was forgotten, in the words of `forgot_*`.
pub fn forgot(what: &str, paint: Paint) -> String {
    format!(
        "{} {what}. It stays forgotten on every device you sync with; `ladder undo` brings it back.\n",
        paint.bold("Forgot")
    )
}

/// What `forget` names: "attempt 12 on #4 “Ask Sam”, 3 days ago: no".
pub fn forgot_attempt(id: u32, rung: Option<&Rung>, at: NaiveDate, today: NaiveDate, outcome: &str) -> String {
    format!("attempt {id}{}{}: {outcome}", attempt_subject(rung), mend::on_day(at, today))
}

/// What `forget --hesitation` names.
pub fn forgot_hesitation(id: u32, text: &str, at: NaiveDate, today: NaiveDate) -> String {
    format!("hesitation #{id} {}{}", render::quoted(&shown::line(text)), mend::on_day(at, today))
}

/// What `forget --gift` names.
pub fn forgot_gift(id: u32, to: &str, text: &str, at: NaiveDate, today: NaiveDate) -> String {
    format!(
        "help given {id}, to {}: {}{}",
        shown::line(to),
        render::quoted(&shown::line(text)),
        mend::on_day(at, today)
    )
}

/// `gave`: the help noted, and how the giving and taking with that person stands.
pub fn gave(to: &str, text: &str, at: NaiveDate, today: NaiveDate, balance: Option<&str>, paint: Paint) -> String {
    let mut said = format!(
        "{} you helped {}: {}{}. Giving back keeps a circle strong.\n",
        paint.bold("Noted:"),
        shown::line(to),
        render::quoted(&shown::line(text)),
        mend::on_day(at, today)
    );
    if let Some(line) = balance {
        let _ = writeln!(said, "{}", shown::line(line));
    }
    said
}

/// `thank` on an attempt already thanked.
pub fn already_thanked(id: u32) -> String {
    format!("Attempt {id} is already marked thanked.\n")
}

/// `thank`: the attempt marked, on its rung, and its day. Thanking a helper makes them likelier to help again
/// (Grant & Gino, 2010); after a no there was no help to thank for, but hearing the ask out deserves thanks.
pub fn thanked(
    id: u32,
    rung: Option<&Rung>,
    at: NaiveDate,
    today: NaiveDate,
    who: &str,
    no: bool,
    paint: Paint,
) -> String {
    let on = match rung {
        Some(rung) => format!(" on #{} {}", rung.id, render::quoted(&shown::line(&rung.ask))),
        None => String::new(),
    };
    let thanks = if no {
        format!("you thanked {} for hearing you out. Thanks matter after a no too.", shown::line(who))
    } else {
        format!("you thanked {}. That makes them likelier to help again.", shown::line(who))
    };
    format!("{} attempt {id}{on}{}: {thanks}\n", paint.bold("Marked"), mend::on_day(at, today))
}

/// `plan` when nothing changed.
pub fn plan_unchanged(id: u32, planning: bool) -> String {
    let what = if planning { "is already planned for that day and place" } else { "has no plan" };
    format!("Nothing to change: #{id} {what}.\n")
}

/// `plan`: the rung planned for a day (and place), or its plan cleared.
pub fn planned(rung: &Rung, today: NaiveDate, paint: Paint) -> String {
    match rung.planned {
        Some(day) => format!(
            "{} #{} {}{}: {}.\n",
            paint.bold("Planned"),
            rung.id,
            shown::line(&rung.ask),
            shown::line(&mend::person(rung)),
            shown::line(&people::when_planned(rung, day, today))
        ),
        None => format!("{} the plan for #{} {}.\n", paint.bold("Cleared"), rung.id, shown::line(&rung.ask)),
    }
}

/// `promote --to`: the hesitation attached to a rung.
pub fn attached(id: u32, text: &str, rung: &Rung, paint: Paint) -> String {
    format!(
        "{} hesitation #{id} {} to rung {}.\n",
        paint.bold("Attached"),
        render::quoted(&shown::line(text)),
        shown::line(&mend::subject(rung))
    )
}

/// `promote`: the hesitation made a rung, and where it went.
pub fn promoted(id: u32, text: &str, rung: &Rung, neighbours: (Option<&Rung>, Option<&Rung>), paint: Paint) -> String {
    format!(
        "{} hesitation #{id} {} to rung #{}{} {}.\n",
        paint.bold("Promoted"),
        render::quoted(&shown::line(text)),
        rung.id,
        shown::line(&mend::person(rung)),
        super::rung::placed(rung.stakes, neighbours.0, neighbours.1)
    )
}

/// `hesitated` with the words of a rung on the ladder.
pub fn twin_not_noted(twin: &Rung) -> String {
    twin_refused(twin, "nothing was noted", "To note it as a moment you held back from that rung, add --anyway.")
}

/// `promote` of a hesitation with the words of a rung on the ladder.
pub fn twin_not_promoted(id: u32, twin: &Rung) -> String {
    let anyway = format!("`ladder promote {id} --to {}` attaches it to that rung; --anyway makes a new rung.", twin.id);
    twin_refused(twin, "nothing was changed", &anyway)
}

/// `thank` on an attempt that had no answer.
pub fn no_one_to_thank(id: u32) -> String {
    format!(
        "attempt {id} had no answer, so there is no one to thank for it yet; if they answered since, `ladder \
         fix {id} --outcome yes` (or partial, or no) says so; nothing was changed"
    )
}

/// `plan --on` given words that are not a day: the words it takes, and a day a week from `today` as the
/// example, one that would work.
pub fn not_a_plan_day(text: &str, today: NaiveDate) -> String {
    let example = today + chrono::Duration::days(7);
    format!("--on: \"{}\" is not a day like {example}, today or tomorrow", shown::line(text))
}

/// `plan --on` a day that has passed.
pub fn plan_passed(day: NaiveDate) -> String {
    format!("{day} has passed; plan the ask for today or a day to come")
}

/// `done` given the same safety behaviour as used and as dropped.
pub fn used_and_dropped(both: &str) -> String {
    format!("\u{201c}{}\u{201d} is given as both used and dropped; say which it was", shown::line(both))
}

/// `done` with no rung named and none to suggest: the ladder is empty, its rungs rest, or all are mastered.
pub fn nothing_to_record(empty: bool, resting: bool) -> String {
    if empty {
        "your ladder is empty, so there is nothing to record yet; add an ask with `ladder add`".to_string()
    } else if resting {
        "the rungs left are resting, so there is no suggested rung; name one: `ladder done ID`".to_string()
    } else {
        "every rung is mastered, so there is no suggested rung; name one: `ladder done ID`".to_string()
    }
}

/// `promote` of a hesitation already promoted.
pub fn already_promoted(id: u32, rung: u32) -> String {
    format!("hesitation {id} is already rung #{rung}")
}

/// `promote` of a hesitation noted without stakes, none given.
pub fn promote_without_stakes(id: u32) -> String {
    format!("hesitation {id} has no stakes yet; give them: ladder promote {id} --stakes N")
}

/// `fix --date` a day to come.
pub fn fix_in_future(day: NaiveDate) -> String {
    format!("{day} is in the future; give the day you asked")
}

/// `forget --hesitation` of one promoted to a rung.
pub fn hesitation_stays(id: u32, rung: u32) -> String {
    format!(
        "hesitation #{id} became rung #{rung}, and stays with it; `ladder rm {rung}` removes the rung; nothing was changed"
    )
}

/// `forget --gift` with an ID no help given has.
pub fn no_gift(id: u32) -> String {
    format!("there is no help given with ID {id}; `ladder export --format csv` lists it with its ID")
}

/// `forget` with nothing named.
pub const FORGET_WHAT: &str = "name what to forget: ladder forget ATTEMPT, --hesitation ID or --gift ID";
