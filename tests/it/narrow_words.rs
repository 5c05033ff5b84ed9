//! Narrow terminals, what was still cut or broken (review 10): a note's command in backticks stays whole, the
//! read commands with nothing to show fold, text seen nowhere else (a note, a place, a hesitation, the ratings)
//! is never lost at 40 columns, Chinese and Japanese fold between characters, and standard error stays one line.

use crate::common::{Fixture, Sandbox};

/// `ladder ARGS` at `columns` wide (through `COLUMNS`, as on a terminal that size): its standard output, which
/// must be a success.
fn at(s: &Sandbox, columns: &str, args: &[&str]) -> String {
    let out = s.ladder(args).env("COLUMNS", columns).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(String::from).collect()
}

const NOTE: &str = "Next time run `ladder plan 2 --when tomorrow` first, it helped a lot to plan ahead";

fn ladder() -> String {
    Fixture::version(2)
        .rung(1, "Ask a stranger for directions or the time", 15)
        .rung(2, "Ask a shop assistant to recommend something", 20)
        .planned("2026-11-25")
        .place("at the corner shop near work, next to the bus stop on the high street")
        .rung(3, "頼む 日本語のテキスト 🙂 ask for help", 25)
        .who("Priya 🙂 Raman-Subramanian")
        .attempt(1, 1, "2026-11-20T09:15:00+01:00")
        .outcome("yes")
        .before(60)
        .after(30)
        .note(NOTE)
        .attempt(2, 3, "2026-11-21T10:00:00+01:00")
        .outcome("partial")
        .before(50)
        .note("日本語のテキストを書いてみるとても長い文章ですがスペースがありません。それでも全部見えるべきです。")
        .hesitation(
            1,
            "2026-11-21T12:00:00+01:00",
            "Ask my neighbour to help move the sofa on Saturday, and the wardrobe",
        )
        .story("I would be a burden to them and they are busy")
        .stakes(40)
        .text()
}

#[test]
fn a_command_in_backticks_in_a_note_stays_whole_in_the_log() {
    let s = Sandbox::with(&ladder());
    assert_eq!(
        lines(&at(&s, "40", &["log", "1"])),
        [
            "#1  2026-11-20  yes  #1 Ask a stranger…",
            "     Next time run",
            "     `ladder plan 2 --when tomorrow`",
            "     first, it helped a lot to plan",
            "     ahead (distress 60 before,",
            "     30 after)",
        ]
    );
    assert_eq!(
        lines(&at(&s, "80", &["log", "1"])),
        [
            "#1  2026-11-20  09:15  yes  60→30  #1 Ask a stranger for directions or the time",
            "     Next time run `ladder plan 2 --when tomorrow` first, it helped a lot to",
            "     plan ahead",
        ]
    );
}

#[test]
fn a_japanese_note_folds_between_its_characters_never_before_a_full_stop() {
    let s = Sandbox::with(&ladder());
    assert_eq!(
        lines(&at(&s, "40", &["log", "3"])),
        [
            "#2  2026-11-21  partial  #3 頼む 日本語…",
            "     日本語のテキストを書いてみるとても",
            "     長い文章ですがスペースがありませ",
            "     ん。それでも全部見えるべきです。",
            "     (distress 50 before)",
        ]
    );
}

#[test]
fn the_agenda_keeps_a_place_whole_beneath_its_ask() {
    let s = Sandbox::with(&ladder());
    assert_eq!(
        lines(&at(&s, "40", &["agenda"])),
        [
            "Wed 25 Nov 2026  #2  Ask a shop assista…",
            "     at the corner shop near work, next",
            "     to the bus stop on the high street",
        ]
    );
    assert_eq!(
        lines(&at(&s, "80", &["agenda"])),
        [
            "Wed 25 Nov 2026  #2  Ask a shop assistant to…       at the corner shop near",
            "                                                    work, next to the bus stop",
            "                                                    on the high street",
        ]
    );
}

#[test]
fn a_hesitation_folds_under_its_column_and_its_stakes_go_beneath() {
    let s = Sandbox::with(&ladder());
    assert_eq!(
        lines(&at(&s, "40", &["hesitations"])),
        [
            "#1  2026-11-21  Ask my neighbour to help",
            "                move the sofa on",
            "                Saturday, and the",
            "                wardrobe",
            "     Stakes 40. You told yourself: I",
            "     would be a burden to them and they",
            "     are busy",
        ]
    );
    assert_eq!(
        lines(&at(&s, "80", &["hesitations"])),
        [
            "#1  2026-11-21  stakes 40  Ask my neighbour to help move the sofa on Saturday,",
            "                           and the wardrobe",
            "     You told yourself: I would be a burden to them and they are busy",
        ]
    );
}

#[test]
fn read_commands_with_nothing_to_show_fold_and_keep_their_command_whole() {
    let s = Sandbox::new();
    assert_eq!(
        lines(&at(&s, "40", &["agenda"])),
        ["Nothing planned. Choose a day for an", "ask: ladder plan ID --on DAY"]
    );
    assert_eq!(
        lines(&at(&s, "40", &["hesitations"])),
        ["No hesitations noted yet. When you hold", "back from asking, note it:", "ladder hesitated \"...\""]
    );
    assert_eq!(
        lines(&at(&s, "40", &["log"])),
        ["No attempts yet. When you have asked,", "record it with `ladder done`."]
    );
    assert_eq!(
        lines(&at(&s, "40", &["list"])),
        ["Your ladder is empty. Start with", "`ladder init --example` or `ladder add`."]
    );
    assert_eq!(
        lines(&at(&s, "40", &["circle"])),
        [
            "No one in your circle yet. Name who you",
            "will ask (ladder add ... --who NAME),",
            "and note help you give",
            "(ladder gave ... --to NAME).",
        ]
    );
    // With no width known (a pipe), each is one line, as it always was.
    assert_eq!(s.ok(&["agenda"]), "Nothing planned. Choose a day for an ask: ladder plan ID --on DAY\n");
}

/// Standard error is read by scripts and logs as well as people: an error or a notice stays one line there,
/// whatever the width (README "Errors").
#[test]
fn errors_and_notices_on_standard_error_stay_one_line() {
    let s = Sandbox::with(&ladder());
    let out = s.ladder(&["path"]).env("COLUMNS", "40").output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "chosen by the LADDER_FILE environment variable\n");
    let out = s.ladder(&["done", "9"]).env("COLUMNS", "40").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.len() > 40 && err.starts_with("ladder: "), "{err}");
}

/// Which rung a step comes before is seen only in `list`: the ask is shortened, never the link.
#[test]
fn a_step_keeps_the_rung_it_comes_before_when_its_ask_is_shortened() {
    let s = Sandbox::with(
        &Fixture::version(2)
            .rung(1, "A much smaller first step before the hard one", 20)
            .set("before", "cccccccccc")
            .rung(2, "Ask my manager to move the deadline of the report", 60)
            .uid("cccccccccc")
            .text(),
    );
    assert_eq!(
        lines(&at(&s, "40", &["list"])),
        [
            " ID  Ask                          Status",
            "  1  A much… (a step before #2)   new",
            "  2  Ask my manager to move…      new"
        ]
    );
    // Narrower still, the link in short.
    assert_eq!(
        lines(&at(&s, "34", &["list"])),
        [" ID  Ask                    Status", "  1  A much… (before #2)    new", "  2  Ask my manager to…     new"]
    );
    assert_eq!(
        lines(&at(&s, "60", &["list"])),
        [
            " ID  Stakes  Ask                               Tries  Status",
            "  1      20  A much small… (a step before #2)      0  new",
            "  2      60  Ask my manager to move the…           0  new",
        ]
    );
    assert_eq!(
        at(&s, "200", &["list"]).lines().nth(1),
        Some("  1      20  A much smaller first step before the hard one (a step before #2)      0  new")
    );
}

/// An idea's ask is read only here before it is added: it folds under its column rather than being cut.
#[test]
fn an_idea_folds_its_ask_rather_than_cutting_it() {
    let s = Sandbox::new();
    assert_eq!(
        lines(&at(&s, "40", &["ideas", "--limit", "3"]))[..6],
        [
            " ID  Stakes  Ask",
            "  1      10  Ask a stranger for",
            "             directions",
            "  2      10  Ask a stranger for the time",
            "  3      15  Ask a shop assistant where",
            "             to find something",
        ]
    );
    // The sentences beneath fold as prose: the command whole, a flag with its number.
    let narrow = lines(&at(&s, "30", &["ideas", "--limit", "2"]));
    assert_eq!(
        narrow[narrow.len() - 6..],
        [
            "2 of 70 shown;",
            "--limit 70 shows them all.",
            "Add one with:",
            "ladder add --idea ID (its",
            "stakes are a typical guess;",
            "--stakes N sets yours)",
        ]
    );
}

/// What `import` says folds like every sentence (it was printed a line each, however narrow).
#[test]
fn import_folds_what_it_says() {
    let s = Sandbox::new();
    std::fs::write(
        s.path("ws.csv"),
        "Situation,Distress\nAsk the neighbour across the road to water the plants in August,45\n",
    )
    .unwrap();
    assert_eq!(
        lines(&at(&s, "40", &["import", "ws.csv", "--dry-run"])),
        [
            "Would import 1 rung from ws.csv (a dry",
            "run: nothing was written):",
            "  row 2: #1 Ask the neighbour across the",
            "  road to water the plants in August",
            "  (45), as the first rung",
        ]
    );
}
