//! Growing the ladder: noticing hesitations and promoting them, and the idea bank.

use crate::common::{Fixture, Sandbox};
use serde_json::{Value, json};

fn ladder() -> String {
    Fixture::version(1)
        .rung(1, "Ask a coworker a quick question", 30)
        .rung(2, "Ask my supervisor for feedback on my work", 50)
        .text()
}

#[test]
fn a_hesitation_is_named_back_gently_and_placed_on_the_ladder() {
    let s = Sandbox::with(&ladder());
    let out = s.ok(&["hesitated", "Ask Sam to look over my PR", "--story", "I'd be bothering him", "--stakes", "40"]);
    assert_eq!(
        out,
        "Noticed (#1) \u{201c}Ask Sam to look over my PR\u{201d}. Wanting to ask and holding back is exactly the moment this ladder is for.\n\
         You told yourself: \u{201c}I'd be bothering him\u{201d}. Is that true, or is it fear talking?\n\
         At stakes 40 it would sit between #1 \u{201c}Ask a coworker a quick question\u{201d} (30) and \
         #2 \u{201c}Ask my supervisor for feedback\u{2026}\u{201d} (50).\n\
         Make it a rung when you are ready: ladder promote 1\n"
    );
    assert!(s.read().ends_with(
        "\n[[hesitation]]\nid = 1\nat = 2026-11-22T18:30:00+01:00\ntext = \"Ask Sam to look over my PR\"\nstory = \"I'd be bothering him\"\nstakes = 40\n"
    ));

    assert_eq!(
        s.ok(&["hesitated", "Ask", "for", "help", "at", "the", "pharmacy", "--date", "2026-11-20", "--confirm-date"]),
        "Noticed (#2) \u{201c}Ask for help at the pharmacy\u{201d}, on Fri 20 Nov 2026, 2 days ago. Wanting to ask and holding back is exactly the moment this ladder is for.\n\
         Make it a rung when you are ready: ladder promote 2 --stakes N\n",
        "no stakes yet"
    );
    s.refused(&["hesitated", "Ask later", "--date", "2026-11-23"], "in the future");
    s.refused(&["hesitated", " "], "the hesitation is empty");

    let list = s.json(&["hesitations", "--json"]);
    assert_eq!(
        list,
        json!([
            {"id": 1, "at": "2026-11-22T18:30:00+01:00", "text": "Ask Sam to look over my PR", "story": "I'd be bothering him", "stakes": 40, "rung": null},
            {"id": 2, "at": "2026-11-20T12:00:00+01:00", "text": "Ask for help at the pharmacy", "story": null, "stakes": null, "rung": null}
        ])
    );
    assert_eq!(s.json(&["progress", "--json"])["hesitations_this_week"], 2, "the week of Monday 16 November");
    assert_eq!(
        s.ok(&["progress"]),
        "Mastered 0 of 2 rungs  ░░░░░░░░░░░░░░░░░░░░ 0%\n\
         0 attempts: 0 yes · 0 partial · 0 no · 0 no answer\n\
         This week: practice on 0 of 3 days\n\
         Hesitations noticed this week: 2. Noticing is progress too.\n\
         Next: #1 Ask a coworker a quick question (stakes 30)\n"
    );
}

#[test]
fn promote_turns_a_hesitation_into_a_rung_once() {
    let s = Sandbox::with(&ladder());
    s.ok(&["hesitated", "Ask Sam to look over my PR", "--stakes", "40"]);
    s.ok(&["hesitated", "Ask the pharmacist about my pills"]);

    assert_eq!(
        s.ok(&["promote", "1", "--who", "Sam"]),
        "Promoted hesitation #1 \u{201c}Ask Sam to look over my PR\u{201d} to rung #3 at stakes 40, between #1 \u{201c}Ask a coworker a quick question\u{201d} \
         (30) and #2 \u{201c}Ask my supervisor for feedback\u{2026}\u{201d} (50).\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    let rung = &s.json(&["list", "--json"])[1];
    assert_eq!(
        (&rung["id"], &rung["ask"], &rung["who"]),
        (&json!(3), &json!("Ask Sam to look over my PR"), &json!("Sam"))
    );
    assert_eq!(s.json(&["hesitations", "--json"])[1]["rung"], 3);
    assert_eq!(
        s.ok(&["hesitations"]),
        "#2  2026-11-22             Ask the pharmacist about my pills\n\
         #1  2026-11-22  stakes 40  Ask Sam to look over my PR  \u{2192} rung #3\n"
    );

    s.refused(&["promote", "1"], "already rung #3");
    s.refused(&["promote", "2"], "has no stakes yet; give them: ladder promote 2 --stakes N");
    s.refused(&["promote", "9", "--stakes", "20"], "no hesitation with ID 9");
    assert_eq!(
        s.ok(&["promote", "2", "--stakes", "20"]),
        "Promoted hesitation #2 \u{201c}Ask the pharmacist about my pills\u{201d} to rung #4 at stakes 20, at the bottom, below #1 \
         \u{201c}Ask a coworker a quick question\u{201d} (30).\n\
         Next: #4 Ask the pharmacist about my pills\n"
    );

    s.ok(&["rm", "3"]);
    assert_eq!(
        s.ok(&["hesitations"]),
        "#2  2026-11-22             Ask the pharmacist about my pills  \u{2192} rung #4\n\
         #1  2026-11-22  stakes 40  Ask Sam to look over my PR  \u{2192} rung #3 (since removed)\n",
        "the hesitation keeps its history"
    );
}

#[test]
fn the_idea_bank_fills_gaps_without_repeating_the_ladder() {
    let s = Sandbox::with(&ladder());
    let all: Value = s.json(&["ideas", "--limit", "1000", "--json"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 70, "every idea in the bank: none is on this ladder yet");
    assert_eq!(all[0].as_object().unwrap().keys().collect::<Vec<_>>(), ["ask", "id", "stakes", "tag"]);

    let near = s.json(&["ideas", "--near", "45", "--limit", "3", "--json"]);
    let distances: Vec<u64> =
        near.as_array().unwrap().iter().map(|i| i["stakes"].as_u64().unwrap().abs_diff(45)).collect();
    assert_eq!(distances.len(), 3);
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{near}");

    let money = s.json(&["ideas", "--tag", "money", "--json", "--limit", "100"]);
    assert!(money.as_array().unwrap().iter().all(|i| i["tag"] == "money"));
    s.refused(&["ideas", "--tag", "hobbies"], "no idea has the tag \"hobbies\"; the tags are everyday, work");

    let human = s.ok(&["ideas"]);
    assert!(human.contains("ladder add --idea ID"), "{human}");
    assert!(human.contains("10 of "), "ten by default: {human}");

    // An idea joins the ladder at its typical stakes, with its area as a tag; then it is no longer offered.
    let idea = &all[0];
    let id = idea["id"].to_string();
    let out = s.ok(&["add", "--idea", &id]);
    assert!(out.contains(&format!("at stakes {}", idea["stakes"])), "{out}");
    let list = s.json(&["list", "--json"]);
    let added = list.as_array().unwrap().iter().find(|r| r["ask"] == idea["ask"]).unwrap();
    assert_eq!(added["tags"], json!([idea["tag"]]));
    let left = s.json(&["ideas", "--limit", "1000", "--json"]);
    assert!(!left.as_array().unwrap().iter().any(|i| i["id"] == idea["id"]));
    s.refused(&["add", "--idea", &id], "already on your ladder as #3");

    let second = all[1]["id"].to_string();
    s.ok(&["add", "--idea", &second, "--stakes", "33", "--who", "a stranger"]);
    assert!(
        s.json(&["list", "--json"]).as_array().unwrap().iter().any(|r| r["stakes"] == 33 && r["who"] == "a stranger")
    );
    s.refused(&["add", "--idea", "9999"], "no idea with ID 9999");
    s.refused(&["add", "Ask", "--idea", "5"], "cannot be used together");
}

#[test]
fn no_hesitations_yet_is_said_kindly() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&["hesitations"]),
        "No hesitations noted yet. When you hold back from asking, note it: ladder hesitated \"...\"\n"
    );
    assert_eq!(s.json(&["hesitations", "--json"]), json!([]));
}
