//! The report's charts as inline SVG: plain shapes and text, sized in CSS pixels, readable in grey on paper.
//! Each is an image with a label; the report puts the same facts in text beside it.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::html::escape;
use super::{Masker, fit};
use crate::model::{Attempt, Settings};
use crate::rules::plan::{RungState, Status};

// Marks that carry meaning keep 3:1 against the white page (WCAG 1.4.11); FAINT is only a guide line.
const MASTERED: &str = "#2e7d32";
const PRACTISING: &str = "#b07d00";
const BLUE: &str = "#5b84b8";
const INK: &str = "#333";
const FAINT: &str = "#bbb";

/// The opening tag of a chart: an image for screen readers, labelled with `label`.
fn open(width: u32, height: u32, label: &str) -> String {
    format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"{}\">\n",
        escape(label)
    )
}

/// A person's own words in an SVG `<text>`, which has no `<bdi>`: between first-strong and pop isolates, so
/// an ask in Arabic or Hebrew takes its own direction and its punctuation stays at its end.
fn isolated(text: &str) -> String {
    format!("\u{2068}{}\u{2069}", escape(text))
}

/// Horizontal bars, each a label, a share from 0 to 1, and the words at its end.
pub fn bars(rows: &[(&str, f64, String)], label: &str) -> String {
    let height = u32::try_from(rows.len()).unwrap_or(0) * 24 + 4;
    let mut svg = open(640, height, label);
    for (i, (name, share, value)) in rows.iter().enumerate() {
        let y = u32::try_from(i).unwrap_or(0) * 24 + 4;
        let width = (share.clamp(0.0, 1.0) * 300.0).round();
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"12\" fill=\"{INK}\">{}</text>\
             <rect x=\"190\" y=\"{y}\" width=\"300\" height=\"16\" fill=\"none\" stroke=\"{FAINT}\"/>\
             <rect x=\"190\" y=\"{y}\" width=\"{width}\" height=\"16\" fill=\"{}\"/>\
             <text x=\"500\" y=\"{}\" font-size=\"12\" fill=\"{INK}\">{}</text>",
            y + 12,
            escape(name),
            if i % 2 == 0 { BLUE } else { MASTERED },
            y + 12,
            escape(value)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The word for a rung's status in the report.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Mastered => "mastered",
        Status::Practising => "in progress",
        Status::New => "not started",
    }
}

/// The ladder as a fear thermometer: rungs stacked by stakes, highest at the top, each segment of the tube
/// filled by how far that rung has come.
pub fn thermometer(states: &[RungState], masker: &Masker, label: &str) -> String {
    const ROW: u32 = 14;
    let rows = u32::try_from(states.len()).unwrap_or(0);
    let height = rows * ROW + 34;
    let mut svg = open(640, height, label);
    let _ = writeln!(
        svg,
        "<text x=\"52\" y=\"11\" font-size=\"10\" fill=\"#666\">stakes</text>\
         <circle cx=\"24\" cy=\"{}\" r=\"13\" fill=\"{BLUE}\" stroke=\"{INK}\"/>",
        rows * ROW + 19
    );
    for (i, state) in states.iter().rev().enumerate() {
        let y = u32::try_from(i).unwrap_or(0) * ROW + 14;
        let fill = match state.status {
            Status::Mastered => MASTERED,
            Status::Practising => PRACTISING,
            Status::New => "#fff",
        };
        let _ = writeln!(
            svg,
            "<rect x=\"16\" y=\"{y}\" width=\"16\" height=\"{ROW}\" fill=\"{fill}\" stroke=\"{INK}\"/>\
             <text x=\"52\" y=\"{ty}\" font-size=\"11\" fill=\"{INK}\">{}</text>\
             <text x=\"82\" y=\"{ty}\" font-size=\"10\" fill=\"#555\">{}</text>\
             <text x=\"160\" y=\"{ty}\" font-size=\"11\" fill=\"{INK}\">{}</text>",
            state.rung.stakes,
            status_word(state.status),
            isolated(&fit(&masker.text(&state.rung.ask), 72)),
            ty = y + 11
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One rung's distress before (hollow, dashed) and after (filled, solid) each attempt on a 0-100 scale, with
/// the comfortable line and the line at `habituation`% of each before.
/// `dates` are the attempts' days as written, in the same order: the first and the last label the time axis.
pub fn distress(attempts: &[&Attempt], dates: &[String], settings: &Settings, label: &str) -> String {
    const LEFT: f64 = 26.0;
    const RIGHT: f64 = 196.0;
    const TOP: f64 = 8.0;
    const BOTTOM: f64 = 98.0;
    let y = |suds: f64| BOTTOM - suds.min(100.0) / 100.0 * (BOTTOM - TOP);
    let n = attempts.len().max(1);
    #[allow(clippy::cast_precision_loss)] // a handful of attempts
    let step = (RIGHT - LEFT) / n as f64;
    #[allow(clippy::cast_precision_loss)]
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let mut svg = open(200, 112, label);
    for suds in [0u8, 50, 100] {
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{RIGHT}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#eee\"/>\
             <text x=\"{1}\" y=\"{2:.1}\" font-size=\"9\" fill=\"#666\" text-anchor=\"end\">{suds}</text>",
            y(f64::from(suds)),
            LEFT - 3.0,
            y(f64::from(suds)) + 3.0
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" x2=\"{RIGHT}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"{MASTERED}\" stroke-dasharray=\"4 3\"/>",
        y(f64::from(settings.comfortable))
    );
    let series = |value: &dyn Fn(&Attempt) -> Option<f64>| -> Vec<(f64, f64)> {
        attempts.iter().enumerate().filter_map(|(i, a)| value(a).map(|v| (x(i), y(v)))).collect()
    };
    let half = series(&|a| a.before.map(|b| f64::from(b) * f64::from(settings.habituation) / 100.0));
    let before = series(&|a| a.before.map(f64::from));
    let after = series(&|a| a.after.map(f64::from));
    for (x, y) in &half {
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{PRACTISING}\" stroke-width=\"2\"/>",
            x - step.min(16.0) / 2.0,
            x + step.min(16.0) / 2.0
        );
    }
    let line = |points: &[(f64, f64)], dash: &str| {
        let path: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        format!("<polyline points=\"{}\" fill=\"none\" stroke=\"{INK}\"{dash}/>\n", path.join(" "))
    };
    svg.push_str(&line(&before, " stroke-dasharray=\"3 2\""));
    svg.push_str(&line(&after, ""));
    for (x, y) in &before {
        let _ = writeln!(svg, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#fff\" stroke=\"{INK}\"/>");
    }
    for (x, y) in &after {
        let _ = writeln!(svg, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{INK}\"/>");
    }
    let _ = write!(
        svg,
        "<text x=\"{LEFT}\" y=\"110\" font-size=\"9\" fill=\"#666\">{}</text>\
         <text x=\"{RIGHT}\" y=\"110\" font-size=\"9\" fill=\"#666\" text-anchor=\"end\">{}</text>\n</svg>",
        dates.first().map_or("", String::as_str),
        if dates.len() > 1 { dates.last().map_or("", String::as_str) } else { "" }
    );
    svg
}

/// Attempts per week as bars, with the weekly target as a dashed line.
pub fn rhythm(weeks: &[(NaiveDate, usize)], target: u32, label: &str) -> String {
    const BOTTOM: u32 = 86;
    let most = weeks.iter().map(|(_, n)| *n).max().unwrap_or(0).max(usize::try_from(target).unwrap_or(0)).max(1);
    let scale = |n: usize| u32::try_from(n * 70 / most).unwrap_or(70);
    let count = u32::try_from(weeks.len()).unwrap_or(1).max(1);
    let slot = (600 / count).min(80);
    let mut svg = open(640, 104, label);
    for (i, (week, n)) in weeks.iter().enumerate() {
        let x = 30 + u32::try_from(i).unwrap_or(0) * slot;
        let h = scale(*n);
        let fill = if u32::try_from(*n).unwrap_or(u32::MAX) >= target { MASTERED } else { BLUE };
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{h}\" fill=\"{fill}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{INK}\" text-anchor=\"middle\">{n}</text>\
             <text x=\"{}\" y=\"100\" font-size=\"10\" fill=\"#666\" text-anchor=\"middle\">{}</text>",
            BOTTOM - h,
            slot * 3 / 5,
            x + slot * 3 / 10,
            BOTTOM - h - 3,
            x + slot * 3 / 10,
            week.format("%-d %b")
        );
    }
    let target_y = BOTTOM - scale(usize::try_from(target).unwrap_or(0));
    let _ = write!(
        svg,
        "<line x1=\"24\" x2=\"{}\" y1=\"{target_y}\" y2=\"{target_y}\" stroke=\"{INK}\" stroke-dasharray=\"5 3\"/>\
         <text x=\"0\" y=\"{}\" font-size=\"10\" fill=\"#666\">{target}</text>\
         <line x1=\"24\" x2=\"{}\" y1=\"{BOTTOM}\" y2=\"{BOTTOM}\" stroke=\"{FAINT}\"/>\n</svg>",
        30 + count * slot,
        target_y + 4,
        30 + count * slot
    );
    svg
}
