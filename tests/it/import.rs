//! `ladder import`: worksheets in the layouts therapists hand out (tests/import/), a spreadsheet's own CSV, lists,
//! the round trip through `export --format json`, and the README's examples as written.

use std::fs;
use std::path::Path;

use crate::common::{Fixture, Sandbox};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import").join(name).display().to_string()
}

/// The lines `ladder ARGS` printed, expecting exit 0.
fn lines(s: &Sandbox, args: &[&str]) -> Vec<String> {
    s.ok(args).lines().map(str::to_string).collect()
}

fn asks(s: &Sandbox) -> Vec<(u64, String, u64)> {
    let list = s.json(&["list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_u64().unwrap(), r["ask"].as_str().unwrap().to_string(), r["stakes"].as_u64().unwrap()))
        .collect()
}

#[test]
fn a_distress_sheet_lands_in_order() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let out = lines(&s, &["import", &fixture("distress-sheet.csv")]);
    assert_eq!(
        out[0],
        format!(
            "Imported 5 rungs from {}, as one change (`ladder undo` takes it all back):",
            fixture("distress-sheet.csv")
        )
    );
    assert_eq!(
        out[1],
        "  row 2: #1 Ask a shop assistant where the bread is (20), at the bottom, below #2 “Ask a neighbour to take in a…” (35)"
    );
    assert_eq!(out.len(), 6, "the empty rows at the end are skipped: {out:?}");
    assert_eq!(
        asks(&s),
        [
            (1, "Ask a shop assistant where the bread is".into(), 20),
            (2, "Ask a neighbour to take in a parcel".into(), 35),
            (3, "Ask a friend to help me move a sofa".into(), 50),
            (4, "Phone the GP surgery and ask for an appointment".into(), 65),
            (5, "Ask my manager for a day off at short notice".into(), 80),
        ]
    );
}

#[test]
fn a_step_fear_suds_sheet_keeps_the_feared_outcome() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["import", &fixture("steps-fear-suds.tsv")]);
    let list = s.json(&["list", "--json"]);
    let rungs: Vec<(&str, u64, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["ask"].as_str().unwrap(), r["stakes"].as_u64().unwrap(), r["fear"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rungs,
        [
            ("Ask a colleague how the printer works", 25, "They sigh and think I should know"),
            ("Ask a friend to read over a letter", 40, "She is too busy and says so"),
            ("Ask my sister to lend me money until payday", 75, "She thinks I can't manage"),
        ]
    );
    assert_eq!(list[0]["created"], "2026-11-22", "made today");
}

#[test]
fn a_feared_outcome_sheet_reads_who_and_the_chance_and_names_what_it_leaves_out() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let out = lines(&s, &["import", &fixture("feared-outcome.csv")]);
    assert_eq!(out.last().unwrap(), "Not read: the column “Notes”.");
    let list = s.json(&["list", "--json"]);
    let dee = &list[1];
    assert_eq!((dee["ask"].as_str(), dee["stakes"].as_u64()), (Some("Ask Dee for a lift to the station"), Some(45)));
    assert_eq!((dee["who"].as_str(), dee["chance"].as_u64()), (Some("Dee"), Some(40)));
    assert_eq!(dee["fear"], "Dee says no and is annoyed");
    assert_eq!(list[0]["who"], serde_json::Value::Null, "an empty cell is no one");
}

#[test]
fn a_spreadsheets_csv_with_a_bom_semicolons_crlf_and_line_breaks_in_cells() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let bytes = fs::read(fixture("spreadsheet-export.csv")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf") && bytes.windows(2).any(|w| w == b"\r\n"), "the fixture is as saved");
    s.ok(&["import", &fixture("spreadsheet-export.csv")]);
    let list = s.json(&["list", "--json"]);
    let got: Vec<(&str, u64, Vec<&str>)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let tags = r["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
            (r["ask"].as_str().unwrap(), r["stakes"].as_u64().unwrap(), tags)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Ask the bus driver; which stop is mine", 15, vec!["strangers", "out"]),
            ("Ask for help at the library desk", 30, vec!["strangers"]),
            ("Ask Sam, my neighbour, for a lift to work", 40, vec!["neighbours"]),
        ]
    );
}

#[test]
fn a_list_from_standard_input() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let out = s.ladder(&["import", "-"]).write_stdin(fs::read(fixture("hierarchy.md")).unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.lines().next().unwrap(),
        "Imported 4 rungs from standard input, as one change (`ladder undo` takes it all back):"
    );
    assert_eq!(
        asks(&s),
        [
            (1, "Ask a stranger for the time".into(), 15),
            (2, "Ask Sam for a lift".into(), 40),
            (3, "Ask my boss for feedback".into(), 60),
            (4, "Ask my dad for help with the forms".into(), 70),
        ]
    );
}

#[test]
fn a_dry_run_writes_nothing_and_twins_are_skipped_by_name() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask", "Sam", "for", "a", "lift", "--stakes", "40"]);
    let before = s.read_raw();
    fs::write(s.path("w.md"), "- ASK sam: for a lift? (30)\n- Call the GP (70)\n- call the gp (60)\n").unwrap();
    let out = lines(&s, &["import", "--dry-run", "w.md"]);
    assert_eq!(
        out,
        [
            "Would import 1 rung from w.md (a dry run: nothing was written):",
            "  line 2: #2 Call the GP (70), at the top, above #1 “Ask Sam for a lift” (40)",
            "Skipped line 1: rung #1 “Ask Sam for a lift” has the same words.",
            "Skipped line 3: rung #2 “Call the GP” has the same words.",
        ]
    );
    assert_eq!(s.read_raw(), before, "a dry run writes nothing");
    s.ok(&["import", "w.md"]);
    assert_eq!(asks(&s).len(), 2);
    assert_eq!(
        lines(&s, &["import", "w.md"])[0],
        "Nothing to import from w.md: every ask in it is on your ladder already."
    );
}

#[test]
fn one_undo_takes_the_whole_import_back() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask", "a", "stranger", "the", "time", "--stakes", "10"]);
    let before = s.read_raw();
    s.ok(&["import", &fixture("distress-sheet.csv")]);
    assert_eq!(asks(&s).len(), 6);
    assert_eq!(lines(&s, &["undo"]), [format!("Undone: imported 5 rungs from {}.", fixture("distress-sheet.csv"))]);
    assert_eq!(s.read_raw(), before);
}

#[test]
fn new_ids_never_reuse_a_removed_ones() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "One", "ask", "--stakes", "10"]);
    s.ok(&["add", "Two", "asks", "--stakes", "20"]);
    s.ok(&["rm", "2"]);
    fs::write(s.path("w.md"), "- Ask Sam for a lift (40)\n").unwrap();
    s.ok(&["import", "w.md"]);
    assert_eq!(asks(&s), [(1, "One ask".into(), 10), (3, "Ask Sam for a lift".into(), 40)]);
}

#[test]
fn bad_input_names_the_row_and_column_and_writes_nothing() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "One", "ask", "--stakes", "10"]);
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "rating.csv",
            b"Situation,Distress (0-100)\nAsk Sam,40\nCall the GP,150\n",
            "ladder: cannot import rating.csv: row 3, column B \u{201c}Distress (0-100)\u{201d}: the rating is 150; ratings go from 0 (calm) to 100 (the worst imaginable); nothing was imported",
        ),
        (
            "empty.csv",
            b"Notes;SUDS;Situation\r\nfine;30;Ask Sam\r\nhm;40;  \r\n",
            "ladder: cannot import empty.csv: row 3, column C \u{201c}Situation\u{201d}: the situation is empty; nothing was imported",
        ),
        (
            "sheet.xlsx",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
            "ladder: cannot import sheet.xlsx: it is not text (a spreadsheet's own file?); save it as CSV first, or give a list, one ask a line; nothing was imported",
        ),
        (
            "noheader.csv",
            b"Ask Sam,40,Sam\nCall the GP,70,\n",
            "ladder: cannot import noheader.csv: the first row holds a number, so it is not a header; add a first row that names the columns, as in \u{201c}Situation,Distress (0-100)\u{201d}; nothing was imported",
        ),
        (
            "nosituation.csv",
            b"Rank,SUDS\n1,40\n",
            "ladder: cannot import nosituation.csv: the first row is read as the header, and no column there is for the situation (call it \u{201c}Situation\u{201d} or \u{201c}Ask\u{201d}); nothing was imported",
        ),
        (
            "export.json",
            b"{\"rungs\": [{\"id\": 1, \"ask\": \"Ask Sam\", \"stakes\": 40, \"attempts\": [{\"id\": 1, \"at\": \"2026-11-20T10:00:00+01:00\", \"outcome\": \"maybe\"}]}]}",
            "ladder: cannot import export.json: rungs[0].attempts[0].outcome: unknown outcome \"maybe\" (use yes, partial, no or no-answer); nothing was imported",
        ),
    ];
    for (name, bytes, said) in cases {
        fs::write(s.path(name), bytes).unwrap();
        let before = s.read_raw();
        let err = s.fails(&["import", name], 2);
        assert_eq!(err.lines().collect::<Vec<_>>(), [said], "{name}");
        assert_eq!(s.read_raw(), before, "{name} changed the ladder");
    }
    let err = s.fails(&["import", "missing.csv"], 2);
    assert_eq!(err, "ladder: cannot import missing.csv: the folder or file does not exist; nothing was imported\n"); // Over the limit it is refused whole, never imported cut short at its last row.
    let big = "- Ask Sam for a lift (40)\n".repeat(64 * 1024 * 1024 / 26 + 1);
    fs::write(s.path("big.md"), &big).unwrap();
    let before = s.read_raw();
    assert_eq!(
        s.fails(&["import", "big.md"], 2),
        "ladder: cannot import big.md: it is larger than 64 MiB, more than any worksheet should hold; nothing was \
         imported\n"
    );
    assert_eq!(s.read_raw(), before);
}

/// Everything `export --format json` holds, with uids (new ones) taken out and `before` named by its rung's ID.
fn exported(s: &Sandbox) -> serde_json::Value {
    let mut json = s.json_with_uids(&["export", "--format", "json"]);
    let ids: Vec<(String, u64)> = json["rungs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["uid"].as_str().unwrap().to_string(), r["id"].as_u64().unwrap()))
        .collect();
    for plan in json["plans"].as_array_mut().unwrap() {
        if let Some(uid) = plan["before"].as_str() {
            plan["before"] = ids.iter().find(|(u, _)| u == uid).map(|(_, id)| *id).into();
        }
    }
    json.as_object_mut().unwrap().remove("exported");
    s.take_uids(&mut json);
    json
}

#[test]
fn an_export_round_trips_with_attempts_hesitations_help_given_and_plans() {
    let s = Sandbox::new();
    s.ok(&["init", "--example"]);
    s.ok(&[
        "done",
        "1",
        "--before",
        "40",
        "--after",
        "20",
        "--learned",
        "They were kind",
        "--how",
        "in-person",
        "--date",
        "2026-11-21",
        "--confirm-date",
    ]);
    s.ok(&[
        "done",
        "1",
        "--outcome",
        "no",
        "--note",
        "In a hurry,\nbut polite",
        "--used",
        "a script",
        "--likely",
        "60",
        "--bad",
        "70",
    ]);
    s.ok(&["thank", "1"]);
    s.ok(&["hesitated", "Ask", "for", "a", "raise", "--story", "I'd be a bother", "--stakes", "80"]);
    s.ok(&["hesitated", "Ask", "Sam", "for", "a", "lift"]);
    s.ok(&["promote", "2", "--stakes", "45", "--who", "Sam"]);
    s.ok(&["gave", "Lent", "my", "ladder", "--to", "Ana"]);
    s.ok(&["plan", "3", "--on", "2026-11-25", "--where", "the park"]);
    s.ok(&["split", "9", "Ask", "Jo", "first", "--stakes", "48"]);
    s.ok(&["edit", "4", "--fear", "They laugh", "--chance", "70", "--safety", "a script", "--tag", "work"]);
    let before = exported(&s);
    let text = s.ok(&["export", "--format", "json"]);

    let other = Sandbox::new();
    other.ok(&["init"]);
    fs::write(other.path("old.json"), &text).unwrap();
    other.ok(&["import", "old.json"]);
    assert_eq!(exported(&other), before);

    // Again: nothing new, and nothing doubled.
    assert_eq!(
        lines(&other, &["import", "old.json"])[0],
        "Nothing to import from old.json: every ask in it is on your ladder already."
    );
    assert_eq!(exported(&other), before);
}

#[test]
fn another_ladder_file_is_brought_in_after_the_rungs_there() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask", "Sam", "for", "a", "lift", "--stakes", "40"]);
    s.ok(&["done", "1"]);
    let other = Sandbox::with(&Fixture::version(2).setting("repeat", 5).setting("comfortable", 10).text());
    other.ok(&["add", "Call", "the", "GP", "--stakes", "70"]);
    other.ok(&["add", "Ask", "sam", "for", "a", "lift", "--stakes", "30"]);
    other.ok(&["done", "1"]);
    other.ok(&["done", "2"]);
    let out = lines(&s, &["import", &other.file().display().to_string()]);
    assert_eq!(
        out[1..],
        [
            "  rung 1: #2 Call the GP (70), at the top, above #1 “Ask Sam for a lift” (40)".to_string(),
            "Skipped rung 2: rung #1 “Ask Sam for a lift” has the same words.".into(),
            "Brought along: 1 attempt.".into(),
            "Left out 1 attempt of the skipped asks: the rung already on your ladder keeps its own.".into()
        ]
    );
    let log = s.json(&["log", "--json"]);
    let attempts: Vec<(u64, u64)> =
        log.as_array().unwrap().iter().map(|a| (a["id"].as_u64().unwrap(), a["rung"].as_u64().unwrap())).collect();
    assert_eq!(attempts, [(2, 2), (1, 1)], "new attempt IDs after the ladder's own");
    let settings = s.json(&["export", "--format", "json"])["settings"].clone();
    assert_eq!((settings["repeat"].as_u64(), settings["comfortable"].as_u64()), (Some(2), Some(30)), "settings stay");
}

/// The part of the README under `## NAME`, up to the next section.
pub fn readme_section(name: &str) -> String {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find(&format!("\n## {name}\n")).unwrap_or_else(|| panic!("README has no section {name}"));
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

/// The blocks fenced as `lang` in `text`, each as its lines.
pub fn blocks(text: &str, lang: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in text.lines() {
        match (&mut current, line) {
            (None, l) if l == format!("```{lang}") => current = Some(Vec::new()),
            (Some(_), "```") => found.extend(current.take()),
            (Some(block), l) => block.push(l.to_string()),
            _ => {}
        }
    }
    found
}

#[test]
fn the_readme_worksheet_example_runs_as_written() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    let section = readme_section("Start from a worksheet");
    let examples = blocks(&section, "console");
    assert!(!examples.is_empty());
    let mut commands = 0;
    for block in examples {
        // Each `$ ` line and the lines after it, up to a blank line or the next command.
        let mut steps: Vec<(String, Vec<String>)> = Vec::new();
        for line in block {
            match line.strip_prefix("$ ") {
                Some(command) => steps.push((command.to_string(), Vec::new())),
                None => steps.last_mut().expect("a command first").1.push(line),
            }
        }
        for (command, mut shown) in steps {
            while shown.last().is_some_and(String::is_empty) {
                shown.pop();
            }
            let words: Vec<&str> = command.split_whitespace().collect();
            match words.as_slice() {
                ["cat", name] => fs::write(s.path(name), shown.join("\n") + "\n").unwrap(),
                ["ladder", args @ ..] => {
                    let out = s.ladder(args).output().unwrap();
                    let said = if out.status.success() { out.stdout } else { out.stderr };
                    let said = String::from_utf8(said).unwrap();
                    assert_eq!(said.lines().collect::<Vec<_>>(), shown, "README: $ {command}");
                    commands += 1;
                }
                _ => panic!("the example runs only cat and ladder: {command}"),
            }
        }
    }
    assert_eq!(commands, 3);
    assert_eq!(asks(&s).len(), 3, "the list with a mistake in it changed nothing");
}

/// An ask skipped as a twin is named as every ask is: a terminal escape in it is shown, never obeyed.
#[test]
fn a_skipped_ask_with_terminal_escapes_is_shown_safely() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    fs::write(s.path("h.csv"), "Situation,Distress\n\"\u{1b}]0;pwned\u{7}\u{1b}[31mRED ask\",40\n").unwrap();
    s.ok(&["import", "h.csv"]);
    let again = s.ok(&["import", "h.csv"]);
    assert!(!again.contains('\u{1b}') && !again.contains('\u{7}'), "{again:?}");
    let skipped = again.lines().find(|l| l.starts_with("Skipped"));
    assert_eq!(
        skipped,
        Some("Skipped row 2: rung #1 \u{201c}\\u{1b}]0;pwned\\u{7}\\u{1b}[31mRED ask\u{201d} has the same words.")
    );
}
