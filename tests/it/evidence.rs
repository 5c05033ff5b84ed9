//! Coaching by the evidence (issue 30, "True to the evidence"): the client scenarios, each compared
//! whole as the person reads it. A rep is what was learned, not calm (item 4); avoidance earns nothing (item 6);
//! practice is varied and spaced (item 5); a rung felt far from its stakes is re-rated (item 9); safety
//! behaviours are named, and relying on one is practice, not a rep (item 7).

use crate::common::Sandbox;
use serde_json::json;

/// A ladder made before `mastery` was a setting: without the key, it keeps the calm rule.
fn old_ladder() -> Sandbox {
    Sandbox::with("version = 2\n")
}

/// A new ladder, as `ladder init` makes it: the learning rule.
fn new_ladder() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s
}

#[test]
fn init_writes_the_learning_rule_and_a_file_without_it_keeps_calm() {
    let s = new_ladder();
    assert!(
        s.read().ends_with(
            "\n[settings]\n# A rep is an ask made, its fear checked, with no safety behaviour relied on (\"calm\": \
             distress fell instead).\nmastery = \"learning\"\n"
        ),
        "{}",
        s.read()
    );
    let example = Sandbox::new();
    example.ok(&["init", "--example"]);
    assert!(example.read().contains("\nmastery = \"learning\""));

    // The same attempt on an old ladder: ninety falling to forty-five is the calm rule's rep, said as such.
    let old = old_ladder();
    old.ok(&["add", "Ask Sam for help", "-s", "40"]);
    assert_eq!(
        old.ok(&["done", "--before", "90", "--after", "45"]),
        "Recorded attempt 1 on #1 \u{201c}Ask Sam for help\u{201d}: yes.\n\
         It counted as a comfortable rep: your distress fell by half, from 90 to 45. Now 1 of 2 comfortable reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask Sam for help\n"
    );
    s.ok(&["add", "Ask Sam for help", "-s", "40"]);
    assert_eq!(
        s.ok(&["done", "--before", "90", "--after", "45"]),
        "Recorded attempt 1 on #1 \u{201c}Ask Sam for help\u{201d}: yes.\n\
         It counts as practice, not as a rep: it was very hard (distress 90), and a rep is an ask you can bear. \
         Still 0 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask Sam for help\n"
    );
    assert_eq!(s.json(&["export", "--format", "json"])["settings"]["mastery"], "learning");
    assert_eq!(old.json(&["export", "--format", "json"])["settings"]["mastery"], "calm");
    // Changing the setting changes the rule, for the whole journal.
    old.write(&old.read_raw().replace("version = 2\n", "version = 2\n[settings]\nmastery = \"learning\"\n"));
    assert_eq!(old.json(&["list", "--json"])[0]["counted"], 0);
    old.write(&old.read_raw().replace("mastery = \"learning\"", "mastery = \"kind\""));
    assert_eq!(
        old.fails(&["list"], 2),
        format!(
            "ladder: {}:3:11: unknown mastery rule \"kind\" (use learning or calm): `mastery = \"kind\"`\n",
            old.file().display()
        )
    );
}

#[test]
fn seventeen_fears_that_never_came_true_are_seventeen_tries_not_a_bare_zero() {
    // The client whose distress never drops: seventeen asks at 70, the feared outcome never happening.
    let s = old_ladder();
    s.ok(&["add", "Ask a colleague to look over my figures", "-s", "50", "--fear", "They'll see I don't get it"]);
    for day in 1..=17 {
        let date = format!("2026-11-{day:02}");
        s.ok(&["done", "--date", &date, "--before", "70", "--after", "70", "--fear-did-not-happen", "--confirm-date"]);
    }
    let progress = s.ok(&["progress"]);
    assert_eq!(
        progress.lines().take(3).collect::<Vec<_>>(),
        [
            "Mastered 0 of 1 rung  ░░░░░░░░░░░░░░░░░░░░ 0% · 17 asks made · 17 fears tested",
            "17 attempts: 17 yes · 0 partial · 0 no · 0 no answer",
            "Your fear came true 0 of 17 times you checked.",
        ],
        "under the calm rule: what was done, beside the bar"
    );
    assert_eq!(
        s.ok(&["next"]).lines().last(),
        Some(
            "17 tries, and your distress has not come down: that is common, and not a failure. What you learn from \
             each ask matters more than calm; to count reps by that instead, write mastery = \"learning\" in \
             [settings]."
        ),
        "never \"repeating an ask is how it gets easier\" after seventeen tries"
    );
    // Under the learning rule, the same journal: the ask was made and the fear checked, twice on two days.
    s.write(&s.read_raw().replace("version = 2\n", "version = 2\n[settings]\nmastery = \"learning\"\n"));
    assert_eq!(
        s.ok(&["progress"]).lines().next(),
        Some("Mastered 1 of 1 rung  ████████████████████ 100% · 17 asks made · 17 fears tested")
    );
    let list = s.json(&["list", "--json"]);
    assert_eq!((&list[0]["status"], &list[0]["counted"]), (&json!("mastered"), &json!(17)));
}

#[test]
fn an_ask_is_a_rep_when_it_was_made_and_its_fear_checked() {
    let s = new_ladder();
    s.ok(&["add", "Ask Priya to pair on the flaky test", "-s", "40", "--who", "Priya", "--fear", "She'll sigh"]);
    assert_eq!(
        s.ok(&["done", "--before", "60", "--after", "55", "--date", "2026-11-20", "--confirm-date"]),
        "Recorded attempt 1 on #1 \u{201c}Ask Priya to pair on the flaky test\u{201d}, on Fri 20 Nov 2026, 2 days ago: yes.\n\
         It counts as practice, not as a rep: it does not say whether what you feared happened (ladder fix 1 \
         --fear-happened, or --fear-did-not-happen). Still 0 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         That was harder than planned: you felt 60, and #1 is at stakes 40. That is common, and worth knowing: \
         stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 1 --ask \"...\" --stakes 20), or add \
         an easier step before it (ladder split 1 \"...\" --stakes 20).\n\
         Next: #1 Ask Priya to pair on the flaky test\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask Priya to pair on the flaky test\n\
         #1 · stakes 40 · with Priya · 0 of 2 reps\n\
         You fear: She'll sigh.\n\
         Nothing is mastered yet, and this rung is at 40. If that is too big a step for now, an easier ask around 20 \
         could come first: \u{201c}Ask a shop assistant to recommend something\u{201d} (ladder add --idea 5) or \
         \u{201c}Ask a stranger to recommend a good place to eat nearby\u{201d} (ladder add --idea 6).\n\
         Last time you did not say whether what you feared happened. Checking is what teaches: done \
         --fear-happened, or --fear-did-not-happen.\n"
    );
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "60",
            "--after",
            "55",
            "--fear-did-not-happen",
            "--date",
            "2026-11-21",
            "--confirm-date"
        ]),
        "Recorded attempt 2 on #1 \u{201c}Ask Priya to pair on the flaky test\u{201d}, on Sat 21 Nov 2026, yesterday: \
         yes.\n\
         It counted as a rep: you made the ask, and checked what you feared. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
         What you feared did not happen. Worth remembering next time.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #1 Ask Priya to pair on the flaky test\n"
    );
}

#[test]
fn no_answer_is_practice_never_a_rep_under_either_rule() {
    // The client who avoids: messages that were never answered, and tries never rated.
    let s = new_ladder();
    s.ok(&["add", "Ask a coworker a quick question", "-s", "30", "--who", "Sam"]);
    assert_eq!(
        s.ok(&["done", "--outcome", "no-answer"]),
        "Recorded attempt 1 on #1 \u{201c}Ask a coworker a quick question\u{201d} (Sam): no-answer.\n\
         It counts as practice, not as a rep: with no answer yet, what you feared was not put to the test. Still 0 of 2 reps.\n\
         No answer yet: you still asked, and that took courage. A gentle follow-up is fine.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    assert_eq!(
        s.ok(&["next"]).lines().nth(3),
        Some(
            "Last time the ask got no answer, so what you feared was not put to the test: it was practice, and the rep \
             comes when someone answers. A gentle follow-up, or the same ask another way, is fine."
        ),
        "after the gap hint"
    );
    let old = old_ladder();
    old.ok(&["add", "Ask a coworker a quick question", "-s", "30", "--who", "Sam"]);
    assert_eq!(
        old.ok(&["done", "--outcome", "no-answer", "--after", "10"]).lines().nth(1),
        Some(
            "It counts as practice, not as a comfortable rep: with no answer yet, what you feared was not put to the test. Still 0 \
             of 2 comfortable reps."
        )
    );
    assert_eq!(
        old.ok(&["done"]).lines().nth(1),
        Some(
            "It counts as practice, not as a comfortable rep: nothing was rated, so nothing says it felt \
             comfortable. Still 0 of 2 comfortable reps. Next time, rate it (--before N --after N)."
        )
    );
}

#[test]
fn weeks_on_a_mastered_easy_rung_keep_no_streak_and_are_noticed_kindly() {
    let s = new_ladder();
    s.ok(&["add", "Ask a stranger for the time", "-s", "10"]);
    s.ok(&["add", "Ask a coworker a quick question", "-s", "25", "--who", "Sam"]);
    // Mastered on the first two days; then three days a week on it, for two more weeks.
    for day in ["10-26", "10-27", "10-28", "11-02", "11-03", "11-04", "11-09", "11-10", "11-11"] {
        s.ok(&["done", "1", "--date", &format!("2026-{day}"), "--confirm-date"]);
    }
    let noticed = "All your last 5 asks were on rungs you have already mastered. Going back feels safer, and that \
                   is human; the learning now is a rung up.";
    assert_eq!(
        s.ok(&["progress"]),
        format!(
            "Mastered 1 of 2 rungs  ██████████░░░░░░░░░░ 50% · 9 asks made\n\
             9 attempts: 9 yes · 0 partial · 0 no · 0 no answer\n\
             This week: practice on 0 of 3 days\n\
             {noticed}\n\
             Next: #2 Ask a coworker a quick question (stakes 25)\n"
        ),
        "no streak: practice on a mastered rung is not the climb"
    );
    assert_eq!(
        s.ok(&["next"]),
        format!(
            "Next: Ask a coworker a quick question\n\
             #2 · stakes 25 · with Sam · 0 of 2 reps\n\
             First try. Success is making the ask, not feeling calm while you do.\n\
             {noticed}\n"
        )
    );
    // A week and more away from a mastered rung makes going back a review: it meets the target again.
    s.ok(&["done", "1", "--date", "2026-11-22", "--confirm-date"]);
    assert_eq!(s.json(&["progress", "--json"])["days_this_week"], 1);
}

#[test]
fn ten_asks_in_one_morning_are_one_day_and_one_rep() {
    // Five rungs mastered in sixteen minutes: one rep a day on each rung, and days for the weekly target.
    let s = new_ladder();
    s.ok(&["add", "Ask a stranger for the time", "-s", "10"]);
    s.ok(&["done"]);
    assert_eq!(
        s.ok(&["done"]),
        "Recorded attempt 2 on #1 \u{201c}Ask a stranger for the time\u{201d}: yes.\n\
         It counts as practice: #1 already has a rep today, and one a day is what counts. Still 1 of 2 reps.\n\
         A yes: thank them. Once you have: ladder thank 2\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #1 Ask a stranger for the time\n"
    );
    for _ in 0..8 {
        s.ok(&["done"]);
    }
    let progress = s.json(&["progress", "--json"]);
    assert_eq!(
        (&progress["this_week"], &progress["days_this_week"], &progress["streak_weeks"], &progress["mastered"]),
        (&json!(10), &json!(1), &json!(0), &json!(0))
    );
    assert_eq!(s.ok(&["progress"]).lines().nth(2), Some("This week: practice on 1 of 3 days"));
}

#[test]
fn next_varies_among_the_rungs_near_your_level() {
    let s = new_ladder();
    s.ok(&["add", "Ask a stranger for the time", "-s", "10"]);
    s.ok(&["add", "Ask a shop assistant where the tea is", "-s", "20"]);
    s.ok(&["add", "Ask a neighbour to hold a parcel", "-s", "25", "--who", "Ana"]);
    s.ok(&["add", "Ask a coworker to explain the build", "-s", "35", "--who", "Sam"]);
    s.ok(&["done", "1", "--date", "2026-11-19", "--confirm-date"]);
    s.ok(&["done", "1", "--date", "2026-11-20", "--confirm-date"]);
    // Mastered 10: the band runs to 25 (a step of at most 15); rungs never tried first, then the lowest.
    assert_eq!(s.ok(&["next", "-q"]), "Ask a shop assistant where the tea is\n");
    s.ok(&["done", "--date", "2026-11-21", "--confirm-date"]);
    assert_eq!(s.ok(&["next", "-q"]), "Ask a neighbour to hold a parcel\n", "another rung, not the same again");
    s.ok(&["done"]);
    assert_eq!(s.ok(&["next", "-q"]), "Ask a shop assistant where the tea is\n", "the one practised longest ago");
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a shop assistant where the tea is\n\
         #2 · stakes 20 · 1 of 2 reps\n\
         Again: each ask is a chance to find out what really happens.\n"
    );
    // An old ladder keeps the strict climb.
    let old = old_ladder();
    old.write(&s.read_raw().replace("mastery = \"learning\"", "mastery = \"calm\""));
    assert_eq!(old.ok(&["next", "-q"]), "Ask a stranger for the time\n", "nothing was rated: nothing is mastered");
}

#[test]
fn after_mastering_a_high_rung_next_says_why_it_goes_back_down() {
    let s = new_ladder();
    s.ok(&["add", "Ask a stranger for the time", "-s", "10"]);
    s.ok(&["add", "Ask my manager to move a deadline", "-s", "80", "--who", "Jo"]);
    s.ok(&["done", "2", "--date", "yesterday", "--confirm-date"]);
    s.ok(&["done", "2"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a stranger for the time\n\
         #1 · stakes 10 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Back to an easier rung: you have mastered harder ones (up to 80), and this one is not tried yet. It may feel \
         lighter now, and it rounds out the ladder (ladder rm 1 if it no longer fits).\n"
    );
    assert_eq!(s.json(&["next", "--json"])["hints"][0]["kind"], "below");
}

#[test]
fn a_rung_rated_15_but_felt_at_75_is_offered_a_re_rating_once() {
    let s = new_ladder();
    s.ok(&["add", "Ask the pharmacist a question", "-s", "15"]);
    s.ok(&["add", "Ask a coworker a quick question", "-s", "30", "--who", "Sam"]);
    let first = s.ok(&["done", "1", "--before", "75", "--after", "70", "--date", "2026-11-20", "--confirm-date"]);
    assert!(!first.contains("Twice now"), "{first}");
    assert_eq!(
        s.ok(&["done", "1", "--before", "80", "--date", "2026-11-21", "--confirm-date"]),
        "Recorded attempt 2 on #1 \u{201c}Ask the pharmacist a question\u{201d}, on Sat 21 Nov 2026, yesterday: yes.\n\
         It counted as a rep: you made the ask. Now 2 of 2 reps: #1 is mastered.\n\
         Twice now this has felt far from its stakes of 15 (75, then 80). Stakes are your own guess, and can \
         change: ladder edit 1 --stakes 78\n\
         A yes: thank them. Once you have: ladder thank 2\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #2 Ask a coworker a quick question\n"
    );
    let third = s.ok(&["done", "1", "--before", "80"]);
    assert!(!third.contains("Twice now"), "said once: {third}");
}

#[test]
fn texted_instead_of_calling_and_apologised_three_times_is_practice_not_a_rep() {
    // The client who leans on safety behaviours (Wells et al. 1995).
    let s = new_ladder();
    s.ok(&[
        "add",
        "Call Mum to ask for a lift to the clinic",
        "-s",
        "40",
        "--who",
        "Mum",
        "--safety",
        "text instead of calling",
        "--safety",
        "apologise first",
    ]);
    assert!(s.read().contains("safety = [\"text instead of calling\", \"apologise first\"]\n"));
    let used = ["--used", "text instead of calling", "--used", "apologise first"];
    let out = s.ok(&[&["done", "--note", "Texted her instead of calling; apologised three times"][..], &used].concat());
    assert_eq!(
        out,
        "Recorded attempt 1 on #1 \u{201c}Call Mum to ask for a lift to the clinic\u{201d}: yes.\n\
         It counts as practice, not as a rep: you relied on \u{201c}text instead of calling\u{201d} and \
         \u{201c}apologise first\u{201d}, safety behaviours. Still 0 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Call Mum to ask for a lift to the clinic\n"
    );
    assert_eq!(
        s.ok(&["next"]).lines().nth(3),
        Some(
            "Last time you relied on \u{201c}text instead of calling\u{201d} and \u{201c}apologise first\u{201d}. \
             Next time, try it without them: that is how you find out you can cope."
        )
    );
    assert_eq!(
        s.ok(&["done", "--dropped", "apologise first", "--date", "yesterday", "--confirm-date"]),
        "Recorded attempt 2 on #1 \u{201c}Call Mum to ask for a lift to the clinic\u{201d}, on Sat 21 Nov 2026, yesterday: yes.\n\
         It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
         You did without \u{201c}apologise first\u{201d}: that is how you find out you can cope without it.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #1 Call Mum to ask for a lift to the clinic\n"
    );
    assert_eq!(
        s.ok(&["log"]),
        "#1  2026-11-22  18:30  yes  #1 Call Mum to ask for a lift to the clinic\n     \
         Texted her instead of calling; apologised three times (relied on \u{201c}text instead of calling\u{201d} and \
         \u{201c}apologise first\u{201d})\n\
         #2  2026-11-21  12:00  yes  #1 Call Mum to ask for a lift to the clinic\n     \
         (did without \u{201c}apologise first\u{201d})\n"
    );
    assert_eq!(
        s.ok(&["list"]),
        " ID  Stakes  Ask                                       Who  Tries  Status      Safety behaviours\n  \
         1      40  Call Mum to ask for a lift to the clinic  Mum      2  practising  text instead of calling, \
         apologise first\n"
    );
    let log = s.json(&["log", "--json"]);
    assert_eq!(log[0]["used"], json!(["text instead of calling", "apologise first"]));
    assert_eq!(
        (&log[0]["dropped"], &log[1]["used"], &log[1]["dropped"]),
        (&json!([]), &json!([]), &json!(["apologise first"]))
    );
    assert_eq!(s.json(&["list", "--json"])[0]["safety"], json!(["text instead of calling", "apologise first"]));
    let report = s.ok(&["report"]);
    assert!(
        report.contains(
            "<li>\u{201c}<bdi>text instead of calling</bdi>\u{201d}: relied on 1 time, done without 0 times.</li>\n\
             <li>\u{201c}<bdi>apologise first</bdi>\u{201d}: relied on 1 time, done without 1 time.</li>\n"
        ),
        "{report}"
    );
    assert_eq!(
        s.fails(&["done", "--used", "texting", "--dropped", "texting"], 2),
        "ladder: \u{201c}texting\u{201d} is given as both used and dropped; say which it was\n"
    );
    assert_eq!(
        s.ok(&["edit", "1", "--safety", ""]),
        "Changed #1 \u{201c}Call Mum to ask for a lift to the clinic\u{201d}: safety behaviours text instead of calling, \
         apologise first → none.\n"
    );
}

#[test]
fn how_likely_and_how_bad_before_and_after_with_the_peak_between() {
    // Hofmann 2004: the estimated social cost of the feared outcome is what changes as people get better.
    let s = new_ladder();
    s.ok(&["add", "Ask Priya to pair on the flaky test", "-s", "45", "--who", "Priya", "--fear", "She'll sigh"]);
    let rated = ["--before", "60", "--peak", "75", "--after", "40", "--likely", "70", "--bad", "80"];
    let after = ["--likely-after", "20", "--bad-after", "30", "--fear-did-not-happen"];
    assert_eq!(
        s.ok(&[&["done"][..], &rated, &after].concat()),
        "Recorded attempt 1 on #1 \u{201c}Ask Priya to pair on the flaky test\u{201d}: yes.\n\
         It counted as a rep: you made the ask, and checked what you feared. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What you feared did not happen. Worth remembering next time.\n\
         Before, it seemed 70% likely and 80 of 100 bad; now 20% likely and 30 of 100 bad. Each ask tests those guesses.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         That was harder than planned: you felt 75, and #1 is at stakes 45. That is common, and worth knowing: \
         stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 1 --ask \"...\" --stakes 22), or add \
         an easier step before it (ladder split 1 \"...\" --stakes 22).\n\
         Next: #1 Ask Priya to pair on the flaky test\n"
    );
    assert_eq!(
        s.ok(&["log"]),
        "#1  2026-11-22  18:30  yes  60→40  #1 Ask Priya to pair on the flaky test\n     \
         (the fear did not come true) (peak 75) (expected: 70% likely, 80 of 100 bad; after: 20% likely, 30 of 100 bad)\n"
    );
    assert!(s.read().contains(
        "fear_happened = false\npeak = 75\nlikely_before = 70\nbad_before = 80\nlikely_after = 20\nbad_after = 30\n"
    ));
    let log = s.json(&["log", "--json"]);
    assert_eq!(
        (
            &log[0]["peak"],
            &log[0]["likely_before"],
            &log[0]["bad_before"],
            &log[0]["likely_after"],
            &log[0]["bad_after"]
        ),
        (&json!(75), &json!(70), &json!(80), &json!(20), &json!(30))
    );
    // A peak at the top of the scale is a very hard try, as distress before or after would be.
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "50",
            "--peak",
            "90",
            "--after",
            "30",
            "--fear-did-not-happen",
            "--date",
            "yesterday",
            "--confirm-date"
        ])
        .lines()
        .nth(1),
        Some(
            "It counts as practice, not as a rep: it was very hard (distress 90), and a rep is an ask you can bear. Still 1 of 2 reps."
        )
    );
}

#[test]
fn the_readme_states_each_coaching_rule_with_its_source() {
    // Item 14: the claims of "How ladder coaches you", each with its source, and practice guidance marked as such.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("## How ladder coaches you").unwrap();
    let section = readme[start..readme.find("## Several devices").unwrap()].split_whitespace().collect::<Vec<_>>();
    let section = section.join(" ");
    for claim in [
        "100 the worst imaginable (Wolpe's scale)",
        "Wolpe, *The Practice of Behavior Therapy* (Pergamon, 1969), where SUDS comes from",
        "Rickwood, Deane & Wilson, \"When and how do young people seek professional help for mental health \
         problems?\", *Medical Journal of Australia* 187(7 Suppl):S35-39 (2007), a review of help-seeking by young \
         people",
        "that is a barrier to lower, not an order to climb in",
        "Practice guidance (worksheets and web guides for clinicians and the public, not research)",
        "Anxiety Canada (a 0-10 fear thermometer for rating distress)",
        "the inhibitory-learning model: Craske et al., 2008 and 2014",
        "(Wells et al., 1995)",
        "(Hofmann, 2004)",
        "(Craske et al., 2014; Lang & Craske, 2000)",
        "Thanking a helper makes them more willing to help again (Grant & Gino, 2010)",
        "(Flynn & Lake, 2008)",
        "*Oxford Guide to Behavioural Experiments in Cognitive Therapy*",
        "are `ladder`'s own decisions, chosen to be predictable, not from a study",
    ] {
        assert!(section.contains(claim), "README \"How ladder coaches you\" should say: {claim}");
    }
}
