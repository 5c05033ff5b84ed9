//! Small statements that must agree with the numbers (issue 13, items 8, 10, 11, 12, 14 and 15).

use crate::common::Sandbox;

fn lines(out: &str) -> Vec<&str> {
    out.lines().collect()
}

#[test]
fn a_plan_for_a_past_day_is_refused_and_replanning_keeps_the_place() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam for help with the report", "-s", "30", "--who", "Sam"]);
    let err = s.fails(&["plan", "1", "--on", "2026-11-20"], 2);
    assert_eq!(err, "ladder: 2026-11-20 has passed; plan the ask for today or a day to come\n");
    s.ok(&["plan", "1", "--on", "2026-11-25", "--where", "at lunch"]);
    let out = s.ok(&["plan", "1", "--on", "2026-11-26"]);
    assert_eq!(out, "Planned #1 Ask Sam for help with the report: Thu 26 Nov 2026, at lunch.\n");
    assert_eq!(
        s.ok(&["plan", "1", "--on", "2026-11-22"]),
        "Planned #1 Ask Sam for help with the report: today, at lunch.\n"
    );
}

#[test]
fn a_name_is_one_person_however_spaced_and_shown_as_first_written() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Mrs Okafor for sugar", "-s", "30", "--who", "Mrs Okafor"]);
    s.ok(&["add", "Ask Mrs Okafor for eggs", "-s", "35", "--who", "mrs  okafor"]);
    let out = s.ok(&["gave", "Fed the cat", "--to", "MRS OKAFOR"]);
    assert_eq!(
        lines(&out)[0],
        "Noted: you helped Mrs Okafor: \u{201c}Fed the cat\u{201d}. Giving back keeps a circle strong."
    );
    assert!(s.read().contains("to = \"Mrs Okafor\""), "{}", s.read());
    let circle = s.json(&["circle", "--json"]);
    assert_eq!(circle.as_array().map(Vec::len), Some(1), "{circle}");
    assert_eq!(circle[0]["who"], "Mrs Okafor");
}

#[test]
fn counts_and_limits_read_right() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam for help with the report", "-s", "30", "--who", "Sam"]);
    s.ok(&["done", "--thanked"]);
    let progress = s.ok(&["progress"]);
    assert_eq!(lines(&progress)[0], "Mastered 0 of 1 rung  ░░░░░░░░░░░░░░░░░░░░ 0% · 1 ask made");
    assert_eq!(lines(&progress)[1], "1 attempt: 1 yes · 0 partial · 0 no · 0 no answer");
    for _ in 0..3 {
        s.ok(&["done", "1", "--thanked"]);
    }
    let progress = s.ok(&["progress"]);
    // Four asks on one day are one day of practice.
    assert_eq!(lines(&progress)[0], "Mastered 0 of 1 rung  ░░░░░░░░░░░░░░░░░░░░ 0% · 4 asks made");
    assert_eq!(lines(&progress)[2], "This week: practice on 1 of 3 days");
    assert_eq!(
        s.fails(&["ideas", "--limit", "0"], 2),
        "ladder: --limit: give how many to show as a whole number from 1 up, not \"0\"\n"
    );
    let long = "x".repeat(301);
    assert_eq!(
        s.fails(&["add", &long, "-s", "3"], 2),
        "ladder: the ask is 301 characters long; keep it to 300 at most\n"
    );
    assert_eq!(
        s.ok(&["rm", "1"]),
        "Removed #1 “Ask Sam for help with the report” and its 4 attempts. (`ladder undo` brings them back.)\n"
    );
    s.ok(&["add", "Ask Ana to read my draft by Friday", "-s", "30", "--who", "Ana"]);
    s.ok(&["done", "--thanked"]);
    assert_eq!(
        s.ok(&["rm", "2"]),
        "Removed #2 “Ask Ana to read my draft by Friday” and its 1 attempt. (`ladder undo` brings them back.)\n"
    );
    assert_eq!(s.ok(&["undo"]), "Undone: removed rung 2 and its 1 attempt.\n");
}

#[test]
fn progress_says_when_it_shows_only_some_distress_lines() {
    let s = Sandbox::new();
    for i in 1..=6u8 {
        let stakes = (10 * i).to_string();
        s.ok(&["add", &format!("Ask Jo about thing {i} by Friday"), "-s", &stakes, "--who", "Jo"]);
        s.ok(&["done", &i.to_string(), "--after", "50", "--thanked"]);
    }
    let progress = s.ok(&["progress"]);
    let heading = lines(&progress).iter().position(|l| l.starts_with("Distress")).unwrap();
    assert_eq!(
        lines(&progress)[heading],
        "Distress, attempt by attempt, on the 5 rungs practised most recently (of 6; progress --json has them all):"
    );
    assert_eq!(lines(&progress)[heading + 1], "  #2     Ask Jo about thing 2 by Friday            ▄");
    assert_eq!(lines(&progress)[heading + 6], "Next: #1 Ask Jo about thing 1 by Friday (stakes 10)");
}

#[test]
fn a_twin_ask_is_named_and_a_vague_one_gets_one_nudge() {
    let s = Sandbox::new();
    let out = s.ok(&["add", "get help", "-s", "20"]);
    assert_eq!(
        lines(&out),
        [
            "Added #1 at stakes 20, as the first rung.",
            "A specific ask is easier to make and to say yes to: who, what, and when. For example: “Ask Sam to look \
             over one slide before Friday's meeting”. (ladder edit 1 --ask \"...\" --who NAME)",
            "Next: #1 get help",
        ]
    );
    assert_eq!(
        s.fails(&["add", "Get  HELP!", "-s", "25"], 2),
        "ladder: rung #1 “get help” has the same words (stakes 20), so nothing was added. To add a second rung \
         with these words anyway, add --anyway.\n"
    );
    assert_eq!(
        lines(&s.ok(&["add", "Get  HELP!", "-s", "25", "--anyway"]))[0],
        "Added #2 at stakes 25, at the top, above #1 “get help” (20)."
    );
    let out = s.ok(&["add", "Ask Sam for help with the report by Friday", "-s", "30", "--who", "Sam"]);
    assert_eq!(lines(&out).len(), 2, "{out}");
    // Asking a stranger's name would not make the ask more specific.
    s.ok(&["add", "Ask a stranger for the time", "-s", "10"]);
    assert_eq!(s.json(&["next", "--json"])["hints"], serde_json::json!([]));
}

#[test]
fn with_every_rung_mastered_next_offers_a_review_and_a_harder_ask() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Sam for help with the report", "-s", "30", "--who", "Sam"]);
    s.ok(&["done", "--thanked", "--date", "yesterday", "--confirm-date"]);
    let out = s.ok(&["done", "--thanked"]);
    let tail = [
        "Every rung is mastered: that is the whole ladder, well done.",
        "To keep what you learned, revisit one: ladder next --review",
        "When you are ready, a harder ask: “Ask a colleague for their opinion on one small part of your project, by \
         a set day” (ladder add --idea 15)",
    ];
    assert_eq!(lines(&out)[4..], tail);
    let out = s.ladder(&["next"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&String::from_utf8_lossy(&out.stdout)), tail);
}

#[test]
fn suds_is_explained_where_help_shows_it() {
    let help = Sandbox::new().ok(&["--help"]);
    let text = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(
            "rated 0-100 for the distress you expect (SUDS, subjective units of distress: 0 calm, 50 clearly \
             anxious, 100 the worst imaginable)."
        ),
        "{help}"
    );
    let add = Sandbox::new().ok(&["add", "--help"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(add.contains("(SUDS: 0 calm, 50 clearly anxious, 100 the worst imaginable)"), "{add}");
}
