//! `ladder progress --chart`: each practised rung's distress, before and after every attempt, as bars of
//! Unicode blocks that fit the terminal.

use std::fmt::Write as _;

use super::fit;
use crate::model::{Attempt, Ladder};
use crate::output::render::Paint;
use crate::rules::plan;

/// Rows of a chart; each is a quarter of the 0-100 scale, drawn in eighths.
const ROWS: usize = 4;
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// The axis on the left: "100┤".
const AXIS: usize = 4;

/// The block for one cell of a bar of `value` SUDS on row `row` (0 at the bottom), or `None` when empty.
fn cell(value: Option<u8>, row: usize) -> Option<char> {
    let eighths = usize::from(value?.min(100)) * ROWS * 8 / 100;
    let fill = eighths.saturating_sub(row * 8).min(8);
    (fill > 0).then(|| BLOCKS[fill - 1])
}

/// Text from the file made safe for a terminal: a control character or a bidirectional override could
/// repaint the screen or reorder what follows, so each shows as a replacement character.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Every rung with rated attempts, in climbing order, as a small chart at most `width` columns wide.
pub fn distress_charts(ladder: &Ladder, width: usize, paint: Paint) -> String {
    let width = width.max(24);
    let comfortable = ladder.settings.comfortable;
    let states: Vec<_> = plan::survey(ladder)
        .into_iter()
        .filter(|s| s.attempts.iter().any(|a| a.before.or(a.after).is_some()))
        .collect();
    if states.is_empty() {
        return "No distress rated yet. Rate it before and after an ask (ladder done --before N --after N) \
                and the chart shows it falling.\n"
            .to_string();
    }
    let mut text = fit("Distress before (left) and after (right) each attempt, 0 to 100.", width);
    text.push('\n');
    text.push_str(&fit(&format!("┄ marks comfortable ({comfortable} or less)."), width));
    text.push('\n');
    let fits = (width - AXIS - 1) / 3;
    for state in &states {
        let rated: Vec<&Attempt> = state.attempts.iter().copied().filter(|a| a.before.or(a.after).is_some()).collect();
        let shown = &rated[rated.len().saturating_sub(fits)..];
        let more = if shown.len() < rated.len() {
            format!(", last {} of {}", shown.len(), rated.len())
        } else {
            String::new()
        };
        let title = format!("#{} {} (stakes {}{more})", state.rung.id, printable(&state.rung.ask), state.rung.stakes);
        let _ = writeln!(text, "\n{}", paint.bold(&fit(&title, width)));
        let line_row = usize::from(comfortable.min(99)) * ROWS / 100;
        for row in (0..ROWS).rev() {
            let label = match row {
                r if r == ROWS - 1 => "100┤",
                r if r == ROWS / 2 => " 50┤",
                _ => "   │",
            };
            let mut line = label.to_string();
            let gap = if row == line_row { '┄' } else { ' ' };
            for attempt in shown {
                line.push(gap);
                let before = cell(attempt.before, row).map_or(gap.to_string(), |c| paint.dim(&c.to_string()));
                let after = cell(attempt.after, row).map_or(gap.to_string(), |c| c.to_string());
                line.push_str(&before);
                line.push_str(&after);
            }
            let used = AXIS + shown.len() * 3;
            if row == line_row && used + 13 <= width {
                let _ = write!(line, " comfortable");
            }
            let _ = writeln!(text, "{}", line.trim_end());
        }
        let _ = writeln!(text, "  0┴{}", "─".repeat(shown.len() * 3));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths_of_a_quarter() {
        assert_eq!(cell(Some(100), 3), Some('█'));
        assert_eq!(cell(Some(50), 1), Some('█'));
        assert_eq!(cell(Some(50), 2), None);
        assert_eq!(cell(Some(30), 1), Some('▁'));
        assert_eq!(cell(None, 0), None);
        assert_eq!(cell(Some(0), 0), None);
    }
}
