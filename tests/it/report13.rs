//! A trial of two devices and a therapist (report 13, items 10 and 11): `report --since last` is the day of the
//! last report written before today, whatever `--since` the reports of today were given; and the words a
//! therapist or a reader in distress sees: a hesitation's story, the weeks of the rhythm, a one-day report, a
//! place that holds a name in a calendar, a helper's name at 40 columns.

use crate::common::{Fixture, Sandbox};

const MONTH: &str = include_str!("../report/month.toml");

/// `ladder ARGS` at `now`, which must succeed; its standard output.
fn on(sandbox: &Sandbox, now: &str, args: &[&str]) -> String {
    let out = sandbox.ladder(args).env("LADDER_NOW", now).output().expect("run ladder");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The `<h1>` line of a report.
fn h1(html: &str) -> &str {
    html.lines().find(|l| l.starts_with("<h1>")).unwrap_or_default()
}

/// The lines of `html` that start with `start`.
fn lines<'a>(html: &'a str, start: &str) -> Vec<&'a str> {
    html.lines().filter(|l| l.starts_with(start)).collect()
}

#[test]
fn since_last_is_the_day_of_the_last_report_before_today_whatever_todays_were_given() {
    let s = Sandbox::with(MONTH);
    on(&s, "2026-11-18T10:00:00+01:00", &["report"]);
    // The trial's order, on one day: last, two weeks, last again, today, then a plain report.
    assert_eq!(h1(&s.ok(&["report", "--since", "last"])), "<h1>Exposure practice, 18 to 22 Nov 2026</h1>");
    assert_eq!(h1(&s.ok(&["report", "--since", "2w"])), "<h1>Exposure practice, 9 to 22 Nov 2026</h1>");
    assert_eq!(h1(&s.ok(&["report", "--since", "last"])), "<h1>Exposure practice, 18 to 22 Nov 2026</h1>");
    assert_eq!(h1(&s.ok(&["report", "--since", "today"])), "<h1>Exposure practice, 22 Nov 2026</h1>");
    assert_eq!(h1(&s.ok(&["report"])), "<h1>Exposure practice, 18 to 22 Nov 2026</h1>");
    assert_eq!(h1(&s.ok(&["report", "--names", "none"])), "<h1>Exposure practice, 18 to 22 Nov 2026</h1>");
    // The next day, the last report is the day all those were written.
    let next = on(&s, "2026-11-23T10:00:00+01:00", &["report", "--since", "last"]);
    assert_eq!(h1(&next), "<h1>Exposure practice, 22 to 23 Nov 2026</h1>");
    let plain = on(&s, "2026-11-23T11:00:00+01:00", &["report"]);
    assert_eq!(h1(&plain), "<h1>Exposure practice, 22 to 23 Nov 2026</h1>");
}

#[test]
fn a_plain_report_after_one_with_since_the_same_day_covers_the_plain_period() {
    let s = Sandbox::with(MONTH);
    assert_eq!(h1(&s.ok(&["report", "--since", "today"])), "<h1>Exposure practice, 22 Nov 2026</h1>");
    assert_eq!(h1(&s.ok(&["report"])), "<h1>Exposure practice, 20 Oct to 22 Nov 2026</h1>");
}

#[test]
fn since_last_when_the_only_reports_are_todays_is_refused_in_one_line() {
    let s = Sandbox::with(MONTH);
    s.ok(&["report"]);
    let err = s.fails(&["report", "--since", "last"], 2);
    assert_eq!(
        err,
        "ladder: no report was written for this ladder before today; leave out --since to cover what today's did\n"
    );
}

fn trial() -> String {
    Fixture::version(2)
        .rung(1, "Ask Ana Ruiz to swap shifts", 40)
        .who("Ana Ruiz")
        .planned("2026-11-24")
        .place("Ana Ruiz desk, 3rd floor")
        .rung(2, "Ask Bo Lind for a pen", 10)
        .who("Bo Lind")
        .rung(3, "Ask Cy Ma for the time", 15)
        .who("Cy Ma")
        .attempt(1, 2, "2026-11-08T10:00:00+01:00")
        .attempt(2, 2, "2026-11-10T10:00:00+01:00")
        .attempt(3, 3, "2026-11-11T10:00:00+01:00")
        .attempt(4, 3, "2026-11-12T10:00:00+01:00")
        .attempt(5, 1, "2026-11-20T10:00:00+01:00")
        .hesitation(1, "2026-11-18T10:00:00+01:00", "Ask Ana Ruiz to swap shifts")
        .set("story", "froze at her desk")
        .text()
}

#[test]
fn a_hesitations_story_is_what_was_noted_not_what_you_told_yourself() {
    let html = Sandbox::with(&trial()).ok(&["report", "--since", "2026-11-16"]);
    assert_eq!(
        lines(&html, "<li>18 Nov"),
        [
            "<li>18 Nov: <bdi>Ask A. R. to swap shifts</bdi> <span class=\"quiet\">(noted: \u{201c}<bdi>froze at her desk</bdi>\u{201d})</span></li>"
        ]
    );
}

#[test]
fn the_weekly_rhythm_counts_the_weeks_from_the_first_monday_of_the_period() {
    // The period begins on a Sunday: the week it cuts into is drawn, not counted.
    let html = Sandbox::with(&trial()).ok(&["report", "--since", "2026-11-08"]);
    assert_eq!(
        lines(&html, "<p>Your target is"),
        [
            "<p>Your target is 3 days with practice a week; you met it in 1 of 2 weeks from Monday 9 Nov. Your streak is 1 \
          week.</p>"
        ]
    );
    // A period from a Monday counts every week, as before.
    let html = Sandbox::with(&trial()).ok(&["report", "--since", "2026-11-09"]);
    assert_eq!(
        lines(&html, "<p>Your target is"),
        ["<p>Your target is 3 days with practice a week; you met it in 1 of these 2 weeks. Your streak is 1 week.</p>"]
    );
}

#[test]
fn a_one_day_report_speaks_of_this_period_not_these_weeks() {
    let html = Sandbox::with(&trial()).ok(&["report", "--since", "today"]);
    assert_eq!(
        lines(&html, "<p class=\"quiet\">No "),
        [
            "<p class=\"quiet\">No predictions or fears were written down in this period. Next time, try writing what \
             you fear and your guess at a yes before you ask (ladder add \u{2026} --fear \u{2026} --chance N), and \
             afterwards whether the fear came true.</p>",
            "<p class=\"quiet\">No distress was rated in this period. Rating it before and after an ask (ladder done \
             --before N --after N) shows how it falls with practice.</p>",
            "<p class=\"quiet\">No hesitations noted in this period.</p>",
            "<p class=\"quiet\">No notes in this period.</p>",
        ]
    );
    assert!(!html.contains("these weeks"), "{html}");
}

#[test]
fn a_calendar_leaves_out_a_place_that_holds_a_name_unless_names_are_asked_for() {
    let s = Sandbox::with(&trial());
    let ics = s.ok(&["agenda", "--ics"]).replace("\r\n ", "");
    let event: Vec<&str> =
        ics.lines().skip_while(|l| !l.starts_with("SUMMARY")).take_while(|l| !l.starts_with("TRANSP")).collect();
    assert_eq!(
        event,
        [
            "SUMMARY:Ask someone to swap shifts",
            "DESCRIPTION:Stakes 40.\\nA no still counts: you asked\\, and that is the rep.\\nAfterwards: ladder done 1",
        ]
    );
    let named = s.ok(&["agenda", "--ics", "--with-names"]).replace("\r\n ", "");
    assert_eq!(lines(&named, "LOCATION"), ["LOCATION:Ana Ruiz desk\\, 3rd floor"]);
}

#[test]
fn progress_keeps_a_helpers_name_whole_at_40_columns() {
    let s = Sandbox::with(&trial());
    let out = s.ladder(&["progress"]).env("COLUMNS", "40").output().expect("run ladder");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let at = text.lines().position(|l| l.starts_with("Helped by")).expect("a Helped by line");
    assert_eq!(text.lines().skip(at).take(2).collect::<Vec<_>>(), ["Helped by: Bo Lind 2 · Cy Ma 2 ·", "Ana Ruiz 1"]);
    let wide = s.ok(&["progress"]);
    assert_eq!(lines(&wide, "Helped by"), ["Helped by: Bo Lind 2 · Cy Ma 2 · Ana Ruiz 1"]);
}

/// The record of the last report in the state folder, with its lines.
fn record(s: &Sandbox) -> (std::path::PathBuf, String) {
    let dir = s.path("home/state/ladder");
    let file = std::fs::read_dir(&dir)
        .expect("the state folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("reported-")))
        .expect("a reported- record");
    let text = std::fs::read_to_string(&file).expect("read the record");
    (file, text)
}

#[test]
fn the_record_keeps_the_day_of_the_report_before_and_the_first_format_is_still_read() {
    let s = Sandbox::with(MONTH);
    on(&s, "2026-11-18T10:00:00+01:00", &["report"]);
    assert_eq!(record(&s).1, "ladder last report 2\n- 2026-11-18\n");
    s.ok(&["report", "--since", "today"]);
    assert_eq!(record(&s).1, "ladder last report 2\n2026-11-18 2026-11-22\n");
    // The first format kept the first day the last report covered: a report again that day covers it.
    let (file, _) = record(&s);
    std::fs::write(&file, "ladder last report 1\n2026-11-09 2026-11-22\n").expect("write the record");
    assert_eq!(h1(&s.ok(&["report"])), "<h1>Exposure practice, 9 to 22 Nov 2026</h1>");
    std::fs::write(&file, "ladder last report 1\n2026-11-09 2026-11-18\n").expect("write the record");
    assert_eq!(h1(&s.ok(&["report"])), "<h1>Exposure practice, 18 to 22 Nov 2026</h1>");
}
