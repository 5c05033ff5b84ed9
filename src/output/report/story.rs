//! The top of the report, for a clinician who has a minute: what happened in the period in one paragraph, what
//! a therapist should look at, and every attempt with its numbers.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::Masker;
use super::html::{answer, day, own, plural};
use crate::model::{Attempt, Ladder, Mastery};
use crate::rules::care;
use crate::rules::plan::{self, Counted, RERATE_GAP, RungState, Status};

/// The period's attempts of one rung, with their verdicts (given over the rung's whole history).
struct Practised<'s, 'a> {
    state: &'s RungState<'a>,
    /// Places in `state.attempts` of the attempts in the period.
    within: Vec<usize>,
}

fn practised<'s, 'a>(
    states: &'s [RungState<'a>],
    since: NaiveDate,
    now: DateTime<FixedOffset>,
) -> Vec<Practised<'s, 'a>> {
    let local = |at: DateTime<FixedOffset>| at.with_timezone(now.offset()).date_naive();
    states
        .iter()
        .map(|state| Practised {
            state,
            within: (0..state.attempts.len()).filter(|i| local(state.attempts[*i].at) >= since).collect(),
        })
        .filter(|p| !p.within.is_empty())
        .collect()
}

/// `#4 “Ask …”`, the ask masked and escaped.
fn named(state: &RungState, masker: &Masker) -> String {
    format!("#{} \u{201c}{}\u{201d}", state.rung.id, own(&masker.text(&state.rung.ask)))
}

fn joined(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The paragraph that opens the report: asks and answers, rungs mastered and reviewed, fears checked, the
/// hardest moment, and plans whose day passed.
pub fn story(
    html: &mut String,
    ladder: &Ladder,
    states: &[RungState],
    since: NaiveDate,
    masker: &Masker,
    now: DateTime<FixedOffset>,
) {
    let period = super::since(ladder, since, now);
    let practised = practised(states, since, now);
    let mastered = states.iter().filter(|s| s.status == Status::Mastered).count();
    let mut story = Vec::new();
    if period.attempts.is_empty() {
        story.push("No asks in this period. Whenever you are ready, the next small ask is waiting.".to_string());
    } else {
        // Asks made and those with no answer yet, by the rule `progress` counts them with (`plan::made`).
        let [yes, partial, no, _] = plan::outcome_counts(&period);
        let asks = plan::asks(&period.attempts);
        let rungs = |made: bool| {
            let mut ids: Vec<u32> =
                period.attempts.iter().filter(|a| plan::made(a.outcome) == made).map(|a| a.rung).collect();
            ids.sort_unstable();
            ids.dedup();
            plural(ids.len(), "rung", "rungs")
        };
        if asks.made > 0 {
            let answers: Vec<String> = [(yes, "yes"), (partial, "partial"), (no, "no")]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, word)| format!("{n} {word}"))
                .collect();
            let waiting = match asks.waiting {
                0 => String::new(),
                1 => "; 1 more ask has no answer yet".to_string(),
                n => format!("; {n} more asks have no answer yet"),
            };
            story.push(format!(
                "You made {} on {}: {}{waiting}. Every ask is practice, whatever the answer: you asked.",
                plural(asks.made, "ask", "asks"),
                rungs(true),
                joined(&answers)
            ));
        } else {
            story.push(format!(
                "{} with no answer yet, on {}. Every ask is practice, whatever the answer: you asked.",
                plural(asks.waiting, "ask", "asks"),
                rungs(false)
            ));
        }
    }
    let newly: Vec<String> = practised
        .iter()
        .filter(|p| p.state.mastered_at.is_some_and(|m| p.within.contains(&m)))
        .map(|p| named(p.state, masker))
        .collect();
    // A review is a try on a mastered rung after a week or more away from it: practice on it sooner is not one.
    let reviewed: Vec<String> = practised
        .iter()
        .filter(|p| p.within.iter().any(|i| p.state.review_at(*i)))
        .map(|p| named(p.state, masker))
        .collect();
    if !newly.is_empty() {
        story.push(format!("Mastered: {}.", joined(&newly)));
    }
    if !reviewed.is_empty() {
        story.push(format!("Reviewed after mastering: {}.", joined(&reviewed)));
    }
    story.push(format!("Rungs mastered so far: {mastered} of {}.", states.len()));
    // A rung written into the file by hand has no day it was added: counted when nothing shows it was there
    // before the period, and named, so that the rungs added and the rungs in all agree.
    let local = |at: DateTime<FixedOffset>| at.with_timezone(now.offset()).date_naive();
    let added = plan::added_since(ladder, since, local);
    let by_hand = match added.undated.as_slice() {
        [] => String::new(),
        [one] => format!(" (#{one} written into the file by hand, on a day not recorded)"),
        ids @ ([_, _] | [_, _, _]) => {
            let named: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
            format!(" ({} written into the file by hand, on days not recorded)", joined(&named))
        }
        _ if added.dated == 0 => " (all written into the file by hand, on days not recorded)".to_string(),
        ids => format!(" ({} of them written into the file by hand, on days not recorded)", ids.len()),
    };
    let total = added.dated + added.undated.len();
    if total > 0 {
        story.push(format!("Rungs added: {total}{by_hand}."));
    }
    let thanks = period.attempts.iter().filter(|a| a.thanked == Some(true)).count();
    let gifts = period.gifts.len();
    match (thanks, gifts) {
        (0, 0) => {}
        (t, 0) => story.push(format!("You thanked people {}.", plural(t, "time", "times"))),
        (0, g) => story.push(format!("You gave help {}.", plural(g, "time", "times"))),
        (t, g) => story.push(format!(
            "You thanked people {} and gave help {}.",
            plural(t, "time", "times"),
            plural(g, "time", "times")
        )),
    }
    let checked: Vec<bool> = period.attempts.iter().filter_map(|a| a.fear_happened).collect();
    if !checked.is_empty() {
        let came = checked.iter().filter(|h| **h).count();
        story.push(format!(
            "What you feared came true {came} of {} you checked.",
            plural(checked.len(), "time", "times")
        ));
    }
    let hardest = period.attempts.iter().filter(|a| a.felt().is_some()).max_by_key(|a| (a.felt(), a.at));
    if let Some(a) = hardest {
        let ask = ladder.rung(a.rung).map_or(String::new(), |r| own(&masker.text(&r.ask)));
        story.push(format!(
            "The hardest moment: {}, \u{201c}{ask}\u{201d} ({}, distress up to {}).",
            day(a.at, now),
            answer(a.outcome),
            a.felt().unwrap_or_default()
        ));
    }
    let today = now.date_naive();
    let missed: Vec<String> = states
        .iter()
        .filter(|s| plan::overdue(s.rung, today) && s.rung.planned.is_some_and(|d| d >= since))
        .map(|s| named(s, masker))
        .collect();
    if !missed.is_empty() {
        story.push(format!("Planned but not done yet: {}.", joined(&missed)));
    }
    let _ = writeln!(html, "<p>{}</p>", story.join(" "));
}

/// The box for a therapist: what deserves a look, each with its numbers; one quiet line when nothing does.
pub fn therapist(
    html: &mut String,
    ladder: &Ladder,
    states: &[RungState],
    since: NaiveDate,
    masker: &Masker,
    now: DateTime<FixedOffset>,
) {
    let practised = practised(states, since, now);
    let mut items: Vec<String> = Vec::new();
    // The care rule: two very hard attempts in a row on a rung, the second in the period.
    for p in &practised {
        if let Some([first, second]) = care::strained(p.state)
            && p.within.contains(&(p.state.attempts.len() - 1))
        {
            items.push(format!(
                "<strong>Met the step-down rule</strong> on {}: two very hard attempts in a row ({} and {}, {} and \
                 {}). ladder rested the rung for a week and suggested stepping down and talking it over.",
                named(p.state, masker),
                day(first.at, now),
                day(second.at, now),
                distress_of(first),
                distress_of(second)
            ));
        }
    }
    let hard: Vec<String> = practised
        .iter()
        .flat_map(|p| p.within.iter().map(|i| (p.state, p.state.attempts[*i])))
        .filter(|(_, a)| care::very_hard(a))
        .map(|(s, a)| format!("{} on #{} ({})", day(a.at, now), s.rung.id, distress_of(a)))
        .collect();
    if !hard.is_empty() {
        items.push(format!(
            "Very high ({} or more) or rising distress (to {} or more, or up {} or more to {} or more): {}.",
            care::VERY_HIGH,
            care::HIGH,
            care::RISE,
            care::ANXIOUS,
            joined(&hard)
        ));
    }
    // Stalled: three or more attempts in the period on a rung not mastered, none of them a rep.
    for p in practised.iter().filter(|p| p.state.status != Status::Mastered && p.within.len() >= 3) {
        if !p.within.iter().any(|i| p.state.verdicts.get(*i).is_some_and(|v| v.is_rep())) {
            items.push(format!(
                "Stalled: {}, {} in this period and none counted as a rep.",
                named(p.state, masker),
                plural(p.within.len(), "attempt", "attempts")
            ));
        }
    }
    if ladder.settings.mastery == Mastery::Learning {
        let unrated = practised
            .iter()
            .flat_map(|p| p.within.iter().map(|i| (p.state.attempts[*i], p.state.verdicts.get(*i))))
            .filter(|(a, v)| v.is_some_and(|v| v.is_rep()) && a.felt().is_none())
            .count();
        if unrated > 0 {
            items.push(format!(
                "{} counted with no distress rated, so nothing shows how hard {}.",
                plural(unrated, "rep", "reps"),
                if unrated == 1 { "it was" } else { "they were" }
            ));
        }
    }
    let period = super::since(ladder, since, now);
    let used = period.attempts.iter().filter(|a| !a.used.is_empty()).count();
    let dropped = period.attempts.iter().filter(|a| !a.dropped.is_empty()).count();
    if used + dropped > 0 {
        items.push(format!(
            "Safety behaviours: relied on in {}, done without in {} (listed below).",
            plural(used, "attempt", "attempts"),
            plural(dropped, "attempt", "attempts")
        ));
    }
    let expectancy = |before: fn(&Attempt) -> Option<u8>, after: fn(&Attempt) -> Option<u8>| {
        let pairs: Vec<(u32, u32)> =
            period.attempts.iter().filter_map(|a| Some((u32::from(before(a)?), u32::from(after(a)?)))).collect();
        let n = u32::try_from(pairs.len()).unwrap_or(u32::MAX).max(1);
        (!pairs.is_empty()).then(|| {
            let mean = |f: fn(&(u32, u32)) -> u32| (pairs.iter().map(f).sum::<u32>() + n / 2) / n;
            (pairs.len(), mean(|p| p.0), mean(|p| p.1))
        })
    };
    let likely = expectancy(|a| a.expected.likely_before, |a| a.expected.likely_after);
    let bad = expectancy(|a| a.expected.bad_before, |a| a.expected.bad_after);
    let mut said = Vec::new();
    if let Some((n, b, a)) = likely {
        said.push(format!("how likely the feared outcome seemed went from {b}% before to {a}% after ({n} rated)"));
    }
    if let Some((n, b, a)) = bad {
        said.push(format!("how bad it seemed went from {b} to {a} ({n} rated)"));
    }
    if !said.is_empty() {
        items.push(format!("Expectancy, on average: {}.", said.join("; ")));
    }
    for p in &practised {
        let stakes = p.state.rung.stakes;
        let felt: Vec<u8> = p.within.iter().filter_map(|i| p.state.attempts[*i].felt()).collect();
        let above = felt.iter().filter(|d| **d > stakes.saturating_add(RERATE_GAP)).count();
        let below = felt.iter().filter(|d| d.saturating_add(RERATE_GAP) < stakes).count();
        if above >= 2 || below >= 2 {
            let shown: Vec<String> = felt.iter().map(u8::to_string).collect();
            items.push(format!(
                "Stakes against felt distress: {} is rated {stakes} and felt {}.",
                named(p.state, masker),
                joined(&shown)
            ));
        }
    }
    html.push_str(
        "<section class=\"box\" aria-labelledby=\"therapist\">\n<h2 id=\"therapist\">For your therapist</h2>\n",
    );
    if items.is_empty() {
        html.push_str(
            "<p>Nothing stood out: no very high or rising distress, no stalled rung, no safety behaviours, and felt \
             distress near the stakes.</p>\n",
        );
    } else {
        html.push_str("<ul>\n");
        for item in items {
            let _ = writeln!(html, "<li>{item}</li>");
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
}

/// Distress as said in the box: "rose from 40 to 60" when the rise made it very hard (its distress never 85 or
/// more), else the highest rated.
fn distress_of(a: &Attempt) -> String {
    match care::hardness(a) {
        Some(care::Hardness::Rose(before, after)) => format!("rose from {before} to {after}"),
        _ => format!("distress {}", a.felt().unwrap_or_default()),
    }
}

/// What an attempt counted as, in a word or two.
fn verdict_word(verdict: Option<Counted>) -> &'static str {
    match verdict {
        Some(Counted::Learned { .. } | Counted::Comfortable(_) | Counted::Halved { .. }) => "rep",
        Some(Counted::NoAnswer) => "practice (no answer)",
        Some(Counted::Guarded) => "practice (safety behaviour)",
        Some(Counted::VeryHard) => "practice (very hard)",
        Some(Counted::Unchecked) => "practice (fear not checked)",
        Some(Counted::Unrated) => "practice (not rated)",
        Some(Counted::Not(_)) => "practice (not calm yet)",
        Some(Counted::SameDay) => "practice (same day)",
        None => "",
    }
}

/// Every attempt in the period, oldest first, with its numbers.
pub fn attempts(
    html: &mut String,
    states: &[RungState],
    since: NaiveDate,
    masker: &Masker,
    now: DateTime<FixedOffset>,
) {
    let mut rows: Vec<(&Attempt, &RungState, Option<Counted>)> = practised(states, since, now)
        .iter()
        .flat_map(|p| p.within.iter().map(|i| (p.state.attempts[*i], p.state, p.state.verdicts.get(*i).copied())))
        .collect();
    if rows.is_empty() {
        return;
    }
    rows.sort_by_key(|(a, _, _)| (a.at, a.id));
    // The peak has a column only when one was rated in the period.
    let peaks = rows.iter().any(|(a, _, _)| a.peak.is_some());
    let _ = writeln!(
        html,
        "<section>\n<h2>Every attempt</h2>\n<table class=\"attempts\">\n<tr><th>Day</th><th>Ask</th><th>Answer</th>\
         <th>Before</th>{}<th>After</th><th>Fear came true</th><th>Counted as</th></tr>",
        if peaks { "<th>Peak</th>" } else { "" }
    );
    let number = |n: Option<u8>| n.map_or("–".to_string(), |n| n.to_string());
    let peak = |a: &Attempt| if peaks { format!("<td>{}</td>", number(a.peak)) } else { String::new() };
    for (a, state, verdict) in rows {
        let fear = match a.fear_happened {
            Some(true) => "yes",
            Some(false) => "no",
            None => "–",
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>#{} {}</td><td>{}</td><td>{}</td>{}<td>{}</td><td>{fear}</td><td>{}</td></tr>",
            day(a.at, now),
            state.rung.id,
            own(&super::fit_words(&masker.text(&state.rung.ask), 44)),
            answer(a.outcome),
            number(a.before),
            peak(a),
            number(a.after),
            verdict_word(verdict)
        );
    }
    html.push_str("</table>\n</section>\n");
}
