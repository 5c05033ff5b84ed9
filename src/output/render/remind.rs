//! The words of a nudge (`ladder remind`): a title for a notification, then a line or two that name the ask
//! and, when there is one, the plan's place, ending with the command that has the rest. Never a count of what
//! did not happen.

use crate::model::Rung;
use crate::rules::remind::Nudge;

/// A nudge in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// A notification's summary.
    pub title: String,
    /// The lines under it; printed as they are.
    pub lines: Vec<String>,
}

impl Said {
    /// The nudge as plain text, one line each.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

/// The ask, with where it was planned when it was.
fn ask(rung: &Rung) -> String {
    match &rung.place {
        Some(place) => format!("{} ({place})", rung.ask),
        None => rung.ask.clone(),
    }
}

pub fn said(nudge: &Nudge) -> Said {
    let (title, first, then) = match *nudge {
        Nudge::Planned { rung, today: true } => {
            ("Planned for today", format!("Planned for today: {}", ask(rung)), "When you are ready: ladder next")
        }
        Nudge::Planned { rung, today: false } => {
            let day = rung.planned.map(|d| d.format("%a %-d %b").to_string()).unwrap_or_default();
            (
                "Still on your plan",
                format!("Still on your plan from {day}: {}. Any day is a fine day for it.", ask(rung)),
                "When you are ready: ladder next",
            )
        }
        Nudge::Week { rung, days, target } => {
            let so_far = match days {
                0 => "This week is still open".to_string(),
                1 => "One day of practice so far this week".to_string(),
                n => format!("{n} days of practice so far this week"),
            };
            (
                "A small ask today",
                format!("{so_far}; a small ask today keeps your target of {target} days in reach: {}", ask(rung)),
                "When you are ready: ladder next",
            )
        }
        Nudge::Pause { rung, days } => (
            "When you are ready",
            format!(
                "It has been {days} days since your last ask. No catching up to do, just the next small one: {}",
                ask(rung)
            ),
            "When you are ready: ladder next",
        ),
        Nudge::Review { rung, .. } => (
            "A step to revisit",
            format!("A step you mastered, to revisit so what you learned lasts: {}", ask(rung)),
            "When you are ready: ladder next --review",
        ),
    };
    Said { title: title.to_string(), lines: vec![first, then.to_string()] }
}

/// Said before the nudge is printed when no notification could be sent.
pub fn no_notifier(tried: &str) -> String {
    format!("No notification service answered ({tried}), so here it is as text:")
}

/// Said when a notification was sent.
pub fn sent(with: &str) -> String {
    format!("Sent as a notification with {with}.")
}
