//! The top of the report (issue 24 items 2, 3, 6; issue 30 item 15): what happened in the period in one paragraph,
//! a box for the therapist, every attempt with its numbers, charts by date, a `<main>` landmark, and the person's
//! own words isolated for direction.

use crate::common::Sandbox;

const HARD: &str = include_str!("../report/hard.toml");

/// The lines of `html` from the one starting with `from` to the one starting with `to`, both included.
fn between<'a>(html: &'a str, from: &str, to: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = html.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(from)).expect("the first line");
    let end = start + lines[start..].iter().position(|l| l.starts_with(to)).expect("the last line");
    lines[start..=end].to_vec()
}

#[test]
fn a_hard_fortnight_is_told_first_then_flagged_for_the_therapist_then_listed() {
    let sandbox = Sandbox::with(HARD);
    sandbox.ok(&["gave", "Watered her plants", "--to", "Sam", "--date", "2026-11-18"]);
    let html = sandbox.ok(&["report"]);
    assert_eq!(
        between(&html, "<body>", "</section>"),
        [
            "<body>",
            "<main>",
            "<header>",
            "<h1>Exposure practice, 9 to 22 Nov 2026</h1>",
            "<p>You made 5 asks on 2 rungs: 3 yes, 1 partial and 1 no. Every ask is practice, whatever the answer: \
             you asked. Mastered: #2 \u{201c}<bdi>Ask a neighbour for a cup of sugar</bdi>\u{201d}. Rungs mastered so \
             far: 1 of 3. Rungs added: 3. You thanked people 1 time and gave help 1 time. What you feared came true 2 of 3 times you checked. The hardest moment: 17 Nov, \
             \u{201c}<bdi>Ask S. for a lift to work</bdi>\u{201d} (yes, distress up to 90). Planned but not done yet: \
             #3 \u{201c}<bdi>Ask the pharmacist about side effects</bdi>\u{201d}.</p>",
            "<p class=\"quiet\">ladder is not a crisis service. If you are in crisis or might harm yourself, contact \
             your local emergency services or a crisis line now.</p>",
            "</header>",
            "<section class=\"box\" aria-labelledby=\"therapist\">",
            "<h2 id=\"therapist\">For your therapist</h2>",
            "<ul>",
            "<li><strong>Met the step-down rule</strong> on #1 \u{201c}<bdi>Ask S. for a lift to work</bdi>\u{201d}: \
             two very hard attempts in a row (17 Nov and 19 Nov, distress 90 and rose from 60 to 88). ladder rested \
             the rung for a week and suggested stepping down and talking it over.</li>",
            "<li>Very high (85 or more) or rising distress (to 75 or more, or up 10 or more to 50 or more): 17 Nov on #1 (distress 90) and 19 Nov on #1 (rose from 60 \
             to 88).</li>",
            "<li>Stalled: #1 \u{201c}<bdi>Ask S. for a lift to work</bdi>\u{201d}, 3 attempts in this period and none \
             counted as a rep.</li>",
            "<li>2 reps counted with no distress rated, so nothing shows how hard they were.</li>",
            "<li>Safety behaviours: relied on in 1 attempt, done without in 1 attempt (listed below).</li>",
            "<li>Expectancy, on average: how likely the feared outcome seemed went from 70% before to 40% after \
             (2 rated); how bad it seemed went from 75 to 30 (2 rated).</li>",
            "<li>Stakes against felt distress: #1 \u{201c}<bdi>Ask S. for a lift to work</bdi>\u{201d} is rated 20 and \
             felt 40, 90 and 88.</li>",
            "</ul>",
            "</section>",
        ]
    );
    assert_eq!(
        between(&html, "<h2>Every attempt</h2>", "</table>"),
        [
            "<h2>Every attempt</h2>",
            "<table class=\"attempts\">",
            "<tr><th>Day</th><th>Ask</th><th>Answer</th><th>Before</th><th>Peak</th><th>After</th>\
             <th>Fear came true</th><th>Counted as</th></tr>",
            "<tr><td>10 Nov</td><td>#1 <bdi>Ask S. for a lift to work</bdi></td><td>yes</td><td>40</td><td>–</td>\
             <td>20</td><td>no</td><td>practice (safety behaviour)</td></tr>",
            "<tr><td>12 Nov</td><td>#2 <bdi>Ask a neighbour for a cup of sugar</bdi></td><td>yes</td><td>–</td>\
             <td>–</td><td>–</td><td>–</td><td>rep</td></tr>",
            "<tr><td>14 Nov</td><td>#2 <bdi>Ask a neighbour for a cup of sugar</bdi></td><td>partial</td><td>–</td>\
             <td>–</td><td>–</td><td>–</td><td>rep</td></tr>",
            "<tr><td>17 Nov</td><td>#1 <bdi>Ask S. for a lift to work</bdi></td><td>yes</td><td>60</td><td>90</td>\
             <td>50</td><td>yes</td><td>practice (very hard)</td></tr>",
            "<tr><td>19 Nov</td><td>#1 <bdi>Ask S. for a lift to work</bdi></td><td>no</td><td>60</td><td>–</td>\
             <td>88</td><td>yes</td><td>practice (very hard)</td></tr>",
            "</table>",
        ]
    );
}

#[test]
fn a_quiet_period_says_nothing_stood_out_and_has_no_table() {
    let html = Sandbox::with(HARD).ok(&["report", "--since", "2026-11-20"]);
    assert_eq!(
        between(&html, "<h1>", "</section>")[1..],
        [
            "<p>No asks in this period. Whenever you are ready, the next small ask is waiting. Rungs mastered so far: \
             1 of 3.</p>",
            "<p class=\"quiet\">ladder is not a crisis service. If you are in crisis or might harm yourself, contact \
             your local emergency services or a crisis line now.</p>",
            "</header>",
            "<section class=\"box\" aria-labelledby=\"therapist\">",
            "<h2 id=\"therapist\">For your therapist</h2>",
            "<p>Nothing stood out: no very high or rising distress, no stalled rung, no safety behaviours, and felt \
             distress near the stakes.</p>",
            "</section>",
        ]
    );
    assert!(!html.contains("<h2>Every attempt</h2>"));
}

#[test]
fn charts_are_labelled_with_the_first_and_last_day_not_attempt_numbers() {
    let html = Sandbox::with(HARD).ok(&["report"]);
    assert!(!html.contains("attempt 1"));
    assert!(html.lines().any(|l| l
        == "<text x=\"26\" y=\"110\" font-size=\"9\" fill=\"#666\">10 Nov</text><text x=\"196\" y=\"110\" \
            font-size=\"9\" fill=\"#666\" text-anchor=\"end\">19 Nov</text>"));
}

#[test]
fn the_content_is_in_a_main_landmark_and_own_words_are_isolated_for_direction() {
    let html = Sandbox::with(HARD).ok(&["report"]);
    assert_eq!(html.matches("<main>").count(), 1);
    assert!(html.contains("</section>\n</main>\n<footer>\n"));
    assert!(html.lines().any(|l| l
        == "<li>12 Nov, #2 <bdi>Ask a neighbour for a cup of\u{2026}</bdi> (yes): <bdi>\u{634}\u{643}\u{631}\u{627} \
            \u{62c}\u{632}\u{64a}\u{644}\u{627}</bdi></li>"));
    assert!(
        html.lines()
            .any(|l| l == "<li>\u{201c}<bdi>apologise first</bdi>\u{201d}: relied on 1 time, done without 1 time.</li>")
    );
}
