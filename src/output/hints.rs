//! The words of each hint, with the command that acts on it.

use crate::output::render::people::times;
use crate::rules::hints::Hint;
use crate::rules::plan::Counted;

/// A hint as `next` and `next --json` say it.
pub fn words(hint: &Hint) -> String {
    match hint {
        Hint::Care { felt, health } => {
            let felt = match felt {
                [Some(first), Some(second)] => format!(" ({first} and {second})"),
                _ => String::new(),
            };
            if *health {
                format!("Your last two tries on this were very hard{felt}. Go gently: {NOT_ALONE}")
            } else {
                format!(
                    "Your last two tries on this were very hard{felt}. Go gently: try it again only if you feel \
                     ready; an easier ask first, or a pause, is fine too."
                )
            }
        }
        Hint::Thank { attempt, at, who, partial, stranger } => {
            let name = who.as_deref().map_or_else(|| "They".to_string(), capitalised);
            // Telling what their help changed fits someone you know, not a stranger who gave directions.
            let (said, thank) = match (stranger, partial) {
                (_, true) => ("helped in part", "thank them for what they could do"),
                (false, false) => ("said yes", "thank them, and tell them what their help changed"),
                (true, false) => ("said yes", "thank them"),
            };
            format!("{name} {said} (attempt {attempt}, {}): {thank}. Then: ladder thank {attempt}", at.format("%-d %b"))
        }
        Hint::Reciprocity { who, yes } => format!(
            "{} has said yes {}. Your thanks are enough; if you would like to, helping {who} in return one day is a \
             kindness, never a debt: ladder gave \"...\" --to \"{who}\"",
            capitalised(who),
            times(*yes),
        ),
        // With a note written, asking what was learned would ask it twice.
        Hint::Rejection { noted: true, .. } => {
            "Last time was a no, and you still asked: that is the practice, and you wrote down what you learned.".into()
        }
        Hint::Rejection { attempt, noted: false } => format!(
            "Last time was a no, and you still asked: that is the practice. What did you learn from it? {}",
            crate::output::render::keep_learned(*attempt)
        ),
        Hint::Repeat { felt } => {
            let felt = felt.map_or(String::new(), |d| format!(" ({d})"));
            format!("Last time still felt uncomfortable{felt}. Repeating an ask is how it gets easier.")
        }
        Hint::Practice { why, used, health } => practice(*why, used, *health),
        Hint::Stalled { tries } => format!(
            "{tries} tries, and your distress has not come down: that is common, and not a failure. What you learn \
             from each ask matters more than calm; to count reps by that instead, write mastery = \"learning\" \
             in [settings]."
        ),
        Hint::Below { base, rung } => format!(
            "Back to an easier rung: you have mastered harder ones (up to {base}), and this one is not tried yet. It \
             may feel lighter now, and it rounds out the ladder (ladder rm {rung} if it no longer fits)."
        ),
        Hint::Gap { step, base, middle, ideas } => {
            let how = if ideas.is_empty() {
                format!("ladder add \"...\" --stakes {middle}")
            } else {
                let ideas: Vec<String> =
                    ideas.iter().map(|i| format!("\u{201c}{}\u{201d} (ladder add --idea {})", i.ask, i.id)).collect();
                format!("{}.", ideas.join(" or "))
            };
            if *base == 0 {
                format!(
                    "Nothing is mastered yet, and this rung is at {step}. If that is too big a step for now, an easier \
                     ask around {middle} could come first: {how}"
                )
            } else {
                format!(
                    "This is a jump of {step} from your highest mastered rung ({base}). An ask around {middle} in \
                     between would make the climb gentler: {how}"
                )
            }
        }
        Hint::Specific { rung } => {
            format!("Make it specific: who will you ask, for what, and when? (ladder edit {rung} --who NAME)")
        }
    }
}

/// What helps with a very hard ask that never waits (a rung tagged `health`): help, never a pause.
const NOT_ALONE: &str = "you need not do it alone; someone you trust could help you make this ask, or come with you.";

/// What would make the next attempt a rep, after one that was practice (on a rung tagged `health` when
/// `health`).
fn practice(why: Counted, used: &[String], health: bool) -> String {
    match why {
        Counted::NoAnswer => {
            "Last time the ask got no answer, so what you feared was not put to the test: it was practice, \
                              and the rep comes when someone answers. A gentle follow-up, or the same ask another way, is fine."
                .into()
        }
        Counted::Guarded => format!(
            "Last time you relied on {}. Next time, try it without {}: that is how you find out you can cope.",
            listed(used),
            if used.len() == 1 { "it" } else { "them" }
        ),
        Counted::Unchecked => "Last time you did not say whether what you feared happened. Checking is what teaches: \
                               done --fear-happened, or --fear-did-not-happen."
            .into(),
        Counted::Unrated => "Last time was not rated, so nothing says it felt comfortable: rate the next one \
                             (--before N --after N)."
            .into(),
        Counted::VeryHard if health => format!("Last time was very hard. Go gently: {NOT_ALONE}"),
        Counted::VeryHard => "Last time was very hard. Go gently: an easier ask first, or a pause, is fine too.".into(),
        Counted::SameDay => "One rep a day counts on a rung: spacing practice out helps it last.".into(),
        _ => String::new(),
    }
}

/// Texts in quotes, joined with "and": “texting” and “apologising”.
pub fn listed(texts: &[String]) -> String {
    let quoted: Vec<String> = texts.iter().map(|t| format!("\u{201c}{t}\u{201d}")).collect();
    match quoted.as_slice() {
        [] => "a safety behaviour".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` with its first letter in capitals, to start a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ideas;
    use chrono::DateTime;

    #[test]
    fn each_hint_reads_whole() {
        let at = DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").unwrap();
        let idea = &ideas::bank()[0];
        let cases = [
            (
                Hint::Care { felt: [Some(100), Some(90)], health: false },
                "Your last two tries on this were very hard (100 and 90). Go gently: try it again only if you feel \
                 ready; an easier ask first, or a pause, is fine too."
                    .to_string(),
            ),
            (
                Hint::Thank { attempt: 4, at, who: Some("ana".into()), partial: false, stranger: false },
                "Ana said yes (attempt 4, 22 Nov): thank them, and tell them what their help changed. Then: ladder \
                 thank 4"
                    .to_string(),
            ),
            (
                Hint::Thank { attempt: 4, at, who: None, partial: false, stranger: false },
                "They said yes (attempt 4, 22 Nov): thank them, and tell them what their help changed. Then: ladder \
                 thank 4"
                    .to_string(),
            ),
            (
                Hint::Thank { attempt: 4, at, who: None, partial: false, stranger: true },
                "They said yes (attempt 4, 22 Nov): thank them. Then: ladder thank 4".to_string(),
            ),
            (
                Hint::Thank { attempt: 4, at, who: Some("ana".into()), partial: true, stranger: false },
                "Ana helped in part (attempt 4, 22 Nov): thank them for what they could do. Then: ladder thank 4"
                    .to_string(),
            ),
            (
                Hint::Reciprocity { who: "sam".into(), yes: 2 },
                "Sam has said yes twice. Your thanks are enough; if you would like to, helping sam in return one day \
                 is a kindness, never a debt: ladder gave \"...\" --to \"sam\""
                    .to_string(),
            ),
            (
                Hint::Repeat { felt: Some(60) },
                "Last time still felt uncomfortable (60). Repeating an ask is how it gets easier.".to_string(),
            ),
            (
                Hint::Repeat { felt: None },
                "Last time still felt uncomfortable. Repeating an ask is how it gets easier.".to_string(),
            ),
            (
                Hint::Gap { step: 16, base: 20, middle: 28, ideas: vec![] },
                "This is a jump of 16 from your highest mastered rung (20). An ask around 28 in between would make \
                 the climb gentler: ladder add \"...\" --stakes 28"
                    .to_string(),
            ),
            (
                Hint::Gap { step: 40, base: 0, middle: 20, ideas: vec![idea] },
                format!(
                    "Nothing is mastered yet, and this rung is at 40. If that is too big a step for now, an easier ask \
                     around 20 could come first: \u{201c}{}\u{201d} (ladder add --idea {}).",
                    idea.ask, idea.id
                ),
            ),
            (
                Hint::Specific { rung: 3 },
                "Make it specific: who will you ask, for what, and when? (ladder edit 3 --who NAME)".to_string(),
            ),
        ];
        for (hint, expected) in cases {
            assert_eq!(words(&hint), expected);
        }
    }
}
