//! The report's period and title (issue 24 items 1 and 4): since the last report or since the ladder began,
//! whichever is later; `--since` as a day, a number of weeks or `last`; one title a clinician reads.

use crate::common::Sandbox;

const MONTH: &str = include_str!("../report/month.toml");

/// The `<title>` line and the `<h1>` line of a report.
fn title(html: &str) -> Vec<&str> {
    html.lines().filter(|l| l.starts_with("<title>") || l.starts_with("<h1>")).collect()
}

/// `ladder ARGS` on another day, which must succeed; its standard output.
fn on(sandbox: &Sandbox, now: &str, args: &[&str]) -> String {
    let out = sandbox.ladder(args).env("LADDER_NOW", now).output().expect("run ladder");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_first_report_covers_the_ladder_from_its_first_day_under_one_title() {
    let sandbox = Sandbox::with(MONTH);
    let html = sandbox.ok(&["report"]);
    assert_eq!(
        title(&html),
        [
            "<title>Exposure practice, 20 Oct to 22 Nov 2026</title>",
            "<h1>Exposure practice, 20 Oct to 22 Nov 2026</h1>"
        ]
    );
    assert_eq!(html.matches("<h2>Your ladder</h2>").count(), 0);
}

#[test]
fn the_next_report_starts_on_the_day_of_the_last_and_a_second_that_day_covers_the_same() {
    let sandbox = Sandbox::with(MONTH);
    sandbox.ok(&["report"]);
    let again = sandbox.ok(&["report", "--names", "none"]);
    assert_eq!(title(&again)[1], "<h1>Exposure practice, 20 Oct to 22 Nov 2026</h1>");
    let later = on(&sandbox, "2026-12-06T10:00:00+01:00", &["report", "--output", "-"]);
    assert_eq!(title(&later)[1], "<h1>Exposure practice, 22 Nov to 6 Dec 2026</h1>");
    let last = on(&sandbox, "2026-12-20T10:00:00+01:00", &["report", "--since", "last"]);
    assert_eq!(title(&last)[1], "<h1>Exposure practice, 6 to 20 Dec 2026</h1>");
}

#[test]
fn since_takes_whole_weeks_with_or_without_a_w() {
    let sandbox = Sandbox::with(MONTH);
    for weeks in ["2w", "2", "2 weeks"] {
        let html = sandbox.ok(&["report", "--since", weeks]);
        assert_eq!(title(&html)[1], "<h1>Exposure practice, 9 to 22 Nov 2026</h1>", "--since {weeks}");
    }
    let html = sandbox.ok(&["report", "--since", "1w"]);
    assert_eq!(title(&html)[1], "<h1>Exposure practice, 16 to 22 Nov 2026</h1>");
    let html = sandbox.ok(&["report", "--since", "2025-12-29"]);
    assert_eq!(title(&html)[1], "<h1>Exposure practice, 29 Dec 2025 to 22 Nov 2026</h1>");
    sandbox.refused(&["report", "--since", "0w"], "--since: \"0w\" is not a number of weeks from 1 to 520");
}

#[test]
fn since_last_needs_a_report_before_it() {
    Sandbox::with(MONTH).refused(
        &["report", "--since", "last"],
        "no report has been written for this ladder yet; leave out --since to cover all of it",
    );
}
