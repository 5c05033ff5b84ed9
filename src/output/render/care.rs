//! The words of care: a rung that rests and why, a step down, the asks that never wait, and the line that says
//! `ladder` is not a crisis service.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use super::grow::short;
use super::quoted;
use crate::model::{Attempt, Ladder, Rung, Settings};
use crate::rules::care::{self, Rest, Step};
use crate::rules::ideas;
use crate::rules::plan::{RungState, Status, name_key};

/// The fixed line, in `--help`, the README, the report and after very hard tries. No number is built in:
/// which one to call depends on where you live (`[settings] crisis_line` holds yours).
pub const NOT_A_CRISIS_SERVICE: &str = "ladder is not a crisis service. If you are in crisis or might harm \
     yourself, contact your local emergency services or a crisis line now.";

/// The fixed line, and the person's own crisis line when they wrote one down.
pub fn crisis(settings: &Settings) -> String {
    match &settings.crisis_line {
        Some(line) => format!("{NOT_A_CRISIS_SERVICE} Your crisis line: {line}"),
        None => NOT_A_CRISIS_SERVICE.to_string(),
    }
}

fn day(at: DateTime<FixedOffset>) -> String {
    at.format("%-d %b").to_string()
}

/// The highest distress rated on an attempt.
fn peak(attempt: &Attempt) -> Option<u8> {
    attempt.felt()
}

/// What `done` says when an attempt makes the second very hard one in a row on a rung: said once, here.
pub fn strained(pair: [&Attempt; 2], rung: &Rung, settings: &Settings) -> String {
    let felt = match pair.map(peak) {
        [Some(first), Some(second)] => format!(" ({first}, then {second})"),
        _ => String::new(),
    };
    let mut text = format!("That was very hard, two tries in a row{felt}. ");
    if care::health(rung) {
        // Professional help is never paused: made easier instead.
        text.push_str(
            "Getting help is worth it, and you need not do it alone: someone you trust could help you make this \
             ask, or come with you.\n",
        );
    } else {
        let _ = writeln!(
            text,
            "You do not have to push on: let #{} rest for now, and step down to an easier ask. That is part of \
             the method, not a step back.",
            rung.id
        );
        text.push_str(
            "Talking it over with a therapist or your GP can help, with this ladder and with how you have been \
             feeling.\n",
        );
    }
    let _ = writeln!(text, "{}", crisis(settings));
    text
}

/// What `done` says after a no from the person a rung names: how it was, what helped (with the command that
/// keeps it, when nothing learned was written), and that they rest.
pub fn refused(who: &str, until: DateTime<FixedOffset>, keep: Option<&str>) -> String {
    format!(
        "A no from {who} can sting. How bad was it, really, and what helped you through it?{}\n\
         Asks of {who} rest until {}: next time, the same stakes with someone else, or another request.\n",
        keep.map(|k| format!(" {k}")).unwrap_or_default(),
        day(until)
    )
}

/// One line for each reason rungs were passed over: a rung resting after very hard tries, or a person
/// resting after a no (one line for all the rungs that ask them).
pub fn resting(step: &Step) -> Vec<String> {
    let mut lines = Vec::new();
    let mut people: Vec<String> = Vec::new();
    for (state, rest) in &step.resting {
        let rung = state.rung;
        match rest {
            Rest::Strain { until, .. } => lines.push(format!(
                "#{} {} rests until {}: your last two tries on it were very hard. Stepping down is part of the \
                 method, not a step back.",
                rung.id,
                short(&rung.ask),
                day(*until)
            )),
            Rest::Refused { no, until } => {
                let who = rung.who.as_deref().unwrap_or("They");
                if people.contains(&name_key(who)) {
                    continue;
                }
                people.push(name_key(who));
                lines.push(format!(
                    "{who} said no on {}, so asks of {who} rest until {}. The same stakes with someone else, or \
                     another request, is practice just as good: ladder add \"...\" --stakes {}",
                    day(no.at),
                    day(*until),
                    rung.stakes
                ));
            }
        }
    }
    lines
}

/// The most asks that never wait named under the next step; the rest are counted.
const ANY_TIME_SHOWN: usize = 3;

/// The asks tagged `health` that are not mastered: offered any time, whatever the climbing order.
pub fn any_time(step: &Step) -> Vec<String> {
    let mut lines: Vec<String> =
        step.any_time.iter().take(ANY_TIME_SHOWN).map(|s| format!("Any time: #{} {}", s.rung.id, s.rung.ask)).collect();
    if let n @ 1.. = step.any_time.len().saturating_sub(ANY_TIME_SHOWN) {
        lines.push(format!("Any time, too: {n} more tagged {} (ladder list).", care::HEALTH));
    }
    lines
}

/// Whether a rung not mastered neither rests nor is offered: it is harder than one that was just very hard.
fn held_back(step: &Step, states: &[RungState]) -> bool {
    let resting: Vec<u32> = step.resting.iter().map(|(s, _)| s.rung.id).collect();
    states.iter().any(|s| s.status != Status::Mastered && !resting.contains(&s.rung.id))
}

/// What `next` says when every rung left rests: why, what to do meanwhile, and the asks that never wait.
pub fn nothing_offered(step: &Step, states: &[RungState], ladder: &Ladder) -> String {
    let mut text = String::new();
    for line in resting(step) {
        let _ = writeln!(text, "{line}");
    }
    let strained = step.resting.iter().find(|(_, r)| matches!(r, Rest::Strain { .. })).map(|(s, _)| s.rung);
    if let Some(rung) = strained {
        let middle = rung.stakes / 2;
        // Half the stakes at most: an idea just below a rung that felt unbearable (the starter ladder's "directions
        // or the time" at 15 beside the bank's "directions" at 10) would be the same ask again, not a gentler one.
        let easier = ideas::choose(ladder, None, Some(middle)).into_iter().find(|i| i.stakes <= middle);
        let how = easier.map_or_else(
            || format!("ladder add \"...\" --stakes {middle}"),
            |idea| format!("{} (ladder add --idea {})", quoted(&idea.ask), idea.id),
        );
        let _ = writeln!(text, "Nothing easier is on your ladder yet. An easier ask would be a gentler step: {how}");
        text.push_str("Or take a pause for a few days: that is fine too.\n");
    } else if held_back(step, states) {
        // Rungs wait that are harder than one that was just very hard (`plan::vary`).
        text.push_str(
            "Nothing harder is offered for now, after how hard that was: an ask no harder than it, or a few days \
             off, is fine.\n",
        );
    } else {
        text.push_str("Nothing else is waiting for now: add another ask, or take a few days off. Both are fine.\n");
    }
    for line in any_time(step) {
        let _ = writeln!(text, "{line}");
    }
    text
}

/// What `ideas --tag health` says under the ideas.
pub const HEALTH_NEVER_WAITS: &str = "Asks tagged health never wait for the climb: `ladder next` offers them any \
     time, and never asks you to do an easier one first.\n";

/// The last line of `done`, when `next` offers nothing because rungs rest.
pub const NOTHING_WHILE_RESTING: &str =
    "For now there is no other ask to suggest: `ladder next` says what you could do meanwhile.\n";
