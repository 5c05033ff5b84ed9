//! Growing the ladder: where an ask would sit, hesitations noticed, ideas from the bank.

use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, CellAlignment};

use super::{Paint, lines, quoted, stakes_color, table};
use crate::ideas::Idea;
use crate::ladder::{Hesitation, Ladder, Rung};
use crate::plan;

/// An ask cut at a word to a short label, for a line that names several.
fn short(ask: &str) -> String {
    let cut: String = ask.chars().take(32).collect();
    if cut.len() == ask.len() {
        return quoted(ask);
    }
    let words = cut.rfind(' ').map_or(cut.as_str(), |end| &cut[..end]);
    format!("\u{201c}{}…\u{201d}", words.trim_end())
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
pub fn noticed(hesitation: &Hesitation, rungs: &[Rung], paint: Paint) -> String {
    let mut text = format!(
        "{} (#{}). Wanting to ask and holding back is exactly the moment this ladder is for.\n",
        paint.bold("Noticed"),
        hesitation.id
    );
    if let Some(story) = &hesitation.story {
        let _ = writeln!(text, "You told yourself: {}. Is that true, or is it fear talking?", quoted(story));
    }
    match hesitation.stakes {
        Some(stakes) => {
            let (below, above) = plan::neighbours(rungs, stakes);
            let _ = writeln!(text, "At stakes {stakes} it would sit {}.", placement(below, above));
            let _ = writeln!(text, "Make it a rung when you are ready: ladder promote {}", hesitation.id);
        }
        None => {
            let _ = writeln!(text, "Make it a rung when you are ready: ladder promote {} --stakes N", hesitation.id);
        }
    }
    text
}

/// Hesitations, newest first, marking those already promoted.
pub fn hesitations(ladder: &Ladder, noticed: &[&Hesitation], paint: Paint) -> String {
    if noticed.is_empty() {
        return "No hesitations noted yet. When you hold back from asking, note it: ladder hesitated \"...\"\n"
            .to_string();
    }
    let mut text = String::new();
    for h in noticed {
        let stakes = h.stakes.map_or(String::new(), |s| format!("stakes {s}"));
        let promoted = match h.rung {
            Some(id) if ladder.rung(id).is_some() => format!("  → rung #{id}"),
            Some(id) => format!("  → rung #{id} (since removed)"),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "{:<4} {}  {:<9} {}{promoted}",
            format!("#{}", h.id),
            paint.dim(&h.at.format("%Y-%m-%d").to_string()),
            stakes,
            h.text
        );
        if let Some(story) = &h.story {
            let _ = writeln!(text, "     You told yourself: {}", story.replace('\n', " "));
        }
    }
    text
}

/// Ideas from the bank as a table, and how to add one.
pub fn ideas(shown: &[&Idea], total: usize, paint: Paint) -> String {
    if shown.is_empty() {
        return "No ideas left to suggest here: every one is on your ladder already.\n".to_string();
    }
    let mut table = table(paint);
    table.set_header(["ID", "Stakes", "Area", "Ask"].map(|h| Cell::new(h).add_attribute(Attribute::Bold)));
    for idea in shown {
        table.add_row(vec![
            Cell::new(idea.id).set_alignment(CellAlignment::Right),
            Cell::new(idea.stakes).set_alignment(CellAlignment::Right).fg(stakes_color(idea.stakes)),
            Cell::new(&idea.tag),
            Cell::new(&idea.ask),
        ]);
    }
    let mut text = lines(&table);
    if total > shown.len() {
        let _ = writeln!(text, "{} of {total} shown; --limit {total} shows them all.", shown.len());
    }
    text.push_str("Add one with: ladder add --idea ID (its stakes are a typical guess; --stakes N sets yours)\n");
    text
}
