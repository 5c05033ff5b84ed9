//! A new user's trial of the README, from the top: each test is a defect found, kept fixed.

use crate::common::{Fixture, Sandbox};

/// A one-rung ladder under the learning rule (what `ladder init` writes), made on Mon 16 Nov 2026 (the clock
/// of every test is Sun 22 Nov).
fn one_rung() -> Sandbox {
    Sandbox::with(
        &Fixture::version(2)
            .setting("mastery", "learning")
            .rung(1, "Ask a stranger for the time", 15)
            .created("2026-11-16")
            .text(),
    )
}

/// A second ask on a day that already had its rep, recorded for yesterday, said the rung "already has a rep
/// today": the day it has a rep on is the day of the attempt, not today.
#[test]
fn a_second_ask_on_an_earlier_day_says_that_day_not_today() {
    let s = one_rung();
    s.ok(&["done", "1", "--date", "yesterday"]);
    let out = s.ok(&["done", "1", "--date", "yesterday", "--outcome", "no"]);
    let lines: Vec<&str> = out.lines().take(2).collect();
    assert_eq!(
        lines,
        [
            "Recorded attempt 2 on #1 “Ask a stranger for the time”, on Sat 21 Nov 2026, yesterday: no.",
            "It counts as practice: #1 already has a rep that day, and one a day is what counts. Still 1 of 2 reps.",
        ]
    );
    // Today it is still "today": tests/it/scenarios.rs says so.
}

/// A rung tagged `health` never waits: very hard tries on it are met with "you need not do it alone", never
/// with a pause (README, Care comes first). `next` said "an easier ask first, or a pause, is fine too" after
/// one very hard try on it, and again after two.
#[test]
fn very_hard_tries_on_a_health_rung_are_never_met_with_a_pause() {
    let s = Sandbox::with(
        &Fixture::version(2)
            .setting("mastery", "learning")
            .rung(1, "Ask the GP about my sleep", 60)
            .tags(&["health"])
            .who("Dr Lee")
            .created("2026-11-16")
            .text(),
    );
    s.ok(&["done", "1", "--before", "90", "--after", "80", "--thanked", "--learned", "It was hard"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask the GP about my sleep\n\
         #1 · stakes 60 · with Dr Lee · 0 of 2 reps\n\
         Last time was very hard. Go gently: you need not do it alone; someone you trust could help you make this \
         ask, or come with you.\n"
    );
    s.ok(&["done", "1", "--before", "95", "--after", "90", "--thanked", "--learned", "Still hard"]);
    // (Help given back, so that the reciprocity hint stays out of it.)
    s.ok(&["gave", "A card to say thank you", "--to", "Dr Lee"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask the GP about my sleep\n\
         #1 · stakes 60 · with Dr Lee · 0 of 2 reps\n\
         Your last two tries on this were very hard (90 and 95). Go gently: you need not do it alone; someone you \
         trust could help you make this ask, or come with you.\n"
    );
    // Any other rung may rest, or wait for an easier ask.
    let s = Sandbox::with(
        &Fixture::version(2)
            .setting("mastery", "learning")
            .rung(1, "Ask Ana for a lift", 15)
            .who("Ana")
            .created("2026-11-16")
            .text(),
    );
    s.ok(&["done", "1", "--before", "90", "--after", "80", "--thanked", "--learned", "It was hard"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask Ana for a lift\n\
         #1 · stakes 15 · with Ana · 0 of 2 reps\n\
         Last time was very hard. Go gently: an easier ask first, or a pause, is fine too.\n"
    );
}

/// `progress` at `columns`, as a terminal that wide would show it.
fn progress_at(s: &Sandbox, columns: &str) -> String {
    let out = s.ladder(&["progress"]).env("COLUMNS", columns).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// At 40 columns the first line of `progress` was 60 wide: the terminal broke it inside the bar, while the
/// lines under it were made to fit. The bar now narrows to fit, and what was done goes on a line of its own
/// when even a short bar leaves no room for it; on a wide terminal the line is as it was.
#[test]
fn the_progress_bar_fits_a_narrow_terminal() {
    let s = Sandbox::with(
        &Fixture::version(2)
            .setting("mastery", "learning")
            .rung(1, "Ask a stranger for the time", 15)
            .created("2026-11-16")
            .rung(2, "Ask a shop assistant for help", 20)
            .created("2026-11-16")
            .rung(3, "Ask Ana for a lift", 40)
            .created("2026-11-16")
            .text(),
    );
    s.ok(&["done", "1", "--date", "2026-11-20"]);
    s.ok(&["done", "1", "--date", "2026-11-21"]);
    let first = |text: String| text.lines().take(2).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        first(progress_at(&s, "80")),
        [
            "Mastered 1 of 3 rungs  ███████░░░░░░░░░░░░░ 33% · 2 asks made",
            "2 attempts: 2 yes · 0 partial · 0 no · 0 no answer"
        ]
    );
    assert_eq!(
        first(progress_at(&s, "56")),
        [
            "Mastered 1 of 3 rungs  █████░░░░░░░░░░ 33% · 2 asks made",
            "2 attempts: 2 yes · 0 partial · 0 no · 0 no answer"
        ]
    );
    assert_eq!(first(progress_at(&s, "40")), ["Mastered 1 of 3 rungs  ████░░░░░░░░░ 33%", "2 asks made"]);
}

/// The export gives the rule for mastery in full (README), but under the learning rule it left out that a
/// very hard attempt is practice, not a rep: two yeses with no fear and no safety behaviour, not counted, read
/// as a mistake to a therapist.
#[test]
fn the_export_gives_the_learning_rule_whole() {
    let s = one_rung();
    s.ok(&["done", "1", "--before", "90", "--after", "88"]);
    let export = s.ok(&["export"]);
    let rule = export.lines().find(|l| l.starts_with("An attempt counts toward mastering")).unwrap();
    assert_eq!(
        rule,
        "An attempt counts toward mastering its rung, whatever the answer, when the ask was made (not no answer), \
         when the fear written on its rung (if any) was checked, when no safety behaviour was relied on, and when \
         it was not very hard (distress of 85 or more, before, at its peak or after, or distress that rose during \
         it to 75 or more, or by 10 or more to 50 or more). At most one attempt a day counts on each rung. A rung \
         is mastered once 2 attempts count."
    );
}

/// The words of a command line as the README writes it: split at spaces, "double quotes" kept together.
fn words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => (word.push(c), any = true).1,
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// "A first week" in the README, run as written, day by day: each command's output must be the lines the
/// README shows. The README left out the line `done` adds after practice on a second day ("Pick a day for the
/// next one, if you like: ..."), so a newcomer following it met a line the README did not show. Since that
/// line comes only on a return after a break (newuser12 item 11), the second day shows none.
#[test]
fn the_readme_first_week_runs_as_written() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("## A first week").unwrap();
    let section = &readme[start..readme.find("## Start from a worksheet").unwrap()];
    let blocks: Vec<&str> =
        section.split("```console\n").skip(1).map(|block| block.split("```").next().unwrap()).collect();
    // Monday, the next day, and Thursday (twice: the ask recorded, then its day fixed).
    let days = [
        "2026-11-16T09:00:00+01:00",
        "2026-11-17T09:00:00+01:00",
        "2026-11-19T09:00:00+01:00",
        "2026-11-19T09:05:00+01:00",
    ];
    assert_eq!(blocks.len(), days.len(), "the README's first week has {} console blocks", blocks.len());
    let s = Sandbox::new();
    let init = s.ladder(&["init", "--example"]).env("LADDER_NOW", days[0]).output().unwrap();
    assert_eq!(init.status.code(), Some(0));
    for (block, now) in blocks.iter().zip(days) {
        for step in block.split("$ ").filter(|step| !step.trim().is_empty()) {
            let (command, expected) = step.split_once('\n').unwrap();
            let args = words(command);
            assert_eq!(args[0], "ladder");
            let args: Vec<&str> = args[1..].iter().map(String::as_str).collect();
            let out = s.ladder(&args).env("LADDER_NOW", now).output().unwrap();
            let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert_eq!(said.trim_end(), expected.trim_end(), "ladder {args:?} at {now}");
        }
    }
}

/// The report's distress charts said that under the learning rule an attempt counts "whatever the distress",
/// while the table above them, on the same page, marks a very hard attempt "practice (very hard)".
#[test]
fn the_report_does_not_say_distress_never_matters() {
    let s = one_rung();
    s.ok(&["done", "1", "--before", "90", "--after", "88"]);
    let page = s.ok(&["report", "--since", "2026-11-16"]);
    let line = page.lines().find(|l| l.starts_with("<p class=\"quiet\">One chart per rung")).unwrap();
    assert_eq!(
        line,
        "<p class=\"quiet\">One chart per rung you practised, 0 to 100. Hollow dots: before; filled dots: after. \
         Dashed green line: comfortable (30). Amber marks: 50% of the distress before, the habituation line. Under \
         the learning rule an attempt counts when the ask was made, the fear was checked and no safety behaviour \
         was leaned on, unless it was very hard (distress of 85 or more, or distress that rose to 75 or more, or by 10 \
         or more to 50 or more): short of that, the lines are landmarks.</p>"
    );
    assert!(page.contains("practice (very hard)"));
}

/// `ladder --help` says when a rung's practice counts; it left out that the ask must be bearable (a very hard
/// one is practice, not a rep), as the export and the report did.
#[test]
fn the_help_says_a_rep_is_a_bearable_ask() {
    let s = Sandbox::new();
    let out = s.ladder(&["--help"]).env("COLUMNS", "80").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let about: Vec<&str> = help.lines().skip(2).take(5).collect();
    assert_eq!(
        about,
        [
            "Write a ladder of asks from low stakes to high, rated 0-100 for the distress you",
            "expect (SUDS, subjective units of distress: 0 calm, 50 clearly anxious, 100 the",
            "worst imaginable). Practise a rung near your level until it counts (an ask made",
            "and bearable, your fear checked, no safety behaviour leaned on), then climb. A",
            "\"no\" is not a failure: you asked, and asking is the practice.",
        ]
    );
}

/// The README said that at 40 columns the chart puts the day and the answer above each bar; it does so when
/// beside them the bar would be shorter than 20 cells, which at 40 columns depends on how long they are. The
/// README now says so: short ones stay beside a 20-cell bar, narrower still they go above.
#[test]
fn the_chart_keeps_the_day_beside_the_bar_while_the_bar_has_20_cells() {
    let s = one_rung();
    s.ok(&["done", "1", "--before", "40", "--after", "20", "--date", "2026-11-20"]);
    let chart = |columns: &str| {
        let out = s.ladder(&["progress", "--chart"]).env("COLUMNS", columns).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().skip_while(|l| !l.starts_with("#1")).map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(
        chart("40"),
        [
            "#1 Ask a stranger for the time",
            "(stakes 15)",
            "            0  20  40  60  80  100",
            "            ├───┼─┆─┼───┼───┼───┤",
            "20 Nov yes  ████░░░░             40 → 20",
        ]
    );
    assert_eq!(
        chart("36"),
        [
            "#1 Ask a stranger for the time",
            "(stakes 15)",
            "  0  20  40  60  80  100",
            "  ├───┼─┆─┼───┼───┼───┤",
            "20 Nov, yes",
            "  ████░░░░             40 → 20",
        ]
    );
}
