//! Numbers that must agree between views (newuser12 items 5, 6, 10, 11, 13): asks made in `progress`, the
//! report and `progress --json`; what was learned in `log`; a distress rated only before in the chart; the offer
//! to plan over a month; rungs written by hand among the rungs added.

use crate::common::{Fixture, Sandbox};

/// One rung from 16 Nov and an attempt for each of `outcomes`, a day apart, the last on 22 Nov (the tests' today).
fn ladder_of(outcomes: &[&str]) -> String {
    let mut fixture = Fixture::version(2)
        .rung(1, "Ask a stranger for the time", 20)
        .created("2026-11-16")
        .rung(2, "Ask a neighbour to take in a parcel", 30)
        .created("2026-11-16");
    for (id, outcome) in (1u32..).zip(outcomes) {
        let day = 22 - outcomes.len() + id as usize;
        fixture = fixture.attempt(id, 1 + id % 2, &format!("2026-11-{day:02}T10:00:00+01:00")).outcome(outcome);
    }
    fixture.text()
}

/// The report's opening paragraph.
fn story(s: &Sandbox) -> String {
    let html = s.ok(&["report", "--since", "2026-11-09"]);
    html.lines().find(|l| l.starts_with("<p>") && l.contains("Rungs mastered so far")).expect("the story").to_string()
}

#[test]
fn a_no_answer_is_an_ask_not_yet_made_in_progress_and_the_report_alike() {
    let s = Sandbox::with(&ladder_of(&["no-answer", "yes"]));
    let progress = s.ok(&["progress"]);
    let lines: Vec<&str> = progress.lines().take(2).collect();
    assert_eq!(
        lines,
        ["Mastered 0 of 2 rungs  ░░░░░░░░░░░░░░░░░░░░ 0% · 1 ask made", "2 attempts: 1 yes · 0 partial · 0 no · 1 no answer"]
    );
    assert_eq!(
        story(&s),
        "<p>You made 1 ask on 1 rung: 1 yes; 1 more ask has no answer yet. Every ask is practice, whatever the \
         answer: you asked. Rungs mastered so far: 0 of 2. Rungs added: 2.</p>"
    );
    assert_eq!(s.json(&["progress", "--json"])["asks_made"], 1);
    // Only asks with no answer yet: said so, as `progress` says it.
    let s = Sandbox::with(&ladder_of(&["no-answer", "no-answer", "no-answer"]));
    assert_eq!(
        s.ok(&["progress"]).lines().next(),
        Some("Mastered 0 of 2 rungs  ░░░░░░░░░░░░░░░░░░░░ 0% · 3 asks with no answer yet")
    );
    assert_eq!(
        story(&s),
        "<p>3 asks with no answer yet, on 2 rungs. Every ask is practice, whatever the answer: you asked. Rungs \
         mastered so far: 0 of 2. Rungs added: 2.</p>"
    );
    assert_eq!(s.json(&["progress", "--json"])["asks_made"], 0);
}

/// Asks made and asks with no answer yet, as `progress` says them.
fn in_progress(s: &Sandbox) -> (u64, u64) {
    let text = s.ok(&["progress"]);
    let first = text.lines().next().unwrap_or_default();
    let number = |text: &str, after: &str, before: &str| -> Option<u64> {
        let end = text.find(before)?;
        text[..end].rsplit(after).next()?.trim().parse().ok()
    };
    let made = number(first, "·", " ask").filter(|_| first.contains(" made")).unwrap_or(0);
    let waiting = text.lines().nth(1).and_then(|l| number(l, "·", " no answer")).unwrap_or(0);
    (made, waiting)
}

/// Asks made and asks with no answer yet, as the report's opening says them.
fn in_report(s: &Sandbox) -> (u64, u64) {
    let story = story(s);
    let number = |text: &str| -> u64 { text.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0) };
    let body = story.trim_start_matches("<p>");
    let made = body.strip_prefix("You made ").map_or(0, number);
    let waiting = match body.split_once("; ") {
        Some((_, rest)) if rest.contains("no answer yet") => number(rest),
        _ if body.contains("with no answer yet") => number(body),
        _ => 0,
    };
    (made, waiting)
}

#[test]
fn progress_the_report_and_json_count_the_same_asks_made_over_several_ladders() {
    let ladders: [(&[&str], u64); 6] = [
        (&["yes"], 1),
        (&["no-answer"], 0),
        (&["no-answer", "yes"], 1),
        (&["yes", "no-answer", "partial", "no", "no-answer"], 3),
        (&["no", "no", "no-answer"], 2),
        (&["partial", "yes", "no", "yes"], 4),
    ];
    for (outcomes, made) in ladders {
        let s = Sandbox::with(&ladder_of(outcomes));
        let waiting = outcomes.iter().filter(|o| **o == "no-answer").count() as u64;
        assert_eq!(in_progress(&s), (made, waiting), "progress, {outcomes:?}");
        assert_eq!(in_report(&s), (made, waiting), "report, {outcomes:?}: {}", story(&s));
        assert_eq!(s.json(&["progress", "--json"])["asks_made"], made, "progress --json, {outcomes:?}");
    }
}
