//! Care words that agree with the numbers (care12; newuser12 items 1, 9 and 15): a small rise at bearable
//! distress is not "very hard" and brings no rest and no crisis line; a try on a rung mastered minutes ago is
//! practice, not a review that "has lasted"; thanks after a no are for hearing you out; and `next` says when a
//! second ask today can only be practice.

use crate::common::Sandbox;

const NOT_A_CRISIS_SERVICE: &str = "ladder is not a crisis service. If you are in crisis or might harm yourself, \
                                    contact your local emergency services or a crisis line now.";

/// `ladder ARGS` at `now` (Monday 16 November 2026 is the first day), expecting exit 0: what it printed.
fn at(s: &Sandbox, now: &str, args: &[&str]) -> String {
    let out = s.ladder(args).env("LADDER_NOW", now).output().expect("run ladder");
    assert_eq!(out.status.code(), Some(0), "ladder {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The starter ladder, begun on Monday 16 November.
fn starter() -> Sandbox {
    let s = Sandbox::new();
    at(&s, "2026-11-16T09:00:00+01:00", &["init", "--example"]);
    s
}

/// The report's box for the therapist, from its heading to its end.
fn therapist_box(html: &str) -> Vec<String> {
    let lines: Vec<&str> = html.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("<h2 id=\"therapist\">")).expect("the box");
    let end = start + lines[start..].iter().position(|l| *l == "</section>").expect("its end");
    lines[start..end].iter().map(|l| (*l).to_string()).collect()
}

/// The report's opening paragraph.
fn story(html: &str) -> String {
    html.lines().find(|l| l.starts_with("<p>You made")).expect("the story").to_string()
}

#[test]
fn a_rise_from_25_to_30_twice_is_not_very_hard_no_rest_no_care_message_no_crisis_line() {
    let s = starter();
    let ask = "#4 \u{201c}Ask a coworker a quick factual question instead of searching alone\u{201d}";
    assert_eq!(
        at(&s, "2026-11-17T10:00:00+01:00", &["done", "4", "--before", "25", "--after", "30"]),
        format!(
            "Recorded attempt 1 on {ask}: yes.\n\
             It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
             A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
             What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
             Next: #1 Ask a stranger for directions or the time\n"
        )
    );
    let second = at(&s, "2026-11-18T10:00:00+01:00", &["done", "4", "--before", "25", "--after", "30"]);
    assert_eq!(
        second,
        format!(
            "Recorded attempt 2 on {ask}: yes.\n\
             It counted as a rep: you made the ask. Now 2 of 2 reps: #4 is mastered.\n\
             A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
             What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
             Next: #1 Ask a stranger for directions or the time\n"
        ),
        "no \"very hard\", no rest, no therapist or GP, no crisis line"
    );
    // Nothing rests, and nothing in `next` speaks of care.
    let now = "2026-11-18T10:05:00+01:00";
    assert_eq!(
        at(&s, now, &["next"]),
        "Next: Ask a stranger for directions or the time\n\
         #1 \u{b7} stakes 15 \u{b7} 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n"
    );
    let next: serde_json::Value = serde_json::from_str(&at(&s, now, &["next", "--json"])).expect("JSON");
    assert_eq!((&next["step_down"], &next["resting"]), (&false.into(), &serde_json::json!([])));
    // The report counts both as reps, and its box for the therapist has nothing to flag.
    let html = at(&s, now, &["report", "--since", "2026-11-16"]);
    assert_eq!(
        therapist_box(&html),
        [
            "<h2 id=\"therapist\">For your therapist</h2>",
            "<p>Nothing stood out: no very high or rising distress, no stalled rung, no safety behaviours, and felt \
             distress near the stakes.</p>",
        ]
    );
    assert!(!html.contains("practice (very hard)") && html.matches("<td>rep</td>").count() == 2, "{html}");
}

#[test]
fn a_rise_of_five_on_a_no_at_55_to_60_counts_as_a_rep() {
    let s = starter();
    assert_eq!(
        at(&s, "2026-11-17T10:00:00+01:00", &["done", "5", "--outcome", "no", "--before", "55", "--after", "60"])
            .lines()
            .nth(1),
        Some("It counted as a rep: you made the ask. Now 1 of 2 reps.")
    );
}

#[test]
fn a_rise_from_40_to_50_twice_is_still_very_hard_rests_the_rung_and_brings_the_care_message() {
    let s = starter();
    let ask = "#1 \u{201c}Ask a stranger for directions or the time\u{201d}";
    let first = at(&s, "2026-11-17T10:00:00+01:00", &["done", "1", "--before", "40", "--after", "50"]);
    assert_eq!(
        first.lines().nth(1),
        Some(
            "It counts as practice, not as a rep: it was very hard (your distress rose from 40 to 50), and a rep is an \
             ask you can bear. Still 0 of 2 reps."
        )
    );
    assert_eq!(
        at(&s, "2026-11-18T10:00:00+01:00", &["done", "1", "--before", "40", "--after", "50"]),
        format!(
            "Recorded attempt 2 on {ask}: yes.\n\
             It counts as practice, not as a rep: it was very hard (your distress rose from 40 to 50), and a rep is \
             an ask you can bear. Still 0 of 2 reps.\n\
             That was very hard, two tries in a row (50, then 50). You do not have to push on: let #1 rest for now, \
             and step down to an easier ask. That is part of the method, not a step back.\n\
             Talking it over with a therapist or your GP can help, with this ladder and with how you have been \
             feeling.\n\
             {NOT_A_CRISIS_SERVICE}\n\
             For now there is no other ask to suggest: `ladder next` says what you could do meanwhile.\n"
        )
    );
    // The rung rests for a week, and nothing easier is on the ladder.
    let now = "2026-11-18T10:05:00+01:00";
    let out = s.ladder(&["next"]).env("LADDER_NOW", now).output().expect("run ladder");
    assert_eq!(
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned()),
        (
            Some(1),
            "#1 \u{201c}Ask a stranger for directions\u{2026}\u{201d} rests until 25 Nov: your last two tries on it \
             were very hard. Stepping down is part of the method, not a step back.\n\
             Nothing easier is on your ladder yet. An easier ask would be a gentler step: ladder add \"...\" --stakes \
             7\n\
             Or take a pause for a few days: that is fine too.\n\
             Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n"
                .to_string()
        )
    );
    let html = at(&s, now, &["report", "--since", "2026-11-16"]);
    assert_eq!(
        therapist_box(&html),
        [
            "<h2 id=\"therapist\">For your therapist</h2>",
            "<ul>",
            "<li><strong>Met the step-down rule</strong> on #1 \u{201c}<bdi>Ask a stranger for directions or the \
             time</bdi>\u{201d}: two very hard attempts in a row (17 Nov and 18 Nov, rose from 40 to 50 and rose from \
             40 to 50). ladder rested the rung for a week and suggested stepping down and talking it over.</li>",
            "<li>Very high (85 or more) or rising distress (to 75 or more, or up 10 or more to 50 or more): 17 Nov on #1 (rose from 40 \
             to 50) and 18 Nov on #1 (rose from 40 to 50).</li>",
            "<li>Stakes against felt distress: #1 \u{201c}<bdi>Ask a stranger for directions or the time</bdi>\u{201d} \
             is rated 15 and felt 50 and 50.</li>",
            "</ul>",
        ]
    );
}

#[test]
fn very_hard_at_the_top_of_the_scale_says_the_distress_not_a_small_rise() {
    let s = starter();
    // 80 then 86: very hard for the 86, not for a rise of 6.
    let out = at(&s, "2026-11-17T10:00:00+01:00", &["done", "4", "--before", "80", "--after", "86"]);
    assert_eq!(
        out.lines().nth(1),
        Some(
            "It counts as practice, not as a rep: it was very hard (distress 86), and a rep is an ask you can bear. \
             Still 0 of 2 reps."
        )
    );
}

#[test]
fn a_second_ask_minutes_after_mastering_is_practice_not_a_review() {
    let s = starter();
    let ask = "#1 \u{201c}Ask a stranger for directions or the time\u{201d}";
    at(&s, "2026-11-16T10:00:00+01:00", &["done", "1"]);
    at(&s, "2026-11-17T10:00:00+01:00", &["done", "1"]);
    let practice = "More practice on #1, mastered already: it keeps the ask familiar. A try after a week or more away \
                    from it is a review, and shows whether what you learned on it has lasted.";
    assert_eq!(
        at(&s, "2026-11-17T10:05:00+01:00", &["done", "1"]),
        format!(
            "Recorded attempt 3 on {ask}: yes.\n\
             {practice}\n\
             A yes: thank them. Once you have: ladder thank 3\n\
             What did you learn from it? To keep it with the attempt: ladder fix 3 --learned \"...\"\n\
             Next: #2 Ask a shop assistant to recommend something\n"
        ),
        "never \"what you learned on it has lasted\" minutes after mastering"
    );
    // Within the week, still practice; a very hard one is said gently.
    assert_eq!(at(&s, "2026-11-20T10:00:00+01:00", &["done", "1"]).lines().nth(1), Some(practice));
    assert_eq!(
        at(&s, "2026-11-21T10:00:00+01:00", &["done", "1", "--before", "90"]).lines().nth(1),
        Some(
            "More practice on #1, mastered already: it was very hard this time. That can happen; go gently, and an \
             easier ask, or a pause, is fine too."
        )
    );
    // The report's summary agrees with its table: practice, not "Reviewed after mastering".
    let html = at(&s, "2026-11-21T12:00:00+01:00", &["report", "--since", "2026-11-16"]);
    assert_eq!(
        story(&html),
        "<p>You made 5 asks on 1 rung: 5 yes. Every ask is practice, whatever the answer: you asked. Mastered: #1 \
         \u{201c}<bdi>Ask a stranger for directions or the time</bdi>\u{201d}. Rungs mastered so far: 1 of 15. Rungs \
         added: 15. The hardest moment: 21 Nov, \u{201c}<bdi>Ask a stranger for directions or the time</bdi>\u{201d} \
         (yes, distress up to 90).</p>"
    );
    assert!(html.contains("<td>practice (same day)</td>"), "{html}");
    // A week and more after its last try: a review, and the report says so.
    assert_eq!(
        at(&s, "2026-11-28T10:00:00+01:00", &["done", "1"]).lines().nth(1),
        Some("A review of #1, mastered before: you made the ask again, so what you learned on it has lasted.")
    );
    let html = at(&s, "2026-11-28T12:00:00+01:00", &["report", "--since", "2026-11-16"]);
    assert!(
        story(&html).contains(
            " Reviewed after mastering: #1 \u{201c}<bdi>Ask a stranger for directions or the time</bdi>\u{201d}. "
        ),
        "{}",
        story(&html)
    );
}

#[test]
fn thanking_after_a_no_is_for_hearing_you_out() {
    let s = starter();
    let now = "2026-11-16T10:00:00+01:00";
    at(&s, now, &["add", "Ask Sam to look at one slide", "--stakes", "35", "--who", "Sam"]);
    at(&s, now, &["done", "16", "--outcome", "no"]);
    assert_eq!(
        at(&s, now, &["thank", "1"]),
        "Marked attempt 1 on #16 \u{201c}Ask Sam to look at one slide\u{201d}: you thanked Sam for hearing you out. \
         Thanks matter after a no too.\n"
    );
    at(&s, now, &["done", "1"]);
    assert_eq!(
        at(&s, now, &["thank", "2"]),
        "Marked attempt 2 on #1 \u{201c}Ask a stranger for directions or the time\u{201d}: you thanked them. That \
         makes them likelier to help again.\n"
    );
}

#[test]
fn next_on_the_day_of_a_rep_says_another_ask_today_is_practice_and_tomorrows_can_count() {
    let s = starter();
    at(&s, "2026-11-16T10:00:00+01:00", &["done", "1"]);
    let any_time = "Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling";
    assert_eq!(
        at(&s, "2026-11-16T10:05:00+01:00", &["next"]),
        format!(
            "Next: Ask a stranger for directions or the time\n\
             #1 \u{b7} stakes 15 \u{b7} 1 of 2 reps\n\
             Again: each ask is a chance to find out what really happens. #1 has its rep for today: another ask \
             today is practice, and tomorrow's can count.\n\
             {any_time}\n"
        ),
        "the same rung, said to be practice today"
    );
    // The next day, the same rung, and its ask can count.
    assert_eq!(
        at(&s, "2026-11-17T09:00:00+01:00", &["next"]),
        format!(
            "Next: Ask a stranger for directions or the time\n\
             #1 \u{b7} stakes 15 \u{b7} 1 of 2 reps\n\
             Again: each ask is a chance to find out what really happens.\n\
             {any_time}\n"
        )
    );
    // Under the calm rule, a comfortable rep.
    let text = std::fs::read_to_string(s.file()).expect("the ladder");
    std::fs::write(s.file(), text.replace("mastery = \"learning\"", "mastery = \"calm\"")).expect("write");
    at(&s, "2026-11-17T09:30:00+01:00", &["done", "1", "--after", "20"]);
    assert_eq!(
        at(&s, "2026-11-17T09:35:00+01:00", &["next"]).lines().nth(2),
        Some(
            "Again: repeating an ask is how it becomes comfortable. #1 has its comfortable rep for today: another ask \
             today is practice, and tomorrow's can count."
        )
    );
}

/// newuser12 item 7: a rung rested after two very hard tries, with an easier step made for it (`split`) and
/// begun: once the rest is over, the step comes first (under the learning rule's varied order the rung, tried
/// longest ago, came back ahead of it), and the rung once the step is mastered, gently.
#[test]
fn after_its_rest_a_rung_waits_for_the_easier_step_made_for_it() {
    let s = starter();
    at(&s, "2026-11-16T10:00:00+01:00", &["done", "1"]);
    at(&s, "2026-11-17T10:00:00+01:00", &["done", "1"]);
    at(&s, "2026-11-18T10:00:00+01:00", &["done", "2", "--before", "90", "--after", "90"]);
    at(&s, "2026-11-19T10:00:00+01:00", &["done", "2", "--before", "88", "--after", "95"]);
    at(&s, "2026-11-20T10:00:00+01:00", &["split", "2", "Ask a shop assistant where the bread is"]);
    at(&s, "2026-11-21T10:00:00+01:00", &["done", "16", "--before", "40", "--after", "20"]);
    let any_time = "Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n";
    assert_eq!(
        at(&s, "2026-11-26T10:00:00+01:00", &["next"]),
        format!(
            "Next: Ask a shop assistant where the bread is\n\
             #16 · stakes 17 · 1 of 2 reps\n\
             Again: each ask is a chance to find out what really happens.\n{any_time}"
        )
    );
    at(&s, "2026-11-26T10:00:00+01:00", &["done", "16"]);
    assert_eq!(
        at(&s, "2026-11-27T10:00:00+01:00", &["next"]),
        format!(
            "Next: Ask a shop assistant to recommend something\n\
             #2 · stakes 20 · 0 of 2 reps\n\
             Your last two tries on this were very hard (90 and 95). Go gently: try it again only if you feel ready; \
             an easier ask first, or a pause, is fine too.\n{any_time}"
        )
    );
}

/// attack15: distress still climbing near the top of the scale is very hard however small the rise (80 then 84,
/// twice, mastered a rung), and a peak of 95 is said, not the small rise from 40 to 50 beneath it.
#[test]
fn distress_climbing_near_the_top_is_very_hard_and_a_peak_is_said_as_it_was() {
    let s = starter();
    let first = "Recorded attempt 1 on #1 \u{201c}Ask a stranger for directions or the time\u{201d}: yes.\n\
                 It counts as practice, not as a rep: it was very hard (your distress rose from 80 to 84), and a rep \
                 is an ask you can bear. Still 0 of 2 reps.\n";
    let said = at(&s, "2026-11-17T10:00:00+01:00", &["done", "1", "--before", "80", "--after", "84"]);
    assert!(said.starts_with(first), "{said}");
    let said = at(&s, "2026-11-18T10:00:00+01:00", &["done", "1", "--before", "80", "--after", "84"]);
    assert!(
        said.contains("\nThat was very hard, two tries in a row (84, then 84). You do not have to push on: let #1 rest for now, and step down to an easier ask. That is part of the method, not a step back.\n"),
        "{said}"
    );
    let said = at(&s, "2026-11-19T10:00:00+01:00", &["done", "2", "--before", "40", "--peak", "95", "--after", "50"]);
    assert_eq!(
        said.lines().take(2).chain(said.lines().skip(4).take(1)).collect::<Vec<_>>(),
        [
            "Recorded attempt 3 on #2 \u{201c}Ask a shop assistant to recommend something\u{201d}: yes.",
            "It counts as practice, not as a rep: it was very hard (distress 95), and a rep is an ask you can bear. \
             Still 0 of 2 reps.",
            "That was harder than planned: you felt 95, and #2 is at stakes 20. That is common, and worth knowing: \
             stakes are a guess until you try.",
        ]
    );
}
