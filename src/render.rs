//! What a person or a script sees: short human text, tables, a progress bar, and JSON.

use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::ladder::{Attempt, Ladder, Outcome, Settings};
use crate::plan::{self, Moment, RungState, Status};

/// Whether to colour, decided once at the edge.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub color: bool,
    /// Widest a table may be, when known.
    pub width: Option<u16>,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }
}

/// "1 of 2 comfortable reps".
fn reps(state: &RungState, settings: &Settings) -> String {
    let unit = if settings.repeat == 1 { "rep" } else { "reps" };
    format!("{} of {} comfortable {unit}", state.counted.min(settings.repeat), settings.repeat)
}

/// The suggested step, for a person.
pub fn next(state: &RungState, settings: &Settings, paint: Paint) -> String {
    let rung = state.rung;
    let mut facts = vec![format!("#{}", rung.id), format!("stakes {}", rung.stakes)];
    if let Some(who) = &rung.who {
        facts.push(format!("with {who}"));
    }
    facts.push(reps(state, settings));
    let cheer = match plan::moment(state) {
        Moment::FirstTry => "First try. Success is making the ask, not feeling calm while you do.",
        Moment::AfterNo => "Last time was a no, and it still counted. Same ask again: each one gets easier.",
        Moment::Repeat => "Again: repeating an ask is how it becomes comfortable.",
    };
    format!("{} {}\n{}\n{cheer}\n", paint.bold("Next:"), rung.ask, paint.dim(&facts.join(" · ")))
}

/// What `next` says when there is nothing to suggest.
pub fn nothing_next(ladder: &Ladder) -> &'static str {
    if ladder.rungs.is_empty() {
        "Your ladder is empty. Start with `ladder init --example`, or add your own first ask:\n  ladder add \"Ask a coworker a quick question\" --stakes 30\n"
    } else {
        "Every rung is mastered: that is the whole ladder, well done.\nWhen you are ready, add a harder ask with `ladder add`.\n"
    }
}

/// The words after an attempt is recorded.
pub fn recorded(attempt: &Attempt, state: &RungState, settings: &Settings, paint: Paint) -> String {
    let status = if state.status == Status::Mastered { ", mastered" } else { "" };
    let mut text = format!(
        "{} attempt {} on #{} {}: {}. {}{status}.\n",
        paint.bold("Recorded"),
        attempt.id,
        state.rung.id,
        quoted(&state.rung.ask),
        attempt.outcome,
        reps(state, settings)
    );
    let word = match attempt.outcome {
        Outcome::Yes => "A yes: thank them, and tell them what their help changed.",
        Outcome::Partial => "Some help is still help, and the rep counts. Thank them for what they could do.",
        Outcome::No if attempt.note.is_some() => {
            "A no still counts: you asked, and that was the rep. Good that you wrote down what you learned."
        }
        Outcome::No => {
            "A no still counts: you asked, and that was the rep. What did you learn? (--note keeps it with the attempt.)"
        }
        Outcome::NoAnswer => "No answer yet still counts: you asked. A gentle follow-up is fine.",
    };
    text.push_str(word);
    text.push('\n');
    text
}

fn quoted(ask: &str) -> String {
    format!("\u{201c}{ask}\u{201d}")
}

/// Every rung as a table, in climbing order. The Who column shows only when someone is named.
pub fn list(states: &[RungState], paint: Paint) -> String {
    if states.is_empty() {
        return "Your ladder is empty. Start with `ladder init --example` or `ladder add`.\n".to_string();
    }
    let with_who = states.iter().any(|s| s.rung.who.is_some());
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    if paint.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = paint.width {
        table.set_width(width).set_content_arrangement(ContentArrangement::Dynamic);
    }
    let header = ["ID", "Stakes", "Ask", "Who", "Tries", "Status"].into_iter().filter(|h| with_who || *h != "Who");
    table.set_header(header.map(|h| Cell::new(h).add_attribute(Attribute::Bold)));
    for state in states {
        let rung = state.rung;
        let mut row = vec![
            Cell::new(rung.id).set_alignment(CellAlignment::Right),
            Cell::new(rung.stakes).set_alignment(CellAlignment::Right).fg(stakes_color(rung.stakes)),
            Cell::new(&rung.ask),
        ];
        if with_who {
            row.push(Cell::new(rung.who.as_deref().unwrap_or("")));
        }
        row.push(Cell::new(state.attempts.len()).set_alignment(CellAlignment::Right));
        row.push(Cell::new(state.status.as_str()).fg(status_color(state.status)));
        table.add_row(row);
    }
    table.lines().map(|line| line.trim_end().to_string() + "\n").collect()
}

fn status_color(status: Status) -> Color {
    match status {
        Status::New => Color::Cyan,
        Status::Practising => Color::Yellow,
        Status::Mastered => Color::Green,
    }
}

/// Calm colours that still tell low, middle and high stakes apart at a glance.
fn stakes_color(stakes: u8) -> Color {
    match stakes {
        0..=30 => Color::Green,
        31..=60 => Color::Yellow,
        _ => Color::Magenta,
    }
}

const BAR_CELLS: usize = 20;

/// How far the ladder has come.
pub fn progress(ladder: &Ladder, states: &[RungState], paint: Paint) -> String {
    let mastered = states.iter().filter(|s| s.status == Status::Mastered).count();
    let total = states.len();
    let filled = (mastered * BAR_CELLS).checked_div(total).unwrap_or(0);
    let percent = (mastered * 100).checked_div(total).unwrap_or(0);
    let bar = format!("{}{}", paint.wrap("32", &"█".repeat(filled)), paint.dim(&"░".repeat(BAR_CELLS - filled)));
    let mut text = format!("{} {mastered} of {total} rungs  {bar} {percent}%\n", paint.bold("Mastered"));
    let [yes, partial, no, no_answer] = plan::outcome_counts(ladder);
    let attempts = ladder.attempts.len();
    let noun = if attempts == 1 { "attempt" } else { "attempts" };
    let _ = writeln!(text, "{attempts} {noun}: {yes} yes · {partial} partial · {no} no · {no_answer} no answer");
    match no {
        0 => {}
        1 => text.push_str("That no was a rep too: you asked anyway.\n"),
        _ => {
            let _ = writeln!(text, "Each of those {no} no's was a rep too: you asked anyway.");
        }
    }
    match plan::next(states) {
        Some(next) => {
            let _ = writeln!(
                text,
                "{} #{} {} (stakes {})",
                paint.bold("Next:"),
                next.rung.id,
                next.rung.ask,
                next.rung.stakes
            );
        }
        None => text.push_str(nothing_next(ladder)),
    }
    text
}

// JSON: the shapes are documented in the README and kept stable.

#[derive(Serialize)]
pub struct NextJson<'a> {
    id: u32,
    ask: &'a str,
    stakes: u8,
    who: Option<&'a str>,
    tags: &'a [String],
    status: &'static str,
    attempts: usize,
    counted: u32,
    needed: u32,
}

pub fn next_json<'a>(state: &RungState<'a>, settings: &Settings) -> NextJson<'a> {
    let rung = state.rung;
    NextJson {
        id: rung.id,
        ask: &rung.ask,
        stakes: rung.stakes,
        who: rung.who.as_deref(),
        tags: &rung.tags,
        status: state.status.as_str(),
        attempts: state.attempts.len(),
        counted: state.counted,
        needed: settings.repeat,
    }
}

#[derive(Serialize)]
pub struct RungJson<'a> {
    id: u32,
    ask: &'a str,
    stakes: u8,
    who: Option<&'a str>,
    tags: &'a [String],
    created: Option<String>,
    status: &'static str,
    counted: u32,
    attempts: Vec<AttemptJson<'a>>,
}

#[derive(Serialize)]
pub struct AttemptJson<'a> {
    id: u32,
    at: String,
    outcome: &'static str,
    before: Option<u8>,
    after: Option<u8>,
    note: Option<&'a str>,
}

pub fn list_json<'a>(states: &[RungState<'a>]) -> Vec<RungJson<'a>> {
    states
        .iter()
        .map(|state| RungJson {
            id: state.rung.id,
            ask: &state.rung.ask,
            stakes: state.rung.stakes,
            who: state.rung.who.as_deref(),
            tags: &state.rung.tags,
            created: state.rung.created.map(|d| d.to_string()),
            status: state.status.as_str(),
            counted: state.counted,
            attempts: state.attempts.iter().map(|a| attempt_json(a)).collect(),
        })
        .collect()
}

fn attempt_json(attempt: &Attempt) -> AttemptJson<'_> {
    AttemptJson {
        id: attempt.id,
        at: attempt.at.to_rfc3339(),
        outcome: attempt.outcome.as_str(),
        before: attempt.before,
        after: attempt.after,
        note: attempt.note.as_deref(),
    }
}

#[derive(Serialize)]
pub struct ProgressJson<'a> {
    rungs: usize,
    mastered: usize,
    attempts: usize,
    outcomes: Outcomes,
    next: Option<NextJson<'a>>,
}

#[derive(Serialize)]
struct Outcomes {
    yes: usize,
    partial: usize,
    no: usize,
    no_answer: usize,
}

pub fn progress_json<'a>(ladder: &Ladder, states: &[RungState<'a>]) -> ProgressJson<'a> {
    let [yes, partial, no, no_answer] = plan::outcome_counts(ladder);
    ProgressJson {
        rungs: states.len(),
        mastered: states.iter().filter(|s| s.status == Status::Mastered).count(),
        attempts: ladder.attempts.len(),
        outcomes: Outcomes { yes, partial, no, no_answer },
        next: plan::next(states).map(|s| next_json(s, &ladder.settings)),
    }
}
