//! A person's first weeks with `ladder`, end to end through the real binary.

use crate::common::{Fixture, NOW, Sandbox, exists};
use serde_json::json;

#[test]
fn from_nothing_to_a_next_step() {
    let s = Sandbox::new();
    let out = s.ladder(&["next"]).assert().code(1).get_output().stdout.clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "Your ladder is empty. Start with `ladder init --example`, or add your own first ask:\n  \
         ladder add \"Ask a coworker a quick question\" --stakes 30\n"
    );
    assert!(!exists(&s.file()), "a read command creates nothing");

    assert_eq!(
        s.ok(&["init", "--example"]),
        format!(
            "Created {} with 15 asks, lowest stakes first.\n\
             Change any ask to fit your life, then see your first step: ladder next\n",
            s.file().display()
        )
    );
    // With a uid of its own for each rung, so the file is written in the current version, and each rung added
    // today.
    let example = include_str!("../../examples/asking-for-help.toml").replace("version = 1", "version = 2");
    let read = s.read();
    assert_eq!(read.replace("created = 2026-11-22\n", ""), example);
    assert_eq!(read.matches("\ncreated = 2026-11-22\n").count(), 15, "{read}");

    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a stranger for directions or the time\n\
         #1 · stakes 15 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n"
    );
}

#[test]
fn init_never_overwrites() {
    let s = Sandbox::with("# mine\n");
    assert_eq!(
        s.fails(&["init", "--example"], 2),
        format!(
            "ladder: {} already exists, and ladder never overwrites a ladder; `ladder list` shows what is in it\n",
            s.file().display()
        )
    );
    assert_eq!(s.read(), "# mine\n");
}

#[test]
fn init_without_example_starts_empty() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&["init"]),
        format!(
            "Created {}.\nAdd your first ask: ladder add \"Ask a coworker a quick question\" --stakes 30\n",
            s.file().display()
        )
    );
    assert_eq!(s.json(&["list", "--json"]), json!([]));
    s.ladder(&["next"]).assert().code(1);
}

#[test]
fn add_creates_the_file_and_climbs_in_order() {
    let s = Sandbox::new();
    let out = s.ok(&["add", "Ask Sam to review one slide", "--stakes", "40", "--who", "Sam", "--tag", "work"]);
    assert!(out.contains("Added #1 at stakes 40"), "{out}");
    // Words without quotes are one ask, and -s is short for --stakes.
    s.ok(&["add", "Ask", "a", "stranger", "the", "time", "-s", "10"]);
    s.ok(&["add", "Ask my manager to move a deadline", "--stakes", "80"]);

    let list = s.json(&["list", "--json"]);
    let asks: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["ask"].as_str().unwrap()).collect();
    assert_eq!(asks, ["Ask a stranger the time", "Ask Sam to review one slide", "Ask my manager to move a deadline"]);
    assert_eq!(list[1]["who"], "Sam");
    assert_eq!(list[1]["tags"], json!(["work"]));
    assert_eq!(list[1]["created"], "2026-11-22");
    assert_eq!(s.json(&["next", "--json"])["id"], 2);
}

#[test]
fn a_journey_through_every_outcome() {
    // A ladder from before `mastery` was a setting: it keeps the calm rule (`learning.rs` has the new one's).
    let s = Sandbox::with("version = 2\n");
    s.ok(&["add", "Ask a coworker a quick question", "--stakes", "20"]);
    s.ok(&["add", "Ask for feedback on my draft", "--stakes", "45"]);

    // An uncomfortable yes does not count toward mastery yet.
    assert_eq!(
        s.ok(&["done", "--before", "60", "--after", "50"]),
        "Recorded attempt 1 on #1 \u{201c}Ask a coworker a quick question\u{201d}: yes.\n\
         It counts as practice, not as a comfortable rep: you rated it 50 afterwards, above 30, and it did not fall \
         by half. Still 0 of 2 comfortable reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         That was harder than planned: you felt 60, and #1 is at stakes 20. That is common, and worth knowing: \
         stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 1 --ask \"...\" --stakes 10), or add \
         an easier step before it (ladder split 1 \"...\" --stakes 10).\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    let gap = "Nothing is mastered yet, and this rung is at 20. If that is too big a step for now, an easier ask around \
               10 could come first: \u{201c}Ask a stranger for directions\u{201d} (ladder add --idea 1) or \
               \u{201c}Ask a stranger for the time\u{201d} (ladder add --idea 2).";
    assert_eq!(
        s.ok(&["next"]),
        format!(
            "Next: Ask a coworker a quick question\n#1 · stakes 20 · 0 of 2 comfortable reps\n{gap}\n\
             Last time still felt uncomfortable (50). Repeating an ask is how it gets easier.\n"
        ),
        "the same rung again"
    );

    // A "no" is a completed rep, with a nudge to write down what was learned.
    assert_eq!(
        s.ok(&["done", "1", "--outcome", "no", "--before", "40", "--after", "25"]),
        "Recorded attempt 2 on #1 \u{201c}Ask a coworker a quick question\u{201d}: no.\n\
         It counted as a comfortable rep: you rated it 25 afterwards, at or below 30. Now 1 of 2 comfortable reps.\n\
         A no is not a failure: you asked, and asking is the practice.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        format!(
            "Next: Ask a coworker a quick question\n#1 · stakes 20 · 1 of 2 comfortable reps\n{gap}\n\
             Last time was a no, and you still asked: that is the practice. What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n"
        )
    );

    assert_eq!(
        s.ok(&["done", "1", "--outcome", "no-answer", "--note", "Sent it Friday"]),
        "Recorded attempt 3 on #1 \u{201c}Ask a coworker a quick question\u{201d}: no-answer.\n\
         It counts as practice, not as a comfortable rep: with no answer yet, what you feared was not put to the test. Still 1 of 2 \
         comfortable reps.\n\
         No answer yet: you still asked, and that took courage. A gentle follow-up is fine.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 3 --learned \"...\"\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    // One rep a day: a comfortable one yesterday is the second.
    assert_eq!(
        s.ok(&["done", "1", "--after", "20", "--date", "yesterday", "--confirm-date"]),
        "Recorded attempt 4 on #1 \u{201c}Ask a coworker a quick question\u{201d}, on Sat 21 Nov 2026, yesterday: yes.\n\
         It counted as a comfortable rep: you rated it 20 afterwards, at or below 30. Now 2 of 2 comfortable reps: \
         #1 is mastered.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 4\n\
         What did you learn from it? To keep it with the attempt: ladder fix 4 --learned \"...\"\n\
         Next: #2 Ask for feedback on my draft\n"
    );

    s.ok(&["done", "2", "--outcome", "partial", "--date", "2026-11-20", "--confirm-date", "--before", "70"]);

    let list = s.json(&["list", "--json"]);
    assert_eq!(list[0]["status"], "mastered");
    assert_eq!(list[1]["status"], "practising");
    let attempts = list[0]["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 4);
    assert_eq!(
        attempts[1],
        json!({
            "id": 1, "at": NOW, "outcome": "yes", "before": 60, "after": 50, "note": null,
            "fear_happened": null, "thanked": null, "learned": null, "used": [], "dropped": [],
            "peak": null, "likely_before": null, "bad_before": null, "likely_after": null, "bad_after": null,
            "how": null
        })
    );
    assert_eq!(attempts[3]["note"], "Sent it Friday", "in time order: yesterday's comes first");
    assert_eq!(list[1]["attempts"][0]["at"], "2026-11-20T12:00:00+01:00", "a past day is recorded at noon");

    let progress = s.json(&["progress", "--json"]);
    assert_eq!(progress["rungs"], 2);
    assert_eq!(progress["mastered"], 1);
    assert_eq!(progress["attempts"], 5);
    assert_eq!(progress["outcomes"], json!({"yes": 2, "partial": 1, "no": 1, "no_answer": 1}));
    assert_eq!(progress["next"]["id"], 2);

    assert_eq!(
        s.ok(&["progress"]),
        "Mastered 1 of 2 rungs  ██████████░░░░░░░░░░ 50% · 4 asks made\n\
         5 attempts: 2 yes · 1 partial · 1 no · 1 no answer\n\
         That no was practice too: you asked anyway.\n\
         This week: practice on 3 days, target of 3 met · streak: 1 week\n\
         Distress, attempt by attempt:\n  \
         #1     Ask a coworker a quick question           ▂▄▂\n  \
         #2     Ask for feedback on my draft              ▅\n\
         Next: #2 Ask for feedback on my draft (stakes 45)\n"
    );

    // No one is named, so no Who column; once someone is, it shows.
    assert_eq!(
        s.ok(&["ls"]),
        " ID  Stakes  Ask                              Tries  Status\n  \
         1      20  Ask a coworker a quick question      4  mastered\n  \
         2      45  Ask for feedback on my draft         1  practising\n"
    );
    s.ok(&["add", "Ask Ana to proofread my cover letter", "--stakes", "50", "--who", "Ana"]);
    assert_eq!(
        s.ok(&["list"]),
        " ID  Stakes  Ask                                   Who  Tries  Status\n  \
         1      20  Ask a coworker a quick question                4  mastered\n  \
         2      45  Ask for feedback on my draft                   1  practising\n  \
         3      50  Ask Ana to proofread my cover letter  Ana      0  new\n"
    );
}

#[test]
fn next_json_has_the_documented_fields() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a neighbour for a hand", "--stakes", "35", "--who", "Ana"]);
    s.ok(&["done", "--after", "60"]);
    let next = s.json(&["next", "--json"]);
    assert_eq!(
        next,
        json!({
            "id": 1, "ask": "Ask a neighbour for a hand", "stakes": 35, "who": "Ana", "tags": [],
            "fear": null, "chance": null, "status": "practising", "attempts": 1, "counted": 1, "needed": 2,
            "hints": [
                {"kind": "gap", "text": "Nothing is mastered yet, and this rung is at 35. If that is too big a step for now, \
                    an easier ask around 17 could come first: \u{201c}Ask a shop assistant where to find something\u{201d} \
                    (ladder add --idea 3) or \u{201c}Ask a librarian to help you find a book\u{201d} (ladder add --idea 4)."},
                {"kind": "thank", "text": "Ana said yes (attempt 1, 22 Nov): thank them, and tell them what their help changed. \
                    Then: ladder thank 1"}
            ],
            "planned": null, "where": null, "overdue": false, "step_down": false, "resting": [], "any_time": []
        })
    );
}

#[test]
fn when_everything_is_mastered_next_says_so_and_exits_1() {
    let s = Sandbox::with(&Fixture::version(1).setting("repeat", 1).rung(1, "Ask", 10).text());
    s.ok(&["done", "--after", "20"]);
    let out = s.ladder(&["next"]).assert().code(1).get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().contains("Every rung is mastered"));
    assert_eq!(s.ladder(&["next", "--json"]).assert().code(1).get_output().stdout, b"null\n");
    let err = s.fails(&["done"], 2);
    assert!(err.contains("every rung is mastered"), "{err}");
}

#[test]
fn file_is_global_and_path_says_why() {
    let s = Sandbox::new();
    let other = s.path("other.toml");
    let other = other.to_str().unwrap();
    s.ok(&["add", "Ask", "--stakes", "5", "--file", other]);
    s.ok(&["--file", other, "next"]);
    assert!(!exists(&s.file()));

    let out = s.ladder(&["path", "--file", other]).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{other}\n"));
    assert!(String::from_utf8(out.stderr).unwrap().contains("--file"));

    let out = s.ladder(&["path"]).output().unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().contains("LADDER_FILE"));

    // Without --file or LADDER_FILE: the data directory.
    let out = s.ladder(&["path"]).env_remove("LADDER_FILE").output().unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    assert_eq!(shown.trim(), s.path("home/data/ladder/ladder.toml").to_str().unwrap());
    assert!(String::from_utf8(out.stderr).unwrap().contains("does not exist yet"));
}

#[test]
fn the_default_file_and_its_folder_are_created_on_first_add() {
    let s = Sandbox::new();
    s.ladder(&["add", "Ask", "--stakes", "5"]).env_remove("LADDER_FILE").assert().success();
    assert!(s.path("home/data/ladder/ladder.toml").is_file());
}

#[test]
fn every_entry_in_json_carries_its_uid_from_the_file() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a neighbour for a hand", "--stakes", "35"]);
    s.ok(&["done"]);
    let file = s.read_raw();
    let uids: Vec<&str> = file.lines().filter_map(|l| l.strip_prefix("uid = \"")?.strip_suffix('"')).collect();
    assert_eq!(uids.len(), 2, "{file}");
    let list = s.json_with_uids(&["list", "--json"]);
    assert_eq!((list[0]["uid"].as_str(), list[0]["attempts"][0]["uid"].as_str()), (Some(uids[0]), Some(uids[1])));
    let text = s.ok(&["list", "--json"]);
    assert!(text.contains(&format!("    \"id\": 1,\n    \"uid\": \"{}\",\n", uids[0])), "uid follows id: {text}");
    assert_eq!(s.json_with_uids(&["next", "--json"])["uid"], uids[0]);
    assert_eq!(s.json_with_uids(&["log", "--json"])[0]["uid"], uids[1]);
}
