//! The words of `ladder import`: where each rung lands, what was skipped and why.

use std::fmt::{self, Write as _};

use crate::error::{NotImported, Spot, Unimportable};
use crate::model::shown;
use crate::model::{Ladder, Rung};
use crate::rules::import::Plan;

/// What an import did (or, in a dry run, would do): each new rung with where it lands on `after`, the ladder
/// with the import made; then the asks skipped, the columns not read, and the journal brought along.
pub fn imported(plan: &Plan, places: &[Spot], ignored: &[String], after: &Ladder, name: &str, dry_run: bool) -> String {
    let mut out = String::new();
    let rungs = counted(plan.added.len(), "rung", "rungs");
    let name = shown::line(name);
    if plan.is_empty() {
        let _ = writeln!(out, "Nothing to import from {name}: every ask in it is on your ladder already.");
    } else if dry_run {
        let _ = writeln!(out, "Would import {rungs} from {name} (a dry run: nothing was written):");
    } else {
        let _ = writeln!(out, "Imported {rungs} from {name}, as one change (`ladder undo` takes it all back):");
    }
    // Lowest stakes first, as `plan::neighbours` orders them: each rung's neighbours found by a search, not a scan.
    let mut order: Vec<&Rung> = after.rungs.iter().collect();
    order.sort_by_key(|r| (r.stakes, r.id));
    for (rung, index) in &plan.added {
        let (below, above) = neighbours(&order, rung);
        let _ = writeln!(
            out,
            "  {}: #{} {} ({}), {}",
            place(places, *index),
            rung.id,
            shown::line(&rung.ask),
            rung.stakes,
            shown::line(&super::placement(below, above))
        );
    }
    for (index, twin) in &plan.skipped {
        let _ = writeln!(
            out,
            "Skipped {}: rung #{} {} has the same words.",
            place(places, *index),
            twin.id,
            super::grow::short(&twin.ask)
        );
    }
    if let Some(names) = listed(ignored) {
        let columns = if ignored.len() == 1 { "the column" } else { "the columns" };
        let _ = writeln!(out, "Not read: {columns} {names}.");
    }
    let [attempts, hesitations, gifts] = plan.brought();
    let journal: Vec<String> = [
        (attempts, "attempt", "attempts"),
        (hesitations, "hesitation", "hesitations"),
        (gifts, "note of help given", "notes of help given"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| counted(n, one, many))
    .collect();
    if !journal.is_empty() {
        let with = if dry_run { "Would bring along" } else { "Brought along" };
        let _ = writeln!(out, "{with}: {}.", journal.join(", "));
    }
    if plan.attempts_skipped > 0 {
        let _ = writeln!(
            out,
            "Left out {} of the skipped asks: the rung already on your ladder keeps its own.",
            counted(plan.attempts_skipped, "attempt", "attempts")
        );
    }
    out
}

/// The rungs just below `rung` (at its stakes or lower) and just above it (higher), as `plan::neighbours` finds
/// them among the others in `order`, sorted by stakes and ID.
fn neighbours<'a>(order: &[&'a Rung], rung: &Rung) -> (Option<&'a Rung>, Option<&'a Rung>) {
    let end = order.partition_point(|r| r.stakes <= rung.stakes);
    let below = order[..end].iter().rev().find(|r| r.id != rung.id).copied();
    (below, order.get(end).copied())
}

/// Where a found rung was ("row 3"), as the person can find it in their worksheet.
fn place(places: &[Spot], index: usize) -> String {
    places.get(index).map_or_else(|| format!("entry {}", index + 1), ToString::to_string)
}

impl fmt::Display for Spot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Spot::Line(n) => write!(f, "line {n}"),
            Spot::LineColumn(line, column) => write!(f, "line {line}, column {column}"),
            Spot::Row(row) => write!(f, "row {row}"),
            Spot::Cell { row, column, header } => {
                write!(f, "row {row}, column {} \u{201c}{header}\u{201d}", letter(*column))
            }
            Spot::Path(path) => f.write_str(path),
            Spot::Rung(id) => write!(f, "rung {id}"),
        }
    }
}

/// A column's letter, as a spreadsheet shows it: A, B, ..., Z, AA.
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(r).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

impl fmt::Display for Unimportable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        f.write_str(&not_imported(&self.why))
    }
}

/// What is wrong with a worksheet, and, where it helps, what to do.
fn not_imported(why: &NotImported) -> String {
    let example = "as in \u{201c}- Ask Sam for a lift (40)\u{201d}";
    match why {
        NotImported::NotText => {
            "it is not text (a spreadsheet's own file?); save it as CSV first, or give a list, one ask a line"
                .to_string()
        }
        NotImported::Empty => "it is empty: there is nothing to import".to_string(),
        NotImported::Ladder(bad) => bad.to_string(),
        NotImported::Csv(err) => format!("it does not read as a table ({err})"),
        NotImported::NumberHeader => "the first row holds a number, so it is not a header; add a first row that names \
                                      the columns, as in \u{201c}Situation,Distress (0-100)\u{201d}"
            .to_string(),
        NotImported::NoColumn { ask } => format!(
            "the first row is read as the header, and no column there is for {}",
            if *ask {
                "the situation (call it \u{201c}Situation\u{201d} or \u{201c}Ask\u{201d})"
            } else {
                "the rating (call it \u{201c}Distress (0-100)\u{201d}, \u{201c}SUDS\u{201d} or \u{201c}Stakes\u{201d})"
            }
        ),
        NotImported::Text(bad) => bad.to_string(),
        NotImported::NoSituation => "the situation is empty".to_string(),
        NotImported::NoRating => "there is no rating (0 to 100)".to_string(),
        NotImported::RatingTooHigh(n) => {
            format!("the rating is {n}; ratings go from 0 (calm) to 100 (the worst imaginable)")
        }
        NotImported::NotARating(text) => format!("\u{201c}{text}\u{201d} is not a number from 0 to 100"),
        NotImported::TooMany { rows } => format!("it has too many {}", if *rows { "rows" } else { "lines" }),
        NotImported::NoRatingAtEnd => {
            format!("there is no rating at the end; put the distress (0 to 100) in brackets, {example}")
        }
        NotImported::NoAsks => format!("it holds no asks: write one a line, with its rating, {example}"),
        NotImported::Json(why) => format!("it does not read as `ladder export --format json` ({why})"),
        NotImported::Twice(id) => format!("rung {id} is there twice"),
        NotImported::NoRung(id) => format!("there is no rung {id}"),
        NotImported::NotOne(bad) => bad.to_string(),
        NotImported::OverHundred(value) => format!("{value} is more than 100; ratings go from 0 to 100"),
        NotImported::NotADay(text) => format!("\u{201c}{text}\u{201d} is not a day like 2026-11-22"),
        NotImported::NotAMoment(text) => {
            format!("\u{201c}{text}\u{201d} is not a moment like 2026-11-22T18:30:00+01:00")
        }
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "“A”, “B” and “C”", or `None` for no names.
fn listed(names: &[String]) -> Option<String> {
    let quoted: Vec<String> = names.iter().map(|n| format!("\u{201c}{}\u{201d}", shown::line(n))).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// The error line for a worksheet ladder cannot import.
pub fn refused(name: &str, why: &str) -> String {
    format!("cannot import {}: {}; nothing was imported", shown::line(name), shown::line(why))
}

/// The error line for a worksheet ladder cannot import, for what is wrong in it.
pub fn unimportable(name: &str, why: &Unimportable) -> String {
    refused(name, &why.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_a_worksheet_is_said_as_a_spreadsheet_shows_it() {
        assert_eq!((letter(0), letter(25), letter(27)), ("A".into(), "Z".into(), "AB".into()));
        let cell = Spot::Cell { row: 3, column: 0, header: "Situation".into() };
        let why = Unimportable { at: Some(cell), why: NotImported::NoSituation };
        assert_eq!(why.to_string(), "row 3, column A \u{201c}Situation\u{201d}: the situation is empty");
        let json = Unimportable { at: Some(Spot::Path("rungs[0].stakes".into())), why: NotImported::OverHundred(101) };
        assert_eq!(json.to_string(), "rungs[0].stakes: 101 is more than 100; ratings go from 0 to 100");
    }
}
