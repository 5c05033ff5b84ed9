//! Mending the record (issue 23): unusual days confirmed, every recording echoed, `fix` and `forget`, and a
//! forgotten entry or a fixed field that stays so on every device.

use crate::common::{Fixture, Sandbox, git, on, two_clones};
use ladder::model::Ladder;

/// Rung 1, "Ask for a lift home", for Ana, with no day it was added.
fn ana() -> Fixture {
    Fixture::version(2).rung(1, "Ask for a lift home", 30).uid("rungone001").who("Ana")
}

/// Rung 1 added ten days ago.
fn rung() -> Fixture {
    ana().created("2026-11-12")
}

/// `ladder` with attempt 1 on rung 1: a yes, five days ago.
fn first(ladder: Fixture) -> Fixture {
    ladder.attempt(1, 1, "2026-11-17T09:30:00+01:00").uid("attempt001").outcome("yes")
}

/// `ladder` with attempt 2 on rung 1: a no, today.
fn second(ladder: Fixture) -> Fixture {
    ladder.attempt(2, 1, "2026-11-22T08:00:00+01:00").uid("attempt002").outcome("no").note("Busy day")
}

/// A rung added ten days ago, for Ana, with one attempt five days ago and one today.
fn two_attempts() -> String {
    second(first(rung())).text()
}

fn first_line(out: &str) -> &str {
    out.lines().next().unwrap_or_default()
}

fn parsed(text: &str) -> Ladder {
    Ladder::parse(text).unwrap()
}

#[test]
fn a_day_before_the_rung_is_refused_until_confirmed_and_then_named() {
    let s = Sandbox::with(&two_attempts());
    let before = s.read_raw();
    assert_eq!(
        s.fails(&["done", "1", "--date", "2025-11-25"], 2),
        "ladder: Tue 25 Nov 2025 (a year ago) is before rung #1 was added, on Thu 12 Nov 2026. A typo? If that is \
         the day you mean, add --confirm-date; nothing was recorded\n"
    );
    assert_eq!(s.read_raw(), before, "nothing changed");
    let out = s.ok(&["done", "1", "--date", "2025-11-25", "--confirm-date"]);
    assert_eq!(
        first_line(&out),
        "Recorded attempt 3 on #1 \u{201c}Ask for a lift home\u{201d} (Ana), on Tue 25 Nov 2025, a year ago: yes."
    );
    let out = s.ok(&["done", "1", "--date", "yesterday"]);
    assert_eq!(
        first_line(&out),
        "Recorded attempt 4 on #1 \u{201c}Ask for a lift home\u{201d} (Ana), on Sat 21 Nov 2026, yesterday: yes."
    );
    let out = s.ok(&["done", "1"]);
    assert_eq!(
        first_line(&out),
        "Recorded attempt 5 on #1 \u{201c}Ask for a lift home\u{201d} (Ana): yes.",
        "today goes unsaid"
    );
}

#[test]
fn a_day_before_the_ladder_or_long_ago_is_refused_too_and_the_future_always() {
    // No rung here says when it was added: the ladder's first entry, and 60 days, are the bounds.
    let s = Sandbox::with(&second(first(ana())).text());
    assert_eq!(
        s.fails(&["hesitated", "Ask for directions", "--date", "2026-11-16"], 2),
        "ladder: Mon 16 Nov 2026 (6 days ago) is before your ladder's first entry, on Tue 17 Nov 2026. A typo? If \
         that is the day you mean, add --confirm-date; nothing was noted\n"
    );
    assert_eq!(
        s.fails(&["gave", "Fed the cat", "--to", "Ana", "--date", "2026-11-16"], 2),
        "ladder: Mon 16 Nov 2026 (6 days ago) is before your ladder's first entry, on Tue 17 Nov 2026. A typo? If \
         that is the day you mean, add --confirm-date; nothing was noted\n"
    );
    let out = s.ok(&["gave", "Fed the cat", "--to", "Ana", "--date", "2026-11-18"]);
    assert_eq!(
        first_line(&out),
        "Noted: you helped Ana: \u{201c}Fed the cat\u{201d}, on Wed 18 Nov 2026, 4 days ago. Giving back keeps a circle strong."
    );
    let out = s.ok(&["hesitated", "Ask for directions", "--date", "2026-11-20"]);
    assert_eq!(
        first_line(&out),
        "Noticed (#1) \u{201c}Ask for directions\u{201d}, on Fri 20 Nov 2026, 2 days ago. Wanting to ask and holding \
         back is exactly the moment this ladder is for."
    );

    let empty = Sandbox::with(&Fixture::version(2).rung(1, "Ask Jo", 30).uid("rungone001").text());
    assert_eq!(
        empty.fails(&["done", "1", "--date", "2026-09-22"], 2),
        "ladder: Tue 22 Sep 2026 is 2 months ago, more than 60 days back. A typo? If that is the day you mean, add \
         --confirm-date; nothing was recorded\n"
    );
    empty.ok(&["done", "1", "--date", "2026-09-23"]);
    empty.refused(&["done", "1", "--date", "2026-11-23", "--confirm-date"], "2026-11-23 is in the future");
    empty.refused(&["fix", "1", "--date", "2026-11-23"], "2026-11-23 is in the future; give the day you asked");
}

#[test]
fn fix_says_what_changed_from_what_and_undo_takes_it_back() {
    let s = Sandbox::with(&two_attempts());
    let before = s.read_raw();
    assert_eq!(
        s.fails(&["fix", "1", "--date", "2025-11-17"], 2),
        "ladder: Mon 17 Nov 2025 (a year ago) is before rung #1 was added, on Thu 12 Nov 2026. A typo? If that is \
         the day you mean, add --confirm-date; nothing was changed\n"
    );
    assert_eq!(
        s.ok(&[
            "fix",
            "1",
            "--date",
            "2026-11-18",
            "--outcome",
            "partial",
            "--before",
            "60",
            "--note",
            "In the rain",
            "--thanked"
        ]),
        "Fixed attempt 1 on #1 \u{201c}Ask for a lift home\u{201d} (Ana): date Tue 17 Nov 2026 \u{2192} Wed 18 Nov 2026; \
         outcome yes \u{2192} partial; before none \u{2192} 60; note none \u{2192} \u{201c}In the rain\u{201d}; \
         thanked none \u{2192} yes.\n"
    );
    assert!(
        s.read_raw().contains(
            "id = 1\nuid = \"attempt001\"\nrung = 1\nat = 2026-11-18T09:30:00+01:00\noutcome = \"partial\"\nbefore = 60\n\
             note = \"In the rain\"\nthanked = true\n"
        ),
        "the time of day kept, the rest changed in place:\n{}",
        s.read_raw()
    );
    assert_eq!(
        s.ok(&["fix", "2", "--note", "", "--before", "none", "--fear-did-not-happen"]),
        "Fixed attempt 2 on #1 \u{201c}Ask for a lift home\u{201d} (Ana): note \u{201c}Busy day\u{201d} \u{2192} none; \
         fear none \u{2192} did not happen.\n"
    );
    assert_eq!(
        s.ok(&["fix", "2", "--outcome", "no"]),
        "Nothing to change on attempt 2: it already has those values.\n"
    );
    s.refused(&["fix", "9", "--outcome", "no"], "there is no attempt with ID 9; `ladder log` shows them");
    assert_eq!(s.ok(&["undo", "2"]), "Undone: fixed attempt 2.\nUndone: fixed attempt 1.\n");
    assert_eq!(s.read_raw(), before);
}

#[test]
fn forget_takes_an_entry_out_leaves_its_trace_and_undo_brings_it_back() {
    // Both attempts rated comfortable, so that #1 is mastered until one is forgotten.
    let s = Sandbox::with(&second(first(rung()).after(20)).after(20).text());
    s.ok(&["hesitated", "Ask for directions", "--stakes", "20"]);
    s.ok(&["gave", "Fed the cat", "--to", "Ana"]);
    let before = s.read_raw();
    assert_eq!(
        s.ok(&["forget", "1"]),
        "Forgot attempt 1 on #1 \u{201c}Ask for a lift home\u{201d} (Ana), on Tue 17 Nov 2026, 5 days ago: yes. It stays \
         forgotten on every device you sync with; `ladder undo` brings it back.\nNow #1 has 1 of 2 comfortable reps.\n"
    );
    assert_eq!(
        s.ok(&["forget", "--hesitation", "1"]),
        "Forgot hesitation #1 \u{201c}Ask for directions\u{201d}. It stays forgotten on every device you sync with; \
         `ladder undo` brings it back.\n"
    );
    assert_eq!(
        s.ok(&["forget", "--gift", "1"]),
        "Forgot help given 1, to Ana: \u{201c}Fed the cat\u{201d}. It stays forgotten on every device you sync with; \
         `ladder undo` brings it back.\n"
    );
    let text = s.read_raw();
    let ladder = parsed(&text);
    assert_eq!(ladder.attempts.iter().map(|a| a.id).collect::<Vec<_>>(), [2]);
    assert!(ladder.hesitations.is_empty() && ladder.gifts.is_empty());
    let forgotten: Vec<_> = ladder.forgotten.iter().map(|f| (f.uid.as_str(), f.on.map(|d| d.to_string()))).collect();
    assert_eq!(forgotten[0], ("attempt001", Some("2026-11-22".to_string())));
    assert_eq!(forgotten.len(), 3);
    assert!(text.contains("\n[[forgotten]]\nuid = \"attempt001\"\non = 2026-11-22\n"), "{text}");
    s.refused(&["forget", "1"], "there is no attempt with ID 1; `ladder log` shows them");
    s.refused(&["forget"], "ladder: forget needs ATTEMPT; ladder help forget shows how");
    assert_eq!(
        s.ok(&["undo", "3"]),
        "Undone: forgot help given 1.\nUndone: forgot hesitation 1.\nUndone: forgot attempt 1.\n"
    );
    assert_eq!(s.read_raw(), before);
    // A new attempt never takes a forgotten one's ID.
    s.ok(&["forget", "2"]);
    assert!(s.ok(&["done", "1"]).starts_with("Recorded attempt 3 on"));
}

#[test]
fn help_lists_fix_and_forget_beside_done() {
    let help = Sandbox::new().ok(&["help"]);
    let names: Vec<&str> = help.lines().filter_map(|l| l.strip_prefix("  ")?.split_whitespace().next()).collect();
    let done = names.iter().position(|n| *n == "done").unwrap();
    assert_eq!(names[done..done + 3], ["done", "fix", "forget"], "{help}");
}

#[test]
fn edit_quotes_the_old_and_the_new_text() {
    let s = Sandbox::with(&two_attempts());
    assert_eq!(
        s.ok(&["edit", "1", "--ask", "Ask Ana for a lift home", "--fear", "She'll mind"]),
        "Changed #1: ask \u{201c}Ask for a lift home\u{201d} \u{2192} \u{201c}Ask Ana for a lift home\u{201d}; fear none \
         \u{2192} \u{201c}She'll mind\u{201d}.\n"
    );
    assert_eq!(
        s.ok(&["edit", "1", "--who", "Ana B", "--stakes", "25"]),
        "Changed #1 \u{201c}Ask Ana for a lift home\u{201d} (Ana B): stakes 30 \u{2192} 25; who \u{201c}Ana\u{201d} \
         \u{2192} \u{201c}Ana B\u{201d}.\n"
    );
}

#[test]
fn a_merge_without_a_base_brings_no_forgotten_entry_back() {
    // A conflict copy from before the forget still holds the attempt: the fold has no base to compare with.
    let s = Sandbox::with(&two_attempts());
    s.ok(&["forget", "1"]);
    std::fs::write(s.path("ladder.sync-conflict-20261122-100000-PHONE.toml"), two_attempts()).unwrap();
    s.ok(&["sync"]);
    let ladder = parsed(&s.read_raw());
    assert_eq!(ladder.attempts.iter().map(|a| a.uid.as_str()).collect::<Vec<_>>(), ["attempt002"]);
    // And the other way round: the copy forgot it, this file did not.
    let t = Sandbox::with(&two_attempts());
    let forgot = second(first(rung())).forgotten("attempt002", "2026-11-22").text();
    std::fs::write(t.path("ladder.sync-conflict-20261122-100000-PHONE.toml"), forgot).unwrap();
    t.ok(&["sync"]);
    let ladder = parsed(&t.read_raw());
    assert_eq!(ladder.attempts.iter().map(|a| a.uid.as_str()).collect::<Vec<_>>(), ["attempt001"]);
    assert_eq!(ladder.forgotten.len(), 1);
}

#[test]
fn a_fix_on_one_side_and_a_thank_on_the_other_both_stay_and_a_forget_beats_a_change() {
    let base = two_attempts();
    // Theirs removed attempt 2 and thanked attempt 1; ours fixed attempt 1's date and thanked attempt 2.
    let fixed = rung().attempt(1, 1, "2026-11-18T09:30:00+01:00").uid("attempt001").outcome("yes");
    let ours = second(fixed).thanked().text();
    let theirs = first(rung()).thanked().forgotten("attempt002", "2026-11-22").text();
    for (mine, other) in [(&ours, &theirs), (&theirs, &ours)] {
        let s = Sandbox::with(mine);
        std::fs::write(s.path("base.toml"), &base).unwrap();
        std::fs::write(s.path("theirs.toml"), other).unwrap();
        let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let ladder = parsed(&s.read_raw());
        assert_eq!(ladder.attempts.len(), 1, "{}", s.read_raw());
        let attempt = &ladder.attempts[0];
        assert_eq!(
            (attempt.uid.as_str(), attempt.at.to_rfc3339().as_str()),
            ("attempt001", "2026-11-18T09:30:00+01:00")
        );
        assert_eq!(attempt.thanked, Some(true));
        assert_eq!(ladder.forgotten.len(), 1);
    }
}

fn ladder_in(s: &Sandbox, clone: &str) -> (String, Ladder) {
    let text = std::fs::read_to_string(s.path(clone).join("ladder.toml")).unwrap();
    (text.clone(), parsed(&text))
}

#[test]
fn a_forgotten_attempt_and_a_fixed_date_stay_so_on_two_git_clones_after_pulls_both_ways() {
    let s = two_clones(&two_attempts());
    let (laptop, phone) = (s.path("laptop"), s.path("phone"));

    // The laptop mends the record; the phone, offline, thanks attempt 1 and records a new one.
    on(&s, "laptop", &["fix", "1", "--date", "2026-11-18"]);
    on(&s, "laptop", &["forget", "2"]);
    on(&s, "phone", &["thank", "1"]);
    on(&s, "phone", &["done", "1", "--note", "On the bus"]);
    git(&s, &laptop, &["commit", "-qam", "laptop"]);
    git(&s, &phone, &["commit", "-qam", "phone"]);
    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    git(&s, &phone, &["pull", "-q", "origin", "main"]);
    git(&s, &phone, &["push", "-q", "origin", "main"]);
    git(&s, &laptop, &["pull", "-q", "origin", "main"]);

    let check = |clone: &str| {
        let (text, ladder) = ladder_in(&s, clone);
        let attempts: Vec<_> =
            ladder.attempts.iter().map(|a| (a.uid.as_str(), a.at.date_naive().to_string(), a.thanked)).collect();
        assert_eq!(attempts.len(), 2, "{clone}: {text}");
        assert_eq!(attempts[0], ("attempt001", "2026-11-18".to_string(), Some(true)), "{clone}: {text}");
        assert!(!text.contains("attempt002\"\nrung"), "{clone}: the forgotten attempt stays forgotten:\n{text}");
        assert!(text.contains("[[forgotten]]\nuid = \"attempt002\"\n"), "{clone}: {text}");
        text
    };
    assert_eq!(check("laptop"), check("phone"), "both clones agree");

    // Another round, each side changing something else: still forgotten, still fixed.
    on(&s, "phone", &["done", "1", "--outcome", "no"]);
    on(&s, "laptop", &["hesitated", "Ask for directions"]);
    git(&s, &laptop, &["commit", "-qam", "laptop again"]);
    git(&s, &phone, &["commit", "-qam", "phone again"]);
    git(&s, &phone, &["push", "-q", "origin", "main"]);
    git(&s, &laptop, &["pull", "-q", "origin", "main"]);
    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    git(&s, &phone, &["pull", "-q", "origin", "main"]);
    let (text, ladder) = ladder_in(&s, "phone");
    assert_eq!(text, ladder_in(&s, "laptop").0, "both clones agree");
    assert_eq!(ladder.attempts.len(), 3, "{text}");
    assert!(!text.contains("attempt002\"\nrung"), "{text}");
    assert_eq!(ladder.attempts[0].at.date_naive().to_string(), "2026-11-18");
    on(&s, "phone", &["list"]);
}

#[test]
fn an_id_a_merge_moved_is_not_acted_on_for_30_days_and_the_start_of_a_uid_names_an_entry() {
    // Both devices recorded an attempt 3 while apart; the merge moves theirs to 4.
    let base = two_attempts();
    let ours = second(first(rung())).attempt(3, 1, "2026-11-21T10:00:00+01:00").uid("oursatt003").outcome("yes");
    let theirs = second(first(rung())).attempt(3, 1, "2026-11-21T11:00:00+01:00").uid("theiratt03").outcome("yes");
    let (ours, theirs) = (ours.text(), theirs.text());
    let s = Sandbox::with(&ours);
    std::fs::write(s.path("base.toml"), &base).unwrap();
    std::fs::write(s.path("theirs.toml"), &theirs).unwrap();
    let out = s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ladder: attempt 3 (made 2026-11-21 11:00) is now attempt 4: both devices had used ID 3\n"
    );
    assert!(
        s.read_raw().ends_with("\n[[moved]]\nwhat = \"attempt\"\nfrom = 3\nto = 4\non = 2026-11-22\n"),
        "{}",
        s.read_raw()
    );

    let said = "ladder: attempt 3 was renumbered by a merge on Sun 22 Nov 2026: both devices had used ID 3, and one of \
                them is now attempt 4. So that nothing is done to the wrong one, name it by the start of its uid: \
                attempt 3 (made 2026-11-21 10:00) is oursa, attempt 4 (made 2026-11-21 11:00) is their\n";
    let before = s.read_raw();
    assert_eq!(s.fails(&["thank", "3"], 2), said);
    assert_eq!(s.fails(&["fix", "3", "--outcome", "no"], 2), said);
    assert_eq!(s.fails(&["forget", "3"], 2), said);
    assert_eq!(s.read_raw(), before, "nothing changed");

    assert_eq!(
        s.ok(&["thank", "their"]),
        "Marked attempt 4 on #1 \u{201c}Ask for a lift home\u{201d}, on Sat 21 Nov 2026, yesterday: you thanked Ana. \
         That makes them likelier to help again.\n"
    );
    assert!(s.ok(&["fix", "oursa", "--outcome", "partial"]).starts_with("Fixed attempt 3 on #1"));
    assert_eq!(s.fails(&["thank", "att"], 2), "ladder: \"att\" starts the uids of attempts 1, 2; give more of it\n");
    assert_eq!(
        s.fails(&["edit", "zzzz", "--stakes", "20"], 2),
        "ladder: no rung has a uid that starts with \"zzzz\"; `ladder list --json` shows them\n"
    );
    assert!(s.ok(&["edit", "RUNGONE", "--stakes", "25"]).starts_with("Changed #1 "), "a uid start in any case");

    // A month on, the old ID is just an ID again.
    let later = s.ladder(&["thank", "3"]).env("LADDER_NOW", "2026-12-23T09:00:00+01:00").output().unwrap();
    assert_eq!(later.status.code(), Some(0), "{}", String::from_utf8_lossy(&later.stderr));
}

#[test]
fn a_forget_taken_back_on_one_device_after_a_sync_stays_taken_back() {
    // Both devices had synced the forget; then this one took it back with `ladder undo`.
    let forgot = first(rung()).forgotten("attempt002", "2026-11-22").text();
    for (ours, theirs) in [(two_attempts(), forgot.clone()), (forgot.clone(), two_attempts())] {
        let s = Sandbox::with(&format!("# mine\n{ours}"));
        std::fs::write(s.path("base.toml"), &forgot).unwrap();
        std::fs::write(s.path("theirs.toml"), &theirs).unwrap();
        s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
        let ladder = parsed(&s.read_raw());
        assert_eq!(ladder.attempts.len(), 2, "{}", s.read_raw());
        assert!(ladder.forgotten.is_empty(), "{}", s.read_raw());
        assert!(s.read_raw().starts_with("# mine\nversion = 2\n"), "written onto ours:\n{}", s.read_raw());
    }
}

#[test]
fn the_lesson_of_a_no_can_be_written_down_afterwards_with_fix() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask a neighbour to water the plants", "-s", "30"]);
    assert_eq!(
        s.ok(&["done", "--outcome", "no", "--before", "40", "--after", "25"]),
        "Recorded attempt 1 on #1 \u{201c}Ask a neighbour to water the plants\u{201d}: no.\n\
         It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
         A no is not a failure: you asked, and asking is the practice.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask a neighbour to water the plants\n"
    );
    assert_eq!(
        s.ok(&["fix", "1", "--learned", "They were kind about it"]),
        "Fixed attempt 1 on #1 \u{201c}Ask a neighbour to water the plants\u{201d}: learned none \u{2192} \
         \u{201c}They were kind about it\u{201d}.\n"
    );
    assert!(s.read().contains("learned = \"They were kind about it\"\n"), "{}", s.read());
    assert_eq!(
        s.ok(&["fix", "1", "--learned", ""]),
        "Fixed attempt 1 on #1 \u{201c}Ask a neighbour to water the plants\u{201d}: learned \u{201c}They were kind \
         about it\u{201d} \u{2192} none.\n"
    );
    assert!(!s.read().contains("learned ="), "{}", s.read());
}

#[test]
fn what_was_learned_written_on_one_device_and_a_thank_on_the_other_both_stay() {
    let ours = second(first(rung()).learned("Ana offered before I finished")).text();
    let theirs = second(first(rung()).thanked()).text();
    for (mine, other) in [(&ours, &theirs), (&theirs, &ours)] {
        let s = Sandbox::with(mine);
        std::fs::write(s.path("base.toml"), two_attempts()).unwrap();
        std::fs::write(s.path("theirs.toml"), other).unwrap();
        s.ladder(&["merge", "base.toml", "ladder.toml", "theirs.toml"]).assert().code(0);
        let attempt = parsed(&s.read_raw()).attempts.into_iter().find(|a| a.uid == "attempt001").unwrap();
        assert_eq!(
            (attempt.learned.as_deref(), attempt.thanked),
            (Some("Ana offered before I finished"), Some(true)),
            "{}",
            s.read_raw()
        );
    }
}

#[test]
fn a_promoted_hesitation_stays_with_its_rung_and_is_not_forgotten() {
    let s = Sandbox::with(&two_attempts());
    s.ok(&["hesitated", "Ask Jo to swap shifts", "--stakes", "40"]);
    s.ok(&["promote", "1"]);
    let before = s.read_raw();
    assert_eq!(
        s.fails(&["forget", "--hesitation", "1"], 2),
        "ladder: hesitation #1 became rung #2, and stays with it; `ladder rm 2` removes the rung; nothing was \
         changed\n"
    );
    assert_eq!(s.read_raw(), before);
}

#[test]
fn an_ask_with_no_answer_has_no_one_to_thank_yet() {
    let s = Sandbox::with(&two_attempts());
    s.ok(&["done", "1", "--outcome", "no-answer"]);
    let before = s.read_raw();
    assert_eq!(
        s.fails(&["thank", "3"], 2),
        "ladder: attempt 3 had no answer, so there is no one to thank for it yet; if they answered since, `ladder fix \
         3 --outcome yes` (or partial, or no) says so; nothing was changed\n"
    );
    assert_eq!(s.read_raw(), before);
}
