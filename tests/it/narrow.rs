//! Tables on narrow terminals: never a split word, header, date or number; free text shortened with "…"; the
//! least useful columns dropped first (issue 13, item 3).

use std::collections::HashSet;

use crate::common::{Fixture, Sandbox};
use unicode_width::UnicodeWidthStr;

fn ladder() -> String {
    Fixture::version(1)
        .rung(1, "Ask a stranger for directions to the station", 15)
        .who("Mrs Okafor")
        .rung(2, "Ask a shop assistant to recommend something", 20)
        .planned("2026-11-25")
        .place("at the corner shop near work")
        .rung(3, "頼む 日本語のテキスト 🙂 ask for help", 25)
        .who("Priya Raman-Subramanian")
        .attempt(1, 1, "2026-11-20T09:15:00+01:00")
        .outcome("yes")
        .before(40)
        .after(20)
        .note("She was kind about it and showed me the way to the station, which was lovely")
        .attempt(2, 3, "2026-11-21T10:00:00+01:00")
        .outcome("no-answer")
        .thanked()
        .hesitation(1, "2026-11-21T12:00:00+01:00", "Ask my neighbour to help move the sofa on Saturday")
        .story("I would be a burden to them and they are busy")
        .stakes(40)
        .gave(1, "2026-11-21T12:00:00+01:00", "Priya Raman-Subramanian", "Fed the cat")
        .text()
}

const COMMANDS: [&str; 6] = ["list", "log", "circle", "agenda", "hesitations", "ideas"];

fn at(s: &Sandbox, command: &str, columns: &str) -> String {
    let out = s.ladder(&[command]).env("COLUMNS", columns).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{command}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_table_fits_and_keeps_words_whole() {
    let s = Sandbox::with(&ladder());
    for command in COMMANDS {
        let wide = at(&s, command, "400");
        let words: HashSet<&str> = wide.split_whitespace().collect();
        for columns in [40, 60, 80] {
            let narrow = at(&s, command, &columns.to_string());
            for line in narrow.lines() {
                assert!(line.width() <= columns, "{command} at {columns}: {} wide: {line:?}", line.width());
            }
            for word in narrow.split_whitespace() {
                // What a narrow terminal has no column for is said in words beneath: the distress ratings of an
                // attempt, the stakes of a hesitation.
                let beneath = ["(distress", "before,", "after)", "Stakes"].contains(&word)
                    || word.trim_end_matches('.').parse::<u8>().is_ok();
                let whole = words.contains(word) || beneath;
                let shortened = word.strip_suffix('…').is_some_and(|cut| wide.contains(cut));
                assert!(whole || shortened, "{command} at {columns} split {word:?}:\n{narrow}");
            }
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(String::from).collect()
}

#[test]
fn the_least_useful_columns_go_first() {
    let s = Sandbox::with(&ladder());
    assert_eq!(
        lines(&at(&s, "list", "40")),
        [
            " ID  Ask                      Status",
            "  1  Ask a stranger for…      practising",
            "  2  Ask a shop assistant…    new",
            "  3  頼む 日本語のテキスト…   practising",
        ]
    );
    assert_eq!(
        lines(&at(&s, "list", "80")),
        [
            " ID  Stakes  Ask                                   Who         Tries  Status",
            "  1      15  Ask a stranger for directions to…     Mrs Okafor      1  practising",
            "  2      20  Ask a shop assistant to recommend…                    0  new",
            "  3      25  頼む 日本語のテキスト 🙂 ask for…     Priya Ram…      1  practising",
        ]
    );
    assert_eq!(
        lines(&at(&s, "circle", "40")),
        [
            " Who                 Asks  Yes  To thank",
            " Priya Raman-Subra…     1    0         0",
            " Mrs Okafor             1    1         1",
        ]
    );
    assert_eq!(
        lines(&at(&s, "log", "40")),
        [
            "#2  2026-11-21  no-answer  #3 頼む 日本…",
            "     (thanked)",
            "#1  2026-11-20  yes        #1 Ask a…",
            "     She was kind about it and showed me",
            "     the way to the station, which was",
            "     lovely (distress 40 before,",
            "     20 after)",
        ]
    );
    assert_eq!(
        lines(&at(&s, "agenda", "40")),
        ["Wed 25 Nov 2026  #2  Ask a shop assista…", "     at the corner shop near work"]
    );
    assert_eq!(
        lines(&at(&s, "hesitations", "60")),
        [
            "#1  2026-11-21  stakes 40  Ask my neighbour to help move the",
            "                           sofa on Saturday",
            "     You told yourself: I would be a burden to them and they",
            "     are busy",
        ]
    );
    let progress = at(&s, "progress", "40");
    let trend = progress.lines().find(|l| l.starts_with("  #1")).unwrap();
    assert_eq!(trend, "  #1     Ask a stranger for…          ▂");
}
