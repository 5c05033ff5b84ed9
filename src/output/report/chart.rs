//! `ladder progress --chart`: each practised rung's distress, before and after each of its latest attempts, as
//! a bar on a labelled 0-100 scale with the attempt's day, answer and numbers, to fit the terminal.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::fit;
use crate::model::{Attempt, Ladder};
use crate::output::render::Paint;
use crate::output::render::table::wrap;
use crate::rules::plan;
use crate::rules::plan::RungState;

/// The most attempts drawn for one rung: the latest.
const LATEST: usize = 10;
/// The widest bar: 2 SUDS a column.
const BAR_MAX: usize = 50;
/// The narrowest bar: 10 SUDS a column, each drawn in eighths.
const BAR_MIN: usize = 10;
/// Horizontal eighths of a column, from one eighth to seven.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

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

/// The column of `value` on a bar `bar` columns wide, rounded.
fn at(value: u8, bar: usize) -> usize {
    (usize::from(value.min(100)) * bar + 50) / 100
}

/// The mark of a distress rated before an ask whose after was not rated: there is no drop to draw.
const BEFORE_ALONE: char = '●';

/// One attempt's bar, `bar` columns: solid up to the distress after, in eighths, light shade on up to the
/// distress before when it was higher, and the comfortable line where the bar does not reach. With only the
/// distress before rated, no bar: a mark where it was (on its tick of the scale), as no fall is known.
fn bar(before: Option<u8>, after: Option<u8>, bar: usize, comfortable: usize, paint: Paint) -> String {
    if let (Some(before), None) = (before, after) {
        let mark = at(before, bar).min(bar.saturating_sub(1));
        return (0..bar)
            .map(|column| match column {
                c if c == mark => BEFORE_ALONE,
                c if c == comfortable => '┆',
                _ => ' ',
            })
            .collect();
    }
    let eighths = after.map_or(0, |a| usize::from(a.min(100)) * bar * 8 / 100);
    let (full, part) = (eighths / 8, eighths % 8);
    let solid_end = full + usize::from(part > 0);
    let shade_end = before.map_or(0, |b| at(b, bar)).max(solid_end);
    let mut text = "█".repeat(full);
    if part > 0 {
        text.push(EIGHTHS[part - 1]);
    }
    if shade_end > solid_end {
        text.push_str(&paint.dim(&"░".repeat(shade_end - solid_end)));
    }
    for column in shade_end..bar {
        text.push(if column == comfortable { '┆' } else { ' ' });
    }
    text
}

/// The scale above the bars: its labels, then its line with a tick every 10 (every 20, or 25, on a bar
/// narrower than 30) and the comfortable mark.
fn scale(bar: usize, comfortable: usize) -> (String, String) {
    let (step, tick): (u8, u8) = match bar {
        30.. => (20, 10),
        20.. => (20, 20),
        _ => (25, 25),
    };
    let mut labels = String::new();
    for value in (0..=100u8).step_by(usize::from(step)) {
        let label = value.to_string();
        let start = at(value, bar).saturating_sub(label.len() / 2).max(labels.chars().count() + usize::from(value > 0));
        labels.push_str(&" ".repeat(start - labels.chars().count()));
        labels.push_str(&label);
    }
    let ticks: Vec<usize> = (0..=100u8).step_by(usize::from(tick)).map(|v| at(v, bar)).collect();
    let line: String = (0..=bar)
        .map(|column| match column {
            0 => '├',
            c if c == bar => '┤',
            c if c == comfortable => '┆',
            c if ticks.contains(&c) => '┼',
            _ => '─',
        })
        .collect();
    (labels, line)
}

/// Every rung with rated attempts, in climbing order: its title, wrapped, then a bar for each of its latest
/// attempts, with the day, the answer and the numbers, on a labelled 0-100 scale, in at most `width` columns.
pub fn distress_charts(ladder: &Ladder, width: usize, today: NaiveDate, paint: Paint) -> String {
    let width = width.max(32);
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
    // Each rung's latest rated attempts; the columns are as wide as all of them need, so the charts line up.
    let latest: Vec<(&RungState, Vec<&Attempt>, usize)> = states
        .iter()
        .map(|state| {
            let rated: Vec<&Attempt> =
                state.attempts.iter().copied().filter(|a| a.before.or(a.after).is_some()).collect();
            let all = rated.len();
            (state, rated[all.saturating_sub(LATEST)..].to_vec(), all)
        })
        .collect();
    // The mark of a distress rated only before is explained when a chart shows one.
    let alone = latest.iter().flat_map(|(_, shown, _)| shown).any(|a| a.before.is_some() && a.after.is_none());
    let alone = if alone { format!(", {BEFORE_ALONE} before, when after was not rated") } else { String::new() };
    let mut text = String::new();
    let legend = format!(
        "Distress before → after each attempt, 0 to 100: █ after, ░ the drop from before{alone}, ┆ \
         comfortable ({comfortable} or less)."
    );
    for line in wrap(&legend, "", u16::try_from(width).ok()) {
        let _ = writeln!(text, "{}", fit(&line, width));
    }
    let day = |a: &Attempt| {
        let date = a.at.date_naive();
        let format = if date.year() == today.year() { "%-d %b" } else { "%-d %b %Y" };
        date.format(format).to_string()
    };
    let answer = |a: &Attempt| a.outcome.as_str().replace('-', " ");
    let number = |n: Option<u8>| n.map_or("–".to_string(), |n| n.to_string());
    let numbers = |a: &Attempt| format!("{} → {}", number(a.before), number(a.after));
    let widest = |measure: &dyn Fn(&Attempt) -> usize| {
        latest.iter().flat_map(|(_, shown, _)| shown.iter().map(|a| measure(a))).max().unwrap_or(0)
    };
    let day_width = widest(&|a| day(a).chars().count());
    let answer_width = widest(&|a| answer(a).len());
    let numbers_width = widest(&|a| numbers(a).chars().count());
    // The day and the answer beside the bar; on a narrow terminal, on a line of their own above it, so that the
    // bar keeps a scale fine enough to read.
    let beside = day_width + 1 + answer_width + 2;
    let stacked = width.saturating_sub(beside + 1 + numbers_width) < 20;
    let prefix = if stacked { 2 } else { beside };
    let room = width.saturating_sub(prefix + 1 + numbers_width);
    let bar_width = [BAR_MAX, 40, 30, 20].into_iter().find(|b| *b <= room).unwrap_or(room / 2 * 2).max(BAR_MIN);
    let line_at = at(comfortable, bar_width);
    for (state, shown, rated) in &latest {
        let more = if shown.len() < *rated { format!(", last {} of {rated}", shown.len()) } else { String::new() };
        // "(stakes 30)" kept on one line: its spaces held by a private-use character while the title wraps.
        let stakes = format!("(stakes {}{more})", state.rung.stakes).replace(' ', "\u{e000}");
        let title = format!("#{} {} {stakes}", state.rung.id, printable(&state.rung.ask));
        text.push('\n');
        for line in wrap(&title, "", u16::try_from(width).ok()) {
            let _ = writeln!(text, "{}", paint.bold(&fit(&line.replace('\u{e000}', " "), width)));
        }
        let (labels, line) = scale(bar_width, line_at);
        let pad = " ".repeat(prefix);
        let _ = writeln!(text, "{pad}{labels}");
        let _ = writeln!(text, "{pad}{line}");
        for attempt in shown {
            let bar = bar(attempt.before, attempt.after, bar_width, line_at, paint);
            if stacked {
                let _ = writeln!(text, "{}, {}", day(attempt), answer(attempt));
                let _ = writeln!(text, "{pad}{bar} {}", numbers(attempt));
            } else {
                let _ = writeln!(
                    text,
                    "{:>day_width$} {:<answer_width$}  {bar} {}",
                    day(attempt),
                    answer(attempt),
                    numbers(attempt)
                );
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths_and_shade_up_to_before() {
        let plain = Paint { color: false, width: None };
        assert_eq!(bar(Some(60), Some(30), 10, 3, plain), "███░░░    ");
        assert_eq!(bar(Some(60), Some(25), 10, 3, plain), "██▌░░░    ");
        assert_eq!(bar(None, Some(100), 10, 3, plain), "██████████");
        // Only before rated: no drop to draw, a mark on its tick (the last column for 100), over the line.
        assert_eq!(bar(Some(20), None, 10, 3, plain), "  ●┆      ");
        assert_eq!(bar(Some(100), None, 10, 3, plain), "   ┆     ●");
        assert_eq!(bar(Some(30), None, 10, 3, plain), "   ●      ");
        assert_eq!(bar(Some(10), Some(35), 20, 6, plain), format!("███████{}", " ".repeat(13)));
    }

    #[test]
    fn the_scale_is_labelled_every_20_and_every_25_on_a_narrow_bar() {
        assert_eq!(
            scale(50, 15),
            (
                "0        20        40        60        80        100".to_string(),
                "├────┼────┼────┆────┼────┼────┼────┼────┼────┼────┤".to_string()
            )
        );
        assert_eq!(scale(12, 4), ("0 25 50 75 100".to_string(), "├──┼┆─┼──┼──┤".to_string()));
        assert_eq!(scale(20, 6), ("0  20  40  60  80  100".to_string(), "├───┼─┆─┼───┼───┼───┤".to_string()));
    }
}
