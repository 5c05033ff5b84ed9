//! Safe for a person in distress (issue 30, items 1-3): very hard tries rest a rung and step down, a no from
//! the person asked rests them, professional help never waits, `ladder` says it is not a crisis service, and a
//! note is "what you learned" only when the person says so. Each test reads like the scenario of the issue.

use crate::common::Sandbox;

const NOT_A_CRISIS_SERVICE: &str = "ladder is not a crisis service. If you are in crisis or might harm yourself, \
                                    contact your local emergency services or a crisis line now.";

/// The starter ladder with its first rung mastered.
fn starter_with_one_mastered() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["init", "--example"]);
    s.ok(&["done", "1", "--date", "2026-11-19", "--confirm-date"]);
    s.ok(&["done", "1", "--date", "2026-11-20", "--confirm-date"]);
    s
}

/// `ladder ARGS` at another moment than the sandbox's clock.
fn at(s: &Sandbox, now: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = s.ladder(args).env("LADDER_NOW", now).output().expect("run ladder");
    (out.status.code(), String::from_utf8(out.stdout).expect("utf-8"))
}

#[test]
fn two_100_100_ratings_and_a_despairing_note_rest_the_rung_and_step_down() {
    let s = starter_with_one_mastered();
    s.ok(&["done", "--outcome", "no", "--before", "100", "--after", "100", "--date", "2026-11-21", "--confirm-date"]);
    let note = "I can't do this anymore, what's the point of anything";
    assert_eq!(
        s.ok(&["done", "--outcome", "no", "--before", "100", "--after", "100", "--fear-happened", "--note", note]),
        format!(
            "Recorded attempt 4 on #2 \u{201c}Ask a shop assistant to recommend something\u{201d}: no.\n\
             It counts as practice, not as a rep: it was very hard (distress 100), and a rep is an ask you can bear. \
             Still 0 of 2 reps.\n\
             That was very hard, two tries in a row (100, then 100). You do not have to push on: let #2 rest for \
             now, and step down to an easier ask. That is part of the method, not a step back.\n\
             Talking it over with a therapist or your GP can help, with this ladder and with how you have been \
             feeling.\n\
             {NOT_A_CRISIS_SERVICE}\n\
             Next, a step down: #1 Ask a stranger for directions or the time\n"
        ),
        "never \"good that you wrote down what you learned\" nor \"you got through it\""
    );
    // Said once: `next` offers the easier rung, says why the other rests, and does not repeat the rest.
    assert_eq!(
        s.ok(&["next"]),
        "Next, a step down: Ask a stranger for directions or the time\n\
         #1 · stakes 15 · mastered\n\
         #2 \u{201c}Ask a shop assistant to\u{2026}\u{201d} rests until 29 Nov: your last two tries on it were very \
         hard. Stepping down is part of the method, not a step back.\n\
         Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n"
    );
    assert_eq!(s.ok(&["next", "-q"]), "Ask a stranger for directions or the time\n");
    let next = s.json(&["next", "--json"]);
    assert_eq!((&next["id"], &next["step_down"]), (&1.into(), &true.into()));
    assert_eq!(
        next["resting"],
        serde_json::json!([{"id": 2, "ask": "Ask a shop assistant to recommend something", "who": null,
                            "why": "very-hard", "until": "2026-11-29"}])
    );
    assert!(
        s.ok(&["progress"]).ends_with("Next, a step down: #1 Ask a stranger for directions or the time (stakes 15)\n")
    );

    // The report files the note as a note: it was never said to be what was learned.
    let report = s.ok(&["report"]);
    assert!(!report.contains("<h3>What you learned</h3>"), "{report}");
    assert!(report.contains(
        "<h3>Your notes</h3>\n<ul>\n<li>22 Nov, #2 <bdi>Ask a shop assistant to\u{2026}</bdi> (no): <bdi>I can&#39;t \
         do this anymore, what&#39;s the point of anything</bdi></li>\n</ul>\n"
    ));
    assert!(report.contains(&format!("<p class=\"quiet\">{NOT_A_CRISIS_SERVICE}</p>\n</header>\n")));
}

#[test]
fn after_a_week_s_rest_the_rung_comes_back_gently_and_never_with_repeat_it() {
    let s = starter_with_one_mastered();
    s.ok(&["done", "2", "--before", "90", "--after", "95", "--date", "2026-11-21", "--confirm-date"]);
    s.ok(&["done", "2", "--before", "90", "--after", "92"]);
    // The snapshot of the file answers `next -q` fast; it must not answer for a moment after the rest.
    assert_eq!(s.ok(&["next", "-q"]), "Ask a stranger for directions or the time\n");
    let later = "2026-11-30T09:00:00+01:00";
    assert_eq!(at(&s, later, &["next", "-q"]), (Some(0), "Ask a shop assistant to recommend something\n".into()));
    assert_eq!(
        at(&s, later, &["next"]),
        (
            Some(0),
            "Next: Ask a shop assistant to recommend something\n\
             #2 · stakes 20 · 0 of 2 reps\n\
             Your last two tries on this were very hard (95 and 92). Go gently: try it again only if you feel ready; \
             an easier ask first, or a pause, is fine too.\n\
             Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n"
                .into()
        )
    );
    assert_eq!(s.ok(&["next", "-q"]), "Ask a stranger for directions or the time\n", "and back at the clock");
}

#[test]
fn distress_that_rose_during_the_ask_twice_rests_the_rung_even_with_nothing_easier() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Priya to pair on the flaky test", "-s", "40", "--who", "Priya"]);
    s.ok(&[
        "done",
        "--outcome",
        "yes",
        "--before",
        "40",
        "--after",
        "60",
        "--thanked",
        "--date",
        "2026-11-21",
        "--confirm-date",
    ]);
    assert_eq!(
        s.ok(&["done", "--outcome", "partial", "--before", "50", "--after", "70"]),
        "Recorded attempt 2 on #1 \u{201c}Ask Priya to pair on the flaky test\u{201d}: partial.\n\
         It counts as practice, not as a rep: it was very hard (your distress rose from 50 to 70), and a rep is an \
         ask you can bear. Still 0 of 2 reps.\n\
         That was very hard, two tries in a row (60, then 70). You do not have to push on: let #1 rest for now, and \
         step down to an easier ask. That is part of the method, not a step back.\n\
         Talking it over with a therapist or your GP can help, with this ladder and with how you have been \
         feeling.\n\
         ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local emergency \
         services or a crisis line now.\n\
         For now there is no other ask to suggest: `ladder next` says what you could do meanwhile.\n"
    );
    let (code, out) = at(&s, "2026-11-22T18:30:00+01:00", &["next"]);
    assert_eq!(
        (code, out.as_str()),
        (
            Some(1),
            "#1 \u{201c}Ask Priya to pair on the flaky\u{2026}\u{201d} rests until 29 Nov: your last two tries on it were \
             very hard. Stepping down is part of the method, not a step back.\n\
             Nothing easier is on your ladder yet. An easier ask would be a gentler step: \u{201c}Ask a shop \
             assistant to recommend something\u{201d} (ladder add --idea 5)\n\
             Or take a pause for a few days: that is fine too.\n"
        )
    );
    s.ladder(&["next", "-q"]).assert().code(1).stdout("");
    assert_eq!(
        s.fails(&["done"], 2),
        "ladder: the rungs left are resting, so there is no suggested rung; name one: `ladder done ID`\n"
    );
}

#[test]
fn your_own_crisis_line_shows_beside_the_fixed_one() {
    let s = Sandbox::with(
        "[settings]\ncrisis_line = \"Samaritans, 116 123\"\n\n[[rung]]\nid = 1\nask = \"Ask Sam for a lift\"\n\
         stakes = 40\nwho = \"Sam\"\n",
    );
    s.ok(&["done", "--before", "90", "--after", "90", "--date", "2026-11-21", "--confirm-date"]);
    let out = s.ok(&["done", "1", "--before", "88", "--after", "86"]);
    let line = format!("{NOT_A_CRISIS_SERVICE} Your crisis line: Samaritans, 116 123");
    assert_eq!(out.lines().nth(4), Some(line.as_str()), "{out}");
    assert!(s.ok(&["report"]).contains(&format!("<p class=\"quiet\">{line}</p>\n</header>\n")));
    assert_eq!(s.json(&["export", "--format", "json"])["settings"]["crisis_line"], "Samaritans, 116 123");
}

#[test]
fn help_says_ladder_is_not_a_crisis_service() {
    let s = Sandbox::new();
    for flag in ["-h", "--help"] {
        let help = s.ok(&[flag]);
        let tail: Vec<&str> = help.lines().rev().take(2).collect();
        assert_eq!(
            tail,
            [
                "emergency services or a crisis line now.",
                "ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local",
            ],
            "{flag}"
        );
    }
}

#[test]
fn he_snapped_at_me_a_no_from_the_named_person_rests_every_ask_of_them() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Dad to help me move the sofa on Saturday", "-s", "40", "--who", "Dad"]);
    s.ok(&["add", "Ask Dad to lend me his drill", "-s", "45", "--who", "dad"]);
    s.ok(&["add", "Ask Ana next door to water the plants", "-s", "50", "--who", "Ana"]);
    assert_eq!(
        s.ok(&["done", "--outcome", "no", "--before", "60", "--after", "85", "--note", "He snapped at me"]),
        "Recorded attempt 1 on #1 \u{201c}Ask Dad to help me move the sofa on Saturday\u{201d}: no.\n\
         It counts as practice, not as a rep: it was very hard (your distress rose from 60 to 85), and a rep is an \
         ask you can bear. Still 0 of 2 reps.\n\
         A no is not a failure: you asked, and asking is the practice.\n\
         A no from Dad can sting. How bad was it, really, and what helped you through it? To keep it with the \
         attempt: ladder fix 1 --learned \"...\"\n\
         Asks of Dad rest until 29 Nov: next time, the same stakes with someone else, or another request.\n\
         For now there is no other ask to suggest: `ladder next` says what you could do meanwhile.\n"
    );
    // Ana's ask is harder (50) than the one that was just very hard (40): it is not offered until that goes better.
    let (code, next) = at(&s, "2026-11-22T18:30:00+01:00", &["next"]);
    assert_eq!(
        (code, next.as_str()),
        (
            Some(1),
            "Dad said no on 22 Nov, so asks of Dad rest until 29 Nov. The same stakes with someone else, or another \
             request, is practice just as good: ladder add \"...\" --stakes 40\n\
             Nothing harder is offered for now, after how hard that was: an ask no harder than it, or a few days \
             off, is fine.\n"
        )
    );

    // Three no's from one person in two days: after the first, never that person again for a week.
    s.ok(&["done", "2", "--outcome", "no", "--date", "2026-11-21", "--confirm-date"]);
    s.ladder(&["next", "-q"]).assert().code(1).stdout("");
    // A week after the last no, Dad can be asked again: when ready, or someone else.
    let later = "2026-11-29T19:00:00+01:00";
    let (code, out) = at(&s, later, &["next"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "Next: Ask Dad to help me move the sofa on Saturday\n\
         #1 · stakes 40 · with Dad · 0 of 2 reps\n\
         Nothing is mastered yet, and this rung is at 40. If that is too big a step for now, an easier ask around 20 \
         could come first: \u{201c}Ask a shop assistant to recommend something\u{201d} (ladder add --idea 5) or \
         \u{201c}Ask a stranger to recommend a good place to eat nearby\u{201d} (ladder add --idea 6).\n\
         Last time was a no, and you still asked: that is the practice. What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n"
    );
}

#[test]
fn a_gp_rung_added_first_never_waits_for_an_easier_one() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask my GP for help with how I'm feeling", "-s", "85", "--tag", "health"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask my GP for help with how I'm feeling\n\
         #1 · stakes 85 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Make it specific: who will you ask, for what, and when? (ladder edit 1 --who NAME)\n",
        "no \"an easier ask around 42 could come first\""
    );
    s.ok(&["add", "Ask a stranger for the time", "-s", "15"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a stranger for the time\n\
         #2 · stakes 15 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Any time: #1 Ask my GP for help with how I'm feeling\n"
    );
    assert_eq!(
        s.json(&["next", "--json"])["any_time"],
        serde_json::json!([{"id": 1, "ask": "Ask my GP for help with how I'm feeling", "stakes": 85}])
    );

    // Very hard tries on it are met kindly, and it never rests.
    s.ok(&[
        "done",
        "1",
        "--outcome",
        "no",
        "--before",
        "95",
        "--after",
        "95",
        "--date",
        "2026-11-21",
        "--confirm-date",
    ]);
    assert_eq!(
        s.ok(&["done", "1", "--outcome", "no-answer", "--before", "95", "--after", "90"]),
        format!(
            "Recorded attempt 2 on #1 \u{201c}Ask my GP for help with how I'm feeling\u{201d}: no-answer.\n\
             It counts as practice, not as a rep: with no answer yet, what you feared was not put to the test. Still 0 of 2 reps.\n\
             That was very hard, two tries in a row (95, then 95). Getting help is worth it, and you need not do it \
             alone: someone you trust could help you make this ask, or come with you.\n\
             {NOT_A_CRISIS_SERVICE}\n\
             Next: #2 Ask a stranger for the time\n"
        )
    );
    assert!(s.ok(&["next"]).ends_with("Any time: #1 Ask my GP for help with how I'm feeling\n"));
}

#[test]
fn the_starter_ladder_offers_professional_help_any_time_and_ideas_say_so() {
    let s = Sandbox::new();
    s.ok(&["init", "--example"]);
    assert_eq!(
        s.ok(&["next"]).lines().last(),
        Some("Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling")
    );
    let ideas = s.ok(&["ideas", "--tag", "health", "--limit", "1"]);
    assert_eq!(
        ideas,
        " ID  Stakes  Area    Ask\n 46      25  health  Ask a pharmacist a question about your medicine\n\
         1 of 7 shown; --limit 7 shows them all.\n\
         Add one with: ladder add --idea ID (its stakes are a typical guess; --stakes N sets yours)\n\
         Asks tagged health never wait for the climb: `ladder next` offers them any time, and never asks you to do an \
         easier one first.\n"
    );
}

#[test]
fn what_you_learned_is_kept_apart_from_the_note() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a stranger for directions", "-s", "15"]);
    assert_eq!(
        s.ok(&[
            "done",
            "--outcome",
            "no",
            "--note",
            "He was in a hurry",
            "--learned",
            "A no to the ask is not a no to me"
        ]),
        "Recorded attempt 1 on #1 \u{201c}Ask a stranger for directions\u{201d}: no.\n\
         It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
         A no is not a failure: you asked, and asking is the practice. Good that you wrote down what you learned.\n\
         Next: #1 Ask a stranger for directions\n"
    );
    assert!(s.read().ends_with(
        "outcome = \"no\"\nnote = \"He was in a hurry\"\nlearned = \"A no to the ask is not a no to me\"\n"
    ));
    let log = s.json(&["log", "--json"]);
    assert_eq!(
        (&log[0]["note"], &log[0]["learned"]),
        (&"He was in a hurry".into(), &"A no to the ask is not a no to me".into())
    );
    let report = s.ok(&["report"]);
    assert!(report.contains(
        "<h3>What you learned</h3>\n<ul>\n<li>22 Nov, #1 <bdi>Ask a stranger for directions</bdi> (no): <bdi>A no to \
         the ask is not a no to me</bdi></li>\n</ul>\n<h3>Your notes</h3>\n<ul>\n<li>22 Nov, #1 <bdi>Ask a stranger \
         for directions</bdi> (no): <bdi>He was in a hurry</bdi></li>\n</ul>\n"
    ));
    assert_eq!(
        s.ok(&["export", "--format", "csv"]).split("\r\n").nth(1),
        Some(
            "1,Ask a stranger for directions,15,,,practising,1,2026-11-22T18:30:00+01:00,no,,,He was in a hurry,\
             attempt,,,,,,,,,A no to the ask is not a no to me"
        )
    );
    assert_eq!(s.fails(&["done", "--learned", " "], 2), "ladder: the lesson is empty\n");
}

#[test]
fn thanks_not_debt_helping_back_is_offered_never_owed() {
    // A ladder from before `mastery` (the calm rule): a rating of 40 is practice, so the rung is still offered.
    let s = Sandbox::with("version = 2\n");
    s.ok(&["add", "Ask Sam to look over one slide before Friday", "-s", "15", "--who", "Sam"]);
    s.ok(&["done", "--thanked", "--before", "50", "--after", "40", "--date", "2026-11-20", "--confirm-date"]);
    s.ok(&["done", "--thanked", "--before", "50", "--after", "40", "--date", "2026-11-21", "--confirm-date"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask Sam to look over one slide before Friday\n\
         #1 · stakes 15 · with Sam · 0 of 2 comfortable reps\n\
         Last time still felt uncomfortable (40). Repeating an ask is how it gets easier.\n\
         Sam has said yes twice. Your thanks are enough; if you would like to, helping Sam in return one day is a \
         kindness, never a debt: ladder gave \"...\" --to \"Sam\"\n"
    );
}

#[test]
fn a_fear_that_came_true_is_met_with_a_question_not_you_got_through_it() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a stranger for directions", "-s", "15", "--fear", "They'll ignore me"]);
    assert_eq!(
        s.ok(&["done", "--outcome", "no-answer", "--fear-happened"]),
        "Recorded attempt 1 on #1 \u{201c}Ask a stranger for directions\u{201d}: no-answer.\n\
         It counts as practice, not as a rep: with no answer yet, what you feared was not put to the test. Still 0 of 2 reps.\n\
         No answer yet: you still asked, and that took courage. A gentle follow-up is fine.\n\
         What you feared did happen. How bad was it, really, and what helped you through it? To keep it with the \
         attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask a stranger for directions\n"
    );
}

#[test]
fn a_crisis_line_written_on_one_device_survives_a_merge() {
    let base = "[settings]\nrepeat = 2\n\n[[rung]]\nid = 1\nuid = \"aaaaaaaaaa\"\nask = \"Ask Sam\"\nstakes = 10\n";
    let s = Sandbox::with(base);
    std::fs::write(s.path("base.toml"), base).unwrap();
    std::fs::write(
        s.path("theirs.toml"),
        base.replace("repeat = 2\n", "repeat = 2\ncrisis_line = \"Lifeline 13 11 14\"\n"),
    )
    .unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    assert_eq!(s.read_raw(), base.replace("repeat = 2\n", "repeat = 2\ncrisis_line = \"Lifeline 13 11 14\"\n"));
}

/// Going back down after two very hard tries is what `next` asked for: it is never called going back to safety.
#[test]
fn practice_on_the_step_down_is_never_called_avoidance() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a stranger for the time", "-s", "10"]);
    s.ok(&["add", "Ask a shop assistant for help", "-s", "20"]);
    for day in ["2026-11-10", "2026-11-11"] {
        s.ok(&[
            "done",
            "1",
            "--before",
            "20",
            "--after",
            "20",
            "--fear-did-not-happen",
            "--date",
            day,
            "--confirm-date",
        ]);
    }
    s.ok(&["done", "2", "--before", "90", "--after", "88", "--date", "2026-11-17", "--confirm-date"]);
    s.ok(&["done", "2", "--before", "70", "--peak", "95", "--after", "60", "--date", "2026-11-18", "--confirm-date"]);
    for day in ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"] {
        s.ok(&["done", "1", "--before", "20", "--after", "15", "--date", day, "--confirm-date"]);
    }
    let next = s.ok(&["next"]);
    assert!(next.starts_with("Next, a step down: Ask a stranger for the time\n"), "{next}");
    assert!(!next.contains("a rung up"), "{next}");
    let progress = s.ok(&["progress"]);
    assert!(!progress.contains("a rung up"), "{progress}");
    // Each day of it counts toward the week's target, as the two very hard ones do.
    let week = progress.lines().find(|l| l.starts_with("This week:"));
    assert_eq!(week, Some("This week: practice on 6 days, target of 3 met · streak: 1 week"));
    // A week on, the rung comes back gently: still not "the learning now is a rung up".
    let (_, later) = at(&s, "2026-11-26T10:00:00+01:00", &["next"]);
    assert!(later.starts_with("Next: Ask a shop assistant for help\n"), "{later}");
    assert!(!later.contains("a rung up"), "{later}");
}
