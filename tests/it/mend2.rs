//! Mending the record, part two (issue 23, items 5-8): undo after a pull, duplicates, reviews and partials,
//! a rung that was harder than planned.

use crate::common::{Fixture, Sandbox, git, on, two_clones};
use ladder::model::Ladder;

/// A rung added ten days ago, for Ana, with one attempt five days ago.
fn lift_home() -> String {
    Fixture::version(2)
        .rung(1, "Ask for a lift home", 30)
        .uid("rungone001")
        .who("Ana")
        .created("2026-11-12")
        .attempt(1, 1, "2026-11-17T09:30:00+01:00")
        .uid("attempt001")
        .outcome("yes")
        .text()
}

/// The attempts in a clone's ladder: (uid, note).
fn attempts(s: &Sandbox, clone: &str) -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(s.path(clone).join("ladder.toml")).unwrap();
    let ladder = ladder::model::Ladder::parse(&text).unwrap();
    ladder.attempts.iter().map(|a| (a.uid.clone(), a.note.clone())).collect()
}

#[test]
fn undo_takes_back_my_last_done_after_a_pull_brought_other_entries() {
    let s = two_clones(&lift_home());
    let (laptop, phone) = (s.path("laptop"), s.path("phone"));
    on(&s, "laptop", &["done", "1", "--note", "From the laptop"]);
    on(&s, "phone", &["done", "1", "--note", "From the phone"]);
    git(&s, &laptop, &["commit", "-qam", "laptop"]);
    git(&s, &phone, &["commit", "-qam", "phone"]);
    git(&s, &laptop, &["push", "-q", "origin", "main"]);
    git(&s, &phone, &["pull", "-q", "origin", "main"]);
    assert_eq!(attempts(&s, "phone").len(), 3, "the pull brought the laptop's attempt");
    // Both attempts were made at the same minute: the merge gave ID 2 to one of them (by uid), and 3 to the
    // other. When the phone's own moved, history and undo name it by both IDs (newuser13 item 1).
    let text = std::fs::read_to_string(s.path("phone").join("ladder.toml")).unwrap();
    let merged = ladder::model::Ladder::parse(&text).unwrap();
    let own = merged.attempts.iter().find(|a| a.note.as_deref() == Some("From the phone")).unwrap().id;
    let named = if own == 2 { "attempt 2".to_string() } else { format!("attempt 2 (now {own})") };

    assert_eq!(
        on(&s, "phone", &["history"]),
        format!(
            "The file has changed since ladder's last change (a pull, or an edit): undo takes a change back onto \
             it as it is now, keeping what came since.\n\
             Changes ladder can take back, newest first (`ladder undo N` takes back the first N):\n  \
             1  2026-11-22 18:30  recorded {named} on rung 1\n"
        )
    );
    assert_eq!(
        on(&s, "phone", &["undo"]),
        format!(
            "Undone: recorded {named} on rung 1.\n\
             The file had changed since (a pull, or an edit): what came since is kept.\n"
        )
    );
    let left: Vec<_> = attempts(&s, "phone").into_iter().map(|(uid, note)| (uid == "attempt001", note)).collect();
    assert_eq!(left, [(true, None), (false, Some("From the laptop".to_string()))], "only the phone's own done went");
    assert_eq!(
        on(&s, "phone", &["history"]),
        "Nothing to undo: ladder has made no change to this file that it can take back.\n"
    );
}

#[test]
fn undo_keeps_a_hand_edit_elsewhere_and_names_one_that_clashes() {
    let s = Sandbox::with(&lift_home());
    s.ok(&["done", "1", "--before", "40"]);
    s.ok(&["done", "1", "--before", "35"]);
    // A comment and a note on the first attempt, by hand: undo takes back the last done and keeps both.
    let edited = s.read_raw().replace("outcome = \"yes\"\n", "outcome = \"yes\" # by hand\n").replacen(
        "at = 2026-11-17T09:30:00+01:00\n",
        "at = 2026-11-17T09:30:00+01:00\nnote = \"Added by hand\"\n",
        1,
    );
    s.write(&edited);
    assert_eq!(
        s.ok(&["undo"]),
        "Undone: recorded attempt 3 on rung 1.\nThe file had changed since (a pull, or an edit): what came since is kept.\n"
    );
    let text = s.read();
    assert!(text.contains("note = \"Added by hand\"\n") && text.contains("outcome = \"yes\" # by hand\n"), "{text}");
    assert!(!text.contains("before = 35"), "{text}");
    // A hand edit of what the change to undo recorded: refused, and said with what.
    s.write(&s.read_raw().replace("before = 40", "before = 45"));
    let before = s.read_raw();
    assert_eq!(
        s.fails(&["undo"], 2),
        "ladder: undo cannot take back \u{201c}recorded attempt 2 on rung 1\u{201d}: the file has changed since, and \
         what changed clashes with it:\n\
         ladder:   attempt 2 on #1 \u{201c}Ask for a lift home\u{201d} (Ana) (Sun 22 Nov 2026): its distress before \
         was changed since\n\
         ladder: Nothing was changed. Mend those by hand (or with `ladder fix`, `ladder edit`, `ladder forget`) \
         instead.\n"
    );
    assert_eq!(s.read_raw(), before);
}

#[test]
fn undo_names_a_clash_in_words_that_fit_the_field_and_the_entry() {
    let s = Sandbox::new();
    s.ok(&["add", "Ask Ana for a lift home", "-s", "60"]);
    s.ok(&["split", "1", "Ask Ana when she leaves"]);
    // A rung's `before` is where it stands in the climb, not a rating of distress.
    let text = s.read_raw();
    let line = text.lines().find(|l| l.starts_with("before = ")).unwrap();
    s.write(&text.replace(&format!("{line}\n"), ""));
    assert_eq!(
        s.fails(&["undo"], 2),
        "ladder: undo cannot take back \u{201c}added rung 2 before rung 1\u{201d}: the file has changed since, and \
         what changed clashes with it:\n\
         ladder:   #2 \u{201c}Ask Ana when she leaves\u{201d}: its place as a step before a harder rung was changed \
         since\n\
         ladder: Nothing was changed. Mend those by hand (or with `ladder fix`, `ladder edit`, `ladder forget`) \
         instead.\n"
    );
    s.ok(&["done", "1", "--likely", "60"]);
    s.write(&s.read_raw().replace("likely_before = 60", "likely_before = 50"));
    assert_eq!(
        s.fails(&["undo"], 2),
        "ladder: undo cannot take back \u{201c}recorded attempt 1 on rung 1\u{201d}: the file has changed since, and \
         what changed clashes with it:\n\
         ladder:   attempt 1 on #1 \u{201c}Ask Ana for a lift home\u{201d} (Sun 22 Nov 2026): its rating of how likely \
         the fear seemed was changed since\n\
         ladder: Nothing was changed. Mend those by hand (or with `ladder fix`, `ladder edit`, `ladder forget`) \
         instead.\n"
    );
}

#[test]
fn an_ask_already_on_the_ladder_is_named_and_added_only_when_told_to() {
    let s = Sandbox::with(&lift_home());
    assert_eq!(
        s.fails(&["add", "ask for a LIFT, home!", "--stakes", "35"], 2),
        "ladder: rung #1 \u{201c}Ask for a lift home\u{201d} (Ana) has the same words (stakes 30), so nothing was \
         added. To add a second rung with these words anyway, add --anyway.\n"
    );
    assert_eq!(
        s.fails(&["hesitated", "Ask for a  lift home."], 2),
        "ladder: rung #1 \u{201c}Ask for a lift home\u{201d} (Ana) has the same words (stakes 30), so nothing was \
         noted. To note it as a moment you held back from that rung, add --anyway.\n"
    );
    assert_eq!(
        s.ok(&["hesitated", "Ask for a  lift home.", "--anyway"]),
        "Noticed (#1) \u{201c}Ask for a  lift home.\u{201d}. Wanting to ask and holding back is exactly the moment \
         this ladder is for.\n\
         It is the ask of rung #1 \u{201c}Ask for a lift home\u{201d} (Ana), so it is noted as that rung's. When you \
         try it: ladder done 1\n"
    );
}

#[test]
fn promote_names_a_rung_with_the_same_words_and_can_attach_the_hesitation_to_it() {
    let s = Sandbox::with(&lift_home());
    // Noted before the rung had these words.
    s.ok(&["hesitated", "Ask Ana for a lift home", "--stakes", "30"]);
    s.ok(&["edit", "1", "--ask", "Ask Ana for a lift home"]);
    assert_eq!(
        s.fails(&["promote", "1"], 2),
        "ladder: rung #1 \u{201c}Ask Ana for a lift home\u{201d} has the same words (stakes 30), so nothing was \
         changed. `ladder promote 1 --to 1` attaches it to that rung; --anyway makes a new rung.\n"
    );
    assert_eq!(
        s.ok(&["promote", "1", "--to", "1"]),
        "Attached hesitation #1 \u{201c}Ask Ana for a lift home\u{201d} to rung #1 \u{201c}Ask Ana for a lift home\u{201d}.\n"
    );
    let ladder = ladder::model::Ladder::parse(&s.read_raw()).unwrap();
    assert_eq!((ladder.rungs.len(), ladder.hesitations[0].rung), (1, Some(1)), "no new rung");
    assert_eq!(s.ok(&["undo"]), "Undone: attached hesitation 1 to rung 1.\n");
    assert_eq!(
        first(&s.ok(&["promote", "1", "--anyway"])),
        "Promoted hesitation #1 \u{201c}Ask Ana for a lift home\u{201d} to rung #2 at stakes 30, at the top, above #1 \u{201c}Ask Ana for a lift home\u{201d} (30)."
    );
}

fn first(out: &str) -> &str {
    out.lines().next().unwrap_or_default()
}

/// Rung 1 (Ana) mastered three weeks ago, two comfortable reps; rung 2, a stranger, not tried yet.
fn mastered() -> String {
    Fixture::version(2)
        .rung(1, "Ask for a lift home", 30)
        .uid("rungaaaaaa")
        .who("Ana")
        .created("2026-10-20")
        .rung(2, "Ask a stranger for directions", 35)
        .uid("rungbbbbbb")
        .created("2026-10-20")
        .attempt(1, 1, "2026-10-28T09:30:00+01:00")
        .uid("attemptaaa")
        .outcome("yes")
        .before(20)
        .thanked()
        .attempt(2, 1, "2026-10-30T09:30:00+01:00")
        .uid("attemptbbb")
        .outcome("yes")
        .before(15)
        .thanked()
        .text()
}

#[test]
fn a_review_of_a_mastered_rung_is_said_as_one_with_what_it_showed() {
    let s = Sandbox::with(&mastered());
    let out = s.ok(&["done", "1", "--before", "20", "--thanked"]);
    assert_eq!(
        out.lines().take(3).collect::<Vec<_>>(),
        [
            "Recorded attempt 3 on #1 \u{201c}Ask for a lift home\u{201d} (Ana): yes.",
            "A review of #1, mastered before: you rated it 20 beforehand, at or below 30, so what you learned on it \
             has lasted.",
            "A yes, and you thanked them: that makes them likelier to help again.",
        ]
    );
    // A second try the same day is practice on a mastered rung, not a review (care12): too soon to show
    // whether what was learned has lasted.
    let out = s.ok(&["done", "1", "--before", "50", "--thanked"]);
    assert_eq!(
        out.lines().nth(1).unwrap(),
        "More practice on #1, mastered already: you rated it 50 beforehand, above 30. That happens; practice spread \
         over days helps it settle. A try after a week or more away from it is a review, and shows whether what you \
         learned on it has lasted."
    );
    // After three weeks away, a review that felt harder.
    let s = Sandbox::with(&mastered());
    let out = s.ok(&["done", "1", "--before", "50", "--thanked"]);
    assert_eq!(
        out.lines().nth(1).unwrap(),
        "A review of #1, mastered before: you rated it 50 beforehand, above 30, so it felt harder than it did. That \
         is common after a while; revisiting it again soon helps the learning last."
    );
}

#[test]
fn a_partial_is_owed_a_thank_in_done_and_the_circle_and_a_stranger_gets_a_simple_thank_you() {
    let s = Sandbox::with(&mastered());
    s.ok(&["edit", "2", "--stakes", "25"]);
    let out = s.ok(&["done", "2", "--before", "20"]);
    assert_eq!(
        out.lines().nth(2).unwrap(),
        "A yes: thank them. Once you have: ladder thank 3",
        "a stranger who gave directions is thanked, with no story of what their help changed"
    );
    let out = s.ok(&["done", "1", "--outcome", "partial", "--before", "20"]);
    assert_eq!(
        out.lines().nth(2).unwrap(),
        "Some help is still help: thank them for what they could do. Once you have: ladder thank 4"
    );
    let circle = s.json(&["circle", "--json"]);
    assert_eq!(circle[0]["who"], "Ana");
    assert_eq!((circle[0]["partial"].as_u64(), circle[0]["unthanked"].as_u64()), (Some(1), Some(1)));
    let next = s.json(&["next", "--json"]);
    assert_eq!(
        next["hints"].as_array().unwrap().iter().find(|h| h["kind"] == "thank").map(|h| h["text"].clone()),
        Some(serde_json::json!(
            "Ana helped in part (attempt 4, 22 Nov): thank them for what they could do. Then: ladder thank 4"
        ))
    );
}

/// A rung at stakes 60 above one at 30.
fn hard() -> String {
    Fixture::version(2)
        .rung(1, "Ask a stranger the time", 30)
        .uid("rungaaaaaa")
        .created("2026-10-20")
        .rung(2, "Ask my manager for a day off", 60)
        .uid("rungbbbbbb")
        .created("2026-10-20")
        .text()
}

#[test]
fn a_try_well_above_its_stakes_is_a_lesson_with_two_ways_on_and_care_comes_first_after_two() {
    let s = Sandbox::with(&hard());
    let out = s.ok(&["done", "2", "--outcome", "no", "--before", "85", "--after", "60", "--learned", "I felt sick"]);
    assert_eq!(
        out,
        "Recorded attempt 1 on #2 \u{201c}Ask my manager for a day off\u{201d}: no.\n\
         It counts as practice, not as a comfortable rep: you rated it 60 afterwards, above 30, and it did not fall \
         by half. Still 0 of 2 comfortable reps.\n\
         A no is not a failure: you asked, and asking is the practice. Good that you wrote down what you learned.\n\
         That was harder than planned: you felt 85, and #2 is at stakes 60. That is common, and worth knowing: \
         stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 2 --ask \"...\" --stakes 45), or add \
         an easier step before it (ladder split 2 \"...\" --stakes 45).\n\
         Next: #1 Ask a stranger the time\n"
    );
    // The second very hard try in a row: what care says, and not both.
    let out = s.ok(&["done", "2", "--outcome", "no", "--before", "90", "--learned", "Still sick"]);
    assert!(!out.contains("harder than planned"), "{out}");
    assert!(out.contains("That was very hard, two tries in a row (85, then 90)."), "{out}");
}

#[test]
fn split_adds_an_easier_step_linked_to_the_hard_rung_and_list_report_and_merges_keep_the_link() {
    let s = Sandbox::with(&hard());
    assert_eq!(
        s.fails(&["split", "2", "Ask my manager for an hour off", "--stakes", "60"], 2),
        "ladder: an easier step needs stakes below #2's 60, not 60; nothing was added (ladder split 2 \"...\" \
         --stakes N)\n"
    );
    assert_eq!(
        s.ok(&["split", "2", "Ask my manager for an hour off"]),
        "Added #3 at stakes 45, just below #2 \u{201c}Ask my manager for a day off\u{201d} (60): an easier step \
         before it.\n\
         Next: #1 Ask a stranger the time\n"
    );
    let text = s.read_raw();
    assert!(
        text.ends_with(
            "ask = \"Ask my manager for an hour off\"\nstakes = 45\ncreated = 2026-11-22\nbefore = \"rungbbbbbb\"\n"
        ),
        "{text}"
    );
    let list = s.ok(&["list"]);
    assert!(list.lines().any(|l| l.contains("Ask my manager for an hour off (a step before #2)")), "{list}");
    s.ok(&["report", "--output", "report.html"]);
    let report = std::fs::read_to_string(s.path("report.html")).unwrap();
    assert!(
        report.contains(
            "<p>Easier steps added before a rung that was harder than planned: \u{201c}Ask my manager for an hour \
             off\u{201d} (45) before \u{201c}Ask my manager for a day off\u{201d} (60).</p>"
        ),
        "{report}"
    );
    // Merged with a copy that changed the hard rung's stakes: the step keeps its link.
    std::fs::write(s.path("base.toml"), hard()).unwrap();
    std::fs::write(s.path("theirs.toml"), hard().replace("stakes = 60", "stakes = 70")).unwrap();
    s.ok(&["merge", "base.toml", "ladder.toml", "theirs.toml"]);
    let merged = ladder::model::Ladder::parse(&s.read_raw()).unwrap();
    assert_eq!(merged.rungs[2].before.as_deref(), Some("rungbbbbbb"));
    assert_eq!(merged.rungs[1].stakes, 70);
}

#[test]
fn harder_than_planned_is_said_once_a_rung_not_after_every_hard_try() {
    let s = Sandbox::with(&hard());
    let first = s.ok(&["done", "2", "--outcome", "yes", "--before", "82", "--after", "50", "--thanked"]);
    assert!(first.contains("\nThat was harder than planned: you felt 82, and #2 is at stakes 60."), "{first}");
    assert_eq!(
        s.ok(&["done", "2", "--outcome", "yes", "--before", "80", "--after", "50", "--thanked"]),
        "Recorded attempt 2 on #2 \u{201c}Ask my manager for a day off\u{201d}: yes.\n\
         It counts as practice, not as a comfortable rep: you rated it 50 afterwards, above 30, and it did not fall \
         by half. Still 0 of 2 comfortable reps.\n\
         A yes, and you thanked them: that makes them likelier to help again.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #1 Ask a stranger the time\n"
    );
}

#[test]
fn undo_after_a_pull_never_brings_back_what_another_device_forgot() {
    // Two attempts on #1; the other device forgets the second while this one removes the rung.
    let s = Sandbox::with(&lift_home());
    s.ok(&["done", "1", "--note", "X"]);
    let base = s.read_raw();
    let other = Sandbox::with(&base);
    other.ok(&["forget", "2"]);
    s.ok(&["rm", "1"]);
    std::fs::write(s.path("base.toml"), &base).unwrap();
    std::fs::write(s.path("theirs.toml"), other.read_raw()).unwrap();
    // The pull: git runs the merge driver on a copy of the ladder, then puts the result in its place.
    std::fs::write(s.path("ours.toml"), s.read_raw()).unwrap();
    s.ladder(&["merge", "base.toml", "ours.toml", "theirs.toml"]).assert().code(0);
    s.write(&std::fs::read_to_string(s.path("ours.toml")).unwrap());
    s.ok(&["undo"]);
    let ladder = Ladder::parse(&s.read_raw()).unwrap();
    let attempts: Vec<&str> = ladder.attempts.iter().map(|a| a.uid.as_str()).collect();
    assert_eq!(attempts, ["attempt001"], "{}", s.read_raw());
    assert_eq!(ladder.forgotten.len(), 1);
}

#[test]
fn undo_of_a_change_another_device_took_out_since_says_so_and_changes_nothing() {
    let s = Sandbox::with(&lift_home());
    s.ok(&["done", "1", "--note", "Asked Sam"]);
    s.ok(&["thank", "2"]);
    // Another device forgets that attempt; the sync brings its file here.
    let other = s.path("other.toml");
    std::fs::write(&other, s.read_raw()).unwrap();
    s.ok(&["--file", other.to_str().unwrap(), "forget", "2"]);
    let synced = std::fs::read_to_string(&other).unwrap();
    s.write(&synced);

    assert_eq!(
        s.ok(&["undo"]),
        "Already gone: marked attempt 2 thanked.\n\
         The file had changed since (a pull, or an edit) and no longer held it, so nothing in it changed.\n"
    );
    assert_eq!(s.read_raw(), synced, "the file is as the sync left it");
    assert_eq!(
        s.ok(&["undo"]),
        "Already gone: recorded attempt 2 on rung 1.\n\
         The file had changed since (a pull, or an edit) and no longer held it, so nothing in it changed.\n"
    );
    assert_eq!(s.read_raw(), synced);
    assert_eq!(s.ok(&["history"]), "Nothing to undo: ladder has made no change to this file that it can take back.\n");
}
