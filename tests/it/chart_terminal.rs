//! `ladder progress --chart` in a real terminal at 80 and 40 columns (issue 24, item 7): a labelled scale to
//! read numbers from, the day and the answer of each attempt, its numbers, and titles wrapped, not cut.

use crate::common::{Fixture, Sandbox, in_terminal};

fn ladder() -> String {
    Fixture::version(1)
        .setting("comfortable", 30)
        .rung(4, "Ask a coworker a quick factual question instead of searching alone", 30)
        .attempt(1, 4, "2025-12-30T10:00:00+01:00")
        .outcome("no-answer")
        .before(70)
        .after(60)
        .attempt(2, 4, "2026-11-16T10:00:00+01:00")
        .outcome("yes")
        .before(65)
        .after(30)
        .attempt(3, 4, "2026-11-18T10:00:00+01:00")
        .outcome("no")
        .before(50)
        .attempt(4, 4, "2026-11-20T10:00:00+01:00")
        .outcome("partial")
        .before(20)
        .after(35)
        .text()
}

#[cfg(target_os = "linux")]
#[test]
fn the_chart_reads_as_numbers_at_80_and_40_columns() {
    let s = Sandbox::with(&ladder());
    let env = [("TERM", "xterm-256color"), ("NO_COLOR", "1")];
    let Some(wide) = in_terminal(&s, &env, 80, &["progress", "--chart"]) else { return };
    assert_eq!(
        wide,
        "\
Distress before → after each attempt, 0 to 100: █ after, ░ the drop from before,
● before, when after was not rated, ┆ comfortable (30 or less).

#4 Ask a coworker a quick factual question instead of searching alone
(stakes 30)
                       0      20      40      60      80      100
                       ├───┼───┼───┆───┼───┼───┼───┼───┼───┼───┤
30 Dec 2025 no answer  ████████████████████████░░░░             70 → 60
     16 Nov yes        ████████████░░░░░░░░░░░░░░               65 → 30
     18 Nov no                     ┆       ●                    50 → –
     20 Nov partial    ██████████████                           20 → 35
"
    );
    // Rated only before (18 Nov), an attempt has no drop to draw: a mark on 50's tick, said in the legend.
    // At 40 columns the day and the answer go above each bar, so that the scale stays fine.
    let narrow = in_terminal(&s, &env, 40, &["progress", "--chart"]).unwrap();
    assert_eq!(
        narrow,
        "\
Distress before → after each attempt, 0
to 100: █ after, ░ the drop from before,
● before, when after was not rated, ┆
comfortable (30 or less).

#4 Ask a coworker a quick factual
question instead of searching alone
(stakes 30)
  0    20    40    60    80    100
  ├──┼──┼──┆──┼──┼──┼──┼──┼──┼──┤
30 Dec 2025, no answer
  ██████████████████░░░          70 → 60
16 Nov, yes
  █████████░░░░░░░░░░░           65 → 30
18 Nov, no
           ┆     ●               50 → –
20 Nov, partial
  ██████████▌                    20 → 35
"
    );
    // Colour, where the terminal shows it: the title bold, the drop dim.
    let coloured = in_terminal(&s, &[("TERM", "xterm-256color")], 80, &["progress", "--chart"]).unwrap();
    assert!(coloured.contains("\x1b[1m#4 Ask a coworker") && coloured.contains("\x1b[2m░░░░"), "{coloured:?}");
}
