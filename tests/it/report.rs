//! `ladder report`, `progress --chart` and `agenda --ics`, as a person (and their calendar app) would see them.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{Fixture, Sandbox};

const MONTH: &str = include_str!("../report/month.toml");

/// `actual` must equal the file `tests/report/NAME` exactly. `LADDER_BLESS=1` rewrites the file instead,
/// after a deliberate change; the diff then shows in review.
fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/report").join(name);
    if std::env::var_os("LADDER_BLESS").is_some() {
        fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = fs::read_to_string(&path).expect("read snapshot");
    assert!(expected == actual, "{name} differs from the snapshot; run with LADDER_BLESS=1 if that is intended");
}

#[test]
fn the_report_of_a_month_matches_its_snapshot() {
    let sandbox = Sandbox::with(MONTH);
    snapshot("month.html", &sandbox.ok(&["report"]));
}

#[test]
fn the_report_is_self_contained_and_loads_nothing() {
    let html = Sandbox::with(MONTH).ok(&["report", "--names", "full"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ));
    for forbidden in ["http:", "https:", "<script", "<link", "<img", "<iframe", "src=", "href=", "url("] {
        assert!(!html.contains(forbidden), "the report contains {forbidden:?}");
    }
}

#[test]
fn sections_come_in_the_order_the_issue_asks_for() {
    let html = Sandbox::with(MONTH).ok(&["report"]);
    let headings: Vec<&str> = html.lines().filter(|l| l.starts_with("<h2")).collect();
    assert_eq!(
        headings,
        [
            "<h2 id=\"therapist\">For your therapist</h2>",
            "<h2>Every attempt</h2>",
            "<h2>What your predictions and fears turned out to be</h2>",
            "<h2>The ladder</h2>",
            "<h2>Distress before and after each attempt</h2>",
            "<h2>Your weekly rhythm</h2>",
            "<h2>Hesitations and what you learned</h2>",
        ]
    );
}

#[test]
fn every_chart_is_an_image_with_its_facts_in_words() {
    let html = Sandbox::with(MONTH).ok(&["report"]);
    let charts = html.matches("<svg ").count();
    assert_eq!(charts, html.matches("role=\"img\" aria-label=\"").count());
    assert_eq!(charts, 1 + 1 + 5 + 1, "the predictions' bar chart, the thermometer, five rungs, the rhythm");
    assert!(html.contains(
        "aria-label=\"Distress on \u{201c}Ask a stranger for directions or the time\u{201d}. 28 Oct: before 40, after 25; \
         30 Oct: before 30, after 15.\""
    ));
    assert!(html.contains("<p>You expected a yes 55% of the time; people said yes 50% of the time.</p>"));
    assert!(html.contains("<tr><td>28 Oct</td><td>yes</td><td>40</td><td>25</td></tr>"));
}

#[test]
fn names_are_initials_unless_asked_and_never_leak() {
    let sandbox = Sandbox::with(MONTH);
    for (how, shown) in [("initials", "S."), ("none", "someone")] {
        let args: &[&str] = if how == "initials" { &["report"] } else { &["report", "--names", how] };
        let html = sandbox.ok(args);
        for name in ["Sam", "Lee", "Priya", "Neil"] {
            assert!(!html.contains(name), "--names {how} shows {name}");
        }
        assert!(html.contains(&format!(
            "<li>9 Nov, #3 <bdi>Ask a stranger to take a photo\u{2026}</bdi> (no): <bdi>{shown} was busy."
        )));
    }
    let full = sandbox.ok(&["report", "--names", "full"]);
    assert!(full.contains("Sam was busy. A no, but I said it out loud, and nothing bad happened."));
    assert!(full.contains("Asked Dr. O&#39;Neil about the letter"));
}

#[test]
fn text_from_the_file_is_escaped_everywhere() {
    let hostile = "<img src=x onerror=alert(1)>\"'&</svg>";
    let ladder = Fixture::version(1)
        .rung(1, hostile, 20)
        .fear(hostile)
        .attempt(1, 1, "2026-11-20T10:00:00+01:00")
        .outcome("no")
        .before(50)
        .after(20)
        .note(hostile)
        .fear_happened(false);
    let html = Sandbox::with(&ladder.text()).ok(&["report"]);
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&lt;/svg&gt;"));
    assert_eq!(html.matches("</svg>").count(), html.matches("<svg ").count());
}

#[test]
fn an_empty_ladder_gets_a_kind_report() {
    let html = Sandbox::new().ok(&["report"]);
    assert!(html.contains(
        "<p>No asks in this period. Whenever you are ready, the next small ask is waiting. Rungs mastered so far: 0 of 0.</p>"
    ));
    assert!(html.contains("<p>Your ladder has no rungs yet.</p>"));
}

#[test]
fn since_sets_the_period_and_must_not_be_in_the_future() {
    let sandbox = Sandbox::with(MONTH);
    let html = sandbox.ok(&["report", "--since", "2026-11-16"]);
    assert!(html.contains("<title>Exposure practice, 16 to 22 Nov 2026</title>"));
    assert!(html.contains("<p>You made 4 asks on 2 rungs: 2 yes, 1 partial and 1 no."));
    sandbox.refused(&["report", "--since", "2026-11-23"], "2026-11-23 is in the future");
    sandbox.refused(
        &["report", "--since", "last week"],
        "--since: \"last week\" is not a day like 2026-11-21, a number of weeks like 2w, or last",
    );
}

#[test]
fn a_long_period_draws_its_latest_weeks_and_counts_a_streak_from_before_it() {
    let sandbox = Sandbox::with(MONTH);
    let html = sandbox.ok(&["report", "--since", "2024-11-22"]);
    // Rectangles: a frame and a bar for each row of the predictions' bar chart, fifteen rungs, then the weeks.
    assert_eq!(html.matches("<rect x=").count() - 2 * 2 - 15, 26);
    assert!(html.contains(
        "<p>Your target is 3 days with practice a week; you met it in 3 of 104 weeks from Monday 25 Nov. Your streak is 3 weeks. \
         The chart shows the latest 26 weeks.</p>"
    ));
    let html = sandbox.ok(&["report", "--since", "2026-11-16"]);
    assert!(html.contains(
        "<p>Your target is 3 days with practice a week; you have met it this week. Your streak is 3 weeks.</p>"
    ));
}

#[cfg(unix)]
#[test]
fn output_is_written_privately_and_never_over_the_ladder() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::with(MONTH);
    let out = sandbox.ladder(&["report", "--output", "report.html"]).output().expect("run ladder");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "Wrote report.html.\n");
    let written = sandbox.path("report.html");
    assert_eq!(fs::metadata(&written).expect("written").permissions().mode() & 0o777, 0o600);
    assert_eq!(fs::read_to_string(&written).expect("read"), sandbox.ok(&["report"]));
    let ladder = sandbox.file();
    let ladder = ladder.to_str().expect("utf-8 path");
    sandbox.refused(&["report", "--output", ladder], "is your ladder file; write to another file");
    sandbox.refused(&["agenda", "--ics", "--output", ladder], "is your ladder file; write to another file");
}

#[test]
fn the_calendar_matches_its_snapshot_with_crlf_and_folded_lines() {
    let ics = Sandbox::with(MONTH).ok(&["agenda", "--ics"]);
    snapshot("month.ics", &ics);
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "a bare line feed: {line:?}");
    }
}

#[test]
fn the_calendar_leaves_names_out_unless_asked() {
    let sandbox = Sandbox::with(MONTH);
    let ics = sandbox.ok(&["agenda", "--ics"]);
    assert!(!ics.contains("Sam") && !ics.contains("Neil"), "{ics}");
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("DESCRIPTION:Stakes 25. You fear: someone will think I <script>can't</script> cope."));
    let named = sandbox.ok(&["agenda", "--ics", "--with-names"]).replace("\r\n ", "");
    assert!(named.contains("You fear: Sam will think"));
    let err = sandbox.fails(&["agenda", "--with-names"], 2);
    assert!(err.contains("--ics"), "{err}");
}

#[test]
fn a_new_plan_keeps_the_event_so_a_calendar_updates_it() {
    let sandbox = Sandbox::with(MONTH);
    // The event of rung 3, "Ask a stranger to take a photo of you": its UID, from the rung's uid.
    let uid = |ics: &str| {
        let at = ics.find("SUMMARY:Ask a stranger to take a photo of you").unwrap();
        ics[..at].lines().rev().find(|l| l.starts_with("UID:")).map(str::to_string)
    };
    let first = sandbox.ok(&["agenda", "--ics"]);
    sandbox.ok(&["plan", "3", "--on", "2026-12-01", "--where", "the office"]);
    let second = sandbox.ok(&["agenda", "--ics"]);
    assert_eq!(uid(&first), Some("UID:ladder-rung-nbjjhqmg7h@ladder.invalid".to_string()));
    assert_eq!(uid(&first), uid(&second), "the same event, moved");
    assert!(second.contains("DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n"));
}

/// Whether a test that needs an outside tool may skip when it is missing: never in CI.
fn may_skip(what: &str) -> bool {
    assert!(std::env::var_os("CI").is_none(), "CI is set and {what} is missing; .ci/run installs it");
    eprintln!("note: skipping, {what} is missing (CI would fail here)");
    true
}

#[test]
fn a_calendar_library_reads_every_event() {
    let sandbox = Sandbox::with(MONTH);
    let ics = sandbox.path("asks.ics");
    sandbox.ok(&["agenda", "--ics", "--output", ics.to_str().expect("utf-8 path")]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/report/check_ics.py");
    let Ok(out) = Command::new("python3").arg(&script).arg(&ics).output() else {
        may_skip("python3");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) && may_skip("the Python icalendar package") {
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2026-11-20 | Ask a colleague: \"Can I brainstorm with you for five minutes?\" | - | ladder-rung-4qyjagoaiv@ladder.invalid\n\
         2026-11-24 | Ask a stranger to take a photo of you | Café Nord, 2nd floor; by the window | ladder-rung-nbjjhqmg7h@ladder.invalid\n\
         2026-11-27 | Ask a friend to recommend a book, a plumber or a doctor | Clinic | ladder-rung-tptun64pvo@ladder.invalid\n"
    );
}

#[test]
fn the_chart_fits_the_terminal_without_colour() {
    let sandbox = Sandbox::with(MONTH);
    for columns in ["80", "40"] {
        let out = sandbox.ladder(&["progress", "--chart"]).env("COLUMNS", columns).env("NO_COLOR", "1").output();
        let text = String::from_utf8(out.expect("run ladder").stdout).expect("utf-8");
        assert!(!text.contains('\x1b'));
        let width: usize = columns.parse().expect("number");
        for line in text.lines() {
            assert!(line.chars().count() <= width, "wider than {columns}: {line:?}");
        }
        snapshot(&format!("chart-{columns}.txt"), &text);
    }
    let coloured = sandbox.ok(&["--color", "always", "progress", "--chart"]);
    assert!(coloured.contains("\x1b[2m"));
}

#[test]
fn a_long_journal_shows_its_latest_attempts_in_a_narrow_terminal() {
    let ladder = (1..=20).fold(Fixture::version(1).rung(1, "Ask", 40), |ladder, id| {
        ladder.attempt(id, 1, &format!("2026-11-{id:02}T10:00:00+01:00")).before(100 - id * 3).after(30)
    });
    let out = Sandbox::with(&ladder.text()).ladder(&["progress", "--chart"]).env("COLUMNS", "34").output();
    let text = String::from_utf8(out.expect("run ladder").stdout).expect("utf-8");
    assert!(text.contains("#1 Ask (stakes 40, last 10 of 20)"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 34), "{text}");
}

#[test]
fn the_chart_never_prints_a_terminal_escape_from_the_file() {
    let ladder = Fixture::version(1).rung(1, "Ask \u{1b}[2J\u{202e}Sam", 40);
    let ladder = ladder.attempt(1, 1, "2026-11-20T10:00:00+01:00").before(60).after(30);
    let text = Sandbox::with(&ladder.text()).ok(&["progress", "--chart"]);
    assert!(text.contains("#1 Ask \u{fffd}[2J\u{fffd}Sam (stakes 40)"), "{text}");
}

#[test]
fn calendar_text_escapes_commas_semicolons_and_backslashes() {
    let ladder =
        |ask: &str| Fixture::version(1).rung(7, ask, 40).planned("2026-11-30").place("Room 1; or 2, \\ 3").text();
    let ics = Sandbox::with(&ladder("Ask A, B; C \\ D")).ok(&["agenda", "--ics"]);
    assert!(ics.contains("\r\nSUMMARY:Ask A\\, B\\; C \\\\ D\r\nLOCATION:Room 1\\; or 2\\, \\\\ 3\r\n"), "{ics}");
    // Two ladders' rung 7 are two events: the UID is the rung's own uid.
    let other = Sandbox::with(&ladder("Ask Z, B; C \\ D")).ok(&["agenda", "--ics"]);
    let uid = |ics: &str| ics.lines().find(|l| l.starts_with("UID:")).map(str::to_string);
    assert!(uid(&ics).is_some_and(|u| u.starts_with("UID:ladder-rung-") && u.ends_with("@ladder.invalid")));
    assert_ne!(uid(&ics), uid(&other));
}

#[test]
fn no_distress_yet_gets_a_hint() {
    let text = Sandbox::new().ok(&["progress", "--chart"]);
    assert_eq!(
        text,
        "No distress rated yet. Rate it before and after an ask (ladder done --before N --after N) and the chart \
         shows it falling.\n"
    );
}
