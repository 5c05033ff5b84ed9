//! Growing the ladder: where an ask would sit, hesitations noticed, ideas from the bank.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::table::{self, Cell, Column};
use super::{Paint, quoted, stakes_color};
use crate::model::{Hesitation, Ladder, Rung};
use crate::rules::ideas::Idea;
use crate::rules::plan;

/// An ask cut at a word to a short label, for a line that names several; shown safely (escapes as text).
pub(super) fn short(ask: &str) -> String {
    let cut: String = ask.chars().take(32).collect();
    if cut.len() == ask.len() {
        return crate::model::shown::line(&quoted(ask)).into_owned();
    }
    let words = cut.rfind(' ').map_or(cut.as_str(), |end| &cut[..end]);
    crate::model::shown::line(&format!("\u{201c}{}…\u{201d}", words.trim_end())).into_owned()
}

/// Where on the ladder an ask sits: "between #3 “Ask …” (25) and #4 “Ask …” (30)".
pub fn placement(below: Option<&Rung>, above: Option<&Rung>) -> String {
    let named = |r: &Rung| format!("#{} {} ({})", r.id, short(&r.ask), r.stakes);
    match (below, above) {
        (Some(b), Some(a)) => format!("between {} and {}", named(b), named(a)),
        (Some(b), None) => format!("at the top, above {}", named(b)),
        (None, Some(a)) => format!("at the bottom, below {}", named(a)),
        (None, None) => "as the first rung".to_string(),
    }
}

/// The reply to `ladder hesitated`: the story named back gently, the challenge, and where it would sit.
pub fn noticed(hesitation: &Hesitation, rungs: &[Rung], today: NaiveDate, paint: Paint) -> String {
    let mut text = format!(
        "{} (#{}) {}{}. Wanting to ask and holding back is exactly the moment this ladder is for.\n",
        paint.bold("Noticed"),
        hesitation.id,
        quoted(&hesitation.text),
        super::mend::on_day(hesitation.at.date_naive(), today)
    );
    if let Some(story) = &hesitation.story {
        let _ = writeln!(text, "You told yourself: {}. Is that true, or is it fear talking?", quoted(story));
    }
    let rung = hesitation.rung.and_then(|id| rungs.iter().find(|r| r.id == id));
    match (rung, hesitation.stakes) {
        (Some(rung), _) => {
            let _ = writeln!(
                text,
                "It is the ask of rung {}, so it is noted as that rung's. When you try it: ladder done {}",
                super::mend::subject(rung),
                rung.id
            );
        }
        (None, Some(stakes)) => {
            let (below, above) = plan::neighbours(rungs, stakes);
            let _ = writeln!(text, "At stakes {stakes} it would sit {}.", placement(below, above));
            let _ = writeln!(text, "Make it a rung when you are ready: ladder promote {}", hesitation.id);
        }
        (None, None) => {
            let _ = writeln!(text, "Make it a rung when you are ready: ladder promote {} --stakes N", hesitation.id);
        }
    }
    text
}

/// Hesitations, newest first, marking those already promoted.
pub fn hesitations(ladder: &Ladder, noticed: &[&Hesitation], paint: Paint) -> String {
    if noticed.is_empty() {
        return super::prose::wrap(
            "No hesitations noted yet. When you hold back from asking, note it: ladder hesitated \"...\"\n",
            paint.width,
        );
    }
    let columns =
        [Column::fixed("ID", 0), Column::fixed("Day", 0), Column::fixed("Stakes", 1), Column::text("Text", 0).folded()];
    let rows: Vec<Vec<Cell>> = noticed
        .iter()
        .map(|h| {
            let promoted = match h.rung {
                Some(id) if ladder.rung(id).is_some() => format!("  → rung #{id}"),
                Some(id) => format!("  → rung #{id} (since removed)"),
                None => String::new(),
            };
            vec![
                Cell::new(format!("#{}", h.id)),
                Cell::painted(h.at.format("%Y-%m-%d"), "2"),
                Cell::new(h.stakes.map_or(String::new(), |s| format!("stakes {s}"))),
                Cell::new(format!("{}{promoted}", h.text)),
            ]
        })
        .collect();
    let mut text = String::new();
    let (lines, shown) = table::laid_out(&columns, &rows, false, paint);
    // The stakes are seen nowhere else: with no room for their column they are said beneath.
    let stakes_below = !shown.contains(&2);
    for (h, line) in noticed.iter().zip(lines) {
        let _ = writeln!(text, "{line}");
        let mut below = Vec::new();
        if let Some(stakes) = h.stakes.filter(|_| stakes_below) {
            below.push(format!("Stakes {stakes}."));
        }
        if let Some(story) = &h.story {
            below.push(format!("You told yourself: {story}"));
        }
        text.push_str(&super::prose::paragraph(&below.join(" "), "     ", paint.width));
    }
    text
}

/// Ideas from the bank as a table, and how to add one.
pub fn ideas(shown: &[&Idea], total: usize, paint: Paint) -> String {
    if shown.is_empty() {
        return "No ideas left to suggest here: every one is on your ladder already.\n".to_string();
    }
    let columns = [
        Column::number("ID", 0),
        Column::number("Stakes", 2),
        Column::fixed("Area", 1),
        Column::text("Ask", 0).folded(),
    ];
    let rows: Vec<Vec<Cell>> = shown
        .iter()
        .map(|idea| {
            vec![
                Cell::new(idea.id),
                Cell::painted(idea.stakes, stakes_color(idea.stakes)),
                Cell::new(&idea.tag),
                Cell::new(&idea.ask),
            ]
        })
        .collect();
    let mut text = table::text(&columns, &rows, true, paint);
    if total > shown.len() {
        let more = format!("{} of {total} shown; --limit {total} shows them all.", shown.len());
        text.push_str(&super::prose::paragraph(&more, "", paint.width));
    }
    let how = "Add one with: ladder add --idea ID (its stakes are a typical guess; --stakes N sets yours)";
    text.push_str(&super::prose::paragraph(how, "", paint.width));
    text
}

/// Why an ask with the same words as a rung on the ladder was not added: the rung, and how to go on.
/// `what` is what was not done ("nothing was added"); `anyway` what `--anyway` does.
pub fn twin_refused(twin: &Rung, nothing: &str, anyway: &str) -> String {
    format!("rung {} has the same words (stakes {}), so {nothing}. {anyway}", super::mend::subject(twin), twin.stakes)
}
