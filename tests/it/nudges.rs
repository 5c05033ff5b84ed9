//! People and ways of asking, and a day for the next ask (issue 30 items 10 and 11): how an ask was made is
//! recorded, shown and fixed; `done` nudges once towards someone new when most recent asks went to one person,
//! and offers to plan the next ask only when nothing is planned, the person has practised on two days, and
//! never after the care message. Each compared whole as the person reads it.

use crate::common::Sandbox;

#[test]
fn how_an_ask_was_made_is_kept_shown_exported_and_fixed() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam to swap a shift", "-s", "40", "--who", "Sam"]);
    s.ok(&["done", "--how", "phone", "--note", "Rang at lunch"]);
    assert!(s.read().contains("\nhow = \"phone\"\n"), "{}", s.read());
    assert_eq!(
        s.ok(&["log"]),
        "#1  2026-11-22  18:30  yes  #1 Ask Sam to swap a shift\n     Rang at lunch (by phone)\n"
    );
    assert_eq!(s.json(&["log", "--json"])[0]["how"], "phone");
    assert_eq!(s.json(&["list", "--json"])[0]["attempts"][0]["how"], "phone");
    assert_eq!(
        s.ok(&["fix", "1", "--how", "in-person"]),
        "Fixed attempt 1 on #1 \u{201c}Ask Sam to swap a shift\u{201d}: how phone \u{2192} in-person.\n"
    );
    assert!(s.read().contains("\nhow = \"in-person\"\n"), "{}", s.read());
    assert_eq!(
        s.fails(&["done", "--how", "fax"], 2),
        "ladder: --how is one of in-person, phone, text, email, other, not \"fax\"\n"
    );
    s.write(&s.read_raw().replace("how = \"in-person\"", "how = \"fax\""));
    assert_eq!(
        s.fails(&["log"], 2),
        format!(
            "ladder: {}:25:7: unknown way of asking \"fax\" (use in-person, phone, text, email or other): \
             `how = \"fax\"`\n",
            s.file().display()
        )
    );
}

#[test]
fn four_of_the_last_five_asks_to_mum_get_one_kind_nudge_towards_someone_new() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Mum to look over my CV", "-s", "20", "--who", "Mum"]);
    s.ok(&["add", "Ask Sam to swap a shift", "-s", "30", "--who", "Sam"]);
    s.ok(&["done", "2", "--date", "2026-11-16", "--how", "text", "--confirm-date"]);
    // A plan on the ladder: no offer to plan, so the nudge stands alone.
    s.ok(&["plan", "2", "--on", "2026-11-30"]);
    for day in ["17", "18", "19"] {
        s.ok(&["done", "1", "--date", &format!("2026-11-{day}"), "--how", "in-person", "--confirm-date"]);
    }
    assert_eq!(
        s.ok(&["done", "1", "--date", "2026-11-20", "--how", "in-person", "--confirm-date"]),
        "Recorded attempt 5 on #1 \u{201c}Ask Mum to look over my CV\u{201d}, on Fri 20 Nov 2026, 2 days ago: yes.\n\
         More practice on #1, mastered already: it keeps the ask familiar. A try after a week or more away from it \
         is a review, and shows whether what you learned on it has lasted.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 5\n\
         What did you learn from it? To keep it with the attempt: ladder fix 5 --learned \"...\"\n\
         Next: #2 Ask Sam to swap a shift\n\
         4 of your last 5 asks went to Mum. That is a fine place to start; asking someone new, even for something \
         small, builds a circle of people you can ask: ladder add \"...\" --who NAME\n"
    );
    // Said once: the next ask to Mum is recorded without it.
    assert_eq!(
        s.ok(&["done", "1", "--date", "2026-11-21", "--confirm-date"]),
        "Recorded attempt 6 on #1 \u{201c}Ask Mum to look over my CV\u{201d}, on Sat 21 Nov 2026, yesterday: yes.\n\
         More practice on #1, mastered already: it keeps the ask familiar. A try after a week or more away from it \
         is a review, and shows whether what you learned on it has lasted.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 6\n\
         What did you learn from it? To keep it with the attempt: ladder fix 6 --learned \"...\"\n\
         Next: #2 Ask Sam to swap a shift\n"
    );
}

/// The offer to plan comes on a return after a break (newuser12 item 11: it came on 14 of 16 practice days of a
/// month): not on the first day, nor on a day right after practice, and once a day at most.
#[test]
fn after_a_break_done_offers_a_day_for_the_next_ask_once() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a neighbour to take in a parcel", "-s", "20"]);
    s.ok(&["add", "Ask a colleague for a lift", "-s", "30"]);
    // The first day of practice, then the next day: practice is regular, nothing to offer.
    for (day, id) in [("16", 1), ("17", 2)] {
        let said = s.ok(&["done", "--date", &format!("2026-11-{day}"), "--confirm-date"]);
        assert!(!said.contains("Pick a day"), "attempt {id}: {said}");
    }
    // Back after two days without practice (18 and 19 Nov): the offer, naming the command.
    assert_eq!(
        s.ok(&["done", "--date", "2026-11-20", "--confirm-date"]),
        "Recorded attempt 3 on #2 \u{201c}Ask a colleague for a lift\u{201d}, on Fri 20 Nov 2026, 2 days ago: yes.\n\
         It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 3\n\
         What did you learn from it? To keep it with the attempt: ladder fix 3 --learned \"...\"\n\
         Next: #2 Ask a colleague for a lift\n\
         Pick a day for the next one, if you like: ladder plan 2 --on DAY\n"
    );
    // A second attempt the same day: not again.
    assert_eq!(
        s.ok(&["done", "--date", "2026-11-20", "--confirm-date"]),
        "Recorded attempt 4 on #2 \u{201c}Ask a colleague for a lift\u{201d}, on Fri 20 Nov 2026, 2 days ago: yes.\n\
         It counts as practice: #2 already has a rep that day, and one a day is what counts. Still 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 4\n\
         What did you learn from it? To keep it with the attempt: ladder fix 4 --learned \"...\"\n\
         Next: #2 Ask a colleague for a lift\n"
    );
    // With a plan on the ladder, nothing to offer.
    s.ok(&["plan", "2", "--on", "2026-11-25"]);
    assert_eq!(
        s.ok(&["done", "1"]),
        "Recorded attempt 5 on #1 \u{201c}Ask a neighbour to take in a parcel\u{201d}: yes.\n\
         More practice on #1, mastered already: it keeps the ask familiar. A try after a week or more away from it \
         is a review, and shows whether what you learned on it has lasted.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 5\n\
         What did you learn from it? To keep it with the attempt: ladder fix 5 --learned \"...\"\n\
         Next: #2 Ask a colleague for a lift\n"
    );
}

#[test]
fn after_a_very_hard_ask_or_a_no_that_rests_the_person_no_plan_is_offered() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a neighbour to take in a parcel", "-s", "20"]);
    s.ok(&["add", "Ask Sam to swap a shift", "-s", "30", "--who", "Sam"]);
    s.ok(&["done", "--date", "2026-11-20", "--confirm-date"]);
    // A very hard ask on a second day: care first, no plan.
    assert_eq!(
        s.ok(&["done", "--before", "90", "--after", "90"]),
        "Recorded attempt 2 on #1 \u{201c}Ask a neighbour to take in a parcel\u{201d}: yes.\n\
         It counts as practice, not as a rep: it was very hard (distress 90), and a rep is an ask you can bear. \
         Still 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         That was harder than planned: you felt 90, and #1 is at stakes 20. That is common, and worth knowing: \
         stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 1 --ask \"...\" --stakes 10), or add \
         an easier step before it (ladder split 1 \"...\" --stakes 10).\n\
         Next: #1 Ask a neighbour to take in a parcel\n"
    );
    // A no from the person a rung names, on another day: the rest is said, no plan.
    assert_eq!(
        s.ok(&["done", "2", "--outcome", "no", "--date", "2026-11-21", "--confirm-date"]),
        "Recorded attempt 3 on #2 \u{201c}Ask Sam to swap a shift\u{201d}, on Sat 21 Nov 2026, yesterday: no.\n\
         It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
         A no is not a failure: you asked, and asking is the practice.\n\
         A no from Sam can sting. How bad was it, really, and what helped you through it? To keep it with the \
         attempt: ladder fix 3 --learned \"...\"\n\
         Asks of Sam rest until 28 Nov: next time, the same stakes with someone else, or another request.\n\
         Next: #1 Ask a neighbour to take in a parcel\n"
    );
}
