//! `ladder report`: one self-contained HTML page to bring to a therapist or coach. No scripts, no links out,
//! charts as inline SVG each with its facts in text, and print styles that fit a month on two A4 pages.

use std::fmt::Write as _;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use super::svg::{self, status_word};
use super::{Masker, Names};
use crate::model::{Attempt, Ladder, Mastery, Outcome};
use crate::rules::plan::{self, RungState, Status};

const STYLE: &str = "\
body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;color:#222;max-width:680px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
h3{font-size:1em;margin:.8em 0 .2em}p{margin:.3em 0}.quiet{color:#555}svg{display:block;max-width:100%;height:auto}
.charts{display:flex;flex-wrap:wrap;gap:.6em .8em}figure{margin:0;width:160px;break-inside:avoid}
figcaption{font-size:.8em;line-height:1.25;min-height:3.75em}ul{margin:.3em 0;padding-left:1.2em}li{margin:.15em 0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
section{break-inside:auto}.box{border:2px solid #5b84b8;padding:.2em .8em .4em;margin-top:.8em}.box h2{margin-top:.3em}
table.attempts{border-collapse:collapse;font-size:.8em;width:100%}.attempts th,.attempts td{text-align:left;padding:0 .4em 0 0;vertical-align:top}
.attempts tr{border-bottom:1px solid #eee}.attempts td:first-child{white-space:nowrap}h2,h3{break-after:avoid}footer{margin-top:1.5em;font-size:.8em;color:#555}
@page{size:A4;margin:14mm}
@media print{body{font-size:10pt;margin:0;max-width:none;padding:0}h2{margin-top:.7em}footer{margin-top:.8em}}
";

/// Escapes text for HTML, in elements and in quoted attributes alike; a control character has no place on a
/// page: a tab or a line break reads as a space.
pub fn escape(text: &str) -> String {
    super::escaped(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

pub(super) fn day(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    at.with_timezone(now.offset()).format("%-d %b").to_string()
}

/// Text in a person's own words, escaped and isolated for direction, so that Arabic or Hebrew reads right
/// and does not reorder the words around it.
pub(super) fn own(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// A period as a clinician writes it: "9 to 22 Nov 2026", "26 Oct to 22 Nov 2026", "29 Dec 2025 to 4 Jan 2026",
/// or one day alone.
fn span(from: NaiveDate, to: NaiveDate) -> String {
    use chrono::Datelike;
    let start = if from == to {
        return to.format("%-d %b %Y").to_string();
    } else if from.year() != to.year() {
        "%-d %b %Y"
    } else if from.month() != to.month() {
        "%-d %b"
    } else {
        "%-d"
    };
    format!("{} to {}", from.format(start), to.format("%-d %b %Y"))
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The whole report for what happened from `since` to `now`, with names shown as `names` says.
pub fn report(ladder: &Ladder, since: NaiveDate, names: Names, now: DateTime<FixedOffset>) -> String {
    let period = super::since(ladder, since, now);
    let masker = Masker::new(ladder, names);
    let states = plan::survey(ladder);
    let dates = span(since, now.date_naive());
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Exposure practice, {dates}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n\
         <h1>Exposure practice, {dates}</h1>\n"
    );
    super::story::story(&mut html, ladder, &states, since, &masker, now);
    let _ = writeln!(html, "<p class=\"quiet\">{}</p>", escape(&crate::output::render::care::crisis(&ladder.settings)));
    html.push_str("</header>\n");
    super::story::therapist(&mut html, ladder, &states, since, &masker, now);
    super::story::attempts(&mut html, &states, since, &masker, now);
    predictions(&mut html, &period, &masker);
    safety(&mut html, &period, &masker);
    thermometer(&mut html, &states, &masker);
    distress(&mut html, &period, &masker, now);
    rhythm(&mut html, ladder, &period, since, now);
    notes(&mut html, &period, &masker, now);
    let shown = match names {
        Names::Full => "as written",
        Names::Initials => "as initials",
        Names::None => "as \u{201c}someone\u{201d}",
    };
    let _ = write!(
        html,
        "</main>\n<footer>\n<p>Made by ladder on {} from your own records. Names of the people you asked are shown {shown}; \
         notes and hesitations are in your own words.</p>\n</footer>\n</body>\n</html>\n",
        now.format("%-d %b %Y")
    );
    html
}

fn percent(n: u32) -> (f64, String) {
    (f64::from(n) / 100.0, format!("{n}%"))
}

fn predictions(html: &mut String, period: &Ladder, masker: &Masker) {
    html.push_str("<section>\n<h2>What your predictions and fears turned out to be</h2>\n");
    let lessons = plan::lessons(period);
    let mut any = false;
    if let (Some(predicted), Some(actual)) = (lessons.predicted_yes, lessons.actual_yes) {
        any = true;
        let text = format!("You expected a yes {predicted}% of the time; people said yes {actual}% of the time.");
        let (p, pt) = percent(predicted);
        let (a, at) = percent(actual);
        html.push_str(&svg::bars(&[("You expected a yes", p, pt), ("People said yes", a, at)], &text));
        let _ = writeln!(html, "\n<p>{}</p>", escape(&text));
    }
    if lessons.fear_recorded > 0 {
        any = true;
        let text = format!(
            "Your fear came true {} of {} you checked.",
            lessons.fear_happened,
            plural(lessons.fear_recorded, "time", "times")
        );
        // In words alone: a bar of the fears checked against those that came true says no more.
        let _ = writeln!(html, "<p>{}</p>", escape(&text));
        fears(html, period, masker);
    }
    if !any {
        html.push_str(
            "<p class=\"quiet\">No predictions or fears were written down in this period. Next time, try writing \
             what you fear and your guess at a yes before you ask (ladder add \u{2026} --fear \u{2026} --chance N), \
             and afterwards whether the fear came true.</p>\n",
        );
    }
    html.push_str("</section>\n");
}

/// The safety behaviours named on rungs or attempts in the period, with how often each was relied on and done
/// without; nothing when none was named.
fn safety(html: &mut String, period: &Ladder, masker: &Masker) {
    let mut named: Vec<(&str, usize, usize)> = Vec::new();
    let texts = (period.rungs.iter().flat_map(|r| r.safety.iter()))
        .chain(period.attempts.iter().flat_map(|a| a.used.iter().chain(&a.dropped)));
    for text in texts {
        if !named.iter().any(|(t, _, _)| *t == text.as_str()) {
            named.push((text, 0, 0));
        }
    }
    if named.is_empty() {
        return;
    }
    for (text, used, dropped) in &mut named {
        *used = period.attempts.iter().filter(|a| a.used.iter().any(|u| u == text)).count();
        *dropped = period.attempts.iter().filter(|a| a.dropped.iter().any(|d| d == text)).count();
    }
    html.push_str(
        "<section>\n<h2>Safety behaviours</h2>\n<p>What you do to feel safer while asking. An ask that relied on one \
         counts as practice, not a rep: doing without them is how you learn you can cope.</p>\n<ul>\n",
    );
    for (text, used, dropped) in named {
        let _ = writeln!(
            html,
            "<li>\u{201c}{}\u{201d}: relied on {}, done without {}.</li>",
            own(&masker.text(text)),
            plural(used, "time", "times"),
            plural(dropped, "time", "times")
        );
    }
    html.push_str("</ul>\n</section>\n");
}

/// Each fear written down, with how often it was checked and came true.
fn fears(html: &mut String, period: &Ladder, masker: &Masker) {
    let mut items = String::new();
    for rung in period.rungs.iter().filter(|r| r.fear.is_some()) {
        let checked: Vec<bool> =
            period.attempts.iter().filter(|a| a.rung == rung.id).filter_map(|a| a.fear_happened).collect();
        if let (Some(fear), false) = (&rung.fear, checked.is_empty()) {
            let _ = writeln!(
                items,
                "<li>\u{201c}{}\u{201d}: came true {} of {}.</li>",
                own(&masker.text(fear)),
                checked.iter().filter(|h| **h).count(),
                plural(checked.len(), "time", "times")
            );
        }
    }
    if !items.is_empty() {
        let _ = write!(html, "<ul>\n{items}</ul>\n");
    }
}

fn thermometer(html: &mut String, states: &[RungState], masker: &Masker) {
    html.push_str("<section>\n<h2>The ladder</h2>\n");
    if states.is_empty() {
        html.push_str("<p>Your ladder has no rungs yet.</p>\n</section>\n");
        return;
    }
    let count = |status| states.iter().filter(|s| s.status == status).count();
    let text = format!(
        "{} rungs from stakes {} to {}: {} mastered, {} in progress, {} not started.",
        states.len(),
        states.first().map_or(0, |s| s.rung.stakes),
        states.last().map_or(0, |s| s.rung.stakes),
        count(Status::Mastered),
        count(Status::Practising),
        count(Status::New)
    );
    html.push_str(&svg::thermometer(states, masker, &format!("Your ladder as a fear thermometer. {text}")));
    let _ = writeln!(html, "\n<p>{} Green is mastered, amber in progress, white not started.</p>", escape(&text));
    // Easier steps added before rungs that were harder than planned (`ladder split`).
    let steps: Vec<String> = states
        .iter()
        .filter_map(|s| {
            let hard = states.iter().find(|h| Some(h.rung.uid.as_str()) == s.rung.before.as_deref())?;
            Some(format!(
                "\u{201c}{}\u{201d} ({}) before \u{201c}{}\u{201d} ({})",
                masker.text(&s.rung.ask),
                s.rung.stakes,
                masker.text(&hard.rung.ask),
                hard.rung.stakes
            ))
        })
        .collect();
    if !steps.is_empty() {
        let _ = writeln!(
            html,
            "<p>Easier steps added before a rung that was harder than planned: {}.</p>",
            escape(&steps.join("; "))
        );
    }
    html.push_str("<table class=\"sr-only\"><tr><th>Stakes</th><th>Ask</th><th>Where it stands</th></tr>\n");
    for state in states.iter().rev() {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            state.rung.stakes,
            own(&masker.text(&state.rung.ask)),
            status_word(state.status)
        );
    }
    html.push_str("</table>\n</section>\n");
}

fn rated(a: &Attempt) -> bool {
    a.before.is_some() || a.after.is_some()
}

fn suds(value: Option<u8>) -> String {
    value.map_or_else(|| "not rated".to_string(), |v| v.to_string())
}

fn distress(html: &mut String, period: &Ladder, masker: &Masker, now: DateTime<FixedOffset>) {
    let settings = &period.settings;
    html.push_str("<section>\n<h2>Distress before and after each attempt</h2>\n");
    let practised: Vec<RungState> =
        plan::survey(period).into_iter().filter(|s| s.attempts.iter().any(|a| rated(a))).collect();
    if practised.is_empty() {
        html.push_str(
            "<p class=\"quiet\">No distress was rated in this period. Rating it before and after an ask \
             (ladder done --before N --after N) shows how it falls with practice.</p>\n</section>\n",
        );
        return;
    }
    // The lines are the calm rule's; under the learning rule they are landmarks, and what counts is said.
    let counts = match settings.mastery {
        Mastery::Calm => "An attempt counts when it ends at or below either.",
        Mastery::Learning => &format!(
            "Under the learning rule an attempt counts when the ask was made, the fear was checked and no safety \
             behaviour was leaned on, unless it was very hard (distress of {} or more, or distress that rose {}): \
             short of that, the lines are landmarks.",
            crate::rules::care::VERY_HIGH,
            crate::output::say::very_hard_rise()
        ),
    };
    let _ = writeln!(
        html,
        "<p class=\"quiet\">One chart per rung you practised, 0 to 100. Hollow dots: before; filled dots: after. \
         Dashed green line: comfortable ({}). Amber marks: {}% of the distress before, the habituation line. \
         {counts}</p>\n<div class=\"charts\">",
        settings.comfortable, settings.habituation
    );
    for state in &practised {
        let attempts: Vec<&Attempt> = state.attempts.iter().copied().filter(|a| rated(a)).collect();
        let ask = own(&masker.text(&state.rung.ask));
        let readings: Vec<String> = attempts
            .iter()
            .map(|a| format!("{}: before {}, after {}", day(a.at, now), suds(a.before), suds(a.after)))
            .collect();
        let label = format!("Distress on \u{201c}{}\u{201d}. {}.", masker.text(&state.rung.ask), readings.join("; "));
        let _ = write!(
            html,
            "<figure>\n<figcaption>#{} {ask} (stakes {})</figcaption>\n{}\n\
             <table class=\"sr-only\"><tr><th>Day</th><th>Answer</th><th>Before</th><th>After</th></tr>\n",
            state.rung.id,
            state.rung.stakes,
            svg::distress(&attempts, &attempts.iter().map(|a| day(a.at, now)).collect::<Vec<_>>(), settings, &label)
        );
        for a in &attempts {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                day(a.at, now),
                answer(a.outcome),
                suds(a.before),
                suds(a.after)
            );
        }
        html.push_str("</table>\n</figure>\n");
    }
    html.push_str("</div>\n</section>\n");
}

pub(super) fn answer(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::NoAnswer => "no answer",
        other => other.as_str(),
    }
}

/// Attempts in each ISO week from the one holding `since` to this one.
/// Each week from `since` to now, with its days of practice toward the target (counted over the whole ladder, so
/// that what was mastered before the period is known).
fn weeks(ladder: &Ladder, since: NaiveDate, now: DateTime<FixedOffset>) -> Vec<(NaiveDate, usize)> {
    let offset = *now.offset();
    let this = plan::week_of(now, offset);
    let days = plan::practice_days(&plan::survey(ladder), offset);
    let mut week = since - Days::new(u64::from(chrono::Datelike::weekday(&since).num_days_from_monday()));
    let mut weeks = Vec::new();
    while week <= this {
        let n = days.get(&week).map_or(0, Vec::len);
        weeks.push((week, n));
        week = week + Days::new(7);
    }
    weeks
}

/// The most weeks the rhythm chart draws; a longer period shows its latest weeks.
const WEEKS_DRAWN: usize = 26;

fn rhythm(html: &mut String, ladder: &Ladder, period: &Ladder, since: NaiveDate, now: DateTime<FixedOffset>) {
    html.push_str("<section>\n<h2>Your weekly rhythm</h2>\n");
    let target = period.settings.weekly_target;
    let weeks = weeks(ladder, since, now);
    // A first week the period began after its Monday is drawn but not counted: a week of one day in the period
    // is no week missed. This week counts, as the week in progress.
    let counted = match weeks.first() {
        Some((monday, _)) if *monday < since && weeks.len() > 1 => &weeks[1..],
        _ => &weeks[..],
    };
    let from = (counted.len() < weeks.len() && counted.len() > 1).then(|| counted[0].0);
    let met = counted.iter().filter(|(_, n)| u32::try_from(*n).unwrap_or(u32::MAX) >= target).count();
    let drawn = &weeks[weeks.len().saturating_sub(WEEKS_DRAWN)..];
    let counts: Vec<String> = drawn.iter().map(|(w, n)| format!("week of {}: {n}", w.format("%-d %b"))).collect();
    let of = match from {
        Some(monday) => format!("{} from Monday {}", plural(counted.len(), "week", "weeks"), monday.format("%-d %b")),
        None => plural(counted.len(), "week", "weeks"),
    };
    let text = format!(
        "Your target is {} with practice a week; you met it in {met} of {of}. {}.",
        plural(usize::try_from(target).unwrap_or(0), "day", "days"),
        counts.join("; ")
    );
    html.push_str(&svg::rhythm(drawn, target, &text));
    // A streak may have begun before the period: it is counted over the whole journal.
    let streak = plan::rhythm(ladder, now).streak_weeks;
    let streak = match streak {
        0 => String::from(" A week below target is not a failure; any ask keeps the habit alive."),
        n => format!(" Your streak is {}.", plural(usize::try_from(n).unwrap_or(0), "week", "weeks")),
    };
    let latest = if drawn.len() < weeks.len() {
        format!(" The chart shows the latest {}.", plural(drawn.len(), "week", "weeks"))
    } else {
        String::new()
    };
    let how_often = match (counted.len(), met, from) {
        (1, 1, _) => "you have met it this week".to_string(),
        (1, _, _) => "not yet this week".to_string(),
        (_, met, Some(_)) => format!("you met it in {met} of {of}"),
        (n, met, None) => format!("you met it in {met} of these {n} weeks"),
    };
    let _ = writeln!(
        html,
        "\n<p>Your target is {} with practice a week; {how_often}.{streak}{latest}</p>",
        plural(usize::try_from(target).unwrap_or(0), "day", "days"),
    );
    html.push_str("<table class=\"sr-only\"><tr><th>Week of</th><th>Days with practice</th></tr>\n");
    for (week, n) in &weeks {
        let _ = writeln!(html, "<tr><td>{}</td><td>{n}</td></tr>", week.format("%-d %b"));
    }
    html.push_str("</table>\n</section>\n");
}

fn notes(html: &mut String, period: &Ladder, masker: &Masker, now: DateTime<FixedOffset>) {
    html.push_str("<section>\n<h2>Hesitations and what you learned</h2>\n");
    if period.hesitations.is_empty() {
        html.push_str("<p class=\"quiet\">No hesitations noted in this period.</p>\n");
    } else {
        let _ = writeln!(
            html,
            "<h3>Moments you held back ({})</h3>\n<p class=\"quiet\">Noticing is progress too.</p>\n<ul>",
            period.hesitations.len()
        );
        for h in &period.hesitations {
            let story = h.story.as_deref().map_or(String::new(), |s| {
                format!(" <span class=\"quiet\">(noted: \u{201c}{}\u{201d})</span>", own(&masker.text(s)))
            });
            let _ = writeln!(html, "<li>{}: {}{story}</li>", day(h.at, now), own(&masker.text(&h.text)));
        }
        html.push_str("</ul>\n");
    }
    // A note is "what you learned" only when the person said so (`done --learned`); other notes are notes.
    let learned = attempt_texts(period, masker, now, |a| a.learned.as_deref());
    let notes = attempt_texts(period, masker, now, |a| a.note.as_deref());
    if learned.is_empty() && notes.is_empty() {
        html.push_str("<p class=\"quiet\">No notes in this period.</p>\n");
    }
    for (title, items) in [("What you learned", learned), ("Your notes", notes)] {
        if !items.is_empty() {
            let _ = write!(html, "<h3>{title}</h3>\n<ul>\n{items}</ul>\n");
        }
    }
    html.push_str("</section>\n");
}

/// One list item for each attempt with a text (`text` picks which), oldest first, naming its day and ask.
fn attempt_texts(
    period: &Ladder,
    masker: &Masker,
    now: DateTime<FixedOffset>,
    text: impl Fn(&Attempt) -> Option<&str>,
) -> String {
    let mut with: Vec<&Attempt> = period.attempts.iter().filter(|a| text(a).is_some()).collect();
    with.sort_by_key(|a| (a.at, a.id));
    let rungs = period.rungs_by_id();
    let mut items = String::new();
    for a in with {
        // The rung by its number and a short ask: the table of attempts above has the rest.
        let ask = rungs.get(&a.rung).map_or(String::new(), |r| super::fit_words(&masker.text(&r.ask), 32));
        let _ = writeln!(
            items,
            "<li>{}, #{} {} ({}): {}</li>",
            day(a.at, now),
            a.rung,
            own(&ask),
            answer(a.outcome),
            own(&masker.text(text(a).unwrap_or_default()))
        );
    }
    items
}
