//! What an ask's words say: whether it is of a stranger, whether it is vague, whether two asks are one.

/// Words that say an ask is of someone whose name one cannot know: a stranger, a shop assistant.
const STRANGERS: [&str; 14] = [
    "stranger",
    "strangers",
    "someone",
    "anyone",
    "passer-by",
    "passerby",
    "assistant",
    "cashier",
    "waiter",
    "librarian",
    "receptionist",
    "pharmacist",
    "driver",
    "staff",
];

/// Whether an ask is of a stranger, so that asking for a name (`--who`) would not make it more specific.
pub fn asks_a_stranger(ask: &str) -> bool {
    words(ask).any(|w| STRANGERS.contains(&w.as_str()))
}

/// Words that say when.
const TIMES: [&str; 18] = [
    "today",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "week",
    "weekend",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "before",
    "after",
    "by",
];

/// A vague ask: fewer than four words, naming no one and no time ("get help"). Specific asks are easier
/// to say yes to.
pub fn vague(ask: &str, who: Option<&str>) -> bool {
    let named = who.is_some() || asks_a_stranger(ask);
    let timed = words(ask).any(|w| TIMES.contains(&w.as_str()));
    words(ask).count() < 4 && !named && !timed
}

/// First words that tell of a moment past rather than an ask to make ("Wanted to ask Sam…", "Didn't ask…").
const LOOKING_BACK: [&str; 12] =
    ["didn't", "didnt", "couldn't", "couldnt", "wasn't", "was", "held", "froze", "almost", "nearly", "thought", "felt"];

/// Whether an ask's first word looks back at a moment (a past tense: "Asked Sam…", "Wanted to ask…") rather
/// than naming an ask to make: a hesitation is often written so, and reads oddly as a rung's step.
pub fn looks_back(ask: &str) -> bool {
    let Some(first) = ask.split_whitespace().next().map(str::to_lowercase) else { return false };
    let first = first.replace('\u{2019}', "'");
    let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    // "need", "feed", "speed" are no past tense.
    (first.ends_with("ed") && first.chars().count() > 4 && first != "speed") || LOOKING_BACK.contains(&first)
}

/// Two asks with the same words, however spaced, capitalised or punctuated ("Ask Sam: lift home?" and
/// "ask sam - lift home"; an apostrophe joins, "Sam's" is "Sams").
pub fn same_ask(a: &str, b: &str) -> bool {
    plain(a) == plain(b)
}

/// An ask's words, as `same_ask` compares them: two asks are the same when these are equal.
pub fn plain(text: &str) -> Vec<String> {
    let joined: String = text.chars().filter(|c| !matches!(c, '\'' | '\u{2019}')).collect();
    joined.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The first rung whose ask has the same words as `ask` (see `same_ask`).
pub fn twin<'a>(rungs: &'a [crate::model::Rung], ask: &str) -> Option<&'a crate::model::Rung> {
    rungs.iter().find(|r| same_ask(&r.ask, ask))
}

fn words(text: &str) -> impl Iterator<Item = String> {
    text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::looks_back;

    #[test]
    fn words_that_look_back_at_a_moment_are_told_from_an_ask() {
        for text in ["Asked Sam for a lift", "Wanted to ask Sam", "Didn’t ask Jo", "almost asked", "Held back"] {
            assert!(looks_back(text), "{text}");
        }
        for text in ["Ask Sam for a lift", "Need a lift: ask Sam", "Feed the cat, Jo?", "Speed-date", "", "Sam?"] {
            assert!(!looks_back(text), "{text}");
        }
    }
}
