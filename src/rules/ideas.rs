//! The idea bank: asks to fill the gaps in a ladder, shipped in `data/ideas.toml` and built into the binary.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::Ladder;
use crate::rules::plan::name_key;

/// The areas of life the ideas cover, in the order they are listed.
pub const TAGS: [&str; 7] = ["everyday", "work", "friends", "family", "health", "money", "community"];

const BANK: &str = include_str!("../../data/ideas.toml");

/// An ask from the bank; as JSON, `{ id, ask, tag, stakes }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Idea {
    pub id: u32,
    pub ask: String,
    pub tag: String,
    pub stakes: u8,
}

#[derive(Deserialize)]
struct Bank {
    idea: Vec<Idea>,
}

/// Every idea, parsed once. The bank is checked by this module's tests, so it always reads; were it ever
/// damaged, `ladder` would offer no ideas rather than fail.
pub fn bank() -> &'static [Idea] {
    static IDEAS: OnceLock<Vec<Idea>> = OnceLock::new();
    IDEAS.get_or_init(|| toml::from_str::<Bank>(BANK).map(|b| b.idea).unwrap_or_default())
}

pub fn find(id: u32) -> Option<&'static Idea> {
    bank().iter().find(|i| i.id == id)
}

/// The rung already on the ladder with this idea's text (ignoring case and surrounding spaces).
pub fn on_ladder(ladder: &Ladder, idea: &Idea) -> Option<u32> {
    let key = name_key(&idea.ask);
    ladder.rungs.iter().find(|r| name_key(&r.ask) == key).map(|r| r.id)
}

/// Ideas not on the ladder yet, with `tag` if given: closest to `near` first when given, else lowest stakes
/// first; ties by ID.
pub fn choose(ladder: &Ladder, tag: Option<&str>, near: Option<u8>) -> Vec<&'static Idea> {
    let asks: HashSet<String> = ladder.rungs.iter().map(|r| name_key(&r.ask)).collect();
    let mut ideas: Vec<&Idea> = bank()
        .iter()
        .filter(|i| tag.is_none_or(|t| i.tag == t))
        .filter(|i| !asks.contains(&name_key(&i.ask)))
        .collect();
    match near {
        Some(n) => ideas.sort_by_key(|i| (i.stakes.abs_diff(n), i.stakes, i.id)),
        None => ideas.sort_by_key(|i| (i.stakes, i.id)),
    }
    ideas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rung;

    #[test]
    fn the_bank_is_whole() {
        let ideas: Bank = toml::from_str(BANK).expect("data/ideas.toml reads");
        assert!(ideas.idea.len() >= 60, "at least 60 ideas");
        assert_eq!(bank().len(), ideas.idea.len());
        let mut ids: Vec<u32> = ideas.idea.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ideas.idea.len(), "unique IDs");
        for idea in &ideas.idea {
            assert!(TAGS.contains(&idea.tag.as_str()), "{idea:?}");
            assert!(idea.stakes <= 100, "{idea:?}");
            assert!(
                idea.ask.starts_with("Ask") || idea.ask.starts_with("Tell") || idea.ask.starts_with("Say"),
                "{idea:?}"
            );
        }
        for tag in TAGS {
            assert!(ideas.idea.iter().filter(|i| i.tag == tag).count() >= 5, "{tag} has ideas");
        }
    }

    #[test]
    fn ideas_on_the_ladder_are_left_out_and_near_sorts_by_distance() {
        let mut ladder = Ladder::default();
        let first = &bank()[0];
        ladder.rungs.push(Rung::new(1, format!("  {}  ", first.ask.to_uppercase()), 5));
        assert_eq!(on_ladder(&ladder, first), Some(1));
        let chosen = choose(&ladder, None, None);
        assert!(!chosen.iter().any(|i| i.id == first.id));
        assert!(chosen.windows(2).all(|w| w[0].stakes <= w[1].stakes));
        let near = choose(&ladder, Some("money"), Some(50));
        assert!(near.iter().all(|i| i.tag == "money"));
        assert!(near.windows(2).all(|w| w[0].stakes.abs_diff(50) <= w[1].stakes.abs_diff(50)));
    }
}
