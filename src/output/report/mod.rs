//! Things to show someone else: a self-contained HTML report, distress charts for the terminal, and planned
//! asks as a calendar. Pure functions of a ladder and the clock that return text; the commands do the I/O.

mod chart;
mod html;
mod ics;
mod story;
mod svg;

pub use chart::distress_charts;
pub use html::report;
pub use ics::calendar;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::model::Ladder;

/// How the names of the people asked appear in something shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// As written
    Full,
    /// “Priya Shah” becomes “P. S.”
    Initials,
    /// Every name becomes “someone”
    None,
}

/// Hides the names a ladder knows (each rung's `who` and each gift's `to`) wherever they appear in a text,
/// as whole words and whatever their case. A name never written as a `who` cannot be recognised.
pub struct Masker {
    /// Longest first, so that "Sam Lee" is replaced before "Sam".
    names: Vec<(String, String)>,
}

impl Masker {
    pub fn new(ladder: &Ladder, names: Names) -> Masker {
        let mut known: Vec<&str> = ladder.rungs.iter().filter_map(|r| r.who.as_deref()).collect();
        known.extend(ladder.gifts.iter().map(|g| g.to.as_str()));
        let mut pairs: Vec<(String, String)> = Vec::new();
        if names != Names::Full {
            // A full name, and each capitalised word of it alone: "Sam Lee" is often just "Sam" in a note.
            let words = known.iter().flat_map(|n| n.split_whitespace()).filter(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && w.chars().filter(|c| c.is_alphabetic()).count() > 1
            });
            for name in known.iter().map(|n| n.trim()).chain(words).filter(|n| !n.is_empty()) {
                let shown = if names == Names::Initials { initials(name) } else { "someone".to_string() };
                if !pairs.iter().any(|(n, _)| n.to_lowercase() == name.to_lowercase()) {
                    pairs.push((name.to_string(), shown));
                }
            }
        }
        pairs.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        Masker { names: pairs }
    }

    /// `text` with every known name replaced.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (name, shown) in &self.names {
            out = replace_word(&out, name, shown);
        }
        out
    }

    /// How one name is shown: the same as in running text, so a name alone is masked too.
    pub fn name(&self, name: &str) -> String {
        self.text(name.trim())
    }
}

/// "Priya Shah" as "P. S.": the first letter of each word, in capitals.
pub fn initials(name: &str) -> String {
    let letters: Vec<String> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect();
    if letters.is_empty() { "someone".to_string() } else { letters.join(" ") }
}

/// `text` with each whole-word, case-insensitive occurrence of `word` replaced by `with`.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if !previous.is_some_and(char::is_alphanumeric)
            && let Some(len) = prefix_len(rest, word)
            && !rest[len..].chars().next().is_some_and(char::is_alphanumeric)
        {
            out.push_str(with);
            previous = rest[..len].chars().next_back();
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length in bytes of the start of `text` that equals `word` ignoring case, if it does.
fn prefix_len(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for w in word.chars() {
        let (_, t) = chars.next()?;
        if !t.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut short: String = text.chars().take(width.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// `text` cut to `width` characters at the end of a word, with an ellipsis when cut (mid-word only when its
/// first word is longer than `width`).
fn fit_words(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let room: String = text.chars().take(width.saturating_sub(1)).collect();
    match room.rfind(' ') {
        Some(end) if end > 0 => format!("{}\u{2026}", room[..end].trim_end_matches([',', ';', ':', ' '])),
        _ => fit(text, width),
    }
}

/// The ladder with only what happened on or after `since`: the attempts and hesitations of a report's period.
/// Rungs stay, so that each attempt keeps its ask.
pub fn since(ladder: &Ladder, since: NaiveDate, now: DateTime<FixedOffset>) -> Ladder {
    let day = |at: DateTime<FixedOffset>| at.with_timezone(now.offset()).date_naive();
    let mut period = ladder.clone();
    period.attempts.retain(|a| day(a.at) >= since);
    period.hesitations.retain(|h| day(h.at) >= since);
    period.gifts.retain(|g| day(g.at) >= since);
    period
}

/// `text` with each character `special` gives an escape for written so (a page's, a calendar's), any other
/// control character as a space, and a bidi override shown, never obeyed, as on the terminal: it would reorder
/// what follows it.
fn escaped(text: &str, special: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match special(c) {
            Some(escape) => out.push_str(escape),
            None if c.is_control() => out.push(' '),
            None if crate::model::shown::is_unsafe(c) => out.push_str(&crate::model::shown::line(&c.to_string())),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rung;

    fn ladder_with(who: &[&str]) -> Ladder {
        let rungs = who
            .iter()
            .zip(1..)
            .map(|(w, id)| Rung { who: Some((*w).to_string()), ..Rung::new(id, "ask", 20) })
            .collect();
        Ladder { rungs, ..Ladder::default() }
    }

    #[test]
    fn initials_take_the_first_letter_of_each_word() {
        assert_eq!(initials("Priya Shah"), "P. S.");
        assert_eq!(initials("élodie"), "É.");
        assert_eq!(initials("  "), "someone");
    }

    #[test]
    fn names_are_masked_as_whole_words_whatever_their_case() {
        let l = ladder_with(&["Sam", "Sam Lee", "Al", "my manager"]);
        let m = Masker::new(&l, Names::Initials);
        assert_eq!(
            m.text("Ask SAM LEE, then sam, Lee; not Samuel or Alan. Al? My manager, my plan"),
            "Ask S. L., then S., L.; not Samuel or Alan. A.? M. M., my plan"
        );
        let m = Masker::new(&l, Names::None);
        assert_eq!(m.text("Ask Sam for help"), "Ask someone for help");
        let m = Masker::new(&l, Names::Full);
        assert_eq!(m.text("Ask Sam for help"), "Ask Sam for help");
    }

    #[test]
    fn masking_handles_text_that_changes_length_in_lower_case() {
        let l = ladder_with(&["İlkay"]);
        let m = Masker::new(&l, Names::None);
        assert_eq!(m.text("Ask İlkay, İ"), "Ask someone, İ");
    }
}
