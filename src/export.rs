//! The whole ladder as CSV, a Markdown report or JSON: to share with a therapist or coach, or to open in a
//! spreadsheet. Pure: a ladder in, text out.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::json;
use crate::ladder::{Ladder, Settings};
use crate::plan::{self, Status};
use crate::shown;

const CSV_COLUMNS: [&str; 12] =
    ["rung_id", "ask", "stakes", "who", "tags", "status", "attempt_id", "at", "outcome", "before", "after", "note"];

/// RFC 4180: one row per attempt, with its rung's fields; a rung with no attempts gets one row of its own.
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
            out.push_str(&csv_row(rung_fields.iter().cloned().chain(std::iter::repeat_n(String::new(), 6))));
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
            out.push_str(&csv_row(rung_fields.iter().cloned().chain(attempt_fields)));
        }
    }
    out
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

/// A one-page report: where the ladder stands, every rung, every attempt.
pub fn markdown(ladder: &Ladder, now: DateTime<FixedOffset>) -> String {
    let states = plan::survey(ladder);
    let mastered = states.iter().filter(|s| s.status == Status::Mastered).count();
    let [yes, partial, no, no_answer] = plan::outcome_counts(ladder);
    let mut out = String::from("# My ladder of asks\n\n");
    let _ = writeln!(out, "Exported {}.\n", now.date_naive());
    let _ = writeln!(out, "- Mastered {mastered} of {} rungs.", states.len());
    let _ = writeln!(
        out,
        "- {} attempts: {yes} yes, {partial} partial, {no} no, {no_answer} no answer.",
        ladder.attempts.len()
    );
    match plan::next(&states) {
        Some(next) => {
            let _ =
                writeln!(out, "- Next step: #{} {} (stakes {}).", next.rung.id, cell(&next.rung.ask), next.rung.stakes);
        }
        None => out.push_str("- No next step: the ladder is empty or every rung is mastered.\n"),
    }
    let Settings { repeat, comfortable, .. } = ladder.settings;
    let _ = writeln!(
        out,
        "\nStakes and distress are SUDS, 0-100. A rung is mastered after {repeat} attempts at or below {comfortable}.\n"
    );

    out.push_str("## The ladder\n\n| ID | Stakes | Ask | Who | Tries | Status |\n|---:|---:|---|---|---:|---|\n");
    for state in &states {
        let rung = state.rung;
        let who = rung.who.as_deref().map(cell).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {who} | {} | {} |",
            rung.id,
            rung.stakes,
            cell(&rung.ask),
            state.attempts.len(),
            state.status.as_str()
        );
    }

    out.push_str("\n## Attempts\n\n");
    if ladder.attempts.is_empty() {
        out.push_str("None yet.\n");
        return out;
    }
    out.push_str("| Date | Rung | Outcome | Before | After | Note |\n|---|---:|---|---:|---:|---|\n");
    let mut attempts: Vec<_> = ladder.attempts.iter().collect();
    attempts.sort_by_key(|a| (a.at, a.id));
    for a in attempts {
        let suds = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let note = a.note.as_deref().map(cell).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | #{} | {} | {} | {} | {note} |",
            a.at.format("%Y-%m-%d %H:%M"),
            a.rung,
            a.outcome,
            suds(a.before),
            suds(a.after)
        );
    }
    out
}

/// Text made safe for one Markdown table cell: no raw HTML, nothing that ends the cell or the row.
fn cell(text: &str) -> String {
    shown::lines(text)
        .replace('\\', "\\\\")
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
}

#[derive(Serialize)]
struct SettingsJson {
    repeat: u32,
    comfortable: u8,
    habituation: u8,
    max_step: u8,
    weekly_target: u32,
}

/// Everything, as JSON: the rungs as `list --json` gives them, and the figures of `progress --json`.
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
        },
        rungs: json::list(&states),
        progress: json::progress(ladder, &states, now),
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
