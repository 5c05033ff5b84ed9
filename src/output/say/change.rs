//! What each change is called in the undo history (`ladder history`, `Undone: …`, `history --json`'s "change").

use std::path::Path;

pub const CREATED: &str = "created the ladder file";
/// Conflict copies folded in, with no change of the command's own (the `on-change` hook's "change").
pub const FOLDED_COPIES: &str = "folded in conflict copies";

/// Changes taken back by one undo, as one change (the `on-change` hook's "change").
pub fn undid(all: &[String]) -> String {
    format!("undid {}", all.join("; "))
}

pub fn added_rung(id: u32) -> String {
    format!("added rung {id}")
}

pub fn added_before(id: u32, hard: u32) -> String {
    format!("added rung {id} before rung {hard}")
}

pub fn changed_rung(id: u32) -> String {
    format!("changed rung {id}")
}

pub fn removed_rung(id: u32, attempts: usize) -> String {
    format!("removed rung {id}{}", super::rung::removed_taken(attempts).0)
}

pub fn planned(id: u32, planning: bool) -> String {
    let what = if planning { "planned" } else { "cleared the plan of" };
    format!("{what} rung {id}")
}

pub fn recorded(attempt: u32, rung: u32) -> String {
    format!("recorded attempt {attempt} on rung {rung}")
}

pub fn fixed(attempt: u32) -> String {
    format!("fixed attempt {attempt}")
}

pub fn thanked(attempt: u32) -> String {
    format!("marked attempt {attempt} thanked")
}

pub fn noted_gift(id: u32) -> String {
    format!("noted help given {id}")
}

pub fn noted_hesitation(id: u32) -> String {
    format!("noted hesitation {id}")
}

pub fn attached(hesitation: u32, rung: u32) -> String {
    format!("attached hesitation {hesitation} to rung {rung}")
}

pub fn promoted(hesitation: u32) -> String {
    format!("promoted hesitation {hesitation}")
}

pub fn forgot_attempt(id: u32) -> String {
    format!("forgot attempt {id}")
}

pub fn forgot_hesitation(id: u32) -> String {
    format!("forgot hesitation {id}")
}

pub fn forgot_gift(id: u32) -> String {
    format!("forgot help given {id}")
}

pub fn cleared_conflicts(n: usize) -> String {
    format!("cleared {n} merge conflict{}", if n == 1 { "" } else { "s" })
}

/// A merge into the ladder itself, named by their side's file.
pub fn merged_in(theirs: &Path) -> String {
    let name = theirs.file_name().map_or_else(|| theirs.display().to_string(), |n| n.to_string_lossy().into());
    format!("merged in {name}")
}

pub fn imported(n: usize, from: &str) -> String {
    format!("imported {n} rung{} from {from}", if n == 1 { "" } else { "s" })
}
