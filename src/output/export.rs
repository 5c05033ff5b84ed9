//! The whole ladder as CSV, a Markdown report or JSON: to share with a therapist or coach, or to open in a
//! spreadsheet. Each holds every rung and attempt, the fears and what came of them, the predicted chance of a yes,
//! thanks, hesitations and help given, and the rule for mastery. Pure: a ladder in, text out.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::model::shown;
use crate::model::{Attempt, Ladder, Mastery, Outcome, Rung, Settings};
use crate::output::json;
use crate::rules::plan::{self, Status};

const CSV_COLUMNS: [&str; 22] = [
    "rung_id",
    "ask",
    "stakes",
    "who",
    "tags",
    "status",
    "attempt_id",
    "at",
    "outcome",
    "before",
    "after",
    "note",
    // Added later, at the end, so that the columns above keep their places.
    "kind",
    "fear",
    "chance",
    "fear_happened",
    "thanked",
    "entry_id",
    "text",
    "story",
    "promoted_to",
    "learned",
];

/// RFC 4180, one table: one row per attempt with its rung's fields (kind `attempt`), a row for each rung with no
/// attempts (`rung`), then one for each hesitation (`hesitation`) and each help given (`gave`), oldest first.
pub fn csv(ladder: &Ladder) -> String {
    let mut out = csv_row(CSV_COLUMNS.map(String::from));
    for state in plan::survey(ladder) {
        let rung = state.rung;
        let rung_fields = [
            rung.id.to_string(),
            rung.ask.clone(),
            rung.stakes.to_string(),
            rung.who.clone().unwrap_or_default(),
            rung.tags.join("; "),
            state.status.as_str().to_string(),
        ];
        if state.attempts.is_empty() {
            let empty = std::iter::repeat_n(String::new(), 6);
            out.push_str(&csv_row(rung_fields.iter().cloned().chain(empty).chain(csv_extra(rung, None))));
        }
        for attempt in &state.attempts {
            let attempt_fields = [
                attempt.id.to_string(),
                attempt.at.to_rfc3339(),
                attempt.outcome.as_str().to_string(),
                attempt.before.map(|v| v.to_string()).unwrap_or_default(),
                attempt.after.map(|v| v.to_string()).unwrap_or_default(),
                attempt.note.clone().unwrap_or_default(),
            ];
            out.push_str(&csv_row(
                rung_fields.iter().cloned().chain(attempt_fields).chain(csv_extra(rung, Some(attempt))),
            ));
        }
    }
    for hesitation in by_time(&ladder.hesitations, |h| (h.at, h.id)) {
        out.push_str(&csv_entry(&[
            ("kind", "hesitation".into()),
            ("entry_id", hesitation.id.to_string()),
            ("at", hesitation.at.to_rfc3339()),
            ("stakes", hesitation.stakes.map(|s| s.to_string()).unwrap_or_default()),
            ("text", hesitation.text.clone()),
            ("story", hesitation.story.clone().unwrap_or_default()),
            ("promoted_to", hesitation.rung.map(|r| r.to_string()).unwrap_or_default()),
        ]));
    }
    for gift in by_time(&ladder.gifts, |g| (g.at, g.id)) {
        out.push_str(&csv_entry(&[
            ("kind", "gave".into()),
            ("entry_id", gift.id.to_string()),
            ("at", gift.at.to_rfc3339()),
            ("who", gift.to.clone()),
            ("text", gift.text.clone()),
        ]));
    }
    out
}

/// The columns added at the end for a rung's row or an attempt's: what the person predicted and what came of it.
fn csv_extra(rung: &Rung, attempt: Option<&Attempt>) -> [String; 10] {
    [
        if attempt.is_some() { "attempt" } else { "rung" }.to_string(),
        rung.fear.clone().unwrap_or_default(),
        rung.chance.map(|c| c.to_string()).unwrap_or_default(),
        yes_no(attempt.and_then(|a| a.fear_happened)).to_string(),
        yes_no(attempt.and_then(|a| a.thanked)).to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        attempt.and_then(|a| a.learned.clone()).unwrap_or_default(),
    ]
}

/// A row of a hesitation or a help given: the named columns filled, the others empty.
fn csv_entry(fields: &[(&str, String)]) -> String {
    csv_row(CSV_COLUMNS.map(|column| {
        fields.iter().find(|(name, _)| *name == column).map(|(_, value)| value.clone()).unwrap_or_default()
    }))
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// Journal entries oldest first (the file keeps them in the order they were written, which a hand edit may not).
fn by_time<T, K: Ord>(entries: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut sorted: Vec<&T> = entries.iter().collect();
    sorted.sort_by_key(|e| key(e));
    sorted
}

fn newest_first<T, K: Ord>(entries: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut sorted = by_time(entries, key);
    sorted.reverse();
    sorted
}

fn csv_row(fields: impl IntoIterator<Item = String>) -> String {
    let fields: Vec<String> = fields.into_iter().map(|f| csv_field(&f)).collect();
    fields.join(",") + "\r\n"
}

/// One cell: control and bidi characters shown escaped, a would-be formula neutralised, quoted if needed.
fn csv_field(field: &str) -> String {
    let shown = shown::lines(field);
    // A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe makes it
    // text (OWASP, "CSV Injection"). Numbers in ladder's columns are never negative, so only text is changed.
    let field = if shown.starts_with(FORMULA_STARTS) { format!("'{shown}") } else { shown.into_owned() };
    if field.contains([',', '"', '\r', '\n']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field }
}

const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\0'];

/// A one-page report: where the ladder stands and what the person's own records show, the rule for mastery,
/// every rung, every attempt, the hesitations noticed and the help given.
pub fn markdown(ladder: &Ladder, now: DateTime<FixedOffset>) -> String {
    let states = plan::survey(ladder);
    let mut out = String::from("# My ladder of asks\n\n");
    let _ = writeln!(out, "Exported {}.\n", now.date_naive());
    for line in summary(ladder, &states, now) {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(out, "\n{SUDS}\n\n{}\n", mastery_rule(&ladder.settings));

    out.push_str("## The ladder\n\n| ID | Stakes | Ask | Who | Tries | Status | Fear | Guessed yes |\n");
    out.push_str("|---:|---:|---|---|---:|---|---|---:|\n");
    for state in &states {
        let rung = state.rung;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            rung.id,
            rung.stakes,
            cell(&rung.ask),
            optional_cell(rung.who.as_deref()),
            state.attempts.len(),
            state.status.as_str(),
            optional_cell(rung.fear.as_deref()),
            rung.chance.map(|c| format!("{c}%")).unwrap_or_default(),
        );
    }

    out.push_str("\n## Attempts\n\n");
    if ladder.attempts.is_empty() {
        out.push_str("None yet.\n");
    } else {
        // The peak, the safety behaviours and what was learned have columns when any attempt has them, as the
        // report's table has its peak: a ladder that never records them keeps its narrow table.
        let peaks = ladder.attempts.iter().any(|a| a.peak.is_some());
        let safety = ladder.attempts.iter().any(|a| !a.used.is_empty() || !a.dropped.is_empty());
        let learned = ladder.attempts.iter().any(|a| a.learned.is_some());
        let mut head = String::from("| Date | Rung | Outcome | Before |");
        let mut rule = String::from("|---|---:|---|---:|");
        if peaks {
            head.push_str(" Peak |");
            rule.push_str("---:|");
        }
        head.push_str(" After | Fear came true | Thanked |");
        rule.push_str("---:|---|---|");
        if safety {
            head.push_str(" Safety behaviours |");
            rule.push_str("---|");
        }
        if learned {
            head.push_str(" Learned |");
            rule.push_str("---|");
        }
        let _ = writeln!(out, "{head} Note |\n{rule}---|");
        for a in by_time(&ladder.attempts, |a| (a.at, a.id)) {
            let suds = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
            let _ =
                write!(out, "| {} | #{} | {} | {} |", a.at.format("%Y-%m-%d %H:%M"), a.rung, a.outcome, suds(a.before));
            if peaks {
                let _ = write!(out, " {} |", suds(a.peak));
            }
            let _ = write!(out, " {} | {} | {} |", suds(a.after), yes_no(a.fear_happened), yes_no(a.thanked));
            if safety {
                let _ = write!(out, " {} |", safety_cell(a));
            }
            if learned {
                let _ = write!(out, " {} |", optional_cell(a.learned.as_deref()));
            }
            let _ = writeln!(out, " {} |", optional_cell(a.note.as_deref()));
        }
    }

    out.push_str("\n## Hesitations\n\nMoments of wanting to ask and holding back.\n\n");
    if ladder.hesitations.is_empty() {
        out.push_str("None noted.\n");
    } else {
        out.push_str("| Date | Wanted to ask | The story told | Stakes | Became |\n|---|---|---|---:|---|\n");
        for h in by_time(&ladder.hesitations, |h| (h.at, h.id)) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                h.at.format("%Y-%m-%d"),
                cell(&h.text),
                optional_cell(h.story.as_deref()),
                h.stakes.map(|s| s.to_string()).unwrap_or_default(),
                h.rung.map(|r| format!("rung #{r}")).unwrap_or_default(),
            );
        }
    }

    out.push_str("\n## Help given\n\n");
    if ladder.gifts.is_empty() {
        out.push_str("None noted.\n");
    } else {
        out.push_str("| Date | To | What |\n|---|---|---|\n");
        for g in by_time(&ladder.gifts, |g| (g.at, g.id)) {
            let _ = writeln!(out, "| {} | {} | {} |", g.at.format("%Y-%m-%d"), cell(&g.to), cell(&g.text));
        }
    }
    out
}

/// The safety behaviours of an attempt, as the report words them: "relied on: a, b; did without: c".
fn safety_cell(attempt: &Attempt) -> String {
    let mut parts = Vec::new();
    if !attempt.used.is_empty() {
        parts.push(format!("relied on: {}", attempt.used.iter().map(|u| cell(u)).collect::<Vec<_>>().join(", ")));
    }
    if !attempt.dropped.is_empty() {
        parts.push(format!("did without: {}", attempt.dropped.iter().map(|d| cell(d)).collect::<Vec<_>>().join(", ")));
    }
    parts.join("; ")
}

/// The report's opening lines: mastery, outcomes, predictions against what happened, thanks, noticing, giving.
fn summary(ladder: &Ladder, states: &[plan::RungState], now: DateTime<FixedOffset>) -> Vec<String> {
    let mastered = states.iter().filter(|s| s.status == Status::Mastered).count();
    let [yes, partial, no, no_answer] = plan::outcome_counts(ladder);
    let mut lines = vec![
        format!("Mastered {mastered} of {}.", counted(states.len(), "rung")),
        format!(
            "{}: {yes} yes, {partial} partial, {no} no, {no_answer} no answer.",
            counted(ladder.attempts.len(), "attempt")
        ),
    ];
    let lessons = plan::lessons(ladder);
    if lessons.fear_recorded > 0 {
        lines.push(format!(
            "The feared outcome came true {} of the {} times it was checked.",
            lessons.fear_happened, lessons.fear_recorded
        ));
    }
    if let (Some(predicted), Some(actual)) = (lessons.predicted_yes, lessons.actual_yes) {
        lines.push(format!("Expected a yes {predicted}% of the time; people said yes {actual}% of the time."));
    }
    if yes > 0 {
        let thanked = ladder.attempts.iter().filter(|a| a.outcome == Outcome::Yes && a.thanked == Some(true)).count();
        lines.push(format!("Thanked the helper after {thanked} of {yes} yes answers."));
    }
    let promoted = ladder.hesitations.iter().filter(|h| h.rung.is_some()).count();
    lines.push(format!("Hesitations noticed: {} ({promoted} made into rungs).", ladder.hesitations.len()));
    lines.push(format!("Help given to others: {}.", ladder.gifts.len()));
    let step = crate::rules::care::step(ladder, states, now);
    lines.push(match step.state {
        Some(next) if step.down => {
            format!("Next step, a step down: #{} {} (stakes {}).", next.rung.id, cell(&next.rung.ask), next.rung.stakes)
        }
        Some(next) => format!("Next step: #{} {} (stakes {}).", next.rung.id, cell(&next.rung.ask), next.rung.stakes),
        None if !step.resting.is_empty() => "No next step for now: the rungs left are resting.".to_string(),
        None => "No next step: the ladder is empty or every rung is mastered.".to_string(),
    });
    lines
}

/// What the numbers mean, in plain words.
const SUDS: &str = "Stakes and distress are SUDS, subjective units of distress: 0 is calm, 50 clearly anxious, 100 \
    the worst imaginable. Stakes are the distress expected before the first try; before and after are the \
    distress felt around each ask.";

/// The rule `plan::counted` follows, whole, with this ladder's settings.
fn mastery_rule(settings: &Settings) -> String {
    let Settings { repeat, comfortable, habituation, mastery, .. } = *settings;
    let attempts = if repeat == 1 { "attempt counts" } else { "attempts count" };
    let rule = match mastery {
        Mastery::Learning => format!(
            "An attempt counts toward mastering its rung, whatever the answer, when the ask was made (not no \
             answer), when the fear written on its rung (if any) was checked, when no safety behaviour was relied \
             on, and when it was not very hard (distress of {} or more, before, at its peak or after, or distress \
             that rose during it {}).",
            crate::rules::care::VERY_HIGH,
            crate::output::say::very_hard_rise()
        ),
        Mastery::Calm => format!(
            "An attempt counts toward mastering its rung, whatever the answer, when its distress (after the ask, \
             else before it) is at or below {comfortable}, or when distress fell during it to {habituation}% or \
             less of where it started; not when it was not rated, got no answer, or relied on a safety behaviour."
        ),
    };
    format!("{rule} At most one attempt a day counts on each rung. A rung is mastered once {repeat} {attempts}.")
}

/// "1 rung", "2 rungs".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn optional_cell(text: Option<&str>) -> String {
    text.map(cell).unwrap_or_default()
}

/// Text made safe for one Markdown table cell: no raw HTML, no link or image (which a viewer would fetch), nothing
/// that ends the cell or the row.
fn cell(text: &str) -> String {
    shown::lines(text)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

#[derive(Serialize)]
struct Export<'a> {
    exported: String,
    settings: SettingsJson,
    rungs: Vec<json::RungJson<'a>>,
    progress: json::ProgressJson<'a>,
    // Added later: after the fields above, which keep their shape.
    hesitations: Vec<json::HesitationJson<'a>>,
    gifts: Vec<GiftJson<'a>>,
    mastery_rule: String,
    // Added later still, for `ladder import`: what a rung's entry in `rungs` leaves out.
    plans: Vec<PlanJson<'a>>,
}

/// A rung's plan (`ladder plan`: the day and the place, as `agenda --json` gives them) and the harder rung it is a
/// step before (`ladder split`: that rung's uid), for each rung with any of them.
#[derive(Serialize)]
struct PlanJson<'a> {
    id: u32,
    uid: &'a str,
    planned: Option<String>,
    #[serde(rename = "where")]
    place: Option<&'a str>,
    before: Option<&'a str>,
}

/// A help given, as `[[gave]]` holds it.
#[derive(Serialize)]
struct GiftJson<'a> {
    id: u32,
    uid: &'a str,
    at: String,
    to: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct SettingsJson {
    repeat: u32,
    comfortable: u8,
    habituation: u8,
    max_step: u8,
    weekly_target: u32,
    crisis_line: Option<String>,
    mastery: &'static str,
}

/// Everything, as JSON: the rungs as `list --json` gives them, the figures of `progress --json`, the
/// hesitations as `hesitations --json` (newest first), the help given (newest first) and the rule for mastery.
pub fn json(ladder: &Ladder, now: DateTime<FixedOffset>) -> serde_json::Result<String> {
    let states = plan::survey(ladder);
    let export = Export {
        exported: now.to_rfc3339(),
        settings: SettingsJson {
            repeat: ladder.settings.repeat,
            comfortable: ladder.settings.comfortable,
            habituation: ladder.settings.habituation,
            max_step: ladder.settings.max_step,
            weekly_target: ladder.settings.weekly_target,
            crisis_line: ladder.settings.crisis_line.clone(),
            mastery: ladder.settings.mastery.as_str(),
        },
        rungs: json::list(&states),
        progress: json::progress(ladder, &states, now),
        hesitations: json::hesitations(&newest_first(&ladder.hesitations, |h| (h.at, h.id))),
        gifts: newest_first(&ladder.gifts, |g| (g.at, g.id))
            .into_iter()
            .map(|g| GiftJson { id: g.id, uid: &g.uid, at: g.at.to_rfc3339(), to: &g.to, text: &g.text })
            .collect(),
        mastery_rule: mastery_rule(&ladder.settings),
        plans: ladder
            .rungs
            .iter()
            .filter(|r| r.planned.is_some() || r.place.is_some() || r.before.is_some())
            .map(|r| PlanJson {
                id: r.id,
                uid: &r.uid,
                planned: r.planned.map(|d| d.to_string()),
                place: r.place.as_deref(),
                before: r.before.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&export).map(|text| text + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain words"), "plain words");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("<img src=x onerror=alert(1)> & co"), "&lt;img src=x onerror=alert(1)&gt; &amp; co");
        assert_eq!(cell("![x](http://tracker.example/p.png)"), "!\\[x\\](http://tracker.example/p.png)");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        for (text, shown) in [("+1", "'+1"), ("-5 minutes", "'-5 minutes"), ("@SUM(A1)", "'@SUM(A1)")] {
            assert_eq!(csv_field(text), shown);
        }
        assert_eq!(csv_field("1+1=2"), "1+1=2", "only the first character matters");
        assert_eq!(csv_field("\tx"), "\\tx", "a tab is shown escaped, so it cannot start a formula either");
    }

    #[test]
    fn an_empty_ladder_exports_cleanly() {
        let ladder = Ladder::default();
        assert_eq!(csv(&ladder).lines().count(), 1);
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00+01:00").unwrap();
        assert!(markdown(&ladder, now).contains("None yet."));
    }
}
