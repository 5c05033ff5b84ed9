//! The words of `ladder import`: where each rung lands, what was skipped and why.

use std::fmt::Write as _;

use crate::model::shown;
use crate::model::{Ladder, Rung};
use crate::rules::import::Plan;

/// What an import did (or, in a dry run, would do): each new rung with where it lands on `after`, the ladder
/// with the import made; then the asks skipped, the columns not read, and the journal brought along.
pub fn imported(
    plan: &Plan,
    places: &[String],
    ignored: &[String],
    after: &Ladder,
    name: &str,
    dry_run: bool,
) -> String {
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
fn place(places: &[String], index: usize) -> String {
    places.get(index).cloned().unwrap_or_else(|| format!("entry {}", index + 1))
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
