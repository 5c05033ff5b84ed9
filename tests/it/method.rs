//! The exposure method end to end: predictions and what really happened, hints, habituation, review,
//! the log, the weekly rhythm, and changing or removing rungs.

use crate::common::{Fixture, Sandbox};
use serde_json::{Value, json};

/// A ladder from before `mastery` was a setting: it keeps the calm (habituation) rule these tests are about.
/// `learning.rs` has the rule new ladders get.
fn calm() -> Sandbox {
    Sandbox::with("version = 2\n")
}

fn hint_kinds(s: &Sandbox) -> Vec<String> {
    let next = s.json(&["next", "--json"]);
    next["hints"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_prediction_is_kept_and_compared_with_what_happened() {
    let s = calm();
    s.ok(&[
        "add",
        "Ask Priya to pair on the flaky test",
        "-s",
        "25",
        "--who",
        "Priya",
        "--fear",
        "She'll think I can't do my job",
        "--chance",
        "30",
    ]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask Priya to pair on the flaky test\n\
         #1 · stakes 25 · with Priya · 0 of 2 comfortable reps\n\
         You fear: She'll think I can't do my job. Your guess at a yes: 30%.\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Nothing is mastered yet, and this rung is at 25. If that is too big a step for now, an easier ask around 12 \
         could come first: \u{201c}Ask a stranger for directions\u{201d} (ladder add --idea 1) or \
         \u{201c}Ask a stranger for the time\u{201d} (ladder add --idea 2).\n"
    );
    let rung = &s.json(&["list", "--json"])[0];
    assert_eq!((rung["fear"].as_str(), rung["chance"].as_u64()), (Some("She'll think I can't do my job"), Some(30)));
    assert!(s.read().contains("fear = \"She'll think I can't do my job\"\nchance = 30\n"));

    assert_eq!(
        s.ok(&["done", "--fear-did-not-happen", "--thanked", "--before", "50", "--after", "20"]),
        "Recorded attempt 1 on #1 \u{201c}Ask Priya to pair on the flaky test\u{201d}: yes.\n\
         It counted as a comfortable rep: you rated it 20 afterwards, at or below 30. Now 1 of 2 comfortable reps.\n\
         A yes, and you thanked them: that makes them likelier to help again.\n\
         What you feared did not happen. Worth remembering next time.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask Priya to pair on the flaky test\n"
    );
    s.ok(&["done", "--outcome", "no", "--fear-happened"]);
    s.ok(&[
        "done",
        "1",
        "--outcome",
        "yes",
        "--fear-did-not-happen",
        "--date",
        "2026-11-21",
        "--after",
        "20",
        "--confirm-date",
    ]);

    let progress = s.json(&["progress", "--json"]);
    assert_eq!((progress["fear_recorded"].as_u64(), progress["fear_happened"].as_u64()), (Some(3), Some(1)));
    assert_eq!((progress["predicted_yes"].as_u64(), progress["actual_yes"].as_u64()), (Some(30), Some(67)));
    assert_eq!(progress["helpers"], json!([{"who": "Priya", "count": 2}]));
    assert_eq!(
        s.ok(&["progress"]),
        "Mastered 1 of 1 rung  ████████████████████ 100% · 3 asks made · 3 fears tested\n\
         3 attempts: 2 yes · 0 partial · 1 no · 0 no answer\n\
         That no was practice too: you asked anyway.\n\
         Your fear came true 1 of 3 times you checked.\n\
         You expected a yes 30% of the time; people said yes 67% of the time.\n\
         This week: practice on 2 of 3 days\n\
         Helped by: Priya 2\n\
         Distress, attempt by attempt:\n  \
         #1     Ask Priya to pair on the flaky test       ▂▂\n\
         Every rung is mastered: that is the whole ladder, well done.\n\
         To keep what you learned, revisit one: ladder next --review\n\
         When you are ready, a harder ask: \u{201c}Ask the person ahead of you in a queue if you can go first\u{201d} \
         (ladder add --idea 10)\n"
    );

    assert_eq!(
        s.fails(&["done", "--fear-happened", "--fear-did-not-happen"], 2),
        "ladder: --fear-happened and --fear-did-not-happen cannot be used together\n"
    );
}

#[test]
fn the_log_lists_attempts_newest_first() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a coworker", "-s", "20"]);
    s.ok(&["add", "Ask my manager", "-s", "60"]);
    s.ok(&["done", "1", "--date", "2026-11-20", "--note", "Easy, in the end", "--confirm-date"]);
    s.ok(&["done", "2", "--outcome", "no", "--before", "70", "--after", "40", "--fear-happened"]);
    s.ok(&["done", "1", "--date", "2026-11-21", "--thanked", "--confirm-date"]);

    let log = s.json(&["log", "--json"]);
    let ids: Vec<u64> = log.as_array().unwrap().iter().map(|a| a["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [2, 3, 1]);
    assert_eq!(
        log[0],
        json!({
            "id": 2, "rung": 2, "ask": "Ask my manager", "at": "2026-11-22T18:30:00+01:00", "outcome": "no",
            "before": 70, "after": 40, "note": null, "fear_happened": true, "thanked": null, "learned": null,
            "used": [], "dropped": [], "peak": null, "likely_before": null, "bad_before": null, "likely_after": null,
            "bad_after": null, "how": null
        })
    );
    assert_eq!(log[1]["thanked"], true);
    let on_one = s.json(&["log", "1", "--json"]);
    assert_eq!(on_one.as_array().unwrap().len(), 2);

    assert_eq!(
        s.ok(&["log"]),
        "#2  2026-11-22  18:30  no   70→40  #2 Ask my manager\n     \
         (the fear came true)\n\
         #3  2026-11-21  12:00  yes         #1 Ask a coworker\n     \
         (thanked)\n\
         #1  2026-11-20  12:00  yes         #1 Ask a coworker\n     \
         Easy, in the end\n"
    );
    assert_eq!(s.fails(&["log", "9"], 2), "ladder: there is no rung with ID 9; `ladder list` shows them all\n");
    assert_eq!(Sandbox::new().ok(&["log"]), "No attempts yet. When you have asked, record it with `ladder done`.\n");
}

#[test]
fn every_hint_kind_shows_when_it_applies() {
    let s = calm();
    s.ok(&["add", "Ask a neighbour the time", "-s", "10"]);
    assert_eq!(hint_kinds(&s), ["specific"]);
    s.ok(&["edit", "1", "--who", "someone at the station"]);
    assert_eq!(hint_kinds(&s), Vec::<String>::new());
    // A no from a person a rung names rests them for a week (issue 30, `care`); a stranger's no is practice
    // to repeat at once.
    s.ok(&["edit", "1", "--ask", "Ask a stranger the time", "--who", ""]);
    assert_eq!(hint_kinds(&s), Vec::<String>::new());

    // Twelve days ago: when a person is named on the rung below, their no's rest is long over.
    s.ok(&["done", "--outcome", "no", "--before", "60", "--after", "45", "--date", "2026-11-10", "--confirm-date"]);
    assert_eq!(hint_kinds(&s), ["rejection", "repeat"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a stranger the time\n\
         #1 · stakes 10 · 0 of 2 comfortable reps\n\
         Last time was a no, and you still asked: that is the practice. What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Last time still felt uncomfortable (45). Repeating an ask is how it gets easier.\n"
    );
    // Once they say what they learned (--learned, not a plain note), the hint does not ask for it again.
    let no = ["done", "--outcome", "no", "--before", "60", "--after", "45", "--date", "2026-11-10", "--confirm-date"];
    s.ok(&[&no[..], &["--note", "they were busy, not cross"]].concat());
    assert_eq!(
        s.ok(&["next"]).lines().nth(2),
        Some(
            "Last time was a no, and you still asked: that is the practice. What did you learn from it? To keep it \
             with the attempt: ladder fix 2 --learned \"...\""
        )
    );
    s.ok(&[&no[..], &["--learned", "they were busy, not cross"]].concat());
    assert_eq!(hint_kinds(&s), ["rejection", "repeat"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a stranger the time\n\
         #1 · stakes 10 · 0 of 2 comfortable reps\n\
         Last time was a no, and you still asked: that is the practice, and you wrote down what you learned.\n\
         Last time still felt uncomfortable (45). Repeating an ask is how it gets easier.\n"
    );

    s.ok(&["edit", "1", "--who", "someone at the station"]);
    s.ok(&["done", "--after", "20", "--date", "2026-11-21", "--confirm-date"]);
    assert_eq!(hint_kinds(&s), ["thank"]);
    s.ok(&["done", "--after", "20", "--thanked"]);
    // Rung 1 is mastered; a rung 30 points above it is too big a step.
    s.ok(&["add", "Ask my manager for feedback", "-s", "40", "--who", "Jo"]);
    assert_eq!(hint_kinds(&s), ["gap", "reciprocity"], "two yeses from the same person, nothing given back");
    s.ok(&["gave", "Held the door", "--to", "Someone at the station"]);
    assert_eq!(hint_kinds(&s), ["gap"]);
    let gap = s.json(&["next", "--json"])["hints"][0]["text"].as_str().unwrap().to_string();
    assert!(gap.contains("jump of 30") && gap.contains("around 25"), "{gap}");
    assert!(gap.contains("(ladder add --idea "), "the gap hint names ideas from the bank: {gap}");
    assert!(s.ok(&["next"]).contains("jump of 30"), "human next shows it too");
}

#[test]
fn settings_in_the_file_change_the_rules() {
    let settings = Fixture::version(1).setting("max_step", 40).setting("habituation", 25).setting("weekly_target", 1);
    let s = Sandbox::with(&settings.rung(1, "Ask", 35).who("Sam").text());
    assert_eq!(hint_kinds(&s), Vec::<String>::new(), "35 is within a max_step of 40");
    s.ok(&["done", "--before", "80", "--after", "40"]);
    assert_eq!(s.json(&["next", "--json"])["counted"], 0, "40 is not 25% of 80");
    s.ok(&["done", "--before", "80", "--after", "20", "--thanked"]);
    assert_eq!(s.json(&["next", "--json"])["counted"], 1);
    assert_eq!(s.json(&["progress", "--json"])["weekly_target"], 1);
}

#[test]
fn habituation_masters_a_rung_even_above_comfortable() {
    let s = calm();
    s.ok(&["add", "Ask", "-s", "50", "--who", "Sam"]);
    s.ok(&["done", "--before", "80", "--after", "40", "--date", "yesterday", "--confirm-date"]);
    let out = s.ok(&["done", "--before", "70", "--after", "35"]);
    assert!(out.contains("mastered"), "distress halved twice: {out}");
}

#[test]
fn review_suggests_the_mastered_rung_practised_longest_ago() {
    let ladder =
        Fixture::version(1).setting("repeat", 1).rung(1, "Ask A", 10).rung(2, "Ask B", 20).rung(3, "Ask C", 30);
    let s = Sandbox::with(&ladder.text());
    let out = s.ladder(&["next", "--review"]).assert().code(1).get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().contains("Nothing to review yet"));
    s.ladder(&["next", "--review", "-q"]).assert().code(1).stdout("");
    s.ok(&["done", "2", "--date", "2026-11-01", "--confirm-date", "--after", "20"]);
    s.ok(&["done", "1", "--date", "2026-11-10", "--confirm-date", "--after", "20"]);
    let out = s.ok(&["next", "--review"]);
    assert!(out.starts_with("Review: Ask B\n"), "{out}");
    assert!(out.contains("last practised 1 Nov 2026"), "{out}");
    assert_eq!(s.json(&["next", "--review", "--json"])["id"], 2);
    assert_eq!(s.ok(&["next", "--review", "-q"]), "Ask B\n");
    assert_eq!(s.json(&["next", "--json"])["id"], 3, "plain next still climbs");
}

#[test]
fn the_weekly_rhythm_and_trends_show_in_progress() {
    let s = calm();
    s.ok(&["add", "Ask", "-s", "40", "--who", "Sam"]);
    // The fixed clock is Sunday 22 November 2026; its ISO week began on Monday the 16th.
    for date in
        ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-16", "2026-11-22"]
    {
        s.ok(&["done", "--date", date, "--before", "70", "--after", "60", "--confirm-date"]);
    }
    let progress = s.json(&["progress", "--json"]);
    assert_eq!(
        (&progress["this_week"], &progress["days_this_week"], &progress["weekly_target"], &progress["streak_weeks"]),
        (&json!(2), &json!(2), &json!(3), &json!(2))
    );
    assert_eq!(progress["trends"], json!([{"id": 1, "distress": [60, 60, 60, 60, 60, 60, 60, 60]}]));
    let human = s.ok(&["progress"]);
    assert!(human.contains("This week: practice on 2 of 3 days · streak: 2 weeks"), "{human}");
    assert!(human.contains("▅▅▅▅▅▅▅▅"), "a sparkline of distress: {human}");
}

#[test]
fn edit_changes_a_rung_in_place_and_keeps_the_file_s_comments() {
    let s = Sandbox::with(
        "# mine\n[[rung]]\nid = 1\nask = 'Ask Sam' # the ask\nstakes = 40 # my guess\nmood = 'hopeful'\n",
    );
    let out =
        s.ok(&["edit", "1", "--stakes", "35", "--who", "Sam", "--tag", "work", "--tag", "team", "--chance", "60"]);
    assert_eq!(
        out,
        "Changed #1 \u{201c}Ask Sam\u{201d}: stakes 40 → 35; who none → \u{201c}Sam\u{201d}; tags none → \u{201c}work\u{201d}, \u{201c}team\u{201d}; chance none → 60%.\n"
    );
    assert_eq!(
        s.read(),
        "# mine\n[[rung]]\nid = 1\nask = 'Ask Sam' # the ask\nstakes = 35 # my guess\nmood = 'hopeful'\n\
         who = \"Sam\"\ntags = [\"work\", \"team\"]\nchance = 60\n"
    );
    s.ok(&["edit", "1", "--who", "", "--tag", ""]);
    let rung = &s.json(&["list", "--json"])[0];
    assert_eq!((&rung["who"], &rung["tags"]), (&Value::Null, &json!([])));
    assert_eq!(s.ok(&["edit", "1", "--stakes", "35"]), "Nothing to change on #1: it already has those values.\n");
    assert_eq!(s.ok(&["edit", "1"]), "Nothing to change on #1: give a new value, such as --stakes 35.\n");
    assert_eq!(
        s.fails(&["edit", "7", "--stakes", "5"], 2),
        "ladder: there is no rung with ID 7; `ladder list` shows them all\n"
    );
    assert_eq!(s.fails(&["edit", "1", "--ask", " "], 2), "ladder: the ask is empty\n");
    s.ok(&["undo"]);
    assert_eq!(s.json(&["list", "--json"])[0]["who"], "Sam");
}

#[test]
fn rm_removes_a_rung_with_its_attempts_and_never_reuses_its_id() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask A", "-s", "10"]);
    s.ok(&["add", "Ask B", "-s", "20"]);
    s.ok(&["done", "2"]);
    s.ok(&["done", "2"]);
    assert_eq!(s.ok(&["rm", "2"]), "Removed #2 “Ask B” and its 2 attempts. (`ladder undo` brings them back.)\n");
    assert_eq!(s.json(&["progress", "--json"])["attempts"], 0);
    s.ok(&["add", "Ask C", "-s", "30"]);
    s.ok(&["done", "3"]);
    let list = s.json(&["list", "--json"]);
    assert_eq!(list[1]["id"], 3, "ID 2 is not given again");
    assert_eq!(list[1]["attempts"][0]["id"], 3, "nor are attempt IDs 1 and 2");
    assert_eq!(s.fails(&["rm", "2"], 2), "ladder: there is no rung with ID 2; `ladder list` shows them all\n");

    s.ok(&["rm", "3"]);
    assert_eq!(s.ok(&["undo"]), "Undone: removed rung 3 and its 1 attempt.\n");
    assert_eq!(s.json(&["list", "--json"]).as_array().unwrap().len(), 2);
}
