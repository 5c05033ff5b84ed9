//! Your circle end to end: help given back, thanks after the fact, the circle, and asks planned for a day.

use crate::common::{Fixture, Sandbox};
use serde_json::json;

fn ladder() -> String {
    Fixture::version(1)
        .rung(1, "Ask Sam to review one slide", 30)
        .who("Sam")
        .rung(2, "Ask Ana for a lift to the station", 40)
        .who("Ana")
        .rung(3, "Ask a stranger the time", 10)
        .text()
}

#[test]
fn the_circle_counts_asks_answers_thanks_and_help_given_back() {
    let s = Sandbox::with(&ladder());
    s.ok(&["done", "1", "--date", "2026-11-16"]);
    s.ok(&["done", "1", "--outcome", "partial", "--date", "2026-11-17", "--thanked"]);
    s.ok(&["done", "1", "--date", "2026-11-18"]);
    s.ok(&["done", "2", "--outcome", "no", "--date", "2026-11-19"]);
    let out = s.ok(&["gave", "Covered", "her", "shift", "--to", " ana ", "--date", "2026-05-04", "--confirm-date"]);
    assert_eq!(
        out,
        "Noted: you helped Ana: \u{201c}Covered her shift\u{201d}, on Mon 4 May 2026, 6 months ago. Giving back keeps a circle strong.\n",
        "the name as first written"
    );
    assert!(
        s.read().ends_with(
            "\n[[gave]]\nid = 1\nat = 2026-05-04T12:00:00+01:00\nto = \"Ana\"\ntext = \"Covered her shift\"\n"
        )
    );

    let circle = s.json(&["circle", "--json"]);
    assert_eq!(
        circle,
        json!([
            {"who": "Ana", "asks": 1, "yes": 0, "partial": 0, "no": 1, "thanked": 0, "unthanked": 0, "gave": 1, "last": "2026-11-19"},
            {"who": "Sam", "asks": 3, "yes": 2, "partial": 1, "no": 0, "thanked": 1, "unthanked": 2, "gave": 0, "last": "2026-11-18"}
        ])
    );
    // No balance line for Ana, who has not helped yet.
    assert_eq!(
        s.ok(&["circle"]),
        " Who  Asks  Yes  Partial  No  Thanked  To thank  You helped  Last\n \
         Ana     1    0        0   1        0         0           1  2026-11-19\n \
         Sam     3    2        1   0        1         2           0  2026-11-18\n\
         Sam has helped you 3 times. Your thanks are enough; helping Sam in return one day, if you would like to, \
         is a kindness, never a debt.\n"
    );

    // Two yeses and nothing given: next offers a reciprocity hint, which help given back settles.
    let kinds = |s: &Sandbox| -> Vec<String> {
        let next = s.json(&["next", "--json"]);
        next["hints"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap().to_string()).collect()
    };
    assert!(kinds(&s).contains(&"reciprocity".to_string()), "{:?}", kinds(&s));
    assert_eq!(
        s.ok(&["gave", "Reviewed his doc", "--to", "SAM"]),
        "Noted: you helped Sam: \u{201c}Reviewed his doc\u{201d}. Giving back keeps a circle strong.\n\
         Sam has helped you 3 times; you helped Sam once, in November.\n"
    );
    assert!(!kinds(&s).contains(&"reciprocity".to_string()));
    assert_eq!(s.json(&["circle", "--json"])[0]["who"], "Sam", "the most recent exchange first");

    s.refused(&["gave", "x", "--to", " "], "the name is empty");
    s.refused(&["gave", "Helped", "--to", "Sam", "--date", "2026-12-01"], "in the future");
    s.fails(&["gave", "Helped"], 2);
}

#[test]
fn thank_marks_an_earlier_yes_and_the_thank_hint_names_it() {
    let s = Sandbox::with(&ladder());
    s.ok(&["done", "1"]);
    let next = s.json(&["next", "--json"]);
    let thank = next["hints"].as_array().and_then(|h| h.last()).cloned().unwrap_or_default();
    assert_eq!(thank["kind"], "thank", "the thanks come last: `done` said them already");
    assert!(thank["text"].as_str().unwrap().starts_with("Sam said yes (attempt 1, 22 Nov)"));
    let out = s.ok(&["thank", "1"]);
    assert_eq!(
        out,
        "Marked attempt 1 on #1 \u{201c}Ask Sam to review one slide\u{201d}: you thanked Sam. That makes them likelier to help again.\n"
    );
    assert_eq!(s.json(&["log", "--json"])[0]["thanked"], true);
    assert!(s.read().contains("outcome = \"yes\"\nthanked = true\n"));
    let kinds = s.json(&["next", "--json"])["hints"].to_string();
    assert!(!kinds.contains("\"thank\""), "{kinds}");
    let before = s.read();
    assert_eq!(s.ok(&["thank", "1"]), "Attempt 1 is already marked thanked.\n");
    assert_eq!(s.read(), before, "nothing to write");
    s.refused(&["thank", "9"], "no attempt with ID 9");
}

#[test]
fn plans_say_when_never_which() {
    let s = Sandbox::with(&ladder());
    let out = s.ok(&["plan", "1", "--on", "2026-11-26", "--where", "after stand-up"]);
    assert_eq!(out, "Planned #1 Ask Sam to review one slide: Thu 26 Nov 2026, after stand-up.\n");
    assert!(s.read().contains("who = \"Sam\"\nplanned = 2026-11-26\nwhere = \"after stand-up\"\n"));
    // Planned on the 19th for the 20th: overdue now.
    s.ladder(&["plan", "2", "--on", "2026-11-20"]).env("LADDER_NOW", "2026-11-19T09:00:00+01:00").assert().success();

    let agenda = s.json(&["agenda", "--json"]);
    assert_eq!(
        agenda,
        json!([
            {"id": 2, "ask": "Ask Ana for a lift to the station", "planned": "2026-11-20", "where": null, "overdue": true},
            {"id": 1, "ask": "Ask Sam to review one slide", "planned": "2026-11-26", "where": "after stand-up", "overdue": false}
        ])
    );
    assert_eq!(
        s.ok(&["agenda"]),
        "Fri 20 Nov 2026  #2  Ask Ana for a lift to the station                  overdue\n\
         Thu 26 Nov 2026  #1  Ask Sam to review one slide        after stand-up\n",
        "overdue first"
    );

    // The climbing order stays: rung 3 (stakes 10) is still next, though it has no plan.
    assert_eq!(s.json(&["next", "--json"])["id"], 3);
    // Rated comfortable (the calm rule of a file without `mastery`), and one rep a day: the first on another day.
    s.ok(&["done", "3", "--after", "20", "--date", "yesterday"]);
    s.ok(&["done", "3", "--after", "20"]);
    let next = s.json(&["next", "--json"]);
    assert_eq!(
        (&next["id"], &next["planned"], &next["where"], &next["overdue"]),
        (&json!(1), &json!("2026-11-26"), &json!("after stand-up"), &json!(false))
    );
    let gap = "This is a jump of 20 from your highest mastered rung (10). An ask around 20 in between would make the \
               climb gentler: \u{201c}Ask a shop assistant to recommend something\u{201d} (ladder add --idea 5) or \
               \u{201c}Ask a stranger to recommend a good place to eat nearby\u{201d} (ladder add --idea 6).";
    assert_eq!(
        s.ok(&["next"]),
        format!(
            "Next: Ask Sam to review one slide\n#1 · stakes 30 · with Sam · 0 of 2 comfortable reps\n\
             Planned for Thu 26 Nov 2026, after stand-up.\n\
             First try. Success is making the ask, not feeling calm while you do.\n{gap}\n"
        )
    );

    // A plan in the past is overdue at once, kindly, with an offer to re-plan.
    s.ladder(&["plan", "1", "--on", "2026-11-21"]).env("LADDER_NOW", "2026-11-20T09:00:00+01:00").assert().success();
    assert_eq!(
        s.ok(&["next"]),
        format!(
            "Next: Ask Sam to review one slide\n#1 · stakes 30 · with Sam · 0 of 2 comfortable reps\n\
             You planned this for Sat 21 Nov. No harm done. To pick a new day: ladder plan 1 --on DAY\n\
             First try. Success is making the ask, not feeling calm while you do.\n{gap}\n"
        )
    );
    assert_eq!(s.json(&["next", "--json"])["overdue"], true);
    assert!(s.read().contains("after stand-up"), "a new day without --where keeps the place");

    // Asking clears the plan.
    s.ok(&["done", "1"]);
    assert_eq!(s.json(&["agenda", "--json"]).as_array().unwrap().len(), 1);
    assert!(!s.read().contains("planned = 2026-11-21"));

    assert_eq!(s.ok(&["plan", "2", "--clear"]), "Cleared the plan for #2 Ask Ana for a lift to the station.\n");
    assert_eq!(s.ok(&["agenda"]), "Nothing planned. Choose a day for an ask: ladder plan ID --on DAY\n");
    assert_eq!(s.ok(&["plan", "2", "--clear"]), "Nothing to change: #2 has no plan.\n");

    s.refused(&["plan", "9", "--on", "2026-11-26"], "no rung with ID 9");
    s.refused(&["plan", "1", "--on", "next week"], "\"next week\" is not a day like 2026-11-29, today or tomorrow");
    s.refused(&["plan", "1"], "--on");
    s.refused(&["plan", "1", "--on", "2026-11-26", "--clear"], "cannot be used together");
}

#[test]
fn an_empty_circle_and_agenda_say_how_to_begin() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&["circle"]),
        "No one in your circle yet. Name who you will ask (ladder add ... --who NAME), and note help you give \
         (ladder gave ... --to NAME).\n"
    );
    assert_eq!(s.ok(&["agenda"]), "Nothing planned. Choose a day for an ask: ladder plan ID --on DAY\n");
    assert_eq!(s.json(&["circle", "--json"]), json!([]));
    assert_eq!(s.json(&["agenda", "--json"]), json!([]));
}
