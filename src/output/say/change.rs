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

/// A change as the undo history describes it, with each entry it names that a merge renumbered since (`kind`,
/// the ID it had, the ID it has now) named by both: "recorded attempt 1 (now 2) on rung 2". A change that names
/// a file (a merge, an import, a fold) is left as it is: its name is not ladder's words.
pub fn as_now(description: &str, renumbered: &[(&str, u32, u32)]) -> String {
    const KINDS: [&str; 4] = ["help given ", "hesitation ", "attempt ", "rung "];
    if renumbered.is_empty() || ["merged in ", "imported ", "folded in "].iter().any(|p| description.starts_with(p)) {
        return description.to_string();
    }
    let mut out = String::with_capacity(description.len() + 16);
    let mut rest = description;
    let mut at_word = true;
    while let Some(c) = rest.chars().next() {
        if at_word && let Some(kind) = KINDS.iter().find(|k| rest.starts_with(**k)) {
            let digits = rest[kind.len()..].bytes().take_while(u8::is_ascii_digit).count();
            let id = rest[kind.len()..kind.len() + digits].parse::<u32>().ok();
            let what = kind.trim_end();
            if let Some(&(_, _, to)) =
                id.and_then(|id| renumbered.iter().find(|(w, from, _)| *w == what && *from == id))
            {
                let end = kind.len() + digits;
                out.push_str(&rest[..end]);
                out.push_str(" (now ");
                out.push_str(&to.to_string());
                out.push(')');
                rest = &rest[end..];
                at_word = false;
                continue;
            }
        }
        at_word = c == ' ';
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::as_now;

    #[test]
    fn a_renumbered_entry_is_named_by_both_ids_and_no_other_is() {
        let moved = [("attempt", 1, 2), ("rung", 16, 17)];
        assert_eq!(as_now("recorded attempt 1 on rung 16", &moved), "recorded attempt 1 (now 2) on rung 16 (now 17)");
        assert_eq!(as_now("recorded attempt 11 on rung 1", &moved), "recorded attempt 11 on rung 1");
        assert_eq!(
            as_now("undid forgot attempt 1; added rung 16", &moved),
            "undid forgot attempt 1 (now 2); added rung 16 (now 17)"
        );
        assert_eq!(as_now("merged in rung 16.toml", &moved), "merged in rung 16.toml");
        assert_eq!(as_now("noted hesitation 1", &moved), "noted hesitation 1");
    }
}
