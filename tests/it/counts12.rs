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
        [
            "Mastered 0 of 2 rungs  ░░░░░░░░░░░░░░░░░░░░ 0% · 1 ask made",
            "2 attempts: 1 yes · 0 partial · 0 no · 1 no answer"
        ]
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

/// `ladder ARGS` with `COLUMNS` set, expecting exit 0.
fn at_width(s: &Sandbox, columns: &str, args: &[&str]) -> String {
    let out = s.ladder(args).env("COLUMNS", columns).output().expect("run ladder");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn log_shows_what_you_learned_beneath_the_note_at_40_and_80_columns() {
    let s = Sandbox::with(
        &Fixture::version(2)
            .rung(1, "Ask a stranger for the time", 20)
            .created("2026-11-16")
            .attempt(1, 1, "2026-11-21T10:00:00+01:00")
            .note("He smiled")
            .learned("Strangers are kind, and most people like to help when they can")
            .attempt(2, 1, "2026-11-22T10:00:00+01:00")
            .learned("Asking twice is fine")
            .text(),
    );
    assert_eq!(
        at_width(&s, "80", &["log"]),
        "\
#2  2026-11-22  10:00  yes  #1 Ask a stranger for the time
     What you learned: Asking twice is fine
#1  2026-11-21  10:00  yes  #1 Ask a stranger for the time
     He smiled
     What you learned: Strangers are kind, and most people like to help when
     they can
"
    );
    assert_eq!(
        at_width(&s, "40", &["log"]),
        "\
#2  2026-11-22  yes  #1 Ask a stranger…
     What you learned: Asking twice is
     fine
#1  2026-11-21  yes  #1 Ask a stranger…
     He smiled
     What you learned: Strangers are
     kind, and most people like to help
     when they can
"
    );
}

#[test]
fn the_chart_marks_a_distress_rated_only_before_instead_of_a_drop_to_nothing() {
    let s = Sandbox::with(
        &Fixture::version(2)
            .setting("comfortable", 30)
            .rung(1, "Ask a stranger for the time", 20)
            .created("2026-11-16")
            .attempt(1, 1, "2026-11-22T10:00:00+01:00")
            .outcome("no-answer")
            .before(40)
            .text(),
    );
    assert_eq!(
        at_width(&s, "80", &["progress", "--chart"]),
        "\
Distress before → after each attempt, 0 to 100: █ after, ░ the drop from before,
● before, when after was not rated, ┆ comfortable (30 or less).

#1 Ask a stranger for the time (stakes 20)
                  0        20        40        60        80        100
                  ├────┼────┼────┆────┼────┼────┼────┼────┼────┼────┤
22 Nov no answer                 ┆    ●                              40 → –
"
    );
}

/// Whether `done` offered a day for the next ask.
fn offered(said: &str) -> bool {
    said.lines().any(|l| l.starts_with("Pick a day for the next one, if you like: ladder plan "))
}

#[test]
fn over_a_month_of_practice_the_offer_to_plan_comes_only_after_breaks() {
    // The days of newuser12's month (16 Nov to 14 Dec 2026), two asks on two of them: the offer came on 14 of
    // its 16 first asks of a day. Each `done` at 10:00 (11:00 for a second ask) of its day.
    let s = Sandbox::with(
        &Fixture::version(2)
            .rung(1, "Ask a stranger for the time", 20)
            .created("2026-11-16")
            .rung(2, "Ask a neighbour to take in a parcel", 30)
            .created("2026-11-16")
            .rung(3, "Ask a colleague for a lift", 40)
            .created("2026-11-16")
            .text(),
    );
    let days = [
        "11-16", "11-17", "11-18", "11-20", "11-21", "11-22", "11-23", "11-24", "11-24", "11-27", "11-28", "11-29",
        "11-30", "12-01", "12-02", "12-04", "12-06", "12-07", "12-08", "12-09", "12-10", "12-14", "12-14",
    ];
    let mut offers = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let hour = if i > 0 && days[i - 1] == *day { 11 } else { 10 };
        let now = format!("2026-{day}T{hour}:00:00+01:00");
        let out = s.ladder(&["done"]).env("LADDER_NOW", &now).output().expect("run ladder");
        assert_eq!(out.status.code(), Some(0), "{now}: {}", String::from_utf8_lossy(&out.stderr));
        if offered(&String::from_utf8_lossy(&out.stdout)) {
            offers.push(*day);
        }
    }
    // After the two breaks of two days or more: 25-26 Nov and 11-13 Dec.
    assert_eq!(offers, ["11-27", "12-14"]);
}

#[test]
fn a_rung_written_by_hand_is_counted_among_the_rungs_added_and_named() {
    let fixture = Fixture::version(2)
        .rung(1, "Ask a stranger for the time", 20)
        .created("2026-11-16")
        .rung(2, "Ask a neighbour to take in a parcel", 30)
        .created("2026-11-16")
        // Written into the file by hand, as the README allows: no `created`.
        .rung(3, "Ask a colleague for a lift", 40)
        .attempt(1, 3, "2026-11-20T10:00:00+01:00")
        .text();
    let s = Sandbox::with(&fixture);
    assert_eq!(
        story(&s),
        "<p>You made 1 ask on 1 rung: 1 yes. Every ask is practice, whatever the answer: you asked. Rungs mastered \
         so far: 0 of 3. Rungs added: 3 (#3 written into the file by hand, on a day not recorded).</p>"
    );
    // `ladder` writes no `created` into it behind the person's back.
    assert_eq!(s.read(), fixture);
    // A report from a day after its first attempt: it was there before, and the others were added before too.
    let html = s.ok(&["report", "--since", "2026-11-21"]);
    let story = html.lines().find(|l| l.contains("Rungs mastered so far")).expect("the story");
    assert_eq!(
        story,
        "<p>No asks in this period. Whenever you are ready, the next small ask is waiting. Rungs mastered so far: 0 \
         of 3.</p>"
    );
}
