//! What a person sees: short human text, tables, a progress bar, sparklines. JSON is in `json.rs`.

pub mod care;
mod grow;
pub mod help;
pub mod hooks;
pub mod import;
pub mod man;
pub mod mend;
pub mod notice;
pub mod nudge;
pub mod people;
pub mod prose;
pub mod remind;
pub mod table;

pub use grow::{hesitations, ideas, noticed, placement, twin_refused};
pub use people::{agenda, circle, plan_line, when_planned};

use std::fmt::Write as _;
use std::io::IsTerminal;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::model::{Attempt, Expectancy, How, Ladder, Mastery, Outcome, Rung, Settings};
use crate::output::hints::words;
use crate::rules::asks;
use crate::rules::care::{self as rules_care, Step};
use crate::rules::hints::{self, Hint, HintKind};
use crate::rules::plan::{self, Counted, Moment, RungState, Status};
use table::{Cell, Column};

/// Whether to colour, decided once at the edge.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub color: bool,
    /// Widest a table may be, when known.
    pub width: Option<u16>,
}

impl Paint {
    pub fn wrap(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }
}

/// Colour only on a terminal that can show it (not `TERM=dumb`) without `NO_COLOR`, unless `forced` on or off;
/// tables as wide as the terminal, or `COLUMNS`.
pub fn paint(forced: Option<bool>) -> Paint {
    let terminal = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let color = forced.unwrap_or(terminal && !no_color);
    let columns = || std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).filter(|w| *w > 0);
    // A pseudo-terminal can report 0 columns (`script`): then COLUMNS, as off a terminal.
    let width =
        if terminal { comfy_table::Table::new().width().filter(|w| *w > 0).or_else(columns) } else { columns() };
    Paint { color, width }
}

/// "1 attempt", "2 attempts": a count with its noun agreeing.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// "1 of 2 reps" (learning), "1 of 2 comfortable reps" (calm).
fn reps(state: &RungState, settings: &Settings) -> String {
    let unit = rep_word(settings);
    let unit = if settings.repeat == 1 { unit.to_string() } else { format!("{unit}s") };
    format!("{} of {} {unit}", state.counted.min(settings.repeat), settings.repeat)
}

/// What a rep is called under the ladder's rule.
fn rep_word(settings: &Settings) -> &'static str {
    match settings.mastery {
        Mastery::Learning => "rep",
        Mastery::Calm => "comfortable rep",
    }
}

/// The facts of a rung on one line: "#4 · stakes 30 · with Sam".
fn facts(rung: &Rung) -> Vec<String> {
    let mut facts = vec![format!("#{}", rung.id), format!("stakes {}", rung.stakes)];
    if let Some(who) = &rung.who {
        facts.push(format!("with {who}"));
    }
    facts
}

/// What the person predicted for a rung, when they wrote it down.
fn prediction(rung: &Rung) -> Option<String> {
    match (&rung.fear, rung.chance) {
        (Some(fear), Some(chance)) => Some(format!("You fear: {fear}. Your guess at a yes: {chance}%.")),
        (Some(fear), None) => Some(format!("You fear: {fear}.")),
        (None, Some(chance)) => Some(format!("Your guess at a yes: {chance}%.")),
        (None, None) => None,
    }
}

/// The suggested step, for a person: the ask, its facts, and a line or two of what helps now; then why rungs
/// were passed over, and the asks that never wait.
pub fn next(
    state: &RungState,
    step: &Step,
    hints: &[Hint],
    settings: &Settings,
    today: NaiveDate,
    paint: Paint,
) -> String {
    let mut text = if step.down { step_down(state, paint) } else { climb(state, hints, settings, today, paint) };
    for line in care::resting(step).into_iter().chain(care::any_time(step)) {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// A step down to an easier rung while the one above rests.
fn step_down(state: &RungState, paint: Paint) -> String {
    let mut facts = facts(state.rung);
    facts.push(if state.status == Status::Mastered { "mastered".to_string() } else { state.status.as_str().into() });
    format!("{} {}\n{}\n", paint.bold("Next, a step down:"), state.rung.ask, paint.dim(&facts.join(" · ")))
}

/// The next rung of the climb, with its facts, its plan, the prediction and a line or two of what helps now.
fn climb(state: &RungState, hints: &[Hint], settings: &Settings, today: NaiveDate, paint: Paint) -> String {
    let rung = state.rung;
    let mut facts = facts(rung);
    facts.push(reps(state, settings));
    let mut text = format!("{} {}\n{}\n", paint.bold("Next:"), rung.ask, paint.dim(&facts.join(" · ")));
    for line in [plan_line(rung, today), prediction(rung)].into_iter().flatten() {
        text.push_str(&line);
        text.push('\n');
    }
    let cheer = match (plan::moment(state), &rung.who) {
        (Moment::FirstTry, _) => "First try. Success is making the ask, not feeling calm while you do.".to_string(),
        // Never "the same ask again" at a person who said no: when ready, or someone else.
        (Moment::AfterNo, Some(who)) => format!(
            "Last time {who} said no, and you still asked: that is the practice. Ask {who} again when you feel \
             ready, or ask someone else."
        ),
        (Moment::AfterNo, None) => {
            "Last time was a no, and you still asked: that is the practice. Same ask again: each one gets easier."
                .to_string()
        }
        (Moment::Repeat, _) if settings.mastery == Mastery::Learning => {
            "Again: each ask is a chance to find out what really happens.".to_string()
        }
        (Moment::Repeat, _) => "Again: repeating an ask is how it becomes comfortable.".to_string(),
    };
    // "Again" on the day the rung had its rep: the same ask again today is practice, and the cheer says so, with
    // when the next one can count (one rep a day). The rung offered is the same.
    let cheer = if state.rep_on(today) {
        format!(
            "{cheer} #{} has its {} for today: another ask today is practice, and tomorrow's can count.",
            rung.id,
            rep_word(settings)
        )
    } else {
        cheer
    };
    // `done` said the thanks once, with the command that settles them: `next` keeps its lines for the step.
    let hints: Vec<&Hint> = hints.iter().filter(|h| h.kind() != HintKind::Thank).collect();
    // A first try gets its cheer and the most useful hint; later tries the two most useful hints.
    let first = plan::moment(state) == Moment::FirstTry;
    let lines: Vec<String> = if first || hints.is_empty() {
        std::iter::once(cheer).chain(hints.iter().take(1).map(|h| words(h))).collect()
    } else {
        hints.iter().take(2).map(|h| words(h)).collect()
    };
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// A mastered rung to revisit.
pub fn review(state: &RungState, paint: Paint) -> String {
    let mut facts = facts(state.rung);
    if let Some(last) = state.last() {
        facts.push(format!("last practised {}", last.at.format("%-d %b %Y")));
    }
    format!(
        "{} {}\n{}\nYou have mastered this one. Doing it again keeps what you learned.\n",
        paint.bold("Review:"),
        state.rung.ask,
        paint.dim(&facts.join(" · "))
    )
}

/// The one nudge `add` gives a vague ask, with an example of a specific one.
pub fn vague_nudge(id: u32) -> String {
    format!(
        "A specific ask is easier to make and to say yes to: who, what, and when. For example: \
         {}. (ladder edit {id} --ask \"...\" --who NAME)",
        quoted("Ask Sam to look over one slide before Friday's meeting")
    )
}

/// The note `promote` gives a rung whose words (`ask`) look back at the moment ("Wanted to ask Sam…"): the words
/// stay the person's; how to put them as the ask to make, if they like, in their own words where that is plain.
pub fn looking_back_nudge(id: u32, ask: &str) -> String {
    let example = as_ask(ask).map_or_else(
        || format!("{} rather than {}", quoted("Ask \u{2026}"), quoted("Wanted to ask \u{2026}")),
        // The person's words, made safe to show as all text is (they may hold escapes, or come from a fold).
        |ask| quoted(&crate::model::shown::line(&ask)),
    );
    format!(
        "These words tell of the moment you held back; a rung reads best as the ask to make ({example}). To put it \
         so, if you like: ladder edit {id} --ask \"...\""
    )
}

/// "Wanted to ask Ana for a lift home but didn't" as the ask to make: "Ask Ana for a lift home"; `None` when
/// the words do not start as a look back at asking.
fn as_ask(text: &str) -> Option<String> {
    let starts = ["wanted to ask ", "meant to ask ", "didn't ask ", "did not ask ", "almost asked ", "asked "];
    let ends = [" but didn't", " but did not", " but couldn't", " but could not", " but held back"];
    let rest = starts.iter().find_map(|start| {
        text.get(..start.len()).filter(|head| head.eq_ignore_ascii_case(start)).map(|_| &text[start.len()..])
    })?;
    let rest = rest.trim_end_matches(['.', ' ']);
    let rest = ends
        .iter()
        .find_map(|end| {
            let cut = rest.len().checked_sub(end.len())?;
            rest.get(cut..).filter(|tail| tail.eq_ignore_ascii_case(end)).map(|_| &rest[..cut])
        })
        .unwrap_or(rest);
    (!rest.trim().is_empty()).then(|| format!("Ask {}", rest.trim()))
}

/// What `next --review` says when no rung is mastered yet.
pub const NOTHING_TO_REVIEW: &str =
    "Nothing to review yet: a rung needs mastering first. `ladder next` has your next step.\n";

/// What `next` says when there is nothing to suggest: how to start, or, with every rung mastered, how to keep
/// the gains (a review) and how to climb on (a harder ask from the bank).
pub fn nothing_next(ladder: &Ladder) -> String {
    if ladder.rungs.is_empty() {
        return "Your ladder is empty. Start with `ladder init --example`, or add your own first ask:\n  ladder add \"Ask a coworker a quick question\" --stakes 30\n".to_string();
    }
    let harder = hints::harder_idea(ladder).map_or_else(
        || "When you are ready, add a harder ask: ladder add \"...\" --stakes N".to_string(),
        |idea| format!("When you are ready, a harder ask: {} (ladder add --idea {})", quoted(&idea.ask), idea.id),
    );
    format!(
        "Every rung is mastered: that is the whole ladder, well done.\n\
         To keep what you learned, revisit one: ladder next --review\n{harder}\n"
    )
}

/// The words after an attempt is recorded: what happened, then in plain words whether it moved the counter
/// and why, so that the words always agree with the numbers; then what helps now. After the second very hard
/// attempt in a row, what helps is to rest the rung and step down, said once, here; after a no from the person
/// the rung names, how it was and what helped, and that they rest.
pub fn recorded(
    attempt: &Attempt,
    state: &RungState,
    settings: &Settings,
    now: DateTime<FixedOffset>,
    paint: Paint,
    mastered_before: bool,
) -> String {
    let mut text = format!(
        "{} attempt {} on {}{}: {}.\n",
        paint.bold("Recorded"),
        attempt.id,
        mend::subject(state.rung),
        mend::on_day(attempt.at.date_naive(), now.date_naive()),
        attempt.outcome,
    );
    let today = now.date_naive();
    // On a rung mastered before: a review after a week or more away from it, else practice on it.
    if mastered_before && state.reviewed_by(attempt.id) {
        text.push_str(&review_line(attempt, state, settings, today));
    } else if mastered_before {
        text.push_str(&mastered_practice_line(attempt, state, settings, today));
    } else {
        text.push_str(&counter_line(attempt, state, settings, today));
    }
    text.push('\n');
    if let Some(pair) = rules_care::strained(state).filter(|pair| pair.iter().any(|a| a.id == attempt.id)) {
        text.push_str(&care::strained(pair, state.rung, settings));
        return text;
    }
    if let Some(rerate) = plan::rerate(state, attempt.id) {
        let [first, second] = rerate.felt;
        let _ = writeln!(
            text,
            "Twice now this has felt far from its stakes of {} ({first}, then {second}). Stakes are your own guess, \
             and can change: ladder edit {} --stakes {}",
            state.rung.stakes, state.rung.id, rerate.suggested
        );
    }
    // A no from the person the rung names rests them (never on a rung tagged health, and not for a no so old
    // that its rest is over).
    let until = rules_care::rest_end(attempt.at);
    let refused_by = (state.rung.who.as_deref())
        .filter(|_| attempt.outcome == Outcome::No && !rules_care::health(state.rung) && now < until);
    let unthanked = attempt.thanked != Some(true);
    let learned = attempt.learned.is_some();
    // Telling what their help changed fits someone you know, not a stranger who gave directions.
    let stranger = state.rung.who.is_none() && asks::asks_a_stranger(&state.rung.ask);
    let word = match attempt.outcome {
        Outcome::Yes if unthanked && !stranger => "A yes: thank them, and tell them what their help changed.",
        Outcome::Yes if unthanked => "A yes: thank them.",
        Outcome::Yes => "A yes, and you thanked them: that makes them likelier to help again.",
        Outcome::Partial if unthanked => "Some help is still help: thank them for what they could do.",
        Outcome::Partial => "Some help is still help, and you thanked them for it.",
        Outcome::No if learned => {
            "A no is not a failure: you asked, and asking is the practice. Good that you wrote down what you learned."
        }
        Outcome::No => "A no is not a failure: you asked, and asking is the practice.",
        Outcome::NoAnswer => "No answer yet: you still asked, and that took courage. A gentle follow-up is fine.",
    };
    text.push_str(word);
    // The one reminder to thank, with the command that settles it.
    if plan::owes_thanks(attempt.outcome) && unthanked {
        let _ = write!(text, " Once you have: ladder thank {}", attempt.id);
    }
    text.push('\n');
    if !attempt.dropped.is_empty() {
        let _ = writeln!(
            text,
            "You did without {}: that is how you find out you can cope without {}.",
            crate::output::hints::listed(&attempt.dropped),
            if attempt.dropped.len() == 1 { "it" } else { "them" }
        );
    }
    // What was learned is asked after every attempt, whatever the answer, with the command that keeps it; after a
    // feared outcome or a no from the person the rung names, as how bad it really was and what helped.
    let keep = (!learned).then(|| keep_learned(attempt.id));
    if let Some(who) = refused_by {
        text.push_str(&care::refused(who, until, keep.as_deref()));
        return text;
    }
    match attempt.fear_happened {
        Some(false) => text.push_str("What you feared did not happen. Worth remembering next time.\n"),
        Some(true) => {
            text.push_str("What you feared did happen. How bad was it, really, and what helped you through it?");
            match &keep {
                Some(keep) => {
                    let _ = writeln!(text, " {keep}");
                }
                None => text.push_str(" That is worth knowing too.\n"),
            }
        }
        None => {}
    }
    if let Some(change) = expectancy_change(attempt.expected) {
        text.push_str(&change);
        text.push('\n');
    }
    if let (Some(keep), false) = (&keep, attempt.fear_happened == Some(true)) {
        let _ = writeln!(text, "What did you learn from it? {keep}");
    }
    text
}

/// The command that keeps what was learned with attempt `id`, after "What did you learn from it?".
pub fn keep_learned(id: u32) -> String {
    format!("To keep it with the attempt: ladder fix {id} --learned \"...\"")
}

/// How the feared outcome's likelihood and cost changed from before the ask to after it, when both were rated.
fn expectancy_change(e: Expectancy) -> Option<String> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    if let (Some(b), Some(a)) = (e.likely_before, e.likely_after) {
        before.push(format!("{b}% likely"));
        after.push(format!("{a}% likely"));
    }
    if let (Some(b), Some(a)) = (e.bad_before, e.bad_after) {
        // Both scales are out of 100: "9 bad" alone reads as if it were out of 10.
        before.push(format!("{b} of 100 bad"));
        after.push(format!("{a} of 100 bad"));
    }
    (!before.is_empty()).then(|| {
        format!(
            "Before, it seemed {}; now {}. Each ask tests those guesses.",
            before.join(" and "),
            after.join(" and ")
        )
    })
}

/// The expectancy and peak of an attempt, for the log: "(peak 80) (before: 70% likely, 80 of 100 bad; after: ...)".
fn expectancy_noted(attempt: &Attempt) -> Vec<String> {
    let mut noted: Vec<String> = attempt.peak.iter().map(|p| format!("(peak {p})")).collect();
    let e = attempt.expected;
    let side = |likely: Option<u8>, bad: Option<u8>| {
        let parts: Vec<String> =
            likely.map(|l| format!("{l}% likely")).into_iter().chain(bad.map(|b| format!("{b} of 100 bad"))).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    };
    let sides: Vec<String> =
        [("expected", side(e.likely_before, e.bad_before)), ("after", side(e.likely_after, e.bad_after))]
            .into_iter()
            .filter_map(|(when, parts)| parts.map(|p| format!("{when}: {p}")))
            .collect();
    if !sides.is_empty() {
        noted.push(format!("({})", sides.join("; ")));
    }
    noted
}

/// What a review of a rung mastered before showed: whether what was learned on it has lasted.
fn review_line(attempt: &Attempt, state: &RungState, settings: &Settings, today: NaiveDate) -> String {
    let when = if attempt.after.is_some() { "afterwards" } else { "beforehand" };
    let limit = settings.comfortable;
    let head = format!("A review of #{}, mastered before", state.rung.id);
    let still =
        if state.status == Status::Mastered { String::new() } else { format!(" Now {}.", reps(state, settings)) };
    match plan::counted(attempt, state.rung, settings) {
        Counted::Learned { tested } => format!(
            "{head}: you made the ask again{}, so what you learned on it has lasted.",
            if tested { " and checked what you feared" } else { "" }
        ),
        Counted::Comfortable(felt) => {
            format!("{head}: you rated it {felt} {when}, at or below {limit}, so what you learned on it has lasted.")
        }
        Counted::Halved { before, after } => {
            format!("{head}: your distress fell from {before} to {after}, so what you learned on it has lasted.")
        }
        Counted::Unrated => {
            format!("{head}. Rating it (--before N --after N) shows whether what you learned on it has lasted.")
        }
        Counted::Not(felt) => format!(
            "{head}: you rated it {felt} {when}, above {limit}, so it felt harder than it did. That is common after \
             a while; revisiting it again soon helps the learning last.{still}"
        ),
        Counted::VeryHard => format!(
            "{head}: it was very hard this time. That can happen after a while; revisiting it again soon, gently, \
             helps the learning last.{still}"
        ),
        // What kept it from counting is said as for any attempt.
        Counted::NoAnswer | Counted::Guarded | Counted::Unchecked | Counted::SameDay => {
            format!("{head}. {}", counter_line(attempt, state, settings, today))
        }
    }
}

/// What a try on a rung mastered before says when it is not a review (`RungState::reviewed_by`): made within
/// a week of the one before it, too soon to show whether what was learned on it has lasted. Practice all the
/// same, said as such, never as a lapse.
fn mastered_practice_line(attempt: &Attempt, state: &RungState, settings: &Settings, today: NaiveDate) -> String {
    let when = if attempt.after.is_some() { "afterwards" } else { "beforehand" };
    let head = format!("More practice on #{}, mastered already", state.rung.id);
    let still =
        if state.status == Status::Mastered { String::new() } else { format!(" Now {}.", reps(state, settings)) };
    let review = format!(
        "A try after a week or more away from it is a review, and shows whether what you learned on it has \
         lasted.{still}"
    );
    match plan::counted(attempt, state.rung, settings) {
        Counted::Learned { .. } | Counted::Comfortable(_) | Counted::Halved { .. } | Counted::Unrated => {
            format!("{head}: it keeps the ask familiar. {review}")
        }
        Counted::Not(felt) => format!(
            "{head}: you rated it {felt} {when}, above {}. That happens; practice spread over days helps it \
             settle. {review}",
            settings.comfortable
        ),
        Counted::VeryHard => format!(
            "{head}: it was very hard this time. That can happen; go gently, and an easier ask, or a pause, is fine \
             too.{still}"
        ),
        // What kept it from counting is said as for any attempt.
        Counted::NoAnswer | Counted::Guarded | Counted::Unchecked | Counted::SameDay => {
            format!("{head}. {}", counter_line(attempt, state, settings, today))
        }
    }
}

/// Whether this attempt moved the rep counter, and why, with where the counter stands.
/// `today` names the day an attempt made on it shares its rep with ("today", or "that day" for another).
fn counter_line(attempt: &Attempt, state: &RungState, settings: &Settings, today: NaiveDate) -> String {
    let when = if attempt.after.is_some() { "afterwards" } else { "beforehand" };
    let limit = settings.comfortable;
    let fell = if settings.habituation == 50 {
        "by half".to_string()
    } else {
        format!("to {}% or less of where it started", settings.habituation)
    };
    let mastered = state.status == Status::Mastered;
    let stand = if mastered {
        format!("{}: #{} is mastered.", reps(state, settings), state.rung.id)
    } else {
        format!("{}.", reps(state, settings))
    };
    let rep = rep_word(settings);
    let verdict = state.verdict(attempt.id).unwrap_or_else(|| plan::counted(attempt, state.rung, settings));
    match verdict {
        Counted::Learned { tested: true } => {
            format!("It counted as a rep: you made the ask, and checked what you feared. Now {stand}")
        }
        Counted::Learned { tested: false } => format!("It counted as a rep: you made the ask. Now {stand}"),
        Counted::Comfortable(felt) => {
            format!("It counted as a comfortable rep: you rated it {felt} {when}, at or below {limit}. Now {stand}")
        }
        Counted::Halved { before, after } => {
            format!("It counted as a comfortable rep: your distress fell {fell}, from {before} to {after}. Now {stand}")
        }
        Counted::NoAnswer => {
            format!(
                "It counts as practice, not as a {rep}: with no answer yet, what you feared was not put to the test. Still {stand}"
            )
        }
        Counted::Guarded => format!(
            "It counts as practice, not as a {rep}: you relied on {}, {}. Still {stand}",
            crate::output::hints::listed(&attempt.used),
            if attempt.used.len() == 1 { "a safety behaviour" } else { "safety behaviours" }
        ),
        Counted::VeryHard => {
            let how = match rules_care::hardness(attempt) {
                Some(rules_care::Hardness::Rose(before, after)) => {
                    format!("your distress rose from {before} to {after}")
                }
                _ => format!("distress {}", attempt.felt().unwrap_or_default()),
            };
            format!(
                "It counts as practice, not as a {rep}: it was very hard ({how}), and a rep is an ask you can bear. \
                 Still {stand}"
            )
        }
        Counted::Unchecked => format!(
            "It counts as practice, not as a {rep}: it does not say whether what you feared happened (ladder fix {} \
             --fear-happened, or --fear-did-not-happen). Still {stand}",
            attempt.id
        ),
        Counted::Unrated => format!(
            "It counts as practice, not as a {rep}: nothing was rated, so nothing says it felt comfortable. Still \
             {stand} Next time, rate it (--before N --after N)."
        ),
        Counted::Not(felt) => format!(
            "It counts as practice, not as a {rep}: you rated it {felt} {when}, above {limit}{}. Still {stand}",
            if attempt.before.is_some() && attempt.after.is_some() {
                format!(", and it did not fall {fell}")
            } else {
                String::new()
            }
        ),
        Counted::SameDay => format!(
            "It counts as practice: #{} already has a rep {}, and one a day is what counts. Still {stand}",
            state.rung.id,
            if attempt.at.date_naive() == today { "today" } else { "that day" }
        ),
    }
}

pub(crate) fn quoted(ask: &str) -> String {
    format!("\u{201c}{ask}\u{201d}")
}

/// Every rung as a table, in climbing order. The Who column shows only when someone is named.
pub fn list(states: &[RungState], paint: Paint) -> String {
    if states.is_empty() {
        return prose::wrap("Your ladder is empty. Start with `ladder init --example` or `ladder add`.\n", paint.width);
    }
    let columns = [
        Column::number("ID", 0),
        Column::number("Stakes", 3),
        Column::text("Ask", 0),
        Column::name("Who", 2),
        Column::number("Tries", 1),
        Column::fixed("Status", 0),
        Column::name("Safety behaviours", 1),
    ];
    // An easier step added with `ladder split` names the rung it comes before.
    let ids: std::collections::HashMap<&str, u32> = states.iter().map(|s| (s.rung.uid.as_str(), s.rung.id)).collect();
    let rows: Vec<Vec<Cell>> = states
        .iter()
        .map(|state| {
            let rung = state.rung;
            // Which rung a step comes before is seen only here: kept whole when the ask is shortened.
            let ask = match rung.before.as_deref().and_then(|uid| ids.get(uid)) {
                Some(hard) => {
                    Cell::kept(&rung.ask, &format!(" (a step before #{hard})"), &format!(" (before #{hard})"))
                }
                None => Cell::new(&rung.ask),
            };
            vec![
                Cell::new(rung.id),
                Cell::painted(rung.stakes, stakes_color(rung.stakes)),
                ask,
                Cell::new(rung.who.as_deref().unwrap_or("")),
                Cell::new(state.attempts.len()),
                Cell::painted(state.status.as_str(), status_color(state.status)),
                Cell::new(rung.safety.join(", ")),
            ]
        })
        .collect();
    table::text(&columns, &rows, true, paint)
}

fn status_color(status: Status) -> &'static str {
    match status {
        Status::New => "36",
        Status::Practising => "33",
        Status::Mastered => "32",
    }
}

/// Calm colours that still tell low, middle and high stakes apart at a glance.
fn stakes_color(stakes: u8) -> &'static str {
    match stakes {
        0..=30 => "32",
        31..=60 => "33",
        _ => "35",
    }
}

const BAR_CELLS: usize = 20;
/// The fewest cells the bar narrows to on a narrow terminal.
const BAR_CELLS_LEAST: usize = 10;
/// Rungs whose distress trend `progress` shows.
const TRENDS_SHOWN: usize = 5;

/// `part` of `whole` as a share of `of` (a percentage, the cells of a bar), rounded to the nearest (a half
/// up), so that the bar and the percentage beside it agree; but all of `of` only when `part` is all of
/// `whole`, and none only when `part` is none of it.
fn share(part: usize, whole: usize, of: usize) -> usize {
    if whole == 0 || part == 0 {
        return 0;
    }
    if part >= whole {
        return of;
    }
    let nearest = (part * of * 2 + whole) / (whole * 2);
    if of < 2 { nearest } else { nearest.clamp(1, of - 1) }
}

/// How far the ladder has come, and what the person's own records teach.
pub fn progress(ladder: &Ladder, states: &[RungState], now: DateTime<FixedOffset>, paint: Paint) -> String {
    let mastered = states.iter().filter(|s| s.status == Status::Mastered).count();
    let total = states.len();
    let percent = share(mastered, total, 100);
    let rungs = if total == 1 { "rung" } else { "rungs" };
    let [yes, partial, no, no_answer] = plan::outcome_counts(ladder);
    let lessons = plan::lessons(ladder);
    // What was done, beside what is mastered: brave tries are never a bare 0%.
    let mut done = String::new();
    let asks = plan::asks(&ladder.attempts);
    match (asks.made, asks.waiting) {
        (0, 0) => {}
        // Tries that no one answered yet are tries too: never a bare "0 asks made".
        (0, waiting) => {
            let _ = write!(done, " · {} with no answer yet", counted(waiting, "ask"));
        }
        (made, _) => {
            let _ = write!(done, " · {} made", counted(made, "ask"));
        }
    }
    if lessons.fear_recorded > 0 {
        let _ = write!(done, " · {} tested", counted(lessons.fear_recorded, "fear"));
    }
    // The bar narrows to fit a narrow terminal, down to `BAR_CELLS_LEAST`; what was done then goes on a line
    // of its own when even that leaves no room for it.
    let head = format!("Mastered {mastered} of {total} {rungs}  ");
    let tail = format!(" {percent}%");
    let (cells, done_below) = match paint.width.map(usize::from) {
        Some(width) => {
            let around = head.chars().count() + tail.chars().count();
            let room = |done: &str| width.saturating_sub(around + done.chars().count());
            if room(&done) >= BAR_CELLS_LEAST {
                (room(&done).min(BAR_CELLS), false)
            } else {
                (room("").clamp(BAR_CELLS_LEAST, BAR_CELLS), !done.is_empty())
            }
        }
        None => (BAR_CELLS, false),
    };
    let filled = share(mastered, total, cells);
    let bar = format!("{}{}", paint.wrap("32", &"█".repeat(filled)), paint.dim(&"░".repeat(cells - filled)));
    let mut text = format!("{} {mastered} of {total} {rungs}  {bar}{tail}", paint.bold("Mastered"));
    if done_below {
        let _ = writeln!(text, "\n{}", done.trim_start_matches(" · "));
    } else {
        let _ = writeln!(text, "{done}");
    }
    let attempts = counted(ladder.attempts.len(), "attempt");
    let _ = writeln!(text, "{attempts}: {yes} yes · {partial} partial · {no} no · {no_answer} no answer");
    match no {
        0 => {}
        1 => text.push_str("That no was practice too: you asked anyway.\n"),
        _ => {
            let _ = writeln!(text, "Each of those {no} no's was practice too: you asked anyway.");
        }
    }
    if lessons.fear_recorded > 0 {
        let times = if lessons.fear_recorded == 1 { "time" } else { "times" };
        let _ = writeln!(
            text,
            "Your fear came true {} of {} {times} you checked.",
            lessons.fear_happened, lessons.fear_recorded
        );
    }
    if let (Some(predicted), Some(actual)) = (lessons.predicted_yes, lessons.actual_yes) {
        let _ = writeln!(text, "You expected a yes {predicted}% of the time; people said yes {actual}% of the time.");
    }
    let rhythm = plan::rhythm_of(ladder, states, now);
    let days = rhythm.days_this_week;
    if days >= rhythm.weekly_target as usize {
        let _ = write!(text, "This week: practice on {}, target of {} met", counted(days, "day"), rhythm.weekly_target);
    } else {
        let _ = write!(text, "This week: practice on {days} of {} days", rhythm.weekly_target);
    }
    match rhythm.streak_weeks {
        0 => text.push('\n'),
        1 => text.push_str(" · streak: 1 week\n"),
        n => {
            let _ = writeln!(text, " · streak: {n} weeks");
        }
    }
    let noticed = plan::hesitations_this_week(ladder, now);
    if noticed > 0 {
        let _ = writeln!(text, "Hesitations noticed this week: {noticed}. Noticing is progress too.");
    }
    let helpers = plan::helpers(ladder);
    if !helpers.is_empty() {
        let named: Vec<String> = helpers.iter().map(|(who, n)| format!("{who} {n}")).collect();
        text.push_str(&kept_whole("Helped by: ", &named, " ·", paint.width));
    }
    // A glance, not a report: the rungs practised most recently (`--json` has them all).
    let mut trends: Vec<(&RungState, Vec<u8>)> =
        states.iter().map(|s| (s, plan::distress(s))).filter(|(_, d)| !d.is_empty()).collect();
    trends.sort_by_key(|(s, _)| std::cmp::Reverse(s.last().map(|a| (a.at, a.id))));
    let rated = trends.len();
    trends.truncate(TRENDS_SHOWN);
    trends.sort_by_key(|(s, _)| (s.rung.stakes, s.rung.id));
    if rated > TRENDS_SHOWN {
        let _ = writeln!(
            text,
            "Distress, attempt by attempt, on the {TRENDS_SHOWN} rungs practised most recently (of {rated}; \
             progress --json has them all):"
        );
    } else if !trends.is_empty() {
        text.push_str("Distress, attempt by attempt:\n");
    }
    for (state, distress) in trends {
        let spark = sparkline(&distress);
        // The ask gets what the terminal leaves after the ID and the sparkline, up to 41 columns.
        let room = paint.width.map_or(41, |w| usize::from(w).saturating_sub(11 + distress.len()).clamp(10, 41));
        let ask = table::fit(&state.rung.ask, room);
        let pad = " ".repeat(room.saturating_sub(unicode_width::UnicodeWidthStr::width(ask.as_str())));
        let id = format!("#{}", state.rung.id);
        let _ = writeln!(text, "  {id:<6} {ask}{pad} {spark}");
    }
    if let Some(n) = plan::settled(states) {
        let _ = writeln!(text, "{}", settled(n));
    }
    let offer = rules_care::Offer::from(&rules_care::step(ladder, states, now));
    text.push_str(&next_line(ladder, offer, true, paint));
    text
}

/// The kind word when most recent practice was on rungs already mastered.
pub fn settled(n: usize) -> String {
    let how_many = if n == plan::RECENT { "All".to_string() } else { format!("{n} of") };
    format!(
        "{how_many} your last {} asks were on rungs you have already mastered. Going back feels safer, and that \
         is human; the learning now is a rung up.",
        plan::RECENT
    )
}

/// The last line of `done` and `progress`: the step `next` offers, in short.
pub fn next_line(ladder: &Ladder, offer: rules_care::Offer, with_stakes: bool, paint: Paint) -> String {
    match offer.rung {
        Some(next) => {
            let label = if offer.down { "Next, a step down:" } else { "Next:" };
            let stakes = if with_stakes { format!(" (stakes {})", next.stakes) } else { String::new() };
            format!("{} #{} {}{stakes}\n", paint.bold(label), next.id, next.ask)
        }
        None if offer.resting => care::NOTHING_WHILE_RESTING.to_string(),
        None => nothing_next(ladder),
    }
}

/// SUDS values as a row of bars, on the fixed 0-100 scale so that rungs compare.
pub fn sparkline(values: &[u8]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values.iter().map(|v| BARS[usize::from((*v).min(100)) * 7 / 100]).collect()
}

/// Attempts, newest first: what happened, with the note and what was learned beneath.
pub fn log(ladder: &Ladder, attempts: &[&Attempt], paint: Paint) -> String {
    if attempts.is_empty() {
        return prose::wrap("No attempts yet. When you have asked, record it with `ladder done`.\n", paint.width);
    }
    let rungs = ladder.rungs_by_id();
    let columns = [
        Column::fixed("Attempt", 0),
        Column::fixed("Day", 0),
        Column::fixed("Time", 2),
        Column::fixed("Outcome", 0),
        Column::fixed("Distress", 1),
        Column::text("Ask", 0),
    ];
    let rows: Vec<Vec<Cell>> = attempts
        .iter()
        .map(|attempt| {
            let suds = match (attempt.before, attempt.after) {
                (None, None) => String::new(),
                (before, after) => format!("{}→{}", opt(before), opt(after)),
            };
            vec![
                Cell::new(format!("#{}", attempt.id)),
                Cell::painted(attempt.at.format("%Y-%m-%d"), "2"),
                Cell::painted(attempt.at.format("%H:%M"), "2"),
                Cell::new(attempt.outcome.as_str()),
                Cell::new(suds),
                Cell::new(format!("#{} {}", attempt.rung, rungs.get(&attempt.rung).map_or("", |r| r.ask.as_str()))),
            ]
        })
        .collect();
    let mut text = String::new();
    let (lines, shown) = table::laid_out(&columns, &rows, false, paint);
    // The ratings are said beneath when a narrow terminal leaves no room for their column: they are seen nowhere
    // else in the terminal.
    let distress_below = !shown.contains(&4);
    for (attempt, line) in attempts.iter().zip(lines) {
        let _ = writeln!(text, "{line}");
        let mut below: Vec<String> = attempt.note.iter().map(|n| n.replace('\n', " ")).collect();
        if distress_below {
            below.extend(distress_words(attempt.before, attempt.after));
        }
        match attempt.fear_happened {
            Some(true) => below.push("(the fear came true)".into()),
            Some(false) => below.push("(the fear did not come true)".into()),
            None => {}
        }
        if attempt.thanked == Some(true) {
            below.push("(thanked)".into());
        }
        if !attempt.used.is_empty() {
            below.push(format!("(relied on {})", crate::output::hints::listed(&attempt.used)));
        }
        if !attempt.dropped.is_empty() {
            below.push(format!("(did without {})", crate::output::hints::listed(&attempt.dropped)));
        }
        if let Some(how) = attempt.how {
            below.push(format!("({})", how_words(how)));
        }
        below.extend(expectancy_noted(attempt));
        text.push_str(&prose::paragraph(&below.join(" "), "     ", paint.width));
        // What was learned, beneath the note and labelled so: `log` is the one place in the terminal to read it.
        if let Some(learned) = attempt.learned.as_deref().filter(|l| !l.trim().is_empty()) {
            let learned = format!("What you learned: {}", learned.replace('\n', " "));
            text.push_str(&prose::paragraph(&learned, "     ", paint.width));
        }
    }
    text
}

/// The distress ratings of an attempt in words, for beneath its line: "(distress 60 before, 30 after)".
fn distress_words(before: Option<u8>, after: Option<u8>) -> Option<String> {
    match (before, after) {
        (Some(before), Some(after)) => Some(format!("(distress {before} before, {after} after)")),
        (Some(before), None) => Some(format!("(distress {before} before)")),
        (None, Some(after)) => Some(format!("(distress {after} after)")),
        (None, None) => None,
    }
}

/// How an ask was made, in words: "in person", "by phone".
pub fn how_words(how: How) -> &'static str {
    match how {
        How::InPerson => "in person",
        How::Phone => "by phone",
        How::Text => "by text",
        How::Email => "by email",
        How::Other => "another way",
    }
}

fn opt(value: Option<u8>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `items` after `head` on one line, `sep` and a space between them; where the line would be wider than `width`,
/// the next line starts with an item, so that a person's name ("Ana Ruiz 1") is never split across two lines
/// while it fits on one. Ended by a newline.
fn kept_whole(head: &str, items: &[String], sep: &str, width: Option<u16>) -> String {
    use unicode_width::UnicodeWidthStr;
    let width = width.map_or(usize::MAX, usize::from);
    let head = head.trim_end();
    let mut text = head.to_string();
    let mut line = head.width();
    for (i, item) in items.iter().enumerate() {
        let tail = if i + 1 < items.len() { sep } else { "" };
        let wanted = item.width() + tail.width();
        if line > 0 && line + 1 + wanted > width {
            text.push('\n');
            line = 0;
        } else if line > 0 {
            text.push(' ');
            line += 1;
        }
        text.push_str(item);
        text.push_str(tail);
        line += wanted;
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod looking_back {
    use super::*;

    #[test]
    fn the_example_is_the_person_s_own_ask_when_the_words_say_it_plainly() {
        let example = |text: &str| {
            let nudge = looking_back_nudge(4, text);
            nudge[nudge.find('(').unwrap_or(0)..=nudge.find(')').unwrap_or(0)].to_string()
        };
        assert_eq!(example("Wanted to ask Ana for a lift home but didn't"), "(“Ask Ana for a lift home”)");
        assert_eq!(example("asked Jo to swap shifts."), "(“Ask Jo to swap shifts”)");
        assert_eq!(example("Held back from asking my manager"), "(“Ask …” rather than “Wanted to ask …”)");
        assert_eq!(example("Wanted to ask "), "(“Ask …” rather than “Wanted to ask …”)");
        assert_eq!(example("Wanted to ask \u{1b}[2JBo"), "(“Ask \\u{1b}[2JBo”)");
    }
}
